//! Calendar days and ranges of them: the dates releases give for what
//! happened and when they were published. Written `YYYY-MM-DD` everywhere
//! (graph, JSON, flags), so they sort as text too.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// A valid day, or `None` (month 13, 30 February...).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in(year, month)).then_some(Day { year, month, day })
    }

    pub fn first_of(year: u16, month: u8) -> Option<Day> {
        Day::new(year, month, 1)
    }

    pub fn last_of(year: u16, month: u8) -> Option<Day> {
        Day::new(year, month, days_in(year, month))
    }
}

pub fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Day {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{}' is not a day written YYYY-MM-DD", s.escape_debug());
        let mut parts = s.trim().splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<u16>().ok());
        let (y, m, d) = (next().ok_or_else(bad)?, next().ok_or_else(bad)?, next().ok_or_else(bad)?);
        let (m, d) = (u8::try_from(m).map_err(|_| bad())?, u8::try_from(d).map_err(|_| bad())?);
        Day::new(y, m, d).ok_or_else(bad)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

impl Day {
    /// Days since 0000-03-01 (a proleptic Gregorian count), to step by days.
    fn ordinal(self) -> i64 {
        let (y, m) =
            if self.month <= 2 { (self.year as i64 - 1, self.month as i64 + 9) } else { (self.year as i64, self.month as i64 - 3) };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + self.day as i64 - 1
    }

    fn from_ordinal(n: i64) -> Option<Day> {
        let mut y = (10000 * n + 14780) / 3652425;
        let mut doy = n - (365 * y + y / 4 - y / 100 + y / 400);
        if doy < 0 {
            y -= 1;
            doy = n - (365 * y + y / 4 - y / 100 + y / 400);
        }
        let mi = (100 * doy + 52) / 3060;
        let month = (mi + 2) % 12 + 1;
        let year = y + (mi + 2) / 12;
        let day = doy - (mi * 306 + 5) / 10 + 1;
        Day::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The day `n` days later (earlier when negative), if it is a day casegraph can write.
    pub fn plus(self, n: i32) -> Option<Day> {
        Day::from_ordinal(self.ordinal() + n as i64)
    }
}

/// From `from` to `to`, both included: one day, several, a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DayRange {
    pub from: Day,
    pub to: Day,
}

impl DayRange {
    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// The smallest range holding both.
    pub fn union(&self, other: &DayRange) -> DayRange {
        DayRange { from: self.from.min(other.from), to: self.to.max(other.to) }
    }
}

impl fmt::Display for DayRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{} to {}", self.from, self.to)
        }
    }
}

/// When an operation happened as one document tells it: the range, the
/// words it was read from, and where they are.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct When {
    pub from: Day,
    pub to: Day,
    /// The date as written ("between 8 and 12 November 2021"), or
    /// "release date" when the document gives none for the operation and
    /// its own date stands in.
    pub said: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

impl When {
    pub fn range(&self) -> DayRange {
        DayRange { from: self.from, to: self.to }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked_and_written_as_iso() {
        assert_eq!(Day::last_of(2024, 2).unwrap().to_string(), "2024-02-29");
        assert_eq!(Day::last_of(2023, 2).unwrap().to_string(), "2023-02-28");
        assert!(Day::new(2023, 13, 1).is_none() && Day::new(2023, 4, 31).is_none());
        assert_eq!("2023-03-01".parse::<Day>().unwrap(), Day::first_of(2023, 3).unwrap());
        assert!("2023-3".parse::<Day>().is_err() && "x".parse::<Day>().is_err() && "2023-02-30".parse::<Day>().is_err());
    }

    #[test]
    fn days_step_across_months_years_and_leap_days() {
        let d = |s: &str| s.parse::<Day>().unwrap();
        assert_eq!(d("2024-03-01").plus(-1), Some(d("2024-02-29")));
        assert_eq!(d("2023-12-31").plus(1), Some(d("2024-01-01")));
        assert_eq!(d("2024-07-10").plus(-7), Some(d("2024-07-03")));
        assert_eq!(d("2000-01-01").plus(366), Some(d("2001-01-01")));
    }
}
