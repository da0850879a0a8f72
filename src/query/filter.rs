//! The selection shared by every query and by export: which kinds and
//! relations to keep, and how much evidence an edge needs.

use crate::graph::CaseGraph;
use crate::model::{EntityKind, EntityRecord, RelationKind, RelationRecord};
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
}

fn at_most_one(n: &usize) -> bool {
    *n <= 1
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.relations.is_empty() && self.min_evidence <= 1 && !self.no_hedged
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
        parts.join(" ")
    }

    /// The sub-graph this filter selects.
    pub fn apply(&self, g: &CaseGraph) -> CaseGraph {
        let entities: Vec<EntityRecord> = g.entities().filter(|e| self.keeps_entity(e)).cloned().collect();
        let ids: BTreeSet<_> = entities.iter().map(|e| e.id.clone()).collect();
        let relations: Vec<RelationRecord> = g
            .relations()
            .filter(|r| self.keeps_relation(r) && ids.contains(&r.source) && ids.contains(&r.target))
            .map(|r| self.narrow(r))
            .collect();
        CaseGraph::from_parts(g.documents.clone(), entities, relations).unwrap_or_else(|_| g.clone())
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
