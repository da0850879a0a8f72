//! The word lists of `data/words.ron`, compiled: sets for membership tests,
//! phrase automata for the lists searched in running text, and the few
//! regular expressions whose alternatives are word lists (numbers, months,
//! list introductions). The grammar around the words (what may come between
//! two items of a list, where a clause ends) is code in `extract::relations`;
//! the words themselves are only here.

use super::load::GazetteerError;
use super::phrases::{AutomatonError, PhraseList, PhraseSet};
use super::schema::Words;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Words matched exactly (case-sensitive).
#[derive(Clone, Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    fn new(words: &[String]) -> Self {
        WordSet(words.iter().cloned().collect())
    }
    pub fn has(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// Words matched ignoring case.
#[derive(Clone, Debug, Default)]
pub struct FoldedSet(HashSet<String>);

impl FoldedSet {
    fn new(words: &[String]) -> Self {
        FoldedSet(words.iter().map(|w| w.to_lowercase()).collect())
    }
    pub fn has(&self, w: &str) -> bool {
        with_lower(w, |lower| self.0.contains(lower))
    }
}

/// `f` of `w.to_lowercase()`, without making a string for the words that
/// need none: a word already in lower case, or a short ASCII one. The sets
/// are asked about most words of a release, and lower-casing each was an
/// eighth of all the allocations of extraction.
pub fn with_lower<T>(w: &str, f: impl FnOnce(&str) -> T) -> T {
    if !w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        return f(w);
    }
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(short) if w.is_ascii() => {
            short.copy_from_slice(w.as_bytes());
            short.make_ascii_lowercase();
            match std::str::from_utf8(short) {
                Ok(lower) => f(lower),
                Err(_) => f(&w.to_lowercase()),
            }
        }
        _ => f(&w.to_lowercase()),
    }
}

pub struct Lexicon {
    /// The lists as written, for the passes that walk them in order.
    pub lists: Words,
    pub agency_heads: WordSet,
    pub frameworks: WordSet,
    pub agency_stop_tails: WordSet,
    pub name_connectors: WordSet,
    pub leading_words: WordSet,
    pub generic_openers: WordSet,
    pub generic_names: WordSet,
    pub not_operation_names: WordSet,
    pub abroad_heads: WordSet,
    pub team_heads: WordSet,
    pub list_words: FoldedSet,
    pub list_gap_words: FoldedSet,
    pub list_item_words: FoldedSet,
    pub label_words: FoldedSet,
    pub subject_gap_words: FoldedSet,
    pub prepositions: FoldedSet,
    pub object_markers: FoldedSet,
    pub co_subject_words: FoldedSet,
    pub clause_verbs: FoldedSet,
    pub before_trigger_not_followed_by: FoldedSet,
    pub arrest_not_before: FoldedSet,
    pub abbreviations: WordSet,
    pub numbered_place_words: WordSet,
    pub operation_terms: PhraseSet,
    pub ocg_terms: PhraseSet,
    pub ocg_backrefs: PhraseList,
    pub authority_nouns: PhraseList,
    pub arrest_words: PhraseSet,
    /// `negation_cues`, `negation_exceptions` and `hedge_cues`, lower case,
    /// found in the document scan with the other whole-document lists.
    pub negation_cues: PhraseList,
    pub negation_exceptions: PhraseList,
    pub hedge_cues: PhraseList,
    numbers: HashMap<String, u32>,
    /// A number right before `$`, with at most one word between: "six (suspects) in".
    pub count_before: Regex,
    /// A number word or quantity ("two", "12", "several") in a short window.
    pub plural_number: Regex,
    /// A stated date: "3 July", "8-12 November 2021", "March 2022".
    pub date: Regex,
    /// Words that introduce a list of places, at the start of a gap: "one of
    /// five countries:", "countries such as", "were".
    pub list_intro: Regex,
    /// People of a body before its name, at the start of a gap: "officers from the".
    pub people_of: Regex,
    months: Vec<String>,
    day_markers: FoldedSet,
    /// `operation_not_before` and `operation_not_after` in lower case, made
    /// once: lower-casing them at each operation term was 1.5% of extraction.
    pub operation_not_before: Vec<String>,
    pub operation_not_after: Vec<String>,
    /// `trafficking_stems` and `smuggling_words` in lower case, made once
    /// rather than for every release that is asked whether it is only
    /// about smuggling.
    pub trafficking_stems: Vec<String>,
    pub smuggling_words: Vec<String>,
}

/// Phrases as the negation pass matches them: lower case, without trailing
/// blanks ("no. " is "no.", which bounds itself).
fn lowered(phrases: &[String]) -> Vec<String> {
    phrases.iter().map(|p| p.to_lowercase().trim_end().to_string()).collect()
}

impl Lexicon {
    pub(super) fn compile(w: Words) -> Result<Self, GazetteerError> {
        let alt = |ws: &[String]| ws.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let re = |what: &str, src: String| {
            Regex::new(&src).map_err(|e| GazetteerError::Automaton(AutomatonError { what: what.into(), reason: e.to_string() }))
        };
        let numbers: HashMap<String, u32> = w.number_words.iter().map(|n| (n.word.to_lowercase(), n.value)).collect();
        let number_alt = alt(&w.number_words.iter().map(|n| n.word.clone()).collect::<Vec<_>>());
        let plural_words: Vec<String> =
            w.number_words.iter().filter(|n| n.value >= 2).map(|n| n.word.clone()).chain(w.quantity_words.iter().cloned()).collect();
        let months = alt(&w.months);
        let count_before = re("count before", format!(r"(?i)\b(\d[\d,]*|{number_alt})\s+(?:\w+\s+)?$"))?;
        let plural_number = re("plural number", format!(r"(?i)\b(\d+|{})\b", alt(&plural_words)))?;
        let date = re(
            "date",
            format!(
                r"(?:\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?({months})(?:\s+(\d{{4}}))?|\b({months})\s+(?:\d{{1,2}}(?:,\s*)?)?(\d{{4}})?)"
            ),
        )?;
        let list_intro = re(
            "list introduction",
            format!(
                r"(?i)^(?:\s*(?:one\s+of\s+)?(?:the\s+)?(?:following\s+)?(?:\w+\s+)?(?:{})\s*(?::|,|—|–|-)?\s*(?:such\s+as\s+|like\s+)?(?:the\s+)?|\s*(?::|{})\s*:?\s*(?:the\s+)?)",
                alt(&w.list_intro_nouns),
                alt(&w.list_intro_verbs)
            ),
        )?;
        let people_of = re(
            "people of a body",
            format!(r"(?i)^\s*(?:the\s+)?(?:[a-z\-]+\s+){{0,2}}(?:{})\s+(?:from|of|at|in)\s+(?:the\s+)?", alt(&w.people_nouns)),
        )?;
        let day_markers: Vec<String> = w.months.iter().chain(&w.month_abbreviations).chain(&w.date_prepositions).cloned().collect();
        let abbreviations: Vec<String> = w.abbreviations.iter().chain(&w.month_abbreviations).cloned().collect();
        Ok(Lexicon {
            agency_heads: WordSet::new(&w.agency_heads),
            frameworks: WordSet::new(&w.frameworks),
            agency_stop_tails: WordSet::new(&w.agency_stop_tails),
            name_connectors: WordSet::new(&w.name_connectors),
            leading_words: WordSet::new(&w.leading_words),
            generic_openers: WordSet::new(&w.generic_openers),
            generic_names: WordSet::new(&w.generic_names),
            not_operation_names: WordSet::new(&w.not_operation_names),
            abroad_heads: WordSet::new(&w.abroad_heads),
            team_heads: WordSet::new(&w.team_heads),
            list_words: FoldedSet::new(&w.list_words),
            list_gap_words: FoldedSet::new(&w.list_gap_words),
            list_item_words: FoldedSet::new(&w.list_item_words),
            label_words: FoldedSet::new(&w.label_words),
            subject_gap_words: FoldedSet::new(&w.subject_gap_words),
            prepositions: FoldedSet::new(&w.prepositions),
            object_markers: FoldedSet::new(&w.object_markers),
            co_subject_words: FoldedSet::new(&w.co_subject_words),
            clause_verbs: FoldedSet::new(&w.clause_verbs),
            before_trigger_not_followed_by: FoldedSet::new(&w.before_trigger_not_followed_by),
            arrest_not_before: FoldedSet::new(&w.arrest_not_before),
            abbreviations: WordSet::new(&abbreviations),
            numbered_place_words: WordSet::new(&w.numbered_place_words),
            operation_terms: PhraseSet::new("operation terms", &w.operation_terms)?,
            ocg_terms: PhraseSet::new("group terms", &w.ocg_terms)?,
            ocg_backrefs: PhraseList::new(&w.ocg_backrefs),
            authority_nouns: PhraseList::new(&w.authority_nouns),
            arrest_words: PhraseSet::new("arrest words", &w.arrest_words)?,
            negation_cues: PhraseList::new(&lowered(&w.negation_cues)),
            negation_exceptions: PhraseList::new(&lowered(&w.negation_exceptions)),
            hedge_cues: PhraseList::new(&lowered(&w.hedge_cues)),
            numbers,
            count_before,
            plural_number,
            date,
            list_intro,
            people_of,
            months: w.months.clone(),
            operation_not_before: w.operation_not_before.iter().map(|x| x.to_lowercase()).collect(),
            operation_not_after: w.operation_not_after.iter().map(|x| x.to_lowercase()).collect(),
            trafficking_stems: w.trafficking_stems.iter().map(|x| x.to_lowercase()).collect(),
            smuggling_words: w.smuggling_words.iter().map(|x| x.to_lowercase()).collect(),
            day_markers: FoldedSet::new(&day_markers),
            lists: w,
        })
    }

    /// The value of a number written in digits ("1,200") or as a word ("six").
    pub fn number(&self, s: &str) -> Option<u32> {
        self.numbers.get(&s.to_lowercase()).copied().or_else(|| s.replace(',', "").parse().ok())
    }

    /// Is `word` (the word before a number) a month or "on", so that the
    /// number is a day of the month ("arrested on Feb. 6")?
    pub fn marks_a_day(&self, word: &str) -> bool {
        self.day_markers.has(word.trim_end_matches('.'))
    }

    /// The month a date string names, by its full name.
    pub fn month_in<'a>(&'a self, date: &str) -> Option<&'a str> {
        self.months.iter().map(String::as_str).find(|m| date.contains(m))
    }

    /// Is `word` one of the word-shaped possessive endings ("’s", "'s")?
    pub fn possessive_suffix<'a>(&self, word: &'a str) -> Option<&'a str> {
        self.lists.possessive_suffixes.iter().find_map(|p| word.strip_suffix(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::with_lower;

    #[test]
    fn with_lower_gives_what_to_lowercase_gives() {
        let (long, longer) = ("a".repeat(32), "A".repeat(33));
        for w in ["europol", "Europol", "EUROPOL", "", &long, &longer, "Ελλάδα", "İstanbul", "K\u{212A}", "Ünal"] {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }
}
