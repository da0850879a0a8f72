//! Questions in plain English, mapped onto the queries. The forms are a
//! fixed, documented list: an unknown question is refused with that list
//! rather than guessed at.

use super::{Measure, Query};
use crate::error::{Error, Result};
use crate::model::{EntityKind, RelationKind};
use regex::Regex;
use std::sync::LazyLock;

/// The question forms `ask` understands, as shown to users.
pub const QUESTION_FORMS: &[&str] = &[
    "which agencies linked X and Y   (also: which countries/operations/groups ...)",
    "how is X connected to Y",
    "who coordinated X   (also: who supported / who participated in / who took part in X)",
    "where were victims of X from",
    "where were victims of X exploited",
    "where were arrests made in X",
    "most central agencies   (also: countries, operations, groups; 'who are the brokers')",
    "which countries are victims most often recruited from",
    "what do we know about X",
    "neighbours of X",
];

struct Form {
    re: Regex,
    make: fn(&regex::Captures) -> Result<Query>,
}

fn re(s: &str) -> Regex {
    Regex::new(&format!("(?i)^\\s*{s}\\s*[?.!]*\\s*$")).expect("static regex")
}

fn kind_word(w: &str) -> Result<EntityKind> {
    match w.to_lowercase().as_str() {
        "agencies" | "agency" | "bodies" | "organisations" | "organizations" => Ok(EntityKind::Agency),
        "countries" | "country" | "states" => Ok(EntityKind::Country),
        "operations" | "operation" | "actions" => Ok(EntityKind::Operation),
        "groups" | "group" | "networks" | "network" | "ocgs" | "gangs" => Ok(EntityKind::Ocg),
        other => other.parse().map_err(|e: crate::model::UnknownName| Error::Query(e.to_string())),
    }
}

fn text(c: &regex::Captures, i: usize) -> String {
    c.get(i).map(|m| m.as_str().trim().trim_matches(['"', '\'']).to_string()).unwrap_or_default()
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    vec![
        Form {
            re: re(r"(?:which|what)\s+(\w+)\s+(?:linked|link|links|connected|connect|connects|tie|tied)\s+(.+?)\s+(?:and|with|to)\s+(.+?)"),
            make: |c| {
                Ok(Query::Link { a: text(c, 2), b: text(c, 3), kind: kind_word(&text(c, 1))?, max_hops: None, limit: None, filter: None })
            },
        },
        Form {
            re: re(r"how\s+(?:is|are|was|were)\s+(.+?)\s+(?:connected|linked|related)\s+(?:to|with)\s+(.+?)"),
            make: |c| Ok(path(text(c, 1), text(c, 2))),
        },
        Form {
            re: re(r"how\s+(?:is|are|was|were)\s+(.+?)\s+and\s+(.+?)\s+(?:connected|linked|related)"),
            make: |c| Ok(path(text(c, 1), text(c, 2))),
        },
        Form { re: re(r"(?:path|paths)\s+from\s+(.+?)\s+to\s+(.+?)"), make: |c| Ok(path(text(c, 1), text(c, 2))) },
        Form {
            re: re(r"who\s+(coordinated|led|supported|assisted|participated in|took part in|joined)\s+(.+?)"),
            make: |c| {
                let relation = match text(c, 1).to_lowercase().as_str() {
                    "coordinated" | "led" => RelationKind::Coordinated,
                    "supported" | "assisted" => RelationKind::Supported,
                    _ => RelationKind::ParticipatedIn,
                };
                Ok(Query::Neighbors { entity: text(c, 2), relation: Some(relation), depth: Some(1), filter: None })
            },
        },
        Form {
            re: re(r"where\s+(?:were|are|did)\s+(?:the\s+)?victims\s+(?:of|in)\s+(.+?)\s+(?:come\s+)?from"),
            make: |c| Ok(Query::Neighbors { entity: text(c, 1), relation: Some(RelationKind::VictimsFrom), depth: Some(1), filter: None }),
        },
        Form {
            re: re(r"where\s+(?:were|are)\s+(?:the\s+)?victims\s+(?:of|in)\s+(.+?)\s+exploited"),
            make: |c| Ok(Query::Neighbors { entity: text(c, 1), relation: Some(RelationKind::ExploitedIn), depth: Some(1), filter: None }),
        },
        Form {
            re: re(r"where\s+were\s+(?:the\s+)?arrests\s+(?:made\s+)?(?:in|during|of)\s+(.+?)"),
            make: |c| Ok(Query::Neighbors { entity: text(c, 1), relation: Some(RelationKind::ArrestedIn), depth: Some(1), filter: None }),
        },
        Form {
            re: re(r"(?:which|what)\s+countries\s+are\s+victims\s+(?:most\s+often\s+)?(?:recruited|coming|taken)\s+from"),
            make: |_| Ok(Query::Rank { relation: RelationKind::VictimsFrom, top: Some(10), filter: None }),
        },
        Form {
            re: re(r"(?:who\s+are\s+)?(?:the\s+)?(?:most\s+central|top|key)\s+(\w+)"),
            make: |c| {
                Ok(Query::Centrality {
                    measure: Measure::Betweenness,
                    kind: Some(kind_word(&text(c, 1))?),
                    top: Some(10),
                    weighted: false,
                    filter: None,
                })
            },
        },
        Form {
            re: re(r"who\s+are\s+the\s+brokers(?:\s+of\s+(?:this|the)\s+network)?"),
            make: |_| {
                Ok(Query::Centrality {
                    measure: Measure::Betweenness,
                    kind: Some(EntityKind::Agency),
                    top: Some(10),
                    weighted: false,
                    filter: None,
                })
            },
        },
        Form {
            re: re(r"(?:what\s+do\s+we\s+know\s+about|tell\s+me\s+about|show(?:\s+me)?|who\s+is|what\s+is)\s+(.+?)"),
            make: |c| Ok(Query::Show { entity: text(c, 1) }),
        },
        Form {
            re: re(r"(?:neighbours|neighbors)\s+of\s+(.+?)"),
            make: |c| Ok(Query::Neighbors { entity: text(c, 1), relation: None, depth: Some(1), filter: None }),
        },
    ]
});

fn path(from: String, to: String) -> Query {
    Query::Path { from, to, all: false, max_hops: None, limit: None, via: Vec::new(), relations: Vec::new(), directed: false, filter: None }
}

/// Map a question onto a query, or explain which questions are understood.
pub fn parse_question(q: &str) -> Result<Query> {
    for f in FORMS.iter() {
        if let Some(c) = f.re.captures(q) {
            return (f.make)(&c);
        }
    }
    Err(Error::Query(format!("cannot answer '{}'; questions understood: {}", q.trim(), QUESTION_FORMS.join(" | "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_map_to_queries() {
        match parse_question("Which agencies linked Romania and France?").unwrap() {
            Query::Link { a, b, kind, .. } => assert_eq!((a.as_str(), b.as_str(), kind), ("Romania", "France", EntityKind::Agency)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_question("how is Europol connected to Portugal").unwrap(), Query::Path { .. }));
        assert!(matches!(
            parse_question("who coordinated Operation WEKA II").unwrap(),
            Query::Neighbors { relation: Some(RelationKind::Coordinated), .. }
        ));
        assert!(matches!(
            parse_question("where were victims of the lover boy OCG from?").unwrap(),
            Query::Neighbors { relation: Some(RelationKind::VictimsFrom), .. }
        ));
        assert!(matches!(parse_question("most central agencies").unwrap(), Query::Centrality { kind: Some(EntityKind::Agency), .. }));
        assert!(matches!(parse_question("What do we know about Eurojust?").unwrap(), Query::Show { .. }));
    }

    #[test]
    fn an_unknown_question_lists_the_forms() {
        let e = parse_question("why is the sky blue").unwrap_err().to_string();
        assert!(e.contains("how is X connected to Y"), "{e}");
    }
}
