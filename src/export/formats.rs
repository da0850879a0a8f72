//! Formats other tools read: node-link JSON (NetworkX, D3), GraphML
//! (Gephi, yEd, NetworkX), CSV for bulk import into graph databases, and
//! Cypher MERGE statements.

use crate::graph::CaseGraph;
use crate::resolve::{EntityRecord, RelationRecord};
use serde_json::json;
use std::fmt::Write;

fn sorted(g: &CaseGraph) -> (Vec<&EntityRecord>, Vec<&RelationRecord>) {
    let mut nodes: Vec<&EntityRecord> = g.entities().collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut edges: Vec<&RelationRecord> = g.relations().collect();
    edges.sort_by(|a, b| (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target)));
    (nodes, edges)
}

/// NetworkX `node_link_data` shape (edges under "links"), a multigraph
/// keyed by relation: one pair can be linked by several relations.
pub fn to_node_link_json(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let nodes: Vec<_> = nodes
        .iter()
        .map(|e| json!({"id": e.id, "kind": e.kind, "name": e.name, "aliases": e.aliases, "country": e.country, "documents": e.documents().len()}))
        .collect();
    let links: Vec<_> = edges
        .iter()
        .map(|r| json!({"source": r.source, "target": r.target, "relation": r.relation, "documents": r.documents, "count": r.count, "key": r.relation}))
        .collect();
    let v = json!({"directed": true, "multigraph": true, "graph": {"name": "casegraph"}, "nodes": nodes, "links": links});
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Escape text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn to_graphml(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, target, name, ty) in [
        ("kind", "node", "kind", "string"),
        ("name", "node", "name", "string"),
        ("label", "node", "label", "string"),
        ("country", "node", "country", "string"),
        ("aliases", "node", "aliases", "string"),
        ("relation", "edge", "relation", "string"),
        ("documents", "edge", "documents", "int"),
        ("count", "edge", "count", "int"),
    ] {
        let _ = writeln!(s, "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
    s.push_str("  <graph id=\"casegraph\" edgedefault=\"directed\">\n");
    for e in nodes {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&e.id.to_string()));
        let _ = writeln!(s, "      <data key=\"kind\">{}</data>", e.kind);
        let _ = writeln!(s, "      <data key=\"name\">{}</data>", xml_escape(&e.name));
        let _ = writeln!(s, "      <data key=\"label\">{}</data>", xml_escape(&e.name));
        if let Some(c) = &e.country {
            let _ = writeln!(s, "      <data key=\"country\">{}</data>", xml_escape(c));
        }
        let _ = writeln!(s, "      <data key=\"aliases\">{}</data>", xml_escape(&e.aliases.join("; ")));
        s.push_str("    </node>\n");
    }
    for (i, r) in edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&r.source.to_string()),
            xml_escape(&r.target.to_string())
        );
        let _ = writeln!(s, "      <data key=\"relation\">{}</data>", r.relation);
        let _ = writeln!(s, "      <data key=\"documents\">{}</data>", r.documents);
        if let Some(c) = r.count {
            let _ = writeln!(s, "      <data key=\"count\">{c}</data>");
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// One CSV cell: quoted when needed, and a leading = + - @ (or tab/CR)
/// prefixed with ' so spreadsheets do not run it as a formula.
pub fn csv_cell(s: &str) -> String {
    let mut v = s.replace(['\r', '\n'], " ");
    if v.starts_with(['=', '+', '-', '@', '\t']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\'']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// nodes.csv and edges.csv, with header rows, for bulk import.
pub fn to_csv(g: &CaseGraph) -> (String, String) {
    let (nodes, edges) = sorted(g);
    let mut n = String::from("id,kind,name,country,aliases,documents\n");
    for e in nodes {
        let _ = writeln!(
            n,
            "{},{},{},{},{},{}",
            csv_cell(&e.id.to_string()),
            e.kind,
            csv_cell(&e.name),
            csv_cell(e.country.as_deref().unwrap_or("")),
            csv_cell(&e.aliases.join("; ")),
            e.documents().len()
        );
    }
    let mut m = String::from("source,target,relation,documents,count\n");
    for r in edges {
        let _ = writeln!(
            m,
            "{},{},{},{},{}",
            csv_cell(&r.source.to_string()),
            csv_cell(&r.target.to_string()),
            r.relation,
            r.documents,
            r.count.map(|c| c.to_string()).unwrap_or_default()
        );
    }
    (n, m)
}

/// A Cypher string literal: single-quoted, with backslashes and quotes
/// escaped and line breaks turned into spaces.
pub fn cypher_string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn label_of(kind: crate::model::EntityKind) -> &'static str {
    use crate::model::EntityKind::*;
    match kind {
        Agency => "Agency",
        Country => "Country",
        Operation => "Operation",
        Ocg => "Ocg",
        City => "City",
        Region => "Region",
        Crime => "Crime",
    }
}

/// MERGE statements; labels and relationship types come from the fixed
/// ontology, never from text.
pub fn to_cypher(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let mut s = String::from("// casegraph export: run in Neo4j, Memgraph or Kuzu (one statement per line)\n");
    for e in nodes {
        let _ = writeln!(
            s,
            "MERGE (n:Entity:{} {{id: {}}}) SET n.name = {}, n.kind = {}, n.country = {};",
            label_of(e.kind),
            cypher_string(&e.id.to_string()),
            cypher_string(&e.name),
            cypher_string(e.kind.as_str()),
            cypher_string(e.country.as_deref().unwrap_or(""))
        );
    }
    for r in edges {
        let _ = writeln!(
            s,
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) MERGE (a)-[r:{}]->(b) SET r.documents = {};",
            cypher_string(&r.source.to_string()),
            cypher_string(&r.target.to_string()),
            r.relation.as_str().replace('-', "_").to_uppercase(),
            r.documents
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_cannot_start_formulas_or_break_rows() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("-cmd"), "\"'-cmd\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("a,b\nc"), "\"a,b c\"");
        assert_eq!(csv_cell("Europol"), "Europol");
    }

    #[test]
    fn cypher_literals_stay_literals() {
        assert_eq!(cypher_string("O'Brien\\"), "'O\\'Brien\\\\'");
        assert_eq!(cypher_string("x'}) DETACH DELETE n //"), "'x\\'}) DETACH DELETE n //'");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml_escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }
}
