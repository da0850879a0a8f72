//! Analysts' corrections, kept in a RON file next to the graph and applied
//! on every build and append, so a fix survives any rebuild.
//!
//! ```ron
//! (
//!     merge: [(into: "agency:interpol", from: "agency:icpo")],
//!     split: [(id: "agency:europol", alias: "EMSC", new_id: "agency:emsc")],
//!     rename: [(id: "agency:hu-national-bureau-of-investigation", name: "National Bureau of Investigation (NNI)")],
//!     set_kind: [(id: "agency:focus-group", kind: "agency")],
//!     set_country: [(id: "agency:public-prosecutors-office", country: "at")],
//!     drop_relation: [(source: "agency:frontex", relation: "supported", target: "operation:global-chain-2024")],
//! )
//! ```

use super::{EntityRecord, Facts, RelationRecord};
use crate::error::{Error, Result};
use crate::model::{EntityId, EntityKind, RelationKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Curation {
    pub merge: Vec<Merge>,
    pub split: Vec<Split>,
    pub rename: Vec<Rename>,
    pub set_kind: Vec<SetKind>,
    pub set_country: Vec<SetCountry>,
    pub drop_relation: Vec<DropRelation>,
}

/// Two ids are one entity; `into` is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub into: EntityId,
    pub from: EntityId,
}

/// A surface form wrongly joined to an entity becomes its own entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub id: EntityId,
    pub alias: String,
    pub new_id: EntityId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    pub id: EntityId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetKind {
    pub id: EntityId,
    pub kind: EntityKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetCountry {
    pub id: EntityId,
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropRelation {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
}

/// One correction, as the `curate` subcommands add them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CurationOp {
    Merge(Merge),
    Split(Split),
    Rename(Rename),
    SetKind(SetKind),
    SetCountry(SetCountry),
    DropRelation(DropRelation),
}

impl Curation {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        crate::error::ron_options().from_str(&text).map_err(|e| Error::ron(path, e))
    }

    /// Load when the file exists, else no corrections.
    pub fn load_or_default(path: &Path) -> Result<Self> {
        if path.exists() {
            Self::load(path)
        } else {
            Ok(Self::default())
        }
    }

    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new().depth_limit(3).struct_names(false);
        let body = ron::ser::to_string_pretty(self, cfg).unwrap_or_default();
        format!("// casegraph curation: corrections applied on every build and append.\n// Edit by hand or with `casegraph curate ...`.\n{body}\n")
    }

    pub fn push(&mut self, op: CurationOp) {
        match op {
            CurationOp::Merge(m) => self.merge.push(m),
            CurationOp::Split(s) => self.split.push(s),
            CurationOp::Rename(r) => self.rename.push(r),
            CurationOp::SetKind(k) => self.set_kind.push(k),
            CurationOp::SetCountry(c) => self.set_country.push(c),
            CurationOp::DropRelation(d) => self.drop_relation.push(d),
        }
    }

    pub(super) fn merges(&self) -> Vec<(EntityId, EntityId)> {
        self.merge.iter().map(|m| (m.into.clone(), m.from.clone())).collect()
    }

    /// Splits act on the facts, before entities are merged: the documents
    /// that name the entity by that form get the new id instead.
    pub fn split_facts(&self, facts: &mut Facts) {
        for s in &self.split {
            let mut moved: Vec<(crate::model::DocId, EntityId)> = Vec::new();
            for e in facts.entities.iter_mut() {
                let same_kind = e.id.kind == s.id.kind;
                if same_kind && e.name.eq_ignore_ascii_case(&s.alias) {
                    moved.push((e.doc.clone(), e.id.clone()));
                    e.id = s.new_id.clone();
                } else {
                    e.aliases.retain(|a| !a.eq_ignore_ascii_case(&s.alias));
                }
            }
            if let Some(k) = facts.kinds.get(&s.id).copied() {
                facts.kinds.insert(s.new_id.clone(), k);
            }
            for r in facts.relations.iter_mut() {
                for (doc, old) in &moved {
                    if &r.evidence.doc == doc {
                        if &r.source == old {
                            r.source = s.new_id.clone();
                        }
                        if &r.target == old {
                            r.target = s.new_id.clone();
                        }
                    }
                }
            }
        }
    }

    /// Apply renames, kinds, countries and dropped relations to resolved
    /// records. Returns a line for each correction that matched nothing.
    pub(super) fn apply(&self, entities: &mut [EntityRecord], relations: &mut Vec<RelationRecord>) -> Vec<String> {
        let mut unused = Vec::new();
        for m in &self.merge {
            if !entities.iter().any(|e| e.id == m.into) {
                unused.push(format!("merge into {}: no such entity", m.into));
            }
        }
        for r in &self.rename {
            match entities.iter_mut().find(|e| e.id == r.id) {
                Some(e) => {
                    if e.name != r.name {
                        let old = std::mem::replace(&mut e.name, r.name.clone());
                        e.aliases.retain(|a| a != &r.name);
                        e.aliases.push(old);
                        e.aliases.sort();
                        e.aliases.dedup();
                    }
                    e.curated = true;
                }
                None => unused.push(format!("rename {}: no such entity", r.id)),
            }
        }
        for k in &self.set_kind {
            match entities.iter_mut().find(|e| e.id == k.id) {
                Some(e) => {
                    e.kind = k.kind;
                    e.curated = true;
                }
                None => unused.push(format!("set_kind {}: no such entity", k.id)),
            }
        }
        for c in &self.set_country {
            match entities.iter_mut().find(|e| e.id == c.id) {
                Some(e) => {
                    e.country = Some(c.country.to_lowercase());
                    e.curated = true;
                }
                None => unused.push(format!("set_country {}: no such entity", c.id)),
            }
        }
        for d in &self.drop_relation {
            let before = relations.len();
            relations.retain(|r| !(r.source == d.source && r.relation == d.relation && r.target == d.target));
            if relations.len() == before {
                unused.push(format!("drop_relation {} {} {}: no such relation", d.source, d.relation, d.target));
            }
        }
        for s in &self.split {
            if !entities.iter().any(|e| e.id == s.new_id) {
                unused.push(format!("split {} '{}': no document names it so", s.id, s.alias));
            }
        }
        unused
    }
}
