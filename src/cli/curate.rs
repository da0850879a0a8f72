//! `casegraph curate`: record an analyst's correction in the curation file.

use super::args::*;
use crate::error::{Error, Result};
use crate::ingest::FileKind;
use crate::model::{EntityId, EntityKind, RelationKind};
use crate::output;
use crate::resolve::{curation, Curation, CurationOp};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph curate --file my-curation.ron rename agency:bka \"Bundeskriminalamt (BKA)\"
  casegraph curate --file my-curation.ron set-country agency:focus-group nl
  casegraph build corpus -o sample.ron --curation my-curation.ron")]
pub struct CurateArgs {
    /// The curation file to edit (created if missing); `build` applies curation.ron beside the graph, or the file its --curation names
    #[arg(long, global = true, value_name = "FILE", default_value = "graphs/curation.ron")]
    pub file: PathBuf,
    /// The summary: a line on stderr (text), or one JSON object on standard output (json)
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t)]
    pub format: super::build::SummaryFormat,
    #[command(subcommand)]
    pub op: CurateOp,
}

#[derive(Subcommand, Debug)]
pub enum CurateOp {
    /// Make FROM part of INTO
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron merge agency:europol agency:empact
  casegraph curate merge agency:europol agency:empact --file my-curation.ron")]
    Merge {
        /// The id that stays (kind:slug)
        into: String,
        /// The id merged into it, of the same kind
        from: String,
    },
    /// Move the documents that name ID by ALIAS to a new entity NEW_ID
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron split agency:europol EMSC agency:emsc")]
    Split {
        /// The entity to split (kind:slug)
        id: String,
        /// The name or alias whose documents move
        alias: String,
        /// The id of the new entity, of the same kind; no other entity may have it
        new_id: String,
    },
    /// Give an entity a new canonical name
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron rename agency:bka \"Bundeskriminalamt (BKA)\"")]
    Rename {
        /// The entity (kind:slug)
        id: String,
        /// Its new name
        name: String,
    },
    /// Change an entity's kind
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron set-kind agency:focus-group agency")]
    SetKind {
        /// The entity (kind:slug)
        id: String,
        /// Its kind
        #[arg(value_parser = kind_parser())]
        kind: EntityKind,
    },
    /// Set the country (ISO alpha-2) of a national body
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron set-country agency:focus-group nl")]
    SetCountry {
        /// The body (kind:slug)
        id: String,
        /// An ISO 3166-1 alpha-2 code (or xk for Kosovo)
        country: String,
    },
    /// Remove a wrong relation
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron drop-relation agency:europol supported operation:global-chain-2024")]
    DropRelation {
        /// Where the relation starts (kind:slug)
        source: String,
        /// The relation
        #[arg(value_parser = relation_parser())]
        relation: RelationKind,
        /// Where it ends (kind:slug)
        target: String,
    },
    /// Never join two operations automatically (undo a join `show` lists under "merged")
    #[command(after_help = "Examples:
  casegraph curate --file my-curation.ron keep-apart operation:d-11bf2dbe72-1 operation:d-34f6cdf0bd-1")]
    KeepApart {
        /// One operation (an id `show` lists under "merged")
        a: String,
        /// The other
        b: String,
    },
}

pub fn run(a: CurateArgs) -> Result<()> {
    // never write over a file of another kind (`--file graph.ron`); only a
    // regular file is sniffed, as reading a pipe would consume it
    if std::fs::metadata(&a.file).is_ok_and(|m| m.is_file()) {
        let kind = crate::ingest::sniff_file(&a.file);
        if kind != FileKind::Empty && !kind.may_be(FileKind::Curation) {
            return Err(Error::input(&a.file, format!("is not a curation file (it looks like {kind}); refusing to write to it")));
        }
    }
    let id = |s: &str| s.parse::<EntityId>().map_err(|e| Error::Query(e.to_string()));
    let bad = |e: curation::CurationError| Error::Query(e.to_string());
    let (action, ids) = a.op.describe();
    let op = match a.op {
        CurateOp::Merge { into, from } => CurationOp::Merge(curation::Merge::new(id(&into)?, id(&from)?).map_err(bad)?),
        CurateOp::Split { id: i, alias, new_id } => CurationOp::Split(curation::Split::new(id(&i)?, alias, id(&new_id)?).map_err(bad)?),
        CurateOp::Rename { id: i, name } => CurationOp::Rename(curation::Rename::new(id(&i)?, name).map_err(bad)?),
        CurateOp::SetKind { id: i, kind } => CurationOp::SetKind(curation::SetKind { id: id(&i)?, kind }),
        CurateOp::SetCountry { id: i, country } => CurationOp::SetCountry(curation::SetCountry::new(id(&i)?, &country).map_err(bad)?),
        CurateOp::DropRelation { source, relation, target } => {
            CurationOp::DropRelation(curation::DropRelation { source: id(&source)?, relation, target: id(&target)? })
        }
        CurateOp::KeepApart { a: x, b: y } => CurationOp::KeepApart(curation::KeepApart::new(id(&x)?, id(&y)?).map_err(bad)?),
    };
    // read, add, write back under the lock: concurrent calls all land
    let _lock = output::lock_for_update(&a.file)?;
    let mut c = Curation::load_or_default(&a.file)?;
    c.push(op);
    output::write_file(&a.file, c.to_ron().as_bytes())?;
    if a.format == super::build::SummaryFormat::Json {
        let total = c.merge.len()
            + c.split.len()
            + c.rename.len()
            + c.set_kind.len()
            + c.set_country.len()
            + c.drop_relation.len()
            + c.keep_apart.len();
        let v = serde_json::json!({"file": a.file.display().to_string(), "recorded": action, "ids": ids, "corrections": total});
        return super::print_out(&format!("{v:#}\n"));
    }
    super::note(&format!("recorded in {}; it applies on the next build or append", a.file.display()));
    Ok(())
}

impl CurateOp {
    /// The correction's name as in the curation file, and the ids it names.
    fn describe(&self) -> (&'static str, Vec<String>) {
        match self {
            CurateOp::Merge { into, from } => ("merge", vec![into.clone(), from.clone()]),
            CurateOp::Split { id, new_id, .. } => ("split", vec![id.clone(), new_id.clone()]),
            CurateOp::Rename { id, .. } => ("rename", vec![id.clone()]),
            CurateOp::SetKind { id, .. } => ("set_kind", vec![id.clone()]),
            CurateOp::SetCountry { id, .. } => ("set_country", vec![id.clone()]),
            CurateOp::DropRelation { source, target, .. } => ("drop_relation", vec![source.clone(), target.clone()]),
            CurateOp::KeepApart { a, b } => ("keep_apart", vec![a.clone(), b.clone()]),
        }
    }
}
