//! Everything the extractor knows, compiled once: the name lists
//! (countries, regions, agencies, cities), the word lists the rules read
//! ([`Lexicon`]) and the trigger rules ([`Rules`]), turned into automata so
//! that matching stays linear in the text however many names there are.
//!
//! The data files under `src/extract/data/` are the defaults. A user file
//! (`--gazetteer FILE`) has the same shape ([`GazetteerFile`]): any of its
//! lists may be given, each adds to the defaults, and it is validated
//! exactly as the built-in files are.

mod lexicon;
mod load;
mod names;
mod phrases;
mod place_words;
mod rules;
pub mod schema;

pub use lexicon::Lexicon;
pub use load::{ExpectedTriple, GazetteerError};
pub use phrases::{word_bounded, DocList, DocPhrases, PhraseHit, PhraseList, PhraseScan, PhraseSet};
pub use place_words::{Occurrences, PlaceWords, WordId};
pub use rules::{AgentRule, Family, NounRule, PlaceRule, Rules, WhereRule};
pub use schema::{AgencyEntry, Agents, CityEntry, CountryEntry, Example, GazetteerFile, RegionEntry, Side};

use crate::model::ByteSpan;
use names::NameSearch;
use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;

/// What a surface form found in text stands for; the index is into the
/// gazetteer's list of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A country by name or alias.
    Country(usize),
    /// A country by its adjective or demonym ("Romanian").
    Demonym(usize),
    Region(usize),
    Agency(usize),
    City(usize),
}

impl Hit {
    /// The country a country name or demonym stands for.
    pub fn country(self) -> Option<usize> {
        match self {
            Hit::Country(i) | Hit::Demonym(i) => Some(i),
            _ => None,
        }
    }
}

/// A gazetteer name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameHit {
    pub span: ByteSpan,
    pub hit: Hit,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    pub countries: Vec<CountryEntry>,
    pub regions: Vec<RegionEntry>,
    pub agencies: Vec<AgencyEntry>,
    pub cities: Vec<CityEntry>,
    pub words: Lexicon,
    pub rules: Rules,
    /// The phrase lists searched in whole documents, as one automaton.
    pub phrases: PhraseScan,
    /// The words place rules look for before their phrases.
    pub place_words: PlaceWords,
    names: NameSearch,
    /// Countries and demonyms alone, to find a country inside a longer name.
    country_names: NameSearch,
    /// Lower-cased surface form -> what it names, for exact lookups.
    by_form: HashMap<String, Hit>,
    country_by_code: HashMap<String, usize>,
}

impl Gazetteer {
    /// The built-in data alone.
    pub fn builtin() -> Result<Self, GazetteerError> {
        Self::with_files(&[])
    }

    /// The built-in data plus the user's files, in order.
    pub fn with_files(paths: &[PathBuf]) -> Result<Self, GazetteerError> {
        Self::with_files_and(paths, Vec::new())
    }

    /// The built-in data, the user's files, then agencies learned while
    /// reading (acronyms one document defined, to be recognised in others).
    pub fn with_files_and(paths: &[PathBuf], learned: Vec<AgencyEntry>) -> Result<Self, GazetteerError> {
        let mut file = load::builtin()?;
        for p in paths {
            let user = load::user_file(p)?;
            file.countries.extend(user.countries);
            file.regions.extend(user.regions);
            file.agencies.extend(user.agencies);
            file.cities.extend(user.cities);
            file.words.extend(user.words);
            file.rules.extend(user.rules);
        }
        file.agencies.extend(learned);
        Self::compile(file)
    }

    fn compile(file: GazetteerFile) -> Result<Self, GazetteerError> {
        let GazetteerFile { countries, regions, agencies, cities, words, rules } = file;
        let mut forms: Vec<String> = Vec::new();
        let mut hits = Vec::new();
        let mut by_form = HashMap::default();
        // later entries win on the same form: a user's agency overrides a default one
        let mut add = |form: &str, hit: Hit| {
            if form.trim().is_empty() {
                return;
            }
            by_form.insert(form.to_lowercase(), hit);
            forms.push(form.to_string());
            hits.push(hit);
        };
        for (i, c) in countries.iter().enumerate() {
            add(&c.name, Hit::Country(i));
            c.aliases.iter().for_each(|a| add(a, Hit::Country(i)));
            c.demonyms.iter().for_each(|d| add(d, Hit::Demonym(i)));
        }
        for (i, r) in regions.iter().enumerate() {
            add(&r.name, Hit::Region(i));
            r.aliases.iter().for_each(|a| add(a, Hit::Region(i)));
        }
        for (i, c) in cities.iter().enumerate() {
            add(&c.name, Hit::City(i));
            c.aliases.iter().for_each(|a| add(a, Hit::City(i)));
        }
        for (i, a) in agencies.iter().enumerate() {
            add(&a.name, Hit::Agency(i));
            a.aliases.iter().for_each(|al| add(al, Hit::Agency(i)));
        }
        let (country_forms, country_hits): (Vec<&String>, Vec<Hit>) =
            forms.iter().zip(hits.iter()).filter(|(_, h)| h.country().is_some()).map(|(f, h)| (f, *h)).unzip();
        let country_names = NameSearch::new("country names", &country_forms, country_hits).map_err(GazetteerError::Automaton)?;
        let names = NameSearch::new("gazetteer names", &forms.iter().collect::<Vec<_>>(), hits).map_err(GazetteerError::Automaton)?;
        let country_by_code = countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let (words, rules) = (Lexicon::compile(words)?, Rules::compile(rules)?);
        let phrases = PhraseScan::new(|list| match list {
            DocList::AgentTriggers => &rules.agent_phrases,
            DocList::PlaceTriggers => &rules.place_phrases,
            DocList::NounTriggers => &rules.noun_phrases,
            DocList::AuthorityNouns => &words.authority_nouns,
            DocList::OperationTerms => words.operation_terms.list(),
            DocList::ArrestWords => words.arrest_words.list(),
            DocList::GroupTerms => words.ocg_terms.list(),
            DocList::GroupBackrefs => &words.ocg_backrefs,
            DocList::NegationCues => &words.negation_cues,
            DocList::NegationExceptions => &words.negation_exceptions,
            DocList::HedgeCues => &words.hedge_cues,
        })?;
        let place_words = PlaceWords::new(&rules.place, &words.lists.clause_breaks)?;
        Ok(Gazetteer {
            words,
            rules,
            phrases,
            place_words,
            countries,
            regions,
            agencies,
            cities,
            names,
            country_names,
            by_form,
            country_by_code,
        })
    }

    /// Every gazetteer name in `text`: leftmost-longest, whole words,
    /// case-sensitive (so "Chad" the country is not "chad").
    pub fn find_names(&self, text: &str) -> Vec<NameHit> {
        self.names.find(text)
    }

    /// Countries named inside `text` (an agency's name: "Global Affairs Canada").
    pub fn find_countries(&self, text: &str) -> Vec<NameHit> {
        self.country_names.find(text)
    }

    /// Exact (case-insensitive) lookup of a whole surface form.
    pub fn lookup(&self, form: &str) -> Option<Hit> {
        lexicon::with_lower(form.trim(), |lower| self.by_form.get(lower).copied())
    }

    /// The agency a whole form names, if it names one.
    pub fn agency(&self, form: &str) -> Option<usize> {
        match self.lookup(form) {
            Some(Hit::Agency(i)) => Some(i),
            _ => None,
        }
    }

    /// Country index of a form that names a country (by name, alias or demonym).
    pub fn country_of_form(&self, form: &str) -> Option<usize> {
        let f = form.trim();
        let f = f.strip_prefix("The ").or_else(|| f.strip_prefix("the ")).unwrap_or(f);
        self.lookup(f).or_else(|| self.lookup(form)).and_then(Hit::country)
    }

    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }

    /// The names a country goes by in front of a body's name: its name,
    /// demonyms and aliases ("Hungarian National Bureau of Investigation").
    pub fn country_prefixes(&self, ci: usize) -> impl Iterator<Item = &String> {
        let c = &self.countries[ci];
        std::iter::once(&c.name).chain(c.demonyms.iter()).chain(c.aliases.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_and_knows_the_core_names() {
        let g = Gazetteer::builtin().unwrap();
        assert!(g.countries.len() >= 249);
        let text = "Romanian authorities and Europol met the Dutch police in the Netherlands.";
        let forms: Vec<&str> = g.find_names(text).iter().map(|h| h.span.of(text)).collect();
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
}
