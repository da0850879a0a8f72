//! The trigger rules of `data/rules.ron`, compiled: each rule gets a stable
//! id (`family:relation:phrase`) that every relation it produces carries, so
//! an analyst can judge an edge and a maintainer can find the rule.

use super::load::GazetteerError;
use super::phrases::PhraseList;
use super::schema::{Agents, RuleFile, Side};
use crate::model::RelationKind;

/// A rule family written in code. Each has an entry with examples in
/// `data/rules.ron` (`families:`); the loader refuses a file that lacks one
/// or names one that does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Every body of a `Country: body; body` list took part; so did the country.
    AuthorityList,
    /// "– Latvia, Estonia and Lithuania –": a line of country names lists who took part.
    CountryLine,
    /// "Romanian authorities", "police in Spain": the country acted.
    AuthorityNoun,
    /// "an INTERPOL operation": the body ran it.
    AgencyNamedWithAction,
    /// "In Spain, the Guardia Civil arrested 12": the place of the sentence's action.
    OpeningPlace,
    /// "Europol supported the Spanish National Police": the body supported acted.
    SupportedBodyActed,
    /// "liaison officers from Bulgaria assisted": a country cannot support, it took part (H12).
    CountryAssisted,
    /// A group that exploited victims in a country was active there.
    ExploitationIsActivity,
    /// The document's operation targeted the document's group.
    OperationTargetsGroup,
    /// "a Lyon-Tirana ring": places in the group's label are where it operates.
    GroupPlaceLabel,
    /// A national body belongs to the country its name, list or context gives.
    BasedIn,
}

impl Family {
    pub const ALL: [Family; 11] = [
        Family::AuthorityList,
        Family::CountryLine,
        Family::AuthorityNoun,
        Family::AgencyNamedWithAction,
        Family::OpeningPlace,
        Family::SupportedBodyActed,
        Family::CountryAssisted,
        Family::ExploitationIsActivity,
        Family::OperationTargetsGroup,
        Family::GroupPlaceLabel,
        Family::BasedIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::AuthorityList => "authority-list",
            Family::CountryLine => "country-line",
            Family::AuthorityNoun => "authority-noun",
            Family::AgencyNamedWithAction => "agency-named-with-action",
            Family::OpeningPlace => "opening-place",
            Family::SupportedBodyActed => "supported-body-acted",
            Family::CountryAssisted => "country-assisted",
            Family::ExploitationIsActivity => "exploitation-is-activity",
            Family::OperationTargetsGroup => "operation-targets-group",
            Family::GroupPlaceLabel => "group-place-label",
            Family::BasedIn => "based-in",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AgentRule {
    pub id: String,
    pub phrase: String,
    pub relation: RelationKind,
    pub side: Side,
    pub agents: Agents,
    pub loose: bool,
}

#[derive(Clone, Debug)]
pub struct PlaceRule {
    pub id: String,
    pub relation: RelationKind,
    /// Lower-cased context words.
    pub context: Vec<String>,
    /// Lower-cased words that cancel the context when they stand between it and the phrase.
    pub blocked_by: Vec<String>,
    pub min_places: usize,
}

#[derive(Clone, Debug)]
pub struct WhereRule {
    pub id: String,
    pub relation: RelationKind,
    /// Lower-cased.
    pub word: String,
}

#[derive(Clone, Debug)]
pub struct NounRule {
    pub id: String,
    pub relation: RelationKind,
    /// Its context words, as indices into [`Rules::noun_context`]'s patterns.
    pub context: Vec<usize>,
}

pub struct Rules {
    pub agent: Vec<AgentRule>,
    pub place: Vec<PlaceRule>,
    pub noun: Vec<NounRule>,
    pub wheres: Vec<WhereRule>,
    /// Ids of the loose cooperation triggers.
    pub loose: std::collections::HashSet<String>,
    pub agent_phrases: PhraseList,
    pub place_phrases: PhraseList,
    pub noun_phrases: PhraseList,
    /// Every noun trigger's context words, searched once per document.
    pub noun_context: aho_corasick::AhoCorasick,
    /// The file as written, examples included (the rules test runs them).
    pub file: RuleFile,
    /// Phrases of triggers whose agent comes before them ("coordinated"):
    /// one right after a list item starts a new clause.
    before_phrases: std::collections::HashSet<String>,
}

impl Rules {
    pub fn is_before_phrase(&self, word: &str) -> bool {
        self.before_phrases.contains(word)
    }
}

/// The id a trigger's relations carry.
pub fn trigger_id(family: &str, relation: RelationKind, phrase: &str) -> String {
    format!("{family}:{relation}:{}", phrase.trim())
}

impl Rules {
    pub(super) fn compile(file: RuleFile) -> Result<Self, GazetteerError> {
        let agent: Vec<AgentRule> = file
            .agent_triggers
            .iter()
            .map(|t| AgentRule {
                id: trigger_id(&format!("agent-{}", t.side.as_str()), t.relation, &t.phrase),
                phrase: t.phrase.clone(),
                relation: t.relation,
                side: t.side,
                agents: t.agents,
                loose: t.loose,
            })
            .collect();
        let lower = |v: &[String]| v.iter().map(|c| c.to_lowercase()).collect::<Vec<_>>();
        let place: Vec<PlaceRule> = file
            .place_triggers
            .iter()
            .map(|t| PlaceRule {
                id: trigger_id("place", t.relation, &t.phrase),
                relation: t.relation,
                context: lower(&t.context),
                blocked_by: lower(&t.blocked_by),
                min_places: t.min_places,
            })
            .collect();
        let mut context_words: Vec<String> = Vec::new();
        let mut word_index = |w: &str| {
            let w = w.to_lowercase();
            match context_words.iter().position(|x| *x == w) {
                Some(i) => i,
                None => {
                    context_words.push(w);
                    context_words.len() - 1
                }
            }
        };
        let noun: Vec<NounRule> = file
            .noun_triggers
            .iter()
            .map(|t| NounRule {
                id: trigger_id("noun", t.relation, &t.noun),
                relation: t.relation,
                context: t.context.iter().map(|w| word_index(w)).collect(),
            })
            .collect();
        let noun_context = aho_corasick::AhoCorasick::new(&context_words)
            .map_err(|e| super::phrases::AutomatonError { what: "noun trigger context".into(), reason: e.to_string() })?;
        let agent_phrases = PhraseList::new(&file.agent_triggers.iter().map(|t| t.phrase.as_str()).collect::<Vec<_>>());
        let place_phrases = PhraseList::new(&file.place_triggers.iter().map(|t| t.phrase.as_str()).collect::<Vec<_>>());
        let noun_phrases = PhraseList::new(&file.noun_triggers.iter().map(|t| t.noun.as_str()).collect::<Vec<_>>());
        let wheres = file
            .where_triggers
            .iter()
            .map(|t| WhereRule { id: trigger_id("where", t.relation, &t.word), relation: t.relation, word: t.word.to_lowercase() })
            .collect();
        let loose = agent.iter().filter(|r| r.loose).map(|r| r.id.clone()).collect();
        let before_phrases = agent.iter().filter(|r| r.side == Side::Before).map(|r| r.phrase.to_lowercase()).collect();
        Ok(Rules { agent, place, noun, wheres, loose, agent_phrases, place_phrases, noun_phrases, noun_context, file, before_phrases })
    }
}
