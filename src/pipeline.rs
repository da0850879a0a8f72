//! The whole pipeline in one call: files -> documents -> extractions ->
//! facts -> resolved records -> graph. Appending to a graph takes the
//! stored graph apart into facts, drops what changed files said before,
//! adds the new documents and resolves again, so an append gives exactly
//! the graph a build from scratch over the same files would.

use crate::error::Result;
use crate::extract::{Extractor, Gazetteer};
use crate::graph::CaseGraph;
use crate::ingest::{read_inputs, IngestOptions, Skipped};
use crate::resolve::{resolve, Curation, Facts};
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
    let mut extractions: Vec<_> = fresh.iter().map(|d| extractor.extract(d)).collect();
    // an acronym one release defines ("United Kingdom Central Authority (UKCA)")
    // names the same body when another release uses it alone: read again with it
    let known_acronyms: BTreeSet<String> = facts.entities.iter().flat_map(|e| e.aliases.iter().cloned()).collect();
    let learned = learned_acronyms(&extractor, &facts, &extractions);
    if !learned.is_empty() {
        let new_acronyms = learned.iter().flat_map(|a| a.aliases.iter()).any(|a| !known_acronyms.contains(a));
        extractor = Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned)?);
        extractions = fresh.iter().map(|d| extractor.extract(d)).collect();
        // the releases already in the graph may use an acronym only a new one defines:
        // read them again, so the append gives what a build from scratch would
        if base.is_some() && new_acronyms {
            reread(&extractor, &mut facts, &opts.ingest, &mut report);
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

/// Extract the documents already in the graph again from their files,
/// where the file still holds the same text.
fn reread(extractor: &Extractor, facts: &mut Facts, ingest: &crate::ingest::IngestOptions, report: &mut BuildReport) {
    for d in facts.documents.clone() {
        let path = std::path::Path::new(&d.path);
        let again = crate::ingest::read_file(path, ingest).map(|(text, _)| crate::ingest::documents_of(path, &text));
        match again.map(|docs| docs.into_iter().find(|doc| doc.id == d.id)) {
            Ok(Some(doc)) => {
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

/// Acronyms defined for bodies the gazetteer does not know, from the graph
/// being appended to and from the documents just read.
fn learned_acronyms(
    extractor: &Extractor,
    facts: &Facts,
    extractions: &[crate::extract::Extraction],
) -> Vec<crate::extract::gazetteer::AgencyEntry> {
    use std::collections::BTreeMap;
    let g = extractor.gazetteer();
    let is_acronym =
        |a: &str| (3..=10).contains(&a.len()) && a.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && g.lookup(a).is_none();
    let mut out: BTreeMap<String, crate::extract::gazetteer::AgencyEntry> = BTreeMap::new();
    let from_facts = facts.entities.iter().map(|e| (&e.id, &e.name, &e.aliases, &e.country));
    let from_new = extractions.iter().flat_map(|x| x.entities.iter()).map(|e| (&e.id, &e.name, &e.aliases, &e.country));
    for (id, name, aliases, country) in from_facts.chain(from_new) {
        if id.kind != crate::model::EntityKind::Agency {
            continue;
        }
        let slug = id.slug.as_str();
        let acronyms: Vec<String> = aliases.iter().filter(|a| is_acronym(a)).cloned().collect();
        if acronyms.is_empty() || g.lookup(name).is_some() {
            continue;
        }
        let entry = out.entry(slug.to_string()).or_insert_with(|| crate::extract::gazetteer::AgencyEntry {
            id: slug.to_string(),
            name: name.clone(),
            aliases: vec![],
            country: country.clone(),
        });
        for a in acronyms {
            if !entry.aliases.contains(&a) {
                entry.aliases.push(a);
            }
        }
    }
    out.into_values().collect()
}
