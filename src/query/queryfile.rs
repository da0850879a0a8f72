//! Query files: one RON value per file, or a list of them, in the shapes
//! below. `casegraph query GRAPH FILE...` runs them in order.
//!
//! ```ron
//! Link(a: "Romania", b: "France", kind: "agency", max_hops: 2)
//! ```

use super::{Filter, Measure};
use crate::error::{Error, Result};
use crate::model::{EntityKind, RelationKind};
use serde::Deserialize;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Query {
    Path {
        from: String,
        to: String,
        #[serde(default)]
        all: bool,
        #[serde(default)]
        max_hops: Option<usize>,
        #[serde(default)]
        limit: Option<usize>,
        #[serde(default)]
        via: Vec<EntityKind>,
        #[serde(default)]
        relations: Vec<RelationKind>,
        #[serde(default)]
        directed: bool,
        #[serde(default)]
        filter: Option<Filter>,
    },
    Link {
        a: String,
        b: String,
        kind: EntityKind,
        #[serde(default)]
        max_hops: Option<usize>,
        #[serde(default)]
        limit: Option<usize>,
        #[serde(default)]
        filter: Option<Filter>,
    },
    Centrality {
        measure: Measure,
        #[serde(default)]
        kind: Option<EntityKind>,
        #[serde(default)]
        top: Option<usize>,
        #[serde(default)]
        weighted: bool,
        #[serde(default)]
        filter: Option<Filter>,
    },
    Neighbors {
        entity: String,
        #[serde(default)]
        relation: Option<RelationKind>,
        #[serde(default)]
        depth: Option<usize>,
        #[serde(default)]
        filter: Option<Filter>,
    },
    Show {
        entity: String,
    },
    /// Targets of one relation ranked by how many sources point at them
    /// ("which countries are victims most often recruited from").
    Rank {
        relation: RelationKind,
        #[serde(default)]
        top: Option<usize>,
        #[serde(default)]
        filter: Option<Filter>,
    },
    Ask {
        question: String,
    },
}

impl Query {
    pub fn filter(&self) -> Option<&Filter> {
        match self {
            Query::Path { filter, .. }
            | Query::Link { filter, .. }
            | Query::Centrality { filter, .. }
            | Query::Neighbors { filter, .. }
            | Query::Rank { filter, .. } => filter.as_ref(),
            Query::Show { .. } | Query::Ask { .. } => None,
        }
    }
}

/// The queries of one file, in order.
pub fn load_queries(path: &Path) -> Result<Vec<Query>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty query file"));
    }
    // parse as one query first so its error (with position) is the one reported
    let opts = crate::error::ron_options();
    match opts.from_str::<Query>(&text) {
        Ok(q) => Ok(vec![q]),
        Err(one) => match opts.from_str::<Vec<Query>>(&text) {
            Ok(v) => Ok(v),
            Err(many) if text.trim_start().starts_with('[') => Err(Error::ron(path, many)),
            Err(_) => Err(Error::ron(path, one)),
        },
    }
}
