//! The gazetteer's names searched in a text: leftmost-longest, whole words,
//! case-sensitive.
//!
//! Why not the automaton's own unanchored search: with thousands of names
//! it has no prefilter, so it steps through every byte of a release, and
//! that was a tenth of extraction. Names are case-sensitive and begin with
//! few different pairs of bytes (a capital and a small letter, "the "), so
//! the search here only starts the automaton, anchored, where the two bytes
//! there begin some name. That finds the same matches: the unanchored
//! search reports the leftmost position where some name matches, the
//! longest one there, and resumes after it; no name can match where the
//! text does not begin like one. (Starting at every byte that begins a name
//! was no faster: names also begin with "t", "e", "s" and "o".) Where the
//! pair begins only names of four bytes or more, the first four bytes must
//! begin one too: most capitalised words begin like some name, but few
//! begin like one for four bytes.

use super::phrases::{word_bounded, AutomatonError};
use super::{Hit, NameHit};
use crate::model::ByteSpan;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashSet;

/// Names compiled for [`NameSearch::find`], each with what it names.
#[derive(Clone, Debug)]
pub struct NameSearch {
    ac: AhoCorasick,
    hits: Vec<Hit>,
    /// The pairs of bytes some name begins with, as a bit set indexed by
    /// the two bytes; a one-byte name sets every pair its byte begins.
    pairs: Box<[u64; 1024]>,
    /// The one-byte names, for the text's last byte.
    single: [bool; 256],
    /// The first four bytes of every name that has four; pairs that begin
    /// a shorter name are in `short`, and need no second look.
    quads: FxHashSet<u32>,
    short: Box<[u64; 1024]>,
}

impl NameSearch {
    /// `names` are the (non-empty) forms, each with what it names.
    pub fn new(what: &str, names: &[&String], hits: Vec<Hit>) -> Result<Self, AutomatonError> {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(names)
            .map_err(|e| AutomatonError { what: what.into(), reason: e.to_string() })?;
        let (mut pairs, mut short, mut single) = (Box::new([0u64; 1024]), Box::new([0u64; 1024]), [false; 256]);
        let mut quads = FxHashSet::default();
        let set = |bits: &mut [u64; 1024], pair: usize| bits[pair / 64] |= 1 << (pair % 64);
        for n in names {
            match n.as_bytes() {
                [] => {}
                &[b] => {
                    single[usize::from(b)] = true;
                    for next in 0..256 {
                        set(&mut pairs, usize::from(b) << 8 | next);
                        set(&mut short, usize::from(b) << 8 | next);
                    }
                }
                &[b0, b1, ref rest @ ..] => {
                    let pair = usize::from(b0) << 8 | usize::from(b1);
                    set(&mut pairs, pair);
                    match rest {
                        &[b2, b3, ..] => {
                            quads.insert(u32::from_be_bytes([b0, b1, b2, b3]));
                        }
                        _ => set(&mut short, pair),
                    }
                }
            }
        }
        Ok(NameSearch { ac, hits, pairs, single, quads, short })
    }

    /// Every whole-word name in `text`, in text order.
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(start) = self.next_start(bytes, at) {
            let found = self.ac.find(Input::new(text).range(start..).anchored(Anchored::Yes));
            match found {
                Some(m) if m.end() > start => {
                    if word_bounded(text, m.start(), m.end()) {
                        out.push(NameHit { span: ByteSpan::new(m.start(), m.end()), hit: self.hits[m.pattern().as_usize()] });
                    }
                    at = m.end();
                }
                _ => at = start + 1,
            }
        }
        out
    }

    /// The first position from `at` where the text begins like some name.
    fn next_start(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let last = bytes.len().checked_sub(1)?;
        let has = |bits: &[u64; 1024], pair: usize| bits[pair / 64] & (1 << (pair % 64)) != 0;
        let begins = |i: usize| {
            let pair = usize::from(bytes[i]) << 8 | usize::from(bytes[i + 1]);
            has(&self.pairs, pair)
                && (has(&self.short, pair)
                    || bytes.get(i..i + 4).is_some_and(|q| self.quads.contains(&u32::from_be_bytes([q[0], q[1], q[2], q[3]]))))
        };
        (at..last).find(|&i| begins(i)).or_else(|| (at <= last && self.single[usize::from(bytes[last])]).then_some(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The automaton's own unanchored search, which [`NameSearch::find`] replaces.
    fn unanchored(names: &[&String], text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(names).unwrap();
        ac.find_iter(text)
            .filter(|m| word_bounded(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    fn anchored(names: &[&String], text: &str) -> Vec<(usize, usize, usize)> {
        let search = NameSearch::new("t", names, (0..names.len()).map(Hit::Agency).collect()).unwrap();
        search
            .find(text)
            .into_iter()
            .map(|h| match h.hit {
                Hit::Agency(i) => (h.span.start, h.span.end, i),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn finds_what_the_unanchored_search_finds() {
        let names: Vec<String> =
            ["Niger", "Nigeria", "the Netherlands", "Europol", "Euro", "ΕΛ.ΑΣ.", "Δ", "rope", "Police Scotland", "Scotland Yard", "X"]
                .map(String::from)
                .to_vec();
        let names: Vec<&String> = names.iter().collect();
        for text in [
            "Nigeria and Niger; the Netherlands, xEuropol Europol Europe",
            "EuropolEuropol Europ Euro-pol ΕΛ.ΑΣ. Δ ΔΔ the Netherlandsx Police Scotland’s",
            "",
            "Niger",
            "xPolice Scotland Yard, Police Scotland Yard X",
            "X",
        ] {
            assert_eq!(anchored(&names, text), unanchored(&names, text), "{text:?}");
        }
    }

    proptest! {
        /// Texts drawn from pieces of the names, Greek, Cyrillic, CJK, emoji
        /// and combining marks: names inside words, overlapping and adjacent.
        #[test]
        fn finds_what_the_unanchored_search_finds_anywhere(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("Niger"), Just("ia"), Just("Nigeria"), Just("the "), Just("Netherlands"), Just("Euro"),
                    Just("pol"), Just(" "), Just("."), Just("Δ"), Just("Ελλάδα"), Just("Москва"), Just("北京"),
                    Just("🙂"), Just("e\u{301}"), Just("ΕΛ.ΑΣ."), Just("x"),
                ],
                0..24,
            )
        ) {
            let names: Vec<String> = ["Niger", "Nigeria", "the Netherlands", "Europol", "Euro", "ΕΛ.ΑΣ.", "Δ", "rope", "iger", "x", "."]
                .map(String::from)
                .to_vec();
            let names: Vec<&String> = names.iter().collect();
            let text: String = pieces.concat();
            prop_assert_eq!(anchored(&names, &text), unanchored(&names, &text));
        }
    }
}
