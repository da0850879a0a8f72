//! Stage 1: files and folders -> [`Document`]s.
//!
//! A document is one article: its text exactly as read (so evidence offsets
//! point into what the user has on disk), a title, and a content hash that
//! identifies it across runs. HTML is reduced to text first; a file that
//! holds several articles (a headline followed by a `Source: X` line starts
//! each) is split into one document per article.
//!
//! What offsets mean, by input: for UTF-8 text they are byte offsets into
//! the file (a byte-order mark is read as three spaces, so it shifts
//! nothing); for UTF-16 text, byte offsets into its UTF-8 decoding; for
//! HTML, byte offsets into the text the page reduces to.
//!
//! Reading is bounded by the bytes actually read: a file is read through
//! `Read::take` at the size limit, so a device or pipe that never ends is
//! refused there. Walking a folder never opens a FIFO, socket or device,
//! and follows a symlink out of the folder only when asked to.

mod html;
pub mod jsonl;
pub mod sniff;
mod split;

pub use html::{html_to_text, page, Page};
pub use sniff::{sniff, sniff_bytes, sniff_file, FileKind};
pub use split::split_articles;

use crate::error::{Error, Result};
use crate::model::DocId;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One article, ready for extraction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: DocId,
    /// The file it came from, as given on the command line.
    pub path: String,
    /// 1-based index of the article inside its file when the file held several.
    pub article: Option<usize>,
    /// Byte offset of this article inside the file's text.
    pub offset: usize,
    pub title: String,
    /// The `Source: X` line, when the article has one.
    pub source: Option<String>,
    /// The day the release was published, when its page's metadata or the
    /// user (`--date`) says; extraction prefers a date line of the text.
    pub date: Option<crate::model::Day>,
    /// SHA-256 of `text`, hex.
    pub hash: String,
    pub text: String,
}

impl Document {
    /// A document from text already in memory: the building block of
    /// [`read_inputs`] and the easy way in for tests and library users.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self::article(path.into(), None, 0, text.into())
    }

    fn article(path: String, article: Option<usize>, offset: usize, text: String) -> Self {
        let hash = hex(&Sha256::digest(text.as_bytes()));
        let id = DocId::new(format!("d-{}", &hash[..10]));
        let title = find_title(&text);
        let source = find_source(&text);
        Document { id, path, article, offset, title, source, date: None, hash, text }
    }
}

impl Document {
    /// What the graph remembers of this document.
    pub fn record(&self) -> crate::model::DocumentRecord {
        crate::model::DocumentRecord {
            id: self.id.clone(),
            path: self.path.clone(),
            article: self.article,
            title: self.title.clone(),
            source: self.source.clone(),
            hash: self.hash.clone(),
            date: self.date,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What to accept while reading.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Files larger than this are refused: from their size before they are
    /// read, or when reading gets past it (devices, pipes).
    pub max_file_size: u64,
    /// Turn every skipped file into an error.
    pub strict: bool,
    /// Follow symlinks that point out of the folder being read.
    pub follow: bool,
    /// The publication day of documents that state none (`--date`).
    pub date: Option<crate::model::Day>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_file_size: 64 * 1024 * 1024, strict: false, follow: false, date: None }
    }
}

/// A file left out of a folder build, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The documents read, plus what was skipped and what was read with a warning.
#[derive(Clone, Debug, Default)]
pub struct Ingested {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    /// Symlinks out of an input folder that were followed (`--follow`).
    pub links_followed: usize,
    /// Symlinks out of an input folder left alone (also in `skipped`).
    pub links_skipped: usize,
    /// Files in the input folders left alone for their extension (images,
    /// PDFs...): counted so a summary can say the folder held more.
    pub other_extensions: usize,
}

/// Extensions read when walking a folder. Files named explicitly are read
/// whatever their extension.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// Read files and folders (recursively, in sorted order) into documents.
///
/// A file named explicitly that cannot be used is an error. Inside a folder,
/// such a file is skipped and reported in [`Ingested::skipped`], unless
/// `opts.strict` is set. Documents with the same content hash are kept once.
pub fn read_inputs(paths: &[PathBuf], opts: &IngestOptions) -> Result<Ingested> {
    let listing = list_inputs(paths, opts)?;
    let total = listing.files.len();
    let mut out = Ingested {
        skipped: listing.skipped,
        links_followed: listing.links_followed,
        links_skipped: listing.links_skipped,
        other_extensions: listing.other_extensions,
        ..Default::default()
    };
    let mut hashes = BTreeSet::new();
    // files are read (decoded, split, hashed) across threads, then taken in
    // listing order, so warnings, skips, the first error and which copy of
    // a repeated text is kept are as one reader would have them
    let read: Vec<_> = listing
        .files
        .par_iter()
        .map(|file| {
            let (mut warnings, mut skipped) = (Vec::new(), Vec::new());
            let docs = file.read(opts, &mut warnings, &mut skipped);
            (docs, warnings, skipped)
        })
        .collect();
    for (file, (docs, warnings, skipped)) in listing.files.iter().zip(read) {
        out.warnings.extend(warnings);
        out.skipped.extend(skipped);
        for doc in docs? {
            if hashes.insert(doc.hash.clone()) {
                out.documents.push(doc);
            } else {
                out.warnings.push(format!("{}: same text as a document already read, kept once", file.path.display()));
            }
        }
    }
    if out.documents.is_empty() {
        return Err(nothing_readable(paths, total, &out.skipped));
    }
    Ok(out)
}

/// The error for inputs that gave no document at all.
pub fn nothing_readable(paths: &[PathBuf], total: usize, skipped: &[Skipped]) -> Error {
    let first = skipped.first().map(|s| format!("; first: {}: {}", s.path.display(), s.reason)).unwrap_or_default();
    let where_ = paths.first().map(|p| p.display().to_string()).unwrap_or_default();
    Error::input(where_, format!("no readable document among {total} file(s), all skipped{first}"))
}

/// The files some inputs name, in reading order, not yet read: a stream
/// over many documents walks this and holds one file at a time.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub files: Vec<ListedFile>,
    pub skipped: Vec<Skipped>,
    pub links_followed: usize,
    pub links_skipped: usize,
    /// Files in the folders whose extension is not one read.
    pub other_extensions: usize,
}

/// One file to read, and whether it was named on the command line (then a
/// file that cannot be used is an error, not a skip).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedFile {
    pub path: PathBuf,
    pub explicit: bool,
}

impl ListedFile {
    /// Read the file into its documents. A file that cannot be used is an
    /// error when named or under `strict`, else it joins `skipped`.
    pub fn read(&self, opts: &IngestOptions, warnings: &mut Vec<String>, skipped: &mut Vec<Skipped>) -> Result<Vec<Document>> {
        match read_file(&self.path, opts) {
            Ok(file) => {
                if let Some(w) = &file.warning {
                    warnings.push(w.clone());
                }
                Ok(dated(documents_of(&self.path, &file), file.date.or(opts.date)))
            }
            Err(e) if self.explicit || opts.strict => Err(e),
            Err(e) => {
                skipped.push(Skipped { path: self.path.clone(), reason: skip_reason(&e) });
                Ok(Vec::new())
            }
        }
    }
}

/// The documents of one file, given the day it was published.
pub(crate) fn dated(mut docs: Vec<Document>, date: Option<crate::model::Day>) -> Vec<Document> {
    for d in &mut docs {
        d.date = date;
    }
    docs
}

/// Walk the inputs (folders recursively, in sorted order) without reading a file.
pub fn list_inputs(paths: &[PathBuf], opts: &IngestOptions) -> Result<Listing> {
    let mut out = Ingested::default();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let root = std::fs::canonicalize(p).map_err(|e| Error::io(p, e))?;
            let mut walker = Walker { root, opts, seen: BTreeSet::new(), files: &mut files, out: &mut out };
            let before = walker.files.len();
            walker.walk(p)?;
            if files.len() == before {
                return Err(Error::input(p, "folder holds no .txt, .md or .html file"));
            }
        } else {
            files.push((p.clone(), true));
        }
    }
    Ok(Listing {
        files: files.into_iter().map(|(path, explicit)| ListedFile { path, explicit }).collect(),
        skipped: out.skipped,
        links_followed: out.links_followed,
        links_skipped: out.links_skipped,
        other_extensions: out.other_extensions,
    })
}

fn skip_reason(e: &Error) -> String {
    match e {
        Error::Input { reason, .. } => reason.clone(),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// One walk of an input folder.
struct Walker<'a> {
    /// The folder given, resolved: symlinks leading out of it need `--follow`.
    root: PathBuf,
    opts: &'a IngestOptions,
    /// Folders already walked (resolved), to stop at symlink loops.
    seen: BTreeSet<PathBuf>,
    files: &'a mut Vec<(PathBuf, bool)>,
    out: &'a mut Ingested,
}

impl Walker<'_> {
    fn skip(&mut self, path: PathBuf, reason: impl Into<String>) {
        self.out.skipped.push(Skipped { path, reason: reason.into() });
    }

    fn walk(&mut self, dir: &Path) -> Result<()> {
        let canon = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
        if !self.seen.insert(canon) {
            self.skip(dir.to_path_buf(), "symlink loop: folder already visited");
            return Ok(());
        }
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let is_link = std::fs::symlink_metadata(&path).map(|m| m.file_type().is_symlink()).unwrap_or(false);
            if is_link {
                match std::fs::canonicalize(&path) {
                    Ok(target) if !target.starts_with(&self.root) => {
                        if !self.opts.follow {
                            self.out.links_skipped += 1;
                            self.skip(
                                path,
                                format!("symlink to {} outside the input folder, not followed (--follow reads it)", target.display()),
                            );
                            continue;
                        }
                        self.out.links_followed += 1;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.skip(path, format!("broken symlink ({e})"));
                        continue;
                    }
                }
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.walk(&path)?,
                Ok(m) if m.is_file() => {
                    let ext = path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
                    if ext.is_some_and(|e| TEXT_EXTENSIONS.contains(&e.as_str())) {
                        self.files.push((path, false));
                    } else {
                        self.out.other_extensions += 1;
                    }
                }
                Ok(m) => {
                    let what = special_kind(&m.file_type());
                    self.skip(path, format!("{what}, not a regular file: not read"));
                }
                Err(e) => self.skip(path, e.to_string()),
            }
        }
        Ok(())
    }
}

/// Name a file type that is neither a file nor a folder.
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    let _ = ft;
    "a special file"
}

/// A file read as text, with its headline when the file said which it is
/// (an HTML page's `<h1>` or `<title>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileText {
    pub text: String,
    pub title: Option<String>,
    /// Set when the file had to be decoded lossily.
    pub warning: Option<String>,
    /// The publication day an HTML page's metadata gives.
    pub date: Option<crate::model::Day>,
}

/// Read one file as text, refusing what is not text.
pub fn read_file(path: &Path, opts: &IngestOptions) -> Result<FileText> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a folder, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_socket() {
            return Err(Error::input(path, "is a socket, not a file"));
        }
    }
    let limit = opts.max_file_size;
    if meta.is_file() && meta.len() > limit {
        return Err(Error::input(path, format!("file is {} bytes, over the limit of {limit} (raise it with --max-file-size)", meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::input(path, format!("over the limit of {limit} bytes (stopped reading there; raise it with --max-file-size)")));
    }
    file_from_bytes(path, bytes)
}

/// A file's bytes, however they arrived (from disk, or inside a JSON line
/// of a distributed job), read as text exactly as [`read_file`] reads them:
/// `path` decides HTML by its extension and names the file in errors.
pub fn file_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<FileText> {
    let (text, warning) = decode(path, bytes)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
    let (text, title, date) = if matches!(ext.as_deref(), Some("html") | Some("htm")) || sniff(&text) == FileKind::Html {
        let p = page(&text);
        (p.text, p.title, p.date)
    } else {
        (text, None, None)
    };
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty file: no text to read"));
    }
    if !text.chars().any(|c| c.is_alphabetic()) {
        return Err(Error::input(path, "no words in the file"));
    }
    if text.lines().map(str::trim).filter(|l| !l.is_empty()).all(is_clutter_line) {
        return Err(Error::input(path, "only web page clutter (cookie notices, share and comment links), no article text"));
    }
    Ok(FileText { text, title, warning, date })
}

/// Bytes -> text. A UTF-8 byte-order mark becomes three spaces, so byte
/// offsets into the text stay byte offsets into the file; UTF-16 with a
/// byte-order mark is decoded (offsets are then into the UTF-8 text);
/// anything else is UTF-8, decoded with replacement characters if it must be.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Option<String>)> {
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(enc) = utf16 {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        let warning =
            had_errors.then(|| format!("{}: invalid {} sequence, decoded with replacement characters", path.display(), enc.name()));
        return Ok((text.into_owned(), warning));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::input(path, "binary file (contains NUL bytes), not text"));
    }
    let (mut text, warning) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let t = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (t, Some(format!("{}: invalid UTF-8 at byte {at}, decoded with replacement characters", path.display())))
        }
    };
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "   ");
    }
    Ok((text, warning))
}

/// Split a file's text into its articles and make a document of each.
pub fn documents_of(path: &Path, file: &FileText) -> Vec<Document> {
    let text = &file.text;
    let parts = split_articles(text);
    let display = path.to_string_lossy().into_owned();
    if parts.len() <= 1 {
        let mut doc = Document::article(display, None, 0, text.to_string());
        if let Some(t) = &file.title {
            doc.title = shorten(t);
        }
        return vec![doc];
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| Document::article(display.clone(), Some(i + 1), start, text[start..end].to_string()))
        .collect()
}

/// First line that reads like a headline: skips blank lines, web clutter
/// and short fragments such as logos or dates.
fn find_title(text: &str) -> String {
    let mut fallback = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || is_clutter_line(line) || line.to_ascii_lowercase().starts_with("source:") {
            continue;
        }
        if fallback.is_none() {
            fallback = Some(line);
        }
        if line.split_whitespace().count() >= 4 {
            return shorten(line);
        }
    }
    fallback.map(shorten).unwrap_or_default()
}

fn shorten(line: &str) -> String {
    if line.chars().count() <= 160 {
        return line.to_string();
    }
    let cut: String = line.chars().take(157).collect();
    format!("{}...", cut.trim_end())
}

fn find_source(text: &str) -> Option<String> {
    text.lines().map(str::trim).find_map(|l| {
        let lower = l.to_ascii_lowercase();
        lower.starts_with("source:").then(|| l[7..].trim().to_string()).filter(|s| !s.is_empty())
    })
}

/// Lines scrapers bring along that are never part of an article.
pub fn is_clutter_line(line: &str) -> bool {
    let l = line.to_lowercase();
    const MARKERS: &[&str] = &[
        "cookie",
        "skip to content",
        "leave a reply",
        "post a comment",
        "no comments",
        "share this",
        "share:",
        "subscribe",
        "newsletter",
        "all rights reserved",
        "privacy policy",
        "related articles",
        "photo credit",
        "read more",
        "logo",
    ];
    MARKERS.iter().any(|m| l.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_gets_title_source_and_stable_id() {
        let d = Document::new("a.txt", "Eight arrested in Belgium\n\nSource: Eurojust\n\nText.");
        assert_eq!(d.title, "Eight arrested in Belgium");
        assert_eq!(d.source.as_deref(), Some("Eurojust"));
        assert_eq!(d.id, Document::new("b.txt", d.text.clone()).id);
        assert!(d.id.0.starts_with("d-") && d.id.0.len() == 12);
    }

    #[test]
    fn title_skips_cookie_banners() {
        let d = Document::new("a.txt", "Our website uses cookies to improve it.\n\nJoint action against trafficking networks in Europe\n");
        assert_eq!(d.title, "Joint action against trafficking networks in Europe");
    }

    #[test]
    fn binary_empty_and_oversized_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("x.txt");
        std::fs::write(&bin, b"abc\0def").unwrap();
        let e = read_file(&bin, &IngestOptions::default()).unwrap_err().to_string();
        assert!(e.contains("x.txt") && e.contains("binary"), "{e}");
        let empty = dir.path().join("e.txt");
        std::fs::write(&empty, "  \n").unwrap();
        assert!(read_file(&empty, &IngestOptions::default()).unwrap_err().to_string().contains("empty"));
        let big = dir.path().join("b.txt");
        std::fs::write(&big, "word ".repeat(100)).unwrap();
        let opts = IngestOptions { max_file_size: 10, ..Default::default() };
        assert!(read_file(&big, &opts).unwrap_err().to_string().contains("over the limit"));
    }

    #[test]
    fn a_page_of_only_clutter_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("page.html");
        std::fs::write(&p, "<html><body><p>We use cookies on this site.</p><p>Share this page</p><p>Leave a Reply</p></body></html>")
            .unwrap();
        let e = read_file(&p, &IngestOptions::default()).unwrap_err().to_string();
        assert!(e.contains("page.html") && e.contains("clutter"), "{e}");
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("latin1.txt");
        std::fs::write(&p, b"Polic\xeda Nacional arrested two").unwrap();
        let file = read_file(&p, &IngestOptions::default()).unwrap();
        assert!(file.text.contains("Nacional"));
        assert!(file.warning.unwrap().contains("invalid UTF-8 at byte 5"));
    }

    #[test]
    fn folders_are_read_sorted_and_bad_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "Second release about Europol\n").unwrap();
        std::fs::write(dir.path().join("a.txt"), "First release about Eurojust\n").unwrap();
        std::fs::write(dir.path().join("c.txt"), b"\0\0\0").unwrap();
        std::fs::write(dir.path().join("ignored.json"), "{}").unwrap();
        let got = read_inputs(&[dir.path().to_path_buf()], &IngestOptions::default()).unwrap();
        let titles: Vec<_> = got.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["First release about Eurojust", "Second release about Europol"]);
        assert_eq!(got.skipped.len(), 1);
        let strict = IngestOptions { strict: true, ..Default::default() };
        assert!(read_inputs(&[dir.path().to_path_buf()], &strict).is_err());
    }
}
