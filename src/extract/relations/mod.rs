//! Relations, read family by family from a document whose entities are
//! known. Each family is a function from the document to the relations it
//! states; the order they run in only decides which stated count is kept
//! when two families give the same relation (the first). Two families
//! (activity from exploitation, based-in) derive relations from others.

mod agent;
mod authority_list;
mod clauses;
mod country_line;
mod derived;
mod label;
mod noun;
mod place;

use super::document::DocText;
use super::entities::EntIdx;
use super::gazetteer::Gazetteer;
use super::mentions::Mentions;
use crate::model::{ByteSpan, RelationKind};
use std::collections::BTreeMap;

/// One relation as a rule read it from one sentence.
#[derive(Clone, Copy, Debug)]
pub struct Found<'g> {
    pub source: EntIdx,
    pub relation: RelationKind,
    pub target: EntIdx,
    pub evidence: ByteSpan,
    pub count: Option<u32>,
    /// The id of the rule that read it.
    pub rule: &'g str,
}

/// What the rules say about one (source, relation, target).
#[derive(Clone, Debug, Default)]
pub struct Stated<'g> {
    pub count: Option<u32>,
    /// Each sentence that states it, with the rules that read it there (in
    /// the order they ran).
    pub evidence: BTreeMap<ByteSpan, Vec<&'g str>>,
}

/// Every relation of a document, keyed for deterministic order.
#[derive(Clone, Debug, Default)]
pub struct RelationSet<'g> {
    pub stated: BTreeMap<(EntIdx, RelationKind, EntIdx), Stated<'g>>,
}

impl<'g> RelationSet<'g> {
    fn add(&mut self, f: Found<'g>) {
        if f.source == f.target {
            return;
        }
        let s = self.stated.entry((f.source, f.relation, f.target)).or_default();
        let rules = s.evidence.entry(f.evidence).or_default();
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
        if s.count.is_none() {
            s.count = f.count;
        }
    }

    /// Loose cooperation wording gives participated-in only where the text
    /// gives that body or country no more specific role in the operation (H10).
    fn drop_loose_where_specific(&mut self, loose: &std::collections::HashSet<String>) {
        let specific: std::collections::BTreeSet<(EntIdx, EntIdx)> = self
            .stated
            .keys()
            .filter(|(_, r, _)| matches!(r, RelationKind::Coordinated | RelationKind::Supported))
            .map(|&(s, _, t)| (s, t))
            .collect();
        self.stated.retain(|&(s, r, t), st| {
            let only_loose = st.evidence.values().flatten().all(|rule| loose.contains(*rule));
            !(r == RelationKind::ParticipatedIn && only_loose && specific.contains(&(s, t)))
        });
    }

    fn extend(&mut self, found: impl IntoIterator<Item = Found<'g>>) {
        for f in found {
            self.add(f);
        }
    }
}

/// What every rule reads: the gazetteer, the document and its entities,
/// and facts about the whole document computed once.
pub struct Ctx<'g, 'a> {
    pub g: &'g Gazetteer,
    pub d: &'a DocText<'a>,
    pub m: &'a Mentions,
    /// The text in ASCII lower case: same byte offsets, for context words.
    pub lower: String,
    /// A migrant-smuggling release with no trafficking: migrants are no victims.
    pub smuggling_only: bool,
}

impl<'g, 'a> Ctx<'g, 'a> {
    pub fn new(g: &'g Gazetteer, d: &'a DocText<'a>, m: &'a Mentions) -> Self {
        let lower = d.text.to_ascii_lowercase();
        let (stems, smuggling) = (&g.words.trafficking_stems, &g.words.smuggling_words);
        // the ASCII lower case serves for ASCII words, nearly always: lower-cased once, not twice
        let ascii =
            d.text.is_ascii() || (stems.iter().chain(smuggling).all(|s| s.is_ascii()) && super::words::ascii_lowercase_suffices(d.text));
        let full_lower = if ascii { std::borrow::Cow::Borrowed(lower.as_str()) } else { d.text.to_lowercase().into() };
        let smuggling_only =
            !stems.iter().any(|s| full_lower.contains(s.as_str())) && smuggling.iter().any(|s| full_lower.contains(s.as_str()));
        Ctx { g, d, m, lower, smuggling_only }
    }

    pub fn text(&self) -> &'a str {
        self.d.text
    }

    /// Does the sentence speak of smuggled migrants and of no victim (SCHEMA H19)?
    pub fn migrants_only(&self, sentence: ByteSpan) -> bool {
        let lower = &self.lower[sentence.start..sentence.end];
        let w = &self.g.words.lists;
        w.migrant_words.iter().any(|m| lower.contains(m.as_str())) && !w.victim_words.iter().any(|v| lower.contains(v.as_str()))
    }
}

/// The relations a document states.
pub fn find<'g>(g: &'g Gazetteer, d: &DocText<'_>, m: &Mentions) -> RelationSet<'g> {
    let mut set = RelationSet::default();
    if m.has_action() {
        let ctx = Ctx::new(g, d, m);
        set.extend(agent::triggers(&ctx));
        set.extend(agent::named_with_action(&ctx));
        set.extend(place::triggers(&ctx));
        set.extend(noun::triggers(&ctx));
        set.extend(authority_list::members(&ctx));
        set.extend(country_line::participants(&ctx));
        set.extend(place::opening(&ctx));
        set.extend(place::where_clause(&ctx));
        set.extend(label::place_labels(&ctx));
        let activity = derived::exploitation_is_activity(m, &set);
        set.extend(activity);
        set.extend(derived::operation_targets_group(&ctx));
    }
    set.extend(derived::based_in(g, m));
    set.drop_loose_where_specific(&g.rules.loose);
    set
}
