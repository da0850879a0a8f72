//! A period a query is restricted to ("in 2024", "since March 2023"): the
//! query runs on the graph narrowed to it (see [`super::Filter`]), as
//! `--since` / `--until` do.

pub use crate::model::Day;
use serde::{Deserialize, Serialize};
use std::fmt;

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

impl Period {
    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Does the period share a day with `from..=to`?
    pub fn meets(&self, from: Day, to: Day) -> bool {
        self.since.is_none_or(|s| to >= s) && self.until.is_none_or(|u| from <= u)
    }
}
