//! `casegraph show`: everything about one entity, with the sentences that state it.

use super::answer;
use super::args::Format;
use crate::error::Result;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ShowArgs {
    pub graph: PathBuf,
    pub entity: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: ShowArgs) -> Result<()> {
    answer(&a.graph, &Query::Show { entity: a.entity }, a.format)
}
