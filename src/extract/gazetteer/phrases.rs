//! Phrase lists compiled into automata, so that finding every trigger in a
//! document costs one pass over its text however many phrases there are.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::model::ByteSpan;

/// One whole-word occurrence of a phrase of a [`PhraseSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseHit {
    /// Index of the phrase in the list the set was built from.
    pub phrase: usize,
    pub span: ByteSpan,
}

/// A phrase list as the automata take it: its non-empty phrases, each with
/// its index in the list it was built from. Lists searched only in whole
/// documents need no automaton of their own ([`PhraseScan`] has one).
#[derive(Clone, Debug)]
pub struct PhraseList {
    /// Automaton pattern -> index in the list the set was built from.
    index: Vec<usize>,
    patterns: Vec<String>,
}

impl PhraseList {
    /// Empty phrases are left out (the loader refuses them in data files; an
    /// empty pattern would match everywhere, inside characters too).
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let (index, patterns) =
            phrases.iter().map(|p| p.as_ref()).enumerate().filter(|(_, p)| !p.trim().is_empty()).map(|(i, p)| (i, p.to_string())).unzip();
        PhraseList { index, patterns }
    }
}

/// A phrase list compiled for ASCII-case-insensitive, whole-word search.
#[derive(Clone, Debug)]
pub struct PhraseSet {
    ac: AhoCorasick,
    list: PhraseList,
    /// Automaton pattern -> the indices of the phrases it stands for.
    fan: Vec<Vec<usize>>,
}

/// Why an automaton could not be built (a pattern set too large for it).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{what}: {reason}")]
pub struct AutomatonError {
    pub what: String,
    pub reason: String,
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(what: &str, phrases: &[S]) -> Result<Self, AutomatonError> {
        let list = PhraseList::new(phrases);
        let (patterns, fan) = distinct(list.patterns.iter().zip(&list.index).map(|(p, &i)| (p.as_str(), i)));
        let ac = automaton(what, &patterns, None)?;
        Ok(PhraseSet { ac, list, fan })
    }

    /// Its phrases, for a [`PhraseScan`] that searches them with others.
    pub fn list(&self) -> &PhraseList {
        &self.list
    }

    /// Every whole-word occurrence, overlapping ones included, in text order
    /// (longest first at one start). A line break inside a phrase ("with the
    /// support\nof") matches as a space.
    pub fn find_all(&self, text: &str) -> Vec<PhraseHit> {
        let mut out = Vec::new();
        if self.list.index.is_empty() {
            return out;
        }
        for_whole_word_matches(&self.ac, text, |pattern, span| {
            out.extend(self.fan[pattern].iter().map(|&phrase| PhraseHit { phrase, span }))
        });
        in_text_order(&mut out);
        out
    }

    /// Does any phrase occur (whole-word) in `text`?
    pub fn any_in(&self, text: &str) -> bool {
        !self.list.index.is_empty()
            && self
                .ac
                .find_overlapping_iter(text)
                .any(|m| text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) && word_bounded(text, m.start(), m.end()))
    }
}

/// The automaton every phrase search uses: ASCII-case-insensitive, every
/// match reported (overlapping ones too); of the builder's choice of kind
/// unless `kind` is given.
fn automaton(what: &str, patterns: &[String], kind: Option<AhoCorasickKind>) -> Result<AhoCorasick, AutomatonError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(patterns)
        .map_err(|e| AutomatonError { what: what.to_string(), reason: e.to_string() })
}

/// Each distinct pattern once (ASCII case aside: the automata ignore it),
/// with what each stands for. A phrase several rules share ("in" is the
/// phrase of five place rules) made the automaton report every occurrence
/// five times over, inside words too, before the word test threw four
/// fifths of them away: that was most of the document scan.
fn distinct<'p, T>(patterns: impl IntoIterator<Item = (&'p str, T)>) -> (Vec<String>, Vec<Vec<T>>) {
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut unique, mut fan): (Vec<String>, Vec<Vec<T>>) = (Vec::new(), Vec::new());
    for (p, t) in patterns {
        let k = *at.entry(p.to_ascii_lowercase()).or_insert_with(|| {
            unique.push(p.to_string());
            fan.push(Vec::new());
            unique.len() - 1
        });
        fan[k].push(t);
    }
    (unique, fan)
}

/// Every whole-word match of an automaton in `text`, given to `found` as
/// (pattern, span) in the automaton's order.
fn for_whole_word_matches(ac: &AhoCorasick, text: &str, mut found: impl FnMut(usize, ByteSpan)) {
    let spaced = SpacedBytes::new(text);
    for m in ac.find_overlapping_iter(aho_corasick::Input::new(spaced.as_bytes())) {
        if text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) && word_bounded(text, m.start(), m.end()) {
            found(m.pattern().as_usize(), ByteSpan::new(m.start(), m.end()));
        }
    }
}

/// Text order, the longest first at one start.
fn in_text_order(hits: &mut [PhraseHit]) {
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end), h.phrase));
}

/// The phrase lists the passes search whole documents for. Each is
/// searched once per document, all together ([`PhraseScan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocList {
    AgentTriggers,
    PlaceTriggers,
    NounTriggers,
    AuthorityNouns,
    OperationTerms,
    ArrestWords,
    GroupTerms,
    GroupBackrefs,
    NegationCues,
    NegationExceptions,
    HedgeCues,
}

impl DocList {
    const ALL: [DocList; 11] = [
        DocList::AgentTriggers,
        DocList::PlaceTriggers,
        DocList::NounTriggers,
        DocList::AuthorityNouns,
        DocList::OperationTerms,
        DocList::ArrestWords,
        DocList::GroupTerms,
        DocList::GroupBackrefs,
        DocList::NegationCues,
        DocList::NegationExceptions,
        DocList::HedgeCues,
    ];
}

/// Several [`PhraseSet`]s joined into one automaton, so that a document is
/// scanned once for all of them: a scan per set, eight of them, was the
/// largest single cost of extraction. What it finds for each set is exactly
/// what that set's [`PhraseSet::find_all`] finds.
#[derive(Clone, Debug)]
pub struct PhraseScan {
    ac: AhoCorasick,
    /// Automaton pattern -> the lists it is in, with its index in each.
    of: Vec<Vec<(DocList, usize)>>,
}

impl PhraseScan {
    /// `phrases` gives the phrases of each list.
    pub fn new<'p>(phrases: impl Fn(DocList) -> &'p PhraseList) -> Result<Self, AutomatonError> {
        let all = DocList::ALL.into_iter().flat_map(|list| {
            let p = phrases(list);
            p.patterns.iter().zip(&p.index).map(move |(pattern, &i)| (pattern.as_str(), (list, i)))
        });
        let (patterns, of) = distinct(all);
        // a DFA: with the contiguous NFA the builder picks for this many
        // patterns, the scan took 1.5 times the instructions
        let ac = automaton("document phrases", &patterns, Some(AhoCorasickKind::DFA))?;
        Ok(PhraseScan { ac, of })
    }

    /// The hits of every list in `text`, each list in text order.
    pub fn scan(&self, text: &str) -> DocPhrases {
        let mut hits: [Vec<PhraseHit>; DocList::ALL.len()] = Default::default();
        for_whole_word_matches(&self.ac, text, |pattern, span| {
            for &(list, phrase) in &self.of[pattern] {
                hits[list as usize].push(PhraseHit { phrase, span });
            }
        });
        hits.iter_mut().for_each(|h| in_text_order(h));
        DocPhrases { hits }
    }
}

/// What [`PhraseScan::scan`] found in one document.
#[derive(Clone, Debug, Default)]
pub struct DocPhrases {
    hits: [Vec<PhraseHit>; DocList::ALL.len()],
}

impl DocPhrases {
    /// The hits of one list, in text order (the longest first at one start).
    pub fn of(&self, list: DocList) -> &[PhraseHit] {
        &self.hits[list as usize]
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

    /// One scan for all the lists finds, for each list, what that list's own
    /// automaton finds: phrases shared between lists, repeated in a list,
    /// overlapping, empty, across a line break and next to multi-byte text.
    #[test]
    fn one_scan_finds_what_each_list_finds_alone() {
        let phrases: Vec<Vec<&str>> = vec![
            vec!["with the support of", "support", "the support"],
            vec!["in", "arrested in", "in"],
            vec!["network", ""],
            vec!["police", "support of"],
            vec!["action day", "day"],
            vec!["arrest", "arrested"],
            vec!["criminal network", "network"],
            vec!["the group", "group"],
            vec!["not", "did not"],
            vec!["not only"],
            vec!["allegedly", "suspected of", "of"],
        ];
        let lists: Vec<PhraseList> = phrases.iter().map(|p| PhraseList::new(p)).collect();
        let scan = PhraseScan::new(|l| &lists[DocList::ALL.iter().position(|&x| x == l).unwrap()]).unwrap();
        let text = "With the support\nof Europol, police arrested in Spain the group's ΑΣ network; \
            a criminal network in Ελλάδα. Action day: arrests (arrested in) support of supporters in-group. \
            They did not only act, allegedly; NOT suspected\nof it.";
        let found = scan.scan(text);
        for (k, list) in DocList::ALL.iter().enumerate() {
            assert_eq!(found.of(*list), PhraseSet::new("t", &phrases[k]).unwrap().find_all(text), "{list:?}");
        }
    }

    #[test]
    fn empty_phrases_and_multibyte_text_never_panic() {
        let set = PhraseSet::new("t", &["", " ", "κ"]).unwrap();
        assert!(set.find_all("Κάτι ελληνικό κ 🙂").iter().all(|h| h.phrase == 2));
        assert!(!word_bounded("é", 1, 2));
    }
}
