//! One operation across publishers. Europol, Eurojust and a national police
//! often each announce the same action day; each release gives its own
//! unnamed operation (`operation:d-<doc>-1`), and named ones may be written
//! two ways ("Orion II", "Orion 2"). This pass joins them, and records why.
//!
//! The rules, in the order they are tried:
//!
//! - **same name**: two named operations whose names differ only by a
//!   roman or arabic number ("Orion II" = "Orion 2"); or a name with a
//!   year ("Global Chain 2024") and the same name without one whose dates
//!   all fall in that year (undated, it may be another edition, and stays
//!   apart). Names that are the same once slugged ("Operation X", "the X
//!   operation", "JAD X") already share an id and need no rule.
//! - **dates and countries**: two operations whose day ranges overlap and
//!   whose countries mostly agree: at least [`MIN_SHARED`] countries named
//!   on both sides, and those shared are at least half of all the countries
//!   either side names (Jaccard >= 1/2). A country counts for an operation
//!   when it coordinated, took part in or saw arrests in it, or when a
//!   national body of it coordinated, supported or took part. Why these
//!   numbers: publishers of one action name its core countries alike (the
//!   police of two countries, their prosecutors, the arrests), while one
//!   publisher may add a country the others leave out; half of the union
//!   tolerates one such country in three, and two shared countries keep two
//!   actions of one country on one day (two Spanish raids) apart. Victims'
//!   and exploitation countries are left out: they describe the crime, not
//!   who acted, and releases differ most there. A range longer than
//!   [`MAX_DAYS`] days ("in 2023") proves no overlap and is not used, and
//!   one side must give its days within [`STRONG_DAYS`] (two releases that
//!   say only "in March" tell no more than the month).
//!   Two named operations never join by this rule (different names are
//!   different operations). An unnamed action joins a named one only on
//!   stronger evidence: both dates written in the texts (not a release
//!   date standing in), neither longer than [`STRONG_DAYS`] days, and that
//!   named operation the only one it matches.
//!
//! Never joined: two operations of one release (it told them apart), and
//! two ids an analyst keeps apart (`keep_apart` in the curation file).
//! Joins are made in a fixed order, strongest agreement first, so the
//! result is deterministic. An operation joins a group when it agrees with
//! one member and the group stays one action: all its members still share
//! a day, and the countries of the whole group still agree by the same
//! threshold; so a chain of days (A overlaps B, B overlaps C, A and C
//! share no day) never becomes one node, which on dense data (dozens of
//! actions a day) it otherwise does.
//!
//! Cost: candidate pairs come from buckets of (day, country), so only
//! operations sharing a day and a country are ever compared; the work grows
//! with the operations of one day in one country, not with the graph.

use super::{kind_of, Curation, Facts};
use crate::model::{Day, DayRange, DocId, EntityId, EntityKind, MergeNote, MergeRule, RelationKind};
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Countries both sides must name.
pub const MIN_SHARED: usize = 2;
/// Longest range (days) the date rule uses.
pub const MAX_DAYS: i64 = 31;
/// A range this short (a week) dates an action: one side of a date join
/// must give one, and both sides when an unnamed action joins a named operation.
pub const STRONG_DAYS: i64 = 7;

/// What the pass decided: where each operation goes, why, and the merged names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperationMerges {
    /// Canonical id (after name and curation merges) -> the id of the joined operation.
    pub into: BTreeMap<EntityId, EntityId>,
    /// The joined operation's id -> the joins that made it.
    pub notes: BTreeMap<EntityId, Vec<MergeNote>>,
    /// The joined operation's id -> its name.
    pub names: BTreeMap<EntityId, String>,
}

/// One operation before this pass: a canonical id and what its releases say.
#[derive(Clone, Debug)]
struct Op {
    id: EntityId,
    named: bool,
    docs: BTreeSet<DocId>,
    /// Ids the releases gave it (for `keep_apart`).
    ids: BTreeSet<EntityId>,
    range: Option<DayRange>,
    /// Every date of it is written in a text (none is a release date standing in).
    stated: bool,
    countries: BTreeSet<String>,
    /// (document date, name) of each source, to pick the joined name.
    names: Vec<(Option<Day>, DocId, String)>,
}

/// Two operations a rule would join, and how strongly they agree (more
/// countries in common first).
struct Pair {
    i: usize,
    j: usize,
    note: MergeNote,
    strength: (Reverse<usize>, Reverse<usize>),
}

/// The verdict of the date rule on two operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub shared: Vec<String>,
    pub of: usize,
    pub days: DayRange,
}

/// Do two operations' days and countries agree (the `dates-and-countries`
/// rule, before the named/unnamed conditions)?
pub fn agree(a: (DayRange, &BTreeSet<String>), b: (DayRange, &BTreeSet<String>)) -> Option<Agreement> {
    let (sa, sb) = (span(a.0), span(b.0));
    if !a.0.overlaps(&b.0) || sa > MAX_DAYS || sb > MAX_DAYS || sa.min(sb) > STRONG_DAYS {
        return None;
    }
    // Jaccard >= 1/2, in integers
    if !countries_agree(a.1, b.1) {
        return None;
    }
    let shared: Vec<String> = a.1.intersection(b.1).cloned().collect();
    let of = a.1.union(b.1).count();
    let days = intersect(a.0, b.0)?;
    Some(Agreement { shared, of, days })
}

/// Days in a range, both ends included.
fn span(r: DayRange) -> i64 {
    let mut n = 1;
    let mut d = r.from;
    while d < r.to && n <= MAX_DAYS {
        match d.plus(1) {
            Some(next) => d = next,
            None => break,
        }
        n += 1;
    }
    n
}

/// A named operation's name as the rule compares it: words of its slug,
/// a trailing roman number read as arabic, a trailing year apart.
pub fn name_key(slug: &str) -> (Vec<String>, Option<u16>) {
    let mut words: Vec<String> = slug.split('-').filter(|w| !w.is_empty()).map(str::to_string).collect();
    let mut year = None;
    if words.len() > 1 {
        if let Some(y) = words.last().and_then(|w| w.parse::<u16>().ok()).filter(|y| (1900..2100).contains(y)) {
            year = Some(y);
            words.pop();
        }
    }
    if words.len() > 1 {
        if let Some(n) = words.last().and_then(|w| roman(w)) {
            if let Some(last) = words.last_mut() {
                *last = n.to_string();
            }
        }
    }
    (words, year)
}

/// "ii" -> 2, "xiv" -> 14; only I, V and X (operation editions), written canonically.
fn roman(w: &str) -> Option<u32> {
    if w.is_empty() || !w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        return None;
    }
    let val = |c: char| match c {
        'i' => 1,
        'v' => 5,
        _ => 10,
    };
    let cs: Vec<u32> = w.chars().map(val).collect();
    let mut n = 0;
    for (i, v) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|next| next > v) {
            n -= *v as i64;
        } else {
            n += *v as i64;
        }
    }
    let n = u32::try_from(n).ok().filter(|n| *n > 0)?;
    (to_roman(n) == w).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Decide which operations are one. `canon` maps every extracted id to its
/// canonical id after name and curation merges.
pub fn merge(facts: &Facts, canon: &BTreeMap<EntityId, EntityId>, curation: &Curation) -> OperationMerges {
    let map = |id: &EntityId| canon.get(id).cloned().unwrap_or_else(|| id.clone());
    // hashed, not ordered: looked up once per entity and relation of every
    // document, and never listed
    let doc_dates: FxHashMap<&DocId, Option<Day>> = facts.documents.iter().map(|d| (&d.id, d.date)).collect();
    let mut ops: Vec<Op> = Vec::new();
    let mut index: BTreeMap<EntityId, usize> = BTreeMap::new();
    // id as extracted -> its operation, so a relation finds it without resolving the id again
    let mut op_of: FxHashMap<&EntityId, usize> = FxHashMap::default();
    // (doc, id as extracted) -> country of a national body
    let mut body_country: FxHashMap<(&DocId, &EntityId), String> = FxHashMap::default();
    for s in &facts.entities {
        let kind = kind_of(&s.id, facts);
        if kind == EntityKind::Agency {
            if let Some(c) = &s.country {
                body_country.insert((&s.doc, &s.id), c.to_lowercase());
            }
            continue;
        }
        if kind != EntityKind::Operation {
            continue;
        }
        let id = map(&s.id);
        let i = *index.entry(id.clone()).or_insert_with(|| {
            ops.push(Op {
                named: !id.is_unnamed(),
                id,
                docs: BTreeSet::new(),
                ids: BTreeSet::new(),
                range: None,
                stated: true,
                countries: BTreeSet::new(),
                names: Vec::new(),
            });
            ops.len() - 1
        });
        op_of.insert(&s.id, i);
        let op = &mut ops[i];
        op.docs.insert(s.doc.clone());
        op.ids.insert(s.id.clone());
        if let Some(w) = &s.when {
            op.range = Some(op.range.map_or(w.range(), |r| r.union(&w.range())));
            op.stated &= w.said != "release date";
        }
        op.names.push((doc_dates.get(&s.doc).copied().flatten(), s.doc.clone(), s.name.clone()));
    }
    if ops.len() < 2 {
        return OperationMerges::default();
    }
    for r in &facts.relations {
        if r.relation == RelationKind::BasedIn && r.target.kind == EntityKind::Country {
            body_country.entry((&r.evidence.doc, &r.source)).or_insert_with(|| r.target.slug.to_string());
        }
    }
    // ids that are no operation as extracted, resolved once each
    let mut others: FxHashMap<&EntityId, Option<usize>> = FxHashMap::default();
    for r in &facts.relations {
        let (op, other) = match r.relation {
            RelationKind::Coordinated | RelationKind::ParticipatedIn | RelationKind::Supported => (&r.target, &r.source),
            RelationKind::ArrestedIn => (&r.source, &r.target),
            _ => continue,
        };
        let Some(i) = op_of.get(op).copied().or_else(|| *others.entry(op).or_insert_with(|| index.get(&map(op)).copied())) else {
            continue;
        };
        let country = match kind_of(other, facts) {
            EntityKind::Country if r.relation != RelationKind::Supported => Some(other.slug.to_string()),
            EntityKind::Agency if r.relation != RelationKind::ArrestedIn => body_country.get(&(&r.evidence.doc, other)).cloned(),
            _ => None,
        };
        if let Some(c) = country {
            ops[i].countries.insert(c);
        }
    }

    let mut pairs: Vec<Pair> = Vec::new();
    same_name_pairs(&ops, &mut pairs);
    date_pairs(&ops, &mut pairs);
    // same-name first, then the strongest agreement first
    pairs.sort_by(|x, y| {
        let rank = |p: &Pair| (p.note.rule, p.strength, ops[p.i].id.clone(), ops[p.j].id.clone());
        rank(x).cmp(&rank(y))
    });

    let keep_apart: Vec<(EntityId, EntityId)> = curation.keep_apart.iter().map(|k| (k.a.clone(), k.b.clone())).collect();
    let mut sets = Sets::new(&ops);
    // the joins made, in order, each with one operation of its group
    let mut made: Vec<(usize, MergeNote)> = Vec::new();
    for Pair { i, j, note, .. } in pairs {
        let (ri, rj) = (sets.find(i), sets.find(j));
        if ri == rj || !sets.docs[ri].is_disjoint(&sets.docs[rj]) {
            continue;
        }
        let apart = keep_apart
            .iter()
            .any(|(a, b)| (sets.ids[ri].contains(a) && sets.ids[rj].contains(b)) || (sets.ids[ri].contains(b) && sets.ids[rj].contains(a)));
        if apart {
            continue;
        }
        let days = match note.rule {
            // a group of releases of one action still shares a day, and its countries still agree
            MergeRule::DatesAndCountries => {
                let common = sets.days[ri].zip(sets.days[rj]).and_then(|(a, b)| intersect(a, b));
                if common.is_none() || !countries_agree(&sets.countries[ri], &sets.countries[rj]) {
                    continue;
                }
                common
            }
            MergeRule::SameName => match (sets.days[ri], sets.days[rj]) {
                (Some(a), Some(b)) => intersect(a, b),
                (a, b) => a.or(b),
            },
        };
        let root = sets.union(ri, rj);
        sets.days[root] = days;
        made.push((i, note));
    }
    let mut notes: BTreeMap<usize, Vec<MergeNote>> = BTreeMap::new();
    for (i, note) in made {
        notes.entry(sets.find(i)).or_default().push(note);
    }

    let mut out = OperationMerges::default();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ops.len() {
        members.entry(sets.find(i)).or_default().push(i);
    }
    for (root, group) in members {
        if group.len() < 2 {
            continue;
        }
        let joins = notes.remove(&root).unwrap_or_default();
        let (target, name) = target_of(&ops, &group, joins.first().and_then(|n| n.days));
        for &i in &group {
            out.into.insert(ops[i].id.clone(), target.clone());
        }
        out.notes.insert(target.clone(), joins);
        out.names.insert(target, name);
    }
    out
}

/// Named operations whose names differ by number form, or by a year that their dates agree with.
fn same_name_pairs(ops: &[Op], pairs: &mut Vec<Pair>) {
    let mut by_key: BTreeMap<(Vec<String>, Option<u16>), Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate().filter(|(_, o)| o.named) {
        by_key.entry(name_key(&op.id.slug)).or_default().push(i);
    }
    let name = |i: usize| ops[i].names.first().map(|n| n.2.clone()).unwrap_or_default();
    let note = |i: usize, j: usize| {
        let (i, j) = if ops[i].id <= ops[j].id { (i, j) } else { (j, i) };
        MergeNote {
            rule: MergeRule::SameName,
            a: ops[i].id.clone(),
            b: ops[j].id.clone(),
            countries: Vec::new(),
            of: 0,
            days: None,
            names: vec![name(i), name(j)],
        }
    };
    for ((words, year), group) in &by_key {
        for w in group.windows(2) {
            pairs.push(Pair { i: w[0], j: w[1], note: note(w[0], w[1]), strength: (Reverse(0), Reverse(0)) });
        }
        let Some(y) = year else { continue };
        let Some(bare) = by_key.get(&(words.clone(), None)) else { continue };
        for &j in bare {
            let within = ops[j].range.is_some_and(|r| r.from.year == *y && r.to.year == *y);
            if let (true, Some(&i)) = (within, group.first()) {
                pairs.push(Pair { i, j, note: note(i, j), strength: (Reverse(0), Reverse(0)) });
            }
        }
    }
}

/// Pairs that meet the dates-and-countries rule, found through (day, country) buckets.
fn date_pairs(ops: &[Op], pairs: &mut Vec<Pair>) {
    let mut buckets: BTreeMap<(Day, &str), Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        let Some(r) = op.range else { continue };
        if op.countries.len() < MIN_SHARED || span(r) > MAX_DAYS {
            continue;
        }
        let mut d = r.from;
        loop {
            for c in &op.countries {
                buckets.entry((d, c.as_str())).or_default().push(i);
            }
            match d.plus(1) {
                Some(next) if next <= r.to => d = next,
                _ => break,
            }
        }
    }
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for group in buckets.values() {
        for (k, &i) in group.iter().enumerate() {
            for &j in &group[k + 1..] {
                if i != j {
                    candidates.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    // an unnamed action joins a named operation only when that is the one it matches
    let mut named_matches: BTreeMap<usize, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for (i, j) in candidates {
        let (a, b) = (&ops[i], &ops[j]);
        if a.named && b.named {
            continue;
        }
        let (Some(ra), Some(rb)) = (a.range, b.range) else { continue };
        let Some(ag) = agree((ra, &a.countries), (rb, &b.countries)) else { continue };
        if a.named || b.named {
            let strong = a.stated && b.stated && span(ra) <= STRONG_DAYS && span(rb) <= STRONG_DAYS;
            if !strong {
                continue;
            }
            *named_matches.entry(if a.named { j } else { i }).or_default() += 1;
        }
        found.push((i, j, ag));
    }
    for (i, j, ag) in found {
        if ops[i].named || ops[j].named {
            let unnamed = if ops[i].named { j } else { i };
            if named_matches.get(&unnamed).copied().unwrap_or(0) != 1 {
                continue;
            }
        }
        let strength = (Reverse(ag.shared.len() * 1000 / ag.of.max(1)), Reverse(ag.shared.len()));
        let note = MergeNote {
            rule: MergeRule::DatesAndCountries,
            a: ops[i].id.clone().min(ops[j].id.clone()),
            b: ops[i].id.clone().max(ops[j].id.clone()),
            countries: ag.shared,
            of: ag.of,
            days: Some(ag.days),
            names: Vec::new(),
        };
        pairs.push(Pair { i, j, note, strength });
    }
}

/// The joined operation's id and name. A named operation keeps its id and
/// name (the one most releases use); unnamed actions take the id of the
/// earliest release (by its date, undated last, then id), so adding
/// unrelated releases never renames them, and the first name that carries
/// a date rather than a headline; when each names it by its headline, the
/// earliest release's kind of action and the days the first join agreed on
/// ("action day 2025-03-18"), as no one headline speaks for all.
fn target_of(ops: &[Op], group: &[usize], days: Option<DayRange>) -> (EntityId, String) {
    let named: Vec<usize> = group.iter().copied().filter(|&i| ops[i].named).collect();
    if let Some(&best) = named.iter().max_by(|&&a, &&b| ops[a].docs.len().cmp(&ops[b].docs.len()).then(ops[b].id.cmp(&ops[a].id))) {
        let op = &ops[best];
        let name = super::most_common(op.names.iter().map(|n| n.2.as_str())).unwrap_or_default();
        return (op.id.clone(), name);
    }
    let key = |i: usize| {
        let first = ops[i].names.iter().map(|n| n.0).min().flatten();
        (first.is_none(), first, ops[i].id.clone())
    };
    let mut order: Vec<usize> = group.to_vec();
    order.sort_by_key(|&i| key(i));
    let target = ops[order[0]].id.clone();
    let names: Vec<&str> = order.iter().flat_map(|&i| ops[i].names.iter().map(|n| n.2.as_str())).collect();
    let first = names.first().copied().unwrap_or_default();
    let name = match (names.iter().find(|n| !n.contains(" (")), days) {
        (Some(dated), _) => dated.to_string(),
        (None, Some(days)) => format!("{} {days}", first.split(" (").next().unwrap_or(first)),
        (None, None) => first.to_string(),
    };
    (target, name)
}

/// The days two ranges share.
fn intersect(a: DayRange, b: DayRange) -> Option<DayRange> {
    let r = DayRange { from: a.from.max(b.from), to: a.to.min(b.to) };
    (r.from <= r.to).then_some(r)
}

/// The country part of the date rule, on two sets of countries.
fn countries_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= MIN_SHARED && shared * 2 >= a.union(b).count()
}

/// Union-find over operations, carrying each set's documents, ids,
/// countries and the days all its members share.
struct Sets {
    parent: Vec<usize>,
    docs: Vec<BTreeSet<DocId>>,
    ids: Vec<BTreeSet<EntityId>>,
    countries: Vec<BTreeSet<String>>,
    days: Vec<Option<DayRange>>,
}

impl Sets {
    fn new(ops: &[Op]) -> Self {
        Sets {
            parent: (0..ops.len()).collect(),
            docs: ops.iter().map(|o| o.docs.clone()).collect(),
            ids: ops
                .iter()
                .map(|o| {
                    let mut s = o.ids.clone();
                    s.insert(o.id.clone());
                    s
                })
                .collect(),
            countries: ops.iter().map(|o| o.countries.clone()).collect(),
            days: ops.iter().map(|o| o.range).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Join two roots: the larger set stays the root (ties: the smaller
    /// index), so each member moves O(log n) times.
    fn union(&mut self, a: usize, b: usize) -> usize {
        let size = |s: &Self, x: usize| s.docs[x].len() + s.ids[x].len();
        let (root, child) = match size(self, a).cmp(&size(self, b)) {
            std::cmp::Ordering::Greater => (a, b),
            std::cmp::Ordering::Less => (b, a),
            std::cmp::Ordering::Equal => (a.min(b), a.max(b)),
        };
        self.parent[child] = root;
        let docs = std::mem::take(&mut self.docs[child]);
        self.docs[root].extend(docs);
        let ids = std::mem::take(&mut self.ids[child]);
        self.ids[root].extend(ids);
        let countries = std::mem::take(&mut self.countries[child]);
        self.countries[root].extend(countries);
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        s.parse().unwrap()
    }

    fn range(a: &str, b: &str) -> DayRange {
        DayRange { from: d(a), to: d(b) }
    }

    fn set(cs: &[&str]) -> BTreeSet<String> {
        cs.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn countries_must_agree_at_half_of_the_union_with_two_shared() {
        let day = range("2025-03-18", "2025-03-18");
        // 2 shared of 4: exactly at the threshold
        let at = agree((day, &set(&["cz", "sk", "at"])), (day, &set(&["cz", "sk", "hu"])));
        assert_eq!(at.map(|a| (a.shared, a.of)), Some((vec!["cz".to_string(), "sk".to_string()], 4)));
        // 2 shared of 5: one below
        assert!(agree((day, &set(&["cz", "sk", "at"])), (day, &set(&["cz", "sk", "hu", "pl"]))).is_none());
        // 1 shared of 2 is half, but one country is not enough
        assert!(agree((day, &set(&["cz", "sk"])), (day, &set(&["cz"]))).is_none());
        assert!(agree((day, &set(&["cz", "sk"])), (day, &set(&["cz", "hu"]))).is_none());
        // 2 of 2
        assert!(agree((day, &set(&["cz", "sk"])), (day, &set(&["sk", "cz"]))).is_some());
    }

    #[test]
    fn days_must_overlap_and_ranges_be_a_month_at_most() {
        let cs = set(&["cz", "sk"]);
        let a = agree((range("2025-03-14", "2025-03-20"), &cs), (range("2025-03-18", "2025-03-18"), &cs)).unwrap();
        assert_eq!(a.days, range("2025-03-18", "2025-03-18"));
        // touching on the last day still overlaps; the day after does not
        assert!(agree((range("2025-03-14", "2025-03-20"), &cs), (range("2025-03-20", "2025-03-21"), &cs)).is_some());
        assert!(agree((range("2025-03-14", "2025-03-20"), &cs), (range("2025-03-21", "2025-03-21"), &cs)).is_none());
        // 31 days is a month and counts; 32 does not
        assert!(agree((range("2025-03-01", "2025-03-31"), &cs), (range("2025-03-18", "2025-03-18"), &cs)).is_some());
        assert!(agree((range("2025-03-01", "2025-04-01"), &cs), (range("2025-03-18", "2025-03-18"), &cs)).is_none());
        // but one side must give its week: a month against a month is not enough, a month against 7 days is
        assert!(agree((range("2025-03-01", "2025-03-31"), &cs), (range("2025-03-01", "2025-03-31"), &cs)).is_none());
        assert!(agree((range("2025-03-01", "2025-03-31"), &cs), (range("2025-03-10", "2025-03-17"), &cs)).is_none());
        assert!(agree((range("2025-03-01", "2025-03-31"), &cs), (range("2025-03-10", "2025-03-16"), &cs)).is_some());
    }

    /// A release `doc` (published `date`) telling operation `id` on `days`,
    /// with these countries taking part.
    fn release(f: &mut Facts, doc: &str, date: Option<&str>, id: &str, days: (&str, &str, &str), countries: &[&str]) {
        use crate::model::{DocumentRecord, Evidence, When};
        let doc_id = DocId::new(doc);
        if !f.documents.iter().any(|x| x.id == doc_id) {
            f.documents.push(DocumentRecord {
                id: doc_id.clone(),
                path: format!("{doc}.txt"),
                article: None,
                title: doc.into(),
                source: None,
                hash: doc.into(),
                date: date.map(d),
            });
        }
        let op: EntityId = id.parse().unwrap();
        f.kinds.insert(op.clone(), EntityKind::Operation);
        f.entities.push(crate::model::EntitySource {
            doc: doc_id.clone(),
            id: op.clone(),
            name: id.into(),
            aliases: Vec::new(),
            country: None,
            first: 0,
            when: Some(Box::new(When { from: d(days.0), to: d(days.1), said: days.2.into(), start: 0, end: 0 })),
        });
        for c in countries {
            let country = EntityId::new(EntityKind::Country, *c);
            f.kinds.insert(country.clone(), EntityKind::Country);
            let text = format!("{c} took part");
            f.relations.push(super::super::RelationFact {
                source: country,
                relation: RelationKind::ParticipatedIn,
                target: op.clone(),
                evidence: Evidence {
                    doc: doc_id.clone(),
                    start: 0,
                    end: text.len(),
                    text: text.into(),
                    count: None,
                    rule: None,
                    hedged: false,
                },
            });
        }
    }

    fn joined(f: &Facts) -> Vec<Vec<String>> {
        let m = merge(f, &BTreeMap::new(), &Curation::default());
        let mut groups: BTreeMap<&EntityId, Vec<String>> = BTreeMap::new();
        for (from, to) in &m.into {
            groups.entry(to).or_default().push(from.to_string());
        }
        groups.into_values().collect()
    }

    const DAY: (&str, &str, &str) = ("2025-03-18", "2025-03-18", "18 March");

    #[test]
    fn two_operations_of_one_release_are_never_joined() {
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:d-1-1", DAY, &["cz", "sk"]);
        release(&mut f, "d-1", None, "operation:d-1-2", DAY, &["cz", "sk"]);
        release(&mut f, "d-2", None, "operation:d-2-1", DAY, &["cz", "sk"]);
        // d-2's action joins one of d-1's, never both
        assert_eq!(joined(&f), [["operation:d-1-1", "operation:d-2-1"]]);
    }

    #[test]
    fn a_chain_of_overlapping_days_does_not_become_one_action() {
        // 10-12, 12-14, 14-16 March: each overlaps the next, the first and last share no day
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:d-1-1", ("2025-03-10", "2025-03-12", "10 to 12 March"), &["cz", "sk"]);
        release(&mut f, "d-2", None, "operation:d-2-1", ("2025-03-12", "2025-03-14", "12 to 14 March"), &["cz", "sk"]);
        release(&mut f, "d-3", None, "operation:d-3-1", ("2025-03-14", "2025-03-16", "14 to 16 March"), &["cz", "sk"]);
        assert_eq!(joined(&f), [["operation:d-1-1", "operation:d-2-1"]]);
        // a release of the whole week joins the group, which keeps its one day (12 March); 14-16 stays apart
        release(&mut f, "d-4", None, "operation:d-4-1", ("2025-03-10", "2025-03-16", "last week"), &["cz", "sk"]);
        assert_eq!(joined(&f), [["operation:d-1-1", "operation:d-2-1", "operation:d-4-1"]]);
    }

    #[test]
    fn an_unnamed_action_joins_a_named_operation_only_on_strong_evidence() {
        let week = ("2025-06-02", "2025-06-06", "2 to 6 June 2025");
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:orion", week, &["es", "fr", "it"]);
        release(&mut f, "d-2", None, "operation:d-2-1", ("2025-06-04", "2025-06-04", "4 June"), &["es", "fr", "it"]);
        assert_eq!(joined(&f), [["operation:d-2-1", "operation:orion"]]);
        // the release's own date standing in is no written date
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:orion", week, &["es", "fr", "it"]);
        release(&mut f, "d-2", None, "operation:d-2-1", ("2025-06-04", "2025-06-04", "release date"), &["es", "fr", "it"]);
        assert!(joined(&f).is_empty());
        // a named operation over more than a week
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:orion", ("2025-06-01", "2025-06-08", "1 to 8 June"), &["es", "fr", "it"]);
        release(&mut f, "d-2", None, "operation:d-2-1", ("2025-06-04", "2025-06-04", "4 June"), &["es", "fr", "it"]);
        assert!(joined(&f).is_empty());
        // two named operations it matches: it joins neither, and they stay apart
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:orion", week, &["es", "fr", "it"]);
        release(&mut f, "d-3", None, "operation:lyra", week, &["es", "fr", "it"]);
        release(&mut f, "d-2", None, "operation:d-2-1", ("2025-06-04", "2025-06-04", "4 June"), &["es", "fr", "it"]);
        assert!(joined(&f).is_empty());
    }

    #[test]
    fn a_name_with_a_year_joins_the_bare_name_only_when_its_dates_are_in_that_year() {
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:global-chain-2024", ("2024-06-03", "2024-06-09", "3 to 9 June"), &["at"]);
        release(&mut f, "d-2", None, "operation:global-chain", ("2024-06-01", "2024-06-30", "in June 2024"), &["ro"]);
        assert_eq!(joined(&f), [["operation:global-chain", "operation:global-chain-2024"]]);
        let mut f = Facts::default();
        release(&mut f, "d-1", None, "operation:global-chain-2024", ("2024-06-03", "2024-06-09", "3 to 9 June"), &["at"]);
        release(&mut f, "d-2", None, "operation:global-chain", ("2023-06-01", "2023-06-30", "in June 2023"), &["ro"]);
        assert!(joined(&f).is_empty(), "the 2023 edition is another operation");
    }

    #[test]
    fn buckets_find_every_pair_the_rule_accepts() {
        // the (day, country) buckets against comparing every pair
        let countries = ["at", "cz", "sk", "hu", "pl"];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let mut accepted = 0;
        for _ in 0..60 {
            let mut ops = Vec::new();
            for k in 0..8 {
                let from = d("2025-03-01").plus(next(40) as i32).unwrap();
                let to = from.plus(next(6) as i32 * if next(5) == 0 { 10 } else { 1 }).unwrap();
                let cs: BTreeSet<String> = countries.iter().filter(|_| next(2) == 0).map(|c| c.to_string()).collect();
                ops.push(Op {
                    id: format!("operation:d-{k}-1").parse().unwrap(),
                    named: false,
                    docs: [DocId::new(format!("d-{k}"))].into(),
                    ids: BTreeSet::new(),
                    range: Some(DayRange { from, to }),
                    stated: true,
                    countries: cs,
                    names: Vec::new(),
                });
            }
            let mut pairs = Vec::new();
            date_pairs(&ops, &mut pairs);
            let fast: BTreeSet<(usize, usize)> = pairs.iter().map(|p| (p.i, p.j)).collect();
            let mut slow = BTreeSet::new();
            for i in 0..ops.len() {
                for j in i + 1..ops.len() {
                    let (a, b) = (&ops[i], &ops[j]);
                    if agree((a.range.unwrap(), &a.countries), (b.range.unwrap(), &b.countries)).is_some() {
                        slow.insert((i, j));
                    }
                }
            }
            assert_eq!(fast, slow);
            accepted += slow.len();
        }
        assert!(accepted > 20, "the draws must give pairs to find: {accepted}");
    }

    #[test]
    fn names_compare_with_roman_numbers_read_and_a_year_apart() {
        assert_eq!(name_key("orion-ii"), name_key("orion-2"));
        assert_eq!(name_key("weka-xiv").0, ["weka", "14"]);
        assert_eq!(name_key("global-chain-2024"), (vec!["global".to_string(), "chain".to_string()], Some(2024)));
        // a lone word is a name, not a number; "iiii" is no roman number
        assert_eq!(name_key("vi").0, ["vi"]);
        assert_eq!(name_key("orion-iiii").0, ["orion", "iiii"]);
        assert_ne!(name_key("danube"), name_key("danube-5"));
    }
}
