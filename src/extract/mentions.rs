//! Every entity of a document with its mentions, joined from the tables of
//! the passes that found them (names, operations, groups), indexed for the
//! questions relation rules ask: which mentions lie in this stretch, which
//! operation is this sentence about, is this inside a body's name.

use super::document::DocText;
use super::entities::{Ent, EntIdx, EntKey, Mention};
use super::groups::Groups;
use super::names::{Claimed, ListHeading, ListMembership, Names};
use super::operations::{OpTerm, Operations};
use crate::model::{ByteSpan, EntityId, EntityKind};
use rustc_hash::FxHashMap as HashMap;

pub struct Mentions {
    pub ents: Vec<Ent>,
    /// Sorted by span, then entity; no duplicates.
    pub sorted: Vec<Mention>,
    ids: HashMap<EntityId, EntIdx>,
    pub claimed: Claimed,
    pub op_terms: Vec<OpTerm>,
    pub list_members: Vec<ListMembership>,
    pub list_lines: Vec<ListHeading>,
    /// Operations with a mention, in the order they are first named.
    pub ops: Vec<EntIdx>,
    /// Mentions of operations, sorted.
    op_mentions: Vec<Mention>,
    pub main_op: Option<EntIdx>,
    pub group: Option<EntIdx>,
}

impl Mentions {
    pub fn combine(names: Names, ops: Operations, groups: Groups) -> Self {
        let mut ents = Vec::new();
        let mut mentions = Vec::new();
        let mut ids = HashMap::default();
        let mut add = |table: super::entities::EntityTable| -> usize {
            let offset = ents.len();
            for (k, i) in table.keys() {
                if let EntKey::Id(id) = k {
                    ids.insert(id.clone(), EntIdx(i.0 + offset));
                }
            }
            mentions.extend(table.mentions.iter().map(|m| Mention { span: m.span, ent: EntIdx(m.ent.0 + offset) }));
            ents.extend(table.ents);
            offset
        };
        let Names { table, claimed, list_members, list_lines } = names;
        add(table);
        let op_offset = add(ops.table);
        add(groups.table);
        mentions.sort();
        mentions.dedup();
        let op_terms = ops.terms.into_iter().map(|t| OpTerm { span: t.span, op: EntIdx(t.op.0 + op_offset) }).collect();
        let ents_ref = &ents;
        let with_spans =
            |k: EntityKind| (0..ents_ref.len()).map(EntIdx).filter(move |&i| ents_ref[i.0].kind == k && !ents_ref[i.0].spans.is_empty());
        let mut op_list: Vec<EntIdx> = with_spans(EntityKind::Operation).collect();
        op_list.sort_by_key(|&i| ents[i.0].first());
        let main_op = op_list.iter().copied().max_by_key(|&i| (ents[i.0].spans.len(), std::cmp::Reverse(ents[i.0].first())));
        let group = with_spans(EntityKind::Ocg).min_by_key(|&i| ents[i.0].first());
        let op_mentions = mentions.iter().copied().filter(|m| ents[m.ent.0].kind == EntityKind::Operation).collect();
        Mentions { ents, sorted: mentions, ids, claimed, op_terms, list_members, list_lines, ops: op_list, op_mentions, main_op, group }
    }

    pub fn ent(&self, i: EntIdx) -> &Ent {
        &self.ents[i.0]
    }

    pub fn kind(&self, i: EntIdx) -> EntityKind {
        self.ents[i.0].kind
    }

    /// The entity with this id, if the document mentions it.
    pub fn by_id(&self, id: &EntityId) -> Option<EntIdx> {
        self.ids.get(id).copied()
    }

    /// The country entity of gazetteer country `ci`, if the document names it.
    pub fn country(&self, g: &super::Gazetteer, ci: usize) -> Option<EntIdx> {
        self.by_id(&EntityId::new(EntityKind::Country, g.countries[ci].code.clone()))
    }

    /// Mentions lying wholly inside `span`, in text order.
    pub fn within(&self, span: ByteSpan) -> impl DoubleEndedIterator<Item = Mention> + '_ {
        let from = self.sorted.partition_point(|m| m.span.start < span.start);
        let to = self.sorted.partition_point(|m| m.span.start < span.end);
        self.sorted[from..to.max(from)].iter().copied().filter(move |m| m.span.end <= span.end)
    }

    /// Is `span` inside a body's name (and not that name itself)?
    pub fn in_agency(&self, span: ByteSpan) -> bool {
        self.claimed.strictly_within(span)
    }

    pub fn has_action(&self) -> bool {
        !self.ops.is_empty() || self.group.is_some()
    }

    /// The operation a sentence at `pos` is about: the one named nearest in
    /// the sentence, else the last one named before it, else the main one.
    pub fn op_at(&self, d: &DocText, pos: usize) -> Option<EntIdx> {
        let s = d.sentence_at(pos);
        let from = self.op_mentions.partition_point(|m| m.span.start < s.start);
        let in_sentence = self.op_mentions[from..]
            .iter()
            .take_while(|m| m.span.start < s.end)
            .filter(|m| m.span.end <= s.end)
            .min_by_key(|m| (m.span.start.abs_diff(pos), m.span.start));
        if let Some(m) = in_sentence {
            return Some(m.ent);
        }
        let before = self.op_mentions[..from].iter().rev().find(|m| m.span.end <= s.start);
        before.map(|m| m.ent).or(self.main_op)
    }
}
