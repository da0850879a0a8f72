//! `casegraph centrality`: the most central entities by a measure.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::EntityKind;
use crate::query::{Measure, Query};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CentralityArgs {
    pub graph: PathBuf,
    #[arg(long, value_parser = parse_measure, default_value = "degree")]
    pub measure: Measure,
    /// Only list entities of this kind (scores are computed on the whole graph)
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Weight edges by the number of documents that state them
    #[arg(long)]
    pub weighted: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: CentralityArgs) -> Result<()> {
    let q = Query::Centrality { measure: a.measure, kind: a.kind, top: Some(a.top), weighted: a.weighted, filter: Some(a.filter.filter()) };
    answer(&a.graph, &q, a.format)
}
