//! The last step: give bodies found by pattern their ids (now that their
//! country is known), merge entities that ended up with one id (a body
//! named with and without its country), and write the document's
//! extraction with exact spans.

use super::document::DocText;
use super::gazetteer::Gazetteer;
use super::mentions::Mentions;
use super::names::name_without_country;
use super::negation::Hedges;
use super::output::{ExtractedEntity, ExtractedRelation, Extraction, RuleSpan};
use super::relations::RelationSet;
use crate::ingest::Document;
use crate::model::{ByteSpan, EntityId, EntityKind, RelationKind, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Each mention's entity id, and the document's entities by id: bodies
/// found by pattern get their ids here (now that their country is known),
/// and entities that share an id become one. `related`: the mentions a
/// relation points at, which lists a country even without a mention of
/// its own.
fn entities(g: &Gazetteer, d: &DocText, m: &Mentions, related: &BTreeSet<usize>) -> (Vec<EntityId>, BTreeMap<EntityId, ExtractedEntity>) {
    let ids: Vec<EntityId> = m
        .ents
        .iter()
        .map(|e| match &e.id {
            Some(id) => id.clone(),
            None => {
                let base = crate::model::slug(&name_without_country(g, &e.name));
                match e.country {
                    Some(ci) => EntityId::new(EntityKind::Agency, format!("{}-{base}", g.countries[ci].code)),
                    None => EntityId::new(EntityKind::Agency, base),
                }
            }
        })
        .collect();
    let mut by_id: BTreeMap<EntityId, ExtractedEntity> = BTreeMap::new();
    // mentions gathered per id and written once: entities that share an id
    // would otherwise copy each other's mentions again at every merge
    let mut spans_of: BTreeMap<EntityId, BTreeSet<ByteSpan>> = BTreeMap::new();
    for (i, e) in m.ents.iter().enumerate() {
        if e.spans.is_empty() && !(e.kind == EntityKind::Country && related.contains(&i)) {
            continue;
        }
        let entry = by_id.entry(ids[i].clone()).or_insert_with(|| ExtractedEntity {
            id: ids[i].clone(),
            kind: e.kind,
            name: e.name.clone(),
            aliases: Vec::new(),
            country: e.country.map(|c| g.countries[c].code.clone()),
            mentions: Vec::new(),
            when: None,
        });
        let mut aliases: BTreeSet<String> = entry.aliases.drain(..).collect();
        aliases.extend(e.aliases.iter().cloned());
        if e.name != entry.name {
            aliases.insert(e.name.clone());
        }
        aliases.remove(&entry.name);
        entry.aliases = aliases.into_iter().collect();
        spans_of.entry(ids[i].clone()).or_default().extend(e.spans.iter().copied());
    }
    for (id, spans) in spans_of {
        if let Some(entry) = by_id.get_mut(&id) {
            entry.mentions = spans.into_iter().map(|s| Span::of(d.text, s)).collect();
        }
    }
    (ids, by_id)
}

/// The entities in the order an extraction lists them: by first mention.
fn listed(by_id: BTreeMap<EntityId, ExtractedEntity>) -> Vec<ExtractedEntity> {
    let mut entities: Vec<ExtractedEntity> = by_id.into_values().collect();
    entities.sort_by_key(|e| (e.mentions.first().map(|m| m.start).unwrap_or(usize::MAX), e.id.clone()));
    entities
}

/// The bodies (agencies) a whole extraction of the document lists, as it
/// lists them: no later pass adds, changes or reorders a body, so these
/// are read from the mentions alone.
pub fn bodies(g: &Gazetteer, d: &DocText, m: &Mentions) -> Vec<ExtractedEntity> {
    let (_, by_id) = entities(g, d, m, &BTreeSet::new());
    listed(by_id).into_iter().filter(|e| e.id.kind == EntityKind::Agency).collect()
}

pub fn extraction(g: &Gazetteer, doc: &Document, d: &DocText, m: &Mentions, rels: &RelationSet, hedges: &Hedges) -> Extraction {
    // a country named only through its cities is listed when a relation points at it (SCHEMA H1)
    let related: BTreeSet<usize> = rels.stated.keys().flat_map(|&(s, _, t)| [s.0, t.0]).collect();
    let (ids, by_id) = entities(g, d, m, &related);
    let mut relations: BTreeMap<(EntityId, RelationKind, EntityId), ExtractedRelation> = BTreeMap::new();
    // each relation's sentences by span, so that a relation stated in thousands
    // of sentences (one long release) costs no search per sentence
    let mut evidence_of: BTreeMap<(EntityId, RelationKind, EntityId), BTreeMap<ByteSpan, RuleSpan>> = BTreeMap::new();
    for (&(s, r, t), stated) in &rels.stated {
        let (si, ti) = (&ids[s.0], &ids[t.0]);
        if si == ti || !by_id.contains_key(si) || !by_id.contains_key(ti) {
            continue;
        }
        let entry = relations.entry((si.clone(), r, ti.clone())).or_insert_with(|| ExtractedRelation {
            source: si.clone(),
            relation: r,
            target: ti.clone(),
            count: None,
            rule: String::new(),
            evidence: Vec::new(),
        });
        if entry.count.is_none() {
            entry.count = stated.count;
        }
        let evidence = evidence_of.entry((si.clone(), r, ti.clone())).or_default();
        for (&span, rules) in &stated.evidence {
            let (first, also) =
                rules.split_first().map(|(f, a)| (f.to_string(), a.iter().map(|r| r.to_string()).collect())).unwrap_or_default();
            let hedged = hedges.covers(s, r, t, span);
            match evidence.get_mut(&span) {
                Some(e) => {
                    e.also.extend(std::iter::once(first).chain(also).filter(|r| *r != e.rule));
                    e.hedged &= hedged;
                }
                None => {
                    evidence.insert(
                        span,
                        RuleSpan { start: span.start, end: span.end, text: d.at(span).to_string(), rule: first, also, hedged },
                    );
                }
            }
        }
    }
    for (key, evidence) in evidence_of {
        if let Some(entry) = relations.get_mut(&key) {
            entry.evidence = evidence.into_values().collect();
            entry.evidence.sort();
            entry.rule = entry.evidence.first().map(|e| e.rule.clone()).unwrap_or_default();
        }
    }
    let entities = listed(by_id);
    Extraction {
        id: doc.id.clone(),
        path: doc.path.clone(),
        title: doc.title.clone(),
        article: doc.article,
        offset: doc.offset,
        date: None,
        entities,
        relations: relations.into_values().collect(),
        figures: Vec::new(),
    }
}
