//! Stage 3: per-document extractions -> one entity per real-world thing.
//!
//! Resolution works on *facts*: what each document said about each entity
//! and relation, tagged with the document. The merged result keeps those
//! facts (as each entity's `sources` and each relation's `evidence`), so a
//! graph can be taken apart again and rebuilt with documents added or
//! replaced, and the result is the same as building from scratch.
//!
//! Entities merge when they share an id (ids are stable across documents:
//! `country:ro`, `agency:europol`, `agency:hu-national-bureau-of-investigation`)
//! or when two agencies share a surface form (an acronym defined in one
//! release, a long name in another). A curation file then applies the
//! analyst's own corrections.

pub mod chunks;
pub mod curation;
pub mod operations;

pub use chunks::Chunks;
pub use curation::{Curation, CurationOp};

use crate::extract::Extraction;
use crate::ingest::Document;
use crate::model::{DocId, EntityId, EntityKind, Evidence, FigureRecord, RelationKind, Shared};
pub use crate::model::{DocumentRecord, EntityRecord, EntitySource, RelationRecord};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

/// What one document said about one relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationFact {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
    pub evidence: Evidence,
}

/// Everything the documents said, before resolution.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub documents: Vec<DocumentRecord>,
    pub entities: Chunks<EntitySource>,
    /// Hashed, not ordered: a 100,000-release build inserts an id per
    /// entity per document, and nothing reads the kinds in order.
    pub kinds: FxHashMap<EntityId, EntityKind>,
    pub relations: Chunks<RelationFact>,
    /// The figures documents state, with the ids their documents gave.
    pub figures: Chunks<FigureRecord>,
}

impl Facts {
    /// The facts of one extracted document.
    pub fn add(&mut self, doc: &Document, ex: &Extraction) {
        let mut record = doc.record();
        record.date = ex.date.or(record.date);
        self.documents.push(record);
        for e in &ex.entities {
            self.kinds.insert(e.id.clone(), e.kind);
            self.entities.push(EntitySource {
                doc: doc.id.clone(),
                id: e.id.clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                country: e.country.clone(),
                first: e.mentions.first().map(|m| m.start).unwrap_or(0),
                when: e.when.clone().map(Box::new),
            });
        }
        // the document's relations name its entities by the entities' own
        // copies of their ids, and repeat sentences and rule names by one copy each
        let ids: FxHashSet<&EntityId> = ex.entities.iter().map(|e| &e.id).collect();
        let id = |given: &EntityId| ids.get(given).map_or_else(|| given.clone(), |&own| own.clone());
        let mut shared = Shared::default();
        for r in &ex.relations {
            for (i, ev) in r.evidence.iter().enumerate() {
                self.relations.push(RelationFact {
                    source: id(&r.source),
                    relation: r.relation,
                    target: id(&r.target),
                    evidence: Evidence {
                        doc: doc.id.clone(),
                        start: ev.start,
                        end: ev.end,
                        text: shared.get(&ev.text),
                        count: if i == 0 { r.count } else { None },
                        rule: Some(shared.get(&ev.rule)),
                        hedged: ev.hedged,
                    },
                });
            }
        }
        for f in &ex.figures {
            self.figures.push(FigureRecord {
                operation: f.operation.clone(),
                measure: f.measure,
                item: f.item.clone(),
                country: f.country.clone(),
                doc: doc.id.clone(),
                start: f.evidence.start,
                end: f.evidence.end,
                value: f.value,
                bound: f.bound,
                said: f.said.text.clone(),
                text: shared.get(&f.evidence.text),
                rule: shared.get(&f.rule),
                hedged: f.hedged,
            });
        }
    }

    /// The facts of one extracted document alone, so that a large build
    /// can drop each extraction (with its mention texts) as soon as it is read.
    pub fn of(doc: &Document, ex: &Extraction) -> Self {
        let mut f = Facts::default();
        f.add(doc, ex);
        // held until their chunk of documents is read: without the slack
        f.documents.shrink_to_fit();
        f.entities.shrink_to_fit();
        f.relations.shrink_to_fit();
        f.figures.shrink_to_fit();
        f
    }

    /// Sets of facts one after the other.
    pub fn concat(all: impl Iterator<Item = Facts>) -> Facts {
        let mut out = Facts::default();
        for f in all {
            out.append(f);
        }
        out
    }

    /// Add another set of facts after these, as if its documents had been
    /// added here one by one.
    pub fn append(&mut self, other: Facts) {
        if self.documents.is_empty() && self.entities.is_empty() && self.relations.is_empty() && self.figures.is_empty() {
            // nothing in front: take the other's lists as they are rather than copy them
            let kinds = std::mem::take(&mut self.kinds);
            *self = other;
            self.kinds.extend(kinds);
            return;
        }
        self.documents.extend(other.documents);
        self.entities.append(other.entities);
        self.kinds.extend(other.kinds);
        self.relations.append(other.relations);
        self.figures.append(other.figures);
    }

    /// Every id the facts name, with repeats.
    fn named(&self) -> impl Iterator<Item = &EntityId> {
        let entities = self.entities.iter().map(|e| &e.id);
        let relations = self.relations.iter().flat_map(|r| [&r.source, &r.target]);
        let figures = self.figures.iter().flat_map(|f| f.operation.iter().chain(f.country.iter()));
        entities.chain(relations).chain(figures)
    }

    /// Drop everything a document said (it is being replaced or removed).
    pub fn remove_document(&mut self, doc: &DocId) {
        self.documents.retain(|d| &d.id != doc);
        self.entities.retain(|e| &e.doc != doc);
        self.relations.retain(|r| &r.evidence.doc != doc);
        self.figures.retain(|f| &f.doc != doc);
    }

    /// Take a resolved graph's records apart into facts again.
    pub fn from_records(
        documents: &[DocumentRecord],
        entities: &[EntityRecord],
        relations: &[RelationRecord],
        figures: &[FigureRecord],
    ) -> Self {
        let mut f = Facts { documents: documents.to_vec(), ..Default::default() };
        // canonical id + document -> the id the document used
        let mut original: BTreeMap<(&EntityId, &DocId), &EntityId> = BTreeMap::new();
        for e in entities {
            for s in &e.sources {
                f.kinds.insert(s.id.clone(), e.kind);
                f.entities.push(s.clone());
                original.entry((&e.id, &s.doc)).or_insert(&s.id);
            }
        }
        for r in relations {
            for ev in &r.evidence {
                let src = original.get(&(&r.source, &ev.doc)).copied().unwrap_or(&r.source);
                let tgt = original.get(&(&r.target, &ev.doc)).copied().unwrap_or(&r.target);
                f.relations.push(RelationFact { source: src.clone(), relation: r.relation, target: tgt.clone(), evidence: ev.clone() });
            }
        }
        let back = |id: &Option<EntityId>, doc: &DocId| id.as_ref().map(|i| original.get(&(i, doc)).copied().unwrap_or(i).clone());
        for fig in figures {
            let mut fig = fig.clone();
            fig.operation = back(&fig.operation, &fig.doc);
            fig.country = back(&fig.country, &fig.doc);
            f.figures.push(fig);
        }
        f
    }
}

/// The resolved graph content, sorted: what the graph stage stores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
    /// Every figure, its operation and country resolved, in file order.
    pub figures: Vec<FigureRecord>,
    /// Which curation entries matched nothing (so the analyst can fix them).
    pub unused_curation: Vec<String>,
}

/// Merge facts into one entity per real-world thing and one edge per
/// (source, relation, target), then apply the curation.
pub fn resolve(facts: &Facts, curation: &Curation) -> Resolved {
    resolve_owned(facts.clone(), curation)
}

/// [`resolve`], taking the facts: their strings move into the records
/// instead of being copied, which halves the memory a large build needs.
pub fn resolve_owned(mut facts: Facts, curation: &Curation) -> Resolved {
    curation.split_facts(&mut facts);
    let canon = canonical_ids(&facts, curation);
    let mut ops = operations::merge(&facts, &canon, curation);
    let map = |id: &EntityId| {
        let c = canon.get(id).unwrap_or(id);
        ops.into.get(c).unwrap_or(c).clone()
    };
    let ranks = Ranks::new(facts.named(), map);
    let Facts { documents: mut all_documents, entities: sources_in, kinds, relations: facts_relations, figures: facts_figures } = facts;
    let kind_of = |id: &EntityId| kinds.get(id).copied().unwrap_or(id.kind);

    // each entity's sources in a list of its own, made to size: the sources
    // are a large build's second largest list, and lists grown one push at a
    // time held up to twice their room
    let mut sizes = vec![0usize; ranks.ids.len()];
    for s in &sources_in {
        sizes[ranks.of(&s.id)] += 1;
    }
    let mut groups: Vec<Vec<EntitySource>> = sizes.into_iter().map(Vec::with_capacity).collect();
    // taken piece by piece, each piece freed as its sources move into their groups
    for s in sources_in {
        groups[ranks.of(&s.id)].push(s);
    }
    let mut entities: Vec<EntityRecord> = groups
        .into_iter()
        .enumerate()
        .filter(|(_, sources)| !sources.is_empty())
        .map(|(rank, mut sources)| {
            let id = ranks.ids[rank].clone();
            let kind = kind_of(&id);
            sources.sort();
            sources.dedup();
            let name = most_common(sources.iter().map(|s| s.name.as_str())).unwrap_or_default();
            let mut aliases: BTreeSet<String> = BTreeSet::new();
            for s in &sources {
                aliases.insert(s.name.clone());
                aliases.extend(s.aliases.iter().cloned());
            }
            aliases.remove(&name);
            let country = most_common(sources.iter().filter_map(|s| s.country.as_deref()));
            let merged = ops.notes.remove(&id).unwrap_or_default();
            // an operation joined across releases takes the name the join chose
            let name = match ops.names.remove(&id) {
                Some(chosen) => {
                    aliases.insert(name);
                    aliases.remove(&chosen);
                    chosen
                }
                None => name,
            };
            EntityRecord { id, kind, name, aliases: aliases.into_iter().collect(), country, curated: false, sources, merged }
        })
        .collect();

    // one edge per (source, relation, target), keyed by ranks, which sort
    // as the ids do. Each edge's evidence list is made to size first, then
    // the facts move into them piece by piece, each piece freed as it goes:
    // a large build never holds its evidence twice. The order of evidence
    // within an edge does not matter here: `relation_record` sorts it.
    let key = |r: &RelationFact| (ranks.of(&r.source) as u32, r.relation, ranks.of(&r.target) as u32);
    let mut edges: Vec<(u32, RelationKind, u32)> = facts_relations.iter().map(key).filter(|k| k.0 != k.2).collect();
    edges.sort_unstable();
    let mut sizes: Vec<usize> = Vec::new();
    for run in edges.chunk_by(|a, b| a == b) {
        sizes.push(run.len());
    }
    edges.dedup();
    let mut evidence: Vec<Vec<Evidence>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for r in facts_relations {
        let k = key(&r);
        if k.0 != k.2 {
            let at = edges.binary_search(&k).unwrap_or_else(|_| unreachable!("every edge of the facts is listed"));
            evidence[at].push(r.evidence);
        }
    }
    let mut relations: Vec<RelationRecord> = edges
        .into_iter()
        .zip(evidence)
        .map(|((s, rel, t), ev)| relation_record(ranks.ids[s as usize].clone(), rel, ranks.ids[t as usize].clone(), ev))
        .collect();

    all_documents.sort();
    all_documents.dedup();
    let unused = curation.apply(&mut entities, &mut relations);
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    relations.sort_by(|a, b| (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target)));
    // a figure keeps its operation and country only while they are entities
    let known: BTreeSet<&EntityId> = entities.iter().map(|e| &e.id).collect();
    let mut figures: Vec<FigureRecord> = facts_figures
        .into_iter()
        .filter_map(|mut f| {
            f.operation = f.operation.map(|o| ranks.id(&o).clone()).filter(|o| known.contains(o));
            f.country = f.country.map(|c| ranks.id(&c).clone());
            // a figure of a country that is no entity would read as one of the whole operation
            f.country.as_ref().is_none_or(|c| known.contains(c)).then_some(f)
        })
        .collect();
    figures.sort();
    figures.dedup();
    Resolved { documents: all_documents, entities, relations, figures, unused_curation: unused }
}

/// Every id the facts name, resolved once: each id as a document gave it
/// maps to the rank of the entity it resolves to in the sorted list of
/// resolved ids. Ranks sort as ids do, so grouping by rank gives the
/// records in id order without comparing strings, and an id's resolution
/// is looked up once, not once per fact (a 100,000-release build has 3
/// million relation facts over 200,000 distinct ids).
struct Ranks {
    ids: Vec<EntityId>,
    rank: FxHashMap<EntityId, usize>,
}

impl Ranks {
    fn new<'a>(named: impl Iterator<Item = &'a EntityId>, resolve: impl Fn(&EntityId) -> EntityId) -> Self {
        let mut resolved: FxHashMap<&EntityId, EntityId> = FxHashMap::default();
        for id in named {
            if !resolved.contains_key(id) {
                resolved.insert(id, resolve(id));
            }
        }
        let mut ids: Vec<EntityId> = resolved.values().cloned().collect();
        ids.sort();
        ids.dedup();
        let rank = resolved
            .into_iter()
            .map(|(given, to)| {
                let at = ids.binary_search(&to).unwrap_or_else(|_| unreachable!("every resolved id is listed"));
                (given.clone(), at)
            })
            .collect();
        Ranks { ids, rank }
    }

    fn of(&self, id: &EntityId) -> usize {
        self.rank.get(id).copied().unwrap_or_else(|| unreachable!("every id of the facts is ranked"))
    }

    fn id(&self, id: &EntityId) -> &EntityId {
        &self.ids[self.of(id)]
    }
}

pub(crate) fn relation_record(source: EntityId, relation: RelationKind, target: EntityId, mut evidence: Vec<Evidence>) -> RelationRecord {
    evidence.sort();
    evidence.dedup();
    let documents = evidence.iter().map(|e| &e.doc).collect::<BTreeSet<_>>().len();
    let counts: BTreeSet<u32> = evidence.iter().filter_map(|e| e.count).collect();
    let count = if counts.len() == 1 { counts.into_iter().next() } else { None };
    RelationRecord { source, relation, target, count, documents, evidence }
}

fn kind_of(id: &EntityId, facts: &Facts) -> EntityKind {
    facts.kinds.get(id).copied().unwrap_or(id.kind)
}

/// The most frequent value; ties go to the shortest, then the first in order.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(a.0))).map(|(v, _)| v.to_string())
}

/// Forms too short or too generic to prove two bodies are one.
fn strong_form(form: &str) -> bool {
    let f = form.trim();
    f.chars().filter(|c| c.is_alphanumeric()).count() >= 3
}

fn norm(form: &str) -> String {
    let folded: String = form.chars().map(crate::model::fold_accent).collect();
    let lower = folded.to_lowercase().replace('’', "'");
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Map every extracted id to its canonical id: agencies (and named
/// operations) that share a surface form are one; curation merges follow.
fn canonical_ids(facts: &Facts, curation: &Curation) -> BTreeMap<EntityId, EntityId> {
    let mut ids: Vec<&EntityId> = facts.entities.iter().map(|e| &e.id).collect::<FxHashSet<_>>().into_iter().collect();
    ids.sort();
    let mut uf = UnionFind::new(ids.iter().map(|i| (*i).clone()));
    // Two bodies are one when a form of one is the *name* of the other
    // ("UKCA" defined as an acronym in one release, used alone in another);
    // sharing only an expansion ("Interregional Specialised Jurisdiction" for
    // both JIRS Lyon and JIRS Nancy) is not enough, nor is a name used in two
    // countries.
    type Holder<'a> = (&'a EntityId, Option<&'a str>, bool);
    // a form named in thousands of releases holds only a few distinct
    // (id, country, is-name) triples: keep each once
    let mut by_form: BTreeMap<(EntityKind, String), BTreeSet<Holder>> = BTreeMap::new();
    // a body named in thousands of releases is named the same few ways:
    // each way is read once (the map and sets below do not depend on order)
    let sayings: FxHashSet<(&EntityId, &str, &[String], Option<&str>)> =
        facts.entities.iter().map(|e| (&e.id, e.name.as_str(), e.aliases.as_slice(), e.country.as_deref())).collect();
    for (id, name, aliases, country) in sayings {
        let kind = kind_of(id, facts);
        if !matches!(kind, EntityKind::Agency | EntityKind::Operation) {
            continue;
        }
        // unnamed operations stay one per document
        if kind == EntityKind::Operation && id.is_unnamed() {
            continue;
        }
        for (i, form) in std::iter::once(name).chain(aliases.iter().map(String::as_str)).enumerate() {
            if !strong_form(form) || curation.split.iter().any(|s| s.alias.eq_ignore_ascii_case(form)) {
                continue;
            }
            by_form.entry((kind, norm(form))).or_default().insert((id, country, i == 0));
        }
    }
    for entries in by_form.values() {
        union_sharers(&mut uf, entries);
    }
    for (into, from) in curation.merges() {
        uf.union(&into, &from);
        uf.prefer(&into);
    }
    // the canonical id of a group: a curated target, else the id used by most documents
    let mut doc_count: FxHashMap<&EntityId, usize> = FxHashMap::default();
    for (id, _) in facts.entities.iter().map(|e| (&e.id, &e.doc)).collect::<FxHashSet<_>>() {
        *doc_count.entry(id).or_default() += 1;
    }
    let mut members: BTreeMap<EntityId, Vec<EntityId>> = BTreeMap::new();
    for id in &ids {
        members.entry(uf.find(id)).or_default().push((*id).clone());
    }
    let mut out = BTreeMap::new();
    for (_, group) in members {
        let best = group
            .iter()
            .max_by(|a, b| {
                let pa = uf.preferred.contains(*a);
                let pb = uf.preferred.contains(*b);
                let ca = doc_count.get(a).copied().unwrap_or(0);
                let cb = doc_count.get(b).copied().unwrap_or(0);
                pa.cmp(&pb)
                    .then(ca.cmp(&cb))
                    .then((b.kind.as_str().len() + b.slug.len()).cmp(&(a.kind.as_str().len() + a.slug.len())))
                    .then(b.cmp(a))
            })
            .cloned();
        if let Some(best) = best {
            for id in group {
                out.insert(id, best.clone());
            }
        }
    }
    out
}

/// Join the holders of one form: a holder whose *name* it is joins every
/// other holder whose country does not clash with its own (both given and
/// different). Done by country class rather than pair by pair, so the work
/// is linear in the holders: a named holder without a country joins them
/// all; one with country c joins the others of country c and those without.
fn union_sharers(uf: &mut UnionFind, entries: &BTreeSet<(&EntityId, Option<&str>, bool)>) {
    let mut all = entries.iter().map(|e| e.0);
    if entries.iter().any(|e| e.2 && e.1.is_none()) {
        if let Some(first) = all.next() {
            all.for_each(|o| uf.union(first, o));
        }
        return;
    }
    let mut by_country: BTreeMap<Option<&str>, Vec<&EntityId>> = BTreeMap::new();
    for e in entries {
        by_country.entry(e.1).or_default().push(e.0);
    }
    let named: BTreeSet<&str> = entries.iter().filter(|e| e.2).filter_map(|e| e.1).collect();
    let countryless = by_country.get(&None).map(Vec::as_slice).unwrap_or_default();
    for c in named {
        let own = by_country.get(&Some(c)).map(Vec::as_slice).unwrap_or_default();
        let mut class = own.iter().chain(countryless);
        if let Some(first) = class.next() {
            class.for_each(|o| uf.union(first, o));
        }
    }
}

struct UnionFind {
    parent: BTreeMap<EntityId, EntityId>,
    preferred: BTreeSet<EntityId>,
}

impl UnionFind {
    fn new(ids: impl Iterator<Item = EntityId>) -> Self {
        UnionFind { parent: ids.map(|i| (i.clone(), i)).collect(), preferred: BTreeSet::new() }
    }
    fn find(&mut self, id: &EntityId) -> EntityId {
        let mut cur = id.clone();
        loop {
            let p = self.parent.get(&cur).cloned().unwrap_or_else(|| cur.clone());
            if p == cur {
                break;
            }
            cur = p;
        }
        // path compression
        let mut x = id.clone();
        while let Some(p) = self.parent.get(&x).cloned() {
            if p == x {
                break;
            }
            self.parent.insert(x, cur.clone());
            x = p;
        }
        cur
    }
    fn union(&mut self, a: &EntityId, b: &EntityId) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // deterministic: the smaller root becomes the parent
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(child, root);
        }
    }
    fn prefer(&mut self, id: &EntityId) {
        self.preferred.insert(id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(doc: &str, id: &str, name: &str, aliases: &[&str]) -> EntitySource {
        EntitySource {
            doc: DocId::new(doc),
            id: (id).parse::<EntityId>().unwrap(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            country: None,
            first: 0,
            when: None,
        }
    }

    #[test]
    fn agencies_sharing_a_form_become_one_with_all_aliases() {
        let mut f = Facts::default();
        f.entities.push(src("d-1", "agency:gb-central-authority", "United Kingdom Central Authority", &["UKCA"]));
        f.entities.push(src("d-2", "agency:ukca", "UKCA", &[]));
        f.entities.push(src("d-3", "agency:ukca", "UKCA", &[]));
        let r = resolve(&f, &Curation::default());
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.entities[0].id.to_string(), "agency:ukca");
        assert_eq!(r.entities[0].aliases, ["United Kingdom Central Authority"]);
        assert_eq!(r.entities[0].documents().len(), 3);
    }

    #[test]
    fn evidence_from_several_documents_is_kept_and_counts_are_not_summed() {
        let mut f = Facts::default();
        for (doc, count) in [("d-1", Some(6)), ("d-2", Some(4))] {
            f.relations.push(RelationFact {
                source: ("operation:x").parse::<EntityId>().unwrap(),
                relation: RelationKind::ArrestedIn,
                target: ("country:be").parse::<EntityId>().unwrap(),
                evidence: Evidence { doc: DocId::new(doc), start: 0, end: 5, text: "six".into(), count, rule: None, hedged: false },
            });
        }
        let r = resolve(&f, &Curation::default());
        assert_eq!(r.relations.len(), 1);
        assert_eq!(r.relations[0].documents, 2);
        assert_eq!(r.relations[0].count, None);
        assert_eq!(r.relations[0].evidence.iter().filter_map(|e| e.count).collect::<Vec<_>>(), [6, 4]);
    }

    #[test]
    fn joining_by_country_class_equals_joining_every_pair() {
        let ids: Vec<EntityId> = (0..6).map(|i| format!("agency:a{i}").parse().unwrap()).collect();
        let countries = [None, Some("fr"), Some("de")];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..300 {
            let mut entries = BTreeSet::new();
            for _ in 0..1 + (x % 7) as usize {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                entries.insert((&ids[(x % 6) as usize], countries[(x / 7 % 3) as usize], x / 31 % 2 == 0));
            }
            let mut fast = UnionFind::new(ids.iter().cloned());
            union_sharers(&mut fast, &entries);
            let mut slow = UnionFind::new(ids.iter().cloned());
            for named in entries.iter().filter(|x| x.2) {
                for other in &entries {
                    if !matches!((named.1, other.1), (Some(a), Some(b)) if a != b) {
                        slow.union(named.0, other.0);
                    }
                }
            }
            for a in &ids {
                for b in &ids {
                    assert_eq!(fast.find(a) == fast.find(b), slow.find(a) == slow.find(b), "{entries:?}");
                }
            }
        }
    }
}
