//! casegraph turns press releases about human trafficking and migrant
//! smuggling into a knowledge graph of who worked with whom.
//!
//! Data flows one way, one module per stage: [`ingest`] reads files into
//! documents (splitting digests into articles), [`extract`] finds entities
//! and relations in each document with the sentence that states them,
//! [`resolve`] merges what the documents said into one entity per
//! real-world thing, [`graph`] holds the result in petgraph and stores it as
//! RON, and [`query`] and [`export`] answer questions and write other
//! formats from a graph. [`pipeline`] runs the stages in order; [`cli`] is
//! the command line on top.
//!
//! ```
//! use casegraph::{extract::{Extractor, Gazetteer}, ingest::Document, resolve::{resolve, Facts}, graph::CaseGraph};
//! let doc = Document::new("release.txt",
//!     "With the support of Eurojust and Europol, authorities in Romania and France \
//!      arrested six suspects during a joint action day on 3 July.");
//! let extraction = Extractor::new(Gazetteer::builtin()?).extract(&doc);
//! let mut facts = Facts::default();
//! facts.add(&doc, &extraction);
//! let graph = CaseGraph::from_resolved(resolve(&facts, &Default::default())).expect("consistent");
//! let answer = casegraph::query::run(&graph, &casegraph::query::parse_question("which agencies linked Romania and France")?)?;
//! assert!(answer.render(casegraph::query::OutputFormat::Table).contains("Eurojust"));
//! # Ok::<(), casegraph::error::Error>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod error;
pub mod export;
pub mod extract;
pub mod extracts;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod platform;
pub mod progress;
pub mod query;
pub mod resolve;
