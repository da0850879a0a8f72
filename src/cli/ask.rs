//! `casegraph ask`: a question in plain English, mapped onto a query.

use super::answer;
use super::args::Format;
use crate::error::Result;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct AskArgs {
    pub graph: PathBuf,
    /// The question, e.g. "which agencies linked Romania and France"
    pub question: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: AskArgs) -> Result<()> {
    answer(&a.graph, &Query::Ask { question: a.question }, a.format)
}
