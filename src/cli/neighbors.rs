//! `casegraph neighbors`: the entities around one entity.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::RelationKind;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct NeighborsArgs {
    pub graph: PathBuf,
    pub entity: String,
    /// Only over this relation
    #[arg(long = "via-relation", value_parser = parse_relation)]
    pub via_relation: Option<RelationKind>,
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: NeighborsArgs) -> Result<()> {
    let q = Query::Neighbors { entity: a.entity, relation: a.via_relation, depth: Some(a.depth), filter: Some(a.filter.filter()) };
    answer(&a.graph, &q, a.format)
}
