//! Property tests standing in for fuzzing (no nightly toolchain here): the
//! extractor, the article splitter, the file reader (bytes, encodings,
//! HTML), the file-kind sniffer, the graph and curation loaders and the
//! query parser get arbitrary and adversarial input and must never panic,
//! hang or return spans that do not point at their text.
//!
//! The generators write non-ASCII text (Greek, Cyrillic, CJK, emoji,
//! combining marks) and put multi-byte characters on every byte position
//! the code cuts at: around byte 512 and 8192 (the heads the HTML and
//! file-kind sniffs read), right against `Source:` lines and headlines
//! (where articles split), and glued to gazetteer names (where whole-word
//! matching looks one character left and right).
//!
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` runs a long
//! campaign; failures proptest finds are kept in `tests/fuzz.proptest-regressions`
//! and replayed first on every run.

use casegraph::extract::{Extractor, Gazetteer};
use casegraph::ingest::{split_articles, Document};
use proptest::prelude::*;
use std::sync::LazyLock;

static EX: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::builtin().expect("gazetteer")));

/// Words that drive the extractor's rules, mixed with noise.
const VOCAB: &[&str] = &[
    "Europol",
    "Eurojust",
    "INTERPOL",
    "Frontex",
    "Romania",
    "Romanian",
    "France",
    "French",
    "the Netherlands",
    "Dutch",
    "UK",
    "Côte d'Ivoire",
    "Latin America",
    "the EU",
    "Operation",
    "Operation WEKA II",
    "action day",
    "joint action day on 3 July",
    "organised crime group",
    "the OCG",
    "OCGs",
    "criminal network",
    "networks",
    "coordinated by",
    "led by",
    "with the support of",
    "supported",
    "deployed",
    "arrested",
    "six in Belgium and two in Hungary",
    "victims",
    "recruited in",
    "exploited in",
    "transported to",
    "from",
    "in",
    "to",
    "and",
    "the",
    ",",
    ".",
    ";",
    ":",
    "\n",
    "\n\n",
    "•",
    "–",
    "(",
    ")",
    "(UKCA)",
    "’s",
    "'s",
    "Source: Europol",
    "Public Prosecutor’s Office of Lecce",
    "Hungarian National Bureau of Investigation",
    "Police",
    "Office",
    "Directorate",
    "IX.",
    "U.S.",
    "\"",
    "“",
    "”",
    "\u{a0}",
    "\t",
    "é",
    "ß",
    "中文",
    "🙂",
    "-",
    "INTERPOL-coordinated",
    "-led",
    "Romania: Special Operations Directorate; Offices for Combating Organized Crime of Bucharest and Craiova",
];

/// A word in another script: Greek, Cyrillic, CJK, emoji, or a letter with
/// combining marks.
fn foreign_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{0391}-\u{03C9}]{1,10}",
        "[\u{0410}-\u{044F}]{1,10}",
        "[\u{4E00}-\u{9FFF}]{1,4}",
        "[\u{1F300}-\u{1F6FF}\u{1F900}-\u{1F9FF}]{1,3}",
        "[a-zA-Z][\u{0300}-\u{036F}]{1,3}",
        prop::sample::select(&["Ελληνική Αστυνομία", "Полиция", "警察", "🚓", "e\u{301}", "’", "\u{200d}", "\u{feff}"][..])
            .prop_map(|s| s.to_string()),
    ]
}

fn text_strategy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => prop::sample::select(VOCAB).prop_map(|s| s.to_string()),
        2 => foreign_word(),
        1 => "\\PC{0,12}",
        1 => "[A-Z][a-z]{0,8}",
    ];
    prop::collection::vec((word, prop::sample::select(&[" ", " ", " ", "", "\n", ", "][..])), 0..120)
        .prop_map(|parts| parts.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
}

/// ASCII up to just before `boundary`, then a multi-byte character that
/// covers it, then more text: every byte of the character lands on the
/// boundary in one case or another.
fn straddling(boundary: usize) -> impl Strategy<Value = String> {
    (0usize..4, foreign_word(), text_strategy(), prop::bool::ANY).prop_map(move |(back, wide, tail, lead_space)| {
        let mut s = String::new();
        if lead_space {
            s.push_str("  \n");
        }
        while s.len() < boundary.saturating_sub(back) {
            s.push_str("Europol supported the action day in Spain. ");
        }
        s.truncate(boundary.saturating_sub(back));
        format!("{s}{wide}{tail}")
    })
}

/// Digests whose headlines and `Source:` lines have multi-byte characters
/// right against them.
fn digest_strategy() -> impl Strategy<Value = String> {
    let article = (foreign_word(), foreign_word(), text_strategy(), prop::sample::select(&["\n", "\r\n", "\n\n", "\n \n"][..]))
        .prop_map(|(a, b, body, gap)| format!("{a} headline {b}{gap}Source: {b}Europol{a}{gap}{body}\n"));
    prop::collection::vec(article, 1..5).prop_map(|v| v.concat())
}

fn check_extraction(text: &str) {
    let doc = Document::new("fuzz.txt", text);
    let x = EX.extract(&doc);
    for e in &x.entities {
        for m in &e.mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    for r in &x.relations {
        assert!(!r.evidence.is_empty());
        for ev in &r.evidence {
            assert_eq!(&text[ev.start..ev.end], ev.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("tests/fuzz.proptest-regressions"))), ..ProptestConfig::default() })]

    #[test]
    fn extractor_never_panics_and_spans_point_at_their_text(text in text_strategy()) {
        check_extraction(&text);
    }

    #[test]
    fn extractor_survives_arbitrary_unicode(text in "\\PC{0,400}") {
        check_extraction(&text);
    }

    #[test]
    fn extractor_handles_multibyte_characters_glued_to_names(parts in prop::collection::vec((prop::sample::select(VOCAB), foreign_word(), foreign_word()), 1..40)) {
        let text: String = parts.into_iter().map(|(w, a, b)| format!("{a}{w}{b} ")).collect();
        check_extraction(&text);
    }

    #[test]
    fn extractor_handles_multibyte_characters_across_sniffed_heads(text in prop_oneof![straddling(512), straddling(160)]) {
        check_extraction(&text);
    }

    #[test]
    fn files_of_any_bytes_are_read_or_refused_without_panicking(
        text in prop_oneof![straddling(512), straddling(8192), digest_strategy(), text_strategy()],
        html in prop::bool::ANY,
        bom in prop::sample::select(&["", "utf8", "utf16le", "utf16be"][..]),
        noise in prop::collection::vec(any::<u8>(), 0..8),
        noise_at in 0usize..2000,
    ) {
        let body = if html { format!("<!DOCTYPE html><html><body><article><p>{text}</p></article></body></html>") } else { text };
        let mut bytes: Vec<u8> = match bom {
            "utf8" => [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat(),
            "utf16le" => [0xFF, 0xFE].into_iter().chain(body.encode_utf16().flat_map(|u| u.to_le_bytes())).collect(),
            "utf16be" => [0xFE, 0xFF].into_iter().chain(body.encode_utf16().flat_map(|u| u.to_be_bytes())).collect(),
            _ => body.into_bytes(),
        };
        let at = noise_at.min(bytes.len());
        bytes.splice(at..at, noise);
        let _ = casegraph::ingest::sniff_bytes(&bytes);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(if html { "page.html" } else { "release.txt" });
        std::fs::write(&p, &bytes).unwrap();
        match casegraph::ingest::read_file(&p, &casegraph::ingest::IngestOptions::default()) {
            Ok(file) => {
                let _ = casegraph::ingest::sniff(&file.text);
                for doc in casegraph::ingest::documents_of(&p, &file) {
                    prop_assert_eq!(&file.text[doc.offset..doc.offset + doc.text.len()], doc.text.as_str());
                    prop_assert!(!doc.title.contains('\n'));
                    // the 8 KiB texts test the reader; the extractor has its own targets
                    if doc.text.len() < 4096 {
                        check_extraction(&doc.text);
                    }
                }
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.contains("release.txt") || msg.contains("page.html"), "{}", msg);
                prop_assert_eq!(msg.lines().count(), 1, "{}", msg);
            }
        }
    }

    #[test]
    fn html_of_any_shape_reduces_to_text_without_panicking(
        parts in prop::collection::vec(prop_oneof![
            3 => foreign_word(),
            3 => prop::sample::select(VOCAB).prop_map(|s| s.to_string()),
            2 => prop::sample::select(&["<p>", "</p>", "<br>", "<li>", "<ul>", "</ul>", "<article>", "</article>", "<header>", "<h1>", "</h1>",
                "<script>", "</script>", "<style>", "<!--", "-->", "<nav>", "</nav>", "<title>", "&amp;", "&iacute;", "&#xD800;", "&#0;",
                "&#x1F600;", "&", "<", ">", "<div class=\"cookie\">", "</div>", "<main>", "<textarea>", "<pre>", "</pre>", "<td>"][..])
                .prop_map(|s| s.to_string()),
            1 => "\\PC{0,8}",
        ], 0..80)
    ) {
        let html = parts.concat();
        let page = casegraph::ingest::page(&html);
        prop_assert!(page.text.ends_with('\n'));
        if let Some(t) = &page.title {
            prop_assert!(!t.contains('\n') && !t.is_empty());
        }
    }

    #[test]
    fn curation_loader_refuses_damaged_files_without_panicking(cut in 0usize..600, insert in prop_oneof!["\\PC{0,6}", foreign_word()], at in 0usize..600) {
        let good = "// casegraph curation\n(\n    merge: [(into: \"agency:interpol\", from: \"agency:icpo\")],\n    split: [(id: \"agency:europol\", alias: \"EMSC\", new_id: \"agency:emsc\")],\n    rename: [(id: \"agency:x\", name: \"Ελληνική Αστυνομία\")],\n    set_kind: [(id: \"agency:focus-group\", kind: \"agency\")],\n    set_country: [(id: \"agency:y\", country: \"gr\")],\n    drop_relation: [(source: \"agency:frontex\", relation: \"supported\", target: \"operation:global-chain-2024\")],\n)\n";
        let mut damaged: String = good.chars().take(cut).collect();
        let rest: String = good.chars().skip(cut).collect();
        let byte = damaged.char_indices().nth(at.min(damaged.chars().count())).map(|(i, _)| i).unwrap_or(damaged.len());
        damaged.insert_str(byte, &insert);
        damaged.push_str(&rest);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("curation.ron");
        std::fs::write(&p, &damaged).unwrap();
        let _ = casegraph::ingest::sniff(&damaged);
        if let Err(e) = casegraph::resolve::Curation::load(&p) {
            let msg = e.to_string();
            prop_assert!(msg.contains("curation.ron"), "{}", msg);
            prop_assert_eq!(msg.lines().count(), 1, "{}", msg);
        }
    }

    #[test]
    fn article_splitter_covers_the_text_in_order(text in prop_oneof![text_strategy(), digest_strategy()]) {
        let parts = split_articles(&text);
        prop_assert!(!parts.is_empty());
        prop_assert_eq!(parts[0].0, 0);
        prop_assert_eq!(parts[parts.len() - 1].1, text.len());
        for w in parts.windows(2) {
            prop_assert_eq!(w[0].1, w[1].0);
            prop_assert!(w[0].0 < w[0].1);
        }
        for (s, e) in parts {
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }

    #[test]
    fn graph_loader_refuses_damaged_files_without_panicking(cut in 0usize..4000, insert in "\\PC{0,6}", at in 0usize..4000) {
        let good = sample_graph_text();
        let mut damaged: String = good.chars().take(cut.min(good.chars().count())).collect();
        let rest: String = good.chars().skip(cut).collect();
        let pos = at.min(damaged.chars().count());
        let byte = damaged.char_indices().nth(pos).map(|(i, _)| i).unwrap_or(damaged.len());
        damaged.insert_str(byte, &insert);
        damaged.push_str(&rest);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.ron");
        std::fs::write(&p, &damaged).unwrap();
        if let Err(e) = casegraph::graph::load(&p) {
            let msg = e.to_string();
            prop_assert!(msg.contains("g.ron"), "{}", msg);
            prop_assert_eq!(msg.lines().count(), 1, "{}", msg);
        }
    }

    #[test]
    fn question_parser_and_query_files_never_panic(q in "\\PC{0,80}", ron_text in "\\PC{0,120}") {
        let _ = casegraph::query::parse_question(&q);
        let _ = casegraph::query::parse_question(&format!("which agencies linked {q} and {q}"));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.ron");
        std::fs::write(&p, format!("Link(a: \"{q}\", b: {ron_text})")).unwrap();
        if let Err(e) = casegraph::query::load_queries(&p) {
            prop_assert!(e.to_string().contains("q.ron"));
        }
    }
}

fn sample_graph_text() -> &'static str {
    static TEXT: LazyLock<String> = LazyLock::new(|| {
        let docs = [
            Document::new("a.txt", "With the support of Eurojust, authorities in Romania and France arrested six suspects during a joint action day on 3 July: four in Romania and two in France."),
            Document::new("b.txt", "INTERPOL-coordinated Operation WEKA II rescued victims from Burkina Faso in Togo."),
        ];
        let mut facts = casegraph::resolve::Facts::default();
        for d in &docs {
            facts.add(d, &EX.extract(d));
        }
        let r = casegraph::resolve::resolve(&facts, &Default::default());
        casegraph::graph::CaseGraph::from_resolved(r).expect("graph").to_file().to_ron()
    });
    &TEXT
}
