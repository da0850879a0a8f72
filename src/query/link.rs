//! Entities that link two others: of a kind, within `max_hops` of both.
//!
//! A breadth-first search from each end gives every node's distance to it;
//! the shortest chains from a candidate to an end form a small DAG (each
//! step one hop closer). A candidate is ranked by the distinct documents
//! behind the edges of its two DAGs, so every shortest chain counts, not
//! only the one shown; the chain shown is the one whose least-attested hop
//! is best attested, ties broken by relation and name. Each edge's
//! documents come from that edge, never from another edge between the
//! same pair.
//!
//! Cost: two bounded BFS, each node's DAG steps listed once, and per
//! candidate a walk over its own DAGs; a hub of 100,000 neighbours is
//! scanned once, not once per candidate. Bounded by [`LINK_STEPS`].

use super::defaults::LINK_STEPS;
use super::error::QueryError;
use super::walk::{hops, raw_steps, step_order, Hop, Step};
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use std::cell::{Cell, OnceCell};
use std::collections::{HashMap, VecDeque};

/// An entity linked to both ends of a `link` query, with the chains that link it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnswer {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Distinct documents behind its shortest chains to A and to B.
    pub documents: usize,
    /// From this entity to A, and to B.
    pub chain_a: Vec<Hop>,
    pub chain_b: Vec<Hop>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkResult {
    pub answers: Vec<LinkAnswer>,
    /// Entities that link A and B, before the limit.
    pub total: usize,
}

const UNSEEN: u32 = u32::MAX;

/// The shortest-chain DAG toward one end. Distances come from one
/// breadth-first search; a node's steps down the DAG and the attestation of
/// its best chain are worked out only for nodes a candidate's chains reach.
struct Toward<'g> {
    g: &'g CaseGraph,
    dist: Vec<u32>,
    /// Nodes in order of distance (the end first).
    order: Vec<NodeIndex>,
    /// Steps from a node one hop closer to the end.
    down: Vec<OnceCell<Box<[Step]>>>,
    /// Weakest-link attestation of the best chain from a node to the end.
    best: Vec<OnceCell<u32>>,
    /// Edges looked at so far.
    steps: Cell<usize>,
}

impl<'g> Toward<'g> {
    fn new(g: &'g CaseGraph, end: NodeIndex, max: usize, budget: &mut usize) -> Result<Self, QueryError> {
        let mut dist = vec![UNSEEN; g.node_count()];
        dist[end.index()] = 0;
        let mut order = vec![end];
        let mut queue = VecDeque::from([end]);
        while let Some(n) = queue.pop_front() {
            let d = dist[n.index()];
            if d as usize >= max {
                continue;
            }
            for s in raw_steps(g, n) {
                spend(budget)?;
                if dist[s.to.index()] == UNSEEN {
                    dist[s.to.index()] = d + 1;
                    order.push(s.to);
                    queue.push_back(s.to);
                }
            }
        }
        let down = (0..g.node_count()).map(|_| OnceCell::new()).collect();
        let best = (0..g.node_count()).map(|_| OnceCell::new()).collect();
        Ok(Toward { g, dist, order, down, best, steps: Cell::new(0) })
    }

    fn reaches(&self, n: NodeIndex) -> bool {
        self.dist[n.index()] != UNSEEN
    }

    /// The steps from `n` one hop closer to the end.
    fn down(&self, n: NodeIndex) -> &[Step] {
        self.down[n.index()].get_or_init(|| {
            let dn = self.dist[n.index()];
            if dn == 0 || dn == UNSEEN {
                return Box::default();
            }
            let mut v = Vec::new();
            for s in raw_steps(self.g, n) {
                self.steps.set(self.steps.get() + 1);
                if self.dist[s.to.index()].wrapping_add(1) == dn {
                    v.push(s);
                }
            }
            v.into_boxed_slice()
        })
    }

    fn docs(&self, s: &Step) -> u32 {
        u32::try_from(self.g.relation(s.edge).documents).unwrap_or(u32::MAX)
    }

    /// The best weakest link from `n` to the end, computed bottom-up
    /// without recursion (a chain may be as long as the graph).
    fn best(&self, n: NodeIndex) -> u32 {
        let mut stack = vec![(n, false)];
        while let Some((u, expanded)) = stack.pop() {
            if self.best[u.index()].get().is_some() {
                continue;
            }
            if self.dist[u.index()] == 0 {
                let _ = self.best[u.index()].set(u32::MAX);
            } else if expanded {
                let b = self.down(u).iter().map(|s| self.docs(s).min(self.best[s.to.index()].get().copied().unwrap_or(0))).max();
                let _ = self.best[u.index()].set(b.unwrap_or(0));
            } else {
                stack.push((u, true));
                stack.extend(self.down(u).iter().filter(|s| self.best[s.to.index()].get().is_none()).map(|s| (s.to, false)));
            }
        }
        self.best[n.index()].get().copied().unwrap_or(0)
    }

    /// The chain shown: at each node the first step (by relation, then the
    /// other end's name and id) that keeps the best weakest link.
    fn chain(&self, c: NodeIndex) -> Vec<Hop> {
        let g = self.g;
        let mut at = c;
        let mut steps = Vec::new();
        while self.dist[at.index()] > 0 && self.dist[at.index()] != UNSEEN {
            let want = self.best(at);
            let Some(s) = self.down(at).iter().filter(|s| self.docs(s).min(self.best(s.to)) == want).min_by(|x, y| step_order(g, x, y))
            else {
                break;
            };
            steps.push(*s);
            at = s.to;
        }
        hops(g, c, &steps)
    }
}

fn spend(budget: &mut usize) -> Result<(), QueryError> {
    if *budget == 0 {
        return Err(QueryError::Budget {
            what: "this link query".into(),
            limit: format!("{LINK_STEPS}"),
            narrow: "lower --max-hops, or narrow the graph with --only-kind, --relation or --min-evidence".into(),
        });
    }
    *budget -= 1;
    Ok(())
}

/// Entities of `kind` within `max_hops` of both `a` and `b`, ranked by the
/// documents behind their shortest chains to both, then by the length of
/// the chains, then by name; at most `limit` of them.
pub fn link(g: &CaseGraph, a: NodeIndex, b: NodeIndex, kind: EntityKind, max_hops: usize, limit: usize) -> Result<LinkResult, QueryError> {
    if limit == 0 {
        return Err(QueryError::Usage("the link limit must be at least 1".into()));
    }
    if max_hops == 0 {
        return Err(QueryError::Usage("--max-hops must be at least 1".into()));
    }
    if a == b {
        return Err(QueryError::Usage(format!("'{}' is given as both A and B", g.entity(a).name)));
    }
    let max = max_hops.min(g.node_count());
    let mut budget = LINK_STEPS;
    let ta = Toward::new(g, a, max, &mut budget)?;
    let tb = Toward::new(g, b, max, &mut budget)?;
    // documents numbered as met, marked per candidate with a stamp
    let mut doc_no: HashMap<&DocId, u32> = HashMap::new();
    let mut doc_stamp: Vec<u32> = Vec::new();
    let mut node_stamp = vec![0u32; g.node_count()];
    let mut edge_docs: HashMap<EdgeIndex, Box<[u32]>> = HashMap::new();
    let (mut cand, mut walk) = (0u32, 0u32);
    let mut ranked: Vec<(usize, u32, NodeIndex)> = Vec::new();
    for &c in &ta.order {
        if c == a || c == b || g.entity(c).kind != kind || !tb.reaches(c) {
            continue;
        }
        cand += 1;
        let mut docs = 0usize;
        for t in [&ta, &tb] {
            walk += 1;
            let mut stack = vec![c];
            node_stamp[c.index()] = walk;
            while let Some(u) = stack.pop() {
                for s in t.down(u) {
                    spend(&mut budget)?;
                    if ta.steps.get() + tb.steps.get() > budget {
                        spend(&mut 0)?;
                    }
                    let ds = edge_docs.entry(s.edge).or_insert_with(|| {
                        let mut v: Vec<u32> = g
                            .relation(s.edge)
                            .evidence
                            .iter()
                            .map(|ev| {
                                let next = u32::try_from(doc_no.len()).unwrap_or(u32::MAX);
                                *doc_no.entry(&ev.doc).or_insert(next)
                            })
                            .collect();
                        v.sort_unstable();
                        v.dedup();
                        v.into_boxed_slice()
                    });
                    for &d in ds.iter() {
                        if doc_stamp.len() <= d as usize {
                            doc_stamp.resize(d as usize + 1, 0);
                        }
                        if doc_stamp[d as usize] != cand {
                            doc_stamp[d as usize] = cand;
                            docs += 1;
                        }
                    }
                    if node_stamp[s.to.index()] != walk {
                        node_stamp[s.to.index()] = walk;
                        stack.push(s.to);
                    }
                }
            }
        }
        let hops_total = ta.dist[c.index()].saturating_add(tb.dist[c.index()]);
        ranked.push((docs, hops_total, c));
    }
    ranked.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then_with(|| g.entity(x.2).name.cmp(&g.entity(y.2).name))
            .then_with(|| g.entity(x.2).id.cmp(&g.entity(y.2).id))
    });
    let total = ranked.len();
    let answers = ranked
        .into_iter()
        .take(limit)
        .map(|(documents, _, c)| {
            let e = g.entity(c);
            LinkAnswer { id: e.id.clone(), name: e.name.clone(), kind, documents, chain_a: ta.chain(c), chain_b: tb.chain(c) }
        })
        .collect();
    Ok(LinkResult { answers, total })
}
