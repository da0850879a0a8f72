//! Where in a text something was said. Offsets are UTF-8 byte offsets into
//! the document's text as read, always on character boundaries.

use super::ids::DocId;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A stretch of text by its byte offsets, without the text: what passes
/// hand to each other while a document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        ByteSpan { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// Does `self` lie inside `outer` (equal ends allowed)?
    pub fn within(self, outer: ByteSpan) -> bool {
        self.start >= outer.start && self.end <= outer.end
    }
    pub fn overlaps(self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(self, pos: usize) -> bool {
        pos >= self.start && pos < self.end
    }
    /// The text this span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// A stretch of a document's text: offsets and the text itself, so
/// `doc.text[start..end] == text` always holds. What the JSON contract shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Span {
    pub fn of(text: &str, span: ByteSpan) -> Self {
        Span { start: span.start, end: span.end, text: text[span.start..span.end].to_string() }
    }
    pub fn bytes(&self) -> ByteSpan {
        ByteSpan::new(self.start, self.end)
    }
}

/// One sentence of one document that states a relation, with the number
/// it states (arrests) when it states one, and the id of the rule that read
/// it there (so an analyst can judge the edge and a maintainer find the rule).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    /// Shared: a sentence stating two relations is one text, not two, and
    /// the sentences are most of what a large graph holds.
    pub text: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Shared for the same reason: a few hundred rules name millions of edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Arc<str>>,
    /// The sentence reports it with a hedge ("allegedly", "is suspected of"):
    /// `--no-hedged` leaves such evidence out. Absent in older graphs (false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}
