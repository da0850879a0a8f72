//! "Who worked with X": the entities that took part in an operation with
//! X, through the relations of cooperation (coordinated, supported,
//! participated-in), ranked by the operations they share with X, then by
//! the documents that state the two ends' roles. Bounded by
//! [`PARTNERS_STEPS`].

use super::defaults::PARTNERS_STEPS;
use super::error::QueryError;
use super::walk::raw_steps;
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The relations by which an entity takes part in an operation.
pub const COOPERATION: [RelationKind; 3] = [RelationKind::Coordinated, RelationKind::Supported, RelationKind::ParticipatedIn];

/// Kinds listed when none are asked for.
pub const PARTNER_KINDS: [EntityKind; 2] = [EntityKind::Agency, EntityKind::Country];

/// Operations named for a partner at most.
const SHARED_SHOWN: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Partner {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Operations shared with the queried entity.
    pub operations: usize,
    /// Distinct documents stating either end's part in those operations.
    pub documents: usize,
    /// The first few shared operations, by name.
    pub shared: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PartnersResult {
    pub rows: Vec<Partner>,
    /// Partners found before `top`.
    pub total: usize,
}

/// Entities of `kinds` (agencies and countries when empty) sharing an
/// operation with `n`; at most `top` of them.
pub fn partners(g: &CaseGraph, n: NodeIndex, kinds: &[EntityKind], top: usize) -> Result<PartnersResult, QueryError> {
    if top == 0 {
        return Err(QueryError::Usage("--top must be at least 1".into()));
    }
    let kinds: &[EntityKind] = if kinds.is_empty() { &PARTNER_KINDS } else { kinds };
    let mut budget = PARTNERS_STEPS;
    let mut spend = || {
        if budget == 0 {
            return Err(QueryError::Budget {
                what: "who worked with this entity".into(),
                limit: format!("{PARTNERS_STEPS}"),
                narrow: "narrow the graph with --relation or --min-evidence".into(),
            });
        }
        budget -= 1;
        Ok(())
    };
    let cooperates = |e| COOPERATION.contains(&g.relation(e).relation);
    // the operations of n, with the documents stating n's part in each
    let mut ops: BTreeMap<NodeIndex, BTreeSet<&DocId>> = BTreeMap::new();
    if g.entity(n).kind == EntityKind::Operation {
        ops.insert(n, BTreeSet::new());
    } else {
        for s in raw_steps(g, n) {
            spend()?;
            if cooperates(s.edge) && g.entity(s.to).kind == EntityKind::Operation {
                ops.entry(s.to).or_default().extend(g.relation(s.edge).evidence.iter().map(|ev| &ev.doc));
            }
        }
    }
    let mut found: HashMap<NodeIndex, (BTreeSet<NodeIndex>, BTreeSet<&DocId>)> = HashMap::new();
    for (op, own) in &ops {
        for s in raw_steps(g, *op) {
            spend()?;
            if s.to == n || !cooperates(s.edge) || !kinds.contains(&g.entity(s.to).kind) {
                continue;
            }
            let entry = found.entry(s.to).or_default();
            entry.0.insert(*op);
            entry.1.extend(own.iter().copied());
            entry.1.extend(g.relation(s.edge).evidence.iter().map(|ev| &ev.doc));
        }
    }
    let mut rows: Vec<Partner> = found
        .into_iter()
        .map(|(p, (shared, docs))| {
            let e = g.entity(p);
            let mut names: Vec<String> = shared.iter().map(|o| g.entity(*o).name.clone()).collect();
            names.sort();
            names.truncate(SHARED_SHOWN);
            Partner { id: e.id.clone(), name: e.name.clone(), kind: e.kind, operations: shared.len(), documents: docs.len(), shared: names }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.operations.cmp(&x.operations).then(y.documents.cmp(&x.documents)).then(x.name.cmp(&y.name)).then(x.id.cmp(&y.id))
    });
    let total = rows.len();
    rows.truncate(top);
    Ok(PartnersResult { rows, total })
}
