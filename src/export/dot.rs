//! DOT through graphviz-rust. A graph (or the cooperation view) is first
//! turned into a [`Drawing`], the few things a picture shows: labelled,
//! sized nodes, merged edges and a legend. The drawing is then printed as a
//! graphviz-rust AST, so both views share one printer and one escaping.
//!
//! Every text value goes through [`escape_dot`] and is always quoted; the
//! legend is an HTML-like label built here from fixed strings and escaped
//! titles; no `URL`, `href` or `image` attribute is ever emitted. The legend
//! is the graph's own label, not a cluster, because only `dot` draws
//! clusters: a graph label is placed by every layout (neato, fdp, sfdp too).

use super::style::{community_fill, community_line, kind_style, relation_colour, BETWEEN_COMMUNITIES, OTHER_COMMUNITY};
use crate::graph::CaseGraph;
use crate::model::{is_xml_char, EntityId, EntityKind, EntityRecord, RelationKind, RelationRecord};
use crate::query::{membership, Cooperation, Measure};
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::LazyLock;

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

#[derive(Clone, Debug)]
pub struct DotOptions {
    /// Group each country's national bodies inside a box with the country
    /// (drawn by the `dot` and `fdp` layouts).
    pub cluster_by_country: bool,
    pub layout: Layout,
    /// Draw the legend.
    pub legend: bool,
    pub title: Option<String>,
    /// Write the relation (and document count) on each edge.
    pub edge_labels: bool,
    /// What a node's size shows.
    pub size_by: Measure,
    /// Keep nodes without any edge in the picture.
    pub keep_isolated: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            cluster_by_country: false,
            layout: Layout::Dot,
            legend: true,
            title: None,
            edge_labels: false,
            size_by: Measure::Degree,
            keep_isolated: false,
        }
    }
}

/// What a picture shows, before it is DOT.
#[derive(Clone, Debug, Default)]
pub struct Drawing {
    pub directed: bool,
    pub nodes: Vec<DrawNode>,
    pub edges: Vec<DrawEdge>,
    /// (label, fill) of every node colour used.
    pub legend_nodes: Vec<(String, String)>,
    /// (label, colours) of every edge colour used: several colours when one
    /// entry stands for a family (links within each community).
    pub legend_edges: Vec<(String, Vec<String>)>,
    /// What size and width mean.
    pub legend_note: String,
}

#[derive(Clone, Debug)]
pub struct DrawNode {
    pub id: String,
    pub lines: Vec<String>,
    pub tooltip: String,
    pub shape: &'static str,
    pub fill: String,
    pub style: &'static str,
    /// 0..=1, the node's score relative to the largest.
    pub size: f64,
    /// Cluster key (a country code) when drawn inside a cluster.
    pub cluster: Option<String>,
}

#[derive(Clone, Debug)]
pub struct DrawEdge {
    pub from: String,
    pub to: String,
    /// One colour per merged relation, drawn as parallel strands.
    pub colours: Vec<String>,
    pub penwidth: f64,
    pub tooltip: String,
    pub label: String,
}

/// A DOT string literal: quoted, with quotes and backslashes escaped, line
/// breaks and control characters turned into spaces and characters XML
/// cannot hold dropped (they would make the SVG unreadable). Whatever the
/// input, the result is one double-quoted token, and Graphviz's own escapes
/// (`\N`, `\G`, `\L`, `\E`, `\T`, `\H`, `\l`) come out as literal text,
/// because the backslash is doubled.
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
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Text inside an HTML-like label.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c if !is_xml_char(c) => {}
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

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Scores scaled to 0..=1 by the largest (square root, so hubs stand out
/// without dwarfing the rest), indexed like `raw`.
fn scaled(raw: &[f64]) -> Vec<f64> {
    let max = raw.iter().copied().fold(0.0_f64, f64::max);
    raw.iter().map(|&x| if max > 0.0 { (x / max).max(0.0).sqrt() } else { 0.0 }).collect()
}

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let month = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
    Regex::new(&format!(r"\b(?:\d{{1,2}} {month}(?: (?:19|20)\d\d)?|{month} (?:19|20)\d\d|(?:19|20)\d\d)\b")).ok()
});

/// A short label for an operation the releases did not name: its kind of
/// action (the name up to the headline in brackets), the date when the
/// name has one, and the codes of up to three countries involved.
pub fn unnamed_operation_label(name: &str, countries: &[String]) -> Vec<String> {
    let base = name.split(" (").next().unwrap_or(name).trim();
    let mut first: String = base.chars().take(28).collect();
    if base.chars().count() > 28 {
        first.push('…');
    }
    let mut lines = vec![first];
    if let Some(d) = DATE.as_ref().and_then(|re| re.find(name)) {
        if !base.contains(d.as_str()) {
            lines.push(d.as_str().to_string());
        }
    }
    if !countries.is_empty() {
        lines.push(countries.iter().take(3).map(|c| c.to_uppercase()).collect::<Vec<_>>().join(" · "));
    } else if lines.len() == 1 {
        // nothing else tells it apart: the start of the headline it came from
        if let Some(head) = name.split_once(" (").map(|(_, h)| h.trim_end_matches(')').trim_end_matches('…')) {
            let mut short: String = head.chars().take(24).collect();
            if head.chars().count() > 24 {
                short = short.trim_end().to_string();
            }
            if !short.is_empty() {
                lines.push(format!("“{short}…”"));
            }
        }
    }
    lines
}

/// Country codes involved in operation `n`, most mentioned first: countries
/// that took part or where arrests were made, and the countries of the
/// national bodies that acted in it.
fn operation_countries(g: &CaseGraph, n: petgraph::graph::NodeIndex) -> Vec<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for (e, other, _) in g.incident(n) {
        let o = g.entity(other);
        let code = match o.kind {
            EntityKind::Country => Some(o.id.slug.to_string()),
            EntityKind::Agency => o.country.clone(),
            _ => None,
        };
        if let Some(c) = code {
            *count.entry(c).or_default() += g.relation(e).documents.max(1);
        }
    }
    let mut v: Vec<(String, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(c, _)| c).collect()
}

/// Lines of a name wrapped on word boundaries at about `width` characters.
fn wrap(name: &str, width: usize) -> Vec<String> {
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
    lines
}

/// The country a node is drawn with under `--cluster country`.
fn cluster_of(e: &EntityRecord) -> Option<String> {
    match e.kind {
        EntityKind::Country => Some(e.id.slug.to_string()),
        EntityKind::Agency | EntityKind::City => e.country.clone(),
        _ => None,
    }
}

/// The whole graph as a drawing: one node per entity (isolated ones only
/// with `keep_isolated`), one edge per connected (source, target) pair with
/// a strand per relation.
pub fn graph_drawing(g: &CaseGraph, opts: &DotOptions) -> crate::error::Result<Drawing> {
    let degree = |n| g.graph().neighbors_undirected(n).count();
    let shown: Vec<petgraph::graph::NodeIndex> = g.graph().node_indices().filter(|&n| opts.keep_isolated || degree(n) > 0).collect();
    let by_id: HashMap<EntityId, f64> =
        crate::query::centrality(g, opts.size_by, None, usize::MAX, false)?.into_iter().map(|s| (s.id, s.score)).collect();
    let raw: Vec<f64> = g.graph().node_indices().map(|n| by_id.get(&g.entity(n).id).copied().unwrap_or(0.0)).collect();
    let size = scaled(&raw);
    let mut nodes: Vec<DrawNode> = shown
        .iter()
        .map(|&n| {
            let e = g.entity(n);
            let (shape, fill, style) = kind_style(e.kind);
            let lines = if e.kind == EntityKind::Operation && e.id.is_unnamed() {
                unnamed_operation_label(&e.name, &operation_countries(g, n))
            } else {
                wrap(&e.name, 22)
            };
            let mut tooltip = format!("{} ({}", e.name, e.kind);
            if let Some(c) = &e.country {
                let _ = write!(tooltip, ", {}", c.to_uppercase());
            }
            let _ = write!(tooltip, "; {})", plural(e.documents().len(), "document"));
            DrawNode {
                id: e.id.to_string(),
                lines,
                tooltip,
                shape,
                fill: fill.to_string(),
                style,
                size: size[n.index()],
                cluster: if opts.cluster_by_country { cluster_of(e) } else { None },
            }
        })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));

    // parallel relations between one pair become one edge with a strand each
    let mut pairs: BTreeMap<(String, String), Vec<&RelationRecord>> = BTreeMap::new();
    for e in g.graph().edge_references() {
        let key = (g.entity(e.source()).id.to_string(), g.entity(e.target()).id.to_string());
        pairs.entry(key).or_default().push(e.weight());
    }
    let titles: HashMap<&str, &str> = g.documents.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
    let mut used: BTreeSet<RelationKind> = BTreeSet::new();
    let edges = pairs
        .into_iter()
        .map(|((from, to), mut rels)| {
            rels.sort_by_key(|r| r.relation);
            used.extend(rels.iter().map(|r| r.relation));
            let docs: usize = rels.iter().map(|r| r.documents).sum();
            let parts: Vec<String> = rels
                .iter()
                .map(|r| {
                    let mut s = format!("{} ({}", r.relation, plural(r.documents, "document"));
                    if let Some(c) = r.count {
                        let _ = write!(s, ", {c} stated");
                    }
                    s.push(')');
                    s
                })
                .collect();
            let mut tooltip = format!("{from} → {to}: {}", parts.join(", "));
            if let Some(ev) = rels.iter().flat_map(|r| r.evidence.first()).next() {
                let title = titles.get(ev.doc.as_str()).copied().unwrap_or("");
                let _ = write!(tooltip, ". “{}” ({title})", ev.text);
            }
            let label = if opts.edge_labels {
                rels.iter()
                    .map(|r| if r.documents > 1 { format!("{} ×{}", r.relation, r.documents) } else { r.relation.to_string() })
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                String::new()
            };
            DrawEdge {
                from,
                to,
                colours: rels.iter().map(|r| relation_colour(r.relation).to_string()).collect(),
                penwidth: 1.0 + (docs.max(1) as f64).log2(),
                tooltip,
                label,
            }
        })
        .collect();

    let kinds: BTreeSet<EntityKind> = shown.iter().map(|&n| g.entity(n).kind).collect();
    Ok(Drawing {
        directed: true,
        nodes,
        edges,
        legend_nodes: kinds.into_iter().map(|k| (k.as_str().to_string(), kind_style(k).1.to_string())).collect(),
        legend_edges: used.into_iter().map(|r| (r.as_str().to_string(), vec![relation_colour(r).to_string()])).collect(),
        legend_note: format!("node size: {}; line width: documents; parallel lines: several relations", opts.size_by.as_str()),
    })
}

/// The cooperation view as a drawing: bodies filled by community, links
/// as wide as the operations they share, coloured by their community
/// when both ends are in the same one.
pub fn cooperation_drawing(c: &Cooperation, opts: &DotOptions) -> crate::error::Result<Drawing> {
    let communities = c.communities()?;
    let member = membership(&communities);
    let size = scaled(&c.scores(opts.size_by, false)?);
    let strength = c.strength();
    let comm = |id: &EntityId| member.get(id).copied().unwrap_or(0);
    let nodes = c
        .bodies
        .iter()
        .enumerate()
        .filter(|(i, _)| opts.keep_isolated || strength[*i] > 0)
        .map(|(i, b)| {
            let (shape, _, style) = kind_style(b.kind);
            let mut tooltip = format!("{} ({}", b.name, b.kind);
            if let Some(cc) = &b.country {
                let _ = write!(tooltip, ", {}", cc.to_uppercase());
            }
            let _ = write!(tooltip, "; {}; community {})", plural(b.operations, "operation"), comm(&b.id));
            DrawNode {
                id: b.id.to_string(),
                lines: wrap(&b.name, 22),
                tooltip,
                shape,
                fill: community_fill(comm(&b.id)).to_string(),
                style,
                size: size[i],
                cluster: None,
            }
        })
        .collect();
    let names: HashMap<&EntityId, &str> = c.bodies.iter().map(|b| (&b.id, b.name.as_str())).collect();
    let mut between = false;
    let mut inside: BTreeSet<usize> = BTreeSet::new();
    let edges = c
        .links
        .iter()
        .map(|l| {
            let (ca, cb) = (comm(&l.a), comm(&l.b));
            let colour = if ca == cb && ca > 0 {
                inside.insert(ca);
                community_line(ca)
            } else {
                between = true;
                BETWEEN_COMMUNITIES
            };
            let ops: Vec<&str> = l.operations.iter().map(|o| o.name.as_str()).collect();
            let more = if ops.len() > 5 { format!(" and {} more", ops.len() - 5) } else { String::new() };
            let tooltip = format!(
                "{} and {}: {}, {}: {}{more}",
                names.get(&l.a).copied().unwrap_or(""),
                names.get(&l.b).copied().unwrap_or(""),
                plural(l.weight(), "shared operation"),
                plural(l.documents.len(), "document"),
                ops.iter().take(5).copied().collect::<Vec<_>>().join("; ")
            );
            DrawEdge {
                from: l.a.to_string(),
                to: l.b.to_string(),
                colours: vec![colour.to_string()],
                penwidth: 0.8 + 1.6 * (l.weight() as f64).log2().max(0.0),
                tooltip,
                label: if opts.edge_labels { l.weight().to_string() } else { String::new() },
            }
        })
        .collect();
    let mut legend_nodes: Vec<(String, String)> = Vec::new();
    let shown: BTreeSet<usize> =
        c.bodies.iter().enumerate().filter(|(i, _)| opts.keep_isolated || strength[*i] > 0).map(|(_, b)| comm(&b.id)).collect();
    let mut other = false;
    for k in &communities {
        if !shown.contains(&k.number) {
            continue;
        }
        if community_fill(k.number) == OTHER_COMMUNITY {
            other = true;
            continue;
        }
        let lead: Vec<&str> = k.members.iter().take(2).filter_map(|m| names.get(m).copied()).collect();
        let mut label = format!("{}: {}", k.number, lead.join(", "));
        if k.members.len() > 2 {
            let _ = write!(label, " +{}", k.members.len() - 2);
        }
        legend_nodes.push((label, community_fill(k.number).to_string()));
    }
    if other {
        legend_nodes.push(("smaller communities".into(), OTHER_COMMUNITY.to_string()));
    }
    let mut legend_edges: Vec<(String, Vec<String>)> = Vec::new();
    if !inside.is_empty() {
        legend_edges.push(("within a community".into(), inside.into_iter().map(|n| community_line(n).to_string()).collect()));
    }
    if between {
        legend_edges.push(("between communities".into(), vec![BETWEEN_COMMUNITIES.to_string()]));
    }
    Ok(Drawing {
        directed: false,
        nodes,
        edges,
        legend_nodes,
        legend_edges,
        legend_note: format!(
            "bodies linked when they acted in the same operation; node size: {}; line width: shared operations",
            opts.size_by.as_str()
        ),
    })
}

/// Legend entries per row of the legend grid.
const LEGEND_PER_ROW: usize = 5;

/// The legend (and title) as an HTML-like table: swatches of every node
/// fill and edge colour the drawing uses, on a grid (one flat table: nested
/// tables would be stretched to the widest row by Graphviz).
fn legend_html(d: &Drawing, title: Option<&str>, legend: bool) -> Option<String> {
    if title.is_none() && !legend {
        return None;
    }
    let ncols = 1 + 2 * LEGEND_PER_ROW;
    let mut s = String::from("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
    if let Some(t) = title {
        let _ = write!(s, "<TR><TD COLSPAN=\"{ncols}\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>{}</B></FONT></TD></TR>", escape_html(t));
    }
    if legend {
        let swatch = |colours: &[String], bar: bool| -> String {
            let cells: String = colours
                .iter()
                .map(|c| {
                    let c = escape_html(c);
                    if bar {
                        format!("<TD BGCOLOR=\"{c}\" WIDTH=\"{}\" HEIGHT=\"4\" FIXEDSIZE=\"TRUE\"></TD>", (24 / colours.len()).max(4))
                    } else {
                        format!("<TD BGCOLOR=\"{c}\" BORDER=\"1\" COLOR=\"#666666\" WIDTH=\"14\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>")
                    }
                })
                .collect();
            format!("<TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>{cells}</TR></TABLE></TD>")
        };
        let mut group = |head: &str, items: &[(String, Vec<String>)], bar: bool| {
            for (r, chunk) in items.chunks(LEGEND_PER_ROW).enumerate() {
                s.push_str("<TR>");
                if r == 0 {
                    let _ = write!(s, "<TD ALIGN=\"LEFT\"><B>{head}</B></TD>");
                } else {
                    s.push_str("<TD></TD>");
                }
                for (label, colours) in chunk {
                    s.push_str(&swatch(colours, bar));
                    let _ = write!(s, "<TD ALIGN=\"LEFT\">{}</TD>", escape_html(label));
                }
                for _ in chunk.len()..LEGEND_PER_ROW {
                    s.push_str("<TD></TD><TD></TD>");
                }
                s.push_str("</TR>");
            }
        };
        let nodes: Vec<(String, Vec<String>)> = d.legend_nodes.iter().map(|(l, c)| (l.clone(), vec![c.clone()])).collect();
        group(if d.directed { "entities" } else { "communities" }, &nodes, false);
        group(if d.directed { "relations" } else { "links" }, &d.legend_edges, true);
        let _ = write!(
            s,
            "<TR><TD COLSPAN=\"{ncols}\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">{}</FONT></TD></TR>",
            escape_html(&d.legend_note)
        );
    }
    s.push_str("</TABLE>");
    Some(s)
}

/// A drawing as a graphviz-rust AST.
pub fn drawing_to_dot(d: &Drawing, opts: &DotOptions) -> Graph {
    let mut gattrs = vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "11"),
        attr("pad", "0.3"),
        attr("outputorder", "edgesfirst"),
        attr("bgcolor", "white"),
    ];
    match opts.layout {
        Layout::Dot => {
            gattrs.push(attr("rankdir", "LR"));
            gattrs.push(attr("nodesep", "0.25"));
            gattrs.push(attr("ranksep", if d.directed { "1.1" } else { "1.6" }));
            // the rank assignment that copes with clusters (the default one
            // fails with "trouble in init_rank" on some clustered graphs)
            gattrs.push(attr("newrank", "true"));
        }
        Layout::Neato | Layout::Fdp => {
            gattrs.push(attr("overlap", "false"));
            gattrs.push(attr("sep", "+6"));
            gattrs.push(attr("splines", "true"));
        }
        Layout::Sfdp => {
            gattrs.push(attr("overlap", "prism"));
            gattrs.push(attr("splines", "true"));
        }
    }
    if let Some(html) = legend_html(d, opts.title.as_deref(), opts.legend) {
        gattrs.push(Attribute(Id::Plain("label".into()), Id::Html(format!("<{html}>"))));
        gattrs.push(attr("labelloc", "t"));
        gattrs.push(attr("labeljust", "l"));
    }
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(gattrs)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("color", "#555555"),
            attr("penwidth", "0.7"),
            attr("margin", "0.08,0.04"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "8"), attr("arrowsize", "0.6")])),
    ];
    let node_stmt = |n: &DrawNode| {
        let label = n.lines.iter().map(|l| escape_inner(l)).collect::<Vec<_>>().join("\\n");
        Stmt::Node(Node::new(
            NodeId(q(&n.id), None),
            vec![
                Attribute(Id::Plain("label".into()), Id::Escaped(format!("\"{label}\""))),
                attr("shape", n.shape),
                attr("fillcolor", &n.fill),
                attr("style", n.style),
                attr("fontsize", &format!("{:.1}", 9.0 + 13.0 * n.size)),
                attr("tooltip", &n.tooltip),
            ],
        ))
    };
    let mut clusters: BTreeMap<&str, Vec<Stmt>> = BTreeMap::new();
    for n in &d.nodes {
        match &n.cluster {
            Some(c) => clusters.entry(c.as_str()).or_default().push(node_stmt(n)),
            None => stmts.push(node_stmt(n)),
        }
    }
    // cluster ids are numbered, not taken from the code: no two codes can
    // collide in one id, whatever curation put in a country field
    for (i, (code, members)) in clusters.into_iter().enumerate() {
        let mut sub = vec![
            Stmt::Attribute(attr("label", &code.to_uppercase())),
            Stmt::Attribute(attr("style", "rounded,dashed")),
            Stmt::Attribute(attr("color", "#bdbdbd")),
        ];
        sub.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph { id: q(&format!("cluster_{i}")), stmts: sub }));
    }
    for e in &d.edges {
        let mut attributes =
            vec![attr("color", &e.colours.join(":")), attr("penwidth", &format!("{:.2}", e.penwidth)), attr("tooltip", &e.tooltip)];
        if !e.label.is_empty() {
            attributes.push(attr("label", &e.label));
            attributes.push(attr("fontcolor", e.colours.first().map(String::as_str).unwrap_or("#333333")));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(q(&e.from), None)), Vertex::N(NodeId(q(&e.to), None))),
            attributes,
        }));
    }
    if d.directed {
        Graph::DiGraph { id: q("casegraph"), strict: false, stmts }
    } else {
        Graph::Graph { id: q("casegraph_cooperation"), strict: false, stmts }
    }
}

fn print(g: &Graph) -> String {
    let mut s = g.print(&mut PrinterContext::default());
    s.push('\n');
    s
}

/// The graph as DOT text.
pub fn to_dot_string(g: &CaseGraph, opts: &DotOptions) -> crate::error::Result<String> {
    Ok(print(&drawing_to_dot(&graph_drawing(g, opts)?, opts)))
}

/// The cooperation view as DOT text.
pub fn cooperation_dot_string(c: &Cooperation, opts: &DotOptions) -> crate::error::Result<String> {
    Ok(print(&drawing_to_dot(&cooperation_drawing(c, opts)?, opts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_name_becomes_one_quoted_dot_token() {
        assert_eq!(escape_dot("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(escape_dot("x\"]; evil [URL=\"http://e\""), "\"x\\\"]; evil [URL=\\\"http://e\\\"\"");
        assert_eq!(escape_dot("line\nbreak"), "\"line break\"");
        assert_eq!(escape_dot("a\u{FFFE}b\u{FFFF}c\u{1b}d"), "\"abc d\"");
        assert_eq!(escape_dot(r"\N \G \L \E \T \H"), r#""\\N \\G \\L \\E \\T \\H""#);
        let g = format!("digraph {{ {} -> b }}", escape_dot("x\"] ; y [label=\"z"));
        assert!(graphviz_rust::parse(&g).is_ok());
    }

    #[test]
    fn long_labels_wrap_on_words() {
        assert_eq!(
            wrap("Service for Combating Organized Crime Olt and Gorj", 22),
            ["Service for Combating", "Organized Crime Olt", "and Gorj"]
        );
    }

    #[test]
    fn unnamed_operations_get_kind_date_and_countries() {
        let codes = vec!["ro".to_string(), "at".into(), "uk".into(), "de".into()];
        assert_eq!(
            unnamed_operation_label("rapid intervention (Rapid Eurojust intervention leads to ten arrests…)", &codes),
            ["rapid intervention", "RO · AT · UK"]
        );
        assert_eq!(unnamed_operation_label("operation 20 February", &[]), ["operation 20 February"]);
        assert_eq!(
            unnamed_operation_label("action day (Raids on 5 May 2023 in Greece)", &["gr".into()]),
            ["action day", "5 May 2023", "GR"]
        );
    }

    #[test]
    fn html_legend_text_is_escaped() {
        let d = Drawing { directed: true, legend_note: "<b>&".into(), ..Default::default() };
        let html = legend_html(&d, Some("<TABLE>\"x\""), true).unwrap();
        assert!(html.contains("&lt;TABLE&gt;&quot;x&quot;") && html.contains("&lt;b&gt;&amp;"), "{html}");
    }
}
