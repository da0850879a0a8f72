//! Stage 4: the knowledge graph. Resolved entities are nodes and relations
//! are edges of a petgraph `DiGraph`, with an id index beside it (finding
//! an entity by name is the query stage's business: `query::Lookup`); the graph
//! is stored as RON with a format version, in a fixed order, so the same
//! inputs give a byte-identical file.

mod cache;
mod error;
mod ron_text;
mod store;

pub use error::{GraphError, RelationProblem};
pub use store::{load, save, save_atomic, GraphFile, Version, FORMAT_VERSION};

use crate::model::{EntityId, EntityKind, FigureRecord, RelationKind};
use crate::resolve::{DocumentRecord, EntityRecord, RelationRecord, Resolved};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap};

/// The graph queries and exports work on. Read-only once built.
#[derive(Clone, Debug)]
pub struct CaseGraph {
    pub documents: Vec<DocumentRecord>,
    /// The figures documents state (`casegraph counts`, `conflicts`), sorted.
    pub figures: Vec<FigureRecord>,
    graph: DiGraph<EntityRecord, RelationRecord>,
    index: HashMap<EntityId, NodeIndex>,
    /// Edges at each node, both directions: petgraph counts them by walking
    /// a linked list, and a search that picks the cheaper side to expand
    /// asks for hubs' degrees often.
    degrees: Vec<u32>,
}

impl CaseGraph {
    /// Build from resolved records. Relations whose ends are missing are an
    /// error: resolution never makes them, so they mean a damaged input.
    pub fn from_resolved(r: Resolved) -> std::result::Result<Self, GraphError> {
        Ok(Self::from_parts(r.documents, r.entities, r.relations)?.with_figures(r.figures))
    }

    /// The graph with these figures (sorted, as a file keeps them).
    pub fn with_figures(mut self, mut figures: Vec<FigureRecord>) -> Self {
        figures.sort();
        self.figures = figures;
        self
    }

    pub fn from_parts(
        documents: Vec<DocumentRecord>,
        entities: Vec<EntityRecord>,
        relations: Vec<RelationRecord>,
    ) -> std::result::Result<Self, GraphError> {
        let mut graph = DiGraph::with_capacity(entities.len(), relations.len());
        let mut index = HashMap::with_capacity(entities.len());
        let mut degrees = vec![0u32; entities.len()];
        for e in entities {
            let id = e.id.clone();
            let n = graph.add_node(e);
            if index.insert(id.clone(), n).is_some() {
                return Err(GraphError::DuplicateEntity(id));
            }
        }
        for r in relations {
            let dangling = |missing: &EntityId| GraphError::DanglingRelation {
                from: r.source.clone(),
                relation: r.relation,
                to: r.target.clone(),
                missing: missing.clone(),
            };
            let s = *index.get(&r.source).ok_or_else(|| dangling(&r.source))?;
            let t = *index.get(&r.target).ok_or_else(|| dangling(&r.target))?;
            graph.add_edge(s, t, r);
            degrees[s.index()] += 1;
            degrees[t.index()] += 1;
        }
        Ok(CaseGraph { documents, figures: Vec::new(), graph, index, degrees })
    }

    /// The petgraph graph itself, for algorithms.
    pub fn graph(&self) -> &DiGraph<EntityRecord, RelationRecord> {
        &self.graph
    }

    pub fn node(&self, id: &EntityId) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    pub fn entity(&self, n: NodeIndex) -> &EntityRecord {
        &self.graph[n]
    }

    pub fn relation(&self, e: EdgeIndex) -> &RelationRecord {
        &self.graph[e]
    }

    pub fn entities(&self) -> impl Iterator<Item = &EntityRecord> {
        self.graph.node_weights()
    }

    pub fn relations(&self) -> impl Iterator<Item = &RelationRecord> {
        self.graph.edge_weights()
    }

    /// Edges touching `n`, in and out.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.degrees[n.index()] as usize
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Edges touching `n` in either direction: (edge, other end, outgoing?).
    pub fn incident(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex, bool)> {
        let mut v: Vec<(EdgeIndex, NodeIndex, bool)> = self
            .graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| (e.id(), e.target(), true))
            .chain(self.graph.edges_directed(n, petgraph::Direction::Incoming).map(|e| (e.id(), e.source(), false)))
            .collect();
        v.sort_by(|a, b| {
            let ka = (&self.graph[a.0].relation, &self.graph[a.1].name, &self.graph[a.1].id);
            let kb = (&self.graph[b.0].relation, &self.graph[b.1].name, &self.graph[b.1].id);
            ka.cmp(&kb)
        });
        v
    }

    /// Counts for `casegraph stats`.
    pub fn stats(&self) -> Stats {
        let mut s =
            Stats { documents: self.documents.len(), entities: self.node_count(), relations: self.edge_count(), ..Default::default() };
        for e in self.entities() {
            *s.entities_by_kind.entry(e.kind).or_default() += 1;
        }
        for r in self.relations() {
            *s.relations_by_kind.entry(r.relation).or_default() += 1;
            s.evidence += r.evidence.len();
        }
        s
    }

    /// The stored form: records in sorted order.
    pub fn to_file(&self) -> GraphFile {
        let mut entities: Vec<EntityRecord> = self.entities().cloned().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relations: Vec<RelationRecord> = self.relations().cloned().collect();
        relations.sort_by(|a, b| (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target)));
        let mut documents = self.documents.clone();
        documents.sort();
        GraphFile { format_version: Version(FORMAT_VERSION), documents, entities, relations, figures: self.figures.clone() }
    }

    pub fn document(&self, id: &crate::model::DocId) -> Option<&DocumentRecord> {
        self.documents.iter().find(|d| &d.id == id)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub entities_by_kind: BTreeMap<EntityKind, usize>,
    pub relations_by_kind: BTreeMap<RelationKind, usize>,
}
