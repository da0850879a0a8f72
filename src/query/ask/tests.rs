//! Phrasings an analyst might type, written for this test, each with the
//! query it must run (printed as query-file RON, which must load back to
//! the same query), and questions that must be refused.

use super::*;
use crate::query::file::parse_queries;

/// (question, the query it runs)
const UNDERSTOOD: &[(&str, &str)] = &[
    // link
    ("which agencies linked Romania and France", r#"Link(a: "Romania", b: "France", kind: "agency")"#),
    ("Which agencies LINKED Romania and France?", r#"Link(a: "Romania", b: "France", kind: "agency")"#),
    ("who links romania & france", r#"Link(a: "romania", b: "france", kind: "agency")"#),
    ("agencies linking Romania and France", r#"Link(a: "Romania", b: "France", kind: "agency")"#),
    ("what countries connect Europol with Eurojust", r#"Link(a: "Europol", b: "Eurojust", kind: "country")"#),
    ("which agency ties Spain to Nigeria?", r#"Link(a: "Spain", b: "Nigeria", kind: "agency")"#),
    ("which operations connected Romania and the United Kingdom", r#"Link(a: "Romania", b: "the United Kingdom", kind: "operation")"#),
    ("which groups do Spain and Nigeria have in common", r#"Link(a: "Spain", b: "Nigeria", kind: "ocg")"#),
    ("which agencies worked with both Romania and France", r#"Link(a: "Romania", b: "France", kind: "agency")"#),
    ("please tell me which agencies linked Romania and France", r#"Link(a: "Romania", b: "France", kind: "agency")"#),
    // path
    ("how is Europol connected to Portugal", r#"Path(from: "Europol", to: "Portugal")"#),
    ("How are Europol and Portugal linked?", r#"Path(from: "Europol", to: "Portugal")"#),
    ("what connects Europol with Portugal", r#"Path(from: "Europol", to: "Portugal")"#),
    ("path from INTERPOL to Togo", r#"Path(from: "INTERPOL", to: "Togo")"#),
    ("all paths from INTERPOL to Togo", r#"Path(from: "INTERPOL", to: "Togo", all: true)"#),
    ("is Eurojust related to Bulgaria?", r#"Path(from: "Eurojust", to: "Bulgaria")"#),
    ("how does Frontex connect to Spain", r#"Path(from: "Frontex", to: "Spain")"#),
    // who did something to X
    ("who coordinated Operation WEKA II", r#"Neighbors(entity: "Operation WEKA II", relation: "coordinated", direction: "incoming")"#),
    ("Who led operation weka ii?", r#"Neighbors(entity: "operation weka ii", relation: "coordinated", direction: "incoming")"#),
    ("who ran the action day 3 July", r#"Neighbors(entity: "the action day 3 July", relation: "coordinated", direction: "incoming")"#),
    (
        "who supported Operation Global Chain 2024",
        r#"Neighbors(entity: "Operation Global Chain 2024", relation: "supported", direction: "incoming")"#,
    ),
    (
        "who took part in Operation Liberterra II",
        r#"Neighbors(entity: "Operation Liberterra II", relation: "participated-in", direction: "incoming")"#,
    ),
    (
        "which countries participated in Operation WEKA II",
        r#"Neighbors(entity: "Operation WEKA II", relation: "participated-in", direction: "incoming", kind: "country")"#,
    ),
    (
        "which agencies joined Operation Epervier II",
        r#"Neighbors(entity: "Operation Epervier II", relation: "participated-in", direction: "incoming", kind: "agency")"#,
    ),
    (
        "who were the coordinators of Operation WEKA II",
        r#"Neighbors(entity: "Operation WEKA II", relation: "coordinated", direction: "incoming")"#,
    ),
    // what X did
    (
        "which operations did Europol support",
        r#"Neighbors(entity: "Europol", relation: "supported", direction: "outgoing", kind: "operation")"#,
    ),
    (
        "what operations has Eurojust coordinated?",
        r#"Neighbors(entity: "Eurojust", relation: "coordinated", direction: "outgoing", kind: "operation")"#,
    ),
    (
        "which operations did Romania take part in",
        r#"Neighbors(entity: "Romania", relation: "participated-in", direction: "outgoing", kind: "operation")"#,
    ),
    ("operations led by INTERPOL", r#"Neighbors(entity: "INTERPOL", relation: "coordinated", direction: "outgoing", kind: "operation")"#),
    (
        "which operations were supported by Eurojust",
        r#"Neighbors(entity: "Eurojust", relation: "supported", direction: "outgoing", kind: "operation")"#,
    ),
    (
        "which operations was Europol involved in",
        r#"Neighbors(entity: "Europol", relation: ["coordinated", "supported", "participated-in"], direction: "outgoing", kind: "operation")"#,
    ),
    // arrests and victims
    (
        "where were arrests made in Operation WEKA II",
        r#"Neighbors(entity: "Operation WEKA II", relation: "arrested-in", direction: "outgoing")"#,
    ),
    (
        "Where were the suspects arrested during the action day 3 July?",
        r#"Neighbors(entity: "the action day 3 July", relation: "arrested-in", direction: "outgoing")"#,
    ),
    (
        "where were victims of Operation Epervier II from",
        r#"Neighbors(entity: "Operation Epervier II", relation: "victims-from", direction: "outgoing")"#,
    ),
    (
        "where did the victims of the lover boy network come from?",
        r#"Neighbors(entity: "the lover boy network", relation: "victims-from", direction: "outgoing")"#,
    ),
    (
        "where were the victims of Operation Epervier II exploited",
        r#"Neighbors(entity: "Operation Epervier II", relation: "exploited-in", direction: "outgoing")"#,
    ),
    (
        "which groups had victims from Nigeria",
        r#"Neighbors(entity: "Nigeria", relation: "victims-from", direction: "incoming", kind: "ocg")"#,
    ),
    (
        "which networks exploited victims in Spain",
        r#"Neighbors(entity: "Spain", relation: "exploited-in", direction: "incoming", kind: "ocg")"#,
    ),
    ("which countries are victims most often recruited from", r#"Rank(relation: "victims-from", top: 10)"#),
    ("what countries are victims exploited in?", r#"Rank(relation: "exploited-in", top: 10)"#),
    ("main destination countries", r#"Rank(relation: "exploited-in", top: 10)"#),
    // rankings
    ("most central agencies", r#"Centrality(measure: "betweenness", kind: "agency")"#),
    ("Who are the most connected countries?", r#"Centrality(measure: "degree", kind: "country")"#),
    ("who are the brokers", r#"Centrality(measure: "betweenness", kind: "agency")"#),
    ("top agencies by betweenness", r#"Centrality(measure: "betweenness", kind: "agency")"#),
    ("top 5 countries by pagerank", r#"Centrality(measure: "pagerank", kind: "country", top: 5)"#),
    ("which operations have the highest closeness centrality", r#"Centrality(measure: "closeness", kind: "operation")"#),
    ("rank agencies by degree", r#"Centrality(measure: "degree", kind: "agency")"#),
    // who worked with X
    ("who worked with Europol", r#"Partners(entity: "Europol")"#),
    ("which agencies cooperated with Eurojust?", r#"Partners(entity: "Eurojust", kind: "agency")"#),
    ("which countries have worked with INTERPOL", r#"Partners(entity: "INTERPOL", kind: "country")"#),
    ("partners of Frontex", r#"Partners(entity: "Frontex")"#),
    // what do we know, neighbours, based in
    ("what do we know about Eurojust", r#"Show(entity: "Eurojust")"#),
    ("Tell me about the Guardia Civil.", r#"Show(entity: "the Guardia Civil")"#),
    ("who is INTERPOL?", r#"Show(entity: "INTERPOL")"#),
    ("neighbours of Eurojust", r#"Neighbors(entity: "Eurojust")"#),
    ("neighbors of Eurojust within 2 hops", r#"Neighbors(entity: "Eurojust", depth: 2)"#),
    ("what is connected to Operation WEKA II", r#"Neighbors(entity: "Operation WEKA II")"#),
    ("which countries are linked to Europol", r#"Neighbors(entity: "Europol", kind: "country")"#),
    ("where is DIICOT based", r#"Neighbors(entity: "DIICOT", relation: "based-in", direction: "outgoing")"#),
    ("which agencies are based in Romania", r#"Neighbors(entity: "Romania", relation: "based-in", direction: "incoming", kind: "agency")"#),
    // ids where names go
    ("who coordinated operation:weka-ii", r#"Neighbors(entity: "operation:weka-ii", relation: "coordinated", direction: "incoming")"#),
    // dates: parsed into the query, never into a name
    (
        "which agencies linked Romania and France in 2024",
        r#"Link(a: "Romania", b: "France", kind: "agency", during: (since: "2024-01-01", until: "2024-12-31"))"#,
    ),
    (
        "who coordinated Operation WEKA II since March 2023?",
        r#"Neighbors(entity: "Operation WEKA II", relation: "coordinated", direction: "incoming", during: (since: "2023-03-01"))"#,
    ),
    (
        "In 2023, which agencies linked Spain and Nigeria",
        r#"Link(a: "Spain", b: "Nigeria", kind: "agency", during: (since: "2023-01-01", until: "2023-12-31"))"#,
    ),
    (
        "most central agencies between 2021 and 2023",
        r#"Centrality(measure: "betweenness", kind: "agency", during: (since: "2021-01-01", until: "2023-12-31"))"#,
    ),
    (
        "how is Europol connected to Portugal before February 2024",
        r#"Path(from: "Europol", to: "Portugal", during: (until: "2024-01-31"))"#,
    ),
    ("who worked with Europol in March 2024", r#"Partners(entity: "Europol", during: (since: "2024-03-01", until: "2024-03-31"))"#),
];

/// Questions that are not questions about the graph, or not in a form understood.
const REFUSED: &[&str] = &[
    "what is the meaning of life",
    "why is the sky blue",
    "hello",
    "",
    "   ?!  ",
    "France in 2024",
    "how many arrests were there",
    "translate this into French",
    "delete Europol",
    "which agencies",
    "who",
    "Romania and France",
];

#[test]
fn phrasings_of_every_intent_map_to_their_query_and_print_as_loadable_ron() {
    assert!(UNDERSTOOD.len() >= 40, "{}", UNDERSTOOD.len());
    let mut wrong = Vec::new();
    for (question, expected) in UNDERSTOOD {
        match understand(question) {
            Ok(u) => {
                let ron = u.query.to_ron();
                if ron != *expected {
                    wrong.push(format!("{question:?}\n   gave {ron}\n   want {expected}"));
                    continue;
                }
                let back = parse_queries(std::path::Path::new("saved.ron"), &ron).unwrap_or_else(|e| panic!("{ron}: {e}"));
                assert_eq!(back, vec![u.query], "{ron} does not load back to the same query");
            }
            Err(e) => wrong.push(format!("{question:?}\n   refused: {e}")),
        }
    }
    assert!(wrong.is_empty(), "{} of {} phrasings wrong:\n{}", wrong.len(), UNDERSTOOD.len(), wrong.join("\n"));
}

#[test]
fn questions_not_understood_are_refused_with_three_forms() {
    assert!(REFUSED.len() >= 10);
    for q in REFUSED {
        // "what is X" parses, and is refused when X is not in the graph: see the engine test
        if let Ok(u) = understand(q) {
            assert!(u.weak, "{q:?} was understood as {}", u.query.to_ron());
            continue;
        }
        match understand(q).unwrap_err() {
            QueryError::NotUnderstood { closest, .. } => assert_eq!(closest.len(), 3, "{q:?}"),
            other => panic!("{q:?}: {other}"),
        }
    }
}

#[test]
fn a_long_question_is_refused_at_once_and_quoted_short() {
    let q = "which agencies linked Romania and ".repeat(40_000);
    let e = understand(&q).unwrap_err();
    let lines = e.report();
    assert!(lines[0].contains("read up to 500 characters"), "{}", lines[0]);
    assert!(lines.iter().all(|l| l.chars().count() < 200), "{lines:?}");
}

#[test]
fn every_pattern_compiles() {
    assert!(FORMS.len() > 40);
    assert!(!closest_forms("who coordinated").is_empty());
}
