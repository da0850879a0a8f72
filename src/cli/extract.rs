//! `casegraph extract`: the per-document extraction, as the JSON of SCHEMA.md or a table.

use super::args::InputArgs;
use super::warn_ingest;
use crate::error::Result;
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::ingest::read_inputs;
use crate::output::Output;
use clap::{Args, ValueEnum};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph extract corpus/france-spain-nine-arrests.txt --format table
  casegraph extract examples/new-releases -o extracted.json
  casegraph extract examples/new-releases --gazetteer examples/my-bodies.ron --format table")]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// JSON (the contract of SCHEMA.md) or a table to read
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Where to write it: a file (replaced atomically) or - for standard output
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: Output,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
    Table,
}

/// Every readable document's extraction; a document whose extraction fails
/// is reported with its file and left out.
fn extract_inputs(input: &InputArgs) -> Result<Vec<Extraction>> {
    let mut ingested = read_inputs(&input.inputs, &input.ingest())?;
    let ex = Extractor::new(Gazetteer::with_files(&input.gazetteers)?);
    let mut out = Vec::with_capacity(ingested.documents.len());
    crate::progress::start_documents("extracting", ingested.documents.len());
    for d in &ingested.documents {
        match crate::pipeline::extract_guarded(&ex, d) {
            Ok(x) => out.push(x),
            Err(w) => ingested.warnings.push(w),
        }
        crate::progress::document_done();
    }
    crate::progress::finish_documents();
    warn_ingest(&ingested.warnings, &ingested.skipped);
    Ok(out)
}

pub fn run(a: ExtractArgs) -> Result<()> {
    let docs = extract_inputs(&a.input)?;
    let out = match a.format {
        ExtractFormat::Json => to_json(&docs),
        ExtractFormat::Table => to_table(&docs),
    };
    a.output.write(out.as_bytes())
}

/// The `extract --format json` contract of SCHEMA.md.
pub fn to_json(docs: &[Extraction]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        documents: &'a [Extraction],
    }
    let mut s = serde_json::to_string_pretty(&Out { documents: docs }).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A plain table for reading at a terminal: one block per document.
pub fn to_table(docs: &[Extraction]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for d in docs {
        let _ = writeln!(s, "{}  {}  {}", d.id, d.path, d.title);
        for e in &d.entities {
            let _ = writeln!(s, "  {:<9} {:<40} {}", e.kind.as_str(), e.id.to_string(), e.name);
        }
        for r in &d.relations {
            let count = r.count.map(|c| format!(" ({c})")).unwrap_or_default();
            let _ = writeln!(s, "  {} -{}-> {}{}", r.source, r.relation, r.target, count);
        }
        s.push('\n');
    }
    s
}
