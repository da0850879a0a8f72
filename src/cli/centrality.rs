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
#[command(after_help = "Examples:
  casegraph centrality graphs/sample.ron --measure betweenness --kind agency --top 10
  casegraph centrality graphs/sample.ron --measure pagerank --weighted
  casegraph centrality graphs/sample.ron --kind country --format json")]
pub struct CentralityArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// The measure, computed on the undirected graph and normalised as NetworkX does
    #[arg(long, value_parser = measure_parser(), default_value = "degree")]
    pub measure: Measure,
    /// List only entities of these kinds (comma-separated); scores are computed on the whole graph
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = kind_parser())]
    pub kinds: Vec<EntityKind>,
    /// How many entities to list
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = CENTRALITY_TOP)]
    pub top: usize,
    /// Weight edges by the number of documents that state them
    #[arg(long)]
    pub weighted: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How to print the answer: a table, JSON, or JSON Lines
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
