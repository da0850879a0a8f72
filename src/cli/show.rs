//! `casegraph show`: everything about one entity, with the sentences that state it.

use super::answer;
use super::args::{parse_count, AnswerFormat};
use crate::error::Result;
use crate::query::defaults::SHOW_LIMIT;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph show graphs/sample.ron Eurojust
  casegraph show graphs/sample.ron \"Operation Weka 2\" --limit 5
  casegraph show graphs/sample.ron \"International Criminal Police Organization\" --format json")]
pub struct ShowArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// The entity: a name, an alias or an id (kind:slug)
    pub entity: String,
    /// At most this many relations listed
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = SHOW_LIMIT)]
    pub limit: usize,
    /// When a name matches several entities, take the first (best connected) rather than list them
    #[arg(long)]
    pub first: bool,
    /// How to print the answer: a table, JSON, or JSON Lines
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

pub fn run(a: ShowArgs) -> Result<()> {
    let q = Query::Show { entity: a.entity, limit: (a.limit != SHOW_LIMIT).then_some(a.limit), first: a.first };
    answer(&a.graph, &q, a.format)
}
