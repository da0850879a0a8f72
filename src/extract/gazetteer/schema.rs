//! The typed shape of the data files under `src/extract/data/` and of a
//! user's `--gazetteer` file. Every struct refuses fields it does not know,
//! so a misspelt key is an error with its line and column, never a rule that
//! silently does nothing; relations are [`RelationKind`]s, sides and agents
//! are enums.

use crate::model::RelationKind;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-2, lower case (Kosovo: "xk").
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives and demonyms ("Romanian", "Dutch").
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO code of a national body; none for an international one.
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityEntry {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A number written as a word ("six suspects").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWord {
    pub word: String,
    pub value: u32,
}

/// The English the rules read, as word lists (`data/words.ron`). Each list
/// is used by every pass that needs it; a user file adds to any of them.
/// Unless a list says otherwise, its words are matched case-sensitively as
/// whole words.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Words {
    // -- names of bodies
    pub agency_heads: Vec<String>,
    pub frameworks: Vec<String>,
    pub not_agencies: Vec<String>,
    pub agency_stop_tails: Vec<String>,
    pub name_connectors: Vec<String>,
    pub leading_words: Vec<String>,
    pub generic_openers: Vec<String>,
    pub generic_names: Vec<String>,
    pub possessive_suffixes: Vec<String>,
    pub not_operation_names: Vec<String>,
    pub abroad_heads: Vec<String>,
    // -- actions, operations and groups
    pub authority_nouns: Vec<String>,
    pub arrest_words: Vec<String>,
    pub arrest_not_before: Vec<String>,
    pub acting_verbs: Vec<String>,
    pub smuggling_words: Vec<String>,
    pub trafficking_stems: Vec<String>,
    pub migrant_words: Vec<String>,
    pub victim_words: Vec<String>,
    pub team_heads: Vec<String>,
    pub operation_terms: Vec<String>,
    pub operation_not_before: Vec<String>,
    pub operation_not_after: Vec<String>,
    pub ocg_terms: Vec<String>,
    pub ocg_backrefs: Vec<String>,
    pub label_words: Vec<String>,
    // -- the grammar of lists and clauses
    pub list_words: Vec<String>,
    pub list_gap_words: Vec<String>,
    pub list_item_words: Vec<String>,
    pub list_intro_nouns: Vec<String>,
    pub list_intro_verbs: Vec<String>,
    pub people_nouns: Vec<String>,
    pub subject_gap_words: Vec<String>,
    pub prepositions: Vec<String>,
    pub object_markers: Vec<String>,
    pub co_subject_words: Vec<String>,
    pub clause_verbs: Vec<String>,
    pub clause_breaks: Vec<String>,
    pub before_trigger_not_followed_by: Vec<String>,
    // -- numbers, dates and abbreviations
    pub number_words: Vec<NumberWord>,
    pub quantity_words: Vec<String>,
    pub months: Vec<String>,
    pub month_abbreviations: Vec<String>,
    pub date_prepositions: Vec<String>,
    pub abbreviations: Vec<String>,
    pub numbered_place_words: Vec<String>,
    // -- polarity: statements that deny or hedge (`extract::negation`)
    pub negation_cues: Vec<String>,
    pub negation_exceptions: Vec<String>,
    pub hedge_cues: Vec<String>,
    pub scope_ends: Vec<String>,
    // -- dates of operations (`extract::dates`)
    pub range_words: Vec<String>,
    pub month_prepositions: Vec<String>,
    pub relative_dates: Vec<RelativeDate>,
}

/// A date said relative to the release ("last week"): days before (negative)
/// or after the release's own date, both ends included.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDate {
    pub phrase: String,
    pub from: i32,
    pub to: i32,
}

impl Words {
    pub(super) fn extend(&mut self, other: Words) {
        macro_rules! ext {
            ($($f:ident),*) => { $( self.$f.extend(other.$f); )* };
        }
        ext!(
            agency_heads,
            frameworks,
            not_agencies,
            agency_stop_tails,
            name_connectors,
            leading_words,
            generic_openers,
            generic_names,
            possessive_suffixes,
            not_operation_names,
            abroad_heads,
            authority_nouns,
            arrest_words,
            arrest_not_before,
            acting_verbs,
            smuggling_words,
            trafficking_stems,
            migrant_words,
            victim_words,
            team_heads,
            operation_terms,
            operation_not_before,
            operation_not_after,
            ocg_terms,
            ocg_backrefs,
            label_words,
            list_words,
            list_gap_words,
            list_item_words,
            list_intro_nouns,
            list_intro_verbs,
            people_nouns,
            subject_gap_words,
            prepositions,
            object_markers,
            co_subject_words,
            clause_verbs,
            clause_breaks,
            before_trigger_not_followed_by,
            number_words,
            quantity_words,
            months,
            month_abbreviations,
            date_prepositions,
            abbreviations,
            numbered_place_words,
            negation_cues,
            negation_exceptions,
            hedge_cues,
            scope_ends,
            range_words,
            month_prepositions,
            relative_dates
        );
    }
}

/// Where a trigger's agent is named.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// "coordinated by Europol and Frontex"
    After,
    /// "Europol and Frontex coordinated"
    Before,
    /// "INTERPOL-coordinated": the agent is joined to the phrase by a hyphen
    /// that the phrase itself starts with.
    Glued,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::After => "after",
            Side::Before => "before",
            Side::Glued => "glued",
        }
    }
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

/// A sentence (or a few) a rule must read, and what it must produce from
/// them: triples written `Source -relation-> Target`, each end an entity's
/// name or alias, or `@op` / `@group` for the document's operation or group.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub yields: Vec<String>,
}

/// "coordinated by X" (agent after) or "X coordinated" (agent before).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentTrigger {
    pub phrase: String,
    pub relation: RelationKind,
    pub side: Side,
    #[serde(default)]
    pub agents: Agents,
    /// Loose cooperation wording ("in cooperation with X"): the participation
    /// it gives yields to a more specific role of X in the same operation (H10).
    #[serde(default)]
    pub loose: bool,
    /// What the rule must produce.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts the rule must not fire on.
    #[serde(default)]
    pub not: Vec<String>,
}

/// "recruited in X": the place named after the phrase.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceTrigger {
    pub phrase: String,
    pub relation: RelationKind,
    /// Words one of which must come shortly before the phrase in its sentence.
    #[serde(default)]
    pub context: Vec<String>,
    /// Words that, between the context word and the phrase, show the phrase
    /// belongs to another statement ("victims from A to be exploited in B").
    #[serde(default)]
    pub blocked_by: Vec<String>,
    /// The fewest countries the place list must name: a single arrest or
    /// search place says where one action was, a list of many says where the
    /// operation ran (SCHEMA H7).
    #[serde(default)]
    pub min_places: usize,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// "A, where the victims were recruited": the place named right before a
/// "where" clause is where the clause's statement happened.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhereTrigger {
    /// A word of the "where" clause that says what happened there.
    pub word: String,
    pub relation: RelationKind,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// "Romanian citizens": the country named right before the noun.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NounTrigger {
    pub noun: String,
    pub relation: RelationKind,
    /// Words one of which must occur in the sentence.
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// A rule family written in code (list walking, derived relations): its id,
/// what it does, and the examples that pin it down.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyEntry {
    pub id: String,
    pub about: String,
    pub examples: Vec<Example>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// The rules of `data/rules.ron`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleFile {
    pub agent_triggers: Vec<AgentTrigger>,
    pub place_triggers: Vec<PlaceTrigger>,
    pub noun_triggers: Vec<NounTrigger>,
    pub where_triggers: Vec<WhereTrigger>,
    pub families: Vec<FamilyEntry>,
}

impl RuleFile {
    pub(super) fn extend(&mut self, other: RuleFile) {
        self.agent_triggers.extend(other.agent_triggers);
        self.place_triggers.extend(other.place_triggers);
        self.noun_triggers.extend(other.noun_triggers);
        self.where_triggers.extend(other.where_triggers);
        self.families.extend(other.families);
    }
}

/// The shape of a user gazetteer file: every list optional, each added to
/// the built-in data.
///
/// ```ron
/// (
///     agencies: [(id: "kripos", name: "Kripos", aliases: ["National Criminal Investigation Service"], country: Some("no"))],
///     cities: [(name: "Tromsø", country: "no")],
///     words: (agency_heads: ["Politidistrikt"]),
///     rules: (agent_triggers: [(phrase: "backed by", relation: "supported", side: after,
///         examples: [(text: "An action day backed by Kripos.", yields: ["Kripos -supported-> @op"])])]),
/// )
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GazetteerFile {
    pub countries: Vec<CountryEntry>,
    pub regions: Vec<RegionEntry>,
    pub agencies: Vec<AgencyEntry>,
    pub cities: Vec<CityEntry>,
    pub words: Words,
    pub rules: RuleFile,
}
