//! Issue 19 point 4 through the binary, on the three releases of
//! `tests/fixtures/counts/` written for it: Europol and Eurojust report
//! Operation Northern Lantern (38 against 40 arrests, the same 30 in Poland,
//! 64 and "more than 60" victims rescued, the same 12 vehicles), and a
//! Portuguese release reports Operation Quiet Harbour (14 in its headline
//! against 12 in its text, a hedged figure, a denied one).

use super::{built, casegraph, fixture, json, stdout};

fn counts() -> (tempfile::TempDir, std::path::PathBuf) {
    built(&["counts"])
}

/// The total of `measure` (and `item`) in a row of `counts --format json`.
fn total<'a>(rows: &'a serde_json::Value, name: &str, measure: &str) -> &'a serde_json::Value {
    let row = rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("no row {name} in {rows}"));
    row["totals"].as_array().unwrap().iter().find(|t| t["measure"] == measure).unwrap_or_else(|| panic!("no {measure} for {name}: {row}"))
}

#[test]
fn a_fact_two_releases_report_counts_once() {
    let (_d, g) = counts();
    let v = json(casegraph().arg("counts").arg(&g).args(["--format", "json"]));
    // the 30 arrests in Poland are in both releases: one fact, two releases
    let poland = total(&v["countries"], "Poland", "arrests");
    assert_eq!((poland["low"].as_u64(), poland["high"].as_u64()), (Some(30), Some(30)), "{poland}");
    assert_eq!((poland["facts"].as_u64(), poland["documents"].as_u64()), (Some(1), Some(2)));
    assert_eq!(total(&v["countries"], "Lithuania", "arrests")["low"], 8);
    // 64 and "more than 60" agree: 64, once
    let rescued = total(&v["operations"], "Operation Northern Lantern", "victims-rescued");
    assert_eq!((rescued["low"].as_u64(), rescued["high"].as_u64()), (Some(64), Some(64)), "{rescued}");
    // the same 12 vehicles seized, once
    let seized = total(&v["operations"], "Operation Northern Lantern", "seizures");
    assert_eq!((seized["item"].as_str(), seized["low"].as_u64()), (Some("vehicles"), Some(12)));
    // the operation's total is its own figure, never its countries' added to it: 38 or 40, not 38 + 30 + 8
    let arrests = total(&v["operations"], "Operation Northern Lantern", "arrests");
    assert_eq!((arrests["low"].as_u64(), arrests["high"].as_u64(), arrests["conflicts"].as_u64()), (Some(38), Some(40), Some(1)));
    // overall: Northern Lantern 38-40 and Quiet Harbour 12-14
    let all = v["overall"].as_array().unwrap().iter().find(|t| t["measure"] == "arrests").unwrap();
    assert_eq!((all["low"].as_u64(), all["high"].as_u64()), (Some(50), Some(54)), "{all}");
    // an operation with only country figures sums them, and says so
    let searches = total(&v["operations"], "Operation Quiet Harbour", "searches");
    assert_eq!((searches["low"].as_u64(), searches["from_countries"].as_bool()), (Some(20), Some(true)));
    // a denied figure is no figure
    let text = std::fs::read_to_string(&g).unwrap();
    assert!(!text.contains("value: 90"), "'It is not true that 90 people were arrested' states nothing");
}

#[test]
fn counts_prints_totals_per_measure_and_an_entity_with_its_sentences() {
    let (_d, g) = counts();
    let out = stdout(casegraph().arg("counts").arg(&g));
    assert!(out.starts_with("arrests\n  operations:\n"), "{out}");
    assert!(out.contains("38-40  Operation Northern Lantern  (1 fact, 2 releases, 1 in conflict)"), "{out}");
    assert!(out.contains("30  Poland  (1 fact, 2 releases)"), "{out}");
    assert!(out.contains("seizures (vehicles)\n"), "{out}");
    let poland = stdout(casegraph().arg("counts").arg(&g).arg("Poland"));
    assert!(poland.starts_with("Poland (country:pl)\n  arrests: 30  (1 fact, 2 releases)\n"), "{poland}");
    assert!(poland.contains("lantern-europol.txt") && poland.contains("lantern-eurojust.txt"), "both sentences: {poland}");
    assert!(poland.contains("In Poland, 30 people were arrested."), "{poland}");
    // a body: the facts of the operations it is linked to
    let europol = stdout(casegraph().arg("counts").arg(&g).args(["Europol", "--measure", "victims-rescued"]));
    assert!(europol.contains("victims-rescued: 75  (2 facts, 3 releases)"), "{europol}");
    assert!(!europol.contains("  arrests:") && !europol.contains(": arrests for"), "--measure keeps only victims rescued: {europol}");
}

#[test]
fn conflicts_lists_differing_numbers_with_every_sentence_and_source() {
    let (_d, g) = counts();
    let out = stdout(casegraph().arg("conflicts").arg(&g));
    assert!(out.starts_with("Operation Northern Lantern: arrests for the whole operation: 38 against 40  (2 releases)\n"), "{out}");
    assert!(out.contains("Europol, \"Operation Northern Lantern: 38 arrests"), "{out}");
    assert!(out.contains("Eurojust, \"Eurojust backs Operation Northern Lantern"), "{out}");
    assert!(out.contains("Police arrested 38 suspects: 30 in Poland and 8 in Lithuania."), "{out}");
    assert!(out.contains("Operation Northern Lantern led to 40 arrests"), "{out}");
    // a release that gives two numbers itself only with --within
    assert!(!out.contains("Quiet Harbour"), "{out}");
    assert!(out.ends_with("1 of the 5 facts stated more than once is in conflict\n"), "{out}");
    let within = stdout(casegraph().arg("conflicts").arg(&g).arg("--within"));
    assert!(within.contains("Operation Quiet Harbour: arrests for the whole operation: 12 against 14  (within one release)"), "{within}");
    let v = json(casegraph().arg("conflicts").arg(&g).args(["--format", "json"]));
    let c = &v["conflicts"][0];
    let sources: Vec<&str> = c["statements"].as_array().unwrap().iter().map(|s| s["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["Europol", "Europol", "Eurojust"]);
    let text = std::fs::read_to_string(fixture("counts/lantern-eurojust.txt")).unwrap();
    let st = &c["statements"][2];
    let (s, e) = (st["start"].as_u64().unwrap() as usize, st["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], st["text"].as_str().unwrap(), "offsets into the release");
    // nothing in conflict: the answer is printed, exit 3
    casegraph().arg("conflicts").arg(&g).args(["--measure", "seizures"]).assert().code(3);
}

#[test]
fn figures_follow_the_graph_filter() {
    let (_d, g) = counts();
    let hedged = json(casegraph().arg("counts").arg(&g).args(["Spain", "--format", "json"]));
    assert_eq!(hedged["facts"][0]["statements"][0]["hedged"], true, "'Reportedly, 15 victims were identified in Spain'");
    casegraph().arg("counts").arg(&g).args(["Spain", "--no-hedged"]).assert().code(3);
    // Northern Lantern ran in March 2024, Quiet Harbour in May
    let may = stdout(casegraph().arg("counts").arg(&g).args(["--since", "2024-05-01"]));
    assert!(may.contains("Operation Quiet Harbour") && !may.contains("Northern Lantern"), "{may}");
    casegraph().arg("conflicts").arg(&g).args(["--since", "2024-05-01"]).assert().code(3);
}

#[test]
fn graphs_keep_figures_through_append_and_extract_lines_and_older_graphs_load() {
    let (d, g) = counts();
    let text = std::fs::read_to_string(&g).unwrap();
    assert!(text.contains("  figures: [\n"), "{text}");
    // an append gives the bytes of a build from scratch
    let inc = d.path().join("inc.ron");
    casegraph().arg("build").arg(fixture("counts/lantern-europol.txt")).arg("-o").arg(&inc).assert().success();
    casegraph()
        .arg("build")
        .arg(fixture("counts/lantern-eurojust.txt"))
        .arg(fixture("counts/quiet-harbour.txt"))
        .arg("--append")
        .arg(&inc)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&inc).unwrap(), text);
    // extract lines carry the figures
    let lines = d.path().join("c.jsonl");
    casegraph().arg("extract").arg(fixture("counts")).args(["--format", "jsonl", "-o"]).arg(&lines).assert().success();
    let merged = d.path().join("m.ron");
    casegraph().arg("build").arg("--from-extracts").arg(&lines).arg("-o").arg(&merged).assert().success();
    assert_eq!(std::fs::read_to_string(&merged).unwrap(), text);
    // a graph written before figures existed loads, with none
    let old = d.path().join("old.ron");
    let cut = text.find("  figures: [\n").unwrap();
    std::fs::write(&old, format!("{})\n", &text[..cut])).unwrap();
    let out = stdout(casegraph().arg("stats").arg(&old));
    assert!(out.starts_with("documents  3\n"), "{out}");
    casegraph().arg("counts").arg(&old).assert().code(3);
    // a damaged figure is refused with its position
    let bad = d.path().join("bad.ron");
    let first_doc = text[cut..].find("doc: \"").map(|i| cut + i).unwrap();
    std::fs::write(&bad, format!("{}doc: \"d-0000000000\"{}", &text[..first_doc], &text[first_doc + 19..])).unwrap();
    let err = casegraph().arg("stats").arg(&bad).assert().failure().get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("bad.ron:") && err.contains("figure 1: document d-0000000000 is not in the graph"), "{err}");
}

#[test]
fn figures_of_one_fact_in_one_sentence_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("raids.txt");
    std::fs::write(
        &f,
        "Raids in Spain and Romania\n\nSource: Test\n\nDuring a joint action day, police carried out five house searches in Madrid, one in Seville and six in Romania.\n",
    )
    .unwrap();
    let g = dir.path().join("g.ron");
    casegraph().arg("build").arg(&f).arg("-o").arg(&g).assert().success();
    let v = json(casegraph().arg("counts").arg(&g).args(["--format", "json"]));
    assert_eq!(total(&v["countries"], "Spain", "searches")["low"], 6, "five in Madrid and one in Seville: {v}");
    assert_eq!(total(&v["countries"], "Romania", "searches")["low"], 6);
    let op = &v["operations"][0]["totals"][0];
    assert_eq!((op["low"].as_u64(), op["from_countries"].as_bool()), (Some(12), Some(true)), "{op}");
    let spain = json(casegraph().arg("counts").arg(&g).args(["Spain", "--format", "json"]));
    assert_eq!(spain["facts"][0]["statements"][0]["stated"], "6 (5 + 1)");
}

#[test]
fn extract_lists_figures_in_its_table_and_json() {
    let path = fixture("counts/quiet-harbour.txt");
    let table = stdout(casegraph().arg("extract").arg(&path).args(["--format", "table"]));
    assert!(table.contains("  figure searches 20 in country:pt of operation:quiet-harbour: searched 20 premises\n"), "{table}");
    assert!(
        table.contains("  figure victims-identified 15 in country:es of operation:quiet-harbour (hedged): 15 victims were identified\n"),
        "{table}"
    );
    let v = json(casegraph().arg("extract").arg(&path).args(["--format", "json"]));
    let text = std::fs::read_to_string(&path).unwrap();
    let figures = v["documents"][0]["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 6, "{figures:?}");
    for f in figures {
        for span in [&f["said"], &f["evidence"]] {
            let (s, e) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], span["text"].as_str().unwrap());
        }
    }
    let seized = figures.iter().find(|f| f["measure"] == "seizures").unwrap();
    assert_eq!((seized["item"].as_str(), seized["value"].as_u64(), seized["bound"].is_null()), (Some("firearms"), Some(7), true));
}
