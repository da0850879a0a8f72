//! A graph file written faster than ron writes it, to the same bytes.
//!
//! On 100,000 releases the file is 1.1 GB and a save took 12 s on one
//! core, most of it ron writing strings one character at a time, each
//! through `char::escape_debug` and its own `write_str`. Two changes:
//!
//! - the records of each long list (entities, relations, figures) are
//!   written by ron on their own, a window of them at a time across
//!   threads, and put in place as raw values, which ron writes as they
//!   are;
//! - evidence sentences, ids and document ids are escaped here in one
//!   pass (runs of plain ASCII copied whole, any other character through
//!   the same `char::escape_debug`).
//!
//! The bytes are the same: the store's tests compare a streamed file with
//! ron's own writing of the whole graph, and a property test compares the
//! escaping with ron's on any text.

use crate::model::{EntityId, Evidence, RelationKind, RelationRecord};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

/// The newtype name under which ron writes a raw value verbatim: what
/// `ron::value::RawValue` serialises as, without the parse that making
/// one costs.
const RAW: &str = "$ron::private::RawValue";

/// ron's layout of a graph file: structs and lists open on their own lines
/// down to `depth` levels, deeper ones on one line.
pub(super) fn layout(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().depth_limit(depth).struct_names(false).indentor("  ".to_string())
}

/// How deep the file opens its levels: the evidence of a relation, five
/// levels down, is on one line.
pub(super) const FILE_DEPTH: usize = 4;

/// How deep a record of a top-level list sits: the file, then the list.
const ITEM_LEVEL: usize = 2;

/// Records written at once across threads: enough to share out, few enough
/// that their text is a few megabytes.
const WINDOW: usize = 4096;

/// A top-level list of the file, each record written through `view`.
pub(super) struct Listed<'a, T, V> {
    pub items: Vec<&'a T>,
    pub view: fn(&'a T) -> V,
}

impl<T, V> Listed<'_, T, V> {
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a, T: Sync, V: Serialize> Serialize for Listed<'a, T, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        let indent = format!("\n{}", "  ".repeat(ITEM_LEVEL));
        for window in self.items.chunks(WINDOW) {
            let texts: Vec<ron::Result<String>> = window.par_iter().map(|item| record_text(&(self.view)(item), &indent)).collect();
            for text in texts {
                seq.serialize_element(&Raw(&text.map_err(S::Error::custom)?))?;
            }
        }
        seq.end()
    }
}

/// One record as ron writes it two levels down: written alone with the
/// levels it opens cut by two, then each line break followed by `indent`,
/// those two levels (a string never holds a line break: ron escapes it).
fn record_text<V: Serialize>(record: &V, indent: &str) -> ron::Result<String> {
    let alone = ron::ser::to_string_pretty(record, layout(FILE_DEPTH - ITEM_LEVEL))?;
    Ok(alone.replace('\n', indent))
}

/// Text ron writes as it is.
struct Raw<'a>(&'a str);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(RAW, self.0)
    }
}

/// A string ron writes as its escaped literal, made here.
struct Quoted<'a>(&'a str);

impl Serialize for Quoted<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(RAW, &quoted(self.0))
    }
}

/// An id, written as ron writes its `kind:slug` form.
struct QuotedId<'a>(&'a EntityId);

impl Serialize for QuotedId<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(self.0.slug.len() + 16);
        out.push('"');
        escape_into(self.0.kind.as_str(), &mut out);
        out.push(':');
        escape_into(&self.0.slug, &mut out);
        out.push('"');
        s.serialize_newtype_struct(RAW, &out)
    }
}

/// `text` as ron writes a string: in double quotes, each character as
/// `char::escape_debug` gives it.
pub(super) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(text, &mut out);
    out.push('"');
    out
}

fn escape_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\') {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        // `i` is at a character boundary: only whole characters are stepped over
        let c = text[i..].chars().next().unwrap_or_default();
        out.extend(c.escape_debug());
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&text[run..]);
}

/// A [`RelationRecord`] as the file stores it: the same fields, in the
/// same order, under the same conditions, with its evidence written fast.
#[derive(Serialize)]
pub(super) struct RelationView<'a> {
    source: QuotedId<'a>,
    relation: RelationKind,
    target: QuotedId<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    documents: usize,
    evidence: Vec<EvidenceView<'a>>,
}

/// An [`Evidence`] as the file stores it.
#[derive(Serialize)]
struct EvidenceView<'a> {
    doc: Quoted<'a>,
    start: usize,
    end: usize,
    text: Quoted<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<Quoted<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hedged: bool,
}

impl<'a> RelationView<'a> {
    pub(super) fn of(r: &'a RelationRecord) -> Self {
        // every field named, so a field added to the record fails to build here
        let RelationRecord { source, relation, target, count, documents, evidence } = r;
        RelationView {
            source: QuotedId(source),
            relation: *relation,
            target: QuotedId(target),
            count: *count,
            documents: *documents,
            evidence: evidence.iter().map(EvidenceView::of).collect(),
        }
    }
}

impl<'a> EvidenceView<'a> {
    fn of(e: &'a Evidence) -> Self {
        let Evidence { doc, start, end, text, count, rule, hedged } = e;
        EvidenceView {
            doc: Quoted(&doc.0),
            start: *start,
            end: *end,
            text: Quoted(text),
            count: *count,
            rule: rule.as_deref().map(Quoted),
            hedged: *hedged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_as_ron_does_where_it_differs_from_plain_text() {
        for s in [
            "",
            "plain",
            "it's \"quoted\" \\ back",
            "tab\there\nline\r",
            "\u{0}\u{7f}\u{85}",
            "Ελλάδα Україна 日本 😀",
            "e\u{301}",
            "\u{200b}\u{feff}",
        ] {
            assert_eq!(quoted(s), ron::to_string(&s).unwrap(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn escapes_any_text_as_ron_does(s in "(\\PC|[\\p{Greek}\\p{Cyrillic}\\p{Han}\\p{Emoji}\\p{Mn}\\p{Cc}\\p{Cf}'\"\\\\ ]){0,40}") {
            prop_assert_eq!(quoted(&s), ron::to_string(&s).unwrap());
        }
    }
}
