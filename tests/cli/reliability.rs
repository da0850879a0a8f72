//! Issue 10 ("Reliability, round two") and real HTML (issue 15, point 5),
//! through the binary as a user meets them: text that once panicked,
//! outputs that once replaced devices, pipes and symlinks, concurrent
//! writers, special files and out-of-tree symlinks among the inputs,
//! config files of the wrong kind or with misspelt fields, control
//! characters in file names, byte-order marks and UTF-16, damaged graphs,
//! and saved web pages.

use crate::{casegraph, fixture, json, stdout};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

const RELEASE: &str = "Nine arrested in a joint action day\n\nSource: Europol\n\nWith the support of Europol and Eurojust, authorities in Romania and France arrested nine suspects during a joint action day. The organised crime group recruited victims in Romania and exploited them in France.\n";

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(casegraph::output::TEMP_PREFIX))
        .collect()
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(p).status().expect("mkfifo").success();
    assert!(ok);
}

#[cfg(unix)]
fn file_type(p: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(p).unwrap().file_type()
}

// ---- 1. no panic on any text -------------------------------------------

#[test]
fn a_multibyte_character_across_byte_512_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    // a curly apostrophe at bytes 510..513, where the HTML sniff used to cut
    let mut text = String::from("  Europol’s support\n\n");
    while text.len() < 510 {
        text.push_str("Police in Spain arrested suspects. ");
    }
    text.truncate(510);
    text.push_str("’s network was dismantled in Greece.\n");
    assert!(!text.is_char_boundary(512));
    let p = dir.path().join("apostrophe.txt");
    std::fs::write(&p, &text).unwrap();
    let v = json(casegraph().arg("extract").arg(&p));
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    // Greek, Cyrillic, CJK, emoji and combining marks on every byte position near 512
    for shift in 0..4 {
        let mut t = "Ε".repeat(254);
        t.insert_str(0, &" ".repeat(shift));
        t.push_str(" Ελληνική Αστυνομία, Полиция, 警察, 🚓, e\u{301}\u{302}\n");
        let p = dir.path().join(format!("greek{shift}.txt"));
        std::fs::write(&p, &t).unwrap();
        casegraph().arg("extract").arg(&p).assert().success();
    }
}

#[cfg(debug_assertions)]
#[test]
fn a_document_whose_extraction_fails_is_a_warning_and_the_build_goes_on() {
    // the debug-build test hook CASEGRAPH_TEST_PANIC_ON makes extraction of a
    // document containing the word panic, as an unforeseen bug would
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a-good.txt"), RELEASE).unwrap();
    std::fs::write(input.join("b-bad.txt"), RELEASE.replace("nine suspects", "nine suspects (TRIGGER-PANIC)")).unwrap();
    let g = dir.path().join("g.ron");
    let out = casegraph().env("CASEGRAPH_TEST_PANIC_ON", "TRIGGER-PANIC").arg("build").arg(&input).arg("-o").arg(&g).output().unwrap();
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("b-bad.txt: extraction failed with an internal error"), "{err}");
    assert!(err.contains("1 documents (1 added") && err.contains("1 failed"), "{err}");
    assert!(!err.contains("panicked at"), "no raw panic report: {err}");
    assert!(err.lines().all(|l| l.starts_with("casegraph: ")), "{err}");
    let out = casegraph().env("CASEGRAPH_TEST_PANIC_ON", "TRIGGER-PANIC").arg("extract").arg(&input).output().unwrap();
    assert!(out.status.success());
    assert!(stderr_of(&out).contains("b-bad.txt: extraction failed"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
}

// ---- 2. outputs never replace what they should not ---------------------

#[cfg(unix)]
#[test]
fn output_onto_a_fifo_is_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("graph.pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&fifo).timeout(Duration::from_secs(60)).assert().success();
    assert!(file_type(&fifo).is_fifo(), "the FIFO was replaced by a file");
    let got = reader.join().unwrap();
    assert!(got.contains("format_version: 1") && got.contains("agency:eurojust"));
}

#[cfg(unix)]
#[test]
fn output_onto_a_symlink_follows_it_and_devices_are_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&link).assert().success();
    assert!(file_type(&link).is_symlink(), "the link itself stays");
    assert!(std::fs::read_to_string(&real).unwrap().contains("format_version: 1"));
    // a dangling link: the file it names is created
    let dangling = dir.path().join("dangling.ron");
    std::os::unix::fs::symlink("made.ron", &dangling).unwrap();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&dangling).assert().success();
    assert!(file_type(&dangling).is_symlink() && dir.path().join("made.ron").is_file());
    // a link to a character device: written through, the device stays
    let null = dir.path().join("null.ron");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&null).assert().success();
    assert!(file_type(&null).is_symlink());
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // a link to standard output (a pipe here): the graph comes out on stdout
    let so = dir.path().join("stdout.ron");
    std::os::unix::fs::symlink("/dev/stdout", &so).unwrap();
    let out = stdout(casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&so));
    assert!(out.contains("format_version: 1"));
    assert!(temporaries(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn output_onto_a_socket_or_a_folder_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("s.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    casegraph()
        .arg("build")
        .arg(fixture("small"))
        .arg("-o")
        .arg(&sock)
        .assert()
        .failure()
        .stderr(predicate::str::contains("s.sock: is not a regular file"));
    assert!(file_type(&sock).is_socket(), "the socket is still there");
    casegraph()
        .arg("build")
        .arg(fixture("small"))
        .arg("-o")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("is a folder"));
}

#[test]
fn dash_writes_to_standard_output() {
    let out = stdout(casegraph().arg("build").arg(fixture("small")).args(["-o", "-"]));
    assert!(out.starts_with("(\n  format_version: 1,"), "{out}");
    let (d, g) = crate::built(&["small"]);
    let dot = stdout(casegraph().arg("export").arg(&g).args(["--format", "dot", "-o", "-"]));
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(!d.path().join("-").exists());
    // extract writes to a file with -o, atomically like every output
    let f = d.path().join("x.json");
    casegraph().arg("extract").arg(fixture("small/interpol-portugal.txt")).arg("-o").arg(&f).assert().success();
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_rewritten_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (d, g) = crate::built(&["small"]);
    std::fs::set_permissions(&g, std::fs::Permissions::from_mode(0o640)).unwrap();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().success();
    assert_eq!(std::fs::metadata(&g).unwrap().permissions().mode() & 0o777, 0o640);
    let cur = d.path().join("curation.ron");
    casegraph().args(["curate", "--file"]).arg(&cur).args(["rename", "agency:europol", "Europol (EU)"]).assert().success();
    std::fs::set_permissions(&cur, std::fs::Permissions::from_mode(0o600)).unwrap();
    casegraph().args(["curate", "--file"]).arg(&cur).args(["rename", "agency:eurojust", "Eurojust (EU)"]).assert().success();
    assert_eq!(std::fs::metadata(&cur).unwrap().permissions().mode() & 0o777, 0o600);
}

/// Start a build that holds its staged temporary (debug-build test hook),
/// wait until the temporary is there, and return the child.
#[cfg(all(unix, debug_assertions))]
fn build_held_at_rename(args: &[std::ffi::OsString], dir: &Path) -> std::process::Child {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casegraph"))
        .env("CASEGRAPH_TEST_HOLD_WRITE_MS", "20000")
        .args(args)
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while temporaries(dir).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(60), "no temporary appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[cfg(all(unix, debug_assertions))]
fn signal(child: &std::process::Child, sig: &str) {
    // the shell's own `kill`: no procps needed on a bare machine
    let ok = std::process::Command::new("sh").arg("-c").arg(format!("kill {sig} {}", child.id())).status().unwrap().success();
    assert!(ok);
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn sigint_and_sigterm_remove_the_temporary_and_sigkill_leftovers_are_cleaned_next_time() {
    let (d, g) = crate::built(&["small"]);
    let old = std::fs::read(&g).unwrap();
    let args = |o: &Path| vec!["build".into(), fixture("resolve").into_os_string(), "-o".into(), o.as_os_str().to_owned()];
    for sig in ["-TERM", "-INT"] {
        let mut child = build_held_at_rename(&args(&g), d.path());
        signal(&child, sig);
        let status = child.wait().unwrap();
        assert!(!status.success(), "{sig}");
        assert!(temporaries(d.path()).is_empty(), "{sig} left {:?}", temporaries(d.path()));
        assert_eq!(std::fs::read(&g).unwrap(), old, "{sig}: the old graph stays");
    }
    let mut child = build_held_at_rename(&args(&g), d.path());
    signal(&child, "-KILL");
    child.wait().unwrap();
    assert_eq!(temporaries(d.path()).len(), 1, "SIGKILL leaves its temporary");
    assert_eq!(std::fs::read(&g).unwrap(), old);
    casegraph().arg("build").arg(fixture("resolve")).arg("-o").arg(&g).assert().success();
    assert!(temporaries(d.path()).is_empty(), "the next write cleans it");
    assert_ne!(std::fs::read(&g).unwrap(), old);
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn a_csv_pair_is_replaced_whole_or_not_at_all() {
    let (d, g) = crate::built(&["small"]);
    let csv = d.path().join("csv");
    casegraph().arg("export").arg(&g).args(["--format", "csv", "-o"]).arg(&csv).assert().success();
    let nodes = std::fs::read(csv.join("nodes.csv")).unwrap();
    let edges = std::fs::read(csv.join("edges.csv")).unwrap();
    let big = d.path().join("big.ron");
    casegraph().arg("build").arg(fixture("small")).arg(fixture("resolve")).arg("-o").arg(&big).assert().success();
    let args = [std::ffi::OsStr::new("export"), big.as_os_str(), "--format".as_ref(), "csv".as_ref(), "-o".as_ref(), csv.as_os_str()];
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casegraph"))
        .env("CASEGRAPH_TEST_HOLD_WRITE_MS", "20000")
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while temporaries(&csv).len() < 2 {
        assert!(start.elapsed() < Duration::from_secs(60), "both files are staged before either is renamed");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&child, "-TERM");
    child.wait().unwrap();
    assert_eq!(std::fs::read(csv.join("nodes.csv")).unwrap(), nodes);
    assert_eq!(std::fs::read(csv.join("edges.csv")).unwrap(), edges);
    assert!(temporaries(&csv).is_empty());
    casegraph().arg("export").arg(&big).args(["--format", "csv", "-o"]).arg(&csv).assert().success();
    assert_ne!(std::fs::read(csv.join("nodes.csv")).unwrap(), nodes);
    assert_ne!(std::fs::read(csv.join("edges.csv")).unwrap(), edges);
}

// ---- 3. concurrent writers lose nothing --------------------------------

fn release(i: usize) -> String {
    format!(
        "Action day number {i}\n\nSource: Test\n\nWith the support of Europol, authorities in Spain arrested {n} suspects in case {i} during an action day.\n",
        n = i + 2
    )
}

#[test]
fn ten_concurrent_appends_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.ron");
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().success();
    let files: Vec<PathBuf> = (0..10)
        .map(|i| {
            let f = dir.path().join(format!("new-{i}.txt"));
            std::fs::write(&f, release(i)).unwrap();
            f
        })
        .collect();
    // one after another, for reference
    for f in &files {
        casegraph().arg("build").arg(f).arg("--append").arg(&g).assert().success();
    }
    // and all at once
    let bin = assert_cmd::cargo::cargo_bin("casegraph");
    let g2 = dir.path().join("g2.ron");
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g2).assert().success();
    let handles: Vec<_> = files
        .iter()
        .map(|f| {
            std::process::Command::new(&bin)
                .arg("build")
                .arg(f)
                .arg("--append")
                .arg(&g2)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for h in handles {
        let out = h.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let graph = casegraph::graph::load(&g2).unwrap();
    assert_eq!(graph.documents.len(), 2 + 10, "every append landed");
    for i in 0..10 {
        assert!(graph.documents.iter().any(|d| d.path.ends_with(&format!("new-{i}.txt"))), "new-{i}.txt missing");
    }
    assert_eq!(std::fs::read(&g).unwrap(), std::fs::read(&g2).unwrap(), "same as the appends one by one");
}

#[test]
fn twenty_concurrent_curate_calls_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("curation.ron");
    let bin = assert_cmd::cargo::cargo_bin("casegraph");
    let handles: Vec<_> = (0..20)
        .map(|i| {
            std::process::Command::new(&bin)
                .args(["curate", "--file"])
                .arg(&cur)
                .args(["rename", &format!("agency:body-{i}"), &format!("Body number {i}")])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for h in handles {
        let out = h.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let c = casegraph::resolve::Curation::load(&cur).unwrap();
    assert_eq!(c.rename.len(), 20, "{c:?}");
    assert!(temporaries(dir.path()).is_empty());
}

// ---- 4. reading is bounded by the bytes read ---------------------------

#[cfg(unix)]
#[test]
fn a_fifo_or_socket_in_a_folder_is_skipped_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), RELEASE).unwrap();
    mkfifo(&input.join("pipe.txt"));
    let _sock = std::os::unix::net::UnixListener::bind(input.join("sock.txt")).unwrap();
    let g = dir.path().join("g.ron");
    // opening the FIFO would wait forever for a writer
    let out = casegraph().arg("build").arg(&input).arg("-o").arg(&g).timeout(Duration::from_secs(60)).output().unwrap();
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("pipe.txt: a FIFO (named pipe), not a regular file: not read"), "{err}");
    assert!(err.contains("sock.txt: a socket, not a regular file"), "{err}");
    assert!(err.contains("2 skipped"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_or_device_named_explicitly_is_refused_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.txt");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            // more than the limit, then the pipe stays open: only a bounded read ends
            let _ = f.write_all(&"Europol supported it. ".repeat(100_000).into_bytes());
            std::thread::sleep(Duration::from_secs(30));
        })
    };
    casegraph()
        .arg("extract")
        .arg(&fifo)
        .args(["--max-file-size", "100000"])
        .timeout(Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("endless.txt: over the limit of 100000 bytes"));
    drop(writer);
    casegraph()
        .args(["extract", "/dev/zero", "--max-file-size", "1000000"])
        .timeout(Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("/dev/zero: over the limit of 1000000 bytes"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_input_folder_are_followed_only_with_follow() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let outside = dir.path().join("outside");
    std::fs::create_dir(&input).unwrap();
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(input.join("a.txt"), RELEASE).unwrap();
    std::fs::write(outside.join("b.txt"), release(1)).unwrap();
    std::fs::write(input.join("inner.txt"), release(2)).unwrap();
    std::os::unix::fs::symlink(outside.join("b.txt"), input.join("b.txt")).unwrap();
    std::os::unix::fs::symlink("inner.txt", input.join("c.txt")).unwrap();
    let g = dir.path().join("g.ron");
    let out = casegraph().arg("build").arg(&input).arg("-o").arg(&g).output().unwrap();
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("1 symlink(s) out of the input not followed (--follow reads them)"), "{err}");
    assert!(err.contains("b.txt: symlink to") && err.contains("outside the input folder"), "{err}");
    // a.txt and inner.txt (c.txt is the same text, kept once)
    assert_eq!(casegraph::graph::load(&g).unwrap().documents.len(), 2);
    let out = casegraph().arg("build").arg(&input).arg("--follow").arg("-o").arg(&g).output().unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("1 symlink(s) out of the input followed"), "{err}");
    assert_eq!(casegraph::graph::load(&g).unwrap().documents.len(), 3);
}

// ---- 5. config files: kinds, unknown fields, impossible corrections ----

#[test]
fn curate_refuses_to_write_over_a_graph_and_loaders_name_the_kind_they_got() {
    let (d, g) = crate::built(&["small"]);
    let before = std::fs::read(&g).unwrap();
    casegraph()
        .args(["curate", "--file"])
        .arg(&g)
        .args(["rename", "agency:europol", "X"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a curation file (it looks like a casegraph graph)"));
    assert_eq!(std::fs::read(&g).unwrap(), before, "the graph is untouched");
    let cases = [
        ("notes.txt", "Nine arrested in Spain\n\nSource: Europol\n", "it looks like plain text"),
        ("pic.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", "it looks like an SVG image"),
        ("q.ron", "Link(a: \"Romania\", b: \"France\")\n", "it looks like a query file"),
        ("curation.ron", "(merge: [])\n", "it looks like a curation file"),
    ];
    for (name, text, what) in cases {
        let p = d.path().join(name);
        std::fs::write(&p, text).unwrap();
        let out = casegraph().arg("stats").arg(&p).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(&format!("{name}: is not a casegraph graph ({what})")), "{err}");
        assert!(!err.contains("VersionProbe") && !err.contains("Expected"), "{err}");
    }
}

#[test]
fn a_curation_file_with_an_unknown_field_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("curation.ron");
    std::fs::write(&cur, "(\n    merge: [],\n    renames: [(id: \"agency:europol\", name: \"X\")],\n)\n").unwrap();
    let g = dir.path().join("g.ron");
    casegraph()
        .arg("build")
        .arg(fixture("small"))
        .arg("-o")
        .arg(&g)
        .assert()
        .failure()
        .stderr(predicate::str::is_match(r"curation\.ron:3:\d+: .*renames").unwrap());
    std::fs::write(&cur, "(merge: [(into: \"agency:europol\", from: \"agency:eurojust\", note: \"same\")])\n").unwrap();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().failure().stderr(predicate::str::contains("note"));
    // the same checks apply to a file edited by hand as to `curate`
    std::fs::write(&cur, "(\n  set_country: [\n    (id: \"agency:europol\", country: \"xx\"),\n  ],\n)\n").unwrap();
    casegraph()
        .arg("build")
        .arg(fixture("small"))
        .arg("-o")
        .arg(&g)
        .assert()
        .failure()
        .stderr(predicate::str::is_match(r"curation\.ron:3:\d+: unknown country code 'xx'").unwrap());
}

#[test]
fn curate_refuses_corrections_that_cannot_be_right() {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("curation.ron");
    let cases: [(&[&str], &str); 5] = [
        (&["merge", "agency:europol", "country:ro"], "different kinds"),
        (&["rename", "agency:europol", "   "], "name is empty"),
        (&["set-country", "agency:europol", "zz"], "unknown country code 'zz'"),
        (&["split", "agency:europol", "EMSC", "country:emsc"], "same kind"),
        (&["merge", "agency:europol", "europol"], "not kind:slug"),
    ];
    for (args, what) in cases {
        casegraph().args(["curate", "--file"]).arg(&cur).args(args).assert().failure().stderr(predicate::str::contains(what));
        assert!(!cur.exists(), "{args:?} wrote a file");
    }
    casegraph().args(["curate", "--file"]).arg(&cur).args(["set-country", "agency:europol", "AT"]).assert().success();
    assert!(std::fs::read_to_string(&cur).unwrap().contains("country: \"at\""));
}

#[test]
fn a_split_onto_an_existing_id_is_refused_and_merges_of_missing_ids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("curation.ron");
    let g = dir.path().join("g.ron");
    casegraph().args(["curate", "--file"]).arg(&cur).args(["split", "agency:europol", "Europol", "agency:eurojust"]).assert().success();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().failure().stderr(predicate::str::contains(
        "curation.ron: curation: split agency:europol 'Europol' onto agency:eurojust: that id is already Eurojust",
    ));
    std::fs::remove_file(&cur).unwrap();
    casegraph().args(["curate", "--file"]).arg(&cur).args(["merge", "agency:europol", "agency:nobody"]).assert().success();
    casegraph().args(["curate", "--file"]).arg(&cur).args(["merge", "agency:nothing", "agency:eurojust"]).assert().success();
    casegraph().arg("build").arg(fixture("small")).arg("-o").arg(&g).assert().success().stderr(
        predicate::str::contains("merge from agency:nobody: no such entity")
            .and(predicate::str::contains("merge into agency:nothing: no such entity")),
    );
}

// ---- 6. terminal output is safe ----------------------------------------

#[cfg(unix)]
#[test]
fn file_names_with_line_breaks_or_escapes_keep_warnings_and_errors_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), RELEASE).unwrap();
    std::fs::write(input.join("evil\n\u{1b}[31mname\0.txt".replace('\0', "")), b"\0\0binary").unwrap();
    std::fs::write(input.join("same\u{7}.txt"), RELEASE).unwrap();
    let g = dir.path().join("g.ron");
    let out = casegraph().arg("build").arg(&input).arg("-o").arg(&g).output().unwrap();
    assert!(out.status.success());
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07), "no raw ESC or BEL");
    let err = stderr_of(&out);
    assert!(err.lines().all(|l| l.starts_with("casegraph: ")), "every line is one message: {err}");
    assert!(err.contains("evil\\u{a}\\u{1b}[31mname.txt"), "{err}");
    let out = casegraph().arg("extract").arg(input.join("gone\u{1b}]0;title\u{7}.txt")).output().unwrap();
    assert!(!out.status.success());
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out).lines().count(), 1);
}

// ---- 7. encodings -------------------------------------------------------

#[test]
fn a_utf8_bom_is_skipped_and_offsets_stay_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.txt");
    let bytes = [b"\xEF\xBB\xBF".as_slice(), RELEASE.as_bytes()].concat();
    std::fs::write(&p, &bytes).unwrap();
    let v = json(casegraph().arg("extract").arg(&p));
    let doc = &v["documents"][0];
    assert_eq!(doc["title"], "Nine arrested in a joint action day");
    let mut checked = 0;
    for e in doc["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(&bytes[s..t], m["text"].as_str().unwrap().as_bytes());
            checked += 1;
        }
    }
    for r in doc["relations"].as_array().unwrap() {
        for ev in r["evidence"].as_array().unwrap() {
            let (s, t) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
            assert_eq!(&bytes[s..t], ev["text"].as_str().unwrap().as_bytes());
            checked += 1;
        }
    }
    assert!(checked > 5);
}

#[test]
fn utf16_with_a_bom_is_decoded_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(RELEASE.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(RELEASE.encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
    for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let v = json(casegraph().arg("extract").arg(&p));
        let doc = &v["documents"][0];
        assert_eq!(doc["title"], "Nine arrested in a joint action day", "{name}");
        let ids: Vec<&str> = doc["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert!(ids.contains(&"agency:europol") && ids.contains(&"country:ro"), "{name}: {ids:?}");
    }
}

// ---- 8. the graph loader checks what it loads --------------------------

#[test]
fn damaged_relations_are_refused_with_their_position() {
    use casegraph::graph::GraphFile;
    let (d, g) = crate::built(&["small"]);
    let good: GraphFile = ron::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    let bad = d.path().join("bad.ron");
    type Damage = fn(&mut GraphFile);
    let position = regex::Regex::new(r"bad\.ron:(\d+):(\d+): relation").unwrap();
    let damage: [(&str, Damage); 5] = [
        ("already a relation", |f| {
            let r = f.relations[3].clone();
            f.relations.insert(4, r);
        }),
        ("source and target are the same entity", |f| f.relations[3].target = f.relations[3].source.clone()),
        ("says 2 documents, but its evidence comes from 1", |f| f.relations[3].documents = 2),
        ("does not hold its text", |f| f.relations[3].evidence[0].end += 4000),
        ("does not hold its text", |f| {
            let ev = &mut f.relations[3].evidence[0];
            ev.start += 1;
        }),
    ];
    for (what, hurt) in damage {
        let mut f = good.clone();
        hurt(&mut f);
        let text = f.to_ron();
        std::fs::write(&bad, &text).unwrap();
        let out = casegraph().arg("stats").arg(&bad).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(what), "{what}: {err}");
        let caps = position.captures(&err).unwrap_or_else(|| panic!("{err}"));
        let line: usize = caps[1].parse().unwrap();
        let at = text.lines().nth(line - 1).unwrap();
        let r = &f.relations[if what.contains("already") { 4 } else { 3 }];
        assert!(at.contains(&format!("source: \"{}\"", r.source)), "{what}: line {line} is {at:?}");
        // the relation before it is not the one blamed
        let relations_at = text.lines().position(|l| l.trim_start().starts_with("relations:")).unwrap();
        let before = text.lines().take(line - 1).skip(relations_at).filter(|l| l.trim_start().starts_with("source:")).count();
        assert_eq!(before, if what.contains("already") { 4 } else { 3 }, "{what}");
    }
}

// ---- 10 / issue 15.5. real HTML -----------------------------------------

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Press room | National Police</title>
<style>body { font: 12px sans-serif }</style>
<script>window.dataLayer = []; function track(x) { if (x < 1) return "<p>Frontex</p>"; }</script></head>
<body>
<header class="site"><a href="/">National Police</a> <nav><a href="/en">English</a></nav></header>
<div id="cookie-consent"><p>We use cookies. <button>Accept all</button></p></div>
<nav aria-label="breadcrumb"><ol><li>Home</li><li>News</li><li>Frontex</li></ol></nav>
<main>
<article>
  <header><h1>Twelve arrested in Portugal and Spain</h1><p class="date">3 July</p></header>
  <p>Source: Europol</p>
  <p>The Pol&iacute;cia Judici&aacute;ria and the Spanish Guardia&nbsp;Civil, with the support of Europol,
     arrested twelve suspects. Victims were recruited in Brazil &amp; exploited in Portugal.</p>
  <ul><li>Portugal: Pol&iacute;cia Judici&aacute;ria</li><li>Spain: Guardia Civil</li></ul>
  <script>var shares = 0;
  <p>Eurojust coordinated the judicial side of the case.</p>
</article>
</main>
<aside><h2>Related</h2><p>Interpol warns about fake job offers</p></aside>
<footer><p>All rights reserved</p></footer>
</body></html>
"#;

#[test]
fn a_saved_page_gives_its_article_with_every_entity_decoded_and_no_clutter() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("release.html");
    std::fs::write(&p, PAGE).unwrap();
    let v = json(casegraph().arg("extract").arg(&p));
    let doc = &v["documents"][0];
    assert_eq!(doc["title"], "Twelve arrested in Portugal and Spain", "the <h1> inside <article><header>");
    let ents = doc["entities"].as_array().unwrap();
    let ids: Vec<&str> = ents.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"agency:policia-judiciaria"), "entities decoded: {ids:?}");
    assert!(ids.contains(&"agency:guardia-civil") && ids.contains(&"agency:europol"), "{ids:?}");
    assert!(ids.contains(&"agency:eurojust"), "text after an unterminated <script> is kept: {ids:?}");
    assert!(!ids.contains(&"agency:frontex"), "nothing from scripts or breadcrumbs: {ids:?}");
    assert!(!ids.contains(&"agency:interpol"), "nothing from the aside: {ids:?}");
    assert!(!ents.iter().any(|e| e["name"].as_str().unwrap().contains('&')), "no raw entity in a name");
    let names: Vec<&str> = ents.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Polícia Judiciária"), "{names:?}");
    let rels = doc["relations"].as_array().unwrap();
    assert!(rels.iter().any(|r| r["source"] == "agency:eurojust" && r["relation"] == "coordinated"), "{rels:?}");
    // a page of only clutter is still refused
    let clutter = dir.path().join("clutter.html");
    std::fs::write(
        &clutter,
        "<html><body><div class=\"cookie-banner\">We use cookies</div><nav>Home</nav><p>Share this page</p></body></html>",
    )
    .unwrap();
    casegraph().arg("extract").arg(&clutter).assert().failure().stderr(predicate::str::contains("clutter"));
}

#[test]
fn html_list_lines_keep_their_shape_and_offsets_point_into_the_page_text() {
    let page = casegraph::ingest::page(PAGE);
    assert!(page.text.contains("\nPortugal: Polícia Judiciária\nSpain: Guardia Civil\n"), "{}", page.text);
    assert!(page.text.contains("Guardia Civil, with the support of Europol, arrested twelve suspects."), "{}", page.text);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("release.html");
    std::fs::write(&p, PAGE).unwrap();
    let v = json(casegraph().arg("extract").arg(&p));
    for e in v["documents"][0]["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(&page.text[s..t], m["text"].as_str().unwrap());
        }
    }
}
