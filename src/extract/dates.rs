//! Pass 9: when things happened. The release's own date, and for each
//! operation the day or days the text gives for it ("on 3 July", "between
//! 8 and 12 November 2021", "In April", "last week").
//!
//! Why after assembly: a date belongs to an operation through the
//! sentences that name it, and the assembled extraction already holds each
//! operation with its mentions; this pass only adds to it.
//!
//! The release's date is a short line near the top that is a date ("23
//! November 2017", "Monday, January 22, 2024"), else what the page's
//! metadata or `--date` gave ([`Document::date`]). A date written without a
//! year takes the release's year, or the year before when the day would
//! fall after the release; with no release date, a year in the headline
//! ("Operation Global Chain 2024"); else it stays undated (`--date` at
//! build gives releases their date). An operation named with its date ("action day 3 July") takes
//! that; else a document's only operation takes the first date of the text
//! (after the date line); where there are several, each takes the first date
//! in a sentence that names it; otherwise the release date stands in
//! (`said: "release date"`). Every word read is in `data/words.ron`.

use super::gazetteer::schema::Words;
use super::gazetteer::word_bounded;
use super::output::Extraction;
use crate::ingest::Document;
use crate::model::{ByteSpan, Day, DayRange, EntityKind, When};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::{Captures, Regex};

/// The date patterns, compiled once per extractor from the word lists.
pub struct Reader {
    re: Regex,
    months: Vec<String>,
    abbreviations: Vec<String>,
    /// Relative dates, lower-cased, each with its searcher built once:
    /// `str::find` set up a new one for every phrase in every sentence.
    relative: Vec<(memchr::memmem::Finder<'static>, i32, i32)>,
    /// The relative phrases in any ASCII case, when they are all ASCII: a
    /// text where none stands needs no lower-casing to know it has no
    /// relative date (see `words::ascii_lowercase_suffices`).
    any_relative: Option<AhoCorasick>,
}

/// A date as written: the year may be missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Written {
    span: ByteSpan,
    from: (Option<u16>, u8, Option<u8>),
    to: (Option<u16>, u8, Option<u8>),
}

/// A date found in the text, relative ones not yet placed.
#[derive(Clone, Copy, Debug)]
enum Found {
    Written(Written),
    Relative { span: ByteSpan, from: i32, to: i32 },
}

impl Found {
    fn span(&self) -> ByteSpan {
        match self {
            Found::Written(w) => w.span,
            Found::Relative { span, .. } => *span,
        }
    }
}

impl Reader {
    pub fn new(w: &Words) -> Option<Reader> {
        let alt = |ws: &[String]| ws.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let month = format!(r"(?:{}|{})\.?", alt(&w.months), alt(&w.month_abbreviations));
        let range = alt(&w.range_words);
        let day = r"\d{1,2}(?:st|nd|rd|th)?";
        let year = r"(?:19|20)\d\d";
        let preps = alt(&w.month_prepositions);
        let src = format!(
            r"(?-u:\b)(?P<d1>{day})(?:\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?P<y1>{year}))?)?\s*(?:{range})\s*(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{year}))?(?-u:\b)|(?-u:\b)(?P<mr1>{month})\s+(?P<dr1>{day})\s*(?:{range})\s*(?:(?P<mr2>{month})\s+)?(?P<dr2>{day})(?:,?\s+(?P<yr>{year}))?(?-u:\b)|(?-u:\b)(?P<d>{day})\s+(?:of\s+)?(?P<m>{month})(?:,?\s+(?P<y>{year}))?(?-u:\b)|(?-u:\b)(?P<mc>{month})\s+(?P<dc>{day})(?:,\s*(?P<yc>{year}))?(?-u:\b)|(?-u:\b)(?P<my>{month})\s+(?P<yy>{year})(?-u:\b)|(?-u:\b)(?:{preps})\s+(?P<mp>{month})(?:\s+(?P<yp>{year}))?(?-u:\b)|(?-u:\b)(?P<iy>{year})-(?P<im>\d\d)-(?P<id>\d\d)(?-u:\b)"
        );
        let phrases: Vec<String> = w.relative_dates.iter().map(|r| r.phrase.to_lowercase()).collect();
        let any_relative = if phrases.iter().all(|p| p.is_ascii() && !p.is_empty()) {
            AhoCorasickBuilder::new().ascii_case_insensitive(true).build(&phrases).ok()
        } else {
            None
        };
        Some(Reader {
            re: Regex::new(&src).ok()?,
            months: w.months.clone(),
            abbreviations: w.month_abbreviations.clone(),
            relative: w
                .relative_dates
                .iter()
                .zip(&phrases)
                .map(|(r, p)| (memchr::memmem::Finder::new(p.as_bytes()).into_owned(), r.from, r.to))
                .collect(),
            any_relative,
        })
    }

    fn month(&self, s: &str) -> Option<u8> {
        let s = s.trim_end_matches('.');
        if let Some(i) = self.months.iter().position(|m| m == s) {
            return u8::try_from(i + 1).ok();
        }
        // an abbreviation is the month whose name it starts
        self.abbreviations.iter().any(|a| a == s).then_some(())?;
        self.months.iter().position(|m| m.starts_with(s)).and_then(|i| u8::try_from(i + 1).ok())
    }

    fn written(&self, c: &Captures) -> Option<Written> {
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().trim_end_matches(|ch: char| ch.is_alphabetic()).parse::<u16>().ok());
        let day = |k: &str| num(k).and_then(|d| u8::try_from(d).ok());
        let month = |k: &str| c.name(k).and_then(|m| self.month(m.as_str()));
        let m0 = c.get(0)?;
        let span = ByteSpan::new(m0.start(), m0.end());
        let (from, to) = if let Some(m2) = month("m2") {
            let y2 = num("y2");
            let m1 = month("m1").unwrap_or(m2);
            ((num("y1").or(if m1 <= m2 { y2 } else { y2.map(|y| y - 1) }), m1, day("d1")), (y2, m2, day("d2")))
        } else if let Some(m1) = month("mr1") {
            let m2 = month("mr2").unwrap_or(m1);
            let y = num("yr");
            ((if m1 <= m2 { y } else { y.map(|y| y - 1) }, m1, day("dr1")), (y, m2, day("dr2")))
        } else if let Some(m) = month("m") {
            let f = (num("y"), m, day("d"));
            (f, f)
        } else if let Some(m) = month("mc") {
            let f = (num("yc"), m, day("dc"));
            (f, f)
        } else if let Some(m) = month("my") {
            let f = (num("yy"), m, None);
            (f, f)
        } else if let Some(m) = month("mp") {
            let f = (num("yp"), m, None);
            (f, f)
        } else {
            let m = u8::try_from(num("im")?).ok()?;
            let f = (num("iy"), m, day("id"));
            (f, f)
        };
        Some(Written { span, from, to })
    }

    /// Every date of `within`, in text order (a written date before a
    /// relative one at the same place).
    fn find(&self, text: &str, within: ByteSpan) -> Vec<Found> {
        let mut out: Vec<Found> = self.written_in(text, within).collect();
        out.extend(self.relative_in(text, within));
        out.sort_by_key(|f| f.span().start);
        out
    }

    /// The first date of [`Self::find`]'s list that `take` takes, with what
    /// it made of it, reading no further into the text than that date:
    /// a release's first date is near its top, and dating it read the whole
    /// text for every date in it.
    fn first<T>(&self, text: &str, within: ByteSpan, mut take: impl FnMut(&Found) -> Option<T>) -> Option<(Found, T)> {
        let written = self.written_in(text, within).find_map(|f| take(&f).map(|t| (f, t)));
        // a relative date before it comes first in the list; at the same place, after it
        let before = |f: &Found| written.as_ref().is_none_or(|(w, _)| f.span().start < w.span().start);
        let relative = self.relative_in(text, within).into_iter().take_while(before).find_map(|f| take(&f).map(|t| (f, t)));
        relative.or(written)
    }

    /// The written dates of `within`, in text order, read as they are asked for.
    fn written_in<'t>(&'t self, text: &'t str, within: ByteSpan) -> impl Iterator<Item = Found> + 't {
        self.re.captures_iter(&text[within.start..within.end]).filter_map(|c| self.written(&c)).map(move |mut w| {
            w.span = ByteSpan::new(w.span.start + within.start, w.span.end + within.start);
            Found::Written(w)
        })
    }

    /// The relative dates of `within`, in text order (at one place, in the
    /// order of the word list).
    fn relative_in(&self, text: &str, within: ByteSpan) -> Vec<Found> {
        let t = &text[within.start..within.end];
        let mut out = Vec::new();
        let none = self.any_relative.as_ref().is_some_and(|ac| !ac.is_match(t)) && super::words::ascii_lowercase_suffices(t);
        let lower = if none { String::new() } else { t.to_lowercase() };
        if !none && lower.len() == t.len() {
            for (phrase, from, to) in &self.relative {
                let mut at = 0;
                while let Some(i) = phrase.find(&lower.as_bytes()[at..]) {
                    let (s, e) = (at + i, at + i + phrase.needle().len());
                    if word_bounded(&lower, s, e) {
                        out.push(Found::Relative { span: ByteSpan::new(s + within.start, e + within.start), from: *from, to: *to });
                    }
                    at = e;
                }
            }
        }
        out.sort_by_key(|f| f.span().start);
        out
    }
}

/// The day a written date stands for, its year taken from `anchor` (the
/// release's date: the year before when the day would come after it) or `year`.
fn place(w: &Written, anchor: Option<Day>, year: Option<u16>) -> Option<DayRange> {
    let pick = |(y, m, d): (Option<u16>, u8, Option<u8>)| -> Option<u16> {
        y.or_else(|| match anchor {
            Some(a) => Some(if (m, d.unwrap_or(1)) > (a.month, a.day) { a.year - 1 } else { a.year }),
            None => year,
        })
    };
    let fy = pick(w.from)?;
    let ty = w.to.0.or(if w.to.1 >= w.from.1 { Some(fy) } else { Some(fy + 1) })?;
    let from = match w.from.2 {
        Some(d) => Day::new(fy, w.from.1, d)?,
        None => Day::first_of(fy, w.from.1)?,
    };
    let to = match w.to.2 {
        Some(d) => Day::new(ty, w.to.1, d)?,
        None => Day::last_of(ty, w.to.1)?,
    };
    (from <= to).then_some(DayRange { from, to })
}

fn resolve(f: &Found, anchor: Option<Day>, year: Option<u16>) -> Option<DayRange> {
    match f {
        Found::Written(w) => place(w, anchor, year),
        Found::Relative { from, to, .. } => {
            let a = anchor?;
            Some(DayRange { from: a.plus(*from)?, to: a.plus(*to)? })
        }
    }
}

/// The release's date line: a short line near the top that is a full date.
fn date_line(r: &Reader, text: &str) -> Option<(Day, ByteSpan)> {
    let mut at = 0;
    for line in text.split_inclusive('\n').take(12) {
        let span = ByteSpan::new(at, at + line.len());
        at += line.len();
        let t = line.trim();
        if t.is_empty() || t.chars().count() > 60 {
            continue;
        }
        for f in r.find(text, span) {
            if let Found::Written(w) = f {
                let rest = t.len().saturating_sub(w.span.len());
                if w.from == w.to && w.from.0.is_some() && w.from.2.is_some() && rest <= 40 {
                    if let Some(d) = place(&w, None, None) {
                        return Some((d.from, w.span));
                    }
                }
            }
        }
    }
    None
}

/// A year the headline names ("Operation Global Chain 2024 ends with..."):
/// the year of a release that has no date of its own. Years in the body
/// are not used: they are as often the year an investigation began.
fn year_hint(doc: &Document) -> Option<u16> {
    doc.title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .filter(|y| (1990..=2099).contains(y))
        .max()
}

/// Give the extraction its date and its operations theirs.
pub fn annotate(r: &Reader, doc: &Document, sentences: &[ByteSpan], x: &mut Extraction) {
    let text = doc.text.as_str();
    let line = date_line(r, text);
    let date = line.map(|(d, _)| d).or(doc.date);
    x.date = date;
    let year = if date.is_none() { year_hint(doc) } else { None };
    // sentences are in text order: a binary search, not a scan per mention
    let sentence_of = |pos: usize| {
        let i = sentences.partition_point(|s| s.end <= pos);
        sentences.get(i).filter(|s| s.contains(pos)).copied()
    };
    let skip = line.map(|(_, s)| s);
    let usable = |f: &Found| skip.is_none_or(|s| !f.span().overlaps(s));
    let ops = x.entities.iter().filter(|e| e.kind == EntityKind::Operation).count();
    for e in x.entities.iter_mut().filter(|e| e.kind == EntityKind::Operation) {
        // the sentences that name it, each once (an operation named in every
        // sentence of a long release made a search of the list per mention)
        let mut seen: Vec<ByteSpan> = e.mentions.iter().filter_map(|m| sentence_of(m.start)).collect();
        seen.sort();
        seen.dedup();
        let take = |f: &Found| if usable(f) { resolve(f, date, year) } else { None };
        let first = |found: Vec<Found>| found.into_iter().find_map(|f| take(&f).map(|d| (f, d)));
        // a release about one action dates it first; another date near its name may be a past one
        // the date the operation's name carries ("action day 3 July"), placed where the text says it
        let in_name = r.find(&e.name, ByteSpan::new(0, e.name.len())).into_iter().find_map(|f| {
            let said = &e.name[f.span().start..f.span().end];
            // where the text writes it as a whole ("October 20" is not in "October 2012")
            let at = text.match_indices(said).map(|(i, _)| i).find(|&i| word_bounded(text, i, i + said.len()))?;
            // the whole date as the text writes it there ("29 September" of "29 September to 4 October 2024")
            r.find(text, sentence_of(at).unwrap_or(ByteSpan::new(at, text.len()))).into_iter().find(|g| g.span().contains(at))
        });
        let named: Vec<Found> = in_name.into_iter().chain(e.mentions.iter().flat_map(|m| r.find(text, m.bytes()))).filter(usable).collect();
        let found = if !named.is_empty() {
            // the name's own date, even if its year cannot be known: no other date replaces it
            first(named)
        } else if ops == 1 {
            // a release about one action dates it first; another date near its name may be a past one
            r.first(text, ByteSpan::new(0, text.len()), take)
        } else {
            first(seen.iter().flat_map(|s| r.find(text, *s)).collect())
        };
        e.when = match found {
            Some((f, d)) => {
                let s = f.span();
                Some(When { from: d.from, to: d.to, said: text[s.start..s.end].to_string(), start: s.start, end: s.end })
            }
            None => date.map(|d| When { from: d, to: d, said: "release date".into(), start: 0, end: 0 }),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Gazetteer};

    fn when(text: &str, date: Option<&str>) -> Vec<(String, String, String)> {
        let ex = Extractor::new(Gazetteer::builtin().unwrap());
        let mut doc = Document::new("t.txt", text);
        doc.date = date.map(|d| d.parse().unwrap());
        let x = ex.extract(&doc);
        x.entities.iter().filter_map(|e| e.when.as_ref()).map(|w| (w.from.to_string(), w.to.to_string(), w.said.clone())).collect()
    }

    fn day(s: &str) -> (String, String, String) {
        let (a, b, c) = s
            .split('|')
            .map(str::to_string)
            .collect::<Vec<_>>()
            .try_into()
            .map(|v: [String; 3]| (v[0].clone(), v[1].clone(), v[2].clone()))
            .unwrap();
        (a, b, c)
    }

    const ACT: &str = "Title of the release\n\nAuthorities in Spain and Portugal arrested 14 suspects during a joint action day";

    #[test]
    fn the_forms_releases_write_dates_in() {
        let cases = [
            (" on 3 July.", "2023-07-03|2023-07-03|3 July"),
            (" between 8 and 12 November 2021.", "2021-11-08|2021-11-12|8 and 12 November 2021"),
            (" from 29 September to 4 October 2024.", "2024-09-29|2024-10-04|29 September to 4 October 2024"),
            (" from September 29 to October 4, 2024.", "2024-09-29|2024-10-04|September 29 to October 4, 2024"),
            (" in March 2022.", "2022-03-01|2022-03-31|in March 2022"),
            (" on Feb. 23.", "2023-02-23|2023-02-23|Feb. 23"),
            (" on 3-13 September.", "2022-09-03|2022-09-13|3-13 September"),
            (" last week.", "2023-07-05|2023-07-11|last week"),
        ];
        for (tail, want) in cases {
            let got = when(&format!("{ACT}{tail}"), Some("2023-07-12"));
            assert_eq!(got, vec![day(want)], "{tail}");
        }
    }

    #[test]
    fn a_missing_year_comes_from_the_release_date_or_nowhere() {
        // after the release's day: the year before
        assert_eq!(when(&format!("{ACT} on 20 December."), Some("2024-01-18")), vec![day("2023-12-20|2023-12-20|20 December")]);
        // no release date, no year in the headline: undated
        assert!(when(&format!("{ACT} on 3 July."), None).is_empty());
        // a year in the headline
        let t = "Operation Global Chain 2024 ends\n\nPolice in Austria arrested 219 suspects during the operation from 3 to 9 June.";
        assert_eq!(when(t, None), vec![day("2024-06-03|2024-06-09|3 to 9 June")]);
    }

    #[test]
    fn a_name_date_is_only_a_date_the_text_writes_whole() {
        // the name reads "October 20" off "October 2012"; that is no date of this action
        let t = "Ireland joins second action\n\nPolice in Ireland and Spain arrested 12 suspects on 11 June 2014. \
                 The joint action built on the first European action day carried out in October 2012.";
        assert_eq!(when(t, None), vec![day("2014-06-11|2014-06-11|11 June 2014")]);
    }

    #[test]
    fn a_short_date_line_near_the_top_is_the_release_date() {
        let ex = Extractor::new(Gazetteer::builtin().unwrap());
        let x = ex.extract(&Document::new("t.txt", format!("Title\n\nMonday, January 22, 2024\n\n{ACT} last month.")));
        assert_eq!(x.date.map(|d| d.to_string()).as_deref(), Some("2024-01-22"));
        // a date inside a sentence is no date line
        let x = ex.extract(&Document::new("t.txt", format!("Title\n\n{ACT} on 3 July 2023, and many more things were said after it.")));
        assert_eq!(x.date, None);
    }
}
