//! Authority lists: lines such as "Romania: Special Operations Directorate;
//! Offices for Combating Organized Crime of Bucharest and Craiova" name the
//! bodies of one country that took part. This pass reads them into data;
//! the names pass makes entities of the bodies.

use super::document::DocText;
use super::gazetteer::{Gazetteer, Hit};
use super::words::{cut_dash, is_cap, strip_possessive, trim_lower_tail, trim_lower_tail_len, words};
use crate::model::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

static LIST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*(?:[•\-\*–·▪●][ \t]*)?([^:\n]{2,40}?)[ \t]*:[ \t]*(\S[^\n]*)$").expect("static regex"));
static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^()]{1,120})\)").expect("static regex"));

/// A known body named in brackets after a listed one.
#[derive(Clone, Debug)]
pub struct BracketedBody {
    pub agency: usize,
    pub span: ByteSpan,
}

/// One body of a list line.
#[derive(Clone, Debug)]
pub struct ListMember {
    /// Where the text names it (its segment, up to its closing bracket or last capitalised word).
    pub span: ByteSpan,
    /// The whole segment, claimed from later passes.
    pub segment: ByteSpan,
    pub name: String,
    /// Every form it is given: with and without brackets, acronyms, expansions.
    pub forms: Vec<String>,
    /// The gazetteer body it is, when known by a form or under the heading's country.
    pub known: Option<usize>,
    pub bracketed: Vec<BracketedBody>,
}

#[derive(Clone, Debug)]
pub struct ListLine {
    pub line: ByteSpan,
    pub heading: ByteSpan,
    pub country: usize,
    pub members: Vec<ListMember>,
}

/// Every authority list line of a document.
#[derive(Clone, Debug, Default)]
pub struct AuthorityLists {
    pub lines: Vec<ListLine>,
}

pub fn find(g: &Gazetteer, d: &DocText) -> AuthorityLists {
    let text = d.text;
    let mut lines = Vec::new();
    for cap in LIST_LINE.captures_iter(text) {
        let (Some(head), Some(body), Some(line)) = (cap.get(1), cap.get(2), cap.get(0)) else { continue };
        let Some(ci) = g.country_of_form(head.as_str()) else { continue };
        let segments = segments(text, ByteSpan::new(body.start(), body.end()), g);
        if segments.is_empty() {
            continue;
        }
        let members = segments.into_iter().filter_map(|s| member(g, text, s, ci)).collect();
        lines.push(ListLine {
            line: ByteSpan::new(line.start(), line.end()),
            heading: ByteSpan::new(head.start(), head.end()),
            country: ci,
            members,
        });
    }
    AuthorityLists { lines }
}

/// One body of a list: its name, its bracketed acronym or expansion as
/// forms, and any other known body named in brackets.
fn member(g: &Gazetteer, text: &str, seg_span: ByteSpan, ci: usize) -> Option<ListMember> {
    let s = seg_span.start;
    let seg = seg_span.of(text);
    let mut aliases = Vec::new();
    let mut bracketed = Vec::new();
    for m in PAREN.captures_iter(seg) {
        let Some(inner) = m.get(1) else { continue };
        let content = inner.as_str().trim();
        match g.agency(content) {
            Some(ai) if !content.chars().all(|c| c.is_uppercase()) || seg.trim_start().starts_with(content) => {
                bracketed.push(BracketedBody { agency: ai, span: ByteSpan::new(s + inner.start(), s + inner.end()) })
            }
            _ if content.chars().next().is_some_and(|c| c.is_uppercase()) => aliases.push(content.to_string()),
            _ => {}
        }
    }
    let before_paren = seg.split('(').next().unwrap_or(seg).trim().to_string();
    let no_paren = PAREN.replace_all(seg, "").split_whitespace().collect::<Vec<_>>().join(" ");
    let name = trim_lower_tail(&cut_dash(&no_paren));
    if name.is_empty() {
        return None;
    }
    let mut forms = vec![name.clone(), before_paren.clone(), cut_dash(&before_paren), no_paren];
    forms.extend(aliases);
    let known = forms.iter().find_map(|f| g.agency(f)).or_else(|| known_in_country(g, &name, ci));
    let end = if seg.trim_end().ends_with(')') { s + seg.trim_end().len() } else { s + trim_lower_tail_len(seg) };
    Some(ListMember { span: ByteSpan::new(s, end), segment: seg_span, name, forms, known, bracketed })
}

/// A known body named without its country: "National Bureau of
/// Investigation" under a Hungary heading is the "Hungarian National Bureau
/// of Investigation" of the gazetteer.
pub fn known_in_country(g: &Gazetteer, base: &str, ci: usize) -> Option<usize> {
    g.country_prefixes(ci).find_map(|p| g.agency(&format!("{p} {base}")))
}

/// Split a list body into its bodies: at semicolons always; at commas and
/// "and" where what follows starts a new capitalised name with a head noun
/// (or an acronym), not a place ("Olt and Gorj").
pub fn segments(text: &str, body_span: ByteSpan, g: &Gazetteer) -> Vec<ByteSpan> {
    let start = body_span.start;
    let body = body_span.of(text);
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
        let seg_t = seg.trim().trim_end_matches(['.', ';', ',']);
        if seg_t.is_empty() || !looks_like_name(seg_t, g) {
            continue;
        }
        out.push(ByteSpan::new(start + a + lead, start + a + lead + seg_t.len()));
    }
    out
}

fn starts_new_body(rest: &str, g: &Gazetteer) -> bool {
    let first = words(rest).next().map_or("", |w| w.of(rest));
    if !is_cap(first) || rest.starts_with(char::is_whitespace) {
        return false;
    }
    // up to the next separator, without bracketed expansions or a dash tail
    let upto = rest.find([',', ';', '(']).unwrap_or(rest.len());
    let upto = rest[..upto].find(" and ").map(|p| p.min(upto)).unwrap_or(upto);
    let upto = rest[..upto].find(" – ").map(|p| p.min(upto)).unwrap_or(upto);
    has_head_or_acronym(&rest[..upto], g)
}

pub fn has_head_or_acronym(s: &str, g: &Gazetteer) -> bool {
    words(s).any(|m| {
        let w = strip_possessive(m.of(s));
        g.words.agency_heads.has(w) || (w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
    }) || matches!(g.lookup(s.trim()), Some(Hit::Agency(_)))
}

/// Mostly capitalised words: a name, not a sentence.
fn looks_like_name(seg: &str, g: &Gazetteer) -> bool {
    let full: String = PAREN.replace_all(seg, "").into_owned();
    let outside = trim_lower_tail(&full);
    // a short lower-case tail ("at police level") is fine; a sentence is not
    if words(&full).count() > words(&outside).count() + 4 {
        return false;
    }
    let words: Vec<&str> = words(&outside).map(|w| w.of(&outside)).collect();
    if words.is_empty() || words.len() > 20 || !is_cap(words[0]) {
        return false;
    }
    let content: Vec<&&str> = words.iter().filter(|w| !g.words.name_connectors.has(w)).collect();
    let caps = content.iter().filter(|w| is_cap(w)).count();
    caps * 2 >= content.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_bodies_split_at_semicolons_commas_and_and() {
        let g = Gazetteer::builtin().unwrap();
        let body =
            "Sofia City PPO and General Police Directorate Combating Organised Crime; Service for Combating Organized Crime Olt and Gorj";
        let segs: Vec<&str> = segments(body, ByteSpan::new(0, body.len()), &g).into_iter().map(|s| s.of(body)).collect();
        assert_eq!(
            segs,
            [
                "Sofia City PPO",
                "General Police Directorate Combating Organised Crime",
                "Service for Combating Organized Crime Olt and Gorj"
            ]
        );
        let prose = "Human trafficking constitutes a modern form of slavery, denying people their rights.";
        assert!(segments(prose, ByteSpan::new(0, prose.len()), &g).is_empty());
    }
}
