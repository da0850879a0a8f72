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
    #[error("relation {from} {relation} {to}: evidence names unknown document '{doc}'")]
    UnknownEvidenceDocument { from: EntityId, relation: RelationKind, to: EntityId, doc: DocId },
    #[error("relation {from} {relation} {to}: evidence span {start}..{end} is reversed")]
    ReversedSpan { from: EntityId, relation: RelationKind, to: EntityId, start: usize, end: usize },
}

impl GraphError {
    /// The id the problem is about, to point at its line in the file.
    pub fn subject(&self) -> String {
        match self {
            GraphError::DuplicateEntity(id) => id.to_string(),
            GraphError::DuplicateDocument(d) => d.to_string(),
            GraphError::DanglingRelation { missing, .. } => missing.to_string(),
            GraphError::UnknownEvidenceDocument { doc, .. } => doc.to_string(),
            GraphError::ReversedSpan { from, .. } => from.to_string(),
        }
    }
}
