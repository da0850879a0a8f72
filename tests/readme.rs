//! The README and the examples of every `--help`, run as written.
//!
//! Conventions of README.md, read by this harness. A marker is an HTML
//! comment (invisible on GitHub) on the line right before a fenced block:
//!
//! - A ```` ```sh ```` block is commands. Each logical line (a trailing `\`
//!   continues it; blank lines and lines that are only a `# comment` are
//!   skipped) runs with `bash -c`, exactly as written, in a temporary copy
//!   of the repository (its tracked and not-ignored files), block after
//!   block in README order, with the `casegraph` under test first on PATH.
//!   Every command must exit 0.
//! - `<!-- readme-test: skip REASON -->`: the block is not run. The reason
//!   is required (the test fails on a bare skip) and says why.
//! - `<!-- readme-test: cargo -->`: a sh block that runs cargo itself (the
//!   first commands of a fresh clone). Run only when `CASEGRAPH_README_CARGO=1`
//!   (`.ci/checks/50-readme.sh`, after the release build, so cargo finds the
//!   dependencies built); plain `cargo test` lists it as not run.
//! - `<!-- readme-test: output -->`: the ```` ```text ```` block after it is
//!   the standard output of the last command run before it, compared line by
//!   line (trailing spaces ignored).
//! - `<!-- readme-test: file PATH -->`: the block is the whole content of
//!   PATH in the repository (so a file shown can be used as shown).
//! - Any other block (ron, text, none) is prose and is not run.
//!
//! After the last block, every file of the copy must be as it is in the
//! repository: no example writes into the repository's own files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    lang: String,
    marker: Option<String>,
    body: String,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(lang) = l.strip_prefix("```") {
            let marker = (i > 0)
                .then(|| lines[i - 1].trim())
                .and_then(|p| p.strip_prefix("<!-- readme-test:"))
                .and_then(|p| p.strip_suffix("-->"))
                .map(|m| m.trim().to_string());
            let start = i;
            let mut body = String::new();
            i += 1;
            while i < lines.len() && !lines[i].starts_with("```") {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            out.push(Block { line: start + 1, lang: lang.trim().to_string(), marker, body });
        }
        i += 1;
    }
    out
}

/// Logical command lines of a sh block: `\` continues a line, comment-only
/// and blank lines are skipped.
fn commands(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in body.lines() {
        if cur.is_empty() && (l.trim().is_empty() || l.trim_start().starts_with('#')) {
            continue;
        }
        match l.strip_suffix('\\') {
            Some(head) => {
                cur.push_str(head);
                cur.push(' ');
            }
            None => {
                cur.push_str(l);
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// The repository's files (tracked, or new and not ignored), relative.
fn repo_files() -> Vec<PathBuf> {
    let out = Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(ROOT)
        .output()
        .expect("git ls-files (the README test copies the repository's files)");
    assert!(out.status.success(), "git ls-files failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
        .filter(|p| Path::new(ROOT).join(p).is_file())
        .collect()
}

/// A temporary copy of the repository and a PATH whose first entry holds
/// the casegraph under test.
struct Sandbox {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    path: String,
    files: Vec<PathBuf>,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = dir.path().join("casegraph");
        let files = repo_files();
        for f in &files {
            let to = repo.join(f);
            std::fs::create_dir_all(to.parent().expect("a file has a folder")).expect("mkdir");
            std::fs::copy(Path::new(ROOT).join(f), &to).expect("copy");
        }
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).expect("mkdir bin");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_casegraph"), bin.join("casegraph")).expect("symlink casegraph");
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
        Sandbox { _dir: dir, repo, path, files }
    }

    /// Run one command line as written; stdout, or a failure message.
    fn run(&self, cmd: &str) -> Result<String, String> {
        let out = Command::new("bash")
            .args(["-c", cmd])
            .current_dir(&self.repo)
            .env("PATH", &self.path)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| format!("cannot run bash: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Files of the repository the commands changed or removed.
    fn changed(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|f| std::fs::read(self.repo.join(f)).ok() != std::fs::read(Path::new(ROOT).join(f)).ok())
            .map(|f| f.display().to_string())
            .collect()
    }
}

fn trimmed(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.lines().map(str::trim_end).collect();
    while v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

#[test]
fn every_readme_command_runs_as_written() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    let with_cargo = std::env::var("CASEGRAPH_README_CARGO").is_ok_and(|v| v == "1");
    let sb = Sandbox::new();
    let mut failures = Vec::new();
    let mut last_output: Option<(usize, String)> = None;
    let mut ran = 0;
    let mut not_run = BTreeMap::new();
    for b in blocks(&readme) {
        let marker = b.marker.as_deref().unwrap_or("");
        if let Some(path) = marker.strip_prefix("file ") {
            let want = std::fs::read_to_string(Path::new(ROOT).join(path.trim())).unwrap_or_default();
            if want != b.body {
                failures.push(format!("README.md:{}: the block differs from {}", b.line, path.trim()));
            }
            continue;
        }
        if marker == "output" {
            match &last_output {
                Some((_, got)) if trimmed(got) == trimmed(&b.body) => {}
                Some((line, got)) => failures
                    .push(format!("README.md:{}: output shown differs from what the command of line {line} printed:\n{got}", b.line)),
                None => failures.push(format!("README.md:{}: an output block with no command before it", b.line)),
            }
            continue;
        }
        if b.lang != "sh" {
            continue;
        }
        if let Some(reason) = marker.strip_prefix("skip") {
            if reason.trim().is_empty() {
                failures.push(format!("README.md:{}: a skipped block must say why", b.line));
            }
            not_run.insert(b.line, format!("skipped: {}", reason.trim()));
            continue;
        }
        if marker == "cargo" && !with_cargo {
            not_run.insert(b.line, "runs cargo: run by .ci/checks/50-readme.sh".to_string());
            continue;
        }
        if !marker.is_empty() && marker != "cargo" {
            failures.push(format!("README.md:{}: unknown marker '{marker}'", b.line));
            continue;
        }
        for cmd in commands(&b.body) {
            ran += 1;
            match sb.run(&cmd) {
                Ok(out) => last_output = Some((b.line, out)),
                Err(e) => {
                    failures.push(format!("README.md:{}: `{cmd}` failed: {e}", b.line));
                    last_output = None;
                }
            }
        }
    }
    let changed = sb.changed();
    if !changed.is_empty() {
        failures.push(format!("the README's commands changed the repository's files: {changed:?}"));
    }
    eprintln!("README: {ran} commands run; not run: {not_run:#?}");
    assert!(ran > 0, "no command found in README.md");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The examples at the end of every `--help`, in a copy of the repository.
#[test]
fn every_help_example_runs_as_written() {
    let sb = Sandbox::new();
    let top = sb.run("casegraph --help").expect("casegraph --help");
    let mut subs: Vec<String> = vec![String::new()];
    let mut in_commands = false;
    for l in top.lines() {
        if l.starts_with("Commands:") {
            in_commands = true;
            continue;
        }
        if in_commands {
            match l.split_whitespace().next() {
                Some(name) if l.starts_with("  ") && name != "help" => subs.push(name.to_string()),
                _ if l.trim().is_empty() => in_commands = false,
                _ => {}
            }
        }
    }
    // curate's own corrections have help pages of their own
    for op in ["merge", "split", "rename", "set-kind", "set-country", "drop-relation"] {
        subs.push(format!("curate {op}"));
    }
    let mut failures = Vec::new();
    let mut ran = 0;
    for sub in &subs {
        let help = sb.run(&format!("casegraph {sub} --help")).expect("help");
        let Some((_, examples)) = help.split_once("Examples:\n") else {
            failures.push(format!("casegraph {sub} --help has no examples"));
            continue;
        };
        let lines: Vec<&str> = examples.lines().take_while(|l| l.starts_with("  ")).collect();
        if lines.is_empty() {
            failures.push(format!("casegraph {sub} --help: empty examples"));
        }
        for cmd in lines {
            ran += 1;
            if let Err(e) = sb.run(cmd.trim()) {
                failures.push(format!("casegraph {sub} --help: `{}` failed: {e}", cmd.trim()));
            }
        }
    }
    let changed = sb.changed();
    if !changed.is_empty() {
        failures.push(format!("help examples changed the repository's files: {changed:?}"));
    }
    eprintln!("help examples: {ran} run over {} commands", subs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_harness_reads_blocks_markers_and_continuations() {
    let md =
        "text\n<!-- readme-test: skip a reason -->\n```sh\ncasegraph a \\\n  --b\n# only a comment\n\ncasegraph c\n```\n```ron\nx\n```\n";
    let b = blocks(md);
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].marker.as_deref(), Some("skip a reason"));
    assert_eq!(b[0].line, 3);
    assert_eq!(b[1].lang, "ron");
    assert_eq!(b[1].marker, None);
    assert_eq!(commands(&b[0].body), vec!["casegraph a    --b".to_string(), "casegraph c".to_string()]);
}
