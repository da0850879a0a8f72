//! casegraph's side of `benches/peers.sh`: time, in process, what the
//! peers are timed on (graph load, PageRank, a shortest path, betweenness
//! and closeness, extraction), and write the graphs as edge lists so that
//! NetworkX and rustworkx compute on exactly the same edges.
//!
//! ```sh
//! cargo run --release --example casegraph-time -- LARGE.ron SMALL.ron OUT_DIR [TEXT_DIR...]
//! ```
//!
//! Prints one JSON object per line: `{"what": ..., "seconds": ..., ...}`.
//! PageRank and the path run on LARGE, betweenness and closeness on SMALL
//! (they cost nodes x edges, which NetworkX cannot finish on LARGE).

use casegraph::extract::{Extractor, Gazetteer};
use casegraph::graph::CaseGraph;
use casegraph::query::{paths, scores, undirected, Measure, PathOptions};
use petgraph::visit::EdgeRef;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator the `casegraph` binary uses, so extraction is timed as shipped.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best of a few runs, as the peers are timed.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn report(what: &str, seconds: f64, extra: &str) {
    println!("{{\"what\": \"{what}\", \"seconds\": {seconds:.6}{extra}}}");
}

/// The undirected simple graph the measures run on, as `id<TAB>id` lines.
fn edge_list(g: &CaseGraph, path: &Path) {
    let u = undirected(g);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("edge list"));
    for n in u.node_indices() {
        // isolated nodes count in PageRank and closeness: list them too
        if u.edges(n).next().is_none() {
            writeln!(out, "{}", g.entity(u[n]).id).expect("write");
        }
    }
    for e in u.edge_references() {
        writeln!(out, "{}\t{}", g.entity(u[e.source()]).id, g.entity(u[e.target()]).id).expect("write");
    }
    out.flush().expect("write");
}

fn main() {
    casegraph::platform::no_huge_pages();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: casegraph-time LARGE.ron SMALL.ron OUT_DIR [TEXT_DIR...]");
        std::process::exit(2);
    }
    let (large, small, out) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    std::fs::create_dir_all(&out).expect("out dir");

    let (t, g) = best(3, || casegraph::graph::load(&large).expect("large graph"));
    report("load", t, &format!(", \"relations\": {}, \"entities\": {}", g.edge_count(), g.node_count()));
    edge_list(&g, &out.join("large.tsv"));
    let u = undirected(&g);
    let (t, _) = best(3, || scores(&u, Measure::Pagerank, false).expect("pagerank"));
    report("pagerank", t, &format!(", \"nodes\": {}, \"edges\": {}", u.node_count(), u.edge_count()));
    // a shortest path between a hub and the linked group last in id order (a few hops away)
    let from: casegraph::model::EntityId = "agency:europol".parse().expect("id");
    let linked = |e: &&casegraph::model::EntityRecord| {
        e.kind == casegraph::model::EntityKind::Ocg && g.node(&e.id).is_some_and(|n| g.graph().neighbors_undirected(n).next().is_some())
    };
    let to = g.entities().filter(linked).map(|e| e.id.clone()).max().expect("a linked group");
    let (a, b) = (g.node(&from).expect("europol"), g.node(&to).expect("last"));
    let (t, p) = best(5, || paths(&g, a, b, &PathOptions::default()).expect("path"));
    let hops = p.paths.first().map(|p| p.len()).unwrap_or(0);
    report("shortest path", t, &format!(", \"from\": \"{from}\", \"to\": \"{to}\", \"hops\": {hops}"));
    // the other queries the README gives figures for, on the same graph
    let (ro, ng) = (g.node(&"country:ro".parse().expect("id")), g.node(&"country:ng".parse().expect("id")));
    if let (Some(ro), Some(ng)) = (ro, ng) {
        let (t, _) = best(5, || casegraph::query::link(&g, ro, ng, casegraph::model::EntityKind::Agency, 2, 20).map(|l| l.answers.len()));
        report("link country:ro country:ng, agencies, 2 hops", t, "");
    }
    let (t, n) = best(5, || casegraph::query::neighbors(&g, a, None, 1).len());
    report("neighbors agency:europol", t, &format!(", \"neighbors\": {n}"));

    let small_g = casegraph::graph::load(&small).expect("small graph");
    edge_list(&small_g, &out.join("small.tsv"));
    let su = undirected(&small_g);
    let (t, _) = best(3, || scores(&su, Measure::Betweenness, false).expect("betweenness"));
    report("betweenness", t, &format!(", \"nodes\": {}, \"edges\": {}", su.node_count(), su.edge_count()));
    let (t, _) = best(3, || scores(&su, Measure::Closeness, false).expect("closeness"));
    report("closeness", t, &format!(", \"nodes\": {}, \"edges\": {}", su.node_count(), su.edge_count()));

    let ex = Extractor::new(Gazetteer::builtin().expect("gazetteer"));
    for dir in &args[3..] {
        let docs =
            casegraph::ingest::read_inputs(&[PathBuf::from(dir)], &casegraph::ingest::IngestOptions::default()).expect("texts").documents;
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let set = format!(", \"set\": \"{dir}\", \"documents\": {}, \"bytes\": {bytes}", docs.len());
        let (t, _) = best(3, || docs.iter().map(|d| ex.extract(d).relations.len()).sum::<usize>());
        report("extract, one core", t, &set);
        use rayon::prelude::*;
        let (t, _) = best(3, || docs.par_iter().map(|d| ex.extract(d).relations.len()).sum::<usize>());
        report(&format!("extract, rayon ({} threads)", rayon::current_num_threads()), t, &set);
    }
}
