//! `casegraph neighbors`: the entities around one entity.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::{EntityKind, RelationKind};
use crate::query::defaults::{NEIGHBORS_DEPTH, NEIGHBORS_LIMIT};
use crate::query::{Direction, Query};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DirectionArg {
    /// Either way along an edge
    #[default]
    Both,
    /// Along the entity's edges (what it coordinated, where it is based)
    Outgoing,
    /// Into the entity (who coordinated it, who is based in it)
    Incoming,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph neighbors graphs/sample.ron Eurojust --depth 2
  casegraph neighbors graphs/sample.ron \"Operation WEKA II\" --via-relation victims-from
  casegraph neighbors graphs/sample.ron Romania --via-relation based-in --direction incoming --kind agency")]
pub struct NeighborsArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// The entity: a name, an alias or an id (kind:slug)
    pub entity: String,
    /// Walk only these relations (comma-separated)
    #[arg(long = "via-relation", value_name = "RELATION", value_delimiter = ',', value_parser = relation_parser())]
    pub via_relation: Vec<RelationKind>,
    /// Which way edges may be walked
    #[arg(long, value_enum, default_value_t)]
    pub direction: DirectionArg,
    /// List only entities of these kinds (comma-separated); the walk passes through any kind
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = kind_parser())]
    pub kinds: Vec<EntityKind>,
    /// How many hops to walk
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = NEIGHBORS_DEPTH)]
    pub depth: usize,
    /// At most this many entities listed (all are counted)
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = NEIGHBORS_LIMIT)]
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

pub fn run(a: NeighborsArgs) -> Result<()> {
    let direction = match a.direction {
        DirectionArg::Both => Direction::Both,
        DirectionArg::Outgoing => Direction::Outgoing,
        DirectionArg::Incoming => Direction::Incoming,
    };
    let q = Query::Neighbors {
        entity: a.entity,
        relation: a.via_relation,
        direction,
        kind: a.kinds,
        depth: (a.depth != NEIGHBORS_DEPTH).then_some(a.depth),
        limit: (a.limit != NEIGHBORS_LIMIT).then_some(a.limit),
        first: a.first,
        during: None,
        filter: a.filter.filter(),
    };
    answer(&a.graph, &q, a.format)
}
