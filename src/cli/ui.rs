//! How the command line talks on stderr: how much (`--quiet`, `--verbose`),
//! in colour or not (`--color`, `NO_COLOR`), and repeated warnings folded
//! into a count so two thousand duplicates do not bury the one real problem.

use clap::{Args, ValueEnum};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// Flags every command takes (clap `global`), so they may come before or
/// after the subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
    /// Print errors only: no notes, warnings, summary or progress (the exit code still tells)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every warning and note in full instead of summarising repeats
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour messages and help: auto (only on a terminal, and not when NO_COLOR is set), always or never
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorArg {
    /// Colour when stderr is a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour, even into a pipe or file
    Always,
    /// Never colour
    Never,
}

impl ColorArg {
    /// Whether to colour stderr. `NO_COLOR` (any non-empty value, as
    /// no-color.org asks) turns `auto` off; an explicit `always` wins.
    pub fn resolve(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal(),
        }
    }

    pub fn clap(self) -> clap::ColorChoice {
        match self {
            ColorArg::Always => clap::ColorChoice::Always,
            ColorArg::Never => clap::ColorChoice::Never,
            ColorArg::Auto => clap::ColorChoice::Auto,
        }
    }
}

const QUIET: u8 = 0;
const NORMAL: u8 = 1;
const VERBOSE: u8 = 2;

static LEVEL: AtomicU8 = AtomicU8::new(NORMAL);
static COLOR: AtomicBool = AtomicBool::new(false);

/// How many lines of one kind of warning are shown before the rest are counted.
pub const FIRST_FEW: usize = 3;

/// Apply the global flags for the rest of the run.
pub fn setup(g: &GlobalArgs) {
    let level = if g.quiet {
        QUIET
    } else if g.verbose {
        VERBOSE
    } else {
        NORMAL
    };
    LEVEL.store(level, Ordering::Relaxed);
    COLOR.store(g.color.resolve(), Ordering::Relaxed);
    if g.quiet {
        crate::progress::disable();
    }
}

pub fn quiet() -> bool {
    LEVEL.load(Ordering::Relaxed) == QUIET
}

pub fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) == VERBOSE
}

fn paint(code: &str, s: &str) -> String {
    if COLOR.load(Ordering::Relaxed) {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The first line of an error (always printed, `--quiet` or not).
pub fn error_line(msg: &str) -> String {
    format!("{} {}", paint("1;31", "casegraph:"), crate::model::terminal_safe(msg))
}

/// One warning line on stderr. File names and quoted text may hold line
/// breaks, NUL or ESC: they are shown escaped, so a warning is one line
/// and cannot drive the terminal.
pub fn warn(msg: &str) {
    if !quiet() {
        eprintln!("casegraph: {} {}", paint("33", "warning:"), crate::model::terminal_safe(msg));
    }
}

/// One note line on stderr, made safe as [`warn`] does.
pub fn note(msg: &str) {
    if !quiet() {
        eprintln!("casegraph: {}", crate::model::terminal_safe(msg));
    }
}

/// Warnings (or notes) of a run, folded by kind: the first [`FIRST_FEW`]
/// of each kind are printed as they come, the rest counted and summed up by
/// [`Folded::finish`]; `--verbose` prints all.
pub struct Folded {
    note: bool,
    seen: BTreeMap<String, usize>,
}

impl Folded {
    pub fn warnings() -> Self {
        Folded { note: false, seen: BTreeMap::new() }
    }

    pub fn notes() -> Self {
        Folded { note: true, seen: BTreeMap::new() }
    }

    /// `kind` is what makes two lines "the same warning": the message
    /// without the file it is about.
    pub fn add(&mut self, kind: &str, line: &str) {
        let n = self.seen.entry(kind.to_string()).or_default();
        *n += 1;
        if *n <= FIRST_FEW || verbose() {
            if self.note {
                note(line)
            } else {
                warn(line)
            }
        }
    }

    /// How many lines were added in all.
    pub fn total(&self) -> usize {
        self.seen.values().sum()
    }

    /// One line per kind that had more than [`FIRST_FEW`]: how many more.
    pub fn finish(&self) {
        if verbose() {
            return;
        }
        for (kind, n) in &self.seen {
            if *n > FIRST_FEW {
                let line = format!("... and {} more like this: {kind} (--verbose lists them all)", n - FIRST_FEW);
                if self.note {
                    note(&line)
                } else {
                    warn(&line)
                }
            }
        }
    }
}

/// What makes a warning line of the form "path: reason" the same kind as
/// another: the reason.
pub fn kind_of(line: &str) -> &str {
    line.split_once(": ").map(|(_, r)| r).unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_a_warning_leaves_out_its_file() {
        assert_eq!(kind_of("a/b.txt: same text as a document already read, kept once"), "same text as a document already read, kept once");
        assert_eq!(kind_of("no colon here"), "no colon here");
    }

    #[test]
    fn folded_counts_every_line() {
        let mut f = Folded::warnings();
        for i in 0..10 {
            f.add("dup", &format!("{i}.txt: dup"));
        }
        f.add("other", "x.txt: other");
        assert_eq!(f.total(), 11);
        assert_eq!(f.seen["dup"], 10);
    }
}
