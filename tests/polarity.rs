//! The negation pass against its examples (`src/extract/data/polarity.ron`):
//! a negated sentence states nothing its affirmative twin states, a cue
//! denies only its own clause, a hedged sentence keeps its relation with the
//! `hedged` flag, and a hedge does not reach back.

use casegraph::extract::gazetteer::ExpectedTriple;
use casegraph::extract::{ExtractedEntity, ExtractedRelation, Extraction, Extractor, Gazetteer};
use casegraph::ingest::Document;
use casegraph::model::EntityKind;
use serde::Deserialize;

#[derive(Deserialize)]
struct Negated {
    text: String,
    affirmative: String,
    relation: String,
}

#[derive(Deserialize)]
struct Stated {
    text: String,
    relation: String,
}

#[derive(Deserialize)]
struct Examples {
    context: String,
    negated: Vec<Negated>,
    kept: Vec<Stated>,
    hedged: Vec<Stated>,
    asserted: Vec<Stated>,
}

fn examples() -> Examples {
    ron::from_str(include_str!("../src/extract/data/polarity.ron")).expect("polarity.ron parses")
}

fn names(end: &str, e: &ExtractedEntity) -> bool {
    match end {
        "@op" => e.kind == EntityKind::Operation,
        "@group" => e.kind == EntityKind::Ocg,
        _ => e.name.eq_ignore_ascii_case(end) || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(end)),
    }
}

/// The relation `want` as extracted from `context` followed by `text`, if stated.
fn stated(ex: &Extractor, context: &str, text: &str, want: &str) -> (Option<ExtractedRelation>, Extraction) {
    let x = ex.extract(&Document::new("polarity.txt", format!("{context} {text}")));
    let t = ExpectedTriple::parse(want).expect("a triple");
    let ids = |end: &str| x.entities.iter().filter(|e| names(end, e)).map(|e| e.id.clone()).collect::<Vec<_>>();
    let (s, g) = (ids(&t.source), ids(&t.target));
    let r = x.relations.iter().find(|r| r.relation == t.relation && s.contains(&r.source) && g.contains(&r.target)).cloned();
    (r, x)
}

fn triples(x: &Extraction) -> Vec<String> {
    x.relations.iter().map(|r| format!("{} -{}-> {}", r.source, r.relation, r.target)).collect()
}

#[test]
fn negated_sentences_state_nothing_their_affirmative_twin_states() {
    let ex = Extractor::new(Gazetteer::builtin().unwrap());
    let e = examples();
    assert!(!e.negated.is_empty());
    for n in &e.negated {
        let (yes, x) = stated(&ex, &e.context, &n.affirmative, &n.relation);
        assert!(yes.is_some(), "«{}» should state {}; got {:?}", n.affirmative, n.relation, triples(&x));
        let (no, x) = stated(&ex, &e.context, &n.text, &n.relation);
        assert!(no.is_none(), "«{}» must not state {}; got {:?}", n.text, n.relation, triples(&x));
    }
}

#[test]
fn a_cue_denies_only_its_own_clause() {
    let ex = Extractor::new(Gazetteer::builtin().unwrap());
    let e = examples();
    for k in &e.kept {
        let (r, x) = stated(&ex, &e.context, &k.text, &k.relation);
        assert!(r.is_some(), "«{}» should still state {}; got {:?}", k.text, k.relation, triples(&x));
    }
}

#[test]
fn hedged_sentences_keep_their_relation_with_the_flag() {
    let ex = Extractor::new(Gazetteer::builtin().unwrap());
    let e = examples();
    for h in &e.hedged {
        let (r, x) = stated(&ex, &e.context, &h.text, &h.relation);
        let r = r.unwrap_or_else(|| panic!("«{}» should state {}; got {:?}", h.text, h.relation, triples(&x)));
        let ev = r.evidence.iter().find(|ev| h.text.contains(ev.text.as_str())).expect("evidence from the hedged sentence");
        assert!(ev.hedged, "«{}»: {} should be hedged", h.text, h.relation);
    }
    for a in &e.asserted {
        let (r, x) = stated(&ex, &e.context, &a.text, &a.relation);
        let r = r.unwrap_or_else(|| panic!("«{}» should state {}; got {:?}", a.text, a.relation, triples(&x)));
        assert!(r.evidence.iter().all(|ev| !ev.hedged), "«{}»: {} is asserted, not hedged", a.text, a.relation);
    }
}
