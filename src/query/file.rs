//! Query files: one RON [`Query`] per file, or a list of them. `casegraph
//! query GRAPH FILE...` runs them in order. A field the query does not
//! have is refused with the file, line and column, as is any other
//! mistake, so a typo never silently falls back to a default.
//!
//! ```ron
//! Link(a: "Romania", b: "France", kind: "agency", max_hops: 2)
//! ```

use super::Query;
use crate::error::{Error, Result};
use std::path::Path;

/// The queries of one file, in order.
pub fn load_queries(path: &Path) -> Result<Vec<Query>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_queries(path, &text)
}

/// The queries in `text`, read as the file `path` (named in errors).
pub fn parse_queries(path: &Path, text: &str) -> Result<Vec<Query>> {
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty query file"));
    }
    // parse as one query first so its error (with position) is the one reported
    let opts = crate::error::ron_options();
    match opts.from_str::<Query>(text) {
        Ok(q) => Ok(vec![q]),
        Err(one) => match opts.from_str::<Vec<Query>>(text) {
            Ok(v) => Ok(v),
            Err(many) if text.trim_start().starts_with('[') => Err(Error::ron(path, many)),
            Err(_) => Err(Error::ron(path, one)),
        },
    }
}
