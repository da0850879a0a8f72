//! A line that holds nothing but country names ("– Latvia, Estonia and
//! Lithuania –" under a release, or a bare list after a colon) is how many
//! publishers list the countries that took part: each took part in the
//! document's main operation.

use super::{Ctx, Found};
use crate::extract::gazetteer::Family;
use crate::model::{ByteSpan, EntityKind, RelationKind};

/// One country alone on a line is a heading or a dateline, not a list.
const MIN_COUNTRIES: usize = 2;

pub fn participants<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let Some(op) = c.m.main_op else { return Vec::new() };
    let text = c.text();
    let rule = Family::CountryLine.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = ByteSpan::new(start, start + line.trim_end().len());
        start += line.len();
        let countries: Vec<_> = c.m.within(span).filter(|m| c.m.kind(m.ent) == EntityKind::Country && !c.m.in_agency(m.span)).collect();
        if countries.len() < MIN_COUNTRIES {
            continue;
        }
        // everything between the names must be list words and punctuation
        let mut cursor = span.start;
        let mut only_names = true;
        for m in
            countries.iter().chain(std::iter::once(&crate::extract::entities::Mention { span: ByteSpan::new(span.end, span.end), ent: op }))
        {
            let gap = &text[cursor..m.span.start.max(cursor)];
            only_names &= gap
                .split(|ch: char| ch.is_whitespace() || ch.is_ascii_punctuation() || matches!(ch, '–' | '—' | '•' | '·' | '’'))
                .all(|w| w.is_empty() || c.g.words.list_words.has(w));
            cursor = cursor.max(m.span.end);
        }
        if !only_names {
            continue;
        }
        for m in countries {
            out.push(Found { source: m.ent, relation: RelationKind::ParticipatedIn, target: op, evidence: span, count: None, rule });
        }
    }
    out
}
