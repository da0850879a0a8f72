//! The selection shared by every query and by export: which kinds and
//! relations to keep, and how much evidence an edge needs.

use super::period::{Day, Period};
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, EntityRecord, RelationKind, RelationRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filter {
    /// Keep only entities of these kinds (empty: all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<EntityKind>,
    /// Keep only relations of these kinds (empty: all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least this many documents.
    #[serde(skip_serializing_if = "at_most_one")]
    pub min_evidence: usize,
    /// Leave out what releases say only with a hedge ("allegedly",
    /// "is suspected of"): such sentences stop counting as evidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hedged: bool,
    /// Keep only what happened from this day on (`--since`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "super::plain")]
    pub since: Option<Day>,
    /// Keep only what happened up to this day (`--until`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "super::plain")]
    pub until: Option<Day>,
}

fn at_most_one(n: &usize) -> bool {
    *n <= 1
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.relations.is_empty() && self.min_evidence <= 1 && !self.no_hedged && self.period().is_open()
    }

    /// The period `--since` / `--until` give.
    pub fn period(&self) -> Period {
        Period { since: self.since, until: self.until }
    }

    /// Is an entity inside the period? An operation when the days its
    /// documents give for it meet the period (an undated one is not);
    /// anything else always (its relations are dated instead).
    fn in_period(&self, e: &EntityRecord) -> bool {
        let p = self.period();
        p.is_open() || e.kind != EntityKind::Operation || e.when().is_some_and(|w| p.meets(w.from, w.to))
    }

    pub fn keeps_entity(&self, e: &EntityRecord) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&e.kind)
    }

    pub fn keeps_relation(&self, r: &RelationRecord) -> bool {
        let documents = if self.no_hedged { asserted(r).documents } else { r.documents };
        (self.relations.is_empty() || self.relations.contains(&r.relation)) && documents >= self.min_evidence.max(1)
    }

    /// The filter as the command-line flags that make it.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            parts.push(format!("--only-kind {}", self.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")));
        }
        if !self.relations.is_empty() {
            parts.push(format!("--relation {}", self.relations.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")));
        }
        if self.min_evidence > 1 {
            parts.push(format!("--min-evidence {}", self.min_evidence));
        }
        if self.no_hedged {
            parts.push("--no-hedged".into());
        }
        if let Some(d) = self.since {
            parts.push(format!("--since {d}"));
        }
        if let Some(d) = self.until {
            parts.push(format!("--until {d}"));
        }
        parts.join(" ")
    }

    /// The sub-graph this filter selects.
    pub fn apply(&self, g: &CaseGraph) -> CaseGraph {
        let entities: Vec<EntityRecord> = g.entities().filter(|e| self.keeps_entity(e) && self.in_period(e)).cloned().collect();
        let ids: BTreeSet<_> = entities.iter().map(|e| e.id.clone()).collect();
        let operations: BTreeSet<_> = entities.iter().filter(|e| e.kind == EntityKind::Operation).map(|e| e.id.clone()).collect();
        // a relation with no operation is dated by the releases that state it
        let dated: BTreeSet<&DocId> =
            g.documents.iter().filter(|d| d.date.is_some_and(|day| self.period().meets(day, day))).map(|d| &d.id).collect();
        let relations: Vec<RelationRecord> = g
            .relations()
            .filter(|r| self.keeps_relation(r) && ids.contains(&r.source) && ids.contains(&r.target))
            .map(|r| self.narrow(r))
            .filter_map(|mut r| {
                if self.period().is_open() || operations.contains(&r.source) || operations.contains(&r.target) {
                    return Some(r);
                }
                r.evidence.retain(|e| dated.contains(&e.doc));
                r.documents = r.evidence.iter().map(|e| &e.doc).collect::<BTreeSet<_>>().len();
                (!r.evidence.is_empty()).then_some(r)
            })
            .collect();
        // in a period, a body, country or group is there through what it did then
        let entities = if self.period().is_open() {
            entities
        } else {
            let linked: BTreeSet<&EntityId> = relations.iter().flat_map(|r| [&r.source, &r.target]).collect();
            entities.into_iter().filter(|e| e.kind == EntityKind::Operation || linked.contains(&e.id)).collect()
        };
        // a figure stays with its operation and country; one with no operation is dated by its release
        let kept: BTreeSet<&EntityId> = entities.iter().map(|e| &e.id).collect();
        let figures = g
            .figures
            .iter()
            .filter(|f| !(self.no_hedged && f.hedged))
            .filter(|f| f.operation.iter().chain(&f.country).all(|id| kept.contains(id)))
            .filter(|f| f.operation.is_some() || self.period().is_open() || dated.contains(&f.doc))
            .cloned()
            .collect();
        match CaseGraph::from_parts(g.documents.clone(), entities, relations) {
            Ok(narrowed) => narrowed.with_figures(figures),
            Err(_) => g.clone(),
        }
    }
}

impl Filter {
    /// The relation as the filter keeps it: without its hedged sentences under `no_hedged`.
    fn narrow(&self, r: &RelationRecord) -> RelationRecord {
        if self.no_hedged {
            asserted(r)
        } else {
            r.clone()
        }
    }
}

/// A relation with only the sentences that assert it, and the documents they come from.
fn asserted(r: &RelationRecord) -> RelationRecord {
    let evidence: Vec<_> = r.evidence.iter().filter(|e| !e.hedged).cloned().collect();
    let documents = evidence.iter().map(|e| &e.doc).collect::<BTreeSet<_>>().len();
    RelationRecord { evidence, documents, ..r.clone() }
}
