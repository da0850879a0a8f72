//! Stage 5b: the graph in other tools' formats. DOT is built as a
//! graphviz-rust AST and printed by it; SVG and PNG are rendered by the
//! Graphviz `dot` program; JSON (node-link), GraphML, CSV and Cypher are
//! written here. Every string taken from text goes through one escaping
//! function per format, so a hostile name cannot change a file's structure.

mod dot;
mod formats;

pub use dot::{escape_dot, to_dot, to_dot_string, DotOptions, Layout};
pub use formats::{csv_cell, cypher_string, to_csv, to_cypher, to_graphml, to_node_link_json, xml_escape};

use crate::error::{Error, Result};
use crate::graph::CaseGraph;
use crate::query::{centrality, Filter, Measure};
use crate::resolve::{EntityRecord, RelationRecord};
use std::collections::BTreeSet;

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

/// Render DOT text to SVG or PNG with the Graphviz `dot` program.
pub fn render(dot_text: &str, format: RenderFormat, layout: Layout) -> Result<Vec<u8>> {
    use graphviz_rust::cmd::{CommandArg, Format};
    let f = match format {
        RenderFormat::Svg => Format::Svg,
        RenderFormat::Png => Format::Png,
    };
    let args = vec![CommandArg::Custom(format!("-K{}", layout.as_str())), CommandArg::Format(f)];
    graphviz_rust::exec_dot(dot_text.to_string(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Export("Graphviz's `dot` program is not installed; install the `graphviz` package (apt-get install graphviz, brew install graphviz) or export --format dot".into())
        } else {
            Error::Export(format!("dot failed: {}", e.to_string().trim()))
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    Svg,
    Png,
}
