//! `casegraph path`: shortest (or all) paths between two entities.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::{EntityKind, RelationKind};
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PathArgs {
    pub graph: PathBuf,
    pub from: String,
    pub to: String,
    /// Every simple path up to --max-hops, not only the shortest
    #[arg(long)]
    pub all: bool,
    /// Longest path to consider (default 8, or 4 with --all)
    #[arg(long)]
    pub max_hops: Option<usize>,
    /// At most this many paths (default 20)
    #[arg(long)]
    pub limit: Option<usize>,
    /// Kinds a path may pass through (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    pub via: Vec<EntityKind>,
    /// Relations a path may use (comma-separated)
    #[arg(long = "relations", value_delimiter = ',', value_parser = parse_relation)]
    pub path_relations: Vec<RelationKind>,
    /// Follow edges only in their direction
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: PathArgs) -> Result<()> {
    let q = Query::Path {
        from: a.from,
        to: a.to,
        all: a.all,
        max_hops: a.max_hops,
        limit: a.limit,
        via: a.via,
        relations: a.path_relations,
        directed: a.directed,
        filter: Some(a.filter.filter()),
    };
    answer(&a.graph, &q, a.format)
}
