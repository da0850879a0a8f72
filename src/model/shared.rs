//! One copy of each repeated string. A 100,000-release graph holds three
//! million pieces of evidence, most naming a sentence another piece also
//! names (a sentence states two relations on average), and each naming a
//! rule and a document that thousands of others name: held as copies,
//! those strings were most of a large build's memory.

use rustc_hash::FxHashSet;
use std::sync::Arc;

/// Hands out one shared copy per distinct string seen. Kept per document
/// (or per file read) rather than process-wide, so that threads share no
/// lock and the set stays small; what repeats across documents (a rule's
/// name) costs one copy per document, not one per use.
#[derive(Debug, Default)]
pub struct Shared(FxHashSet<Arc<str>>);

impl Shared {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_one_copy() {
        let mut shared = Shared::default();
        let a = shared.get("Europol supported the action.");
        let b = shared.get(&String::from("Europol supported the action."));
        let c = shared.get("Eurojust coordinated it.");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "Eurojust coordinated it.");
    }
}
