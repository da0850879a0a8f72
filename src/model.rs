//! The ontology shared by every stage: entity and relation kinds, ids, and
//! the evidence that ties a fact to the sentence stating it.
//!
//! These types live apart from the stages so that a later stage can name
//! them without depending on an earlier stage's internals.

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
}

impl RelationKind {
    pub const ALL: [RelationKind; 9] = [
        RelationKind::Coordinated,
        RelationKind::Supported,
        RelationKind::ParticipatedIn,
        RelationKind::ArrestedIn,
        RelationKind::VictimsFrom,
        RelationKind::ExploitedIn,
        RelationKind::ActiveIn,
        RelationKind::Targeted,
        RelationKind::BasedIn,
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
        }
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

/// Stable id of an entity, `kind:slug` (`country:ro`, `agency:europol`).
/// The same real-world entity gets the same id in every document and run,
/// which is what lets documents merge into one graph.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    pub fn new(kind: EntityKind, slug: &str) -> Self {
        EntityId(format!("{}:{}", kind.as_str(), slug))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Id of a document: `d-` and the start of its content hash, so the same
/// text read from two places is recognised as one document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A stretch of a document's text: UTF-8 byte offsets and the text itself,
/// so `doc.text[start..end] == text` always holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Span {
    pub fn of(text: &str, start: usize, end: usize) -> Self {
        Span { start, end, text: text[start..end].to_string() }
    }
}

/// One sentence of one document that states a relation, with the number
/// it states (arrests) when it states one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// Lower-case ASCII slug for ids: letters and digits, runs of anything else
/// become one hyphen. Accents are folded so "Policía" and "Policia" agree.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

/// Fold the common Latin accents to ASCII. Enough for ids and fuzzy
/// lookups; names themselves keep their accents.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' | 'ș' | 'ş' => 's',
        'Ś' | 'Š' | 'Ș' | 'Ş' => 'S',
        'ț' | 'ţ' | 'ť' => 't',
        'Ț' | 'Ţ' | 'Ť' => 'T',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'Ř' => 'R',
        'ď' => 'd',
        'Ď' => 'D',
        'ğ' => 'g',
        'Ğ' => 'G',
        other => other,
    }
}

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
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Policía Nacional"), "policia-nacional");
        assert_eq!(slug("Public Prosecutor’s Office of Lecce"), "public-prosecutors-office-of-lecce");
        assert_eq!(slug("  WEKA II "), "weka-ii");
    }
}
