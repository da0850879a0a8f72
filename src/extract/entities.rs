//! The entities one pass finds in a document, and where the text names
//! them. Each pass that finds entities builds its own table; the tables are
//! joined into [`super::mentions::Mentions`] before relations are read.

use super::gazetteer::Gazetteer;
use super::words::trim_span;
use crate::model::{ByteSpan, EntityId, EntityKind};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// An entity's place in its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntIdx(pub usize);

/// How an entity is found again in its table: by its id, or (a body found
/// by pattern, whose id waits for its country) by its name without country.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EntKey {
    Id(EntityId),
    Pattern(String),
}

/// One entity while a document is read.
#[derive(Clone, Debug)]
pub struct Ent {
    pub kind: EntityKind,
    /// Fixed id (gazetteer entries, countries, operations); a national body
    /// found by pattern gets its id at assembly, once its country is known.
    pub id: Option<EntityId>,
    pub name: String,
    pub aliases: BTreeSet<String>,
    pub spans: BTreeSet<ByteSpan>,
    /// Country (index into the gazetteer) of an agency or city.
    pub country: Option<usize>,
    /// The text that ties an agency to its country, for based-in.
    pub country_evidence: Option<ByteSpan>,
}

impl Ent {
    pub fn new(kind: EntityKind, id: Option<EntityId>, name: String) -> Self {
        Ent { kind, id, name, aliases: BTreeSet::new(), spans: BTreeSet::new(), country: None, country_evidence: None }
    }

    pub fn first(&self) -> Option<ByteSpan> {
        self.spans.iter().next().copied()
    }
}

/// A mention of an entity at a place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub span: ByteSpan,
    pub ent: EntIdx,
}

#[derive(Clone, Debug, Default)]
pub struct EntityTable {
    pub ents: Vec<Ent>,
    keys: HashMap<EntKey, EntIdx>,
    pub mentions: Vec<Mention>,
}

impl EntityTable {
    /// The entity for `key`, created with `make` the first time.
    pub fn entity(&mut self, key: EntKey, make: impl FnOnce() -> Ent) -> EntIdx {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        self.ents.push(make());
        let i = EntIdx(self.ents.len() - 1);
        self.keys.insert(key, i);
        i
    }

    /// The entity with this id, created as `kind` named `name` if new.
    pub fn by_id(&mut self, kind: EntityKind, id: EntityId, name: impl FnOnce() -> String) -> EntIdx {
        self.entity(EntKey::Id(id.clone()), || Ent::new(kind, Some(id), name()))
    }

    pub fn find(&self, key: &EntKey) -> Option<EntIdx> {
        self.keys.get(key).copied()
    }

    /// The country entity of gazetteer country `ci`.
    pub fn country(&mut self, g: &Gazetteer, ci: usize) -> EntIdx {
        let c = &g.countries[ci];
        self.by_id(EntityKind::Country, EntityId::new(EntityKind::Country, c.code.clone()), || c.name.clone())
    }

    /// The agency of gazetteer entry `ai`, placed in its country if national.
    pub fn gazetteer_agency(&mut self, g: &Gazetteer, ai: usize) -> EntIdx {
        let a = &g.agencies[ai];
        let ent = self.by_id(EntityKind::Agency, EntityId::new(EntityKind::Agency, a.id.clone()), || a.name.clone());
        if self.ents[ent.0].country.is_none() {
            self.ents[ent.0].country = a.country.as_deref().and_then(|c| g.country_index(c));
        }
        ent
    }

    pub fn get(&self, i: EntIdx) -> &Ent {
        &self.ents[i.0]
    }

    pub fn get_mut(&mut self, i: EntIdx) -> &mut Ent {
        &mut self.ents[i.0]
    }

    /// A mention that names the entity: its form becomes an alias.
    pub fn mention(&mut self, text: &str, ent: EntIdx, span: ByteSpan) {
        self.mention_as(text, ent, span, true)
    }

    /// A mention that may be no name of its own ("the operation" referring to
    /// Operation WEKA II): it places the entity without adding an alias.
    pub fn mention_as(&mut self, text: &str, ent: EntIdx, span: ByteSpan, is_name: bool) {
        let span = trim_span(text, span);
        if span.is_empty() {
            return;
        }
        let form = span.of(text);
        let e = &mut self.ents[ent.0];
        if is_name && form != e.name {
            e.aliases.insert(crate::model::strip_bidi(form));
        }
        e.spans.insert(span);
        self.mentions.push(Mention { span, ent });
    }

    /// Move every mention of `from` to `into` (one body found under two names).
    pub fn absorb(&mut self, from: EntIdx, into: EntIdx) {
        let spans = std::mem::take(&mut self.ents[from.0].spans);
        let name = self.ents[from.0].name.clone();
        self.ents[into.0].aliases.insert(name);
        self.ents[into.0].spans.extend(spans);
        for m in self.mentions.iter_mut().filter(|m| m.ent == from) {
            m.ent = into;
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = (&EntKey, &EntIdx)> {
        self.keys.iter()
    }
}
