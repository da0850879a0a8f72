//! Pass 7b: statements that deny or hedge what the rules read.
//!
//! The rule families read a relation wherever its words are, and "No arrests
//! were made in Spain" has the words of an arrest in Spain. This pass runs
//! after them and looks at each sentence that states a relation: where the
//! body, place or group the relation is about is named only inside the scope
//! of a negation cue, that sentence stops stating it (and a relation left
//! with no sentence is gone); inside the scope of a hedge cue ("allegedly",
//! "is suspected of") the sentence still states it, flagged `hedged`.
//!
//! Scopes are deliberately short, so that a cue can only take away what its
//! own clause says: from the cue back to the sentence start, a comma or a
//! clause break (the subject of "did not take part"), and forward to a
//! clause break or a `scope_ends` phrase (an agent phrase "coordinated by
//! Europol" after "did not take part" is its own statement). A hedge reaches
//! forward only: in "officers joined what is believed to be the biggest
//! operation" the officers' joining is asserted. A relation whose entity the sentence does not name at all
//! (a country reached through a list heading) is never touched. The cues
//! are data (`words.negation_cues`, `hedge_cues`, ...), the examples that
//! pin the behaviour down are in `data/polarity.ron`.

use super::document::DocText;
use super::entities::EntIdx;
use super::gazetteer::{DocList, Gazetteer};
use super::mentions::Mentions;
use super::relations::RelationSet;
use crate::model::{ByteSpan, EntityKind, RelationKind};
use std::collections::BTreeSet;

/// The (relation, sentence) pairs a hedge cue covers.
#[derive(Clone, Debug, Default)]
pub struct Hedges {
    pub stated: BTreeSet<(EntIdx, RelationKind, EntIdx, ByteSpan)>,
}

impl Hedges {
    pub fn covers(&self, s: EntIdx, r: RelationKind, t: EntIdx, span: ByteSpan) -> bool {
        self.stated.contains(&(s, r, t, span))
    }
}

/// Drops what negated sentences state and marks what hedged ones state.
pub fn apply<'g>(g: &'g Gazetteer, d: &DocText<'_>, m: &Mentions, mut rels: RelationSet<'g>) -> (RelationSet<'g>, Hedges) {
    let mut hedges = Hedges::default();
    let mut scopes = rustc_hash::FxHashMap::default();
    let mut scopes_of =
        |span: ByteSpan| -> (Vec<ByteSpan>, Vec<ByteSpan>) { scopes.entry(span).or_insert_with(|| sentence_scopes(g, d, span)).clone() };
    rels.stated.retain(|&(s, r, t), stated| {
        if r == RelationKind::BasedIn {
            // read from a body's name, not from a statement that could deny it
            return true;
        }
        let focus = focus(m, s, t);
        let before = stated.evidence.len();
        stated.evidence.retain(|&span, _| {
            let named = named_in(g, m, focus, span);
            if named.is_empty() {
                return true;
            }
            let (neg, hedge) = scopes_of(span);
            let inside = |scopes: &[ByteSpan]| named.iter().all(|n| scopes.iter().any(|sc| n.within(*sc)));
            if inside(&neg) {
                return false;
            }
            if inside(&hedge) {
                hedges.stated.insert((s, r, t, span));
            }
            true
        });
        before == 0 || !stated.evidence.is_empty()
    });
    (rels, hedges)
}

/// The end of a relation that a denial is about: the body, country or group
/// rather than the operation (which a release names throughout).
fn focus(m: &Mentions, s: EntIdx, t: EntIdx) -> EntIdx {
    if m.ents[s.0].kind == EntityKind::Operation {
        t
    } else if m.ents[t.0].kind == EntityKind::Operation {
        s
    } else {
        t
    }
}

/// Where a sentence names an entity: its own mentions, and for a country the
/// cities of it ("arrested in Madrid" is an arrest in Spain).
fn named_in(g: &Gazetteer, m: &Mentions, e: EntIdx, sentence: ByteSpan) -> Vec<ByteSpan> {
    let ent = &m.ents[e.0];
    let country = match (ent.kind, &ent.id) {
        (EntityKind::Country, Some(id)) => id.to_string().strip_prefix("country:").and_then(|c| g.country_index(c)),
        _ => None,
    };
    let lo = m.sorted.partition_point(|x| x.span.start < sentence.start);
    m.sorted[lo..]
        .iter()
        .take_while(|x| x.span.start < sentence.end)
        .filter(|x| x.span.within(sentence))
        .filter(|x| {
            x.ent == e || {
                let other = &m.ents[x.ent.0];
                other.kind == EntityKind::City && country.is_some() && other.country == country
            }
        })
        .map(|x| x.span)
        .collect()
}

/// The denial and hedge scopes of a sentence, as offsets into the document
/// (the figures pass reads them too). The cues come from the document scan:
/// searching each sentence again for them cost as much as the rest of this
/// pass. Lower-casing may change lengths outside ASCII: such a sentence gets
/// no scope.
pub(super) fn sentence_scopes(g: &Gazetteer, d: &DocText<'_>, span: ByteSpan) -> (Vec<ByteSpan>, Vec<ByteSpan>) {
    // the cues inside the sentence, as offsets into it
    let inside = |list: DocList| -> Vec<ByteSpan> {
        let hits = d.phrases.of(list);
        let from = hits.partition_point(|h| h.span.start < span.start);
        hits[from..]
            .iter()
            .take_while(|h| h.span.start < span.end)
            .filter(|h| h.span.end <= span.end)
            .map(|h| ByteSpan::new(h.span.start - span.start, h.span.end - span.start))
            .collect()
    };
    let (negations, hedges) = (inside(DocList::NegationCues), inside(DocList::HedgeCues));
    // most sentences have no cue: they need no lower-casing
    if negations.is_empty() && hedges.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let sentence = d.at(span);
    let text = sentence.to_lowercase();
    if text.len() != sentence.len() {
        return (Vec::new(), Vec::new());
    }
    let w = &g.words.lists;
    // exceptions only matter around a denial
    let excepted = if negations.is_empty() { Vec::new() } else { inside(DocList::NegationExceptions) };
    let shift = |v: Vec<ByteSpan>| v.into_iter().map(|s| ByteSpan::new(s.start + span.start, s.end + span.start)).collect();
    (shift(cue_scopes(&text, negations, &excepted, true, w)), shift(cue_scopes(&text, hedges, &[], false, w)))
}

/// The scopes of `cues` in a lower-cased sentence, all as offsets into it;
/// a cue inside an exception ("not only") has none.
fn cue_scopes(
    text: &str,
    cues: Vec<ByteSpan>,
    exceptions: &[ByteSpan],
    backward: bool,
    w: &super::gazetteer::schema::Words,
) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    for cue in cues {
        if exceptions.iter().any(|x| cue.within(*x)) {
            continue;
        }
        let head = &text[..cue.start];
        let back = if !backward {
            cue.start
        } else {
            w.clause_breaks
                .iter()
                .map(String::as_str)
                .chain([","])
                .filter_map(|b| head.rfind(&b.to_lowercase()).map(|i| i + b.len()))
                .max()
                .unwrap_or(0)
        };
        let tail = &text[cue.end..];
        let fwd = w
            .clause_breaks
            .iter()
            .chain(&w.scope_ends)
            .filter_map(|b| tail.find(&b.to_lowercase()))
            .min()
            .map_or(text.len(), |i| cue.end + i);
        out.push(ByteSpan::new(back.min(cue.start), fwd));
    }
    out
}
