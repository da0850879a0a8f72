//! Word shapes: what a capitalised word, an acronym or a possessive looks
//! like, and trimming spans and names to their words. Code, because these
//! are shapes of characters; the words themselves are in `data/words.ron`.

use crate::model::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

/// A word: letters and digits joined by apostrophes, hyphens, dots or `&`,
/// with a possessive ending; or initials ("U.S."). The specification of
/// [`words`]: the scan is tested against it, and nothing searches with it.
#[cfg(test)]
pub static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[’'\-\.&][\p{L}\p{N}]+)*(?:’s|'s|’|')?").expect("static regex"));

/// The words of `text`, as spans: exactly what the `TOKEN` pattern finds (a test
/// holds the two together on arbitrary text), by a scan that looks at each
/// character once. Searching with `TOKEN` cost a forward and a reverse
/// automaton run per word, a tenth of all extraction time.
pub fn tokens(text: &str) -> Vec<ByteSpan> {
    words(text).collect()
}

/// [`tokens`] one at a time, for callers that stop early or only count.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator behind [`words`].
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = ByteSpan;

    fn next(&mut self) -> Option<ByteSpan> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut i = self.at;
        while let Some(&b) = bytes.get(i) {
            // an ASCII byte is its character, most of any release: no decoding
            let c = if b.is_ascii() { char::from(b) } else { text[i..].chars().next()? };
            // initials start with an upper-case letter, a letter too
            if !letter_or_digit(c) {
                i += c.len_utf8();
                continue;
            }
            let end = initials_end(text, i).unwrap_or_else(|| word_end(text, i));
            self.at = end;
            return Some(ByteSpan::new(i, end));
        }
        self.at = bytes.len();
        None
    }
}

/// `[\p{L}\p{N}]`: ASCII by hand, other characters by regex's Unicode tables
/// (std's `is_alphanumeric` also takes combining marks, which TOKEN does not).
fn letter_or_digit(c: char) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A[\p{L}\p{N}]\z").expect("static regex"));
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        CLASS.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// `\p{Lu}`, the same way.
fn upper(c: char) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\p{Lu}\z").expect("static regex"));
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        CLASS.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// TOKEN's first branch, `(?:\p{Lu}\.){2,}`, at `i`: the end of two or more
/// initials ("U.S."), which TOKEN prefers to a word starting there.
fn initials_end(text: &str, i: usize) -> Option<usize> {
    let (mut at, mut n) = (i, 0);
    while let Some(c) = text[at..].chars().next() {
        if !upper(c) || !text[at + c.len_utf8()..].starts_with('.') {
            break;
        }
        at += c.len_utf8() + 1;
        n += 1;
    }
    (n >= 2).then_some(at)
}

/// TOKEN's second branch from a letter or digit at `i`: letters and digits
/// joined by `’ ' - . &`, then a possessive ending.
fn word_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let run = |from: usize| {
        // ASCII letters and digits a byte at a time; the first other character decides
        let ascii = from + bytes[from..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        match bytes.get(ascii) {
            Some(b) if !b.is_ascii() => {
                text[ascii..].char_indices().find(|&(_, c)| !letter_or_digit(c)).map_or(text.len(), |(k, _)| ascii + k)
            }
            _ => ascii,
        }
    };
    let mut end = run(i);
    while let Some(joint) = text[end..].chars().next().filter(|c| matches!(c, '’' | '\'' | '-' | '.' | '&')) {
        let next = end + joint.len_utf8();
        match text[next..].chars().next() {
            Some(c) if letter_or_digit(c) => end = run(next),
            _ => break,
        }
    }
    let rest = &text[end..];
    end + ["’s", "'s", "’", "'"].iter().find(|p| rest.starts_with(*p)).map_or(0, |p| p.len())
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

/// Every place `needle` stands in `text`, overlapping ones too, in text
/// order: for the few names a release defines (a named operation's bare
/// name, an acronym), a substring search each costs less than building an
/// automaton for them.
pub fn occurrences<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = ByteSpan> + 't {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(text.as_bytes().get(from..)?)?;
        from = at + 1;
        Some(ByteSpan::new(at, at + needle.len()))
    })
}

/// Whether ASCII lower-casing finds every ASCII phrase that full
/// lower-casing finds, and no other: an ASCII phrase stands in
/// `text.to_lowercase()` exactly where it stands in
/// `text.to_ascii_lowercase()`, unless the text holds one of the two
/// characters whose lower case holds an ASCII letter (KELVIN SIGN, and
/// capital I with dot above; a test checks there are no others). Full
/// lower-casing of every release, to look for a few ASCII words, was a
/// twentieth of extraction.
pub fn ascii_lowercase_suffices(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memmem::find(b, "\u{130}".as_bytes()).is_none() && memchr::memmem::find(b, "\u{212A}".as_bytes()).is_none()
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
    for w in words(s) {
        let word = w.of(s);
        if is_cap(word) || word.bytes().any(|b| b.is_ascii_digit()) {
            end = w.end;
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
    use proptest::prelude::*;

    fn by_regex(text: &str) -> Vec<ByteSpan> {
        TOKEN.find_iter(text).map(|m| ByteSpan::new(m.start(), m.end())).collect()
    }

    /// The premise of `ascii_lowercase_suffices`, over every character.
    #[test]
    fn only_two_characters_lower_case_into_ascii() {
        let into_ascii: Vec<char> =
            (0x80..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.to_lowercase().any(|l| l.is_ascii())).collect();
        assert_eq!(into_ascii, ['\u{130}', '\u{212A}']);
        assert!(!super::ascii_lowercase_suffices("Kelvin \u{212A}") && !super::ascii_lowercase_suffices("\u{130}stanbul"));
        assert!(super::ascii_lowercase_suffices("Ελλάδα Москва K I ı"));
    }

    #[test]
    fn occurrences_overlap_and_stay_in_order() {
        let found: Vec<ByteSpan> = super::occurrences("aaa ΑΑ aa", "aa").collect();
        assert_eq!(found, [ByteSpan::new(0, 2), ByteSpan::new(1, 3), ByteSpan::new(9, 11)]);
        assert_eq!(super::occurrences("Ελλάδα", "λ").map(|s| s.start).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn tokens_are_what_the_token_pattern_finds() {
        for text in
            ["U.S.A. and the E.U.", "dogs' Europol’s INTERPOL-led Ο.Η.Ε. ΕΛ.ΑΣ.", "a.b.-c ’s x'", "É.É. Ĳ ǅ. 12.3&4", "e\u{301}t\u{301}e"]
        {
            assert_eq!(tokens(text), by_regex(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn tokens_match_the_pattern_on_any_text(text in "([A-Za-z0-9 .’'&\\-]|\\PC|\\p{Lu}\\.|\\p{M}|[\u{370}-\u{3ff}\u{400}-\u{4ff}\u{4e00}-\u{4e40}\u{1f600}-\u{1f610}])*") {
            prop_assert_eq!(tokens(&text), by_regex(&text));
        }
    }

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
