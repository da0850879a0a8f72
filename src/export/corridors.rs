//! The corridors view: countries linked by the trafficking routes of the
//! cases between them, an edge's width growing with its number of cases.

use super::dot::{escape_dot, DotOptions};
use crate::query::routes::Routes;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The view as DOT. Countries are `n<i>` (no name becomes an id); labels and
/// tooltips go through [`escape_dot`].
pub fn corridors_dot(r: &Routes, opts: &DotOptions) -> String {
    // countries numbered in order of first appearance along the sorted corridors
    let mut ids: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for c in &r.corridors {
        for (id, name) in [(c.from.to_string(), c.from_name.as_str()), (c.to.to_string(), c.to_name.as_str())] {
            let next = ids.len();
            ids.entry(id).or_insert((next, name));
        }
    }
    let max = r.corridors.iter().map(|c| c.cases).max().unwrap_or(1).max(1);
    let mut s = String::from("digraph corridors {\n  graph [rankdir=LR, fontname=\"Helvetica\"");
    if let Some(t) = &opts.title {
        let _ = write!(s, ", label={}, labelloc=t", escape_dot(t));
    }
    s.push_str("];\n  node [shape=ellipse, style=filled, fillcolor=\"#f4e3b5\", color=\"#8c6d1f\", fontname=\"Helvetica\"];\n");
    s.push_str("  edge [color=\"#a3141c\", fontname=\"Helvetica\", fontsize=10];\n");
    let mut nodes: Vec<(usize, &str)> = ids.values().copied().collect();
    nodes.sort();
    for (i, name) in nodes {
        let _ = writeln!(s, "  n{i} [label={}];", escape_dot(name));
    }
    for c in &r.corridors {
        let (a, b) = (ids.get(&c.from.to_string()).map_or(0, |x| x.0), ids.get(&c.to.to_string()).map_or(0, |x| x.0));
        let width = 1.0 + 5.0 * (c.cases as f64 - 1.0) / (max as f64 - 1.0).max(1.0);
        let tip = format!("{} -> {}: {} case(s), {} document(s)", c.from_name, c.to_name, c.cases, c.documents);
        let _ =
            writeln!(s, "  n{a} -> n{b} [penwidth={width:.1}, label={}, tooltip={}];", escape_dot(&c.cases.to_string()), escape_dot(&tip));
    }
    s.push_str("}\n");
    s
}
