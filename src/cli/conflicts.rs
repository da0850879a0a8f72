//! `casegraph conflicts`: facts releases state with numbers that cannot all
//! be right, with every sentence and its source.

use super::args::{figure_parser, FilterArgs, Format};
use super::print_out;
use crate::error::Result;
use crate::graph;
use crate::model::Measure;
use crate::query::counts::conflicts;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph build tests/fixtures/counts -o lantern.ron
  casegraph conflicts lantern.ron
  casegraph conflicts lantern.ron --within --measure arrests
  casegraph conflicts lantern.ron --format json")]
pub struct ConflictsArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Only these measures (comma-separated or repeated)
    #[arg(long, value_name = "MEASURE", value_delimiter = ',', value_parser = figure_parser())]
    pub measure: Vec<Measure>,
    /// Also a release that gives two numbers for one fact itself (by default only releases that disagree with each other)
    #[arg(long)]
    pub within: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// A table or JSON
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: ConflictsArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let c = conflicts(&g, &a.filter.filter(), &a.measure, a.within);
    let out = match a.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&c).unwrap_or_default()),
        Format::Table => c.table(),
    };
    print_out(&out)?;
    if c.conflicts.is_empty() {
        return Err(crate::query::QueryError::NoResult.into());
    }
    Ok(())
}
