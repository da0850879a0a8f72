//! Queries on small graphs built for each case, whose answers are known by hand.

use super::*;
use crate::graph::CaseGraph;
use crate::model::{DocId, DocumentRecord, EntityId, EntityKind, EntityRecord, EntitySource, Evidence, RelationKind};
use RelationKind::*;

fn ent(id: &str, name: &str) -> EntityRecord {
    let id: EntityId = id.parse().unwrap();
    EntityRecord {
        kind: id.kind,
        id: id.clone(),
        name: name.into(),
        aliases: vec![],
        country: None,
        curated: false,
        merged: Vec::new(),
        sources: vec![EntitySource { doc: DocId::new("d-1"), id, name: name.into(), aliases: vec![], country: None, first: 0, when: None }],
    }
}

fn alias(mut e: EntityRecord, a: &str) -> EntityRecord {
    e.aliases.push(a.into());
    e
}

fn rel(s: &str, r: RelationKind, t: &str, docs: &[&str]) -> crate::model::RelationRecord {
    let evidence = docs
        .iter()
        .map(|d| Evidence {
            doc: DocId::new(d.to_string()),
            start: 0,
            end: 1,
            text: format!("{s} {r} {t} in {d}").into(),
            count: None,
            rule: None,
            hedged: false,
        })
        .collect();
    crate::resolve::relation_record(s.parse().unwrap(), r, t.parse().unwrap(), evidence)
}

fn docs(n: usize) -> Vec<DocumentRecord> {
    (1..=n)
        .map(|i| DocumentRecord {
            id: DocId::new(format!("d-{i}")),
            path: format!("d-{i}.txt"),
            article: None,
            title: format!("d-{i}"),
            source: None,
            hash: format!("d-{i}"),
            date: None,
        })
        .collect()
}

fn node(g: &CaseGraph, name: &str) -> petgraph::graph::NodeIndex {
    find(g, name).unwrap()
}

/// Eurojust and Europol both work on an action in which Romania and France
/// took part; Frontex only on one with Romania; Spain is not connected.
fn case() -> CaseGraph {
    let entities = vec![
        ent("agency:eurojust", "Eurojust"),
        ent("agency:europol", "Europol"),
        ent("agency:frontex", "Frontex"),
        alias(ent("operation:a", "action day A"), "action day"),
        alias(ent("operation:b", "action day B"), "action day"),
        ent("operation:weka-ii", "Operation WEKA II"),
        ent("country:ro", "Romania"),
        ent("country:fr", "France"),
        ent("country:es", "Spain"),
    ];
    let relations = vec![
        rel("agency:eurojust", Coordinated, "operation:a", &["d-1", "d-2"]),
        rel("agency:europol", Supported, "operation:a", &["d-1"]),
        rel("agency:frontex", Coordinated, "operation:b", &["d-3"]),
        rel("country:ro", ParticipatedIn, "operation:a", &["d-1"]),
        rel("country:fr", ParticipatedIn, "operation:a", &["d-2"]),
        rel("country:ro", ParticipatedIn, "operation:b", &["d-3"]),
        rel("operation:a", VictimsFrom, "country:ro", &["d-1"]),
        rel("agency:europol", Coordinated, "operation:weka-ii", &["d-3"]),
    ];
    CaseGraph::from_parts(docs(3), entities, relations).unwrap()
}

fn star() -> CaseGraph {
    let mut entities = vec![ent("agency:hub", "Hub")];
    let mut relations = vec![];
    for c in ["at", "be", "de", "fr"] {
        entities.push(ent(&format!("country:{c}"), c));
        relations.push(rel("agency:hub", BasedIn, &format!("country:{c}"), &["d-1"]));
    }
    CaseGraph::from_parts(docs(1), entities, relations).unwrap()
}

#[test]
fn shortest_path_gives_each_hop_with_its_direction() {
    let g = case();
    let r = paths(&g, node(&g, "Europol"), node(&g, "France"), &PathOptions::default()).unwrap();
    assert_eq!(r.paths.len(), 1);
    let p = &r.paths[0];
    assert_eq!(render::chain(p), "Europol -supported-> action day A <-participated-in- France");
    assert!(p[0].forward && !p[1].forward);
}

#[test]
fn no_path_is_an_empty_answer_and_directed_search_follows_edges() {
    let g = case();
    let r = paths(&g, node(&g, "Spain"), node(&g, "Europol"), &PathOptions::default()).unwrap();
    assert!(r.paths.is_empty() && !r.truncated);
    let directed = PathOptions { directed: true, ..Default::default() };
    let r = paths(&g, node(&g, "Europol"), node(&g, "France"), &directed).unwrap();
    assert!(r.paths.is_empty(), "France -> action is against the edge");
    let r = paths(&g, node(&g, "Europol"), node(&g, "Romania"), &directed).unwrap();
    assert_eq!(render::chain(&r.paths[0]), "Europol -supported-> action day A -victims-from-> Romania");
}

#[test]
fn all_paths_are_bounded_by_hops_and_limit_and_say_when_cut() {
    let g = case();
    let (a, b) = (node(&g, "Eurojust"), node(&g, "Romania"));
    let all = PathOptions { all: true, max_hops: 4, limit: 10, ..Default::default() };
    let r = paths(&g, a, b, &all).unwrap();
    let chains: Vec<String> = r.paths.iter().map(|p| render::chain(p)).collect();
    assert_eq!(
        chains,
        ["Eurojust -coordinated-> action day A <-participated-in- Romania", "Eurojust -coordinated-> action day A -victims-from-> Romania",]
    );
    assert!(!r.truncated && r.cut.is_none());
    let one = PathOptions { limit: 1, ..all.clone() };
    let r = paths(&g, a, b, &one).unwrap();
    assert_eq!(r.paths.len(), 1);
    assert_eq!(r.cut, Some(Cut::Limit));
    let via = PathOptions { via: vec![EntityKind::Agency], ..Default::default() };
    assert!(paths(&g, a, b, &via).unwrap().paths.is_empty(), "a path through an operation is not allowed");
    assert!(matches!(paths(&g, a, b, &PathOptions { limit: 0, ..all }), Err(QueryError::Usage(_))));
}

/// A on one side, B on the other. Ten long branches (4 hops) whose first
/// entities sort before the one short branch (2 hops): a depth-first
/// search in name order meets every long path before the short one.
fn short_path_found_late() -> CaseGraph {
    let mut entities = vec![ent("agency:a", "A"), ent("agency:b", "B"), ent("operation:zz", "zz short way")];
    let mut relations =
        vec![rel("agency:a", Coordinated, "operation:zz", &["d-1"]), rel("agency:b", Coordinated, "operation:zz", &["d-1"])];
    for i in 0..10 {
        let (x, y, z) = (format!("operation:x{i}"), format!("country:y{i}"), format!("operation:w{i}"));
        entities.push(ent(&x, &format!("a long way {i}")));
        entities.push(ent(&y, &format!("country {i}")));
        entities.push(ent(&z, &format!("w {i}")));
        relations.push(rel("agency:a", Coordinated, &x, &["d-1"]));
        relations.push(rel(&y, ParticipatedIn, &x, &["d-1"]));
        relations.push(rel(&y, ParticipatedIn, &z, &["d-1"]));
        relations.push(rel("agency:b", Coordinated, &z, &["d-1"]));
    }
    CaseGraph::from_parts(docs(1), entities, relations).unwrap()
}

#[test]
fn a_limit_never_hides_a_shorter_path() {
    let g = short_path_found_late();
    let (a, b) = (node(&g, "A"), node(&g, "B"));
    let r = paths(&g, a, b, &PathOptions { all: true, max_hops: 4, limit: 3, ..Default::default() }).unwrap();
    let lens: Vec<usize> = r.paths.iter().map(Vec::len).collect();
    assert_eq!(lens, [2, 4, 4]);
    assert_eq!(render::chain(&r.paths[0]), "A -coordinated-> zz short way <-coordinated- B");
    // within a length, paths come in order of their hops' relations and names
    assert_eq!(
        render::chain(&r.paths[1]),
        "A -coordinated-> a long way 0 <-participated-in- country 0 -participated-in-> w 0 <-coordinated- B"
    );
    assert_eq!(r.cut, Some(Cut::Limit));
    let every = paths(&g, a, b, &PathOptions { all: true, max_hops: 4, limit: 100, ..Default::default() }).unwrap();
    assert_eq!(every.paths.len(), 11);
    assert!(every.paths.windows(2).all(|w| w[0].len() <= w[1].len()));
}

/// Romania took part in the action (three documents) and also coordinated
/// it (one document): two edges between one pair.
fn parallel() -> CaseGraph {
    let entities =
        vec![ent("agency:eurojust", "Eurojust"), ent("operation:a", "action"), ent("country:ro", "Romania"), ent("country:fr", "France")];
    let relations = vec![
        rel("agency:eurojust", Coordinated, "operation:a", &["d-1", "d-2", "d-3", "d-4", "d-5"]),
        rel("country:ro", Coordinated, "operation:a", &["d-6"]),
        rel("country:ro", ParticipatedIn, "operation:a", &["d-2", "d-3", "d-7"]),
        rel("country:fr", ParticipatedIn, "operation:a", &["d-8"]),
    ];
    CaseGraph::from_parts(docs(8), entities, relations).unwrap()
}

#[test]
fn each_hop_shows_its_own_edge_when_a_pair_has_two_relations() {
    let g = parallel();
    let (ro, fr) = (node(&g, "Romania"), node(&g, "France"));
    let r = paths(&g, ro, fr, &PathOptions { all: true, ..Default::default() }).unwrap();
    let shown: Vec<(RelationKind, usize)> = r.paths.iter().map(|p| (p[0].relation, p[0].documents)).collect();
    assert_eq!(shown, [(Coordinated, 1), (ParticipatedIn, 3)], "one path per edge, each with its own documents");
    for p in &r.paths {
        for h in p {
            let e = g.relation(h.edge);
            assert_eq!((e.relation, e.documents), (h.relation, h.documents));
        }
    }
    let l = link(&g, ro, fr, EntityKind::Agency, 2, 10).unwrap();
    let eurojust = &l.answers[0];
    // documents over both Romania edges: d-1..d-5 (Eurojust), d-6, d-7 (Romania), d-8 (France)
    assert_eq!(eurojust.documents, 8);
    // the chain shown takes the better attested of the two edges, with its own count
    assert_eq!(render::chain(&eurojust.chain_a), "Eurojust -coordinated-> action <-participated-in- Romania");
    assert_eq!(eurojust.chain_a[1].documents, 3);
}

#[test]
fn link_ranks_agencies_by_supporting_documents() {
    let g = case();
    let r = link(&g, node(&g, "Romania"), node(&g, "France"), EntityKind::Agency, 2, 10).unwrap();
    let names: Vec<&str> = r.answers.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Eurojust", "Europol"]);
    assert_eq!(r.answers[0].documents, 2);
    assert_eq!(render::chain(&r.answers[0].chain_a), "Eurojust -coordinated-> action day A <-participated-in- Romania");
    assert_eq!(r.total, 2);
    let one = link(&g, node(&g, "Romania"), node(&g, "France"), EntityKind::Agency, 2, 1).unwrap();
    assert_eq!((one.answers.len(), one.total), (1, 2));
}

/// A hub operation that `n` agencies and Romania and France took part in.
fn hub(n: usize) -> CaseGraph {
    let mut entities = vec![ent("operation:hub", "hub"), ent("country:ro", "Romania"), ent("country:fr", "France")];
    let mut relations =
        vec![rel("country:ro", ParticipatedIn, "operation:hub", &["d-1"]), rel("country:fr", ParticipatedIn, "operation:hub", &["d-2"])];
    for i in 0..n {
        let id = format!("agency:a{i:06}");
        entities.push(ent(&id, &format!("agency {i:06}")));
        relations.push(rel(&id, if i == 7 { Coordinated } else { ParticipatedIn }, "operation:hub", &[if i == 7 { "d-3" } else { "d-1" }]));
    }
    CaseGraph::from_parts(docs(3), entities, relations).unwrap()
}

#[test]
fn link_around_a_hub_counts_every_candidate_once() {
    let g = hub(20_000);
    let r = link(&g, node(&g, "Romania"), node(&g, "France"), EntityKind::Agency, 2, 3).unwrap();
    assert_eq!(r.total, 20_000);
    assert_eq!(r.answers[0].name, "agency 000007", "the one agency with a document of its own");
    assert_eq!(r.answers[0].documents, 3);
    assert_eq!(r.answers[1].name, "agency 000000");
}

/// A chain of `n` countries, each linked to the next.
fn chain(n: usize) -> CaseGraph {
    let entities = (0..n).map(|i| ent(&format!("country:c{i}"), &format!("c{i}"))).collect();
    let relations = (1..n).map(|i| rel(&format!("country:c{}", i - 1), ActiveIn, &format!("country:c{i}"), &["d-1"])).collect();
    CaseGraph::from_parts(docs(1), entities, relations).unwrap()
}

#[test]
fn neighbours_keep_parents_so_a_long_chain_is_cheap() {
    let g = chain(8_000);
    let start = node(&g, "c0");
    let opts = NeighborOptions { depth: 8_000, limit: usize::MAX, ..Default::default() };
    let r = neighborhood(&g, start, &opts).unwrap();
    assert_eq!(r.total, 7_999);
    let last = r.found.last().unwrap();
    assert_eq!((last.name.as_str(), last.depth, last.via.from_name.as_str()), ("c7999", 7_999, "c7998"));
    let listed = neighborhood(&g, start, &NeighborOptions { depth: usize::MAX, ..Default::default() }).unwrap();
    assert_eq!((listed.found.len(), listed.total, listed.cut), (defaults::NEIGHBORS_LIMIT, 7_999, Some(Cut::Limit)));
    // a path the length of the chain, with limits no number can overflow
    let far =
        paths(&g, start, node(&g, "c7999"), &PathOptions { all: true, max_hops: usize::MAX, limit: usize::MAX, ..Default::default() })
            .unwrap();
    assert_eq!(far.paths[0].len(), 7_999);
}

/// `k` diamonds in a row: 2^k shortest paths from one end to the other.
fn diamonds(k: usize) -> CaseGraph {
    let mut entities = vec![ent("country:n0", "n0")];
    let mut relations = Vec::new();
    for i in 0..k {
        let (from, to) = (format!("country:n{i}"), format!("country:n{}", i + 1));
        entities.push(ent(&to, &format!("n{}", i + 1)));
        for side in ["l", "r"] {
            let mid = format!("operation:{side}{i}");
            entities.push(ent(&mid, &format!("{side}{i}")));
            relations.push(rel(&from, ParticipatedIn, &mid, &["d-1"]));
            relations.push(rel(&to, ParticipatedIn, &mid, &["d-1"]));
        }
    }
    CaseGraph::from_parts(docs(1), entities, relations).unwrap()
}

#[test]
fn a_huge_limit_is_held_to_the_memory_bound() {
    let g = diamonds(20);
    let (a, b) = (node(&g, "n0"), node(&g, "n20"));
    let r = paths(&g, a, b, &PathOptions { limit: 1_000_000_000, max_hops: 40, ..Default::default() }).unwrap();
    assert_eq!(r.cut, Some(Cut::Memory));
    assert_eq!(r.paths.len(), defaults::PATH_HOPS_HELD / 40);
    let r = paths(&g, a, b, &PathOptions { limit: usize::MAX, max_hops: usize::MAX, all: true, ..Default::default() }).unwrap();
    assert!(r.truncated && r.paths.iter().all(|p| p.len() == 40));
}

#[test]
fn names_ids_aliases_and_loose_forms_are_found_and_shared_names_are_listed() {
    let g = case();
    let l = Lookup::new(&g);
    let name = |q: &str| g.entity(l.resolve(&g, q, false).unwrap().node).name.clone();
    assert_eq!(name("  EUROJUST "), "Eurojust");
    assert_eq!(name("operation:a"), "action day A");
    assert_eq!(name("Operation Weka 2"), "Operation WEKA II");
    assert_eq!(name("operation weka-ii"), "Operation WEKA II");
    match l.resolve(&g, "action day", false).unwrap_err() {
        QueryError::Ambiguous { candidates, total, .. } => {
            assert_eq!(total, 2);
            let ids: Vec<String> = candidates.iter().map(|c| c.id.to_string()).collect();
            assert_eq!(ids, ["operation:a", "operation:b"], "best connected first");
            assert_eq!(candidates[0].evidence.as_deref(), Some("agency:eurojust coordinated operation:a in d-1"));
        }
        other => panic!("{other:?}"),
    }
    let first = l.resolve(&g, "action day", true).unwrap();
    assert_eq!(g.entity(first.node).id.to_string(), "operation:a");
    assert!(first.note.unwrap().contains("--first"));
    let e = l.resolve(&g, "Eurojst", false).unwrap_err().to_string();
    assert!(e.contains("did you mean: Eurojust"), "{e}");
    assert!(l.resolve(&g, "agency:nobody", false).is_err());
}

#[test]
fn a_megabyte_name_is_answered_at_once_and_echoed_short() {
    let g = hub(2_000);
    let l = Lookup::new(&g);
    let huge = "Eurojust and ".repeat(80_000);
    let started = std::time::Instant::now();
    let e = l.resolve(&g, &huge, false).unwrap_err().to_string();
    assert!(e.len() < 400, "{}", e.len());
    assert!(e.contains(&"Eurojust and ".repeat(7)[..80]));
    // not a timing assertion: a guard against the quadratic search coming back
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn centrality_of_a_star_matches_hand_computed_values() {
    let g = star();
    let top = |m| centrality(&g, m, None, 10, false).unwrap();
    let hub = |v: &[Score]| v.iter().find(|s| s.name == "Hub").unwrap().score;
    let leaf = |v: &[Score]| v.iter().find(|s| s.name == "at").unwrap().score;
    let d = top(Measure::Degree);
    assert!((hub(&d) - 1.0).abs() < 1e-12 && (leaf(&d) - 0.25).abs() < 1e-12);
    let b = top(Measure::Betweenness);
    assert!((hub(&b) - 1.0).abs() < 1e-12 && leaf(&b).abs() < 1e-12);
    let c = top(Measure::Closeness);
    assert!((hub(&c) - 1.0).abs() < 1e-12 && (leaf(&c) - 4.0 / 7.0).abs() < 1e-12);
    // PageRank, alpha 0.85: hub = 0.132 / 0.2775, leaf = 0.03 + 0.2125 * hub
    let p = top(Measure::Pagerank);
    let h = 0.132 / 0.2775;
    assert!((hub(&p) - h).abs() < 1e-9 && (leaf(&p) - (0.03 + 0.2125 * h)).abs() < 1e-9);
    // eigenvector of a star: hub / leaf = 2 (the square root of the leaf count), unit norm
    let e = top(Measure::Eigenvector);
    assert!((hub(&e) / leaf(&e) - 2.0).abs() < 1e-6 && (hub(&e).powi(2) + 4.0 * leaf(&e).powi(2) - 1.0).abs() < 1e-6);
    // ranking: highest first, ties by name, kind filter
    assert_eq!(d.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Hub", "at", "be", "de", "fr"]);
    assert_eq!(centrality(&g, Measure::Degree, Some(EntityKind::Country), 2, false).unwrap().len(), 2);
}

#[test]
fn an_all_zero_ranking_says_why() {
    let g = case();
    let q = Query::Centrality {
        measure: Measure::Degree,
        kind: vec![],
        top: None,
        weighted: false,
        during: None,
        filter: Filter { kinds: vec![EntityKind::Agency], ..Default::default() },
    };
    let a = run(&g, &q).unwrap();
    let note = a.notes.join(" ");
    assert!(note.contains("agencies connect only through operation (coordinated, supported)"), "{note}");
    assert!(note.contains("--kind"), "{note}");
    let listed = Query::Centrality {
        measure: Measure::Degree,
        kind: vec![EntityKind::Agency],
        top: None,
        weighted: false,
        during: None,
        filter: Filter::default(),
    };
    assert!(run(&g, &listed).unwrap().notes.is_empty());
}

#[test]
fn neighbours_partners_and_rank() {
    let g = case();
    let opts = NeighborOptions { relations: vec![ParticipatedIn], ..Default::default() };
    let n = neighborhood(&g, node(&g, "action day A"), &opts).unwrap();
    assert_eq!(n.found.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["France", "Romania"]);
    let who = NeighborOptions { relations: vec![Coordinated], direction: Direction::Incoming, ..Default::default() };
    let n = neighborhood(&g, node(&g, "action day A"), &who).unwrap();
    assert_eq!(n.found.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Eurojust"]);
    let p = partners(&g, node(&g, "Europol"), &[], 10).unwrap();
    let rows: Vec<(&str, usize)> = p.rows.iter().map(|r| (r.name.as_str(), r.operations)).collect();
    assert_eq!(rows, [("Eurojust", 1), ("France", 1), ("Romania", 1)]);
    let rows = rank(&g, VictimsFrom, 5);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].name.as_str(), rows[0].sources), ("Romania", 1));
}

#[test]
fn filters_select_kinds_relations_and_evidence() {
    let g = case();
    let f = Filter { min_evidence: 2, ..Default::default() };
    assert_eq!(f.apply(&g).edge_count(), 1, "only Eurojust's coordination has two documents");
    let f = Filter { kinds: vec![EntityKind::Agency, EntityKind::Operation], ..Default::default() };
    assert_eq!(f.apply(&g).node_count(), 6);
    // a name the filter removes is said to be removed, not unknown
    let q = Query::Link {
        a: "Romania".into(),
        b: "France".into(),
        kind: EntityKind::Agency,
        max_hops: None,
        limit: None,
        first: false,
        during: None,
        filter: f,
    };
    let e = run(&g, &q).unwrap_err().to_string();
    assert!(e.contains("Romania (country:ro) is not in the graph once filtered by --only-kind agency,operation"), "{e}");
}

#[test]
fn every_answer_carries_the_query_and_the_query_loads_back() {
    let g = case();
    let a = run(&g, &Query::Ask { question: "which agencies linked Romania and France".into(), first: false }).unwrap();
    let out = a.render(OutputFormat::Table);
    assert!(out.starts_with("question: which agencies linked Romania and France\nquery: Link(a: \"Romania\", b: \"France\", kind: \"agency\")\nagency linking Romania and France:\nEurojust  (2 documents)"), "{out}");
    let json: serde_json::Value = serde_json::from_str(
        &run(&g, &Query::Ask { question: "who coordinated action day B".into(), first: false }).unwrap().render(OutputFormat::Json),
    )
    .unwrap();
    assert_eq!(json["answer"], "neighbors");
    assert_eq!(json["found"][0]["name"], "Frontex");
    let ron_text = json["query"].as_str().unwrap();
    assert_eq!(ron_text, r#"Neighbors(entity: "action day B", relation: "coordinated", direction: "incoming")"#);
    let back = file::parse_queries(std::path::Path::new("saved.ron"), ron_text).unwrap();
    assert_eq!(run(&g, &back[0]).unwrap().render(OutputFormat::Json), run(&g, &back[0]).unwrap().render(OutputFormat::Json));
    assert!(matches!(&back[0], Query::Neighbors { entity, .. } if entity == "action day B"));
}

#[test]
fn query_files_refuse_unknown_fields_with_their_position() {
    let path = std::path::Path::new("q.ron");
    let e = file::parse_queries(path, "Link(a: \"Romania\",\n     b: \"France\",\n     hops: 2)").unwrap_err().to_string();
    assert!(e.starts_with("q.ron:3:6: "), "{e}");
    assert!(e.contains("hops"), "{e}");
    let e = file::parse_queries(path, "Path(from: \"a\", to: \"b\", filter: (kind: [\"agency\"]))").unwrap_err().to_string();
    assert!(e.contains("q.ron:1:") && e.contains("kind"), "{e}");
    let e = file::parse_queries(path, "Centrality(kind: [\"agency\", \"person\"])").unwrap_err().to_string();
    assert!(e.contains("q.ron:1:") && e.contains("person"), "{e}");
    let ok = file::parse_queries(path, "[Centrality(kind: \"agency\"), Centrality(kind: [\"agency\", \"country\"], top: 3)]").unwrap();
    assert!(matches!(&ok[1], Query::Centrality { kind, top: Some(3), .. } if kind.len() == 2));
}

#[test]
fn a_date_in_a_question_narrows_the_graph_to_its_period() {
    let g = case();
    // the test graph dates nothing, so nothing is left in 2024, and the error names the period
    let e = run(&g, &Query::Ask { question: "which agencies linked Romania and France in 2024?".into(), first: false }).unwrap_err();
    assert!(e.to_string().contains("not in the graph once filtered by --since 2024-01-01 --until 2024-12-31"), "{e}");
    let q = Query::Link {
        a: "Romania".into(),
        b: "France".into(),
        kind: EntityKind::Agency,
        max_hops: None,
        limit: None,
        first: false,
        during: None,
        filter: Filter::default(),
    };
    assert!(run(&g, &q).is_ok(), "without the period the same query runs");
}

#[test]
fn a_name_the_gazetteer_knows_finds_the_entity_the_graph_calls_otherwise() {
    let g = CaseGraph::from_parts(docs(1), vec![ent("agency:interpol", "INTERPOL"), ent("country:ci", "Ivory Coast")], vec![]).unwrap();
    let l = Lookup::new(&g);
    let r = l.resolve(&g, "International Criminal Police Organization", false).unwrap();
    assert_eq!(g.entity(r.node).name, "INTERPOL");
    assert!(r.note.unwrap().contains("gazetteer"));
    assert_eq!(g.entity(l.resolve(&g, "Côte d'Ivoire", false).unwrap().node).name, "Ivory Coast");
}

/// Every simple path from `a` to `b` up to `max` hops, by brute force, as chains.
fn brute_force(g: &CaseGraph, a: petgraph::graph::NodeIndex, b: petgraph::graph::NodeIndex, max: usize, directed: bool) -> Vec<String> {
    fn go(
        g: &CaseGraph,
        at: petgraph::graph::NodeIndex,
        b: petgraph::graph::NodeIndex,
        max: usize,
        directed: bool,
        path: &mut Vec<Hop>,
        out: &mut Vec<Vec<Hop>>,
    ) {
        for (e, m, fwd) in g.incident(at) {
            if (directed && !fwd) || path.iter().any(|h| h.from == g.entity(m).id) || g.entity(m).id == g.entity(at).id {
                continue;
            }
            path.push(walk::Hop::new(g, at, walk::Step { edge: e, to: m, forward: fwd }));
            if m == b {
                out.push(path.clone());
            } else if path.len() < max {
                go(g, m, b, max, directed, path, out);
            }
            path.pop();
        }
    }
    let mut out = Vec::new();
    go(g, a, b, max, directed, &mut Vec::new(), &mut out);
    out.sort_by_key(|p| p.len());
    out.iter().map(|p| render::chain(p)).collect()
}

#[test]
fn paths_agree_with_brute_force_on_random_graphs_even_with_distances_half_mapped() {
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let rels = [Coordinated, Supported, ParticipatedIn, ArrestedIn];
    let mut compared = 0;
    for round in 0..40 {
        let n = 4 + next(6) as usize;
        // every third node past the ends an operation, for paths that may pass only countries
        let id = |i: u64| if i >= 2 && i % 3 == 2 { format!("operation:n{i}") } else { format!("country:n{i}") };
        let entities: Vec<_> = (0..n).map(|i| ent(&id(i as u64), &format!("n{}", next(3) * 10 + i as u64))).collect();
        let mut relations = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..(n + next(2 * n as u64) as usize) {
            let (s, t, r) = (next(n as u64), next(n as u64), rels[next(4) as usize]);
            if s != t && seen.insert((s, t, r)) {
                relations.push(rel(&id(s), r, &id(t), &["d-1"]));
            }
        }
        let g = CaseGraph::from_parts(docs(1), entities, relations).unwrap();
        let (a, b) = (node(&g, "country:n0"), node(&g, "country:n1"));
        for directed in [false, true] {
            for map_steps in [0, 2, usize::MAX] {
                let all = PathOptions { all: true, max_hops: 5, limit: 10_000, directed, ..Default::default() };
                let got: Vec<String> =
                    paths::paths_mapped(&g, a, b, &all, map_steps).unwrap().paths.iter().map(|p| render::chain(p)).collect();
                let want = brute_force(&g, a, b, 5, directed);
                let mut got_sorted = got.clone();
                got_sorted.sort();
                let mut want_sorted = want.clone();
                want_sorted.sort();
                assert_eq!(got_sorted, want_sorted, "round {round}, directed {directed}, map {map_steps}");
                compared += want.len();
                let lens = |v: &[String]| v.iter().map(|c| c.matches("->").count() + c.matches("<-").count()).collect::<Vec<_>>();
                assert_eq!(lens(&got), lens(&want), "shortest first");
                let shortest =
                    paths::paths_mapped(&g, a, b, &PathOptions { all: false, limit: 10_000, directed, ..all.clone() }, map_steps).unwrap();
                let min = want.first().map(|c| c.matches("->").count() + c.matches("<-").count());
                let expect: Vec<&String> = want.iter().filter(|c| Some(c.matches("->").count() + c.matches("<-").count()) == min).collect();
                assert_eq!(shortest.paths.len(), expect.len(), "round {round}: all shortest paths");
                // in the order a depth-first walk of the sorted edges meets them, as `--all` lists them
                let chains: Vec<String> = shortest.paths.iter().map(|p| render::chain(p)).collect();
                assert_eq!(chains.iter().collect::<Vec<_>>(), expect, "round {round}, directed {directed}: order");
                let via = PathOptions { via: vec![EntityKind::Country], ..all.clone() };
                let (every, short) = (
                    paths::paths_mapped(&g, a, b, &via, map_steps).unwrap(),
                    paths::paths_mapped(&g, a, b, &PathOptions { all: false, ..via.clone() }, map_steps).unwrap(),
                );
                let first = every.paths.first().map_or(0, Vec::len);
                let prefix: Vec<&Vec<Hop>> = every.paths.iter().filter(|p| p.len() == first).collect();
                assert_eq!(short.paths.iter().collect::<Vec<_>>(), prefix, "round {round}: shortest through countries");
            }
        }
    }
    assert!(compared > 300, "the random graphs have paths to compare: {compared}");
}

#[test]
fn a_question_about_no_entity_is_refused_not_looked_up() {
    let g = case();
    for q in ["what is the meaning of life", "who is the man in the moon"] {
        match run(&g, &Query::Ask { question: q.into(), first: false }).unwrap_err() {
            QueryError::NotUnderstood { reason, closest, .. } => {
                assert!(reason.unwrap().contains("is not an entity of the graph"), "{q}");
                assert_eq!(closest.len(), 3);
            }
            other => panic!("{q}: {other}"),
        }
    }
    // the same form about an entity of the graph is a question
    let a = run(&g, &Query::Ask { question: "what is Operation Weka 2?".into(), first: false }).unwrap();
    assert!(matches!(&a.body, Body::Show(d) if d.name == "Operation WEKA II"));
    assert!(a.notes.iter().any(|n| n.contains("read as 'Operation WEKA II'")), "{:?}", a.notes);
}
