//! Phrase lists compiled into automata, so that finding every trigger in a
//! document costs one pass over its text however many phrases there are.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::ByteSpan;

/// One whole-word occurrence of a phrase of a [`PhraseSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseHit {
    /// Index of the phrase in the list the set was built from.
    pub phrase: usize,
    pub span: ByteSpan,
}

/// A phrase list compiled for ASCII-case-insensitive, whole-word search.
#[derive(Clone, Debug)]
pub struct PhraseSet {
    ac: AhoCorasick,
    /// Automaton pattern -> index in the list the set was built from.
    index: Vec<usize>,
}

/// Why an automaton could not be built (a pattern set too large for it).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{what}: {reason}")]
pub struct AutomatonError {
    pub what: String,
    pub reason: String,
}

impl PhraseSet {
    /// Empty phrases are left out (the loader refuses them in data files; an
    /// empty pattern would match everywhere, inside characters too).
    pub fn new<S: AsRef<str>>(what: &str, phrases: &[S]) -> Result<Self, AutomatonError> {
        let (index, patterns): (Vec<usize>, Vec<&str>) =
            phrases.iter().map(|p| p.as_ref()).enumerate().filter(|(_, p)| !p.trim().is_empty()).unzip();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| AutomatonError { what: what.to_string(), reason: e.to_string() })?;
        Ok(PhraseSet { ac, index })
    }

    /// Every whole-word occurrence, overlapping ones included, in text order
    /// (longest first at one start). A line break inside a phrase ("with the
    /// support\nof") matches as a space.
    pub fn find_all(&self, text: &str) -> Vec<PhraseHit> {
        if self.index.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<PhraseHit> = self
            .ac
            .find_overlapping_iter(aho_corasick::Input::new(SpacedBytes::new(text).as_bytes()))
            .filter(|m| text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) && word_bounded(text, m.start(), m.end()))
            .map(|m| PhraseHit { phrase: self.index[m.pattern().as_usize()], span: ByteSpan::new(m.start(), m.end()) })
            .collect();
        out.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end), h.phrase));
        out
    }

    /// Does any phrase occur (whole-word) in `text`?
    pub fn any_in(&self, text: &str) -> bool {
        !self.index.is_empty()
            && self
                .ac
                .find_overlapping_iter(text)
                .any(|m| text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) && word_bounded(text, m.start(), m.end()))
    }
}

/// The bytes of a text with tabs and line breaks as spaces: same length, so
/// every offset stays valid. Borrowed when there is nothing to replace.
struct SpacedBytes<'a>(std::borrow::Cow<'a, [u8]>);

impl<'a> SpacedBytes<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        if b.iter().any(|&c| matches!(c, b'\n' | b'\r' | b'\t')) {
            SpacedBytes(b.iter().map(|&c| if matches!(c, b'\n' | b'\r' | b'\t') { b' ' } else { c }).collect::<Vec<u8>>().into())
        } else {
            SpacedBytes(b.into())
        }
    }
    fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// True when the match neither starts nor ends inside a word. Patterns that
/// begin or end with punctuation ("-led") bound themselves on that side.
/// Offsets off a character boundary are never a match.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let (Some(inner), Some(before), Some(after)) = (text.get(start..end), text.get(..start), text.get(end..)) else {
        return false;
    };
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    (!is_word(inner.chars().next()) || !is_word(before.chars().next_back()))
        && (!is_word(inner.chars().next_back()) || !is_word(after.chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_across_line_breaks() {
        let set = PhraseSet::new("t", &["with the support of", "led"]).unwrap();
        let text = "Misled. With the support\nof Europol, INTERPOL-led";
        let hits: Vec<&str> = set.find_all(text).iter().map(|h| h.span.of(text)).collect();
        assert_eq!(hits, ["With the support\nof", "led"]);
    }

    #[test]
    fn empty_phrases_and_multibyte_text_never_panic() {
        let set = PhraseSet::new("t", &["", " ", "κ"]).unwrap();
        assert!(set.find_all("Κάτι ελληνικό κ 🙂").iter().all(|h| h.phrase == 2));
        assert!(!word_bounded("é", 1, 2));
    }
}
