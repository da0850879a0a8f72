//! `casegraph extract`: the per-document extraction, as the JSON of
//! SCHEMA.md, a table, or extract lines for `build --from-extracts`.
//!
//! It streams: documents are read, extracted (in parallel) and written a
//! batch at a time, so memory does not grow with the number of documents
//! (only the list of files to read and, for `json` and `table`, one hash
//! per document to keep a text given twice once).

use super::args::InputArgs;
use super::warn_ingest;
use crate::error::Result;
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::ingest::jsonl::JsonlReader;
use crate::ingest::{list_inputs, nothing_readable, Document, IngestOptions, Listing, Skipped};
use crate::output::{Output, Stream};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph extract corpus/france-spain-nine-arrests.txt --format table
  casegraph extract examples/new-releases -o extracted.json
  casegraph extract examples/new-releases --gazetteer examples/my-bodies.ron --format table")]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// json: one document as in SCHEMA.md; jsonl: one line per document with
    /// what `build --from-extracts` needs (text, hash), written as it goes
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Where to write it: a file (replaced atomically) or - for standard output
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: Output,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
    Jsonl,
    Table,
}

/// Where the documents come from: files walked one at a time, or JSON lines on standard input.
enum Source {
    Files { listing: Listing, next: usize },
    Stdin(JsonlReader<std::io::StdinLock<'static>>),
}

impl Source {
    /// At least `want` documents (whole files) while there are, `None` once all are read.
    fn batch(
        &mut self,
        want: usize,
        opts: &IngestOptions,
        warnings: &mut Vec<String>,
        skipped: &mut Vec<Skipped>,
    ) -> Result<Option<Vec<Document>>> {
        let mut out = Vec::new();
        while out.len() < want {
            let docs = match self {
                Source::Files { listing, next } => match listing.files.get(*next) {
                    Some(f) => {
                        *next += 1;
                        f.read(opts, warnings, skipped)?
                    }
                    None => break,
                },
                Source::Stdin(r) => match r.next_line(opts, warnings)? {
                    Some(d) => d,
                    None => break,
                },
            };
            out.extend(docs);
        }
        Ok(if out.is_empty() { None } else { Some(out) })
    }
}

/// Writes one format piece by piece; `json` keeps the exact bytes the
/// whole-document form had (`{"documents": [...]}`, pretty-printed).
struct Writer {
    stream: Stream,
    format: ExtractFormat,
    written: usize,
}

impl Writer {
    fn document(&mut self, piece: &str) -> Result<()> {
        if self.format == ExtractFormat::Json {
            self.stream.write(if self.written == 0 { b"{\n  \"documents\": [\n" } else { b",\n" })?;
        }
        self.stream.write(piece.as_bytes())?;
        self.written += 1;
        if self.format == ExtractFormat::Jsonl {
            self.stream.flush()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        if self.format == ExtractFormat::Json {
            self.stream.write(if self.written == 0 { b"{\n  \"documents\": []\n}\n" } else { b"\n  ]\n}\n" })?;
        }
        self.stream.finish()
    }
}

/// One document in the chosen format.
fn render(format: ExtractFormat, doc: &Document, ex: &Extraction, fingerprint: &str) -> String {
    match format {
        ExtractFormat::Json => {
            let mut out = Vec::with_capacity(16 * doc.text.len());
            out.extend_from_slice(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested::default());
            match ex.serialize(&mut ser) {
                Ok(()) => String::from_utf8(out).unwrap_or_else(|e| format!("    {{\"error\": \"{e}\"}}")),
                Err(e) => format!("    {{\"error\": \"{e}\"}}"),
            }
        }
        ExtractFormat::Jsonl => {
            let mut l = crate::extracts::line(doc, ex, fingerprint);
            l.push('\n');
            l
        }
        ExtractFormat::Table => to_table(std::slice::from_ref(ex)),
    }
}

/// serde_json's pretty layout (two spaces a level) for a document nested
/// two levels deep in the whole output: every line after the first starts
/// four spaces further in. Written as it is serialized, where re-indenting
/// the pretty text line by line copied every document twice.
#[derive(Default)]
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W, lead: &[u8]) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(lead)?;
        let mut indent = 2 * (self.depth + 2);
        while indent > 0 {
            let n = indent.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            indent -= n;
        }
        Ok(())
    }

    /// An array or object opens: one level deeper, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// It closes: on a line of its own when it held anything.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, b"\n")?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.line(w, if first { b"\n" } else { b",\n" })
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.line(w, if first { b"\n" } else { b",\n" })
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

pub fn run(a: ExtractArgs) -> Result<()> {
    let opts = a.input.ingest();
    let ex = Extractor::new(Gazetteer::with_files(&a.input.gazetteers)?);
    let fingerprint = crate::extracts::fingerprint(&a.input.gazetteers)?;
    let mut source = if a.input.stdin_jsonl {
        Source::Stdin(JsonlReader::new(std::io::stdin().lock(), "standard input"))
    } else {
        Source::Files { listing: list_inputs(&a.input.inputs, &opts)?, next: 0 }
    };
    if let Source::Files { listing, .. } = &source {
        warn_ingest(&[], &listing.skipped);
        // the total is the files; a digest file adds one tick per article it holds
        crate::progress::start_documents("extracting", listing.files.len());
    }
    let (mut warnings, mut skipped) = (Vec::new(), Vec::new());
    // extract lines keep every document: the merge keeps one of a text given
    // twice, the one a build would, which a shard cannot know
    let mut seen: Option<HashSet<u128>> = (a.format != ExtractFormat::Jsonl).then(HashSet::new);
    let mut writer = Writer { stream: a.output.stream()?, format: a.format, written: 0 };
    let batch = 8 * rayon::current_num_threads().max(2);
    let mut read = 0usize;
    // the files skipped, to name the first when none could be read
    let mut skipped_total = Vec::new();
    while let Some(docs) = source.batch(batch, &opts, &mut warnings, &mut skipped)? {
        read += docs.len();
        let docs: Vec<Document> = match &mut seen {
            Some(seen) => docs
                .into_iter()
                .filter(|d| {
                    let fresh = seen.insert(u128::from_str_radix(&d.hash[..32], 16).unwrap_or_default());
                    if !fresh {
                        warnings.push(format!("{}: same text as a document already read, kept once", d.path));
                    }
                    fresh
                })
                .collect(),
            None => docs,
        };
        let pieces: Vec<std::result::Result<String, String>> = docs
            .par_iter()
            .map(|d| {
                let piece = crate::pipeline::extract_guarded(&ex, d).map(|x| render(a.format, d, &x, &fingerprint));
                crate::progress::document_done();
                piece
            })
            .collect();
        for p in pieces {
            match p {
                Ok(s) => writer.document(&s)?,
                Err(w) => warnings.push(w),
            }
        }
        skipped_total.append(&mut skipped);
        if writer.stream.is_closed() {
            crate::progress::finish_documents();
            return Ok(());
        }
    }
    crate::progress::finish_documents();
    // once, at the end, so that repeated warnings are summarised over the whole run
    warn_ingest(&warnings, &skipped_total);
    if let Source::Files { listing, .. } = &source {
        if read == 0 {
            let all: Vec<Skipped> = listing.skipped.iter().cloned().chain(skipped_total).collect();
            return Err(nothing_readable(&a.input.inputs, listing.files.len(), &all));
        }
    }
    writer.finish()
}

/// The `extract --format json` contract of SCHEMA.md, for documents in memory.
pub fn to_json(docs: &[Extraction]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        documents: &'a [Extraction],
    }
    let mut s = serde_json::to_string_pretty(&Out { documents: docs }).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A plain table for reading at a terminal: one block per document.
pub fn to_table(docs: &[Extraction]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for d in docs {
        let _ = writeln!(s, "{}  {}  {}", d.id, d.path, d.title);
        for e in &d.entities {
            let _ = writeln!(s, "  {:<9} {:<40} {}", e.kind.as_str(), e.id.to_string(), e.name);
        }
        for r in &d.relations {
            let count = r.count.map(|c| format!(" ({c})")).unwrap_or_default();
            let _ = writeln!(s, "  {} -{}-> {}{}", r.source, r.relation, r.target, count);
        }
        for f in &d.figures {
            let item = f.item.as_deref().map(|i| format!(" {i}")).unwrap_or_default();
            let place = f.country.as_ref().map(|c| format!(" in {c}")).unwrap_or_default();
            let op = f.operation.as_ref().map(|o| format!(" of {o}")).unwrap_or_default();
            let hedged = if f.hedged { " (hedged)" } else { "" };
            let _ = writeln!(
                s,
                "  figure {} {}{}{item}{place}{op}{hedged}: {}",
                f.measure,
                f.bound.words(),
                f.value,
                crate::model::terminal_safe(&f.said.text)
            );
        }
        s.push('\n');
    }
    s
}
