//! Questions in plain English, mapped onto queries. The question is first
//! tidied (case, punctuation, "&", quotes, "please"), a date qualifier is
//! taken out of it ("in 2024", "since March 2023", "between 2021 and
//! 2023"), then it is matched against a fixed list of forms, each written
//! for one intent with its synonyms (links/connects/ties,
//! coordinated/led/ran, took part/participated/joined, plural and
//! singular kinds). A question no form matches is refused with the three
//! closest forms, never guessed at; "what is X" is only a question when X
//! is an entity of the graph (the engine checks: see [`Understood::weak`]).

use super::defaults::{QUESTION_MAX_CHARS, RANK_TOP};
use super::error::QueryError;
use super::neighbors::Direction;
use super::partners::COOPERATION;
use super::period::{Day, Period};
use super::{Filter, Measure, Query};
use crate::model::{EntityKind, RelationKind};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// The question forms `ask` understands, as shown to users (README, `ask --help`, refusals).
pub const QUESTION_FORMS: &[&str] = &[
    "which agencies linked X and Y   (countries, operations, groups too; also: who links X & Y, agencies connecting X with Y)",
    "how is X connected to Y   (also: how are X and Y linked, what connects X with Y, path from X to Y)",
    "all paths from X to Y",
    "who coordinated X   (also: led, ran, supported, assisted, took part in, participated in, joined)",
    "which countries took part in X   (any kind, any of the verbs above)",
    "which operations did X coordinate   (support, take part in...; also: operations supported by X)",
    "where were arrests made in X",
    "where were victims of X from   (also: where did the victims of X come from)",
    "where were victims of X exploited",
    "which groups had victims from X   (also: which groups exploited victims in X)",
    "which countries are victims most often recruited from   (or: exploited in)",
    "most central agencies   (also: who are the brokers, most connected countries, top 5 agencies by pagerank)",
    "who worked with X   (also: which agencies cooperated with X, partners of X)",
    "what do we know about X   (also: tell me about X, what is X)",
    "neighbours of X   (also: what is connected to X, neighbours of X within 2 hops)",
    "where is X based   (also: which agencies are based in X)",
    "any of these in 2024, since March 2023, between 2021 and 2023   (dates: the graph has none yet)",
];

/// What a question was understood as.
#[derive(Clone, Debug, PartialEq)]
pub struct Understood {
    pub query: Query,
    /// The form is only a question when its entity is in the graph ("what
    /// is X"): if the entity is not found, the question is refused as not
    /// understood rather than answered "no entity named...".
    pub weak: bool,
    /// The entity a weak form named.
    pub entity: Option<String>,
}

/// Map a question onto a query, or refuse it with the closest forms.
pub fn parse_question(q: &str) -> Result<Query, QueryError> {
    understand(q).map(|u| u.query)
}

/// Map a question onto a query, saying whether the form is a weak one.
pub fn understand(q: &str) -> Result<Understood, QueryError> {
    if q.chars().nth(QUESTION_MAX_CHARS).is_some() {
        return Err(QueryError::NotUnderstood {
            question: q.to_string(),
            reason: Some(format!("questions are read up to {QUESTION_MAX_CHARS} characters")),
            closest: closest_forms(&q.chars().take(QUESTION_MAX_CHARS).collect::<String>()),
        });
    }
    let tidy = tidy(q);
    let (rest, period) = take_period(&tidy);
    // "show me the brokers" is "the brokers"; "show me the action day" is itself a question
    let plain = strip_politeness(&rest);
    for text in [plain.as_str(), rest.as_str()] {
        for f in FORMS.iter() {
            let Some(mut u) = f.re.captures(text).and_then(|c| (f.make)(&c)) else { continue };
            if let Some(d) = period {
                set_period(&mut u.query, d);
            }
            return Ok(u);
        }
    }
    Err(QueryError::NotUnderstood { question: q.to_string(), reason: None, closest: closest_forms(q) })
}

/// The three forms closest to a question: the most of its content words
/// in the form (and the synonyms it lists), then by string similarity.
pub fn closest_forms(q: &str) -> Vec<String> {
    const STOP: [&str; 16] = ["x", "y", "of", "is", "the", "to", "in", "and", "with", "from", "a", "an", "are", "was", "were", "also"];
    let content = |s: &str| -> Vec<String> {
        s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !STOP.contains(w)).map(str::to_string).collect()
    };
    let asked = content(&tidy(q));
    let main = |f: &'static str| f.split("   (").next().unwrap_or(f);
    let mut scored: Vec<(f64, usize)> = QUESTION_FORMS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let words = content(f);
            let shared = asked.iter().filter(|w| words.contains(w)).count() as f64;
            (shared / (words.len().max(1) as f64).sqrt() + 0.1 * strsim::jaro_winkler(&asked.join(" "), &main(f).to_lowercase()), i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, i)| main(QUESTION_FORMS[i]).to_string()).collect()
}

/// Quotes straightened and dropped, "&" read as "and", sentence
/// punctuation removed (not the ':' of an id, nor the '.' or '-' inside a
/// name), spaces collapsed.
fn tidy(q: &str) -> String {
    let mut s = String::with_capacity(q.len());
    for c in q.chars() {
        match c {
            '’' | '‘' => s.push('\''),
            '"' | '“' | '”' | '«' | '»' | '?' | '!' | ',' | ';' | '¿' | '¡' => s.push(' '),
            '&' => s.push_str(" and "),
            c if c.is_control() => s.push(' '),
            c => s.push(c),
        }
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_end_matches(['.', ':', ' ']).to_string();
    s.trim_matches('\'').trim().to_string()
}

/// The question without "please", "can you", "tell me" before a
/// question word, and the like.
fn strip_politeness(s: &str) -> String {
    const ALWAYS: [&str; 17] = [
        "please ",
        "pls ",
        "ok ",
        "okay ",
        "so ",
        "hey ",
        "hi ",
        "can you ",
        "could you ",
        "would you ",
        "will you ",
        "i want to know ",
        "i would like to know ",
        "i'd like to know ",
        "do you know ",
        "i wonder ",
        "i'm wondering ",
    ];
    const BEFORE_QUESTION: [&str; 7] = ["tell me ", "show me ", "list ", "find ", "give me ", "get me ", "get "];
    const QUESTION_WORDS: [&str; 9] = ["which ", "what ", "who ", "where ", "how ", "the ", "all ", "top ", "most "];
    let starts = |t: &str, p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let mut t = s.trim();
    loop {
        if let Some(p) = ALWAYS.iter().find(|p| starts(t, p)) {
            t = t[p.len()..].trim_start();
            continue;
        }
        if let Some(p) = BEFORE_QUESTION.iter().find(|p| starts(t, p) && QUESTION_WORDS.iter().any(|w| starts(&t[p.len()..], w))) {
            t = t[p.len()..].trim_start();
            continue;
        }
        break;
    }
    let t = match t.len().checked_sub(7).and_then(|at| t.get(at..).map(|tail| (at, tail))) {
        Some((at, tail)) if tail.eq_ignore_ascii_case(" please") => &t[..at],
        _ => t,
    };
    t.trim().to_string()
}

fn set_period(q: &mut Query, p: Period) {
    match q {
        Query::Path { during, .. }
        | Query::Link { during, .. }
        | Query::Centrality { during, .. }
        | Query::Neighbors { during, .. }
        | Query::Partners { during, .. }
        | Query::Rank { during, .. } => *during = Some(p),
        Query::Show { .. } | Query::Ask { .. } => {}
    }
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn month(s: Option<regex::Match>) -> Option<u8> {
    let w = s?.as_str().to_lowercase();
    MONTHS.iter().position(|m| m.starts_with(&w[..w.len().min(3)]) && w.len() >= 3).and_then(|i| u8::try_from(i + 1).ok())
}

fn year(s: Option<regex::Match>) -> Option<u16> {
    s?.as_str().parse().ok()
}

/// The question without its date qualifier, and the period it gave.
fn take_period(q: &str) -> (String, Option<Period>) {
    const M: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    const Y: &str = r"((?:19|20)\d\d)";
    static FORMS: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
        [
            (format!(r"\b(?:between|from) (?:{M} )?{Y} (?:and|to|until|till) (?:{M} )?{Y}\b"), 0u8),
            (format!(r"\b(?:in|during) (?:the years? )?{Y} ?(?:-|–|to) ?{Y}\b"), 1),
            (format!(r"\b(?:since|from) (?:{M} )?{Y}\b"), 2),
            (format!(r"\bafter (?:{M} )?{Y}\b"), 3),
            (format!(r"\b(?:until|till|up to) (?:{M} )?{Y}\b"), 4),
            (format!(r"\bbefore (?:{M} )?{Y}\b"), 5),
            (format!(r"\b(?:in|during) (?:the year )?(?:{M} )?{Y}\b"), 6),
        ]
        .into_iter()
        .map(|(s, k)| (re_raw(&s), k))
        .collect()
    });
    for (re, k) in FORMS.iter() {
        let Some(c) = re.captures(q) else { continue };
        let p = match k {
            0 => {
                let (m1, y1, m2, y2) = (month(c.get(1)), year(c.get(2)), month(c.get(3)), year(c.get(4)));
                let (Some(y1), Some(y2)) = (y1, y2) else { continue };
                Period { since: Day::first_of(y1, m1.unwrap_or(1)), until: Day::last_of(y2, m2.unwrap_or(12)) }
            }
            1 => {
                let (Some(y1), Some(y2)) = (year(c.get(1)), year(c.get(2))) else { continue };
                Period { since: Day::first_of(y1, 1), until: Day::last_of(y2, 12) }
            }
            _ => {
                let (m, Some(y)) = (month(c.get(1)), year(c.get(2))) else { continue };
                let first = Day::first_of(y, m.unwrap_or(1));
                let last = Day::last_of(y, m.unwrap_or(12));
                // the day after the period named, and the day before it
                let after = match m {
                    Some(12) | None => Day::first_of(y.saturating_add(1), 1),
                    Some(m) => Day::first_of(y, m + 1),
                };
                let before = match m {
                    Some(1) | None => Day::last_of(y.saturating_sub(1), 12),
                    Some(m) => Day::last_of(y, m - 1),
                };
                match k {
                    2 => Period { since: first, until: None },
                    3 => Period { since: after, until: None },
                    4 => Period { since: None, until: last },
                    5 => Period { since: None, until: before },
                    _ => Period { since: first, until: last },
                }
            }
        };
        let (start, end) = c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
        let rest = format!("{} {}", &q[..start], &q[end..]);
        return (rest.split_whitespace().collect::<Vec<_>>().join(" "), Some(p));
    }
    (q.to_string(), None)
}

struct Form {
    re: Regex,
    make: fn(&Captures) -> Option<Understood>,
}

fn re_raw(s: &str) -> Regex {
    // the patterns are constants of this file; a test compiles every one
    Regex::new(&format!("(?i){s}")).unwrap_or_else(|e| panic!("question pattern {s}: {e}"))
}

const KIND: &str = r"agenc(?:y|ies)|bod(?:y|ies)|authorit(?:y|ies)|organi[sz]ations?|institutions?|police forces?|law enforcement agencies|countr(?:y|ies)|states|nations?|operations?|action days?|actions|cases|criminal groups?|criminal networks?|organi[sz]ed crime groups?|groups?|networks?|gangs?|ocgs?|cit(?:y|ies)|towns?|regions?";
const LINKV: &str = r"linked|links|link|linking|connected|connects|connect|connecting|tied|ties|tie|tying|bridged|bridges|bridge|worked with|work with|works with|cooperated with|cooperate with|cooperates with|collaborated with|collaborate with|collaborates with";
const CONNP: &str = r"connected|linked|related|tied|associated";
const REL: &str = r"coordinated|coordinates|coordinate|coordinating|led|leads|lead|leading|ran|runs|run|running|headed|heads|head|organi[sz]ed|organi[sz]es|organi[sz]e|directed|directs|direct|steered|steers|steer|supported|supports|support|supporting|assisted|assists|assist|helped|helps|help|backed|backs|back|aided|aids|aid|took part in|takes part in|take part in|taking part in|taken part in|participated in|participates in|participate in|participating in|joined|joins|join|contributed to|contributes to|contribute to|was part of|were part of|was involved in|were involved in|is involved in|are involved in|been involved in|involved in|worked on|works on|work on";
const PASSIVE: &str = r"coordinated|led|run|headed|organi[sz]ed|directed|steered|supported|assisted|helped|backed|aided|joined";
const MEASURE: &str = r"degree|betweenness|closeness|pagerank|page rank|eigenvector|centrality|connections|links";
const GROUPS: &str = r"arrests|arrest|suspects|people|persons|traffickers|smugglers|members";

fn kind_of(w: &str) -> Option<EntityKind> {
    let w = w.to_lowercase();
    let starts = |p: &[&str]| p.iter().any(|x| w.starts_with(x));
    Some(
        if starts(&["agenc", "bod", "authorit", "organis", "organiz", "institution", "police", "law enforcement"]) && !w.contains("crime") {
            EntityKind::Agency
        } else if starts(&["countr", "state", "nation"]) {
            EntityKind::Country
        } else if starts(&["operation", "action", "case"]) {
            EntityKind::Operation
        } else if starts(&["group", "network", "gang", "ocg", "criminal", "organised crime", "organized crime"]) {
            EntityKind::Ocg
        } else if starts(&["cit", "town"]) {
            EntityKind::City
        } else if starts(&["region"]) {
            EntityKind::Region
        } else {
            return None;
        },
    )
}

fn relations_of(verb: &str) -> Vec<RelationKind> {
    let v = verb.to_lowercase();
    let has = |p: &[&str]| p.iter().any(|x| v.starts_with(x));
    if has(&["coordinat", "led", "lead", "ran", "run", "head", "organis", "organiz", "direct", "steer"]) {
        vec![RelationKind::Coordinated]
    } else if has(&["support", "assist", "help", "back", "aid"]) {
        vec![RelationKind::Supported]
    } else if v.contains("involved") || v.contains("work") || v.contains("part of") {
        COOPERATION.to_vec()
    } else {
        vec![RelationKind::ParticipatedIn]
    }
}

fn measure_of(w: &str) -> Measure {
    match w.to_lowercase().as_str() {
        "degree" | "connections" | "links" => Measure::Degree,
        "closeness" => Measure::Closeness,
        "pagerank" | "page rank" => Measure::Pagerank,
        "eigenvector" => Measure::Eigenvector,
        _ => Measure::Betweenness,
    }
}

fn slot(c: &Captures, name: &str) -> Option<String> {
    let s = c.name(name)?.as_str().trim().trim_matches(['\'', ' ']).trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn kinds(c: &Captures) -> Vec<EntityKind> {
    ["k", "k2"].iter().filter_map(|n| c.name(n)).filter_map(|m| kind_of(m.as_str())).collect()
}

fn number(c: &Captures, names: &[&str]) -> Option<usize> {
    // a number too large for usize is as good as "all"
    names.iter().find_map(|n| c.name(n)).map(|m| m.as_str().parse().unwrap_or(usize::MAX))
}

fn strong(query: Query) -> Option<Understood> {
    Some(Understood { query, weak: false, entity: None })
}

fn link(c: &Captures, default: EntityKind) -> Option<Understood> {
    let kind = kinds(c).first().copied().unwrap_or(default);
    strong(Query::Link {
        a: slot(c, "x")?,
        b: slot(c, "y")?,
        kind,
        max_hops: None,
        limit: None,
        first: false,
        during: None,
        filter: Filter::default(),
    })
}

fn path(c: &Captures) -> Option<Understood> {
    let all = c.name("all").is_some();
    strong(Query::Path {
        from: slot(c, "x")?,
        to: slot(c, "y")?,
        all,
        max_hops: None,
        limit: None,
        via: Vec::new(),
        directed: false,
        first: false,
        during: None,
        filter: Filter::default(),
    })
}

fn around(
    entity: String,
    relation: Vec<RelationKind>,
    direction: Direction,
    kind: Vec<EntityKind>,
    depth: Option<usize>,
) -> Option<Understood> {
    strong(Query::Neighbors {
        entity,
        relation,
        direction,
        kind,
        depth,
        limit: None,
        first: false,
        during: None,
        filter: Filter::default(),
    })
}

fn centrality(measure: Measure, kind: Vec<EntityKind>, top: Option<usize>) -> Option<Understood> {
    strong(Query::Centrality { measure, kind, top, weighted: false, during: None, filter: Filter::default() })
}

fn ranking(relation: RelationKind) -> Option<Understood> {
    strong(Query::Rank { relation, top: Some(RANK_TOP), during: None, filter: Filter::default() })
}

fn form(pattern: &str, make: fn(&Captures) -> Option<Understood>) -> Form {
    let p = pattern
        .replace("{KIND}", KIND)
        .replace("{LINKV}", LINKV)
        .replace("{CONNP}", CONNP)
        .replace("{REL}", REL)
        .replace("{PASSIVE}", PASSIVE)
        .replace("{MEASURE}", MEASURE)
        .replace("{GROUPS}", GROUPS);
    Form { re: re_raw(&format!("^{p}$")), make }
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    use Direction::{Incoming, Outgoing};
    use RelationKind::{ArrestedIn, BasedIn, ExploitedIn, VictimsFrom};
    vec![
        // link
        form(r"(?:which|what) (?P<k>{KIND}) (?:have |has |had )?(?:{LINKV}) (?:both )?(?P<x>.+?) (?:and|with|to) (?P<y>.+?)", |c| {
            link(c, EntityKind::Agency)
        }),
        form(
            r"(?:the )?(?P<k>{KIND}) (?:that |which |who )?(?:have |has |had )?(?:{LINKV}|between) (?:both )?(?P<x>.+?) (?:and|with|to) (?P<y>.+?)",
            |c| link(c, EntityKind::Agency),
        ),
        form(r"who (?:has |have |had )?(?:{LINKV}) (?:both )?(?P<x>.+?) (?:and|with|to) (?P<y>.+?)", |c| link(c, EntityKind::Agency)),
        form(r"(?:which|what) (?P<k>{KIND}) (?:do|did|does) (?P<x>.+?) and (?P<y>.+?) (?:have in common|share)", |c| {
            link(c, EntityKind::Agency)
        }),
        form(
            r"(?:which|what) (?P<k>{KIND}) (?:are|were|is|was) (?:shared by|common to|(?:{CONNP}) (?:to|with) both) (?P<x>.+?) and (?P<y>.+?)",
            |c| link(c, EntityKind::Agency),
        ),
        // path
        form(r"how (?:is|are|was|were) (?P<x>.+?) (?:{CONNP}) (?:to|with) (?P<y>.+?)", path),
        form(r"how (?:is|are|was|were) (?P<x>.+?) and (?P<y>.+?) (?:{CONNP})(?: to each other| together)?", path),
        form(r"how (?:does|do|did) (?P<x>.+?) (?:connect|link|relate|tie in) (?:to|with) (?P<y>.+?)", path),
        form(r"how (?:do|did) (?P<x>.+?) and (?P<y>.+?) (?:connect|link|relate)", path),
        form(
            r"(?:the )?(?P<all>all |every )?(?:the )?(?:shortest )?(?:paths?|routes?|chains?|connections?) (?:from|between) (?P<x>.+?) (?:to|and) (?P<y>.+?)",
            path,
        ),
        form(r"what (?:connects|links|ties|joins|connected|linked) (?P<x>.+?) (?:to|with|and) (?P<y>.+?)", path),
        form(r"what is the (?:link|connection|path|route) (?:between|from) (?P<x>.+?) (?:and|to) (?P<y>.+?)", path),
        form(r"(?:is|are|was|were) (?P<x>.+?) (?:{CONNP}) (?:to|with) (?P<y>.+?)", path),
        form(r"(?:is|are|was|were) (?P<x>.+?) and (?P<y>.+?) (?:{CONNP})", path),
        form(r"(?:connect|link) (?P<x>.+?) (?:to|and|with) (?P<y>.+?)", path),
        // who did something to X
        form(r"(?:who|which (?P<k>{KIND})|what (?P<k2>{KIND})) (?:has |have |had )?(?P<v>{REL}) (?P<x>.+?)", |c| {
            around(slot(c, "x")?, relations_of(c.name("v")?.as_str()), Incoming, kinds(c), None)
        }),
        form(
            r"who (?:was|were|are|is) (?:the )?(?P<role>coordinators?|leaders?|organi[sz]ers?|supporters?|participants?|members?) (?:of|in) (?P<x>.+?)",
            |c| {
                let role = c.name("role")?.as_str().to_lowercase();
                let verb = if role.starts_with("supporter") {
                    "supported"
                } else if role.starts_with("participant") || role.starts_with("member") {
                    "participated"
                } else {
                    "coordinated"
                };
                around(slot(c, "x")?, relations_of(verb), Incoming, Vec::new(), None)
            },
        ),
        // what X did
        form(r"(?:which|what) (?P<k>{KIND}) (?:did|does|do|has|have|had) (?P<x>.+?) (?P<v>{REL})", |c| {
            around(slot(c, "x")?, relations_of(c.name("v")?.as_str()), Outgoing, kinds(c), None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) (?:was|were|is|are|has been|have been) (?P<v>{PASSIVE}) by (?P<x>.+?)", |c| {
            around(slot(c, "x")?, relations_of(c.name("v")?.as_str()), Outgoing, kinds(c), None)
        }),
        form(r"(?:the )?(?P<k>{KIND}) (?P<v>{PASSIVE}) by (?P<x>.+?)", |c| {
            around(slot(c, "x")?, relations_of(c.name("v")?.as_str()), Outgoing, kinds(c), None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) (?:was|were|is|are|has|have) (?P<x>.+?) (?:been )?(?:involved in|part of)", |c| {
            around(slot(c, "x")?, COOPERATION.to_vec(), Outgoing, kinds(c), None)
        }),
        form(r"what (?:did|does|has|have) (?P<x>.+?) (?P<v>{REL})", |c| {
            around(slot(c, "x")?, relations_of(c.name("v")?.as_str()), Outgoing, Vec::new(), None)
        }),
        // arrests
        form(r"where (?:were|was) (?:the )?(?:{GROUPS})(?: made| carried out| arrested)? (?:in|during|of|for|by|under) (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![ArrestedIn], Outgoing, Vec::new(), None)
        }),
        form(r"where did (?P<x>.+?) (?:make|carry out) (?:its |their |the )?arrests", |c| {
            around(slot(c, "x")?, vec![ArrestedIn], Outgoing, Vec::new(), None)
        }),
        form(
            r"(?:in )?(?:which|what) (?P<k>{KIND}|places) (?:were|was) (?:arrests made|arrests carried out|(?:people|suspects|persons) arrested) (?:in|during|by|under) (?P<x>.+?)",
            |c| around(slot(c, "x")?, vec![ArrestedIn], Outgoing, kinds(c), None),
        ),
        form(r"(?:the )?(?:arrests|arrest locations) (?:in|of|during|by) (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![ArrestedIn], Outgoing, Vec::new(), None)
        }),
        // victims of X
        form(
            r"where (?:were|are|did|do) (?:the )?victims (?:of|in) (?P<x>.+?) (?:come |coming |recruited |trafficked |taken )?from",
            |c| around(slot(c, "x")?, vec![VictimsFrom], Outgoing, Vec::new(), None),
        ),
        form(r"where (?:were|are) (?:the )?victims (?:of|in) (?P<x>.+?) (?:recruited|trafficked|taken)", |c| {
            around(slot(c, "x")?, vec![VictimsFrom], Outgoing, Vec::new(), None)
        }),
        form(r"where (?:did|do) (?P<x>.+?)'s? victims come from", |c| around(slot(c, "x")?, vec![VictimsFrom], Outgoing, Vec::new(), None)),
        form(r"where (?:were|are|did|do) (?:the )?victims (?:of|in) (?P<x>.+?) (?:exploited|work|worked|forced to work)", |c| {
            around(slot(c, "x")?, vec![ExploitedIn], Outgoing, Vec::new(), None)
        }),
        form(r"where (?:did|does|do) (?P<x>.+?) exploit (?:its |their |the )?victims", |c| {
            around(slot(c, "x")?, vec![ExploitedIn], Outgoing, Vec::new(), None)
        }),
        // victims from or exploited in a place
        form(r"(?:which|what) (?P<k>{KIND}) (?:had|have|has) victims from (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![VictimsFrom], Incoming, kinds(c), None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) (?:recruited|trafficked) (?:victims|people) from (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![VictimsFrom], Incoming, kinds(c), None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) exploited (?:victims|people) in (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![ExploitedIn], Incoming, kinds(c), None)
        }),
        // rankings of places
        form(
            r"(?:which|what) countr(?:y|ies) (?:are|were|do|did|is|was) (?:the )?(?:most )?victims (?:most often |mostly |usually |most )?(?:recruited |coming |taken |trafficked |come )?from",
            |_| ranking(VictimsFrom),
        ),
        form(
            r"(?:which|what) countr(?:y|ies) (?:are|were|is|was) (?:the )?victims (?:most often |mostly |usually |most )?exploited in",
            |_| ranking(ExploitedIn),
        ),
        form(r"(?:which|what) countr(?:y|ies) (?:have|had|has) the most victims", |_| ranking(VictimsFrom)),
        form(r"(?:the )?(?:top|main|most common|biggest) (?:source|origin|recruitment) countr(?:y|ies)(?: of victims)?", |_| {
            ranking(VictimsFrom)
        }),
        form(r"(?:the )?(?:top|main|most common|biggest) destination countr(?:y|ies)(?: of victims)?", |_| ranking(ExploitedIn)),
        form(r"where (?:do|did) (?:most )?victims come from", |_| ranking(VictimsFrom)),
        form(r"where (?:are|were) (?:most )?victims exploited", |_| ranking(ExploitedIn)),
        // centrality
        form(
            r"(?:(?:who|which|what) (?:are|is|were) )?(?:the )?(?:top (?P<n>\d+) )?most (?P<adj>central|connected|important|influential)(?: (?P<k>{KIND}))?(?: by (?P<m>{MEASURE})(?: centrality)?)?",
            |c| {
                let m = c.name("m").map(|m| measure_of(m.as_str())).unwrap_or_else(|| adjective_measure(c));
                centrality(m, kinds(c), number(c, &["n"]))
            },
        ),
        form(r"(?:which|what) (?P<k>{KIND}) (?:are|is|were) (?:the )?most (?P<adj>central|connected|important|influential)", |c| {
            centrality(adjective_measure(c), kinds(c), None)
        }),
        form(r"(?:(?:who|which|what) (?:are|is|were) )?(?:the )?(?:main |key |top )?brokers?(?: (?:of|in) (?:this|the) network)?", |_| {
            centrality(Measure::Betweenness, vec![EntityKind::Agency], None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) (?:are|act as|acted as) (?:the )?(?:main |key )?brokers", |c| {
            centrality(Measure::Betweenness, kinds(c), None)
        }),
        form(r"(?:the )?top(?: (?P<n>\d+))?(?: (?P<k>{KIND}))? by (?P<m>{MEASURE})(?: centrality)?", |c| {
            centrality(measure_of(c.name("m")?.as_str()), kinds(c), number(c, &["n"]))
        }),
        form(r"(?:rank (?:the )?(?P<k>{KIND})|(?P<k2>{KIND}) (?:ranked|sorted|ordered)) by (?P<m>{MEASURE})(?: centrality)?", |c| {
            centrality(measure_of(c.name("m")?.as_str()), kinds(c), None)
        }),
        form(r"(?:which|what) (?P<k>{KIND}) (?:have|has) the (?:highest|most|greatest) (?P<m>{MEASURE})(?: centrality)?", |c| {
            centrality(measure_of(c.name("m")?.as_str()), kinds(c), None)
        }),
        form(r"(?:the )?(?:top|key|main|leading)(?: (?P<n>\d+))? (?P<k>{KIND})", |c| {
            centrality(Measure::Betweenness, kinds(c), number(c, &["n"]))
        }),
        // partners
        form(
            r"who (?:has |have |had )?(?:worked|works|work|cooperated|cooperates|cooperate|collaborated|collaborates|collaborate|partnered|teamed up|operated)(?: together)? with (?P<x>.+?)",
            partners,
        ),
        form(
            r"(?:which|what) (?P<k>{KIND}) (?:have |has |had |did )?(?:worked|works|work|cooperated|cooperates|cooperate|collaborated|collaborates|collaborate|partnered|teamed up)(?: together)? with (?P<x>.+?)",
            partners,
        ),
        form(r"(?:the )?(?:partners|co-?operation partners|collaborators|allies) of (?P<x>.+?)", partners),
        form(r"who (?:are|were|is) (?P<x>.+?)'s? partners", partners),
        form(r"who did (?P<x>.+?) (?:work|cooperate|collaborate|partner) with", partners),
        form(r"(?P<x>.+?)'s partners", partners),
        // based in
        form(r"where (?:is|are|was) (?P<x>.+?) based", |c| around(slot(c, "x")?, vec![BasedIn], Outgoing, Vec::new(), None)),
        form(r"(?:which|what) (?P<k>{KIND}) (?:are|is|were|was) based in (?P<x>.+?)", |c| {
            around(slot(c, "x")?, vec![BasedIn], Incoming, kinds(c), None)
        }),
        // neighbours
        form(
            r"(?:the )?(?:neighbours|neighbors|neighbourhood|neighborhood|surroundings) of (?P<x>.+?)(?: within (?P<n>\d+) hops?| at depth (?P<n2>\d+))?",
            |c| around(slot(c, "x")?, Vec::new(), Direction::Both, Vec::new(), number(c, &["n", "n2"])),
        ),
        form(
            r"(?:what|who|which entities) (?:is|are) (?:directly )?(?:{CONNP}|adjacent) (?:to|with) (?P<x>.+?)(?: within (?P<n>\d+) hops?)?",
            |c| around(slot(c, "x")?, Vec::new(), Direction::Both, Vec::new(), number(c, &["n"])),
        ),
        form(r"(?:which|what) (?P<k>{KIND}) (?:are|is|were|was) (?:directly )?(?:{CONNP}) (?:to|with) (?P<x>.+?)", |c| {
            around(slot(c, "x")?, Vec::new(), Direction::Both, kinds(c), None)
        }),
        form(r"(?P<x>.+?)'s (?:neighbours|neighbors)", |c| around(slot(c, "x")?, Vec::new(), Direction::Both, Vec::new(), None)),
        form(r"(?:what|who) is (?:around|near|next to) (?P<x>.+?)", |c| {
            around(slot(c, "x")?, Vec::new(), Direction::Both, Vec::new(), None)
        }),
        // show
        form(
            r"(?:what do (?:we|you) know about|what is known about|tell me (?:everything |more )?about|show me|show|describe|details (?:of|on|about|for)|info(?:rmation)? (?:on|about)|everything (?:on|about)|profile (?:of|for)|summary of|summari[sz]e) (?P<x>.+?)",
            |c| strong(Query::Show { entity: slot(c, "x")?, limit: None, first: false }),
        ),
        form(r"(?:who|what) (?:is|are|was|were) (?P<x>.+?)", |c| {
            let x = slot(c, "x")?;
            Some(Understood { query: Query::Show { entity: x.clone(), limit: None, first: false }, weak: true, entity: Some(x) })
        }),
    ]
});

fn adjective_measure(c: &Captures) -> Measure {
    match c.name("adj").map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("connected") => Measure::Degree,
        Some("important") | Some("influential") => Measure::Pagerank,
        _ => Measure::Betweenness,
    }
}

fn partners(c: &Captures) -> Option<Understood> {
    strong(Query::Partners { entity: slot(c, "x")?, kind: kinds(c), top: None, first: false, during: None, filter: Filter::default() })
}

#[cfg(test)]
mod tests;
