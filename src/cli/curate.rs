//! `casegraph curate`: record an analyst's correction in the curation file.

use super::args::*;
use crate::error::{Error, Result};
use crate::graph;
use crate::model::{EntityId, EntityKind, RelationKind};
use crate::resolve::{curation, Curation, CurationOp};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CurateArgs {
    /// The curation file to edit
    #[arg(long, default_value = "graphs/curation.ron")]
    pub file: PathBuf,
    #[command(subcommand)]
    pub op: CurateOp,
}

#[derive(Subcommand, Debug)]
pub enum CurateOp {
    /// Make FROM part of INTO
    Merge { into: String, from: String },
    /// Move the documents that name ID by ALIAS to a new entity NEW_ID
    Split { id: String, alias: String, new_id: String },
    /// Give an entity a new canonical name
    Rename { id: String, name: String },
    /// Change an entity's kind
    SetKind {
        id: String,
        #[arg(value_parser = parse_kind)]
        kind: EntityKind,
    },
    /// Set the country (ISO alpha-2) of a national body
    SetCountry { id: String, country: String },
    /// Remove a wrong relation
    DropRelation {
        source: String,
        #[arg(value_parser = parse_relation)]
        relation: RelationKind,
        target: String,
    },
}

pub fn run(a: CurateArgs) -> Result<()> {
    let mut c = Curation::load_or_default(&a.file)?;
    let id = |s: &str| s.parse::<EntityId>().map_err(|e| Error::Query(e.to_string()));
    let op = match a.op {
        CurateOp::Merge { into, from } => CurationOp::Merge(curation::Merge { into: id(&into)?, from: id(&from)? }),
        CurateOp::Split { id: i, alias, new_id } => CurationOp::Split(curation::Split { id: id(&i)?, alias, new_id: id(&new_id)? }),
        CurateOp::Rename { id: i, name } => CurationOp::Rename(curation::Rename { id: id(&i)?, name }),
        CurateOp::SetKind { id: i, kind } => CurationOp::SetKind(curation::SetKind { id: id(&i)?, kind }),
        CurateOp::SetCountry { id: i, country } => CurationOp::SetCountry(curation::SetCountry { id: id(&i)?, country }),
        CurateOp::DropRelation { source, relation, target } => {
            CurationOp::DropRelation(curation::DropRelation { source: id(&source)?, relation, target: id(&target)? })
        }
    };
    c.push(op);
    graph::write_atomic(&a.file, c.to_ron().as_bytes())?;
    eprintln!("casegraph: recorded in {}; it applies on the next build or append", a.file.display());
    Ok(())
}
