//! Ids. An entity id is a kind and a slug, written `kind:slug` everywhere
//! it leaves the program (`country:ro`, `agency:europol`); inside, the two
//! parts stay apart so that no stage parses the string back to learn the
//! kind. The same real-world entity gets the same id in every document and
//! run, which is what lets documents merge into one graph.

use super::kinds::{EntityKind, UnknownName};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// The slug is shared, not owned, for the reason [`DocId`] is: every fact
/// about an entity names it, and a clone is then a count, not a copy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntityId {
    pub kind: EntityKind,
    pub slug: Arc<str>,
}

impl EntityId {
    pub fn new(kind: EntityKind, slug: impl Into<Arc<str>>) -> Self {
        EntityId { kind, slug: slug.into() }
    }

    /// The id of the `n`th unnamed operation or group of a document: such
    /// actions are told apart per document, never merged across documents.
    pub fn unnamed(kind: EntityKind, doc: &DocId, n: usize) -> Self {
        EntityId::new(kind, format!("{}-{n}", doc.0))
    }

    /// An unnamed operation or group, numbered within its document.
    pub fn is_unnamed(&self) -> bool {
        matches!(self.kind, EntityKind::Operation | EntityKind::Ocg) && self.slug.starts_with("d-")
    }
}

/// Ids sort as their written form does (`agency:x` < `city:y` < `country:z`),
/// so files keep the order they always had.
impl Ord for EntityId {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.kind.as_str(), &self.slug).cmp(&(other.kind.as_str(), &other.slug))
    }
}

impl PartialOrd for EntityId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.slug)
    }
}

/// Why a written id is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadId {
    #[error("id '{}' is not kind:slug (for example agency:europol)", .0.escape_debug())]
    Shape(String),
    #[error(transparent)]
    Kind(#[from] UnknownName),
}

impl FromStr for EntityId {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (kind, slug) = t.split_once(':').ok_or_else(|| BadId::Shape(s.to_string()))?;
        if slug.is_empty() || slug.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BadId::Shape(s.to_string()));
        }
        let kind: EntityKind = kind.parse()?;
        if kind.as_str() != t.split(':').next().unwrap_or("") {
            // "agencies:x" parses as a kind name but is no id
            return Err(BadId::Shape(s.to_string()));
        }
        Ok(EntityId::new(kind, slug))
    }
}

impl Serialize for EntityId {
    /// `kind:slug` as one string, put together on the stack: going through
    /// `Display` cost a formatting call per piece, for every id of every
    /// entity and relation written.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (kind, slug) = (self.kind.as_str().as_bytes(), self.slug.as_bytes());
        let mut buf = [0u8; 128];
        match buf.get_mut(..kind.len() + 1 + slug.len()) {
            Some(id) => {
                id[..kind.len()].copy_from_slice(kind);
                id[kind.len()] = b':';
                id[kind.len() + 1..].copy_from_slice(slug);
                match std::str::from_utf8(id) {
                    Ok(id) => s.serialize_str(id),
                    Err(_) => s.collect_str(self),
                }
            }
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for EntityId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Id of a document: `d-` and the start of its content hash, so the same
/// text read from two places is recognised as one document.
///
/// Shared, not owned: every entity, relation and figure a document states
/// names it, a 100,000-release build holds millions of those, and a copy
/// of the id in each was a tenth of its memory.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub Arc<str>);

impl DocId {
    pub fn new(id: impl Into<Arc<str>>) -> Self {
        DocId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stack buffer and the fallback past its size write what `Display` writes.
    #[test]
    fn ids_serialize_as_their_display_at_every_length() {
        // "operation:" is 10 bytes: 118 more fill the buffer
        let slugs = ["x".repeat(117), "x".repeat(118), "x".repeat(119), "é\"x".repeat(29), "é\"x".repeat(30), "é\"x".repeat(75)];
        for slug in slugs {
            let id = EntityId::new(EntityKind::Operation, slug.as_str());
            assert_eq!(serde_json::to_string(&id).unwrap(), serde_json::to_string(&id.to_string()).unwrap(), "{slug}");
            assert_eq!(ron::to_string(&id).unwrap(), ron::to_string(&id.to_string()).unwrap(), "{slug}");
        }
    }

    #[test]
    fn ids_read_and_write_as_kind_colon_slug() {
        let id: EntityId = "agency:europol".parse().unwrap();
        assert_eq!(id, EntityId::new(EntityKind::Agency, "europol"));
        assert_eq!(id.to_string(), "agency:europol");
        assert!("europol".parse::<EntityId>().is_err());
        assert!("person:x".parse::<EntityId>().is_err());
        assert!("agencies:x".parse::<EntityId>().is_err());
        assert!("agency:".parse::<EntityId>().is_err());
    }

    #[test]
    fn ids_sort_as_written() {
        let mut ids: Vec<EntityId> =
            ["country:ro", "city:ro-bucharest", "agency:z", "ocg:d-1-1", "operation:a"].iter().map(|s| s.parse().unwrap()).collect();
        ids.sort();
        let written: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        let mut expect = written.clone();
        expect.sort();
        assert_eq!(written, expect);
    }
}
