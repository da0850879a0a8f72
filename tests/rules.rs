//! Every built-in rule against its own examples (`src/extract/data/rules.ron`):
//! each example must yield its triples, read by that rule, and each `not`
//! text must give no relation read by it. A rule without an example it must
//! produce and a text it must not fire on fails here, so adding a rule means
//! adding its examples.

use casegraph::extract::gazetteer::{Example, Family};
use casegraph::extract::{ExtractedEntity, Extraction, Extractor, Gazetteer};
use casegraph::ingest::Document;
use casegraph::model::{EntityKind, RelationKind};

struct Rule<'a> {
    id: String,
    examples: &'a [Example],
    not: &'a [String],
}

fn rules(g: &Gazetteer) -> Vec<Rule<'_>> {
    let mut out = Vec::new();
    for (t, compiled) in g.rules.file.agent_triggers.iter().zip(&g.rules.agent) {
        out.push(Rule { id: compiled.id.clone(), examples: &t.examples, not: &t.not });
    }
    for (t, compiled) in g.rules.file.place_triggers.iter().zip(&g.rules.place) {
        out.push(Rule { id: compiled.id.clone(), examples: &t.examples, not: &t.not });
    }
    for (t, compiled) in g.rules.file.noun_triggers.iter().zip(&g.rules.noun) {
        out.push(Rule { id: compiled.id.clone(), examples: &t.examples, not: &t.not });
    }
    for (t, compiled) in g.rules.file.where_triggers.iter().zip(&g.rules.wheres) {
        out.push(Rule { id: compiled.id.clone(), examples: &t.examples, not: &t.not });
    }
    for f in &g.rules.file.families {
        out.push(Rule { id: f.id.clone(), examples: &f.examples, not: &f.not });
    }
    out
}

/// Does `end` (a name, an alias, `@op` or `@group`) name entity `e`?
fn names(end: &str, e: &ExtractedEntity) -> bool {
    match end {
        "@op" => e.kind == EntityKind::Operation,
        "@group" => e.kind == EntityKind::Ocg,
        _ => e.name.eq_ignore_ascii_case(end) || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(end)) || e.id.to_string() == end,
    }
}

fn read_by(x: &Extraction, rule: &str) -> Vec<String> {
    x.relations
        .iter()
        .filter(|r| r.evidence.iter().any(|e| e.rule == rule || e.also.iter().any(|a| a == rule)))
        .map(|r| format!("{} -{}-> {}", r.source, r.relation, r.target))
        .collect()
}

fn all(x: &Extraction) -> Vec<String> {
    x.relations.iter().map(|r| format!("{} -{}-> {} [{}]", r.source, r.relation, r.target, r.rule)).collect()
}

#[test]
fn every_rule_yields_its_examples_and_spares_its_counter_examples() {
    let g = Gazetteer::builtin().expect("built-in data loads");
    let listed: Vec<String> = rules(&g).iter().map(|r| r.id.clone()).collect();
    for f in Family::ALL {
        assert!(listed.iter().any(|id| id == f.as_str()), "family {} has no entry", f.as_str());
    }
    let ex = Extractor::new(Gazetteer::builtin().expect("built-in data loads"));
    let mut failures = Vec::new();
    let mut examples = 0;
    for rule in rules(&g) {
        if rule.examples.is_empty() || rule.not.is_empty() {
            failures.push(format!("{}: needs at least one example and one text it must not fire on", rule.id));
            continue;
        }
        for example in rule.examples {
            examples += 1;
            let x = ex.extract(&Document::new("example.txt", example.text.as_str()));
            for want in &example.yields {
                let t = casegraph::extract::gazetteer::ExpectedTriple::parse(want).expect("validated at load");
                let ents = |end: &str| x.entities.iter().filter(|e| names(end, e)).map(|e| e.id.clone()).collect::<Vec<_>>();
                let (sources, targets) = (ents(&t.source), ents(&t.target));
                let hit = x.relations.iter().any(|r| {
                    r.relation == t.relation
                        && sources.contains(&r.source)
                        && targets.contains(&r.target)
                        && r.evidence.iter().any(|e| e.rule == rule.id || e.also.contains(&rule.id))
                });
                if !hit {
                    failures.push(format!("{}: «{}» should yield {want}; got {:?}", rule.id, example.text, all(&x)));
                }
            }
        }
        for text in rule.not {
            examples += 1;
            let x = ex.extract(&Document::new("example.txt", text.as_str()));
            let fired = read_by(&x, &rule.id);
            if !fired.is_empty() {
                failures.push(format!("{}: must not fire on «{text}»; it gave {fired:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} of the rules' {examples} examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_misspelt_built_in_rule_would_fail_to_load() {
    // the shape the built-in file is read with: a typo in a relation is an error, not a skipped rule
    let bad = r#"(agent_triggers: [(phrase: "coordinated by", relation: "co-ordinated", side: after)])"#;
    let parsed: Result<casegraph::extract::gazetteer::schema::RuleFile, _> = ron::from_str(bad);
    let err = parsed.expect_err("unknown relation");
    assert!(err.to_string().contains("co-ordinated"), "{err}");
    assert!("co-ordinated".parse::<RelationKind>().is_err());
}
