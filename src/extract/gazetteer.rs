//! Gazetteers and rule lists: compiled-in RON data plus the user's own
//! files, turned into automata once so that matching stays linear in the
//! text however many names there are.
//!
//! The data files under `src/extract/data/` are the defaults. A user file
//! (`--gazetteer FILE`) has the same shape as [`GazetteerFile`]: any of its
//! lists may be given, and each adds to the defaults.

use crate::error::{Error, Result};
use crate::model::RelationKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

const COUNTRIES: &str = include_str!("data/countries.ron");
const REGIONS: &str = include_str!("data/regions.ron");
const AGENCIES: &str = include_str!("data/agencies.ron");
const CITIES: &str = include_str!("data/cities.ron");
const RULES: &str = include_str!("data/rules.ron");

#[derive(Clone, Debug, Deserialize)]
pub struct CountryEntry {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RegionEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AgencyEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CityEntry {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Who may be the agent of an [`AgentTrigger`].
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Agents {
    #[default]
    Any,
    Agencies,
    Countries,
}

/// "coordinated by X" (agent after) or "X coordinated" (agent before).
#[derive(Clone, Debug, Deserialize)]
pub struct AgentTrigger {
    pub relation: String,
    pub phrase: String,
    pub agent: String,
    #[serde(default)]
    pub agents: Agents,
}

/// "recruited in X": the place named after the phrase.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaceTrigger {
    pub relation: String,
    pub phrase: String,
    #[serde(default)]
    pub context: Vec<String>,
}

/// "Romanian citizens": the country named right before the noun.
#[derive(Clone, Debug, Deserialize)]
pub struct NounTrigger {
    pub relation: String,
    pub noun: String,
    #[serde(default)]
    pub context: Vec<String>,
}

/// The rule lists of `data/rules.ron`; see that file for what each is for.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Rules {
    pub agency_heads: Vec<String>,
    pub agency_stop_tails: Vec<String>,
    pub not_agencies: Vec<String>,
    pub frameworks: Vec<String>,
    pub arrest_not_before: Vec<String>,
    pub name_connectors: Vec<String>,
    pub leading_words: Vec<String>,
    pub generic_names: Vec<String>,
    pub generic_openers: Vec<String>,
    pub authority_nouns: Vec<String>,
    pub arrest_words: Vec<String>,
    pub smuggling_words: Vec<String>,
    pub operation_terms: Vec<String>,
    pub operation_not_before: Vec<String>,
    pub operation_not_after: Vec<String>,
    pub ocg_terms: Vec<String>,
    pub ocg_backrefs: Vec<String>,
    pub list_gap_words: Vec<String>,
    pub before_trigger_not_followed_by: Vec<String>,
    pub agent_triggers: Vec<AgentTrigger>,
    pub place_triggers: Vec<PlaceTrigger>,
    pub noun_triggers: Vec<NounTrigger>,
}

impl Rules {
    fn extend(&mut self, other: Rules) {
        self.agency_heads.extend(other.agency_heads);
        self.agency_stop_tails.extend(other.agency_stop_tails);
        self.not_agencies.extend(other.not_agencies);
        self.frameworks.extend(other.frameworks);
        self.arrest_not_before.extend(other.arrest_not_before);
        self.name_connectors.extend(other.name_connectors);
        self.leading_words.extend(other.leading_words);
        self.generic_names.extend(other.generic_names);
        self.generic_openers.extend(other.generic_openers);
        self.authority_nouns.extend(other.authority_nouns);
        self.arrest_words.extend(other.arrest_words);
        self.smuggling_words.extend(other.smuggling_words);
        self.operation_terms.extend(other.operation_terms);
        self.operation_not_before.extend(other.operation_not_before);
        self.operation_not_after.extend(other.operation_not_after);
        self.ocg_terms.extend(other.ocg_terms);
        self.ocg_backrefs.extend(other.ocg_backrefs);
        self.list_gap_words.extend(other.list_gap_words);
        self.before_trigger_not_followed_by.extend(other.before_trigger_not_followed_by);
        self.agent_triggers.extend(other.agent_triggers);
        self.place_triggers.extend(other.place_triggers);
        self.noun_triggers.extend(other.noun_triggers);
    }
}

/// The shape of a user gazetteer file: every list optional, each added to
/// the compiled-in defaults.
///
/// ```ron
/// (
///     agencies: [(id: "kripos", name: "Kripos", aliases: ["National Criminal Investigation Service"], country: Some("no"))],
///     cities: [(name: "Tromsø", country: "no")],
///     rules: (agent_triggers: [(relation: "supported", phrase: "backed by", agent: "after")]),
/// )
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GazetteerFile {
    pub countries: Vec<CountryEntry>,
    pub regions: Vec<RegionEntry>,
    pub agencies: Vec<AgencyEntry>,
    pub cities: Vec<CityEntry>,
    pub rules: Rules,
}

/// What a surface form found in text stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A country by name or alias; index into `countries`.
    Country(usize),
    /// A country by its adjective or demonym ("Romanian").
    Demonym(usize),
    Region(usize),
    Agency(usize),
    City(usize),
}

/// A phrase list compiled for case-insensitive, whole-word search.
#[derive(Clone, Debug)]
pub struct PhraseSet {
    ac: AhoCorasick,
    len: usize,
}

impl PhraseSet {
    fn new<S: AsRef<str>>(phrases: &[S]) -> Result<Self> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(phrases.iter().map(|p| p.as_ref()))
            .map_err(|e| Error::Query(format!("gazetteer rules: {e}")))?;
        Ok(PhraseSet { ac, len: phrases.len() })
    }

    /// Every whole-word occurrence, overlapping ones included, as (pattern, start, end).
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        if self.len == 0 {
            return Vec::new();
        }
        // line breaks inside a phrase ("with the support\nof") match as spaces;
        // the replacement keeps every byte offset
        let flat: std::borrow::Cow<str> =
            if text.contains(['\n', '\r', '\t']) { std::borrow::Cow::Owned(text.replace(['\n', '\r', '\t'], " ")) } else { text.into() };
        let mut out: Vec<_> = self
            .ac
            .find_overlapping_iter(flat.as_ref())
            .filter(|m| word_bounded(text, m.start(), m.end()))
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        out.sort_by_key(|&(p, s, e)| (s, std::cmp::Reverse(e), p));
        out
    }

    /// Does any phrase occur (whole-word) in `text`?
    pub fn any_in(&self, text: &str) -> bool {
        self.len > 0 && self.ac.find_overlapping_iter(text).any(|m| word_bounded(text, m.start(), m.end()))
    }
}

/// True when the match neither starts nor ends inside a word. Patterns that
/// begin or end with punctuation ("-led") bound themselves on that side.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    (!is_word(first) || !is_word(before)) && (!is_word(last) || !is_word(after))
}

/// Everything the extractor knows, compiled.
pub struct Gazetteer {
    pub countries: Vec<CountryEntry>,
    pub regions: Vec<RegionEntry>,
    pub agencies: Vec<AgencyEntry>,
    pub cities: Vec<CityEntry>,
    pub rules: Rules,
    names: AhoCorasick,
    hits: Vec<Hit>,
    /// countries and demonyms alone, to find a country inside a longer name
    country_names: AhoCorasick,
    country_hits: Vec<Hit>,
    /// lower-cased surface form -> hit, for exact lookups of list headings and segments
    by_form: HashMap<String, Hit>,
    country_by_code: HashMap<String, usize>,
    pub operation_terms: PhraseSet,
    pub ocg_terms: PhraseSet,
    pub ocg_backrefs: PhraseSet,
    pub agent_triggers: PhraseSet,
    pub place_triggers: PhraseSet,
    pub noun_triggers: PhraseSet,
    pub authority_nouns: PhraseSet,
    pub arrest_words: PhraseSet,
}

impl Gazetteer {
    /// The compiled-in defaults alone.
    pub fn builtin() -> Result<Self> {
        Self::with_files(&[])
    }

    /// The defaults plus the user's files, in order.
    pub fn with_files(paths: &[std::path::PathBuf]) -> Result<Self> {
        Self::with_files_and(paths, Vec::new())
    }

    /// The defaults, the user's files, then agencies learned while reading
    /// (acronyms a document defined, to be recognised in the others).
    pub fn with_files_and(paths: &[std::path::PathBuf], learned: Vec<AgencyEntry>) -> Result<Self> {
        let mut file = GazetteerFile {
            countries: parse_builtin("countries.ron", COUNTRIES)?,
            regions: parse_builtin("regions.ron", REGIONS)?,
            agencies: parse_builtin("agencies.ron", AGENCIES)?,
            cities: parse_builtin("cities.ron", CITIES)?,
            rules: parse_builtin("rules.ron", RULES)?,
        };
        for p in paths {
            let user = load_user_file(p)?;
            validate_user(&user, p)?;
            file.countries.extend(user.countries);
            file.regions.extend(user.regions);
            file.agencies.extend(user.agencies);
            file.cities.extend(user.cities);
            file.rules.extend(user.rules);
        }
        file.agencies.extend(learned);
        Self::compile(file)
    }

    fn compile(file: GazetteerFile) -> Result<Self> {
        let GazetteerFile { countries, regions, agencies, cities, rules } = file;
        let mut forms: Vec<String> = Vec::new();
        let mut hits = Vec::new();
        let mut by_form = HashMap::new();
        // later entries win on the same form: a user's agency overrides a default one
        let mut add = |form: &str, hit: Hit, forms: &mut Vec<String>, hits: &mut Vec<Hit>| {
            if form.trim().is_empty() {
                return;
            }
            by_form.insert(form.to_lowercase(), hit.clone());
            forms.push(form.to_string());
            hits.push(hit);
        };
        for (i, c) in countries.iter().enumerate() {
            add(&c.name, Hit::Country(i), &mut forms, &mut hits);
            for a in &c.aliases {
                add(a, Hit::Country(i), &mut forms, &mut hits);
            }
            for d in &c.demonyms {
                add(d, Hit::Demonym(i), &mut forms, &mut hits);
            }
        }
        for (i, r) in regions.iter().enumerate() {
            add(&r.name, Hit::Region(i), &mut forms, &mut hits);
            for a in &r.aliases {
                add(a, Hit::Region(i), &mut forms, &mut hits);
            }
        }
        for (i, c) in cities.iter().enumerate() {
            add(&c.name, Hit::City(i), &mut forms, &mut hits);
            for a in &c.aliases {
                add(a, Hit::City(i), &mut forms, &mut hits);
            }
        }
        for (i, a) in agencies.iter().enumerate() {
            add(&a.name, Hit::Agency(i), &mut forms, &mut hits);
            for al in &a.aliases {
                add(al, Hit::Agency(i), &mut forms, &mut hits);
            }
        }
        let names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .map_err(|e| Error::Query(format!("gazetteer: {e}")))?;
        let (country_forms, country_hits): (Vec<&String>, Vec<Hit>) = forms
            .iter()
            .zip(hits.iter())
            .filter(|(_, h)| matches!(h, Hit::Country(_) | Hit::Demonym(_)))
            .map(|(f, h)| (f, h.clone()))
            .unzip();
        let country_names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(country_forms)
            .map_err(|e| Error::Query(format!("gazetteer: {e}")))?;
        let country_by_code = countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let agent_phrases: Vec<&str> = rules.agent_triggers.iter().map(|t| t.phrase.as_str()).collect();
        let place_phrases: Vec<&str> = rules.place_triggers.iter().map(|t| t.phrase.as_str()).collect();
        let noun_phrases: Vec<&str> = rules.noun_triggers.iter().map(|t| t.noun.as_str()).collect();
        Ok(Gazetteer {
            operation_terms: PhraseSet::new(&rules.operation_terms)?,
            ocg_terms: PhraseSet::new(&rules.ocg_terms)?,
            ocg_backrefs: PhraseSet::new(&rules.ocg_backrefs)?,
            agent_triggers: PhraseSet::new(&agent_phrases)?,
            place_triggers: PhraseSet::new(&place_phrases)?,
            noun_triggers: PhraseSet::new(&noun_phrases)?,
            authority_nouns: PhraseSet::new(&rules.authority_nouns)?,
            arrest_words: PhraseSet::new(&rules.arrest_words)?,
            countries,
            regions,
            agencies,
            cities,
            rules,
            names,
            hits,
            country_names,
            country_hits,
            by_form,
            country_by_code,
        })
    }

    /// Every gazetteer name in `text`: leftmost-longest, whole words,
    /// case-sensitive (so "Chad" the country is not "chad").
    pub fn find_names(&self, text: &str) -> Vec<(usize, usize, Hit)> {
        whole_word_hits(&self.names, &self.hits, text)
    }

    /// Countries named inside `text` (an agency's name: "Global Affairs Canada").
    pub fn find_countries(&self, text: &str) -> Vec<(usize, usize, Hit)> {
        whole_word_hits(&self.country_names, &self.country_hits, text)
    }

    /// Exact (case-insensitive) lookup of a whole surface form.
    pub fn lookup(&self, form: &str) -> Option<&Hit> {
        self.by_form.get(&form.trim().to_lowercase())
    }

    /// Country index of a form that names a country (by name, alias or demonym).
    pub fn country_of_form(&self, form: &str) -> Option<usize> {
        let f = form.trim();
        let f = f.strip_prefix("The ").or_else(|| f.strip_prefix("the ")).unwrap_or(f);
        match self.lookup(f).or_else(|| self.lookup(form)) {
            Some(Hit::Country(i)) | Some(Hit::Demonym(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }
}

/// Whole-word matches of an automaton, with what each pattern stands for.
fn whole_word_hits(ac: &AhoCorasick, hits: &[Hit], text: &str) -> Vec<(usize, usize, Hit)> {
    ac.find_iter(text)
        .filter(|m| word_bounded(text, m.start(), m.end()))
        .map(|m| (m.start(), m.end(), hits[m.pattern().as_usize()].clone()))
        .collect()
}

fn parse_builtin<T: for<'de> Deserialize<'de>>(name: &str, src: &str) -> Result<T> {
    ron::from_str(src).map_err(|e| Error::ron(format!("<builtin>/src/extract/data/{name}"), e))
}

fn load_user_file(path: &Path) -> Result<GazetteerFile> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    crate::error::ron_options().from_str(&text).map_err(|e| Error::ron(path, e))
}

/// Relations named in a user's triggers must exist; say which one does not.
fn validate_user(file: &GazetteerFile, path: &Path) -> Result<()> {
    let relations = file
        .rules
        .agent_triggers
        .iter()
        .map(|t| (&t.relation, &t.phrase))
        .chain(file.rules.place_triggers.iter().map(|t| (&t.relation, &t.phrase)))
        .chain(file.rules.noun_triggers.iter().map(|t| (&t.relation, &t.noun)));
    for (rel, phrase) in relations {
        rel.parse::<RelationKind>().map_err(|e| Error::input(path, format!("trigger '{phrase}': {e}")))?;
    }
    for t in &file.rules.agent_triggers {
        if t.agent != "before" && t.agent != "after" {
            return Err(Error::input(path, format!("trigger '{}': agent must be \"before\" or \"after\", not \"{}\"", t.phrase, t.agent)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_and_knows_the_core_names() {
        let g = Gazetteer::builtin().unwrap();
        assert!(g.countries.len() >= 249);
        let text = "Romanian authorities and Europol met the Dutch police in the Netherlands.";
        let hits = g.find_names(text);
        let forms: Vec<&str> = hits.iter().map(|(s, e, _)| &text[*s..*e]).collect();
        assert!(forms.contains(&"Romanian") && forms.contains(&"Europol") && forms.contains(&"the Netherlands"), "{forms:?}");
        assert!(matches!(g.lookup("UK"), Some(Hit::Country(_))));
    }

    #[test]
    fn regions_are_never_countries() {
        let g = Gazetteer::builtin().unwrap();
        for form in ["Latin America", "the EU", "MENA"] {
            assert!(matches!(g.lookup(form), Some(Hit::Region(_))), "{form}");
        }
    }

    #[test]
    fn a_user_file_adds_agencies_and_rejects_unknown_relations() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mine.ron");
        std::fs::write(&p, r#"(agencies: [(id: "kripos", name: "Kripos", country: Some("no"))])"#).unwrap();
        let g = Gazetteer::with_files(std::slice::from_ref(&p)).unwrap();
        assert!(matches!(g.lookup("Kripos"), Some(Hit::Agency(_))));
        std::fs::write(&p, r#"(rules: (place_triggers: [(relation: "hid-in", phrase: "hid in")]))"#).unwrap();
        let e = Gazetteer::with_files(std::slice::from_ref(&p)).err().unwrap().to_string();
        assert!(e.contains("mine.ron") && e.contains("hid-in"), "{e}");
        std::fs::write(&p, "(agencies: [(id: 1)])").unwrap();
        let e = Gazetteer::with_files(&[p]).err().unwrap().to_string();
        assert!(e.contains("mine.ron:1:"), "{e}");
    }
}
