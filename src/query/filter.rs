//! The selection shared by every query and by export: which kinds and
//! relations to keep, and how much evidence an edge needs.

use crate::graph::CaseGraph;
use crate::model::{EntityKind, RelationKind};
use crate::resolve::{EntityRecord, RelationRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Keep only entities of these kinds (empty: all).
    pub kinds: Vec<EntityKind>,
    /// Keep only relations of these kinds (empty: all).
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least this many documents.
    pub min_evidence: usize,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.relations.is_empty() && self.min_evidence <= 1
    }

    pub fn keeps_entity(&self, e: &EntityRecord) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&e.kind)
    }

    pub fn keeps_relation(&self, r: &RelationRecord) -> bool {
        (self.relations.is_empty() || self.relations.contains(&r.relation)) && r.documents >= self.min_evidence
    }

    /// The sub-graph this filter selects.
    pub fn apply(&self, g: &CaseGraph) -> CaseGraph {
        let entities: Vec<EntityRecord> = g.entities().filter(|e| self.keeps_entity(e)).cloned().collect();
        let ids: BTreeSet<_> = entities.iter().map(|e| e.id.clone()).collect();
        let relations: Vec<RelationRecord> =
            g.relations().filter(|r| self.keeps_relation(r) && ids.contains(&r.source) && ids.contains(&r.target)).cloned().collect();
        CaseGraph::from_parts(g.documents.clone(), entities, relations).unwrap_or_else(|_| g.clone())
    }
}
