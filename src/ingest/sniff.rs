//! What kind of file is this? Every loader asks before it parses, so that
//! a file of the wrong kind is refused as such ("g.txt is not a casegraph
//! graph (it looks like plain text)") instead of with a parser's complaint
//! about its first token, and so that `curate --file` never writes over a
//! graph. Only the head of the file is looked at.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The kinds of file casegraph reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Graph,
    Curation,
    Query,
    Gazetteer,
    /// RON (or something shaped like it) whose kind the head does not tell.
    OtherRon,
    Html,
    Svg,
    PlainText,
    Binary,
    Empty,
}

impl FileKind {
    /// "a casegraph graph", "plain text"...: for "(it looks like ...)".
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Graph => "a casegraph graph",
            FileKind::Curation => "a curation file",
            FileKind::Query => "a query file",
            FileKind::Gazetteer => "a gazetteer file",
            FileKind::OtherRon => "RON of an unknown kind",
            FileKind::Html => "an HTML page",
            FileKind::Svg => "an SVG image",
            FileKind::PlainText => "plain text",
            FileKind::Binary => "a binary file",
            FileKind::Empty => "an empty file",
        }
    }

    /// Could a (possibly damaged) file of kind `want` look like this? A
    /// loader refuses only a file that is clearly something else, and lets
    /// its parser report the position of a fault in anything else.
    pub fn may_be(self, want: FileKind) -> bool {
        self == want || self == FileKind::OtherRon
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// How many bytes of the head decide.
const HEAD: usize = 8192;

/// Sniff a regular file from its first bytes. An unreadable file is
/// `Empty` (the loader that opens it next reports why), and so is anything
/// but a regular file: reading the head of a pipe would consume it. A
/// loader that reads the whole file anyway sniffs what it read with
/// [`sniff_bytes`] instead.
pub fn sniff_file(path: &Path) -> FileKind {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return FileKind::Empty;
    }
    let mut head = Vec::with_capacity(HEAD);
    match std::fs::File::open(path) {
        Ok(f) => {
            let _ = f.take(HEAD as u64).read_to_end(&mut head);
        }
        Err(_) => return FileKind::Empty,
    }
    sniff_bytes(&head)
}

/// Sniff the first bytes of a file (any cut, even inside a character).
pub fn sniff_bytes(head: &[u8]) -> FileKind {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return FileKind::PlainText;
    }
    if head.iter().take(HEAD).any(|&b| b == 0) {
        return FileKind::Binary;
    }
    // a cut inside a character at the end of the head must not matter
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        Err(_) => return FileKind::PlainText,
    };
    sniff(text)
}

/// Sniff text.
pub fn sniff(text: &str) -> FileKind {
    let body = skip_comments(text);
    if body.is_empty() {
        return if text.trim().is_empty() { FileKind::Empty } else { FileKind::OtherRon };
    }
    let lower: String = body.chars().take(64).collect::<String>().to_ascii_lowercase();
    if lower.starts_with('<') {
        if lower.starts_with("<svg") || (lower.starts_with("<?xml") && contains_ci(body, "<svg")) {
            return FileKind::Svg;
        }
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.starts_with("<head") || lower.starts_with("<body") {
            return FileKind::Html;
        }
        if lower.starts_with("<!doctype svg") {
            return FileKind::Svg;
        }
        return FileKind::PlainText;
    }
    if let Some(rest) = body.strip_prefix('(') {
        return match first_field(rest) {
            Some("format_version") | Some("documents") | Some("entities") | Some("relations") => FileKind::Graph,
            Some("merge") | Some("split") | Some("rename") | Some("set_kind") | Some("set_country") | Some("drop_relation") => {
                FileKind::Curation
            }
            Some("countries") | Some("regions") | Some("agencies") | Some("cities") | Some("rules") => FileKind::Gazetteer,
            Some(_) => FileKind::OtherRon,
            None if rest.trim_start().starts_with(')') => FileKind::OtherRon,
            None => FileKind::OtherRon,
        };
    }
    let ident: String = body.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    // no space before the parenthesis: "Europol (EU) ..." is prose, `Link(` is RON
    let after = &body[ident.len()..];
    const QUERIES: &[&str] = &["Link", "Path", "Centrality", "Neighbors", "Rank", "Show", "Ask"];
    if QUERIES.contains(&ident.as_str()) && after.starts_with('(') {
        return FileKind::Query;
    }
    if let Some(rest) = body.strip_prefix('[') {
        let inner = skip_comments(rest);
        let ident: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if QUERIES.contains(&ident.as_str()) {
            return FileKind::Query;
        }
        if inner.starts_with('(') || inner.starts_with(']') {
            return FileKind::OtherRon;
        }
        return FileKind::PlainText;
    }
    if !ident.is_empty() && after.starts_with('(') && ident.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        // `Name(` is how RON writes a named struct
        return FileKind::OtherRon;
    }
    FileKind::PlainText
}

/// The first `name:` inside a RON struct body.
fn first_field(rest: &str) -> Option<&str> {
    let rest = skip_comments(rest);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let name = &rest[..end];
    (!name.is_empty() && skip_comments(&rest[end..]).starts_with(':')).then_some(name)
}

/// Skip whitespace and RON comments (`// ...` and `/* ... */`).
fn skip_comments(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        if let Some(r) = s.strip_prefix("//") {
            s = r.find('\n').map(|i| &r[i..]).unwrap_or("");
        } else if let Some(r) = s.strip_prefix("/*") {
            s = r.find("*/").map(|i| &r[i + 2..]).unwrap_or("");
        } else {
            return s;
        }
    }
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_ascii_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_recognised_from_its_head() {
        assert_eq!(sniff("(\n  format_version: 1,\n  documents: [],"), FileKind::Graph);
        assert_eq!(sniff("// casegraph curation\n(\n    merge: [],"), FileKind::Curation);
        assert_eq!(sniff("(set_country: [(id: \"agency:x\", country: \"at\")])"), FileKind::Curation);
        assert_eq!(sniff("// q\nLink(a: \"Romania\", b: \"France\")"), FileKind::Query);
        assert_eq!(sniff("[Path(from: \"a\", to: \"b\"), Rank(relation: \"victims-from\")]"), FileKind::Query);
        assert_eq!(sniff("(agencies: [(id: \"kripos\", name: \"Kripos\")])"), FileKind::Gazetteer);
        assert_eq!(sniff("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"), FileKind::Svg);
        assert_eq!(sniff("<!DOCTYPE html><html><body>x</body></html>"), FileKind::Html);
        assert_eq!(sniff("Nine arrested in Spain\n\nSource: Europol\n"), FileKind::PlainText);
        assert_eq!(sniff("Σύλληψη εννέα υπόπτων στην Ελλάδα"), FileKind::PlainText);
        assert_eq!(sniff("  \n"), FileKind::Empty);
        assert_eq!(sniff("(\n  format_"), FileKind::OtherRon);
        assert_eq!(sniff_bytes(b"\x89PNG\r\n\x1a\n\0\0"), FileKind::Binary);
        // a head cut inside a character is still text
        assert_eq!(sniff_bytes("Ελλάδα".as_bytes().split_at(5).0), FileKind::PlainText);
    }
}
