//! Why a query gives no answer. Each variant keeps what the user needs to
//! ask again: the close names, the entities a name could mean, the forms
//! `ask` understands, the bound that was reached and how to narrow. Input
//! quoted back is cut to [`ECHO_CHARS`] characters and made terminal-safe.

use super::defaults::ECHO_CHARS;
use crate::model::{terminal_safe, EntityId, EntityKind};
use std::path::PathBuf;

/// One entity a name could mean, described on one line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub documents: usize,
    /// The start of the first sentence that states one of its relations.
    pub evidence: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// No entity has this name, alias or id.
    #[error("no entity named '{}' in the graph{}", echo(.name), hint(.suggestions))]
    NotFound { name: String, suggestions: Vec<String> },
    /// Several entities have this name; the user must pick one.
    #[error("'{}' names {} entities: {}; give an id (or --first)", echo(.name), .total, list_ids(.candidates, *.total))]
    Ambiguous { name: String, candidates: Vec<Candidate>, total: usize, asked: bool },
    /// `ask` did not recognise the question.
    #[error("cannot answer '{}'{}; closest questions understood: {}", echo(.question), reason_text(.reason), .closest.join(" | "))]
    NotUnderstood { question: String, reason: Option<String>, closest: Vec<String> },
    /// A search reached its bound before it could give a whole answer.
    #[error("{what} would take more than {limit} steps on this graph: {narrow}")]
    Budget { what: String, limit: String, narrow: String },
    /// Options that cannot be run as given (a zero limit, the same entity at both ends...).
    #[error("{0}")]
    Usage(String),
    /// Centrality that cannot be computed (no convergence, an unsupported combination).
    #[error("{0}")]
    Measure(String),
    /// The query ran and found nothing; the answer, printed, says so.
    #[error("no result")]
    NoResult,
    /// A query from a file, named so the user knows which one failed.
    #[error("{}: {source}", .file.display())]
    InFile { file: PathBuf, source: Box<QueryError> },
}

impl QueryError {
    /// The exit code of a command that ends with this error (README, "Exit codes").
    pub fn exit_code(&self) -> u8 {
        match self {
            QueryError::Usage(_) => 2,
            QueryError::NoResult => 3,
            QueryError::InFile { source, .. } => source.exit_code(),
            _ => 1,
        }
    }

    /// The message as terminal lines: one for most errors, a short list for
    /// an ambiguous name or a question not understood.
    pub fn report(&self) -> Vec<String> {
        match self {
            QueryError::Ambiguous { name, candidates, total, asked } => {
                let mut out = if *asked {
                    vec![format!("'{}' could mean any of {total} entities; ask again naming one by its id:", echo(name))]
                } else {
                    vec![format!("'{}' names {total} entities; give one by its id (or add --first to take the first):", echo(name))]
                };
                out.extend(candidates.iter().map(|c| format!("  {}", describe(c))));
                if *total > candidates.len() {
                    out.push(format!("  ... and {} more", total - candidates.len()));
                }
                out
            }
            QueryError::NotUnderstood { question, reason, closest } => {
                let mut out = vec![format!("cannot answer '{}'{}; closest questions understood:", echo(question), reason_text(reason))];
                out.extend(closest.iter().map(|c| format!("  {c}")));
                out.push("  (every form: casegraph ask --help)".into());
                out
            }
            QueryError::InFile { file, source } => {
                let mut lines = source.report();
                if let Some(first) = lines.first_mut() {
                    *first = format!("{}: {first}", terminal_safe(&file.display().to_string()));
                }
                lines
            }
            // an empty answer was printed and says so: the exit code tells scripts
            QueryError::NoResult => Vec::new(),
            other => vec![other.to_string()],
        }
    }
}

/// One line about a candidate: id, kind, name, documents, first evidence.
pub fn describe(c: &Candidate) -> String {
    let ev = c.evidence.as_deref().map(|e| format!("; \"{}\"", terminal_safe(e))).unwrap_or_default();
    format!("{}  {}  {}  ({} document{}{ev})", c.id, c.kind, terminal_safe(&c.name), c.documents, if c.documents == 1 { "" } else { "s" })
}

/// At most [`ECHO_CHARS`] characters of what the user typed, safe for a terminal.
pub fn echo(s: &str) -> String {
    let t = s.trim();
    let mut out: String = t.chars().take(ECHO_CHARS).collect();
    if t.chars().nth(ECHO_CHARS).is_some() {
        out.push('…');
    }
    terminal_safe(&out)
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}", suggestions.iter().map(|s| terminal_safe(s)).collect::<Vec<_>>().join(", "))
    }
}

fn list_ids(c: &[Candidate], total: usize) -> String {
    let mut s = c.iter().map(|c| c.id.to_string()).collect::<Vec<_>>().join(", ");
    if total > c.len() {
        s.push_str(&format!(" and {} more", total - c.len()));
    }
    s
}

fn reason_text(r: &Option<String>) -> String {
    r.as_deref().map(|r| format!(" ({})", terminal_safe(r))).unwrap_or_default()
}
