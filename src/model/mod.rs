//! The floor every stage stands on: the ontology (entity and relation
//! kinds with their facts), ids, spans and evidence, the records a stored
//! graph is made of, and text folding. Nothing here depends on a stage.

pub mod day;
pub mod figure;
pub mod ids;
pub mod kinds;
pub mod merged;
pub mod record;
pub mod shared;
pub mod span;
pub mod text;

pub use day::{Day, DayRange, When};
pub use figure::{group_digits, Bound, FigureRecord, Measure};
pub use ids::{BadId, DocId, EntityId};
pub use kinds::{EntityKind, RelationKind, UnknownName};
pub use merged::{MergeNote, MergeRule};
pub use record::{DocumentRecord, EntityRecord, EntitySource, RelationRecord};
pub use shared::Shared;
pub use span::{ByteSpan, Evidence, Span};
pub use text::{fold, fold_accent, is_xml_char, slug, strip_bidi, terminal_safe};
