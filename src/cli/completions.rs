//! `casegraph completions`: a shell completion script on standard output.

use super::Cli;
use crate::error::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph completions bash > casegraph.bash    # then: source casegraph.bash (or copy it to ~/.local/share/bash-completion/completions/casegraph)
  casegraph completions zsh > _casegraph         # into a folder of your $fpath
  casegraph completions fish > casegraph.fish    # into ~/.config/fish/completions/")]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(a: CompletionsArgs) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "casegraph", &mut out);
    crate::output::write_stdout(&out)
}
