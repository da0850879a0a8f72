//! Answers and how they print: a readable table by default, JSON for
//! scripts. The JSON shape of each answer is its serde form, tagged by
//! `"answer"` (documented in the README).

use super::{Hop, LinkAnswer, Measure, Neighbor, PathResult, Score};
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    Paths {
        from: String,
        to: String,
        #[serde(flatten)]
        result: PathResult,
    },
    Link {
        a: String,
        b: String,
        kind: EntityKind,
        answers: Vec<LinkAnswer>,
    },
    Centrality {
        measure: Measure,
        scores: Vec<Score>,
    },
    Neighbors {
        entity: String,
        relation: Option<RelationKind>,
        found: Vec<Neighbor>,
    },
    Show(ShowData),
    Rank {
        relation: RelationKind,
        rows: Vec<RankRow>,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct ShowData {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub documents: Vec<DocRef>,
    pub relations: Vec<ShowRelation>,
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
}

#[derive(Clone, Debug, Serialize)]
pub struct ShowEvidence {
    pub doc: DocId,
    /// The rule that read it, when the graph records it.
    pub rule: Option<String>,
    pub path: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub count: Option<u32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RankRow {
    pub id: EntityId,
    pub name: String,
    /// Distinct sources with this relation to the entity.
    pub sources: usize,
    pub documents: usize,
    pub from: Vec<String>,
}

/// Everything the graph says about one entity, with its evidence.
pub fn show(g: &CaseGraph, n: NodeIndex) -> ShowData {
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
    let relations = g
        .incident(n)
        .into_iter()
        .map(|(edge, other, outgoing)| {
            let r = g.relation(edge);
            ShowRelation {
                relation: r.relation,
                outgoing,
                other: g.entity(other).id.clone(),
                other_name: g.entity(other).name.clone(),
                documents: r.documents,
                count: r.count,
                evidence: r
                    .evidence
                    .iter()
                    .map(|ev| ShowEvidence {
                        doc: ev.doc.clone(),
                        rule: ev.rule.clone(),
                        path: g.document(&ev.doc).map(|d| d.path.clone()).unwrap_or_default(),
                        start: ev.start,
                        end: ev.end,
                        text: ev.text.clone(),
                        count: ev.count,
                    })
                    .collect(),
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
    }
}

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
                from: from.into_iter().collect(),
            })
        })
        .collect();
    rows.sort_by(|a, b| b.sources.cmp(&a.sources).then(b.documents.cmp(&a.documents)).then(a.name.cmp(&b.name)));
    rows.truncate(top);
    rows
}

impl Answer {
    pub fn render(&self, format: OutputFormat) -> String {
        match format {
            OutputFormat::Json => {
                let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
                s.push('\n');
                s
            }
            OutputFormat::Table => self.table(),
        }
    }

    fn table(&self) -> String {
        let mut s = String::new();
        match self {
            Answer::Paths { from, to, result } => {
                if result.paths.is_empty() {
                    let _ = writeln!(s, "no path from {from} to {to}");
                }
                for (i, p) in result.paths.iter().enumerate() {
                    let _ = writeln!(s, "path {} ({} hops): {}", i + 1, p.len(), chain(p));
                }
                if result.truncated {
                    let _ = writeln!(s, "(more paths exist: raise --limit or lower --max-hops)");
                }
            }
            Answer::Link { a, b, kind, answers } => {
                if answers.is_empty() {
                    let _ = writeln!(s, "no {kind} links {a} and {b}");
                }
                let _ = writeln!(s, "{kind} linking {a} and {b}:");
                for x in answers {
                    let _ = writeln!(s, "{}  ({} documents)", x.name, x.documents);
                    let _ = writeln!(s, "    to {a}: {}", chain(&x.chain_a));
                    let _ = writeln!(s, "    to {b}: {}", chain(&x.chain_b));
                }
            }
            Answer::Centrality { measure, scores } => {
                let _ = writeln!(s, "{:<5} {:<12} {:<10} name", "rank", measure.as_str(), "kind");
                for (i, x) in scores.iter().enumerate() {
                    let _ = writeln!(s, "{:<5} {:<12.6} {:<10} {}", i + 1, x.score, x.kind.as_str(), x.name);
                }
            }
            Answer::Neighbors { entity, relation, found } => {
                let rel = relation.map(|r| format!(" by {r}")).unwrap_or_default();
                if found.is_empty() {
                    let _ = writeln!(s, "no neighbours of {entity}{rel}");
                }
                for n in found {
                    let _ = writeln!(s, "{:<10} {}   ({})", n.kind.as_str(), n.name, chain(&n.via));
                }
            }
            Answer::Show(d) => {
                let _ = writeln!(s, "{} [{}] {}", d.name, d.kind, d.id);
                if !d.aliases.is_empty() {
                    let _ = writeln!(s, "  aliases: {}", d.aliases.join("; "));
                }
                if let Some(c) = &d.country {
                    let _ = writeln!(s, "  country: {c}");
                }
                let _ = writeln!(s, "  documents: {}", d.documents.len());
                let mut last: Option<RelationKind> = None;
                for r in &d.relations {
                    if last != Some(r.relation) {
                        let _ = writeln!(s, "  {}:", r.relation);
                        last = Some(r.relation);
                    }
                    let arrow = if r.outgoing { format!("-> {}", r.other_name) } else { format!("<- {}", r.other_name) };
                    let count = r.count.map(|c| format!(", count {c}")).unwrap_or_default();
                    let _ = writeln!(s, "    {arrow}  ({} documents{count})", r.documents);
                    for ev in &r.evidence {
                        let _ = writeln!(s, "      [{} {}:{}-{}] {}", ev.doc, ev.path, ev.start, ev.end, one_line(&ev.text));
                        if let Some(rule) = &ev.rule {
                            let _ = writeln!(s, "        rule: {rule}");
                        }
                    }
                }
            }
            Answer::Rank { relation, rows } => {
                let _ = writeln!(s, "{:<5} {:<8} {:<10} name   ({relation})", "rank", "sources", "documents");
                for (i, r) in rows.iter().enumerate() {
                    let _ = writeln!(s, "{:<5} {:<8} {:<10} {}   (from {})", i + 1, r.sources, r.documents, r.name, r.from.join(", "));
                }
            }
        }
        s
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Eurojust -coordinated-> joint action day <-participated-in- Romania"
pub fn chain(p: &[Hop]) -> String {
    let mut s = String::new();
    for (i, h) in p.iter().enumerate() {
        if i == 0 {
            s.push_str(&h.from_name);
        }
        if h.forward {
            let _ = write!(s, " -{}-> {}", h.relation, h.to_name);
        } else {
            let _ = write!(s, " <-{}- {}", h.relation, h.to_name);
        }
    }
    s
}
