//! Issue 19 through the binary, on fixtures written for it: what a release
//! denies is not in the graph, what it hedges is flagged in `show` and left
//! out by `--no-hedged`.

use super::{built, casegraph, stdout};

#[test]
fn denied_statements_give_no_edge_and_hedged_ones_are_flagged() {
    let (_d, g) = built(&["polarity/moldova-network-denials.txt"]);
    let germany = stdout(casegraph().arg("show").arg(&g).arg("Germany"));
    assert!(!germany.contains("arrested-in"), "no arrests were made in Germany:\n{germany}");
    let austria = stdout(casegraph().arg("show").arg(&g).arg("Austria"));
    assert!(!austria.contains("participated-in"), "Austria did not take part:\n{austria}");
    let nl = stdout(casegraph().arg("show").arg(&g).arg("Netherlands"));
    assert!(nl.contains("exploited-in") && nl.contains("hedged: reported, not asserted"), "{nl}");
    let be = stdout(casegraph().arg("show").arg(&g).arg("Belgium"));
    assert!(be.contains("exploited-in") && !be.contains("hedged"), "Belgium is asserted:\n{be}");
}

#[test]
fn no_hedged_leaves_out_what_only_a_hedge_states() {
    let (_d, g) = built(&["polarity/moldova-network-denials.txt"]);
    let all = stdout(casegraph().args(["neighbors"]).arg(&g).args(["Netherlands", "--via-relation", "exploited-in", "--format", "json"]));
    // nothing found: exit 3 (see conventions), with the filter named in a note
    let out = casegraph()
        .args(["neighbors"])
        .arg(&g)
        .args(["Netherlands", "--via-relation", "exploited-in", "--no-hedged", "--format", "json"])
        .assert()
        .code(3);
    let asserted = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(asserted.contains("--no-hedged"), "{asserted}");
    assert!(all.contains("\"ocg:"), "the hedged exploitation is an edge by default:\n{all}");
    assert!(!asserted.contains("\"ocg:"), "--no-hedged leaves it out:\n{asserted}");
    let be = stdout(casegraph().args(["neighbors"]).arg(&g).args([
        "Belgium",
        "--via-relation",
        "exploited-in",
        "--no-hedged",
        "--format",
        "json",
    ]));
    assert!(be.contains("\"ocg:"), "an asserted one stays:\n{be}");
    let dot = stdout(casegraph().arg("export").arg(&g).args(["--format", "dot", "--no-hedged", "-o", "-"]));
    let full = stdout(casegraph().arg("export").arg(&g).args(["--format", "dot", "-o", "-"]));
    assert!(dot.matches("exploited-in").count() < full.matches("exploited-in").count(), "export drops the hedged edge");
}

/// The four dated fixtures in one graph, `--date` giving the undated one its year.
fn dated() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("g.ron");
    casegraph().arg("build").arg(super::fixture("dates")).args(["--date", "2021-08-01", "-o"]).arg(&graph).assert().success();
    (dir, graph)
}

#[test]
fn timeline_lists_operations_in_date_order_with_countries_and_agencies() {
    let (_d, g) = dated();
    let out = stdout(casegraph().arg("timeline").arg(&g));
    let days: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).filter_map(|l| l.split("  ").next()).collect();
    // the undated release takes --date's year; "4 and 8 December" is the December before its January release;
    // "last week" is the week before the page's metadata date
    assert_eq!(days, ["2021-07-03", "2023-07-03", "2023-12-04 to 2023-12-08", "2024-03-08 to 2024-03-14"], "{out}");
    assert!(out.contains("countries: Austria, Hungary") && out.contains("agencies:  Europol"), "{out}");
    let hu = stdout(casegraph().arg("timeline").arg(&g).args(["Hungary", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&hu).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 1, "{hu}");
    assert_eq!(v["rows"][0]["said"][0], "4 and 8 December");
}

#[test]
fn since_and_until_narrow_queries_exports_and_the_timeline() {
    let (_d, g) = dated();
    let out = stdout(casegraph().arg("timeline").arg(&g).args(["--since", "2023-01-01", "--until", "2023-12-31"]));
    assert!(out.starts_with("2023-07-03") && out.contains("2023-12-04") && !out.contains("2021-") && !out.contains("2024-03"), "{out}");
    // the Italian action day (2021) is gone from a query narrowed to 2023 and on
    casegraph()
        .arg("neighbors")
        .arg(&g)
        .args(["Italy", "--since", "2023-01-01"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not in the graph once filtered by --since 2023-01-01"));
    assert!(stdout(casegraph().arg("neighbors").arg(&g).arg("Italy")).contains("operation"));
    let json = stdout(casegraph().arg("export").arg(&g).args(["--format", "json", "--until", "2022-12-31", "-o", "-"]));
    assert!(json.contains("\"country:it\"") && !json.contains("\"country:be\""), "only the 2021 action is left");
    casegraph().arg("timeline").arg(&g).args(["--since", "2030-01-01"]).assert().code(3);
    casegraph().arg("timeline").arg(&g).args(["--since", "2023-02-30"]).assert().failure().stderr(predicates::str::contains("YYYY-MM-DD"));
}

#[test]
fn routes_list_corridors_with_their_cases_and_documents() {
    let (_d, g) = built(&["routes"]);
    let out = stdout(casegraph().arg("routes").arg(&g));
    for line in [
        "Romania -> Austria  (1 case, 1 document)",
        "Austria -> France  (1 case, 1 document)",
        "Romania -> France  (1 case, 1 document)",
        "Nigeria -> Italy  (1 case, 1 document)",
        "Italy -> Spain  (1 case, 1 document)",
    ] {
        assert!(out.contains(line), "{line}:\n{out}");
    }
    assert!(out.contains(": Romania -> Austria -> France") && out.contains(": Nigeria -> Italy -> Spain"), "{out}");
    // transit is its own relation, never exploitation
    let at = stdout(casegraph().arg("show").arg(&g).arg("Austria"));
    assert!(at.contains("transited") && !at.contains("exploited-in"), "{at}");
    let from = stdout(casegraph().arg("routes").arg(&g).args(["--from", "Romania", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&from).unwrap();
    let pairs: Vec<String> = v["corridors"].as_array().unwrap().iter().map(|c| format!("{}>{}", c["from"], c["to"])).collect();
    assert_eq!(pairs, ["\"country:ro\">\"country:at\"", "\"country:ro\">\"country:fr\""]);
    let to = stdout(casegraph().arg("routes").arg(&g).args(["--to", "Spain"]));
    assert!(to.contains("Italy -> Spain") && !to.contains("Romania"), "{to}");
    casegraph().arg("routes").arg(&g).args(["--from", "Europol"]).assert().failure().stderr(predicates::str::contains("not a country"));
}

#[test]
fn the_corridors_view_draws_countries_with_edge_width_by_cases() {
    let (_d, g) = built(&["routes", "polarity/moldova-network-denials.txt"]);
    let dot = stdout(casegraph().arg("export").arg(&g).args(["--view", "corridors", "--format", "dot", "-o", "-"]));
    assert!(dot.starts_with("digraph corridors"), "{dot}");
    assert_eq!(dot.matches(" -> n").count(), 5, "five corridors:\n{dot}");
    assert!(dot.contains("label=\"Austria\"") && !dot.contains("Europol"), "countries only:\n{dot}");
    let json = stdout(casegraph().arg("export").arg(&g).args(["--view", "corridors", "--format", "json", "-o", "-"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["corridors"].as_array().unwrap().len(), 5);
    casegraph().arg("export").arg(&g).args(["--view", "corridors", "--format", "csv", "-o", "x"]).assert().failure();
    casegraph().arg("report").arg(&g).args(["--view", "corridors", "-o", "-"]).assert().failure();
}

#[test]
fn corridor_widths_grow_with_cases() {
    // a second release on the direct Romania -> France route: that corridor has two cases, drawn widest
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(
        &second,
        "Second Romanian network exploiting women in France dismantled\n\nAn organised crime group was dismantled during an action day supported by Europol. \
         Its victims were recruited in Romania and exploited in France.\n",
    )
    .unwrap();
    let graph = dir.path().join("g.ron");
    casegraph().arg("build").arg(super::fixture("routes")).arg(&second).arg("-o").arg(&graph).assert().success();
    let out = stdout(casegraph().arg("routes").arg(&graph));
    assert!(out.starts_with("corridors:\n  Romania -> France  (2 cases, 2 documents)"), "{out}");
    let dot = stdout(casegraph().arg("export").arg(&graph).args(["--view", "corridors", "--format", "dot", "-o", "-"]));
    let wide = dot.lines().find(|l| l.contains("tooltip=\"Romania -> France")).unwrap();
    let thin = dot.lines().find(|l| l.contains("tooltip=\"Italy -> Spain")).unwrap();
    assert!(wide.contains("penwidth=6.0") && thin.contains("penwidth=1.0"), "{dot}");
}

#[test]
fn cooperation_in_a_period_links_the_bodies_of_its_operations() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/sample.ron");
    let all = stdout(casegraph().arg("cooperation").arg(&sample));
    let recent = stdout(casegraph().arg("cooperation").arg(&sample).args(["--since", "2024-01-01", "--until", "2024-12-31"]));
    // 2024 (the sample's 2025 action day is left out by --until): Operation Global Chain 2024 (Europol, Frontex, INTERPOL) and Liberterra II (INTERPOL)
    assert!(recent.starts_with("3 bodies"), "{recent}");
    assert!(all.contains("Eurojust") && !recent.contains("Eurojust"), "{recent}");
}
