//! `casegraph stats`: counts of documents, entities and relations by kind.

use super::args::Format;
use super::print_out;
use crate::error::Result;
use crate::graph;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph stats graphs/sample.ron
  casegraph stats graphs/sample.ron --format json")]
pub struct StatsArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// A table or JSON
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: StatsArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let s = g.stats();
    let out = match a.format {
        Format::Json => {
            let v = serde_json::json!({
                "documents": s.documents,
                "entities": s.entities,
                "relations": s.relations,
                "evidence": s.evidence,
                "entities_by_kind": s.entities_by_kind.iter().map(|(k, v)| (k.as_str(), v)).collect::<std::collections::BTreeMap<_, _>>(),
                "relations_by_kind": s.relations_by_kind.iter().map(|(k, v)| (k.as_str(), v)).collect::<std::collections::BTreeMap<_, _>>(),
            });
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        Format::Table => {
            let mut o = format!(
                "documents  {}\nentities   {}\nrelations  {}  ({} pieces of evidence)\n\nentities by kind:\n",
                s.documents, s.entities, s.relations, s.evidence
            );
            for (k, v) in &s.entities_by_kind {
                o.push_str(&format!("  {:<16} {v}\n", k.as_str()));
            }
            o.push_str("\nrelations by kind:\n");
            for (k, v) in &s.relations_by_kind {
                o.push_str(&format!("  {:<16} {v}\n", k.as_str()));
            }
            o
        }
    };
    print_out(&out)
}
