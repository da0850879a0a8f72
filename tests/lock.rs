//! Behaviour locks. The shipped sample graph must be exactly what `build
//! corpus` gives; every corpus release and fixture has a snapshot of what
//! `extract` finds in it; every query file under `queries/` has a snapshot
//! of its answer on the sample graph. A change to the extractor, resolver
//! or queries shows up here as a reviewed diff (`cargo insta review`), never
//! as a silent drift.

use assert_cmd::Command;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn casegraph() -> Command {
    let mut c = Command::cargo_bin("casegraph").expect("binary built");
    c.current_dir(root());
    c
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "html" || x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A compact, reviewable form of the extract JSON: every entity with its
/// aliases, country and mention offsets; every relation with its count and
/// evidence spans (the first words of each sentence, for the reader).
fn compact(json: &serde_json::Value) -> String {
    let mut s = String::new();
    for d in json["documents"].as_array().unwrap() {
        let article = d.get("article").and_then(|a| a.as_u64()).map(|a| format!(" (article {a})")).unwrap_or_default();
        let _ = writeln!(s, "document{article}: {}", d["title"].as_str().unwrap());
        for e in d["entities"].as_array().unwrap() {
            let aliases: Vec<&str> = e["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
            let mentions: Vec<String> = e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| format!("{}..{}", m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()))
                .collect();
            let country = e.get("country").and_then(|c| c.as_str()).map(|c| format!(" [{c}]")).unwrap_or_default();
            let _ = writeln!(s, "  {} = {}{country}", e["id"].as_str().unwrap(), e["name"].as_str().unwrap());
            if !aliases.is_empty() {
                let _ = writeln!(s, "      aliases: {}", aliases.join(" | "));
            }
            let _ = writeln!(s, "      at: {}", mentions.join(" "));
        }
        for r in d["relations"].as_array().unwrap() {
            let count = r["count"].as_u64().map(|c| format!(" ({c})")).unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} -{}-> {}{count}",
                r["source"].as_str().unwrap(),
                r["relation"].as_str().unwrap(),
                r["target"].as_str().unwrap()
            );
            for ev in r["evidence"].as_array().unwrap() {
                let text: String = ev["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
                let short: String = text.chars().take(70).collect();
                let _ = writeln!(s, "      {}..{}: {short}", ev["start"].as_u64().unwrap(), ev["end"].as_u64().unwrap());
            }
            if let Some(rule) = r.get("rule").and_then(|x| x.as_str()) {
                let _ = writeln!(s, "      rule: {rule}");
            }
        }
        for f in d.get("figures").and_then(|f| f.as_array()).into_iter().flatten() {
            let opt = |k: &str, pre: &str| f.get(k).and_then(|x| x.as_str()).map(|x| format!("{pre}{x}")).unwrap_or_default();
            let hedged = if f.get("hedged").and_then(|h| h.as_bool()).unwrap_or(false) { " (hedged)" } else { "" };
            let _ = writeln!(
                s,
                "  figure {} {}{}{}{}{}{hedged}",
                f["measure"].as_str().unwrap(),
                opt("bound", "").replace('-', " ") + if f.get("bound").is_some() { " " } else { "" },
                f["value"].as_u64().unwrap(),
                opt("item", " "),
                opt("country", " in "),
                opt("operation", " of "),
            );
            let said = &f["said"];
            let _ = writeln!(
                s,
                "      {}..{}: {} [{}]",
                said["start"].as_u64().unwrap(),
                said["end"].as_u64().unwrap(),
                said["text"].as_str().unwrap(),
                f["rule"].as_str().unwrap()
            );
        }
    }
    s
}

fn snapshot_name(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap();
    rel.with_extension("").to_string_lossy().replace(['/', '\\'], "__")
}

#[test]
fn build_corpus_reproduces_the_shipped_sample_graph_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.ron");
    casegraph().args(["build", "corpus", "-o"]).arg(&out).assert().success();
    let built = std::fs::read_to_string(&out).unwrap();
    let shipped = std::fs::read_to_string(root().join("graphs/sample.ron")).unwrap();
    assert!(
        built == shipped,
        "graphs/sample.ron is not what `casegraph build corpus -o graphs/sample.ron` gives; rebuild it and review the diff"
    );
}

#[test]
fn extraction_of_every_corpus_release_and_fixture_is_locked() {
    let mut files = files_under(&root().join("corpus"));
    files.extend(files_under(&root().join("tests/fixtures")));
    assert!(files.len() >= 20, "{files:?}");
    for f in files {
        let out = casegraph().arg("extract").arg(&f).args(["--format", "json"]).output().unwrap();
        let body = if out.status.success() {
            compact(&serde_json::from_slice(&out.stdout).unwrap())
        } else {
            format!("refused: {}", String::from_utf8_lossy(&out.stderr).replace(root().to_str().unwrap(), "<root>"))
        };
        insta::with_settings!({ snapshot_path => "snapshots/extract", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot_name(&f), body);
        });
    }
}

#[test]
fn every_query_file_gives_its_locked_answer_on_the_sample_graph() {
    let mut queries: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    queries.sort();
    assert!(!queries.is_empty());
    for q in queries {
        let out = casegraph().args(["query", "graphs/sample.ron"]).arg(q.strip_prefix(root()).unwrap()).output().unwrap();
        assert!(out.status.success(), "{}: {}", q.display(), String::from_utf8_lossy(&out.stderr));
        let body = String::from_utf8(out.stdout).unwrap();
        insta::with_settings!({ snapshot_path => "snapshots/queries", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot_name(&q), body);
        });
    }
}
