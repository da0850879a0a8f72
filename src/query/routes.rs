//! Trafficking routes: where a case's victims came from, which countries
//! they were moved through, where they were exploited, and the
//! country-to-country corridors all cases together make.
//!
//! A case is an operation or a group with `victims-from`, `transited` or
//! `exploited-in` relations. Its route is the chain origins -> transits ->
//! destinations (a stage with no country is skipped), and each step of the
//! chain between two countries is a leg of a corridor. The order of
//! several transit countries is not known from the relations, so each is a
//! leg from every origin and to every destination.

use crate::graph::CaseGraph;
use crate::model::{DocId, EntityId, EntityKind, RelationKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One case's route.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Route {
    pub case: EntityId,
    pub name: String,
    pub origins: Vec<String>,
    pub transits: Vec<String>,
    pub destinations: Vec<String>,
}

/// Two countries one or more cases' routes step between.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Corridor {
    pub from: EntityId,
    pub from_name: String,
    pub to: EntityId,
    pub to_name: String,
    /// Distinct cases whose route takes this step.
    pub cases: usize,
    /// Distinct documents stating the two ends of the step for those cases.
    pub documents: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Routes {
    pub corridors: Vec<Corridor>,
    pub routes: Vec<Route>,
}

type Stage = BTreeMap<EntityId, BTreeSet<DocId>>;

/// The routes and corridors of `g`; with `from` / `to`, only corridors
/// leaving / reaching that country, and the routes that take such a step.
pub fn routes(g: &CaseGraph, from: Option<NodeIndex>, to: Option<NodeIndex>) -> Routes {
    let from = from.map(|n| g.entity(n).id.clone());
    let to = to.map(|n| g.entity(n).id.clone());
    let mut legs: BTreeMap<(EntityId, EntityId), (BTreeSet<EntityId>, BTreeSet<DocId>)> = BTreeMap::new();
    let mut out_routes = Vec::new();
    let name = |id: &EntityId| g.node(id).map(|n| g.entity(n).name.clone()).unwrap_or_else(|| id.to_string());
    for n in g.graph().node_indices() {
        let e = g.entity(n);
        if !matches!(e.kind, EntityKind::Operation | EntityKind::Ocg) {
            continue;
        }
        let (mut origins, mut transits, mut destinations) = (Stage::new(), Stage::new(), Stage::new());
        for (edge, other, outgoing) in g.incident(n) {
            let r = g.relation(edge);
            if !outgoing || g.entity(other).kind != EntityKind::Country {
                continue;
            }
            let stage = match r.relation {
                RelationKind::VictimsFrom => &mut origins,
                RelationKind::Transited => &mut transits,
                RelationKind::ExploitedIn => &mut destinations,
                _ => continue,
            };
            stage.entry(g.entity(other).id.clone()).or_default().extend(r.evidence.iter().map(|ev| ev.doc.clone()));
        }
        let stages: Vec<&Stage> = [&origins, &transits, &destinations].into_iter().filter(|s| !s.is_empty()).collect();
        let mut any = false;
        for pair in stages.windows(2) {
            for (a, da) in pair[0] {
                for (b, db) in pair[1] {
                    if a == b || from.as_ref().is_some_and(|f| f != a) || to.as_ref().is_some_and(|t| t != b) {
                        continue;
                    }
                    let leg = legs.entry((a.clone(), b.clone())).or_default();
                    leg.0.insert(e.id.clone());
                    leg.1.extend(da.iter().chain(db).cloned());
                    any = true;
                }
            }
        }
        if any {
            let names = |s: &Stage| s.keys().map(&name).collect();
            out_routes.push(Route {
                case: e.id.clone(),
                name: e.name.clone(),
                origins: names(&origins),
                transits: names(&transits),
                destinations: names(&destinations),
            });
        }
    }
    let mut corridors: Vec<Corridor> = legs
        .into_iter()
        .map(|((a, b), (cases, docs))| Corridor {
            from_name: name(&a),
            to_name: name(&b),
            from: a,
            to: b,
            cases: cases.len(),
            documents: docs.len(),
        })
        .collect();
    corridors.sort_by(|x, y| (y.cases, y.documents, &x.from_name, &x.to_name).cmp(&(x.cases, x.documents, &y.from_name, &y.to_name)));
    out_routes.sort_by(|a, b| (&a.name, &a.case).cmp(&(&b.name, &b.case)));
    Routes { corridors, routes: out_routes }
}

impl Routes {
    pub fn table(&self) -> String {
        let safe = crate::model::terminal_safe;
        let mut s = String::new();
        let _ = writeln!(s, "corridors:");
        for c in &self.corridors {
            let cases = if c.cases == 1 { "1 case".to_string() } else { format!("{} cases", c.cases) };
            let docs = if c.documents == 1 { "1 document".to_string() } else { format!("{} documents", c.documents) };
            let _ = writeln!(s, "  {} -> {}  ({cases}, {docs})", safe(&c.from_name), safe(&c.to_name));
        }
        let _ = writeln!(s, "routes:");
        for r in &self.routes {
            let stages: Vec<String> =
                [&r.origins, &r.transits, &r.destinations].iter().filter(|v| !v.is_empty()).map(|v| v.join(" / ")).collect();
            let _ = writeln!(s, "  {}: {}", safe(&r.name), safe(&stages.join(" -> ")));
        }
        s
    }
}
