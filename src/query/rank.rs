//! Targets of one relation ranked by how many sources point at them
//! ("which countries are victims most often recruited from"): one pass
//! over the relations.

use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, RelationKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Serialize)]
pub struct RankRow {
    pub id: EntityId,
    pub name: String,
    /// Distinct sources with this relation to the entity.
    pub sources: usize,
    pub documents: usize,
    /// The first sources by name (all are counted in `sources`).
    pub from: Vec<String>,
}

/// Sources named per row at most.
const FROM_SHOWN: usize = 10;

/// Targets of `relation` ranked by distinct sources, then documents, then name.
pub fn rank(g: &CaseGraph, relation: RelationKind, top: usize) -> Vec<RankRow> {
    let mut by_target: BTreeMap<&EntityId, (BTreeSet<String>, BTreeSet<&DocId>)> = BTreeMap::new();
    for r in g.relations().filter(|r| r.relation == relation) {
        let entry = by_target.entry(&r.target).or_default();
        if let Some(s) = g.node(&r.source) {
            entry.0.insert(g.entity(s).name.clone());
        }
        entry.1.extend(r.evidence.iter().map(|e| &e.doc));
    }
    let mut rows: Vec<RankRow> = by_target
        .into_iter()
        .filter_map(|(id, (from, docs))| {
            let n = g.node(id)?;
            Some(RankRow {
                id: id.clone(),
                name: g.entity(n).name.clone(),
                sources: from.len(),
                documents: docs.len(),
                from: from.into_iter().take(FROM_SHOWN).collect(),
            })
        })
        .collect();
    rows.sort_by(|a, b| b.sources.cmp(&a.sources).then(b.documents.cmp(&a.documents)).then(a.name.cmp(&b.name)));
    rows.truncate(top);
    rows
}
