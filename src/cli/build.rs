//! `casegraph build`: read releases into a graph file, or add new ones to one.

use super::args::InputArgs;
use super::{note, warn, warn_ingest};
use crate::error::{Error, Result};
use crate::graph;
use crate::output::{self, Output};
use crate::pipeline::{build, BuildOptions};
use crate::resolve::Curation;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Graph file to write (- for standard output)
    #[arg(short, long, value_name = "GRAPH")]
    pub output: Option<Output>,
    /// Add to this existing graph (written back to it unless -o is given)
    #[arg(long, value_name = "GRAPH")]
    pub append: Option<PathBuf>,
    /// Curation file to apply (default: curation.ron beside the graph, if present)
    #[arg(long, value_name = "FILE")]
    pub curation: Option<PathBuf>,
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
    let (g, report) = build(&a.input.inputs, base.as_ref(), &opts)?;
    warn_ingest(&report.warnings, &report.skipped);
    for n in &report.notes {
        note(&format!("note: {n}"));
    }
    if report.reread > 0 {
        note(&format!("note: {} document(s) of the graph read again for acronyms the new releases define", report.reread));
    }
    for u in &report.unused_curation {
        warn(&format!("curation {}: {u}", curation_path.display()));
    }
    let s = g.stats();
    out.write(g.into_file().to_ron().as_bytes())?;
    let mut links = String::new();
    if report.links_skipped > 0 {
        links.push_str(&format!(", {} symlink(s) out of the input not followed (--follow reads them)", report.links_skipped));
    }
    if report.links_followed > 0 {
        links.push_str(&format!(", {} symlink(s) out of the input followed", report.links_followed));
    }
    let failed = if report.failed > 0 { format!(", {} failed", report.failed) } else { String::new() };
    note(&format!(
        "wrote {}: {} documents ({} added, {} unchanged, {} replaced, {} skipped{failed}{links}), {} entities, {} relations",
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
