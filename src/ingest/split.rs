//! Article splitting. Digests and scraped pages often hold several press
//! releases in one file; each starts with its headline followed (after
//! blank lines at most) by a `Source: X` line.

/// Byte ranges of the articles in `text`. A text with fewer than two
/// article headers is one article covering the whole text.
pub fn split_articles(text: &str) -> Vec<(usize, usize)> {
    let lines = line_spans(text);
    let mut starts = Vec::new();
    for (i, &(s, e)) in lines.iter().enumerate() {
        if !text[s..e].trim_start().to_ascii_lowercase().starts_with("source:") {
            continue;
        }
        // the headline is the nearest non-blank line above, with only blank lines between
        let headline = (0..i).rev().find(|&j| !text[lines[j].0..lines[j].1].trim().is_empty());
        if let Some(j) = headline {
            let head = text[lines[j].0..lines[j].1].trim();
            if !head.to_ascii_lowercase().starts_with("source:") && !head.ends_with('.') {
                starts.push(lines[j].0);
            }
        }
    }
    starts.dedup();
    if starts.len() < 2 {
        return vec![(0, text.len())];
    }
    starts[0] = 0;
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        out.push((s, e));
    }
    out
}

/// (start, end) of every line, without its line break.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            out.push((start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_splits_at_each_headline_with_a_source_line() {
        let text = "First headline\n\nSource: Europol\n\nBody one.\n\nSecond headline\nSource: Eurojust\n\nBody two.\n";
        let parts = split_articles(text);
        assert_eq!(parts.len(), 2);
        assert!(text[parts[0].0..parts[0].1].contains("Body one."));
        assert!(text[parts[1].0..parts[1].1].starts_with("Second headline"));
        assert_eq!(parts[1].1, text.len());
    }

    #[test]
    fn one_source_line_at_the_end_does_not_split() {
        let text = "Headline\n\nBody that ends.\n\nSource: INTERPOL\n";
        assert_eq!(split_articles(text), vec![(0, text.len())]);
    }
}
