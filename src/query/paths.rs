//! Paths between two entities, shortest first.
//!
//! One enumerator serves both modes: iterative deepening over path lengths
//! (only the shortest length without `all`, every length up to `max_hops`
//! with it), pruned by each node's distance to the target, so a path of
//! length `d` is only walked when it can still end at the target in `d`
//! hops. Within a length, edges are tried in a fixed order (relation, then
//! the other end's name and id), so paths come out sorted and a `limit`
//! keeps a prefix of the sorted list: it never hides a shorter path.
//!
//! Cost: each length walks at most the edges of the paths it can complete;
//! the whole search is bounded by [`PATH_STEPS`] steps and the answer by
//! [`PATH_HOPS_HELD`] hops, whatever `limit` and `max_hops` say.
//!
//! `pathfinding::yen` would give k shortest paths too, but over nodes: two
//! relations between the same pair would be one path, and it has no step
//! budget to stop it on a hub.

use super::defaults::{PATH_HOPS_HELD, PATH_LIMIT, PATH_MAX_HOPS, PATH_STEPS};
use super::error::QueryError;
use super::walk::{hops, raw_steps, Adjacency, Hop, Step};
use crate::graph::CaseGraph;
use crate::model::EntityKind;
use petgraph::graph::NodeIndex;
use serde::Serialize;

/// Why an enumeration stopped before the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cut {
    /// More results exist than the limit lets through.
    Limit,
    /// The step budget ran out.
    Budget,
    /// The answer reached the most it may hold.
    Memory,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PathResult {
    pub paths: Vec<Vec<Hop>>,
    /// True when the limit (or a budget) cut the enumeration.
    pub truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut: Option<Cut>,
    /// The longest length searched to the end.
    #[serde(skip)]
    pub searched: usize,
}

#[derive(Clone, Debug)]
pub struct PathOptions {
    /// Every simple path up to `max_hops`, not only the shortest.
    pub all: bool,
    pub max_hops: usize,
    pub limit: usize,
    /// Kinds the path may pass through (its ends excepted); empty: any.
    pub via: Vec<EntityKind>,
    /// Follow edges only in their direction.
    pub directed: bool,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions { all: false, max_hops: PATH_MAX_HOPS, limit: PATH_LIMIT, via: Vec::new(), directed: false }
    }
}

const UNSEEN: u32 = u32::MAX;

/// Steps a search from the target may spend mapping distances before the
/// paths are walked; the levels it completes prune exactly, beyond them
/// the search only knows a node is further.
const MAP_STEPS: usize = 200_000;

/// Distances to one end, exact up to `exact` hops.
struct Distances {
    dist: Vec<u32>,
    exact: usize,
}

impl Distances {
    /// Can `n` still reach the end in `left` hops?
    fn within(&self, n: NodeIndex, left: usize) -> bool {
        let d = self.dist[n.index()] as usize;
        if d <= self.exact {
            d <= left
        } else {
            left > self.exact
        }
    }
}

/// Shortest path(s) from `a` to `b`, or with `all` every simple path up to
/// `max_hops`, shortest first; at most `limit` of them.
pub fn paths(g: &CaseGraph, a: NodeIndex, b: NodeIndex, opts: &PathOptions) -> Result<PathResult, QueryError> {
    paths_mapped(g, a, b, opts, MAP_STEPS)
}

/// [`paths`] with the share of the budget that maps distances to `b` given.
pub(super) fn paths_mapped(
    g: &CaseGraph,
    a: NodeIndex,
    b: NodeIndex,
    opts: &PathOptions,
    map_steps: usize,
) -> Result<PathResult, QueryError> {
    if opts.limit == 0 {
        return Err(QueryError::Usage("the path limit must be at least 1".into()));
    }
    if opts.max_hops == 0 {
        return Err(QueryError::Usage("--max-hops must be at least 1".into()));
    }
    if a == b {
        return Err(QueryError::Usage(format!("'{}' is both ends of the path", g.entity(a).name)));
    }
    let max = opts.max_hops.min(g.node_count().saturating_sub(1));
    let passable = |n: NodeIndex| opts.via.is_empty() || opts.via.contains(&g.entity(n).kind);
    let mut budget = PATH_STEPS;
    let mut out = PathResult::default();
    // the length of the shortest path, from a breadth-first search from `a` that stops at `b`'s level
    let from_a = levels(g, a, Some(b), max, opts.directed, false, &passable, &mut budget, usize::MAX);
    let d0 = from_a.dist[b.index()];
    if budget == 0 {
        out.truncated = true;
        out.cut = Some(Cut::Budget);
        return Ok(out);
    }
    if d0 == UNSEEN {
        out.searched = max;
        return Ok(out);
    }
    let d0 = d0 as usize;
    let last = if opts.all { max } else { d0 };
    // distances to `b`, exact as far as a share of the budget maps them
    let to_b = levels(g, b, None, last.saturating_sub(1), opts.directed, true, &passable, &mut budget, map_steps);
    let adj = Adjacency::new(g);
    let mut found: Vec<Vec<Step>> = Vec::new();
    let mut held = 0usize;
    let mut on_path = vec![false; g.node_count()];
    for d in d0..=last {
        // on a shortest path the k-th node is exactly k hops from `a`
        let exact_a = (d == d0).then_some(&from_a);
        let cut = deepen(
            &adj,
            (a, b),
            d,
            (&to_b, exact_a),
            opts,
            &passable,
            &mut Found { paths: &mut found, held: &mut held, limit: opts.limit },
            &mut on_path,
            &mut budget,
        );
        if let Some(c) = cut {
            out.truncated = true;
            out.cut = Some(c);
            break;
        }
        out.searched = d;
    }
    out.paths = found.iter().map(|p| hops(g, a, p)).collect();
    Ok(out)
}

struct Found<'x> {
    paths: &'x mut Vec<Vec<Step>>,
    held: &'x mut usize,
    limit: usize,
}

/// Breadth-first distances from `start` through passable nodes, level by
/// level up to `max`, on the graph's unsorted edges. Stops after the level
/// where `stop` is found, or as soon as `share` steps are spent;
/// `backwards` walks edges against their direction (a search from the end
/// of a directed path).
#[allow(clippy::too_many_arguments)]
fn levels(
    g: &CaseGraph,
    start: NodeIndex,
    stop: Option<NodeIndex>,
    max: usize,
    directed: bool,
    backwards: bool,
    passable: &dyn Fn(NodeIndex) -> bool,
    budget: &mut usize,
    share: usize,
) -> Distances {
    let mut dist = vec![UNSEEN; g.node_count()];
    dist[start.index()] = 0;
    let mut level = vec![start];
    let mut spent = 0usize;
    let mut exact = 0usize;
    while !level.is_empty() && exact < max {
        if stop.is_some_and(|s| dist[s.index()] != UNSEEN) {
            break;
        }
        let d = u32::try_from(exact + 1).unwrap_or(UNSEEN);
        let mut next = Vec::new();
        for &n in &level {
            if n != start && !passable(n) {
                continue;
            }
            for s in raw_steps(g, n) {
                // a level left half done: its distances only bound the unseen from below
                if *budget == 0 || spent >= share {
                    return Distances { dist, exact };
                }
                *budget -= 1;
                spent += 1;
                if directed && s.forward == backwards {
                    continue;
                }
                if dist[s.to.index()] == UNSEEN {
                    dist[s.to.index()] = d;
                    next.push(s.to);
                }
            }
        }
        exact += 1;
        level = next;
    }
    // a search that ran out of levels to expand knows every distance
    if level.is_empty() {
        exact = usize::MAX;
    }
    Distances { dist, exact }
}

/// Every simple path of exactly `d` hops, in order; `Some(cut)` when it had to stop.
#[allow(clippy::too_many_arguments)]
fn deepen(
    adj: &Adjacency,
    (a, b): (NodeIndex, NodeIndex),
    d: usize,
    (to_b, exact_a): (&Distances, Option<&Distances>),
    opts: &PathOptions,
    passable: &dyn Fn(NodeIndex) -> bool,
    found: &mut Found,
    on_path: &mut [bool],
    budget: &mut usize,
) -> Option<Cut> {
    let mut frames: Vec<(NodeIndex, usize)> = vec![(a, 0)];
    let mut stack: Vec<Step> = Vec::new();
    on_path[a.index()] = true;
    let mut cut = None;
    while let Some(frame) = frames.last_mut() {
        let (n, i) = *frame;
        let steps = adj.of(n);
        if i >= steps.len() {
            frames.pop();
            if let Some(s) = stack.pop() {
                on_path[s.to.index()] = false;
            }
            continue;
        }
        frame.1 += 1;
        let s = steps[i];
        if *budget == 0 {
            cut = Some(Cut::Budget);
            break;
        }
        *budget -= 1;
        if (opts.directed && !s.forward) || on_path[s.to.index()] {
            continue;
        }
        let k = stack.len() + 1;
        if s.to == b {
            if k == d {
                if found.paths.len() >= found.limit {
                    cut = Some(Cut::Limit);
                    break;
                }
                if *found.held + k > PATH_HOPS_HELD {
                    cut = Some(Cut::Memory);
                    break;
                }
                *found.held += k;
                let mut p = stack.clone();
                p.push(s);
                found.paths.push(p);
            }
            continue;
        }
        if k >= d || !passable(s.to) || !to_b.within(s.to, d - k) || exact_a.is_some_and(|fa| fa.dist[s.to.index()] as usize != k) {
            continue;
        }
        on_path[s.to.index()] = true;
        stack.push(s);
        frames.push((s.to, 0));
    }
    for s in &stack {
        on_path[s.to.index()] = false;
    }
    on_path[a.index()] = false;
    cut
}
