//! Every default and every bound a query uses, stated once. The command
//! line's defaults and help, query files and `ask` all read them here, so
//! `path A B` typed, `Path(from: "A", to: "B")` saved and "how is A
//! connected to B" asked run the same search.

/// Longest shortest path looked for.
pub const PATH_MAX_HOPS: usize = 8;
/// Longest path listed by `path --all`: the number of simple paths grows
/// exponentially with it, so the default stays small.
pub const ALL_PATHS_MAX_HOPS: usize = 4;
/// Paths listed at most.
pub const PATH_LIMIT: usize = 20;

/// How far a linking entity may be from each end.
pub const LINK_MAX_HOPS: usize = 2;
/// Linking entities listed at most.
pub const LINK_LIMIT: usize = 50;

/// Hops walked by `neighbors`.
pub const NEIGHBORS_DEPTH: usize = 1;
/// Neighbours listed at most (all are counted).
pub const NEIGHBORS_LIMIT: usize = 200;

/// Entities listed by `centrality`.
pub const CENTRALITY_TOP: usize = 10;
/// Targets listed by `Rank`.
pub const RANK_TOP: usize = 10;
/// Partners listed for "who worked with X".
pub const PARTNERS_TOP: usize = 20;

/// Relations listed by `show` (grouped by kind, best attested first).
pub const SHOW_LIMIT: usize = 100;
/// Sentences quoted per relation by `show`.
pub const SHOW_EVIDENCE: usize = 10;

/// Steps (edges looked at) a path search may take before it stops and says so.
pub const PATH_STEPS: usize = 2_000_000;
/// Hops a path answer may hold: with `--limit` in the billions a search
/// must still fit in memory.
pub const PATH_HOPS_HELD: usize = 200_000;
/// Steps a `link` query may take.
pub const LINK_STEPS: usize = 20_000_000;
/// Steps a neighbourhood may take.
pub const NEIGHBORS_STEPS: usize = 20_000_000;
/// Steps "who worked with X" may take.
pub const PARTNERS_STEPS: usize = 20_000_000;
/// Above this many node-edge steps (|V|·|E|), exact betweenness and
/// closeness would take minutes: they are refused with a way out instead.
pub const ALL_PAIRS_STEPS: f64 = 3e8;

/// Longest question `ask` reads, in characters.
pub const QUESTION_MAX_CHARS: usize = 500;
/// Characters of a user's input quoted back in a message.
pub const ECHO_CHARS: usize = 80;
/// Close names offered for a name that matches nothing.
pub const SUGGESTIONS: usize = 5;
/// Entities listed when a name matches several.
pub const AMBIGUOUS_SHOWN: usize = 10;
