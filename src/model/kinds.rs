//! Entity and relation kinds: the ontology of `SCHEMA.md`, with the facts
//! about each relation (which kinds may be its source and target) stated
//! once here rather than in each rule family that produces it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an entity is. The first four are scored by the evaluation; the
/// rest are produced to keep context (a city places an arrest, a region is
/// recognised so that it is *not* taken for a country).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Agency,
    Country,
    Operation,
    Ocg,
    City,
    Region,
    Crime,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Agency,
        EntityKind::Country,
        EntityKind::Operation,
        EntityKind::Ocg,
        EntityKind::City,
        EntityKind::Region,
        EntityKind::Crime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Agency => "agency",
            EntityKind::Country => "country",
            EntityKind::Operation => "operation",
            EntityKind::Ocg => "ocg",
            EntityKind::City => "city",
            EntityKind::Region => "region",
            EntityKind::Crime => "crime",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a kind or relation name that is not in the ontology.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{}' (expected one of: {expected})", given.escape_debug())]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

impl FromStr for EntityKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        EntityKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == t || (t.ends_with('s') && k.as_str() == &t[..t.len() - 1]))
            .or(if t == "agencies" {
                Some(EntityKind::Agency)
            } else if t == "countries" {
                Some(EntityKind::Country)
            } else {
                None
            })
            .ok_or_else(|| UnknownName {
                what: "entity kind",
                given: s.to_string(),
                expected: EntityKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "),
            })
    }
}

/// A directed relation of the ontology (`../SCHEMA.md`): source -> target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    Coordinated,
    Supported,
    ParticipatedIn,
    ArrestedIn,
    VictimsFrom,
    ExploitedIn,
    ActiveIn,
    Targeted,
    BasedIn,
    /// Victims or migrants were moved through the country on their way
    /// ("via Austria"): an extra kind beside the nine of SCHEMA.md, which
    /// score.py does not score.
    Transited,
}

impl RelationKind {
    pub const ALL: [RelationKind; 10] = [
        RelationKind::Coordinated,
        RelationKind::Supported,
        RelationKind::ParticipatedIn,
        RelationKind::ArrestedIn,
        RelationKind::VictimsFrom,
        RelationKind::ExploitedIn,
        RelationKind::ActiveIn,
        RelationKind::Targeted,
        RelationKind::BasedIn,
        RelationKind::Transited,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Coordinated => "coordinated",
            RelationKind::Supported => "supported",
            RelationKind::ParticipatedIn => "participated-in",
            RelationKind::ArrestedIn => "arrested-in",
            RelationKind::VictimsFrom => "victims-from",
            RelationKind::ExploitedIn => "exploited-in",
            RelationKind::ActiveIn => "active-in",
            RelationKind::Targeted => "targeted",
            RelationKind::BasedIn => "based-in",
            RelationKind::Transited => "transited",
        }
    }
}

impl RelationKind {
    /// Kinds that may be the source of this relation (SCHEMA.md).
    pub fn sources(self) -> &'static [EntityKind] {
        use EntityKind::*;
        match self {
            RelationKind::Coordinated | RelationKind::ParticipatedIn => &[Agency, Country],
            RelationKind::Supported | RelationKind::BasedIn => &[Agency],
            RelationKind::ArrestedIn | RelationKind::Targeted => &[Operation],
            RelationKind::VictimsFrom | RelationKind::ExploitedIn | RelationKind::Transited => &[Operation, Ocg],
            RelationKind::ActiveIn => &[Ocg],
        }
    }

    /// The kind of this relation's target (SCHEMA.md).
    pub fn target(self) -> EntityKind {
        match self {
            RelationKind::Coordinated | RelationKind::Supported | RelationKind::ParticipatedIn => EntityKind::Operation,
            RelationKind::Targeted => EntityKind::Ocg,
            _ => EntityKind::Country,
        }
    }

    /// True when the place (a country) is the target and the action the
    /// source: arrests, victims and activity point from the operation or
    /// group to the country, while agents point to the operation.
    pub fn points_to_place(self) -> bool {
        self.target() == EntityKind::Country
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        RelationKind::ALL.iter().copied().find(|k| k.as_str() == t).ok_or_else(|| UnknownName {
            what: "relation",
            given: s.to_string(),
            expected: RelationKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "),
        })
    }
}

/// Kinds and relations are written as their schema names ("agency",
/// "participated-in") in every format, RON included, so that graph files
/// read the same as the JSON contract and a typo is reported by name.
macro_rules! serde_by_name {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_by_name!(EntityKind);
serde_by_name!(RelationKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_relations_parse_from_their_names() {
        assert_eq!("agency".parse::<EntityKind>().unwrap(), EntityKind::Agency);
        assert_eq!("agencies".parse::<EntityKind>().unwrap(), EntityKind::Agency);
        assert_eq!("participated-in".parse::<RelationKind>().unwrap(), RelationKind::ParticipatedIn);
        let err = "person".parse::<EntityKind>().unwrap_err();
        assert!(err.to_string().contains("agency, country"));
    }

    #[test]
    fn every_relation_knows_its_ends() {
        assert_eq!(RelationKind::Supported.sources(), &[EntityKind::Agency]);
        assert_eq!(RelationKind::ArrestedIn.target(), EntityKind::Country);
        assert!(!RelationKind::Coordinated.points_to_place());
        assert!(RelationKind::VictimsFrom.points_to_place());
    }
}
