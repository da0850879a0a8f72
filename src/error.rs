//! One error type for the library, one variant family per stage. Every
//! message names the file (and position, where there is one) so the CLI can
//! print it on a single line and exit non-zero.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file was read but is not usable input (binary, empty, too large...).
    #[error("{path}: {reason}")]
    Input { path: PathBuf, reason: String },
    /// A RON file (graph, gazetteer, query) does not parse or does not fit.
    #[error("{path}:{line}:{column}: {reason}")]
    Parse { path: PathBuf, line: usize, column: usize, reason: String },
    /// A graph that parses but breaks an invariant (dangling ids, version).
    #[error("{path}: {reason}")]
    Graph { path: PathBuf, reason: String },
    /// Records that break the graph's invariants (only a bug can make them
    /// outside a file; the store reports a file's own with its path).
    #[error(transparent)]
    Invariant(#[from] crate::graph::GraphError),
    /// A gazetteer or rule file (built-in or the user's) that does not load.
    #[error(transparent)]
    Gazetteer(#[from] crate::extract::GazetteerError),
    /// A query that names something not in the graph, or asks what we cannot answer.
    #[error("{0}")]
    Query(String),
    /// A query that cannot be answered as asked (an unknown or ambiguous
    /// name, a question not understood, a bound reached, an empty answer).
    #[error(transparent)]
    Unanswered(#[from] crate::query::QueryError),
    /// An export that cannot be produced (e.g. Graphviz missing).
    #[error("{0}")]
    Export(String),
}

impl Error {
    /// The exit code the binary ends with: 0 an answer, 1 an error, 2 a
    /// usage error, 3 a query that found nothing (README, "Exit codes").
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Unanswered(q) => q.exit_code(),
            _ => 1,
        }
    }

    /// The message as terminal lines: one line, whatever the input put into
    /// it, except the short lists a query error gives (the entities a name
    /// could mean, the questions closest to one not understood).
    pub fn report(&self) -> Vec<String> {
        match self {
            Error::Unanswered(q) => q.report(),
            other => vec![other.to_string().replace(['\n', '\r'], " ")],
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
    pub fn input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Input { path: path.into(), reason: one_line(&reason.into()) }
    }

    /// Turn a RON error into one that names the file, line and column.
    pub fn ron(path: impl Into<PathBuf>, err: ron::error::SpannedError) -> Self {
        Error::Parse {
            path: path.into(),
            line: err.span.start.line,
            column: err.span.start.col,
            reason: err.code.to_string().replace(['\n', '\r'], " "),
        }
    }
}

/// How every user-edited RON file is read: `Some(..)` may be left out
/// around optional values (`kind: "agency"` rather than `kind: Some("agency")`).
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Messages quote names and values from the input; a line break or control
/// character in one must not break the one-line report.
pub fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
