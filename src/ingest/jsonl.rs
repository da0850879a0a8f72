//! Documents arriving as JSON lines (`extract --stdin-jsonl`): a job that
//! spreads files over machines hands each worker `{"path": ..., "text":
//! ...}` lines instead of a folder. A line may carry the file's raw bytes
//! as `"base64"` instead of `"text"`, so that UTF-16, byte-order marks and
//! invalid UTF-8 are decoded here exactly as from disk: the same file gives
//! the same documents, hence the same graph, whichever way it came in.

use super::{documents_of, file_from_bytes, Document, IngestOptions};
use base64::Engine;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    path: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    base64: Option<String>,
}

/// What one input line gave: its documents, and a warning when the file
/// had to be decoded lossily.
#[derive(Clone, Debug, Default)]
pub struct LineDocuments {
    pub documents: Vec<Document>,
    pub warning: Option<String>,
}

/// Read one line into the documents of the file it carries. The error is a
/// reason without the line number (the caller knows where it is reading).
pub fn documents_of_line(line: &[u8], opts: &IngestOptions) -> Result<LineDocuments, String> {
    let line: Line = serde_json::from_slice(line).map_err(|e| format!("not a document line ({e})"))?;
    let bytes = match (line.text, line.base64) {
        (Some(t), None) => t.into_bytes(),
        (None, Some(b)) => {
            base64::engine::general_purpose::STANDARD.decode(b.trim()).map_err(|e| format!("{}: bad base64 ({e})", line.path))?
        }
        (Some(_), Some(_)) => return Err(format!("{}: both \"text\" and \"base64\"; give one", line.path)),
        (None, None) => return Err(format!("{}: no \"text\" nor \"base64\"", line.path)),
    };
    if line.path.is_empty() {
        return Err("empty \"path\"".into());
    }
    let limit = opts.max_file_size;
    if bytes.len() as u64 > limit {
        return Err(format!("{}: {} bytes, over the limit of {limit} (raise it with --max-file-size)", line.path, bytes.len()));
    }
    let path = Path::new(&line.path);
    let file = file_from_bytes(path, bytes).map_err(|e| e.to_string())?;
    Ok(LineDocuments { documents: super::dated(documents_of(path, &file), file.date.or(opts.date)), warning: file.warning })
}

/// Documents from a stream of lines, one line at a time, so a worker
/// holds one file's text, not its whole share.
pub struct JsonlReader<R> {
    reader: R,
    /// Number of the last line read (1-based).
    line: usize,
    buf: Vec<u8>,
    /// How to name the stream in warnings.
    name: String,
}

impl<R: std::io::BufRead> JsonlReader<R> {
    pub fn new(reader: R, name: impl Into<String>) -> Self {
        JsonlReader { reader, line: 0, buf: Vec::new(), name: name.into() }
    }

    /// The documents of the next line, `None` at the end. A line that
    /// cannot be used (not JSON, no text, not a release) becomes a warning
    /// naming its number and gives no document; only a failing read of the
    /// stream itself is an error.
    pub fn next_line(&mut self, opts: &IngestOptions, warnings: &mut Vec<String>) -> crate::error::Result<Option<Vec<Document>>> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf).map_err(|e| crate::error::Error::io(&self.name, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if self.buf.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some(Vec::new()));
        }
        match documents_of_line(&self.buf, opts) {
            Ok(got) => {
                warnings.extend(got.warning);
                Ok(Some(got.documents))
            }
            Err(why) => {
                warnings.push(format!("{}, line {}: {why}; line skipped", self.name, self.line));
                Ok(Some(Vec::new()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_base64_lines_give_what_the_file_gives() {
        let opts = IngestOptions::default();
        let text = "\u{feff}Europol supported Operation X\n\nEuropol supported the Romanian police.";
        let a = documents_of_line(serde_json::json!({"path": "a.txt", "text": text}).to_string().as_bytes(), &opts).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        let b = documents_of_line(serde_json::json!({"path": "a.txt", "base64": b64}).to_string().as_bytes(), &opts).unwrap();
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.documents, documents_of(Path::new("a.txt"), &file_from_bytes(Path::new("a.txt"), text.as_bytes().to_vec()).unwrap()));
        // the byte-order mark became spaces, as from disk
        assert!(a.documents[0].text.starts_with("   Europol"));
    }

    #[test]
    fn bad_lines_say_why() {
        let opts = IngestOptions::default();
        for (line, why) in [
            ("{", "not a document line"),
            (r#"{"path": "a.txt"}"#, "no \"text\""),
            (r#"{"path": "a.txt", "text": "x", "base64": "eA=="}"#, "both"),
            (r#"{"path": "a.txt", "base64": "!!"}"#, "bad base64"),
            (r#"{"path": "a.txt", "text": "   "}"#, "empty file"),
            (r#"{"path": "", "text": "Europol"}"#, "empty \"path\""),
            (r#"{"path": "a.txt", "txt": "Europol"}"#, "unknown field"),
        ] {
            let err = documents_of_line(line.as_bytes(), &opts).unwrap_err();
            assert!(err.contains(why), "{line}: {err}");
        }
        let small = IngestOptions { max_file_size: 3, ..Default::default() };
        assert!(documents_of_line(br#"{"path": "a.txt", "text": "Europol"}"#, &small).unwrap_err().contains("over the limit"));
    }

    #[test]
    fn a_bad_line_is_named_by_its_number_and_the_stream_goes_on() {
        let input: &[u8] = b"{\"path\": \"a.txt\", \"text\": \"Europol supported the Romanian police.\"}\nnot json\n\n\xff\n{\"path\": \"b.txt\", \"text\": \"Frontex deployed officers to Greece.\"}";
        let mut r = JsonlReader::new(input, "standard input");
        let (mut docs, mut warnings) = (Vec::new(), Vec::new());
        while let Some(d) = r.next_line(&IngestOptions::default(), &mut warnings).unwrap() {
            docs.extend(d);
        }
        assert_eq!(docs.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(), ["a.txt", "b.txt"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("standard input, line 2: not a document line"), "{warnings:?}");
        assert!(warnings[1].starts_with("standard input, line 4: "), "{warnings:?}");
    }
}
