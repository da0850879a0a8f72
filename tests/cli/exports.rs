//! Exports through the binary: the cooperation view, readable pictures in
//! every layout, `-o -`, Graphviz failures and interruptions, large-graph
//! warnings, and text that every reader can take.

use super::{built, casegraph, fixture};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn corpus_graph() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("corpus.ron");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    casegraph().arg("build").arg(corpus).arg("-o").arg(&g).assert().success();
    (dir, g)
}

fn out(args: &[&str], graph: &Path) -> (Vec<u8>, String) {
    let o = casegraph().arg("export").arg(graph).args(args).assert().success().get_output().clone();
    (o.stdout, String::from_utf8(o.stderr).unwrap())
}

fn text(args: &[&str], graph: &Path) -> String {
    String::from_utf8(out(args, graph).0).unwrap()
}

#[test]
fn the_cooperation_view_links_bodies_through_shared_operations() {
    let (_d, g) = corpus_graph();
    let o =
        casegraph().args(["cooperation"]).arg(&g).args(["--top", "5", "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&o).unwrap();
    let top: Vec<&str> = v["top"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(top[..2].contains(&"agency:europol") && top[..3].contains(&"agency:eurojust"), "{top:?}");
    assert!(v["top"][0]["partners"].as_u64().unwrap() > 5);

    let table =
        String::from_utf8(casegraph().arg("cooperation").arg(&g).args(["--top", "3"]).assert().success().get_output().stdout.clone())
            .unwrap();
    assert!(table.lines().nth(1).unwrap().starts_with("rank") && table.contains("Europol"), "{table}");
    let comms =
        String::from_utf8(casegraph().arg("cooperation").arg(&g).arg("--communities").assert().success().get_output().stdout.clone())
            .unwrap();
    assert!(comms.starts_with("community") && comms.lines().nth(1).unwrap().starts_with('1'), "{comms}");

    // links keep the operations behind them, and the same graph gives the same bytes
    let json = text(&["--view", "cooperation", "--format", "json", "-o", "-"], &g);
    assert_eq!(json, text(&["--view", "cooperation", "--format", "json", "-o", "-"], &g));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let link = v["links"].as_array().unwrap().iter().find(|l| l["source"] == "agency:eurojust" && l["target"] == "agency:europol").unwrap();
    assert!(link["weight"].as_u64().unwrap() >= 2 && link["operations"][0]["id"].as_str().unwrap().starts_with("operation:"), "{link}");
    assert!(v["nodes"].as_array().unwrap().iter().all(|n| n["community"].as_u64().is_some()));

    // --with countries adds the countries that took part; --top keeps the most central bodies
    let with = text(&["--view", "cooperation", "--with", "countries", "--format", "json", "-o", "-"], &g);
    assert!(with.contains("\"country:ro\"") && !json.contains("\"id\": \"country:ro\""));
    let dot = text(&["--view", "cooperation", "--top", "8", "--format", "dot", "-o", "-"], &g);
    assert!(dot.starts_with("graph ") && dot.contains(" -- "), "undirected: {dot}");
    let nodes = dot.lines().filter(|l| l.contains("shape=")).count();
    assert!((2..=8).contains(&nodes), "{nodes}");
    assert!(dot.contains("communities") && dot.contains("within a community"), "a legend of communities");
    casegraph()
        .arg("export")
        .arg(&g)
        .args(["--view", "cooperation", "--format", "cypher", "-o", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--view cooperation is written as"));
}

#[test]
fn every_single_file_format_writes_to_standard_output() {
    let (d, g) = built(&["small"]);
    for (fmt, start) in [
        ("dot", &b"digraph"[..]),
        ("svg", b"<?xml"),
        ("png", b"\x89PNG"),
        ("json", b"{"),
        ("graphml", b"<?xml"),
        ("cypher", b"// casegraph"),
        ("kuzu", b"// casegraph"),
    ] {
        let (stdout, stderr) = out(&["--format", fmt, "-o", "-"], &g);
        assert!(stdout.starts_with(start), "{fmt}: {}", String::from_utf8_lossy(&stdout[..stdout.len().min(40)]));
        assert!(stderr.contains("wrote standard output"), "{stderr}");
    }
    assert!(!Path::new("-").exists() && !d.path().join("-").exists(), "no file named -");
    casegraph()
        .arg("export")
        .arg(&g)
        .args(["--format", "csv", "-o", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("give a folder").and(predicate::str::is_match("^[^\n]*\n$").unwrap()));
}

#[test]
fn pictures_are_readable_by_default_and_the_legend_survives_every_layout() {
    let (_d, g) = corpus_graph();
    let dot = text(&["--format", "dot", "-o", "-"], &g);
    assert!(!dot.contains("label=\"coordinated"), "no edge labels by default");
    assert!(
        dot.contains(">coordinated<") && dot.contains(">participated-in<") && dot.contains(">agency<"),
        "legend of relations and kinds"
    );
    // Europol coordinated and supported the same operation: one edge, two strands
    assert!(
        dot.lines().any(|l| l.contains("\"agency:europol\" -> ") && l.contains("color=\"#2346a8:#17a3b8\"")),
        "merged parallel relations"
    );
    let loaded = casegraph::graph::load(&g).unwrap();
    let isolated = loaded.graph().node_indices().filter(|&n| loaded.graph().neighbors_undirected(n).count() == 0).count();
    let drawn = dot.lines().filter(|l| l.contains("shape=")).count();
    assert_eq!(drawn, loaded.node_count() - isolated, "isolated nodes are dropped");
    let kept = text(&["--format", "dot", "--keep-isolated", "-o", "-"], &g);
    assert_eq!(kept.lines().filter(|l| l.contains("shape=")).count(), loaded.node_count());
    let labelled = text(&["--format", "dot", "--edge-labels", "-o", "-"], &g);
    assert!(labelled.contains("label=\"coordinated"), "--edge-labels writes them");
    // unnamed operations get a short label and keep their title in the tooltip
    let line = dot.lines().find(|l| l.contains("operation:d-") && l.contains("Rapid Eurojust")).expect("unnamed operation");
    assert!(line.contains("label=\"rapid intervention\\n"), "{line}");
    // node size follows the measure: Europol's label is larger than a minor body's
    let size = |id: &str| -> f64 {
        let l = dot.lines().find(|l| l.starts_with(&format!("  \"{id}\"")) || l.contains(&format!("\"{id}\"["))).unwrap();
        l.split("fontsize=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    assert!(size("agency:europol") > size("country:pt"));

    for layout in ["dot", "neato", "fdp", "sfdp"] {
        for view in ["graph", "cooperation"] {
            let svg =
                String::from_utf8(out(&["--format", "svg", "--view", view, "--layout", layout, "--top", "25", "-o", "-"], &g).0).unwrap();
            let expect = if view == "graph" { ["entities", "relations"] } else { ["communities", "between communities"] };
            for e in expect {
                assert!(svg.contains(&format!(">{e}<")), "{view} in {layout}: legend entry {e} missing");
            }
        }
    }
}

/// A stand-in for Graphviz's `dot`, first on PATH.
fn fake_dot(dir: &Path, script: &str) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dot = bin.join("dot");
    std::fs::write(&dot, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut path = bin.into_os_string();
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    path
}

#[test]
fn a_failing_dot_is_reported_on_one_line_with_its_first_message() {
    let (d, g) = built(&["small"]);
    let path = fake_dot(d.path(), "cat >/dev/null; echo 'Error: trouble in init_rank' >&2; echo 'second line' >&2; exit 1");
    let o = d.path().join("x.svg");
    let err = casegraph()
        .env("PATH", path)
        .arg("export")
        .arg(&g)
        .args(["--format", "svg", "-o"])
        .arg(&o)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert_eq!(err, "casegraph: Graphviz's dot (dot) failed: Error: trouble in init_rank\n");
    assert!(!o.exists());
}

#[test]
fn sigterm_and_ctrl_c_stop_dot_and_leave_nothing_behind() {
    for signal in ["TERM", "INT"] {
        let (d, g) = built(&["small"]);
        let path = fake_dot(d.path(), "exec sleep 60");
        let target = d.path().join("out");
        std::fs::create_dir(&target).unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casegraph"))
            .env("PATH", path)
            .arg("export")
            .arg(&g)
            .args(["--format", "svg", "-o"])
            .arg(target.join("g.svg"))
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let children = format!("/proc/{pid}/task/{pid}/children");
        let mut dot_pid = String::new();
        for _ in 0..200 {
            dot_pid = std::fs::read_to_string(&children).unwrap_or_default().trim().to_string();
            if !dot_pid.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        assert!(!dot_pid.is_empty(), "dot was started");
        std::thread::sleep(std::time::Duration::from_millis(100));
        // the shell's own kill: no procps needed
        std::process::Command::new("sh").arg("-c").arg(format!("kill -{signal} {pid}")).status().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success());
        std::thread::sleep(std::time::Duration::from_millis(100));
        let alive = std::fs::read_to_string(format!("/proc/{dot_pid}/stat")).map(|s| !s.contains(") Z ")).unwrap_or(false);
        assert!(!alive, "dot ({dot_pid}) still runs after SIG{signal}");
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "no output and no temporary file");
    }
}

#[test]
fn clustering_by_country_survives_curated_countries_in_every_layout() {
    let dir = tempfile::tempdir().unwrap();
    let curation = dir.path().join("curation.ron");
    let curate = |args: &[&str]| casegraph().args(["curate", "--file"]).arg(&curation).args(args).assert().success();
    // a Romanian body moved to France, another to a country not in the graph, a French one to Romania
    curate(&["set-country", "agency:diicot", "fr"]);
    curate(&["set-country", "agency:ro-special-intervention-brigade-of-the-gendarmerie", "mt"]);
    curate(&["set-country", "agency:gendarmerie-nationale", "ro"]);
    let g = dir.path().join("g.ron");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    casegraph().arg("build").arg(&corpus).arg("-o").arg(&g).assert().success();
    for layout in ["dot", "neato", "fdp", "sfdp"] {
        for extra in [&[][..], &["--around", "Romania", "--depth", "2"][..], &["--keep-isolated"][..]] {
            let (svg, stderr) = out(&[&["--format", "svg", "--cluster", "country", "--layout", layout, "-o", "-"][..], extra].concat(), &g);
            assert!(svg.starts_with(b"<?xml"), "{layout} {extra:?}: {stderr}");
        }
    }
}

#[test]
fn large_pictures_are_warned_about_with_ways_to_draw_less() {
    use casegraph::model::{DocId, DocumentRecord, EntityId, EntityKind, EntityRecord, Evidence, RelationKind, RelationRecord};
    let docs = vec![DocumentRecord {
        id: DocId("d-1".into()),
        path: "a.txt".into(),
        article: None,
        title: "t".into(),
        source: None,
        hash: "h".into(),
        date: None,
    }];
    let mut entities = Vec::new();
    let mut relations = Vec::new();
    for i in 0..2100 {
        let id = EntityId::new(EntityKind::Agency, format!("a{i:05}"));
        entities.push(EntityRecord {
            id: id.clone(),
            kind: EntityKind::Agency,
            name: format!("Body {i}"),
            aliases: vec![],
            country: None,
            curated: false,
            merged: Vec::new(),
            sources: vec![],
        });
        relations.push(RelationRecord {
            source: id,
            relation: RelationKind::ParticipatedIn,
            target: EntityId::new(EntityKind::Operation, "big"),
            count: None,
            documents: 1,
            evidence: vec![Evidence {
                doc: DocId("d-1".into()),
                start: 0,
                end: 1,
                text: "x".into(),
                count: None,
                rule: None,
                hedged: false,
            }],
        });
    }
    entities.push(EntityRecord {
        id: EntityId::new(EntityKind::Operation, "big"),
        kind: EntityKind::Operation,
        name: "Big".into(),
        aliases: vec![],
        country: None,
        curated: false,
        merged: Vec::new(),
        sources: vec![],
    });
    let graph = casegraph::graph::CaseGraph::from_parts(docs, entities, relations).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("big.ron");
    casegraph::graph::save_atomic(&graph, &g).unwrap();
    let (_, stderr) = out(&["--format", "dot", "-o", "-"], &g);
    assert!(
        stderr.contains("warning: 2101 nodes")
            && stderr.contains("--top")
            && stderr.contains("--view cooperation")
            && stderr.contains("--layout sfdp"),
        "{stderr}"
    );
    let (_, stderr) = out(&["--format", "dot", "--top", "50", "-o", "-"], &g);
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn text_is_safe_for_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let curation = dir.path().join("curation.ron");
    // NUL cannot be an argument: the curation file is written as an analyst would
    let nasty = r#"Bad\u{0}Bureau\u{1b}[31m \u{FFFE}\u{FFFF} back\\slash \\L\\E\\T\\H"#;
    std::fs::write(&curation, format!("(rename: [(id: \"agency:europol\", name: \"{nasty}\")])")).unwrap();
    let g = dir.path().join("h.ron");
    casegraph().arg("build").arg(fixture("hostile")).arg("-o").arg(&g).assert().success();
    for fmt in ["graphml", "svg"] {
        let t = text(&["--format", fmt, "--keep-isolated", "-o", "-"], &g);
        assert!(!t.contains('\u{0}') && !t.contains('\u{1b}') && !t.contains('\u{FFFE}') && !t.contains('\u{FFFF}'), "{fmt}");
        assert!(t.contains("BadBureau") || t.contains("Bad Bureau"), "{fmt}: the name is kept");
    }
    let svg = text(&["--format", "svg", "--keep-isolated", "-o", "-"], &g);
    assert!(svg.contains(r"back\slash \L\E\T\H"), "escapes are literal text in the picture");
    let csv = dir.path().join("csv");
    casegraph().arg("export").arg(&g).args(["--format", "csv", "-o"]).arg(&csv).assert().success();
    for f in ["nodes.csv", "edges.csv", "evidence.csv"] {
        let t = std::fs::read_to_string(csv.join(f)).unwrap();
        assert!(!t.contains('\u{0}') && !t.contains('\u{1b}'), "{f}");
    }
    assert!(std::fs::read_to_string(csv.join("nodes.csv")).unwrap().contains(r"Bad\u{0}Bureau\u{1b}[31m"), "shown escaped");
}

#[test]
fn evidence_travels_with_the_edges() {
    let (d, g) = corpus_graph();
    let sentence = "coordinated by Europol and Frontex";
    let v: serde_json::Value = serde_json::from_str(&text(&["--format", "json", "-o", "-"], &g)).unwrap();
    let ev = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["evidence"].as_array().unwrap().iter())
        .find(|e| e["sentence"].as_str().unwrap().contains(sentence))
        .expect("the sentence is in the JSON");
    assert!(ev["doc"].as_str().unwrap().starts_with("d-") && ev["path"].as_str().unwrap().ends_with(".txt") && ev["title"].is_string());
    let (start, end) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
    let file = std::fs::read_to_string(ev["path"].as_str().unwrap()).unwrap();
    assert_eq!(&file[start..end], ev["sentence"].as_str().unwrap(), "the span points at the sentence in the file");
    assert!(text(&["--format", "graphml", "-o", "-"], &g).contains(sentence));
    let csv = d.path().join("csv");
    casegraph().arg("export").arg(&g).args(["--format", "csv", "--csv-dialect", "neo4j", "-o"]).arg(&csv).assert().success();
    let nodes = std::fs::read_to_string(csv.join("nodes.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,kind,name,country,aliases:string[],documents:int,:LABEL\n"), "{nodes}");
    let edges = std::fs::read_to_string(csv.join("edges.csv")).unwrap();
    assert!(edges.starts_with(":START_ID,:END_ID,:TYPE,") && edges.contains(",COORDINATED,"));
    assert!(std::fs::read_to_string(csv.join("evidence.csv")).unwrap().contains(sentence));
}
