//! Relations that follow from others or from the document as a whole: a
//! group is active where it exploits, the main operation targeted the
//! group, and a national body is based in its country.

use super::{Ctx, Found, RelationSet};
use crate::extract::entities::EntIdx;
use crate::extract::gazetteer::{Family, Gazetteer};
use crate::extract::mentions::Mentions;
use crate::model::{ByteSpan, EntityKind, RelationKind};
use std::collections::BTreeMap;

/// More exploitation countries than this in one sentence is a list of where
/// victims ended up.
const MAX_PLACES: usize = 2;
use std::collections::BTreeSet;

/// A group that exploited its victims in a country operated there; not
/// from a sentence that lists many exploitation countries ("in countries such
/// as A, B, C and D"), which says where victims ended up, not where the group ran.
pub fn exploitation_is_activity<'g>(m: &Mentions, set: &RelationSet<'g>) -> Vec<Found<'g>> {
    let exploitation = |(src, r, _): &(EntIdx, RelationKind, EntIdx)| *r == RelationKind::ExploitedIn && m.kind(*src) == EntityKind::Ocg;
    let mut places_per_sentence: BTreeMap<ByteSpan, usize> = BTreeMap::new();
    for (_, st) in set.stated.iter().filter(|(k, _)| exploitation(k)) {
        for ev in st.evidence.keys() {
            *places_per_sentence.entry(*ev).or_default() += 1;
        }
    }
    set.stated
        .iter()
        .filter(|(k, _)| exploitation(k))
        .filter_map(|(&(g, _, c), st)| {
            let ev = *st.evidence.keys().find(|ev| places_per_sentence.get(ev).is_some_and(|&n| n <= MAX_PLACES))?;
            Some(Found {
                source: g,
                relation: RelationKind::ActiveIn,
                target: c,
                evidence: ev,
                count: None,
                rule: Family::ExploitationIsActivity.as_str(),
            })
        })
        .collect()
}

/// The main operation targeted the group: stated in the first sentence that
/// names both, or else in the one that first names the group.
pub fn operation_targets_group<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let (Some(op), Some(grp)) = (c.m.main_op, c.m.group) else { return Vec::new() };
    // the sentences that name the operation, then the first of them that names the group
    let with_op: BTreeSet<_> =
        c.m.ent(op).spans.iter().filter(|s| s.end <= c.d.sentence_at(s.start).end).map(|s| c.d.sentence_at(s.start)).collect();
    let both =
        c.m.ent(grp)
            .spans
            .iter()
            .filter(|s| s.end <= c.d.sentence_at(s.start).end)
            .map(|s| c.d.sentence_at(s.start))
            .filter(|s| with_op.contains(s))
            .min();
    let first = c.m.ent(grp).first().map(|s| c.d.sentence_at(s.start));
    both.or(first)
        .map(|ev| Found {
            source: op,
            relation: RelationKind::Targeted,
            target: grp,
            evidence: ev,
            count: None,
            rule: Family::OperationTargetsGroup.as_str(),
        })
        .into_iter()
        .collect()
}

/// A body tied to its country in the text is based in it, when the document
/// names the country (SCHEMA H5); one state's office abroad is not based in
/// its host (H6).
pub fn based_in<'g>(g: &'g Gazetteer, m: &Mentions) -> Vec<Found<'g>> {
    let mut out = Vec::new();
    for (i, e) in m.ents.iter().enumerate() {
        if e.kind != EntityKind::Agency {
            continue;
        }
        let Some(country) = e.country.and_then(|ci| m.country(g, ci)) else { continue };
        let Some(ev) = e.country_evidence else { continue };
        let abroad = std::iter::once(&e.name).chain(e.aliases.iter()).any(|n| n.split_whitespace().any(|w| g.words.abroad_heads.has(w)));
        if abroad {
            continue;
        }
        out.push(Found {
            source: crate::extract::entities::EntIdx(i),
            relation: RelationKind::BasedIn,
            target: country,
            evidence: ev,
            count: None,
            rule: Family::BasedIn.as_str(),
        });
    }
    out
}
