//! Flags shared by several commands, and how raw flag values become the
//! library's settings.

use crate::ingest::IngestOptions;
use crate::model::{EntityKind, RelationKind};
use crate::query::{Filter, Measure, OutputFormat};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders (.txt, .md, .html; folders are read recursively)
    #[arg(required_unless_present = "stdin_jsonl")]
    pub inputs: Vec<PathBuf>,
    /// Read the documents from standard input instead, one JSON object a line:
    /// {"path": ..., "text": ...} or {"path": ..., "base64": <the file's bytes>};
    /// a bad line is reported with its number and skipped
    #[arg(long, conflicts_with = "inputs")]
    pub stdin_jsonl: bool,
    /// Extra gazetteer/rule files (RON) added to the built-in ones
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Refuse files larger than this many bytes
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Fail on any unreadable file in a folder instead of skipping it
    #[arg(long)]
    pub strict: bool,
    /// Follow symlinks that point out of an input folder (skipped otherwise)
    #[arg(long)]
    pub follow: bool,
}

impl InputArgs {
    pub fn ingest(&self) -> IngestOptions {
        IngestOptions { max_file_size: self.max_file_size, strict: self.strict, follow: self.follow }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
        }
    }
}

/// How the query commands print answers: a table, one JSON document (an
/// array for several query files), or JSON Lines (one answer per line).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AnswerFormat {
    #[default]
    Table,
    Json,
    Jsonl,
}

impl From<AnswerFormat> for OutputFormat {
    fn from(f: AnswerFormat) -> Self {
        match f {
            AnswerFormat::Table => OutputFormat::Table,
            AnswerFormat::Json => OutputFormat::Json,
            AnswerFormat::Jsonl => OutputFormat::Jsonl,
        }
    }
}

/// The graph-narrowing filter shared by the query commands: it removes
/// entities and relations before the query runs (`--kind`, where a command
/// has it, only restricts what the answer lists).
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Narrow the graph to these entity kinds before the query runs (comma-separated or repeated)
    #[arg(long = "only-kind", value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub only_kinds: Vec<EntityKind>,
    /// Narrow the graph to these relations before the query runs (comma-separated or repeated)
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = parse_relation)]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least N documents
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_evidence: usize,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter { kinds: self.only_kinds.clone(), relations: self.relations.clone(), min_evidence: self.min_evidence }
    }
}

pub fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    s.parse().map_err(|e: crate::model::UnknownName| e.to_string())
}
pub fn parse_relation(s: &str) -> std::result::Result<RelationKind, String> {
    s.parse().map_err(|e: crate::model::UnknownName| e.to_string())
}
pub fn parse_measure(s: &str) -> std::result::Result<Measure, String> {
    s.parse().map_err(|e: crate::query::QueryError| e.to_string())
}

/// A count the user gives (`--limit`, `--top`, `--depth`, `--max-hops`):
/// at least 1; any larger number is accepted and bounded by the query's budget.
pub fn parse_count(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        // more digits than usize holds: as good as "all"
        let n = t.parse::<usize>().unwrap_or(usize::MAX);
        return if n == 0 { Err("must be at least 1".into()) } else { Ok(n) };
    }
    Err(format!("'{}' is not a whole number", s.chars().take(crate::query::defaults::ECHO_CHARS).collect::<String>().escape_debug()))
}
