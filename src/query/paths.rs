//! Paths, linking entities and neighbourhoods: breadth-first searches over
//! the graph (undirected unless asked), always bounded.

use crate::error::{Error, Result};
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// One step of a path: `from -relation-> to`, or against the edge when `forward` is false.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub from: EntityId,
    pub from_name: String,
    pub relation: RelationKind,
    pub to: EntityId,
    pub to_name: String,
    /// True when the stored edge points from `from` to `to`.
    pub forward: bool,
    /// Documents that state this edge.
    pub documents: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PathResult {
    pub paths: Vec<Vec<Hop>>,
    /// True when the limit (or the search budget) cut the enumeration.
    pub truncated: bool,
}

#[derive(Clone, Debug)]
pub struct PathOptions {
    /// Every simple path up to `max_hops`, not only the shortest.
    pub all: bool,
    pub max_hops: usize,
    pub limit: usize,
    /// Kinds the path may pass through (its ends excepted); empty: any.
    pub via: Vec<EntityKind>,
    /// Relations the path may use; empty: any.
    pub relations: Vec<RelationKind>,
    /// Follow edges only in their direction.
    pub directed: bool,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions { all: false, max_hops: 8, limit: 20, via: Vec::new(), relations: Vec::new(), directed: false }
    }
}

/// How many steps an all-paths search may take before it stops and says so.
const SEARCH_BUDGET: usize = 2_000_000;

struct Walker<'g> {
    g: &'g CaseGraph,
    relations: &'g [RelationKind],
    directed: bool,
}

impl Walker<'_> {
    /// Usable edges from `n`, sorted by relation then the other end's name.
    fn steps(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex, bool)> {
        self.g
            .incident(n)
            .into_iter()
            .filter(|&(e, _, out)| {
                (!self.directed || out) && (self.relations.is_empty() || self.relations.contains(&self.g.relation(e).relation))
            })
            .collect()
    }

    fn hop(&self, from: NodeIndex, e: EdgeIndex, to: NodeIndex, forward: bool) -> Hop {
        let r = self.g.relation(e);
        Hop {
            from: self.g.entity(from).id.clone(),
            from_name: self.g.entity(from).name.clone(),
            relation: r.relation,
            to: self.g.entity(to).id.clone(),
            to_name: self.g.entity(to).name.clone(),
            forward,
            documents: r.documents,
        }
    }
}

/// Shortest path(s) from `a` to `b`, or with `all` every simple path up to
/// `max_hops`; at most `limit` of them.
pub fn paths(g: &CaseGraph, a: NodeIndex, b: NodeIndex, opts: &PathOptions) -> Result<PathResult> {
    if opts.limit == 0 {
        return Err(Error::Query("path limit must be at least 1".into()));
    }
    let w = Walker { g, relations: &opts.relations, directed: opts.directed };
    let passable = |n: NodeIndex| n == b || opts.via.is_empty() || opts.via.contains(&g.entity(n).kind);
    if a == b {
        return Ok(PathResult::default());
    }
    if opts.all {
        let mut out = PathResult::default();
        let mut stack: Vec<(NodeIndex, EdgeIndex, NodeIndex, bool)> = Vec::new();
        let mut on_path: BTreeSet<NodeIndex> = BTreeSet::from([a]);
        let mut budget = SEARCH_BUDGET;
        dfs(&w, a, b, opts, &passable, &mut stack, &mut on_path, &mut out, &mut budget);
        out.paths.sort_by(|x, y| x.len().cmp(&y.len()).then_with(|| names(x).cmp(&names(y))));
        return Ok(out);
    }
    // breadth-first, remembering every shortest predecessor
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(a, 0)]);
    let mut preds: HashMap<NodeIndex, Vec<(NodeIndex, EdgeIndex, bool)>> = HashMap::new();
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d >= opts.max_hops || dist.get(&b).is_some_and(|&db| d >= db) {
            continue;
        }
        if n != a && !passable(n) {
            continue;
        }
        for (e, m, fwd) in w.steps(n) {
            match dist.get(&m) {
                None => {
                    dist.insert(m, d + 1);
                    preds.entry(m).or_default().push((n, e, fwd));
                    queue.push_back(m);
                }
                Some(&dm) if dm == d + 1 => preds.entry(m).or_default().push((n, e, fwd)),
                _ => {}
            }
        }
    }
    let mut out = PathResult::default();
    if !dist.contains_key(&b) {
        return Ok(out);
    }
    // walk back from b over shortest predecessors
    let mut partial: Vec<(NodeIndex, Vec<Hop>)> = vec![(b, Vec::new())];
    while let Some((n, tail)) = partial.pop() {
        if n == a {
            let mut p = tail;
            p.reverse();
            out.paths.push(p);
            if out.paths.len() > opts.limit * 4 {
                out.truncated = true;
                break;
            }
            continue;
        }
        for &(p, e, fwd) in preds.get(&n).map(|v| v.as_slice()).unwrap_or(&[]) {
            let mut t = tail.clone();
            t.push(w.hop(p, e, n, fwd));
            partial.push((p, t));
        }
    }
    out.paths.sort_by_key(|p| names(p));
    if out.paths.len() > opts.limit {
        out.paths.truncate(opts.limit);
        out.truncated = true;
    }
    Ok(out)
}

fn names(p: &[Hop]) -> Vec<String> {
    p.iter().flat_map(|h| [h.relation.as_str().to_string(), h.to_name.clone()]).collect()
}

#[allow(clippy::too_many_arguments)]
fn dfs(
    w: &Walker,
    n: NodeIndex,
    b: NodeIndex,
    opts: &PathOptions,
    passable: &dyn Fn(NodeIndex) -> bool,
    stack: &mut Vec<(NodeIndex, EdgeIndex, NodeIndex, bool)>,
    on_path: &mut BTreeSet<NodeIndex>,
    out: &mut PathResult,
    budget: &mut usize,
) {
    if out.truncated {
        return;
    }
    for (e, m, fwd) in w.steps(n) {
        if *budget == 0 {
            out.truncated = true;
            return;
        }
        *budget -= 1;
        if on_path.contains(&m) {
            continue;
        }
        if m == b {
            if out.paths.len() >= opts.limit {
                out.truncated = true;
                return;
            }
            let mut p: Vec<Hop> = stack.iter().map(|&(f, e, t, fw)| w.hop(f, e, t, fw)).collect();
            p.push(w.hop(n, e, m, fwd));
            out.paths.push(p);
            continue;
        }
        if stack.len() + 1 >= opts.max_hops || !passable(m) {
            continue;
        }
        on_path.insert(m);
        stack.push((n, e, m, fwd));
        dfs(w, m, b, opts, passable, stack, on_path, out, budget);
        stack.pop();
        on_path.remove(&m);
        if out.truncated {
            return;
        }
    }
}

/// Breadth-first tree from `start` up to `max_hops`: distance and the hops back to `start`.
fn bfs_tree(w: &Walker, start: NodeIndex, max_hops: usize) -> HashMap<NodeIndex, Vec<Hop>> {
    let mut seen: HashMap<NodeIndex, Vec<Hop>> = HashMap::from([(start, Vec::new())]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let path = seen[&n].clone();
        if path.len() >= max_hops {
            continue;
        }
        for (e, m, fwd) in w.steps(n) {
            if seen.contains_key(&m) {
                continue;
            }
            let mut p = path.clone();
            p.push(w.hop(n, e, m, fwd));
            seen.insert(m, p);
            queue.push_back(m);
        }
    }
    seen
}

/// An entity linked to both ends of a `link` query, with the chains that link it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnswer {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Distinct documents behind the two chains.
    pub documents: usize,
    /// From this entity to A, and to B.
    pub chain_a: Vec<Hop>,
    pub chain_b: Vec<Hop>,
}

/// Entities of `kind` connected to both `a` and `b` within `max_hops`,
/// ranked by how many documents support their connections (over every
/// short path, not only one), then by the length of the chains.
pub fn link(g: &CaseGraph, a: NodeIndex, b: NodeIndex, kind: EntityKind, max_hops: usize, limit: usize) -> Vec<LinkAnswer> {
    let w = Walker { g, relations: &[], directed: false };
    let from_a = bfs_tree(&w, a, max_hops);
    let from_b = bfs_tree(&w, b, max_hops);
    let opts = PathOptions { all: true, max_hops, limit: 64, ..Default::default() };
    let mut out: Vec<LinkAnswer> = Vec::new();
    for &c in from_a.keys() {
        if c == a || c == b || g.entity(c).kind != kind || !from_b.contains_key(&c) {
            continue;
        }
        let to_a = paths(g, c, a, &opts).map(|r| r.paths).unwrap_or_default();
        let to_b = paths(g, c, b, &opts).map(|r| r.paths).unwrap_or_default();
        let (Some(best_a), Some(best_b)) = (best_chain(g, &to_a), best_chain(g, &to_b)) else { continue };
        let docs: BTreeSet<&DocId> = to_a.iter().chain(to_b.iter()).flat_map(|p| docs_of(g, p)).collect();
        out.push(LinkAnswer {
            id: g.entity(c).id.clone(),
            name: g.entity(c).name.clone(),
            kind,
            documents: docs.len(),
            chain_a: best_a,
            chain_b: best_b,
        });
    }
    out.sort_by(|x, y| {
        y.documents
            .cmp(&x.documents)
            .then((x.chain_a.len() + x.chain_b.len()).cmp(&(y.chain_a.len() + y.chain_b.len())))
            .then(x.name.cmp(&y.name))
    });
    out.truncate(limit);
    out
}

/// Documents behind the edges of a path.
fn docs_of<'g>(g: &'g CaseGraph, p: &[Hop]) -> Vec<&'g DocId> {
    p.iter()
        .filter_map(|h| {
            let (s, t) = if h.forward { (&h.from, &h.to) } else { (&h.to, &h.from) };
            let e = g.graph().find_edge(g.node(s)?, g.node(t)?)?;
            Some(g.relation(e).evidence.iter().map(|ev| &ev.doc).collect::<Vec<_>>())
        })
        .flatten()
        .collect()
}

/// The chain to show: shortest, then best attested, then by name.
fn best_chain(g: &CaseGraph, ps: &[Vec<Hop>]) -> Option<Vec<Hop>> {
    ps.iter()
        .min_by(|x, y| {
            let dx = docs_of(g, x).into_iter().collect::<BTreeSet<_>>().len();
            let dy = docs_of(g, y).into_iter().collect::<BTreeSet<_>>().len();
            x.len().cmp(&y.len()).then(dy.cmp(&dx)).then_with(|| names(x).cmp(&names(y)))
        })
        .cloned()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    pub depth: usize,
    /// The hops from the queried entity to this one.
    pub via: Vec<Hop>,
}

/// Entities within `depth` hops, optionally only over one relation.
pub fn neighbors(g: &CaseGraph, n: NodeIndex, relation: Option<RelationKind>, depth: usize) -> Vec<Neighbor> {
    let rels: Vec<RelationKind> = relation.into_iter().collect();
    let w = Walker { g, relations: &rels, directed: false };
    let tree = bfs_tree(&w, n, depth.max(1));
    let mut out: Vec<Neighbor> = tree
        .into_iter()
        .filter(|(m, _)| *m != n)
        .map(|(m, via)| Neighbor {
            id: g.entity(m).id.clone(),
            name: g.entity(m).name.clone(),
            kind: g.entity(m).kind,
            depth: via.len(),
            via,
        })
        .collect();
    out.sort_by(|a, b| a.depth.cmp(&b.depth).then(a.kind.cmp(&b.kind)).then(a.name.cmp(&b.name)).then(a.id.cmp(&b.id)));
    out
}
