//! Paths between two entities, shortest first.
//!
//! The length of the shortest path comes from breadth-first searches from
//! both ends that meet in the middle, each level taken from the side with
//! fewer edges to walk (a hub's thousands of neighbours are left alone
//! when the other end has few). One enumerator then serves both modes:
//! iterative deepening over path lengths (only the shortest length without
//! `all`, every length up to `max_hops` with it), pruned so a path of length
//! `d` is only walked where it can still end at the target in `d` hops: on
//! the shortest length by the two searches' exact distances, on longer ones
//! by distances mapped from the target. Within a length, edges are tried in
//! a fixed order (relation, then the other end's name and id), so paths come
//! out sorted and a `limit` keeps a prefix of the sorted list: it never
//! hides a shorter path. Only the edges that pass the pruning are sorted.
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
use super::walk::{hops, raw_steps, step_order, Hop, Step};
use crate::graph::CaseGraph;
use crate::model::EntityKind;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::HashMap;

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
/// paths of `--all` longer than the shortest are walked; the levels it
/// completes prune exactly, beyond them the search only knows a node is
/// further.
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

    /// Can `n` be exactly `k` hops from the end? (Reached in `k` hops, it is then.)
    fn exactly(&self, n: NodeIndex, k: usize) -> bool {
        let d = self.dist[n.index()] as usize;
        if d <= self.exact {
            d == k
        } else {
            k > self.exact
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
    // the length of the shortest path, from searches from both ends that meet in the middle
    let Some(meet) = meet(g, (a, b), max, opts.directed, &passable, &mut budget) else {
        out.truncated = true;
        out.cut = Some(Cut::Budget);
        return Ok(out);
    };
    let Some(d0) = meet.length else {
        out.searched = max;
        return Ok(out);
    };
    let last = if opts.all { max } else { d0 };
    let mut found: Vec<Vec<Step>> = Vec::new();
    let mut held = 0usize;
    let mut on_path = vec![false; g.node_count()];
    // distances to `b` for the longer paths of `--all`, exact as far as a share of the budget maps them
    let mut mapped: Option<Distances> = None;
    for d in d0..=last {
        let prune = if d == d0 {
            // on a shortest path the k-th node is exactly k hops from `a` and d0 - k from `b`;
            // each search knows one of the two exactly, so no node off a shortest path is entered
            Prune::Shortest { from_a: &meet.from_a, from_b: &meet.from_b }
        } else {
            let to_b = mapped.get_or_insert_with(|| levels(g, b, last - 1, opts.directed, true, &passable, &mut budget, map_steps));
            Prune::Within(to_b)
        };
        let cut = deepen(
            g,
            (a, b),
            d,
            &prune,
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

/// What a node must satisfy to be the `k`-th of a path of `d` hops.
enum Prune<'x> {
    /// `d` is the shortest length: exact distances from both ends.
    Shortest { from_a: &'x Distances, from_b: &'x Distances },
    /// Longer paths: only close enough to `b`.
    Within(&'x Distances),
}

impl Prune<'_> {
    fn admits(&self, n: NodeIndex, k: usize, d: usize) -> bool {
        match self {
            Prune::Shortest { from_a, from_b } => from_a.exactly(n, k) && from_b.exactly(n, d - k),
            Prune::Within(to_b) => to_b.within(n, d - k),
        }
    }
}

/// The two searches' distances where they met, and the length of the
/// shortest path (`None`: none within the hops allowed).
struct Meet {
    from_a: Distances,
    from_b: Distances,
    length: Option<usize>,
}

/// One side of the search that meets in the middle.
struct Side {
    start: NodeIndex,
    dist: Vec<u32>,
    level: Vec<NodeIndex>,
    /// Levels expanded to the end: distances up to it are exact.
    depth: usize,
    /// Edges at the level's nodes: what expanding it would cost.
    cost: usize,
    backwards: bool,
}

/// Breadth-first searches from both ends, level by level, always expanding
/// the side whose next level has fewer edges: from a hub of 13,775
/// neighbours to a group two hops away the search expands the group's few
/// edges, where one from the hub alone would walk most of the graph. Each
/// level is finished once started, so each side's distances stay exact up
/// to its depth; the first level where they meet gives the length, the sum
/// of the two depths. `None` when the budget ran out.
fn meet(
    g: &CaseGraph,
    (a, b): (NodeIndex, NodeIndex),
    max: usize,
    directed: bool,
    passable: &dyn Fn(NodeIndex) -> bool,
    budget: &mut usize,
) -> Option<Meet> {
    let side = |start: NodeIndex, backwards: bool| {
        let mut dist = vec![UNSEEN; g.node_count()];
        dist[start.index()] = 0;
        Side { start, dist, level: vec![start], depth: 0, cost: g.degree(start), backwards }
    };
    let (mut sa, mut sb) = (side(a, false), side(b, true));
    let mut met = false;
    while !met && sa.depth + sb.depth < max && !sa.level.is_empty() && !sb.level.is_empty() {
        let (this, other) = if sa.cost <= sb.cost { (&mut sa, &sb) } else { (&mut sb, &sa) };
        let d = u32::try_from(this.depth + 1).unwrap_or(UNSEEN);
        let (mut next, mut cost) = (Vec::new(), 0usize);
        for &n in &this.level {
            for s in raw_steps(g, n) {
                if *budget == 0 {
                    return None;
                }
                *budget -= 1;
                if directed && s.forward == this.backwards {
                    continue;
                }
                let to = s.to.index();
                if this.dist[to] != UNSEEN {
                    continue;
                }
                this.dist[to] = d;
                // the far end is met wherever it is; a node between them only if the path may pass it
                if s.to == other.start {
                    met = true;
                } else if passable(s.to) {
                    met |= other.dist[to] != UNSEEN;
                    cost += g.degree(s.to);
                    next.push(s.to);
                }
            }
        }
        this.depth += 1;
        this.level = next;
        this.cost = cost;
    }
    let length = met.then_some(sa.depth + sb.depth);
    let exact = |s: &Side| if s.level.is_empty() && !met { usize::MAX } else { s.depth };
    let (ea, eb) = (exact(&sa), exact(&sb));
    Some(Meet { from_a: Distances { dist: sa.dist, exact: ea }, from_b: Distances { dist: sb.dist, exact: eb }, length })
}

/// Breadth-first distances from `start` through passable nodes, level by
/// level up to `max`, on the graph's unsorted edges. Stops as soon as
/// `share` steps are spent; `backwards` walks edges against their
/// direction (a search from the end of a directed path).
#[allow(clippy::too_many_arguments)]
fn levels(
    g: &CaseGraph,
    start: NodeIndex,
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

/// The steps a path of `d` hops may take from a node at its `k - 1`-th
/// place, sorted by relation, then the other end's name and id. They are
/// filtered before they are sorted, so a hub's thousands of edges are
/// walked once and only the few that can still lead to `b` are sorted,
/// and kept per place for the walks that come back to the node.
struct Choices<'x> {
    g: &'x CaseGraph,
    b: NodeIndex,
    d: usize,
    prune: &'x Prune<'x>,
    directed: bool,
    passable: &'x dyn Fn(NodeIndex) -> bool,
    kept: HashMap<(NodeIndex, usize), Box<[Step]>>,
}

impl Choices<'_> {
    fn of(&mut self, n: NodeIndex, k: usize, budget: &mut usize) -> Option<&[Step]> {
        use std::collections::hash_map::Entry;
        let entry = match self.kept.entry((n, k)) {
            Entry::Occupied(o) => return Some(o.into_mut()),
            Entry::Vacant(v) => v,
        };
        let g = self.g;
        let mut steps = Vec::new();
        for s in raw_steps(g, n) {
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            if self.directed && !s.forward {
                continue;
            }
            let fits = if s.to == self.b { k == self.d } else { k < self.d && (self.passable)(s.to) && self.prune.admits(s.to, k, self.d) };
            if fits {
                steps.push(s);
            }
        }
        // stable, on edges listed as `incident` lists them: ties keep its order
        steps.sort_by(|x, y| step_order(g, x, y));
        Some(entry.insert(steps.into_boxed_slice()))
    }
}

/// Every simple path of exactly `d` hops, in order; `Some(cut)` when it had to stop.
#[allow(clippy::too_many_arguments)]
fn deepen(
    g: &CaseGraph,
    (a, b): (NodeIndex, NodeIndex),
    d: usize,
    prune: &Prune,
    opts: &PathOptions,
    passable: &dyn Fn(NodeIndex) -> bool,
    found: &mut Found,
    on_path: &mut [bool],
    budget: &mut usize,
) -> Option<Cut> {
    let mut choices = Choices { g, b, d, prune, directed: opts.directed, passable, kept: HashMap::new() };
    let mut frames: Vec<(NodeIndex, usize)> = vec![(a, 0)];
    let mut stack: Vec<Step> = Vec::new();
    on_path[a.index()] = true;
    let mut cut = None;
    while let Some(frame) = frames.last_mut() {
        let (n, i) = *frame;
        let k = stack.len() + 1;
        let Some(steps) = choices.of(n, k, budget) else {
            cut = Some(Cut::Budget);
            break;
        };
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
        if on_path[s.to.index()] {
            continue;
        }
        if s.to == b {
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
