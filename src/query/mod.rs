//! Stage 5a: questions over a stored graph. Read-only over [`CaseGraph`]:
//! paths, linking entities, centrality, neighbourhoods, and the evidence
//! behind an entity. Every result is sorted with ties broken by name, so
//! answers are deterministic, and every enumeration is bounded.

mod ask;
mod centrality;
mod cooperation;
mod filter;
mod paths;
mod queryfile;
pub mod render;

pub use ask::{parse_question, QUESTION_FORMS};
pub use centrality::{centrality, undirected, Measure, Score};
pub use cooperation::{membership, Body, Community, Cooperation, CooperationOptions, Link, SharedOperation};
pub use filter::Filter;
pub use paths::{link, neighbors, paths, Hop, LinkAnswer, Neighbor, PathOptions, PathResult};
pub use queryfile::{load_queries, Query};
pub use render::{Answer, OutputFormat};

use crate::error::Result;
use crate::graph::CaseGraph;

/// Run one query and give its answer.
pub fn run(g: &CaseGraph, q: &Query) -> Result<Answer> {
    let filtered;
    let g = match q.filter() {
        Some(f) if !f.is_empty() => {
            filtered = f.apply(g);
            &filtered
        }
        _ => g,
    };
    match q {
        Query::Path { from, to, all, max_hops, limit, via, relations, directed, .. } => {
            let opts = PathOptions {
                all: *all,
                max_hops: max_hops.unwrap_or(if *all { 4 } else { 8 }),
                limit: limit.unwrap_or(20),
                via: via.clone(),
                relations: relations.clone(),
                directed: *directed,
            };
            let a = g.find(from)?;
            let b = g.find(to)?;
            Ok(Answer::Paths { from: g.entity(a).name.clone(), to: g.entity(b).name.clone(), result: paths(g, a, b, &opts)? })
        }
        Query::Link { a, b, kind, max_hops, limit, .. } => {
            let na = g.find(a)?;
            let nb = g.find(b)?;
            let answers = link(g, na, nb, *kind, max_hops.unwrap_or(2), limit.unwrap_or(50));
            Ok(Answer::Link { a: g.entity(na).name.clone(), b: g.entity(nb).name.clone(), kind: *kind, answers })
        }
        Query::Centrality { measure, kind, top, weighted, .. } => {
            Ok(Answer::Centrality { measure: *measure, scores: centrality(g, *measure, *kind, top.unwrap_or(10), *weighted)? })
        }
        Query::Neighbors { entity, relation, depth, .. } => {
            let n = g.find(entity)?;
            Ok(Answer::Neighbors {
                entity: g.entity(n).name.clone(),
                relation: *relation,
                found: neighbors(g, n, *relation, depth.unwrap_or(1)),
            })
        }
        Query::Show { entity } => Ok(Answer::Show(render::show(g, g.find(entity)?))),
        Query::Rank { relation, top, .. } => Ok(Answer::Rank { relation: *relation, rows: render::rank(g, *relation, top.unwrap_or(10)) }),
        Query::Ask { question } => run(g, &parse_question(question)?),
    }
}

#[cfg(test)]
mod tests;
