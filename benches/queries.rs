//! Query benchmarks on graphs built for the worst case of each query: a
//! hub of 100,000 neighbours for `link`, a chain of 8,000 for
//! `neighbors --depth 8000`, 2^20 shortest paths for a huge `--limit`, and
//! a megabyte name or question for lookups.
//!
//! `cargo bench --bench queries` runs them; the figures go into the README
//! and issue notes, never into tests.

use casegraph::graph::CaseGraph;
use casegraph::model::{DocId, DocumentRecord, EntityId, EntityKind, EntityRecord, EntitySource, Evidence, RelationKind, RelationRecord};
use casegraph::query::{link, neighborhood, paths, understand, Lookup, NeighborOptions, PathOptions};
use criterion::{criterion_group, criterion_main, Criterion};

fn ent(id: &str) -> EntityRecord {
    let id: EntityId = id.parse().expect("id");
    EntityRecord {
        kind: id.kind,
        id: id.clone(),
        name: id.slug.to_string(),
        aliases: vec![],
        country: None,
        curated: false,
        merged: Vec::new(),
        sources: vec![EntitySource {
            doc: DocId("d-0".into()),
            id,
            name: String::new(),
            aliases: vec![],
            country: None,
            first: 0,
            when: None,
        }],
    }
}

fn rel(s: &str, relation: RelationKind, t: &str) -> RelationRecord {
    let evidence = vec![Evidence { doc: DocId("d-0".into()), start: 0, end: 1, text: "x".into(), count: None, rule: None, hedged: false }];
    RelationRecord { source: s.parse().expect("id"), relation, target: t.parse().expect("id"), count: None, documents: 1, evidence }
}

fn graph(entities: Vec<EntityRecord>, relations: Vec<RelationRecord>) -> CaseGraph {
    let docs = vec![DocumentRecord {
        id: DocId("d-0".into()),
        path: "x".into(),
        article: None,
        title: "x".into(),
        source: None,
        hash: "x".into(),
        date: None,
    }];
    CaseGraph::from_parts(docs, entities, relations).expect("graph")
}

/// One operation that `n` agencies and two countries took part in.
fn hub(n: usize) -> CaseGraph {
    let mut entities = vec![ent("operation:hub"), ent("country:ro"), ent("country:fr")];
    let mut relations = vec![
        rel("country:ro", RelationKind::ParticipatedIn, "operation:hub"),
        rel("country:fr", RelationKind::ParticipatedIn, "operation:hub"),
    ];
    for i in 0..n {
        let id = format!("agency:a{i}");
        entities.push(ent(&id));
        relations.push(rel(&id, RelationKind::ParticipatedIn, "operation:hub"));
    }
    graph(entities, relations)
}

fn chain(n: usize) -> CaseGraph {
    let entities = (0..n).map(|i| ent(&format!("country:c{i}"))).collect();
    let relations = (1..n).map(|i| rel(&format!("country:c{}", i - 1), RelationKind::ActiveIn, &format!("country:c{i}"))).collect();
    graph(entities, relations)
}

fn diamonds(k: usize) -> CaseGraph {
    let mut entities = vec![ent("country:n0")];
    let mut relations = Vec::new();
    for i in 0..k {
        let (from, to) = (format!("country:n{i}"), format!("country:n{}", i + 1));
        entities.push(ent(&to));
        for side in ["l", "r"] {
            let mid = format!("operation:{side}{i}");
            entities.push(ent(&mid));
            relations.push(rel(&from, RelationKind::ParticipatedIn, &mid));
            relations.push(rel(&to, RelationKind::ParticipatedIn, &mid));
        }
    }
    graph(entities, relations)
}

fn node(g: &CaseGraph, id: &str) -> petgraph::graph::NodeIndex {
    g.node(&id.parse().expect("id")).expect("in the graph")
}

fn queries(c: &mut Criterion) {
    let mut group = c.benchmark_group("queries");
    group.sample_size(10);

    let g = hub(100_000);
    let (ro, fr) = (node(&g, "country:ro"), node(&g, "country:fr"));
    group.bench_function("link around a hub of 100,000 neighbours", |b| {
        b.iter(|| link(&g, ro, fr, EntityKind::Agency, 2, 50).expect("link").total)
    });
    let a0 = node(&g, "agency:a0");
    group.bench_function("all paths through a hub of 100,000 neighbours", |b| {
        b.iter(|| paths(&g, a0, fr, &PathOptions { all: true, max_hops: 4, limit: 20, ..Default::default() }).expect("paths").paths.len())
    });
    group.bench_function("lookup: index of 100,003 entities", |b| b.iter(|| Lookup::new(&g)));
    let index = Lookup::new(&g);
    let name = "Eurojust and ".repeat(80_000);
    group.bench_function("lookup: a 1 MB unknown name, with suggestions", |b| b.iter(|| index.resolve(&g, &name, false).is_err()));
    group.bench_function("lookup: a typo, with suggestions", |b| b.iter(|| index.resolve(&g, "agency a1234", false).is_err()));

    let long = chain(8_000);
    let start = node(&long, "country:c0");
    group.bench_function("neighbors --depth 8000 on a chain of 8,000", |b| {
        let opts = NeighborOptions { depth: 8_000, limit: usize::MAX, ..Default::default() };
        b.iter(|| neighborhood(&long, start, &opts).expect("neighbours").total)
    });

    let d = diamonds(20);
    let (n0, n20) = (node(&d, "country:n0"), node(&d, "country:n20"));
    group.bench_function("shortest paths with --limit 1000000000 over 2^20 of them", |b| {
        b.iter(|| paths(&d, n0, n20, &PathOptions { limit: 1_000_000_000, max_hops: 40, ..Default::default() }).expect("paths").paths.len())
    });

    let question = "which agencies linked Romania and ".repeat(30_000);
    group.bench_function("ask: a 1 MB question refused", |b| b.iter(|| understand(&question).is_err()));
    group.bench_function("ask: parse a question", |b| b.iter(|| understand("which agencies linked Romania and France in 2024").is_ok()));
    group.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
