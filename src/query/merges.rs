//! Why an operation is one node though several releases told it: each join
//! `resolve::operations` made, with the evidence it rests on, read back
//! from the graph (the date each release wrote, and for each shared
//! country the sentence of that release that ties it to the action).

use super::show::ShowEvidence;
use crate::graph::CaseGraph;
use crate::model::{DayRange, DocId, EntityId, EntityKind, MergeRule, RelationKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Serialize)]
pub struct ShowMerge {
    pub rule: MergeRule,
    /// The countries both sides name (their names).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// How many countries either side names.
    #[serde(skip_serializing_if = "is_zero")]
    pub of: usize,
    /// The days both sides give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<DayRange>,
    /// The two names, for a same-name join.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    pub sides: Vec<ShowSide>,
}

/// One side of a join: the operation as one release (or several, for a
/// named one) told it.
#[derive(Clone, Debug, Serialize)]
pub struct ShowSide {
    pub id: EntityId,
    pub name: String,
    pub documents: Vec<DocId>,
    /// The date as written, where it is written in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said: Option<ShowEvidence>,
    /// For each shared country, a sentence of this side that ties it to the action.
    pub evidence: Vec<CountryEvidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CountryEvidence {
    /// The country's name.
    pub country: String,
    #[serde(flatten)]
    pub sentence: ShowEvidence,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The joins that made the operation at `n`, with their evidence.
pub fn explain(g: &CaseGraph, n: NodeIndex) -> Vec<ShowMerge> {
    let e = g.entity(n);
    let path = |d: &DocId| g.document(d).map(|r| r.path.clone()).unwrap_or_default();
    e.merged
        .iter()
        .map(|m| {
            // by the countries' names, as they are shown
            let mut named: Vec<(String, &str)> = m
                .countries
                .iter()
                .map(|c| {
                    let id = EntityId::new(EntityKind::Country, c.as_str());
                    (g.node(&id).map(|k| g.entity(k).name.clone()).unwrap_or_else(|| c.to_uppercase()), c.as_str())
                })
                .collect();
            named.sort();
            let (countries, codes): (Vec<String>, Vec<&str>) = named.into_iter().unzip();
            let sides = [&m.a, &m.b]
                .into_iter()
                .map(|id| {
                    let sources: Vec<_> = e.sources.iter().filter(|s| &s.id == id).collect();
                    let documents: BTreeSet<&DocId> = sources.iter().map(|s| &s.doc).collect();
                    let said = sources.iter().find_map(|s| {
                        let w = s.when.as_ref()?;
                        let within = m.days.is_none_or(|d| w.range().overlaps(&d));
                        (within && w.said != "release date").then(|| ShowEvidence {
                            doc: s.doc.clone(),
                            path: path(&s.doc),
                            rule: None,
                            start: w.start,
                            end: w.end,
                            text: w.said.clone(),
                            count: None,
                            hedged: false,
                        })
                    });
                    let evidence = codes
                        .iter()
                        .zip(&countries)
                        .filter_map(|(c, name)| {
                            country_sentence(g, n, c, &documents).map(|sentence| CountryEvidence { country: name.clone(), sentence })
                        })
                        .collect();
                    ShowSide {
                        id: id.clone(),
                        name: sources.first().map(|s| s.name.clone()).unwrap_or_default(),
                        documents: documents.into_iter().cloned().collect(),
                        said,
                        evidence,
                    }
                })
                .collect();
            ShowMerge { rule: m.rule, countries, of: m.of, days: m.days, names: m.names.clone(), sides }
        })
        .collect()
}

/// The first sentence of `docs` that ties the operation to country `code`:
/// the country itself, or a national body of it, acting in the operation
/// or arrests made there.
fn country_sentence(g: &CaseGraph, n: NodeIndex, code: &str, docs: &BTreeSet<&DocId>) -> Option<ShowEvidence> {
    let mut found = g.incident(n).into_iter().filter_map(|(edge, other, _)| {
        let r = g.relation(edge);
        let o = g.entity(other);
        let counts = match o.kind {
            EntityKind::Country => &*o.id.slug == code && r.relation != RelationKind::Supported,
            EntityKind::Agency => o.country.as_deref() == Some(code) && r.relation != RelationKind::ArrestedIn,
            _ => false,
        };
        let acting = matches!(
            r.relation,
            RelationKind::Coordinated | RelationKind::ParticipatedIn | RelationKind::Supported | RelationKind::ArrestedIn
        );
        if !counts || !acting {
            return None;
        }
        r.evidence
            .iter()
            .filter(|ev| docs.contains(&ev.doc))
            .min_by_key(|ev| (ev.start == 0, ev.start))
            .map(|ev| ((o.kind != EntityKind::Country, ev.start == 0), ev.clone()))
    });
    // a sentence of the body naming the country itself is the plainer
    // proof; the headline (at 0) only when nothing else says it
    let mut best: Option<((bool, bool), crate::model::Evidence)> = None;
    for f in found.by_ref() {
        if best.as_ref().is_none_or(|b| (f.0, &f.1) < (b.0, &b.1)) {
            best = Some(f);
        }
    }
    best.map(|(_, ev)| ShowEvidence::of(g, &ev))
}
