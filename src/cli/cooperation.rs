//! `casegraph cooperation`: which bodies work with which, as a table of the
//! most central bodies of the cooperation view, or of its communities.

use super::args::*;
use crate::error::Result;
use crate::graph;
use crate::model::{terminal_safe, EntityId};
use crate::query::{membership, Cooperation, CooperationOptions, Measure};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithArg {
    /// Countries that took part as such are bodies too
    Countries,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph cooperation graphs/sample.ron --top 10 --measure betweenness
  casegraph cooperation graphs/sample.ron --communities
  casegraph cooperation graphs/sample.ron --with countries --weighted --format json")]
pub struct CooperationArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Count countries that took part as bodies too
    #[arg(long = "with", value_enum)]
    pub with: Option<WithArg>,
    /// How many bodies to list
    #[arg(long, value_name = "N", value_parser = parse_count, default_value_t = 20)]
    pub top: usize,
    /// The measure bodies are ranked by, on the cooperation view
    #[arg(long, value_parser = measure_parser(), default_value = "degree")]
    pub measure: Measure,
    /// Weight links by the operations they share
    #[arg(long)]
    pub weighted: bool,
    /// List the communities (Louvain) instead of the bodies
    #[arg(long)]
    pub communities: bool,
    /// How to print the answer: a table or JSON
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub period: PeriodArgs,
}

pub fn run(a: CooperationArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    // bodies cooperate through the operations of the period
    let period = crate::query::Filter { since: a.period.since, until: a.period.until, ..Default::default() };
    let g = if period.is_empty() { g } else { period.apply(&g) };
    let c = Cooperation::new(&g, CooperationOptions { with_countries: a.with.is_some() });
    let communities = c.communities()?;
    let member = membership(&communities);
    let names: HashMap<&EntityId, &str> = c.bodies.iter().map(|b| (&b.id, b.name.as_str())).collect();
    let mut partners: HashMap<&EntityId, usize> = HashMap::new();
    for l in &c.links {
        *partners.entry(&l.a).or_default() += 1;
        *partners.entry(&l.b).or_default() += 1;
    }
    if a.communities {
        let shown: Vec<_> = communities.iter().filter(|k| k.members.len() > 1).collect();
        let alone = communities.len() - shown.len();
        if a.format == Format::Json {
            let v: Vec<_> = shown
                .iter()
                .map(|k| {
                    let members: Vec<_> = k.members.iter().map(|m| json!({"id": m, "name": names.get(m)})).collect();
                    json!({"number": k.number, "size": k.members.len(), "members": members})
                })
                .collect();
            return super::print_out(&format!("{:#}\n", json!({"answer": "communities", "communities": v, "unlinked_bodies": alone})));
        }
        let mut s = format!("{:<10} {:>5}  members, most connected first\n", "community", "size");
        for k in &shown {
            let list: Vec<String> = k.members.iter().map(|m| terminal_safe(names.get(m).copied().unwrap_or(""))).collect();
            let _ = writeln!(s, "{:<10} {:>5}  {}", k.number, k.members.len(), list.join(", "));
        }
        if alone > 0 {
            let _ = writeln!(s, "({alone} bodies share no operation with another and are left out)");
        }
        return super::print_out(&s);
    }
    let top = c.centrality(a.measure, a.top, a.weighted)?;
    if a.format == Format::Json {
        let rows: Vec<_> = top
            .iter()
            .map(|s| {
                let b = c.body(&s.id);
                json!({
                    "id": s.id, "name": s.name, "kind": s.kind, "country": b.and_then(|b| b.country.clone()),
                    "score": s.score, "partners": partners.get(&s.id).copied().unwrap_or(0),
                    "operations": b.map(|b| b.operations).unwrap_or(0), "community": member.get(&s.id),
                })
            })
            .collect();
        return super::print_out(&format!(
            "{:#}\n",
            json!({"answer": "cooperation", "measure": a.measure, "bodies": c.bodies.len(), "links": c.links.len(), "top": rows})
        ));
    }
    let width = top.iter().map(|s| terminal_safe(&s.name).chars().count()).max().unwrap_or(4).clamp(4, 60);
    let mut s = format!(
        "{} bodies, {} links (bodies linked when they acted in the same operation)\n{:<4} {:<width$} {:<7} {:>11} {:>8} {:>10} {:>9}\n",
        c.bodies.len(),
        c.links.len(),
        "rank",
        "body",
        "country",
        a.measure.as_str(),
        "partners",
        "operations",
        "community"
    );
    for (i, sc) in top.iter().enumerate() {
        let b = c.body(&sc.id);
        let name: String = terminal_safe(&sc.name).chars().take(60).collect();
        let _ = writeln!(
            s,
            "{:<4} {:<width$} {:<7} {:>11.4} {:>8} {:>10} {:>9}",
            i + 1,
            name,
            b.and_then(|b| b.country.as_deref()).map(|c| terminal_safe(&c.to_uppercase())).unwrap_or_else(|| "-".into()),
            sc.score,
            partners.get(&sc.id).copied().unwrap_or(0),
            b.map(|b| b.operations).unwrap_or(0),
            member.get(&sc.id).map(|n| n.to_string()).unwrap_or_default()
        );
    }
    super::print_out(&s)
}
