//! The answer to a query, as scripts read it. Its JSON is the contract
//! documented in the README: the query that ran (as query-file RON), the
//! question when `ask` asked it, the file when a query file held it, the
//! result tagged by `"answer"`, and notes (a limit or budget reached, a
//! filter that left nothing to score).

use super::defaults::{NEIGHBORS_STEPS, PATH_HOPS_HELD, PATH_STEPS};
use super::{
    Cut, Filter, LinkAnswer, Measure, Neighbor, NeighborOptions, NeighborResult, Partner, PathOptions, PathResult, Query, RankRow, Score,
    ShowData,
};
use crate::graph::CaseGraph;
use crate::model::{EntityKind, RelationKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    /// One JSON document (an array when several answers are printed).
    Json,
    /// One compact JSON object per line.
    Jsonl,
}

#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    /// The query file the query came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The question `ask` was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The query that ran, in the RON of a query file.
    #[serde(serialize_with = "as_ron")]
    pub query: Query,
    #[serde(flatten)]
    pub body: Body,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn as_ron<S: serde::Serializer>(q: &Query, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&q.to_ron())
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Body {
    Paths {
        from: String,
        to: String,
        #[serde(flatten)]
        result: PathResult,
    },
    Link {
        a: String,
        b: String,
        kind: EntityKind,
        answers: Vec<LinkAnswer>,
        total: usize,
    },
    Centrality {
        measure: Measure,
        scores: Vec<Score>,
    },
    Neighbors {
        entity: String,
        found: Vec<Neighbor>,
        total: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        cut: Option<Cut>,
    },
    Partners {
        entity: String,
        rows: Vec<Partner>,
        total: usize,
    },
    Show(ShowData),
    Rank {
        relation: RelationKind,
        rows: Vec<RankRow>,
    },
}

impl Answer {
    /// True when the query found nothing (exit code 3).
    pub fn is_empty(&self) -> bool {
        match &self.body {
            Body::Paths { result, .. } => result.paths.is_empty(),
            Body::Link { answers, .. } => answers.is_empty(),
            Body::Centrality { scores, .. } => scores.is_empty(),
            Body::Neighbors { found, .. } => found.is_empty(),
            Body::Partners { rows, .. } => rows.is_empty(),
            Body::Show(_) => false,
            Body::Rank { rows, .. } => rows.is_empty(),
        }
    }

    pub fn render(&self, format: OutputFormat) -> String {
        match format {
            OutputFormat::Json => format!("{}\n", serde_json::to_string_pretty(self).unwrap_or_default()),
            OutputFormat::Jsonl => format!("{}\n", serde_json::to_string(self).unwrap_or_default()),
            OutputFormat::Table => super::render::table(self),
        }
    }
}

/// Several answers as one output: a JSON array, JSON Lines, or tables one after another.
pub fn render_all(answers: &[Answer], format: OutputFormat) -> String {
    match format {
        OutputFormat::Json => format!("{}\n", serde_json::to_string_pretty(answers).unwrap_or_default()),
        OutputFormat::Jsonl | OutputFormat::Table => answers.iter().map(|a| a.render(format)).collect::<Vec<_>>().join(""),
    }
}

/// What to say when a path search stopped early.
pub(super) fn path_note(r: &PathResult, opts: &PathOptions) -> Option<String> {
    Some(match r.cut? {
        Cut::Limit => format!("more paths exist: raise --limit (now {}) or lower --max-hops (now {})", opts.limit, opts.max_hops),
        Cut::Budget => format!(
            "the search budget of {PATH_STEPS} steps ran out after paths of {} hops: lower --max-hops, pass --via, or narrow the graph (--relation, --only-kind, --min-evidence)",
            r.searched
        ),
        Cut::Memory => format!("the answer reached the {PATH_HOPS_HELD} hops it may hold: lower --limit (now {})", opts.limit),
    })
}

/// What to say when a neighbourhood was cut.
pub(super) fn neighbors_note(r: &NeighborResult, opts: &NeighborOptions) -> Option<String> {
    Some(match r.cut? {
        Cut::Limit => {
            format!("{} more neighbours: raise --limit (now {}) or list fewer kinds (--kind)", r.total - r.found.len(), opts.limit)
        }
        Cut::Budget => format!(
            "the walk stopped after its budget of {NEIGHBORS_STEPS} steps: lower --depth (now {}) or walk fewer relations (--via-relation)",
            opts.depth
        ),
        Cut::Memory => "the answer reached the most it may hold: lower --limit".to_string(),
    })
}

/// Why every score is zero: usually a filter that removed the entities
/// through which the kept ones connect.
pub(super) fn why_zero(whole: &CaseGraph, g: &CaseGraph, filter: &Filter, measure: Measure, narrowed: bool) -> String {
    if narrowed && g.edge_count() == 0 {
        // which kinds did the kept entities connect through, before the filter?
        let mut through: BTreeMap<EntityKind, BTreeSet<RelationKind>> = BTreeMap::new();
        for r in whole.relations() {
            let (Some(s), Some(t)) = (whole.node(&r.source), whole.node(&r.target)) else { continue };
            let (ks, kt) = (whole.entity(s).kind, whole.entity(t).kind);
            let keep = |k: EntityKind| filter.kinds.is_empty() || filter.kinds.contains(&k);
            if keep(ks) && !keep(kt) {
                through.entry(kt).or_default().insert(r.relation);
            } else if keep(kt) && !keep(ks) {
                through.entry(ks).or_default().insert(r.relation);
            }
        }
        let kept = if filter.kinds.is_empty() { "the entities kept".to_string() } else { kinds_text(&filter.kinds) };
        let via = through
            .iter()
            .map(|(k, rels)| format!("{k} ({})", rels.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join(", ");
        let why = if via.is_empty() {
            format!("{kept} have no relation among themselves")
        } else {
            format!("{kept} connect only through {via}, which the filter removed")
        };
        format!(
            "every score is 0: {} leaves {} entities and no relation, since {why}; to rank {kept} on the whole graph, list them with --kind instead",
            filter.describe(),
            g.node_count()
        )
    } else if g.edge_count() == 0 {
        "every score is 0: the graph has no relation".to_string()
    } else {
        format!("every score listed is 0 for {}: none of these entities lies between or links others", measure.as_str())
    }
}

fn kinds_text(kinds: &[EntityKind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            EntityKind::Agency => "agencies",
            EntityKind::Country => "countries",
            EntityKind::Operation => "operations",
            EntityKind::Ocg => "groups",
            EntityKind::City => "cities",
            EntityKind::Region => "regions",
            EntityKind::Crime => "crimes",
        })
        .collect();
    names.join(" and ")
}
