//! One operation across publishers (issue 19, point 2), through the binary:
//! three releases of one action day (Europol, Eurojust, the Czech police;
//! in `corpus/`) become one operation that keeps every source and sentence
//! and says why; two releases that look alike (same week, same countries
//! another month) stay apart; names written two ways join; an analyst's
//! `keep_apart` undoes a join.

use super::{casegraph, stdout};
use std::path::{Path, PathBuf};

const EUROPOL: &str = "corpus/europol-czechia-slovakia-labour-action-day.txt";
const EUROJUST: &str = "corpus/eurojust-czechia-slovakia-labour-network.txt";
const POLICE: &str = "corpus/czech-police-brno-labour-raids.txt";
const SAME_WEEK: &str = "tests/fixtures/operations/same-week-hungary-slovakia.txt";
const SAME_COUNTRIES: &str = "tests/fixtures/operations/same-countries-june.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Build from paths relative to the repository (so the graph, and what
/// `show` prints, hold the same paths on every machine).
fn build(inputs: &[&str], extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("g.ron");
    casegraph().current_dir(root()).arg("build").args(inputs).arg("-o").arg(&graph).args(extra).assert().success();
    (dir, graph)
}

fn load(g: &Path) -> casegraph::graph::CaseGraph {
    casegraph::graph::load(g).unwrap()
}

fn operations(g: &casegraph::graph::CaseGraph) -> Vec<&casegraph::model::EntityRecord> {
    g.entities().filter(|e| e.kind == casegraph::model::EntityKind::Operation).collect()
}

fn show(g: &Path, entity: &str) -> String {
    stdout(casegraph().current_dir(root()).arg("show").arg(g).arg(entity))
}

#[test]
fn three_releases_of_one_action_day_are_one_operation_that_keeps_every_source() {
    let (_d, g) = build(&[EUROPOL, EUROJUST, POLICE], &[]);
    let graph = load(&g);
    let ops = operations(&graph);
    assert_eq!(ops.len(), 1, "{:?}", ops.iter().map(|o| &o.id).collect::<Vec<_>>());
    let op = ops[0];
    assert_eq!(op.documents().len(), 3);
    assert_eq!(op.sources.len(), 3, "each release's own operation is kept as a source");
    // the id of the earliest dated release (Eurojust, 20 March; the Europol release has no date line)
    assert_eq!(op.id.to_string(), "operation:d-34f6cdf0bd-1");
    assert_eq!(op.name, "action day 2025-03-18");
    assert_eq!(op.merged.len(), 2, "three sides, two joins");
    for m in &op.merged {
        assert_eq!(m.rule, casegraph::model::MergeRule::DatesAndCountries);
        assert_eq!(m.countries, ["cz", "sk"]);
        assert_eq!(m.days.map(|d| d.to_string()).as_deref(), Some("2025-03-18"));
    }
    // no evidence lost: both counts of the arrests in Czechia stay, and disagree
    let czechia = graph
        .relations()
        .find(|r| r.source == op.id && r.relation.as_str() == "arrested-in" && r.target.to_string() == "country:cz")
        .unwrap();
    assert_eq!(czechia.documents, 2);
    assert_eq!(czechia.count, None, "31 against 29: no single count");
    let mut counts: Vec<u32> = czechia.evidence.iter().filter_map(|e| e.count).collect();
    counts.sort();
    assert_eq!(counts, [29, 31]);
    // every sentence of the three releases about the action is on the node's edges
    let docs_on_edges: std::collections::BTreeSet<_> =
        graph.relations().filter(|r| r.source == op.id || r.target == op.id).flat_map(|r| r.evidence.iter().map(|e| &e.doc)).collect();
    assert_eq!(docs_on_edges.len(), 3);
}

#[test]
fn show_explains_each_join_with_its_dates_and_sentences() {
    let (_d, g) = build(&[EUROPOL, EUROJUST, POLICE], &[]);
    let out = show(&g, "action day 2025-03-18");
    let merged: String = out.lines().skip_while(|l| !l.starts_with("  merged")).take_while(|l| !l.starts_with("  coordinated")).fold(
        String::new(),
        |mut s, l| {
            s.push_str(l);
            s.push('\n');
            s
        },
    );
    insta::with_settings!({ snapshot_path => "../snapshots/operations", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("show-merged-action-day", merged);
    });
    // any release's own name finds the joined operation
    let by_alias = show(&g, "raids (Czech police detain 31 over forced labour…)");
    assert!(
        by_alias.starts_with("query: Show(entity: \"raids (Czech police detain 31 over forced labour…)\")\naction day 2025-03-18"),
        "{by_alias}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(casegraph().arg("show").arg(&g).args(["operation:d-34f6cdf0bd-1", "--format", "json"]))).unwrap();
    assert_eq!(json["answer"], "show");
    let merged = json["merged"].as_array().cloned().unwrap_or_default();
    assert_eq!(merged.len(), 2, "{json}");
    assert_eq!(merged[0]["rule"], "dates-and-countries");
    assert_eq!(merged[0]["countries"], serde_json::json!(["Czechia", "Slovakia"]));
    assert_eq!(merged[0]["sides"][0]["evidence"][0]["country"], "Czechia");
}

#[test]
fn the_same_week_elsewhere_and_the_same_countries_another_month_stay_apart() {
    let (_d, g) = build(&[EUROPOL, EUROJUST, POLICE, SAME_WEEK, SAME_COUNTRIES], &[]);
    let graph = load(&g);
    let ops = operations(&graph);
    assert_eq!(ops.len(), 3, "{:?}", ops.iter().map(|o| (&o.id, &o.name)).collect::<Vec<_>>());
    let joined: Vec<_> = ops.iter().filter(|o| !o.merged.is_empty()).collect();
    assert_eq!(joined.len(), 1);
    assert_eq!(joined[0].documents().len(), 3);
    for o in ops.iter().filter(|o| o.merged.is_empty()) {
        assert_eq!(o.documents().len(), 1, "{} stays one release's", o.name);
    }
    // 19 March, Hungary, Serbia and Slovakia: overlaps the police's "last week" but shares one country only
    assert!(ops.iter().any(|o| o.name.starts_with("arrests (Hungarian and Slovak police")));
    // Czechia and Slovakia again, on 24 June
    assert!(ops.iter().any(|o| o.name.starts_with("action day (Czech and Slovak police free workers")));
}

#[test]
fn keep_apart_in_the_curation_file_undoes_a_join_on_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let curation = dir.path().join("curation.ron");
    casegraph()
        .args(["curate", "--file"])
        .arg(&curation)
        .args(["keep-apart", "operation:d-11bf2dbe72-1", "operation:d-34f6cdf0bd-1"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&curation).unwrap();
    assert!(text.contains("keep_apart") && text.contains("operation:d-11bf2dbe72-1"), "{text}");
    let (_d, g) = build(&[EUROPOL, EUROJUST, POLICE], &["--curation", curation.to_str().unwrap()]);
    let graph = load(&g);
    let ops = operations(&graph);
    assert_eq!(ops.len(), 2, "{:?}", ops.iter().map(|o| &o.id).collect::<Vec<_>>());
    let europol = ops.iter().find(|o| o.id.to_string() == "operation:d-11bf2dbe72-1").unwrap();
    assert!(europol.merged.is_empty() && europol.documents().len() == 1);
    // the Czech police's release still joins Eurojust's: only the pair kept apart is undone
    let rest = ops.iter().find(|o| o.id.to_string() == "operation:d-34f6cdf0bd-1").unwrap();
    assert_eq!(rest.documents().len(), 2);
    assert_eq!(rest.merged.len(), 1);
    // ids of anything but operations are refused, as is an operation kept apart from itself
    let refused = casegraph()
        .args(["curate", "--file"])
        .arg(dir.path().join("other.ron"))
        .args(["keep-apart", "agency:europol", "operation:x"])
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("keep_apart is for operations"));
    casegraph()
        .args(["curate", "--file"])
        .arg(dir.path().join("other.ron"))
        .args(["keep-apart", "operation:x", "operation:x"])
        .assert()
        .failure();
}

#[test]
fn a_keep_apart_naming_no_operation_is_reported_as_unused() {
    let dir = tempfile::tempdir().unwrap();
    let curation = dir.path().join("curation.ron");
    std::fs::write(&curation, "(keep_apart: [(a: \"operation:d-11bf2dbe72-1\", b: \"operation:nothing-like-it\")])").unwrap();
    let graph = dir.path().join("g.ron");
    let out =
        casegraph().current_dir(root()).args(["build", EUROPOL, "-o"]).arg(&graph).arg("--curation").arg(&curation).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("keep_apart operation:nothing-like-it: no such operation"), "{err}");
}

#[test]
fn names_written_two_ways_join_and_an_unnamed_release_joins_on_strong_evidence() {
    let (_d, g) = build(
        &[
            "tests/fixtures/operations/orion-europol.txt",
            "tests/fixtures/operations/orion-police.txt",
            "tests/fixtures/operations/orion-spain-unnamed.txt",
        ],
        &[],
    );
    let graph = load(&g);
    let ops = operations(&graph);
    assert_eq!(ops.len(), 1, "{:?}", ops.iter().map(|o| (&o.id, &o.name)).collect::<Vec<_>>());
    let op = ops[0];
    assert_eq!(op.documents().len(), 3);
    assert!(op.name.starts_with("Operation Orion"), "a named operation keeps its name: {}", op.name);
    let rules: Vec<&str> = op.merged.iter().map(|m| m.rule.as_str()).collect();
    assert_eq!(rules, ["same-name", "dates-and-countries"]);
    assert_eq!(op.merged[0].names, ["Operation Orion 2", "Operation Orion II"]);
    let out = show(&g, "Operation Orion II");
    assert!(out.contains("same name: Operation Orion 2 = Operation Orion II"), "{out}");
    assert!(out.contains("countries shared: France, Italy, Spain (3 of 3)"), "{out}");
}

#[test]
fn an_append_gives_the_graph_of_a_build_from_scratch_in_any_order() {
    let (_d, whole) = build(&[EUROPOL, EUROJUST, POLICE, SAME_WEEK], &[]);
    let (_e, reversed) = build(&[SAME_WEEK, POLICE, EUROJUST, EUROPOL], &[]);
    assert_eq!(std::fs::read(&whole).unwrap(), std::fs::read(&reversed).unwrap());
    let (_f, part) = build(&[POLICE, SAME_WEEK], &[]);
    casegraph().current_dir(root()).args(["build", EUROPOL, EUROJUST, "--append"]).arg(&part).assert().success();
    assert_eq!(std::fs::read_to_string(&whole).unwrap(), std::fs::read_to_string(&part).unwrap());
}

#[test]
fn a_graph_written_before_joins_were_recorded_still_loads() {
    let (_d, g) = build(&[EUROPOL, EUROJUST, POLICE], &[]);
    let text = std::fs::read_to_string(&g).unwrap();
    // drop the `merged: [...]` block, as an older casegraph wrote the node
    let mut old = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.trim_start().starts_with("merged: [") {
            skipping = true;
            continue;
        }
        if skipping {
            skipping = line.trim() != "],";
            continue;
        }
        old.push_str(line);
        old.push('\n');
    }
    assert!(!old.contains("merged") && old.len() < text.len());
    std::fs::write(&g, &old).unwrap();
    let graph = load(&g);
    assert!(operations(&graph).iter().all(|o| o.merged.is_empty()));
    stdout(casegraph().arg("show").arg(&g).arg("operation:d-34f6cdf0bd-1"));
}
