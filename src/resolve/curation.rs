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
//!     keep_apart: [(a: "operation:d-11bf2dbe72-1", b: "operation:d-62010684cd-1")],
//! )
//! ```

use super::{EntityRecord, Facts, RelationRecord};
use crate::error::{Error, Result};
use crate::ingest::FileKind;
use crate::model::{EntityId, EntityKind, RelationKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Every list is optional; an unknown field (a misspelt `merges:`) is
/// refused with its line and column, never silently ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Curation {
    pub merge: Vec<Merge>,
    pub split: Vec<Split>,
    pub rename: Vec<Rename>,
    pub set_kind: Vec<SetKind>,
    pub set_country: Vec<SetCountry>,
    pub drop_relation: Vec<DropRelation>,
    /// Operations the automatic joins of `resolve::operations` must leave apart.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keep_apart: Vec<KeepApart>,
}

/// Two ids are one entity; `into` is kept. Both must be of one kind: an
/// agency merged into a country would leave relations the ontology forbids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "MergeFields")]
pub struct Merge {
    pub into: EntityId,
    pub from: EntityId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeFields {
    into: EntityId,
    from: EntityId,
}

impl Merge {
    pub fn new(into: EntityId, from: EntityId) -> std::result::Result<Self, CurationError> {
        if into.kind != from.kind {
            return Err(CurationError::CrossKindMerge { into, from });
        }
        if into == from {
            return Err(CurationError::SelfMerge(into));
        }
        Ok(Merge { into, from })
    }
}

impl TryFrom<MergeFields> for Merge {
    type Error = CurationError;
    fn try_from(m: MergeFields) -> std::result::Result<Self, Self::Error> {
        Merge::new(m.into, m.from)
    }
}

/// A surface form wrongly joined to an entity becomes its own entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SplitFields")]
pub struct Split {
    pub id: EntityId,
    pub alias: String,
    pub new_id: EntityId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SplitFields {
    id: EntityId,
    alias: String,
    new_id: EntityId,
}

impl Split {
    pub fn new(id: EntityId, alias: String, new_id: EntityId) -> std::result::Result<Self, CurationError> {
        if alias.trim().is_empty() {
            return Err(CurationError::EmptyAlias(id));
        }
        if id.kind != new_id.kind {
            return Err(CurationError::CrossKindSplit { id, new_id });
        }
        if id == new_id {
            return Err(CurationError::SplitOntoItself(id));
        }
        Ok(Split { id, alias, new_id })
    }
}

impl TryFrom<SplitFields> for Split {
    type Error = CurationError;
    fn try_from(s: SplitFields) -> std::result::Result<Self, Self::Error> {
        Split::new(s.id, s.alias, s.new_id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RenameFields")]
pub struct Rename {
    pub id: EntityId,
    pub name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenameFields {
    id: EntityId,
    name: String,
}

impl Rename {
    pub fn new(id: EntityId, name: String) -> std::result::Result<Self, CurationError> {
        if name.trim().is_empty() {
            return Err(CurationError::EmptyName(id));
        }
        Ok(Rename { id, name })
    }
}

impl TryFrom<RenameFields> for Rename {
    type Error = CurationError;
    fn try_from(r: RenameFields) -> std::result::Result<Self, Self::Error> {
        Rename::new(r.id, r.name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetKind {
    pub id: EntityId,
    pub kind: EntityKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SetCountryFields")]
pub struct SetCountry {
    pub id: EntityId,
    /// ISO 3166-1 alpha-2, lower case.
    pub country: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetCountryFields {
    id: EntityId,
    country: String,
}

impl SetCountry {
    pub fn new(id: EntityId, country: &str) -> std::result::Result<Self, CurationError> {
        let code = country.trim().to_ascii_lowercase();
        if !is_country_code(&code) {
            return Err(CurationError::UnknownCountry(country.to_string()));
        }
        Ok(SetCountry { id, country: code })
    }
}

impl TryFrom<SetCountryFields> for SetCountry {
    type Error = CurationError;
    fn try_from(c: SetCountryFields) -> std::result::Result<Self, Self::Error> {
        SetCountry::new(c.id, &c.country)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropRelation {
    pub source: EntityId,
    pub relation: RelationKind,
    pub target: EntityId,
}

/// Two operations that are not one, whatever their dates, countries or
/// names say: an automatic join that would put `a` and `b` in one node is
/// not made (the ids are those `show` lists under "merged").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "KeepApartFields")]
pub struct KeepApart {
    pub a: EntityId,
    pub b: EntityId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeepApartFields {
    a: EntityId,
    b: EntityId,
}

impl KeepApart {
    pub fn new(a: EntityId, b: EntityId) -> std::result::Result<Self, CurationError> {
        if a.kind != EntityKind::Operation || b.kind != EntityKind::Operation {
            return Err(CurationError::KeepApartNotOperations { a, b });
        }
        if a == b {
            return Err(CurationError::KeepApartItself(a));
        }
        Ok(KeepApart { a, b })
    }
}

impl TryFrom<KeepApartFields> for KeepApart {
    type Error = CurationError;
    fn try_from(k: KeepApartFields) -> std::result::Result<Self, Self::Error> {
        KeepApart::new(k.a, k.b)
    }
}

/// A correction that cannot be right whatever the graph holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurationError {
    #[error("cannot merge {from} into {into}: they are of different kinds (change one's kind with set_kind first)")]
    CrossKindMerge { into: EntityId, from: EntityId },
    #[error("cannot merge {0} into itself")]
    SelfMerge(EntityId),
    #[error("cannot split {id} onto {new_id}: the new id must be of the same kind")]
    CrossKindSplit { id: EntityId, new_id: EntityId },
    #[error("cannot split {0} onto itself")]
    SplitOntoItself(EntityId),
    #[error("split of {0}: the alias is empty")]
    EmptyAlias(EntityId),
    #[error("rename of {0}: the new name is empty")]
    EmptyName(EntityId),
    #[error("cannot keep {a} and {b} apart: keep_apart is for operations (split other entities with split)")]
    KeepApartNotOperations { a: EntityId, b: EntityId },
    #[error("cannot keep {0} apart from itself")]
    KeepApartItself(EntityId),
    #[error("unknown country code '{}' (expected an ISO 3166-1 alpha-2 code such as 'at' or 'ro')", .0.escape_debug())]
    UnknownCountry(String),
}

/// ISO 3166-1 alpha-2 codes (all 249), plus `xk` for Kosovo, which the
/// built-in gazetteer uses: exactly the codes a country id can have. Kept
/// here rather than read from the gazetteer so that checking a curation
/// file does not compile the extractor's data; a test holds the two equal.
const COUNTRY_CODES: &str = "ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw \
by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg \
gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb \
lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa \
pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj \
tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws xk ye yt za zm zw";

/// Is `code` (lower case) a country code casegraph knows?
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && COUNTRY_CODES.split_whitespace().any(|c| c == code)
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
    KeepApart(KeepApart),
}

impl Curation {
    /// Read a curation file. A file of another kind (a graph given by
    /// mistake) is refused as such; unknown fields, ids that are not
    /// `kind:slug`, cross-kind merges, empty names and unknown country codes
    /// are refused with their line and column.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        match crate::ingest::sniff_bytes(&bytes) {
            FileKind::Empty => return Ok(Self::default()),
            k if !k.may_be(FileKind::Curation) => {
                return Err(Error::input(path, format!("is not a curation file (it looks like {k})")));
            }
            _ => {}
        }
        let text =
            String::from_utf8(bytes).map_err(|e| Error::input(path, format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to())))?;
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
            CurationOp::KeepApart(k) => self.keep_apart.push(k),
        }
    }

    pub(super) fn merges(&self) -> Vec<(EntityId, EntityId)> {
        self.merge.iter().map(|m| (m.into.clone(), m.from.clone())).collect()
    }

    /// Refuse corrections that contradict the documents: a split onto an id
    /// some other body already has would silently fuse the two.
    pub fn check(&self, facts: &Facts) -> std::result::Result<(), String> {
        for s in &self.split {
            // ids a split already moved carry the alias as their name
            let taken = facts.entities.iter().find(|e| e.id == s.new_id && !e.name.eq_ignore_ascii_case(&s.alias));
            if let Some(other) = taken {
                return Err(format!(
                    "split {} '{}' onto {}: that id is already {} (pick a new id, or merge instead)",
                    s.id, s.alias, s.new_id, other.name
                ));
            }
        }
        Ok(())
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
            for fig in facts.figures.iter_mut() {
                for (doc, old) in &moved {
                    if &fig.doc == doc && fig.operation.as_ref() == Some(old) {
                        fig.operation = Some(s.new_id.clone());
                    }
                }
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
            // after the merge, `from` lives on as the id its documents gave it
            let from_found = entities.iter().any(|e| e.id == m.from || e.sources.iter().any(|s| s.id == m.from));
            if !entities.iter().any(|e| e.id == m.into) {
                unused.push(format!("merge into {}: no such entity", m.into));
            }
            if !from_found {
                unused.push(format!("merge from {}: no such entity", m.from));
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
        for k in &self.keep_apart {
            for id in [&k.a, &k.b] {
                if !entities.iter().any(|e| &e.id == id || e.sources.iter().any(|s| &s.id == id)) {
                    unused.push(format!("keep_apart {}: no such operation", id));
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> std::result::Result<Curation, String> {
        crate::error::ron_options()
            .from_str::<Curation>(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    #[test]
    fn bad_entries_are_refused_with_their_position() {
        let e = parse("(\n  merges: [],\n)").unwrap_err();
        assert!(e.starts_with("2:") && e.contains("merges"), "{e}");
        let e = parse("(merge: [(into: \"agency:x\", from: \"country:ro\")])").unwrap_err();
        assert!(e.contains("different kinds"), "{e}");
        let e = parse("(rename: [(id: \"agency:x\", name: \"  \")])").unwrap_err();
        assert!(e.contains("name is empty"), "{e}");
        let e = parse("(set_country: [(id: \"agency:x\", country: \"zz\")])").unwrap_err();
        assert!(e.contains("unknown country code 'zz'"), "{e}");
        let e = parse("(merge: [(into: \"agency:x\", from: \"agency:y\", why: \"same\")])").unwrap_err();
        assert!(e.contains("why"), "{e}");
        let ok = parse("(set_country: [(id: \"agency:x\", country: \"AT\")])").unwrap();
        assert_eq!(ok.set_country[0].country, "at");
    }

    #[test]
    fn country_codes_are_the_gazetteer_countries() {
        let g = crate::extract::Gazetteer::builtin().unwrap();
        let mut ours: Vec<&str> = COUNTRY_CODES.split_whitespace().collect();
        let mut theirs: Vec<&str> = g.countries.iter().map(|c| c.code.as_str()).collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs);
    }
}
