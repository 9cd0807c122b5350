//! Placeholder until the markdown branch lands: plain pulldown-cmark, same API.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

pub struct MarkdownOptions {
    pub unsafe_html: bool,
    pub highlight: bool,
}

pub const DEFAULT_LIGHT_THEME: &str = "InspiredGitHub";
pub const DEFAULT_DARK_THEME: &str = "base16-ocean.dark";

#[derive(Default)]
pub struct Highlighter;

impl Highlighter {
    pub fn new() -> Self {
        Highlighter
    }
    pub fn theme_css(&self, _theme: &str) -> Option<String> {
        Some(String::new())
    }
    pub fn theme_names(&self) -> Vec<String> {
        Vec::new()
    }
}

#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    pub line: usize,
    pub is_image: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub summary_html: String,
    pub words: usize,
    pub links: Vec<Link>,
}

pub fn render(src: &str, _id_prefix: &str, _opts: &MarkdownOptions, _hl: &Highlighter) -> Rendered {
    let src = crate::text::scrub(src);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(&src, opts)
        .map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            e => e,
        })
        .collect();
    let mut out = String::new();
    html::push_html(&mut out, events.iter().cloned());
    let mut summary = String::new();
    if let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    {
        let end = events[start..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
            .map_or(events.len(), |i| start + i + 1);
        html::push_html(&mut summary, events[start..end].iter().cloned());
    }
    let words = events
        .iter()
        .map(|e| {
            if let Event::Text(t) = e {
                t.split_whitespace().count()
            } else {
                0
            }
        })
        .sum();
    Rendered {
        html: out,
        summary_html: summary,
        words,
        links: Vec::new(),
    }
}
