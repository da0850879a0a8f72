//! CSV for bulk import: nodes.csv, edges.csv and evidence.csv (one row per
//! sentence, keyed by the relation's source, relation and target). The
//! plain dialect has one header name per column (Kùzu `COPY FROM`, pandas,
//! spreadsheets); the `neo4j` dialect writes neo4j-admin import headers
//! (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed properties).

use super::sorted;
use crate::graph::CaseGraph;
use crate::query::{membership, Community, Cooperation};
use std::collections::HashMap;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvDialect {
    #[default]
    Plain,
    Neo4j,
}

/// The files of a CSV export, by name, in the order they are written.
pub type CsvFiles = Vec<(&'static str, String)>;

/// One CSV cell: quoted when needed; a leading = + - @ (or tab/CR)
/// prefixed with ' so spreadsheets do not run it as a formula; line breaks
/// become spaces and other control characters (NUL, ESC...) are written
/// escaped (`\u{1b}`), never raw.
pub fn csv_cell(s: &str) -> String {
    let mut v = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' => v.push(' '),
            '\t' => v.push('\t'),
            c if c.is_control() => v.push_str(&c.escape_unicode().to_string()),
            c => v.push(c),
        }
    }
    if v.starts_with(['=', '+', '-', '@', '\t']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\'', ';']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// The relationship type of a relation in Neo4j and Kùzu (`PARTICIPATED_IN`).
pub fn rel_type(r: crate::model::RelationKind) -> String {
    r.as_str().replace('-', "_").to_uppercase()
}

pub fn to_csv(g: &CaseGraph, dialect: CsvDialect) -> CsvFiles {
    let (nodes, edges) = sorted(g);
    let neo = dialect == CsvDialect::Neo4j;
    let mut n = String::from(if neo {
        "id:ID,kind,name,country,aliases:string[],documents:int,:LABEL\n"
    } else {
        "id,kind,name,country,aliases,documents\n"
    });
    for e in nodes {
        // neo4j-admin splits arrays on ';', so an alias cannot hold one
        let aliases: Vec<String> = e.aliases.iter().map(|a| if neo { a.replace(';', ",") } else { a.clone() }).collect();
        let _ = write!(
            n,
            "{},{},{},{},{},{}",
            csv_cell(&e.id.to_string()),
            e.kind,
            csv_cell(&e.name),
            csv_cell(e.country.as_deref().unwrap_or("")),
            csv_cell(&aliases.join(if neo { ";" } else { "; " })),
            e.documents().len()
        );
        n.push_str(if neo { ",Entity\n" } else { "\n" });
    }
    let mut m = String::from(if neo {
        ":START_ID,:END_ID,:TYPE,documents:int,count:int,evidence_count:int,first_sentence\n"
    } else {
        "source,target,relation,documents,count,evidence_count,first_sentence\n"
    });
    let titles: HashMap<&str, (&str, &str)> = g.documents.iter().map(|d| (d.id.as_str(), (d.title.as_str(), d.path.as_str()))).collect();
    let mut ev = String::from("source,relation,target,doc,title,path,start,end,sentence\n");
    for r in edges {
        let _ = writeln!(
            m,
            "{},{},{},{},{},{},{}",
            csv_cell(&r.source.to_string()),
            csv_cell(&r.target.to_string()),
            if neo { rel_type(r.relation) } else { r.relation.to_string() },
            r.documents,
            r.count.map(|c| c.to_string()).unwrap_or_default(),
            r.evidence.len(),
            csv_cell(r.evidence.first().map(|e| &*e.text).unwrap_or(""))
        );
        for e in &r.evidence {
            let (title, path) = titles.get(e.doc.as_str()).copied().unwrap_or(("", ""));
            let _ = writeln!(
                ev,
                "{},{},{},{},{},{},{},{},{}",
                csv_cell(&r.source.to_string()),
                r.relation,
                csv_cell(&r.target.to_string()),
                csv_cell(&e.doc.0),
                csv_cell(title),
                csv_cell(path),
                e.start,
                e.end,
                csv_cell(&e.text)
            );
        }
    }
    vec![("nodes.csv", n), ("edges.csv", m), ("evidence.csv", ev)]
}

/// The cooperation view: bodies and weighted links (no evidence file: each
/// link lists the operations, whose evidence is in the full export).
pub fn cooperation_csv(c: &Cooperation, communities: &[Community], dialect: CsvDialect) -> CsvFiles {
    let member = membership(communities);
    let neo = dialect == CsvDialect::Neo4j;
    let mut n = String::from(if neo {
        "id:ID,kind,name,country,operations:int,community:int,:LABEL\n"
    } else {
        "id,kind,name,country,operations,community\n"
    });
    for b in &c.bodies {
        let _ = write!(
            n,
            "{},{},{},{},{},{}",
            csv_cell(&b.id.to_string()),
            b.kind,
            csv_cell(&b.name),
            csv_cell(b.country.as_deref().unwrap_or("")),
            b.operations,
            member.get(&b.id).map(|x| x.to_string()).unwrap_or_default()
        );
        n.push_str(if neo { ",Entity\n" } else { "\n" });
    }
    let mut m = String::from(if neo {
        ":START_ID,:END_ID,:TYPE,weight:double,documents:int,operations:string[]\n"
    } else {
        "source,target,weight,documents,operations\n"
    });
    for l in &c.links {
        let ops: Vec<String> = l.operations.iter().map(|o| if neo { o.id.to_string() } else { o.name.clone() }).collect();
        let _ = writeln!(
            m,
            "{},{},{}{},{},{}",
            csv_cell(&l.a.to_string()),
            csv_cell(&l.b.to_string()),
            if neo { "COOPERATED_WITH," } else { "" },
            l.weight(),
            l.documents.len(),
            csv_cell(&ops.join(if neo { ";" } else { "; " }))
        );
    }
    vec![("nodes.csv", n), ("edges.csv", m)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_cannot_start_formulas_break_rows_or_carry_raw_controls() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("-cmd"), "\"'-cmd\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("a,b\nc"), "\"a,b c\"");
        assert_eq!(csv_cell("a\u{0}b\u{1b}[31m"), "a\\u{0}b\\u{1b}[31m");
        assert_eq!(csv_cell("Europol"), "Europol");
    }
}
