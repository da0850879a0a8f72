//! Word shapes: what a capitalised word, an acronym or a possessive looks
//! like, and trimming spans and names to their words. Code, because these
//! are shapes of characters; the words themselves are in `data/words.ron`.

use crate::model::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

/// A word: letters and digits joined by apostrophes, hyphens, dots or `&`,
/// with a possessive ending; or initials ("U.S.").
pub static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[’'\-\.&][\p{L}\p{N}]+)*(?:’s|'s|’|')?").expect("static regex"));

/// The words of `text`, as spans.
pub fn tokens(text: &str) -> Vec<ByteSpan> {
    TOKEN.find_iter(text).map(|m| ByteSpan::new(m.start(), m.end())).collect()
}

/// Starts with an upper-case letter.
pub fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The word without a possessive ending.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

/// Does the text right after a mention make it possessive ("Germany’s")?
pub fn possessive_after(rest: &str) -> bool {
    rest.starts_with("’s") || rest.starts_with("'s")
}

/// The nearest char boundary at or before `i`: byte arithmetic on offsets
/// ("80 bytes back") must not land inside a multi-byte character.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shrink a span so it starts and ends on a non-space, non-punctuation
/// character, keeping the full stop of an abbreviation ("U.S.") and a
/// closing bracket that has its opening one.
pub fn trim_span(text: &str, span: ByteSpan) -> ByteSpan {
    let (mut start, mut end) = (span.start, span.end);
    let strip = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '•' | '(' | ')' | '"' | '“' | '”');
    while let Some(c) = text[start..end].chars().next() {
        if !strip(c) {
            break;
        }
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back() {
        let inner = &text[start..end - c.len_utf8()];
        let keep_dot = c == '.' && inner.ends_with(char::is_uppercase) && inner.contains('.');
        let keep_paren = c == ')' && text[start..end].contains('(');
        if !strip(c) || keep_dot || keep_paren {
            break;
        }
        end -= c.len_utf8();
    }
    ByteSpan::new(start, end)
}

/// A name as it should read: trimmed, without a trailing stop or comma,
/// without a leading article, single-spaced.
pub fn clean_name(name: &str) -> String {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':']);
    let n = n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n);
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Gendarmerie Nationale – Cybercrime unit" names the Gendarmerie.
pub fn cut_dash(s: &str) -> String {
    for d in [" – ", " — ", " - "] {
        if let Some(p) = s.find(d) {
            return s[..p].trim().to_string();
        }
    }
    s.trim().to_string()
}

/// Drop a lower-case tail ("at judicial level") and trailing punctuation.
pub fn trim_lower_tail(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ',', ';']);
    s[..trim_lower_tail_len(s)].trim().to_string()
}

/// Length of `s` up to its last capitalised word (or word with a digit),
/// keeping a closing bracket or quote that ends the name.
pub fn trim_lower_tail_len(s: &str) -> usize {
    let mut end = 0;
    for m in TOKEN.find_iter(s) {
        if is_cap(m.as_str()) || m.as_str().chars().any(|c| c.is_ascii_digit()) {
            end = m.end();
        }
    }
    for c in s[end..].chars() {
        if matches!(c, ')' | '”' | '"') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_trim_to_words_and_keep_abbreviations() {
        let t = " (U.S.), ";
        assert_eq!(trim_span(t, ByteSpan::new(0, t.len())).of(t), "U.S.");
        let t = "«Ωμέγα»: ";
        assert_eq!(trim_span(t, ByteSpan::new(0, t.len())).of(t), "«Ωμέγα»");
        assert_eq!(floor_boundary("é", 1), 0);
    }
}
