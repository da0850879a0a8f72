//! The entities around one entity: a breadth-first search that keeps, for
//! each entity reached, only its parent and the edge from it (memory grows
//! with the entities reached, not with the length of their paths: a chain
//! of 8,000 at depth 8,000 holds 8,000 parents). Bounded by
//! [`NEIGHBORS_STEPS`]; the listing by a limit, while all are counted.

use super::defaults::{NEIGHBORS_LIMIT, NEIGHBORS_STEPS};
use super::error::QueryError;
use super::paths::Cut;
use super::walk::{Adjacency, Hop, Step};
use crate::graph::CaseGraph;
use crate::model::{EntityId, EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// Which way edges may be walked; written as a string (`"incoming"`) like kinds and relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Either way.
    #[default]
    Both,
    /// From the entity along its edges ("which operations did X coordinate").
    Outgoing,
    /// Into the entity ("who coordinated X").
    Incoming,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Both, Direction::Outgoing, Direction::Incoming];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Both => "both",
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
        }
    }

    pub fn is_both(&self) -> bool {
        *self == Direction::Both
    }

    fn allows(self, s: &Step) -> bool {
        match self {
            Direction::Both => true,
            Direction::Outgoing => s.forward,
            Direction::Incoming => !s.forward,
        }
    }
}

impl Serialize for Direction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Direction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Direction::ALL.into_iter().find(|x| x.as_str() == s).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown direction '{}' (expected both, outgoing or incoming)", s.escape_debug()))
        })
    }
}

#[derive(Clone, Debug)]
pub struct NeighborOptions {
    /// Walk only these relations (empty: all).
    pub relations: Vec<RelationKind>,
    pub direction: Direction,
    pub depth: usize,
    /// List only these kinds (empty: all); the walk passes through any kind.
    pub kinds: Vec<EntityKind>,
    pub limit: usize,
}

impl Default for NeighborOptions {
    fn default() -> Self {
        NeighborOptions { relations: Vec::new(), direction: Direction::Both, depth: 1, kinds: Vec::new(), limit: NEIGHBORS_LIMIT }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    pub depth: usize,
    /// The hop that reached this entity, from its parent (the queried
    /// entity at depth 1); follow `via.from` back for the whole chain.
    pub via: Hop,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NeighborResult {
    pub found: Vec<Neighbor>,
    /// Entities found before the limit.
    pub total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut: Option<Cut>,
}

/// Entities within `opts.depth` hops of `n`, nearest first, then by kind and name.
pub fn neighborhood(g: &CaseGraph, n: NodeIndex, opts: &NeighborOptions) -> Result<NeighborResult, QueryError> {
    if opts.depth == 0 {
        return Err(QueryError::Usage("--depth must be at least 1".into()));
    }
    if opts.limit == 0 {
        return Err(QueryError::Usage("the neighbour limit must be at least 1".into()));
    }
    let (reached, cut) = walk(g, n, opts, NEIGHBORS_STEPS);
    let mut listed: Vec<(NodeIndex, usize, NodeIndex, Step)> = reached
        .into_iter()
        .filter(|(m, _)| opts.kinds.is_empty() || opts.kinds.contains(&g.entity(*m).kind))
        .map(|(m, (depth, parent, step))| (m, depth, parent, step))
        .collect();
    listed.sort_by(|x, y| {
        let (ex, ey) = (g.entity(x.0), g.entity(y.0));
        x.1.cmp(&y.1).then(ex.kind.cmp(&ey.kind)).then(ex.name.cmp(&ey.name)).then(ex.id.cmp(&ey.id))
    });
    let total = listed.len();
    let cut = cut.or((total > opts.limit).then_some(Cut::Limit));
    let found = listed
        .into_iter()
        .take(opts.limit)
        .map(|(m, depth, parent, step)| {
            let e = g.entity(m);
            Neighbor { id: e.id.clone(), name: e.name.clone(), kind: e.kind, depth, via: Hop::new(g, parent, step) }
        })
        .collect();
    Ok(NeighborResult { found, total, cut })
}

/// Every entity within `depth` hops, optionally only over one relation,
/// unlisted and unbounded by a limit (the selection `export --around` draws).
pub fn neighbors(g: &CaseGraph, n: NodeIndex, relation: Option<RelationKind>, depth: usize) -> Vec<Neighbor> {
    let opts = NeighborOptions { relations: relation.into_iter().collect(), depth: depth.max(1), limit: usize::MAX, ..Default::default() };
    neighborhood(g, n, &opts).map(|r| r.found).unwrap_or_default()
}

/// Breadth-first search: each entity reached with its depth, parent and the step from it.
#[allow(clippy::type_complexity)]
fn walk(g: &CaseGraph, n: NodeIndex, opts: &NeighborOptions, steps: usize) -> (HashMap<NodeIndex, (usize, NodeIndex, Step)>, Option<Cut>) {
    let adj = Adjacency::new(g);
    let mut reached: HashMap<NodeIndex, (usize, NodeIndex, Step)> = HashMap::new();
    let mut queue: VecDeque<(NodeIndex, usize)> = VecDeque::from([(n, 0)]);
    let mut budget = steps;
    while let Some((u, d)) = queue.pop_front() {
        if d >= opts.depth {
            continue;
        }
        for s in adj.of(u) {
            if budget == 0 {
                return (reached, Some(Cut::Budget));
            }
            budget -= 1;
            if !opts.direction.allows(s) || (!opts.relations.is_empty() && !opts.relations.contains(&g.relation(s.edge).relation)) {
                continue;
            }
            if s.to == n || reached.contains_key(&s.to) {
                continue;
            }
            reached.insert(s.to, (d + 1, u, *s));
            queue.push_back((s.to, d + 1));
        }
    }
    (reached, None)
}
