//! Names: gazetteer entries, capitalised phrases that end in an agency head
//! noun, `Country: body; body` authority lists, and "Long Name (ACRONYM)".

use super::gazetteer::{word_bounded, Gazetteer, Hit};
use super::{Ent, Work};
use crate::model::{EntityId, EntityKind};
use regex::Regex;
use std::sync::LazyLock;

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[’'\-\.&][\p{L}\p{N}]+)*(?:’s|'s|’|')?").expect("static regex"));
static LIST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*(?:[•\-\*–·▪●][ \t]*)?([^:\n]{2,40}?)[ \t]*:[ \t]*(\S[^\n]*)$").expect("static regex"));
static PARENT_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*\([A-Za-z0-9\.&\- ]{1,12}\))?\s*(?:of|at|within|under)\s+(?:the\s+)?$").expect("static regex"));
static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^()]{1,120})\)").expect("static regex"));
static ACRONYM_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\(([A-Z][A-Za-z0-9\.&\-]{1,11})\)").expect("static regex"));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tok {
    start: usize,
    end: usize,
}

impl Work<'_> {
    /// Gazetteer names and capitalised agency phrases.
    pub(super) fn find_names(&mut self) {
        let hits = self.g.find_names(self.text);
        let runs = self.agency_runs();
        // agencies: a capitalised phrase wins over a gazetteer name inside it,
        // unless the phrase is only that name with its country in front
        let mut taken: Vec<(usize, usize)> = self.agency_spans.clone();
        for &(s, e) in &runs {
            if taken.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            let inner = hits.iter().find(|(hs, he, h)| matches!(h, Hit::Agency(_)) && *hs >= s && *he <= e);
            if let Some((hs, he, Hit::Agency(ai))) = inner {
                let rest = format!("{} {}", &self.text[s..*hs], &self.text[*he..e]);
                if rest.split_whitespace().all(|w| self.g.country_of_form(w.trim_end_matches("’s")).is_some() || w == "The") {
                    let ent = self.gaz_agency(*ai);
                    self.mention(ent, s, e);
                    self.set_country_from_name(ent, s, e, &hits);
                    taken.push((s, e));
                    continue;
                }
            }
            let name = self.text[s..e].to_string();
            let ent = match self.g.lookup(&name) {
                Some(Hit::Agency(ai)) => self.gaz_agency(*ai),
                _ => self.pattern_agency(&name),
            };
            self.mention(ent, s, e);
            self.set_country_from_name(ent, s, e, &hits);
            taken.push((s, e));
        }
        for (s, e, hit) in hits {
            match hit {
                Hit::Country(ci) | Hit::Demonym(ci) => {
                    // "the U.S." running into "U.S. Department of State": the country is
                    // found again inside the body's name below, without the article
                    if taken.iter().any(|&(a, _)| s < a && e > a) {
                        continue;
                    }
                    let ent = self.country_ent(ci);
                    self.mention(ent, s, e);
                }
                Hit::Region(ri) => {
                    let r = &self.g.regions[ri];
                    let id = EntityId::new(EntityKind::Region, crate::model::slug(&r.name));
                    let name = r.name.clone();
                    let ent = self.entity(&id.to_string(), || Ent::new(EntityKind::Region, Some(id.clone()), name));
                    self.mention(ent, s, e);
                }
                Hit::City(ci) => {
                    let c = &self.g.cities[ci];
                    let id = EntityId::new(EntityKind::City, format!("{}-{}", c.country, crate::model::slug(&c.name)));
                    let name = c.name.clone();
                    let country = self.g.country_index(&c.country);
                    let ent = self.entity(&id.to_string(), || Ent::new(EntityKind::City, Some(id.clone()), name));
                    self.ents[ent].country = country;
                    self.mention(ent, s, e);
                }
                Hit::Agency(ai) => {
                    if taken.iter().any(|&(a, b)| s < b && a < e) {
                        continue;
                    }
                    let ent = self.gaz_agency(ai);
                    self.mention(ent, s, e);
                    taken.push((s, e));
                }
            }
        }
        // a country inside a body's name is a mention of it ("Global Affairs Canada")
        for &(s, e) in &taken {
            for (a, b, hit) in self.g.find_countries(&self.text[s..e]) {
                if let Hit::Country(ci) | Hit::Demonym(ci) = hit {
                    if !self.mentions.iter().any(|m| m.start == s + a && m.end == s + b) {
                        let ent = self.country_ent(ci);
                        self.mention(ent, s + a, s + b);
                    }
                }
            }
        }
        self.agency_spans = taken;
    }

    fn gaz_agency(&mut self, ai: usize) -> usize {
        let a = &self.g.agencies[ai];
        let id = EntityId::new(EntityKind::Agency, &a.id);
        let name = a.name.clone();
        let country = a.country.as_deref().and_then(|c| self.g.country_index(c));
        let ent = self.entity(&id.to_string(), || Ent::new(EntityKind::Agency, Some(id.clone()), name));
        if self.ents[ent].country.is_none() {
            self.ents[ent].country = country;
        }
        ent
    }

    fn pattern_agency(&mut self, name: &str) -> usize {
        let clean = clean_name(name);
        // "National Bureau of Investigation of Hungary" is the known "Hungarian National Bureau of Investigation"
        if let (base, Some(ci)) = name_and_country(self.g, &clean) {
            let c = &self.g.countries[ci];
            let known = std::iter::once(&c.name).chain(c.demonyms.iter()).chain(c.aliases.iter()).find_map(|p| {
                match self.g.lookup(&format!("{p} {base}")) {
                    Some(Hit::Agency(ai)) => Some(*ai),
                    _ => None,
                }
            });
            if let Some(ai) = known {
                let ent = self.gaz_agency(ai);
                self.ents[ent].aliases.insert(clean);
                return ent;
            }
        }
        let key = format!("agency?{}", crate::model::slug(&name_without_country(self.g, &clean)));
        self.entity(&key, || Ent::new(EntityKind::Agency, None, clean.clone()))
    }

    /// A country or city named inside an agency's name places it.
    fn set_country_from_name(&mut self, ent: usize, s: usize, e: usize, hits: &[(usize, usize, Hit)]) {
        if self.ents[ent].country.is_some() {
            return;
        }
        let country = self.g.find_countries(&self.text[s..e]).into_iter().find_map(|(_, _, h)| match h {
            Hit::Country(ci) | Hit::Demonym(ci) => Some(ci),
            _ => None,
        });
        let city = || {
            hits.iter().find_map(|(hs, he, h)| match h {
                Hit::City(ci) if *hs < e && *he > s => self.g.country_index(&self.g.cities[*ci].country),
                _ => None,
            })
        };
        if let Some(ci) = country.or_else(city) {
            self.ents[ent].country = Some(ci);
            self.ents[ent].country_evidence = Some(self.sentence_at(s));
        }
    }

    /// Capitalised runs of words ending in an agency head noun.
    fn agency_runs(&self) -> Vec<(usize, usize)> {
        let r = &self.g.rules;
        let toks: Vec<Tok> = TOKEN.find_iter(self.text).map(|m| Tok { start: m.start(), end: m.end() }).collect();
        let mut out = Vec::new();
        let mut run: Vec<Tok> = Vec::new();
        let flush = |run: &mut Vec<Tok>, out: &mut Vec<(usize, usize)>| {
            for part in split_run(self.text, run, self.g) {
                if let Some(span) = accept_run(self.text, &part, self.g) {
                    out.push(span);
                }
            }
            run.clear();
        };
        for (i, &t) in toks.iter().enumerate() {
            let word = &self.text[t.start..t.end];
            let gap_ok = run.last().is_some_and(|p| {
                let gap = &self.text[p.end..t.start];
                !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
            });
            if !run.is_empty() && !gap_ok {
                flush(&mut run, &mut out);
            }
            let cap = is_cap(word);
            let conn = r.name_connectors.iter().any(|c| c == word);
            if cap || (conn && !run.is_empty()) {
                run.push(t);
                let possessive = word.ends_with("’s") || word.ends_with("'s");
                // "Germany’s Bundeskriminalamt" ends a name; "Sheriff’s Office" does not
                let head_follows = toks
                    .get(i + 1)
                    .is_some_and(|n| self.text[t.end..n.start] == *" " && r.agency_heads.iter().any(|h| h == &self.text[n.start..n.end]));
                let possessor_is_body = r.agency_heads.iter().any(|h| h == strip_possessive(word));
                if possessive && (possessor_is_body || !head_follows) && !r.agency_heads.iter().any(|h| h == word) {
                    flush(&mut run, &mut out);
                }
            } else if !run.is_empty() {
                flush(&mut run, &mut out);
            }
        }
        flush(&mut run, &mut out);
        out
    }

    /// `Country: body; body` lines listing the authorities involved.
    pub(super) fn find_lists(&mut self) {
        let text = self.text;
        for cap in LIST_LINE.captures_iter(text) {
            let (Some(head), Some(body), Some(line)) = (cap.get(1), cap.get(2), cap.get(0)) else { continue };
            let Some(ci) = self.g.country_of_form(head.as_str()) else { continue };
            let segments = list_segments(text, body.start(), body.end(), self.g);
            if segments.is_empty() {
                continue;
            }
            let country = self.country_ent(ci);
            self.mention(country, head.start(), head.end());
            self.list_lines.push(((line.start(), line.end()), ci));
            for (s, e) in segments {
                self.list_agency(s, e, ci, (line.start(), line.end()));
            }
        }
    }

    /// One body of an authority list: its name, its parenthesised acronym or
    /// expansion as aliases, and any other known body named in brackets.
    fn list_agency(&mut self, s: usize, e: usize, ci: usize, line: (usize, usize)) {
        let seg = &self.text[s..e];
        let mut aliases = Vec::new();
        let mut extra = Vec::new();
        for m in PAREN.captures_iter(seg) {
            let Some(inner) = m.get(1) else { continue };
            let content = inner.as_str().trim();
            match self.g.lookup(content) {
                Some(Hit::Agency(ai)) if !content.chars().all(|c| c.is_uppercase()) || seg.trim_start().starts_with(content) => {
                    extra.push((*ai, s + inner.start(), s + inner.end()))
                }
                _ if content.chars().next().is_some_and(|c| c.is_uppercase()) => aliases.push(content.to_string()),
                _ => {}
            }
        }
        let before_paren = seg.split('(').next().unwrap_or(seg).trim().to_string();
        let no_paren = PAREN.replace_all(seg, "").split_whitespace().collect::<Vec<_>>().join(" ");
        let name = no_paren.split([' ']).collect::<Vec<_>>().join(" ");
        let name = cut_dash(&name);
        let name = trim_lower_tail(&name);
        if name.is_empty() {
            return;
        }
        let mut forms = vec![name.clone(), before_paren.clone(), cut_dash(&before_paren), no_paren.clone()];
        forms.extend(aliases.iter().cloned());
        // a known body, by any of its forms, or by its name with the heading's country in front
        let gaz = forms
            .iter()
            .find_map(|f| match self.g.lookup(f) {
                Some(Hit::Agency(ai)) => Some(*ai),
                _ => None,
            })
            .or_else(|| known_in_country(self.g, &name, ci));
        let ent = match gaz {
            Some(ai) => self.gaz_agency(ai),
            None => self.pattern_agency(&name),
        };
        let end = if seg.trim_end().ends_with(')') { s + seg.trim_end().len() } else { s + trim_lower_tail_len(seg) };
        self.mention(ent, s, end);
        for f in forms {
            if !f.is_empty() && f != self.ents[ent].name {
                self.ents[ent].aliases.insert(f);
            }
        }
        if self.ents[ent].country.is_none() || gaz.is_none() {
            self.ents[ent].country = Some(ci);
        }
        self.ents[ent].country_evidence = Some(line);
        self.agency_spans.push((s, e));
        self.list_members.push((ent, line));
        for (ai, a, b) in extra {
            let other = self.gaz_agency(ai);
            self.mention(other, a, b);
            if self.ents[other].country.is_none() {
                self.ents[other].country = Some(ci);
            }
            self.ents[other].country_evidence = Some(line);
            self.list_members.push((other, line));
        }
    }

    /// "Long Name (ACRONYM)": the acronym names the same body everywhere in
    /// the document, and a known acronym gives the body its known id.
    pub(super) fn find_acronyms(&mut self) {
        let agencies: Vec<(usize, usize, usize)> =
            self.mentions.iter().filter(|m| self.ents[m.ent].kind == EntityKind::Agency).map(|m| (m.ent, m.start, m.end)).collect();
        let mut defined: Vec<(usize, String)> = Vec::new();
        for (ent, _s, e) in agencies {
            let Some(c) = ACRONYM_AFTER.captures(&self.text[e..]) else { continue };
            let Some(acr) = c.get(1) else { continue };
            let word = acr.as_str();
            if word.chars().filter(|c| c.is_uppercase()).count() < 2 {
                continue;
            }
            let (a, b) = (e + acr.start(), e + acr.end());
            if let (Some(Hit::Agency(ai)), None) = (self.g.lookup(word), &self.ents[ent].id) {
                // a pattern-found body whose acronym is known: it is that body
                let known = self.gaz_agency(*ai);
                let old = std::mem::take(&mut self.ents[ent].spans);
                let name = self.ents[ent].name.clone();
                self.ents[known].aliases.insert(name);
                for (s2, e2) in old {
                    self.ents[known].spans.insert((s2, e2));
                }
                for m in self.mentions.iter_mut().filter(|m| m.ent == ent) {
                    m.ent = known;
                }
                self.mention(known, a, b);
                defined.push((known, word.to_string()));
                continue;
            }
            self.mention(ent, a, b);
            defined.push((ent, word.to_string()));
        }
        for (ent, acr) in defined {
            let mut from = 0;
            while let Some(p) = self.text[from..].find(acr.as_str()) {
                let (s, e) = (from + p, from + p + acr.len());
                from = e;
                if !word_bounded(self.text, s, e) || self.mentions.iter().any(|m| m.start <= s && m.end >= e) {
                    continue;
                }
                self.mention(ent, s, e);
            }
        }
    }

    /// Bodies without a country yet: "Germany’s Bundeskriminalamt", "the
    /// Office in Austria", or a sentence that opens "In Austria, ...".
    pub(super) fn place_agencies(&mut self) {
        let mentions = self.mentions.clone();
        for m in &mentions {
            // known bodies are placed by the gazetteer (an international one has no country)
            if self.ents[m.ent].kind != EntityKind::Agency || self.ents[m.ent].country.is_some() || self.ents[m.ent].id.is_some() {
                continue;
            }
            let before = &self.text[..m.start];
            let after = &self.text[m.end..];
            let mut found = None;
            for c in &mentions {
                if self.ents[c.ent].kind != EntityKind::Country {
                    continue;
                }
                let gap_before = before.get(c.end..).unwrap_or("x");
                if c.end <= m.start && (gap_before == "’s " || gap_before == "'s ") {
                    found = Some(c);
                    break;
                }
                if c.start >= m.end {
                    let gap = &after[..c.start - m.end];
                    if gap == " in " || gap == " in the " || gap == ") in " {
                        found = Some(c);
                        break;
                    }
                }
            }
            // "the Anti-Human Trafficking Unit (AHTU) of the Ghana Police Service": a unit of a national body
            if found.is_none() {
                let parent = mentions.iter().find(|p| {
                    p.start > m.end
                        && self.ents[p.ent].kind == EntityKind::Agency
                        && self.ents[p.ent].country.is_some()
                        && PARENT_GAP.is_match(&self.text[m.end..p.start])
                });
                if let Some(p) = parent {
                    self.ents[m.ent].country = self.ents[p.ent].country;
                    self.ents[m.ent].country_evidence = Some(self.sentence_at(m.start));
                    continue;
                }
            }
            if found.is_none() {
                let (ss, _) = self.sentence_at(m.start);
                let opening = &self.text[ss..m.start];
                if let Some(rest) = opening.strip_prefix("In ") {
                    found = mentions.iter().find(|c| {
                        self.ents[c.ent].kind == EntityKind::Country
                            && c.start == ss + 3
                            && rest.get(c.end - ss - 3..).is_some_and(|g| g.starts_with(','))
                    });
                }
            }
            if let Some(c) = found {
                let ci = self.g.country_of_form(&self.text[c.start..c.end]);
                self.ents[m.ent].country = ci;
                self.ents[m.ent].country_evidence = Some(self.sentence_at(m.start));
            }
        }
    }
}

/// A known body named without its country: "National Bureau of
/// Investigation" under a Hungary heading is the "Hungarian National Bureau
/// of Investigation" of the gazetteer.
fn known_in_country(g: &Gazetteer, base: &str, ci: usize) -> Option<usize> {
    let c = &g.countries[ci];
    std::iter::once(&c.name).chain(c.demonyms.iter()).chain(c.aliases.iter()).find_map(|p| match g.lookup(&format!("{p} {base}")) {
        Some(Hit::Agency(ai)) => Some(*ai),
        _ => None,
    })
}

fn is_cap(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => false,
        _ => false,
    }
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

/// Split a run at "and" where both sides are whole bodies ("the Public
/// Prosecutors Office and the Regional Criminal Police Office").
fn split_run(text: &str, run: &[Tok], g: &Gazetteer) -> Vec<Vec<Tok>> {
    let known = |toks: &[Tok]| match toks {
        [first, .., last] => matches!(g.lookup(&text[first.start..last.end]), Some(Hit::Agency(_))),
        [one] => matches!(g.lookup(&text[one.start..one.end]), Some(Hit::Agency(_))),
        [] => false,
    };
    let heads = &g.rules.agency_heads;
    let is_head = |t: &Tok| {
        let w = strip_possessive(&text[t.start..t.end]);
        heads.iter().any(|h| h == w) || w.len() >= 3 && w.chars().all(|c| c.is_uppercase()) && w.len() <= 6 && heads.iter().any(|h| h == w)
    };
    let mut parts = Vec::new();
    let mut cur: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let t = run[i];
        let w = &text[t.start..t.end];
        // "X Office and Y Police", "X Bureau of Investigation and the Y Office",
        // "Global Affairs Canada and the Z Bureau": two bodies; "Olt and Gorj" stays one
        let next_is_the = run.get(i + 1).is_some_and(|t| &text[t.start..t.end] == "the" || &text[t.start..t.end] == "The");
        let left_whole = cur.last().is_some_and(is_head) || known(&cur) || (next_is_the && cur.iter().any(is_head));
        if w == "and" && left_whole && run[i + 1..].iter().any(is_head) {
            parts.push(std::mem::take(&mut cur));
            i += 1;
            continue;
        }
        cur.push(t);
        i += 1;
    }
    parts.push(cur);
    parts
}

/// The span of a run that names a body, if it does.
fn accept_run(text: &str, run: &[Tok], g: &Gazetteer) -> Option<(usize, usize)> {
    let r = &g.rules;
    let word = |t: &Tok| &text[t.start..t.end];
    let mut a = 0;
    let mut b = run.len();
    while a < b && (r.leading_words.iter().any(|l| l == word(&run[a])) || !is_cap(word(&run[a]))) {
        a += 1;
    }
    while b > a && !is_cap(word(&run[b - 1])) {
        b -= 1;
    }
    if a >= b {
        return None;
    }
    // "the United Kingdom of the West Yorkshire Police": a country in front, joined by
    // "of the", is where the body is, not part of its name
    for k in (1..=3).rev() {
        if b - a > k + 1 && g.country_of_form(&text[run[a].start..run[a + k - 1].end]).is_some() && matches!(word(&run[a + k]), "of" | "in")
        {
            a += k;
            while a < b && !is_cap(word(&run[a])) {
                a += 1;
            }
            break;
        }
    }
    // "Officers of the Hungarian National Bureau": the body starts after "of the"
    while b - a >= 3 && r.generic_openers.iter().any(|g| g == word(&run[a])) && matches!(word(&run[a + 1]), "of" | "from") {
        a += 2;
        while a < b && !is_cap(word(&run[a])) {
            a += 1;
        }
    }
    // "Assistant Attorney General Jane Doe of the Justice Department", "Agents of the
    // Policía Nacional": a title or person before "of" whose part has no head noun
    let head_at = |i: usize| r.agency_heads.iter().any(|h| h == strip_possessive(word(&run[i])));
    if let Some(first_head) = (a..b).find(|&i| head_at(i)) {
        if let Some(of) = (a..first_head).rev().find(|&i| matches!(word(&run[i]), "of" | "at" | "from")) {
            let plain = |i: usize| is_cap(word(&run[i])) && !head_at(i);
            if of > a && (a..of).all(plain) {
                a = of + 1;
                while a < b && !is_cap(word(&run[a])) {
                    a += 1;
                }
            }
        }
    }
    let toks = &run[a..b];
    if toks.len() >= 2 && r.generic_openers.iter().any(|g| g == word(&toks[0])) && matches!(word(&toks[1]), "in" | "from") {
        return None;
    }
    // "... Office in Austria": the country places the body, it is not part of its name
    let mut toks = toks.to_vec();
    if toks.len() >= 3 {
        let n = toks.len();
        if word(&toks[n - 2]) == "in" && g.country_of_form(word(&toks[n - 1])).is_some() {
            toks.truncate(n - 2);
        }
    }
    // "the Finnish Border Guard and Finnish police": a country adjective after "and" starts another phrase
    if let Some(last_head) = toks.iter().rposition(|t| r.agency_heads.iter().any(|h| h == strip_possessive(word(t)))) {
        if toks.len() > last_head + 2 && word(&toks[last_head + 1]) == "and" {
            let tail = &text[toks[last_head + 2].start..toks[toks.len() - 1].end];
            if g.country_of_form(tail).is_some() {
                toks.truncate(last_head + 1);
            }
        }
    }
    let has_head = toks.iter().any(|t| r.agency_heads.iter().any(|h| h == strip_possessive(word(t))));
    if !has_head {
        return None;
    }
    let (s0, e0) = (toks[0].start, toks[toks.len() - 1].end);
    let phrase = strip_possessive(&text[s0..e0]);
    if g.ocg_terms.any_in(phrase) || r.not_agencies.iter().any(|n| phrase.ends_with(n.as_str())) {
        return None;
    }
    let last = strip_possessive(word(toks.last()?));
    if r.agency_stop_tails.iter().any(|s| s == last) {
        return None;
    }
    if toks.len() == 1 && r.generic_names.iter().any(|s| s == last) {
        return None;
    }
    // a head noun alone with a country ("Spanish Police" is a body, "Police" is not)
    let (s, e) = (toks[0].start, toks[toks.len() - 1].end);
    let name = strip_possessive(&text[s..e]);
    if g.country_of_form(name).is_some() {
        return None;
    }
    Some((s, s + name.len()))
}

/// The name of a body without a leading country name or adjective, so that
/// "Hungarian National Bureau of Investigation" and "National Bureau of
/// Investigation" of Hungary get one id.
pub(super) fn name_without_country(g: &Gazetteer, name: &str) -> String {
    name_and_country(g, name).0
}

/// A body's name without its country, and that country: "Hungarian X",
/// "Hungary's X", "X of Hungary" and "X in Hungary" all give ("X", Hungary).
pub(super) fn name_and_country(g: &Gazetteer, name: &str) -> (String, Option<usize>) {
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

fn clean_name(name: &str) -> String {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':']);
    let n = n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n);
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Gendarmerie Nationale – Cybercrime unit" names the Gendarmerie.
fn cut_dash(s: &str) -> String {
    for d in [" – ", " — ", " - "] {
        if let Some(p) = s.find(d) {
            return s[..p].trim().to_string();
        }
    }
    s.trim().to_string()
}

/// Drop a lower-case tail ("at judicial level") and trailing punctuation.
fn trim_lower_tail(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ',', ';']);
    s[..trim_lower_tail_len(s)].trim().to_string()
}

fn trim_lower_tail_len(s: &str) -> usize {
    let mut end = 0;
    for m in TOKEN.find_iter(s) {
        if is_cap(m.as_str()) || m.as_str().chars().any(|c| c.is_ascii_digit()) {
            end = m.end();
        }
    }
    // keep a closing bracket or quote that ends the name
    let rest = &s[end..];
    for c in rest.chars() {
        if c == ')' || c == '”' || c == '"' {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Split a list body into its bodies: at semicolons always; at commas and
/// "and" where what follows starts a new capitalised name with a head noun
/// (or an acronym), not a place ("Olt and Gorj").
fn list_segments(text: &str, start: usize, end: usize, g: &Gazetteer) -> Vec<(usize, usize)> {
    let body = &text[start..end];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0i32;
    let mut seg_start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < body.len() {
        if !body.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let c = bytes[i];
        match c {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            let rest = &body[i..];
            let sep = if c == b';' {
                Some(1)
            } else if rest.starts_with(", at the ") {
                Some(9)
            } else if rest.starts_with(", ") && starts_new_body(&body[i + 2..], g) {
                Some(2)
            } else if rest.starts_with(" and ")
                && !body[seg_start..i].contains(" – ")
                && !body[seg_start..i].contains(" - ")
                && starts_new_body(&body[i + 5..], g)
                && has_head_or_acronym(&body[seg_start..i], g)
            {
                Some(5)
            } else {
                None
            };
            if let Some(n) = sep {
                cuts.push((seg_start, i));
                seg_start = i + n;
                i += n;
                continue;
            }
        }
        i += 1;
    }
    cuts.push((seg_start, body.len()));
    let mut out = Vec::new();
    for (a, b) in cuts {
        let seg = &body[a..b];
        let lead = seg.len() - seg.trim_start().len();
        let seg_t = seg.trim();
        let seg_t = seg_t.trim_end_matches(['.', ';', ',']);
        if seg_t.is_empty() || !looks_like_name(seg_t, g) {
            continue;
        }
        out.push((start + a + lead, start + a + lead + seg_t.len()));
    }
    // a list line is a list of names: prose after a country and colon is not
    if out.is_empty() {
        return out;
    }
    out
}

fn starts_new_body(rest: &str, g: &Gazetteer) -> bool {
    let first = TOKEN.find(rest).map(|m| m.as_str()).unwrap_or("");
    if !is_cap(first) || rest.starts_with(|c: char| c.is_whitespace()) {
        return false;
    }
    // up to the next separator, without bracketed expansions or a dash tail
    let upto = rest.find([',', ';', '(']).unwrap_or(rest.len());
    let upto = rest[..upto].find(" and ").map(|p| p.min(upto)).unwrap_or(upto);
    let upto = rest[..upto].find(" – ").map(|p| p.min(upto)).unwrap_or(upto);
    has_head_or_acronym(&rest[..upto], g)
}

fn has_head_or_acronym(s: &str, g: &Gazetteer) -> bool {
    TOKEN.find_iter(s).any(|m| {
        let w = strip_possessive(m.as_str());
        g.rules.agency_heads.iter().any(|h| h == w) || (w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
    }) || matches!(g.lookup(s.trim()), Some(Hit::Agency(_)))
}

/// Mostly capitalised words: a name, not a sentence.
fn looks_like_name(seg: &str, g: &Gazetteer) -> bool {
    let full: String = PAREN.replace_all(seg, "").into_owned();
    let outside = trim_lower_tail(&full);
    // a short lower-case tail ("at police level") is fine; a sentence is not
    if TOKEN.find_iter(&full).count() > TOKEN.find_iter(&outside).count() + 4 {
        return false;
    }
    let words: Vec<&str> = TOKEN.find_iter(&outside).map(|m| m.as_str()).collect();
    if words.is_empty() || words.len() > 20 || !is_cap(words[0]) {
        return false;
    }
    let content: Vec<&&str> = words.iter().filter(|w| !g.rules.name_connectors.iter().any(|c| c == **w)).collect();
    let caps = content.iter().filter(|w| is_cap(w)).count();
    caps * 2 >= content.len()
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

    #[test]
    fn list_bodies_split_at_semicolons_commas_and_and() {
        let g = Gazetteer::builtin().unwrap();
        let body =
            "Sofia City PPO and General Police Directorate Combating Organised Crime; Service for Combating Organized Crime Olt and Gorj";
        let segs: Vec<&str> = list_segments(body, 0, body.len(), &g).into_iter().map(|(s, e)| &body[s..e]).collect();
        assert_eq!(
            segs,
            [
                "Sofia City PPO",
                "General Police Directorate Combating Organised Crime",
                "Service for Combating Organized Crime Olt and Gorj"
            ]
        );
        let prose = "Human trafficking constitutes a modern form of slavery, denying people their rights.";
        assert!(list_segments(prose, 0, prose.len(), &g).is_empty());
    }
}
