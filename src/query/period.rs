//! A period a query is restricted to ("in 2024", "since March 2023"). The
//! graph holds no dates yet, so a query with a period is refused with the
//! query it would run without one; the period is still parsed, printed and
//! saved, so question, query file and answer agree once dates arrive.

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

fn days_in(year: u16, month: u8) -> u8 {
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

/// From `since` to `until`, both included; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "super::plain")]
    pub since: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "super::plain")]
    pub until: Option<Day>,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.since, self.until) {
            (Some(a), Some(b)) => write!(f, "{a} to {b}"),
            (Some(a), None) => write!(f, "since {a}"),
            (None, Some(b)) => write!(f, "until {b}"),
            (None, None) => f.write_str("all time"),
        }
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
}
