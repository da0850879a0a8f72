//! Extract lines: the JSON Lines form of `extract` (`--format jsonl`) that
//! `build --from-extracts` merges into a graph. Extraction is independent
//! per document, so it can run anywhere (a Spark executor, another
//! machine, another day) and the graph is still the one `build` over the
//! same files gives.
//!
//! A line is the SCHEMA.md document object plus what `build` needs beyond
//! it: the content hash, the `Source:` line, a fingerprint of the gazetteer
//! data the extraction used, and the document's text. The text is there
//! because one release may define an acronym ("United Kingdom Central
//! Authority (UKCA)") that another, extracted elsewhere, uses alone: the
//! merge learns acronyms from all documents and extracts again the ones
//! that use a learned acronym, exactly as `build` does, and it can only do
//! that with the text at hand.
//!
//! The merge puts documents in the order a build over one folder reads
//! them (by path, component by component, then article), keeps one
//! document per content hash (the first in that order, as `build` does),
//! and so does not depend on how the documents were split into shards or
//! in which order the shards come.

use crate::error::{Error, Result};
use crate::extract::Extraction;
use crate::ingest::Document;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct LineOut<'a> {
    #[serde(flatten)]
    extraction: &'a Extraction,
    hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    gazetteer: &'a str,
    text: &'a str,
}

#[derive(Deserialize)]
struct LineIn {
    #[serde(flatten)]
    extraction: Extraction,
    hash: String,
    #[serde(default)]
    source: Option<String>,
    gazetteer: String,
    text: String,
}

/// Which extractor data made a line: the casegraph version and the bytes
/// of the `--gazetteer` files, in order. A merge refuses lines made with
/// other data, since re-extracting them would not give what they say.
pub fn fingerprint(gazetteers: &[PathBuf]) -> Result<String> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for p in gazetteers {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    let hex: String = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    Ok(format!("{}-{hex}", env!("CARGO_PKG_VERSION")))
}

/// One document's extract line, without the line break.
pub fn line(doc: &Document, extraction: &Extraction, fingerprint: &str) -> String {
    let out = LineOut { extraction, hash: &doc.hash, source: doc.source.as_deref(), gazetteer: fingerprint, text: &doc.text };
    // a struct of strings, numbers and lists: serialising it cannot fail
    serde_json::to_string(&out).unwrap_or_default()
}

/// Documents read back from extract lines, with their extractions, in the
/// order a build reads them.
#[derive(Debug, Default)]
pub struct Extracts {
    pub items: Vec<(Document, Extraction)>,
    /// Documents given twice (same text), kept once.
    pub warnings: Vec<String>,
}

/// Read extract-line files; a folder stands for the files in it whose
/// names do not start with `.` or `_` (a Spark output folder: its
/// `part-*` files, not `_SUCCESS` or checksums). A line that cannot be
/// used is an error naming the file and line: a merge that silently left
/// a document out would not be the graph of the corpus.
pub fn read(inputs: &[PathBuf], fingerprint: &str) -> Result<Extracts> {
    let mut items = Vec::new();
    for file in expand(inputs)? {
        read_file(&file, fingerprint, &mut items)?;
    }
    items.sort_by(|(a, _), (b, _)| (Path::new(&a.path), a.article).cmp(&(Path::new(&b.path), b.article)));
    let mut seen = BTreeSet::new();
    let mut out = Extracts::default();
    for (doc, ex) in items {
        if seen.insert(doc.id.clone()) {
            out.items.push((doc, ex));
        } else {
            out.warnings.push(format!("{}: same text as a document already read, kept once", doc.path));
        }
    }
    Ok(out)
}

fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in inputs {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if !meta.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Error::io(p, e))?
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with(['.', '_']))
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|e| e.path())
            .collect();
        if inside.is_empty() {
            return Err(Error::input(p, "folder holds no extract file"));
        }
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

fn read_file(path: &Path, fingerprint: &str, items: &mut Vec<(Document, Extraction)>) -> Result<()> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = std::io::BufReader::new(f);
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        if r.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))? == 0 {
            return Ok(());
        }
        n += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let item = parse(&buf, fingerprint).map_err(|why| Error::input(path, format!("line {n}: {why}")))?;
        items.push(item);
    }
}

/// One line back into the document and its extraction, checking that the
/// text is the one the hash names.
pub fn parse(line: &[u8], fingerprint: &str) -> std::result::Result<(Document, Extraction), String> {
    let l: LineIn = serde_json::from_slice(line).map_err(|e| format!("not an extract line ({e})"))?;
    if l.gazetteer != fingerprint {
        return Err(format!(
            "extracted with other extractor data ({}, this build has {fingerprint}): give build the same casegraph version and --gazetteer files as extract",
            l.gazetteer
        ));
    }
    let hash: String = Sha256::digest(l.text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    if hash != l.hash {
        return Err("the text does not match its hash".into());
    }
    let ex = l.extraction;
    let doc = Document {
        id: crate::model::DocId::new(format!("d-{}", &hash[..10])),
        path: ex.path.clone(),
        article: ex.article,
        offset: ex.offset,
        title: ex.title.clone(),
        source: l.source,
        hash,
        text: l.text,
        date: ex.date,
    };
    if doc.id != ex.id {
        return Err(format!("document id {} does not match its text ({})", ex.id, doc.id));
    }
    Ok((doc, ex))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Gazetteer};

    #[test]
    fn a_line_reads_back_into_the_same_document_and_extraction() {
        let doc = Document::new(
            "dir/a.txt",
            "Romanian trafficker arrested\nSource: Europol\n\nThe United Kingdom Central Authority (UKCA) and Europol supported \"quotes\" \u{e9}.",
        );
        let ex = Extractor::new(Gazetteer::builtin().unwrap()).extract(&doc);
        let fp = fingerprint(&[]).unwrap();
        let l = line(&doc, &ex, &fp);
        assert!(!l.contains('\n'));
        assert_eq!(parse(l.as_bytes(), &fp).unwrap(), (doc, ex));
    }

    #[test]
    fn a_line_with_other_data_or_a_changed_text_is_refused() {
        let doc = Document::new("a.txt", "Europol supported the Romanian police.");
        let ex = Extractor::new(Gazetteer::builtin().unwrap()).extract(&doc);
        let l = line(&doc, &ex, "0.0.0-other");
        assert!(parse(l.as_bytes(), "0.1.0-mine").unwrap_err().contains("other extractor data"));
        let changed = l.replace("Romanian police", "Romanian polish");
        assert!(parse(changed.as_bytes(), "0.0.0-other").unwrap_err().contains("hash"));
        assert!(parse(b"{}", "x").unwrap_err().starts_with("not an extract line"));
    }
}
