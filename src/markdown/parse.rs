//! One pass over pulldown-cmark's events: code blocks become highlighted HTML, link
//! destinations are checked and recorded, raw HTML is noted, words are counted, and
//! headings and footnotes are collected. Rendering then only replays the events.

use super::footnotes::Footnotes;
use super::headings::{assign_ids, Heading};
use super::highlight::{language_of, Highlighter};
use super::links::{is_dangerous_url, resolve, LineIndex, NEUTRALIZED};
use super::sanitize::{is_comment, is_more_marker};
use super::words;
use super::LinkBase;
use super::{Link, MarkdownOptions};
use crate::text::scrub;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

const OPTIONS: Options = Options::ENABLE_TABLES
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
    pub(crate) links: Vec<Link>,
    pub(crate) footnotes: Footnotes,
}

pub(crate) fn parse<'a>(
    src: &'a str,
    opts: &MarkdownOptions,
    hl: &Highlighter,
    base: Option<&LinkBase<'_>>,
) -> Document<'a> {
    let mut b = Builder {
        base: base.map(|b| (b.site_url.to_string(), b.dir.to_string())),
        doc: Document {
            events: Vec::with_capacity(src.len() / 16),
            raw_html: Vec::new(),
            more: None,
            words: 0,
            links: Vec::new(),
            footnotes: Footnotes::default(),
        },
        opts,
        hl,
        lines: LineIndex::new(src),
        code: None,
        html_block: None,
        heading: None,
        headings: Vec::new(),
        in_word: false,
    };
    for (event, range) in Parser::new_ext(src, OPTIONS).into_offset_iter() {
        b.push(event, range.start);
    }
    assign_ids(&mut b.doc.events, &b.headings);
    b.doc
}

struct Builder<'a, 'o> {
    /// Site URL and the document's folder, to make relative destinations absolute.
    base: Option<(String, String)>,
    doc: Document<'a>,
    opts: &'o MarkdownOptions,
    hl: &'o Highlighter,
    lines: LineIndex<'a>,
    /// Inside a code block: its info string and text so far.
    code: Option<(Option<CowStr<'a>>, String)>,
    /// Inside an HTML block: its lines so far, joined so a block is judged whole.
    html_block: Option<String>,
    heading: Option<Heading>,
    headings: Vec<Heading>,
    in_word: bool,
}

impl<'a> Builder<'a, '_> {
    fn push(&mut self, event: Event<'a>, offset: usize) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                _ => {}
            }
            return;
        }
        if let Some(html) = &mut self.html_block {
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
            Event::Start(Tag::HtmlBlock) => self.html_block = Some(String::new()),
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, false),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
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
            Event::Text(ref text) | Event::Code(ref text) => {
                self.count_words(text);
                if let Some(heading) = &mut self.heading {
                    heading.text.push_str(text);
                }
                self.emit(event);
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

    fn end_html_block(&mut self) {
        if let Some(html) = self.html_block.take() {
            self.raw_html(html.into(), true);
        }
    }

    /// Lone comments are dropped; the first `<!-- more -->` marks the summary's end.
    fn raw_html(&mut self, html: CowStr<'a>, block: bool) {
        let here = self.doc.events.len();
        if is_more_marker(&html) {
            self.doc.more.get_or_insert(here);
        } else if !is_comment(&html) {
            self.doc.raw_html.push(here);
            self.emit(if block {
                Event::Html(html)
            } else {
                Event::InlineHtml(html)
            });
        }
    }

    /// Records a link for `gazette check` (as written) and returns what the page may use.
    fn destination(&mut self, dest: CowStr<'a>, offset: usize, is_image: bool) -> CowStr<'a> {
        self.doc.links.push(Link {
            dest: scrub(&dest).into_owned(),
            line: self.lines.line_of(offset),
            is_image,
        });
        if is_dangerous_url(&dest, is_image) {
            CowStr::Borrowed(NEUTRALIZED)
        } else if let Some((site, dir)) = &self.base {
            resolve(dest, site, dir)
        } else {
            dest
        }
    }

    /// Words are counted across text events, so one split by inline markup counts once.
    fn count_words(&mut self, text: &str) {
        let (words, in_word) = words::count(text, self.in_word);
        self.doc.words += words;
        self.in_word = in_word;
    }

    fn end_word(&mut self) {
        self.in_word = false;
    }
}

/// Inline markup does not separate words: `foo*bar*` is one.
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
