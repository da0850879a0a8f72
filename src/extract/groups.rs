//! The organised crime group a release is about: its first naming ("a
//! Romanian human trafficking network", keeping the country adjective) and
//! later references ("the OCG", "the network"). Generic plurals ("criminal
//! networks across Europe") are no group unless a number makes them specific.

use super::document::DocText;
use super::entities::{EntIdx, EntityTable};
use super::gazetteer::{DocList, Gazetteer};
use super::names::Names;
use super::operations::longest_first;
use super::words::floor_boundary;
use crate::model::{ByteSpan, EntityId, EntityKind};
use rustc_hash::FxHashMap as HashMap;

/// What the groups pass found: at most one group, in its own table.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    pub table: EntityTable,
}

pub fn find(g: &Gazetteer, d: &DocText, names: &Names) -> Groups {
    let text = d.text;
    let mut out = Groups::default();
    let found: Vec<ByteSpan> = d.phrases.of(DocList::GroupTerms).iter().map(|h| h.span).filter(|&s| !names.claimed.overlaps(s)).collect();
    // country mentions by where they end, to keep "Romanian" in "Romanian ... network"
    let mut countries_ending: HashMap<usize, ByteSpan> = HashMap::default();
    for m in &names.table.mentions {
        if names.table.get(m.ent).kind == EntityKind::Country {
            countries_ending.entry(m.span.end).or_insert(m.span);
        }
    }
    let mut group: Option<EntIdx> = None;
    for s in longest_first(found) {
        let after = &text[s.end..];
        let plural = after.starts_with('s') && !after[1..].starts_with(|c: char| c.is_alphanumeric());
        let sentence = d.sentence_at(s.start);
        let window = &text[floor_boundary(text, sentence.start.max(s.start.saturating_sub(30)))..s.start];
        if plural && !g.words.plural_number.is_match(window) {
            continue;
        }
        let end = if plural { s.end + 1 } else { s.end };
        let ent = *group.get_or_insert_with(|| {
            let start = s.start.checked_sub(1).and_then(|at| countries_ending.get(&at)).map(|c| c.start).unwrap_or(s.start);
            // a bare "organised crime group" is told apart by the headline of its release
            let name = if start == s.start { format!("{} ({})", &text[start..end], d.headline()) } else { text[start..end].to_string() };
            out.table.by_id(EntityKind::Ocg, EntityId::unnamed(EntityKind::Ocg, d.doc, 1), || name)
        });
        out.table.mention(text, ent, ByteSpan::new(s.start, end));
    }
    let Some(grp) = group else { return out };
    let first = out.table.get(grp).first().map(|s| s.start).unwrap_or(0);
    for h in d.phrases.of(DocList::GroupBackrefs) {
        let s = h.span;
        let overlapping = out.table.get(grp).spans.range(..ByteSpan::new(s.end, s.end)).next_back().is_some_and(|x| x.end > s.start);
        if s.start > first && !overlapping {
            out.table.mention(text, grp, s);
        }
    }
    out
}
