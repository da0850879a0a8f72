//! Operations in date order: when each ran, where and with whom. What an
//! analyst reads first ("what happened in 2024, and who was in it").

use super::filter::Filter;
use crate::graph::CaseGraph;
use crate::model::{Day, EntityId, EntityKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One operation on the timeline.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TimelineRow {
    pub from: Day,
    pub to: Day,
    pub id: EntityId,
    pub name: String,
    /// The date as the releases write it ("3 to 9 June"; "release date"
    /// when only the release's own date dates it).
    pub said: Vec<String>,
    /// Countries that led, took part, or saw arrests, victims or exploitation in it.
    pub countries: Vec<String>,
    /// Bodies that coordinated, supported or took part.
    pub agencies: Vec<String>,
    pub documents: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Timeline {
    pub rows: Vec<TimelineRow>,
    /// Operations no release dates.
    pub undated: Vec<String>,
}

/// The dated operations of `g` (only those linked to `around`, or `around`
/// itself when it is one), in date order, after `filter`.
pub fn timeline(g: &CaseGraph, around: Option<NodeIndex>, filter: &Filter) -> Timeline {
    let keep: Option<BTreeSet<EntityId>> = around.map(|n| {
        let mut s: BTreeSet<EntityId> = g.incident(n).into_iter().map(|(_, o, _)| g.entity(o).id.clone()).collect();
        s.insert(g.entity(n).id.clone());
        s
    });
    let narrowed = if filter.is_empty() { g.clone() } else { filter.apply(g) };
    let g = &narrowed;
    let mut rows = Vec::new();
    let mut undated = Vec::new();
    for n in g.graph().node_indices() {
        let e = g.entity(n);
        if e.kind != EntityKind::Operation || keep.as_ref().is_some_and(|k| !k.contains(&e.id)) {
            continue;
        }
        let Some(when) = e.when() else {
            undated.push(e.name.clone());
            continue;
        };
        let mut countries = BTreeSet::new();
        let mut agencies = BTreeSet::new();
        for (_, o, _) in g.incident(n) {
            let other = g.entity(o);
            match other.kind {
                EntityKind::Country => {
                    countries.insert(other.name.clone());
                }
                EntityKind::Agency => {
                    agencies.insert(other.name.clone());
                }
                _ => {}
            }
        }
        let said: BTreeSet<String> = e.sources.iter().filter_map(|s| s.when.as_ref().map(|w| w.said.clone())).collect();
        rows.push(TimelineRow {
            from: when.from,
            to: when.to,
            id: e.id.clone(),
            name: e.name.clone(),
            said: said.into_iter().collect(),
            countries: countries.into_iter().collect(),
            agencies: agencies.into_iter().collect(),
            documents: e.documents().len(),
        });
    }
    rows.sort_by(|a, b| (a.from, a.to, &a.id).cmp(&(b.from, b.to, &b.id)));
    undated.sort();
    Timeline { rows, undated }
}

impl Timeline {
    /// One block per operation: dates, name, then its countries and bodies.
    pub fn table(&self) -> String {
        let mut s = String::new();
        for r in &self.rows {
            let days = if r.from == r.to { r.from.to_string() } else { format!("{} to {}", r.from, r.to) };
            let _ =
                writeln!(s, "{days}  {}  ({}; \"{}\")", crate::model::terminal_safe(&r.name), plural(r.documents), r.said.join("\", \""));
            if !r.countries.is_empty() {
                let _ = writeln!(s, "    countries: {}", crate::model::terminal_safe(&r.countries.join(", ")));
            }
            if !r.agencies.is_empty() {
                let _ = writeln!(s, "    agencies:  {}", crate::model::terminal_safe(&r.agencies.join(", ")));
            }
        }
        if !self.undated.is_empty() {
            let _ = writeln!(s, "not dated by any release: {}", self.undated.len());
        }
        s
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 document".into()
    } else {
        format!("{n} documents")
    }
}
