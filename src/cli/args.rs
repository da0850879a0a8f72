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
    /// Refuse files larger than this: bytes, or with a unit K, M, G (powers of 1024: 64M, 1G, 512K)
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    pub max_file_size: u64,
    /// Fail on any unreadable file in a folder instead of skipping it
    #[arg(long)]
    pub strict: bool,
    /// Follow symlinks that point out of an input folder (skipped otherwise)
    #[arg(long)]
    pub follow: bool,
    /// Publication day (YYYY-MM-DD) of releases whose text and page metadata give none; years left out of their dates are read against it
    #[arg(long, value_name = "DAY")]
    pub date: Option<crate::model::Day>,
}

impl InputArgs {
    pub fn ingest(&self) -> IngestOptions {
        IngestOptions { max_file_size: self.max_file_size, strict: self.strict, follow: self.follow, date: self.date }
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
    #[arg(long = "only-kind", value_name = "KIND", value_delimiter = ',', value_parser = kind_parser())]
    pub only_kinds: Vec<EntityKind>,
    /// Narrow the graph to these relations before the query runs (comma-separated or repeated)
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = relation_parser())]
    pub relations: Vec<RelationKind>,
    /// Keep only relations stated by at least N documents
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_evidence: usize,
    /// Leave out what releases state only with a hedge ("allegedly", "is suspected of")
    #[arg(long)]
    pub no_hedged: bool,
    #[command(flatten)]
    pub period: PeriodArgs,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            kinds: self.only_kinds.clone(),
            relations: self.relations.clone(),
            min_evidence: self.min_evidence,
            no_hedged: self.no_hedged,
            since: self.period.since,
            until: self.period.until,
        }
    }
}

/// `--since` / `--until`: shared by the query commands, `export`, `report` and `timeline`.
#[derive(Args, Debug, Clone, Default)]
pub struct PeriodArgs {
    /// Keep only operations that ran on or after this day (YYYY-MM-DD), and relations stated by releases of that period
    #[arg(long, value_name = "DAY")]
    pub since: Option<crate::model::Day>,
    /// Keep only operations that ran on or before this day (YYYY-MM-DD), and relations stated by releases of that period
    #[arg(long, value_name = "DAY")]
    pub until: Option<crate::model::Day>,
}

/// The names help lists for an entity kind (the parser also takes plurals).
pub const KIND_NAMES: &[&str] = &["agency", "country", "operation", "ocg", "city", "region", "crime"];
/// The names help lists for a relation.
pub const RELATION_NAMES: &[&str] = &[
    "coordinated",
    "supported",
    "participated-in",
    "arrested-in",
    "victims-from",
    "exploited-in",
    "active-in",
    "targeted",
    "based-in",
    "transited",
];
/// The names help lists for a centrality measure.
pub const MEASURE_NAMES: &[&str] = &["degree", "betweenness", "closeness", "pagerank", "eigenvector"];

/// A value parser for a closed set of names that the library parses itself
/// (kinds, relations, measures): help and completions list the names, while
/// parsing stays the library's, which also takes plurals ("agencies") and
/// gives its own message for a wrong name.
#[derive(Clone)]
pub struct Listed<T> {
    names: &'static [&'static str],
    _t: std::marker::PhantomData<fn() -> T>,
}

impl<T> Listed<T> {
    const fn new(names: &'static [&'static str]) -> Self {
        Listed { names, _t: std::marker::PhantomData }
    }
}

impl<T> clap::builder::TypedValueParser for Listed<T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Display,
{
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &std::ffi::OsStr) -> std::result::Result<T, clap::Error> {
        let s = value.to_string_lossy();
        s.parse::<T>().map_err(|e| {
            let flag = arg.map(|a| format!(" for '{a}'")).unwrap_or_default();
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("invalid value{flag}: {e}\n")).with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.names.iter().map(|n| clap::builder::PossibleValue::new(*n))))
    }
}

pub const fn kind_parser() -> Listed<EntityKind> {
    Listed::new(KIND_NAMES)
}
pub const fn relation_parser() -> Listed<RelationKind> {
    Listed::new(RELATION_NAMES)
}
pub const fn measure_parser() -> Listed<Measure> {
    Listed::new(MEASURE_NAMES)
}
/// The names help lists for what a figure counts (`counts`, `conflicts`).
pub const FIGURE_NAMES: &[&str] = &["arrests", "victims-identified", "victims-rescued", "searches", "seizures"];
pub const fn figure_parser() -> Listed<crate::model::Measure> {
    Listed::new(FIGURE_NAMES)
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

/// A size as people write it: `67108864`, `64M`, `64MB`, `64MiB`, `1G`,
/// `512k`. K, M, G and T are powers of 1024 (so `64M` is the default
/// 67,108,864 bytes), case-insensitive, with an optional `B` or `iB`.
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit) = t.split_at(digits);
    let bad = || format!("'{}' is not a size (bytes, or a number with K, M, G or T: 64M, 1G)", s.escape_debug());
    if num.is_empty() {
        return Err(bad());
    }
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(bad()),
    };
    let n: u64 = num.parse().map_err(|_| format!("'{}' is too large", s.escape_debug()))?;
    n.checked_mul(1u64 << shift).ok_or_else(|| format!("'{}' is too large", s.escape_debug()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_names_are_the_librarys() {
        let kinds: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, KIND_NAMES);
        let relations: Vec<&str> = RelationKind::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(relations, RELATION_NAMES);
        let figures: Vec<&str> = crate::model::Measure::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(figures, FIGURE_NAMES);
        let measures: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(measures, MEASURE_NAMES);
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("67108864"), Ok(64 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64mib"), Ok(64 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("10B"), Ok(10));
        assert!(parse_size("M").is_err());
        assert!(parse_size("64X").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999T").is_err());
    }
}
