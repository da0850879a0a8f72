//! `casegraph extract`: the per-document extraction, as the JSON of SCHEMA.md or a table.

use super::args::InputArgs;
use super::{print_out, warn_ingest};
use crate::error::Result;
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::ingest::read_inputs;
use clap::{Args, ValueEnum};

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

fn extract_inputs(input: &InputArgs) -> Result<Vec<Extraction>> {
    let ingested = read_inputs(&input.inputs, &input.ingest())?;
    warn_ingest(&ingested.warnings, &ingested.skipped);
    let ex = Extractor::new(Gazetteer::with_files(&input.gazetteers)?);
    Ok(ingested.documents.iter().map(|d| ex.extract(d)).collect())
}

pub fn run(a: ExtractArgs) -> Result<()> {
    let docs = extract_inputs(&a.input)?;
    let out = match a.format {
        ExtractFormat::Json => crate::extract::to_json(&docs),
        ExtractFormat::Table => crate::extract::to_table(&docs),
    };
    print_out(&out)
}
