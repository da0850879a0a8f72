//! How kinds, relations and communities look: one place for every colour,
//! so the legend and the drawing cannot disagree.
//!
//! Node fills are light (the label is read on them); relation colours are
//! saturated and pairwise distinct in hue, with one grey only (`based-in`,
//! the least interesting relation), so nine relations never come out as
//! two blues, two reds or two greys.

use crate::model::{EntityKind, RelationKind};

/// Shape, fill and Graphviz style of a node of this kind.
pub fn kind_style(kind: EntityKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EntityKind::Agency => ("box", "#a6cee3", "filled,rounded"),
        EntityKind::Country => ("ellipse", "#fdbf6f", "filled"),
        EntityKind::Operation => ("hexagon", "#b2df8a", "filled"),
        EntityKind::Ocg => ("octagon", "#fb9a99", "filled"),
        EntityKind::City => ("ellipse", "#e0e0e0", "filled"),
        EntityKind::Region => ("ellipse", "#f5f5f5", "filled,dashed"),
        EntityKind::Crime => ("note", "#cab2d6", "filled"),
    }
}

/// The colour of a relation's edges.
pub fn relation_colour(r: RelationKind) -> &'static str {
    match r {
        RelationKind::Coordinated => "#2346a8",
        RelationKind::Supported => "#17a3b8",
        RelationKind::ParticipatedIn => "#7b4fc9",
        RelationKind::ArrestedIn => "#e66a00",
        RelationKind::VictimsFrom => "#d6287f",
        RelationKind::ExploitedIn => "#a3141c",
        RelationKind::ActiveIn => "#8c5a1e",
        RelationKind::Targeted => "#3c9a2e",
        RelationKind::BasedIn => "#8a8a8a",
        RelationKind::Transited => "#e0c000",
    }
}

/// Fills for communities of the cooperation view, in order of community
/// size; communities past the palette share [`OTHER_COMMUNITY`].
pub const COMMUNITY_FILLS: [&str; 10] =
    ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5"];

/// Fill of the small communities past the palette.
pub const OTHER_COMMUNITY: &str = "#eeeeee";

/// Line colour of a link inside community `n` (1-based): a darker tone of its fill.
pub fn community_line(n: usize) -> &'static str {
    const LINES: [&str; 10] =
        ["#2a9d8f", "#b5a300", "#6a5fb0", "#d94c3d", "#3a7cb0", "#d9822b", "#6a9c24", "#d4669f", "#8e4a8f", "#5fa860"];
    n.checked_sub(1).and_then(|i| LINES.get(i)).copied().unwrap_or("#9a9a9a")
}

pub fn community_fill(n: usize) -> &'static str {
    n.checked_sub(1).and_then(|i| COMMUNITY_FILLS.get(i)).copied().unwrap_or(OTHER_COMMUNITY)
}

/// Colour of links between two communities in the cooperation view.
pub const BETWEEN_COMMUNITIES: &str = "#9a9a9a";

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: &str) -> (f64, f64, f64) {
        let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64;
        (v(1), v(3), v(5))
    }

    #[test]
    fn the_relation_colours_are_far_apart() {
        let cols: Vec<_> = RelationKind::ALL.iter().map(|&r| rgb(relation_colour(r))).collect();
        for i in 0..cols.len() {
            for j in i + 1..cols.len() {
                let (a, b) = (cols[i], cols[j]);
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
                assert!(d > 70.0, "{:?} and {:?} too close ({d:.0})", RelationKind::ALL[i], RelationKind::ALL[j]);
            }
        }
        let greys = cols.iter().filter(|c| (c.0 - c.1).abs() < 12.0 && (c.1 - c.2).abs() < 12.0).count();
        assert_eq!(greys, 1, "one grey relation only");
    }
}
