//! `casegraph link`: entities of a kind linked to both A and B.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::EntityKind;
use crate::query::defaults::{LINK_LIMIT, LINK_MAX_HOPS};
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph link graphs/sample.ron Romania France
  casegraph link graphs/sample.ron Romania France --kind operation --max-hops 1
  casegraph link graphs/sample.ron Europol Portugal --format json")]
pub struct LinkArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// One end: a name, an alias or an id (kind:slug)
    pub a: String,
    /// The other end
    pub b: String,
    /// Kind of the linking entities listed
    #[arg(long, value_parser = kind_parser(), default_value = "agency")]
    pub kind: EntityKind,
    /// How far a linking entity may be from each end
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = LINK_MAX_HOPS)]
    pub max_hops: usize,
    /// At most this many linking entities
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = LINK_LIMIT)]
    pub limit: usize,
    /// When a name matches several entities, take the first (best connected) rather than list them
    #[arg(long)]
    pub first: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How to print the answer: a table, JSON, or JSON Lines
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

pub fn run(a: LinkArgs) -> Result<()> {
    // defaults are left out of the query printed with the answer
    let q = Query::Link {
        a: a.a,
        b: a.b,
        kind: a.kind,
        max_hops: (a.max_hops != LINK_MAX_HOPS).then_some(a.max_hops),
        limit: (a.limit != LINK_LIMIT).then_some(a.limit),
        first: a.first,
        during: None,
        filter: a.filter.filter(),
    };
    answer(&a.graph, &q, a.format)
}
