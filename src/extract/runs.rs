//! Capitalised runs: phrases of capitalised words (with "of", "for" and
//! the like between them) that end in an agency head noun name a body:
//! "Hungarian National Bureau of Investigation", "Porto Public Security
//! Police". The grammar of a run is code; its words are `data/words.ron`.

use super::gazetteer::{Gazetteer, Hit};
use super::words::{is_cap, strip_possessive, tokens};
use crate::model::ByteSpan;

/// Spans of the capitalised runs of `text` that name bodies.
pub fn agency_runs(g: &Gazetteer, text: &str) -> Vec<ByteSpan> {
    let w = &g.words;
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut run: Vec<ByteSpan> = Vec::new();
    let flush = |run: &mut Vec<ByteSpan>, out: &mut Vec<ByteSpan>| {
        // most runs are a word or two with no "and" to split at
        if run.iter().any(|t| t.of(text) == "and") {
            out.extend(split_run(text, run, g).iter().filter_map(|part| accept_run(text, part, g)));
        } else {
            out.extend(accept_run(text, run, g));
        }
        run.clear();
    };
    for (i, &t) in toks.iter().enumerate() {
        let word = t.of(text);
        let gap_ok = run.last().is_some_and(|p| {
            let gap = &text[p.end..t.start];
            !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
        });
        if !run.is_empty() && !gap_ok {
            flush(&mut run, &mut out);
        }
        let cap = is_cap(word);
        // a connector only continues a run: most words are asked nothing
        if cap || (!run.is_empty() && w.name_connectors.has(word)) {
            run.push(t);
            let possessive = word.ends_with("’s") || word.ends_with("'s");
            // "Germany’s Bundeskriminalamt" ends a name; "Sheriff’s Office" does not
            // (asked only of a possessive: every capitalised word reaches here)
            let head_follows = || toks.get(i + 1).is_some_and(|n| &text[t.end..n.start] == " " && w.agency_heads.has(n.of(text)));
            let possessor_is_body = || w.agency_heads.has(strip_possessive(word));
            if possessive && (possessor_is_body() || !head_follows()) && !w.agency_heads.has(word) {
                flush(&mut run, &mut out);
            }
        } else if !run.is_empty() {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Split a run at "and" where both sides are whole bodies ("the Public
/// Prosecutors Office and the Regional Criminal Police Office").
fn split_run(text: &str, run: &[ByteSpan], g: &Gazetteer) -> Vec<Vec<ByteSpan>> {
    // "the Polícia Judiciária": the article is no part of the name
    let known = |toks: &[ByteSpan]| match toks.iter().position(|t| !matches!(t.of(text), "the" | "The")).map_or(&[][..], |i| &toks[i..]) {
        [first, .., last] => matches!(g.lookup(&text[first.start..last.end]), Some(Hit::Agency(_))),
        [one] => matches!(g.lookup(one.of(text)), Some(Hit::Agency(_))),
        [] => false,
    };
    let is_head = |t: &ByteSpan| g.words.agency_heads.has(strip_possessive(t.of(text)));
    let mut parts = Vec::new();
    let mut cur: Vec<ByteSpan> = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let t = run[i];
        let w = t.of(text);
        // "X Office and Y Police", "X Bureau of Investigation and the Y Office",
        // "Global Affairs Canada and the Z Bureau": two bodies; "Olt and Gorj" stays one
        // (asked only at an "and": each asks the gazetteer about a whole side)
        let next_is_the = || run.get(i + 1).is_some_and(|t| matches!(t.of(text), "the" | "The"));
        let left_whole = || cur.last().is_some_and(is_head) || known(&cur) || (next_is_the() && cur.iter().any(is_head));
        // "the European Labour Authority and Frontex": a known body after "and" is another body
        let right_known = || i + 1 < run.len() && known(&run[i + 1..]);
        if w == "and" && left_whole() && (run[i + 1..].iter().any(is_head) || right_known()) {
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
fn accept_run(text: &str, run: &[ByteSpan], g: &Gazetteer) -> Option<ByteSpan> {
    let w = &g.words;
    let word = |t: &ByteSpan| t.of(text);
    // what is kept of the run below is a part of it, and it must hold a
    // head noun: a run with none is no body, whatever else it holds
    if !run.iter().any(|t| w.agency_heads.has(strip_possessive(word(t)))) {
        return None;
    }
    let mut a = 0;
    let mut b = run.len();
    while a < b && (w.leading_words.has(word(&run[a])) || !is_cap(word(&run[a]))) {
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
    while b - a >= 3 && w.generic_openers.has(word(&run[a])) && matches!(word(&run[a + 1]), "of" | "from") {
        a += 2;
        while a < b && !is_cap(word(&run[a])) {
            a += 1;
        }
    }
    // "Assistant Attorney General Jane Doe of the Justice Department", "Agents of the
    // Policía Nacional": a title or person before "of" whose part has no head noun
    let head_at = |i: usize| w.agency_heads.has(strip_possessive(word(&run[i])));
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
    if toks.len() >= 2 && w.generic_openers.has(word(&toks[0])) && matches!(word(&toks[1]), "in" | "from") {
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
    if let Some(last_head) = toks.iter().rposition(|t| w.agency_heads.has(strip_possessive(word(t)))) {
        if toks.len() > last_head + 2 && word(&toks[last_head + 1]) == "and" {
            let tail = &text[toks[last_head + 2].start..toks[toks.len() - 1].end];
            if g.country_of_form(tail).is_some() {
                toks.truncate(last_head + 1);
            }
        }
    }
    if !toks.iter().any(|t| w.agency_heads.has(strip_possessive(word(t)))) {
        return None;
    }
    let (s0, e0) = (toks[0].start, toks[toks.len() - 1].end);
    let phrase = strip_possessive(&text[s0..e0]);
    if w.ocg_terms.any_in(phrase) || w.lists.not_agencies.iter().any(|n| phrase.ends_with(n.as_str())) {
        return None;
    }
    let last = strip_possessive(word(toks.last()?));
    if w.agency_stop_tails.has(last) {
        return None;
    }
    if toks.len() == 1 && w.generic_names.has(last) {
        return None;
    }
    // a head noun alone with a country ("Spanish Police" is a body, "Police" is not)
    let name = strip_possessive(&text[s0..e0]);
    if g.country_of_form(name).is_some() {
        return None;
    }
    Some(ByteSpan::new(s0, s0 + name.len()))
}
