//! `casegraph export`: the graph, or its cooperation view, as DOT, SVG,
//! PNG, node-link JSON, GraphML, CSV, Cypher (Neo4j) or a Kùzu script.

use super::args::*;
use crate::error::{Error, Result};
use crate::export::{self, CsvDialect, DotOptions, Layout, RenderFormat, Selection, LARGE_RENDER};
use crate::graph;
use crate::model::{EntityKind, RelationKind};
use crate::query::{Cooperation, CooperationOptions, Filter, Measure};
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
    Kuzu,
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ViewArg {
    /// Entities and relations as stored
    #[default]
    Graph,
    /// Bodies linked when they acted in the same operation
    Cooperation,
    /// Countries linked by trafficking routes, edge width by number of cases (dot, svg, png, json)
    Corridors,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithArg {
    /// Countries that took part as such are bodies of the cooperation view
    Countries,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CsvDialectArg {
    /// One name per column (Kùzu COPY FROM, pandas, spreadsheets)
    #[default]
    Plain,
    /// neo4j-admin import headers (:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed properties)
    Neo4j,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph export graphs/sample.ron --format svg -o sample.svg --top 40 --only-kind agency,country,operation
  casegraph export graphs/sample.ron --view cooperation --format svg -o coop.svg --layout neato
  casegraph export graphs/sample.ron --format csv -o sample-csv/")]
pub struct ExportArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// The file format (svg and png need Graphviz's dot)
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file, `-` for standard output (for csv: a folder that receives
    /// nodes.csv, edges.csv and evidence.csv)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// Header style of --format csv
    #[arg(long, value_enum, default_value_t = CsvDialectArg::Plain)]
    pub csv_dialect: CsvDialectArg,
}

/// What part of the graph to show: shared by `export` and `report`, so a
/// report shows exactly what the same flags export.
#[derive(Args, Debug, Clone)]
pub struct SelectArgs {
    /// What to export: the graph, or the cooperation network of its bodies
    #[arg(long, value_enum, default_value_t = ViewArg::Graph)]
    pub view: ViewArg,
    /// With --view cooperation: count countries that took part as bodies too
    #[arg(long = "with", value_enum)]
    pub with: Option<WithArg>,
    /// Draw only the neighbourhood of this entity (a name, an alias or an id)
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,
    /// Depth of the neighbourhood for --around
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub depth: usize,
    /// Keep the N most central entities (by --measure; in the cooperation view, the N most central bodies)
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub top: Option<usize>,
    /// The measure --top ranks by
    #[arg(long, value_parser = measure_parser(), default_value = "degree")]
    pub measure: Measure,
    /// Narrow the graph to these entity kinds first (comma-separated or repeated)
    #[arg(long = "only-kind", alias = "kind", value_name = "KIND", value_delimiter = ',', value_parser = kind_parser())]
    pub kinds: Vec<EntityKind>,
    /// Narrow the graph to these relations first (comma-separated or repeated)
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = relation_parser())]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least N documents
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_evidence: usize,
    /// Leave out what releases state only with a hedge ("allegedly", "is suspected of")
    #[arg(long)]
    pub no_hedged: bool,
    #[command(flatten)]
    pub period: PeriodArgs,
}

/// How the picture is drawn: shared by `export` and `report`.
#[derive(Args, Debug, Clone)]
pub struct DrawArgs {
    /// Group national bodies inside their country
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterArg>,
    /// Graphviz's layout engine: dot (layered), neato and fdp (springs), sfdp (large graphs)
    #[arg(long, value_enum, default_value_t = LayoutArg::Dot)]
    pub layout: LayoutArg,
    /// Leave the legend out
    #[arg(long)]
    pub no_legend: bool,
    /// A title above the picture
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Write the relation on every edge (off by default: labels overprint)
    #[arg(long)]
    pub edge_labels: bool,
    /// What node size shows
    #[arg(long, value_name = "MEASURE", value_parser = measure_parser(), default_value = "degree")]
    pub size_by: Measure,
    /// Keep entities that have no edge in the picture
    #[arg(long)]
    pub keep_isolated: bool,
}

impl SelectArgs {
    pub fn cooperation(&self) -> bool {
        self.view == ViewArg::Cooperation
    }

    /// The selection applied to the graph itself.
    pub fn selection(&self) -> Selection {
        Selection {
            around: self.around.clone(),
            depth: self.depth,
            filter: Filter {
                kinds: self.kinds.clone(),
                relations: self.relations.clone(),
                min_evidence: self.min_evidence,
                no_hedged: self.no_hedged,
                since: self.period.since,
                until: self.period.until,
            },
            // the cooperation view takes its top bodies after the projection
            top: if self.cooperation() { None } else { self.top.map(|k| (self.measure, k)) },
        }
    }

    /// The cooperation view of the selected graph `g`, with its own top.
    pub fn view_of(&self, g: &graph::CaseGraph) -> Result<Cooperation> {
        let c = Cooperation::new(g, CooperationOptions { with_countries: self.with.is_some() });
        match self.top {
            Some(k) => c.top(self.measure, k),
            None => Ok(c),
        }
    }
}

impl DrawArgs {
    pub fn layout(&self) -> Layout {
        match self.layout {
            LayoutArg::Dot => Layout::Dot,
            LayoutArg::Neato => Layout::Neato,
            LayoutArg::Fdp => Layout::Fdp,
            LayoutArg::Sfdp => Layout::Sfdp,
        }
    }

    pub fn options(&self) -> DotOptions {
        DotOptions {
            cluster_by_country: self.cluster.is_some(),
            layout: self.layout(),
            legend: !self.no_legend,
            title: self.title.clone(),
            edge_labels: self.edge_labels,
            size_by: self.size_by,
            keep_isolated: self.keep_isolated,
        }
    }
}

/// Every single-file output goes through here, so the lead can switch to
/// the shared output module (devices, FIFOs, symlinks) in one place. `-`
/// is standard output.
/// Every single-file format goes out here: `-` is standard output, a path
/// is written safely (see [`crate::output`]).
pub(super) fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::Output::from(path.to_path_buf()).write(bytes)
}

fn write_csv(dir: &Path, files: &export::CsvFiles) -> Result<()> {
    if dir.as_os_str() == "-" {
        return Err(Error::Export("--format csv writes several files: give a folder with -o, not -".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // the files are written as one set: all new, or all as they were
    let paths: Vec<std::path::PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    let set: Vec<(&Path, &[u8])> = paths.iter().zip(files.iter()).map(|(p, (_, text))| (p.as_path(), text.as_bytes())).collect();
    crate::output::write_set(&set)
}

pub fn run(a: ExportArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let cooperation = a.select.cooperation();
    let g = a.select.selection().apply(&g)?;
    let layout = a.draw.layout();
    let opts = a.draw.options();
    let dialect = match a.csv_dialect {
        CsvDialectArg::Plain => CsvDialect::Plain,
        CsvDialectArg::Neo4j => CsvDialect::Neo4j,
    };
    if a.select.view == ViewArg::Corridors {
        return corridors(&a, &g);
    }
    let (nodes, edges) = if cooperation {
        let c = a.select.view_of(&g)?;
        warn_if_large(a.format, c.bodies.len(), a.select.top.is_some(), true);
        let communities = c.communities()?;
        match a.format {
            ExportFormat::Dot => write_output(&a.output, export::cooperation_dot_string(&c, &opts)?.as_bytes())?,
            ExportFormat::Svg | ExportFormat::Png => {
                let dot = export::cooperation_dot_string(&c, &opts)?;
                write_output(&a.output, &export::render(&dot, render_format(a.format), layout, c.bodies.len())?)?
            }
            ExportFormat::Json => write_output(&a.output, export::cooperation_json(&c, &communities).as_bytes())?,
            ExportFormat::Graphml => write_output(&a.output, export::cooperation_graphml(&c, &communities).as_bytes())?,
            ExportFormat::Csv => write_csv(&a.output, &export::cooperation_csv(&c, &communities, dialect))?,
            ExportFormat::Cypher | ExportFormat::Kuzu => {
                return Err(Error::Export(
                    "--view cooperation is written as dot, svg, png, json, graphml or csv; cypher and kuzu load the whole graph, whose relations the view is computed from".into(),
                ))
            }
        }
        (c.bodies.len(), c.links.len())
    } else {
        warn_if_large(a.format, g.node_count(), a.select.top.is_some(), false);
        match a.format {
            ExportFormat::Dot => write_output(&a.output, export::to_dot_string(&g, &opts)?.as_bytes())?,
            ExportFormat::Svg | ExportFormat::Png => {
                let dot = export::to_dot_string(&g, &opts)?;
                write_output(&a.output, &export::render(&dot, render_format(a.format), layout, g.node_count())?)?
            }
            ExportFormat::Json => write_output(&a.output, export::to_node_link_json(&g).as_bytes())?,
            ExportFormat::Graphml => write_output(&a.output, export::to_graphml(&g).as_bytes())?,
            ExportFormat::Cypher => write_output(&a.output, export::to_cypher(&g).as_bytes())?,
            ExportFormat::Kuzu => write_output(&a.output, export::to_kuzu(&g).as_bytes())?,
            ExportFormat::Csv => write_csv(&a.output, &export::to_csv(&g, dialect))?,
        }
        (g.node_count(), g.edge_count())
    };
    let to = if a.output.as_os_str() == "-" { "standard output".to_string() } else { a.output.display().to_string() };
    let (what_n, what_e) = if cooperation { ("bodies", "links") } else { ("entities", "relations") };
    eprintln!("casegraph: wrote {to} ({nodes} {what_n}, {edges} {what_e})");
    Ok(())
}

/// `--view corridors`: the routes of the selected graph, country to country.
fn corridors(a: &ExportArgs, g: &graph::CaseGraph) -> Result<()> {
    let r = crate::query::routes::routes(g, None, None);
    let countries: std::collections::BTreeSet<_> = r.corridors.iter().flat_map(|c| [&c.from, &c.to]).collect();
    match a.format {
        ExportFormat::Dot => write_output(&a.output, export::corridors_dot(&r, &a.draw.options()).as_bytes())?,
        ExportFormat::Svg | ExportFormat::Png => {
            let dot = export::corridors_dot(&r, &a.draw.options());
            write_output(&a.output, &export::render(&dot, render_format(a.format), a.draw.layout(), countries.len())?)?
        }
        ExportFormat::Json => write_output(&a.output, format!("{}\n", serde_json::to_string_pretty(&r).unwrap_or_default()).as_bytes())?,
        _ => return Err(Error::Export("--view corridors is written as dot, svg, png or json".into())),
    }
    let to = if a.output.as_os_str() == "-" { "standard output".to_string() } else { a.output.display().to_string() };
    eprintln!("casegraph: wrote {to} ({} countries, {} corridors)", countries.len(), r.corridors.len());
    Ok(())
}

fn render_format(f: ExportFormat) -> RenderFormat {
    if f == ExportFormat::Png {
        RenderFormat::Png
    } else {
        RenderFormat::Svg
    }
}

/// Pictures of thousands of nodes take Graphviz many minutes and cannot be
/// read: say so before starting, with the ways to draw less.
pub(super) fn warn_if_large(format: ExportFormat, nodes: usize, has_top: bool, cooperation: bool) {
    if !matches!(format, ExportFormat::Dot | ExportFormat::Svg | ExportFormat::Png) || nodes <= LARGE_RENDER {
        return;
    }
    let mut ways = Vec::new();
    if !has_top {
        ways.push("--top 60");
    }
    if !cooperation {
        ways.push("--view cooperation");
    }
    ways.push("--layout sfdp");
    eprintln!(
        "casegraph: warning: {nodes} nodes is more than {LARGE_RENDER}: Graphviz may take many minutes and the picture will be hard to read; try {}",
        ways.join(", ")
    );
}
