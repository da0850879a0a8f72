//! Answers as text tables for a terminal. Rendering only: every answer is
//! computed before it gets here. The first line is the query that ran (in
//! the RON of a query file, to save and run again); every name, sentence
//! and question goes through `terminal_safe`, so text taken from releases
//! cannot move the cursor or break a line.

use super::{Answer, Body, Hop};
use crate::model::{terminal_safe, RelationKind};
use std::fmt::Write;

/// `s` for a terminal, on one line.
fn t(s: &str) -> String {
    terminal_safe(s)
}

fn one_line(s: &str) -> String {
    terminal_safe(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The table form of an answer.
pub fn table(a: &Answer) -> String {
    let mut s = String::new();
    if let Some(f) = &a.file {
        let _ = writeln!(s, "== {}", t(f));
    }
    if let Some(q) = &a.question {
        let _ = writeln!(s, "question: {}", one_line(q));
    }
    let _ = writeln!(s, "query: {}", t(&a.query.to_ron()));
    match &a.body {
        Body::Paths { from, to, result } => {
            if result.paths.is_empty() && result.cut.is_none() {
                let _ = writeln!(s, "no path from {} to {}", t(from), t(to));
            }
            for (i, p) in result.paths.iter().enumerate() {
                let _ = writeln!(s, "path {} ({}): {}", i + 1, plural(p.len(), "hop", "hops"), chain(p));
            }
        }
        Body::Link { a: x, b: y, kind, answers, .. } => {
            if answers.is_empty() {
                let _ = writeln!(s, "no {kind} links {} and {}", t(x), t(y));
            } else {
                let _ = writeln!(s, "{kind} linking {} and {}:", t(x), t(y));
            }
            for l in answers {
                let _ = writeln!(s, "{}  ({})", t(&l.name), plural(l.documents, "document", "documents"));
                let _ = writeln!(s, "    to {}: {}", t(x), chain(&l.chain_a));
                let _ = writeln!(s, "    to {}: {}", t(y), chain(&l.chain_b));
            }
        }
        Body::Centrality { measure, scores } => {
            if scores.is_empty() {
                let _ = writeln!(s, "no entity to rank");
            } else {
                let _ = writeln!(s, "{:<5} {:<12} {:<10} name", "rank", measure.as_str(), "kind");
            }
            for (i, x) in scores.iter().enumerate() {
                let _ = writeln!(s, "{:<5} {:<12.6} {:<10} {}", i + 1, x.score, x.kind.as_str(), t(&x.name));
            }
        }
        Body::Neighbors { entity, found, total, .. } => {
            if found.is_empty() {
                let _ = writeln!(s, "no neighbours of {}", t(entity));
            } else {
                let _ = writeln!(s, "{} of {}:", plural(*total, "neighbour", "neighbours"), t(entity));
            }
            for n in found {
                let _ = writeln!(s, "{:<3} {:<10} {}   ({})", n.depth, n.kind.as_str(), t(&n.name), chain(std::slice::from_ref(&n.via)));
            }
        }
        Body::Partners { entity, rows, total } => {
            if rows.is_empty() {
                let _ = writeln!(s, "no one shares an operation with {}", t(entity));
            } else {
                let _ = writeln!(s, "{} of {} (sharing an operation):", plural(*total, "partner", "partners"), t(entity));
                let _ = writeln!(s, "{:<5} {:<10} {:<10} {:<10} name   (shared operations)", "rank", "operations", "documents", "kind");
            }
            for (i, p) in rows.iter().enumerate() {
                let shared = p.shared.iter().map(|o| t(o)).collect::<Vec<_>>().join("; ");
                let more = if p.operations > p.shared.len() { format!("; +{}", p.operations - p.shared.len()) } else { String::new() };
                let _ = writeln!(
                    s,
                    "{:<5} {:<10} {:<10} {:<10} {}   ({shared}{more})",
                    i + 1,
                    p.operations,
                    p.documents,
                    p.kind.as_str(),
                    t(&p.name)
                );
            }
        }
        Body::Show(d) => {
            let _ = writeln!(s, "{} [{}] {}", t(&d.name), d.kind, d.id);
            if !d.aliases.is_empty() {
                let _ = writeln!(s, "  aliases: {}", d.aliases.iter().map(|x| t(x)).collect::<Vec<_>>().join("; "));
            }
            if let Some(c) = &d.country {
                let _ = writeln!(s, "  country: {}", t(c));
            }
            let _ = writeln!(s, "  documents: {}", d.documents.len());
            merges(&mut s, &d.merged);
            let mut last: Option<RelationKind> = None;
            for r in &d.relations {
                if last != Some(r.relation) {
                    let _ = writeln!(s, "  {}:", r.relation);
                    last = Some(r.relation);
                }
                let arrow = if r.outgoing { "->" } else { "<-" };
                let count = r.count.map(|c| format!(", count {c}")).unwrap_or_default();
                let _ = writeln!(s, "    {arrow} {}  ({}{count})", t(&r.other_name), plural(r.documents, "document", "documents"));
                for ev in &r.evidence {
                    let _ = writeln!(s, "      [{} {}:{}-{}] {}", ev.doc, t(&ev.path), ev.start, ev.end, one_line(&ev.text));
                    if let Some(rule) = &ev.rule {
                        let _ = writeln!(s, "        rule: {}", t(rule));
                    }
                    if ev.hedged {
                        let _ = writeln!(s, "        hedged: reported, not asserted");
                    }
                }
                if r.more_evidence > 0 {
                    let _ = writeln!(s, "      ... and {} more", plural(r.more_evidence, "sentence", "sentences"));
                }
            }
        }
        Body::Rank { relation, rows } => {
            if rows.is_empty() {
                let _ = writeln!(s, "no {relation} relation to rank");
            } else {
                let _ = writeln!(s, "{:<5} {:<8} {:<10} name   ({relation})", "rank", "sources", "documents");
            }
            for (i, r) in rows.iter().enumerate() {
                let from = r.from.iter().map(|x| t(x)).collect::<Vec<_>>().join(", ");
                let more = if r.sources > r.from.len() { format!(", +{}", r.sources - r.from.len()) } else { String::new() };
                let _ = writeln!(s, "{:<5} {:<8} {:<10} {}   (from {from}{more})", i + 1, r.sources, r.documents, t(&r.name));
            }
        }
    }
    for n in &a.notes {
        let _ = writeln!(s, "note: {}", t(n));
    }
    if a.file.is_some() {
        s.push('\n');
    }
    s
}

/// The joins behind an operation several releases told, each with its evidence.
fn merges(s: &mut String, merged: &[super::ShowMerge]) {
    if merged.is_empty() {
        return;
    }
    let _ = writeln!(s, "  merged from {}:", plural(merged.len() + 1, "operation", "operations"));
    for m in merged {
        let ids = m.sides.iter().map(|x| x.id.to_string()).collect::<Vec<_>>().join(" + ");
        let why = match m.rule {
            crate::model::MergeRule::SameName => format!("same name: {}", m.names.iter().map(|n| t(n)).collect::<Vec<_>>().join(" = ")),
            crate::model::MergeRule::DatesAndCountries => {
                let days = m.days.map(|d| d.to_string()).unwrap_or_default();
                format!("days overlap on {days}; countries shared: {} ({} of {})", t(&m.countries.join(", ")), m.countries.len(), m.of)
            }
        };
        let _ = writeln!(s, "    {ids} ({}): {why}", m.rule);
        for side in &m.sides {
            let _ = writeln!(s, "      {} \"{}\"", side.id, t(&side.name));
            if let Some(w) = &side.said {
                let _ = writeln!(s, "        date [{} {}:{}-{}] {}", w.doc, t(&w.path), w.start, w.end, one_line(&w.text));
            }
            for c in &side.evidence {
                let ev = &c.sentence;
                let _ =
                    writeln!(s, "        {} [{} {}:{}-{}] {}", t(&c.country), ev.doc, t(&ev.path), ev.start, ev.end, one_line(&ev.text));
            }
        }
    }
}

/// "Eurojust -coordinated-> joint action day <-participated-in- Romania"
pub fn chain(p: &[Hop]) -> String {
    let mut s = String::new();
    for (i, h) in p.iter().enumerate() {
        if i == 0 {
            s.push_str(&t(&h.from_name));
        }
        if h.forward {
            let _ = write!(s, " -{}-> {}", h.relation, t(&h.to_name));
        } else {
            let _ = write!(s, " <-{}- {}", h.relation, t(&h.to_name));
        }
    }
    s
}
