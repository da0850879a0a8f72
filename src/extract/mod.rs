//! Stage 2: [`Document`] -> mentions -> entities and relations, each with
//! the sentence that states it.
//!
//! Extraction runs in passes over one document, each adding to a shared
//! working state: names from the gazetteer and capitalised phrases that end
//! in an agency head noun; `Country: body; body` authority lists;
//! operations and groups; then relations from trigger phrases in each
//! sentence. Everything it recognises by word lists comes from
//! [`Gazetteer`], so a user can extend it without recompiling.
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
//! assert!(out.relations.iter().any(|r| &r.target.to_string() == "country:be" && r.count == Some(6)));
//! ```

mod actions;
pub mod gazetteer;
mod names;
mod rules;
pub mod sentences;

pub use gazetteer::{Gazetteer, GazetteerFile};

use crate::ingest::Document;
use crate::model::{DocId, EntityId, EntityKind, RelationKind, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One entity as found in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtractedEntity {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    /// ISO code of the country a national body or city belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub mentions: Vec<Span>,
}

/// One relation as stated in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtractedRelation {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
    pub count: Option<u32>,
    pub evidence: Vec<Span>,
}

/// What one document yields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extraction {
    pub id: DocId,
    pub path: String,
    pub title: String,
    /// For a file holding several articles: which one (1-based), and where
    /// it starts in the file. Offsets below are into the article's text, so
    /// a position in the file is `offset + start`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
    #[serde(skip_serializing_if = "is_zero")]
    pub offset: usize,
    pub entities: Vec<ExtractedEntity>,
    pub relations: Vec<ExtractedRelation>,
}

/// The extractor: a compiled gazetteer, applied to one document at a time.
/// It holds no per-document state, so one instance serves a whole corpus.
pub struct Extractor {
    gaz: Gazetteer,
}

impl Extractor {
    pub fn new(gaz: Gazetteer) -> Self {
        Extractor { gaz }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut w = Work::new(&self.gaz, &doc.text, &doc.id);
        w.title = doc.title.clone();
        w.find_lists();
        w.find_names();
        w.find_acronyms();
        w.find_operations();
        w.find_groups();
        w.place_agencies();
        w.find_relations();
        w.finish(doc)
    }
}

/// One entity while a document is being read.
#[derive(Clone, Debug)]
struct Ent {
    kind: EntityKind,
    /// Fixed id (gazetteer entries, countries, operations); national bodies
    /// found by pattern get theirs in `finish`, once their country is known.
    id: Option<EntityId>,
    name: String,
    aliases: BTreeSet<String>,
    spans: BTreeSet<(usize, usize)>,
    /// Country index (into the gazetteer) for agencies and cities.
    country: Option<usize>,
    /// Where the entity's country came from, for the based-in evidence.
    country_evidence: Option<(usize, usize)>,
}

/// A mention of an entity at a place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Mention {
    start: usize,
    end: usize,
    ent: usize,
}

#[derive(Clone, Debug, Default)]
struct RelAcc {
    count: Option<u32>,
    evidence: BTreeSet<(usize, usize)>,
}

/// Working state for one document.
struct Work<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    doc: &'a DocId,
    sentences: Vec<(usize, usize)>,
    ents: Vec<Ent>,
    /// entity key (id or provisional key) -> index in `ents`
    keys: HashMap<String, usize>,
    mentions: Vec<Mention>,
    rels: BTreeMap<(usize, RelationKind, usize), RelAcc>,
    /// spans claimed by an agency name, so later passes do not re-read them
    agency_spans: Vec<(usize, usize)>,
    /// lines that are `Country: body; body` lists: (line span, country index)
    list_lines: Vec<((usize, usize), usize)>,
    /// bodies named in those lists, with the line that names them
    list_members: Vec<(usize, (usize, usize))>,
    /// every operation-term mention: (start, end, plural, operation entity)
    op_terms: Vec<(usize, usize, bool, usize)>,
    /// the document's headline, to name unnamed actions
    title: String,
}

impl<'a> Work<'a> {
    fn new(g: &'a Gazetteer, text: &'a str, doc: &'a DocId) -> Self {
        Work {
            g,
            text,
            doc,
            sentences: sentences::sentences(text),
            ents: Vec::new(),
            keys: HashMap::new(),
            mentions: Vec::new(),
            rels: BTreeMap::new(),
            agency_spans: Vec::new(),
            list_lines: Vec::new(),
            list_members: Vec::new(),
            op_terms: Vec::new(),
            title: String::new(),
        }
    }

    /// The entity for `key`, created with `make` the first time.
    fn entity(&mut self, key: &str, make: impl FnOnce() -> Ent) -> usize {
        if let Some(&i) = self.keys.get(key) {
            return i;
        }
        self.ents.push(make());
        let i = self.ents.len() - 1;
        self.keys.insert(key.to_string(), i);
        i
    }

    fn country_ent(&mut self, ci: usize) -> usize {
        let c = &self.g.countries[ci];
        let id = EntityId::new(EntityKind::Country, &c.code);
        let name = c.name.clone();
        self.entity(&id.to_string(), || Ent::new(EntityKind::Country, Some(id.clone()), name))
    }

    fn mention(&mut self, ent: usize, start: usize, end: usize) {
        self.mention_as(ent, start, end, true)
    }

    /// A mention that is no name of its own ("the operation" referring to
    /// Operation WEKA II): it places the entity in the text without adding an alias.
    fn mention_as(&mut self, ent: usize, start: usize, end: usize, is_name: bool) {
        let (start, end) = trim_span(self.text, start, end);
        if start >= end {
            return;
        }
        let form = self.text[start..end].to_string();
        let e = &mut self.ents[ent];
        if is_name && form != e.name {
            e.aliases.insert(form);
        }
        e.spans.insert((start, end));
        self.mentions.push(Mention { start, end, ent });
    }

    fn relate(&mut self, source: usize, rel: RelationKind, target: usize, evidence: (usize, usize), count: Option<u32>) {
        if source == target {
            return;
        }
        let acc = self.rels.entry((source, rel, target)).or_default();
        acc.evidence.insert(evidence);
        if acc.count.is_none() {
            acc.count = count;
        }
    }

    /// The sentence holding byte `pos`.
    fn sentence_at(&self, pos: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|&(s, _)| s <= pos);
        if i == 0 {
            return self.sentences.first().copied().unwrap_or((0, self.text.len()));
        }
        let (s, e) = self.sentences[i - 1];
        if pos <= e {
            (s, e)
        } else {
            (s, e.max(pos))
        }
    }

    /// Mentions inside [start, end), in text order.
    fn mentions_in(&self, start: usize, end: usize) -> Vec<Mention> {
        let mut v: Vec<Mention> = self.mentions.iter().copied().filter(|m| m.start >= start && m.end <= end).collect();
        v.sort();
        v.dedup();
        v
    }

    fn in_agency(&self, start: usize, end: usize) -> bool {
        self.agency_spans.iter().any(|&(s, e)| start >= s && end <= e && (s, e) != (start, end))
    }

    fn finish(mut self, doc: &Document) -> Extraction {
        // national bodies found by pattern get their id once their country is known
        let mut ids: Vec<EntityId> = Vec::with_capacity(self.ents.len());
        for e in &self.ents {
            let id = match &e.id {
                Some(id) => id.clone(),
                None => {
                    let base = names::name_without_country(self.g, &e.name);
                    match e.country {
                        Some(ci) => {
                            EntityId::new(EntityKind::Agency, format!("{}-{}", self.g.countries[ci].code, crate::model::slug(&base)))
                        }
                        None => EntityId::new(EntityKind::Agency, crate::model::slug(&base)),
                    }
                }
            };
            ids.push(id);
        }
        // based-in for every placed agency whose country the document names
        for i in 0..self.ents.len() {
            if self.ents[i].kind != EntityKind::Agency {
                continue;
            }
            if let Some(ci) = self.ents[i].country {
                let key = EntityId::new(EntityKind::Country, &self.g.countries[ci].code);
                if let Some(&c) = self.keys.get(&key.to_string()) {
                    let first = self.ents[i].spans.iter().next().copied();
                    let ev = self.ents[i].country_evidence.or(first.map(|(s, _)| self.sentence_at(s)));
                    if let Some(ev) = ev {
                        self.relate(i, RelationKind::BasedIn, c, ev, None);
                    }
                }
            }
        }
        // merge entities that ended up with the same id (a body named with and without its country)
        let mut by_id: BTreeMap<EntityId, ExtractedEntity> = BTreeMap::new();
        for (i, e) in self.ents.iter().enumerate() {
            if e.spans.is_empty() {
                continue;
            }
            let entry = by_id.entry(ids[i].clone()).or_insert_with(|| ExtractedEntity {
                id: ids[i].clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases: Vec::new(),
                country: e.country.map(|c| self.g.countries[c].code.clone()),
                mentions: Vec::new(),
            });
            let mut aliases: BTreeSet<String> = entry.aliases.drain(..).collect();
            aliases.extend(e.aliases.iter().cloned());
            if e.name != entry.name {
                aliases.insert(e.name.clone());
            }
            aliases.remove(&entry.name);
            entry.aliases = aliases.into_iter().collect();
            let mut spans: BTreeSet<(usize, usize)> = entry.mentions.iter().map(|m| (m.start, m.end)).collect();
            spans.extend(e.spans.iter().copied());
            entry.mentions = spans.into_iter().map(|(s, t)| Span::of(self.text, crate::model::ByteSpan::new(s, t))).collect();
        }
        let mut rels: BTreeMap<(EntityId, RelationKind, EntityId), ExtractedRelation> = BTreeMap::new();
        for ((s, r, t), acc) in &self.rels {
            let (si, ti) = (&ids[*s], &ids[*t]);
            if si == ti || !by_id.contains_key(si) || !by_id.contains_key(ti) {
                continue;
            }
            let entry = rels.entry((si.clone(), *r, ti.clone())).or_insert_with(|| ExtractedRelation {
                source: si.clone(),
                relation: *r,
                target: ti.clone(),
                count: None,
                evidence: Vec::new(),
            });
            if entry.count.is_none() {
                entry.count = acc.count;
            }
            for &(a, b) in &acc.evidence {
                let span = Span::of(self.text, crate::model::ByteSpan::new(a, b));
                if !entry.evidence.contains(&span) {
                    entry.evidence.push(span);
                }
            }
            entry.evidence.sort();
        }
        let mut entities: Vec<ExtractedEntity> = by_id.into_values().collect();
        entities.sort_by_key(|e| (e.mentions.first().map(|m| m.start).unwrap_or(usize::MAX), e.id.clone()));
        Extraction {
            id: self.doc.clone(),
            path: doc.path.clone(),
            title: doc.title.clone(),
            article: doc.article,
            offset: doc.offset,
            entities,
            relations: rels.into_values().collect(),
        }
    }
}

impl Ent {
    fn new(kind: EntityKind, id: Option<EntityId>, name: String) -> Self {
        Ent { kind, id, name, aliases: BTreeSet::new(), spans: BTreeSet::new(), country: None, country_evidence: None }
    }
}

/// The nearest char boundary at or before `i`: byte arithmetic on offsets
/// ("30 bytes back") must not land inside a multi-byte character.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shrink a span so it starts and ends on a non-space, non-punctuation char.
fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let strip = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '•' | '(' | ')' | '"' | '“' | '”');
    while start < end {
        let c = text[start..end].chars().next().unwrap_or('a');
        if strip(c) {
            start += c.len_utf8();
        } else {
            break;
        }
    }
    while start < end {
        let c = text[start..end].chars().next_back().unwrap_or('a');
        // keep the full stop of an abbreviation such as "IX." or "U.S."
        let keep_dot = c == '.' && text[start..end - 1].ends_with(|p: char| p.is_uppercase()) && text[start..end - 1].contains('.');
        let keep_paren = c == ')' && text[start..end].contains('(');
        if strip(c) && !keep_dot && !keep_paren {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    (start, end)
}

/// The `extract --format json` contract of SCHEMA.md.
pub fn to_json(docs: &[Extraction]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        documents: &'a [Extraction],
    }
    let mut s = serde_json::to_string_pretty(&Out { documents: docs }).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A plain table for reading at a terminal: one block per document.
pub fn to_table(docs: &[Extraction]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for d in docs {
        let _ = writeln!(s, "{}  {}  {}", d.id, d.path, d.title);
        for e in &d.entities {
            let _ = writeln!(s, "  {:<9} {:<40} {}", e.kind.as_str(), &e.id.to_string(), e.name);
        }
        for r in &d.relations {
            let count = r.count.map(|c| format!(" ({c})")).unwrap_or_default();
            let _ = writeln!(s, "  {} -{}-> {}{}", r.source, r.relation, r.target, count);
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests;
