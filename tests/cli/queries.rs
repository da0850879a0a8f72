//! The query commands through the binary: exit codes, machine-readable
//! output over several query files, names shared by several entities,
//! numbers no flag can overflow, and names that try to drive the terminal.

use super::{casegraph, stdout};
use casegraph::graph::{save_atomic, CaseGraph};
use casegraph::model::{DocId, DocumentRecord, EntityId, EntityRecord, EntitySource, Evidence, RelationKind, RelationRecord};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/sample.ron")
}

fn ent(id: &str, name: &str, aliases: &[&str]) -> EntityRecord {
    let id: EntityId = id.parse().unwrap();
    EntityRecord {
        kind: id.kind,
        id: id.clone(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        country: None,
        curated: false,
        merged: Vec::new(),
        sources: vec![EntitySource {
            doc: DocId("d-1".into()),
            id,
            name: name.into(),
            aliases: vec![],
            country: None,
            first: 0,
            when: None,
        }],
    }
}

/// Two operations both called "action day", an agency whose name carries
/// terminal escapes, and Spain with no relation at all.
fn written_graph() -> (tempfile::TempDir, PathBuf) {
    let entities = vec![
        ent("agency:eurojust", "Eurojust", &[]),
        ent("agency:evil", "Evil\u{1b}[31m Bureau\nnext line", &[]),
        ent("operation:a", "action day in Lyon", &["action day"]),
        ent("operation:b", "action day in Sofia", &["action day"]),
        ent("country:fr", "France", &[]),
        ent("country:bg", "Bulgaria", &[]),
        ent("country:es", "Spain", &[]),
    ];
    let rel = |s: &str, r, t: &str, text: &str| {
        let ev = vec![Evidence {
            doc: DocId("d-1".into()),
            start: 0,
            end: text.len(),
            text: text.into(),
            count: None,
            rule: None,
            hedged: false,
        }];
        RelationRecord { source: s.parse().unwrap(), relation: r, target: t.parse().unwrap(), count: None, documents: 1, evidence: ev }
    };
    let relations = vec![
        rel("agency:eurojust", RelationKind::Coordinated, "operation:a", "Eurojust coordinated the action day in Lyon."),
        rel("agency:eurojust", RelationKind::Supported, "operation:b", "Eurojust supported the action day in Sofia."),
        rel("agency:evil", RelationKind::Supported, "operation:a", "A bureau \u{1b}]0;owned\u{7} helped."),
        rel("country:fr", RelationKind::ParticipatedIn, "operation:a", "France took part."),
        rel("country:bg", RelationKind::ParticipatedIn, "operation:b", "Bulgaria took part."),
    ];
    let docs = vec![DocumentRecord {
        id: DocId("d-1".into()),
        path: "d.txt".into(),
        article: None,
        title: "d".into(),
        source: None,
        hash: "h".into(),
        date: None,
    }];
    let g = CaseGraph::from_parts(docs, entities, relations).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.ron");
    save_atomic(&g, &path).unwrap();
    (dir, path)
}

#[test]
fn the_readme_path_example_lists_the_shortest_paths_first() {
    let out = stdout(casegraph().arg("path").arg(sample()).args(["Europol", "Portugal", "--all", "--max-hops", "4", "--limit", "10"]));
    let lens: Vec<usize> = out
        .lines()
        .filter_map(|l| l.strip_prefix("path "))
        .map(|l| l.split(" (").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(lens.len(), 10, "{out}");
    assert_eq!(lens[0], 2, "{out}");
    assert!(lens.windows(2).all(|w| w[0] <= w[1]), "{out}");
    assert!(out.contains("note: more paths exist: raise --limit (now 10)"), "{out}");
}

#[test]
fn exit_codes_tell_an_answer_an_error_a_usage_error_and_no_result() {
    let (_d, g) = written_graph();
    casegraph().arg("path").arg(&g).args(["Eurojust", "France"]).assert().code(0);
    // no result: the answer is printed, and the code says it is empty
    casegraph()
        .arg("path")
        .arg(&g)
        .args(["Spain", "France"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("no path from Spain to France"));
    casegraph().arg("neighbors").arg(&g).arg("Spain").assert().code(3).stderr(predicate::str::is_empty());
    // an empty answer under a filter says what the filter left
    casegraph().arg("neighbors").arg(&g).args(["Eurojust", "--relation", "victims-from"]).assert().code(3).stdout(
        predicate::str::contains(
            "note: nothing found in the graph narrowed by --relation victims-from (7 entities, 0 relations left of 7 and 5)",
        ),
    );
    // an error: a name that matches nothing, with suggestions
    casegraph().arg("show").arg(&g).arg("Eurojst").assert().code(1).stderr(predicate::str::contains("did you mean: Eurojust"));
    // usage: a zero limit, a number that is no number, the same entity at both ends
    casegraph().arg("path").arg(&g).args(["Eurojust", "France", "--limit", "0"]).assert().code(2);
    casegraph().arg("link").arg(&g).args(["Eurojust", "France", "--max-hops", "two"]).assert().code(2);
    casegraph().arg("path").arg(&g).args(["France", "country:fr"]).assert().code(2).stderr(predicate::str::contains("both ends"));
}

#[test]
fn a_shared_name_lists_the_entities_and_first_takes_one() {
    let (_d, g) = written_graph();
    let out = casegraph().arg("neighbors").arg(&g).arg("Action Day").assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "casegraph: 'Action Day' names 2 entities; give one by its id (or add --first to take the first):", "{err}");
    assert!(lines[1].starts_with("  operation:a  operation  action day in Lyon  (1 document; \""), "{err}");
    assert!(lines[2].starts_with("  operation:b  operation  action day in Sofia"), "{err}");
    // an id is accepted wherever a name is
    let out = stdout(casegraph().arg("neighbors").arg(&g).arg("operation:b"));
    assert!(out.contains("Bulgaria") && !out.contains("France"), "{out}");
    let out = stdout(casegraph().arg("neighbors").arg(&g).args(["action day", "--first"]));
    assert!(out.contains("France") && out.contains("note: 'action day' names 2 entities; took operation:a"), "{out}");
    // ask says the same in words
    casegraph()
        .arg("ask")
        .arg(&g)
        .arg("who coordinated the action day")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("could mean any of 2 entities; ask again naming one by its id"));
}

#[test]
fn numbers_no_flag_can_overflow() {
    let (_d, g) = written_graph();
    let huge = (1u64 << 62).to_string();
    let out = stdout(casegraph().arg("path").arg(&g).args(["Eurojust", "Bulgaria", "--all", "--limit", &huge, "--max-hops", &huge]));
    assert!(out.contains("path 1 (2 hops)"), "{out}");
    stdout(casegraph().arg("path").arg(&g).args(["Eurojust", "Bulgaria", "--limit", "1000000000"]));
    stdout(casegraph().arg("neighbors").arg(&g).args(["Eurojust", "--depth", "99999999999999999999999", "--limit", &huge]));
    stdout(casegraph().arg("link").arg(&g).args(["France", "Bulgaria", "--max-hops", &huge, "--limit", &huge]));
    stdout(casegraph().arg("centrality").arg(&g).args(["--top", &huge]));
}

#[test]
fn names_and_sentences_cannot_drive_the_terminal() {
    let (_d, g) = written_graph();
    for args in [vec!["show", "agency:evil"], vec!["neighbors", "action day in Lyon"], vec!["ask", "who supported action day in Lyon"]] {
        let out = casegraph().arg(args[0]).arg(&g).args(&args[1..]).assert().success().get_output().stdout.clone();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("Evil\\u{1b}[31m Bureau\\u{a}next line"), "{out}");
    }
    // a question quoted back in an error is cut and escaped too
    let question = format!("\u{1b}[2J{}", "why ".repeat(30_000));
    let err = casegraph().arg("ask").arg(&g).arg(&question).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(!err.contains('\u{1b}') && err.lines().all(|l| l.chars().count() < 200), "{err}");
}

#[test]
fn query_files_print_one_json_array_or_json_lines_naming_each_file() {
    let (d, g) = written_graph();
    let q1 = d.path().join("one.ron");
    std::fs::write(&q1, r#"Path(from: "Eurojust", to: "Bulgaria")"#).unwrap();
    let q2 = d.path().join("two.ron");
    std::fs::write(&q2, r#"[Ask(question: "who took part in operation:a"), Rank(relation: "participated-in")]"#).unwrap();
    let out = stdout(casegraph().arg("query").arg(&g).arg(&q1).arg(&q2).args(["--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let answers = v.as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert!(answers[0]["file"].as_str().unwrap().ends_with("one.ron"));
    assert!(answers[2]["file"].as_str().unwrap().ends_with("two.ron"));
    assert_eq!(answers[0]["answer"], "paths");
    assert_eq!(answers[1]["question"], "who took part in operation:a");
    assert_eq!(answers[1]["query"], r#"Neighbors(entity: "operation:a", relation: "participated-in", direction: "incoming")"#);
    assert_eq!(answers[1]["found"][0]["name"], "France");
    let lines = stdout(casegraph().arg("query").arg(&g).arg(&q1).arg(&q2).args(["--format", "jsonl"]));
    let each: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(each.len(), 3);
    assert_eq!(each[2]["answer"], "rank");
    // a bad field is refused with its position, before anything is printed
    let bad = d.path().join("bad.ron");
    std::fs::write(&bad, "Path(from: \"Eurojust\",\n     to: \"Bulgaria\", relations: [])").unwrap();
    casegraph()
        .arg("query")
        .arg(&g)
        .arg(&q1)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("bad.ron:2:"));
}

#[test]
fn the_query_an_answer_starts_with_runs_again_as_a_query_file() {
    let (d, g) = written_graph();
    let asked = stdout(casegraph().arg("ask").arg(&g).arg("Which agencies linked France & Bulgaria?"));
    let query = asked.lines().find_map(|l| l.strip_prefix("query: ")).unwrap();
    assert_eq!(query, r#"Link(a: "France", b: "Bulgaria", kind: "agency")"#);
    let saved = d.path().join("saved.ron");
    std::fs::write(&saved, query).unwrap();
    let again = stdout(casegraph().arg("query").arg(&g).arg(&saved));
    let body = |s: &str| {
        s.lines().filter(|l| !l.starts_with("question:") && !l.starts_with("== ") && !l.is_empty()).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(body(&asked), body(&again));
    assert!(asked.contains("Eurojust  (1 document)") && !asked.contains("Evil"), "{asked}");
}

#[test]
fn an_all_zero_ranking_under_a_filter_says_why() {
    let out = stdout(casegraph().arg("centrality").arg(sample()).args(["--only-kind", "agency", "--measure", "betweenness"]));
    assert!(out.contains("note: every score is 0: --only-kind agency leaves"), "{out}");
    assert!(out.contains("agencies connect only through") && out.contains("operation (coordinated, supported, participated-in)"), "{out}");
    let listed = stdout(casegraph().arg("centrality").arg(sample()).args(["--kind", "agency", "--measure", "betweenness", "--top", "3"]));
    assert!(listed.contains("INTERPOL") && !listed.contains("note:"), "{listed}");
}
