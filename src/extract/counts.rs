//! Pass 10: figures. The numbers a release states about arrests, victims
//! identified or rescued, searches and seizures ("212 arrests", "arrested
//! eight suspects: six in Belgium and two in Hungary", "1,374 victims
//! rescued"), each with the operation and the country it is about where the
//! sentence says so, and the sentence itself.
//!
//! Why a pass of its own, after assembly: a figure is not a relation (two
//! releases stating one number must count once, two stating different
//! numbers are a conflict), and it needs what assembly settled: the
//! operation each sentence is about and the final ids of countries.
//!
//! How a figure is read, per sentence, on words (numbers in digits with
//! thousands separators or in words, "forty-seven"): a number followed by a
//! noun that names the measure ("212 arrests"); or a number and the noun it
//! counts ("eight suspects", after at most `max_modifiers` words) with a verb
//! of the measure before it ("arrested eight suspects") or after it
//! ("eight suspects were arrested"); or a number and such a verb alone
//! ("Eleven arrested"). Counts joined by "and" under one verb add up ("40
//! women and 12 children" rescued is 52), except things seized, which count
//! per item. A qualifier before the number ("more than", "nearly") is its
//! [`Bound`]. The figure's country is the one place named by "in" after it
//! ("in Italy", or a city of it), else the one place a sentence opens on
//! ("In Spain, ..."); several places make it a figure of the whole
//! operation, a demonym is no place. Shares that follow ("...: six in Belgium
//! and two in Hungary") are figures of their own. A figure inside a denial
//! is dropped and one inside a hedge flagged, with the negation pass's
//! scopes. Every word is in `data/counts.ron`, each rule with examples
//! (`tests/figures.rs` runs them).
//!
//! Linear in the text: each sentence is split into words once; a number
//! looks at a bounded number of words around it.

use super::document::DocText;
use super::gazetteer::schema::{Example, FamilyEntry, NumberWord};
use super::gazetteer::Gazetteer;
use super::mentions::Mentions;
use super::output::{ExtractedEntity, Extraction};
use crate::model::{Bound, ByteSpan, EntityId, EntityKind, Measure, Span};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

const DATA: &str = include_str!("data/counts.ron");

/// One figure as found in one document: the `figures` of `extract`'s JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedFigure {
    pub measure: Measure,
    /// What was seized ("vehicles"); none for other measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub value: u32,
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
    /// The operation the sentence is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<EntityId>,
    /// The country the number is about; none for the whole operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<EntityId>,
    /// The figure as written.
    pub said: Span,
    /// The sentence that states it.
    pub evidence: Span,
    pub rule: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

/// What a verb of a rule may count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    /// People, victims included.
    People,
    /// Victims only.
    Victims,
    /// Premises searched.
    Places,
    /// Things seized, each under its item.
    Items,
}

/// A measure and the words that state it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRule {
    pub id: String,
    #[serde(deserialize_with = "measure")]
    pub measure: Measure,
    /// Nouns that name the measure after a number ("212 arrests").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Verbs before the number ("arrested eight suspects").
    #[serde(default)]
    pub verbs_before: Vec<String>,
    /// Verbs after the counted noun ("eight suspects were arrested").
    #[serde(default)]
    pub verbs_after: Vec<String>,
    pub counted: Counted,
    pub examples: Vec<Example>,
    #[serde(default)]
    pub not: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundPhrase {
    pub phrase: String,
    #[serde(deserialize_with = "bound")]
    pub bound: Bound,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemEntry {
    pub item: String,
    pub forms: Vec<String>,
}

/// The typed shape of `data/counts.ron`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountData {
    pub units: Vec<NumberWord>,
    pub tens: Vec<NumberWord>,
    pub bounds: Vec<BoundPhrase>,
    pub people: Vec<String>,
    pub victims: Vec<String>,
    pub places: Vec<String>,
    pub not_modifiers: Vec<String>,
    pub max_modifiers: usize,
    pub items: Vec<ItemEntry>,
    pub auxiliaries: Vec<String>,
    pub place_words: Vec<String>,
    pub place_stops: Vec<String>,
    pub share_words: Vec<String>,
    pub rules: Vec<CountRule>,
    pub families: Vec<FamilyEntry>,
}

fn measure<'de, D: Deserializer<'de>>(d: D) -> Result<Measure, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

fn bound<'de, D: Deserializer<'de>>(d: D) -> Result<Bound, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "exact" => Ok(Bound::Exact),
        "more-than" => Ok(Bound::MoreThan),
        "at-least" => Ok(Bound::AtLeast),
        "nearly" => Ok(Bound::Nearly),
        "about" => Ok(Bound::About),
        "up-to" => Ok(Bound::UpTo),
        _ => Err(serde::de::Error::custom(format!("unknown bound '{s}' (expected exact, more-than, at-least, nearly, about, up-to)"))),
    }
}

impl CountData {
    /// The built-in data, parsed and checked.
    pub fn builtin() -> Result<CountData, String> {
        let data: CountData = crate::error::ron_options()
            .from_str(DATA)
            .map_err(|e| format!("src/extract/data/counts.ron:{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
        let single = data
            .people
            .iter()
            .chain(&data.victims)
            .chain(&data.places)
            .chain(data.items.iter().flat_map(|i| &i.forms))
            .chain(data.rules.iter().flat_map(|r| &r.nouns))
            .chain(data.units.iter().map(|n| &n.word))
            .chain(data.tens.iter().map(|n| &n.word));
        if let Some(w) = single.clone().find(|w| w.split_whitespace().count() != 1) {
            return Err(format!("src/extract/data/counts.ron: '{w}' must be one word (nouns and number words are matched word by word)"));
        }
        if let Some(r) = data.rules.iter().find(|r| r.examples.is_empty()) {
            return Err(format!("src/extract/data/counts.ron: rule '{}' has no example", r.id));
        }
        Ok(data)
    }
}

/// A phrase as lower-case words.
type Phrase = Vec<String>;

fn phrase(s: &str) -> Phrase {
    s.split_whitespace().map(|w| w.to_ascii_lowercase()).collect()
}

/// The data, compiled for lookups.
pub struct Reader {
    numbers: HashMap<String, u32>,
    tens: HashMap<String, u32>,
    bounds: Vec<(Phrase, Bound)>,
    people: HashSet<String>,
    victims: HashSet<String>,
    places: HashSet<String>,
    items: HashMap<String, String>,
    not_modifiers: HashSet<String>,
    max_modifiers: usize,
    auxiliaries: Vec<Phrase>,
    place_words: HashSet<String>,
    place_stops: HashSet<String>,
    share_words: Vec<Phrase>,
    /// noun -> rule
    nouns: HashMap<String, usize>,
    verbs_before: Vec<(Phrase, usize)>,
    verbs_after: Vec<(Phrase, usize)>,
    rules: Vec<CountRule>,
    /// Number words in any case: a sentence with no digit and none of
    /// these states no figure and is not split into words.
    number_words: Option<aho_corasick::AhoCorasick>,
}

impl Reader {
    pub fn builtin() -> Result<Reader, String> {
        CountData::builtin().map(Reader::new)
    }

    pub fn new(data: CountData) -> Reader {
        let set = |v: &[String]| v.iter().map(|w| w.to_ascii_lowercase()).collect::<HashSet<_>>();
        let mut nouns = HashMap::default();
        let mut verbs_before = Vec::new();
        let mut verbs_after = Vec::new();
        for (i, r) in data.rules.iter().enumerate() {
            for n in &r.nouns {
                nouns.entry(n.to_ascii_lowercase()).or_insert(i);
            }
            verbs_before.extend(r.verbs_before.iter().map(|v| (phrase(v), i)));
            verbs_after.extend(r.verbs_after.iter().map(|v| (phrase(v), i)));
        }
        Reader {
            numbers: data.units.iter().map(|n| (n.word.to_ascii_lowercase(), n.value)).collect(),
            tens: data.tens.iter().map(|n| (n.word.to_ascii_lowercase(), n.value)).collect(),
            bounds: data.bounds.iter().map(|b| (phrase(&b.phrase), b.bound)).collect(),
            people: set(&data.people),
            victims: set(&data.victims),
            places: set(&data.places),
            items: data.items.iter().flat_map(|i| i.forms.iter().map(|f| (f.to_ascii_lowercase(), i.item.clone()))).collect(),
            not_modifiers: set(&data.not_modifiers),
            max_modifiers: data.max_modifiers,
            auxiliaries: data.auxiliaries.iter().map(|a| phrase(a)).collect(),
            place_words: set(&data.place_words),
            place_stops: set(&data.place_stops),
            share_words: data.share_words.iter().map(|a| phrase(a)).collect(),
            nouns,
            verbs_before,
            verbs_after,
            number_words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(data.units.iter().chain(&data.tens).map(|n| n.word.as_str()))
                .ok(),
            rules: data.rules,
        }
    }

    /// The value of a word written as a number ("six", "Forty-seven").
    fn word_number(&self, w: &str) -> Option<u32> {
        if let Some(&v) = self.numbers.get(w).or_else(|| self.tens.get(w)) {
            return Some(v);
        }
        let (t, u) = w.split_once('-')?;
        let (t, u) = (self.tens.get(t)?, self.numbers.get(u)?);
        (*u < 10).then_some(t + u)
    }

    fn accepts(&self, rule: usize, head: &str) -> bool {
        match self.rules[rule].counted {
            Counted::People => self.people.contains(head) || self.victims.contains(head),
            Counted::Victims => self.victims.contains(head),
            Counted::Places => self.places.contains(head),
            Counted::Items => self.items.contains_key(head),
        }
    }

    fn counted(&self, head: &str) -> bool {
        self.people.contains(head) || self.victims.contains(head) || self.places.contains(head) || self.items.contains_key(head)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num(u32),
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    /// Offsets into the sentence.
    start: usize,
    end: usize,
    kind: Kind,
}

/// The sentence as words, numbers and punctuation, with its ASCII
/// lower-case copy (the same byte length, so offsets hold in both).
struct Words<'s> {
    text: &'s str,
    lower: String,
    toks: Vec<Tok>,
}

/// The end of the word starting at `i`: letters and digits, joined by a
/// hyphen or an apostrophe that a letter or digit follows. ASCII letters
/// and digits are taken a byte at a time; other characters are decoded.
fn word_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let alnum_at = |k: usize| text.get(k..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric);
    let mut j = i;
    loop {
        while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
        let Some(ch) = text.get(j..).and_then(|r| r.chars().next()) else { return j };
        let next = j + ch.len_utf8();
        if ch.is_alphanumeric() || (matches!(ch, '-' | '\'' | '’') && alnum_at(next)) {
            j = next;
        } else {
            return j;
        }
    }
}

impl<'s> Words<'s> {
    fn new(r: &Reader, text: &'s str) -> Self {
        let lower = text.to_ascii_lowercase();
        let b = text.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                // thousands: ",517", ".374"; a decimal or an ordinal is no count
                while i + 3 < b.len() + 1
                    && matches!(b.get(i), Some(b',' | b'.'))
                    && b.get(i + 1..i + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
                {
                    i += 4;
                }
                let glued = b.get(i).is_some_and(|x| x.is_ascii_alphanumeric())
                    || (matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit));
                if glued {
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b',') {
                        i += 1;
                    }
                    toks.push(Tok { start, end: i, kind: Kind::Word });
                    continue;
                }
                let digits: String = text[start..i].chars().filter(char::is_ascii_digit).collect();
                let kind = digits.parse::<u32>().map(Kind::Num).unwrap_or(Kind::Word);
                toks.push(Tok { start, end: i, kind });
            } else if c.is_ascii_alphabetic() || c >= 0x80 && text[i..].chars().next().is_some_and(char::is_alphabetic) {
                let start = i;
                let end = word_end(text, i);
                i = end;
                let kind = r.word_number(&lower[start..end]).map(Kind::Num).unwrap_or(Kind::Word);
                toks.push(Tok { start, end, kind });
            } else if c.is_ascii_whitespace() {
                i += 1;
            } else {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                if !text[i..i + len].chars().all(char::is_whitespace) {
                    toks.push(Tok { start: i, end: i + len, kind: Kind::Punct });
                }
                i += len;
            }
        }
        Words { text, lower, toks }
    }

    fn word(&self, k: usize) -> Option<&str> {
        let t = self.toks.get(k)?;
        (t.kind != Kind::Punct).then(|| &self.lower[t.start..t.end])
    }

    fn punct(&self, k: usize) -> Option<&str> {
        let t = self.toks.get(k)?;
        (t.kind == Kind::Punct).then(|| &self.text[t.start..t.end])
    }

    fn num(&self, k: usize) -> Option<u32> {
        match self.toks.get(k)?.kind {
            Kind::Num(v) => Some(v),
            _ => None,
        }
    }

    /// Does `p` stand at token `k`? Its length in tokens if so.
    fn phrase_at(&self, k: usize, p: &Phrase) -> Option<usize> {
        (!p.is_empty() && p.iter().enumerate().all(|(j, w)| self.word(k + j) == Some(w.as_str()))).then_some(p.len())
    }

    /// The token at or after byte `pos` of the sentence.
    fn at_byte(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }
}

/// A place named after "in": a country (a city stands for its country), or
/// something else (a region, "116 countries").
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    Country(EntityId),
    Other,
}

/// One counted number of a figure: its value, qualifier, and item.
struct Part {
    value: u32,
    bound: Bound,
    item: Option<String>,
}

/// A figure read at a number, before its place is known.
struct Read {
    rule: usize,
    parts: Vec<Part>,
    /// First and last token of the figure as written.
    first: usize,
    last: usize,
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    r: &'a Reader,
    d: &'a DocText<'a>,
    m: &'a Mentions,
    sentence: ByteSpan,
    w: Words<'a>,
}

impl Ctx<'_> {
    /// The qualifier right before token `k`, and the token it starts at.
    fn bound_before(&self, k: usize) -> (Bound, usize) {
        let mut best: Option<(usize, Bound)> = None;
        for (p, b) in &self.r.bounds {
            if p.len() <= k && self.w.phrase_at(k - p.len(), p).is_some() && best.is_none_or(|(l, _)| p.len() > l) {
                best = Some((p.len(), *b));
            }
        }
        best.map_or((Bound::Exact, k), |(l, b)| (b, k - l))
    }

    /// Is the number at `k` a day or part of a date ("3 July", "July 3")?
    fn is_day(&self, k: usize) -> bool {
        let lists = &self.g.words.lists;
        let month = |j: Option<usize>| {
            j.and_then(|j| self.w.toks.get(j)).is_some_and(|t| {
                let s = &self.w.text[t.start..t.end];
                lists.months.iter().chain(&lists.month_abbreviations).any(|m| m == s)
            })
        };
        month(Some(k + 1)) || month(k.checked_sub(1)) || month(k.checked_sub(2)) && self.w.punct(k - 1) == Some(".")
    }

    /// The noun counted by the number at `k`: its token, after at most
    /// `max_modifiers` words ("24 suspected gang members").
    fn head_after(&self, k: usize) -> Option<usize> {
        for j in k + 1..=k + 1 + self.r.max_modifiers {
            let w = self.w.word(j)?;
            if self.w.num(j).is_some() && j > k + 1 {
                return None;
            }
            if self.r.nouns.contains_key(w) || self.r.counted(w) {
                return Some(j);
            }
            // a plural noun before the head is what the number counts ("two countries carried raids")
            let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
            if plural || self.r.not_modifiers.contains(w) || self.verb_after_at(j).is_some() || self.w.num(j).is_some() {
                return None;
            }
        }
        None
    }

    fn verb_after_at(&self, k: usize) -> Option<(usize, usize)> {
        self.r.verbs_after.iter().find_map(|(p, i)| self.w.phrase_at(k, p).map(|l| (*i, l)))
    }

    /// A verb of a rule after the counted noun ending at `k` (exclusive):
    /// "were arrested", "victims of human trafficking were rescued".
    fn verb_after(&self, mut k: usize, head: Option<&str>) -> Option<(usize, usize)> {
        if self.w.word(k) == Some("of") {
            // "of human trafficking", up to six words, up to an auxiliary or the verb
            let mut j = k + 1;
            while j < k + 7 && self.w.word(j).is_some() && self.w.num(j).is_none() {
                if self.aux_at(j).is_some() || self.verb_after_at(j).is_some() {
                    break;
                }
                j += 1;
            }
            k = j;
        }
        if let Some(l) = self.aux_at(k) {
            k += l;
        }
        if self.w.word(k).is_some_and(|w| w.ends_with("ly") && w.len() > 4) {
            k += 1;
        }
        let (rule, len) = self.verb_after_at(k)?;
        let ok = match head {
            Some(h) => self.r.accepts(rule, h),
            None => self.r.rules[rule].counted == Counted::People,
        };
        ok.then_some((rule, k + len - 1))
    }

    fn aux_at(&self, k: usize) -> Option<usize> {
        self.r.auxiliaries.iter().find_map(|p| self.w.phrase_at(k, p))
    }

    /// A verb of a rule ending right before token `k` ("arrested", "rescued
    /// and assisted"): the rules it may be, and its first token.
    fn verb_before(&self, k: usize, head: Option<&str>) -> Option<(usize, usize)> {
        let accepts = |i: usize| match head {
            Some(h) => self.r.accepts(i, h),
            None => self.r.rules[i].counted == Counted::People,
        };
        let ending = |end: usize| {
            self.r.verbs_before.iter().find_map(|(p, i)| {
                let s = end.checked_sub(p.len())?;
                (self.w.phrase_at(s, p).is_some() && accepts(*i)).then_some((*i, s))
            })
        };
        ending(k).or_else(|| {
            // "rescued and assisted 80 victims"
            (k >= 3 && self.w.word(k - 2) == Some("and") && self.w.word(k - 1).is_some()).then(|| ending(k - 2)).flatten()
        })
    }

    /// The numbers joined to the one at `k` by "and" or commas, each with
    /// its counted noun: "12 cars and 3 firearms". Returns (number, head) pairs.
    fn list_from(&self, k: usize, head: usize) -> Vec<(usize, usize)> {
        let mut out = vec![(k, head)];
        let mut at = head + 1;
        loop {
            let mut j = at;
            if self.w.punct(j) == Some(",") {
                j += 1;
            }
            if self.w.word(j) == Some("and") {
                j += 1;
            }
            if j == at {
                break;
            }
            let mut n = j;
            while self.w.num(n).is_none() && n < j + 3 && self.w.word(n).is_some() && self.bound_is_at(n) {
                n += 1;
            }
            let Some(_) = self.w.num(n) else { break };
            let Some(h) = self.head_after(n) else { break };
            let same_kind = |a: &str, b: &str| {
                let cls = |w: &str| {
                    (self.r.people.contains(w) || self.r.victims.contains(w), self.r.places.contains(w), self.r.items.contains_key(w))
                };
                cls(a) == cls(b)
            };
            let (Some(a), Some(b)) = (self.w.word(head), self.w.word(h)) else { break };
            if !self.r.counted(b) || !same_kind(a, b) {
                break;
            }
            out.push((n, h));
            at = h + 1;
        }
        out
    }

    fn bound_is_at(&self, n: usize) -> bool {
        self.r.bounds.iter().any(|(p, _)| p.iter().any(|w| self.w.word(n) == Some(w.as_str())))
    }

    fn part(&self, k: usize, head: Option<usize>, rule: usize) -> Part {
        let item = match self.r.rules[rule].counted {
            Counted::Items => head.and_then(|h| self.w.word(h)).and_then(|h| self.r.items.get(h).cloned()),
            _ => None,
        };
        Part { value: self.w.num(k).unwrap_or(0), bound: self.bound_before(k).0, item }
    }

    /// The figure whose number is token `k`, if the words around it make one.
    fn read(&self, k: usize) -> Option<Read> {
        let (_, q) = self.bound_before(k);
        match self.head_after(k) {
            Some(h) => {
                let head = self.w.word(h)?;
                if let Some(&rule) = self.r.nouns.get(head) {
                    return Some(Read { rule, parts: vec![self.part(k, None, rule)], first: q, last: h });
                }
                let list = self.list_from(k, h);
                let last_head = list.last().map_or(h, |l| l.1);
                let lh = self.w.word(last_head)?;
                if let Some((rule, last)) = self.verb_after(last_head + 1, Some(lh)) {
                    let parts = list.iter().map(|&(n, hh)| self.part(n, Some(hh), rule)).collect();
                    return Some(Read { rule, parts, first: q, last });
                }
                let (rule, first) = self.verb_before(q, Some(head))?;
                let parts = list.iter().map(|&(n, hh)| self.part(n, Some(hh), rule)).collect();
                Some(Read { rule, parts, first, last: last_head })
            }
            None => {
                // "Eleven arrested", "20 were freed"
                if let Some((rule, last)) = self.verb_after(k + 1, None) {
                    return Some(Read { rule, parts: vec![self.part(k, None, rule)], first: q, last });
                }
                // "police arrest 14 in ...": people, when nothing else follows the number
                let ends = match self.w.toks.get(k + 1) {
                    None => true,
                    Some(t) if t.kind == Kind::Punct => true,
                    Some(_) => self.w.word(k + 1).is_some_and(|w| self.r.place_words.contains(w)),
                };
                let (rule, first) = if ends { self.verb_before(q, None)? } else { return None };
                Some(Read { rule, parts: vec![self.part(k, None, rule)], first, last: k })
            }
        }
    }

    /// The places listed from token `k` on ("Belgium", "Belgium and Hungary",
    /// "the Netherlands"), and the token after the list.
    fn places_at(&self, mut k: usize) -> (Vec<Place>, usize) {
        let mut out = Vec::new();
        loop {
            if self.w.word(k) == Some("the") {
                k += 1;
            }
            let Some(t) = self.w.toks.get(k) else { break };
            let pos = self.sentence.start + t.start;
            let found = self.m.within(ByteSpan::new(pos, self.sentence.end)).filter(|m| m.span.start == pos).max_by_key(|m| m.span.end);
            let Some(mention) = found else { break };
            let ent = self.m.ent(mention.ent);
            let place = match ent.kind {
                EntityKind::Country => {
                    let said = self.d.at(mention.span);
                    let ci = ent.id.as_ref().and_then(|id| self.g.country_index(&id.slug));
                    match ci {
                        Some(ci) if self.g.countries[ci].demonyms.iter().any(|x| x == said) => break,
                        Some(ci) => Place::Country(EntityId::new(EntityKind::Country, self.g.countries[ci].code.clone())),
                        None => break,
                    }
                }
                EntityKind::City => match ent.country {
                    Some(ci) => Place::Country(EntityId::new(EntityKind::Country, self.g.countries[ci].code.clone())),
                    None => Place::Other,
                },
                EntityKind::Region => Place::Other,
                _ => break,
            };
            out.push(place);
            k = self.w.at_byte(mention.span.end - self.sentence.start);
            // ", " / " and " / ", and " / " or " before the next place
            let mut j = k;
            if self.w.punct(j) == Some(",") {
                j += 1;
            }
            if matches!(self.w.word(j), Some("and" | "or")) {
                j += 1;
            }
            if j == k || self.w.num(j).is_some() {
                break;
            }
            k = j;
        }
        (out, k)
    }

    /// One country from a place list; several places or none that is a
    /// country make no country.
    fn one_country(places: &[Place]) -> Option<EntityId> {
        let countries: std::collections::BTreeSet<&EntityId> =
            places.iter().filter_map(|p| if let Place::Country(c) = p { Some(c) } else { None }).collect();
        match (countries.len(), places.iter().all(|p| matches!(p, Place::Country(_)))) {
            (1, true) => countries.into_iter().next().cloned(),
            _ => None,
        }
    }

    /// The place named by "in" after token `k` ("... of the ring in Italy"),
    /// within a few words and the same clause: Some(list) when there is one.
    fn place_after(&self, k: usize) -> Option<(Vec<Place>, usize)> {
        for j in k + 1..k + 7 {
            let w = self.w.word(j)?;
            if self.w.num(j).is_some() || w == "and" || self.r.place_stops.contains(w) || self.verb_after_at(j).is_some() {
                return None;
            }
            if self.r.place_words.contains(w) {
                let (places, end) = self.places_at(j + 1);
                return (!places.is_empty()).then_some((places, end));
            }
        }
        None
    }

    /// "In Spain, ...": the places a sentence opens on, when a comma closes them.
    fn opening(&self) -> Option<Vec<Place>> {
        if self.w.toks.first().map(|t| &self.w.text[t.start..t.end]) != Some("In") {
            return None;
        }
        let (places, end) = self.places_at(1);
        (!places.is_empty() && self.w.punct(end) == Some(",")).then_some(places)
    }

    /// Shares after a figure ending at token `k`: ": six in Belgium and two in
    /// Hungary", ", including 20 in Greece". Each is (number token, places, last token).
    fn shares_after(&self, k: usize) -> Vec<(usize, Vec<Place>, usize)> {
        let mut out = Vec::new();
        let mut j = k + 1;
        if !matches!(self.w.punct(j), Some(":" | "," | "(" | "–" | "—" | "-")) {
            return out;
        }
        j += 1;
        if let Some(l) = self.r.share_words.iter().find_map(|p| self.w.phrase_at(j, p)) {
            j += l;
        }
        loop {
            if self.w.num(j).is_none() || self.is_day(j) {
                break;
            }
            let mut at = j + 1;
            // "six suspects in Belgium": one word may stand between
            if !self.w.word(at).is_some_and(|w| self.r.place_words.contains(w)) {
                at += 1;
            }
            if !self.w.word(at).is_some_and(|w| self.r.place_words.contains(w)) {
                break;
            }
            let (places, end) = self.places_at(at + 1);
            if places.is_empty() {
                break;
            }
            out.push((j, places, end.saturating_sub(1)));
            let mut n = end;
            if self.w.punct(n) == Some(",") {
                n += 1;
            }
            if self.w.word(n) == Some("and") {
                n += 1;
            }
            if n == end {
                break;
            }
            j = n;
        }
        out
    }
}

/// One figure of a sentence, by its tokens.
struct Stated {
    value: u32,
    bound: Bound,
    item: Option<String>,
    country: Option<EntityId>,
    first: usize,
    last: usize,
}

/// Read the figures of a document into its extraction.
pub fn annotate(r: &Reader, g: &Gazetteer, d: &DocText, m: &Mentions, x: &mut Extraction) {
    let present: HashSet<EntityId> = x.entities.iter().map(|e| e.id.clone()).collect();
    let mut figures = Vec::new();
    let mut countries_needed: BTreeMap<EntityId, String> = BTreeMap::new();
    // a headline the sentence splitter joined to the first sentence is a sentence of its own here
    let lines = d.sentences.iter().flat_map(|&s| {
        let text = d.at(s);
        let mut at = s.start;
        text.split('\n').filter_map(move |piece| {
            let lead = piece.len() - piece.trim_start().len();
            let span = ByteSpan::new(at + lead, at + piece.trim_end().len().max(lead));
            at += piece.len() + 1;
            (!span.is_empty()).then_some(span)
        })
    });
    for sentence in lines {
        let text = d.at(sentence);
        if !text.bytes().any(|b| b.is_ascii_digit()) && !has_number_word(r, text) {
            continue;
        }
        let c = Ctx { g, r, d, m, sentence, w: Words::new(r, text) };
        let opening = c.opening().and_then(|p| Ctx::one_country(&p));
        let mut used = vec![false; c.w.toks.len()];
        let mut polarity: Option<(Vec<ByteSpan>, Vec<ByteSpan>)> = None;
        for k in 0..c.w.toks.len() {
            if used[k] || c.w.num(k).is_none() || c.is_day(k) {
                continue;
            }
            let Some(read) = c.read(k) else { continue };
            for u in used.iter_mut().take(read.last + 1).skip(read.first) {
                *u = true;
            }
            let (country, after) = match c.place_after(read.last) {
                Some((places, end)) => (Ctx::one_country(&places), end.saturating_sub(1)),
                None => (opening.clone(), read.last),
            };
            let rule = &r.rules[read.rule];
            let mut out: Vec<Stated> = Vec::new();
            // parts add up, except things seized, which count per item
            let mut by_item: BTreeMap<Option<String>, (u32, Bound)> = BTreeMap::new();
            for p in &read.parts {
                let e = by_item.entry(p.item.clone()).or_insert((0, Bound::Exact));
                e.0 = e.0.saturating_add(p.value);
                if e.1 == Bound::Exact {
                    e.1 = p.bound;
                }
            }
            let separate = rule.counted == Counted::Items && by_item.len() > 1;
            if separate {
                for (n, p) in read.parts.iter().enumerate() {
                    let first = if n == 0 { read.first } else { c.bound_before(first_number(&c, &read, n)).1 };
                    out.push(Stated {
                        value: p.value,
                        bound: p.bound,
                        item: p.item.clone(),
                        country: country.clone(),
                        first,
                        last: read.last,
                    });
                }
            } else {
                for (item, (v, b)) in by_item {
                    out.push(Stated { value: v, bound: b, item, country: country.clone(), first: read.first, last: read.last });
                }
            }
            for (j, places, end) in c.shares_after(after) {
                for u in used.iter_mut().take(end + 1).skip(j) {
                    *u = true;
                }
                let item = if separate { None } else { read.parts.first().and_then(|p| p.item.clone()) };
                let (b, first) = c.bound_before(j);
                out.push(Stated { value: c.w.num(j).unwrap_or(0), bound: b, item, country: Ctx::one_country(&places), first, last: end });
            }
            let (neg, hedge) = polarity.get_or_insert_with(|| super::negation::sentence_scopes(g, d, sentence)).clone();
            let number = sentence.start + c.w.toks[k].start;
            if neg.iter().any(|s| s.contains(number)) {
                continue;
            }
            let hedged = hedge.iter().any(|s| s.contains(number));
            let op = m.op_at(d, number).and_then(|o| m.ent(o).id.clone()).filter(|id| present.contains(id));
            for Stated { value, bound, item, country, first, last } in out {
                if let Some(cid) = &country {
                    if !present.contains(cid) {
                        let name = g.country_index(&cid.slug).map(|ci| g.countries[ci].name.clone()).unwrap_or_default();
                        countries_needed.insert(cid.clone(), name);
                    }
                }
                let said = ByteSpan::new(sentence.start + c.w.toks[first].start, sentence.start + c.w.toks[last].end);
                figures.push(super::ExtractedFigure {
                    measure: rule.measure,
                    item,
                    value,
                    bound,
                    operation: op.clone(),
                    country,
                    said: Span::of(d.text, said),
                    evidence: Span::of(d.text, sentence),
                    rule: rule.id.clone(),
                    hedged,
                });
            }
        }
    }
    // a country a figure is placed in is an entity of the document (SCHEMA H1)
    for (id, name) in countries_needed {
        x.entities.push(ExtractedEntity {
            id,
            kind: EntityKind::Country,
            name,
            aliases: Vec::new(),
            country: None,
            mentions: Vec::new(),
            when: None,
        });
    }
    figures.sort_by(|a, b| (a.said.start, a.said.end, a.measure, &a.country).cmp(&(b.said.start, b.said.end, b.measure, &b.country)));
    x.figures = figures;
}

/// The token of the `n`-th number of a read figure.
fn first_number(c: &Ctx, read: &Read, n: usize) -> usize {
    (read.first..=read.last).filter(|&k| c.w.num(k).is_some()).nth(n).unwrap_or(read.first)
}

/// A cheap look before a sentence is split into words: a sentence with no
/// digit may still say "eight" (a match inside a longer word only costs the split).
fn has_number_word(r: &Reader, text: &str) -> bool {
    r.number_words.as_ref().is_none_or(|ac| ac.is_match(text))
}

#[cfg(test)]
mod word_end_tests {
    use proptest::prelude::*;

    /// The character loop `word_end` replaced.
    fn by_chars(text: &str, i: usize) -> usize {
        let mut chars = text[i..].char_indices().peekable();
        let mut end = i;
        while let Some((o, ch)) = chars.next() {
            let joins = matches!(ch, '-' | '\'' | '’') && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if ch.is_alphanumeric() || joins {
                end = i + o + ch.len_utf8();
            } else {
                break;
            }
        }
        end
    }

    proptest! {
        /// From every character start of texts of words, joiners, Greek,
        /// Cyrillic, CJK, emoji and combining marks.
        #[test]
        fn word_end_is_the_character_loop(pieces in proptest::collection::vec(
            prop_oneof![Just("ab"), Just("7"), Just("-"), Just("'"), Just("’"), Just(" "), Just("."), Just("Ελ"), Just("дом"),
                Just("北京"), Just("🙂"), Just("e\u{301}"), Just("--"), Just("’s")],
            0..16,
        )) {
            let text: String = pieces.concat();
            for (i, _) in text.char_indices() {
                prop_assert_eq!(super::word_end(&text, i), by_chars(&text, i), "{:?} at {}", text, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_data_loads() {
        let r = Reader::builtin().unwrap();
        assert_eq!(r.word_number("forty-seven"), Some(47));
        assert_eq!(r.word_number("twenty"), Some(20));
        assert_eq!(r.word_number("twenty-twelve"), None);
    }

    #[test]
    fn the_data_file_refuses_unknown_fields_and_names() {
        let parse = |t: &str| crate::error::ron_options().from_str::<CountRule>(t).map(|_| ()).map_err(|e| e.to_string());
        let ok = r#"(id: "x", measure: "arrests", counted: people, examples: [])"#;
        assert!(parse(ok).is_ok(), "{:?}", parse(ok));
        assert!(parse(r#"(id: "x", measure: "arrests", counted: people, examples: [], verb: [])"#).unwrap_err().contains("verb"));
        assert!(parse(r#"(id: "x", measure: "arrest", counted: people, examples: [])"#).unwrap_err().contains("unknown measure"));
        assert!(parse(r#"(id: "x", measure: "arrests", counted: things, examples: [])"#).is_err());
        let bound = |t: &str| crate::error::ron_options().from_str::<BoundPhrase>(t).map(|b| b.bound).map_err(|e| e.to_string());
        assert_eq!(bound(r#"(phrase: "over", bound: "more-than")"#), Ok(Bound::MoreThan));
        assert!(bound(r#"(phrase: "over", bound: "above")"#).unwrap_err().contains("unknown bound"));
    }

    #[test]
    fn numbers_with_separators_and_not_decimals_or_ordinals() {
        let r = Reader::builtin().unwrap();
        let w = Words::new(&r, "2,517 arrests, 1.374 victims, 1.5 million, 3rd, 147,668 people and Forty-seven");
        let nums: Vec<u32> = w.toks.iter().filter_map(|t| if let Kind::Num(v) = t.kind { Some(v) } else { None }).collect();
        assert_eq!(nums, vec![2517, 1374, 147668, 47]);
        // multi-byte text around numbers
        let w = Words::new(&r, "«12» Ωμέγα 5é 7 — 3");
        assert!(w.toks.iter().all(|t| w.text.is_char_boundary(t.start) && w.text.is_char_boundary(t.end)));
    }
}
