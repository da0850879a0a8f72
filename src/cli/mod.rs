//! Command-line interface: clap types and one file per subcommand. The
//! only module that knows about clap or prints; everything it does is a
//! call into the library.

pub mod args;
pub mod ask;
pub mod build;
pub mod centrality;
pub mod cooperation;
pub mod curate;
pub mod export;
pub mod extract;
pub mod link;
pub mod neighbors;
pub mod path;
pub mod query;
pub mod report;
pub mod show;
pub mod stats;

use crate::error::Result;
use crate::graph;
use crate::query::Query;
use args::AnswerFormat;
use clap::{Parser, Subcommand};
use std::path::Path;

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
    Build(build::BuildArgs),
    /// Extract entities and relations per document (JSON as in SCHEMA.md, or a table)
    Extract(extract::ExtractArgs),
    /// Counts of documents, entities and relations by kind
    Stats(stats::StatsArgs),
    /// Answer a question in plain English
    Ask(ask::AskArgs),
    /// Shortest (or all) paths between two entities
    Path(path::PathArgs),
    /// Entities of a kind linked to both A and B
    Link(link::LinkArgs),
    /// Most central entities by a measure
    Centrality(centrality::CentralityArgs),
    /// Entities around one entity
    Neighbors(neighbors::NeighborsArgs),
    /// Which bodies work with which: the cooperation view's central bodies or communities
    Cooperation(cooperation::CooperationArgs),
    /// Everything about one entity, with the sentences that state it
    Show(show::ShowArgs),
    /// Run query files (RON) in order
    Query(query::QueryArgs),
    /// Write the graph or its cooperation view as DOT, SVG, PNG, JSON, GraphML, CSV, Cypher or a Kùzu script
    Export(export::ExportArgs),
    /// One self-contained HTML page: the picture with pan and zoom, search, filters, ranking and the evidence behind every link
    Report(report::ReportArgs),
    /// Record a correction in the curation file
    Curate(curate::CurateArgs),
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(a) => build::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Ask(a) => ask::run(a),
        Command::Path(a) => path::run(a),
        Command::Link(a) => link::run(a),
        Command::Centrality(a) => centrality::run(a),
        Command::Neighbors(a) => neighbors::run(a),
        Command::Show(a) => show::run(a),
        Command::Cooperation(a) => cooperation::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Report(a) => report::run(a),
        Command::Curate(a) => curate::run(a),
    }
}

/// Load the graph and print the answer to one query; an empty answer is
/// printed, then ends with exit code 3.
pub(crate) fn answer(path: &Path, q: &Query, format: AnswerFormat) -> Result<()> {
    let g = graph::load(path)?;
    let a = crate::query::run(&g, q)?;
    print_out(&a.render(format.into()))?;
    if a.is_empty() {
        return Err(crate::query::QueryError::NoResult.into());
    }
    Ok(())
}

/// Warnings from reading the inputs: files decoded lossily, files skipped,
/// documents whose extraction failed.
pub(crate) fn warn_ingest(warnings: &[String], skipped: &[crate::ingest::Skipped]) {
    for w in warnings {
        warn(w);
    }
    for s in skipped {
        warn(&format!("skipped {}: {}", s.path.display(), s.reason));
    }
}

/// One warning line on stderr. File names and quoted text may hold line
/// breaks, NUL or ESC: they are shown escaped, so a warning is one line
/// and cannot drive the terminal.
pub(crate) fn warn(msg: &str) {
    eprintln!("casegraph: warning: {}", crate::model::terminal_safe(msg));
}

/// One note line on stderr, made safe as [`warn`] does.
pub(crate) fn note(msg: &str) {
    eprintln!("casegraph: {}", crate::model::terminal_safe(msg));
}

/// Print to stdout; a closed pipe (`| head`) ends quietly.
pub(crate) fn print_out(s: &str) -> Result<()> {
    crate::output::write_stdout(s.as_bytes())
}
