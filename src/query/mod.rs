//! Stage 5a: questions over a stored graph. Read-only over [`CaseGraph`]:
//! paths, linking entities, centrality, neighbourhoods, partners, rankings
//! and the evidence behind an entity. A [`Query`] is one value whatever
//! asks it (a command, a query file, a question to `ask`), it prints as the
//! RON a query file holds, and every answer starts with it. Every result
//! is sorted with ties broken by name, so answers are deterministic; every
//! search has a budget, and says so when it reaches it.

mod answer;
mod ask;
mod centrality;
mod cooperation;
pub mod counts;
pub mod defaults;
mod error;
mod file;
mod filter;
mod link;
mod lookup;
mod merges;
mod neighbors;
mod partners;
mod paths;
mod period;
mod rank;
pub mod render;
pub mod routes;
mod show;
pub mod timeline;
mod walk;

pub use answer::{render_all, Answer, Body, OutputFormat};
pub use ask::{parse_question, understand, Understood, QUESTION_FORMS};
pub use centrality::{centrality, centrality_of, scores, undirected, Measure, Score};
pub use cooperation::{membership, Body as CooperatingBody, Community, Cooperation, CooperationOptions, Link, SharedOperation};
pub use error::{Candidate, QueryError};
pub use file::{load_queries, parse_queries};
pub use filter::Filter;
pub use link::{link, LinkAnswer, LinkResult};
pub use lookup::{loose_key, Lookup, Resolved};
pub use merges::{ShowMerge, ShowSide};
pub use neighbors::{neighborhood, neighbors, Direction, Neighbor, NeighborOptions, NeighborResult};
pub use partners::{partners, Partner, PartnersResult, COOPERATION};
pub use paths::{paths, Cut, PathOptions, PathResult};
pub use period::{Day, Period};
pub use rank::{rank, RankRow};
pub use show::{show, DocRef, ShowData, ShowEvidence, ShowRelation};
pub use walk::Hop;

use crate::graph::CaseGraph;
use crate::model::{EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;

/// One query, as a query file writes it (`Link(a: "Romania", b: "France")`).
/// Every field but the entities is optional, and unknown fields are
/// refused. Printed with [`Query::to_ron`], only fields that differ from
/// their defaults appear, and the text loads back to the same query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Query {
    /// Shortest path(s) from one entity to another, or with `all` every
    /// simple path up to `max_hops`, shortest first.
    Path {
        from: String,
        to: String,
        #[serde(default, skip_serializing_if = "is_false")]
        all: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        max_hops: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        limit: Option<usize>,
        /// Kinds a path may pass through (its ends excepted).
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "one_or_many", serialize_with = "one_or_many_out")]
        via: Vec<EntityKind>,
        #[serde(default, skip_serializing_if = "is_false")]
        directed: bool,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// Entities of `kind` linked to both `a` and `b`.
    Link {
        a: String,
        b: String,
        #[serde(default = "agency")]
        kind: EntityKind,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        max_hops: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        limit: Option<usize>,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// The most central entities; `kind` restricts the listing, scores are
    /// computed on the whole (filtered) graph.
    Centrality {
        #[serde(default = "betweenness")]
        measure: Measure,
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "one_or_many", serialize_with = "one_or_many_out")]
        kind: Vec<EntityKind>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        top: Option<usize>,
        #[serde(default, skip_serializing_if = "is_false")]
        weighted: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// The entities around one entity, over `relation` (any when empty),
    /// listing only `kind` (any when empty).
    Neighbors {
        entity: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "one_or_many", serialize_with = "one_or_many_out")]
        relation: Vec<RelationKind>,
        #[serde(default, skip_serializing_if = "Direction::is_both")]
        direction: Direction,
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "one_or_many", serialize_with = "one_or_many_out")]
        kind: Vec<EntityKind>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        depth: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        limit: Option<usize>,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// Who worked with an entity: those sharing an operation with it.
    Partners {
        entity: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "one_or_many", serialize_with = "one_or_many_out")]
        kind: Vec<EntityKind>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        top: Option<usize>,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// Everything about one entity, with the sentences that state it.
    Show {
        entity: String,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        limit: Option<usize>,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
    },
    /// Targets of one relation ranked by how many sources point at them
    /// ("which countries are victims most often recruited from").
    Rank {
        relation: RelationKind,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        top: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "plain")]
        during: Option<Period>,
        #[serde(default, skip_serializing_if = "Filter::is_empty")]
        filter: Filter,
    },
    /// A question in plain English, answered by the query it maps to.
    Ask {
        question: String,
        #[serde(default, skip_serializing_if = "is_false")]
        first: bool,
    },
}

impl Query {
    pub fn filter(&self) -> Option<&Filter> {
        match self {
            Query::Path { filter, .. }
            | Query::Link { filter, .. }
            | Query::Centrality { filter, .. }
            | Query::Neighbors { filter, .. }
            | Query::Partners { filter, .. }
            | Query::Rank { filter, .. } => Some(filter),
            Query::Show { .. } | Query::Ask { .. } => None,
        }
    }

    /// The period asked for, if any.
    pub fn during(&self) -> Option<&Period> {
        match self {
            Query::Path { during, .. }
            | Query::Link { during, .. }
            | Query::Centrality { during, .. }
            | Query::Neighbors { during, .. }
            | Query::Partners { during, .. }
            | Query::Rank { during, .. } => during.as_ref(),
            Query::Show { .. } | Query::Ask { .. } => None,
        }
    }

    /// The filter the query runs under: its own, with its period ("in
    /// 2024") narrowing the graph as `--since` / `--until` do.
    pub fn narrowing(&self) -> Filter {
        let mut filter = self.filter().cloned().unwrap_or_default();
        if let Some(p) = self.during() {
            filter.since = filter.since.max(p.since);
            filter.until = match (filter.until, p.until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        filter
    }

    /// Take the first entity a shared name gives, rather than refuse.
    pub fn set_first(&mut self, yes: bool) {
        match self {
            Query::Path { first, .. }
            | Query::Link { first, .. }
            | Query::Neighbors { first, .. }
            | Query::Partners { first, .. }
            | Query::Show { first, .. }
            | Query::Ask { first, .. } => *first = yes,
            Query::Centrality { .. } | Query::Rank { .. } => {}
        }
    }

    /// The query in the RON of a query file, on one line.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new().compact_structs(true).compact_arrays(true).compact_maps(true);
        // serialising these plain types cannot fail; an empty string would only hide a bug
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default()
    }
}

/// Runs queries against one graph, with its name index built once (on the
/// first name looked up) for all of them.
pub struct Engine<'g> {
    g: &'g CaseGraph,
    lookup: OnceCell<Lookup>,
}

impl<'g> Engine<'g> {
    pub fn new(g: &'g CaseGraph) -> Self {
        Engine { g, lookup: OnceCell::new() }
    }

    pub fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::new(self.g))
    }

    /// The entity a name (or id) means; see [`Lookup::resolve`].
    pub fn find(&self, name: &str, first: bool) -> Result<Resolved, QueryError> {
        // an id needs no index: scripts that pass ids never pay for building it
        if let Some(node) = name.trim().parse::<crate::model::EntityId>().ok().and_then(|id| self.g.node(&id)) {
            return Ok(Resolved { node, note: None });
        }
        self.lookup().resolve(self.g, name, first)
    }

    /// Run one query and give its answer.
    pub fn run(&self, q: &Query) -> Result<Answer, QueryError> {
        let Query::Ask { question, first } = q else { return self.run_plain(q) };
        let u = understand(question)?;
        let mut inner = u.query;
        if *first {
            inner.set_first(true);
        }
        match self.run_plain(&inner) {
            Ok(mut a) => {
                a.question = Some(question.clone());
                Ok(a)
            }
            Err(QueryError::NotFound { .. }) if u.weak => Err(QueryError::NotUnderstood {
                question: question.clone(),
                reason: u.entity.map(|e| format!("'{}' is not an entity of the graph", error::echo(&e))),
                closest: ask::closest_forms(question),
            }),
            Err(QueryError::Ambiguous { name, candidates, total, .. }) => {
                Err(QueryError::Ambiguous { name, candidates, total, asked: true })
            }
            Err(e) => Err(e),
        }
    }

    fn run_plain(&self, q: &Query) -> Result<Answer, QueryError> {
        let filter = q.narrowing();
        let filtered;
        let (g, narrowed) = if filter.is_empty() {
            (self.g, false)
        } else {
            filtered = filter.apply(self.g);
            (&filtered, true)
        };
        let mut notes: Vec<String> = Vec::new();
        let body = match q {
            Query::Path { from, to, all, max_hops, limit, via, directed, first, .. } => {
                let (a, b) = (self.locate(g, q, from, *first, &mut notes)?, self.locate(g, q, to, *first, &mut notes)?);
                let opts = PathOptions {
                    all: *all,
                    max_hops: max_hops.unwrap_or(if *all { defaults::ALL_PATHS_MAX_HOPS } else { defaults::PATH_MAX_HOPS }),
                    limit: limit.unwrap_or(defaults::PATH_LIMIT),
                    via: via.clone(),
                    directed: *directed,
                };
                let result = paths(g, a, b, &opts)?;
                notes.extend(answer::path_note(&result, &opts));
                Body::Paths { from: g.entity(a).name.clone(), to: g.entity(b).name.clone(), result }
            }
            Query::Link { a, b, kind, max_hops, limit, first, .. } => {
                let (na, nb) = (self.locate(g, q, a, *first, &mut notes)?, self.locate(g, q, b, *first, &mut notes)?);
                let limit = limit.unwrap_or(defaults::LINK_LIMIT);
                let r = link(g, na, nb, *kind, max_hops.unwrap_or(defaults::LINK_MAX_HOPS), limit)?;
                if r.total > r.answers.len() {
                    notes.push(format!("{} more linking entities: raise --limit (now {limit})", r.total - r.answers.len()));
                }
                Body::Link { a: g.entity(na).name.clone(), b: g.entity(nb).name.clone(), kind: *kind, answers: r.answers, total: r.total }
            }
            Query::Centrality { measure, kind, top, weighted, filter, .. } => {
                let top = top.unwrap_or(defaults::CENTRALITY_TOP);
                if top == 0 {
                    return Err(QueryError::Usage("--top must be at least 1".into()));
                }
                let scores = centrality_of(g, *measure, kind, top, *weighted)?;
                if !scores.is_empty() && scores.iter().all(|s| s.score == 0.0) {
                    notes.push(answer::why_zero(self.g, g, filter, *measure, narrowed));
                }
                Body::Centrality { measure: *measure, scores }
            }
            Query::Neighbors { entity, relation, direction, kind, depth, limit, first, .. } => {
                let n = self.locate(g, q, entity, *first, &mut notes)?;
                let opts = NeighborOptions {
                    relations: relation.clone(),
                    direction: *direction,
                    depth: depth.unwrap_or(defaults::NEIGHBORS_DEPTH),
                    kinds: kind.clone(),
                    limit: limit.unwrap_or(defaults::NEIGHBORS_LIMIT),
                };
                let r = neighborhood(g, n, &opts)?;
                notes.extend(answer::neighbors_note(&r, &opts));
                Body::Neighbors { entity: g.entity(n).name.clone(), found: r.found, total: r.total, cut: r.cut }
            }
            Query::Partners { entity, kind, top, first, .. } => {
                let n = self.locate(g, q, entity, *first, &mut notes)?;
                let top = top.unwrap_or(defaults::PARTNERS_TOP);
                let r = partners(g, n, kind, top)?;
                if r.total > r.rows.len() {
                    notes.push(format!("{} more partners: raise top (now {top})", r.total - r.rows.len()));
                }
                Body::Partners { entity: g.entity(n).name.clone(), rows: r.rows, total: r.total }
            }
            Query::Show { entity, limit, first } => {
                let n = self.locate(g, q, entity, *first, &mut notes)?;
                let data = show(g, n, limit.unwrap_or(defaults::SHOW_LIMIT));
                if data.more_relations > 0 {
                    notes.push(format!(
                        "{} more relations: raise --limit (now {})",
                        data.more_relations,
                        limit.unwrap_or(defaults::SHOW_LIMIT)
                    ));
                }
                Body::Show(data)
            }
            Query::Rank { relation, top, .. } => {
                let top = top.unwrap_or(defaults::RANK_TOP);
                if top == 0 {
                    return Err(QueryError::Usage("top must be at least 1".into()));
                }
                Body::Rank { relation: *relation, rows: rank(g, *relation, top) }
            }
            Query::Ask { .. } => return self.run(q),
        };
        let mut answer = Answer { file: None, question: None, query: q.clone(), body, notes };
        if narrowed && answer.is_empty() {
            let f = filter.describe();
            answer.notes.push(format!(
                "nothing found in the graph narrowed by {f} ({} entities, {} relations left of {} and {}): try without it",
                g.node_count(),
                g.edge_count(),
                self.g.node_count(),
                self.g.edge_count()
            ));
        }
        Ok(answer)
    }
}

impl Engine<'_> {
    /// Look a name up in the whole graph, then find that entity in `g`
    /// (the graph once filtered), saying so when the filter removed it.
    fn locate(&self, g: &CaseGraph, q: &Query, name: &str, first: bool, notes: &mut Vec<String>) -> Result<NodeIndex, QueryError> {
        let r = self.find(name, first)?;
        notes.extend(r.note);
        let e = self.g.entity(r.node);
        g.node(&e.id).ok_or_else(|| {
            QueryError::Usage(format!("{} ({}) is not in the graph once filtered by {}", e.name, e.id, q.narrowing().describe()))
        })
    }
}

/// Run one query against a graph (a one-off [`Engine`]).
pub fn run(g: &CaseGraph, q: &Query) -> Result<Answer, QueryError> {
    Engine::new(g).run(q)
}

/// The entity a name or id means, refusing a name several entities share.
pub fn find(g: &CaseGraph, name: &str) -> Result<NodeIndex, QueryError> {
    Lookup::new(g).resolve(g, name, false).map(|r| r.node)
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn agency() -> EntityKind {
    EntityKind::Agency
}

fn betweenness() -> Measure {
    Measure::Betweenness
}

/// `Some(x)` written as `x`, as query files write it.
fn plain<T: Serialize, S: serde::Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => x.serialize(s),
        None => s.serialize_none(),
    }
}

/// One value or a list of them (`kind: "agency"` or `kind: ["agency", "country"]`).
fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Visit<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a name or a list of names")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<T>, E> {
            T::deserialize(serde::de::value::StrDeserializer::<E>::new(v)).map(|x| vec![x])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(x) = seq.next_element()? {
                out.push(x);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visit(std::marker::PhantomData))
}

fn one_or_many_out<T: Serialize, S: serde::Serializer>(v: &[T], s: S) -> Result<S::Ok, S::Error> {
    match v {
        [one] => one.serialize(s),
        many => many.serialize(s),
    }
}

#[cfg(test)]
mod tests;
