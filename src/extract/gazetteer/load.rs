//! Reading the data files: the built-in ones compiled into the binary and a
//! user's `--gazetteer` files, parsed and validated alike. A bad built-in
//! rule fails the crate's tests; a bad user rule fails with file:line:column.

use super::phrases::AutomatonError;
use super::rules::{trigger_id, Family};
use super::schema::{Example, GazetteerFile, RuleFile, Side, Words};
use crate::model::{EntityKind, RelationKind};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const COUNTRIES: &str = include_str!("../data/countries.ron");
const REGIONS: &str = include_str!("../data/regions.ron");
const AGENCIES: &str = include_str!("../data/agencies.ron");
const CITIES: &str = include_str!("../data/cities.ron");
const WORDS: &str = include_str!("../data/words.ron");
const RULES: &str = include_str!("../data/rules.ron");

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GazetteerError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file that does not parse, or a value in it that cannot be right.
    #[error("{}:{line}:{column}: {reason}", path.display())]
    Invalid { path: PathBuf, line: usize, column: usize, reason: String },
    #[error("{0}")]
    Automaton(#[from] AutomatonError),
}

/// A file's text with its name, to report positions in it.
struct Source<'a> {
    path: PathBuf,
    text: &'a str,
}

impl Source<'_> {
    fn parse<T: DeserializeOwned>(&self) -> Result<T, GazetteerError> {
        crate::error::ron_options().from_str(self.text).map_err(|e| GazetteerError::Invalid {
            path: self.path.clone(),
            line: e.span.start.line,
            column: e.span.start.col,
            reason: crate::error::one_line(&e.code.to_string()),
        })
    }

    /// An error pointing at the first place the file writes `needle` as a string.
    fn at(&self, needle: &str, reason: String) -> GazetteerError {
        let quoted = format!("\"{needle}\"");
        let (line, column) = match self.text.find(&quoted) {
            Some(at) => {
                let line = self.text[..at].matches('\n').count() + 1;
                let column = self.text[..at].chars().rev().take_while(|&c| c != '\n').count() + 1;
                (line, column)
            }
            None => (1, 1),
        };
        GazetteerError::Invalid { path: self.path.clone(), line, column, reason: crate::error::one_line(&reason) }
    }
}

fn builtin_source(name: &str, text: &'static str) -> Source<'static> {
    Source { path: PathBuf::from(format!("<builtin>/src/extract/data/{name}")), text }
}

/// The built-in data, parsed and validated.
pub(super) fn builtin() -> Result<GazetteerFile, GazetteerError> {
    let countries = builtin_source("countries.ron", COUNTRIES);
    let mut file = GazetteerFile {
        countries: countries.parse()?,
        regions: builtin_source("regions.ron", REGIONS).parse()?,
        agencies: Vec::new(),
        cities: Vec::new(),
        words: Words::default(),
        rules: RuleFile::default(),
    };
    let codes: BTreeSet<String> = file.countries.iter().map(|c| c.code.clone()).collect();
    validate_countries(&countries, &file)?;
    let agencies = builtin_source("agencies.ron", AGENCIES);
    file.agencies = agencies.parse()?;
    let cities = builtin_source("cities.ron", CITIES);
    file.cities = cities.parse()?;
    let words = builtin_source("words.ron", WORDS);
    file.words = words.parse()?;
    let rules = builtin_source("rules.ron", RULES);
    file.rules = rules.parse()?;
    validate_places(&agencies, &cities, &file, &codes)?;
    validate_words(&words, &file.words)?;
    validate_rules(&rules, &file.rules, true)?;
    Ok(file)
}

/// A user's file, validated against the built-in country codes.
pub(super) fn user_file(path: &Path) -> Result<GazetteerFile, GazetteerError> {
    let text = std::fs::read_to_string(path).map_err(|e| GazetteerError::Io { path: path.into(), source: e })?;
    let src = Source { path: path.to_path_buf(), text: &text };
    let file: GazetteerFile = src.parse()?;
    let builtin: Vec<super::CountryEntry> = builtin_source("countries.ron", COUNTRIES).parse()?;
    let codes: BTreeSet<String> = builtin.iter().chain(&file.countries).map(|c| c.code.clone()).collect();
    validate_countries(&src, &file)?;
    validate_places(&src, &src, &file, &codes)?;
    validate_words(&src, &file.words)?;
    validate_rules(&src, &file.rules, false)?;
    Ok(file)
}

fn validate_countries(src: &Source, file: &GazetteerFile) -> Result<(), GazetteerError> {
    for c in &file.countries {
        if c.code.len() != 2 || !c.code.chars().all(|ch| ch.is_ascii_lowercase()) {
            return Err(src.at(&c.code, format!("country code '{}' is not two lower-case letters (ISO 3166-1 alpha-2)", c.code)));
        }
        if c.name.trim().is_empty() {
            return Err(src.at(&c.code, format!("country '{}' has an empty name", c.code)));
        }
        if let Some(e) = c.aliases.iter().chain(&c.demonyms).find(|a| a.trim().is_empty()) {
            return Err(src.at(e, format!("country '{}' has an empty alias or demonym", c.code)));
        }
    }
    Ok(())
}

fn validate_places(agencies: &Source, cities: &Source, file: &GazetteerFile, codes: &BTreeSet<String>) -> Result<(), GazetteerError> {
    for a in &file.agencies {
        if a.id.trim().is_empty() || crate::model::slug(&a.id) != a.id {
            return Err(agencies.at(&a.id, format!("agency id '{}' must be a slug (lower-case letters, digits, hyphens)", a.id)));
        }
        if a.name.trim().is_empty() || a.aliases.iter().any(|x| x.trim().is_empty()) {
            return Err(agencies.at(&a.id, format!("agency '{}' has an empty name or alias", a.id)));
        }
        if let Some(c) = &a.country {
            if !codes.contains(c) {
                return Err(agencies.at(c, format!("agency '{}': unknown country code '{c}'", a.id)));
            }
        }
    }
    for c in &file.cities {
        if !codes.contains(&c.country) {
            return Err(cities.at(&c.country, format!("city '{}': unknown country code '{}'", c.name, c.country)));
        }
        if c.name.trim().is_empty() || c.aliases.iter().any(|x| x.trim().is_empty()) {
            return Err(cities.at(&c.name, "a city has an empty name or alias".to_string()));
        }
    }
    for r in &file.regions {
        if r.name.trim().is_empty() || r.aliases.iter().any(|x| x.trim().is_empty()) {
            return Err(cities.at(&r.name, "a region has an empty name or alias".to_string()));
        }
    }
    Ok(())
}

fn validate_words(src: &Source, w: &Words) -> Result<(), GazetteerError> {
    let lists: [(&str, &Vec<String>); 50] = [
        ("agency_heads", &w.agency_heads),
        ("frameworks", &w.frameworks),
        ("not_agencies", &w.not_agencies),
        ("agency_stop_tails", &w.agency_stop_tails),
        ("name_connectors", &w.name_connectors),
        ("leading_words", &w.leading_words),
        ("generic_openers", &w.generic_openers),
        ("generic_names", &w.generic_names),
        ("possessive_suffixes", &w.possessive_suffixes),
        ("not_operation_names", &w.not_operation_names),
        ("abroad_heads", &w.abroad_heads),
        ("authority_nouns", &w.authority_nouns),
        ("arrest_words", &w.arrest_words),
        ("arrest_not_before", &w.arrest_not_before),
        ("acting_verbs", &w.acting_verbs),
        ("smuggling_words", &w.smuggling_words),
        ("trafficking_stems", &w.trafficking_stems),
        ("migrant_words", &w.migrant_words),
        ("victim_words", &w.victim_words),
        ("team_heads", &w.team_heads),
        ("operation_terms", &w.operation_terms),
        ("operation_not_before", &w.operation_not_before),
        ("operation_not_after", &w.operation_not_after),
        ("ocg_terms", &w.ocg_terms),
        ("ocg_backrefs", &w.ocg_backrefs),
        ("list_words", &w.list_words),
        ("list_gap_words", &w.list_gap_words),
        ("list_item_words", &w.list_item_words),
        ("list_intro_nouns", &w.list_intro_nouns),
        ("list_intro_verbs", &w.list_intro_verbs),
        ("people_nouns", &w.people_nouns),
        ("subject_gap_words", &w.subject_gap_words),
        ("prepositions", &w.prepositions),
        ("object_markers", &w.object_markers),
        ("co_subject_words", &w.co_subject_words),
        ("clause_verbs", &w.clause_verbs),
        ("clause_breaks", &w.clause_breaks),
        ("before_trigger_not_followed_by", &w.before_trigger_not_followed_by),
        ("quantity_words", &w.quantity_words),
        ("months", &w.months),
        ("month_abbreviations", &w.month_abbreviations),
        ("date_prepositions", &w.date_prepositions),
        ("abbreviations", &w.abbreviations),
        ("numbered_place_words", &w.numbered_place_words),
        ("negation_cues", &w.negation_cues),
        ("negation_exceptions", &w.negation_exceptions),
        ("hedge_cues", &w.hedge_cues),
        ("scope_ends", &w.scope_ends),
        ("range_words", &w.range_words),
        ("month_prepositions", &w.month_prepositions),
    ];
    for (name, list) in lists {
        if list.iter().any(|x| x.trim().is_empty()) {
            return Err(src.at("", format!("words.{name}: an empty entry matches everything; remove it")));
        }
    }
    if let Some(r) = w.relative_dates.iter().find(|r| r.phrase.trim().is_empty() || r.from > r.to) {
        return Err(src.at(&r.phrase, "words.relative_dates: an empty phrase, or from after to".into()));
    }
    if let Some(n) = w.number_words.iter().find(|n| n.word.trim().is_empty()) {
        return Err(src.at(&n.word, "words.number_words: an empty word".into()));
    }
    Ok(())
}

/// Relations each trigger family can produce: agents act on operations,
/// places and nouns point at countries (or place an actor).
fn family_allows(side: Option<Side>, r: RelationKind) -> bool {
    match side {
        Some(_) => r.target() == EntityKind::Operation,
        None => matches!(
            r,
            RelationKind::ParticipatedIn
                | RelationKind::ArrestedIn
                | RelationKind::VictimsFrom
                | RelationKind::ExploitedIn
                | RelationKind::ActiveIn
                | RelationKind::Transited
        ),
    }
}

fn validate_rules(src: &Source, rules: &RuleFile, builtin: bool) -> Result<(), GazetteerError> {
    let mut ids = BTreeSet::new();
    let mut check = |phrase: &str, id: String, rel: RelationKind, side: Option<Side>, examples: &[Example]| {
        if phrase.trim().is_empty() {
            return Err(src.at(phrase, "a trigger with an empty phrase would match everywhere".into()));
        }
        if !family_allows(side, rel) {
            let family = if side.is_some() { "an agent trigger" } else { "a place or noun trigger" };
            return Err(src.at(phrase, format!("trigger '{phrase}': {family} cannot give '{rel}'")));
        }
        if let Some(s) = side {
            if (s == Side::Glued) != phrase.starts_with('-') {
                return Err(
                    src.at(phrase, format!("trigger '{phrase}': a glued trigger starts with '-' (\"-led\"), and only a glued one does"))
                );
            }
        }
        if !ids.insert(id.clone()) {
            return Err(src.at(phrase, format!("trigger '{id}' is given twice")));
        }
        validate_examples(src, phrase, examples)
    };
    for t in &rules.agent_triggers {
        if t.agents == super::Agents::Countries && t.relation == RelationKind::Supported {
            return Err(src.at(&t.phrase, format!("trigger '{}': a country cannot support (SCHEMA H12)", t.phrase)));
        }
        let id = trigger_id(&format!("agent-{}", t.side.as_str()), t.relation, &t.phrase);
        check(&t.phrase, id, t.relation, Some(t.side), &t.examples)?;
    }
    for t in &rules.place_triggers {
        check(&t.phrase, trigger_id("place", t.relation, &t.phrase), t.relation, None, &t.examples)?;
        if t.context.iter().chain(&t.blocked_by).any(|w| w.is_empty()) {
            return Err(src.at(&t.phrase, format!("trigger '{}': an empty context or blocked_by word matches everywhere", t.phrase)));
        }
    }
    for t in &rules.noun_triggers {
        check(&t.noun, trigger_id("noun", t.relation, &t.noun), t.relation, None, &t.examples)?;
    }
    for t in &rules.where_triggers {
        check(&t.word, trigger_id("where", t.relation, &t.word), t.relation, None, &t.examples)?;
    }
    if !builtin {
        if let Some(f) = rules.families.first() {
            return Err(src.at(&f.id, format!("family '{}': rule families are written in code; a user file adds triggers", f.id)));
        }
        return Ok(());
    }
    for f in &rules.families {
        if !Family::ALL.iter().any(|k| k.as_str() == f.id) {
            return Err(src.at(&f.id, format!("family '{}' is not a rule family of the extractor", f.id)));
        }
        validate_examples(src, &f.id, &f.examples)?;
    }
    for k in Family::ALL {
        if rules.families.iter().filter(|f| f.id == k.as_str()).count() != 1 {
            return Err(src.at("families", format!("family '{}' needs exactly one entry with its examples", k.as_str())));
        }
    }
    Ok(())
}

/// Examples parse as triples. (That every built-in rule has examples, and
/// that they hold, is the rules test's job: `tests/rules.rs`.)
fn validate_examples(src: &Source, rule: &str, examples: &[Example]) -> Result<(), GazetteerError> {
    for ex in examples {
        if ex.yields.is_empty() {
            return Err(src.at(&ex.text, format!("rule '{rule}': an example must say what it yields")));
        }
        for t in &ex.yields {
            ExpectedTriple::parse(t).map_err(|reason| src.at(t, format!("rule '{rule}': {reason}")))?;
        }
    }
    Ok(())
}

/// One triple of an example: `Europol -coordinated-> @op`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedTriple {
    pub source: String,
    pub relation: RelationKind,
    pub target: String,
}

impl ExpectedTriple {
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a triple like 'Europol -coordinated-> @op'");
        let (source, rest) = s.split_once(" -").ok_or_else(bad)?;
        let (rel, target) = rest.split_once("-> ").ok_or_else(bad)?;
        let relation = rel.parse::<RelationKind>().map_err(|e| e.to_string())?;
        if source.trim().is_empty() || target.trim().is_empty() {
            return Err(bad());
        }
        Ok(ExpectedTriple { source: source.trim().into(), relation, target: target.trim().into() })
    }
}
