//! `casegraph report`: one self-contained HTML file, its data mapped to
//! the SVG Graphviz drew, export's selection flags, hostile text kept to
//! JSON strings and escaped SVG text. The page's behaviour in a browser is
//! tested in tests/browser (headless Chromium).

use super::{built, casegraph, fixture};
use base64::Engine;
use predicates::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn report(graph: &Path, args: &[&str]) -> String {
    let out = casegraph().arg("report").arg(graph).args(["-o", "-"]).args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The text between `open` and the next `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let len = html[start..].find(close).unwrap_or_else(|| panic!("no {close} after {open}"));
    &html[start..start + len]
}

fn data(html: &str) -> Value {
    serde_json::from_str(between(html, "<script type=\"application/json\" id=\"data\">", "</script>")).unwrap()
}

fn sha256_source(block: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(block.as_bytes())))
}

#[test]
fn the_report_is_one_self_contained_file_that_fetches_nothing() {
    let (d, g) = built(&["small"]);
    let file = d.path().join("r.html");
    casegraph().arg("report").arg(&g).arg("-o").arg(&file).assert().success().stderr(predicate::str::contains("self-contained"));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), 1, "the picture inline");
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("<script").count(), 2, "the data block and the script");
    // no address anywhere but the SVG namespace names (in the SVG and the script), which are never fetched
    let rest = html.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xlink", "");
    assert!(!rest.contains("http:") && !rest.contains("https:") && !rest.contains("//cdn"), "no URL");
    let refs: Vec<&str> = rest.match_indices(" href=\"").chain(rest.match_indices(" src=\"")).map(|(i, _)| &rest[i..i + 16]).collect();
    assert_eq!(refs, [" href=\"data:,\">\n"], "only the empty data: icon");
    // the policy forbids the network and lets only these two blocks run
    let csp = between(&html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    let script = between(&html, "<script>", "</script>");
    let style = between(&html, "<style>", "</style>");
    assert_eq!(
        csp,
        format!(
            "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
            sha256_source(script),
            sha256_source(style)
        )
    );
    let v = data(&html);
    assert_eq!(v["view"], "graph");
    assert!(v["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "agency:eurojust"));
}

#[test]
fn every_drawn_node_and_edge_carries_the_svg_id_the_data_names() {
    let (_d, g) = built(&["small", "resolve"]);
    let html = report(&g, &[]);
    let v = data(&html);
    let svg = between(&html, "<svg", "</svg>");
    let nodes = v["nodes"].as_array().unwrap();
    let drawn: Vec<&str> = nodes.iter().filter_map(|n| n["svg"].as_str()).collect();
    assert!(drawn.len() > 10);
    assert_eq!(svg.matches("class=\"node\"").count(), drawn.len());
    for id in &drawn {
        assert!(svg.contains(&format!("<g id=\"{id}\" class=\"node\">")), "{id}");
    }
    let edges = v["edges"].as_array().unwrap();
    assert_eq!(svg.matches("class=\"edge\"").count(), edges.len());
    let relations = v["relations"].as_array().unwrap();
    let docs = v["documents"].as_array().unwrap();
    for e in edges {
        assert!(svg.contains(&format!("<g id=\"{}\" class=\"edge\">", e["svg"].as_str().unwrap())));
        for r in e["relations"].as_array().unwrap() {
            let r = &relations[r.as_u64().unwrap() as usize];
            // the strand joins the edge's two ends, and every sentence names its document and rule
            assert_eq!((&r["source"], &r["target"]), (&e["a"], &e["b"]));
            for ev in r["evidence"].as_array().unwrap() {
                let doc = &docs[ev["doc"].as_u64().unwrap() as usize];
                assert!(doc["title"].as_str().is_some_and(|t| !t.is_empty()) && doc["path"].as_str().unwrap().ends_with(".txt"));
                assert!(ev["rule"].as_str().is_some_and(|r| !r.is_empty()), "{ev}");
                assert!(ev["sentence"].as_str().unwrap().len() > 10);
            }
        }
    }
    // the ranking holds degree, betweenness and PageRank for every drawn node
    assert_eq!(v["ranking"]["measures"], serde_json::json!(["degree", "betweenness", "pagerank"]));
    for column in v["ranking"]["scores"].as_array().unwrap() {
        for (n, s) in nodes.iter().zip(column.as_array().unwrap()) {
            assert!(n["svg"].is_null() || s.as_f64().is_some(), "{n}");
        }
    }
    // the legend is export's, colours from the same style table
    assert!(v["legend"]["edges"].as_array().unwrap().iter().any(|e| e[0] == "coordinated" && e[1][0] == "#2346a8"));
}

#[test]
fn the_same_graph_gives_the_same_bytes_and_stdout_equals_the_file() {
    let (d, g) = built(&["small"]);
    let a = report(&g, &["--top", "8"]);
    assert_eq!(a, report(&g, &["--top", "8"]));
    let file = d.path().join("r.html");
    casegraph().arg("report").arg(&g).args(["--top", "8", "-o"]).arg(&file).assert().success();
    assert_eq!(std::fs::read_to_string(file).unwrap(), a);
}

#[test]
fn the_report_takes_exports_selection_flags() {
    let (_d, g) = built(&["small", "resolve"]);
    let v = data(&report(&g, &["--top", "6", "--kind", "agency,operation", "--title", "Top six"]));
    assert_eq!(v["title"], "Top six");
    let drawn: Vec<&Value> = v["nodes"].as_array().unwrap().iter().filter(|n| !n["svg"].is_null()).collect();
    assert!((2..=6).contains(&drawn.len()), "{}", drawn.len());
    assert!(drawn.iter().all(|n| n["kind"] == "agency" || n["kind"] == "operation"));
    let around = data(&report(&g, &["--around", "Romania", "--depth", "1"]));
    assert!(around["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "country:ro"));
    assert!(around["nodes"].as_array().unwrap().len() < v["nodes"].as_array().unwrap().len() + 20);
    let no_legend = data(&report(&g, &["--no-legend"]));
    assert_eq!(no_legend["legend"]["shown"], false);
}

#[test]
fn a_cooperation_report_lists_each_links_shared_operations_and_their_sentences() {
    let (_d, g) = built(&["small", "resolve"]);
    let html = report(&g, &["--view", "cooperation", "--with", "countries"]);
    assert!(html.contains("<title>casegraph report: cooperation view</title>"));
    let v = data(&html);
    assert_eq!(v["view"], "cooperation");
    let nodes = v["nodes"].as_array().unwrap();
    let relations = v["relations"].as_array().unwrap();
    let edges = v["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        let ops = e["operations"].as_array().unwrap();
        assert!(!ops.is_empty(), "{e}");
        for o in ops {
            let op = o["operation"].as_u64().unwrap();
            assert_eq!(nodes[op as usize]["kind"], "operation");
            for (side, body) in [("a", &e["a"]), ("b", &e["b"])] {
                let rels = o[side].as_array().unwrap();
                assert!(!rels.is_empty(), "how each body acted is stated");
                for r in rels {
                    let r = &relations[r.as_u64().unwrap() as usize];
                    assert_eq!((&r["source"], r["target"].as_u64()), (body, Some(op)));
                    assert!(!r["evidence"].as_array().unwrap().is_empty());
                }
            }
        }
        assert!(nodes[e["a"].as_u64().unwrap() as usize]["community"].as_u64().is_some());
    }
}

#[test]
fn hostile_text_reaches_the_page_only_as_json_strings_and_escaped_svg_text() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "Europol <img src=x onerror=alert(1)> </script><script>alert(2)</script>\u{2028}";
    let curation = dir.path().join("curation.ron");
    casegraph().args(["curate", "--file"]).arg(&curation).args(["rename", "agency:europol", evil]).assert().success();
    let g = dir.path().join("h.ron");
    casegraph().arg("build").arg(fixture("report-hostile")).arg("-o").arg(&g).assert().success();
    let html = report(&g, &["--title", "</title><script>alert(3)</script>"]);
    assert_eq!(html.matches("<script").count(), 2, "no script element but the page's two");
    assert_eq!(html.to_lowercase().matches("</script").count(), 2);
    assert!(!html.contains("<img") && !html.contains("<b "), "no markup from the text");
    let markup = html.replace(between(&html, "<script>", "</script>"), "").replace(between(&html, "<style>", "</style>"), "");
    let tag = regex::Regex::new(r#"<[a-zA-Z][\w:-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*/?>"#).unwrap();
    let attribute = regex::Regex::new(r#"([\w:-]+)(?:="[^"]*")?"#).unwrap();
    let names: Vec<String> =
        tag.captures_iter(&markup).flat_map(|c| attribute.captures_iter(&c[1]).map(|a| a[1].to_lowercase()).collect::<Vec<_>>()).collect();
    assert!(names.len() > 50 && names.contains(&"xlink:title".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("on") || n == "src" || n == "xlink:href" || n == "style"), "{names:?}");
    assert_eq!(names.iter().filter(|n| *n == "href").count(), 1, "the data: icon only");
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>"));
    let block = between(&html, "<script type=\"application/json\" id=\"data\">", "</script>");
    assert!(!block.contains('<') && !block.contains('>') && !block.contains('&') && !block.contains('\u{2028}'));
    let v = data(&html);
    let names: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert!(names.contains(&evil), "the name arrives intact: {names:?}");
    let sentences: Vec<&str> = v["relations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert!(sentences.iter().any(|s| s.contains("</script><script>window.canary='json'</script>")), "{sentences:?}");
    let svg = between(&html, "<svg", "</svg>");
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is text in the picture");
}

#[test]
fn a_missing_graph_or_entity_is_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let missing = dir.path().join("nope.ron");
    casegraph()
        .arg("report")
        .arg(&missing)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("nope.ron").and(predicate::function(|s: &str| s.trim_end().lines().count() == 1)));
    assert!(!out.exists());
    let (_d, g) = built(&["small"]);
    casegraph()
        .arg("report")
        .arg(&g)
        .args(["--around", "Atlantis"])
        .arg("-o")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Atlantis"));
    assert!(!out.exists());
}
