//! Cypher: a Neo4j script (`--format cypher`) and a Kùzu script
//! (`--format kuzu`). Both load the same data with the same statements,
//! `UNWIND` batches of literal rows that `MERGE` one `:Entity` node per
//! entity (its kind a property) and one relationship per relation, typed by
//! the relation (`:COORDINATED`...). They differ only in what comes first:
//! Neo4j needs a uniqueness constraint, Kùzu a schema (node and
//! relationship tables). Labels and types come from the fixed ontology,
//! never from text; every text value is an escaped literal.

use super::csv::rel_type;
use super::sorted;
use crate::graph::CaseGraph;
use crate::model::{EntityRecord, RelationKind, RelationRecord};
use std::collections::HashMap;
use std::fmt::Write;

/// Rows per `UNWIND` statement: large enough to load fast, small enough
/// for any server's statement size limit.
const BATCH: usize = 200;

/// A Cypher string literal: single-quoted, backslashes and quotes escaped,
/// control characters written as `\uXXXX` escapes (never raw).
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

fn opt_string(s: Option<&str>) -> String {
    s.map(cypher_string).unwrap_or_else(|| "NULL".into())
}

fn node_row(e: &EntityRecord) -> String {
    format!(
        "{{id: {}, kind: {}, name: {}, country: {}, aliases: {}, documents: {}}}",
        cypher_string(&e.id.to_string()),
        cypher_string(e.kind.as_str()),
        cypher_string(&e.name),
        opt_string(e.country.as_deref()),
        cypher_string(&e.aliases.join("; ")),
        e.documents().len()
    )
}

/// A relation as a row literal. `count` is left out rather than NULL
/// when no number was stated: Kùzu types a NULL in a literal as STRING,
/// so rows with and without a count go in separate batches.
fn edge_row(r: &RelationRecord, titles: &HashMap<&str, &str>) -> String {
    let first = r.evidence.first();
    let count = r.count.map(|c| format!(", count: {c}")).unwrap_or_default();
    format!(
        "{{source: {}, target: {}, documents: {}{count}, evidence_count: {}, first_sentence: {}, first_document: {}}}",
        cypher_string(&r.source.to_string()),
        cypher_string(&r.target.to_string()),
        r.documents,
        r.evidence.len(),
        opt_string(first.map(|e| &*e.text)),
        opt_string(first.map(|e| titles.get(e.doc.as_str()).copied().unwrap_or(e.doc.as_str())))
    )
}

/// The data statements shared by both scripts, one per line.
fn data_statements(g: &CaseGraph) -> String {
    let (nodes, edges) = sorted(g);
    let mut s = String::new();
    for chunk in nodes.chunks(BATCH) {
        let rows: Vec<String> = chunk.iter().map(|e| node_row(e)).collect();
        let _ = writeln!(
            s,
            "UNWIND [{}] AS row MERGE (n:Entity {{id: row.id}}) SET n.kind = row.kind, n.name = row.name, n.country = row.country, n.aliases = row.aliases, n.documents = row.documents;",
            rows.join(", ")
        );
    }
    let titles: HashMap<&str, &str> = g.documents.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
    for kind in RelationKind::ALL {
        for counted in [true, false] {
            let of_kind: Vec<&&RelationRecord> = edges.iter().filter(|r| r.relation == kind && r.count.is_some() == counted).collect();
            let set_count = if counted { "r.count = row.count, " } else { "" };
            for chunk in of_kind.chunks(BATCH) {
                let rows: Vec<String> = chunk.iter().map(|r| edge_row(r, &titles)).collect();
                let _ = writeln!(
                    s,
                    "UNWIND [{}] AS row MATCH (a:Entity {{id: row.source}}), (b:Entity {{id: row.target}}) MERGE (a)-[r:{}]->(b) SET r.documents = row.documents, {set_count}r.evidence_count = row.evidence_count, r.first_sentence = row.first_sentence, r.first_document = row.first_document;",
                    rows.join(", "),
                    rel_type(kind)
                );
            }
        }
    }
    s
}

/// A Neo4j 5 script: the uniqueness constraint, then the data.
pub fn to_cypher(g: &CaseGraph) -> String {
    let mut s = format!(
        "// casegraph export: {} entities, {} relations, as Cypher for Neo4j 5 (cypher-shell -f FILE).\n\
         // Tested: every statement after the constraint runs unchanged in Kùzu 0.11, once the schema\n\
         // of `casegraph export --format kuzu` exists (casegraph's CI). Not run in Neo4j itself: the\n\
         // constraint line is Neo4j 5 syntax that Kùzu does not have.\n",
        g.node_count(),
        g.edge_count()
    );
    s.push_str("CREATE CONSTRAINT casegraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n");
    s.push_str(&data_statements(g));
    s
}

/// A Kùzu script for a fresh database: node and relationship tables, then
/// the data.
pub fn to_kuzu(g: &CaseGraph) -> String {
    let mut s = format!(
        "// casegraph export: {} entities, {} relations, as a Kùzu script for a fresh database.\n\
         // Tested: the whole file runs unchanged in Kùzu 0.11 (casegraph's CI).\n",
        g.node_count(),
        g.edge_count()
    );
    s.push_str("CREATE NODE TABLE Entity(id STRING, kind STRING, name STRING, country STRING, aliases STRING, documents INT64, PRIMARY KEY(id));\n");
    for kind in RelationKind::ALL {
        let _ = writeln!(
            s,
            "CREATE REL TABLE {}(FROM Entity TO Entity, documents INT64, count INT64, evidence_count INT64, first_sentence STRING, first_document STRING);",
            rel_type(kind)
        );
    }
    s.push_str(&data_statements(g));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cypher_literals_stay_literals() {
        assert_eq!(cypher_string("O'Brien\\"), "'O\\'Brien\\\\'");
        assert_eq!(cypher_string("x'}) DETACH DELETE n //"), "'x\\'}) DETACH DELETE n //'");
        assert_eq!(cypher_string("a\u{0}b\nc"), "'a b c'");
    }
}
