//! Why two operations told by different releases became one node: kept on
//! the merged entity, so that `show` can say which rule joined what, on
//! which days and countries, and an analyst can undo it (`keep_apart`).

use super::day::DayRange;
use super::ids::EntityId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The rule that joined two operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MergeRule {
    /// The same name written two ways ("Orion II" and "Orion 2", "Global
    /// Chain 2024" and "Global Chain" dated in 2024).
    SameName,
    /// Unnamed actions on overlapping days in mostly the same countries.
    DatesAndCountries,
}

impl MergeRule {
    pub fn as_str(self) -> &'static str {
        match self {
            MergeRule::SameName => "same-name",
            MergeRule::DatesAndCountries => "dates-and-countries",
        }
    }
}

impl fmt::Display for MergeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for MergeRule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "same-name" => Ok(MergeRule::SameName),
            "dates-and-countries" => Ok(MergeRule::DatesAndCountries),
            other => Err(format!("unknown merge rule '{}' (expected same-name or dates-and-countries)", other.escape_debug())),
        }
    }
}

impl Serialize for MergeRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MergeRule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// One join: two ids as the releases (or an earlier join) had them, and
/// the evidence the rule used. A node made of n releases carries n - 1 of
/// these, in the order they were made.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MergeNote {
    pub rule: MergeRule,
    /// The operation of one side (an id a release gave it).
    pub a: EntityId,
    /// The operation of the other side.
    pub b: EntityId,
    /// The countries both sides name (ISO codes), for `dates-and-countries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// How many countries either side names: `countries` of `of` is the agreement.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub of: usize,
    /// The days both sides give, for `dates-and-countries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<DayRange>,
    /// The two names, for `same-name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
