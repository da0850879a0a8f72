//! Authority lists: every body a `Country: body; body` line names took part
//! in the document's main operation, and so did the line's country.

use super::{Ctx, Found};
use crate::extract::gazetteer::Family;
use crate::model::RelationKind;

pub fn members<'g>(c: &Ctx<'g, '_>) -> Vec<Found<'g>> {
    let Some(op) = c.m.main_op else { return Vec::new() };
    let rule = Family::AuthorityList.as_str();
    let took_part = |source, evidence| Found { source, relation: RelationKind::ParticipatedIn, target: op, evidence, count: None, rule };
    let mut out: Vec<Found> = c.m.list_members.iter().map(|l| took_part(l.ent, l.line)).collect();
    for line in &c.m.list_lines {
        if let Some(country) = c.m.country(c.g, line.country) {
            out.push(took_part(country, line.line));
        }
    }
    out
}
