//! Node-link JSON, the shape NetworkX's `node_link_graph(data, edges="links")`
//! and D3 read. Edges carry their evidence: after the picture, the sentence
//! that states a link is what an analyst needs.

use super::sorted;
use crate::graph::CaseGraph;
use crate::model::{DocumentRecord, Evidence};
use crate::query::{membership, Community, Cooperation};
use serde_json::{json, Value};
use std::collections::HashMap;

/// One piece of evidence with the document it comes from.
fn evidence_json(ev: &Evidence, doc: Option<&DocumentRecord>) -> Value {
    let mut v = json!({
        "doc": ev.doc,
        "title": doc.map(|d| d.title.as_str()),
        "path": doc.map(|d| d.path.as_str()),
        "article": doc.and_then(|d| d.article),
        "sentence": ev.text,
        "start": ev.start,
        "end": ev.end,
    });
    if let Some(c) = ev.count {
        v["count"] = json!(c);
    }
    if let Some(r) = &ev.rule {
        v["rule"] = json!(r);
    }
    v
}

fn finish(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A directed multigraph keyed by relation (one pair can be linked by
/// several relations); each link lists its evidence.
pub fn to_node_link_json(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let docs: HashMap<&str, &DocumentRecord> = g.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let nodes: Vec<_> = nodes
        .iter()
        .map(|e| json!({"id": e.id, "kind": e.kind, "name": e.name, "aliases": e.aliases, "country": e.country, "documents": e.documents().len()}))
        .collect();
    let links: Vec<_> = edges
        .iter()
        .map(|r| {
            let evidence: Vec<Value> = r.evidence.iter().map(|ev| evidence_json(ev, docs.get(ev.doc.as_str()).copied())).collect();
            json!({"source": r.source, "target": r.target, "key": r.relation, "relation": r.relation, "documents": r.documents, "count": r.count, "evidence": evidence})
        })
        .collect();
    finish(&json!({"directed": true, "multigraph": true, "graph": {"name": "casegraph"}, "nodes": nodes, "links": links}))
}

/// The cooperation view: an undirected graph of bodies; each link has its
/// weight (shared operations), documents and the operations themselves.
pub fn cooperation_json(c: &Cooperation, communities: &[Community]) -> String {
    let member = membership(communities);
    let nodes: Vec<_> = c
        .bodies
        .iter()
        .map(|b| json!({"id": b.id, "kind": b.kind, "name": b.name, "country": b.country, "operations": b.operations, "community": member.get(&b.id)}))
        .collect();
    let links: Vec<_> = c
        .links
        .iter()
        .map(|l| json!({"source": l.a, "target": l.b, "weight": l.weight(), "documents": l.documents.len(), "operations": l.operations, "document_ids": l.documents}))
        .collect();
    finish(&json!({"directed": false, "multigraph": false, "graph": {"name": "casegraph cooperation"}, "nodes": nodes, "links": links}))
}
