//! `casegraph path`: shortest (or all) paths between two entities, shortest first.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::EntityKind;
use crate::query::defaults::{ALL_PATHS_MAX_HOPS, PATH_LIMIT, PATH_MAX_HOPS};
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph path graphs/sample.ron Europol Portugal
  casegraph path graphs/sample.ron Europol Portugal --all --max-hops 4 --limit 10
  casegraph path graphs/sample.ron INTERPOL Togo --via-kind operation --relation coordinated,participated-in")]
pub struct PathArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Where the path starts: a name, an alias or an id (kind:slug)
    pub from: String,
    /// Where the path ends: a name, an alias or an id
    pub to: String,
    /// Every simple path up to --max-hops, shortest first, not only the shortest
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_name = "N", value_parser = parse_count,
          help = format!("Longest path to consider (default {PATH_MAX_HOPS}, or {ALL_PATHS_MAX_HOPS} with --all)"))]
    pub max_hops: Option<usize>,
    #[arg(long, value_name = "N", value_parser = parse_count, help = format!("At most this many paths (default {PATH_LIMIT})"))]
    pub limit: Option<usize>,
    /// Kinds a path may pass through (comma-separated; its ends may be of any kind)
    #[arg(long = "via-kind", alias = "via", value_name = "KIND", value_delimiter = ',', value_parser = kind_parser())]
    pub via: Vec<EntityKind>,
    /// Follow edges only in their direction
    #[arg(long)]
    pub directed: bool,
    /// When a name matches several entities, take the first (best connected) rather than list them
    #[arg(long)]
    pub first: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How to print the answer: a table, JSON, or JSON Lines
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

pub fn run(a: PathArgs) -> Result<()> {
    let q = Query::Path {
        from: a.from,
        to: a.to,
        all: a.all,
        max_hops: a.max_hops,
        limit: a.limit,
        via: a.via,
        directed: a.directed,
        first: a.first,
        during: None,
        filter: a.filter.filter(),
    };
    answer(&a.graph, &q, a.format)
}
