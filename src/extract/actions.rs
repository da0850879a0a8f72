//! Operations and organised crime groups: named operations ("Operation
//! WEKA II"), one unnamed operation per distinct action (told apart by
//! date), and the group a document is about with its back-references.

use super::{Ent, Work};
use crate::model::{EntityId, EntityKind};
use regex::Regex;
use std::sync::LazyLock;

static NAMED_OP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b[Oo]peration[ \t]+["“‘']?((?:[A-Z][\p{L}\p{N}’'\-]*)(?:[ \t]+(?:[A-Z][\p{L}\p{N}’'\-]*|[IVX]+\b|\d{1,4}\b))*)"#)
        .expect("static regex")
});
const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December";
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?({MONTHS})(?:\s+(\d{{4}}))?|\b({MONTHS})\s+(?:\d{{1,2}}(?:,\s*)?)?(\d{{4}})?)"
    ))
    .expect("static regex")
});
static NUMBER_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d+|two|three|four|five|six|seven|eight|nine|ten|several)\b").expect("static regex"));

impl Work<'_> {
    pub(super) fn find_operations(&mut self) {
        let text = self.text;
        let leading = &self.g.rules.leading_words;
        // named operations
        let mut named: Vec<(usize, usize, usize)> = Vec::new();
        for c in NAMED_OP.captures_iter(text) {
            let (Some(all), Some(name)) = (c.get(0), c.get(1)) else { continue };
            let first = name.as_str().split_whitespace().next().unwrap_or("");
            if leading.iter().any(|l| l == first) || ["Room", "Centre", "Center", "Director", "Manager"].contains(&first) {
                continue;
            }
            if self.in_agency(all.start(), all.end()) {
                continue;
            }
            let bare = name.as_str().trim_end_matches(['’', '\'']).to_string();
            let id = EntityId::new(EntityKind::Operation, crate::model::slug(&bare));
            let full = format!("Operation {bare}");
            let ent = self.entity(&id.to_string(), || Ent::new(EntityKind::Operation, Some(id.clone()), full));
            self.ents[ent].aliases.insert(bare.clone());
            self.mention(ent, all.start(), name.start() + bare.len());
            named.push((all.start(), all.end(), ent));
        }
        // bare uses of a named operation's name elsewhere ("WEKA II")
        let names: Vec<(usize, String)> =
            named.iter().map(|&(_, _, e)| e).map(|e| (e, self.ents[e].name["Operation ".len()..].to_string())).collect();
        for (ent, bare) in names {
            let mut from = 0;
            while let Some(p) = text[from..].find(&bare) {
                let (s, e) = (from + p, from + p + bare.len());
                from = e;
                if super::gazetteer::word_bounded(text, s, e) && !named.iter().any(|&(a, b, _)| s >= a && e <= b) {
                    self.mention(ent, s, e);
                    named.push((s, e, ent));
                }
            }
        }
        named.sort();
        // unnamed actions
        let mut terms = self.g.operation_terms.find_all(text);
        terms.retain(|&(_, s, e)| self.operation_term_ok(s, e) && !named.iter().any(|&(a, b, _)| s < b && a < e));
        let terms = longest_first(terms);
        let mut dated: Vec<(usize, Option<String>)> = Vec::new();
        for (s, e) in terms {
            let plural =
                text[..e].ends_with('s') && !text[..e].to_lowercase().ends_with("days") || text[..e].to_lowercase().ends_with("actions");
            let op = if !named.is_empty() {
                self.nearest_named(&named, s)
            } else {
                let date = self.date_after(e);
                let found = dated.iter().find(|(_, d)| match (d, &date) {
                    (Some(a), Some(b)) => same_date(a, b),
                    _ => true,
                });
                match found {
                    Some(&(op, _)) => {
                        if let Some(d) = date {
                            if let Some(slot) = dated.iter_mut().find(|(o, _)| *o == op) {
                                slot.1.get_or_insert(d);
                            }
                        }
                        op
                    }
                    None => {
                        // a date tells actions apart; without one, the headline does
                        let name = match &date {
                            Some(d) => format!("{} {}", text[s..e].to_lowercase(), d),
                            None => format!("{} ({})", text[s..e].to_lowercase(), self.headline()),
                        };
                        let id = EntityId::unnamed(EntityKind::Operation, self.doc, dated.len() + 1);
                        let key = id.to_string();
                        let op = self.entity(&key, || Ent::new(EntityKind::Operation, Some(id), name));
                        dated.push((op, date));
                        op
                    }
                }
            };
            // a generic term is a name of an unnamed action, not of a named operation
            self.mention_as(op, s, e, named.is_empty());
            self.op_terms.push((s, e, plural, op));
        }
        // an action first named without its date is named with the date found later
        for (op, date) in &dated {
            if let Some(d) = date {
                if !self.ents[*op].name.contains(d.as_str()) {
                    let term = self.ents[*op].name.split(" (").next().unwrap_or("").to_string();
                    self.ents[*op].name = format!("{term} {d}");
                }
            }
        }
        // arrests with no named action: the investigation that led to them is the operation
        if named.is_empty() && dated.is_empty() {
            let not_before = &self.g.rules.arrest_not_before;
            let arrests = self
                .g
                .arrest_words
                .find_all(self.text)
                .into_iter()
                .map(|(_, s, e)| (s, e))
                .filter(|&(s, e)| {
                    let next = self.text[e..].trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
                    !self.in_agency(s, e) && !not_before.contains(&next)
                })
                .min();
            if let Some((s, e)) = arrests {
                let id = EntityId::unnamed(EntityKind::Operation, self.doc, 1);
                let key = id.to_string();
                let name = format!("arrests ({})", self.headline());
                let op = self.entity(&key, || Ent::new(EntityKind::Operation, Some(id), name));
                self.mention(op, s, e);
                self.op_terms.push((s, e, false, op));
            }
        }
    }

    /// The first words of the document's first line, to name unnamed actions.
    fn headline(&self) -> String {
        let first = self.title.as_str();
        let words: Vec<&str> = first.split_whitespace().take(7).collect();
        let mut h = words.join(" ");
        if first.split_whitespace().count() > 7 {
            h.push('…');
        }
        h
    }

    fn operation_term_ok(&self, s: usize, e: usize) -> bool {
        let r = &self.g.rules;
        if self.agency_spans.iter().any(|&(a, b)| s < b && a < e) {
            return false;
        }
        let after = self.text[e..].trim_start_matches(['’', '\'']).trim_start_matches('s').trim_start().to_lowercase();
        if r.operation_not_before
            .iter()
            .any(|w| after.starts_with(&w.to_lowercase()) && after[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
        {
            return false;
        }
        let before = self.text[..s].to_lowercase();
        if r.operation_not_after.iter().any(|w| before.ends_with(&w.to_lowercase()) || before.trim_end().ends_with(&w.to_lowercase())) {
            return false;
        }
        // "Operation" capitalised mid-sentence before a capitalised word is a name, handled above
        true
    }

    fn nearest_named(&self, named: &[(usize, usize, usize)], pos: usize) -> usize {
        let (ss, se) = self.sentence_at(pos);
        let in_sentence = named.iter().filter(|&&(a, _, _)| a >= ss && a < se).min_by_key(|&&(a, _, _)| a.abs_diff(pos));
        if let Some(&(_, _, op)) = in_sentence {
            return op;
        }
        named.iter().rev().find(|&&(a, _, _)| a < pos).or(named.first()).map(|&(_, _, op)| op).unwrap_or(0)
    }

    /// The date stated right after an action term, up to the end of its clause.
    fn date_after(&self, e: usize) -> Option<String> {
        let rest = &self.text[e..];
        let stop = super::floor_boundary(rest, rest.find([',', ';', '.', '\n']).unwrap_or(rest.len()).min(60));
        let clause = &rest[..stop];
        let c = DATE.captures(clause)?;
        Some(c.get(0)?.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
    }

    pub(super) fn find_groups(&mut self) {
        let text = self.text;
        let mut terms = self.g.ocg_terms.find_all(text);
        terms.retain(|&(_, s, e)| !self.agency_spans.iter().any(|&(a, b)| s < b && a < e));
        let terms = longest_first(terms);
        let mut group: Option<usize> = None;
        for (s, e) in terms {
            let after = &text[e..];
            let plural = after.starts_with('s') && !after[1..].starts_with(|c: char| c.is_alphanumeric());
            let (ss, _) = self.sentence_at(s);
            let window = &text[super::floor_boundary(text, ss.max(s.saturating_sub(30)))..s];
            if plural && !NUMBER_WORD.is_match(window) {
                continue;
            }
            let end = if plural { e + 1 } else { e };
            let ent = match group {
                Some(g) => g,
                None => {
                    // "Romanian human trafficking network": keep the country adjective in the name
                    let mut start = s;
                    if let Some(m) = self.mentions.iter().find(|m| m.end + 1 == s && self.ents[m.ent].kind == EntityKind::Country) {
                        start = m.start;
                    }
                    // a bare "organised crime group" is told apart by the headline of its release
                    let name =
                        if start == s { format!("{} ({})", &text[start..end], self.headline()) } else { text[start..end].to_string() };
                    let id = EntityId::unnamed(EntityKind::Ocg, self.doc, 1);
                    let key = id.to_string();
                    let g = self.entity(&key, || Ent::new(EntityKind::Ocg, Some(id), name));
                    group = Some(g);
                    g
                }
            };
            self.mention(ent, s, end);
        }
        let Some(g) = group else { return };
        let first = self.ents[g].spans.iter().next().map(|&(s, _)| s).unwrap_or(0);
        for (_, s, e) in self.g.ocg_backrefs.find_all(text) {
            if s > first && !self.ents[g].spans.iter().any(|&(a, b)| s < b && a < e) {
                self.mention_as(g, s, e, true);
            }
        }
    }
}

/// Two stated dates name the same action when month and (where both give
/// one) year agree: "8-12 November 2021" and "8 to 12 November" do.
fn same_date(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let month = MONTHS.split('|').find(|m| s.contains(m)).map(str::to_string);
        let year = s.split_whitespace().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())).map(str::to_string);
        (month, year)
    };
    let (ma, ya) = key(a);
    let (mb, yb) = key(b);
    ma == mb && (ya.is_none() || yb.is_none() || ya == yb)
}

/// Of overlapping matches keep the longest (earliest on ties).
fn longest_first(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize)> {
    found.sort_by_key(|&(_, s, e)| (std::cmp::Reverse(e - s), s));
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (_, s, e) in found {
        if !kept.iter().any(|&(a, b)| s < b && a < e) {
            kept.push((s, e));
        }
    }
    kept.sort();
    kept
}
