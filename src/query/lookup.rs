//! Finding the entity a user means. An index is built once per graph:
//! every name, alias and id under two keys, the folded form (case and
//! accents ignored) and a looser one (punctuation dropped, "&" read as
//! "and", roman numerals read as numbers, so "Operation Weka 2" is
//! "Operation WEKA II"); and trigrams of the loose keys for suggestions.
//!
//! A name is looked up as an id first (`kind:slug`), then by folded key,
//! then by loose key; at each step names beat aliases. A name that
//! matches several entities is an error listing them, unless the caller
//! takes the first (best connected). A name that matches nothing gets
//! suggestions: the entries sharing the most trigrams with it, ranked by
//! edit distance; the query is cut to [`ECHO_CHARS`] characters first, so
//! the cost does not grow with what was typed.

use super::defaults::{AMBIGUOUS_SHOWN, ECHO_CHARS, SUGGESTIONS};
use super::error::{Candidate, QueryError};
use crate::graph::CaseGraph;
use crate::model::{fold, EntityId, EntityKind};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeSet, HashMap};

/// The entity a name was resolved to, and a note when the choice needs saying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub node: NodeIndex,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug)]
struct Key {
    node: NodeIndex,
    /// The entity's own name or id, not an alias.
    by_name: bool,
}

struct Entry {
    key: String,
    node: NodeIndex,
    /// The alias this entry is, when it is not the name.
    alias: Option<String>,
}

type Gram = (char, char, char);

/// The name index of one graph.
pub struct Lookup {
    exact: HashMap<String, Vec<Key>>,
    loose: HashMap<String, Vec<Key>>,
    entries: Vec<Entry>,
    grams: HashMap<Gram, Vec<u32>>,
}

/// Entries compared by edit distance per suggestion request.
const CANDIDATES: usize = 64;
/// Longest key compared by edit distance, in characters.
const KEY_CHARS: usize = 120;

impl Lookup {
    pub fn new(g: &CaseGraph) -> Lookup {
        let mut l = Lookup { exact: HashMap::new(), loose: HashMap::new(), entries: Vec::new(), grams: HashMap::new() };
        for n in g.graph().node_indices() {
            let e = g.entity(n);
            let id = e.id.to_string();
            let forms = [(e.name.as_str(), true), (id.as_str(), true)].into_iter().chain(e.aliases.iter().map(|a| (a.as_str(), false)));
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for (form, by_name) in forms {
                let f = fold(form);
                if f.is_empty() {
                    continue;
                }
                push_key(&mut l.exact, f, Key { node: n, by_name });
                let k = loose_key(form);
                if k.is_empty() {
                    continue;
                }
                push_key(&mut l.loose, k.clone(), Key { node: n, by_name });
                if form != id && seen.insert(k.clone()) {
                    let at = u32::try_from(l.entries.len()).unwrap_or(u32::MAX);
                    let short: String = k.chars().take(KEY_CHARS).collect();
                    for gram in grams(&short) {
                        let list = l.grams.entry(gram).or_default();
                        if list.last() != Some(&at) {
                            list.push(at);
                        }
                    }
                    l.entries.push(Entry { key: short, node: n, alias: (!by_name).then(|| form.to_string()) });
                }
            }
        }
        l
    }

    /// The entity `name` means: an id, a name or an alias. With `first`, a
    /// name several entities share gives the best connected of them.
    pub fn resolve(&self, g: &CaseGraph, name: &str, first: bool) -> Result<Resolved, QueryError> {
        let t = name.trim();
        if t.is_empty() {
            return Err(QueryError::Usage("an entity name is empty".into()));
        }
        if let Ok(id) = t.parse::<EntityId>() {
            if let Some(n) = g.node(&id) {
                return Ok(Resolved { node: n, note: None });
            }
        }
        let folded = fold(t);
        if let Some(keys) = self.exact.get(&folded) {
            return self.choose(g, t, keys, first, None);
        }
        let loose = loose_key(t);
        if let Some(keys) = self.loose.get(&loose) {
            let matched = keys.iter().map(|k| g.entity(k.node).name.clone()).collect::<BTreeSet<_>>();
            let note = (matched.len() == 1).then(|| {
                format!("'{}' read as '{}'", super::error::echo(t), matched.iter().next().map(String::as_str).unwrap_or_default())
            });
            return self.choose(g, t, keys, first, note);
        }
        if let Some(n) = known_name(g, t) {
            let note = format!("'{}' is a name the built-in gazetteer knows for {}", super::error::echo(t), g.entity(n).name);
            return Ok(Resolved { node: n, note: Some(note) });
        }
        Err(QueryError::NotFound { name: t.to_string(), suggestions: self.suggest(g, t, SUGGESTIONS) })
    }

    fn choose(&self, g: &CaseGraph, name: &str, keys: &[Key], first: bool, note: Option<String>) -> Result<Resolved, QueryError> {
        let by_name: BTreeSet<NodeIndex> = keys.iter().filter(|k| k.by_name).map(|k| k.node).collect();
        let pool: BTreeSet<NodeIndex> = if by_name.is_empty() { keys.iter().map(|k| k.node).collect() } else { by_name };
        let mut ranked: Vec<NodeIndex> = pool.into_iter().collect();
        ranked.sort_by_key(|&n| preference(g, n, name));
        match ranked.as_slice() {
            [] => Err(QueryError::NotFound { name: name.to_string(), suggestions: Vec::new() }),
            [one] => Ok(Resolved { node: *one, note }),
            [best, ..] if first => {
                let e = g.entity(*best);
                Ok(Resolved {
                    node: *best,
                    note: Some(format!(
                        "'{}' names {} entities; took {} ({}), the first by kind and connections (--first)",
                        super::error::echo(name),
                        ranked.len(),
                        e.id,
                        e.name
                    )),
                })
            }
            many => Err(QueryError::Ambiguous {
                name: name.to_string(),
                candidates: many.iter().take(AMBIGUOUS_SHOWN).map(|&n| candidate(g, n)).collect(),
                total: many.len(),
                asked: false,
            }),
        }
    }

    /// Names close to `query`, best first, with the alias that matched when it is not the name.
    pub fn suggest(&self, g: &CaseGraph, query: &str, k: usize) -> Vec<String> {
        let short: String = query.chars().take(ECHO_CHARS).collect();
        let q = loose_key(&short);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for gram in grams(&q) {
            for &at in self.grams.get(&gram).map(Vec::as_slice).unwrap_or(&[]) {
                *hits.entry(at).or_default() += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = hits.into_iter().map(|(at, h)| (h, at)).collect();
        best.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        best.truncate(CANDIDATES);
        let mut scored: Vec<(f64, &Entry)> = best
            .into_iter()
            .filter_map(|(_, at)| self.entries.get(at as usize))
            .map(|e| {
                let mut s = strsim::normalized_damerau_levenshtein(&q, &e.key);
                let long = |k: &str| k.chars().count() >= 4;
                if (long(&q) && e.key.contains(&q)) || (long(&e.key) && q.contains(&e.key)) {
                    s = s.max(0.75);
                }
                (s, e)
            })
            .filter(|(s, _)| *s >= 0.5)
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| g.entity(x.1.node).name.cmp(&g.entity(y.1.node).name)));
        let mut out: Vec<String> = Vec::new();
        let mut seen: BTreeSet<NodeIndex> = BTreeSet::new();
        for (_, e) in scored {
            if !seen.insert(e.node) {
                continue;
            }
            let name = &g.entity(e.node).name;
            out.push(match &e.alias {
                Some(a) => format!("{name} (also '{a}')"),
                None => name.clone(),
            });
            if out.len() == k {
                break;
            }
        }
        out
    }
}

/// The names the built-in gazetteer gives agencies and countries, by loose
/// key: a release may only ever have said "INTERPOL", yet an analyst types
/// "International Criminal Police Organization". Compiled on first need.
fn known_name(g: &CaseGraph, name: &str) -> Option<NodeIndex> {
    static KNOWN: std::sync::OnceLock<HashMap<String, Vec<EntityId>>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let mut m: HashMap<String, Vec<EntityId>> = HashMap::new();
        let Ok(gz) = crate::extract::Gazetteer::builtin() else { return m };
        for a in &gz.agencies {
            let id = EntityId::new(EntityKind::Agency, a.id.clone());
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                m.entry(loose_key(n)).or_default().push(id.clone());
            }
        }
        for c in &gz.countries {
            let id = EntityId::new(EntityKind::Country, c.code.clone());
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                m.entry(loose_key(n)).or_default().push(id.clone());
            }
        }
        m
    });
    let ids = known.get(&loose_key(name))?;
    let found: BTreeSet<NodeIndex> = ids.iter().filter_map(|id| g.node(id)).collect();
    // only a name that means one entity of this graph
    (found.len() == 1).then(|| found.into_iter().next()).flatten()
}

fn push_key(map: &mut HashMap<String, Vec<Key>>, k: String, key: Key) {
    let v = map.entry(k).or_default();
    if !v.iter().any(|x| x.node == key.node && x.by_name == key.by_name) {
        v.push(key);
    }
}

/// The order `--first` takes: the scored kinds, the entity named exactly
/// so, the best connected, then by id.
fn preference(g: &CaseGraph, n: NodeIndex, name: &str) -> (bool, bool, std::cmp::Reverse<usize>, EntityId) {
    let e = g.entity(n);
    let scored = matches!(e.kind, EntityKind::Agency | EntityKind::Country | EntityKind::Operation | EntityKind::Ocg);
    (!scored, fold(&e.name) != fold(name), std::cmp::Reverse(g.graph().neighbors_undirected(n).count()), e.id.clone())
}

/// How an entity is described when a name could mean it.
pub fn candidate(g: &CaseGraph, n: NodeIndex) -> Candidate {
    let e = g.entity(n);
    let first = g
        .incident(n)
        .into_iter()
        .flat_map(|(edge, _, _)| g.relation(edge).evidence.iter())
        .min_by(|a, b| (&a.doc, a.start).cmp(&(&b.doc, b.start)))
        .map(|ev| {
            let one: String = ev.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut short: String = one.chars().take(70).collect();
            if one.chars().nth(70).is_some() {
                short.push('…');
            }
            short
        });
    Candidate { id: e.id.clone(), kind: e.kind, name: e.name.clone(), documents: e.documents().len(), evidence: first }
}

/// The loose form of a name: folded, letters and digits only, "&" as
/// "and", roman numerals (up to L) as numbers, no leading "the".
pub fn loose_key(s: &str) -> String {
    let f = fold(s).replace('&', " and ");
    let spaced: String = f.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let mut words: Vec<String> =
        spaced.split_whitespace().map(|w| roman(w).map(|n| n.to_string()).unwrap_or_else(|| w.to_string())).collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// The value of a canonical roman numeral made of i, v, x and l.
fn roman(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 7 || !w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')) {
        return None;
    }
    let value = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        _ => 50,
    };
    let cs: Vec<i64> = w.chars().map(value).collect();
    let mut total = 0i64;
    for (i, &v) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|&next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // canonical spelling only ("iiii" and "il" are not numerals)
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == w).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn grams(key: &str) -> Vec<Gram> {
    let cs: Vec<char> = std::iter::once(' ').chain(key.chars()).chain(std::iter::once(' ')).collect();
    let mut v: Vec<Gram> = cs.windows(3).map(|w| (w[0], w[1], w[2])).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keys_read_numerals_punctuation_and_ampersands() {
        assert_eq!(loose_key("Operation WEKA II"), loose_key("operation weka 2"));
        assert_eq!(loose_key("Operation Liberterra-II"), "operation liberterra 2");
        assert_eq!(loose_key("Police & Border Guard"), "police and border guard");
        assert_eq!(loose_key("The Hague"), "hague");
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("xlix"), Some(49));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("civil"), None);
        assert_eq!(roman("il"), None);
    }
}
