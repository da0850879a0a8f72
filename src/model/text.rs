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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Policía Nacional"), "policia-nacional");
        assert_eq!(slug("Public Prosecutor’s Office of Lecce"), "public-prosecutors-office-of-lecce");
        assert_eq!(slug("  WEKA II "), "weka-ii");
    }
}
