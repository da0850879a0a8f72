//! Property tests standing in for fuzzing (no nightly toolchain here): the
//! extractor, the article splitter, the graph loader and the query parser
//! get arbitrary and adversarial input and must never panic, hang or return
//! spans that do not point at their text.
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

fn text_strategy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => prop::sample::select(VOCAB).prop_map(|s| s.to_string()),
        1 => "\\PC{0,12}",
        1 => "[A-Z][a-z]{0,8}",
    ];
    prop::collection::vec((word, prop::sample::select(&[" ", " ", " ", "", "\n", ", "][..])), 0..120)
        .prop_map(|parts| parts.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
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
    fn article_splitter_covers_the_text_in_order(text in text_strategy()) {
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
