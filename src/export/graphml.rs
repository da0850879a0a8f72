//! GraphML for Gephi, yEd and NetworkX. Edges have a `weight` (documents
//! that state them, or shared operations in the cooperation view), the
//! attribute Gephi takes as edge weight; nodes their document count.

use super::sorted;
use crate::graph::CaseGraph;
use crate::model::is_xml_char;
use crate::query::{membership, Community, Cooperation};
use std::fmt::Write;

/// Text for XML content and attribute values: markup escaped, characters
/// XML 1.0 forbids (NUL and other C0 controls but tab and newline, U+FFFE,
/// U+FFFF) dropped, so readers never refuse the file.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push(' '),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

fn keys(s: &mut String, keys: &[(&str, &str, &str)]) {
    for (target, name, ty) in keys {
        let _ = writeln!(s, "  <key id=\"{name}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
}

fn data(s: &mut String, key: &str, value: &str) {
    let _ = writeln!(s, "      <data key=\"{key}\">{}</data>", xml_escape(value));
}

pub fn to_graphml(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let mut s = String::from(HEAD);
    keys(
        &mut s,
        &[
            ("node", "kind", "string"),
            ("node", "name", "string"),
            ("node", "label", "string"),
            ("node", "country", "string"),
            ("node", "aliases", "string"),
            ("node", "documents", "int"),
            ("edge", "relation", "string"),
            ("edge", "weight", "double"),
            ("edge", "documents", "int"),
            ("edge", "count", "int"),
            ("edge", "evidence_count", "int"),
            ("edge", "first_sentence", "string"),
            ("edge", "first_document", "string"),
        ],
    );
    s.push_str("  <graph id=\"casegraph\" edgedefault=\"directed\">\n");
    for e in nodes {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&e.id.to_string()));
        data(&mut s, "kind", e.kind.as_str());
        data(&mut s, "name", &e.name);
        data(&mut s, "label", &e.name);
        if let Some(c) = &e.country {
            data(&mut s, "country", c);
        }
        data(&mut s, "aliases", &e.aliases.join("; "));
        data(&mut s, "documents", &e.documents().len().to_string());
        s.push_str("    </node>\n");
    }
    let titles: std::collections::HashMap<&str, &str> = g.documents.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
    for (i, r) in edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&r.source.to_string()),
            xml_escape(&r.target.to_string())
        );
        data(&mut s, "relation", r.relation.as_str());
        data(&mut s, "weight", &format!("{:.1}", r.documents as f64));
        data(&mut s, "documents", &r.documents.to_string());
        if let Some(c) = r.count {
            data(&mut s, "count", &c.to_string());
        }
        data(&mut s, "evidence_count", &r.evidence.len().to_string());
        if let Some(ev) = r.evidence.first() {
            data(&mut s, "first_sentence", &ev.text);
            data(&mut s, "first_document", titles.get(ev.doc.as_str()).copied().unwrap_or(&ev.doc.0));
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// The cooperation view: undirected, weight = shared operations.
pub fn cooperation_graphml(c: &Cooperation, communities: &[Community]) -> String {
    let member = membership(communities);
    let mut s = String::from(HEAD);
    keys(
        &mut s,
        &[
            ("node", "kind", "string"),
            ("node", "name", "string"),
            ("node", "label", "string"),
            ("node", "country", "string"),
            ("node", "operations", "int"),
            ("node", "community", "int"),
            ("edge", "weight", "double"),
            ("edge", "documents", "int"),
            ("edge", "operations", "string"),
        ],
    );
    s.push_str("  <graph id=\"casegraph-cooperation\" edgedefault=\"undirected\">\n");
    for b in &c.bodies {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&b.id.to_string()));
        data(&mut s, "kind", b.kind.as_str());
        data(&mut s, "name", &b.name);
        data(&mut s, "label", &b.name);
        if let Some(cc) = &b.country {
            data(&mut s, "country", cc);
        }
        data(&mut s, "operations", &b.operations.to_string());
        if let Some(n) = member.get(&b.id) {
            data(&mut s, "community", &n.to_string());
        }
        s.push_str("    </node>\n");
    }
    for (i, l) in c.links.iter().enumerate() {
        let _ =
            writeln!(s, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", xml_escape(&l.a.to_string()), xml_escape(&l.b.to_string()));
        data(&mut s, "weight", &format!("{:.1}", l.weight() as f64));
        data(&mut s, "documents", &l.documents.len().to_string());
        data(&mut s, "operations", &l.operations.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join("; "));
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped_and_illegal_characters_dropped() {
        assert_eq!(xml_escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
        assert_eq!(xml_escape("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}e\tf\ng"), "abcde\tf\ng");
    }
}
