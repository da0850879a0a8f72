//! `casegraph build`: read releases into a graph file, or add new ones to one.

use super::args::InputArgs;
use super::{note, warn, warn_ingest};
use crate::error::{Error, Result};
use crate::extracts;
use crate::graph;
use crate::ingest::jsonl::JsonlReader;
use crate::output::{self, Output};
use crate::pipeline::{build, build_from, BuildOptions, BuildReport};
use crate::resolve::Curation;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph build corpus -o sample.ron
  casegraph build examples/new-releases --append sample.ron      # add new releases to it
  casegraph build corpus examples/new-releases -o all.ron --gazetteer examples/my-bodies.ron --curation examples/curation.ron")]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Graph file to write (- for standard output)
    #[arg(short, long, value_name = "GRAPH")]
    pub output: Option<Output>,
    /// Add to this existing graph (written back to it unless -o is given)
    #[arg(long, value_name = "GRAPH")]
    pub append: Option<PathBuf>,
    /// The inputs are extract lines (`extract --format jsonl` files, or folders
    /// of them such as a Spark job's output), not releases: merge them
    #[arg(long, conflicts_with = "stdin_jsonl")]
    pub from_extracts: bool,
    /// Curation file to apply (default: curation.ron beside the graph, if present)
    #[arg(long, value_name = "FILE")]
    pub curation: Option<PathBuf>,
    /// The summary: a line on stderr (text), or one JSON object on standard output (json)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t)]
    pub format: SummaryFormat,
}

/// How a command that writes a file reports what it did.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SummaryFormat {
    /// One line on stderr
    #[default]
    Text,
    /// One JSON object on standard output, for scripts
    Json,
}

pub fn run(a: BuildArgs) -> Result<()> {
    let out = a
        .output
        .clone()
        .or_else(|| a.append.clone().map(Output::File))
        .ok_or_else(|| Error::Query("build needs -o GRAPH (or --append GRAPH)".into()))?;
    let beside = match &out {
        Output::File(p) => p.parent().unwrap_or(Path::new(".")).to_path_buf(),
        Output::Stdout => PathBuf::from("."),
    };
    let curation_path = a.curation.clone().unwrap_or_else(|| beside.join("curation.ron"));
    // an append reads the graph, adds to it and writes it back: no other
    // append or curate may slip in between
    let _lock = match (&a.append, &out) {
        (Some(_), Output::File(p)) => Some(output::lock_for_update(p)?),
        _ => None,
    };
    let curation = if a.curation.is_some() { Curation::load(&curation_path)? } else { Curation::load_or_default(&curation_path)? };
    let base = match &a.append {
        Some(p) => Some(graph::load(p)?),
        None => None,
    };
    let opts = BuildOptions {
        ingest: a.input.ingest(),
        gazetteers: a.input.gazetteers.clone(),
        curation,
        curation_path: Some(curation_path.clone()),
    };
    if a.format == SummaryFormat::Json && out == Output::Stdout {
        return Err(Error::Query("--format json prints the summary on standard output: give the graph a file with -o".into()));
    }
    let (g, report) = if a.from_extracts {
        let got = extracts::read(&a.input.inputs, &extracts::fingerprint(&a.input.gazetteers)?)?;
        let report = BuildReport { warnings: got.warnings, ..Default::default() };
        build_from(got.items.into_iter().map(|(d, x)| (d, Some(x))).collect(), base.as_ref(), &opts, report)?
    } else if a.input.stdin_jsonl {
        let (docs, report) = read_stdin(&opts.ingest)?;
        build_from(docs.into_iter().map(|d| (d, None)).collect(), base.as_ref(), &opts, report)?
    } else {
        build(&a.input.inputs, base.as_ref(), &opts)?
    };
    warn_ingest(&report.warnings, &report.skipped);
    let mut notes = super::ui::Folded::notes();
    for n in &report.notes {
        notes.add(super::ui::kind_of(n), &format!("note: {n}"));
    }
    notes.finish();
    if report.reread > 0 {
        note(&format!("note: {} document(s) of the graph read again for acronyms the new releases define", report.reread));
    }
    for u in &report.unused_curation {
        warn(&format!("curation {}: {u}", curation_path.display()));
    }
    let s = g.stats();
    graph::save(&g, &out)?;
    // the process ends right after: freeing a graph of a million relations
    // piece by piece took 11 s of a 100,000-release build, and the system
    // takes the memory back at exit all at once
    std::mem::forget(g);
    std::mem::forget(base);
    if a.format == SummaryFormat::Json {
        let v = serde_json::json!({
            "graph": out.display().to_string(),
            "documents": s.documents,
            "added": report.added,
            "unchanged": report.unchanged,
            "replaced": report.replaced,
            "reread": report.reread,
            "skipped": report.skipped.len(),
            "failed": report.failed,
            "other_extensions": report.other_extensions,
            "symlinks_followed": report.links_followed,
            "symlinks_not_followed": report.links_skipped,
            "warnings": report.warnings.len() + report.skipped.len(),
            "entities": s.entities,
            "relations": s.relations,
        });
        return super::print_out(&format!("{v:#}\n"));
    }
    let mut links = String::new();
    if report.links_skipped > 0 {
        links.push_str(&format!(", {} symlink(s) out of the input not followed (--follow reads them)", report.links_skipped));
    }
    if report.links_followed > 0 {
        links.push_str(&format!(", {} symlink(s) out of the input followed", report.links_followed));
    }
    let failed = if report.failed > 0 { format!(", {} failed", report.failed) } else { String::new() };
    let other = if report.other_extensions > 0 {
        format!(", {} other file(s) in the folders not read (not .txt, .md or .html)", report.other_extensions)
    } else {
        String::new()
    };
    note(&format!(
        "wrote {}: {} documents ({} added, {} unchanged, {} replaced, {} skipped{failed}{links}{other}), {} entities, {} relations",
        out.display(),
        s.documents,
        report.added,
        report.unchanged,
        report.replaced,
        report.skipped.len(),
        s.entities,
        s.relations
    ));
    Ok(())
}

/// Documents given as JSON lines on standard input, a text given twice kept once.
fn read_stdin(opts: &crate::ingest::IngestOptions) -> Result<(Vec<crate::ingest::Document>, BuildReport)> {
    let mut reader = JsonlReader::new(std::io::stdin().lock(), "standard input");
    let mut report = BuildReport::default();
    let mut hashes = std::collections::HashSet::new();
    let mut docs = Vec::new();
    while let Some(got) = reader.next_line(opts, &mut report.warnings)? {
        for d in got {
            if hashes.insert(d.hash.clone()) {
                docs.push(d);
            } else {
                report.warnings.push(format!("{}: same text as a document already read, kept once", d.path));
            }
        }
    }
    if docs.is_empty() {
        return Err(Error::input("standard input", "no document read"));
    }
    Ok((docs, report))
}
