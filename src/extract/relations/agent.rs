//! Agents: a body or country named beside a trigger phrase coordinated,
//! supported or took part in the operation of its sentence ("coordinated by
//! Europol", "Europol and Frontex coordinated", "INTERPOL-led"); and a body
//! named with the action itself ran it ("an INTERPOL operation").

use super::{Ctx, Found};
use crate::extract::gazetteer::{Agents, DocList, Family, Side};
use crate::extract::words::floor_boundary;
use crate::model::{EntityKind, RelationKind};

/// How much of the text after a trigger is read to see what follows it.
const LOOKAHEAD: usize = 64;
/// No name is longer than this: a mention that ends at a phrase starts
/// within this many bytes of it, so the search for one stays local.
const MAX_NAME: usize = 512;

pub fn triggers<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let text = c.text();
    let rules = &c.g.rules;
    let mut out = Vec::new();
    for &hit in c.d.phrases.of(DocList::AgentTriggers) {
        let t = &rules.agent[hit.phrase];
        let (s, e) = (hit.span.start, hit.span.end);
        let sentence = c.d.sentence_at(s);
        let after_trigger = text[e..floor_boundary(text, e + LOOKAHEAD)].trim_start().to_lowercase();
        let agents = match t.side {
            Side::After => c.list_after(e, sentence.end, false),
            Side::Glued => {
                c.m.within(crate::model::ByteSpan::new(sentence.start, s))
                    .rev()
                    .take_while(|m| m.span.start + MAX_NAME >= s)
                    .filter(|m| m.span.end == s && c.is_agent(m))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect()
            }
            Side::Before => {
                let next = after_trigger.split(|ch: char| !ch.is_alphanumeric() && ch != '-').next().unwrap_or("");
                if c.g.words.before_trigger_not_followed_by.has(next) {
                    continue;
                }
                let mut v = c.list_before(s, sentence.start);
                // "Europol also provided ... and coordinated ...": the sentence's subject
                // coordinates or supports; taking part needs the actor right before the
                // verb ("An INTERPOL operation rescued" is the operation rescuing)
                if v.is_empty() && t.relation != RelationKind::ParticipatedIn {
                    v.extend(c.subject(sentence.start, s));
                }
                v
            }
        };
        if agents.is_empty() {
            continue;
        }
        // "INTERPOL-coordinated operations" over a section: every operation
        let targets: Vec<_> = if t.side == Side::Glued && after_trigger.starts_with("operations") {
            c.m.ops.clone()
        } else {
            c.m.op_at(c.d, s).into_iter().collect()
        };
        // "Europol supported the Spanish National Police": the body supported acted
        if t.side == Side::Before && t.relation == RelationKind::Supported {
            for object in c.list_after(e, sentence.end, false) {
                for &op in &targets {
                    out.push(Found {
                        source: object.ent,
                        relation: RelationKind::ParticipatedIn,
                        target: op,
                        evidence: sentence,
                        count: None,
                        rule: Family::SupportedBodyActed.as_str(),
                    });
                }
            }
        }
        for a in agents {
            let kind = c.m.kind(a.ent);
            let by_trigger = match t.agents {
                Agents::Any => true,
                Agents::Agencies => kind == EntityKind::Agency,
                Agents::Countries => kind == EntityKind::Country,
            };
            // a country's officers who assisted took part: a country supports nothing (H12)
            if by_trigger && t.relation == RelationKind::Supported && kind == EntityKind::Country {
                for &op in &targets {
                    out.push(Found {
                        source: a.ent,
                        relation: RelationKind::ParticipatedIn,
                        target: op,
                        evidence: sentence,
                        count: None,
                        rule: Family::CountryAssisted.as_str(),
                    });
                }
                continue;
            }
            if !by_trigger || !t.relation.sources().contains(&kind) {
                continue;
            }
            for &op in &targets {
                out.push(Found { source: a.ent, relation: t.relation, target: op, evidence: sentence, count: None, rule: &t.id });
            }
        }
    }
    out
}

/// "an INTERPOL operation", "Europol’s action day": the agency ran it.
pub fn named_with_action<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let text = c.text();
    let mut out = Vec::new();
    for term in &c.m.op_terms {
        let s = term.span.start;
        let sentence = c.d.sentence_at(s);
        let before =
            c.m.within(crate::model::ByteSpan::new(sentence.start, s)).rev().take_while(|m| m.span.start + MAX_NAME >= s).find(|m| {
                let gap = &text[m.span.end..s];
                c.m.kind(m.ent) == EntityKind::Agency && (gap == " " || gap == "’s " || gap == "'s ")
            });
        if let Some(m) = before {
            let name = m.span.of(text);
            if !c.g.words.frameworks.has(name) && !c.g.words.frameworks.has(&c.m.ent(m.ent).name) {
                out.push(Found {
                    source: m.ent,
                    relation: RelationKind::Coordinated,
                    target: term.op,
                    evidence: sentence,
                    count: None,
                    rule: Family::AgencyNamedWithAction.as_str(),
                });
            }
        }
    }
    out
}
