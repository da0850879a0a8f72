//! Stage 2: a [`Document`] -> the entities and relations it states, each
//! with the sentence that states it.
//!
//! Extraction is a fixed list of passes, each in its own file, each taking
//! the products of earlier passes and returning its own (the types enforce
//! the order):
//!
//! 1. [`lists`]: `Country: body; body` authority lines -> [`lists::AuthorityLists`]
//! 2. [`names`]: list bodies, gazetteer names and capitalised runs
//!    ([`runs`]) -> [`names::Names`]
//! 3. [`acronyms`]: "Long Name (ACR)" and bare uses of ACR -> `Names`
//! 4. [`placement`]: a country for bodies found by pattern -> `Names`
//! 5. [`operations`] and [`groups`] -> their own tables
//! 6. [`mentions`]: all of them joined and indexed -> [`mentions::Mentions`]
//! 7. [`relations`]: one function per rule family -> a relation set; then
//!    [`negation`]: what a negated sentence states is dropped, what a
//!    hedged one states is flagged -> the relation set and its hedges
//! 8. [`assemble`]: ids, merging, exact spans -> [`Extraction`]
//! 9. [`dates`]: the release's date and each operation's -> `Extraction`
//! 10. [`counts`]: the figures it states (arrests, victims, searches,
//!     seizures) -> `Extraction`
//!
//! What is data and what is code: every word the rules read (head nouns,
//! list words, months, number words, trigger phrases...) is in
//! `src/extract/data/*.ron`, loaded and validated by [`gazetteer`], and a
//! user file can add to any of it. The shapes of words ([`words`]), the
//! grammar of lists and clauses (`relations/clauses.rs`) and the rule
//! families in `relations/` are code; each family and each trigger carries
//! examples in `data/rules.ron` that `tests/rules.rs` runs.
//!
//! ```
//! use casegraph::extract::{Extractor, Gazetteer};
//! use casegraph::ingest::Document;
//! let ex = Extractor::new(Gazetteer::builtin().unwrap());
//! let doc = Document::new("x.txt", "With the support of Eurojust, authorities in Belgium and Hungary \
//!     arrested eight suspects during a joint action day: six in Belgium and two in Hungary.");
//! let out = ex.extract(&doc);
//! let triples: Vec<String> = out.relations.iter()
//!     .map(|r| format!("{} {} {}", r.source, r.relation, r.target)).collect();
//! assert!(triples.iter().any(|t| t.starts_with("agency:eurojust supported operation:")));
//! assert!(out.relations.iter().any(|r| r.target.to_string() == "country:be" && r.count == Some(6)));
//! ```

pub mod acronyms;
mod assemble;
pub mod counts;
mod dates;
mod document;
mod entities;
pub mod gazetteer;
mod groups;
mod lists;
mod mentions;
mod names;
mod negation;
mod operations;
mod output;
mod placement;
mod relations;
mod runs;
pub mod sentences;
mod words;

pub use counts::ExtractedFigure;
pub use gazetteer::{Gazetteer, GazetteerError, GazetteerFile};
pub use output::{ExtractedEntity, ExtractedRelation, Extraction, RuleSpan};

use crate::ingest::Document;

/// The extractor: a compiled gazetteer, applied to one document at a time.
/// It holds no per-document state, so one instance serves a whole corpus
/// (from several threads at once).
pub struct Extractor {
    gaz: Gazetteer,
    /// None only if the date words make no pattern (then nothing is dated).
    dates: Option<dates::Reader>,
    /// None only if the built-in figure data fails to load (a test checks it does).
    counts: Option<counts::Reader>,
}

impl Extractor {
    pub fn new(gaz: Gazetteer) -> Self {
        let dates = dates::Reader::new(&gaz.words.lists);
        Extractor { gaz, dates, counts: counts::Reader::builtin().ok() }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    pub fn extract(&self, doc: &Document) -> Extraction {
        let g = &self.gaz;
        let d = document::DocText::new(&doc.text, &doc.id, &doc.title, g);
        let mentions = self.mentions(&d);
        let relations = relations::find(g, &d, &mentions);
        let (relations, hedges) = negation::apply(g, &d, &mentions, relations);
        let mut x = assemble::extraction(g, doc, &d, &mentions, &relations, &hedges);
        if let Some(r) = &self.dates {
            dates::annotate(r, doc, &d.sentences, &mut x);
        }
        if let Some(r) = &self.counts {
            counts::annotate(r, g, &d, &mentions, &mut x);
        }
        x
    }

    /// The bodies (agencies) [`Self::extract`] lists for `doc`, in its
    /// order, read without relations, dates or figures: what learning the
    /// acronyms releases define needs, at a fraction of a whole reading,
    /// so that a build reads each release once.
    pub fn bodies(&self, doc: &Document) -> Vec<ExtractedEntity> {
        let d = document::DocText::new(&doc.text, &doc.id, &doc.title, &self.gaz);
        assemble::bodies(&self.gaz, &d, &self.mentions(&d))
    }

    /// Every name, operation and group the text mentions.
    fn mentions(&self, d: &document::DocText) -> mentions::Mentions {
        let g = &self.gaz;
        let lists = lists::find(g, d);
        let names = names::find(g, d, &lists);
        let names = acronyms::link(g, d, names);
        let names = placement::place(g, d, names);
        let ops = operations::find(g, d, &names);
        let groups = groups::find(g, d, &names);
        mentions::Mentions::combine(names, ops, groups)
    }
}

#[cfg(test)]
mod tests;
