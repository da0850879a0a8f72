//! Order and shard independence of `build --from-extracts`: the corpus,
//! plus a pair of releases where one defines an acronym the gazetteer does
//! not know and the other uses it alone, plus one release saved twice under
//! two names, is split into shards in a random order; each shard's extract
//! lines go to their own file; the files are merged in a random order; the
//! graph must be byte-identical to a single `build` over the folder. A
//! second property builds a graph from some shards and appends the rest.
//!
//! Every document's extract line is made once (extraction of one document
//! does not depend on the others: that is what makes sharding possible);
//! the properties are about the merge. `tests/cli/spark.rs` runs the
//! extraction itself per shard through the binary.

use casegraph::extract::{Extractor, Gazetteer};
use casegraph::extracts;
use casegraph::ingest::{read_inputs, IngestOptions};
use casegraph::pipeline::{build, build_from, BuildOptions, BuildReport};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A release defining an acronym for a body no gazetteer knows, and one using it alone.
const DEFINES: &str = "Ruritanian investigators dismantle trafficking ring\n\n\
With the support of Europol, the Ruritanian Border Investigation Unit (RBIU) arrested six suspects in Austria on 4 May 2023.\n";
const USES: &str = "Seven arrested for smuggling migrants into Austria\n\n\
Coordinated by Eurojust, the RBIU arrested seven suspects in Austria and Hungary on 9 June 2023.\n";

struct Fixture {
    _dir: tempfile::TempDir,
    /// One extract line per document, in reading order.
    lines: Vec<String>,
    /// `build` over the folder.
    graph: String,
    with_learned: usize,
}

static FIX: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("releases");
    std::fs::create_dir_all(folder.join("more")).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut names: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in &names {
        std::fs::copy(p, folder.join(p.file_name().unwrap())).unwrap();
    }
    // the same text under a second name: build keeps the first it reads
    std::fs::copy(&names[3], folder.join("more").join("copy.txt")).unwrap();
    std::fs::write(folder.join("more").join("defines.txt"), DEFINES).unwrap();
    std::fs::write(folder.join("zz-uses.txt"), USES).unwrap();
    let opts = BuildOptions::default();
    let (g, report) = build(std::slice::from_ref(&folder), None, &opts).unwrap();
    let docs = read_inputs(std::slice::from_ref(&folder), &IngestOptions::default()).unwrap().documents;
    let ex = Extractor::new(Gazetteer::builtin().unwrap());
    let fp = extracts::fingerprint(&[]).unwrap();
    let mut lines: Vec<String> = docs.iter().map(|d| extracts::line(d, &ex.extract(d), &fp)).collect();
    // read_inputs kept the copy once; its line is what an extraction of that file alone gives
    let copy = read_inputs(&[folder.join("more").join("copy.txt")], &IngestOptions::default()).unwrap().documents;
    lines.push(extracts::line(&copy[0], &ex.extract(&copy[0]), &fp));
    Fixture { lines, graph: g.to_file().to_ron(), with_learned: report.with_learned, _dir: dir }
});

/// Write each shard's lines to its own file, the files named in `order`.
fn write_shards(dir: &Path, shards: &[Vec<usize>], order: &[usize]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for &s in order {
        let p = dir.join(format!("part-{s:05}"));
        let text: String = shards[s].iter().map(|&i| format!("{}\n", FIX.lines[i])).collect();
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    files
}

fn merge(files: &[PathBuf], base: Option<&casegraph::graph::CaseGraph>) -> (String, casegraph::graph::CaseGraph) {
    let got = extracts::read(files, &extracts::fingerprint(&[]).unwrap()).unwrap();
    let report = BuildReport { warnings: got.warnings, ..Default::default() };
    let items = got.items.into_iter().map(|(d, x)| (d, Some(x))).collect();
    let (g, _) = build_from(items, base, &BuildOptions::default(), report).unwrap();
    (g.to_file().to_ron(), g)
}

/// A shuffle of the documents, cut into 1 to 6 shards, and an order of the shards.
fn split() -> impl Strategy<Value = (Vec<Vec<usize>>, Vec<usize>)> {
    let n = FIX.lines.len();
    (Just((0..n).collect::<Vec<usize>>()).prop_shuffle(), prop::collection::vec(0..=n, 0..5)).prop_flat_map(|(docs, mut cuts)| {
        cuts.sort();
        let mut shards = Vec::new();
        let mut from = 0;
        for c in cuts.into_iter().chain(std::iter::once(docs.len())) {
            shards.push(docs[from..c.max(from)].to_vec());
            from = c.max(from);
        }
        let k = shards.len();
        (Just(shards), Just((0..k).collect::<Vec<usize>>()).prop_shuffle())
    })
}

/// Move every article of a file to the shard that holds its first line.
fn whole_files(mut shards: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let path = |i: usize| -> String {
        let v: serde_json::Value = serde_json::from_str(&FIX.lines[i]).unwrap();
        v["path"].as_str().unwrap().to_string()
    };
    let mut owner = std::collections::BTreeMap::new();
    for (s, shard) in shards.iter().enumerate() {
        for &i in shard {
            owner.entry(path(i)).or_insert(s);
        }
    }
    for (s, shard) in shards.iter_mut().enumerate() {
        shard.retain(|&i| owner[&path(i)] == s);
    }
    for i in 0..FIX.lines.len() {
        let s = owner.get(&path(i)).copied();
        if let Some(s) = s {
            if !shards[s].contains(&i) {
                shards[s].push(i);
            }
        }
    }
    shards
}

/// Cases per property: each builds the gazetteer's automata once or twice,
/// which takes about a second in a debug build (`PROPTEST_CASES` for more).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(default)
}

#[test]
fn the_fixture_uses_a_cross_document_acronym() {
    // otherwise the properties below would not test acronym learning at all
    assert!(FIX.with_learned > 0);
    assert!(FIX.graph.contains("RBIU"));
    assert_eq!(FIX.lines.len(), 24);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(10), ..ProptestConfig::default() })]

    #[test]
    fn any_split_in_any_order_gives_the_graph_of_one_build((shards, order) in split()) {
        let dir = tempfile::tempdir().unwrap();
        let files = write_shards(dir.path(), &shards, &order);
        let (graph, _) = merge(&files, None);
        prop_assert!(graph == FIX.graph, "shards {:?} in order {:?} gave another graph", shards, order);
    }

    // one extract run reads a whole file, so the lines of a file's articles
    // come together; an append then replaces what the file said before
    #[test]
    fn building_from_some_shards_and_appending_the_rest_gives_the_same_graph((shards, order) in split(), at in 0usize..7) {
        // without the copy: a text the graph holds already is skipped by an
        // append whatever its path, as `build --append` does with files
        let copy = FIX.lines.len() - 1;
        let shards: Vec<Vec<usize>> = shards.into_iter().map(|s| s.into_iter().filter(|&i| i != copy).collect()).collect();
        let shards = whole_files(shards);
        let dir = tempfile::tempdir().unwrap();
        let files = write_shards(dir.path(), &shards, &order);
        let (first, rest) = files.split_at(at.min(files.len()));
        let (_, base) = merge(first, None);
        let (graph, _) = merge(rest, Some(&base));
        prop_assert!(graph == FIX.graph, "shards {:?} in order {:?}, appended after {}, gave another graph", shards, order, at);
    }
}
