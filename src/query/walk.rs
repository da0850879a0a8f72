//! What every search walks on: the edges at a node in a fixed order, and
//! the hop a step becomes in an answer. A hop keeps the index of its edge,
//! so what it shows (relation, documents, count) comes from that edge and
//! not from another edge between the same two entities.

use crate::graph::CaseGraph;
use crate::model::{EntityId, RelationKind};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use std::cell::OnceCell;

/// One way out of a node: along `edge` to `to`, with (`forward`) or against the edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub edge: EdgeIndex,
    pub to: NodeIndex,
    pub forward: bool,
}

/// Each node's steps, sorted by relation, then the other end's name and
/// id, computed on first use and kept: searches that come back to a hub
/// do not sort its edges again.
pub struct Adjacency<'g> {
    g: &'g CaseGraph,
    cells: Vec<OnceCell<Box<[Step]>>>,
}

impl<'g> Adjacency<'g> {
    pub fn new(g: &'g CaseGraph) -> Self {
        Adjacency { g, cells: (0..g.node_count()).map(|_| OnceCell::new()).collect() }
    }

    pub fn of(&self, n: NodeIndex) -> &[Step] {
        self.cells[n.index()].get_or_init(|| {
            self.g.incident(n).into_iter().map(|(edge, to, forward)| Step { edge, to, forward }).collect::<Vec<_>>().into_boxed_slice()
        })
    }
}

/// The steps from `n` in the graph's own order, unsorted: for searches
/// whose result does not depend on the order (distances, counts), so a hub
/// of 100,000 edges is not sorted by name to be counted.
pub fn raw_steps(g: &CaseGraph, n: NodeIndex) -> impl Iterator<Item = Step> + '_ {
    use petgraph::visit::EdgeRef;
    use petgraph::Direction::{Incoming, Outgoing};
    let graph = g.graph();
    graph
        .edges_directed(n, Outgoing)
        .map(|e| Step { edge: e.id(), to: e.target(), forward: true })
        .chain(graph.edges_directed(n, Incoming).map(|e| Step { edge: e.id(), to: e.source(), forward: false }))
}

/// The order steps are listed in: relation, then the other end's name and id.
pub fn step_order(g: &CaseGraph, x: &Step, y: &Step) -> std::cmp::Ordering {
    let (ex, ey) = (g.entity(x.to), g.entity(y.to));
    (g.relation(x.edge).relation, &ex.name, &ex.id).cmp(&(g.relation(y.edge).relation, &ey.name, &ey.id))
}

/// One step of a path: `from -relation-> to`, or against the edge when `forward` is false.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The edge this hop walks, in the graph the query ran on.
    #[serde(skip)]
    pub edge: EdgeIndex,
    pub from: EntityId,
    pub from_name: String,
    pub relation: RelationKind,
    pub to: EntityId,
    pub to_name: String,
    /// True when the stored edge points from `from` to `to`.
    pub forward: bool,
    /// Documents that state this edge.
    pub documents: usize,
    /// The number stated on this edge (arrests), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

impl Hop {
    pub fn new(g: &CaseGraph, from: NodeIndex, s: Step) -> Hop {
        let r = g.relation(s.edge);
        let (f, t) = (g.entity(from), g.entity(s.to));
        Hop {
            edge: s.edge,
            from: f.id.clone(),
            from_name: f.name.clone(),
            relation: r.relation,
            to: t.id.clone(),
            to_name: t.name.clone(),
            forward: s.forward,
            documents: r.documents,
            count: r.count,
        }
    }
}

/// The hops of a path given as steps from `start`.
pub fn hops(g: &CaseGraph, start: NodeIndex, steps: &[Step]) -> Vec<Hop> {
    let mut at = start;
    steps
        .iter()
        .map(|&s| {
            let h = Hop::new(g, at, s);
            at = s.to;
            h
        })
        .collect()
}
