//! The `casegraph` binary: parse arguments, run, report an error once.
#![deny(clippy::unwrap_used)]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = casegraph::cli::Cli::parse();
    match casegraph::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // one line, whatever the input put into the message, and no raw
            // control character (NUL, ESC) that could drive the terminal
            eprintln!("casegraph: {}", casegraph::model::terminal_safe(&e.to_string().replace(['\n', '\r'], " ")));
            ExitCode::FAILURE
        }
    }
}
