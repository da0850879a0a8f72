//! `casegraph timeline`: operations in date order, with their countries and bodies.

use super::args::{FilterArgs, Format};
use super::print_out;
use crate::error::Result;
use crate::graph;
use crate::query::timeline::timeline;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph timeline graphs/sample.ron
  casegraph timeline graphs/sample.ron Romania --since 2022-01-01
  casegraph timeline graphs/sample.ron Europol --format json")]
pub struct TimelineArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Only the operations linked to this entity (a name, an alias or an id), or the operation itself
    pub entity: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// A table or JSON
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: TimelineArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let around = match &a.entity {
        Some(name) => Some(crate::query::find(&g, name)?),
        None => None,
    };
    let t = timeline(&g, around, &a.filter.filter());
    let out = match a.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&t).unwrap_or_default()),
        Format::Table => t.table(),
    };
    print_out(&out)?;
    if t.rows.is_empty() {
        return Err(crate::query::QueryError::NoResult.into());
    }
    Ok(())
}
