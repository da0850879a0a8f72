//! `casegraph link`: entities of a kind linked to both A and B.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::EntityKind;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct LinkArgs {
    pub graph: PathBuf,
    pub a: String,
    pub b: String,
    /// Kind of the linking entities
    #[arg(long, value_parser = parse_kind, default_value = "agency")]
    pub kind: EntityKind,
    #[arg(long, default_value_t = 2)]
    pub max_hops: usize,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: LinkArgs) -> Result<()> {
    let q = Query::Link { a: a.a, b: a.b, kind: a.kind, max_hops: Some(a.max_hops), limit: Some(a.limit), filter: Some(a.filter.filter()) };
    answer(&a.graph, &q, a.format)
}
