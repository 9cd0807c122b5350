//! One pass over pulldown-cmark's events: code blocks become highlighted HTML, link
//! destinations are checked and recorded, raw HTML is noted, words are counted, and
//! headings and footnotes are collected. Rendering then only replays the events.

use super::autolink;
use super::footnotes::Footnotes;
use super::headings::{assign_ids, Heading};
use super::highlight::{language_of, Highlighter};
use super::links::{is_dangerous_url, LineIndex, NEUTRALIZED};
use super::sanitize::{is_comment, is_more_marker};
use super::words;
use super::{Link, MarkdownOptions};
use crate::text::scrub;
use crate::urls::{self, DocBase};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

pub(crate) struct Document<'a> {
    pub(crate) events: Vec<Event<'a>>,
    /// Indices of raw HTML events, to decide what needs sanitizing.
    pub(crate) raw_html: Vec<usize>,
    /// Where `<!-- more -->` was (the index of the event after it).
    pub(crate) more: Option<usize>,
    pub(crate) words: usize,
    pub(crate) cjk_chars: usize,
    pub(crate) links: Vec<Link>,
    pub(crate) footnotes: Footnotes,
    /// Lines of raw `<img>` tags that had no `alt`.
    pub(crate) images_without_alt: Vec<usize>,
    /// Raw HTML elements sanitizing removes, with their lines (none with `unsafe_html`).
    pub(crate) removed_html: Vec<(String, usize)>,
}

/// Lists and block quotes nested deeper than this are flattened: their content stays,
/// their tags go. Browsers stop nesting elements at 512 levels and build a different tree
/// (the page is then invalid); no real article comes near this.
const MAX_NESTING: usize = 100;

pub(crate) fn parse<'a>(
    src: &'a str,
    opts: &MarkdownOptions,
    hl: &Highlighter,
    base: Option<&DocBase<'_>>,
) -> Document<'a> {
    let mut b = Builder {
        base,
        doc: Document {
            events: Vec::with_capacity(src.len() / 16),
            raw_html: Vec::new(),
            more: None,
            words: 0,
            cjk_chars: 0,
            links: Vec::new(),
            footnotes: Footnotes::default(),
            images_without_alt: Vec::new(),
            removed_html: Vec::new(),
        },
        opts,
        hl,
        src,
        lines: LineIndex::new(src),
        code: None,
        html_block: None,
        heading: None,
        headings: Vec::new(),
        in_word: false,
        containers: Vec::new(),
        kept_containers: 0,
        in_link: 0,
        text: None,
        bare_addresses: autolink::bare_in(src),
    };
    let options = match opts.math {
        true => OPTIONS.union(Options::ENABLE_MATH),
        false => OPTIONS,
    };
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        b.push(event, range);
    }
    b.end_text();
    assign_ids(&mut b.doc.events, &b.headings);
    b.doc
}

struct Builder<'a, 'o> {
    /// Where the document lives and is published, to resolve its links.
    base: Option<&'o DocBase<'o>>,
    doc: Document<'a>,
    opts: &'o MarkdownOptions,
    hl: &'o Highlighter,
    src: &'a str,
    lines: LineIndex<'a>,
    /// Inside a code block: its info string and text so far.
    code: Option<(Option<CowStr<'a>>, String)>,
    /// Inside an HTML block: where it starts and its lines so far, joined so a block is
    /// judged whole.
    html_block: Option<(usize, String)>,
    heading: Option<Heading>,
    headings: Vec<Heading>,
    in_word: bool,
    /// The open lists, items and block quotes: whether each one's tags were kept.
    containers: Vec<bool>,
    /// How many of them were kept.
    kept_containers: usize,
    /// How many links and images the text is in: no address in them is linked again.
    in_link: usize,
    /// Text that may hold a bare address, kept until the text ends: the parser splits text
    /// at `_` and `*` that make no emphasis, so an address holding them comes in pieces.
    text: Option<KeptText>,
    /// The source may hold a bare address (see [`autolink::bare_in`]): else no text is
    /// looked at for one.
    bare_addresses: bool,
}

/// Text kept for its addresses (see [`Builder::end_text`]): as written, where smart
/// punctuation changed it (an address's `'`, `...` or `--` is not `’`, `…` or `–`), and
/// the pieces it came in.
struct KeptText {
    written: String,
    pieces: Vec<Piece>,
    offset: usize,
}

struct Piece {
    /// Where the piece is in `written`.
    at: std::ops::Range<usize>,
    /// What smart punctuation shows for it, if that differs from what was written.
    shown: Option<String>,
}

impl KeptText {
    /// The text of `range` of `written` as shown: each whole piece in it as smart
    /// punctuation made it.
    fn shown(&self, range: std::ops::Range<usize>) -> String {
        let mut out = String::with_capacity(range.len());
        for piece in &self.pieces {
            let (start, end) = (piece.at.start.max(range.start), piece.at.end.min(range.end));
            if start >= end {
                continue;
            }
            match &piece.shown {
                Some(shown) if (start, end) == (piece.at.start, piece.at.end) => {
                    out.push_str(shown)
                }
                _ => out.push_str(&self.written[start..end]),
            }
        }
        out
    }
}

impl<'a> Builder<'a, '_> {
    fn push(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        let offset = range.start;
        if !matches!(event, Event::Text(_)) {
            self.end_text();
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                _ => {}
            }
            return;
        }
        if let Some((_, html)) = &mut self.html_block {
            match event {
                Event::Html(text) | Event::Text(text) => html.push_str(&text),
                Event::End(TagEnd::HtmlBlock) => self.end_html_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((info, String::new()));
            }
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((offset, String::new())),
            Event::Html(html) | Event::InlineHtml(html) => {
                // An address inside a raw `<a>` or `<code>` is not linked again.
                let holds_no_link =
                    |name: &str| NO_AUTOLINK_IN.iter().any(|n| n.eq_ignore_ascii_case(name));
                match raw_tag(&html) {
                    Some((true, name)) if holds_no_link(name) => {
                        self.in_link = self.in_link.saturating_sub(1)
                    }
                    Some((false, name)) if holds_no_link(name) => self.in_link += 1,
                    _ => {}
                }
                self.raw_html(html, offset, false)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_link += 1;
                let dest_url = self.destination(dest_url, offset, false);
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_link += 1;
                let dest_url = self.destination(dest_url, offset, true);
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                mut attrs,
            }) => {
                // `{onclick=…}` is raw HTML by another name.
                if !self.opts.unsafe_html {
                    attrs.clear();
                }
                let index = self.doc.events.len();
                self.heading = Some(Heading {
                    index,
                    text: String::new(),
                });
                self.emit(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                self.headings.extend(self.heading.take());
                self.end_word();
                self.emit(Event::End(TagEnd::Heading(level)));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1);
                self.emit(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.count_words(text);
                if let Some(heading) = &mut self.heading {
                    heading.text.push_str(text);
                }
                match event {
                    Event::Text(text)
                        if self.bare_addresses
                            && self.in_link == 0
                            && (self.text.is_some() || autolink::may_hold(&text)) =>
                    {
                        self.keep_text(&text, range)
                    }
                    event => self.emit(event),
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                self.end_word();
                let kept = self.kept_containers < MAX_NESTING;
                self.containers.push(kept);
                if kept {
                    self.kept_containers += 1;
                    self.emit(event);
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                self.end_word();
                if self.containers.pop().unwrap_or(true) {
                    self.kept_containers = self.kept_containers.saturating_sub(1);
                    self.emit(event);
                }
            }
            Event::FootnoteReference(ref label) => {
                self.doc.footnotes.saw_reference(label);
                self.emit(event);
            }
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                self.doc.footnotes.saw_definition(label);
                self.end_word();
                self.emit(event);
            }
            _ => {
                if !is_inline(&event) {
                    self.end_word();
                }
                self.emit(event);
            }
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        self.doc.events.push(event);
    }

    /// Keeps a piece of text that may hold an address (see [`KeptText`]).
    fn keep_text(&mut self, text: &str, range: std::ops::Range<usize>) {
        let kept = self.text.get_or_insert_with(|| KeptText {
            written: String::new(),
            pieces: Vec::new(),
            offset: range.start,
        });
        let source = self.src.get(range).unwrap_or(text);
        let smart = matches!(text, "“" | "”" | "‘" | "’" | "–" | "—" | "…")
            && matches!(source, "\"" | "'" | "--" | "---" | "...");
        let written = if smart { source } else { text };
        let start = kept.written.len();
        kept.written.push_str(written);
        kept.pieces.push(Piece {
            at: start..kept.written.len(),
            shown: smart.then(|| text.to_string()),
        });
    }

    /// The text kept for its addresses, with each made a link (see autolink.rs): an
    /// address as written, the rest as shown.
    fn end_text(&mut self) {
        let Some(kept) = self.text.take() else {
            return;
        };
        let mut at = 0;
        for (range, dest) in autolink::find(&kept.written) {
            if range.start > at {
                self.emit(Event::Text(kept.shown(at..range.start).into()));
            }
            let dest_url = self.destination(dest.into(), kept.offset, false);
            self.emit(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url,
                title: "".into(),
                id: "".into(),
            }));
            self.emit(Event::Text(kept.written[range.clone()].to_string().into()));
            self.emit(Event::End(TagEnd::Link));
            at = range.end;
        }
        if at < kept.written.len() {
            self.emit(Event::Text(kept.shown(at..kept.written.len()).into()));
        }
    }

    fn end_code_block(&mut self) {
        let Some((info, code)) = self.code.take() else {
            return;
        };
        let lang = info.as_deref().and_then(language_of);
        let mut html = String::with_capacity(code.len() * 4 + 64);
        self.hl
            .write_code_block(lang, &code, self.opts.highlight, &mut html);
        self.emit(Event::Html(html.into()));
    }

    /// A raw HTML block; a summary marker inside it (an HTML post's paragraphs run on
    /// without blank lines, or on one line, as Blogger's exports write them) splits it
    /// there.
    fn end_html_block(&mut self) {
        let Some((offset, html)) = self.html_block.take() else {
            return;
        };
        let marker = self
            .doc
            .more
            .is_none()
            .then(|| more_marker_in(&html))
            .flatten()
            .filter(|line| line.start > 0 || line.end < html.len());
        match marker {
            Some(line) => {
                let (before, after) = (&html[..line.start], &html[line.end..]);
                if !before.trim().is_empty() {
                    self.raw_html(before.to_string().into(), offset, true);
                }
                self.raw_html(
                    html[line.clone()].to_string().into(),
                    offset + line.start,
                    true,
                );
                if !after.trim().is_empty() {
                    self.raw_html(after.to_string().into(), offset + line.end, true);
                }
            }
            None => self.raw_html(html.into(), offset, true),
        }
    }

    /// Lone comments are dropped; the first `<!-- more -->` marks the summary's end. URL
    /// attributes are resolved as Markdown destinations are.
    fn raw_html(&mut self, html: CowStr<'a>, offset: usize, block: bool) {
        let here = self.doc.events.len();
        if is_more_marker(&html) {
            self.doc.more.get_or_insert(here);
        } else if !is_comment(&html) {
            if !self.opts.unsafe_html {
                self.record_removed(&html, offset);
            }
            let html = self.raw_html_urls(html, offset);
            let html = self.raw_html_alt(html, offset);
            self.doc.raw_html.push(here);
            self.emit(if block {
                Event::Html(html)
            } else {
                Event::InlineHtml(html)
            });
        }
    }

    /// Returns what the page may use for `dest`, and records both for `gazette check`.
    fn destination(&mut self, dest: CowStr<'a>, offset: usize, is_image: bool) -> CowStr<'a> {
        let url: CowStr<'a> = if is_dangerous_url(&dest, is_image) {
            CowStr::Borrowed(NEUTRALIZED)
        } else {
            match self.base.and_then(|base| urls::resolve(&dest, base)) {
                Some(url) => url.into(),
                None => dest.clone(),
            }
        };
        self.doc.links.push(Link {
            dest: scrub(&dest).into_owned(),
            url: scrub(&url).into_owned(),
            line: self.lines.line_of(offset),
            is_image,
        });
        url
    }

    /// Resolves the URL attributes of a raw HTML fragment starting at `offset`, recording
    /// each for `gazette check`. Dangerous URLs are left to the sanitizer (or, with
    /// `unsafe_html`, as written).
    fn raw_html_urls(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(base) = self.base else {
            return html;
        };
        let first_line = self.lines.line_of(offset);
        let links = &mut self.doc.links;
        let rewritten = urls::rewrite_url_attributes(&html, |attr| {
            let is_image = attr.element == "img";
            if is_dangerous_url(attr.url, is_image) {
                return None;
            }
            let url = urls::resolve(attr.url, base);
            let newlines = memchr::memchr_iter(b'\n', &html.as_bytes()[..attr.offset]).count();
            links.push(Link {
                dest: scrub(attr.url).into_owned(),
                url: scrub(url.as_deref().unwrap_or(attr.url)).into_owned(),
                line: first_line + newlines,
                is_image,
            });
            url
        });
        let rewritten = match rewritten {
            std::borrow::Cow::Owned(new) => Some(new),
            std::borrow::Cow::Borrowed(_) => None,
        };
        rewritten.map_or(html, CowStr::from)
    }

    /// Elements the sanitizer will remove from a raw HTML fragment, at their lines.
    fn record_removed(&mut self, html: &str, offset: usize) {
        let first_line = self.lines.line_of(offset);
        for (name, at) in super::sanitize::removed_elements(html) {
            let newlines = memchr::memchr_iter(b'\n', &html.as_bytes()[..at]).count();
            self.doc.removed_html.push((name, first_line + newlines));
        }
    }

    /// Images in raw HTML without `alt` get `alt=""`; their lines are kept for `check`.
    fn raw_html_alt(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let (fixed, missing) = urls::add_missing_alt(&html);
        let first_line = self.lines.line_of(offset);
        for at in missing {
            let newlines = memchr::memchr_iter(b'\n', &html.as_bytes()[..at]).count();
            self.doc.images_without_alt.push(first_line + newlines);
        }
        match fixed {
            std::borrow::Cow::Owned(new) => CowStr::from(new),
            std::borrow::Cow::Borrowed(_) => html,
        }
    }

    /// Words are counted across text events, so one split by inline markup counts once.
    fn count_words(&mut self, text: &str) {
        let (words, in_word) = words::count(text, self.in_word);
        self.doc.words += words;
        self.in_word = in_word;
        if !text.is_ascii() {
            self.doc.cjk_chars += words::cjk_chars(text);
        }
    }

    fn end_word(&mut self) {
        self.in_word = false;
    }
}

/// Inline markup does not separate words: `foo*bar*` is one.
/// Raw HTML elements whose text holds no autolink: links, and code of any kind.
const NO_AUTOLINK_IN: [&str; 8] = ["a", "code", "kbd", "samp", "pre", "var", "script", "style"];

/// The element a raw HTML tag opens or closes: whether it closes, and its name as written.
/// None for a comment, a self-closing tag or anything else.
fn raw_tag(html: &str) -> Option<(bool, &str)> {
    let inner = html.trim().strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    if inner.trim_end().ends_with("/>") {
        return None;
    }
    let name_len = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (name_len > 0).then(|| (closing, &inner[..name_len]))
}

fn is_inline(event: &Event<'_>) -> bool {
    let end = match event {
        Event::Start(tag) => tag.to_end(),
        Event::End(end) => *end,
        _ => return false,
    };
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Where the first summary marker in a block of HTML is: a comment or Blogger's
/// `<a name="more"></a>`, anywhere in it.
fn more_marker_in(html: &str) -> Option<std::ops::Range<usize>> {
    let comments = html.match_indices("<!--").filter_map(|(at, _)| {
        let end = at + html[at..].find("-->")? + 3;
        Some(at..end)
    });
    let jumps = html.match_indices("<a ").filter_map(|(at, _)| {
        let end = at + html[at..].find("</a>")? + 4;
        Some(at..end)
    });
    comments
        .chain(jumps)
        .filter(|r| is_more_marker(&html[r.clone()]))
        .min_by_key(|r| r.start)
}
