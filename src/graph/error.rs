//! What can be wrong with a graph's records. Resolution never produces
//! these, so each one means a damaged or hand-edited graph file; the store
//! turns them into an error naming the file and the line of the id.

use crate::model::{DocId, EntityId, RelationKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    #[error("duplicate entity id '{0}'")]
    DuplicateEntity(EntityId),
    #[error("duplicate document id '{0}'")]
    DuplicateDocument(DocId),
    #[error("relation {from} {relation} {to}: no entity '{missing}'")]
    DanglingRelation { from: EntityId, relation: RelationKind, to: EntityId, missing: EntityId },
    /// The `index`th relation record of the file is wrong.
    #[error("relation {from} {relation} {to}: {problem}")]
    BadRelation { index: usize, from: EntityId, relation: RelationKind, to: EntityId, problem: RelationProblem },
    /// The `index`th figure record of the file is wrong.
    #[error("figure {}: {problem}", index + 1)]
    BadFigure { index: usize, problem: String },
}

/// What is wrong with one relation record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RelationProblem {
    #[error("evidence names unknown document '{0}'")]
    UnknownDocument(DocId),
    #[error("evidence span {start}..{end} is reversed")]
    ReversedSpan { start: usize, end: usize },
    #[error("evidence span {start}..{end} does not hold its text of {len} bytes (outside or beside its sentence)")]
    SpanLength { start: usize, end: usize, len: usize },
    #[error("the same source, relation and target are already a relation (one record per triple, its evidence merged)")]
    Duplicate,
    #[error("source and target are the same entity")]
    SelfLoop,
    #[error("says {stated} documents, but its evidence comes from {found}")]
    DocumentCount { stated: usize, found: usize },
    #[error("no evidence: every relation keeps the sentences that state it")]
    NoEvidence,
}

impl GraphError {
    /// The id the problem is about, to point at its line in the file.
    pub fn subject(&self) -> String {
        match self {
            GraphError::DuplicateEntity(id) => id.to_string(),
            GraphError::DuplicateDocument(d) => d.to_string(),
            GraphError::DanglingRelation { missing, .. } => missing.to_string(),
            GraphError::BadRelation { from, .. } => from.to_string(),
            GraphError::BadFigure { .. } => "figures".to_string(),
        }
    }

    /// Which relation record (0-based, in file order) the problem is in.
    pub fn relation_index(&self) -> Option<usize> {
        match self {
            GraphError::BadRelation { index, .. } => Some(*index),
            _ => None,
        }
    }

    /// Which figure record (0-based, in file order) the problem is in.
    pub fn figure_index(&self) -> Option<usize> {
        match self {
            GraphError::BadFigure { index, .. } => Some(*index),
            _ => None,
        }
    }
}
