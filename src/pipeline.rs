//! The whole pipeline in one call: files -> documents -> extractions ->
//! facts -> resolved records -> graph. Appending to a graph takes the
//! stored graph apart into facts, drops what changed files said before,
//! adds the new documents and resolves again, so an append gives exactly
//! the graph a build from scratch over the same files would.

use crate::error::Result;
use crate::extract::acronyms::{self, AcronymUses, KnownBody};
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::graph::CaseGraph;
use crate::ingest::{read_inputs, IngestOptions, Skipped};
use crate::resolve::{resolve, Curation, Facts};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub ingest: IngestOptions,
    pub gazetteers: Vec<PathBuf>,
    pub curation: Curation,
}

/// What a build did, for the summary line.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    pub added: usize,
    pub unchanged: usize,
    /// Documents of the graph dropped because their file now says something else.
    pub replaced: usize,
    /// Documents of the graph read again to apply acronyms new releases define.
    pub reread: usize,
    /// New documents read a second time because they use an acronym another defines.
    pub reextracted: usize,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
    pub unused_curation: Vec<String>,
}

/// Build a graph from `inputs`, on top of `base` when appending.
pub fn build(inputs: &[PathBuf], base: Option<&CaseGraph>, opts: &BuildOptions) -> Result<(CaseGraph, BuildReport)> {
    let ingested = read_inputs(inputs, &opts.ingest)?;
    let mut extractor = Extractor::new(Gazetteer::with_files(&opts.gazetteers)?);
    let mut report = BuildReport { skipped: ingested.skipped, warnings: ingested.warnings, ..Default::default() };
    let mut facts = match base {
        Some(g) => {
            let f = g.to_file();
            Facts::from_records(&f.documents, &f.entities, &f.relations)
        }
        None => Facts::default(),
    };
    let known: BTreeSet<_> = facts.documents.iter().map(|d| d.id.clone()).collect();
    let new_ids: BTreeSet<_> = ingested.documents.iter().map(|d| d.id.clone()).collect();
    let new_paths: BTreeSet<_> = ingested.documents.iter().map(|d| d.path.clone()).collect();
    // a file read again with other content replaces what it said before
    let stale: Vec<_> =
        facts.documents.iter().filter(|d| new_paths.contains(&d.path) && !new_ids.contains(&d.id)).map(|d| d.id.clone()).collect();
    for id in &stale {
        facts.remove_document(id);
        report.replaced += 1;
    }
    let fresh: Vec<&crate::ingest::Document> = ingested.documents.iter().filter(|d| !known.contains(&d.id)).collect();
    for doc in ingested.documents.iter().filter(|d| known.contains(&d.id)) {
        report.unchanged += 1;
        report.notes.push(format!("{}: already in the graph (same content), skipped", doc.path));
    }
    let mut extractions: Vec<Extraction> = fresh.par_iter().map(|d| extractor.extract(d)).collect();
    // an acronym one release defines ("United Kingdom Central Authority (UKCA)")
    // names the same body when another release uses it alone: the releases
    // that use a learned acronym are read again with it, and only those
    let known_acronyms: BTreeSet<String> = facts.entities.iter().flat_map(|e| e.aliases.iter().cloned()).collect();
    let bodies =
        facts.entities.iter().map(|e| KnownBody { id: &e.id, name: &e.name, aliases: &e.aliases, country: e.country.as_deref() }).chain(
            extractions.iter().flat_map(|x| x.entities.iter()).map(|e| KnownBody {
                id: &e.id,
                name: &e.name,
                aliases: &e.aliases,
                country: e.country.as_deref(),
            }),
        );
    let learned = acronyms::learn(extractor.gazetteer(), bodies);
    if !learned.is_empty() {
        let new_acronyms = learned.iter().flat_map(|a| a.aliases.iter()).any(|a| !known_acronyms.contains(a));
        let uses = AcronymUses::new(&learned);
        extractor = Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned)?);
        let again: Vec<(usize, Extraction)> =
            fresh.par_iter().enumerate().filter(|(_, d)| uses.used_in(&d.text)).map(|(i, d)| (i, extractor.extract(d))).collect();
        report.reextracted = again.len();
        for (i, x) in again {
            extractions[i] = x;
        }
        // the releases already in the graph may use an acronym only a new one defines:
        // read them again, so the append gives what a build from scratch would
        if base.is_some() && new_acronyms {
            reread(&extractor, &uses, &mut facts, &opts.ingest, &mut report);
        }
    }
    for (doc, ex) in fresh.iter().zip(&extractions) {
        facts.add(doc, ex);
        report.added += 1;
    }
    let resolved = resolve(&facts, &opts.curation);
    report.unused_curation = resolved.unused_curation.clone();
    report.documents = resolved.documents.len();
    let graph = CaseGraph::from_resolved(resolved)?;
    Ok((graph, report))
}

/// Extract the documents already in the graph that use a learned acronym
/// again from their files, where the file still holds the same text.
fn reread(extractor: &Extractor, uses: &AcronymUses, facts: &mut Facts, ingest: &crate::ingest::IngestOptions, report: &mut BuildReport) {
    for d in facts.documents.clone() {
        let path = std::path::Path::new(&d.path);
        let again = crate::ingest::read_file(path, ingest).map(|(text, _)| crate::ingest::documents_of(path, &text));
        match again.map(|docs| docs.into_iter().find(|doc| doc.id == d.id)) {
            Ok(Some(doc)) => {
                if !uses.used_in(&doc.text) {
                    continue;
                }
                let ex = extractor.extract(&doc);
                facts.remove_document(&d.id);
                facts.add(&doc, &ex);
                report.reread += 1;
            }
            Ok(None) => {
                report.warnings.push(format!("{}: changed since it was added; acronyms from the new releases not applied to it", d.path))
            }
            Err(e) => report.warnings.push(format!("{e}; acronyms from the new releases not applied to it")),
        }
    }
}
