//! The words the place rules look for in the few bytes before a place
//! phrase (their context words, the words that block them, and the clause
//! breaks that end a context), found once per document.
//!
//! A place rule asks "where does this word last stand in the 80 bytes
//! before the phrase?" for each of its words at each of its phrases. Asked
//! of the text, that was a search per word per phrase: a tenth of all
//! extraction. Asked of the occurrences one scan found, it is a binary
//! search. The answers are the same: every occurrence of every word, at
//! any byte, overlapping ones included, is found.

use super::phrases::AutomatonError;
use super::rules::PlaceRule;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A word of [`PlaceWords`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordId(usize);

/// Each place rule's words, and the clause breaks, as ids into one list.
#[derive(Clone, Debug)]
pub struct PlaceWords {
    words: Vec<String>,
    clause_breaks: Vec<WordId>,
    /// By place rule: its context words and its blocking words.
    rules: Vec<(Vec<WordId>, Vec<WordId>)>,
    /// The non-empty words; pattern -> word.
    ac: AhoCorasick,
    pattern_word: Vec<WordId>,
}

impl PlaceWords {
    /// `clause_breaks` in the order they are applied.
    pub fn new(place: &[PlaceRule], clause_breaks: &[String]) -> Result<Self, AutomatonError> {
        let mut words: Vec<String> = Vec::new();
        let mut by_word = std::collections::HashMap::new();
        let mut id = |w: &String| {
            *by_word.entry(w.clone()).or_insert_with(|| {
                words.push(w.clone());
                WordId(words.len() - 1)
            })
        };
        let clause_breaks = clause_breaks.iter().map(&mut id).collect();
        let rules = place.iter().map(|r| (r.context.iter().map(&mut id).collect(), r.blocked_by.iter().map(&mut id).collect())).collect();
        let pattern_word: Vec<WordId> = (0..words.len()).filter(|&i| !words[i].is_empty()).map(WordId).collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pattern_word.iter().map(|w| &words[w.0]))
            .map_err(|e| AutomatonError { what: "place rule context words".into(), reason: e.to_string() })?;
        Ok(PlaceWords { words, clause_breaks, rules, ac, pattern_word })
    }

    pub fn clause_breaks(&self) -> &[WordId] {
        &self.clause_breaks
    }

    /// The context and blocking words of place rule `rule`.
    pub fn of_rule(&self, rule: usize) -> (&[WordId], &[WordId]) {
        let (context, blocked) = &self.rules[rule];
        (context, blocked)
    }

    pub fn len(&self, w: WordId) -> usize {
        self.words[w.0].len()
    }

    /// Where each word stands in `text`.
    pub fn occurrences(&self, text: &str) -> Occurrences<'_> {
        let mut starts = vec![Vec::new(); self.words.len()];
        for m in self.ac.find_overlapping_iter(text) {
            starts[self.pattern_word[m.pattern().as_usize()].0].push(m.start());
        }
        // the automaton reports by end; a word's starts are in order once sorted
        starts.iter_mut().for_each(|s| s.sort_unstable());
        Occurrences { words: self, starts }
    }
}

/// The occurrences of every word of a [`PlaceWords`] in one text.
pub struct Occurrences<'w> {
    words: &'w PlaceWords,
    starts: Vec<Vec<usize>>,
}

impl Occurrences<'_> {
    /// Where `w` last starts among the occurrences that lie wholly in
    /// `lo..hi`: what searching `text[lo..hi]` backwards would find (an
    /// empty word stands at `hi`).
    pub fn last_in(&self, w: WordId, lo: usize, hi: usize) -> Option<usize> {
        let len = self.words.len(w);
        if len == 0 {
            return Some(hi);
        }
        let starts = &self.starts[w.0];
        let n = starts.partition_point(|&s| s + len <= hi);
        starts[..n].last().copied().filter(|&s| s >= lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(context: &[&str], blocked: &[&str]) -> PlaceRule {
        PlaceRule {
            id: "t".into(),
            relation: crate::model::RelationKind::ArrestedIn,
            context: context.iter().map(|s| s.to_string()).collect(),
            blocked_by: blocked.iter().map(|s| s.to_string()).collect(),
            min_places: 1,
        }
    }

    /// Every word at every window of a text with repeats, overlaps and
    /// multi-byte characters: the same answer as a backwards search.
    #[test]
    fn last_in_answers_as_a_search_of_the_window_does() {
        let words = ["an", "ana", "nan", "é", "", ", and "];
        let p = PlaceWords::new(&[rule(&words, &["ana"])], &[", and ".to_string()]).unwrap();
        let text = "banana, and é ananas, and bananas éé";
        let occ = p.occurrences(text);
        let (context, _) = p.of_rule(0);
        for (k, word) in words.iter().enumerate() {
            for lo in 0..=text.len() {
                for hi in lo..=text.len() {
                    let expected = text.as_bytes()[lo..hi].windows(word.len().max(1)).rposition(|w| w == word.as_bytes()).map(|i| lo + i);
                    let expected = if word.is_empty() { Some(hi) } else { expected };
                    assert_eq!(occ.last_in(context[k], lo, hi), expected, "{word:?} in {lo}..{hi}");
                }
            }
        }
    }
}
