//! What extraction yields for one document: the `extract` JSON contract of
//! SCHEMA.md (entities with their mentions, relations with the sentences
//! that state them).

use crate::model::{Day, DocId, EntityId, EntityKind, RelationKind, Span, When};
use serde::{Deserialize, Serialize};

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One entity as found in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedEntity {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    /// ISO code of the country a national body or city belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub mentions: Vec<Span>,
    /// When an operation happened, as this document tells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
}

/// One relation as stated in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedRelation {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
    pub count: Option<u32>,
    /// The rule that read its first piece of evidence (each piece names its own).
    pub rule: String,
    pub evidence: Vec<RuleSpan>,
}

/// A sentence stating a relation, and the id of the rule that read it
/// (`agent-after:coordinated:coordinated by`, `authority-list`...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RuleSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    /// Other rules that read the same relation in the same sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// The sentence says it with a hedge ("allegedly", "is suspected of"):
    /// reported, not asserted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

/// What one document yields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub id: DocId,
    pub path: String,
    pub title: String,
    /// For a file holding several articles: which one (1-based), and where
    /// it starts in the file. Offsets below are into the article's text, so
    /// a position in the file is `offset + start`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset: usize,
    /// The day the release was published (its date line, page metadata or `--date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Day>,
    pub entities: Vec<ExtractedEntity>,
    pub relations: Vec<ExtractedRelation>,
    /// The figures it states (`extract::counts`): an extra field of the contract.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<super::counts::ExtractedFigure>,
}
