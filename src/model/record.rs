//! The records of a stored graph: what the graph file holds for each
//! document, entity and relation. Resolution produces them, the store
//! writes and reads them, queries and exports read them.

use super::day::{Day, DayRange, When};
use super::ids::{DocId, EntityId};
use super::kinds::{EntityKind, RelationKind};
use super::merged::MergeNote;
use super::span::Evidence;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A document as the graph remembers it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: DocId,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// SHA-256 of the article text.
    pub hash: String,
    /// The day it was published (its date line, page metadata or `--date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Day>,
}

/// What one document said about one entity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntitySource {
    pub doc: DocId,
    /// The id the extractor gave it in that document, before resolution.
    pub id: EntityId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Byte offset of the first mention in that document.
    pub first: usize,
    /// When an operation happened, as that document tells it. Boxed: only
    /// operations have one, and inline it made every source of every
    /// other entity (most of the sources of a large graph) a third larger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Box<When>>,
}

/// One resolved entity: a node of the graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO code of the country of a national body or city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Set by curation: survives rebuilds and wins over what text says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub curated: bool,
    pub sources: Vec<EntitySource>,
    /// How operations told by several releases were joined into this one
    /// (`resolve::operations`); empty for everything else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<MergeNote>,
}

impl EntityRecord {
    /// Distinct documents that mention the entity.
    pub fn documents(&self) -> BTreeSet<&DocId> {
        self.sources.iter().map(|s| &s.doc).collect()
    }

    /// When it happened: from the earliest to the latest day its documents give.
    pub fn when(&self) -> Option<DayRange> {
        self.sources.iter().filter_map(|s| s.when.as_deref().map(When::range)).reduce(|a, b| a.union(&b))
    }
}

/// One resolved relation: an edge, with every sentence that states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
    /// The number stated (arrests), when every piece of evidence that
    /// states one states the same; per-evidence counts are kept below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// How many distinct documents state it.
    pub documents: usize,
    pub evidence: Vec<Evidence>,
}
