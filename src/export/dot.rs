//! DOT through graphviz-rust: shapes and colours per kind, a legend, edge
//! labels with relation and evidence count, widths by evidence, optional
//! clusters per country.
//!
//! graphviz-rust prints ids and attribute values exactly as given, so every
//! value goes through [`escape_dot`] and is always quoted; no HTML-like
//! labels and no `URL`, `href` or `image` attributes are ever emitted.

use crate::graph::CaseGraph;
use crate::model::{EntityKind, RelationKind};
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    Dot,
    Neato,
    Fdp,
    Sfdp,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Sfdp => "sfdp",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct DotOptions {
    /// Group each country's national bodies inside a box with the country.
    pub cluster_by_country: bool,
    pub layout: Layout,
    /// Draw the legend of kinds.
    pub legend: bool,
    pub title: Option<String>,
}

/// A DOT string literal: quoted, with quotes and backslashes escaped and
/// line breaks and control characters turned into spaces. Whatever the
/// input, the result is one double-quoted token.
pub fn escape_dot(s: &str) -> String {
    format!("\"{}\"", escape_inner(s))
}

fn escape_inner(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn q(s: &str) -> Id {
    Id::Escaped(escape_dot(s))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), q(v))
}

fn style(kind: EntityKind) -> (&'static str, &'static str, &'static str) {
    // shape, fill colour, style
    match kind {
        EntityKind::Agency => ("box", "#9ecae1", "filled,rounded"),
        EntityKind::Country => ("ellipse", "#fdd49e", "filled"),
        EntityKind::Operation => ("hexagon", "#a1d99b", "filled"),
        EntityKind::Ocg => ("octagon", "#fc9272", "filled"),
        EntityKind::City => ("ellipse", "#f0f0f0", "filled"),
        EntityKind::Region => ("ellipse", "#f7f7f7", "filled,dashed"),
        EntityKind::Crime => ("note", "#dadaeb", "filled"),
    }
}

fn edge_colour(r: RelationKind) -> &'static str {
    match r {
        RelationKind::Coordinated => "#08519c",
        RelationKind::Supported => "#3182bd",
        RelationKind::ParticipatedIn => "#636363",
        RelationKind::ArrestedIn => "#a63603",
        RelationKind::VictimsFrom => "#cb181d",
        RelationKind::ExploitedIn => "#67000d",
        RelationKind::ActiveIn => "#7a0177",
        RelationKind::Targeted => "#238b45",
        RelationKind::BasedIn => "#969696",
    }
}

/// The graph as a graphviz-rust AST.
pub fn to_dot(g: &CaseGraph, opts: &DotOptions) -> Graph {
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut gattrs = vec![
        attr("rankdir", "LR"),
        attr("fontname", "Helvetica"),
        attr("fontsize", "12"),
        attr("nodesep", "0.3"),
        attr("ranksep", "0.9"),
        attr("overlap", "false"),
        attr("splines", "true"),
        attr("outputorder", "edgesfirst"),
        attr("pad", "0.3"),
    ];
    if let Some(t) = &opts.title {
        gattrs.push(attr("label", t));
        gattrs.push(attr("labelloc", "t"));
        gattrs.push(attr("fontsize", "16"));
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(gattrs)));
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "10"),
        attr("margin", "0.08,0.04"),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "8"),
        attr("arrowsize", "0.6"),
    ])));

    let mut nodes: Vec<&crate::resolve::EntityRecord> = g.entities().collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let node_stmt = |e: &crate::resolve::EntityRecord| {
        let (shape, fill, st) = style(e.kind);
        let label = Attribute(Id::Plain("label".into()), Id::Escaped(wrapped_label(&e.name, 22)));
        Stmt::Node(Node::new(
            NodeId(q(&e.id.to_string()), None),
            vec![
                label,
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("style", st),
                attr("tooltip", &format!("{} ({})", e.name, e.kind)),
            ],
        ))
    };
    if opts.cluster_by_country {
        let mut by_country: BTreeMap<String, Vec<Stmt>> = BTreeMap::new();
        let mut rest = Vec::new();
        for e in &nodes {
            let code = match e.kind {
                EntityKind::Country => Some(e.id.slug.clone()),
                EntityKind::Agency | EntityKind::City => e.country.clone(),
                _ => None,
            };
            match code {
                Some(c) => by_country.entry(c).or_default().push(node_stmt(e)),
                None => rest.push(node_stmt(e)),
            }
        }
        for (code, members) in by_country {
            let mut sub = vec![
                Stmt::Attribute(attr("label", &code.to_uppercase())),
                Stmt::Attribute(attr("style", "rounded,dashed")),
                Stmt::Attribute(attr("color", "#bdbdbd")),
            ];
            sub.extend(members);
            let id = format!("cluster_{}", crate::model::slug(&code));
            stmts.push(Stmt::Subgraph(Subgraph { id: q(&id), stmts: sub }));
        }
        stmts.extend(rest);
    } else {
        stmts.extend(nodes.iter().map(|e| node_stmt(e)));
    }

    let mut edges: Vec<(String, String, &crate::resolve::RelationRecord)> = g
        .graph()
        .edge_references()
        .map(|e| (g.entity(e.source()).id.to_string(), g.entity(e.target()).id.to_string(), e.weight()))
        .collect();
    edges.sort_by(|a, b| (&a.0, a.2.relation, &a.1).cmp(&(&b.0, b.2.relation, &b.1)));
    for (s, t, r) in edges {
        let mut label = r.relation.as_str().to_string();
        if r.documents > 1 {
            label.push_str(&format!(" ×{}", r.documents));
        }
        if let Some(c) = r.count {
            label.push_str(&format!(" ({c})"));
        }
        let width = 1.0 + (r.documents as f64).log2();
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(q(&s), None)), Vertex::N(NodeId(q(&t), None))),
            attributes: vec![
                attr("label", &label),
                attr("color", edge_colour(r.relation)),
                attr("fontcolor", edge_colour(r.relation)),
                attr("penwidth", &format!("{width:.2}")),
            ],
        }));
    }

    if opts.legend {
        let kinds: BTreeSet<EntityKind> = g.entities().map(|e| e.kind).collect();
        let mut sub = vec![
            Stmt::Attribute(attr("label", "Legend")),
            Stmt::Attribute(attr("style", "rounded")),
            Stmt::Attribute(attr("color", "#999999")),
            Stmt::Attribute(attr("fontsize", "12")),
        ];
        let mut prev: Option<String> = None;
        for k in kinds {
            let (shape, fill, st) = style(k);
            let id = format!("legend:{}", k.as_str());
            sub.push(Stmt::Node(Node::new(
                NodeId(q(&id), None),
                vec![attr("label", k.as_str()), attr("shape", shape), attr("fillcolor", fill), attr("style", st)],
            )));
            if let Some(p) = prev {
                sub.push(Stmt::Edge(Edge {
                    ty: EdgeTy::Pair(Vertex::N(NodeId(q(&p), None)), Vertex::N(NodeId(q(&id), None))),
                    attributes: vec![attr("style", "invis")],
                }));
            }
            prev = Some(id);
        }
        stmts.push(Stmt::Subgraph(Subgraph { id: q("cluster_legend"), stmts: sub }));
    }
    Graph::DiGraph { id: q("casegraph"), strict: false, stmts }
}

/// DOT text, printed by graphviz-rust.
pub fn to_dot_string(g: &CaseGraph, opts: &DotOptions) -> String {
    let mut s = to_dot(g, opts).print(&mut PrinterContext::default());
    s.push('\n');
    s
}

/// A quoted label broken into lines on word boundaries: each line is
/// escaped on its own and joined with DOT's `\n` escape.
fn wrapped_label(name: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for w in name.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let inner: Vec<String> = lines.iter().map(|l| escape_inner(l)).collect();
    format!("\"{}\"", inner.join("\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_name_becomes_one_quoted_dot_token() {
        assert_eq!(escape_dot("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(escape_dot("x\"]; evil [URL=\"http://e\""), "\"x\\\"]; evil [URL=\\\"http://e\\\"\"");
        assert_eq!(escape_dot("line\nbreak"), "\"line break\"");
        let g = format!("digraph {{ {} -> b }}", escape_dot("x\"] ; y [label=\"z"));
        assert!(graphviz_rust::parse(&g).is_ok());
    }

    #[test]
    fn long_labels_wrap_on_words() {
        assert_eq!(
            wrapped_label("Service for Combating Organized Crime Olt and Gorj", 22),
            "\"Service for Combating\\nOrganized Crime Olt\\nand Gorj\""
        );
    }
}
