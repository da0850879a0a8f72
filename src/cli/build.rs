//! `casegraph build`: read releases into a graph file, or add new ones to one.

use super::args::InputArgs;
use super::warn_ingest;
use crate::error::{Error, Result};
use crate::graph;
use crate::pipeline::{build, BuildOptions};
use crate::resolve::Curation;
use clap::Args;
use std::path::{Path, PathBuf};

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

pub fn run(a: BuildArgs) -> Result<()> {
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
