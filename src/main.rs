//! The `casegraph` binary: parse arguments, run, report an error once.
#![deny(clippy::unwrap_used)]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = casegraph::cli::Cli::parse();
    match casegraph::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut lines = e.report().into_iter();
            if let Some(first) = lines.next() {
                eprintln!("casegraph: {}", casegraph::model::terminal_safe(&first));
            }
            lines.for_each(|l| eprintln!("{}", casegraph::model::terminal_safe(&l)));
            ExitCode::from(e.exit_code())
        }
    }
}
