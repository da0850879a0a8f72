//! Benchmarks per stage: extraction on the shipped corpus, a whole build,
//! and queries on synthetic graphs far larger than the corpus.
//!
//! `cargo bench` runs them; the figures go into issue notes, never into tests.

use casegraph::extract::{Extractor, Gazetteer};
use casegraph::graph::CaseGraph;
use casegraph::ingest::{read_inputs, IngestOptions};
use casegraph::model::{DocId, EntityId, EntityKind, Evidence, RelationKind};
use casegraph::query::{centrality, paths, Measure, PathOptions};
use casegraph::resolve::{DocumentRecord, EntityRecord, EntitySource, RelationRecord};
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn corpus() -> Vec<casegraph::ingest::Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    read_inputs(&[dir], &IngestOptions::default()).expect("corpus").documents
}

fn extraction(c: &mut Criterion) {
    let docs = corpus();
    let ex = Extractor::new(Gazetteer::builtin().expect("gazetteer"));
    c.bench_function("gazetteer: compile built-in data", |b| b.iter(|| Gazetteer::builtin().expect("gazetteer")));
    c.bench_function("extract: whole corpus (18 releases)", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(d).relations.len()).sum::<usize>())
    });
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let opts = casegraph::pipeline::BuildOptions::default();
    c.bench_function("build: corpus to graph", |b| {
        b.iter(|| casegraph::pipeline::build(std::slice::from_ref(&dir), None, &opts).expect("build").0.node_count())
    });
}

/// A synthetic case graph: `ops` operations, each coordinated by one of
/// `agencies` agencies and joined by `per_op` countries, with evidence.
pub fn synthetic(agencies: usize, countries: usize, ops: usize, per_op: usize) -> CaseGraph {
    let doc = DocId("d-0".into());
    let ent = |id: String, kind: EntityKind| EntityRecord {
        id: (id).parse::<EntityId>().unwrap(),
        kind,
        name: id.clone(),
        aliases: vec![],
        country: None,
        curated: false,
        merged: Vec::new(),
        sources: vec![EntitySource {
            doc: doc.clone(),
            id: (id).parse::<EntityId>().unwrap(),
            name: id,
            aliases: vec![],
            country: None,
            first: 0,
            when: None,
        }],
    };
    let mut entities = Vec::new();
    entities.extend((0..agencies).map(|i| ent(format!("agency:a{i}"), EntityKind::Agency)));
    entities.extend((0..countries).map(|i| ent(format!("country:c{i}"), EntityKind::Country)));
    entities.extend((0..ops).map(|i| ent(format!("operation:o{i}"), EntityKind::Operation)));
    let ev = || vec![Evidence { doc: doc.clone(), start: 0, end: 1, text: "x".into(), count: None, rule: None, hedged: false }];
    let rel = |s: String, r, t: String| RelationRecord {
        source: (s).parse::<EntityId>().unwrap(),
        relation: r,
        target: (t).parse::<EntityId>().unwrap(),
        count: None,
        documents: 1,
        evidence: ev(),
    };
    let mut relations = Vec::new();
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for o in 0..ops {
        relations.push(rel(format!("agency:a{}", next() as usize % agencies), RelationKind::Coordinated, format!("operation:o{o}")));
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..per_op {
            let c = next() as usize % countries;
            if seen.insert(c) {
                relations.push(rel(format!("country:c{c}"), RelationKind::ParticipatedIn, format!("operation:o{o}")));
            }
        }
    }
    let documents = vec![DocumentRecord {
        id: doc.clone(),
        path: "x".into(),
        article: None,
        title: "x".into(),
        source: None,
        hash: "x".into(),
        date: None,
    }];
    CaseGraph::from_parts(documents, entities, relations).expect("synthetic graph")
}

fn queries(c: &mut Criterion) {
    let mut group = c.benchmark_group("queries");
    group.sample_size(10);
    let g = synthetic(200, 150, 2_000, 8);
    eprintln!("synthetic graph: {} nodes, {} relations", g.node_count(), g.edge_count());
    group.bench_function("betweenness, 2,350 nodes / ~17,600 relations", |b| {
        b.iter(|| centrality(&g, Measure::Betweenness, Some(EntityKind::Agency), 10, false).expect("centrality"))
    });
    group.bench_function("pagerank, 2,350 nodes", |b| b.iter(|| centrality(&g, Measure::Pagerank, None, 10, false).expect("centrality")));
    // petgraph's page_rank is O(n²) per iteration and fixed-iteration; ours is
    // O(edges) per iteration and stops at NetworkX's tolerance: compare them
    let u = casegraph::query::undirected(&g);
    let mut directed = petgraph::graph::DiGraph::<(), ()>::with_capacity(u.node_count(), 2 * u.edge_count());
    for _ in 0..u.node_count() {
        directed.add_node(());
    }
    for e in petgraph::visit::IntoEdgeReferences::edge_references(&u) {
        use petgraph::visit::EdgeRef;
        directed.add_edge(e.source(), e.target(), ());
        directed.add_edge(e.target(), e.source(), ());
    }
    group.bench_function("pagerank with petgraph::algo::page_rank (100 iterations), 2,350 nodes", |b| {
        b.iter(|| petgraph::algo::page_rank(&directed, 0.85_f64, 100))
    });
    let big = synthetic(2_000, 250, 100_000, 12);
    eprintln!("large synthetic graph: {} nodes, {} relations", big.node_count(), big.edge_count());
    let node = |id: &str| big.node(&id.parse().expect("id")).expect("in the graph");
    let (a, z) = (node("agency:a1"), node("country:c7"));
    group.bench_function("shortest path, ~1.27M relations", |b| b.iter(|| paths(&big, a, z, &PathOptions::default()).expect("path")));
    let all = PathOptions { all: true, max_hops: 4, limit: 20, ..Default::default() };
    group.bench_function("all paths up to 4 hops, limit 20, ~1.27M relations", |b| b.iter(|| paths(&big, a, z, &all).expect("paths")));
    group.bench_function("degree centrality, ~1.27M relations", |b| {
        b.iter(|| centrality(&big, Measure::Degree, None, 10, false).expect("degree"))
    });
    group.bench_function("pagerank, ~1.27M relations", |b| {
        b.iter(|| centrality(&big, Measure::Pagerank, None, 10, false).expect("pagerank"))
    });
    group.bench_function("betweenness refused at its bound, ~1.27M relations", |b| {
        b.iter(|| centrality(&big, Measure::Betweenness, None, 10, false).is_err())
    });
    let (c1, c2) = (node("country:c1"), node("country:c2"));
    group.bench_function("link within 2 hops, ~1.27M relations", |b| {
        b.iter(|| casegraph::query::link(&big, c1, c2, EntityKind::Agency, 2, 20))
    });
    group.bench_function("neighbours at depth 2, ~1.27M relations", |b| b.iter(|| casegraph::query::neighbors(&big, a, None, 2).len()));
    group.finish();
}

criterion_group!(benches, extraction, queries);
criterion_main!(benches);
