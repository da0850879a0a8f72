//! `casegraph report`: the graph, or its cooperation view, as one HTML
//! page with everything inline. Takes export's selection and drawing flags,
//! so a report shows what the same flags would export as a picture.

use super::export::{warn_if_large, write_output, DrawArgs, ExportFormat, SelectArgs};
use crate::error::Result;
use crate::export::{report_html, ReportView};
use crate::graph;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph report graphs/sample.ron -o sample.html
  casegraph report graphs/sample.ron -o top.html --top 40 --only-kind agency,country,operation
  casegraph report graphs/sample.ron -o coop.html --view cooperation --layout neato")]
pub struct ReportArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Output file (HTML), `-` for standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub draw: DrawArgs,
}

pub fn run(a: ReportArgs) -> Result<()> {
    if a.select.view == super::export::ViewArg::Corridors {
        return Err(crate::error::Error::Export(
            "report draws the graph or its cooperation view; the corridors are drawn by export --view corridors".into(),
        ));
    }
    let g = graph::load(&a.graph)?;
    let g = a.select.selection().apply(&g)?;
    let opts = a.draw.options();
    let (html, summary) = if a.select.cooperation() {
        let c = a.select.view_of(&g)?;
        warn_if_large(ExportFormat::Svg, c.bodies.len(), a.select.top.is_some(), true);
        (report_html(&g, ReportView::Cooperation(&c), &opts)?, format!("{} bodies, {} links", c.bodies.len(), c.links.len()))
    } else {
        warn_if_large(ExportFormat::Svg, g.node_count(), a.select.top.is_some(), false);
        (report_html(&g, ReportView::Graph, &opts)?, format!("{} entities, {} relations", g.node_count(), g.edge_count()))
    };
    write_output(&a.output, html.as_bytes())?;
    let to = if a.output.as_os_str() == "-" { "standard output".to_string() } else { a.output.display().to_string() };
    eprintln!("casegraph: wrote {to} ({summary}; {} KiB, self-contained)", html.len().div_ceil(1024));
    Ok(())
}
