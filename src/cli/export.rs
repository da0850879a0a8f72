//! `casegraph export`: the graph as DOT, SVG, PNG, JSON, GraphML, CSV or Cypher.

use super::args::*;
use crate::error::{Error, Result};
use crate::export::{self, DotOptions, Layout, RenderFormat, Selection};
use crate::graph;
use crate::model::{EntityKind, RelationKind};
use crate::query::{Filter, Measure};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    Svg,
    Png,
    Json,
    Graphml,
    Csv,
    Cypher,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutArg {
    Dot,
    Neato,
    Fdp,
    Sfdp,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterArg {
    Country,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    pub graph: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (for csv: a folder that receives nodes.csv and edges.csv)
    #[arg(short, long)]
    pub output: PathBuf,
    /// Draw only the neighbourhood of this entity
    #[arg(long)]
    pub around: Option<String>,
    /// Depth of the neighbourhood for --around
    #[arg(long, default_value_t = 2)]
    pub depth: usize,
    /// Keep the N most central entities (by --measure)
    #[arg(long)]
    pub top: Option<usize>,
    #[arg(long, value_parser = parse_measure, default_value = "degree")]
    pub measure: Measure,
    /// Keep only these entity kinds (comma-separated)
    #[arg(long = "kind", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<EntityKind>,
    /// Keep only these relations (comma-separated)
    #[arg(long = "relation", value_delimiter = ',', value_parser = parse_relation)]
    pub relations: Vec<RelationKind>,
    #[arg(long, default_value_t = 1)]
    pub min_evidence: usize,
    /// Group national bodies inside their country
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterArg>,
    #[arg(long, value_enum, default_value_t = LayoutArg::Dot)]
    pub layout: LayoutArg,
    #[arg(long)]
    pub no_legend: bool,
    #[arg(long)]
    pub title: Option<String>,
}

pub fn run(a: ExportArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let sel = Selection {
        around: a.around.clone(),
        depth: a.depth,
        filter: Filter { kinds: a.kinds.clone(), relations: a.relations.clone(), min_evidence: a.min_evidence },
        top: a.top.map(|k| (a.measure, k)),
    };
    let g = sel.apply(&g)?;
    let layout = match a.layout {
        LayoutArg::Dot => Layout::Dot,
        LayoutArg::Neato => Layout::Neato,
        LayoutArg::Fdp => Layout::Fdp,
        LayoutArg::Sfdp => Layout::Sfdp,
    };
    let dot_opts = DotOptions { cluster_by_country: a.cluster.is_some(), layout, legend: !a.no_legend, title: a.title.clone() };
    // `-o -` is standard output for every single-file format
    let write = |p: &Path, bytes: &[u8]| crate::output::Output::from(p.to_path_buf()).write(bytes);
    match a.format {
        ExportFormat::Dot => write(&a.output, export::to_dot_string(&g, &dot_opts).as_bytes())?,
        ExportFormat::Svg | ExportFormat::Png => {
            let f = if a.format == ExportFormat::Svg { RenderFormat::Svg } else { RenderFormat::Png };
            let bytes = export::render(&export::to_dot_string(&g, &dot_opts), f, layout)?;
            write(&a.output, &bytes)?
        }
        ExportFormat::Json => write(&a.output, export::to_node_link_json(&g).as_bytes())?,
        ExportFormat::Graphml => write(&a.output, export::to_graphml(&g).as_bytes())?,
        ExportFormat::Cypher => write(&a.output, export::to_cypher(&g).as_bytes())?,
        ExportFormat::Csv => {
            let (nodes, edges) = export::to_csv(&g);
            std::fs::create_dir_all(&a.output).map_err(|e| Error::io(&a.output, e))?;
            // the pair is written as one: both files new, or both as they were
            crate::output::write_set(&[(&a.output.join("nodes.csv"), nodes.as_bytes()), (&a.output.join("edges.csv"), edges.as_bytes())])?;
        }
    }
    eprintln!("casegraph: wrote {} ({} entities, {} relations)", a.output.display(), g.node_count(), g.edge_count());
    Ok(())
}
