//! Text folding shared by ids and lookups: slugs for ids, accent and case
//! folding for matching what a user types against names.

/// Lower-case ASCII slug for ids: letters and digits, runs of anything else
/// become one hyphen. Accents are folded so "Policía" and "Policia" agree.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

/// Fold the common Latin accents to ASCII. Enough for ids and fuzzy
/// lookups; names themselves keep their accents.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' | 'ș' | 'ş' => 's',
        'Ś' | 'Š' | 'Ș' | 'Ş' => 'S',
        'ț' | 'ţ' | 'ť' => 't',
        'Ț' | 'Ţ' | 'Ť' => 'T',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'Ř' => 'R',
        'ď' => 'd',
        'Ď' => 'D',
        'ğ' => 'g',
        'Ğ' => 'G',
        other => other,
    }
}

/// Lower-case, accent-folded, single-spaced, without a leading "the": the
/// form names are compared in when a user looks one up.
pub fn fold(s: &str) -> String {
    let f: String = s.chars().map(fold_accent).collect::<String>().to_lowercase().replace('’', "'");
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
}

/// Characters that reorder text on screen (bidi embeddings, overrides and
/// isolates): in a name they can make one entity look like another.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A name without bidi controls.
pub fn strip_bidi(s: &str) -> String {
    s.chars().filter(|&c| !is_bidi_control(c)).collect()
}

/// Is `c` allowed in an XML 1.0 document (GraphML, SVG)?
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Text for a terminal or a one-line message: control characters (NUL,
/// ESC, line breaks...) and bidi controls are shown escaped (`\u{1b}`),
/// never sent raw, so input cannot move the cursor, recolour the screen or
/// break a line.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_or_dropped() {
        assert_eq!(terminal_safe("a\u{1b}[31mb\nc\0"), "a\\u{1b}[31mb\\u{a}c\\u{0}");
        assert_eq!(strip_bidi("Euro\u{202E}lopor"), "Eurolopor");
        assert!(!is_xml_char('\u{FFFE}') && !is_xml_char('\u{1}') && is_xml_char('é') && is_xml_char('\n'));
    }

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Policía Nacional"), "policia-nacional");
        assert_eq!(slug("Public Prosecutor’s Office of Lecce"), "public-prosecutors-office-of-lecce");
        assert_eq!(slug("  WEKA II "), "weka-ii");
    }
}
