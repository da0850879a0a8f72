//! Everything the graph says about one entity: kind, aliases, country,
//! documents, and each relation with the sentences that state it. Large
//! entities are listed up to a limit of relations and of sentences per
//! relation; the answer says how many were left out.

use super::defaults::SHOW_EVIDENCE;
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Serialize)]
pub struct ShowData {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub documents: Vec<DocRef>,
    pub relations: Vec<ShowRelation>,
    /// Relations of the entity left out by the limit.
    pub more_relations: usize,
    /// For an operation several releases told: each join and its evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<super::merges::ShowMerge>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocRef {
    pub id: DocId,
    pub path: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShowRelation {
    pub relation: RelationKind,
    /// True when this entity is the source of the edge.
    pub outgoing: bool,
    pub other: EntityId,
    pub other_name: String,
    pub documents: usize,
    pub count: Option<u32>,
    pub evidence: Vec<ShowEvidence>,
    /// Sentences stating this relation left out.
    pub more_evidence: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShowEvidence {
    pub doc: DocId,
    pub path: String,
    /// The extraction rule that read the sentence, when the graph records it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub count: Option<u32>,
    /// Said with a hedge ("allegedly"): reported, not asserted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

impl ShowEvidence {
    /// A sentence of the graph as `show` prints it, with its document's path.
    pub fn of(g: &CaseGraph, ev: &crate::model::Evidence) -> Self {
        ShowEvidence {
            doc: ev.doc.clone(),
            path: g.document(&ev.doc).map(|d| d.path.clone()).unwrap_or_default(),
            rule: ev.rule.as_deref().map(str::to_string),
            start: ev.start,
            end: ev.end,
            text: ev.text.to_string(),
            count: ev.count,
            hedged: ev.hedged,
        }
    }
}

/// The entity at `n` with at most `limit` of its relations (by relation,
/// then the other end's name).
pub fn show(g: &CaseGraph, n: NodeIndex, limit: usize) -> ShowData {
    let e = g.entity(n);
    let docs: BTreeSet<&DocId> = e.documents();
    let documents = docs
        .into_iter()
        .map(|d| {
            let rec = g.document(d);
            DocRef {
                id: d.clone(),
                path: rec.map(|r| r.path.clone()).unwrap_or_default(),
                title: rec.map(|r| r.title.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let incident = g.incident(n);
    let more_relations = incident.len().saturating_sub(limit);
    let relations = incident
        .into_iter()
        .take(limit)
        .map(|(edge, other, outgoing)| {
            let r = g.relation(edge);
            ShowRelation {
                relation: r.relation,
                outgoing,
                other: g.entity(other).id.clone(),
                other_name: g.entity(other).name.clone(),
                documents: r.documents,
                count: r.count,
                evidence: r.evidence.iter().take(SHOW_EVIDENCE).map(|ev| ShowEvidence::of(g, ev)).collect(),
                more_evidence: r.evidence.len().saturating_sub(SHOW_EVIDENCE),
            }
        })
        .collect();
    ShowData {
        id: e.id.clone(),
        kind: e.kind,
        name: e.name.clone(),
        aliases: e.aliases.clone(),
        country: e.country.clone(),
        documents,
        relations,
        more_relations,
        merged: super::merges::explain(g, n),
    }
}
