//! The names pass: the bodies of authority lists, gazetteer names
//! (countries, regions, cities, known agencies) and capitalised runs that
//! name bodies, as entities with their mentions. A run wins over a
//! gazetteer name inside it, unless the run is only that name with its
//! country in front.

use super::document::DocText;
use super::entities::{Ent, EntIdx, EntKey, EntityTable};
use super::gazetteer::{Gazetteer, Hit, NameHit};
use super::lists::AuthorityLists;
use super::runs::agency_runs;
use super::words::clean_name;
use crate::model::{ByteSpan, EntityId, EntityKind};
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

/// A body named in an authority list, with the line that names it.
#[derive(Clone, Copy, Debug)]
pub struct ListMembership {
    pub ent: EntIdx,
    pub line: ByteSpan,
}

/// What the names pass found.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub table: EntityTable,
    /// Spans taken by bodies' names: later passes do not read inside them.
    pub claimed: Claimed,
    pub list_members: Vec<ListMembership>,
    /// The authority list lines, each with its heading's country.
    pub list_lines: Vec<ListHeading>,
}

/// An authority list line and the country of its heading.
#[derive(Clone, Copy, Debug)]
pub struct ListHeading {
    pub line: ByteSpan,
    pub country: usize,
}

/// Non-overlapping spans, kept sorted, so that "does this overlap a name?"
/// is a lookup rather than a scan.
#[derive(Clone, Debug, Default)]
pub struct Claimed(BTreeMap<usize, usize>);

impl Claimed {
    pub fn overlaps(&self, s: ByteSpan) -> bool {
        self.0.range(..s.end).next_back().is_some_and(|(_, &end)| end > s.start)
    }

    /// Does a claimed span start strictly inside `s` (after its start)?
    pub fn starts_inside(&self, s: ByteSpan) -> bool {
        self.0.range(s.start + 1..s.end).next().is_some()
    }

    /// Is `s` inside a claimed span other than itself?
    pub fn strictly_within(&self, s: ByteSpan) -> bool {
        self.0.range(..=s.start).next_back().is_some_and(|(&a, &b)| s.end <= b && (a, b) != (s.start, s.end))
    }

    pub fn insert(&mut self, s: ByteSpan) {
        let end = self.0.entry(s.start).or_insert(s.end);
        *end = (*end).max(s.end);
    }

    pub fn iter(&self) -> impl Iterator<Item = ByteSpan> + '_ {
        self.0.iter().map(|(&a, &b)| ByteSpan::new(a, b))
    }
}

pub fn find(g: &Gazetteer, d: &DocText, lists: &AuthorityLists) -> Names {
    let text = d.text;
    let mut n = Names::default();
    for line in &lists.lines {
        let country = n.table.country(g, line.country);
        n.table.mention(text, country, line.heading);
        n.list_lines.push(ListHeading { line: line.line, country: line.country });
        for m in &line.members {
            let ent = match m.known {
                Some(ai) => n.table.gazetteer_agency(g, ai),
                None => pattern_agency(g, &mut n.table, &m.name),
            };
            n.table.mention(text, ent, m.span);
            let name = n.table.get(ent).name.clone();
            let e = n.table.get_mut(ent);
            e.aliases.extend(m.forms.iter().filter(|f| !f.is_empty() && **f != name).cloned());
            if e.country.is_none() || m.known.is_none() {
                e.country = Some(line.country);
            }
            e.country_evidence = Some(line.line);
            n.claimed.insert(m.segment);
            n.list_members.push(ListMembership { ent, line: line.line });
            for b in &m.bracketed {
                let other = n.table.gazetteer_agency(g, b.agency);
                n.table.mention(text, other, b.span);
                let o = n.table.get_mut(other);
                if o.country.is_none() {
                    o.country = Some(line.country);
                }
                o.country_evidence = Some(line.line);
                n.list_members.push(ListMembership { ent: other, line: line.line });
            }
        }
    }
    let hits = g.find_names(text);
    for run in agency_runs(g, text) {
        if n.claimed.overlaps(run) {
            continue;
        }
        let from = hits.partition_point(|h| h.span.start < run.start);
        let inner =
            hits[from..].iter().take_while(|h| h.span.start < run.end).find(|h| matches!(h.hit, Hit::Agency(_)) && h.span.within(run));
        if let Some(NameHit { span: h, hit: Hit::Agency(ai) }) = inner {
            let rest = format!("{} {}", &text[run.start..h.start], &text[h.end..run.end]);
            if rest.split_whitespace().all(|w| g.country_of_form(w.trim_end_matches("’s")).is_some() || w == "The") {
                let ent = n.table.gazetteer_agency(g, *ai);
                n.table.mention(text, ent, run);
                place_by_name(g, d, &mut n.table, ent, run, &hits);
                n.claimed.insert(run);
                continue;
            }
        }
        let name = run.of(text);
        // a team, squad or command named through its force is the force (SCHEMA H20)
        if let Some(force) = force_of_team(g, text, &mut n.table, run) {
            n.table.mention(text, force, run);
            n.claimed.insert(run);
            continue;
        }
        let ent = match g.agency(name) {
            Some(ai) => n.table.gazetteer_agency(g, ai),
            None => pattern_agency(g, &mut n.table, name),
        };
        n.table.mention(text, ent, run);
        place_by_name(g, d, &mut n.table, ent, run, &hits);
        n.claimed.insert(run);
    }
    for h in &hits {
        let s = h.span;
        match h.hit {
            Hit::Country(ci) | Hit::Demonym(ci) => {
                // "the U.S." running into "U.S. Department of State": the country is
                // found again inside the body's name below, without the article
                if n.claimed.starts_inside(s) {
                    continue;
                }
                let ent = n.table.country(g, ci);
                n.table.mention(text, ent, s);
            }
            Hit::Region(ri) => {
                let r = &g.regions[ri];
                let id = EntityId::new(EntityKind::Region, crate::model::slug(&r.name));
                let ent = n.table.by_id(EntityKind::Region, id, || r.name.clone());
                n.table.mention(text, ent, s);
            }
            Hit::City(ci) => {
                let c = &g.cities[ci];
                let id = EntityId::new(EntityKind::City, format!("{}-{}", c.country, crate::model::slug(&c.name)));
                let ent = n.table.by_id(EntityKind::City, id, || c.name.clone());
                n.table.get_mut(ent).country = g.country_index(&c.country);
                n.table.mention(text, ent, s);
                // the city counts for its country in every relation (SCHEMA H1); the
                // country, unnamed so far, is listed only if a relation needs it
                if let Some(ci) = g.country_index(&c.country) {
                    n.table.country(g, ci);
                }
            }
            Hit::Agency(ai) => {
                if n.claimed.overlaps(s) {
                    continue;
                }
                let ent = n.table.gazetteer_agency(g, ai);
                n.table.mention(text, ent, s);
                place_by_name(g, d, &mut n.table, ent, s, &hits);
                n.claimed.insert(s);
            }
        }
    }
    merge_country_prefixed(g, &mut n.table);
    // a country inside a body's name is a mention of it ("Global Affairs Canada")
    let mut mentioned: HashSet<ByteSpan> = n.table.mentions.iter().map(|m| m.span).collect();
    let claimed: Vec<ByteSpan> = n.claimed.iter().collect();
    for s in claimed {
        for h in g.find_countries(s.of(text)) {
            let Some(ci) = h.hit.country() else { continue };
            let at = ByteSpan::new(s.start + h.span.start, s.start + h.span.end);
            if mentioned.insert(at) {
                let ent = n.table.country(g, ci);
                n.table.mention(text, ent, at);
            }
        }
    }
    n
}

/// The force a team, squad or command is named through: "the West Yorkshire
/// Police’s Modern Slavery Team" (a body's possessive right before) or
/// "Frontex HQ" (a known body followed by the team word).
fn force_of_team(g: &Gazetteer, text: &str, table: &mut EntityTable, run: ByteSpan) -> Option<EntIdx> {
    let name = run.of(text);
    let last = name.split_whitespace().next_back()?;
    if !g.words.team_heads.has(crate::extract::words::strip_possessive(last)) {
        return None;
    }
    let before = &text[..run.start];
    if let Some(owner_end) = before.strip_suffix("’s ").or_else(|| before.strip_suffix("'s ")).map(str::len) {
        let owner = table.mentions.iter().rev().find(|m| m.span.end == owner_end && table.get(m.ent).kind == EntityKind::Agency);
        if let Some(m) = owner {
            return Some(m.ent);
        }
    }
    let body = name[..name.len() - last.len()].trim_end();
    let ai = g.agency(body)?;
    Some(table.gazetteer_agency(g, ai))
}

/// A body named once with its country ("U.S. Department of Justice", a known
/// body) and once without ("the Department of Justice", found by pattern) is
/// one body in one document.
fn merge_country_prefixed(g: &Gazetteer, table: &mut EntityTable) {
    let mut known: rustc_hash::FxHashMap<String, EntIdx> = rustc_hash::FxHashMap::default();
    for (i, e) in table.ents.iter().enumerate() {
        if e.kind != EntityKind::Agency || e.id.is_none() || e.country.is_none() || e.spans.is_empty() {
            continue;
        }
        for form in std::iter::once(&e.name).chain(e.aliases.iter()) {
            if let (base, Some(_)) = name_and_country(g, form) {
                known.entry(crate::model::fold(&base)).or_insert(EntIdx(i));
            }
        }
    }
    let found: Vec<(EntIdx, EntIdx)> = table
        .ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Agency && e.id.is_none() && e.country.is_none() && !e.spans.is_empty())
        .filter_map(|(i, e)| known.get(&crate::model::fold(&e.name)).map(|&k| (EntIdx(i), k)))
        .collect();
    for (from, into) in found {
        table.absorb(from, into);
    }
}

/// A body found by pattern: a known one when its name without country,
/// with that country in front, is in the gazetteer ("National Bureau of
/// Investigation of Hungary"); else a new body keyed by its name without
/// country, so that "Hungarian X" and "X" of Hungary are one.
pub fn pattern_agency(g: &Gazetteer, table: &mut EntityTable, name: &str) -> EntIdx {
    let clean = crate::model::strip_bidi(&clean_name(name));
    if let (base, Some(ci)) = name_and_country(g, &clean) {
        if let Some(ai) = g.country_prefixes(ci).find_map(|p| g.agency(&format!("{p} {base}"))) {
            let ent = table.gazetteer_agency(g, ai);
            table.get_mut(ent).aliases.insert(clean);
            return ent;
        }
    }
    let key = EntKey::Pattern(crate::model::slug(&name_without_country(g, &clean)));
    table.entity(key, || Ent::new(EntityKind::Agency, None, clean.clone()))
}

/// A country or city named inside an agency's name places it: it gives a
/// body found by pattern its country, and ties a known national body to its
/// country in the text (SCHEMA H5: no based-in from world knowledge alone).
fn place_by_name(g: &Gazetteer, d: &DocText, table: &mut EntityTable, ent: EntIdx, run: ByteSpan, hits: &[NameHit]) {
    let e = table.get(ent);
    if e.country_evidence.is_some() {
        return;
    }
    let country = g.find_countries(run.of(d.text)).into_iter().find_map(|h| h.hit.country());
    let city = || {
        let i = hits.partition_point(|h| h.span.start < run.end);
        hits[..i].iter().rev().take_while(|h| h.span.end > run.start).collect::<Vec<_>>().into_iter().rev().find_map(|h| match h.hit {
            Hit::City(ci) => g.country_index(&g.cities[ci].country),
            _ => None,
        })
    };
    let Some(ci) = country.or_else(city) else { return };
    if e.country.is_some_and(|known| known != ci) {
        return;
    }
    let e = table.get_mut(ent);
    e.country = Some(ci);
    e.country_evidence = Some(d.sentence_at(run.start));
}

/// The name of a body without a leading country name or adjective, so that
/// "Hungarian National Bureau of Investigation" and "National Bureau of
/// Investigation" of Hungary get one id.
pub fn name_without_country(g: &Gazetteer, name: &str) -> String {
    name_and_country(g, name).0
}

/// A body's name without its country, and that country: "Hungarian X",
/// "Hungary's X", "X of Hungary" and "X in Hungary" all give ("X", Hungary).
pub fn name_and_country(g: &Gazetteer, name: &str) -> (String, Option<usize>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    for k in (1..=words.len().min(4)).rev() {
        if words.len() > k + 1 && matches!(words[words.len() - k - 1], "of" | "in") {
            let tail = words[words.len() - k..].join(" ");
            if let Some(ci) = g.country_of_form(&tail) {
                return (words[..words.len() - k - 1].join(" "), Some(ci));
            }
        }
    }
    for k in (1..=words.len().min(4)).rev() {
        if k < words.len() {
            let prefix = words[..k].join(" ");
            let prefix = prefix.trim_end_matches("’s").trim_end_matches("'s");
            if let Some(ci) = g.country_of_form(prefix) {
                return (words[k..].join(" "), Some(ci));
            }
        }
    }
    (name.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_prefixes_are_dropped_for_ids() {
        let g = Gazetteer::builtin().unwrap();
        assert_eq!(name_without_country(&g, "Hungarian National Bureau of Investigation"), "National Bureau of Investigation");
        assert_eq!(name_without_country(&g, "United Kingdom Central Authority"), "Central Authority");
        assert_eq!(name_without_country(&g, "Guardia Civil"), "Guardia Civil");
    }
}
