//! "a Lyon-Tirana ring", "the Northamptonshire and Romania slavery gang":
//! places named in the group's own label are where it operates (SCHEMA
//! H17). A nationality adjective in the label ("a Moldovan gang") names
//! who its members are, not where the group is (H3), so only place names
//! count.

use super::{Ctx, Found};
use crate::extract::gazetteer::{Family, Hit};
use crate::model::{ByteSpan, RelationKind};

/// A label is a few words; further back is another phrase.
const MAX_WORDS: usize = 8;

pub fn place_labels<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let Some(group) = c.m.group else { return Vec::new() };
    let rule = Family::GroupPlaceLabel.as_str();
    let mut out = Vec::new();
    for mention in c.m.sorted.iter().filter(|m| m.ent == group) {
        let sentence = c.d.sentence_at(mention.span.start);
        let start = label_start(c, sentence.start, mention.span.start);
        for m in c.m.within(ByteSpan::new(start, mention.span.start)) {
            let named = matches!(c.g.lookup(m.span.of(c.text())), Some(Hit::Country(_) | Hit::City(_)));
            if !named || c.m.in_agency(m.span) {
                continue;
            }
            if let Some(place) = c.country_of_mention(&m) {
                out.push(Found { source: group, relation: RelationKind::ActiveIn, target: place, evidence: sentence, count: None, rule });
            }
        }
    }
    out
}

/// Where the label in front of a group's head noun begins: words back from
/// `end` while each is capitalised or a word a label holds (`label_words`:
/// "and", "slavery", "sex-trafficking").
fn label_start(c: &Ctx, sentence_start: usize, end: usize) -> usize {
    let text = c.text();
    let w = &c.g.words;
    let mut start = end;
    for (n, word) in text[sentence_start..end].split_whitespace().rev().enumerate() {
        let bare = word.trim_matches(|ch: char| ch == '-' || ch == '–');
        let ok = n < MAX_WORDS
            && !word.contains([',', ';', ':', '(', ')', '"', '“', '”', '.'])
            && (bare.starts_with(char::is_uppercase) || bare.split('-').all(|part| w.label_words.has(part)));
        if !ok {
            break;
        }
        // the word's own position: search back from the current start
        match text[sentence_start..start].rfind(word) {
            Some(at) => start = sentence_start + at,
            None => break,
        }
    }
    start
}
