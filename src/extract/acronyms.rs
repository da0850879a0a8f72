//! Acronyms. Inside a document, "Long Name (ACRONYM)" makes the acronym a
//! name of the body everywhere in that document, and a known acronym gives
//! a body found by pattern its known id. Across documents, an acronym one
//! release defines for a body the gazetteer does not know is learned, so
//! that another release using it alone names the same body.

use super::document::DocText;
use super::entities::{EntIdx, Mention};
use super::gazetteer::{word_bounded, AgencyEntry, Gazetteer};
use super::names::Names;
use super::words::occurrences;
use crate::model::{ByteSpan, EntityId, EntityKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static ACRONYM_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\(([A-Z][A-Za-z0-9\.&\-]{1,11})\)").expect("static regex"));

/// Link each "(ACRONYM)" to the body it follows and find its bare uses.
pub fn link(g: &Gazetteer, d: &DocText, mut names: Names) -> Names {
    let text = d.text;
    let agencies: Vec<Mention> =
        names.table.mentions.iter().copied().filter(|m| names.table.get(m.ent).kind == EntityKind::Agency).collect();
    let mut defined: Vec<(EntIdx, String)> = Vec::new();
    for m in agencies {
        let Some(c) = ACRONYM_AFTER.captures(&text[m.span.end..]) else { continue };
        let Some(acr) = c.get(1) else { continue };
        let word = acr.as_str();
        if word.chars().filter(|c| c.is_uppercase()).count() < 2 {
            continue;
        }
        let at = ByteSpan::new(m.span.end + acr.start(), m.span.end + acr.end());
        if let (Some(ai), None) = (g.agency(word), &names.table.get(m.ent).id) {
            // a body found by pattern whose acronym is known: it is that body
            let known = names.table.gazetteer_agency(g, ai);
            names.table.absorb(m.ent, known);
            names.table.mention(text, known, at);
            defined.push((known, word.to_string()));
            continue;
        }
        names.table.mention(text, m.ent, at);
        defined.push((m.ent, word.to_string()));
    }
    if defined.is_empty() {
        return names;
    }
    // each acronym once, with the body its first definition gives: the
    // spans a later definition of the same word finds all go to the first
    // anyway, and a release defining one acronym a thousand times would
    // report every use a thousand times over
    let mut words: HashSet<&str> = HashSet::default();
    let defined: Vec<(EntIdx, &str)> = defined.iter().filter(|(_, a)| words.insert(a.as_str())).map(|(e, a)| (*e, a.as_str())).collect();
    // every whole-word occurrence of each, however they overlap
    let covered = Coverage::new(&names.table.mentions);
    let mut found: Vec<(usize, ByteSpan)> = defined
        .iter()
        .enumerate()
        .flat_map(|(p, (_, acronym))| occurrences(text, acronym).map(move |s| (p, s)))
        .filter(|(_, s)| word_bounded(text, s.start, s.end))
        .collect();
    // each defined acronym in turn, as the text names it
    found.sort_by_key(|&(p, s)| (p, s));
    let mut added: HashSet<ByteSpan> = HashSet::default();
    for (p, span) in found {
        if covered.covers(span) || added.contains(&span) {
            continue;
        }
        let ent = defined[p].0;
        names.table.mention(text, ent, span);
        added.insert(span);
    }
    names
}

/// Which stretches of text existing mentions cover, for "is this inside a
/// name already?" in logarithmic time.
struct Coverage {
    /// (start, the furthest end of any mention starting at or before it)
    starts: Vec<(usize, usize)>,
}

impl Coverage {
    fn new(mentions: &[Mention]) -> Self {
        let mut spans: Vec<ByteSpan> = mentions.iter().map(|m| m.span).collect();
        spans.sort();
        let mut far = 0;
        let starts = spans
            .into_iter()
            .map(|s| {
                far = far.max(s.end);
                (s.start, far)
            })
            .collect();
        Coverage { starts }
    }

    fn covers(&self, s: ByteSpan) -> bool {
        let i = self.starts.partition_point(|&(start, _)| start <= s.start);
        i > 0 && self.starts[i - 1].1 >= s.end
    }
}

/// A body of one release, as resolution or extraction sees it: what
/// acronym learning needs to know about it.
#[derive(Clone, Copy, Debug)]
pub struct KnownBody<'a> {
    pub id: &'a EntityId,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub country: Option<&'a str>,
}

impl<'a> KnownBody<'a> {
    pub fn of(e: &'a super::ExtractedEntity) -> Self {
        KnownBody { id: &e.id, name: &e.name, aliases: &e.aliases, country: e.country.as_deref() }
    }
}

/// Acronyms defined for bodies the gazetteer does not know, as gazetteer
/// entries: one per body, with every acronym it was given.
pub fn learn<'a>(g: &Gazetteer, bodies: impl Iterator<Item = KnownBody<'a>>) -> Vec<AgencyEntry> {
    let is_acronym =
        |a: &str| (3..=10).contains(&a.len()) && a.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && g.lookup(a).is_none();
    let mut out: BTreeMap<String, AgencyEntry> = BTreeMap::new();
    for b in bodies {
        if b.id.kind != EntityKind::Agency {
            continue;
        }
        let acronyms: Vec<&String> = b.aliases.iter().filter(|a| is_acronym(a)).collect();
        if acronyms.is_empty() || g.lookup(b.name).is_some() {
            continue;
        }
        let entry = out.entry(b.id.slug.to_string()).or_insert_with(|| AgencyEntry {
            id: b.id.slug.to_string(),
            name: b.name.to_string(),
            aliases: vec![],
            country: b.country.map(str::to_string),
        });
        for a in acronyms {
            if !entry.aliases.contains(a) {
                entry.aliases.push(a.clone());
            }
        }
    }
    out.into_values().collect()
}

/// The learned acronyms as one automaton, to find the releases that use
/// one (only those need reading again) in a single pass over each text.
pub struct AcronymUses {
    ac: Option<AhoCorasick>,
}

impl AcronymUses {
    pub fn new(learned: &[AgencyEntry]) -> Self {
        let forms: Vec<&str> = learned.iter().flat_map(|e| e.aliases.iter().map(String::as_str)).collect();
        let ac = if forms.is_empty() { None } else { AhoCorasickBuilder::new().build(&forms).ok() };
        AcronymUses { ac }
    }

    /// Does `text` use a learned acronym as a word?
    pub fn used_in(&self, text: &str) -> bool {
        self.ac.as_ref().is_some_and(|ac| ac.find_overlapping_iter(text).any(|m| word_bounded(text, m.start(), m.end())))
    }
}
