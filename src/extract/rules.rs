//! Relations from trigger phrases. Each rule family reads one shape of
//! sentence:
//!
//! - agent triggers: "coordinated by Europol and Frontex", "Europol deployed";
//! - place triggers: "recruited in Romania", "six in Belgium and two in Hungary";
//! - noun triggers: "Romanian citizens", "the French authorities";
//! - authority lists: every body listed took part and is based in its country;
//! - "INTERPOL operation": the agency named with the action ran it;
//! - the operation targeted the group the document is about.

use super::gazetteer::Agents;
use super::{Mention, Work};
use crate::model::{EntityKind, RelationKind};
use regex::Regex;
use std::sync::LazyLock;

static COUNT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)\s+(?:\w+\s+)?$",
    )
    .expect("static regex")
});

static LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\s*(?:one\s+of\s+)?(?:the\s+)?(?:following\s+)?(?:\w+\s+)?(?:countries|states|nations)\s*(?::|,|—|–|-)?\s*(?:the\s+)?|\s*(?::|were|are|included|include|comprised)\s*:?\s*(?:the\s+)?)$",
    )
    .expect("static regex")
});

static PEOPLE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:the\s+)?(?:[a-z\-]+\s+){0,2}(?:officers|agents|officials|investigators|experts|analysts|staff|personnel|members|teams?|specialists|prosecutors|inspectors)\s+(?:from|of|at)\s+(?:the\s+)?$")
        .expect("static regex")
});

const LIST_WORDS: &[&str] = &["and", "or", "as", "well", "including", "such", "the", "both", "also", "plus", "&"];
const SUBJECT_GAP_WORDS: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "successfully",
    "jointly",
    "actively",
    "then",
    "further",
    "subsequently",
    "swiftly",
    "which",
    "who",
    "that",
    "greatly",
    "closely",
    "was",
    "were",
    "is",
    "are",
    "been",
    "not",
    "only",
    "itself",
    "all",
];
const PREPOSITIONS: &[&str] = &["with", "of", "in", "by", "from", "to", "for", "at", "on", "between", "and", "via", "across", "into"];

impl Work<'_> {
    pub(super) fn find_relations(&mut self) {
        if self.ents.iter().all(|e| e.kind != EntityKind::Operation && e.kind != EntityKind::Ocg) {
            return;
        }
        self.agent_rules();
        self.agency_named_with_action();
        self.place_rules();
        self.noun_rules();
        self.list_rules();
        self.opening_place_rule();
        self.exploitation_is_activity();
        self.target_rule();
    }

    /// "In Spain, the Guardia Civil arrested 12 people": a sentence that opens on a
    /// place tells where its action happened.
    fn opening_place_rule(&mut self) {
        for (ss, se) in self.sentences.clone() {
            let sentence = &self.text[ss..se];
            let Some(rest) = sentence.strip_prefix("In ") else { continue };
            let Some(comma) = rest.find(',') else { continue };
            let places: Vec<usize> =
                self.list_after(ss + 2, ss + 3 + comma, true).into_iter().filter_map(|m| self.country_of_mention(&m)).collect();
            if places.is_empty()
                || !self.text[ss + 3..ss + 3 + comma]
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || LIST_WORDS.contains(&w))
            {
                continue;
            }
            let clause = &sentence[3 + comma..];
            let arrests = self.g.arrest_words.any_in(clause)
                && !self.g.rules.arrest_not_before.iter().any(|w| clause.to_lowercase().contains(w.as_str()));
            let lower = clause.to_lowercase();
            let acted = arrests
                || ["searched", "raided", "seized", "rescued", "checked", "detained", "carried out", "dismantled"]
                    .iter()
                    .any(|w| lower.contains(w));
            let Some(op) = self.op_at(ss) else { continue };
            for c in places {
                if arrests {
                    self.relate(op, RelationKind::ArrestedIn, c, (ss, se), None);
                }
                if acted {
                    self.relate(c, RelationKind::ParticipatedIn, op, (ss, se), None);
                }
            }
        }
    }

    fn ops(&self) -> Vec<usize> {
        let mut ops: Vec<usize> =
            (0..self.ents.len()).filter(|&i| self.ents[i].kind == EntityKind::Operation && !self.ents[i].spans.is_empty()).collect();
        ops.sort_by_key(|&i| self.ents[i].spans.iter().next().copied());
        ops
    }

    /// The operation a sentence at `pos` is about: one named in the sentence,
    /// else the last one named before, else the first.
    fn op_at(&self, pos: usize) -> Option<usize> {
        let (ss, se) = self.sentence_at(pos);
        let ops = self.ops();
        let in_sentence = self
            .mentions
            .iter()
            .filter(|m| m.start >= ss && m.end <= se && ops.contains(&m.ent))
            .min_by_key(|m| (m.start.abs_diff(pos), m.start));
        if let Some(m) = in_sentence {
            return Some(m.ent);
        }
        let before = self.mentions.iter().filter(|m| m.end <= ss && ops.contains(&m.ent)).max_by_key(|m| m.start);
        before.map(|m| m.ent).or_else(|| self.main_op())
    }

    /// The operation the document is mostly about.
    fn main_op(&self) -> Option<usize> {
        self.ops().into_iter().max_by_key(|&i| (self.ents[i].spans.len(), std::cmp::Reverse(self.ents[i].spans.iter().next().copied())))
    }

    fn group(&self) -> Option<usize> {
        (0..self.ents.len())
            .filter(|&i| self.ents[i].kind == EntityKind::Ocg && !self.ents[i].spans.is_empty())
            .min_by_key(|&i| self.ents[i].spans.iter().next().copied())
    }

    fn is_agent(&self, m: &Mention) -> bool {
        matches!(self.ents[m.ent].kind, EntityKind::Agency | EntityKind::Country)
    }

    fn possessive(&self, m: &Mention) -> bool {
        let after = &self.text[m.end..];
        after.starts_with("’s") || after.starts_with("'s")
    }

    /// Are these the words between two items of one list?
    fn list_gap(&self, gap: &str, extra: &[&str]) -> bool {
        let user = &self.g.rules.list_gap_words;
        gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '’' | '\''))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .all(|w| {
                w == "s"
                    || LIST_WORDS.contains(&w.as_str())
                    || extra.contains(&w.as_str())
                    || user.iter().any(|u| u.eq_ignore_ascii_case(&w))
            })
            && gap.len() <= 90
            && !gap.contains(['.', ';', ':'])
    }

    /// Agencies and countries listed right after `pos` ("by Europol, Frontex and Austria").
    fn list_after(&self, pos: usize, limit: usize, places: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut cursor = pos;
        for m in self.mentions_in(pos, limit) {
            if m.start < cursor {
                continue;
            }
            let gap = &self.text[cursor..m.start];
            // "from one of five countries: Benin, ...", "assisted by officers from the
            // Houston Police Department": words that introduce the list
            if out.is_empty() && cursor == pos && (LIST_INTRO.is_match(gap) || PEOPLE_OF.is_match(gap)) {
                cursor = m.start;
            }
            let gap = &self.text[cursor..m.start];
            if !self.list_gap(
                gap,
                &[
                    "its",
                    "their",
                    "charity",
                    "organisation",
                    "organisations",
                    "organizations",
                    "projects",
                    "partners",
                    "other",
                    "specialised",
                    "specialized",
                    "international",
                    "national",
                    "non-governmental",
                ],
            ) {
                break;
            }
            if self.in_agency(m.start, m.end) {
                continue;
            }
            // "coordinated by Eurojust, and Europol supported ...": a new clause, not the list
            if !out.is_empty() && self.starts_clause(m.end) {
                break;
            }
            cursor = m.end;
            let kind = self.ents[m.ent].kind;
            // "Germany’s BKA" names the BKA as the agent; "in Ghana’s Volta region" is still Ghana
            if self.possessive(&m) && !places {
                continue;
            }
            match kind {
                EntityKind::Region => {}
                EntityKind::City if places => out.push(m),
                EntityKind::City => {}
                _ if self.is_agent(&m) => out.push(m),
                _ => {}
            }
        }
        out
    }

    /// Does a verb follow the mention at `end`, making it the subject of a new clause?
    fn starts_clause(&self, end: usize) -> bool {
        let next = self.text[end..].trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
        const VERBS: &[&str] = &["was", "were", "is", "are", "has", "have", "had", "also", "said", "will", "would", "then"];
        VERBS.contains(&next.as_str()) || self.g.rules.agent_triggers.iter().any(|t| t.agent == "before" && t.phrase == next)
    }

    /// Agencies and countries listed right before `pos` ("Europol and Frontex coordinated").
    fn list_before(&self, pos: usize, start: usize) -> Vec<Mention> {
        let found = self.walk_back(pos, start, |gap| self.list_gap(gap, SUBJECT_GAP_WORDS));
        // "The Hellenic Police, in cooperation with Europol and Frontex, dismantled": a
        // group that follows "with" or "by" is an object, not who acted; "led by Austria,
        // Frontex spearheaded" keeps Frontex, after the comma ("officers from Austria
        // took part" is still Austria acting)
        let object = |m: &Mention| {
            let prev = self.text[start..m.start].split_whitespace().next_back().unwrap_or("").to_lowercase();
            matches!(prev.as_str(), "with" | "by" | "to" | "via" | "for" | "against")
        };
        let mut keep = found.len();
        if let Some(i) = found.iter().rposition(object) {
            keep = i;
            while keep > 0 && !self.text[found[keep].end..found[keep - 1].start].contains(',') {
                keep -= 1;
            }
        }
        found.into_iter().take(keep).filter(|m| !self.possessive(m)).collect()
    }

    /// Mentions of agents listed right before `pos`, walking back from it: the
    /// first gap must satisfy `first_gap`, later ones must be list separators.
    fn walk_back(&self, pos: usize, start: usize, first_gap: impl Fn(&str) -> bool) -> Vec<Mention> {
        let ms: Vec<Mention> =
            self.mentions_in(start, pos).into_iter().filter(|m| self.is_agent(m) && !self.in_agency(m.start, m.end)).collect();
        let mut out: Vec<Mention> = Vec::new();
        let mut cursor = pos;
        for m in ms.iter().rev() {
            if m.end > cursor {
                continue;
            }
            let gap = &self.text[m.end..cursor];
            let ok = if out.is_empty() { first_gap(gap) } else { self.list_gap(gap, &[]) };
            if !ok {
                break;
            }
            cursor = m.start;
            out.push(*m);
        }
        out
    }

    /// The subject of a sentence: its first agency or country, when that is
    /// where the sentence starts rather than an object of a preposition.
    fn subject(&self, ss: usize, pos: usize) -> Option<Mention> {
        let m = self.mentions_in(ss, pos).into_iter().find(|m| self.is_agent(m) && !self.in_agency(m.start, m.end))?;
        let lead = &self.text[ss..m.start];
        let prev = lead.split_whitespace().last().unwrap_or("");
        if m.start - ss > 40 || PREPOSITIONS.contains(&prev.to_lowercase().as_str()) || self.possessive(&m) {
            return None;
        }
        Some(m)
    }

    fn allowed(&self, rel: RelationKind, kind: EntityKind, agents: Agents) -> bool {
        let by_trigger = match agents {
            Agents::Any => true,
            Agents::Agencies => kind == EntityKind::Agency,
            Agents::Countries => kind == EntityKind::Country,
        };
        let by_schema = match rel {
            RelationKind::Supported => kind == EntityKind::Agency,
            _ => matches!(kind, EntityKind::Agency | EntityKind::Country),
        };
        by_trigger && by_schema
    }

    fn agent_rules(&mut self) {
        let triggers = self.g.rules.agent_triggers.clone();
        let not_followed = self.g.rules.before_trigger_not_followed_by.clone();
        for (ti, s, e) in self.g.agent_triggers.find_all(self.text) {
            let t = &triggers[ti];
            let Ok(rel) = t.relation.parse::<RelationKind>() else { continue };
            let (ss, se) = self.sentence_at(s);
            let after_trigger = self.text[e..].trim_start().to_lowercase();
            let agents = if t.agent == "after" {
                self.list_after(e, se, false)
            } else {
                let next = after_trigger.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
                if !t.phrase.starts_with('-') && not_followed.iter().any(|w| w == next) {
                    continue;
                }
                if t.phrase.starts_with('-') {
                    // "INTERPOL-led": the agent is glued to the trigger
                    self.mentions_in(ss, s).into_iter().filter(|m| m.end == s && self.is_agent(m)).collect()
                } else {
                    let mut v = self.list_before(s, ss);
                    // "Europol also provided ... and coordinated ...": the sentence's subject
                    // coordinates or supports; taking part needs the actor right before the
                    // verb ("An INTERPOL operation rescued" is the operation rescuing)
                    if v.is_empty() && rel != RelationKind::ParticipatedIn {
                        v.extend(self.subject(ss, s));
                    }
                    v
                }
            };
            if agents.is_empty() {
                continue;
            }
            // "INTERPOL-coordinated operations" over a section: every operation
            let targets: Vec<usize> = if t.phrase.starts_with('-') && after_trigger.starts_with("operations") {
                self.ops()
            } else {
                self.op_at(s).into_iter().collect()
            };
            for a in agents {
                let kind = self.ents[a.ent].kind;
                if !self.allowed(rel, kind, t.agents) {
                    continue;
                }
                for &op in &targets {
                    self.relate(a.ent, rel, op, (ss, se), None);
                    if rel == RelationKind::Coordinated && kind == EntityKind::Country {
                        self.relate(a.ent, RelationKind::ParticipatedIn, op, (ss, se), None);
                    }
                }
            }
        }
    }

    /// "an INTERPOL operation", "Europol’s action day": the agency ran it.
    fn agency_named_with_action(&mut self) {
        let terms = self.op_terms.clone();
        for (s, _e, _, op) in terms {
            let (ss, se) = self.sentence_at(s);
            let before = self.mentions_in(ss, s).into_iter().rev().find(|m| {
                let gap = &self.text[m.end..s];
                self.ents[m.ent].kind == EntityKind::Agency && (gap == " " || gap == "’s " || gap == "'s ")
            });
            if let Some(m) = before {
                let name = &self.text[m.start..m.end];
                if !self.g.rules.frameworks.iter().any(|f| f == name || *f == self.ents[m.ent].name) {
                    self.relate(m.ent, RelationKind::Coordinated, op, (ss, se), None);
                }
            }
        }
    }

    fn context_before(&self, ctx: &[String], ss: usize, s: usize) -> bool {
        if ctx.is_empty() {
            return true;
        }
        let from = super::floor_boundary(self.text, ss.max(s.saturating_sub(80)));
        let window = self.text[from..s].to_lowercase();
        // a new clause ("..., and the arrest of 27 people in X") starts a new context
        let window =
            [", and ", "; ", ", while ", ", but ", ", whereas "].iter().fold(window.as_str(), |w, b| w.rsplit(b).next().unwrap_or(w));
        ctx.iter().any(|c| window.contains(&c.to_lowercase()))
    }

    fn smuggling_only(&self) -> bool {
        let lower = self.text.to_lowercase();
        !lower.contains("traffick") && self.g.rules.smuggling_words.iter().any(|w| lower.contains(&w.to_lowercase()))
    }

    fn place_rules(&mut self) {
        let triggers = self.g.rules.place_triggers.clone();
        let smuggling = self.smuggling_only();
        let group = self.group();
        for (ti, s, e) in self.g.place_triggers.find_all(self.text) {
            let t = &triggers[ti];
            let Ok(rel) = t.relation.parse::<RelationKind>() else { continue };
            let (ss, se) = self.sentence_at(s);
            if !self.context_before(&t.context, ss, s) {
                continue;
            }
            let places: Vec<usize> = self.list_after(e, se, true).into_iter().filter_map(|m| self.country_of_mention(&m)).collect();
            if places.is_empty() {
                continue;
            }
            let count = if rel == RelationKind::ArrestedIn {
                COUNT_BEFORE.captures(&self.text[ss..s]).filter(|c| !is_day_of_month(&self.text[ss..s], c)).and_then(|c| parse_count(&c[1]))
            } else {
                None
            };
            for c in places.iter().copied() {
                match rel {
                    RelationKind::ParticipatedIn => {
                        if let Some(op) = self.op_at(s) {
                            self.relate(c, rel, op, (ss, se), None);
                        }
                    }
                    RelationKind::ArrestedIn => {
                        if let Some(op) = self.op_at(s) {
                            self.relate(op, rel, c, (ss, se), if places.len() == 1 { count } else { None });
                        }
                    }
                    RelationKind::VictimsFrom | RelationKind::ExploitedIn => {
                        if smuggling {
                            continue;
                        }
                        if let Some(src) = group.or_else(|| self.op_at(s)) {
                            self.relate(src, rel, c, (ss, se), None);
                        }
                    }
                    RelationKind::ActiveIn => {
                        if let Some(g) = group {
                            self.relate(g, rel, c, (ss, se), None);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The country a country or city mention stands for.
    fn country_of_mention(&mut self, m: &Mention) -> Option<usize> {
        match self.ents[m.ent].kind {
            EntityKind::Country => Some(m.ent),
            EntityKind::City => {
                let ci = self.ents[m.ent].country?;
                let key = crate::model::EntityId::new(EntityKind::Country, &self.g.countries[ci].code);
                self.keys.get(&key.to_string()).copied()
            }
            _ => None,
        }
    }

    fn noun_rules(&mut self) {
        let triggers = self.g.rules.noun_triggers.clone();
        let group = self.group();
        let smuggling = self.smuggling_only();
        let mut found: Vec<(Option<usize>, usize, usize)> =
            self.g.noun_triggers.find_all(self.text).into_iter().map(|(t, s, e)| (Some(t), s, e)).collect();
        found.extend(self.g.authority_nouns.find_all(self.text).into_iter().map(|(_, s, e)| (None, s, e)));
        for (ti, s, e) in found {
            if self.text[s..e].starts_with(|c: char| c.is_uppercase()) && self.in_agency(s, e) {
                continue;
            }
            let (ss, se) = self.sentence_at(s);
            let rel = match ti {
                Some(ti) => {
                    let t = &triggers[ti];
                    let sentence = self.text[ss..se].to_lowercase();
                    if !t.context.is_empty() && !t.context.iter().any(|c| sentence.contains(&c.to_lowercase())) {
                        continue;
                    }
                    match t.relation.parse::<RelationKind>() {
                        Ok(r) => r,
                        Err(_) => continue,
                    }
                }
                None => RelationKind::ParticipatedIn,
            };
            let countries: Vec<Mention> = self
                .list_before_tight(s, ss)
                .into_iter()
                .filter(|m| self.ents[m.ent].kind == EntityKind::Country && !self.in_agency(m.start, m.end))
                .collect();
            let _ = e;
            for m in countries {
                match rel {
                    RelationKind::ParticipatedIn => {
                        if let Some(op) = self.op_at(s) {
                            self.relate(m.ent, rel, op, (ss, se), None);
                        }
                    }
                    RelationKind::ArrestedIn => {
                        if let Some(op) = self.op_at(s) {
                            self.relate(op, rel, m.ent, (ss, se), None);
                        }
                    }
                    RelationKind::VictimsFrom | RelationKind::ExploitedIn if !smuggling => {
                        if let Some(src) = group.or_else(|| self.op_at(s)) {
                            self.relate(src, rel, m.ent, (ss, se), None);
                        }
                    }
                    RelationKind::ActiveIn => {
                        if let Some(g) = group {
                            self.relate(g, rel, m.ent, (ss, se), None);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Countries right before a noun, allowing a list and one adjective
    /// between ("Portuguese and Romanian judicial authorities", "young Nigerian women").
    fn list_before_tight(&self, pos: usize, start: usize) -> Vec<Mention> {
        self.walk_back(pos, start, |gap| {
            let g = gap.trim();
            g.is_empty()
                || (gap.split_whitespace().count() == 1 && g.chars().all(|c| c.is_lowercase()) && g.len() > 2 && !LIST_WORDS.contains(&g))
        })
    }

    fn list_rules(&mut self) {
        let Some(op) = self.main_op() else { return };
        for (ent, line) in self.list_members.clone() {
            self.relate(ent, RelationKind::ParticipatedIn, op, line, None);
        }
        for (line, ci) in self.list_lines.clone() {
            let c = self.country_ent(ci);
            self.relate(c, RelationKind::ParticipatedIn, op, line, None);
        }
    }

    /// A group that exploited its victims in a country operated there.
    fn exploitation_is_activity(&mut self) {
        let found: Vec<(usize, usize, (usize, usize))> = self
            .rels
            .iter()
            .filter(|((src, r, _), _)| *r == RelationKind::ExploitedIn && self.ents[*src].kind == EntityKind::Ocg)
            .filter_map(|((g, _, c), acc)| acc.evidence.iter().next().map(|ev| (*g, *c, *ev)))
            .collect();
        for (g, c, ev) in found {
            self.relate(g, RelationKind::ActiveIn, c, ev, None);
        }
    }

    fn target_rule(&mut self) {
        let (Some(op), Some(g)) = (self.main_op(), self.group()) else { return };
        let both = self.sentences.iter().copied().find(|&(ss, se)| {
            let ms = self.mentions_in(ss, se);
            ms.iter().any(|m| m.ent == op) && ms.iter().any(|m| m.ent == g)
        });
        let first = self.ents[g].spans.iter().next().map(|&(s, _)| self.sentence_at(s));
        if let Some(ev) = both.or(first) {
            self.relate(op, RelationKind::Targeted, g, ev, None);
        }
    }
}

/// "arrested on Feb. 6 in Houston": the 6 is a date, not a count.
fn is_day_of_month(before: &str, c: &regex::Captures) -> bool {
    let Some(m) = c.get(1) else { return false };
    let prev = before[..m.start()].split_whitespace().next_back().unwrap_or("").trim_end_matches('.').to_lowercase();
    const MONTHS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "on",
    ];
    MONTHS.contains(&prev.as_str())
}

fn parse_count(s: &str) -> Option<u32> {
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen",
    ];
    let l = s.to_lowercase();
    if let Some(i) = words.iter().position(|w| *w == l) {
        return Some(i as u32);
    }
    if l == "twenty" {
        return Some(20);
    }
    l.replace(',', "").parse().ok()
}
