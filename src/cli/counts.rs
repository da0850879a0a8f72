//! `casegraph counts`: totals of arrests, victims, searches and seizures per
//! operation and country, each fact counted once.

use super::args::{figure_parser, FilterArgs, Format};
use super::print_out;
use crate::error::Result;
use crate::graph;
use crate::model::Measure;
use crate::query::counts::counts;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph counts graphs/sample.ron
  casegraph counts graphs/sample.ron Belgium
  casegraph counts graphs/sample.ron \"Operation Liberterra II\" --format json
  casegraph counts graphs/sample.ron Europol --measure arrests")]
pub struct CountsArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Only the facts about this entity (a name, an alias or an id): an
    /// operation's, a country's, or those of the operations another entity is linked to
    pub entity: Option<String>,
    /// Only these measures (comma-separated or repeated)
    #[arg(long, value_name = "MEASURE", value_delimiter = ',', value_parser = figure_parser())]
    pub measure: Vec<Measure>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// A table or JSON
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: CountsArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let around = match &a.entity {
        Some(name) => Some(crate::query::find(&g, name)?),
        None => None,
    };
    let c = counts(&g, around, &a.filter.filter(), &a.measure);
    let out = match a.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&c).unwrap_or_default()),
        Format::Table => c.table(),
    };
    print_out(&out)?;
    if c.is_empty() {
        return Err(crate::query::QueryError::NoResult.into());
    }
    Ok(())
}
