//! Command-line interface: clap types and one handler per subcommand. The
//! only module that knows about clap or prints; everything it does is a
//! call into the library.

use crate::error::{Error, Result};
use crate::export::{self, DotOptions, Layout, RenderFormat, Selection};
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::graph;
use crate::ingest::{read_inputs, IngestOptions};
use crate::model::{EntityId, EntityKind, RelationKind};
use crate::pipeline::{build, BuildOptions};
use crate::query::{self, Filter, Measure, OutputFormat, Query};
use crate::resolve::{curation, Curation, CurationOp};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "casegraph",
    version,
    about = "Press releases on human trafficking and migrant smuggling -> a knowledge graph of who worked with whom"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a graph (RON) from press releases, or add new ones to it
    Build(BuildArgs),
    /// Extract entities and relations per document (JSON as in SCHEMA.md, or a table)
    Extract(ExtractArgs),
    /// Counts of documents, entities and relations by kind
    Stats(StatsArgs),
    /// Answer a question in plain English
    Ask(AskArgs),
    /// Shortest (or all) paths between two entities
    Path(PathArgs),
    /// Entities of a kind linked to both A and B
    Link(LinkArgs),
    /// Most central entities by a measure
    Centrality(CentralityArgs),
    /// Entities around one entity
    Neighbors(NeighborsArgs),
    /// Everything about one entity, with the sentences that state it
    Show(ShowArgs),
    /// Run query files (RON) in order
    Query(QueryArgs),
    /// Write the graph as DOT, SVG, PNG, JSON, GraphML, CSV or Cypher
    Export(ExportArgs),
    /// Record a correction in the curation file
    Curate(CurateArgs),
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders (.txt, .md, .html; folders are read recursively)
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Extra gazetteer/rule files (RON) added to the built-in ones
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Refuse files larger than this many bytes
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Fail on any unreadable file in a folder instead of skipping it
    #[arg(long)]
    pub strict: bool,
}

impl InputArgs {
    fn ingest(&self) -> IngestOptions {
        IngestOptions { max_file_size: self.max_file_size, strict: self.strict }
    }
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Graph file to write
    #[arg(short, long, value_name = "GRAPH")]
    pub output: Option<PathBuf>,
    /// Add to this existing graph (written back to it unless -o is given)
    #[arg(long, value_name = "GRAPH")]
    pub append: Option<PathBuf>,
    /// Curation file to apply (default: curation.ron beside the graph, if present)
    #[arg(long, value_name = "FILE")]
    pub curation: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
    Table,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
        }
    }
}

/// The selection shared by every query and by export.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Keep only these entity kinds (comma-separated or repeated)
    #[arg(long = "only-kind", value_delimiter = ',', value_parser = parse_kind)]
    pub only_kinds: Vec<EntityKind>,
    /// Keep only these relations (comma-separated or repeated)
    #[arg(long = "relation", value_delimiter = ',', value_parser = parse_relation)]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least N documents
    #[arg(long, default_value_t = 1)]
    pub min_evidence: usize,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter { kinds: self.only_kinds.clone(), relations: self.relations.clone(), min_evidence: self.min_evidence }
    }
}

fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    s.parse().map_err(|e: crate::model::UnknownName| e.to_string())
}
fn parse_relation(s: &str) -> std::result::Result<RelationKind, String> {
    s.parse().map_err(|e: crate::model::UnknownName| e.to_string())
}
fn parse_measure(s: &str) -> std::result::Result<Measure, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    pub graph: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct AskArgs {
    pub graph: PathBuf,
    /// The question, e.g. "which agencies linked Romania and France"
    pub question: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct PathArgs {
    pub graph: PathBuf,
    pub from: String,
    pub to: String,
    /// Every simple path up to --max-hops, not only the shortest
    #[arg(long)]
    pub all: bool,
    /// Longest path to consider (default 8, or 4 with --all)
    #[arg(long)]
    pub max_hops: Option<usize>,
    /// At most this many paths (default 20)
    #[arg(long)]
    pub limit: Option<usize>,
    /// Kinds a path may pass through (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    pub via: Vec<EntityKind>,
    /// Relations a path may use (comma-separated)
    #[arg(long = "relations", value_delimiter = ',', value_parser = parse_relation)]
    pub path_relations: Vec<RelationKind>,
    /// Follow edges only in their direction
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct LinkArgs {
    pub graph: PathBuf,
    pub a: String,
    pub b: String,
    /// Kind of the linking entities
    #[arg(long, value_parser = parse_kind, default_value = "agency")]
    pub kind: EntityKind,
    #[arg(long, default_value_t = 2)]
    pub max_hops: usize,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct CentralityArgs {
    pub graph: PathBuf,
    #[arg(long, value_parser = parse_measure, default_value = "degree")]
    pub measure: Measure,
    /// Only list entities of this kind (scores are computed on the whole graph)
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Weight edges by the number of documents that state them
    #[arg(long)]
    pub weighted: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct NeighborsArgs {
    pub graph: PathBuf,
    pub entity: String,
    /// Only over this relation
    #[arg(long = "via-relation", value_parser = parse_relation)]
    pub via_relation: Option<RelationKind>,
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    pub graph: PathBuf,
    pub entity: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    pub graph: PathBuf,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

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

#[derive(Args, Debug)]
pub struct CurateArgs {
    /// The curation file to edit
    #[arg(long, default_value = "graphs/curation.ron")]
    pub file: PathBuf,
    #[command(subcommand)]
    pub op: CurateOp,
}

#[derive(Subcommand, Debug)]
pub enum CurateOp {
    /// Make FROM part of INTO
    Merge { into: String, from: String },
    /// Move the documents that name ID by ALIAS to a new entity NEW_ID
    Split { id: String, alias: String, new_id: String },
    /// Give an entity a new canonical name
    Rename { id: String, name: String },
    /// Change an entity's kind
    SetKind {
        id: String,
        #[arg(value_parser = parse_kind)]
        kind: EntityKind,
    },
    /// Set the country (ISO alpha-2) of a national body
    SetCountry { id: String, country: String },
    /// Remove a wrong relation
    DropRelation {
        source: String,
        #[arg(value_parser = parse_relation)]
        relation: RelationKind,
        target: String,
    },
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(a) => cmd_build(a),
        Command::Extract(a) => cmd_extract(a),
        Command::Stats(a) => cmd_stats(a),
        Command::Ask(a) => answer(&a.graph, &Query::Ask { question: a.question }, a.format),
        Command::Path(a) => {
            let q = Query::Path {
                from: a.from,
                to: a.to,
                all: a.all,
                max_hops: a.max_hops,
                limit: a.limit,
                via: a.via,
                relations: a.path_relations,
                directed: a.directed,
                filter: Some(a.filter.filter()),
            };
            answer(&a.graph, &q, a.format)
        }
        Command::Link(a) => {
            let q = Query::Link {
                a: a.a,
                b: a.b,
                kind: a.kind,
                max_hops: Some(a.max_hops),
                limit: Some(a.limit),
                filter: Some(a.filter.filter()),
            };
            answer(&a.graph, &q, a.format)
        }
        Command::Centrality(a) => {
            let q = Query::Centrality {
                measure: a.measure,
                kind: a.kind,
                top: Some(a.top),
                weighted: a.weighted,
                filter: Some(a.filter.filter()),
            };
            answer(&a.graph, &q, a.format)
        }
        Command::Neighbors(a) => {
            let q = Query::Neighbors { entity: a.entity, relation: a.via_relation, depth: Some(a.depth), filter: Some(a.filter.filter()) };
            answer(&a.graph, &q, a.format)
        }
        Command::Show(a) => answer(&a.graph, &Query::Show { entity: a.entity }, a.format),
        Command::Query(a) => cmd_query(a),
        Command::Export(a) => cmd_export(a),
        Command::Curate(a) => cmd_curate(a),
    }
}

/// Load the graph and print the answer to one query.
fn answer(path: &Path, q: &Query, format: Format) -> Result<()> {
    let g = graph::load(path)?;
    let a = query::run(&g, q)?;
    print_out(&a.render(format.into()))
}

fn cmd_build(a: BuildArgs) -> Result<()> {
    let out =
        a.output.clone().or_else(|| a.append.clone()).ok_or_else(|| Error::Query("build needs -o GRAPH (or --append GRAPH)".into()))?;
    let curation_path = a.curation.clone().unwrap_or_else(|| out.parent().unwrap_or(Path::new(".")).join("curation.ron"));
    let curation = if a.curation.is_some() { Curation::load(&curation_path)? } else { Curation::load_or_default(&curation_path)? };
    let base = match &a.append {
        Some(p) => Some(graph::load(p)?),
        None => None,
    };
    let opts = BuildOptions { ingest: a.input.ingest(), gazetteers: a.input.gazetteers.clone(), curation };
    let (g, report) = build(&a.input.inputs, base.as_ref(), &opts)?;
    warn_ingest(&report.warnings, &report.skipped);
    for n in &report.notes {
        eprintln!("casegraph: note: {n}");
    }
    if report.reread > 0 {
        eprintln!("casegraph: note: {} document(s) of the graph read again for acronyms the new releases define", report.reread);
    }
    for u in &report.unused_curation {
        eprintln!("casegraph: warning: curation {}: {u}", curation_path.display());
    }
    graph::save_atomic(&g, &out)?;
    let s = g.stats();
    eprintln!(
        "casegraph: wrote {}: {} documents ({} added, {} unchanged, {} replaced, {} skipped), {} entities, {} relations",
        out.display(),
        s.documents,
        report.added,
        report.unchanged,
        report.replaced,
        report.skipped.len(),
        s.entities,
        s.relations
    );
    Ok(())
}

fn extract_inputs(input: &InputArgs) -> Result<Vec<Extraction>> {
    let ingested = read_inputs(&input.inputs, &input.ingest())?;
    warn_ingest(&ingested.warnings, &ingested.skipped);
    let ex = Extractor::new(Gazetteer::with_files(&input.gazetteers)?);
    Ok(ingested.documents.iter().map(|d| ex.extract(d)).collect())
}

fn cmd_extract(a: ExtractArgs) -> Result<()> {
    let docs = extract_inputs(&a.input)?;
    let out = match a.format {
        ExtractFormat::Json => crate::extract::to_json(&docs),
        ExtractFormat::Table => crate::extract::to_table(&docs),
    };
    print_out(&out)
}

fn cmd_stats(a: StatsArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let s = g.stats();
    let out = match a.format {
        Format::Json => {
            let v = serde_json::json!({
                "documents": s.documents,
                "entities": s.entities,
                "relations": s.relations,
                "evidence": s.evidence,
                "entities_by_kind": s.entities_by_kind.iter().map(|(k, v)| (k.as_str(), v)).collect::<std::collections::BTreeMap<_, _>>(),
                "relations_by_kind": s.relations_by_kind.iter().map(|(k, v)| (k.as_str(), v)).collect::<std::collections::BTreeMap<_, _>>(),
            });
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        Format::Table => {
            let mut o = format!(
                "documents  {}\nentities   {}\nrelations  {}  ({} pieces of evidence)\n\nentities by kind:\n",
                s.documents, s.entities, s.relations, s.evidence
            );
            for (k, v) in &s.entities_by_kind {
                o.push_str(&format!("  {:<16} {v}\n", k.as_str()));
            }
            o.push_str("\nrelations by kind:\n");
            for (k, v) in &s.relations_by_kind {
                o.push_str(&format!("  {:<16} {v}\n", k.as_str()));
            }
            o
        }
    };
    print_out(&out)
}

fn cmd_query(a: QueryArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let mut all = Vec::new();
    for f in &a.files {
        for q in query::load_queries(f)? {
            all.push((f.clone(), q));
        }
    }
    let mut out = String::new();
    for (f, q) in all {
        let ans = query::run(&g, &q).map_err(|e| Error::Query(format!("{}: {e}", f.display())))?;
        if a.format == Format::Table {
            out.push_str(&format!("== {}\n", f.display()));
        }
        out.push_str(&ans.render(a.format.into()));
        if a.format == Format::Table {
            out.push('\n');
        }
    }
    print_out(&out)
}

fn cmd_export(a: ExportArgs) -> Result<()> {
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
    let write = |p: &Path, bytes: &[u8]| graph::write_atomic(p, bytes);
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
            write(&a.output.join("nodes.csv"), nodes.as_bytes())?;
            write(&a.output.join("edges.csv"), edges.as_bytes())?;
        }
    }
    eprintln!("casegraph: wrote {} ({} entities, {} relations)", a.output.display(), g.node_count(), g.edge_count());
    Ok(())
}

fn cmd_curate(a: CurateArgs) -> Result<()> {
    let mut c = Curation::load_or_default(&a.file)?;
    let id = |s: &str| EntityId(s.to_string());
    let op = match a.op {
        CurateOp::Merge { into, from } => CurationOp::Merge(curation::Merge { into: id(&into), from: id(&from) }),
        CurateOp::Split { id: i, alias, new_id } => CurationOp::Split(curation::Split { id: id(&i), alias, new_id: id(&new_id) }),
        CurateOp::Rename { id: i, name } => CurationOp::Rename(curation::Rename { id: id(&i), name }),
        CurateOp::SetKind { id: i, kind } => CurationOp::SetKind(curation::SetKind { id: id(&i), kind }),
        CurateOp::SetCountry { id: i, country } => CurationOp::SetCountry(curation::SetCountry { id: id(&i), country }),
        CurateOp::DropRelation { source, relation, target } => {
            CurationOp::DropRelation(curation::DropRelation { source: id(&source), relation, target: id(&target) })
        }
    };
    c.push(op);
    graph::write_atomic(&a.file, c.to_ron().as_bytes())?;
    eprintln!("casegraph: recorded in {}; it applies on the next build or append", a.file.display());
    Ok(())
}

/// Warnings from reading the inputs: files decoded lossily, files skipped.
fn warn_ingest(warnings: &[String], skipped: &[crate::ingest::Skipped]) {
    for w in warnings {
        eprintln!("casegraph: warning: {w}");
    }
    for s in skipped {
        eprintln!("casegraph: warning: skipped {}: {}", s.path.display(), s.reason);
    }
}

/// Print to stdout; a closed pipe (`| head`) ends quietly.
fn print_out(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}
