//! `casegraph query`: run query files (RON) in order; with `--format json`
//! the answers are one JSON array, with `--format jsonl` one per line, each
//! naming its file.

use super::args::AnswerFormat;
use super::print_out;
use crate::error::{Error, Result};
use crate::graph;
use crate::query::{self, Engine, QueryError};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph query graphs/sample.ron queries/top-brokers.ron
  casegraph query graphs/sample.ron queries/*.ron --format jsonl
  casegraph query graphs/sample.ron examples/queries.ron")]
pub struct QueryArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Query files (RON): one query, or a list [ ... ], each
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How to print the answers: tables, one JSON array, or JSON Lines (one answer a line)
    #[arg(long, value_enum, default_value_t)]
    pub format: AnswerFormat,
}

pub fn run(a: QueryArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let mut all = Vec::new();
    for f in &a.files {
        for q in query::load_queries(f)? {
            all.push((f.clone(), q));
        }
    }
    let engine = Engine::new(&g);
    let mut answers = Vec::with_capacity(all.len());
    for (f, q) in all {
        let mut ans = engine.run(&q).map_err(|e| Error::from(QueryError::InFile { file: f.clone(), source: Box::new(e) }))?;
        ans.file = Some(f.display().to_string());
        answers.push(ans);
    }
    print_out(&query::render_all(&answers, a.format.into()))?;
    if answers.iter().all(|x| x.is_empty()) {
        return Err(QueryError::NoResult.into());
    }
    Ok(())
}
