//! Operations: named ones ("Operation WEKA II", and "WEKA II" alone once
//! named), and for a release without a named one, one unnamed operation per
//! distinct action (action days told apart by their date). A release that
//! reports arrests but names no action gets one operation for them.

use super::document::DocText;
use super::entities::{EntIdx, EntityTable};
use super::gazetteer::{word_bounded, DocList, Gazetteer};
use super::names::Names;
use super::words::{floor_boundary, occurrences};
use crate::model::{ByteSpan, EntityId, EntityKind};
use regex::Regex;
use std::sync::LazyLock;

/// A capitalised name: words that start upper-case, numbers and Roman numerals.
const NAME: &str = r"(?:[A-Z][\p{L}\p{N}’'\-]*)(?:[ \t]+(?:[A-Z][\p{L}\p{N}’'\-]*|[IVX]+(?-u:\b)|\d{1,4}(?-u:\b)))*";

/// How an operation's name is introduced. Each pattern's group `name` is
/// the name; `prefix` is how the entity is named when it has one.
struct NamePattern {
    re: Regex,
    prefix: &'static str,
    /// The name counts only when an operation term stands shortly before
    /// ("the operation, known as X"; not "a network known as X").
    needs_term: bool,
}

static NAME_PATTERNS: LazyLock<Vec<NamePattern>> = LazyLock::new(|| {
    let p = |re: String, prefix, needs_term| NamePattern { re: Regex::new(&re).expect("static regex"), prefix, needs_term };
    vec![
        // "Operation WEKA II", "operation “Lora”"
        p(format!(r#"(?-u:\b)[Oo]peration[ \t]+["“‘']?(?P<name>{NAME})"#), "Operation ", false),
        // "Joint Action Days (JAD) Arktos 5", "EMPACT Joint Action Day (JAD) Danube", "JAD Danube 5"
        p(format!(r"(?-u:\b)(?:Joint[ \t]+Action[ \t]+Days?[ \t]*\(JADs?\)|JADs?)[ \t]+(?P<name>{NAME})"), "JAD ", false),
        // "the operation codenamed ‘GLOBAL CHAIN’", "known as Sea Shield", "dubbed Blue Wave"
        p(format!(r#"(?-u:\b)(?:code-?[ \t]?named|codenamed|dubbed|known[ \t]+as|called|named)[ \t]+["“‘']?(?P<name>{NAME})"#), "", true),
        // "the VEGA Children operation": a name in capitals before the word
        p(r"(?-u:\b)(?P<name>[A-Z]{3,}(?:[ \t]+[A-Z][\p{L}\p{N}]*)*)[ \t]+operation(?-u:\b)".to_string(), "", false),
    ]
});

/// How far around a term the checks on its neighbouring words look: far
/// enough for every word list entry, bounded so that each term costs the
/// same however long the document is.
const WINDOW: usize = 96;

/// A generic action term ("action day", "raids") and the operation it names.
#[derive(Clone, Copy, Debug)]
pub struct OpTerm {
    pub span: ByteSpan,
    pub op: EntIdx,
}

/// What the operations pass found: the operations (their own table) and
/// every generic term that refers to one.
#[derive(Clone, Debug, Default)]
pub struct Operations {
    pub table: EntityTable,
    pub terms: Vec<OpTerm>,
}

pub fn find(g: &Gazetteer, d: &DocText, names: &Names) -> Operations {
    let text = d.text;
    let mut ops = Operations::default();
    let mut named: Vec<(ByteSpan, EntIdx)> = Vec::new();
    // the spans named so far, by start: they never overlap, so one lookup tells a clash
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut bare_names: Vec<(EntIdx, String)> = Vec::new();
    for pattern in NAME_PATTERNS.iter() {
        for c in pattern.re.captures_iter(text) {
            let (Some(all), Some(name)) = (c.get(0), c.name("name")) else { continue };
            let first = name.as_str().split_whitespace().next().unwrap_or("");
            if g.words.leading_words.has(first) || g.words.not_operation_names.has(first) {
                continue;
            }
            let all_span = ByteSpan::new(all.start(), all.end());
            if names.claimed.strictly_within(all_span)
                || taken.range(..all_span.end).next_back().is_some_and(|(_, &end)| end > all_span.start)
            {
                continue;
            }
            let bare = name.as_str().trim_end_matches(['’', '\'']).to_string();
            // a capitalised name that is a known body, country or place is no operation's name
            if pattern.prefix.is_empty() && g.lookup(&bare).is_some() {
                continue;
            }
            if pattern.needs_term && !term_before(g, text, all.start()) {
                continue;
            }
            let id = EntityId::new(EntityKind::Operation, crate::model::slug(&bare));
            let ent = ops.table.by_id(EntityKind::Operation, id, || format!("{}{bare}", pattern.prefix));
            ops.table.get_mut(ent).aliases.insert(bare.clone());
            let mention_start = if pattern.prefix.is_empty() { name.start() } else { all.start() };
            ops.table.mention(text, ent, ByteSpan::new(mention_start, name.start() + bare.len()));
            named.push((all_span, ent));
            taken.insert(all_span.start, all_span.end);
            if !bare_names.iter().any(|(e, _)| *e == ent) {
                bare_names.push((ent, bare));
            }
        }
    }
    // bare uses of a named operation's name elsewhere ("WEKA II"), however they overlap
    if !bare_names.is_empty() {
        let mut uses: Vec<(usize, ByteSpan)> =
            bare_names.iter().enumerate().flat_map(|(p, (_, bare))| occurrences(text, bare).map(move |s| (p, s))).collect();
        uses.sort_by_key(|&(p, s)| (p, s));
        let mut done: Vec<ByteSpan> = named.iter().map(|(s, _)| *s).collect();
        done.sort();
        for (p, s) in uses {
            if !word_bounded(text, s.start, s.end) || inside_any(&done, s) {
                continue;
            }
            let ent = bare_names[p].0;
            ops.table.mention(text, ent, s);
            named.push((s, ent));
            let at = done.partition_point(|x| *x < s);
            done.insert(at, s);
        }
    }
    named.sort();
    let reach: Vec<usize> = named
        .iter()
        .scan(0, |far, (s, _)| {
            *far = s.end.max(*far);
            Some(*far)
        })
        .collect();
    // unnamed actions
    let mut found: Vec<ByteSpan> = d
        .phrases
        .of(DocList::OperationTerms)
        .iter()
        .map(|h| h.span)
        .filter(|&s| term_ok(g, text, names, s) && !overlaps_sorted(&named, &reach, s))
        .collect();
    found = longest_first(found);
    let mut dated: Vec<(EntIdx, Option<String>)> = Vec::new();
    for s in found {
        let op = if !named.is_empty() {
            nearest_named(d, &named, s.start)
        } else {
            let date = date_after(g, text, s.end);
            let same = dated.iter().position(|(_, d2)| match (d2, &date) {
                (Some(a), Some(b)) => same_date(g, a, b),
                _ => true,
            });
            match same {
                Some(i) => {
                    if let Some(date) = date {
                        dated[i].1.get_or_insert(date);
                    }
                    dated[i].0
                }
                None => {
                    // a date tells actions apart; without one, the headline does
                    let term = s.of(text).to_lowercase();
                    let name = match &date {
                        Some(dt) => format!("{term} {dt}"),
                        None => format!("{term} ({})", d.headline()),
                    };
                    let id = EntityId::unnamed(EntityKind::Operation, d.doc, dated.len() + 1);
                    let op = ops.table.by_id(EntityKind::Operation, id, || name);
                    dated.push((op, date));
                    op
                }
            }
        };
        // a generic term is a name of an unnamed action, not of a named operation
        ops.table.mention_as(text, op, s, named.is_empty());
        ops.terms.push(OpTerm { span: s, op });
    }
    // an action first named without its date is named with the date found later
    for (op, date) in &dated {
        if let Some(dt) = date {
            let e = ops.table.get_mut(*op);
            if !e.name.contains(dt.as_str()) {
                let term = e.name.split(" (").next().unwrap_or("").to_string();
                e.name = format!("{term} {dt}");
            }
        }
    }
    // arrests with no named action: the investigation that led to them is the operation
    if named.is_empty() && dated.is_empty() {
        let arrests = d
            .phrases
            .of(DocList::ArrestWords)
            .iter()
            .map(|h| h.span)
            .filter(|&s| {
                let next = text[s.end..].trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                !names.claimed.strictly_within(s) && !g.words.arrest_not_before.has(next)
            })
            .min();
        if let Some(s) = arrests {
            let id = EntityId::unnamed(EntityKind::Operation, d.doc, 1);
            let op = ops.table.by_id(EntityKind::Operation, id, || format!("arrests ({})", d.headline()));
            ops.table.mention(text, op, s);
            ops.terms.push(OpTerm { span: s, op });
        }
    }
    ops
}

/// Does an operation term stand within a few words before `pos`, in the
/// same sentence ("the massive operation codenamed X")?
fn term_before(g: &Gazetteer, text: &str, pos: usize) -> bool {
    let from = floor_boundary(text, pos.saturating_sub(48));
    let window = &text[from..pos];
    let window = window.rsplit(['.', ';', '\n']).next().unwrap_or(window);
    g.words.operation_terms.any_in(window) || window.to_lowercase().contains("operation")
}

/// Is `s` inside one of the sorted spans?
fn inside_any(sorted: &[ByteSpan], s: ByteSpan) -> bool {
    let i = sorted.partition_point(|x| x.start <= s.start);
    sorted[..i].iter().rev().take(8).any(|x| x.end >= s.end)
}

/// Is a generic term really an action here? Not inside a body's name, not
/// before a word that makes it something else ("operations centre"), not
/// after one ("pre-operation", "police operation" is kept out by data).
fn term_ok(g: &Gazetteer, text: &str, names: &Names, s: ByteSpan) -> bool {
    if names.claimed.overlaps(s) {
        return false;
    }
    let after_end = floor_boundary(text, s.end + WINDOW);
    let after = text[s.end..after_end].trim_start_matches(['’', '\'']).trim_start_matches('s').trim_start().to_lowercase();
    let blocked_after = g
        .words
        .operation_not_before
        .iter()
        .any(|w| after.strip_prefix(w.as_str()).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric())));
    if blocked_after {
        return false;
    }
    let before = text[floor_boundary(text, s.start.saturating_sub(WINDOW))..s.start].to_lowercase();
    // a word right before the term, whole ("ahead of the" is not "head of the")
    let ends_with_word = |s: &str, w: &str| {
        s.strip_suffix(w).is_some_and(|rest| w.starts_with(|c: char| !c.is_alphanumeric()) || !rest.ends_with(char::is_alphanumeric))
    };
    !g.words.operation_not_after.iter().any(|w| ends_with_word(&before, w) || ends_with_word(before.trim_end(), w))
}

/// The named operation a generic term refers to: one named in its
/// sentence (the nearest), else the last one named before it, else the first.
fn nearest_named(d: &DocText, named: &[(ByteSpan, EntIdx)], pos: usize) -> EntIdx {
    // `named` is sorted: the names in the sentence and the last one before `pos` by binary search
    let sentence = d.sentence_at(pos);
    let from = named.partition_point(|(s, _)| s.start < sentence.start);
    let to = named.partition_point(|(s, _)| s.start < sentence.end);
    let in_sentence = named[from..to.max(from)].iter().min_by_key(|(s, _)| s.start.abs_diff(pos));
    if let Some(&(_, op)) = in_sentence {
        return op;
    }
    let before = named.partition_point(|(s, _)| s.start < pos);
    before.checked_sub(1).and_then(|i| named.get(i)).or(named.first()).map(|&(_, op)| op).unwrap_or(EntIdx(0))
}

/// Does `s` overlap one of `sorted`'s spans? `reach[i]` is the furthest end
/// of the first `i + 1` spans, so one binary search answers.
fn overlaps_sorted(sorted: &[(ByteSpan, EntIdx)], reach: &[usize], s: ByteSpan) -> bool {
    let i = sorted.partition_point(|(n, _)| n.start < s.end);
    i > 0 && reach[i - 1] > s.start
}

/// The date stated right after an action term, up to the end of its clause.
fn date_after(g: &Gazetteer, text: &str, e: usize) -> Option<String> {
    let rest = &text[e..floor_boundary(text, e + 60)];
    let stop = rest.find([',', ';', '.', '\n']).unwrap_or(rest.len());
    let c = g.words.date.captures(&rest[..stop])?;
    Some(c.get(0)?.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Two stated dates name the same action when month and (where both give
/// one) year agree: "8-12 November 2021" and "8 to 12 November" do.
fn same_date(g: &Gazetteer, a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let year = s.split_whitespace().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())).map(str::to_string);
        (g.words.month_in(s).map(str::to_string), year)
    };
    let (ma, ya) = key(a);
    let (mb, yb) = key(b);
    ma == mb && (ya.is_none() || yb.is_none() || ya == yb)
}

/// Of overlapping matches keep the longest (earliest on ties), in text order.
pub fn longest_first(mut found: Vec<ByteSpan>) -> Vec<ByteSpan> {
    found.sort_by_key(|s| (std::cmp::Reverse(s.len()), s.start));
    let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for s in found {
        let clash = kept.range(..s.end).next_back().is_some_and(|(_, &end)| end > s.start);
        if !clash {
            kept.insert(s.start, s.end);
        }
    }
    kept.into_iter().map(|(a, b)| ByteSpan::new(a, b)).collect()
}
