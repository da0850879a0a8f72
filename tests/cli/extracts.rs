//! Extraction in pieces through the binary, as a distributed job runs it:
//! `extract --format jsonl` per shard (files named on the command line, or
//! `{"path", "text"|"base64"}` lines on standard input), then `build
//! --from-extracts` over the shards' files in any order.

use super::casegraph;
use base64::Engine;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus files, relative to the crate root as `build corpus` names them.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root().join("corpus")).unwrap().map(|e| Path::new("corpus").join(e.unwrap().file_name())).collect();
    files.sort();
    files
}

fn document_line(path: &Path, base64: bool) -> String {
    let bytes = std::fs::read(root().join(path)).unwrap();
    let p = path.to_str().unwrap();
    let v = if base64 {
        serde_json::json!({"path": p, "base64": base64::engine::general_purpose::STANDARD.encode(bytes)})
    } else {
        serde_json::json!({"path": p, "text": String::from_utf8(bytes).unwrap()})
    };
    format!("{v}\n")
}

#[test]
fn shards_extracted_apart_and_merged_in_any_order_give_the_graph_of_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.ron");
    casegraph().current_dir(root()).args(["build", "corpus", "-o"]).arg(&whole).assert().success();
    let files = corpus_files();
    let (a, rest) = files.split_at(5);
    let (b, c) = rest.split_at(6);
    // shard a: files named on the command line, in reverse
    let shard_a = dir.path().join("a.jsonl");
    casegraph().current_dir(root()).arg("extract").args(a.iter().rev()).args(["--format", "jsonl", "-o"]).arg(&shard_a).assert().success();
    // shard b: text lines on standard input, with a bad line in between
    let mut input: String = b.iter().map(|p| document_line(p, false)).collect();
    input.insert_str(document_line(&b[0], false).len(), "{\"path\": \"x.txt\"}\n");
    let out = casegraph()
        .current_dir(root())
        .args(["extract", "--stdin-jsonl", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr(predicate::str::contains("standard input, line 2: x.txt: no \"text\" nor \"base64\"; line skipped"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), b.len());
    let shard_b = dir.path().join("b.jsonl");
    std::fs::write(&shard_b, out).unwrap();
    // shard c: the files' bytes as base64, in a folder as a Spark job writes it
    let input: String = c.iter().rev().map(|p| document_line(p, true)).collect();
    let out = casegraph()
        .current_dir(root())
        .args(["extract", "--stdin-jsonl", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let part_dir = dir.path().join("c");
    std::fs::create_dir(&part_dir).unwrap();
    std::fs::write(part_dir.join("part-00000"), out).unwrap();
    std::fs::write(part_dir.join("_SUCCESS"), "").unwrap();
    std::fs::write(part_dir.join(".part-00000.crc"), "junk").unwrap();
    for order in [[&part_dir, &shard_b, &shard_a], [&shard_a, &shard_b, &part_dir]] {
        let merged = dir.path().join("merged.ron");
        casegraph()
            .args(["build", "--from-extracts"])
            .args(order)
            .arg("-o")
            .arg(&merged)
            .assert()
            .success()
            .stderr(predicate::str::contains("21 documents"));
        assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap(), "merge in order {order:?} differs from build corpus");
    }
}

#[test]
fn a_damaged_extract_line_stops_the_merge_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("x.jsonl");
    let out =
        casegraph().current_dir(root()).args(["extract", "corpus/france-spain-nine-arrests.txt", "--format", "jsonl"]).output().unwrap();
    let good = String::from_utf8(out.stdout).unwrap();
    std::fs::write(&lines, format!("{good}{}\n", good.trim_end().replace("Spain", "Spian"))).unwrap();
    let graph = dir.path().join("g.ron");
    casegraph()
        .args(["build", "--from-extracts"])
        .arg(&lines)
        .arg("-o")
        .arg(&graph)
        .assert()
        .failure()
        .stderr(predicate::str::contains("x.jsonl: line 2: the text does not match its hash"));
    assert!(!graph.exists());
    // lines made with other gazetteer data are refused too
    let extra = dir.path().join("extra.ron");
    std::fs::write(&extra, "(agencies: [])\n").unwrap();
    std::fs::write(&lines, &good).unwrap();
    casegraph()
        .args(["build", "--from-extracts"])
        .arg(&lines)
        .arg("--gazetteer")
        .arg(&extra)
        .arg("-o")
        .arg(&graph)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 1: extracted with other extractor data"));
}

#[test]
fn an_empty_share_of_documents_gives_no_line_and_succeeds() {
    // a Spark partition may be empty
    casegraph().args(["extract", "--stdin-jsonl", "--format", "jsonl"]).write_stdin("").assert().success().stdout("");
    casegraph()
        .args(["extract", "--stdin-jsonl", "--format", "json"])
        .write_stdin("\n")
        .assert()
        .success()
        .stdout("{\n  \"documents\": []\n}\n");
}

#[test]
fn extract_streams_the_same_json_as_the_whole_document() {
    let out = casegraph().current_dir(root()).args(["extract", "corpus", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    #[derive(serde::Deserialize)]
    struct Whole {
        documents: Vec<casegraph::extract::Extraction>,
    }
    let whole: Whole = serde_json::from_str(&text).unwrap();
    assert_eq!(whole.documents.len(), 21);
    assert_eq!(text, casegraph::cli::extract::to_json(&whole.documents));
}

#[test]
fn build_reads_documents_from_standard_input_too() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, piped) = (dir.path().join("whole.ron"), dir.path().join("piped.ron"));
    casegraph().current_dir(root()).args(["build", "corpus", "-o"]).arg(&whole).assert().success();
    let input: String = corpus_files().iter().map(|p| document_line(p, true)).collect();
    casegraph().args(["build", "--stdin-jsonl", "-o"]).arg(&piped).write_stdin(input).assert().success();
    assert!(std::fs::read(&whole).unwrap() == std::fs::read(&piped).unwrap());
}
