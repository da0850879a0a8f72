//! The conventions a command-line user expects: quiet and verbose, colour,
//! folded warnings, completions and a man page, JSON summaries, sizes with
//! units, help with examples and listed values.

use super::*;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn examples(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(p)
}

/// A folder of 40 copies of one release and two files of other extensions.
fn duplicates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(corpus().join("france-spain-nine-arrests.txt")).unwrap();
    for i in 0..40 {
        std::fs::write(dir.path().join(format!("copy-{i:02}.txt")), &text).unwrap();
    }
    std::fs::write(dir.path().join("photo.jpg"), [0xffu8, 0xd8, 0xff]).unwrap();
    std::fs::write(dir.path().join("index.json"), "{}").unwrap();
    dir
}

#[test]
fn repeated_warnings_are_folded_into_a_count_and_verbose_lists_them() {
    let dir = duplicates();
    let out = tempfile::tempdir().unwrap();
    let g = out.path().join("g.ron");
    let a = casegraph().arg("build").arg(dir.path()).arg("-o").arg(&g).assert().success();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert_eq!(err.matches("same text as a document already read").count(), 4, "three shown, one count line:\n{err}");
    assert!(err.contains("... and 36 more like this: same text as a document already read"), "{err}");
    assert!(err.contains("2 other file(s) in the folders not read"), "{err}");
    let a = casegraph().args(["build", "-v"]).arg(dir.path()).arg("-o").arg(&g).assert().success();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert_eq!(err.matches("same text as a document already read").count(), 39, "{err}");
    // quiet: nothing at all on stderr, the graph still written
    std::fs::remove_file(&g).unwrap();
    casegraph().args(["-q", "build"]).arg(dir.path()).arg("-o").arg(&g).assert().success().stderr("");
    assert!(g.exists());
}

#[test]
fn build_and_curate_summaries_as_json() {
    let dir = duplicates();
    let out = tempfile::tempdir().unwrap();
    let g = out.path().join("g.ron");
    let v: serde_json::Value =
        serde_json::from_str(&stdout(casegraph().arg("build").arg(dir.path()).arg("-o").arg(&g).args(["--format", "json"]))).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["added"], 1);
    assert_eq!(v["other_extensions"], 2);
    assert_eq!(v["warnings"], 39);
    assert!(v["entities"].as_u64().unwrap() > 3, "{v}");
    // the graph on standard output and the summary too cannot both be
    casegraph().arg("build").arg(dir.path()).args(["-o", "-", "--format", "json"]).assert().failure();
    let cur = out.path().join("curation.ron");
    // --file may follow the correction
    let v: serde_json::Value = serde_json::from_str(&stdout(
        casegraph().args(["curate", "rename", "agency:bka", "Bundeskriminalamt (BKA)", "--format", "json", "--file"]).arg(&cur),
    ))
    .unwrap();
    assert_eq!(v["recorded"], "rename");
    assert_eq!(v["corrections"], 1);
    assert!(std::fs::read_to_string(&cur).unwrap().contains("Bundeskriminalamt (BKA)"));
}

#[test]
fn max_file_size_takes_units() {
    let out = tempfile::tempdir().unwrap();
    let f = corpus().join("france-spain-nine-arrests.txt");
    casegraph()
        .arg("extract")
        .arg(&f)
        .args(["--max-file-size", "1K"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("over the limit of 1024"));
    casegraph().arg("extract").arg(&f).args(["--max-file-size", "1M"]).assert().success();
    casegraph()
        .arg("extract")
        .arg(&f)
        .args(["--max-file-size", "12 parsecs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size"));
    let _ = out;
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let missing = "/no/such/graph.ron";
    let red = "\u{1b}[1;31m";
    let plain = casegraph().args(["stats", missing]).assert().failure().get_output().stderr.clone();
    assert!(!String::from_utf8_lossy(&plain).contains(red), "auto into a pipe: no colour");
    let always = casegraph().args(["stats", missing, "--color", "always"]).assert().failure().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&always).contains(red));
    let never = casegraph().args(["--color=never", "stats", missing]).env("NO_COLOR", "1").assert().failure().get_output().stderr.clone();
    assert!(!String::from_utf8_lossy(&never).contains(red));
    casegraph().args(["stats", missing, "--color", "sometimes"]).assert().code(2);
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let s = stdout(casegraph().args(["completions", shell]));
        assert!(s.contains("casegraph") && s.contains("centrality") && s.contains("only-kind"), "{shell}");
    }
    let man = stdout(casegraph().arg("man"));
    assert!(man.starts_with(".ie") && man.contains(".TH casegraph 1") && man.contains("Exit codes"), "{}", &man[..200.min(man.len())]);
    let man = stdout(casegraph().args(["man", "build"]));
    assert!(man.contains(".TH casegraph-build 1") && man.contains("max\\-file\\-size"));
    casegraph().args(["man", "nonesuch"]).assert().failure().stderr(predicate::str::contains("no subcommand 'nonesuch'"));
}

#[test]
fn help_lists_values_and_ends_with_examples() {
    let h = stdout(casegraph().args(["export", "--help"]));
    assert!(h.contains("--only-kind <KIND>") && h.contains("[possible values: agency, country"), "{h}");
    assert!(h.contains("Examples:\n  casegraph export graphs/sample.ron"), "{h}");
    assert!(!h.contains("  --kind"), "the old name is hidden: {h}");
    let h = stdout(casegraph().args(["path", "--help"]));
    assert!(h.contains("--via-kind <KIND>") && h.contains("participated-in"), "{h}");
    // old names still work
    let (_d, g) = built(&["small"]);
    let dir = tempfile::tempdir().unwrap();
    casegraph()
        .arg("export")
        .arg(&g)
        .args(["--format", "json", "--kind", "agency,country", "-o"])
        .arg(dir.path().join("a.json"))
        .assert()
        .success();
    let h = stdout(casegraph().args(["--help"]));
    assert!(h.contains("Exit codes:") && h.contains("3  a query ran and found nothing"), "{h}");
}

#[test]
fn the_example_page_gives_its_article_decoded() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(casegraph().arg("extract").arg(examples("new-releases/portugal-spain-trafficking.html")))).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["title"], "Portuguese and Spanish police act against a trafficking network");
    let names: Vec<&str> = doc["entities"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Polícia Judiciária") && names.contains(&"Guardia Civil"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("cookie") || n.contains("Press room") || n.contains("ministry")), "{names:?}");
}
