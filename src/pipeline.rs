//! The whole pipeline in one call: files -> documents -> extractions ->
//! facts -> resolved records -> graph. Appending to a graph takes the
//! stored graph apart into facts, drops what changed files said before,
//! adds the new documents and resolves again, so an append gives exactly
//! the graph a build from scratch over the same files would.

use crate::error::Result;
use crate::extract::acronyms::{self, AcronymUses, KnownBody};
use crate::extract::gazetteer::AgencyEntry;
use crate::extract::{ExtractedEntity, Extraction, Extractor, Gazetteer};
use crate::graph::CaseGraph;
use crate::ingest::{read_inputs, IngestOptions, Skipped};
use crate::model::EntityKind;
use crate::resolve::{resolve_owned, Curation, Facts};
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
    /// New documents read a second time because they use an acronym another
    /// defines: none, unless the scan for defining releases missed one.
    pub reextracted: usize,
    /// New documents read with the acronyms other releases define.
    pub with_learned: usize,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
    pub unused_curation: Vec<String>,
    /// Documents whose extraction failed (an internal error), left out.
    pub failed: usize,
    /// Symlinks out of an input folder followed (`--follow`) and left alone.
    pub links_followed: usize,
    pub links_skipped: usize,
    /// Files in input folders not read for their extension.
    pub other_extensions: usize,
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

/// Build a graph from `inputs`, on top of `base` when appending.
pub fn build(inputs: &[PathBuf], base: Option<&CaseGraph>, opts: &BuildOptions) -> Result<(CaseGraph, BuildReport)> {
    let ingested = read_inputs(inputs, &opts.ingest)?;
    let report = BuildReport {
        skipped: ingested.skipped,
        warnings: ingested.warnings,
        links_followed: ingested.links_followed,
        links_skipped: ingested.links_skipped,
        other_extensions: ingested.other_extensions,
        ..Default::default()
    };
    build_from(ingested.documents.into_iter().map(|d| (d, None)).collect(), base, opts, report)
}

/// Build a graph from documents already read, each with its extraction
/// when it was extracted elsewhere (`build --from-extracts`: extract lines
/// made by `extract --format jsonl`) or `None` to extract it here. Given
/// extractions must be what `extract` gives (the gazetteer alone): the
/// acronyms documents teach each other are applied here, as for files.
/// `report` comes with what reading the documents found.
pub fn build_from(
    inputs: Vec<(crate::ingest::Document, Option<Extraction>)>,
    base: Option<&CaseGraph>,
    opts: &BuildOptions,
    mut report: BuildReport,
) -> Result<(CaseGraph, BuildReport)> {
    let mut extractor = Extractor::new(Gazetteer::with_files(&opts.gazetteers)?);
    let mut facts = match base {
        Some(g) => {
            let f = g.to_file();
            Facts::from_records(&f.documents, &f.entities, &f.relations, &f.figures)
        }
        None => Facts::default(),
    };
    let known: BTreeSet<_> = facts.documents.iter().map(|d| d.id.clone()).collect();
    let new_ids: BTreeSet<_> = inputs.iter().map(|(d, _)| d.id.clone()).collect();
    let new_paths: BTreeSet<_> = inputs.iter().map(|(d, _)| d.path.clone()).collect();
    // a file read again with other content replaces what it said before
    let stale: Vec<_> =
        facts.documents.iter().filter(|d| new_paths.contains(&d.path) && !new_ids.contains(&d.id)).map(|d| d.id.clone()).collect();
    for id in &stale {
        facts.remove_document(id);
        report.replaced += 1;
    }
    let mut candidates = Vec::with_capacity(inputs.len());
    let mut given = Vec::with_capacity(inputs.len());
    for (doc, ex) in inputs {
        if known.contains(&doc.id) {
            report.unchanged += 1;
            report.notes.push(format!("{}: already in the graph (same content), skipped", doc.path));
        } else {
            candidates.push(doc);
            given.push(ex);
        }
    }
    let known_acronyms: BTreeSet<String> = facts.entities.iter().flat_map(|e| e.aliases.iter().cloned()).collect();
    let docs: Vec<&crate::ingest::Document> = candidates.iter().collect();
    let batch = Batch { base: &extractor, candidates: &docs, given: &given, known: &facts, gazetteers: &opts.gazetteers };
    let (fresh, learned) = batch.extract_once(&mut report)?;
    // the releases already in the graph may use an acronym only a new one defines:
    // read them again, so the append gives what a build from scratch would
    if let Some(learned) = learned {
        let new_acronyms = learned.iter().flat_map(|a| a.aliases.iter()).any(|a| !known_acronyms.contains(a));
        if base.is_some() && new_acronyms {
            extractor = Extractor::new(Gazetteer::with_files_and(&opts.gazetteers, learned.clone())?);
            reread(&extractor, &AcronymUses::new(&learned), &mut facts, &opts.ingest, &mut report);
        }
    }
    report.added += fresh.documents.len();
    facts.append(fresh);
    // the texts are read: free them before resolution needs its memory
    drop(docs);
    drop(given);
    drop(candidates);
    opts.curation.check(&facts).map_err(|reason| match &opts.curation_path {
        Some(p) => crate::error::Error::input(p, format!("curation: {reason}")),
        None => crate::error::Error::Query(format!("curation: {reason}")),
    })?;
    let resolved = resolve_owned(facts, &opts.curation);
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
    static DEFINED: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\([A-Z][A-Z0-9]{2,9}\)").expect("static regex"));
    DEFINED.is_match(text)
}

/// The bodies acronym learning looks at: those of the graph, then those
/// of the new documents in order.
fn bodies<'a>(facts: impl Iterator<Item = &'a Facts>) -> impl Iterator<Item = KnownBody<'a>> {
    sources(facts.flat_map(|f| f.entities.iter()))
}

fn sources<'a>(entities: impl Iterator<Item = &'a crate::model::EntitySource>) -> impl Iterator<Item = KnownBody<'a>> {
    entities.map(|e| KnownBody { id: &e.id, name: &e.name, aliases: &e.aliases, country: e.country.as_deref() })
}

/// The new documents' facts, in the order of the candidates (without those
/// whose extraction failed), and the acronyms learned.
type Extracted = (Facts, Option<Vec<AgencyEntry>>);

/// How many documents are read side by side before their facts join the
/// others: enough to keep every core busy, few enough that what one
/// chunk's documents said, held apart, is a small part of the whole.
/// Three under test, so that the sample corpus is read in several chunks.
const CHUNK: usize = if cfg!(test) { 3 } else { 4096 };

/// Extract one document and keep only its facts: the extraction (with a
/// copy of every mention's text) is dropped as soon as it is read.
fn facts_of(extractor: &Extractor, doc: &crate::ingest::Document) -> std::result::Result<Facts, String> {
    extract_guarded(extractor, doc).map(|x| Facts::of(doc, &x))
}

/// A document's first reading, which the progress bar counts: its given
/// extraction (made elsewhere with the gazetteer alone) or one made here.
fn first_facts_of(extractor: &Extractor, doc: &crate::ingest::Document, given: Option<&Extraction>) -> std::result::Result<Facts, String> {
    let f = match given {
        Some(x) => Ok(Facts::of(doc, x)),
        None => facts_of(extractor, doc),
    };
    crate::progress::document_done();
    f
}

/// The new documents of a build and what reading them needs: the extractor
/// without learned acronyms, extractions given with them (`--from-extracts`),
/// the facts already known (appending), and the user's gazetteer files for
/// an extractor that knows the learned acronyms.
#[derive(Clone, Copy)]
struct Batch<'a> {
    base: &'a Extractor,
    candidates: &'a [&'a crate::ingest::Document],
    given: &'a [Option<Extraction>],
    known: &'a Facts,
    gazetteers: &'a [PathBuf],
}

impl Batch<'_> {
    /// Extract the new documents, each once, giving what reading all of
    /// them, learning the acronyms any of them defines and reading again
    /// those that use one would give.
    ///
    /// An acronym one release defines ("United Kingdom Central Authority
    /// (UKCA)") names the same body when another release uses it alone. The
    /// releases that may define one (a cheap scan for "(ACR)") are first
    /// read for their bodies only ([`Extractor::bodies`]: the names, without
    /// relations, dates or figures), which is all learning needs. Every
    /// release is then read once, with the learned acronyms when it uses
    /// one. Should a release outside the scan turn out to define an acronym
    /// after all (through an authority list, say), the whole set is read
    /// again the plain way, so the graph never depends on the shortcut.
    fn extract_once(&self, report: &mut BuildReport) -> Result<Extracted> {
        let Batch { base, candidates, given, known: facts, gazetteers } = *self;
        let g = base.gazetteer();
        let definers: Vec<bool> = candidates.par_iter().map(|d| may_define_acronym(&d.text)).collect();
        // the bodies the defining releases name, in candidate order; one
        // whose reading fails names none (its whole reading reports it)
        crate::progress::start_documents("reading acronym definitions", definers.iter().filter(|&&d| d).count());
        let named: Vec<Vec<ExtractedEntity>> = (0..candidates.len())
            .into_par_iter()
            .filter(|&i| definers[i])
            .map(|i| {
                let named = match &given[i] {
                    Some(x) => x.entities.iter().filter(|e| e.id.kind == EntityKind::Agency).cloned().collect(),
                    None => guarded(&candidates[i].path, candidates[i].article, || base.bodies(candidates[i])).unwrap_or_default(),
                };
                crate::progress::document_done();
                named
            })
            .collect();
        crate::progress::finish_documents();
        let known_bodies = || bodies(std::iter::once(facts)).chain(named.iter().flatten().map(KnownBody::of));
        let learned = acronyms::learn(g, known_bodies());
        let (uses, with_learned) = if learned.is_empty() {
            (AcronymUses::new(&[]), None)
        } else {
            (AcronymUses::new(&learned), Some(Extractor::new(Gazetteer::with_files_and(gazetteers, learned.clone())?)))
        };
        crate::progress::start_documents("extracting", candidates.len());
        // Each chunk's facts join the others as soon as it is read: held
        // document by document until the end, 100,000 releases' facts took
        // half as much memory again as gathered, and gathering them at the
        // end held both. Joined, they are in pieces ([`Chunks`]), never
        // copied again as they grow.
        let mut fresh = Facts::default();
        let mut failures = Vec::new();
        let mut with_learned_count = 0;
        // the releases read the plain way, outside the scan
        let mut plain: rustc_hash::FxHashSet<crate::model::DocId> = Default::default();
        for start in (0..candidates.len()).step_by(CHUNK) {
            let end = (start + CHUNK).min(candidates.len());
            // (document, its facts, read with the learned acronyms?)
            let read: Vec<(usize, std::result::Result<Facts, String>, bool)> = (start..end)
                .into_par_iter()
                .map(|i| match &with_learned {
                    // a given extraction was made without the learned acronyms: read it here with them
                    Some(ex) if uses.used_in(&candidates[i].text) => (i, first_facts_of(ex, candidates[i], None), true),
                    _ => (i, first_facts_of(base, candidates[i], given[i].as_ref()), false),
                })
                .collect();
            for (i, f, learned_here) in read {
                with_learned_count += usize::from(learned_here);
                match f {
                    Ok(f) => {
                        if !learned_here && !definers[i] {
                            plain.insert(candidates[i].id.clone());
                        }
                        fresh.append(f);
                    }
                    Err(w) => failures.push(w),
                }
            }
        }
        crate::progress::finish_documents();
        // the check that the scan missed no defining release
        let read_plain = fresh.entities.iter().filter(|e| plain.contains(&e.doc));
        if acronyms::learn(g, known_bodies().chain(sources(read_plain))) != learned {
            drop(fresh);
            return self.extract_twice(report);
        }
        report.with_learned = with_learned_count;
        report.failed = failures.len();
        report.warnings.extend(failures);
        Ok((fresh, (!learned.is_empty()).then_some(learned)))
    }

    /// Read every new document, learn the acronyms they define, read again
    /// those that use one: the plain way [`extract_once`] falls back to.
    fn extract_twice(&self, report: &mut BuildReport) -> Result<Extracted> {
        let Batch { base, candidates, given, known: facts, gazetteers } = *self;
        crate::progress::start_documents("extracting", candidates.len());
        let read: Vec<_> = candidates.par_iter().zip(given).map(|(d, x)| first_facts_of(base, d, x.as_ref())).collect();
        crate::progress::finish_documents();
        let mut out = kept(read, report);
        let learned = acronyms::learn(base.gazetteer(), bodies(std::iter::once(facts).chain(out.iter().flatten())));
        if learned.is_empty() {
            return Ok((Facts::concat(out.into_iter().flatten()), None));
        }
        let uses = AcronymUses::new(&learned);
        let extractor = Extractor::new(Gazetteer::with_files_and(gazetteers, learned.clone())?);
        let again: Vec<(usize, std::result::Result<Facts, String>)> = (0..candidates.len())
            .into_par_iter()
            .filter(|&i| out[i].is_some() && uses.used_in(&candidates[i].text))
            .map(|i| (i, facts_of(&extractor, candidates[i])))
            .collect();
        report.reextracted = again.len();
        report.with_learned = again.len();
        // a new failure here (the learned acronyms at fault) drops that document
        for (i, x) in again {
            match x {
                Ok(f) => out[i] = Some(f),
                Err(w) => {
                    report.failed += 1;
                    report.warnings.push(w);
                    out[i] = None;
                }
            }
        }
        Ok((Facts::concat(out.into_iter().flatten()), Some(learned)))
    }
}

/// Each document's facts in reading order, `None` where its reading
/// failed; the failures are counted and their messages kept as warnings.
fn kept(read: impl IntoIterator<Item = std::result::Result<Facts, String>>, report: &mut BuildReport) -> Vec<Option<Facts>> {
    let mut failures = Vec::new();
    let out = read
        .into_iter()
        .map(|r| match r {
            Ok(f) => Some(f),
            Err(w) => {
                failures.push(w);
                None
            }
        })
        .collect();
    report.failed = failures.len();
    report.warnings.extend(failures);
    out
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

    /// A release whose given extraction names an acronym its text does not
    /// define in brackets, so the scan for "(ACR)" passes it over: the
    /// check after the reading finds the acronym, everything is read again
    /// the plain way, and the bare use in the other release still resolves.
    #[test]
    fn an_acronym_the_scan_missed_is_learned_by_reading_again() {
        use crate::extract::{Extractor, Gazetteer};
        use crate::ingest::Document;
        let late = "Rapid action\n\nSource: Test\n\nThe United Kingdom Central Authority (UKCA) supported the joint action day in the United Kingdom.\n";
        let given = Extractor::new(Gazetteer::builtin().unwrap()).extract(&Document::new("late.txt", late));
        // the same length, so the given extraction's offsets still hold
        let hidden = Document::new("hidden.txt", late.replace("(UKCA)", "[UKCA]"));
        assert!(!may_define_acronym(&hidden.text));
        let early = Document::new(
            "early.txt",
            "UKCA request\n\nSource: Test\n\nDuring a joint action day, the UKCA forwarded the request to Romania.\n",
        );
        let (graph, report) =
            build_from(vec![(early, None), (hidden, Some(given))], None, &BuildOptions::default(), BuildReport::default()).unwrap();
        assert!(report.reextracted >= 1, "{report:?}");
        let ukca = graph.entity(crate::query::find(&graph, "UKCA").unwrap());
        assert_eq!(ukca.name, "United Kingdom Central Authority");
        assert_eq!(ukca.documents().len(), 2, "{ukca:?}");
    }

    /// The corpus's releases read three at a time, each chunk's facts
    /// joined as it is read, give the shipped sample graph byte for byte
    /// (cargo runs unit tests from the crate root, as the lock test's
    /// `build corpus` runs).
    #[test]
    fn a_build_read_chunk_by_chunk_is_the_sample_graph() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (graph, report) = build(&[PathBuf::from("corpus")], None, &BuildOptions::default()).unwrap();
        assert!(report.documents > 2 * CHUNK, "{} documents: fewer than three chunks", report.documents);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sample.ron");
        crate::graph::save_atomic(&graph, &out).unwrap();
        let shipped = std::fs::read_to_string(root.join("graphs/sample.ron")).unwrap();
        assert!(std::fs::read_to_string(&out).unwrap() == shipped, "the chunked build differs from graphs/sample.ron");
    }
}
