//! A parsed copy of a large graph file, kept beside it as `.<name>.cache`.
//!
//! RON stays the file users read, diff and edit; parsing a million
//! relations of it takes tens of seconds, so graphs from 16 MB on get this
//! copy in a compact binary form, which reads in a fraction of that. It is
//! used only while the RON file holds exactly the text it was made from
//! (its header names the SHA-256 of that text), and only if it is whole:
//! a checksum over everything after the header ends it, so a truncated or
//! damaged cache is passed over for the RON (and remade), never read as a
//! different graph. It is written like every output, to a temporary then
//! renamed (see [`crate::output`]), so a reader never sees half of one.
//!
//! The encoding is written out here rather than taken from a serde binary
//! format: the records skip empty fields when serialised (for the RON's
//! sake), which formats without field names cannot read back, and the few
//! record types are quick to lay out by hand. Every number is
//! little-endian; a string is its length (u32) and its UTF-8 bytes; a list
//! is its length (u32) and its items; an `Option` is a byte 0 or 1 and the
//! value. The records that are few or mostly absent (an operation's joins,
//! the figures) travel as one JSON string each, so they need no layout of
//! their own here.

use super::store::GraphFile;
use super::{CaseGraph, Version, FORMAT_VERSION};
use crate::model::{
    Day, DocId, DocumentRecord, EntityId, EntityKind, EntityRecord, EntitySource, Evidence, RelationKind, RelationRecord, When,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bump on any change to the encoding: a cache of another layout then
/// fails its header and is remade.
const LAYOUT: u32 = 3;

/// Bytes the writer gathers before handing them to the output stream.
const CHUNK: usize = 1 << 20;

/// Bytes the reader takes from the file at a time. A few dozen under test,
/// so that every test graph is read across many windows.
const WINDOW: usize = if cfg!(test) { 61 } else { 1 << 20 };

pub(super) struct Cache {
    path: PathBuf,
    header: String,
}

impl Cache {
    /// The cache of `graph`, whose text has the SHA-256 `hash`.
    pub(super) fn beside(graph: &Path, hash: &[u8]) -> Option<Cache> {
        let name = graph.file_name()?.to_string_lossy();
        let path = graph.with_file_name(format!(".{name}.cache"));
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        Some(Cache { path, header: format!("casegraph graph cache {FORMAT_VERSION}.{LAYOUT} sha256:{hex}\n") })
    }

    /// The graph, if the cache is there, whole, and made from this very
    /// text. Anything else is `None`: the RON is read.
    pub(super) fn read(&self) -> Option<CaseGraph> {
        use std::io::Read;
        let mut f = std::fs::File::open(&self.path).ok()?;
        let len = f.metadata().ok()?.len();
        let mut header = vec![0u8; self.header.len()];
        f.read_exact(&mut header).ok()?;
        if header != self.header.as_bytes() {
            return None;
        }
        let body = len.checked_sub(self.header.len() as u64 + 8)?;
        // read as it is decoded, and thrown away unless the checksum at the
        // end says the body was whole
        let file = decode(&mut f, body)?;
        // the invariants were checked when the graph was read from RON, but a
        // cache is a file like any other: check them again rather than trust it
        super::store::from_file(file).ok()
    }

    /// Best effort: a graph that cannot have a cache is read from RON each time.
    pub(super) fn write(&self, graph: &CaseGraph) {
        let _ = self.try_write(graph);
    }

    fn try_write(&self, graph: &CaseGraph) -> crate::error::Result<()> {
        let mut stream = crate::output::Output::File(self.path.clone()).stream()?;
        let mut w = Writer { buf: Vec::with_capacity(CHUNK), sum: Checksum::default() };
        stream.write(self.header.as_bytes())?;
        let flush = |w: &mut Writer, stream: &mut crate::output::Stream| -> crate::error::Result<()> {
            w.sum.add(&w.buf);
            stream.write(&w.buf)?;
            w.buf.clear();
            Ok(())
        };
        w.len(graph.documents.len());
        for d in &graph.documents {
            w.document(d);
        }
        w.len(graph.node_count());
        for e in graph.entities() {
            w.entity(e);
            if w.buf.len() >= CHUNK {
                flush(&mut w, &mut stream)?;
            }
        }
        w.len(graph.edge_count());
        for r in graph.relations() {
            w.relation(r);
            if w.buf.len() >= CHUNK {
                flush(&mut w, &mut stream)?;
            }
        }
        let figures = serde_json::to_string(&graph.figures)
            .map_err(|e| crate::error::Error::Graph { path: self.path.clone(), reason: e.to_string() })?;
        w.str(&figures);
        flush(&mut w, &mut stream)?;
        stream.write(&w.sum.finish().to_le_bytes())?;
        stream.finish()
    }
}

/// A 64-bit checksum over 8-byte words: it tells a damaged or cut cache
/// from a whole one at several GB/s (a SHA-256 of the half-gigabyte body
/// would cost a second of every load). It guards against accidents, not
/// against someone forging a cache.
#[derive(Default)]
struct Checksum {
    h: u64,
    /// Bytes of an unfinished word, carried from one chunk to the next.
    tail: Vec<u8>,
    len: u64,
}

impl Checksum {
    fn word(h: u64, w: u64) -> u64 {
        (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
    }

    fn add(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.tail.is_empty() {
            let take = (8 - self.tail.len()).min(bytes.len());
            self.tail.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.tail.len() < 8 {
                return;
            }
            let w = u64::from_le_bytes(self.tail[..8].try_into().unwrap_or_default());
            self.h = Self::word(self.h, w);
            self.tail.clear();
        }
        let mut words = bytes.chunks_exact(8);
        for c in &mut words {
            self.h = Self::word(self.h, u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        self.tail.extend_from_slice(words.remainder());
    }

    fn finish(mut self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.tail.len()].copy_from_slice(&self.tail);
        self.h = Self::word(self.h, u64::from_le_bytes(last));
        Self::word(self.h, self.len)
    }
}

#[cfg(test)]
fn checksum(bytes: &[u8]) -> u64 {
    let mut c = Checksum::default();
    c.add(bytes);
    c.finish()
}

struct Writer {
    buf: Vec<u8>,
    sum: Checksum,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, v: usize) {
        // lists and strings past 4 GB do not occur; saturating makes the cache unreadable, not wrong
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }
    fn usize(&mut self, v: usize) {
        self.buf.extend_from_slice(&(v as u64).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
    fn opt<T>(&mut self, v: Option<T>, f: impl FnOnce(&mut Self, T)) {
        match v {
            None => self.u8(0),
            Some(x) => {
                self.u8(1);
                f(self, x);
            }
        }
    }
    fn id(&mut self, id: &EntityId) {
        self.u8(EntityKind::ALL.iter().position(|k| *k == id.kind).unwrap_or(usize::MAX) as u8);
        self.str(&id.slug);
    }
    fn day(&mut self, d: Day) {
        self.buf.extend_from_slice(&d.year.to_le_bytes());
        self.u8(d.month);
        self.u8(d.day);
    }
    fn document(&mut self, d: &DocumentRecord) {
        self.str(&d.id.0);
        self.str(&d.path);
        self.opt(d.article, Self::usize);
        self.str(&d.title);
        self.opt(d.source.as_deref(), Self::str);
        self.str(&d.hash);
        self.opt(d.date, Self::day);
    }
    fn entity(&mut self, e: &EntityRecord) {
        self.id(&e.id);
        self.u8(EntityKind::ALL.iter().position(|k| *k == e.kind).unwrap_or(usize::MAX) as u8);
        self.str(&e.name);
        self.strs(&e.aliases);
        self.opt(e.country.as_deref(), Self::str);
        self.u8(u8::from(e.curated));
        self.len(e.sources.len());
        for s in &e.sources {
            self.str(&s.doc.0);
            self.id(&s.id);
            self.str(&s.name);
            self.strs(&s.aliases);
            self.opt(s.country.as_deref(), Self::str);
            self.usize(s.first);
            self.opt(s.when.as_ref(), |w, x| {
                w.day(x.from);
                w.day(x.to);
                w.str(&x.said);
                w.usize(x.start);
                w.usize(x.end);
            });
        }
        let merged = if e.merged.is_empty() { None } else { serde_json::to_string(&e.merged).ok() };
        self.opt(merged.as_deref(), Self::str);
    }
    fn relation(&mut self, r: &RelationRecord) {
        self.id(&r.source);
        self.u8(RelationKind::ALL.iter().position(|k| *k == r.relation).unwrap_or(usize::MAX) as u8);
        self.id(&r.target);
        self.opt(r.count, Self::u32);
        self.usize(r.documents);
        self.len(r.evidence.len());
        for e in &r.evidence {
            self.str(&e.doc.0);
            self.usize(e.start);
            self.usize(e.end);
            self.str(&e.text);
            self.opt(e.count, Self::u32);
            self.opt(e.rule.as_deref(), Self::str);
            self.u8(u8::from(e.hedged));
        }
    }
}

/// Reads what [`Writer`] wrote, a window at a time from the file, summing
/// the bytes as they come; `None` at the first thing out of place. Read
/// whole first, the 100,000-release graph's cache was a gigabyte of fresh
/// memory, and on this machine the kernel's zeroing of fresh pages was
/// most of the load.
struct Reader<R> {
    from: R,
    /// Bytes read from the file and not yet taken start at `at`.
    window: Vec<u8>,
    at: usize,
    /// Bytes of the body still in the file.
    left: u64,
    sum: Checksum,
}

impl<R: std::io::Read> Reader<R> {
    fn new(from: R, body: u64) -> Self {
        Reader { from, window: Vec::new(), at: 0, left: body, sum: Checksum::default() }
    }
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.window.len() - self.at < n {
            self.fill(n)?;
        }
        let taken = self.window.get(self.at..self.at + n)?;
        self.at += n;
        Some(taken)
    }
    /// Have at least `n` bytes in the window (or fail: the body is shorter).
    fn fill(&mut self, n: usize) -> Option<()> {
        self.window.drain(..self.at);
        self.at = 0;
        let have = self.window.len();
        let want = (WINDOW.max(n) - have) as u64;
        let more = usize::try_from(want.min(self.left)).ok()?;
        self.window.resize(have + more, 0);
        self.from.read_exact(&mut self.window[have..]).ok()?;
        self.sum.add(&self.window[have..]);
        self.left -= more as u64;
        (self.window.len() >= n).then_some(())
    }
    /// Bytes of the body not yet taken.
    fn remaining(&self) -> u64 {
        (self.window.len() - self.at) as u64 + self.left
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    /// A list's length, which cannot be more than the bytes left.
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n as u64 <= self.remaining()).then_some(n)
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }
    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        Some(std::str::from_utf8(self.take(n)?).ok()?.to_owned())
    }
    /// A string read straight into its shared form: made as a `String`
    /// first, each was copied again and freed, and on a large graph that
    /// churn of freed pages cost more system time than the whole read.
    fn shared(&mut self) -> Option<Arc<str>> {
        let n = self.len()?;
        Some(Arc::from(std::str::from_utf8(self.take(n)?).ok()?))
    }
    fn doc(&mut self) -> Option<DocId> {
        self.shared().map(DocId)
    }
    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.string()).collect()
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(f(self)?)),
            _ => None,
        }
    }
    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn kind(&mut self) -> Option<EntityKind> {
        EntityKind::ALL.get(self.u8()? as usize).copied()
    }
    fn id(&mut self) -> Option<EntityId> {
        let kind = self.kind()?;
        Some(EntityId::new(kind, self.shared()?))
    }
    fn day(&mut self) -> Option<Day> {
        let year = u16::from_le_bytes(self.take(2)?.try_into().ok()?);
        Some(Day { year, month: self.u8()?, day: self.u8()? })
    }
    fn document(&mut self) -> Option<DocumentRecord> {
        Some(DocumentRecord {
            id: self.doc()?,
            path: self.string()?,
            article: self.opt(Self::usize)?,
            title: self.string()?,
            source: self.opt(Self::string)?,
            hash: self.string()?,
            date: self.opt(Self::day)?,
        })
    }
    fn source(&mut self) -> Option<EntitySource> {
        Some(EntitySource {
            doc: self.doc()?,
            id: self.id()?,
            name: self.string()?,
            aliases: self.strings()?,
            country: self.opt(Self::string)?,
            first: self.usize()?,
            when: self
                .opt(|r| Some(Box::new(When { from: r.day()?, to: r.day()?, said: r.string()?, start: r.usize()?, end: r.usize()? })))?,
        })
    }
    fn entity(&mut self) -> Option<EntityRecord> {
        Some(EntityRecord {
            id: self.id()?,
            kind: self.kind()?,
            name: self.string()?,
            aliases: self.strings()?,
            country: self.opt(Self::string)?,
            curated: self.bool()?,
            sources: {
                let n = self.len()?;
                (0..n).map(|_| self.source()).collect::<Option<_>>()?
            },
            merged: match self.opt(Self::string)? {
                Some(json) => serde_json::from_str(&json).ok()?,
                None => Vec::new(),
            },
        })
    }
    fn evidence(&mut self) -> Option<Evidence> {
        Some(Evidence {
            doc: self.doc()?,
            start: self.usize()?,
            end: self.usize()?,
            text: self.shared()?,
            count: self.opt(Self::u32)?,
            rule: self.opt(Self::shared)?,
            hedged: self.bool()?,
        })
    }
    fn relation(&mut self) -> Option<RelationRecord> {
        Some(RelationRecord {
            source: self.id()?,
            relation: RelationKind::ALL.get(self.u8()? as usize).copied()?,
            target: self.id()?,
            count: self.opt(Self::u32)?,
            documents: self.usize()?,
            evidence: {
                let n = self.len()?;
                (0..n).map(|_| self.evidence()).collect::<Option<_>>()?
            },
        })
    }
}

/// The graph file the body holds, and whether the body was whole (its
/// checksum, the 8 bytes after it, matches).
fn decode(from: impl std::io::Read, body: u64) -> Option<GraphFile> {
    let mut r = Reader::new(from, body);
    let n = r.len()?;
    let documents = (0..n).map(|_| r.document()).collect::<Option<Vec<_>>>()?;
    let n = r.len()?;
    let entities = (0..n).map(|_| r.entity()).collect::<Option<Vec<_>>>()?;
    let n = r.len()?;
    let relations = (0..n).map(|_| r.relation()).collect::<Option<Vec<_>>>()?;
    let figures = serde_json::from_str(&r.string()?).ok()?;
    if r.remaining() != 0 {
        return None;
    }
    let mut sum = [0u8; 8];
    r.from.read_exact(&mut sum).ok()?;
    (r.sum.finish().to_le_bytes() == sum).then_some(GraphFile {
        format_version: Version(FORMAT_VERSION),
        documents,
        entities,
        relations,
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read straight from the cache (no RON to fall back on), across many
    /// windows of the reader: the graph it was made from, or nothing.
    #[test]
    fn a_cache_reads_back_as_the_graph_it_was_made_from() {
        let sample = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/sample.ron"));
        let g = crate::graph::load(sample).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::beside(&dir.path().join("g.ron"), &[7; 32]).unwrap();
        cache.write(&g);
        let made = std::fs::read(&cache.path).unwrap();
        assert!(made.len() > 100 * WINDOW, "{} bytes: too few windows", made.len());
        assert_eq!(cache.read().expect("the cache reads back").to_file(), g.to_file());
        for cut in [made.len() - 1, made.len() - 8, made.len() / 2, cache.header.len() + 3] {
            std::fs::write(&cache.path, &made[..cut]).unwrap();
            assert!(cache.read().is_none(), "a cache cut at {cut} of {} bytes was read", made.len());
        }
        let mut flipped = made.clone();
        flipped[made.len() / 3] ^= 0x01;
        std::fs::write(&cache.path, &flipped).unwrap();
        assert!(cache.read().is_none(), "a cache with a bit changed was read");
    }

    #[test]
    fn the_checksum_does_not_depend_on_how_the_bytes_are_cut() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = checksum(&bytes);
        for cut in [1, 3, 8, 13, 500, 999] {
            let mut c = Checksum::default();
            for part in bytes.chunks(cut) {
                c.add(part);
            }
            assert_eq!(c.finish(), whole, "in pieces of {cut}");
        }
        assert_ne!(checksum(&bytes[..999]), whole);
        let mut flipped = bytes.clone();
        flipped[500] ^= 1;
        assert_ne!(checksum(&flipped), whole);
    }
}
