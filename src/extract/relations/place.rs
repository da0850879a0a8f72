//! Places: a country (or a city in it) named right after a phrase is where
//! the relation points ("recruited in Romania", "six in Belgium and two in
//! Hungary"), when the phrase's context words come shortly before it; and a
//! sentence opening on a place ("In Spain, ...") places its action.

use super::{Ctx, Found};
use crate::extract::entities::EntIdx;
use crate::extract::gazetteer::{DocList, Family, Occurrences};
use crate::extract::words::floor_boundary;
use crate::model::{ByteSpan, RelationKind};

/// How far before a phrase its context words are looked for.
const CONTEXT: usize = 80;
/// A stated count stands within this many bytes before its place phrase.
const COUNT_WINDOW: usize = 120;

pub fn triggers<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let mut out = Vec::new();
    let hits = c.d.phrases.of(DocList::PlaceTriggers);
    if hits.is_empty() {
        return out;
    }
    let occ = c.g.place_words.occurrences(&c.lower);
    for &hit in hits {
        let t = &c.g.rules.place[hit.phrase];
        let (s, e) = (hit.span.start, hit.span.end);
        let sentence = c.d.sentence_at(s);
        if !context_before(c, &occ, hit.phrase, sentence.start, s) && !fronted_context(c, &t.context, sentence, s, e) {
            continue;
        }
        let mut places: Vec<EntIdx> = c.list_after(e, sentence.end, true).iter().filter_map(|m| c.country_of_mention(m)).collect();
        let distinct: std::collections::BTreeSet<EntIdx> = places.iter().copied().collect();
        if places.is_empty() || distinct.len() < t.min_places {
            continue;
        }
        // smuggled migrants are no victims, whatever the release calls the crime (H19)
        if matches!(t.relation, RelationKind::VictimsFrom | RelationKind::ExploitedIn) && c.migrants_only(sentence) {
            continue;
        }
        places.dedup();
        let count = if t.relation == RelationKind::ArrestedIn { count_before(c, sentence.start, s) } else { None };
        for &place in &places {
            let found =
                |source, target, count| Found { source, relation: t.relation, target, evidence: sentence, count, rule: t.id.as_str() };
            match t.relation {
                RelationKind::ParticipatedIn => out.extend(c.m.op_at(c.d, s).map(|op| found(place, op, None))),
                RelationKind::ArrestedIn => {
                    let count = if places.len() == 1 { count } else { None };
                    out.extend(c.m.op_at(c.d, s).map(|op| found(op, place, count)));
                }
                RelationKind::VictimsFrom | RelationKind::ExploitedIn if !c.smuggling_only => {
                    out.extend(c.m.group.or_else(|| c.m.op_at(c.d, s)).map(|src| found(src, place, None)))
                }
                RelationKind::ActiveIn => out.extend(c.m.group.map(|grp| found(grp, place, None))),
                // a route, of victims or of smuggled migrants alike
                RelationKind::Transited => out.extend(c.m.group.or_else(|| c.m.op_at(c.d, s)).map(|src| found(src, place, None))),
                _ => {}
            }
        }
    }
    out
}

/// Do one of place rule `rule`'s context words come shortly before `s`, in
/// the same clause, with none of its blocking words between it and `s`?
fn context_before(c: &Ctx, occ: &Occurrences, rule: usize, ss: usize, s: usize) -> bool {
    let words = &c.g.place_words;
    let (context, blocked_by) = words.of_rule(rule);
    if context.is_empty() {
        return true;
    }
    // a new clause ("..., and the arrest of 27 people in X") starts a new
    // context: after each break in turn, the window starts past its last use
    let mut from = floor_boundary(c.text(), ss.max(s.saturating_sub(CONTEXT)));
    for &b in words.clause_breaks() {
        if let Some(at) = occ.last_in(b, from, s) {
            from = at + words.len(b);
        }
    }
    context
        .iter()
        .filter_map(|&w| occ.last_in(w, from, s).map(|at| at + words.len(w)))
        .any(|after| !blocked_by.iter().any(|&b| occ.last_in(b, after, s).is_some()))
}

/// "Based in Morocco, the criminal organisation ...": a participle phrase
/// that opens the sentence describes the subject after it, so its context
/// words follow it. A bare preposition ("In Spain, ...") is no such phrase:
/// the opening-place family reads those.
fn fronted_context(c: &Ctx, context: &[String], sentence: ByteSpan, s: usize, e: usize) -> bool {
    let phrase = &c.lower[s..e];
    if context.is_empty() || !phrase.contains(' ') || !c.lower[sentence.start..s].trim().is_empty() {
        return false;
    }
    let text = c.text();
    let Some(comma) = c.lower[e..sentence.end].find(',') else { return false };
    let from = e + comma + 1;
    let to = floor_boundary(text, (from + CONTEXT).min(sentence.end));
    let window = &c.lower[from..to];
    context.iter().any(|w| window.contains(w.as_str()))
}

/// "sent back to Romania, where the group laundered it": the place named
/// right before a "where" clause is where the clause's statement happened.
pub fn where_clause<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let mut out = Vec::new();
    for at in c.lower.match_indices(", where ").map(|(i, _)| i) {
        let sentence = c.d.sentence_at(at);
        let clause_end = c.lower[at + 8..sentence.end].find([',', ';']).map(|i| at + 8 + i).unwrap_or(sentence.end);
        let clause = &c.lower[at + 8..clause_end];
        // the places listed right before ", where"
        let places: Vec<EntIdx> = c
            .walk_back(at, sentence.start, |gap| gap.len() <= 48 && !gap.contains([',', ';', ':', '.']))
            .iter()
            .filter_map(|m| c.country_of_mention(m))
            .collect();
        if places.is_empty() {
            continue;
        }
        for rule in c.g.rules.wheres.iter().filter(|r| clause.contains(r.word.as_str())) {
            let source = match rule.relation {
                RelationKind::ActiveIn => c.m.group,
                RelationKind::VictimsFrom | RelationKind::ExploitedIn if !c.smuggling_only => c.m.group.or_else(|| c.m.op_at(c.d, at)),
                RelationKind::ArrestedIn => c.m.op_at(c.d, at),
                _ => None,
            };
            let Some(src) = source else { continue };
            for &place in &places {
                let (source, target) = if rule.relation == RelationKind::ParticipatedIn { (place, src) } else { (src, place) };
                out.push(Found { source, relation: rule.relation, target, evidence: sentence, count: None, rule: rule.id.as_str() });
            }
        }
    }
    out
}

/// The number stated right before a place phrase ("six in Belgium"), unless
/// it is the day of a date ("arrested on Feb. 6 in Houston").
fn count_before(c: &Ctx, ss: usize, s: usize) -> Option<u32> {
    let text = c.text();
    let from = floor_boundary(text, ss.max(s.saturating_sub(COUNT_WINDOW)));
    let caps = c.g.words.count_before.captures(&text[from..s])?;
    let n = caps.get(1)?;
    let prev = text[ss..from + n.start()].split_whitespace().next_back().unwrap_or("");
    if c.g.words.marks_a_day(prev) {
        return None;
    }
    c.g.words.number(n.as_str())
}

/// "In Spain, the Guardia Civil arrested 12 people": a sentence that opens
/// on a place tells where its action happened.
pub fn opening<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let text = c.text();
    let w = &c.g.words;
    let rule = Family::OpeningPlace.as_str();
    let mut out = Vec::new();
    for &sentence in &c.d.sentences {
        let (ss, se) = (sentence.start, sentence.end);
        let body = &text[ss..se];
        let Some(rest) = body.strip_prefix("In ") else { continue };
        let Some(comma) = rest.find(',') else { continue };
        let places: Vec<EntIdx> = c.list_after(ss + 2, ss + 3 + comma, true).iter().filter_map(|m| c.country_of_mention(m)).collect();
        let all_names = text[ss + 3..ss + 3 + comma].split_whitespace().all(|x| x.starts_with(char::is_uppercase) || w.list_words.has(x));
        if places.is_empty() || !all_names {
            continue;
        }
        let clause = ByteSpan::new(ss + 3 + comma, se);
        let lower = &c.lower[clause.start..clause.end];
        let arrests = w.arrest_words.any_in(clause.of(text)) && !w.lists.arrest_not_before.iter().any(|x| lower.contains(x.as_str()));
        let acted = arrests || w.lists.acting_verbs.iter().any(|v| lower.contains(v.as_str()));
        let Some(op) = c.m.op_at(c.d, ss) else { continue };
        for place in places {
            if arrests {
                out.push(Found { source: op, relation: RelationKind::ArrestedIn, target: place, evidence: sentence, count: None, rule });
            }
            if acted {
                out.push(Found {
                    source: place,
                    relation: RelationKind::ParticipatedIn,
                    target: op,
                    evidence: sentence,
                    count: None,
                    rule,
                });
            }
        }
    }
    out
}
