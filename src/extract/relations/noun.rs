//! Nouns: a country named right before a noun ("Romanian citizens",
//! "Portuguese and Romanian judicial authorities") is where the noun's
//! relation points, when one of the noun's context words is in the
//! sentence; before an authority noun ("French police") the country acted.

use super::{Ctx, Found};
use crate::extract::gazetteer::{DocList, Family};
use crate::model::{EntityKind, RelationKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub fn triggers<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let text = c.text();
    let rules = &c.g.rules;
    let context = SentenceWords::new(c);
    let mut hits: Vec<(Option<usize>, crate::model::ByteSpan)> =
        c.d.phrases.of(DocList::NounTriggers).iter().map(|h| (Some(h.phrase), h.span)).collect();
    hits.extend(c.d.phrases.of(DocList::AuthorityNouns).iter().map(|h| (None, h.span)));
    let mut out = Vec::new();
    for (rule, span) in hits {
        if span.of(text).starts_with(char::is_uppercase) && c.m.in_agency(span) {
            continue;
        }
        let sentence = c.d.sentence_at(span.start);
        let (relation, id) = match rule {
            Some(i) => {
                let t = &rules.noun[i];
                if !t.context.is_empty() && !t.context.iter().any(|&w| context.has(c, span.start, w)) {
                    continue;
                }
                (t.relation, t.id.as_str())
            }
            None => (RelationKind::ParticipatedIn, Family::AuthorityNoun.as_str()),
        };
        let countries = c
            .list_before_tight(span.start, sentence.start)
            .into_iter()
            .filter(|m| c.m.kind(m.ent) == EntityKind::Country && !c.m.in_agency(m.span));
        for m in countries {
            let found = |source, target| Found { source, relation, target, evidence: sentence, count: None, rule: id };
            let at = span.start;
            match relation {
                RelationKind::ParticipatedIn => out.extend(c.m.op_at(c.d, at).map(|op| found(m.ent, op))),
                RelationKind::ArrestedIn => out.extend(c.m.op_at(c.d, at).map(|op| found(op, m.ent))),
                RelationKind::VictimsFrom | RelationKind::ExploitedIn if !c.smuggling_only => {
                    out.extend(c.m.group.or_else(|| c.m.op_at(c.d, at)).map(|src| found(src, m.ent)))
                }
                RelationKind::ActiveIn => out.extend(c.m.group.map(|grp| found(grp, m.ent))),
                _ => {}
            }
        }
    }
    out
}

/// Which noun-trigger context words each sentence holds, found in one
/// pass over the document (a context word counts anywhere in the sentence).
struct SentenceWords {
    by_sentence: HashMap<usize, HashSet<usize>>,
}

impl SentenceWords {
    fn new(c: &Ctx) -> Self {
        let mut by_sentence: HashMap<usize, HashSet<usize>> = HashMap::default();
        for m in c.g.rules.noun_context.find_overlapping_iter(c.lower.as_str()) {
            let s = c.d.sentence_at(m.start());
            if m.end() <= s.end {
                by_sentence.entry(s.start).or_default().insert(m.pattern().as_usize());
            }
        }
        SentenceWords { by_sentence }
    }

    /// Does the sentence holding `pos` contain context word `word`?
    fn has(&self, c: &Ctx, pos: usize, word: usize) -> bool {
        let s = c.d.sentence_at(pos);
        self.by_sentence.get(&s.start).is_some_and(|w| w.contains(&word))
    }
}
