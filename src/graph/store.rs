//! The RON store. A graph file is written to a temporary file in the same
//! folder, synced and renamed over the old one, so an interrupted write
//! never leaves a half-written graph; loading checks the format version
//! and every invariant and names the file, line and column of a problem.

use super::cache::Cache;
use super::ron_text::{layout, Listed, RelationView, FILE_DEPTH};
use super::{CaseGraph, GraphError, RelationProblem};
use crate::error::{Error, Result};
use crate::ingest::FileKind;
use crate::model::FigureRecord;
use crate::resolve::{DocumentRecord, EntityRecord, RelationRecord};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// Version of the graph file format. Bump on any incompatible change and
/// teach [`load`] to migrate or refuse the older one.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    pub format_version: Version,
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
    /// Figures the documents state; absent in graphs made before them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureRecord>,
}

impl GraphFile {
    pub fn to_ron(&self) -> String {
        let mut s = String::new();
        // writing into a String cannot fail
        let _ = write_ron(self, &mut s);
        s
    }
}

/// The one layout graph files have: every writer goes through here, so a
/// graph streamed to disk and one made into a string are the same bytes.
fn write_ron<T: Serialize>(value: &T, out: &mut impl std::fmt::Write) -> ron::Result<()> {
    ron::ser::to_writer_pretty(&mut *out, value, layout(FILE_DEPTH))?;
    out.write_char('\n').map_err(|e| ron::Error::Message(e.to_string()))
}

/// The stored form of a graph, borrowed: the same fields as [`GraphFile`]
/// in the same order, so it serialises to the same bytes, but holding
/// references sorted as [`CaseGraph::to_file`] sorts the records. A graph
/// of a million relations is written without a second copy of its records.
#[derive(Serialize)]
struct FileView<'a> {
    format_version: Version,
    documents: Vec<&'a DocumentRecord>,
    entities: Listed<'a, EntityRecord, &'a EntityRecord>,
    relations: Listed<'a, RelationRecord, RelationView<'a>>,
    #[serde(skip_serializing_if = "Listed::is_empty")]
    figures: Listed<'a, FigureRecord, &'a FigureRecord>,
}

impl<'a> FileView<'a> {
    fn of(graph: &'a CaseGraph) -> Self {
        let mut documents: Vec<&DocumentRecord> = graph.documents.iter().collect();
        documents.sort();
        let mut entities: Vec<&EntityRecord> = graph.entities().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relations: Vec<&RelationRecord> = graph.relations().collect();
        relations.sort_by(|a, b| (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target)));
        FileView {
            format_version: Version(FORMAT_VERSION),
            documents,
            entities: Listed { items: entities, view: |e| e },
            relations: Listed { items: relations, view: RelationView::of },
            figures: Listed { items: graph.figures.iter().collect(), view: |f| f },
        }
    }
}

/// `fmt::Write` onto an output stream (what the RON writer writes to),
/// keeping the stream's own error, which `fmt::Error` cannot carry.
struct StreamText<'s> {
    stream: &'s mut crate::output::Stream,
    failed: Option<Error>,
}

impl std::fmt::Write for StreamText<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.stream.write(s.as_bytes()).map_err(|e| {
            self.failed = Some(e);
            std::fmt::Error
        })
    }
}

/// Write a graph as RON to `out`, streamed: a file is replaced atomically
/// once the whole graph is written (see [`crate::output`]), and no string
/// of the whole file is ever built (on 100,000 releases it was 1.1 GB).
pub fn save(graph: &CaseGraph, out: &crate::output::Output) -> Result<()> {
    let mut stream = out.stream()?;
    let mut text = StreamText { stream: &mut stream, failed: None };
    if let Err(e) = write_ron(&FileView::of(graph), &mut text) {
        return Err(text.failed.take().unwrap_or_else(|| Error::Graph { path: out.display().into(), reason: e.to_string() }));
    }
    stream.finish()
}

/// The format version, checked while the file is parsed: a file of another
/// version is refused as soon as its `format_version` is read (the first
/// field we write), with the version it has and the one we read, so one
/// parse gives both the clear version message and the positions of any
/// other fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Version(pub u32);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = u32::deserialize(d)?;
        if v != FORMAT_VERSION {
            return Err(serde::de::Error::custom(format!(
                "graph format version {v} is not supported; this casegraph reads version {FORMAT_VERSION} (rebuild the graph from its documents with `casegraph build`)"
            )));
        }
        Ok(Version(v))
    }
}

/// Load and check a graph file. It is read once (a pipe works too), its
/// kind sniffed from what was read, then parsed once; a large file with a
/// cache of its very text beside it is not parsed at all.
pub fn load(path: &Path) -> Result<CaseGraph> {
    load_cached_from(path, CACHE_FROM)
}

/// [`load`], with a cache for files of `cache_from` bytes or more.
fn load_cached_from(path: &Path, cache_from: usize) -> Result<CaseGraph> {
    // a file large enough for a cache is hashed as it is read in pieces: when
    // the cache is good, the RON text is never held in memory whole
    let large = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= cache_from as u64);
    if large {
        if let Some(g) = hash_file(path).and_then(|h| Cache::beside(path, &h)).and_then(|c| c.read()) {
            return Ok(g);
        }
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let kind = crate::ingest::sniff_bytes(&bytes);
    if kind == FileKind::Empty {
        return Err(Error::input(path, "empty graph file"));
    }
    if !kind.may_be(FileKind::Graph) {
        return Err(Error::input(path, format!("is not a casegraph graph (it looks like {kind})")));
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::input(path, format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to())))?;
    // the key is the hash of the text parsed here, whatever the file holds by now
    let cache = if large && text.len() >= cache_from {
        use sha2::Digest;
        Cache::beside(path, &sha2::Sha256::digest(text.as_bytes()))
    } else {
        None
    };
    let file: GraphFile = ron::from_str(&text).map_err(|e| Error::ron(path, e))?;
    let graph = from_file(file).map_err(|err| {
        let reason = crate::error::one_line(&err.to_string());
        let at = match (err.relation_index(), err.figure_index()) {
            (Some(i), _) => locate_relation(&text, i),
            (_, Some(i)) => locate_record(&text, "figures:", "measure:", i),
            _ => locate(&text, &err.subject()),
        };
        match at {
            Some((l, c)) => Error::Parse { path: path.into(), line: l, column: c, reason },
            None => Error::Graph { path: path.into(), reason },
        }
    })?;
    if let Some(c) = cache {
        drop(text);
        c.write(&graph);
    }
    Ok(graph)
}

/// Graph files from this size on get a cache beside them.
const CACHE_FROM: usize = 16 << 20;

/// SHA-256 of a file, read in pieces.
fn hash_file(path: &Path) -> Option<Vec<u8>> {
    use sha2::Digest;
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 4 << 20];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
    Some(h.finalize().to_vec())
}

/// Check a parsed file's invariants and build the graph. Resolution never
/// breaks these; a file that does was damaged or edited by hand.
pub fn from_file(file: GraphFile) -> std::result::Result<CaseGraph, GraphError> {
    // hashed, not ordered: on a million relations the ordered sets' string
    // comparisons were a third of the load
    let mut seen = HashSet::with_capacity(file.documents.len());
    for d in &file.documents {
        if !seen.insert(&d.id) {
            return Err(GraphError::DuplicateDocument(d.id.clone()));
        }
    }
    let mut triples = HashSet::with_capacity(file.relations.len());
    for (index, r) in file.relations.iter().enumerate() {
        let at = |problem: RelationProblem| GraphError::BadRelation {
            index,
            from: r.source.clone(),
            relation: r.relation,
            to: r.target.clone(),
            problem,
        };
        if r.source == r.target {
            return Err(at(RelationProblem::SelfLoop));
        }
        if !triples.insert((&r.source, r.relation, &r.target)) {
            return Err(at(RelationProblem::Duplicate));
        }
        if r.evidence.is_empty() {
            return Err(at(RelationProblem::NoEvidence));
        }
        for ev in &r.evidence {
            if !seen.contains(&ev.doc) {
                return Err(at(RelationProblem::UnknownDocument(ev.doc.clone())));
            }
            if ev.start > ev.end {
                return Err(at(RelationProblem::ReversedSpan { start: ev.start, end: ev.end }));
            }
            // the span is where `text` was read from: it must be exactly that long
            if ev.end - ev.start != ev.text.len() {
                return Err(at(RelationProblem::SpanLength { start: ev.start, end: ev.end, len: ev.text.len() }));
            }
        }
        let documents = distinct_documents(&r.evidence);
        if r.documents != documents {
            return Err(at(RelationProblem::DocumentCount { stated: r.documents, found: documents }));
        }
    }
    for (index, f) in file.figures.iter().enumerate() {
        let bad = |problem: String| GraphError::BadFigure { index, problem };
        if !seen.contains(&f.doc) {
            return Err(bad(format!("document {} is not in the graph", f.doc)));
        }
        if f.start > f.end || f.end - f.start != f.text.len() {
            return Err(bad(format!("span {}..{} does not hold its text of {} bytes", f.start, f.end, f.text.len())));
        }
    }
    let figures = file.figures;
    let g = CaseGraph::from_parts(file.documents, file.entities, file.relations)?;
    for (index, f) in figures.iter().enumerate() {
        if let Some(id) = f.operation.iter().chain(&f.country).find(|id| g.node(id).is_none()) {
            return Err(GraphError::BadFigure { index, problem: format!("{id} is not an entity of the graph") });
        }
    }
    Ok(g.with_figures(figures))
}

/// How many documents the evidence comes from: sorted and counted in place
/// for the few pieces most relations have.
fn distinct_documents(evidence: &[crate::model::Evidence]) -> usize {
    let mut docs: Vec<&crate::model::DocId> = evidence.iter().map(|e| &e.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    docs.len()
}

/// Line and column of the `index`th relation record (its `source:` field).
/// Only a `source:` that starts a field counts (after `(`, `,` or a line
/// break): RON strings escape their line breaks, so one quoted in evidence
/// text cannot be taken for a field in a file we wrote.
fn locate_relation(text: &str, index: usize) -> Option<(usize, usize)> {
    locate_record(text, "relations:", "source:", index)
}

/// The `index`th record after `list` whose line holds `field` first.
fn locate_record(text: &str, list: &str, field: &str, index: usize) -> Option<(usize, usize)> {
    let mut from = text.find(&format!("\n  {list}")).map(|i| i + 1).or_else(|| text.find(list))?;
    let mut seen = 0;
    while let Some(off) = text[from..].find(field) {
        let at = from + off;
        from = at + field.len();
        let before = text[..at].trim_end_matches([' ', '\t']).chars().next_back();
        if matches!(before, Some('\n' | '(' | ',')) {
            if seen == index {
                return Some(line_col(text, at));
            }
            seen += 1;
        }
    }
    None
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rfind('\n').map(|p| text[p + 1..at].chars().count()).unwrap_or_else(|| text[..at].chars().count()) + 1;
    (line, col)
}

/// Line and column where the file first writes `id` as a string.
fn locate(text: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{id}\"");
    let at = text.find(&needle)?;
    Some(line_col(text, at))
}

/// Write a graph: atomically for a file, through for a device or FIFO
/// (see [`crate::output`]).
pub fn save_atomic(graph: &CaseGraph, path: &Path) -> Result<()> {
    save(graph, &crate::output::Output::File(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_graph_is_the_same_bytes_as_its_stored_form() {
        let dir = tempfile::tempdir().unwrap();
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/sample.ron");
        let g = load(Path::new(sample)).unwrap();
        let out = dir.path().join("g.ron");
        save_atomic(&g, &out).unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, g.to_file().to_ron());
        assert_eq!(written, std::fs::read_to_string(sample).unwrap());
    }

    /// The fast writer against ron's own, on every optional field both ways,
    /// strings ron escapes, and more relations than one window of threads.
    #[test]
    fn a_graph_written_fast_is_the_bytes_ron_writes() {
        use crate::model::{Bound, DocId, EntityId, EntityKind, EntitySource, Evidence, Measure, RelationKind};
        let odd = ["it's \"quoted\" \\ here", "tab\tand\nline", "Ελλάδα Україна 日本 😀", "e\u{301}\u{200b}\u{7f}", "plain"];
        let doc = |i: usize| DocId::new(format!("d-{i:010}"));
        let ids: Vec<EntityId> =
            (0..80).map(|i| EntityId::new(if i % 2 == 0 { EntityKind::Agency } else { EntityKind::Country }, format!("a-{i}"))).collect();
        let entities: Vec<EntityRecord> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| EntityRecord {
                id: id.clone(),
                kind: id.kind,
                name: odd[(i + 1) % 5].to_string(),
                aliases: if i % 3 == 0 { vec![] } else { vec![odd[i % 5].to_string(), "b".into()] },
                country: (i % 4 == 0).then(|| "ro".to_string()),
                curated: i % 7 == 0,
                sources: (0..i % 3)
                    .map(|k| EntitySource {
                        doc: doc(k),
                        id: id.clone(),
                        name: odd[k % 5].into(),
                        aliases: vec![],
                        country: None,
                        first: k,
                        when: None,
                    })
                    .collect(),
                merged: vec![],
            })
            .collect();
        let mut relations = Vec::new();
        for (i, s) in ids.iter().enumerate() {
            for (j, t) in ids.iter().enumerate().filter(|(j, _)| *j != i) {
                let evidence = (0..1 + (i + j) % 3)
                    .map(|k| Evidence {
                        doc: doc(k),
                        start: i,
                        end: j,
                        text: odd[(i * j + k) % 5].into(),
                        count: ((i + k) % 4 == 0).then_some(7),
                        rule: ((j + k) % 3 != 0).then(|| format!("rule-{}", odd[k % 5]).into()),
                        hedged: (i + j + k) % 5 == 0,
                    })
                    .collect::<Vec<_>>();
                let documents = evidence.len();
                relations.push(RelationRecord {
                    source: s.clone(),
                    relation: RelationKind::Supported,
                    target: t.clone(),
                    count: (i % 2 == 0).then_some(3),
                    documents,
                    evidence,
                });
            }
        }
        assert!(relations.len() > 4096, "more than one window");
        let figures = (0..3)
            .map(|i| FigureRecord {
                operation: None,
                measure: Measure::Arrests,
                item: None,
                country: (i == 1).then(|| ids[1].clone()),
                doc: doc(i),
                start: 0,
                end: 4,
                value: 8,
                bound: if i == 2 { Bound::MoreThan } else { Bound::Exact },
                said: odd[i].into(),
                text: odd[i + 1].into(),
                rule: "r".into(),
                hedged: i == 0,
            })
            .collect();
        let documents = vec![DocumentRecord {
            id: doc(0),
            path: odd[0].into(),
            article: Some(2),
            title: odd[2].into(),
            source: None,
            hash: "h".into(),
            date: None,
        }];
        let g = CaseGraph::from_parts(documents, entities, relations).unwrap().with_figures(figures);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.ron");
        save_atomic(&g, &out).unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, g.to_file().to_ron());
    }

    #[test]
    fn the_cache_is_used_only_for_the_text_it_was_made_from_and_only_whole() {
        let dir = tempfile::tempdir().unwrap();
        let ron = dir.path().join("g.ron");
        let cache = dir.path().join(".g.ron.cache");
        let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/sample.ron")).unwrap();
        std::fs::write(&ron, &sample).unwrap();
        let from_ron = load_cached_from(&ron, 0).unwrap();
        let made = std::fs::read(&cache).unwrap();
        assert!(made.starts_with(b"casegraph graph cache 1.3 sha256:"), "{:?}", &made[..60]);
        // read from the cache: the same graph, and the same bytes when written again
        let from_cache = load_cached_from(&ron, 0).unwrap();
        assert_eq!(from_cache.to_file(), from_ron.to_file());
        assert_eq!(from_cache.to_file().to_ron(), sample);
        // a cache cut short, or with one bit changed anywhere past its header,
        // is passed over for the RON, and made again
        let header = made.iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut damaged: Vec<Vec<u8>> = vec![made[..made.len() - 1].to_vec(), made[..header + 10].to_vec()];
        for at in [header, header + 1, (header + made.len()) / 2, made.len() - 9, made.len() - 1] {
            let mut d = made.clone();
            d[at] ^= 0x10;
            damaged.push(d);
        }
        for d in damaged {
            std::fs::write(&cache, &d).unwrap();
            assert_eq!(load_cached_from(&ron, 0).unwrap().to_file(), from_ron.to_file());
            assert_eq!(std::fs::read(&cache).unwrap(), made, "the cache is made again");
        }
        // an edited RON file is read from RON, whatever the cache says
        let edited = sample.replacen("\"agency:europol\"", "\"agency:europol-x\"", 1);
        assert_ne!(edited, sample);
        std::fs::write(&ron, &edited).unwrap();
        std::fs::write(&cache, &made).unwrap();
        let again = load_cached_from(&ron, 0);
        assert!(again.map(|g| g.to_file() != from_ron.to_file()).unwrap_or(true));
        // and small files get no cache at all
        let small = dir.path().join("s.ron");
        std::fs::write(&small, &sample).unwrap();
        load(&small).unwrap();
        assert!(!dir.path().join(".s.ron.cache").exists());
    }
}
