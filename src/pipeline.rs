//! The whole pipeline in one call: files -> documents -> extractions ->
//! facts -> resolved records -> graph. Appending to a graph takes the
//! stored graph apart into facts, drops what changed files said before,
//! adds the new documents and resolves again, so an append gives exactly
//! the graph a build from scratch over the same files would.

use crate::error::Result;
use crate::extract::acronyms::{self, AcronymUses, KnownBody};
use crate::extract::gazetteer::AgencyEntry;
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
    /// Where the curation came from, to name it in an error.
    pub curation_path: Option<PathBuf>,
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
    /// Documents whose extraction failed (an internal error), left out.
    pub failed: usize,
    /// Symlinks out of an input folder followed (`--follow`) and left alone.
    pub links_followed: usize,
    pub links_skipped: usize,
}

/// Extract one document, turning a panic inside the extractor into an
/// error that names the document's file: one bad document must never end
/// a folder build. Both `build` and `extract` go through here.
pub fn extract_guarded(extractor: &Extractor, doc: &crate::ingest::Document) -> std::result::Result<Extraction, String> {
    guarded(&doc.path, doc.article, || {
        failpoint_panic(doc);
        extractor.extract(doc)
    })
}

/// Run `f`, catching a panic as a one-line message about `path`. The
/// default panic message (several lines, on stderr) is held back while a
/// guarded call runs; the caller prints the warning instead.
fn guarded<T>(path: &str, article: Option<usize>, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    use std::cell::{Cell, RefCell};
    thread_local! {
        static GUARDED: Cell<bool> = const { Cell::new(false) };
        static MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                MESSAGE.with(|m| *m.borrow_mut() = format!("{msg}{at}"));
            } else {
                default(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.map_err(|_| {
        let why = MESSAGE.with(|m| std::mem::take(&mut *m.borrow_mut()));
        let which = article.map(|a| format!(" (article {a})")).unwrap_or_default();
        format!("{path}{which}: extraction failed with an internal error ({why}); document left out, please report it")
    })
}

/// Test hook (debug builds only): `CASEGRAPH_TEST_PANIC_ON=word` makes the
/// extraction of any document whose text contains `word` panic, so tests
/// can check that a failing document is reported and the run goes on.
fn failpoint_panic(doc: &crate::ingest::Document) {
    #[cfg(debug_assertions)]
    if let Ok(word) = std::env::var("CASEGRAPH_TEST_PANIC_ON") {
        if !word.is_empty() && doc.text.contains(&word) {
            panic!("test hook CASEGRAPH_TEST_PANIC_ON");
        }
    }
    let _ = doc;
}

/// Extract every document; those that fail become warnings and are left out.
fn extract_all<'a>(
    extractor: &Extractor,
    docs: &[&'a crate::ingest::Document],
    warnings: &mut Vec<String>,
) -> (Vec<&'a crate::ingest::Document>, Vec<Extraction>) {
    let results: Vec<std::result::Result<Extraction, String>> = docs.par_iter().map(|d| extract_guarded(extractor, d)).collect();
    let mut kept = Vec::with_capacity(docs.len());
    let mut out = Vec::with_capacity(docs.len());
    for (d, r) in docs.iter().zip(results) {
        match r {
            Ok(x) => {
                kept.push(*d);
                out.push(x);
            }
            Err(w) => warnings.push(w),
        }
    }
    (kept, out)
}

/// Build a graph from `inputs`, on top of `base` when appending.
pub fn build(inputs: &[PathBuf], base: Option<&CaseGraph>, opts: &BuildOptions) -> Result<(CaseGraph, BuildReport)> {
    let ingested = read_inputs(inputs, &opts.ingest)?;
    let mut extractor = Extractor::new(Gazetteer::with_files(&opts.gazetteers)?);
    let mut report = BuildReport {
        skipped: ingested.skipped,
        warnings: ingested.warnings,
        links_followed: ingested.links_followed,
        links_skipped: ingested.links_skipped,
        ..Default::default()
    };
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
    let candidates: Vec<&crate::ingest::Document> = ingested.documents.iter().filter(|d| !known.contains(&d.id)).collect();
    for doc in ingested.documents.iter().filter(|d| known.contains(&d.id)) {
        report.unchanged += 1;
        report.notes.push(format!("{}: already in the graph (same content), skipped", doc.path));
    }
    let known_acronyms: BTreeSet<String> = facts.entities.iter().flat_map(|e| e.aliases.iter().cloned()).collect();
    let (fresh, extractions, learned) = extract_once(&extractor, &candidates, &facts, opts, &mut report)?;
    // the releases already in the graph may use an acronym only a new one defines:
    // read them again, so the append gives what a build from scratch would
    if let Some(learned) = learned {
        let new_acronyms = learned.iter().flat_map(|a| a.aliases.iter()).any(|a| !known_acronyms.contains(a));
        if base.is_some() && new_acronyms {
            extractor = Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned.clone())?);
            reread(&extractor, &AcronymUses::new(&learned), &mut facts, &opts.ingest, &mut report);
        }
    }
    for (doc, ex) in fresh.iter().zip(&extractions) {
        facts.add(doc, ex);
        report.added += 1;
    }
    opts.curation.check(&facts).map_err(|reason| match &opts.curation_path {
        Some(p) => crate::error::Error::input(p, format!("curation: {reason}")),
        None => crate::error::Error::Query(format!("curation: {reason}")),
    })?;
    let resolved = resolve(&facts, &opts.curation);
    report.unused_curation = resolved.unused_curation.clone();
    report.documents = resolved.documents.len();
    let graph = CaseGraph::from_resolved(resolved)?;
    Ok((graph, report))
}

/// Does this text define an acronym that could be learned, "Long Name
/// (ACR)"? Only such releases are read before the others: what they teach
/// is known when the rest are read, so those are read once.
fn may_define_acronym(text: &str) -> bool {
    use std::sync::LazyLock;
    static DEFINED: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\([A-Z][A-Z0-9]{2,9}\)").expect("static regex"));
    DEFINED.is_match(text)
}

/// The bodies acronym learning looks at: those of the graph, then those
/// of the new extractions in order.
fn bodies<'a>(facts: &'a Facts, extractions: impl Iterator<Item = &'a Extraction>) -> impl Iterator<Item = KnownBody<'a>> {
    facts.entities.iter().map(|e| KnownBody { id: &e.id, name: &e.name, aliases: &e.aliases, country: e.country.as_deref() }).chain(
        extractions.flat_map(|x| x.entities.iter()).map(|e| KnownBody {
            id: &e.id,
            name: &e.name,
            aliases: &e.aliases,
            country: e.country.as_deref(),
        }),
    )
}

type Extracted<'a> = (Vec<&'a crate::ingest::Document>, Vec<Extraction>, Option<Vec<AgencyEntry>>);

/// Extract the new documents, each once where it can be, giving what
/// reading all of them, learning the acronyms any of them defines and
/// reading again those that use one would give.
///
/// An acronym one release defines ("United Kingdom Central Authority
/// (UKCA)") names the same body when another release uses it alone. The
/// releases that define one (a cheap scan for "(ACR)") are read first and
/// their acronyms learned; every other release is then read once, with the
/// learned acronyms when it uses one. Only a defining release that also
/// uses a learned acronym is read twice. Should a release outside the scan
/// turn out to define an acronym after all (through an authority list, say),
/// the whole set is read again the slow way, so the graph never depends on
/// the shortcut.
fn extract_once<'a>(
    base: &Extractor,
    candidates: &[&'a crate::ingest::Document],
    facts: &Facts,
    opts: &BuildOptions,
    report: &mut BuildReport,
) -> Result<Extracted<'a>> {
    let g = base.gazetteer();
    let definers: Vec<bool> = candidates.par_iter().map(|d| may_define_acronym(&d.text)).collect();
    let first: Vec<&crate::ingest::Document> = candidates.iter().zip(&definers).filter(|(_, &d)| d).map(|(d, _)| *d).collect();
    let mut failures = Vec::new();
    let (first, first_x) = extract_all(base, &first, &mut failures);
    let learned = acronyms::learn(g, bodies(facts, first_x.iter()));
    let rest: Vec<&crate::ingest::Document> = candidates.iter().zip(&definers).filter(|(_, &d)| !d).map(|(d, _)| *d).collect();
    let (uses, with_learned) = if learned.is_empty() {
        (AcronymUses::new(&[]), None)
    } else {
        (AcronymUses::new(&learned), Some(Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned.clone())?)))
    };
    // (document, extraction, read with the learned acronyms?)
    type Read = (usize, std::result::Result<Extraction, String>, bool);
    let again: Vec<Read> = match &with_learned {
        Some(ex) => first.par_iter().enumerate().filter(|(_, d)| uses.used_in(&d.text)).map(|(i, d)| (i, extract_guarded(ex, d), true)).collect(),
        None => Vec::new(),
    };
    let rest_x: Vec<Read> = rest
        .par_iter()
        .enumerate()
        .map(|(i, d)| match &with_learned {
            Some(ex) if uses.used_in(&d.text) => (i, extract_guarded(ex, d), true),
            _ => (i, extract_guarded(base, d), false),
        })
        .collect();
    // the check that the scan missed no defining release
    let read_plain = rest_x.iter().filter(|r| !r.2).filter_map(|r| r.1.as_ref().ok());
    if acronyms::learn(g, bodies(facts, first_x.iter().chain(read_plain))) != learned {
        return Ok(extract_twice(base, candidates, facts, opts, report)?);
    }
    report.reextracted = again.len();
    let mut first_x: Vec<Option<Extraction>> = first_x.into_iter().map(Some).collect();
    for (i, x, _) in again {
        match x {
            Ok(x) => first_x[i] = Some(x),
            // a new failure here (the learned acronyms at fault) drops that document
            Err(w) => {
                failures.push(w);
                first_x[i] = None;
            }
        }
    }
    let mut rest_x: Vec<Option<Extraction>> = rest_x
        .into_iter()
        .map(|(_, x, _)| match x {
            Ok(x) => Some(x),
            Err(w) => {
                failures.push(w);
                None
            }
        })
        .collect();
    report.failed = failures.len();
    report.warnings.extend(failures);
    // back in the order of the candidates
    let mut by_doc: std::collections::HashMap<*const crate::ingest::Document, Extraction> = std::collections::HashMap::new();
    for (d, x) in first.iter().zip(first_x.iter_mut()).chain(rest.iter().zip(rest_x.iter_mut())) {
        if let Some(x) = x.take() {
            by_doc.insert(*d as *const _, x);
        }
    }
    let mut fresh = Vec::with_capacity(by_doc.len());
    let mut out = Vec::with_capacity(by_doc.len());
    for d in candidates {
        if let Some(x) = by_doc.remove(&(*d as *const _)) {
            fresh.push(*d);
            out.push(x);
        }
    }
    Ok((fresh, out, (!learned.is_empty()).then_some(learned)))
}

/// Read every new document, learn the acronyms they define, read again
/// those that use one: the plain way [`extract_once`] falls back to.
fn extract_twice<'a>(
    base: &Extractor,
    candidates: &[&'a crate::ingest::Document],
    facts: &Facts,
    opts: &BuildOptions,
    report: &mut BuildReport,
) -> Result<Extracted<'a>> {
    let mut failures = Vec::new();
    let (mut fresh, mut extractions) = extract_all(base, candidates, &mut failures);
    report.failed = failures.len();
    report.warnings.extend(failures);
    let learned = acronyms::learn(base.gazetteer(), bodies(facts, extractions.iter()));
    if learned.is_empty() {
        return Ok((fresh, extractions, None));
    }
    let uses = AcronymUses::new(&learned);
    let extractor = Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned.clone())?);
    let again: Vec<(usize, std::result::Result<Extraction, String>)> =
        fresh.par_iter().enumerate().filter(|(_, d)| uses.used_in(&d.text)).map(|(i, d)| (i, extract_guarded(&extractor, d))).collect();
    report.reextracted = again.len();
    // a new failure here (the learned acronyms at fault) drops that document
    let mut dropped = BTreeSet::new();
    for (i, x) in again {
        match x {
            Ok(x) => extractions[i] = x,
            Err(w) => {
                report.failed += 1;
                report.warnings.push(w);
                dropped.insert(i);
            }
        }
    }
    if !dropped.is_empty() {
        let keep = |i: &usize| !dropped.contains(i);
        fresh = fresh.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, d)| d).collect();
        extractions = extractions.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, x)| x).collect();
    }
    Ok((fresh, extractions, Some(learned)))
}

/// Extract the documents already in the graph that use a learned acronym
/// again from their files, where the file still holds the same text.
fn reread(extractor: &Extractor, uses: &AcronymUses, facts: &mut Facts, ingest: &crate::ingest::IngestOptions, report: &mut BuildReport) {
    for d in facts.documents.clone() {
        let path = std::path::Path::new(&d.path);
        let again = crate::ingest::read_file(path, ingest).map(|f| crate::ingest::documents_of(path, &f));
        match again.map(|docs| docs.into_iter().find(|doc| doc.id == d.id)) {
            Ok(Some(doc)) if !uses.used_in(&doc.text) => {}
            Ok(Some(doc)) => match extract_guarded(extractor, &doc) {
                Ok(ex) => {
                    facts.remove_document(&d.id);
                    facts.add(&doc, &ex);
                    report.reread += 1;
                }
                Err(w) => report.warnings.push(format!("{w}; kept as it was in the graph")),
            },
            Ok(None) => {
                report.warnings.push(format!("{}: changed since it was added; acronyms from the new releases not applied to it", d.path))
            }
            Err(e) => report.warnings.push(format!("{e}; acronyms from the new releases not applied to it")),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_naming_the_file() {
        let err = guarded("dir/bad.txt", Some(2), || -> usize { panic!("index out of range") }).unwrap_err();
        assert!(err.starts_with("dir/bad.txt (article 2): extraction failed"), "{err}");
        assert!(err.contains("index out of range"), "{err}");
        assert_eq!(guarded("ok.txt", None, || 7), Ok(7));
    }
}
