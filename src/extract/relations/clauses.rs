//! The grammar of lists and clauses the rules share: the agents or places
//! listed right after a phrase ("coordinated by Europol, Frontex and
//! Austria"), right before it ("Europol and Frontex coordinated"), the
//! subject of a sentence, and where a list stops because a clause begins.
//! Which words may join list items is data (`list_words`, `list_item_words`,
//! `subject_gap_words`...); how they are walked is here.

use super::Ctx;
use crate::extract::entities::Mention;
use crate::extract::words::possessive_after;
use crate::model::{ByteSpan, EntityKind};

/// Gaps longer than this are never between two items of one list.
const MAX_GAP: usize = 90;
/// The words that introduce a list ("from one of five countries:") are
/// never longer than this.
const MAX_INTRO: usize = 160;

/// Which extra words a gap may hold besides list words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Only list words ("and", ",", "as well as").
    List,
    /// Also words naming list items ("its partners", "the charity").
    Items,
    /// Also words between a subject and its verb ("has also").
    Subject,
}

impl Ctx<'_, '_> {
    pub fn is_agent(&self, m: &Mention) -> bool {
        matches!(self.m.kind(m.ent), EntityKind::Agency | EntityKind::Country)
    }

    pub fn possessive(&self, m: &Mention) -> bool {
        possessive_after(&self.text()[m.span.end..])
    }

    /// Are these the words between two items of one list?
    pub fn list_gap(&self, gap: &str, extra: Gap) -> bool {
        let w = &self.g.words;
        gap.len() <= MAX_GAP
            && !gap.contains(['.', ';', ':'])
            && gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '’' | '\'')).filter(|x| !x.is_empty()).all(|x| {
                x.eq_ignore_ascii_case("s")
                    || x.bytes().all(|b| b.is_ascii_digit())
                    || w.list_words.has(x)
                    || w.list_gap_words.has(x)
                    || match extra {
                        Gap::List => false,
                        Gap::Items => w.list_item_words.has(x),
                        Gap::Subject => w.subject_gap_words.has(x),
                    }
            })
    }

    /// Agencies and countries (and, for places, cities) listed right after
    /// `pos`, up to `limit`: "by Europol, Frontex and Austria".
    pub fn list_after(&self, pos: usize, limit: usize, places: bool) -> Vec<Mention> {
        let text = self.text();
        let mut out = Vec::new();
        let mut cursor = pos;
        // "authorities in Thessaloniki (Greece)": after people of a place, a city stands for its country
        let mut people_of_a_place = false;
        for m in self.m.within(ByteSpan::new(pos, limit)) {
            if m.span.start < cursor {
                continue;
            }
            // "from one of five countries: Benin, ...", "assisted by officers from the
            // Houston Police Department": words that introduce the list
            let gap = &text[cursor..m.span.start];
            if out.is_empty() && gap.len() <= MAX_INTRO {
                let intro = [&self.g.words.list_intro, &self.g.words.people_of].iter().filter_map(|re| re.find(gap)).map(|f| f.end()).max();
                if let Some(n) = intro {
                    people_of_a_place = self.g.words.people_of.find(gap).is_some_and(|f| f.end() == n);
                    cursor += n;
                }
            }
            // "operating in El Naranjo, La Libertad and Peten, Guatemala", "supported by
            // West Lothian Council, the National Crime Agency and ...": names the gazetteer
            // does not know stand between the items
            let unknown_names = self.unknown_towns(&text[cursor..m.span.start]);
            if !unknown_names && !self.list_gap(&text[cursor..m.span.start], Gap::Items) {
                break;
            }
            if self.m.in_agency(m.span) {
                continue;
            }
            // "coordinated by Eurojust, and Europol supported ...": a new clause, not the
            // list ("authorities in Belgium and Hungary arrested" is still the list)
            if !out.is_empty() && text[cursor..m.span.start].contains(',') && self.starts_clause(m.span.end) {
                break;
            }
            cursor = m.span.end;
            // "Germany’s BKA" names the BKA as the agent; "in Ghana’s Volta region" is still Ghana
            if self.possessive(&m) && !places {
                continue;
            }
            match self.m.kind(m.ent) {
                EntityKind::Region => {}
                EntityKind::City if places => out.push(m),
                EntityKind::City if people_of_a_place => {
                    if let Some(country) = self.country_of_mention(&m) {
                        out.push(Mention { span: m.span, ent: country });
                    }
                }
                EntityKind::City => {}
                _ if self.is_agent(&m) => out.push(m),
                _ => {}
            }
        }
        out
    }

    /// Is this gap a list of capitalised names closed by a comma or a list
    /// word ("El Naranjo, La Libertad and ", "West Lothian Council, the ")?
    /// Then it holds items of the list the gazetteer does not know.
    fn unknown_towns(&self, gap: &str) -> bool {
        let w = &self.g.words;
        let words: Vec<&str> = gap.split(|c: char| c.is_whitespace() || c == ',').filter(|x| !x.is_empty()).collect();
        let closed = gap.trim_end().ends_with(',') || words.last().is_some_and(|x| w.list_words.has(x));
        closed
            && gap.len() <= MAX_GAP
            && !gap.contains(['.', ';', ':', '(', ')'])
            && words.first().is_some_and(|x| x.starts_with(char::is_uppercase))
            && words.iter().all(|x| x.starts_with(char::is_uppercase) || w.list_words.has(x) || w.name_connectors.has(x))
    }

    /// "The Civil Guard, in the framework of operation X, has dismantled": an
    /// aside between commas that opens on a preposition separates a subject
    /// from its verb without ending the clause.
    fn aside(&self, gap: &str) -> bool {
        let Some(inner) = gap.trim_start().strip_prefix(',') else { return false };
        let Some((aside, rest)) = inner.rsplit_once(',') else { return false };
        let opens_on_preposition = aside.split_whitespace().next().is_some_and(|w| self.g.words.prepositions.has(w));
        gap.len() <= MAX_GAP && opens_on_preposition && !aside.contains(['.', ';', ':', ',']) && self.list_gap(rest, Gap::Subject)
    }

    /// Does a verb follow the mention ending at `end`, making it the subject of a new clause?
    pub fn starts_clause(&self, end: usize) -> bool {
        let next = self.text()[end..].trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
        self.g.words.clause_verbs.has(&next) || self.g.rules.is_before_phrase(&next)
    }

    /// Agencies and countries listed right before `pos` ("Europol and
    /// Frontex coordinated"), within the sentence starting at `start`.
    pub fn list_before(&self, pos: usize, start: usize) -> Vec<Mention> {
        let text = self.text();
        let found = self.walk_back(pos, start, |gap| self.list_gap(gap, Gap::Subject) || self.aside(gap));
        // "The Hellenic Police, in cooperation with Europol and Frontex, dismantled": a
        // group that follows "with" or "by" is an object, not who acted; "led by Austria,
        // Frontex spearheaded" keeps Frontex, after the comma ("officers from Austria
        // took part" is still Austria acting)
        let object = |m: &Mention| {
            let mut before = text[start..m.span.start].split_whitespace().rev();
            let prev = before.next().unwrap_or("");
            // "Frontex, together with Austria, led": a co-subject, not an object
            let co_subject = before.next().is_some_and(|w| self.g.words.co_subject_words.has(w));
            self.g.words.object_markers.has(prev) && !co_subject
        };
        // "in collaboration with Europol, which supported it": the relative pronoun
        // makes its antecedent the subject, whatever preposition came before it
        let relative = found.first().is_some_and(|m| {
            let gap = text[m.span.end..pos].trim_start_matches([',', ' ']);
            ["which ", "who ", "that "].iter().any(|r| gap.starts_with(r))
        });
        if relative {
            return found.into_iter().take(1).filter(|m| !self.possessive(m)).collect();
        }
        let mut keep = found.len();
        if let Some(i) = found.iter().rposition(object) {
            keep = i;
            while keep > 0 && !text[found[keep].span.end..found[keep - 1].span.start].contains(',') {
                keep -= 1;
            }
        }
        found.into_iter().take(keep).filter(|m| !self.possessive(m)).collect()
    }

    /// Mentions of agents listed right before `pos`, walking back from it:
    /// the first gap must satisfy `first_gap`, later ones must be list gaps.
    pub fn walk_back(&self, pos: usize, start: usize, first_gap: impl Fn(&str) -> bool) -> Vec<Mention> {
        let text = self.text();
        let mut out: Vec<Mention> = Vec::new();
        let mut cursor = pos;
        for m in self.m.within(ByteSpan::new(start, pos)).rev() {
            if !self.is_agent(&m) || self.m.in_agency(m.span) || m.span.end > cursor {
                continue;
            }
            let gap = &text[m.span.end..cursor];
            let ok = if out.is_empty() { first_gap(gap) } else { self.list_gap(gap, Gap::List) };
            if !ok {
                break;
            }
            cursor = m.span.start;
            out.push(m);
        }
        out
    }

    /// The subject of a sentence: its first agency or country, when that is
    /// where the sentence starts rather than an object of a preposition.
    pub fn subject(&self, ss: usize, pos: usize) -> Option<Mention> {
        let m = self.m.within(ByteSpan::new(ss, pos)).find(|m| self.is_agent(m) && !self.m.in_agency(m.span))?;
        let prev = self.text()[ss..m.span.start].split_whitespace().next_back().unwrap_or("");
        if m.span.start - ss > 40 || self.g.words.prepositions.has(prev) || self.possessive(&m) {
            return None;
        }
        Some(m)
    }

    /// Countries right before a noun, allowing a list and one adjective
    /// between ("Portuguese and Romanian judicial authorities", "young Nigerian women").
    pub fn list_before_tight(&self, pos: usize, start: usize) -> Vec<Mention> {
        self.walk_back(pos, start, |gap| {
            let g = gap.trim();
            g.is_empty()
                || (gap.split_whitespace().count() == 1
                    && g.chars().all(|c| c.is_lowercase())
                    && g.len() > 2
                    && !self.g.words.list_words.has(g))
        })
    }

    /// The country a country or city mention stands for, when the document names it.
    pub fn country_of_mention(&self, m: &Mention) -> Option<crate::extract::entities::EntIdx> {
        match self.m.kind(m.ent) {
            EntityKind::Country => Some(m.ent),
            EntityKind::City => self.m.country(self.g, self.m.ent(m.ent).country?),
            _ => None,
        }
    }
}
