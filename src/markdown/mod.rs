//! Markdown to safe HTML: CommonMark + GFM via pulldown-cmark, code highlighted with
//! syntect, raw HTML sanitized with ammonia, link schemes checked, footnote ids prefixed.
//!
//! The source is parsed once into an event list ([`parse`]); the body and the summary are
//! both rendered from that list.

mod autolink;
mod emoji;
mod footnotes;
mod headings;
mod highlight;
mod highlight_cache;
mod line_memo;
mod links;
pub mod liquid;
mod parse;
/// The Markdown extensions gazette reads (tables, footnotes, task lists…).
pub(crate) use parse::OPTIONS;
mod sanitize;
mod words;

#[cfg(test)]
mod tests;

pub use highlight::{Highlighter, DEFAULT_DARK_THEME, DEFAULT_LIGHT_THEME};
pub use highlight_cache::HighlightCache;

use crate::text::scrub;
use crate::urls::DocBase;
use footnotes::FootnoteWriter;
use parse::Document;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Pass raw HTML through untouched (control characters are still removed).
    pub unsafe_html: bool,
    /// Highlight fenced code with syntect; otherwise plain code with a `language-xxx` class.
    pub highlight: bool,
    /// Read `$…$` and `$$…$$` as math, kept as written (a post's `math: true`, as Chirpy and
    /// Hugo themes ask for it): Markdown does not touch the TeX inside.
    pub math: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            unsafe_html: false,
            highlight: true,
            math: false,
        }
    }
}

/// `body` with its first `separator` (Jekyll's `excerpt_separator`) made the `<!--more-->`
/// marker that ends a summary, padded to the separator's length where it can be, so the
/// line's later columns stay where they were. Only a comment counts: Jekyll shows any other
/// separator as text, and so does gazette.
pub fn summary_marked_by<'b>(body: &'b str, separator: &str) -> Cow<'b, str> {
    const MARKER: &str = "<!--more-->";
    let custom = sanitize::is_comment(separator)
        && !sanitize::is_more_marker(separator)
        && !separator.contains('\n');
    // The first one outside code, where it is raw HTML.
    let outside_code = || {
        pulldown_cmark::Parser::new(body)
            .into_offset_iter()
            .find_map(|(event, range)| match event {
                Event::Html(_) | Event::InlineHtml(_) => {
                    let at = range.start + body.get(range)?.find(separator)?;
                    Some(at)
                }
                _ => None,
            })
    };
    match custom.then(outside_code).flatten() {
        Some(at) => {
            let pad = separator.len().saturating_sub(MARKER.len());
            let marker = format!("<!--more{:pad$}-->", "");
            let end = at + separator.len();
            Cow::Owned(format!("{}{marker}{}", &body[..at], &body[end..]))
        }
        None => Cow::Borrowed(body),
    }
}

/// A link or image destination, as written and as published, for `gazette check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// As written.
    pub dest: String,
    /// As the page has it (see [`crate::urls`]): what `check` looks for.
    pub url: String,
    /// 1-based, within the Markdown source given to [`render`].
    pub line: usize,
    pub is_image: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body as safe HTML.
    pub html: String,
    /// The part before `<!-- more -->`, else the first paragraph; "" if none.
    pub summary_html: String,
    /// Words of text (not markup, not code blocks).
    pub words: usize,
    /// Chinese and Japanese characters of that text, read by the character (a run of
    /// them also counts as one word above).
    pub cjk_chars: usize,
    /// Every link and image destination.
    pub links: Vec<Link>,
    /// Lines of raw `<img>` tags written without `alt` (given `alt=""`), for `check`.
    pub images_without_alt: Vec<usize>,
    /// Raw HTML elements the sanitizer removed (`iframe`, `script`…), with their lines.
    pub removed_html: Vec<(String, usize)>,
}

/// Renders one article's Markdown, with link destinations left as written. `id_prefix`
/// (e.g. the slug) keeps footnote ids unique when several articles share a page.
pub fn render(src: &str, id_prefix: &str, opts: &MarkdownOptions, hl: &Highlighter) -> Rendered {
    render_in(src, id_prefix, None, opts, hl)
}

/// Renders, resolving link and image destinations (Markdown and raw HTML) against `base`.
pub fn render_in(
    src: &str,
    id_prefix: &str,
    base: Option<&DocBase<'_>>,
    opts: &MarkdownOptions,
    hl: &Highlighter,
) -> Rendered {
    let src = scrub(src);
    // The source is clean now; only numeric character references (`&#1;`) can put a
    // forbidden character into the HTML, so the HTML is scrubbed only if it has one.
    let scrub_html = src.contains("&#");
    let doc = parse::parse(&src, opts, hl, base);
    let summary_html = match opening(&doc) {
        Some(Opening::Events(range)) => {
            let sanitize = needs_sanitizing(&doc, &range, opts);
            let events = summary_events(&doc.events[range]);
            to_html(events.into_iter(), sanitize, scrub_html, 1024)
        }
        Some(Opening::HtmlParagraph(at, bytes)) => {
            let sanitize = needs_sanitizing(&doc, &(at..at + 1), opts);
            let paragraph = match &doc.events[at] {
                Event::Html(html) => &html[bytes],
                _ => "",
            };
            let event = Event::Html(paragraph.into());
            to_html(
                std::iter::once(event),
                sanitize,
                scrub_html,
                paragraph.len(),
            )
        }
        None => String::new(),
    };
    let summary_html = if summary_html.trim().is_empty() {
        String::new()
    } else {
        summary_html
    };
    let sanitize = needs_sanitizing(&doc, &(0..doc.events.len()), opts);
    let mut notes = FootnoteWriter::new(&doc.footnotes, id_prefix);
    let events = footnotes::last(doc.events, &doc.footnotes);
    let body = events.into_iter().map(|event| match event {
        Event::FootnoteReference(label) => Event::InlineHtml(notes.reference(&label).into()),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Html(notes.start_definition(&label).into())
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(notes.end_definition().into()),
        other => other,
    });
    Rendered {
        // HTML runs a little longer than its Markdown; highlighted code much longer.
        html: to_html(body, sanitize, scrub_html, src.len() + src.len() / 2),
        summary_html,
        words: doc.words,
        cjk_chars: doc.cjk_chars,
        links: doc.links,
        images_without_alt: doc.images_without_alt,
        removed_html: doc.removed_html,
    }
}

impl Rendered {
    /// Minutes to read the text, at least one: 230 words a minute, and 500 characters a
    /// minute for Chinese and Japanese, written without spaces between words.
    pub fn reading_minutes(&self) -> usize {
        (self.words * 500 + self.cjk_chars * 230)
            .div_ceil(230 * 500)
            .max(1)
    }
}

fn needs_sanitizing(doc: &Document<'_>, range: &Range<usize>, opts: &MarkdownOptions) -> bool {
    !opts.unsafe_html && doc.raw_html.iter().any(|i| range.contains(i))
}

fn to_html<'a>(
    events: impl Iterator<Item = Event<'a>>,
    sanitize: bool,
    scrub_html: bool,
    capacity: usize,
) -> String {
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, events);
    if sanitize {
        html = sanitize::sanitize(&html);
    }
    // Entities such as `&#1;` decode to control characters after the source was scrubbed.
    if scrub_html {
        if let Cow::Owned(clean) = scrub(&html) {
            html = clean;
        }
    }
    // Documents live until the whole site is rendered: keep no spare capacity. A shrinking
    // realloc keeps the block (mimalloc does so down to half its size), so copy instead.
    if html.capacity() - html.len() > html.len() / 8 {
        html = html.as_str().to_owned();
    }
    html
}

/// Where a body's summary comes from.
enum Opening {
    /// These events: the part before `<!-- more -->`, or the first paragraph.
    Events(Range<usize>),
    /// A `<p>` element (these bytes) of the raw HTML block at this event, which comes
    /// before any Markdown paragraph (WordPress exports write every paragraph so).
    HtmlParagraph(usize, Range<usize>),
}

/// The events before `<!-- more -->` (unless they are only headings or markup without
/// words), else the first
/// paragraph outside footnotes, in Markdown or a raw HTML block's `<p>`. A paragraph that
/// opens with a picture is its caption (WordPress's `[caption]`), so the next one is
/// taken, or that one when there is no other.
fn opening(doc: &Document<'_>) -> Option<Opening> {
    if let Some(end) = doc.more.filter(|&end| !only_headings(&doc.events[..end])) {
        return Some(Opening::Events(0..end));
    }
    let mut in_footnote = false;
    let mut start = None;
    let mut caption = None;
    for (i, event) in doc.events.iter().enumerate() {
        // The paragraphs that end at this event, each with whether it opens with a picture.
        let found: Vec<(Opening, bool)> = match event {
            Event::Start(Tag::FootnoteDefinition(_)) => {
                in_footnote = true;
                Vec::new()
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                Vec::new()
            }
            Event::Start(Tag::Paragraph) if !in_footnote => {
                start = Some(i);
                Vec::new()
            }
            Event::End(TagEnd::Paragraph) => (start.take().into_iter())
                .map(|start| {
                    let picture = opens_with_picture(&doc.events[start + 1..i]);
                    (Opening::Events(start..i + 1), picture)
                })
                .collect(),
            Event::Html(html) if !in_footnote && start.is_none() => html_paragraphs(html)
                .map(|bytes| {
                    let p = &html[bytes.clone()];
                    let inner = p[p.find('>').map_or(0, |g| g + 1)..].trim_start();
                    (Opening::HtmlParagraph(i, bytes), opens_with_img(inner))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (opening, picture) in found {
            if !picture {
                return Some(opening);
            }
            caption.get_or_insert(opening);
        }
    }
    caption
}

/// True when a paragraph's events open with a picture, or a link around one.
fn opens_with_picture(events: &[Event<'_>]) -> bool {
    let first = match events {
        [Event::Start(Tag::Link { .. }), next, ..] => next,
        [first, ..] => first,
        [] => return false,
    };
    match first {
        Event::Start(Tag::Image { .. }) => true,
        Event::InlineHtml(html) => opens_with_img(html),
        _ => false,
    }
}

/// True when HTML opens with an `<img>`, or an `<a …>` whose content does.
fn opens_with_img(html: &str) -> bool {
    let starts = |s: &str, tag: &str| {
        s.get(..tag.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(tag))
    };
    if starts(html, "<a ") || starts(html, "<a>") {
        let inner = html.find('>').map_or("", |g| html[g + 1..].trim_start());
        return starts(inner, "<img");
    }
    starts(html, "<img")
}

/// Where the `<p>` elements in `html` that hold some text are, each up to its `</p>` (or
/// the end); tag names in any case. A `<p>` shown as code or hidden (in `<pre>`, a comment,
/// a script) is no paragraph.
fn html_paragraphs(html: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    const NOT_TEXT: [(&str, &str); 6] = [
        ("<!--", "-->"),
        ("<pre", "</pre>"),
        ("<code", "</code>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ];
    // `<p>`, `<p class=…>`: not `<pre>` or `<param>`.
    let opens = |rest: &str, name: &str| {
        rest.strip_prefix(name).is_some_and(|after| {
            name == "<!--" || after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
        })
    };
    // ASCII lower-casing keeps every byte where it was.
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = lower[from..].find('<').map(|i| from + i) {
            let rest = &lower[at..];
            if let Some((_, close)) = NOT_TEXT.iter().find(|(name, _)| opens(rest, name)) {
                from = rest
                    .find(close)
                    .map_or(html.len(), |i| at + i + close.len());
                continue;
            }
            from = at + 1;
            if !opens(rest, "<p") {
                continue;
            }
            let end = rest
                .find("</p>")
                .map_or(html.len(), |i| at + i + "</p>".len());
            from = end;
            if !crate::text::strip_tags(&html[at..end]).trim().is_empty() {
                return Some(at..end);
            }
        }
        None
    })
}

/// True when every block in `events` is a heading (or there is none).
fn only_headings(events: &[Event<'_>]) -> bool {
    let mut depth = 0;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => depth += 1,
            Event::End(TagEnd::Heading(_)) => depth -= 1,
            _ if depth > 0 => {}
            // Markup without words: Blogger's picture `<div>` before its jump break.
            Event::Html(h) | Event::InlineHtml(h)
                if crate::text::strip_tags(h).trim().is_empty() => {}
            Event::SoftBreak | Event::HardBreak => {}
            _ => return false,
        }
    }
    true
}

/// Renders a curator's `summary:` as a list shows it: like [`render_in`]'s summary, with
/// headings as bold paragraphs.
pub fn render_summary(
    src: &str,
    base: Option<&DocBase<'_>>,
    opts: &MarkdownOptions,
    hl: &Highlighter,
) -> (String, Vec<Link>) {
    let src = scrub(src);
    let doc = parse::parse(&src, opts, hl, base);
    let range = 0..doc.events.len();
    let sanitize = needs_sanitizing(&doc, &range, opts);
    let html = to_html(
        summary_events(&doc.events).into_iter(),
        sanitize,
        src.contains("&#"),
        src.len() + 64,
    );
    (html, doc.links)
}

/// The summary's events, fit to sit in a list's story card on the same page as other
/// stories: headings become bold paragraphs (a card has its own heading, and a heading
/// inside it would break the page's outline), no footnotes (their ids would repeat the
/// body's), and every open tag closed.
fn summary_events<'a>(events: &[Event<'a>]) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut open = Vec::new();
    let mut in_footnote = false;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
            _ if in_footnote => {}
            Event::FootnoteReference(_) => {}
            Event::Start(Tag::Heading { .. }) => {
                open.push(TagEnd::Paragraph);
                out.push(Event::Start(Tag::Paragraph));
                open.push(TagEnd::Strong);
                out.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                open.truncate(open.len().saturating_sub(2));
                out.push(Event::End(TagEnd::Strong));
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(tag) => {
                open.push(tag.to_end());
                out.push(event.clone());
            }
            Event::End(_) => {
                open.pop();
                out.push(event.clone());
            }
            _ => out.push(event.clone()),
        }
    }
    out.extend(open.into_iter().rev().map(Event::End));
    out
}
