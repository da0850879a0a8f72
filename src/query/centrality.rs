//! Centrality on the graph seen as undirected (as NetworkX does for an
//! undirected graph), normalised as NetworkX normalises. Betweenness,
//! closeness and eigenvector come from rustworkx-core, PageRank from
//! petgraph; only the weighted PageRank and degree are computed here.

use super::defaults::ALL_PAIRS_STEPS;
use super::error::QueryError;
use crate::graph::CaseGraph;
use crate::model::{EntityId, EntityKind};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

impl Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Degree,
    Betweenness,
    Closeness,
    Pagerank,
    Eigenvector,
}

type Result<T> = std::result::Result<T, QueryError>;

impl std::str::FromStr for Measure {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Self> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s.trim().to_lowercase()).ok_or_else(|| {
            QueryError::Usage(format!(
                "unknown measure '{}' (expected degree, betweenness, closeness, pagerank or eigenvector)",
                super::error::echo(s)
            ))
        })
    }
}

impl Measure {
    pub const ALL: [Measure; 5] = [Measure::Degree, Measure::Betweenness, Measure::Closeness, Measure::Pagerank, Measure::Eigenvector];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Pagerank => "pagerank",
            Measure::Eigenvector => "eigenvector",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    pub score: f64,
}

/// The undirected simple graph NetworkX would build from our edges: one
/// edge per connected pair, weighted by the documents that state it.
pub fn undirected(g: &CaseGraph) -> UnGraph<NodeIndex, f64> {
    let mut u: UnGraph<NodeIndex, f64> = UnGraph::with_capacity(g.node_count(), g.edge_count());
    let mut map = HashMap::with_capacity(g.node_count());
    for n in g.graph().node_indices() {
        map.insert(n, u.add_node(n));
    }
    let mut weights: std::collections::BTreeMap<(NodeIndex, NodeIndex), f64> = Default::default();
    for e in g.graph().edge_references() {
        let (a, b) = (map[&e.source()], map[&e.target()]);
        if a == b {
            continue;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        *weights.entry(key).or_default() += e.weight().documents.max(1) as f64;
    }
    for ((a, b), w) in weights {
        u.add_edge(a, b, w);
    }
    u
}

/// Scores of the top `top` entities (of `kind`, if given), highest first,
/// ties by name. Scores are computed on the whole graph, then filtered.
pub fn centrality(g: &CaseGraph, measure: Measure, kind: Option<EntityKind>, top: usize, weighted: bool) -> Result<Vec<Score>> {
    centrality_of(g, measure, kind.as_slice(), top, weighted)
}

/// As [`centrality`], listing only entities of `kinds` (all when empty).
pub fn centrality_of(g: &CaseGraph, measure: Measure, kinds: &[EntityKind], top: usize, weighted: bool) -> Result<Vec<Score>> {
    let u = undirected(g);
    let values = scores(&u, measure, weighted)?;
    let mut out: Vec<Score> = u
        .node_indices()
        .filter_map(|i| {
            let e = g.entity(u[i]);
            if !kinds.is_empty() && !kinds.contains(&e.kind) {
                return None;
            }
            Some(Score { id: e.id.clone(), name: e.name.clone(), kind: e.kind, score: values[i.index()] })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)).then(a.id.cmp(&b.id)));
    out.truncate(top);
    Ok(out)
}

/// Raw scores indexed by node of `u`.
pub fn scores(u: &UnGraph<NodeIndex, f64>, measure: Measure, weighted: bool) -> Result<Vec<f64>> {
    let n = u.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let cost = n as f64 * u.edge_count().max(1) as f64;
    if matches!(measure, Measure::Betweenness | Measure::Closeness) && cost > ALL_PAIRS_STEPS {
        return Err(QueryError::Budget {
            what: format!("{} on {} entities and {} links (about {:.0e} steps)", measure.as_str(), n, u.edge_count(), cost),
            limit: format!("{ALL_PAIRS_STEPS:.0e}"),
            narrow: "narrow the graph first (--only-kind, --relation, --min-evidence) or use degree or pagerank".into(),
        });
    }
    let v = match measure {
        Measure::Degree => {
            let norm = if n > 1 { (n - 1) as f64 } else { 1.0 };
            u.node_indices()
                .map(|i| if weighted { u.edges(i).map(|e| *e.weight()).sum::<f64>() } else { u.edges(i).count() as f64 / norm })
                .collect()
        }
        Measure::Betweenness => {
            if weighted {
                return Err(QueryError::Usage("weighted betweenness is not available; drop --weighted".into()));
            }
            rustworkx_core::centrality::betweenness_centrality(u, false, true, 50).into_iter().map(|x| x.unwrap_or(0.0)).collect()
        }
        Measure::Closeness => {
            if weighted {
                // distance is the inverse of the evidence weight: well-attested links are short
                rustworkx_core::centrality::newman_weighted_closeness_centrality(u, true, |e| 1.0 / e.weight().max(1.0), 50)
                    .into_iter()
                    .map(|x| x.unwrap_or(0.0))
                    .collect()
            } else {
                rustworkx_core::centrality::closeness_centrality(u, true, 50).into_iter().map(|x| x.unwrap_or(0.0)).collect()
            }
        }
        Measure::Eigenvector => {
            let r: std::result::Result<Option<Vec<f64>>, std::convert::Infallible> = rustworkx_core::centrality::eigenvector_centrality(
                u,
                |e| Ok(if weighted { *e.weight() } else { 1.0 }),
                Some(1000),
                Some(1e-9),
            );
            match r {
                Ok(Some(v)) => v,
                _ => return Err(QueryError::Measure("eigenvector centrality did not converge in 1000 iterations; try pagerank".into())),
            }
        }
        Measure::Pagerank => pagerank(u, weighted),
    };
    Ok(v)
}

/// PageRank as NetworkX computes it on an undirected graph (each edge both
/// ways, dangling nodes spread evenly, alpha 0.85), iterated to 1e-13.
/// petgraph's `page_rank` is unweighted, fixed-iteration and O(n²) per
/// iteration (11 s against 9 ms here on a 2,350-node graph, see
/// `benches/pipeline.rs`), so both cases are done here.
///
/// Each round gathers rather than scatters: a node sums what its
/// neighbours send, read from flat neighbour arrays, so the nodes are
/// shared among threads without locks. The neighbour array holds 4-byte
/// indices and the weights sit apart (unweighted, they are not read at
/// all): a round streams a quarter of the bytes the (index, weight) pairs
/// took, which was most of its time on 1.7 million neighbour entries. Every
/// sum runs in the order it always did, so the scores are the same to the bit.
fn pagerank(u: &UnGraph<NodeIndex, f64>, weighted: bool) -> Vec<f64> {
    use rayon::prelude::*;
    let n = u.node_count();
    let alpha = 0.85;
    let w = |x: f64| if weighted { x } else { 1.0 };
    // degrees and weight sums in one pass over the edge list: walking each
    // node's edges through petgraph's linked lists, twice, was more than
    // half the time on 110,000 nodes (the weights are whole numbers of
    // documents, so the sums are exact in any order)
    let mut deg0 = vec![0usize; n];
    let mut out_w0 = vec![0.0f64; n];
    for e in u.edge_references() {
        let (a, b, x) = (e.source().index(), e.target().index(), w(*e.weight()));
        deg0[a] += 1;
        deg0[b] += 1;
        out_w0[a] += x;
        out_w0[b] += x;
    }
    // nodes renumbered by degree, most linked first: the scores every round
    // reads most often (the hubs') share a few cache lines
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&i| (std::cmp::Reverse(deg0[i]), i));
    let mut place = vec![0usize; n];
    for (p, &i) in order.iter().enumerate() {
        place[i] = p;
    }
    let out_w: Vec<f64> = order.iter().map(|&i| out_w0[i]).collect();
    // in the original order, so every sum over nodes runs as it always did
    let dangling_nodes: Vec<usize> = (0..n).filter(|&i| out_w0[i] == 0.0).map(|i| place[i]).collect();
    // neighbours of node v: nbr[start[v]..start[v + 1]], the edge's weight at the same place in wts
    let mut start = vec![0usize; n + 1];
    for (p, &i) in order.iter().enumerate() {
        start[p + 1] = start[p] + deg0[i];
    }
    let mut fill = start.clone();
    let mut nbr = vec![0u32; start[n]];
    let mut wts = if weighted { vec![0.0f64; start[n]] } else { Vec::new() };
    for e in u.edge_references() {
        let (a, b) = (place[e.source().index()], place[e.target().index()]);
        nbr[fill[a]] = b as u32;
        nbr[fill[b]] = a as u32;
        if weighted {
            wts[fill[a]] = *e.weight();
            wts[fill[b]] = *e.weight();
        }
        fill[a] += 1;
        fill[b] += 1;
    }
    // nodes per task: enough that rayon's bookkeeping is not paid per node
    const CHUNK: usize = 2048;
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let share_of = |i: usize, xi: f64| if out_w[i] > 0.0 { xi / out_w[i] } else { 0.0 };
    let mut share: Vec<f64> = (0..n).map(|i| share_of(i, x[i])).collect();
    let mut share_next = vec![0.0; n];
    for _ in 0..10_000 {
        let dangling: f64 = dangling_nodes.iter().map(|&i| x[i]).sum();
        let base = (1.0 - alpha) / n as f64 + alpha * dangling / n as f64;
        // one pass a round: each node's new score, what it sends next round,
        // and its chunk's share of the change, summed below in chunk order
        // (never in the order threads finish)
        let errs: Vec<f64> = next
            .par_chunks_mut(CHUNK)
            .zip(share_next.par_chunks_mut(CHUNK))
            .enumerate()
            .map(|(c, (part, sends))| {
                let mut err = 0.0;
                for (j, (y, s)) in part.iter_mut().zip(sends.iter_mut()).enumerate() {
                    let v = c * CHUNK + j;
                    let (from, to) = (start[v], start[v + 1]);
                    let sum: f64 = if weighted {
                        nbr[from..to].iter().zip(&wts[from..to]).map(|(&m, &ew)| share[m as usize] * ew).sum()
                    } else {
                        nbr[from..to].iter().map(|&m| share[m as usize]).sum()
                    };
                    *y = base + alpha * sum;
                    *s = share_of(v, *y);
                    err += (*y - x[v]).abs();
                }
                err
            })
            .collect();
        let err: f64 = errs.iter().sum();
        std::mem::swap(&mut x, &mut next);
        std::mem::swap(&mut share, &mut share_next);
        if err < n as f64 * 1e-13 {
            break;
        }
    }
    place.iter().map(|&p| x[p]).collect()
}
