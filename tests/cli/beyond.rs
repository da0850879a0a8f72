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
