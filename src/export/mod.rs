//! Stage 5b: the graph in other tools' formats. DOT is built as a
//! graphviz-rust AST and printed by it; SVG and PNG are rendered by the
//! Graphviz programs (spawned here, see `graphviz`); node-link JSON,
//! GraphML, CSV, Cypher (Neo4j) and Kùzu scripts are written here. Every
//! string taken from text goes through one escaping function per format, so
//! a hostile name cannot change a file's structure. Besides the graph
//! itself, each format can show the cooperation view (`query::Cooperation`).
//! `report` puts the rendered picture, the data behind it and a script into
//! one HTML page an analyst can click through to the evidence.

mod corridors;
mod csv;
mod cypher;
mod dot;
mod graphml;
mod graphviz;
mod json;
mod report;
mod style;

pub use corridors::corridors_dot;
pub use csv::{cooperation_csv, csv_cell, rel_type, to_csv, CsvDialect, CsvFiles};
pub use cypher::{cypher_string, to_cypher, to_kuzu};
pub use dot::{
    cooperation_dot_string, cooperation_drawing, drawing_to_dot, escape_dot, graph_drawing, to_dot_string, unnamed_operation_label,
    DotOptions, DrawEdge, DrawNode, Drawing, Layout,
};
pub use graphml::{cooperation_graphml, to_graphml, xml_escape};
pub use graphviz::{render, RenderFormat, LARGE_RENDER};
pub use json::{cooperation_json, to_node_link_json};
pub use report::{assemble, json_for_html, report_html, report_parts, ReportData, ReportView, REPORT_MEASURES};
pub use style::{kind_style, relation_colour};

use crate::error::Result;
use crate::graph::CaseGraph;
use crate::model::{EntityRecord, RelationRecord};
use crate::query::{centrality, Filter, Measure};
use std::collections::BTreeSet;

/// Entities by id and relations by (source, relation, target): the order
/// every file is written in, so the same graph gives the same bytes.
fn sorted(g: &CaseGraph) -> (Vec<&EntityRecord>, Vec<&RelationRecord>) {
    let mut nodes: Vec<&EntityRecord> = g.entities().collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut edges: Vec<&RelationRecord> = g.relations().collect();
    edges.sort_by(|a, b| (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target)));
    (nodes, edges)
}

/// What to draw: a neighbourhood, a filter and a top-N by centrality,
/// applied in that order.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub around: Option<String>,
    pub depth: usize,
    pub filter: Filter,
    pub top: Option<(Measure, usize)>,
}

impl Selection {
    pub fn apply(&self, g: &CaseGraph) -> Result<CaseGraph> {
        let mut cur = if self.filter.is_empty() { g.clone() } else { self.filter.apply(g) };
        if let Some(center) = &self.around {
            let n = crate::query::find(&cur, center)?;
            let found = crate::query::neighbors(&cur, n, None, self.depth.max(1));
            let mut keep: BTreeSet<_> = found.into_iter().map(|x| x.id).collect();
            keep.insert(cur.entity(n).id.clone());
            cur = subgraph(&cur, &keep);
        }
        if let Some((measure, k)) = self.top {
            let scores = centrality(&cur, measure, None, k, false)?;
            let keep: BTreeSet<_> = scores.into_iter().map(|s| s.id).collect();
            cur = subgraph(&cur, &keep);
            // an entity whose partners all fell outside the top says nothing in a picture
            let linked: BTreeSet<_> = cur.relations().flat_map(|r| [r.source.clone(), r.target.clone()]).collect();
            cur = subgraph(&cur, &linked);
        }
        Ok(cur)
    }
}

fn subgraph(g: &CaseGraph, keep: &BTreeSet<crate::model::EntityId>) -> CaseGraph {
    let entities: Vec<EntityRecord> = g.entities().filter(|e| keep.contains(&e.id)).cloned().collect();
    let relations: Vec<RelationRecord> = g.relations().filter(|r| keep.contains(&r.source) && keep.contains(&r.target)).cloned().collect();
    CaseGraph::from_parts(g.documents.clone(), entities, relations).unwrap_or_else(|_| g.clone())
}
