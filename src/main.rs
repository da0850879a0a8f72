//! The `casegraph` binary: parse arguments, run, report an error once.
#![deny(clippy::unwrap_used)]

use std::process::ExitCode;

/// mimalloc rather than the system allocator: extraction, resolution and
/// saving make millions of small strings and lists across threads, and
/// glibc's malloc and free were a fifth of a 100,000-release build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    casegraph::platform::no_huge_pages();
    let cli = casegraph::cli::parse();
    match casegraph::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut lines = e.report().into_iter();
            if let Some(first) = lines.next() {
                eprintln!("{}", casegraph::cli::ui::error_line(&first));
            }
            lines.for_each(|l| eprintln!("{}", casegraph::model::terminal_safe(&l)));
            ExitCode::from(e.exit_code())
        }
    }
}
