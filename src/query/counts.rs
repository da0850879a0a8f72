//! Figures as facts: totals per operation and per country that count each
//! fact once, and the facts releases give different numbers for.
//!
//! A fact is what a figure is about: one operation (or, for a release that
//! names none, that release), one measure (and for seizures one item), one
//! country or the whole operation. Every figure stating that fact is one
//! statement of it, from whichever release: "2,517 arrests" in a headline
//! and again in the text, or in two releases about the same operation, is
//! one fact and counts once. Statements agree when the values their
//! qualifiers allow meet ("more than 200" and "212"); the fact's value is
//! then what they all allow. When two do not meet (38 against 40), the fact
//! is a conflict: `conflicts` lists it with every sentence, and totals carry
//! its lowest and highest value.
//!
//! Totals never count a fact twice: an operation's total for a measure is
//! its whole-operation fact when a release states one, else the sum of its
//! country facts (marked so); a country's total is the sum of the facts
//! placed in it ("six in Belgium"); the overall total sums the operations'
//! totals (and the releases with no operation). A whole-operation figure is
//! never added to a country, nor country figures to their operation's own
//! total.

use super::filter::Filter;
use crate::graph::CaseGraph;
use crate::model::{group_digits, terminal_safe, DocId, EntityId, EntityKind, FigureRecord, Measure};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One figure as a statement of its fact, with where it was read.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Statement {
    /// The number as qualified ("more than 200").
    pub stated: String,
    pub value: u32,
    pub low: u64,
    pub high: Option<u64>,
    pub said: String,
    pub doc: DocId,
    pub path: String,
    pub title: String,
    /// The publisher, from the release's `Source:` line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

/// What a figure is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    case: Case,
    measure: Measure,
    item: Option<String>,
    country: Option<EntityId>,
}

/// An operation, or a release that names none.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Case {
    Operation(EntityId),
    Release(DocId),
}

/// One fact and every statement of it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Fact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<EntityId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_name: Option<String>,
    pub measure: Measure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// None: the whole operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<EntityId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// The value it counts for: what every statement allows, or from the
    /// lowest to the highest statement when they conflict.
    pub low: u64,
    pub high: Option<u64>,
    pub conflict: bool,
    /// Two statements from different releases do not meet.
    pub across_releases: bool,
    pub documents: usize,
    pub statements: Vec<Statement>,
}

impl Fact {
    fn label(&self) -> String {
        let what = measure_label(self.measure, self.item.as_deref());
        let op = self.operation_name.as_deref().unwrap_or("(no operation named)");
        let place = self.country_name.as_deref().map_or("for the whole operation".to_string(), |c| format!("in {}", terminal_safe(c)));
        format!("{}: {what} {place}", terminal_safe(op))
    }
}

fn measure_label(m: Measure, item: Option<&str>) -> String {
    match item {
        Some(i) => format!("{m} ({i})"),
        None => m.to_string(),
    }
}

/// A sum over facts.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Total {
    pub measure: Measure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub low: u64,
    /// None: no upper end (a fact stated as "more than").
    pub high: Option<u64>,
    pub facts: usize,
    pub conflicts: usize,
    pub documents: usize,
    /// An operation's total made of its countries' figures, no release
    /// giving one for the whole operation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_countries: bool,
}

impl Total {
    fn value(&self) -> String {
        span_text(self.low, self.high)
    }
}

fn span_text(low: u64, high: Option<u64>) -> String {
    match high {
        Some(h) if h == low => group_digits(low),
        Some(h) => format!("{}-{}", group_digits(low), group_digits(h)),
        None => format!("at least {}", group_digits(low)),
    }
}

/// An entity and its totals.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TotalsRow {
    pub id: EntityId,
    pub name: String,
    pub totals: Vec<Total>,
}

/// What `casegraph counts` prints.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Counts {
    /// The entity asked about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<TotalsRow>,
    pub operations: Vec<TotalsRow>,
    pub countries: Vec<TotalsRow>,
    /// Over every operation (and release naming none) in the selection.
    pub overall: Vec<Total>,
    /// The facts behind the totals, with their statements.
    pub facts: Vec<Fact>,
}

/// The facts of `g`'s figures, sorted by operation name, measure, country.
pub fn facts(g: &CaseGraph, measures: &[Measure]) -> Vec<Fact> {
    let mut by_key: BTreeMap<Key, Vec<&FigureRecord>> = BTreeMap::new();
    for f in g.figures.iter().filter(|f| measures.is_empty() || measures.contains(&f.measure)) {
        let case = match &f.operation {
            Some(o) => Case::Operation(o.clone()),
            None => Case::Release(f.doc.clone()),
        };
        by_key.entry(Key { case, measure: f.measure, item: f.item.clone(), country: f.country.clone() }).or_default().push(f);
    }
    let name = |id: &EntityId| g.node(id).map(|n| g.entity(n).name.clone()).unwrap_or_else(|| id.to_string());
    let mut out: Vec<Fact> = by_key
        .into_iter()
        .map(|(key, figs)| {
            // figures of one fact in one sentence are parts of it ("five searches in
            // Madrid, one in Asturias"): one statement, their sum
            let mut by_sentence: BTreeMap<(&DocId, usize), Vec<&FigureRecord>> = BTreeMap::new();
            for f in &figs {
                by_sentence.entry((&f.doc, f.start)).or_default().push(f);
            }
            let statements: Vec<Statement> = by_sentence
                .into_values()
                .filter_map(|mut parts| {
                    // in the order the sentence gives them
                    parts.sort_by_key(|p| (p.text.find(p.said.as_str()), p.value));
                    let f = *parts.first()?;
                    let ranges: Vec<(u64, Option<u64>)> = parts.iter().map(|p| p.bound.range(p.value)).collect();
                    let low = ranges.iter().map(|r| r.0).sum();
                    let high = ranges.iter().try_fold(0u64, |acc, r| r.1.map(|h| acc + h));
                    let value = parts.iter().map(|p| p.value).fold(0u32, u32::saturating_add);
                    let stated = if parts.len() == 1 {
                        f.stated()
                    } else {
                        format!("{} ({})", group_digits(u64::from(value)), parts.iter().map(|p| p.stated()).collect::<Vec<_>>().join(" + "))
                    };
                    let doc = g.document(&f.doc);
                    Some(Statement {
                        stated,
                        value,
                        low,
                        high,
                        said: parts.iter().map(|p| p.said.as_str()).collect::<Vec<_>>().join("; "),
                        doc: f.doc.clone(),
                        path: doc.map(|d| d.path.clone()).unwrap_or_default(),
                        title: doc.map(|d| d.title.clone()).unwrap_or_default(),
                        source: doc.and_then(|d| d.source.clone()),
                        start: f.start,
                        end: f.end,
                        text: f.text.to_string(),
                        rule: f.rule.to_string(),
                        hedged: parts.iter().all(|p| p.hedged),
                    })
                })
                .collect();
            let max_low = statements.iter().map(|s| s.low).max().unwrap_or(0);
            let min_high = statements.iter().filter_map(|s| s.high).min();
            let conflict = min_high.is_some_and(|h| max_low > h);
            let (low, high) = if conflict {
                let low = statements.iter().map(|s| s.low).min().unwrap_or(0);
                let high = if statements.iter().any(|s| s.high.is_none()) { None } else { statements.iter().filter_map(|s| s.high).max() };
                (low, high)
            } else {
                (max_low, min_high)
            };
            let across_releases = statements.iter().any(|a| statements.iter().any(|b| a.doc != b.doc && a.high.is_some_and(|h| b.low > h)));
            let documents = statements.iter().map(|s| &s.doc).collect::<BTreeSet<_>>().len();
            let operation = match &key.case {
                Case::Operation(o) => Some(o.clone()),
                Case::Release(_) => None,
            };
            Fact {
                operation_name: operation.as_ref().map(&name),
                operation,
                measure: key.measure,
                item: key.item,
                country_name: key.country.as_ref().map(&name),
                country: key.country,
                low,
                high,
                conflict,
                across_releases,
                documents,
                statements,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.operation_name, &a.operation, a.measure, &a.item, &a.country_name).cmp(&(
            &b.operation_name,
            &b.operation,
            b.measure,
            &b.item,
            &b.country_name,
        ))
    });
    out
}

/// Sum facts per (measure, item).
fn sum<'a>(facts: impl Iterator<Item = &'a Fact>, from_countries: bool) -> BTreeMap<(Measure, Option<String>), Total> {
    let mut out: BTreeMap<(Measure, Option<String>), Total> = BTreeMap::new();
    let mut docs: BTreeMap<(Measure, Option<String>), BTreeSet<&DocId>> = BTreeMap::new();
    for f in facts {
        let key = (f.measure, f.item.clone());
        let t = out.entry(key.clone()).or_insert(Total {
            measure: f.measure,
            item: f.item.clone(),
            low: 0,
            high: Some(0),
            facts: 0,
            conflicts: 0,
            documents: 0,
            from_countries,
        });
        t.low += f.low;
        t.high = t.high.zip(f.high).map(|(a, b)| a + b);
        t.facts += 1;
        t.conflicts += usize::from(f.conflict);
        docs.entry(key).or_default().extend(f.statements.iter().map(|s| &s.doc));
    }
    for (k, t) in out.iter_mut() {
        t.documents = docs.get(k).map_or(0, BTreeSet::len);
    }
    out
}

/// A case's totals: its whole-operation facts where a release states one
/// for the measure, else the sum of its country facts.
fn case_totals(facts: &[&Fact]) -> Vec<Total> {
    let whole = sum(facts.iter().copied().filter(|f| f.country.is_none()), false);
    let by_country = sum(facts.iter().copied().filter(|f| f.country.is_some()), true);
    let mut out = whole.clone();
    for (k, t) in by_country {
        out.entry(k).or_insert(t);
    }
    out.into_values().collect()
}

fn merge(into: &mut BTreeMap<(Measure, Option<String>), Total>, t: &Total) {
    let e = into.entry((t.measure, t.item.clone())).or_insert(Total {
        measure: t.measure,
        item: t.item.clone(),
        low: 0,
        high: Some(0),
        facts: 0,
        conflicts: 0,
        documents: 0,
        from_countries: false,
    });
    e.low += t.low;
    e.high = e.high.zip(t.high).map(|(a, b)| a + b);
    e.facts += t.facts;
    e.conflicts += t.conflicts;
    e.documents += t.documents;
}

/// Totals per operation and country of `g` after `filter`; with `around`,
/// only the facts about it: an operation's own, a country's, or those of
/// the operations another entity is linked to.
pub fn counts(g: &CaseGraph, around: Option<NodeIndex>, filter: &Filter, measures: &[Measure]) -> Counts {
    let around_id = around.map(|n| g.entity(n).id.clone());
    let narrowed = if filter.is_empty() { g.clone() } else { filter.apply(g) };
    let g = &narrowed;
    let all = facts(g, measures);
    let (kind, ops_of): (Option<EntityKind>, BTreeSet<EntityId>) = match around_id.as_ref().and_then(|id| g.node(id)) {
        Some(n) => {
            let e = g.entity(n);
            let ops = match e.kind {
                EntityKind::Operation => [e.id.clone()].into(),
                EntityKind::Country => BTreeSet::new(),
                _ => g
                    .incident(n)
                    .into_iter()
                    .map(|(_, o, _)| g.entity(o))
                    .filter(|o| o.kind == EntityKind::Operation)
                    .map(|o| o.id.clone())
                    .collect(),
            };
            (Some(e.kind), ops)
        }
        None => (None, BTreeSet::new()),
    };
    let selected: Vec<&Fact> = all
        .iter()
        .filter(|f| match (&around_id, kind) {
            (None, _) => true,
            (Some(c), Some(EntityKind::Country)) => f.country.as_ref() == Some(c),
            (Some(_), _) => f.operation.as_ref().is_some_and(|o| ops_of.contains(o)),
        })
        .collect();
    let mut cases: BTreeMap<Case, Vec<&Fact>> = BTreeMap::new();
    for f in &selected {
        // a fact of no operation is one release's: its statements share that release
        let case = match (&f.operation, f.statements.first()) {
            (Some(o), _) => Case::Operation(o.clone()),
            (None, Some(st)) => Case::Release(st.doc.clone()),
            (None, None) => continue,
        };
        cases.entry(case).or_default().push(f);
    }
    let name = |id: &EntityId| g.node(id).map(|n| g.entity(n).name.clone()).unwrap_or_else(|| id.to_string());
    let mut overall = BTreeMap::new();
    let mut operations = Vec::new();
    for (case, fs) in &cases {
        let totals = case_totals(fs);
        for t in &totals {
            merge(&mut overall, t);
        }
        if let Case::Operation(o) = case {
            operations.push(TotalsRow { id: o.clone(), name: name(o), totals });
        }
    }
    let mut by_country: BTreeMap<EntityId, Vec<&Fact>> = BTreeMap::new();
    for f in &selected {
        if let Some(c) = &f.country {
            by_country.entry(c.clone()).or_default().push(f);
        }
    }
    let mut countries: Vec<TotalsRow> = by_country
        .into_iter()
        .map(|(c, fs)| TotalsRow { name: name(&c), id: c, totals: sum(fs.into_iter(), false).into_values().collect() })
        .collect();
    operations.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    countries.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let overall: Vec<Total> = overall.into_values().collect();
    let entity = around_id.map(|id| {
        let totals = match kind {
            Some(EntityKind::Country) => countries.iter().find(|r| r.id == id).map(|r| r.totals.clone()).unwrap_or_default(),
            _ => overall.clone(),
        };
        TotalsRow { name: name(&id), id, totals }
    });
    let facts = selected.into_iter().cloned().collect();
    Counts { entity, operations, countries, overall, facts }
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Per measure: the operations' totals, the countries', the overall
    /// total; with an entity, its facts and the sentences behind them.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let mut keys: BTreeSet<(Measure, Option<String>)> = BTreeSet::new();
        for r in self.operations.iter().chain(&self.countries) {
            keys.extend(r.totals.iter().map(|t| (t.measure, t.item.clone())));
        }
        if let Some(e) = &self.entity {
            let _ = writeln!(s, "{} ({})", terminal_safe(&e.name), e.id);
            for t in &e.totals {
                let _ = writeln!(s, "  {}: {}{}", measure_label(t.measure, t.item.as_deref()), t.value(), notes(t));
            }
            for f in &self.facts {
                let _ = writeln!(s, "  {}: {}{}", f.label(), span_text(f.low, f.high), fact_notes(f));
                statements(&mut s, f, "    ");
            }
            return s;
        }
        for (m, item) in keys {
            let _ = writeln!(s, "{}", measure_label(m, item.as_deref()));
            let pick = |rows: &[TotalsRow]| -> Vec<(String, Total)> {
                rows.iter()
                    .filter_map(|r| r.totals.iter().find(|t| t.measure == m && t.item == item).map(|t| (r.name.clone(), t.clone())))
                    .collect()
            };
            for (title, rows) in [("operations", pick(&self.operations)), ("countries", pick(&self.countries))] {
                if rows.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "  {title}:");
                let width = rows.iter().map(|(_, t)| t.value().len()).max().unwrap_or(0);
                for (name, t) in rows {
                    let _ = writeln!(s, "    {:>width$}  {}{}", t.value(), terminal_safe(&name), notes(&t));
                }
            }
            if let Some(t) = self.overall.iter().find(|t| t.measure == m && t.item == item) {
                let _ = writeln!(s, "  all: {}{}", t.value(), notes(t));
            }
        }
        s
    }
}

fn releases(n: usize) -> String {
    if n == 1 {
        "1 release".into()
    } else {
        format!("{n} releases")
    }
}

fn notes(t: &Total) -> String {
    let mut parts = vec![format!("{} {}", t.facts, if t.facts == 1 { "fact" } else { "facts" }), releases(t.documents)];
    if t.from_countries {
        parts.push("sum of its countries".into());
    }
    if t.conflicts > 0 {
        parts.push(format!("{} in conflict", t.conflicts));
    }
    format!("  ({})", parts.join(", "))
}

fn fact_notes(f: &Fact) -> String {
    let mut parts = vec![releases(f.documents)];
    if f.conflict {
        parts.push("in conflict".into());
    }
    format!("  ({})", parts.join(", "))
}

fn statements(s: &mut String, f: &Fact, indent: &str) {
    for st in &f.statements {
        let source = st.source.as_deref().map(|x| format!("{}, ", terminal_safe(x))).unwrap_or_default();
        let hedged = if st.hedged { " (hedged)" } else { "" };
        let _ = writeln!(
            s,
            "{indent}{}  [{} {}:{}-{}] {source}\"{}\"{hedged}",
            st.stated,
            st.doc,
            terminal_safe(&st.path),
            st.start,
            st.end,
            terminal_safe(&st.title)
        );
        let _ = writeln!(s, "{indent}    {}", terminal_safe(&st.text));
    }
}

/// What `casegraph conflicts` prints: facts whose statements do not meet.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Conflicts {
    pub conflicts: Vec<Fact>,
    /// Facts stated by more than one statement, conflicting or not.
    pub checked: usize,
}

/// The facts of `g` (after `filter`) where two releases give numbers that
/// cannot both be right; with `within`, also those where one release does
/// (most often a part it counts apart, such as the children among the
/// victims, read as a figure of the whole).
pub fn conflicts(g: &CaseGraph, filter: &Filter, measures: &[Measure], within: bool) -> Conflicts {
    let narrowed = if filter.is_empty() { g.clone() } else { filter.apply(g) };
    let all = facts(&narrowed, measures);
    let checked = all.iter().filter(|f| f.statements.len() > 1).count();
    let conflicts = all.into_iter().filter(|f| f.conflict && (within || f.across_releases)).collect();
    Conflicts { conflicts, checked }
}

impl Conflicts {
    pub fn table(&self) -> String {
        let mut s = String::new();
        for f in &self.conflicts {
            let values: Vec<String> = f.statements.iter().map(|st| st.stated.clone()).collect::<BTreeSet<_>>().into_iter().collect();
            let within = if f.across_releases { releases(f.documents) } else { "within one release".into() };
            let _ = writeln!(s, "{}: {}  ({within})", f.label(), values.join(" against "));
            statements(&mut s, f, "  ");
        }
        let verb = if self.conflicts.len() == 1 { "is" } else { "are" };
        let _ = writeln!(s, "{} of the {} facts stated more than once {verb} in conflict", self.conflicts.len(), self.checked);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, DocumentRecord, EntityRecord, EntitySource};

    fn ent(id: &str, name: &str) -> EntityRecord {
        let id: EntityId = id.parse().unwrap();
        let source = EntitySource {
            doc: DocId::new("d-1"),
            id: id.clone(),
            name: name.into(),
            aliases: vec![],
            country: None,
            first: 0,
            when: None,
        };
        EntityRecord {
            kind: id.kind,
            id,
            name: name.into(),
            aliases: vec![],
            country: None,
            curated: false,
            sources: vec![source],
            merged: vec![],
        }
    }

    fn doc(i: usize) -> DocumentRecord {
        DocumentRecord {
            id: DocId::new(format!("d-{i}")),
            path: format!("d-{i}.txt"),
            article: None,
            title: format!("release {i}"),
            source: None,
            hash: format!("h{i}"),
            date: None,
        }
    }

    /// A figure of `measure` from document `d`, sentence at `start`.
    fn fig(d: usize, start: usize, op: Option<&str>, measure: Measure, country: Option<&str>, value: u32, bound: Bound) -> FigureRecord {
        FigureRecord {
            operation: op.map(|o| o.parse().unwrap()),
            measure,
            item: None,
            country: country.map(|c| c.parse().unwrap()),
            doc: DocId::new(format!("d-{d}")),
            start,
            end: start + 1,
            value,
            bound,
            said: value.to_string(),
            // the sentence the parts of the last test share, in this order
            text: "5 and 1".into(),
            rule: "arrests".into(),
            hedged: false,
        }
    }

    fn graph(figures: Vec<FigureRecord>) -> CaseGraph {
        let entities = vec![ent("operation:a", "Operation A"), ent("operation:b", "Operation B"), ent("country:be", "Belgium")];
        CaseGraph::from_parts((1..=3).map(doc).collect(), entities, vec![]).unwrap().with_figures(figures)
    }

    #[test]
    fn agreeing_statements_count_once_as_what_they_all_allow() {
        use Bound::*;
        let g = graph(vec![
            fig(1, 0, Some("operation:a"), Measure::Arrests, None, 200, MoreThan),
            fig(2, 0, Some("operation:a"), Measure::Arrests, None, 212, Exact),
            fig(3, 0, Some("operation:b"), Measure::Arrests, None, 50, AtLeast),
        ]);
        let c = counts(&g, None, &Filter::default(), &[]);
        let a = &c.operations.iter().find(|r| r.name == "Operation A").unwrap().totals[0];
        assert_eq!((a.low, a.high, a.facts, a.documents, a.conflicts), (212, Some(212), 1, 2, 0));
        // an open figure leaves the overall total open: 212 + at least 50
        assert_eq!((c.overall[0].low, c.overall[0].high), (262, None));
        assert_eq!(c.overall[0].value(), "at least 262");
        assert!(conflicts(&g, &Filter::default(), &[], true).conflicts.is_empty());
    }

    #[test]
    fn disjoint_statements_conflict_and_totals_carry_both_ends() {
        use Bound::*;
        let g = graph(vec![
            fig(1, 0, Some("operation:a"), Measure::Arrests, None, 38, Exact),
            fig(2, 5, Some("operation:a"), Measure::Arrests, None, 40, Exact),
            fig(1, 9, Some("operation:a"), Measure::VictimsRescued, None, 500, Nearly),
            fig(2, 9, Some("operation:a"), Measure::VictimsRescued, None, 520, About),
            fig(1, 20, Some("operation:a"), Measure::Arrests, Some("country:be"), 6, Exact),
        ]);
        let c = conflicts(&g, &Filter::default(), &[], false);
        assert_eq!(c.conflicts.len(), 1, "nearly 500 and about 520 meet (468-500)");
        let f = &c.conflicts[0];
        assert!(f.across_releases && f.country.is_none());
        assert_eq!((f.low, f.high), (38, Some(40)));
        let totals = counts(&g, None, &Filter::default(), &[Measure::Arrests]);
        let a = &totals.operations[0].totals[0];
        // the 6 in Belgium are part of the operation's figure, not added to it
        assert_eq!((a.low, a.high, a.conflicts, a.from_countries), (38, Some(40), 1, false));
        assert_eq!(totals.countries[0].totals[0].low, 6);
    }

    #[test]
    fn a_release_at_odds_with_itself_is_listed_only_within() {
        let g = graph(vec![
            fig(1, 0, Some("operation:a"), Measure::Arrests, None, 14, Bound::Exact),
            fig(1, 40, Some("operation:a"), Measure::Arrests, None, 12, Bound::Exact),
        ]);
        assert!(conflicts(&g, &Filter::default(), &[], false).conflicts.is_empty());
        let within = conflicts(&g, &Filter::default(), &[], true);
        assert_eq!(within.conflicts.len(), 1);
        assert!(!within.conflicts[0].across_releases);
    }

    #[test]
    fn figures_of_no_operation_stay_with_their_release_and_parts_of_a_sentence_add_up() {
        let g = graph(vec![
            fig(1, 0, None, Measure::Searches, Some("country:be"), 5, Bound::Exact),
            fig(1, 0, None, Measure::Searches, Some("country:be"), 1, Bound::Exact),
            fig(2, 0, None, Measure::Searches, Some("country:be"), 6, Bound::Exact),
        ]);
        let c = counts(&g, None, &Filter::default(), &[]);
        assert!(c.operations.is_empty());
        // two releases with no operation are two facts: 6 + 6
        assert_eq!((c.countries[0].totals[0].low, c.countries[0].totals[0].facts), (12, 2));
        assert_eq!(c.facts.iter().map(|f| f.statements[0].stated.clone()).collect::<Vec<_>>(), ["6 (5 + 1)", "6"]);
    }
}
