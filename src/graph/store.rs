//! The RON store. A graph file is written to a temporary file in the same
//! folder, synced and renamed over the old one, so an interrupted write
//! never leaves a half-written graph; loading checks the format version
//! and every invariant and names the file, line and column of a problem.

use super::{CaseGraph, GraphError};
use crate::error::{Error, Result};
use crate::resolve::{DocumentRecord, EntityRecord, RelationRecord};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// Version of the graph file format. Bump on any incompatible change and
/// teach [`load`] to migrate or refuse the older one.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    pub format_version: u32,
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
}

impl GraphFile {
    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new().depth_limit(4).struct_names(false).indentor("  ".to_string());
        let mut s = ron::ser::to_string_pretty(self, cfg).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Only the version, read first so a file from another version is refused
/// with a clear message rather than a field-by-field parse error.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Load and check a graph file.
pub fn load(path: &Path) -> Result<CaseGraph> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty graph file"));
    }
    let probe: std::result::Result<VersionProbe, _> = ron::from_str(&text);
    match probe {
        Err(e) => return Err(Error::ron(path, e)),
        Ok(p) if p.format_version != super::FORMAT_VERSION => {
            return Err(Error::Graph {
                path: path.into(),
                reason: format!(
                    "graph format version {} is not supported; this casegraph reads version {} (rebuild the graph from its documents with `casegraph build`)",
                    p.format_version,
                    super::FORMAT_VERSION
                ),
            })
        }
        Ok(_) => {}
    }
    let file: GraphFile = ron::from_str(&text).map_err(|e| Error::ron(path, e))?;
    from_file(file).map_err(|err| {
        let reason = crate::error::one_line(&err.to_string());
        let line = locate(&text, &err.subject());
        match line {
            Some((l, c)) => Error::Parse { path: path.into(), line: l, column: c, reason },
            None => Error::Graph { path: path.into(), reason },
        }
    })
}

/// Check a parsed file's invariants and build the graph.
pub fn from_file(file: GraphFile) -> std::result::Result<CaseGraph, GraphError> {
    let mut seen = std::collections::BTreeSet::new();
    for d in &file.documents {
        if !seen.insert(&d.id) {
            return Err(GraphError::DuplicateDocument(d.id.clone()));
        }
    }
    for r in &file.relations {
        for ev in &r.evidence {
            if !seen.contains(&ev.doc) {
                return Err(GraphError::UnknownEvidenceDocument {
                    from: r.source.clone(),
                    relation: r.relation,
                    to: r.target.clone(),
                    doc: ev.doc.clone(),
                });
            }
            if ev.start > ev.end {
                return Err(GraphError::ReversedSpan {
                    from: r.source.clone(),
                    relation: r.relation,
                    to: r.target.clone(),
                    start: ev.start,
                    end: ev.end,
                });
            }
        }
    }
    CaseGraph::from_parts(file.documents, file.entities, file.relations)
}

/// Line and column where the file first writes `id` as a string.
fn locate(text: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{id}\"");
    let at = text.find(&needle)?;
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map(|p| p + 1).unwrap_or(0) + 1;
    Some((line, col))
}

/// Write a graph atomically: temp file in the same folder, fsync, rename.
pub fn save_atomic(graph: &CaseGraph, path: &Path) -> Result<()> {
    write_atomic(path, graph.to_file().to_ron().as_bytes())
}

/// Atomic replace of any file the tool writes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "graph".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}
