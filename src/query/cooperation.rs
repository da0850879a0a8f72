//! The cooperation view: the graph projected onto the bodies that act.
//!
//! In the stored graph agencies never touch each other: each one points at
//! the operation it coordinated, supported or took part in. Asking "who
//! works with whom" therefore needs a projection: two bodies are linked when
//! they acted in the same operation, the link is weighted by how many
//! operations (and documents) they share, and it keeps those operations so
//! an analyst can go back to the releases. Centrality and communities are
//! computed on this projection, not on the bipartite graph, which is why
//! Europol and Eurojust come out as hubs here while they fall out of a
//! degree top-N of the whole graph.

use crate::error::{Error, Result};
use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use crate::query::centrality::{scores, Measure, Score};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The relations through which a body acts in an operation.
pub const ACTING: [RelationKind; 3] = [RelationKind::Coordinated, RelationKind::Supported, RelationKind::ParticipatedIn];

/// Seed of the Louvain runs: fixed, so communities are the same on every run.
const LOUVAIN_SEED: u64 = 20_240_501;

/// A link being gathered: its operations and the documents behind them.
type Pending<'a> = (Vec<SharedOperation>, BTreeSet<&'a DocId>);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CooperationOptions {
    /// Countries that took part as such ("Spain participated") become
    /// bodies of the view too; by default only agencies are.
    pub with_countries: bool,
}

/// A body of the view: an agency, or a country with `with_countries`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Body {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    pub country: Option<String>,
    /// Operations it acted in (coordinated, supported or took part in).
    pub operations: usize,
}

/// An operation two bodies share, with how each acted in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SharedOperation {
    pub id: EntityId,
    pub name: String,
    /// How the first body of the link acted (`coordinated`, ...).
    pub a_role: RelationKind,
    pub b_role: RelationKind,
}

/// Two bodies that acted in the same operations. `a` sorts before `b`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub a: EntityId,
    pub b: EntityId,
    /// The operations behind the link, by id.
    pub operations: Vec<SharedOperation>,
    /// Distinct documents that state either body's part in those operations.
    pub documents: Vec<DocId>,
}

impl Link {
    /// The weight of the link: shared operations.
    pub fn weight(&self) -> usize {
        self.operations.len()
    }
}

/// The projection: bodies sorted by id, links sorted by (a, b).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cooperation {
    pub bodies: Vec<Body>,
    pub links: Vec<Link>,
}

/// Bodies grouped by Louvain, largest group first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Community {
    /// 1-based number, in order of size (ties by first member's name).
    pub number: usize,
    /// Members, most connected (weighted degree) first, ties by name.
    pub members: Vec<EntityId>,
}

impl Cooperation {
    /// Project `g` onto its acting bodies.
    pub fn new(g: &CaseGraph, opts: CooperationOptions) -> Self {
        let acts = |k: EntityKind| k == EntityKind::Agency || (opts.with_countries && k == EntityKind::Country);
        // operation -> (body -> (strongest role, documents))
        let mut per_op: BTreeMap<&EntityId, BTreeMap<&EntityId, (RelationKind, BTreeSet<&DocId>)>> = BTreeMap::new();
        for e in g.graph().edge_references() {
            let r = e.weight();
            let (src, dst) = (g.entity(e.source()), g.entity(e.target()));
            if !ACTING.contains(&r.relation) || !acts(src.kind) || dst.kind != EntityKind::Operation {
                continue;
            }
            let slot = per_op.entry(&dst.id).or_default().entry(&src.id).or_insert((r.relation, BTreeSet::new()));
            // Coordinated < Supported < ParticipatedIn: keep the leading role
            slot.0 = slot.0.min(r.relation);
            slot.1.extend(r.evidence.iter().map(|ev| &ev.doc));
        }
        let mut ops_of: BTreeMap<&EntityId, usize> = BTreeMap::new();
        let mut links: BTreeMap<(&EntityId, &EntityId), Pending> = BTreeMap::new();
        for (op, bodies) in &per_op {
            let op_name = g.node(op).map(|n| g.entity(n).name.clone()).unwrap_or_default();
            for b in bodies.keys() {
                *ops_of.entry(b).or_default() += 1;
            }
            let list: Vec<_> = bodies.iter().collect();
            for (i, (a, (ra, da))) in list.iter().enumerate() {
                for (b, (rb, db)) in &list[i + 1..] {
                    let slot = links.entry((a, b)).or_default();
                    slot.0.push(SharedOperation { id: (*op).clone(), name: op_name.clone(), a_role: *ra, b_role: *rb });
                    slot.1.extend(da.iter().chain(db.iter()).copied());
                }
            }
        }
        let bodies = ops_of
            .iter()
            .filter_map(|(id, n)| {
                let e = g.entity(g.node(id)?);
                Some(Body { id: e.id.clone(), name: e.name.clone(), kind: e.kind, country: e.country.clone(), operations: *n })
            })
            .collect();
        let links = links
            .into_iter()
            .map(|((a, b), (operations, docs))| Link {
                a: a.clone(),
                b: b.clone(),
                operations,
                documents: docs.into_iter().cloned().collect(),
            })
            .collect();
        Cooperation { bodies, links }
    }

    pub fn body(&self, id: &EntityId) -> Option<&Body> {
        self.bodies.binary_search_by(|b| b.id.cmp(id)).ok().map(|i| &self.bodies[i])
    }

    fn index(&self) -> HashMap<&EntityId, usize> {
        self.bodies.iter().enumerate().map(|(i, b)| (&b.id, i)).collect()
    }

    /// The view as a petgraph graph: node `i` is `bodies[i]`, edges weighted
    /// by shared operations (the shape `centrality::scores` works on).
    pub fn ungraph(&self) -> UnGraph<NodeIndex, f64> {
        let mut u = UnGraph::with_capacity(self.bodies.len(), self.links.len());
        for i in 0..self.bodies.len() {
            u.add_node(NodeIndex::new(i));
        }
        let idx = self.index();
        for l in &self.links {
            if let (Some(&a), Some(&b)) = (idx.get(&l.a), idx.get(&l.b)) {
                u.add_edge(NodeIndex::new(a), NodeIndex::new(b), l.weight() as f64);
            }
        }
        u
    }

    /// Score of every body by `measure`, indexed like `bodies`.
    pub fn scores(&self, measure: Measure, weighted: bool) -> Result<Vec<f64>> {
        Ok(scores(&self.ungraph(), measure, weighted)?)
    }

    /// The `top` bodies by `measure`, highest first, ties by name.
    pub fn centrality(&self, measure: Measure, top: usize, weighted: bool) -> Result<Vec<Score>> {
        let values = self.scores(measure, weighted)?;
        let mut out: Vec<Score> = self
            .bodies
            .iter()
            .zip(values)
            .map(|(b, score)| Score { id: b.id.clone(), name: b.name.clone(), kind: b.kind, score })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)).then(a.id.cmp(&b.id)));
        out.truncate(top);
        Ok(out)
    }

    /// The view restricted to `keep`, without the bodies left unlinked.
    pub fn restricted(&self, keep: &BTreeSet<EntityId>) -> Cooperation {
        let links: Vec<Link> = self.links.iter().filter(|l| keep.contains(&l.a) && keep.contains(&l.b)).cloned().collect();
        let linked: BTreeSet<&EntityId> = links.iter().flat_map(|l| [&l.a, &l.b]).collect();
        let bodies = self.bodies.iter().filter(|b| linked.contains(&b.id)).cloned().collect();
        Cooperation { bodies, links }
    }

    /// The `k` most central bodies by `measure` and the links among them.
    pub fn top(&self, measure: Measure, k: usize) -> Result<Cooperation> {
        let keep = self.centrality(measure, k, false)?.into_iter().map(|s| s.id).collect();
        Ok(self.restricted(&keep))
    }

    /// Weighted degree of each body (sum of shared operations), indexed like `bodies`.
    pub fn strength(&self) -> Vec<usize> {
        let idx = self.index();
        let mut s = vec![0; self.bodies.len()];
        for l in &self.links {
            for end in [&l.a, &l.b] {
                if let Some(&i) = idx.get(end) {
                    s[i] += l.weight();
                }
            }
        }
        s
    }

    /// Communities by Louvain modularity (graphrs, weighted by shared
    /// operations, fixed seed). A body with no link is a community of its own.
    pub fn communities(&self) -> Result<Vec<Community>> {
        use graphrs::{Edge, Graph, GraphSpecs, Node};
        let strength = self.strength();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        if !self.links.is_empty() {
            let idx = self.index();
            let mut g: Graph<usize, ()> = Graph::new(GraphSpecs::undirected_create_missing());
            g.add_nodes((0..self.bodies.len()).filter(|&i| strength[i] > 0).map(Node::from_name).collect());
            let edges =
                self.links.iter().filter_map(|l| Some(Edge::with_weight(*idx.get(&l.a)?, *idx.get(&l.b)?, l.weight() as f64))).collect();
            g.add_edges(edges).map_err(|e| Error::Query(format!("communities: {e}")))?;
            let found = graphrs::algorithms::community::louvain::louvain_communities(&g, true, None, None, Some(LOUVAIN_SEED))
                .map_err(|e| Error::Query(format!("communities: {e}")))?;
            groups.extend(found.into_iter().map(|s| s.into_iter().collect()));
        }
        groups.extend((0..self.bodies.len()).filter(|&i| strength[i] == 0).map(|i| vec![i]));
        for grp in &mut groups {
            grp.sort_by(|&x, &y| strength[y].cmp(&strength[x]).then(self.bodies[x].name.cmp(&self.bodies[y].name)).then(x.cmp(&y)));
        }
        groups.sort_by(|x, y| y.len().cmp(&x.len()).then(self.bodies[x[0]].name.cmp(&self.bodies[y[0]].name)).then(x[0].cmp(&y[0])));
        Ok(groups
            .into_iter()
            .enumerate()
            .map(|(i, grp)| Community { number: i + 1, members: grp.into_iter().map(|m| self.bodies[m].id.clone()).collect() })
            .collect())
    }
}

/// Community number of each body (1-based), from `communities`.
pub fn membership(communities: &[Community]) -> HashMap<EntityId, usize> {
    communities.iter().flat_map(|c| c.members.iter().map(move |m| (m.clone(), c.number))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentRecord, EntityRecord, Evidence, RelationRecord};

    fn entity(kind: EntityKind, slug: &str, name: &str) -> EntityRecord {
        EntityRecord {
            id: EntityId::new(kind, slug),
            kind,
            name: name.into(),
            aliases: vec![],
            country: None,
            curated: false,
            merged: Vec::new(),
            sources: vec![],
        }
    }

    fn rel(src: (EntityKind, &str), relation: RelationKind, op: &str, doc: &str) -> RelationRecord {
        RelationRecord {
            source: EntityId::new(src.0, src.1),
            relation,
            target: EntityId::new(EntityKind::Operation, op),
            count: None,
            documents: 1,
            evidence: vec![Evidence { doc: DocId::new(doc), start: 0, end: 1, text: "x".into(), count: None, rule: None, hedged: false }],
        }
    }

    /// Europol coordinates two operations; Spain's and France's police take
    /// part in one each, Eurojust supports both; Spain itself takes part.
    fn sample() -> CaseGraph {
        use EntityKind::*;
        let docs = ["d1", "d2"]
            .iter()
            .map(|d| DocumentRecord {
                id: DocId::new(*d),
                path: format!("{d}.txt"),
                article: None,
                title: d.to_string(),
                source: None,
                hash: String::new(),
                date: None,
            })
            .collect();
        let entities = vec![
            entity(Agency, "europol", "Europol"),
            entity(Agency, "eurojust", "Eurojust"),
            entity(Agency, "es-policia", "Policía Nacional"),
            entity(Agency, "fr-police", "Police nationale"),
            entity(Country, "es", "Spain"),
            entity(Operation, "a", "Operation A"),
            entity(Operation, "b", "Operation B"),
        ];
        let relations = vec![
            rel((Agency, "europol"), RelationKind::Coordinated, "a", "d1"),
            rel((Agency, "europol"), RelationKind::Coordinated, "b", "d2"),
            rel((Agency, "eurojust"), RelationKind::Supported, "a", "d1"),
            rel((Agency, "eurojust"), RelationKind::Supported, "b", "d2"),
            rel((Agency, "es-policia"), RelationKind::ParticipatedIn, "a", "d1"),
            rel((Agency, "fr-police"), RelationKind::ParticipatedIn, "b", "d2"),
            rel((Country, "es"), RelationKind::ParticipatedIn, "a", "d1"),
        ];
        CaseGraph::from_parts(docs, entities, relations).unwrap()
    }

    #[test]
    fn bodies_sharing_an_operation_are_linked_and_keep_it() {
        let c = Cooperation::new(&sample(), CooperationOptions::default());
        assert_eq!(c.bodies.len(), 4, "Spain is no body without --with countries");
        let ej_ep = c.links.iter().find(|l| &*l.a.slug == "eurojust" && &*l.b.slug == "europol").unwrap();
        assert_eq!(ej_ep.weight(), 2);
        assert_eq!(ej_ep.documents.len(), 2);
        assert_eq!(ej_ep.operations[0].a_role, RelationKind::Supported);
        assert_eq!(ej_ep.operations[0].b_role, RelationKind::Coordinated);
        assert!(!c.links.iter().any(|l| &*l.a.slug == "es-policia" && &*l.b.slug == "fr-police"), "no shared operation, no link");
        let with = Cooperation::new(&sample(), CooperationOptions { with_countries: true });
        assert_eq!(with.bodies.len(), 5);
        assert!(with.links.iter().any(|l| &*l.a.slug == "es-policia" && &*l.b.slug == "es"));
    }

    #[test]
    fn hubs_lead_the_centrality_and_top_keeps_their_links() {
        let c = Cooperation::new(&sample(), CooperationOptions::default());
        let top = c.centrality(Measure::Degree, 2, false).unwrap();
        let names: Vec<_> = top.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Eurojust", "Europol"]);
        let t = c.top(Measure::Degree, 2).unwrap();
        assert_eq!(t.bodies.len(), 2);
        assert_eq!(t.links.len(), 1);
    }

    #[test]
    fn communities_cover_every_body_once_and_are_stable() {
        let c = Cooperation::new(&sample(), CooperationOptions::default());
        let first = c.communities().unwrap();
        let all: Vec<_> = first.iter().flat_map(|x| x.members.clone()).collect();
        assert_eq!(all.len(), c.bodies.len());
        assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), c.bodies.len());
        for _ in 0..5 {
            assert_eq!(c.communities().unwrap(), first);
        }
    }

    #[test]
    fn two_cliques_joined_by_one_link_are_two_communities() {
        use EntityKind::*;
        let mut entities = vec![entity(Operation, "x", "X"), entity(Operation, "y", "Y"), entity(Operation, "bridge", "Bridge")];
        let mut relations = Vec::new();
        for (op, prefix) in [("x", "a"), ("y", "b")] {
            for i in 0..5 {
                let slug = format!("{prefix}{i}");
                entities.push(entity(Agency, &slug, &slug.to_uppercase()));
                for rep in 0..3 {
                    let o = format!("{op}{rep}");
                    if i == 0 {
                        entities.push(entity(Operation, &o, &o));
                    }
                    relations.push(rel((Agency, &slug), RelationKind::ParticipatedIn, &o, "d1"));
                }
            }
        }
        relations.push(rel((Agency, "a0"), RelationKind::ParticipatedIn, "bridge", "d1"));
        relations.push(rel((Agency, "b0"), RelationKind::ParticipatedIn, "bridge", "d1"));
        let docs = vec![DocumentRecord {
            id: DocId::new("d1"),
            path: "d1".into(),
            article: None,
            title: "t".into(),
            source: None,
            hash: String::new(),
            date: None,
        }];
        let g = CaseGraph::from_parts(docs, entities, relations).unwrap();
        let c = Cooperation::new(&g, CooperationOptions::default());
        let comms = c.communities().unwrap();
        assert_eq!(comms.len(), 2, "{comms:?}");
        let m = membership(&comms);
        assert!((0..5).all(|i| m[&EntityId::new(Agency, format!("a{i}"))] == m[&EntityId::new(Agency, "a0")]));
        assert_ne!(m[&EntityId::new(Agency, "a0")], m[&EntityId::new(Agency, "b0")]);
    }
}
