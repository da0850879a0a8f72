//! `casegraph ask`: a question in plain English, mapped onto a query.

use super::answer;
use super::args::AnswerFormat;
use crate::error::Result;
use crate::query::Query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = ask_help())]
pub struct AskArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// The question, e.g. "which agencies linked Romania and France"
    pub question: String,
    /// When a name matches several entities, take the first (best connected) rather than list them
    #[arg(long)]
    pub first: bool,
    /// How to print the answer: a table, JSON, or JSON Lines
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

fn ask_help() -> String {
    let mut s = String::from("Questions understood (X and Y: names, aliases or ids):\n");
    for f in crate::query::QUESTION_FORMS {
        s.push_str("  ");
        s.push_str(f);
        s.push('\n');
    }
    s.push_str("\nEvery answer starts with the query it ran, which can be saved as a query file.");
    s.push_str("\n\nExamples:\n  casegraph ask graphs/sample.ron \"which agencies linked Romania and France\"\n");
    s.push_str("  casegraph ask graphs/sample.ron \"who coordinated Operation WEKA II\"\n");
    s.push_str("  casegraph ask graphs/sample.ron \"most central agencies\" --format json");
    s
}

pub fn run(a: AskArgs) -> Result<()> {
    answer(&a.graph, &Query::Ask { question: a.question, first: a.first }, a.format)
}
