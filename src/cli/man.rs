//! `casegraph man`: the manual page, made from the same clap definitions as
//! `--help`, so the two cannot drift apart.

use super::Cli;
use crate::error::{Error, Result};
use clap::{Args, CommandFactory};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph man > casegraph.1                # read it with: man ./casegraph.1
  casegraph man build > casegraph-build.1
  casegraph man export > casegraph-export.1")]
pub struct ManArgs {
    /// A subcommand whose page to print instead of casegraph's own (build, ask, export...)
    pub subcommand: Option<String>,
}

pub fn run(a: ManArgs) -> Result<()> {
    let mut root = Cli::command().name("casegraph");
    // fills in each subcommand's full name ("casegraph build") for its synopsis
    root.build();
    let (cmd, title) = match &a.subcommand {
        None => (root, "casegraph".to_string()),
        Some(name) => {
            let names: Vec<String> = root.get_subcommands().map(|c| c.get_name().to_string()).collect();
            let sub = root
                .find_subcommand(name)
                .cloned()
                .ok_or_else(|| Error::Query(format!("no subcommand '{}' (one of: {})", name.escape_debug(), names.join(", "))))?;
            // the page is titled casegraph-<sub>, as man(1) finds it
            let title = format!("casegraph-{}", sub.get_name());
            (sub, title)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).title(title).render(&mut out).map_err(|e| Error::Query(format!("writing the manual page: {e}")))?;
    crate::output::write_stdout(&out)
}
