//! Queries on small graphs whose answers are known by hand.

use super::*;
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, Evidence, RelationKind};
use crate::resolve::{DocumentRecord, EntityRecord, EntitySource, RelationRecord};

fn ent(id: &str, name: &str) -> EntityRecord {
    let kind = id.split(':').next().unwrap().parse().unwrap();
    EntityRecord {
        id: (id).parse::<EntityId>().unwrap(),
        kind,
        name: name.into(),
        aliases: vec![],
        country: None,
        curated: false,
        sources: vec![EntitySource {
            doc: DocId("d-1".into()),
            id: (id).parse::<EntityId>().unwrap(),
            name: name.into(),
            aliases: vec![],
            country: None,
            first: 0,
        }],
    }
}

fn rel(s: &str, r: RelationKind, t: &str, docs: &[&str]) -> RelationRecord {
    let evidence =
        docs.iter().map(|d| Evidence { doc: DocId(d.to_string()), start: 0, end: 1, text: "x".into(), count: None, rule: None }).collect();
    crate::resolve::relation_record((s).parse::<EntityId>().unwrap(), r, (t).parse::<EntityId>().unwrap(), evidence)
}

fn docs(ids: &[&str]) -> Vec<DocumentRecord> {
    ids.iter()
        .map(|d| DocumentRecord {
            id: DocId(d.to_string()),
            path: format!("{d}.txt"),
            article: None,
            title: d.to_string(),
            source: None,
            hash: d.to_string(),
        })
        .collect()
}

/// Eurojust and Europol both work on an action in which Romania and France
/// took part; Frontex only on one with Romania; Spain is not connected.
fn case() -> CaseGraph {
    use RelationKind::*;
    let entities = vec![
        ent("agency:eurojust", "Eurojust"),
        ent("agency:europol", "Europol"),
        ent("agency:frontex", "Frontex"),
        ent("operation:a", "action day A"),
        ent("operation:b", "action day B"),
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
    ];
    CaseGraph::from_parts(docs(&["d-1", "d-2", "d-3"]), entities, relations).unwrap()
}

fn star() -> CaseGraph {
    let mut entities = vec![ent("agency:hub", "Hub")];
    let mut relations = vec![];
    for c in ["at", "be", "de", "fr"] {
        entities.push(ent(&format!("country:{c}"), c));
        relations.push(rel("agency:hub", RelationKind::BasedIn, &format!("country:{c}"), &["d-1"]));
    }
    CaseGraph::from_parts(docs(&["d-1"]), entities, relations).unwrap()
}

#[test]
fn shortest_path_gives_each_hop_with_its_direction() {
    let g = case();
    let r = paths(&g, g.find("Europol").unwrap(), g.find("France").unwrap(), &PathOptions::default()).unwrap();
    assert_eq!(r.paths.len(), 1);
    let p = &r.paths[0];
    assert_eq!(render::chain(p), "Europol -supported-> action day A <-participated-in- France");
    assert!(p[0].forward && !p[1].forward);
}

#[test]
fn no_path_is_an_empty_answer_and_directed_search_follows_edges() {
    let g = case();
    let r = paths(&g, g.find("Spain").unwrap(), g.find("Europol").unwrap(), &PathOptions::default()).unwrap();
    assert!(r.paths.is_empty() && !r.truncated);
    let directed = PathOptions { directed: true, ..Default::default() };
    let r = paths(&g, g.find("Europol").unwrap(), g.find("France").unwrap(), &directed).unwrap();
    assert!(r.paths.is_empty(), "France -> action is against the edge");
}

#[test]
fn all_paths_are_bounded_by_hops_and_limit_and_say_when_cut() {
    let g = case();
    let (a, b) = (g.find("Eurojust").unwrap(), g.find("Romania").unwrap());
    let all = PathOptions { all: true, max_hops: 4, limit: 10, ..Default::default() };
    let r = paths(&g, a, b, &all).unwrap();
    // Eurojust-A-Romania, Eurojust-A-(victims-from)-Romania, Eurojust-A-France?-no; and via Europol? no (Europol is a leaf)
    assert_eq!(r.paths.len(), 2, "{:?}", r.paths.iter().map(|p| render::chain(p)).collect::<Vec<_>>());
    assert!(!r.truncated);
    let one = PathOptions { limit: 1, ..all };
    let r = paths(&g, a, b, &one).unwrap();
    assert_eq!(r.paths.len(), 1);
    assert!(r.truncated);
    let via = PathOptions { via: vec![EntityKind::Agency], ..Default::default() };
    assert!(paths(&g, a, b, &via).unwrap().paths.is_empty(), "a path through an operation is not allowed");
}

#[test]
fn link_ranks_agencies_by_supporting_documents() {
    let g = case();
    let ans = link(&g, g.find("Romania").unwrap(), g.find("France").unwrap(), EntityKind::Agency, 2, 10);
    let names: Vec<&str> = ans.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Eurojust", "Europol"]);
    assert_eq!(ans[0].documents, 2);
    assert_eq!(render::chain(&ans[0].chain_a), "Eurojust -coordinated-> action day A <-participated-in- Romania");
}

#[test]
fn unknown_entities_get_suggestions() {
    let g = case();
    let e = g.find("Eurojst").unwrap_err().to_string();
    assert!(e.contains("did you mean: Eurojust"), "{e}");
    assert_eq!(g.entity(g.find("  EUROJUST ").unwrap()).name, "Eurojust");
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
fn neighbours_and_rank() {
    let g = case();
    let n = neighbors(&g, g.find("action day A").unwrap(), Some(RelationKind::ParticipatedIn), 1);
    assert_eq!(n.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["France", "Romania"]);
    let rows = render::rank(&g, RelationKind::VictimsFrom, 5);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].name.as_str(), rows[0].sources), ("Romania", 1));
}

#[test]
fn filters_select_kinds_relations_and_evidence() {
    let g = case();
    let f = Filter { kinds: vec![], relations: vec![], min_evidence: 2 };
    let sub = f.apply(&g);
    assert_eq!(sub.edge_count(), 1, "only Eurojust's coordination has two documents");
    let f = Filter { kinds: vec![EntityKind::Agency, EntityKind::Operation], ..Default::default() };
    assert_eq!(f.apply(&g).node_count(), 5);
}

#[test]
fn questions_run_end_to_end() {
    let g = case();
    let a = run(&g, &Query::Ask { question: "which agencies linked Romania and France".into() }).unwrap();
    let out = a.render(OutputFormat::Table);
    assert!(out.starts_with("agency linking Romania and France:\nEurojust  (2 documents)"), "{out}");
    let json = run(&g, &Query::Ask { question: "who coordinated action day B".into() }).unwrap().render(OutputFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["answer"], "neighbors");
    assert_eq!(v["found"][0]["name"], "Frontex");
}
