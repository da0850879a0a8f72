//! `casegraph query`: run query files (RON) in order.

use super::args::Format;
use super::print_out;
use crate::error::{Error, Result};
use crate::graph;
use crate::query;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct QueryArgs {
    pub graph: PathBuf,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: QueryArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let mut all = Vec::new();
    for f in &a.files {
        for q in query::load_queries(f)? {
            all.push((f.clone(), q));
        }
    }
    let mut out = String::new();
    for (f, q) in all {
        let ans = query::run(&g, &q).map_err(|e| Error::Query(format!("{}: {e}", f.display())))?;
        if a.format == Format::Table {
            out.push_str(&format!("== {}\n", f.display()));
        }
        out.push_str(&ans.render(a.format.into()));
        if a.format == Format::Table {
            out.push('\n');
        }
    }
    print_out(&out)
}
