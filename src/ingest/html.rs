//! A saved web page -> the text of its article, through a real HTML parser
//! (html5ever, by way of scraper), so every entity a browser knows is
//! decoded (`Pol&iacute;cia Judici&aacute;ria`) and malformed markup is
//! repaired as a browser would.
//!
//! The article is the page's `<article>` elements (outside navigation and
//! asides), else its `<main>`, else its `<body>`. Scripts, styles, forms,
//! navigation, site headers and footers, asides and cookie or consent
//! banners are dropped; a `<header>` inside the article (where the
//! headline lives) is kept. Block elements become line breaks and
//! paragraphs blank lines, so sentences and `Country: body` list lines keep
//! their shape. The headline (`<h1>`, else `<title>`) is the document's
//! title. Evidence offsets of an HTML file are into this text.

use scraper::{ElementRef, Html, Node, Selector};

/// The text of a page and its headline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
    /// The publication day the page's metadata gives (`article:published_time`,
    /// `datePublished`, `<time datetime>`...), for a release whose text has no date line.
    pub date: Option<crate::model::Day>,
}

/// Reduce an HTML page to its article text.
pub fn html_to_text(html: &str) -> String {
    page(html).text
}

/// Elements whose content is never article text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "svg", "math", "form", "iframe", "object", "embed", "canvas",
    "button", "select", "textarea", "dialog", "head",
];

/// Elements that end a line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "thead",
    "tbody",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "address",
    "hr",
    "title",
    "caption",
    "details",
    "summary",
    "body",
    "html",
];

/// Cell-like elements, kept apart on their line.
const CELL: &[&str] = &["td", "th"];

/// Read a page.
pub fn page(html: &str) -> Page {
    let doc = Html::parse_document(&close_unterminated(html));
    let roots = article_roots(&doc);
    let mut out = String::new();
    for (i, r) in roots.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        walk(*r, &mut out, false);
    }
    let mut text = tidy(&out);
    let title = headline(&doc, &roots);
    if let Some(t) = &title {
        // a headline outside the article (a page header) still heads the document
        if !text.lines().take(12).any(|l| l.trim() == t) {
            text = format!("{t}\n\n{text}");
        }
    }
    Page { title, text, date: published(&doc) }
}

/// The first publication date the page's markup states, in the order a
/// publisher is most likely to mean the release's own date.
fn published(doc: &Html) -> Option<crate::model::Day> {
    const WHERE: &[(&str, &str)] = &[
        ("meta[property='article:published_time']", "content"),
        ("meta[name='article:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='dcterms.date']", "content"),
        ("meta[name='DC.date']", "content"),
        ("time[datetime]", "datetime"),
    ];
    WHERE.iter().find_map(|(css, attr)| {
        let s = sel(css)?;
        doc.select(&s).find_map(|e| e.value().attr(attr).and_then(|v| v.trim().get(..10)).and_then(|d| d.parse().ok()))
    })
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The elements that hold the article.
fn article_roots(doc: &Html) -> Vec<ElementRef<'_>> {
    if let Some(s) = sel("article") {
        let articles: Vec<ElementRef> = doc
            .select(&s)
            .filter(|a| {
                !a.ancestors().filter_map(ElementRef::wrap).any(|p| {
                    let n = p.value().name();
                    n == "article" || n == "nav" || n == "aside" || n == "footer" || is_banner(p)
                }) && !is_banner(*a)
            })
            .collect();
        if !articles.is_empty() {
            return articles;
        }
    }
    for name in ["main", "body"] {
        if let Some(m) = sel(name).and_then(|s| doc.select(&s).next()) {
            return vec![m];
        }
    }
    vec![doc.root_element()]
}

/// The page's headline: its first `<h1>` (in the article first), else `<title>`.
fn headline(doc: &Html, roots: &[ElementRef]) -> Option<String> {
    let h1 = sel("h1")?;
    let in_article = roots.iter().find_map(|r| r.select(&h1).next());
    let found = in_article.or_else(|| doc.select(&h1).find(|h| !h.ancestors().filter_map(ElementRef::wrap).any(is_dropped)));
    let from_title = || sel("title").and_then(|t| doc.select(&t).next()).map(|t| collapse(&t.text().collect::<String>()));
    let title = found.map(|h| collapse(&h.text().collect::<String>())).filter(|t| !t.is_empty()).or_else(from_title)?;
    (!title.is_empty()).then_some(title)
}

/// A cookie or consent banner, by its id, class or label.
fn is_banner(e: ElementRef) -> bool {
    let v = e.value();
    let marks = ["cookie", "consent", "gdpr"];
    let has = |s: &str| {
        let l = s.to_ascii_lowercase();
        marks.iter().any(|m| l.contains(m))
    };
    v.id().is_some_and(has) || v.classes().any(has) || v.attr("aria-label").is_some_and(has) || v.attr("role") == Some("alertdialog")
}

fn is_dropped(e: ElementRef) -> bool {
    DROP.contains(&e.value().name()) || is_banner(e)
}

fn walk(e: ElementRef, out: &mut String, in_article: bool) {
    let name = e.value().name();
    if is_dropped(e) || e.value().attr("hidden").is_some() || e.value().attr("aria-hidden") == Some("true") {
        return;
    }
    // the site's header goes; the article's own header holds the headline
    if name == "header" && !in_article {
        return;
    }
    if name == "br" {
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
        return;
    }
    let in_article = in_article || name == "article" || name == "main";
    let block = BLOCK.contains(&name);
    let paragraph =
        matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "section" | "article" | "header" | "table");
    if block {
        breaks(out, if paragraph { 2 } else { 1 });
    }
    let pre = name == "pre";
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                if pre {
                    out.push_str(t);
                } else {
                    push_collapsed(out, t);
                }
            }
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if CELL.contains(&c.value().name()) {
                        out.push(' ');
                    }
                    walk(c, out, in_article);
                }
            }
            _ => {}
        }
    }
    if block {
        breaks(out, if paragraph { 2 } else { 1 });
    }
}

/// End the current line with at least `n` line breaks (2: a blank line),
/// without adding to breaks already there.
fn breaks(out: &mut String, n: usize) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..n {
        out.push('\n');
    }
}

/// HTML whitespace: any run of spaces, tabs and line breaks is one space.
fn push_collapsed(out: &mut String, t: &str) {
    let mut space = out.ends_with([' ', '\n']);
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(if c == '\u{a0}' { ' ' } else { c });
            space = false;
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trim each line and keep at most one blank line between paragraphs.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// Elements whose content the parser reads as raw text up to their end
/// tag: left open, they would swallow the rest of the page. An unclosed one
/// is closed right after its start tag, and an unclosed comment right
/// after `<!--`, so only the tag is lost.
fn close_unterminated(html: &str) -> std::borrow::Cow<'_, str> {
    const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];
    let lower = html.to_ascii_lowercase();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let at = i + off;
        let rest = &lower[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            match comment.find("-->") {
                Some(end) => i = at + 1 + 3 + end + 3,
                None => {
                    inserts.push((at + 4, "-->".into()));
                    break;
                }
            }
            continue;
        }
        let tag =
            RAW.iter().find(|t| rest.starts_with(**t) && !rest[t.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-'));
        let Some(tag) = tag else {
            i = at + 1;
            continue;
        };
        let Some(gt) = lower[at..].find('>') else { break };
        let open_end = at + gt + 1;
        let close = format!("</{tag}");
        match lower[open_end..].find(&close) {
            Some(c) => i = open_end + c + close.len(),
            None => {
                inserts.push((open_end, format!("</{tag}>")));
                i = open_end;
            }
        }
    }
    if inserts.is_empty() {
        return html.into();
    }
    let mut out = String::with_capacity(html.len() + 16 * inserts.len());
    let mut last = 0;
    for (at, s) in inserts {
        // every insertion point follows an ASCII '>' or '<!--', so it is a char boundary
        out.push_str(&html[last..at]);
        out.push_str(&s);
        last = at;
    }
    out.push_str(&html[last..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_and_entities_are_removed() {
        let html = "<html><head><script>var x = '<p>';</script><title>T</title></head><body><p>Europol &amp; Eurojust</p><p>Police in Spain&#8217;s south</p></body></html>";
        let text = html_to_text(html);
        assert!(text.contains("Europol & Eurojust\n"), "{text}");
        assert!(text.contains("Spain’s south"));
        assert!(!text.contains("var x"));
    }

    #[test]
    fn every_named_entity_is_decoded() {
        let p = page("<p>Pol&iacute;cia Judici&aacute;ria and the Garda S&iacute;och&aacute;na &mdash; &euro;2m</p>");
        assert!(p.text.contains("Polícia Judiciária and the Garda Síochána — €2m"), "{}", p.text);
    }

    #[test]
    fn an_unterminated_script_or_style_loses_only_its_tag() {
        let t = html_to_text("<body><p>First paragraph.</p><script>var a = 1;<p>Europol supported the action.</p></body>");
        assert!(t.contains("First paragraph.") && t.contains("Europol supported the action."), "{t}");
        let t = html_to_text("<body><style>p { color: red }<p>Eurojust coordinated it.</p>");
        assert!(t.contains("Eurojust coordinated it."), "{t}");
        let t = html_to_text("<body><p>Kept.</p><!-- open comment <p>Also kept.</p>");
        assert!(t.contains("Also kept."), "{t}");
    }

    #[test]
    fn the_article_header_is_kept_and_the_site_header_dropped() {
        let html = r#"<html><head><title>Home | Police</title></head><body>
            <header><a href="/">Police portal</a></header>
            <nav><ul><li>News</li><li>Contact</li></ul></nav>
            <div id="cookie-banner">We use cookies. Accept?</div>
            <article><header><h1>Nine arrested in Spain</h1><p>Source: Europol</p></header>
            <p>With the support of Europol, the Guardia Civil arrested nine suspects.</p>
            <ul><li>Spain: Guardia Civil</li><li>France: Gendarmerie Nationale</li></ul></article>
            <footer>All rights reserved</footer></body></html>"#;
        let p = page(html);
        assert_eq!(p.title.as_deref(), Some("Nine arrested in Spain"));
        assert!(p.text.starts_with("Nine arrested in Spain\n\nSource: Europol\n"), "{}", p.text);
        assert!(p.text.contains("\nSpain: Guardia Civil\nFrance: Gendarmerie Nationale\n"), "{}", p.text);
        for gone in ["Police portal", "News", "cookies", "rights reserved", "Home | Police"] {
            assert!(!p.text.contains(gone), "{gone}: {}", p.text);
        }
    }

    #[test]
    fn without_h1_the_title_element_heads_the_text() {
        let p = page(
            "<html><head><title>Operation Harbour Light</title></head><body><main><p>INTERPOL coordinated it.</p></main></body></html>",
        );
        assert_eq!(p.title.as_deref(), Some("Operation Harbour Light"));
        assert!(p.text.starts_with("Operation Harbour Light\n\nINTERPOL coordinated it.\n"), "{}", p.text);
    }

    #[test]
    fn nested_headers_give_the_article_headline_and_main_is_preferred_to_body() {
        // the site's logo is an <h1> too; the article's own header holds the headline
        let p = page(
            r#"<body><header><h1>National Police Portal</h1><nav>Press | Careers</nav></header>
            <main><article><header><div class="meta"><header><h1>Six held in Malta and Italy</h1></header>
            <p>Valletta, 2 May</p></div></header><section><p>Eurojust coordinated the action.</p></section></article>
            <aside><p>Most read: Europol annual report</p></aside></main></body>"#,
        );
        assert_eq!(p.title.as_deref(), Some("Six held in Malta and Italy"));
        assert!(p.text.starts_with("Six held in Malta and Italy\n"), "{}", p.text);
        assert!(p.text.contains("Valletta, 2 May") && p.text.contains("Eurojust coordinated the action."), "{}", p.text);
        for gone in ["National Police Portal", "Careers", "Most read"] {
            assert!(!p.text.contains(gone), "{gone}: {}", p.text);
        }
        // no <article>: <main> is the article, the rest of <body> is not
        let p = page("<body><div>Site menu: Home</div><main><p>Frontex supported it.</p></main><div>Follow us</div></body>");
        assert!(p.text.contains("Frontex supported it.") && !p.text.contains("Site menu") && !p.text.contains("Follow us"), "{}", p.text);
        // neither: the body, less its clutter
        let p = page("<body><nav>Home</nav><p>INTERPOL coordinated it.</p><script>x()</script></body>");
        assert!(p.text.contains("INTERPOL coordinated it.") && !p.text.contains("Home") && !p.text.contains("x()"), "{}", p.text);
    }
}
