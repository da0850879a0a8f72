//! The figures pass against its examples (`src/extract/data/counts.ron`):
//! every rule and family example gives exactly the figures it lists, and
//! every `not` text gives none.

use casegraph::extract::counts::CountData;
use casegraph::extract::{Extraction, Extractor, Gazetteer};
use casegraph::ingest::Document;

/// The figures of `text`, written as the examples write them:
/// "measure [bound ]value[ item][ in Country][ (hedged)]".
fn figures(ex: &Extractor, text: &str) -> Vec<String> {
    let x: Extraction = ex.extract(&Document::new("figures.txt", text));
    let mut out: Vec<String> = x
        .figures
        .iter()
        .map(|f| {
            let mut s = format!("{} {}{}", f.measure, f.bound.words(), casegraph::model::group_digits(u64::from(f.value)));
            if let Some(i) = &f.item {
                s.push_str(&format!(" {i}"));
            }
            if let Some(c) = &f.country {
                let name = x.entities.iter().find(|e| &e.id == c).map(|e| e.name.clone()).unwrap_or_else(|| c.to_string());
                s.push_str(&format!(" in {name}"));
            }
            if f.hedged {
                s.push_str(" (hedged)");
            }
            s
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_figure_example_gives_exactly_its_figures() {
    let ex = Extractor::new(Gazetteer::builtin().unwrap());
    let data = CountData::builtin().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    let examples =
        data.rules.iter().map(|r| (&r.id, &r.examples, &r.not)).chain(data.families.iter().map(|f| (&f.id, &f.examples, &f.not)));
    for (id, examples, not) in examples {
        for e in examples {
            let mut want = e.yields.clone();
            want.sort();
            let got = figures(&ex, &e.text);
            if got != want {
                failures.push(format!("{id}: «{}»\n    want {want:?}\n    got  {got:?}", e.text));
            }
            checked += 1;
        }
        for t in not {
            let got = figures(&ex, t);
            if !got.is_empty() {
                failures.push(format!("{id}: «{t}» must give no figure, got {got:?}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} examples");
    assert!(failures.is_empty(), "{} of {checked} examples fail:\n{}", failures.len(), failures.join("\n"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static EX: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::builtin().expect("gazetteer")));

    /// The words the figures pass reads, numbers in every shape, and
    /// multi-byte characters to glue to them.
    const VOCAB: &[&str] = &[
        "2,517",
        "1.374",
        "40",
        "forty-seven",
        "Eight",
        "twenty-",
        "-one",
        "1.5",
        "3rd",
        "12,",
        ",000",
        "more than",
        "nearly",
        "some",
        "arrested",
        "were arrested",
        "arrests",
        "victims",
        "rescued",
        "freed",
        "identified",
        "searched",
        "premises",
        "seized",
        "vehicles",
        "of human trafficking",
        "in Belgium",
        "in",
        "Madrid",
        "and",
        ",",
        ":",
        "including",
        "In Spain,",
        "reportedly",
        "not",
        "3 July",
        "\n",
        ".",
        "é",
        "Ω",
        "漢",
        "🙂",
        "\u{301}",
        "’",
    ];

    proptest! {
        #[test]
        fn figures_of_any_text_point_at_their_text(words in prop::collection::vec(prop::sample::select(VOCAB), 0..40), glue in prop::collection::vec(prop::sample::select(&["", " ", "é", "🙂", "\u{301}"][..]), 0..40)) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                text.push_str(w);
                text.push_str(glue.get(i).copied().unwrap_or(" "));
            }
            let x = EX.extract(&Document::new("fuzz.txt", text.clone()));
            for f in &x.figures {
                prop_assert_eq!(&text[f.said.start..f.said.end], f.said.text.as_str());
                prop_assert_eq!(&text[f.evidence.start..f.evidence.end], f.evidence.text.as_str());
                prop_assert!(f.said.start >= f.evidence.start && f.said.end <= f.evidence.end);
            }
        }
    }
}
