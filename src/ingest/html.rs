//! Light HTML to text: enough for saved press-release pages, not a browser.
//! Scripts, styles and navigation go; block elements become line breaks so
//! that sentences and `Country: body` lists keep their shape.

use regex::Regex;
use std::sync::LazyLock;

static DROP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)<(script|style|noscript|nav|header|footer|svg|form)\b.*?</(script|style|noscript|nav|header|footer|svg|form)\s*>|<!--.*?-->",
    )
    .expect("static regex")
});
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|blockquote|title)\b[^>]*>").expect("static regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("static regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);").expect("static regex"));
static BLANKS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\n[ \t]*(\n[ \t]*)+").expect("static regex"));

/// Reduce an HTML page to its text.
pub fn html_to_text(html: &str) -> String {
    let s = DROP.replace_all(html, " ");
    let s = BLOCK.replace_all(&s, "\n");
    let s = TAG.replace_all(&s, "");
    let s = ENTITY.replace_all(&s, |c: &regex::Captures| decode_entity(&c[1]).unwrap_or_else(|| c[0].to_string()));
    let lines: Vec<&str> = s.lines().map(|l| l.trim()).collect();
    let joined = lines.join("\n");
    BLANKS.replace_all(&joined, "\n\n").trim().to_string() + "\n"
}

fn decode_entity(name: &str) -> Option<String> {
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "rsquo" => '’',
            "lsquo" => '‘',
            "rdquo" => '”',
            "ldquo" => '“',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "eacute" => 'é',
            "bull" => '•',
            _ => return None,
        }
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_and_entities_are_removed() {
        let html = "<html><head><script>var x = '<p>';</script><title>T</title></head><body><p>Europol &amp; Eurojust</p><p>Police in Spain&#8217;s south</p></body></html>";
        let text = html_to_text(html);
        assert!(text.contains("Europol & Eurojust\n"));
        assert!(text.contains("Spain’s south"));
        assert!(!text.contains("var x"));
    }
}
