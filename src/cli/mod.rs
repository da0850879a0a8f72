//! Command-line interface: clap types and one file per subcommand. The
//! only module that knows about clap or prints; everything it does is a
//! call into the library.

pub mod args;
pub mod ask;
pub mod build;
pub mod centrality;
pub mod completions;
pub mod conflicts;
pub mod cooperation;
pub mod counts;
pub mod curate;
pub mod export;
pub mod extract;
pub mod link;
pub mod man;
pub mod neighbors;
pub mod path;
pub mod query;
pub mod report;
pub mod routes;
pub mod show;
pub mod stats;
pub mod timeline;
pub mod ui;

use crate::error::Result;
use crate::graph;
use crate::query::Query;
use args::AnswerFormat;
use clap::{Parser, Subcommand};
use std::path::Path;

/// Exit codes, shown at the end of `casegraph --help` and in the README.
pub const EXIT_CODES: &str = "Exit codes:
  0  success: the answer was printed, the file was written
  1  an error: a file that cannot be read or parsed, a name that matches no entity or several,
     a question not understood, a bound a query cannot answer within
  2  a usage error: an unknown flag or value, a count of 0, the same entity at both ends
  3  a query ran and found nothing (the empty answer is printed); for `query`, only when every answer is empty
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM; nothing was written";

#[derive(Parser, Debug)]
#[command(
    name = "casegraph",
    version,
    about = "Press releases on human trafficking and migrant smuggling -> a knowledge graph of who worked with whom",
    after_help = format!("Examples:
  casegraph build corpus -o sample.ron
  casegraph ask sample.ron \"which agencies linked Romania and France\"
  casegraph export sample.ron --format svg -o sample.svg --top 40

{EXIT_CODES}")
)]
pub struct Cli {
    #[command(flatten)]
    pub global: ui::GlobalArgs,
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
    /// Operations in date order, with their countries and agencies
    Timeline(timeline::TimelineArgs),
    /// Trafficking corridors (origin, transit, exploitation countries) with the cases and documents behind each
    Routes(routes::RoutesArgs),
    /// Totals of arrests, victims, searches and seizures per operation and country, each fact counted once
    Counts(counts::CountsArgs),
    /// Facts releases give different numbers for, with every sentence and its source
    Conflicts(conflicts::ConflictsArgs),
    /// Run query files (RON) in order
    Query(query::QueryArgs),
    /// Write the graph or its cooperation view as DOT, SVG, PNG, JSON, GraphML, CSV, Cypher or a Kùzu script
    Export(export::ExportArgs),
    /// One self-contained HTML page: the picture with pan and zoom, search, filters, ranking and the evidence behind every link
    Report(report::ReportArgs),
    /// Record a correction in the curation file
    Curate(curate::CurateArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff) of casegraph or of one subcommand
    Man(man::ManArgs),
}

/// Parse the command line. `--color` is looked for before clap runs, so
/// that clap's own help and usage errors follow it too.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut choice = ui::ColorArg::Auto;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--color") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            _ => None,
        };
        if let Some(v) = value.and_then(|v| <ui::ColorArg as clap::ValueEnum>::from_str(&v, true).ok()) {
            choice = v;
        }
    }
    if choice == ui::ColorArg::Auto && std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        choice = ui::ColorArg::Never;
    }
    let matches = Cli::command().color(choice.clap()).get_matches_from(args);
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.format(&mut Cli::command()).exit(),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    ui::setup(&cli.global);
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
        Command::Timeline(a) => timeline::run(a),
        Command::Routes(a) => routes::run(a),
        Command::Counts(a) => counts::run(a),
        Command::Conflicts(a) => conflicts::run(a),
        Command::Cooperation(a) => cooperation::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Report(a) => report::run(a),
        Command::Curate(a) => curate::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
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
/// documents whose extraction failed. Repeats of one kind are folded into
/// a count after the first few.
pub(crate) fn warn_ingest(warnings: &[String], skipped: &[crate::ingest::Skipped]) {
    let mut f = ui::Folded::warnings();
    for w in warnings {
        f.add(ui::kind_of(w), w);
    }
    for s in skipped {
        f.add(&format!("skipped: {}", s.reason), &format!("skipped {}: {}", s.path.display(), s.reason));
    }
    f.finish();
}

pub(crate) use ui::{note, warn};

/// Print to stdout; a closed pipe (`| head`) ends quietly.
pub(crate) fn print_out(s: &str) -> Result<()> {
    crate::output::write_stdout(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command and subcommand ends its help with examples, and every
    /// positional and flag says what it is for.
    #[test]
    fn help_teaches_everywhere() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let here = format!("{path} {}", cmd.get_name());
            let after = cmd.get_after_help().map(|s| s.to_string()).unwrap_or_default();
            if !after.contains("Examples:") {
                missing.push(format!("{here}: no examples"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("{here}: {id} has no description"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, &here, missing);
                }
            }
        }
        let mut missing = Vec::new();
        let mut cmd = Cli::command();
        cmd.build();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// An enumerated value is listed by help.
    #[test]
    fn enumerated_values_are_listed() {
        let mut cmd = Cli::command();
        let help = cmd.find_subcommand_mut("centrality").map(|c| c.render_long_help().to_string()).unwrap_or_default();
        for v in ["betweenness", "eigenvector", "agency", "participated-in", "jsonl"] {
            assert!(help.contains(v), "{v} not in centrality --help:\n{help}");
        }
    }
}
