//! The document as the passes read it: its text, its sentences and its
//! headline. Read-only; every pass gets it.

use super::gazetteer::{DocPhrases, Gazetteer};
use super::sentences::sentences;
use crate::model::{ByteSpan, DocId};

pub struct DocText<'a> {
    pub text: &'a str,
    pub doc: &'a DocId,
    pub title: &'a str,
    pub sentences: Vec<ByteSpan>,
    /// The phrases of the whole-document lists, found in one scan.
    pub phrases: DocPhrases,
}

impl<'a> DocText<'a> {
    pub fn new(text: &'a str, doc: &'a DocId, title: &'a str, g: &Gazetteer) -> Self {
        DocText { text, doc, title, sentences: sentences(text, &g.words), phrases: g.phrases.scan(text) }
    }

    /// The sentence holding byte `pos` (a position between sentences belongs
    /// to the one before it).
    pub fn sentence_at(&self, pos: usize) -> ByteSpan {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        if i == 0 {
            return self.sentences.first().copied().unwrap_or(ByteSpan::new(0, self.text.len()));
        }
        let s = self.sentences[i - 1];
        ByteSpan::new(s.start, s.end.max(pos))
    }

    /// The text of a span.
    pub fn at(&self, span: ByteSpan) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The first words of the headline, to tell unnamed actions and groups
    /// of different releases apart.
    pub fn headline(&self) -> String {
        let words: Vec<&str> = self.title.split_whitespace().take(7).collect();
        let mut h = words.join(" ");
        if self.title.split_whitespace().count() > 7 {
            h.push('…');
        }
        h
    }
}
