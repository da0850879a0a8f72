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
use crate::model::{fold, fold_accent, EntityId, EntityKind};
use petgraph::graph::NodeIndex;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

/// The entity a name was resolved to, and a note when the choice needs saying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub node: NodeIndex,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    node: NodeIndex,
    /// The entity's own name or id, not an alias.
    by_name: bool,
}

/// Which key a hash was taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Tier {
    Folded,
    Loose,
}

type Gram = (char, char, char);

/// The name index of one graph. Keys are kept as 64-bit hashes in one
/// sorted vector (no string per name is kept; a hit is checked against the
/// entity's own names), so building it costs a few passes over the names.
pub struct Lookup {
    keys: Vec<(u64, Key)>,
    /// Bytes of the longest name, alias or id: a longer input cannot match one.
    longest: usize,
    /// Trigrams of every name and alias, built on the first suggestion asked for.
    grams: OnceCell<Grams>,
}

struct Grams {
    /// (entity, alias number or none for the name)
    entries: Vec<(NodeIndex, Option<u32>)>,
    postings: HashMap<Gram, Vec<u32>>,
}

/// Entries compared by edit distance per suggestion request.
const CANDIDATES: usize = 64;
/// Longest key compared by edit distance, in characters.
const KEY_CHARS: usize = 120;

fn hash(tier: Tier, key: &str) -> u64 {
    // SipHash with fixed keys: the same on every run
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (tier, key).hash(&mut h);
    h.finish()
}

/// The forms an entity is known by: its name, its id, then its aliases.
fn forms(g: &CaseGraph, n: NodeIndex) -> impl Iterator<Item = (String, bool)> + '_ {
    let e = g.entity(n);
    [(e.name.clone(), true), (e.id.to_string(), true)].into_iter().chain(e.aliases.iter().map(|a| (a.clone(), false)))
}

fn key_of(tier: Tier, s: &str) -> String {
    match tier {
        Tier::Folded => folded_key(s),
        Tier::Loose => loose_key(s),
    }
}

impl Lookup {
    pub fn new(g: &CaseGraph) -> Lookup {
        let mut keys = Vec::with_capacity(g.node_count() * 4);
        let mut longest = 0;
        for n in g.graph().node_indices() {
            for (form, by_name) in forms(g, n) {
                longest = longest.max(form.len());
                for tier in [Tier::Folded, Tier::Loose] {
                    let k = key_of(tier, &form);
                    if !k.is_empty() {
                        keys.push((hash(tier, &k), Key { node: n, by_name }));
                    }
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        Lookup { keys, longest, grams: OnceCell::new() }
    }

    /// Entities with a form whose key is `key`.
    fn hits(&self, g: &CaseGraph, tier: Tier, key: &str) -> Vec<Key> {
        let h = hash(tier, key);
        let start = self.keys.partition_point(|(x, _)| *x < h);
        self.keys[start..]
            .iter()
            .take_while(|(x, _)| *x == h)
            .map(|(_, k)| *k)
            // a hash is not proof: the entity must have the form
            .filter(|k| forms(g, k.node).any(|(f, by_name)| by_name == k.by_name && key_of(tier, &f) == key))
            .collect()
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
        // folding at most quadruples a string's bytes: a longer input names nothing here
        if t.len() > self.longest.saturating_mul(4).saturating_add(64) {
            return Err(QueryError::NotFound { name: t.to_string(), suggestions: self.suggest(g, t, SUGGESTIONS) });
        }
        let folded = self.hits(g, Tier::Folded, &folded_key(t));
        if !folded.is_empty() {
            return self.choose(g, t, &folded, first, None);
        }
        let loose = self.hits(g, Tier::Loose, &loose_key(t));
        if !loose.is_empty() {
            let matched = loose.iter().map(|k| g.entity(k.node).name.clone()).collect::<BTreeSet<_>>();
            let note = (matched.len() == 1).then(|| {
                format!("'{}' read as '{}'", super::error::echo(t), matched.iter().next().map(String::as_str).unwrap_or_default())
            });
            return self.choose(g, t, &loose, first, note);
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

    fn grams(&self, g: &CaseGraph) -> &Grams {
        self.grams.get_or_init(|| {
            let mut entries = Vec::new();
            let mut postings: HashMap<Gram, Vec<u32>> = HashMap::new();
            for n in g.graph().node_indices() {
                let e = g.entity(n);
                let mut seen: BTreeSet<String> = BTreeSet::new();
                let named = std::iter::once((&e.name, None)).chain(e.aliases.iter().enumerate().map(|(i, a)| (a, u32::try_from(i).ok())));
                for (form, alias) in named {
                    let k = entry_key(form);
                    if k.is_empty() || !seen.insert(k.clone()) {
                        continue;
                    }
                    let at = u32::try_from(entries.len()).unwrap_or(u32::MAX);
                    for gram in grams(&k) {
                        let list = postings.entry(gram).or_default();
                        if list.last() != Some(&at) {
                            list.push(at);
                        }
                    }
                    entries.push((n, alias));
                }
            }
            Grams { entries, postings }
        })
    }

    /// Names close to `query`, best first, with the alias that matched when it is not the name.
    pub fn suggest(&self, g: &CaseGraph, query: &str, k: usize) -> Vec<String> {
        let short: String = query.chars().take(ECHO_CHARS).collect();
        let q = loose_key(&short);
        if q.is_empty() {
            return Vec::new();
        }
        let index = self.grams(g);
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for gram in grams(&q) {
            for &at in index.postings.get(&gram).map(Vec::as_slice).unwrap_or(&[]) {
                *hits.entry(at).or_default() += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = hits.into_iter().map(|(at, h)| (h, at)).collect();
        best.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        best.truncate(CANDIDATES);
        let mut scored: Vec<(f64, NodeIndex, Option<&String>)> = best
            .into_iter()
            .filter_map(|(_, at)| index.entries.get(at as usize))
            .map(|&(n, alias)| {
                let e = g.entity(n);
                let form = alias.and_then(|i| e.aliases.get(i as usize));
                let key = entry_key(form.unwrap_or(&e.name));
                let mut s = strsim::normalized_damerau_levenshtein(&q, &key);
                let long = |k: &str| k.chars().count() >= 4;
                if (long(&q) && key.contains(&q)) || (long(&key) && q.contains(&key)) {
                    s = s.max(0.75);
                }
                (s, n, form)
            })
            .filter(|(s, _, _)| *s >= 0.5)
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| g.entity(x.1).name.cmp(&g.entity(y.1).name)));
        let mut out: Vec<String> = Vec::new();
        let mut seen: BTreeSet<NodeIndex> = BTreeSet::new();
        for (_, n, alias) in scored {
            if !seen.insert(n) {
                continue;
            }
            let name = &g.entity(n).name;
            out.push(match alias {
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

/// The loose key of a name or alias as suggestions compare it, cut short.
fn entry_key(form: &str) -> String {
    loose_key(form).chars().take(KEY_CHARS).collect()
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

/// The folded form of a name: accents and case ignored, spaces
/// collapsed, no leading "the" (as `model::fold`, in one pass).
pub fn folded_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let c = if c == '’' { '\'' } else { fold_accent(c) };
        out.extend(c.to_lowercase());
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// The loose form of a name: folded, letters and digits only, "&" as
/// "and", roman numerals (up to L) as numbers, no leading "the".
pub fn loose_key(s: &str) -> String {
    let mut spaced = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '&' {
            spaced.push_str(" and ");
        } else if c.is_alphanumeric() {
            spaced.extend(fold_accent(c).to_lowercase());
        } else {
            spaced.push(' ');
        }
    }
    let mut out = String::with_capacity(spaced.len());
    for (i, w) in spaced.split_whitespace().enumerate() {
        if i == 0 && w == "the" && spaced.split_whitespace().nth(1).is_some() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        match roman(w) {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str(w),
        }
    }
    out
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
