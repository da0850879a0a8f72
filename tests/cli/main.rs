//! The `casegraph` binary on small fixtures written for the purpose: each
//! test reads as an example of use and checks real content (names, triples,
//! answers), not only exit codes.

mod queries;
mod reliability;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

mod beyond;
mod conventions;
mod counts;
mod exports;
mod extracts;
mod operations;
mod report;

fn casegraph() -> Command {
    Command::cargo_bin("casegraph").expect("binary built")
}

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(p)
}

/// Build a graph from fixtures into a temp dir and return (dir, graph path).
fn built(inputs: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("g.ron");
    let mut cmd = casegraph();
    cmd.arg("build");
    for i in inputs {
        cmd.arg(fixture(i));
    }
    cmd.arg("-o").arg(&graph).assert().success().stderr(predicate::str::contains("wrote"));
    (dir, graph)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

#[test]
fn build_writes_a_versioned_sorted_ron_graph() {
    let (_d, g) = built(&["small"]);
    let text = std::fs::read_to_string(&g).unwrap();
    assert!(text.contains("format_version: 1"));
    assert!(text.contains("id: \"agency:eurojust\""));
    assert!(text.contains("id: \"country:ro\""));
    // entity ids appear in sorted order
    let entities = &text[text.find("entities: [").unwrap()..text.find("relations: [").unwrap()];
    let ids: Vec<&str> = entities.lines().filter_map(|l| l.trim().strip_prefix("id: \"")).filter_map(|l| l.split('"').next()).collect();
    assert!(ids.len() > 5);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn the_same_inputs_give_a_byte_identical_graph() {
    let (_d1, g1) = built(&["small"]);
    let (_d2, g2) = built(&["small"]);
    assert_eq!(std::fs::read(g1).unwrap(), std::fs::read(g2).unwrap());
}

#[test]
fn a_graph_loads_back_to_the_same_graph() {
    let (_d, g) = built(&["small", "resolve"]);
    let loaded = casegraph::graph::load(&g).unwrap();
    let again = loaded.to_file().to_ron();
    assert_eq!(again, std::fs::read_to_string(&g).unwrap());
    assert!(loaded.node_count() > 10 && loaded.edge_count() > 10);
}

#[test]
fn extract_json_follows_the_schema_with_exact_offsets() {
    let path = fixture("small/europol-romania-france.txt");
    let v = json(casegraph().arg("extract").arg(&path).args(["--format", "json"]));
    let doc = &v["documents"][0];
    assert!(doc["id"].as_str().unwrap().starts_with("d-"));
    assert_eq!(doc["path"].as_str().unwrap(), path.to_str().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    let ents = doc["entities"].as_array().unwrap();
    let by_id = |id: &str| ents.iter().find(|e| e["id"] == id).cloned();
    assert_eq!(by_id("agency:eurojust").unwrap()["kind"], "agency");
    assert_eq!(by_id("country:ro").unwrap()["name"], "Romania");
    for e in ents {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..t], m["text"].as_str().unwrap());
        }
    }
    let rels = doc["relations"].as_array().unwrap();
    let has = |s: &str, r: &str, t: &str| {
        rels.iter()
            .any(|x| x["source"].as_str().unwrap().starts_with(s) && x["relation"] == r && x["target"].as_str().unwrap().starts_with(t))
    };
    assert!(has("agency:eurojust", "coordinated", "operation:"), "{rels:?}");
    assert!(has("agency:europol", "supported", "operation:"));
    assert!(has("ocg:", "victims-from", "country:ro"));
    assert!(has("ocg:", "exploited-in", "country:fr"));
    let arrested_ro = rels.iter().find(|x| x["relation"] == "arrested-in" && x["target"] == "country:ro").unwrap();
    assert_eq!(arrested_ro["count"], 4);
    for r in rels {
        assert!(r["count"].is_null() || r["count"].is_u64());
        for ev in r["evidence"].as_array().unwrap() {
            let (s, t) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..t], ev["text"].as_str().unwrap());
        }
    }
}

#[test]
fn extract_table_lists_entities_and_triples() {
    let out = stdout(casegraph().arg("extract").arg(fixture("small/interpol-portugal.txt")).args(["--format", "table"]));
    assert!(out.contains("agency:interpol"), "{out}");
    assert!(out.contains("operation:blue-current"), "{out}");
    assert!(out.contains("agency:interpol -coordinated-> operation:blue-current"), "{out}");
}

#[test]
fn a_digest_file_is_split_into_its_articles() {
    let v = json(casegraph().arg("extract").arg(fixture("digest.txt")));
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_ne!(docs[0]["id"], docs[1]["id"]);
    assert!(docs[0]["entities"].as_array().unwrap().iter().any(|e| e["id"] == "agency:frontex"));
    assert!(docs[1]["entities"].as_array().unwrap().iter().any(|e| e["id"] == "agency:eurojust"));
    // offsets are into each article; `offset` places the article in the file
    let file = std::fs::read_to_string(fixture("digest.txt")).unwrap();
    assert_eq!(docs[1]["article"], 2);
    let at = docs[1]["offset"].as_u64().unwrap() as usize;
    let m = &docs[1]["entities"][0]["mentions"][0];
    let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
    assert_eq!(&file[at + s..at + e], m["text"].as_str().unwrap());
}

#[test]
fn stats_counts_documents_entities_and_relations_by_kind() {
    let (_d, g) = built(&["small"]);
    let out = stdout(casegraph().arg("stats").arg(&g));
    assert!(out.starts_with("documents  2\n"), "{out}");
    assert!(out.contains("agency") && out.contains("participated-in"), "{out}");
    let v = json(casegraph().arg("stats").arg(&g).args(["--format", "json"]));
    assert_eq!(v["documents"], 2);
    assert!(v["entities_by_kind"]["country"].as_u64().unwrap() >= 4);
}

#[test]
fn ask_which_agencies_linked_romania_and_france() {
    let (_d, g) = built(&["small"]);
    let out = stdout(casegraph().arg("ask").arg(&g).arg("which agencies linked Romania and France"));
    assert!(out.contains("Eurojust"), "{out}");
    assert!(out.contains("Europol"), "{out}");
    assert!(out.contains("to Romania: Eurojust -coordinated->"), "{out}");
    let v = json(casegraph().arg("ask").arg(&g).arg("which agencies linked Romania and France?").args(["--format", "json"]));
    assert_eq!(v["answer"], "link");
    let names: Vec<&str> = v["answers"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Eurojust") && names.contains(&"Europol"), "{names:?}");
}

#[test]
fn ask_refuses_questions_it_does_not_understand_and_lists_the_forms() {
    let (_d, g) = built(&["small"]);
    casegraph().arg("ask").arg(&g).arg("why do people traffic").assert().failure().stderr(
        predicate::str::contains("cannot answer 'why do people traffic'; closest questions understood:")
            .and(predicate::str::contains("casegraph ask --help")),
    );
}

#[test]
fn path_link_centrality_neighbors_and_show() {
    let (_d, g) = built(&["small"]);
    let out = stdout(casegraph().arg("path").arg(&g).args(["Europol", "Portugal"]));
    assert!(out.contains("Europol -supported-> ") && out.contains("<-participated-in- Portugal"), "{out}");
    let out = stdout(casegraph().arg("link").arg(&g).args(["Romania", "France", "--kind", "agency"]));
    assert!(out.contains("Eurojust"), "{out}");
    let out = stdout(casegraph().arg("centrality").arg(&g).args(["--measure", "degree", "--kind", "agency", "--top", "3"]));
    assert!(out.contains("Europol"), "{out}");
    let out = stdout(casegraph().arg("neighbors").arg(&g).args(["Operation Blue Current", "--via-relation", "victims-from"]));
    assert!(out.contains("Brazil"), "{out}");
    let out = stdout(casegraph().arg("show").arg(&g).arg("eurojust"));
    assert!(out.starts_with("query: Show(entity: \"eurojust\")\nEurojust [agency] agency:eurojust"), "{out}");
    assert!(out.contains("coordinated:") && out.contains("europol-romania-france.txt"), "{out}");
}

#[test]
fn an_unknown_entity_gets_suggestions() {
    let (_d, g) = built(&["small"]);
    casegraph()
        .arg("show")
        .arg(&g)
        .arg("Eurojst")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entity named 'Eurojst'").and(predicate::str::contains("did you mean: Eurojust")));
}

#[test]
fn query_files_run_in_order() {
    let (d, g) = built(&["small"]);
    let q1 = d.path().join("a.ron");
    std::fs::write(&q1, r#"Link(a: "Romania", b: "France", kind: "agency")"#).unwrap();
    let q2 = d.path().join("b.ron");
    std::fs::write(&q2, r#"[Path(from: "Europol", to: "Portugal"), Rank(relation: "victims-from")]"#).unwrap();
    let out = stdout(casegraph().arg("query").arg(&g).arg(&q1).arg(&q2));
    let link_at = out.find("agency linking Romania and France").unwrap();
    let path_at = out.find("path 1").unwrap();
    let rank_at = out.find("(victims-from)").unwrap();
    assert!(link_at < path_at && path_at < rank_at, "{out}");
    let bad = d.path().join("bad.ron");
    std::fs::write(&bad, "Link(a: \"Romania\",\n  b: 3)").unwrap();
    casegraph().arg("query").arg(&g).arg(&bad).assert().failure().stderr(predicate::str::contains("bad.ron:2:"));
}

#[test]
fn export_dot_parses_back_and_renders_without_warnings() {
    let (d, g) = built(&["small"]);
    let dot = d.path().join("g.dot");
    casegraph().arg("export").arg(&g).args(["--format", "dot", "-o"]).arg(&dot).assert().success();
    let text = std::fs::read_to_string(&dot).unwrap();
    let parsed = graphviz_rust::parse(&text).expect("graphviz-rust parses our DOT");
    let printed = graphviz_rust::printer::DotPrinter::print(&parsed, &mut graphviz_rust::printer::PrinterContext::default());
    assert!(printed.contains("agency:eurojust"));
    assert!(text.contains("shape=\"box\"") && text.contains(">coordinated<"), "kind shapes and a legend of relations: {text}");
    let out = std::process::Command::new("dot").arg("-Tsvg").arg(&dot).output().expect("Graphviz dot installed (.ci/test installs it)");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "dot warned: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn missing_binary_and_empty_inputs_fail_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("scan.txt");
    std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    for (p, what) in [(dir.path().join("nope.txt"), "No such file"), (bin, "binary"), (empty, "empty")] {
        let out = casegraph().arg("extract").arg(&p).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(p.file_name().unwrap().to_str().unwrap()) && err.contains(what), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn a_malformed_graph_is_refused_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("bad.ron");
    std::fs::write(&g, "(\n  format_version: 1,\n  documents: [,\n)").unwrap();
    casegraph().arg("stats").arg(&g).assert().failure().stderr(predicate::str::is_match(r"bad\.ron:3:\d+: ").unwrap());
    std::fs::write(&g, "(format_version: 99, documents: [], entities: [], relations: [])").unwrap();
    casegraph().arg("stats").arg(&g).assert().failure().stderr(predicate::str::contains("version 99"));
}

#[test]
fn hostile_names_cannot_change_dot_structure_svg_markup_csv_or_cypher() {
    // names come from text, and analysts can set any name through curation
    let dir = tempfile::tempdir().unwrap();
    let curation = dir.path().join("curation.ron");
    let evil = r#"Bureau <script>alert(1)</script> "x" \ {y} -> z; [URL="http://evil"] graph \N\G"#;
    casegraph().args(["curate", "--file"]).arg(&curation).args(["rename", "agency:europol", evil]).assert().success();
    casegraph().args(["curate", "--file"]).arg(&curation).args(["rename", "country:ro", "=HYPERLINK(\"http://evil\")"]).assert().success();
    let g = dir.path().join("h.ron");
    casegraph().arg("build").arg(fixture("hostile")).arg("-o").arg(&g).assert().success();
    assert!(std::fs::read_to_string(&g).unwrap().contains("<script>"), "the curated name is in the graph");

    let dot = dir.path().join("h.dot");
    casegraph().arg("export").arg(&g).args(["--format", "dot", "-o"]).arg(&dot).assert().success();
    let text = std::fs::read_to_string(&dot).unwrap();
    let parsed = graphviz_rust::parse(&text).expect("still one valid graph");
    let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = parsed else { panic!("digraph") };
    let debug = format!("{stmts:?}");
    assert!(!debug.contains("Plain(\"URL\")") && !debug.contains("Plain(\"href\")"), "no injected attribute");
    let nodes = stmts.iter().filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Node(_))).count();
    let loaded = casegraph::graph::load(&g).unwrap();
    assert_eq!(nodes, loaded.node_count(), "no node added by a name");

    let svg = dir.path().join("h.svg");
    casegraph().arg("export").arg(&g).args(["--format", "svg", "-o"]).arg(&svg).assert().success();
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(!svg.contains("<script"), "no markup from a label");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown as text");
    assert!(svg.contains(r"graph \N\G"), "Graphviz escapes in a name come out literally, not as the node or graph name");
    assert!(!svg.contains("http://evil\"") || !svg.contains("xlink:href=\"http://evil"), "no link from a label");

    let csv = dir.path().join("csv");
    casegraph().arg("export").arg(&g).args(["--format", "csv", "-o"]).arg(&csv).assert().success();
    let nodes_csv = std::fs::read_to_string(csv.join("nodes.csv")).unwrap();
    assert!(nodes_csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "{nodes_csv}");

    let cypher = dir.path().join("h.cypher");
    casegraph().arg("export").arg(&g).args(["--format", "cypher", "-o"]).arg(&cypher).assert().success();
    let cy = std::fs::read_to_string(&cypher).unwrap();
    let line = cy.lines().find(|l| l.contains("agency:europol")).unwrap();
    assert!(line.contains(r#"name: 'Bureau <script>alert(1)</script> "x" \\ {y} -> z; [URL="http://evil"] graph \\N\\G'"#), "{line}");
}

#[test]
fn the_same_bodies_named_differently_in_three_releases_are_one_node_each() {
    let (_d, g) = built(&["resolve"]);
    let graph = casegraph::graph::load(&g).unwrap();
    let node = |q: &str| graph.entity(casegraph::query::find(&graph, q).unwrap()).clone();
    let interpol = node("International Criminal Police Organization");
    assert_eq!(&interpol.id.to_string(), "agency:interpol");
    assert_eq!(interpol.documents().len(), 2);
    assert!(interpol.aliases.contains(&"Interpol".to_string()));
    assert_eq!(node("European Union Agency for Law Enforcement Cooperation").documents().len(), 3);
    let nbi = node("Hungarian National Bureau of Investigation");
    assert_eq!(node("National Bureau of Investigation").id, nbi.id, "with and without the country prefix");
    assert_eq!(node("Spanish").id.to_string(), "country:es");
    assert_eq!(node("Dutch").id.to_string(), "country:nl");
    let ids: Vec<String> = graph.entities().map(|e| e.id.to_string()).filter(|i| i.contains("interpol") || i.contains("europol")).collect();
    assert_eq!(ids, ["agency:europol", "agency:interpol"]);
    // the relation stated in two releases is one edge with both pieces of evidence
    let op = casegraph::query::find(&graph, "Operation Harbour Light").unwrap();
    let from_interpol = graph.incident(op).into_iter().find(|(e, o, _)| {
        *o == casegraph::query::find(&graph, "INTERPOL").unwrap() && graph.relation(*e).relation.as_str() == "coordinated"
    });
    assert!(from_interpol.is_some());
}

#[test]
fn append_equals_rebuild_and_same_content_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (fixture("resolve/a-interpol.txt"), fixture("resolve/b-icpo.txt"), fixture("resolve/c-demonyms.txt"));
    let full = dir.path().join("full.ron");
    casegraph().arg("build").args([&a, &b, &c]).arg("-o").arg(&full).assert().success();
    let inc = dir.path().join("inc.ron");
    casegraph().arg("build").args([&a, &b]).arg("-o").arg(&inc).assert().success();
    casegraph()
        .arg("build")
        .args([&b, &c])
        .arg("--append")
        .arg(&inc)
        .assert()
        .success()
        .stderr(predicate::str::contains("already in the graph").and(predicate::str::contains("1 added, 1 unchanged")));
    assert_eq!(std::fs::read_to_string(&full).unwrap(), std::fs::read_to_string(&inc).unwrap());
}

#[test]
fn a_changed_file_replaces_what_it_said_before() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("release.txt");
    std::fs::write(
        &f,
        "Action day\n\nSource: Test\n\nWith the support of Europol, authorities in Spain arrested four suspects during an action day.\n",
    )
    .unwrap();
    let g = dir.path().join("g.ron");
    casegraph().arg("build").arg(&f).arg("-o").arg(&g).assert().success();
    std::fs::write(
        &f,
        "Action day\n\nSource: Test\n\nWith the support of Eurojust, authorities in Italy arrested four suspects during an action day.\n",
    )
    .unwrap();
    casegraph().arg("build").arg(&f).arg("--append").arg(&g).assert().success().stderr(predicate::str::contains("1 replaced"));
    let fresh = dir.path().join("fresh.ron");
    casegraph().arg("build").arg(&f).arg("-o").arg(&fresh).assert().success();
    let appended = std::fs::read_to_string(&g).unwrap();
    assert!(!appended.contains("country:es") && appended.contains("country:it"));
    assert_eq!(appended, std::fs::read_to_string(&fresh).unwrap());
}

#[test]
fn curation_is_applied_on_every_build_and_survives_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("curation.ron");
    let g = dir.path().join("g.ron");
    casegraph().args(["curate", "--file"]).arg(&cur).args(["rename", "agency:europol", "Europol (EU agency)"]).assert().success();
    casegraph()
        .args(["curate", "--file"])
        .arg(&cur)
        .args(["drop-relation", "agency:europol", "supported", "operation:harbour-light"])
        .assert()
        .success();
    casegraph().args(["curate", "--file"]).arg(&cur).args(["set-country", "agency:guardia-civil", "pt"]).assert().success();
    casegraph().args(["curate", "--file"]).arg(&cur).args(["merge", "agency:interpol", "agency:guardia-civil"]).assert().success();
    let text = std::fs::read_to_string(&cur).unwrap();
    assert!(text.contains("rename") && text.contains("Europol (EU agency)"), "{text}");
    for _ in 0..2 {
        casegraph().arg("build").arg(fixture("resolve")).arg("-o").arg(&g).assert().success();
        let graph = casegraph::graph::load(&g).unwrap();
        let europol = graph.entity(casegraph::query::find(&graph, "agency:europol").unwrap());
        assert_eq!(europol.name, "Europol (EU agency)");
        assert!(europol.curated);
        assert!(!graph.relations().any(|r| &r.source.to_string() == "agency:europol"
            && &r.target.to_string() == "operation:harbour-light"
            && r.relation.as_str() == "supported"));
        assert!(graph.node(&("agency:guardia-civil").parse::<casegraph::model::EntityId>().unwrap()).is_none(), "merged into INTERPOL");
    }
}

#[test]
fn show_prints_aliases_relations_and_the_sentences_that_state_them() {
    let (_d, g) = built(&["resolve"]);
    let out = stdout(casegraph().arg("show").arg(&g).arg("interpol"));
    assert!(out.contains("aliases: International Criminal Police Organization; Interpol"), "{out}");
    assert!(out.contains("coordinated:") && out.contains("-> Operation Harbour Light"), "{out}");
    assert!(out.contains("INTERPOL-coordinated Operation Harbour Light targeted a trafficking network"), "{out}");
    assert!(out.contains("a-interpol.txt"), "{out}");
}

#[test]
fn a_user_gazetteer_adds_a_body_without_recompiling() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("r.txt");
    std::fs::write(&text, "Aurora action\n\nSource: Test\n\nDuring a joint action day, Aurora Taskgroup arrested three suspects in Norway thanks to the efforts of Europol.\n").unwrap();
    let before = stdout(casegraph().arg("extract").arg(&text).args(["--format", "table"]));
    assert!(!before.contains("agency:aurora") && !before.contains("agency:europol -supported->"), "{before}");
    let gaz = dir.path().join("mine.ron");
    std::fs::write(
        &gaz,
        r#"(agencies: [(id: "aurora", name: "Aurora Taskgroup", aliases: ["Aurora"], country: "no")],
            rules: (agent_triggers: [(phrase: "thanks to the efforts of", relation: "supported", side: after)]))"#,
    )
    .unwrap();
    let after = stdout(casegraph().arg("extract").arg(&text).arg("--gazetteer").arg(&gaz).args(["--format", "table"]));
    assert!(after.contains("agency:aurora -based-in-> country:no"), "{after}");
    assert!(after.contains("agency:europol -supported-> operation:"), "{after}");
    // a misspelt relation, field or side in a user rule is an error with its position, never a silent no-op
    for (bad, expect) in [
        (r#"(rules: (agent_triggers: [(phrase: "x", relation: "co-ordinated", side: after)]))"#, "mine.ron:1:"),
        (r#"(rules: (agent_triggers: [(phrase: "x", relation: "supported", side: afterwards)]))"#, "mine.ron:1:"),
        (r#"(rules: (agent_triggers: [(phrase: "x", relation: "supported", sid: after)]))"#, "mine.ron:1:"),
        ("(rules: (place_triggers: [\n  (phrase: \"hid in\", relation: \"based-in\")]))", "mine.ron:2:"),
    ] {
        std::fs::write(&gaz, bad).unwrap();
        let err = casegraph().arg("extract").arg(&text).arg("--gazetteer").arg(&gaz).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains(expect) && err.lines().count() == 1, "{bad}: {err}");
    }
}

#[test]
fn a_negative_release_yields_no_agency_country_or_operation() {
    let v = json(casegraph().arg("extract").arg(fixture("negative.txt")));
    let kinds: Vec<&str> = v["documents"][0]["entities"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.iter().all(|k| *k == "region"), "{kinds:?}");
    assert!(v["documents"][0]["relations"].as_array().unwrap().is_empty());
}

#[test]
fn graph_files_with_unknown_kinds_dangling_or_duplicate_ids_are_refused_with_position() {
    let (d, g) = built(&["small"]);
    let good = std::fs::read_to_string(&g).unwrap();
    let bad = d.path().join("bad.ron");
    let cases = [
        (good.replacen("kind: \"agency\"", "kind: \"person\"", 1), "unknown entity kind 'person'"),
        (good.replacen("source: \"agency:eurojust\"", "source: \"agency:nobody\"", 1), "no entity 'agency:nobody'"),
        (good.replacen("id: \"agency:europol\"", "id: \"agency:eurojust\"", 1), "duplicate entity id 'agency:eurojust'"),
        (good.replacen("relation: \"coordinated\"", "relation: \"admired\"", 1), "unknown relation 'admired'"),
    ];
    for (text, what) in cases {
        std::fs::write(&bad, text).unwrap();
        let out = casegraph().arg("stats").arg(&bad).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(what), "{err}");
        assert!(predicate::str::is_match(r"bad\.ron:\d+:\d+: ").unwrap().eval(&err), "file, line and column: {err}");
        assert_eq!(err.lines().count(), 1);
    }
}

#[test]
fn oversized_files_are_refused_before_reading_and_folders_skip_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(1 << 30).unwrap(); // a sparse 1 GiB file: refused from its size alone
    casegraph()
        .arg("extract")
        .arg(&huge)
        .assert()
        .failure()
        .stderr(predicate::str::contains("huge.txt").and(predicate::str::contains("over the limit of 67108864")));
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(fixture("small/interpol-portugal.txt"), folder.join("a.txt")).unwrap();
    std::fs::write(folder.join("b.txt"), b"\xff\xfe\x00\x00").unwrap();
    std::fs::write(folder.join("c.txt"), "").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
    let g = dir.path().join("g.ron");
    casegraph().arg("build").arg(&folder).arg("-o").arg(&g).assert().success().stderr(
        predicate::str::contains("skipped")
            .and(predicate::str::contains("b.txt"))
            .and(predicate::str::contains("symlink loop"))
            .and(predicate::str::contains("3 skipped")),
    );
    casegraph().arg("build").arg(&folder).arg("--strict").arg("-o").arg(&g).assert().failure().stderr(predicate::str::contains("b.txt"));
}

#[test]
fn killing_a_build_at_any_moment_leaves_the_previous_graph_intact() {
    let dir = tempfile::tempdir().unwrap();
    // a corpus large enough that a build takes a while
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let base = std::fs::read_to_string(fixture("small/europol-romania-france.txt")).unwrap();
    for i in 0..400 {
        std::fs::write(input.join(format!("r{i:03}.txt")), format!("{base}\nCase number {i}.\n")).unwrap();
    }
    let g = dir.path().join("g.ron");
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().success();
    let old = std::fs::read(&g).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("casegraph");
    for delay_ms in [5u64, 20, 50, 100, 200, 400, 800] {
        let mut child = std::process::Command::new(&bin)
            .arg("build")
            .arg(&input)
            .arg("-o")
            .arg(&g)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // whatever the moment, the graph on disk is a whole graph: the old one or the new one
        let now = std::fs::read(&g).unwrap();
        let loaded = casegraph::graph::load(&g).expect("a loadable graph after a kill");
        assert!(now == old || loaded.documents.len() == 400, "delay {delay_ms} ms left a different graph");
        if now != old {
            break;
        }
    }
}

#[test]
fn rendering_without_graphviz_names_the_package_to_install() {
    let (d, g) = built(&["small"]);
    let empty = d.path().join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    casegraph()
        .env("PATH", &empty)
        .arg("export")
        .arg(&g)
        .args(["--format", "svg", "-o"])
        .arg(d.path().join("x.svg"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("install the `graphviz` package"));
    assert!(!d.path().join("x.svg").exists(), "no half-written output");
}

#[test]
fn every_export_format_is_written_and_selection_narrows_the_picture() {
    let (d, g) = built(&["small", "resolve"]);
    for (fmt, name) in [("json", "g.json"), ("graphml", "g.graphml"), ("cypher", "g.cypher"), ("png", "g.png")] {
        let out = d.path().join(name);
        casegraph().arg("export").arg(&g).args(["--format", fmt, "-o"]).arg(&out).assert().success();
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{fmt}");
    }
    let png = std::fs::read(d.path().join("g.png")).unwrap();
    assert_eq!(&png[..4], b"\x89PNG");
    let around = d.path().join("around.dot");
    casegraph()
        .arg("export")
        .arg(&g)
        .args(["--format", "dot", "--around", "Portugal", "--depth", "1", "--cluster", "country", "--layout", "neato", "-o"])
        .arg(&around)
        .assert()
        .success();
    let text = std::fs::read_to_string(&around).unwrap();
    assert!(text.contains("country:pt") && !text.contains("country:hu"), "{text}");
    assert!(text.contains("cluster_") && text.contains("label=\"PT\""), "{text}");
    let top = d.path().join("top.dot");
    casegraph().arg("export").arg(&g).args(["--format", "dot", "--top", "3", "--measure", "degree", "-o"]).arg(&top).assert().success();
    let nodes = std::fs::read_to_string(&top).unwrap().lines().filter(|l| l.contains("shape=") && !l.contains("legend:")).count();
    assert!(nodes <= 3, "{nodes}");
}

#[test]
fn an_acronym_defined_in_a_later_release_resolves_its_bare_use_in_an_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    let early = dir.path().join("early.txt");
    std::fs::write(&early, "UKCA request\n\nSource: Test\n\nDuring a joint action day, the UKCA forwarded the request to Romania.\n")
        .unwrap();
    let late = dir.path().join("late.txt");
    std::fs::write(&late, "Rapid action\n\nSource: Test\n\nThe United Kingdom Central Authority (UKCA) supported the joint action day in the United Kingdom.\n").unwrap();
    let appended = dir.path().join("a.ron");
    casegraph().arg("build").arg(&early).arg("-o").arg(&appended).assert().success();
    casegraph().arg("build").arg(&late).arg("--append").arg(&appended).assert().success().stderr(predicate::str::contains("read again"));
    let scratch = dir.path().join("b.ron");
    casegraph().arg("build").arg(&early).arg(&late).arg("-o").arg(&scratch).assert().success();
    assert_eq!(std::fs::read_to_string(&appended).unwrap(), std::fs::read_to_string(&scratch).unwrap());
    let g = casegraph::graph::load(&scratch).unwrap();
    let ukca = g.entity(casegraph::query::find(&g, "UKCA").unwrap());
    assert_eq!(ukca.documents().len(), 2, "{ukca:?}");
    assert_eq!(ukca.name, "United Kingdom Central Authority");
}
