//! Sentence spans. Press releases mix prose, headlines, bullet lists and
//! hard-wrapped lines, so a line break ends a sentence only where the line
//! itself looks finished.

use super::gazetteer::Lexicon;
use crate::model::ByteSpan;

/// Byte spans of the sentences of `text`, trimmed, in order.
pub fn sentences(text: &str, words: &Lexicon) -> Vec<ByteSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let cut = match b {
            b'\n' => line_break_ends_sentence(text, i),
            b'.' | b'!' | b'?' => ends_sentence(text, i, words),
            _ => false,
        };
        if cut {
            let end = if b == b'\n' { i } else { close_quotes(text, i + 1) };
            push(text, start, end, &mut out);
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<ByteSpan>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(ByteSpan::new(start + lead, end - trail));
    }
}

/// Closing quotes and brackets right after the full stop belong to the sentence.
fn close_quotes(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if matches!(c, '"' | '”' | '’' | '\'' | ')') {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn ends_sentence(text: &str, i: usize, words: &Lexicon) -> bool {
    let after = &text[i + 1..];
    let after = after.trim_start_matches(['"', '”', '’', '\'', ')']);
    let next = after.chars().next();
    match next {
        None => return true,
        Some(c) if c.is_whitespace() => {}
        _ => return false,
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // "U.S. police", "Mr. Stock", "No. 5", "IX. District": not an end
    let head = &text[..i];
    let from = head.char_indices().rev().take_while(|&(_, c)| c.is_alphanumeric() || c == '.').last().map_or(i, |(k, _)| k);
    let word = &head[from..];
    if words.abbreviations.has(word) || word.contains('.') {
        return false;
    }
    if !word.is_empty() && word.len() <= 4 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        // "Budapest IX. District": a numbered district, not the end of a sentence
        let rest = after.trim_start();
        let next = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        return !words.numbered_place_words.has(next);
    }
    let rest = after.trim_start();
    // a lower-case continuation means the full stop was inside a sentence
    !rest.chars().next().is_some_and(|c| c.is_lowercase())
}

/// A line break ends a sentence when the line ends in terminal punctuation,
/// when a blank line or a bullet follows, or when the next line starts a
/// new thought (capitalised) after a line that did not end mid-phrase.
fn line_break_ends_sentence(text: &str, i: usize) -> bool {
    let line_start = text[..i].rfind('\n').map(|p| p + 1).unwrap_or(0);
    let line = text[line_start..i].trim_end();
    let rest = &text[i + 1..];
    let next_line = rest.lines().next().unwrap_or("").trim();
    if line.is_empty() || next_line.is_empty() {
        return true;
    }
    if next_line.starts_with(['•', '-', '*', '–', '·', '▪', '●']) {
        return true;
    }
    let last = line.chars().next_back().unwrap_or('.');
    if matches!(last, '.' | '!' | '?' | ':' | ';' | '"' | '”') {
        return true;
    }
    if last == ',' || last.is_lowercase() {
        // hard-wrapped prose continues on the next line
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let g = crate::extract::Gazetteer::builtin().unwrap();
        sentences(text, &g.words).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn prose_splits_at_full_stops_but_not_abbreviations() {
        assert_eq!(
            split("Police in the U.S. arrested two. Mr. Stock said so! Next one"),
            ["Police in the U.S. arrested two.", "Mr. Stock said so!", "Next one"]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_and_headlines_stand_alone() {
        let text = "Operation X ends\n\nIn a major effort with Romania,\nEuropol and INTERPOL led\nthe operation.\n• Belgium: Local police";
        assert_eq!(
            split(text),
            ["Operation X ends", "In a major effort with Romania,\nEuropol and INTERPOL led\nthe operation.", "• Belgium: Local police"]
        );
    }

    #[test]
    fn roman_numerals_do_not_end_sentences_before_a_name() {
        assert_eq!(
            split("Budapest IX. District Public Prosecutor’s Office took part."),
            ["Budapest IX. District Public Prosecutor’s Office took part."]
        );
    }
}
