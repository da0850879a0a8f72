//! Placing bodies from the words around them: "Germany’s Bundeskriminalamt",
//! "the Office in Austria", "the Anti-Human Trafficking Unit of the Ghana
//! Police Service", or a sentence that opens "In Austria, ...". A body found
//! by pattern gets its country this way; a known national body is tied to its
//! own country in the text (SCHEMA H5), which is what based-in needs.

use super::document::DocText;
use super::entities::Mention;
use super::gazetteer::Gazetteer;
use super::names::Names;
use crate::model::EntityKind;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static PARENT_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*\([A-Za-z0-9\.&\- ]{1,12}\))?\s*(?:of|at|within|under)\s+(?:the\s+)?$").expect("static regex"));

/// Longest gap between a unit and its parent body that [`PARENT_GAP`] can
/// match ("(AHTU) of the "), so the search for a parent stays local.
const PARENT_GAP_MAX: usize = 48;

pub fn place(g: &Gazetteer, d: &DocText, mut names: Names) -> Names {
    let text = d.text;
    let mentions: Vec<Mention> = names.table.mentions.clone();
    let is = |m: &Mention, k: EntityKind| names.table.get(m.ent).kind == k;
    // country mentions by where they end and start, in the order they were found
    let mut by_end: HashMap<usize, usize> = HashMap::default();
    let mut by_start: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, c) in mentions.iter().enumerate() {
        if is(c, EntityKind::Country) {
            by_end.entry(c.span.end).or_insert(i);
            by_start.entry(c.span.start).or_default().push(i);
        }
    }
    // agencies with a country, by where they start, for the parent-unit rule
    let mut placed: Vec<(usize, usize)> = Vec::new();
    for (i, p) in mentions.iter().enumerate() {
        if is(p, EntityKind::Agency) {
            placed.push((p.span.start, i));
        }
    }
    placed.sort();
    for m in &mentions {
        let e = names.table.get(m.ent);
        // a body already tied to its country in the text needs nothing more; a known
        // international body (no country in the gazetteer) is based nowhere (H6)
        let known = e.id.is_some();
        if e.kind != EntityKind::Agency || e.country_evidence.is_some() || (known && e.country.is_none()) || (!known && e.country.is_some())
        {
            continue;
        }
        let possessive = ["’s ", "'s "]
            .iter()
            .filter_map(|gap| m.span.start.checked_sub(gap.len()).filter(|&at| text.get(at..m.span.start) == Some(*gap)))
            .filter_map(|at| by_end.get(&at).copied())
            .min();
        let located = [" in ", " in the ", ") in "]
            .iter()
            .filter(|gap| text[m.span.end..].starts_with(**gap))
            .filter_map(|gap| by_start.get(&(m.span.end + gap.len())).and_then(|v| v.first().copied()))
            .min();
        let found = possessive.into_iter().chain(located).min().map(|i| mentions[i]);
        if found.is_none() && !known {
            let near = m.span.end + PARENT_GAP_MAX;
            let from = placed.partition_point(|&(s, _)| s <= m.span.end);
            let parent = placed[from..]
                .iter()
                .take_while(|&&(s, _)| s <= near)
                .map(|&(_, i)| mentions[i])
                .find(|p| names.table.get(p.ent).country.is_some() && PARENT_GAP.is_match(&text[m.span.end..p.span.start]));
            if let Some(p) = parent {
                let country = names.table.get(p.ent).country;
                let e = names.table.get_mut(m.ent);
                e.country = country;
                e.country_evidence = Some(d.sentence_at(m.span.start));
                continue;
            }
        }
        let found = found.or_else(|| {
            let ss = d.sentence_at(m.span.start).start;
            text[ss..m.span.start].strip_prefix("In ")?;
            by_start
                .get(&(ss + 3))?
                .iter()
                .map(|&i| mentions[i])
                .find(|c| c.span.end <= m.span.start && text[c.span.end..].starts_with(','))
        });
        if let Some(c) = found {
            let ci = g.country_of_form(c.span.of(text));
            let e = names.table.get_mut(m.ent);
            // a known national body is tied only to its own country
            if known && ci != e.country {
                continue;
            }
            e.country = ci;
            e.country_evidence = Some(d.sentence_at(m.span.start));
        }
    }
    same_sentence(g, d, &mut names);
    names
}

/// A known national body named in a sentence that also names its country
/// ("National Crime Agency officers joined an operation against boats to the
/// UK") is tied to it there, unless the country is only part of another
/// body's name.
fn same_sentence(g: &Gazetteer, d: &DocText, names: &mut Names) {
    let countries: Vec<(usize, usize)> = names
        .table
        .mentions
        .iter()
        .filter(|c| names.table.get(c.ent).kind == EntityKind::Country && !names.claimed.strictly_within(c.span))
        .filter_map(|c| g.country_of_form(c.span.of(d.text)).map(|ci| (d.sentence_at(c.span.start).start, ci)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut ties = Vec::new();
    for m in &names.table.mentions {
        let e = names.table.get(m.ent);
        if e.kind != EntityKind::Agency || e.id.is_none() || e.country_evidence.is_some() {
            continue;
        }
        let Some(ci) = e.country else { continue };
        let sentence = d.sentence_at(m.span.start);
        if countries.binary_search(&(sentence.start, ci)).is_ok() {
            ties.push((m.ent, sentence));
        }
    }
    for (ent, sentence) in ties {
        let e = names.table.get_mut(ent);
        e.country_evidence.get_or_insert(sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_gap_bound_covers_what_the_pattern_matches() {
        assert!(PARENT_GAP.is_match(" (ABCDEFGHIJKL) within the "));
        assert!(" (ABCDEFGHIJKL) within the ".len() < PARENT_GAP_MAX);
    }
}
