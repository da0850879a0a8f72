//! Figures: the numbers releases state ("212 arrests", "six in Belgium and
//! two in Hungary"), what each counts and how sure the release is of it.
//! Kept apart from relations because a number is not an edge: two releases
//! stating one number must count once, and two stating different numbers
//! for the same fact are a conflict an analyst has to see.

use super::ids::{DocId, EntityId};
use super::kinds::UnknownName;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// What a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// People arrested or detained ("212 arrests", "arrested eight suspects").
    Arrests,
    /// Victims identified ("identified 216 potential victims").
    VictimsIdentified,
    /// Victims rescued, freed or safeguarded ("1,374 victims rescued").
    VictimsRescued,
    /// Searches and raids of premises ("45 house searches", "searched 30 premises").
    Searches,
    /// Things seized, counted per kind of thing (`item`): "seized 12
    /// vehicles" is 12 vehicles; "45 seizures" counts seizures themselves.
    Seizures,
}

impl Measure {
    pub const ALL: [Measure; 5] =
        [Measure::Arrests, Measure::VictimsIdentified, Measure::VictimsRescued, Measure::Searches, Measure::Seizures];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Arrests => "arrests",
            Measure::VictimsIdentified => "victims-identified",
            Measure::VictimsRescued => "victims-rescued",
            Measure::Searches => "searches",
            Measure::Seizures => "seizures",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Measure {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s).ok_or_else(|| UnknownName {
            what: "measure",
            given: s.to_string(),
            expected: Measure::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "),
        })
    }
}

/// How the release qualifies its number ("more than 200", "nearly 500").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    #[default]
    Exact,
    /// "more than", "over": above the number.
    MoreThan,
    /// "at least", "no fewer than": the number or above.
    AtLeast,
    /// "nearly", "almost", "close to": a little under the number, up to it.
    Nearly,
    /// "about", "around", "some": within a tenth of the number either way.
    About,
    /// "up to": the number or fewer.
    UpTo,
}

impl Bound {
    pub fn is_exact(&self) -> bool {
        *self == Bound::Exact
    }

    /// The words written before the number.
    pub fn words(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::MoreThan => "more than ",
            Bound::AtLeast => "at least ",
            Bound::Nearly => "nearly ",
            Bound::About => "about ",
            Bound::UpTo => "up to ",
        }
    }

    /// The values a number so qualified allows, both ends included (`None`:
    /// no upper end). Two statements of one fact conflict when their ranges
    /// do not meet.
    pub fn range(self, value: u32) -> (u64, Option<u64>) {
        let v = u64::from(value);
        match self {
            Bound::Exact => (v, Some(v)),
            Bound::MoreThan => (v + 1, None),
            Bound::AtLeast => (v, None),
            Bound::Nearly => (v - v / 10, Some(v)),
            Bound::About => (v - v / 10, Some(v + v.div_ceil(10))),
            Bound::UpTo => (0, Some(v)),
        }
    }
}

/// One figure a document states, as the graph keeps it: what it counts, the
/// operation and country it is about (where the sentence says), and the
/// sentence. Fields are in the order figures are sorted in a graph file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FigureRecord {
    /// The operation the sentence is about, if the release names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<EntityId>,
    pub measure: Measure,
    /// What was seized ("vehicles"); none for other measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The country the number is about ("six in Belgium"); none when it is
    /// about the whole operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<EntityId>,
    pub doc: DocId,
    /// The sentence that states it.
    pub start: usize,
    pub end: usize,
    pub value: u32,
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
    /// The figure as written ("six in Belgium", "2,517 arrests").
    pub said: String,
    /// Shared with the evidence of the same sentence, as [`Evidence`](crate::model::Evidence)'s is.
    pub text: Arc<str>,
    pub rule: Arc<str>,
    /// Said with a hedge ("reportedly"): `--no-hedged` leaves it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

impl FigureRecord {
    /// The number as the release qualifies it: "more than 200".
    pub fn stated(&self) -> String {
        format!("{}{}", self.bound.words(), group_digits(u64::from(self.value)))
    }
}

/// 2517 -> "2,517", as releases write their figures.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_qualified_numbers() {
        assert_eq!(Bound::Exact.range(40), (40, Some(40)));
        assert_eq!(Bound::MoreThan.range(200), (201, None));
        assert_eq!(Bound::Nearly.range(500), (450, Some(500)));
        assert_eq!(Bound::About.range(500), (450, Some(550)));
        assert_eq!(Bound::UpTo.range(7), (0, Some(7)));
        assert_eq!(group_digits(2517), "2,517");
        assert_eq!(group_digits(147668), "147,668");
        assert_eq!(group_digits(12), "12");
        assert_eq!("victims-rescued".parse::<Measure>(), Ok(Measure::VictimsRescued));
        assert!("rescues".parse::<Measure>().is_err());
    }
}
