//! Reads an email's HTML for the fast inliner: only documents whose element tree an HTML
//! parser builds exactly as written — a doctype, explicit `<html>`, `<head>` and `<body>`,
//! every element closed in order, no element the parser would move, reopen or close by
//! itself. Anything else is `None`, and the email goes to the reference inliner, which
//! parses HTML as browsers do.

use std::ops::Range;

/// An element of the document: where its start tag ends, and what selectors can see.
#[derive(Debug)]
pub struct Element<'a> {
    pub name: &'static str,
    /// The `class` attribute as written (no character references).
    pub class: &'a str,
    pub id: Option<&'a str>,
    pub parent: Option<usize>,
    /// Where a `style` attribute goes: at the start tag's closing `>` or `/>`.
    pub style_at: usize,
}

impl Element<'_> {
    pub fn has_class(&self, class: &str) -> bool {
        self.class.split_ascii_whitespace().any(|c| c == class)
    }
}

/// A document the fast inliner can handle.
#[derive(Debug)]
pub struct Document<'a> {
    /// Every element but `<style>`, in document order.
    pub elements: Vec<Element<'a>>,
    /// The text of each `<style>` element, and the whole element's byte range.
    pub styles: Vec<(&'a str, Range<usize>)>,
    /// Where `</head>` starts.
    pub head_end: usize,
}

/// Elements that end at their start tag.
const VOID: &[&str] = &["base", "br", "hr", "img", "meta", "wbr"];
/// Elements allowed inside a `<p>`: none of them closes it.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];
/// Body elements that close an open `<p>` or have other parser rules checked below.
const BLOCK: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const DOCUMENT: &[&str] = &["html", "head", "body", "meta", "title", "style", "base"];

/// The known element `name` (any case) is, as its lowercase `'static` name.
fn known(name: &str) -> Option<&'static str> {
    [DOCUMENT, PHRASING, BLOCK]
        .into_iter()
        .flatten()
        .find(|known| known.eq_ignore_ascii_case(name))
        .copied()
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// Text, and whether it is all whitespace.
    Text(bool),
    Comment,
    Doctype,
    Start(Tag<'a>),
    End(&'static str),
}

#[derive(Debug, PartialEq)]
struct Tag<'a> {
    name: &'static str,
    class: &'a str,
    id: Option<&'a str>,
    self_closing: bool,
    style_at: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    AfterBody,
    AfterHtml,
}

/// The document, if the fast inliner can handle it.
pub fn read(html: &str) -> Option<Document<'_>> {
    if html.contains('\0') {
        return None;
    }
    let mut scanner = Scanner { html, pos: 0 };
    let mut doc = Document {
        elements: Vec::new(),
        styles: Vec::new(),
        head_end: 0,
    };
    // Open elements, as indices into `doc.elements`.
    let mut open: Vec<usize> = Vec::new();
    let mut mode = Mode::Initial;
    while scanner.pos < html.len() {
        let start = scanner.pos;
        let token = scanner.next()?;
        mode = match (mode, token) {
            (_, Token::Comment) => mode,
            (Mode::InBody, Token::Text(_)) | (_, Token::Text(true)) => mode,
            (Mode::Initial, Token::Doctype) => Mode::BeforeHtml,
            (Mode::BeforeHtml, Token::Start(tag)) if tag.name == "html" => {
                push(&mut doc, &mut open, tag);
                Mode::BeforeHead
            }
            (Mode::BeforeHead, Token::Start(tag)) if tag.name == "head" => {
                push(&mut doc, &mut open, tag);
                Mode::InHead
            }
            (Mode::InHead, Token::Start(tag)) => {
                match tag.name {
                    "meta" | "base" => push(&mut doc, &mut open, tag),
                    "title" => {
                        push(&mut doc, &mut open, tag);
                        scanner.raw_text("title")?;
                        open.pop();
                    }
                    "style" if !tag.self_closing => {
                        let text = scanner.raw_text("style")?;
                        doc.styles.push((text, start..scanner.pos));
                    }
                    _ => return None,
                }
                Mode::InHead
            }
            (Mode::InHead, Token::End("head")) => {
                doc.head_end = start;
                open.pop();
                Mode::AfterHead
            }
            (Mode::AfterHead, Token::Start(tag)) if tag.name == "body" => {
                push(&mut doc, &mut open, tag);
                Mode::InBody
            }
            (Mode::InBody, Token::Start(tag)) => {
                if !fits_in_body(&doc, &open, &tag) {
                    return None;
                }
                push(&mut doc, &mut open, tag);
                Mode::InBody
            }
            (Mode::InBody, Token::End(name)) => {
                let top = doc.elements[*open.last()?].name;
                if top != name || VOID.contains(&name) {
                    return None;
                }
                open.pop();
                if name == "body" {
                    Mode::AfterBody
                } else {
                    Mode::InBody
                }
            }
            (Mode::AfterBody, Token::End("html")) => {
                open.pop();
                Mode::AfterHtml
            }
            _ => return None,
        };
    }
    (mode == Mode::AfterHtml).then_some(doc)
}

/// Adds the element of a start tag; it stays open unless it is void.
fn push<'a>(doc: &mut Document<'a>, open: &mut Vec<usize>, tag: Tag<'a>) {
    let void = VOID.contains(&tag.name);
    doc.elements.push(Element {
        name: tag.name,
        class: tag.class,
        id: tag.id,
        parent: open.last().copied(),
        style_at: tag.style_at,
    });
    if !void {
        open.push(doc.elements.len() - 1);
    }
}

/// Whether a parser puts this body element where it is written, as a child of the current
/// element, without closing anything first.
fn fits_in_body(doc: &Document, open: &[usize], tag: &Tag) -> bool {
    let name = tag.name;
    let inside = |names: &[&str]| open.iter().any(|&i| names.contains(&doc.elements[i].name));
    let parent = doc.elements[open[open.len() - 1]].name;
    let well_placed = match name {
        "html" | "head" | "body" | "meta" | "title" | "style" | "base" => false,
        "li" => matches!(parent, "ul" | "ol"),
        "dd" | "dt" => parent == "dl",
        "a" => !inside(&["a"]),
        _ if HEADINGS.contains(&name) => !inside(HEADINGS),
        _ => true,
    };
    let closes_p = !PHRASING.contains(&name) && inside(&["p"]);
    let self_closing_ok = !tag.self_closing || VOID.contains(&name);
    well_placed && !closes_p && self_closing_ok
}

struct Scanner<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.html[self.pos..]
    }

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = self.rest();
        if !rest.starts_with('<') {
            let len = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
            self.pos += len;
            let space = rest[..len].bytes().all(|b| b.is_ascii_whitespace());
            return Some(Token::Text(space));
        }
        let after = &rest[1..];
        if let Some(comment) = after.strip_prefix("!--") {
            // `<!-->`, `<!--->` and `--!>` end a comment early in HTML; leave them to the parser.
            let end = comment.find("-->")?;
            let body = &comment[..end];
            if body.starts_with('>') || body.starts_with("->") || body.contains("--!>") {
                return None;
            }
            self.pos += "<!--".len() + end + "-->".len();
            return Some(Token::Comment);
        }
        let doctype = "<!doctype html>";
        if starts_with_ignoring_case(rest, doctype) {
            self.pos += doctype.len();
            return Some(Token::Doctype);
        }
        if let Some(end) = after.strip_prefix('/') {
            let len = memchr::memchr(b'>', end.as_bytes())?;
            let name = known(end[..len].trim_end_matches(|c: char| c.is_ascii_whitespace()))?;
            self.pos += "</>".len() + len;
            return Some(Token::End(name));
        }
        self.start_tag()
    }

    /// A start tag; its `class` and `id` are read, every other attribute skipped.
    fn start_tag(&mut self) -> Option<Token<'a>> {
        let rest = self.rest();
        let name_len = rest[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len() - 1);
        let name = known(&rest[1..1 + name_len])?;
        let mut at = 1 + name_len;
        let mut tag = Tag {
            name,
            class: "",
            id: None,
            self_closing: false,
            style_at: 0,
        };
        let mut seen: Vec<&str> = Vec::new();
        loop {
            at += rest[at..].len() - rest[at..].trim_start_matches(is_space).len();
            let here = &rest[at..];
            if here.starts_with("/>") || here.starts_with('>') {
                tag.self_closing = here.starts_with('/');
                tag.style_at = self.pos + at;
                self.pos += at + if tag.self_closing { 2 } else { 1 };
                return Some(Token::Start(tag));
            }
            let name_len = here.find(|c: char| is_space(c) || c == '/' || c == '>' || c == '=')?;
            let attr = &here[..name_len];
            if attr.is_empty() || attr.contains(['"', '\'', '<']) {
                return None;
            }
            if seen.iter().any(|s| s.eq_ignore_ascii_case(attr))
                || attr.eq_ignore_ascii_case("style")
                || attr.eq_ignore_ascii_case("data-css-inline")
            {
                return None;
            }
            seen.push(attr);
            at += name_len;
            at += rest[at..].len() - rest[at..].trim_start_matches(is_space).len();
            let mut value = "";
            if let Some(v) = rest[at..].strip_prefix('=') {
                let v_start = v.trim_start_matches(is_space);
                at = rest.len() - v_start.len();
                let len;
                (value, len) = match v_start.as_bytes().first()? {
                    &q @ (b'"' | b'\'') => {
                        let end = memchr::memchr(q, &v_start.as_bytes()[1..])?;
                        let after = v_start.as_bytes().get(end + 2)?;
                        if !(is_space(*after as char) || matches!(after, b'/' | b'>')) {
                            return None;
                        }
                        (&v_start[1..1 + end], end + 2)
                    }
                    _ => {
                        let len = v_start.find(|c: char| is_space(c) || c == '>')?;
                        let value = &v_start[..len];
                        if value.is_empty() || value.contains(['"', '\'', '<', '=', '`']) {
                            return None;
                        }
                        (value, len)
                    }
                };
                at += len;
            }
            if attr.eq_ignore_ascii_case("class") || attr.eq_ignore_ascii_case("id") {
                if value.contains('&') {
                    return None;
                }
                if attr.eq_ignore_ascii_case("class") {
                    tag.class = value;
                } else {
                    tag.id = Some(value);
                }
            }
        }
    }

    /// The text of a `<title>` or `<style>` up to its end tag, which is consumed.
    fn raw_text(&mut self, name: &str) -> Option<&'a str> {
        let rest = self.rest();
        let mut from = 0;
        loop {
            let close = from + rest[from..].find("</")?;
            let after = &rest[close + 2..];
            if starts_with_ignoring_case(after, name) {
                // Only `</name>` is read; `</name ` and `</name/` are left to the parser.
                if after.as_bytes().get(name.len()) != Some(&b'>') {
                    return None;
                }
                self.pos += close + 2 + name.len() + 1;
                return Some(&rest[..close]);
            }
            from = close + 2;
        }
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// HTML's whitespace inside tags.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>T &amp; <x></title>\n<style>p {{ margin: 0 }}</style>\n</head>\n\
             <body>\n{body}\n</body>\n</html>\n"
        )
    }

    #[test]
    fn reads_a_well_formed_email() {
        let html = page(
            "<div class=\"story  big\" id=s1><h2><a href='/x?a=1&amp;b=2'>A</a></h2>\
             <p>One<br>two <img src=\"x.png\" alt=\"\"/> <em>three</em></p><!-- c -->\
             <ul><li>x</li></ul></div>",
        );
        let doc = read(&html).unwrap();
        let names: Vec<&str> = doc.elements.iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "html", "head", "meta", "title", "body", "div", "h2", "a", "p", "br", "img", "em",
                "ul", "li"
            ]
        );
        let div = &doc.elements[5];
        assert!(div.has_class("story") && div.has_class("big") && !div.has_class("stor"));
        assert_eq!(div.id, Some("s1"));
        assert_eq!(div.parent, Some(4));
        assert_eq!(doc.elements[11].parent, Some(8), "em is inside p");
        assert_eq!(&html[doc.elements[10].style_at..][..2], "/>");
        assert_eq!(doc.styles.len(), 1);
        let (css, range) = &doc.styles[0];
        assert_eq!(*css, "p { margin: 0 }");
        assert_eq!(&html[range.clone()], "<style>p { margin: 0 }</style>");
        assert!(html[doc.head_end..].starts_with("</head>"));
    }

    #[test]
    fn leaves_what_a_parser_would_rebuild_to_the_reference() {
        for body in [
            "<p>a<div>b</div></p>",
            "<p>a<p>b</p></p>",
            "<ul><li>a<li>b</li></ul>",
            "<li>a</li>",
            "<a href=x><a href=y>b</a></a>",
            "<h2><h3>x</h3></h2>",
            "<div>unclosed",
            "<b><i>x</b></i>",
            "<table><tr><td>x</td></tr></table>",
            "<div/>",
            "<p style=\"color: red\">x</p>",
            "<p class=a class=b>x</p>",
            "<p class=\"&#97;\">x</p>",
            "<script>x</script>",
            "<svg></svg>",
            "a < b",
            "<br></br>",
            "<!-->",
            "<p data-css-inline=ignore>x</p>",
        ] {
            assert!(read(&page(body)).is_none(), "{body}");
        }
        let no_doctype = page("<p>x</p>").replace("<!DOCTYPE html>", "");
        assert!(read(&no_doctype).is_none());
        let no_body = page("x").replace("<body>", "");
        assert!(read(&no_body).is_none());
        let text_in_head = page("x").replace("<head>", "<head>words");
        assert!(read(&text_in_head).is_none());
    }
}
