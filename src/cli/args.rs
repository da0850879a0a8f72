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
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
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

/// The selection shared by every query and by export.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Keep only these entity kinds (comma-separated or repeated)
    #[arg(long = "only-kind", value_delimiter = ',', value_parser = parse_kind)]
    pub only_kinds: Vec<EntityKind>,
    /// Keep only these relations (comma-separated or repeated)
    #[arg(long = "relation", value_delimiter = ',', value_parser = parse_relation)]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least N documents
    #[arg(long, default_value_t = 1)]
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
    s.parse().map_err(|e: crate::error::Error| e.to_string())
}
