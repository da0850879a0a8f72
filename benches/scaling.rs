//! How build time grows with the input: 1k, 10k (and 100k) generated
//! releases, one release of 1, 4 (and 16) MB, extraction on one core and
//! on all of them, and queries on a large built graph. Criterion prints each
//! figure with its throughput (MiB/s), so a growth that is not linear shows
//! as a falling throughput.
//!
//! ```sh
//! cargo bench --bench scaling                                # 1k, 10k, 1 MB, 4 MB
//! CASEGRAPH_BENCH_LARGE=1 cargo bench --bench scaling        # also 100k and 16 MB (long)
//! CASEGRAPH_BENCH_DEV=/path/to/dev cargo bench --bench scaling   # also these releases, repeated
//! CASEGRAPH_BENCH_GRAPH=g100k.ron cargo bench --bench scaling    # path, link, neighbors on that graph
//! ```
//!
//! The corpus comes from `examples/casegraph-gen.rs` (same seed, same
//! bytes). Figures go into the README's Performance section, never into tests.

#[path = "../examples/casegraph-gen.rs"]
#[allow(dead_code)]
mod gen;

use casegraph::extract::{Extractor, Gazetteer};
use casegraph::ingest::{read_inputs, Document, IngestOptions};
use casegraph::pipeline::{build, BuildOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SEED: u64 = 7;

fn large() -> bool {
    std::env::var_os("CASEGRAPH_BENCH_LARGE").is_some()
}

fn corpus(dir: &Path, releases: usize) -> usize {
    gen::write_corpus(SEED, releases, dir).expect("generated corpus")
}

fn builds(c: &mut Criterion) {
    let mut group = c.benchmark_group("build: generated releases");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    let mut sizes = vec![1_000, 10_000];
    if large() {
        sizes.push(100_000);
    }
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = corpus(dir.path(), n);
        group.throughput(Throughput::Bytes(bytes as u64));
        let inputs = [dir.path().to_path_buf()];
        group.bench_with_input(BenchmarkId::from_parameter(n), &inputs, |b, inputs| {
            b.iter(|| build(inputs, None, &BuildOptions::default()).expect("build").0.edge_count())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build: one release");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    let mut sizes = vec![1, 4];
    if large() {
        sizes.push(16);
    }
    for mb in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = gen::write_one(SEED, mb, dir.path()).expect("one release");
        group.throughput(Throughput::Bytes(bytes as u64));
        let inputs = [dir.path().to_path_buf()];
        group.bench_with_input(BenchmarkId::from_parameter(format!("{mb} MB")), &inputs, |b, inputs| {
            b.iter(|| build(inputs, None, &BuildOptions::default()).expect("build").0.edge_count())
        });
    }
    group.finish();
}

fn documents(dirs: &[PathBuf]) -> Vec<Document> {
    read_inputs(dirs, &IngestOptions::default()).expect("documents").documents
}

/// Extraction alone (no ingest, no resolution), on one core and on all.
fn extraction(c: &mut Criterion) {
    let ex = Extractor::new(Gazetteer::builtin().expect("gazetteer"));
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path(), 2_000);
    let mut sets = vec![("generated, 2,000 releases".to_string(), documents(&[dir.path().to_path_buf()]))];
    if let Some(dev) = std::env::var_os("CASEGRAPH_BENCH_DEV") {
        // the same releases ten times over: throughput, not variety, is measured here
        let once = documents(&[PathBuf::from(dev)]);
        let n = once.len();
        sets.push((format!("{n} dev releases x 10"), once.iter().cycle().take(10 * n).cloned().collect()));
    }
    let mut group = c.benchmark_group("extract");
    group.sample_size(10).measurement_time(Duration::from_secs(15)).warm_up_time(Duration::from_secs(1));
    for (name, docs) in &sets {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("one core", name), docs, |b, docs| {
            b.iter(|| docs.iter().map(|d| ex.extract(d).relations.len()).sum::<usize>())
        });
        group.bench_with_input(BenchmarkId::new(format!("rayon, {} threads", rayon::current_num_threads()), name), docs, |b, docs| {
            b.iter(|| docs.par_iter().map(|d| ex.extract(d).relations.len()).sum::<usize>())
        });
    }
    group.finish();
}

/// `path`, `link` and `neighbors` on a built graph given by
/// `CASEGRAPH_BENCH_GRAPH` (the 100k-release graph in the README), and
/// loading it.
fn queries(c: &mut Criterion) {
    let Some(path) = std::env::var_os("CASEGRAPH_BENCH_GRAPH").map(PathBuf::from) else { return };
    let mut group = c.benchmark_group("large graph");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    group.bench_function("load", |b| b.iter(|| casegraph::graph::load(&path).expect("graph").edge_count()));
    let g = casegraph::graph::load(&path).expect("graph");
    let node = |id: &str| g.node(&id.parse().expect("id")).expect("in the graph");
    let (europol, romania, nigeria) = (node("agency:europol"), node("country:ro"), node("country:ng"));
    group.bench_function("path agency:europol country:ng", |b| {
        b.iter(|| casegraph::query::paths(&g, europol, nigeria, &casegraph::query::PathOptions::default()).expect("path").paths.len())
    });
    group.bench_function("link country:ro country:ng via agencies, 2 hops", |b| {
        b.iter(|| casegraph::query::link(&g, romania, nigeria, casegraph::model::EntityKind::Agency, 2, 20))
    });
    group.bench_function("neighbors agency:europol depth 1", |b| b.iter(|| casegraph::query::neighbors(&g, europol, None, 1).len()));
    group.finish();
}

criterion_group!(benches, builds, extraction, queries);
criterion_main!(benches);
