//! `casegraph centrality`: the most central entities by a measure.

use super::answer;
use super::args::*;
use crate::error::Result;
use crate::model::EntityKind;
use crate::query::defaults::CENTRALITY_TOP;
use crate::query::{Measure, Query};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CentralityArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// degree, betweenness, closeness, pagerank or eigenvector
    #[arg(long, value_parser = parse_measure, default_value = "degree")]
    pub measure: Measure,
    /// List only entities of these kinds (comma-separated); scores are computed on the whole graph
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<EntityKind>,
    /// How many entities to list
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = CENTRALITY_TOP)]
    pub top: usize,
    /// Weight edges by the number of documents that state them
    #[arg(long)]
    pub weighted: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

pub fn run(a: CentralityArgs) -> Result<()> {
    let q = Query::Centrality {
        measure: a.measure,
        kind: a.kinds,
        top: (a.top != CENTRALITY_TOP).then_some(a.top),
        weighted: a.weighted,
        during: None,
        filter: a.filter.filter(),
    };
    answer(&a.graph, &q, a.format)
}
