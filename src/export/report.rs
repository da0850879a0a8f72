//! The interactive HTML report: one file an analyst can open offline, mail
//! or attach to a case file, that shows the picture and lets them click
//! through to the sentences behind it.
//!
//! The page is the Graphviz SVG of the same [`Drawing`] `export` draws,
//! inlined, plus the data behind it as JSON and a small script (pan and
//! zoom, search, details, filters, ranking) and style, all from
//! `report/*` in this folder. Nothing is fetched: the Content-Security-Policy
//! forbids any network access, and allows only this script and this style
//! (by hash), so even markup that slipped into the page could not run.
//!
//! Text from documents reaches the page only as JSON string values, read by
//! the script with `JSON.parse` and put into the page with `textContent`;
//! inside the JSON block `<`, `>`, `&` and U+2028/U+2029 are `\u` escapes,
//! so no sentence can end the block. The drawing's nodes and edges are
//! renamed `n<i>` and `e<k>` before Graphviz sees them and carry those as
//! their SVG `id`s: the script maps a click to the data by id, and no name
//! ever becomes an id or a DOT node name.

use super::dot::{cooperation_drawing, drawing_to_dot, graph_drawing, DotOptions, Drawing};
use super::graphviz::{render, RenderFormat};
use super::style::{kind_style, relation_colour};
use crate::error::{Error, Result};
use crate::graph::CaseGraph;
use crate::model::{is_xml_char, EntityKind, RelationKind};
use crate::query::{centrality, membership, Cooperation, Measure};
use base64::Engine;
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, Id, NodeId, Stmt, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};

const TEMPLATE: &str = include_str!("report/report.html");
const STYLE: &str = include_str!("report/report.css");
const SCRIPT: &str = include_str!("report/report.js");

/// The measures of the ranking table, in its column order.
pub const REPORT_MEASURES: [Measure; 3] = [Measure::Degree, Measure::Betweenness, Measure::Pagerank];

/// Which picture the report shows.
#[derive(Clone, Copy, Debug)]
pub enum ReportView<'a> {
    /// Entities and relations as stored.
    Graph,
    /// Bodies linked through shared operations (computed from the same graph).
    Cooperation(&'a Cooperation),
}

/// Everything the script needs, indexed by position: nodes are the
/// entities of the graph (sorted by id), whether drawn or not, so a
/// cooperation report can still show the operations behind a link.
#[derive(Debug, Serialize)]
pub struct ReportData {
    pub generator: String,
    /// `graph` or `cooperation`.
    pub view: &'static str,
    pub title: Option<String>,
    pub documents: Vec<ReportDocument>,
    pub nodes: Vec<ReportNode>,
    pub relations: Vec<ReportRelation>,
    /// The edges of the picture.
    pub edges: Vec<ReportEdge>,
    pub ranking: Ranking,
    pub legend: Legend,
    /// The choices of the filter panel: kinds and relations drawn, with
    /// their colours. A later date filter adds its own entry here.
    pub filters: Filters,
    pub keep_isolated: bool,
}

#[derive(Debug, Serialize)]
pub struct ReportDocument {
    pub id: String,
    pub title: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ReportNode {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    /// Indexes into `documents`.
    pub documents: Vec<usize>,
    /// Indexes into `relations` of every relation it is an end of.
    pub relations: Vec<usize>,
    /// Its SVG id when drawn.
    pub svg: Option<String>,
    /// Its community in the cooperation view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ReportRelation {
    /// Index into `nodes`.
    pub source: usize,
    pub relation: RelationKind,
    pub target: usize,
    pub documents: usize,
    pub count: Option<u32>,
    pub evidence: Vec<ReportEvidence>,
}

#[derive(Debug, Serialize)]
pub struct ReportEvidence {
    /// Index into `documents`, when the graph knows the document.
    pub doc: Option<usize>,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub rule: Option<String>,
    pub count: Option<u32>,
    /// Said with a hedge ("allegedly"): reported, not asserted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

#[derive(Debug, Serialize)]
pub struct ReportEdge {
    pub svg: String,
    /// Indexes into `nodes`: source and target (in the cooperation view,
    /// the two bodies in id order).
    pub a: usize,
    pub b: usize,
    /// Graph view: the relations the edge draws (one strand each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<usize>,
    /// Cooperation view: the operations the two bodies share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<ReportShared>,
}

/// One operation behind a cooperation link, with each body's relations to
/// it (the sentences that say how each acted in it).
#[derive(Debug, Serialize)]
pub struct ReportShared {
    pub operation: usize,
    pub a: Vec<usize>,
    pub b: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct Ranking {
    /// Column names, in order.
    pub measures: Vec<&'static str>,
    /// Per measure, a score per node (`None` for nodes outside the view,
    /// or for a measure too costly on this graph).
    pub scores: Vec<Vec<Option<f64>>>,
    /// Why a measure has no scores, when it has none.
    pub skipped: Vec<Option<String>>,
}

#[derive(Debug, Serialize)]
pub struct Legend {
    pub nodes_heading: &'static str,
    pub nodes: Vec<(String, String)>,
    pub edges_heading: &'static str,
    pub edges: Vec<(String, Vec<String>)>,
    pub note: String,
    pub shown: bool,
}

#[derive(Debug, Serialize)]
pub struct Filters {
    /// (kind, fill) of every kind drawn.
    pub kinds: Vec<(EntityKind, String)>,
    /// (relation, colour) of every relation the drawn edges stand for.
    pub relations: Vec<(RelationKind, String)>,
}

/// The report of `g` (already selected) in `view`, as one HTML file.
/// Renders the picture with Graphviz.
pub fn report_html(g: &CaseGraph, view: ReportView, opts: &DotOptions) -> Result<String> {
    let (dot, data) = report_parts(g, view, opts)?;
    let nodes = data.nodes.iter().filter(|n| n.svg.is_some()).count();
    let svg = render(&dot, RenderFormat::Svg, opts.layout, nodes)?;
    let svg = String::from_utf8(svg).map_err(|_| Error::Export("Graphviz's dot wrote an SVG that is not UTF-8".into()))?;
    assemble(&svg, &data)
}

/// The DOT text of the picture (ids set, no legend or title: the page
/// shows those) and the data behind it.
pub fn report_parts(g: &CaseGraph, view: ReportView, opts: &DotOptions) -> Result<(String, ReportData)> {
    let picture = DotOptions { legend: false, title: None, ..opts.clone() };
    let mut drawing = match view {
        ReportView::Graph => graph_drawing(g, &picture)?,
        ReportView::Cooperation(c) => cooperation_drawing(c, &picture)?,
    };
    let mut data = report_data(g, view, &drawing, opts)?;
    let dot = ided_dot(&mut drawing, &mut data, &picture)?;
    Ok((dot, data))
}

/// Graphviz sees `n<i>`/`e<k>` instead of entity ids, as node names and
/// `id` attributes: the SVG then carries ids the script can look up in the
/// data, and no text from a document ever becomes an id or a DOT name.
fn ided_dot(d: &mut Drawing, data: &mut ReportData, opts: &DotOptions) -> Result<String> {
    let index: HashMap<&str, usize> = data.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let node_of = |id: &str| index.get(id).copied().ok_or_else(|| Error::Export(format!("report: drawn node {id} is not in the graph")));
    let mut drawn = Vec::with_capacity(d.nodes.len());
    for n in &mut d.nodes {
        let i = node_of(&n.id)?;
        n.id = format!("n{i}");
        drawn.push((i, n.id.clone()));
    }
    let mut ends = Vec::with_capacity(d.edges.len());
    for e in &mut d.edges {
        let (a, b) = (node_of(&e.from)?, node_of(&e.to)?);
        e.from = format!("n{a}");
        e.to = format!("n{b}");
        ends.push((a, b));
    }
    for (i, svg) in drawn {
        data.nodes[i].svg = Some(svg);
    }
    let edge_ids: HashMap<(String, String), String> =
        d.edges.iter().enumerate().map(|(k, e)| ((e.from.clone(), e.to.clone()), format!("e{k}"))).collect();
    for (k, (e, &(a, b))) in data.edges.iter_mut().zip(&ends).enumerate() {
        // report_data made one edge per drawn edge, in order; a mismatch
        // would send clicks to another link's sentences, so it is an error
        if (e.a, e.b) != (a, b) {
            return Err(Error::Export(format!("report: edge {k} does not match the drawing")));
        }
        e.svg = format!("e{k}");
    }
    let mut graph = drawing_to_dot(d, opts);
    set_ids(&mut graph, &edge_ids);
    let mut s = graph.print(&mut PrinterContext::default());
    s.push('\n');
    Ok(s)
}

/// Give every node statement its own name as `id`, and every edge the id
/// of its (from, to) pair. Names are `n<i>`, so ids are plain ASCII.
fn set_ids(g: &mut Graph, edges: &HashMap<(String, String), String>) {
    let stmts = match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    set_ids_in(stmts, edges);
}

fn unquote(id: &Id) -> String {
    match id {
        Id::Escaped(s) => s.trim_matches('"').to_string(),
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

fn set_ids_in(stmts: &mut [Stmt], edges: &HashMap<(String, String), String>) {
    for st in stmts {
        match st {
            Stmt::Node(n) => {
                let name = unquote(&n.id.0);
                n.attributes.push(Attribute(Id::Plain("id".into()), Id::Escaped(format!("\"{name}\""))));
            }
            Stmt::Edge(Edge { ty: EdgeTy::Pair(Vertex::N(NodeId(a, _)), Vertex::N(NodeId(b, _))), attributes }) => {
                if let Some(id) = edges.get(&(unquote(a), unquote(b))) {
                    attributes.push(Attribute(Id::Plain("id".into()), Id::Escaped(format!("\"{id}\""))));
                }
            }
            Stmt::Subgraph(s) => set_ids_in(&mut s.stmts, edges),
            _ => {}
        }
    }
}

fn report_data(g: &CaseGraph, view: ReportView, d: &Drawing, opts: &DotOptions) -> Result<ReportData> {
    let mut documents: Vec<_> = g.documents.iter().collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    let doc_index: HashMap<&str, usize> = documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let (entities, relations) = super::sorted(g);
    let node_index: HashMap<&crate::model::EntityId, usize> = entities.iter().enumerate().map(|(i, e)| (&e.id, i)).collect();
    let community = match view {
        ReportView::Cooperation(c) => membership(&c.communities()?),
        ReportView::Graph => HashMap::new(),
    };
    let mut nodes: Vec<ReportNode> = entities
        .iter()
        .map(|e| ReportNode {
            id: e.id.to_string(),
            kind: e.kind,
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            country: e.country.clone(),
            documents: e.documents().into_iter().filter_map(|d| doc_index.get(d.as_str()).copied()).collect(),
            relations: Vec::new(),
            svg: None,
            community: community.get(&e.id).copied(),
        })
        .collect();
    let mut rels = Vec::with_capacity(relations.len());
    let mut rel_index: HashMap<(usize, RelationKind, usize), usize> = HashMap::new();
    for (k, r) in relations.iter().enumerate() {
        let (Some(&s), Some(&t)) = (node_index.get(&r.source), node_index.get(&r.target)) else { continue };
        nodes[s].relations.push(k);
        if t != s {
            nodes[t].relations.push(k);
        }
        rel_index.insert((s, r.relation, t), k);
        rels.push(ReportRelation {
            source: s,
            relation: r.relation,
            target: t,
            documents: r.documents,
            count: r.count,
            evidence: r
                .evidence
                .iter()
                .map(|ev| ReportEvidence {
                    doc: doc_index.get(ev.doc.as_str()).copied(),
                    sentence: ev.text.to_string(),
                    start: ev.start,
                    end: ev.end,
                    rule: ev.rule.as_deref().map(str::to_string),
                    count: ev.count,
                    hedged: ev.hedged,
                })
                .collect(),
        });
    }
    let by_str: HashMap<String, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
    let lookup = |id: &str| by_str.get(id).copied().ok_or_else(|| Error::Export(format!("report: drawn node {id} is not in the graph")));

    let links: HashMap<(String, String), &crate::query::Link> = match view {
        ReportView::Cooperation(c) => c.links.iter().map(|l| ((l.a.to_string(), l.b.to_string()), l)).collect(),
        ReportView::Graph => HashMap::new(),
    };
    let mut edges = Vec::with_capacity(d.edges.len());
    let mut used_relations: BTreeSet<RelationKind> = BTreeSet::new();
    for e in &d.edges {
        let (a, b) = (lookup(&e.from)?, lookup(&e.to)?);
        match view {
            ReportView::Graph => {
                let strands: Vec<usize> = RelationKind::ALL.iter().filter_map(|&rk| rel_index.get(&(a, rk, b)).copied()).collect();
                used_relations.extend(strands.iter().map(|&k| rels[k].relation));
                edges.push(ReportEdge { svg: String::new(), a, b, relations: strands, operations: Vec::new() });
            }
            ReportView::Cooperation(_) => {
                let link = links.get(&(e.from.clone(), e.to.clone()));
                // every relation from the body to the operation says how it acted there
                let acting = |body: usize, op: usize| -> Vec<usize> {
                    RelationKind::ALL.iter().filter_map(|&rk| rel_index.get(&(body, rk, op)).copied()).collect()
                };
                let operations: Vec<ReportShared> = link
                    .map(|l| {
                        l.operations
                            .iter()
                            .filter_map(|o| {
                                let op = by_str.get(&o.id.to_string()).copied()?;
                                Some(ReportShared { operation: op, a: acting(a, op), b: acting(b, op) })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                for s in &operations {
                    used_relations.extend(s.a.iter().chain(&s.b).map(|&k| rels[k].relation));
                }
                edges.push(ReportEdge { svg: String::new(), a, b, relations: Vec::new(), operations });
            }
        }
    }

    let drawn: BTreeSet<usize> = d.nodes.iter().filter_map(|n| by_str.get(&n.id).copied()).collect();
    let kinds: BTreeSet<EntityKind> = drawn.iter().map(|&i| nodes[i].kind).collect();
    let ranking = ranking(g, view, &nodes)?;
    Ok(ReportData {
        generator: format!("casegraph {}", env!("CARGO_PKG_VERSION")),
        view: match view {
            ReportView::Graph => "graph",
            ReportView::Cooperation(_) => "cooperation",
        },
        title: opts.title.clone(),
        documents: documents
            .iter()
            .map(|d| ReportDocument { id: d.id.to_string(), title: d.title.clone(), path: d.path.clone(), article: d.article })
            .collect(),
        nodes,
        relations: rels,
        edges,
        ranking,
        legend: Legend {
            nodes_heading: if d.directed { "entities" } else { "communities" },
            nodes: d.legend_nodes.clone(),
            edges_heading: if d.directed { "relations" } else { "links" },
            edges: d.legend_edges.clone(),
            note: d.legend_note.clone(),
            shown: opts.legend,
        },
        filters: Filters {
            kinds: kinds.into_iter().map(|k| (k, kind_style(k).1.to_string())).collect(),
            relations: used_relations.into_iter().map(|r| (r, relation_colour(r).to_string())).collect(),
        },
        keep_isolated: opts.keep_isolated,
    })
}

/// Degree, betweenness and PageRank of every node of the view, computed
/// by the query code on the graph (or view) the picture shows. A measure
/// refused as too costly is left out with the reason.
fn ranking(g: &CaseGraph, view: ReportView, nodes: &[ReportNode]) -> Result<Ranking> {
    let index: HashMap<String, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
    let mut scores = Vec::new();
    let mut skipped = Vec::new();
    for m in REPORT_MEASURES {
        let found = match view {
            ReportView::Graph => centrality(g, m, None, usize::MAX, false).map_err(crate::error::Error::from),
            ReportView::Cooperation(c) => c.centrality(m, usize::MAX, false),
        };
        let mut column = vec![None; nodes.len()];
        match found {
            Ok(list) => {
                for s in list {
                    if let Some(&i) = index.get(&s.id.to_string()) {
                        column[i] = Some(s.score);
                    }
                }
                skipped.push(None);
            }
            Err(Error::Query(why)) => skipped.push(Some(why)),
            Err(e) => return Err(e),
        }
        scores.push(column);
    }
    Ok(Ranking { measures: REPORT_MEASURES.iter().map(|m| m.as_str()).collect(), scores, skipped })
}

/// JSON for a `<script type="application/json">` block: the characters
/// that could end the block or start markup (`<`, `>`, `&`) and the two
/// line separators older parsers choke on become `\u` escapes. They only
/// occur inside strings, where the escape means the same character.
pub fn json_for_html(v: &impl Serialize) -> Result<String> {
    let s = serde_json::to_string(v).map_err(|e| Error::Export(format!("report data: {e}")))?;
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Text for an HTML element or attribute value.
fn html_text(s: &str) -> String {
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

/// The `'sha256-…'` source that lets exactly this inline block run.
fn csp_hash(block: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(block.as_bytes())))
}

/// The SVG element alone: Graphviz's XML declaration, doctype and
/// comments before it have no place inside HTML.
fn svg_element(svg: &str) -> Result<&str> {
    let start = svg.find("<svg").ok_or_else(|| Error::Export("Graphviz's dot wrote no <svg> element".into()))?;
    Ok(svg[start..].trim_end())
}

/// The page: the template with its five slots filled in one pass, so
/// nothing inserted is ever scanned for another slot.
pub fn assemble(svg: &str, data: &ReportData) -> Result<String> {
    let title = data.title.clone().unwrap_or_else(|| match data.view {
        "cooperation" => "casegraph report: cooperation view".to_string(),
        _ => "casegraph report".to_string(),
    });
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let json = json_for_html(data)?;
    let svg = svg_element(svg)?;
    let mut out = String::with_capacity(TEMPLATE.len() + STYLE.len() + SCRIPT.len() + svg.len() + json.len() + 256);
    let mut rest = TEMPLATE;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or_else(|| Error::Export("report template: an unclosed slot".into()))?;
        match &after[..close] {
            // fixed text and base64: nothing to escape
            "CSP" => out.push_str(&csp),
            "TITLE" => out.push_str(&html_text(&title)),
            "STYLE" => out.push_str(STYLE),
            "SVG" => out.push_str(svg),
            "DATA" => out.push_str(&json),
            "SCRIPT" => out.push_str(SCRIPT),
            other => return Err(Error::Export(format!("report template: unknown slot {other}"))),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_the_page_cannot_end_its_block_or_start_markup() {
        let v = serde_json::json!({"s": "</script><script>alert(1)</script> & <!-- \u{2028}\u{2029}"});
        let s = json_for_html(&v).unwrap();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "the escapes decode to the same text");
    }

    #[test]
    fn the_template_has_every_slot_once_and_the_blocks_no_closing_tag() {
        for slot in ["{{CSP}}", "{{TITLE}}", "{{STYLE}}", "{{SVG}}", "{{DATA}}", "{{SCRIPT}}"] {
            assert_eq!(TEMPLATE.matches(slot).count(), 1, "{slot}");
        }
        assert!(!SCRIPT.to_lowercase().contains("</script") && !STYLE.to_lowercase().contains("</style"));
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("outerHTML") && !SCRIPT.contains("insertAdjacentHTML"));
        assert!(!SCRIPT.contains("document.write") && !SCRIPT.contains("eval("));
    }

    #[test]
    fn csp_hashes_are_base64_sha256() {
        // the well-known SHA-256 of the empty string
        assert_eq!(csp_hash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    }

    #[test]
    fn the_title_is_escaped_and_the_svg_loses_its_prologue() {
        assert_eq!(html_text("<b>\"x\" & 'y'\u{1b}"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39; ");
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- c -->\n<svg viewBox=\"0 0 1 1\"></svg>\n";
        assert_eq!(svg_element(svg).unwrap(), "<svg viewBox=\"0 0 1 1\"></svg>");
        assert!(svg_element("no picture").is_err());
    }
}
