//! Reading the page with html5ever's tokenizer: a small stack of open elements tells
//! whether text is inside a skipped block; the result is the page's text blocks and the
//! metadata found on the way (meta, canonical link, JSON-LD, `<time>`, byline blocks).

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::super::chrome::clean_space;

/// Why text inside an element is not article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// script, style, template…: never text.
    Hidden,
    /// nav, footer, aside, form and ARIA landmarks that are not content.
    Chrome,
    /// A class or id that says chrome ("share-buttons", "related-posts"). Weaker than a tag:
    /// when a page's whole content sits in such a block (a wrapper `div class="has-sidebar"`),
    /// its text is used after all.
    Class,
    /// header (and byline blocks): not article text, but may hold the byline and date.
    Header,
}

#[derive(Debug)]
struct Open {
    name: String,
    skip: Option<Skip>,
    article: Option<usize>,
    main: bool,
    h1: bool,
    byline: bool,
    ld_json: bool,
}

/// A run of text between block tags.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) text: String,
    /// Which `<article>` it is in (the first on the page is 0).
    pub(super) article: Option<usize>,
    pub(super) main: bool,
    /// Inside a header or byline block.
    pub(super) header: bool,
    /// Inside a block whose class or id says chrome.
    pub(super) weak: bool,
}

/// The tokenizer's state while reading, and what the page holds once it is read.
#[derive(Default, Debug)]
pub(super) struct ScannedPage {
    stack: Vec<Open>,
    buf: String,
    weak_buf: String,
    pub(super) blocks: Vec<Block>,
    /// How many `<article>` elements the page has.
    pub(super) articles: usize,
    pub(super) title_text: String,
    in_title: bool,
    pub(super) h1: Option<String>,
    h1_buf: String,
    metas: Vec<(String, String)>,
    pub(super) canonical: Option<String>,
    pub(super) ld_json: Vec<String>,
    ld_buf: String,
    /// `<time datetime>` values: (value, inside an article, itemprop=datePublished).
    pub(super) times: Vec<(String, bool, bool)>,
    pub(super) byline_texts: Vec<String>,
    byline_buf: String,
}

/// Reads the whole page.
pub(super) fn scan(source: &str) -> ScannedPage {
    let tok = Tokenizer::new(
        Sink(RefCell::new(ScannedPage::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.into_inner();
    st.flush();
    st
}

#[rustfmt::skip]
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
];

#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "section", "article", "main", "td", "th", "tr", "table", "dd", "dt", "dl", "br", "hr",
    "body", "figure", "details", "summary", "address", "center",
];

#[rustfmt::skip]
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select",
    "button", "textarea", "head", "video", "audio", "picture", "math", "dialog",
];

#[rustfmt::skip]
const CHROME_TAGS: &[&str] = &[
    "nav", "footer", "aside", "form", "menu", "figcaption", "label",
];

/// class/id words that mark a block as chrome.
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    "comment", "comments", "respond", "reply", "replies", "related", "share", "sharing",
    "social", "newsletter", "cookie", "cookies", "consent", "gdpr", "subscribe", "subscription",
    "sidebar", "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "ad", "ads",
    "advert", "advertisement", "adslot", "promo", "sponsored", "popup", "modal", "banner",
    "widget", "footer", "masthead", "recommended", "recirculation", "trending", "popular",
    "outbrain", "taboola", "paywall", "signup", "login", "toolbar", "skip", "caption", "credit",
    "tags", "topics", "pagination", "pager", "disqus", "captcha",
];

/// ARIA roles of landmarks that are not content.
#[rustfmt::skip]
const CHROME_ROLES: &[&str] = &[
    "navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alert",
];

/// class/id words for the byline / article header.
const BYLINE_WORDS: &[&str] = &["byline", "author", "authors", "dateline", "meta", "header"];

fn class_words(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

fn attr<'a>(tag: &'a html5ever::tokenizer::Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// True when the tag's `class` holds `name` as one of its words.
fn has_class(tag: &html5ever::tokenizer::Tag, name: &str) -> bool {
    attr(tag, "class").is_some_and(|c| c.split_whitespace().any(|w| w == name))
}

/// What a start tag's attributes say about the element.
struct Marks {
    /// The words of its class and id.
    words: Vec<String>,
    role: String,
    /// Hidden by an attribute or an inline style.
    hidden: bool,
    /// Holds the author's name (class="byline", rel=author, itemprop=author).
    byline: bool,
}

impl Marks {
    fn of(tag: &html5ever::tokenizer::Tag) -> Self {
        let mut words: Vec<String> = Vec::new();
        for a in ["class", "id"] {
            if let Some(v) = attr(tag, a) {
                words.extend(class_words(v));
            }
        }
        let hidden = attr(tag, "hidden").is_some()
            || attr(tag, "aria-hidden").is_some_and(|v| v == "true")
            || attr(tag, "style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let itemprop = attr(tag, "itemprop").unwrap_or("").to_ascii_lowercase();
        let rel_author = attr(tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let byline = rel_author
            || itemprop == "author"
            || words
                .iter()
                .any(|w| matches!(w.as_str(), "byline" | "author" | "authors"));
        Marks {
            words,
            role: attr(tag, "role").unwrap_or("").to_ascii_lowercase(),
            hidden,
            byline,
        }
    }

    /// Why the text of element `name` with these marks is not article text, if it is not.
    fn skip(&self, name: &str) -> Option<Skip> {
        // The article body is never chrome, whatever its class says ("article-comments-count"
        // is rare on the article element itself, "post-content" common).
        let structural = matches!(name, "article" | "main" | "body" | "html");
        let has_word = |list: &[&str]| self.words.iter().any(|w| list.contains(&w.as_str()));
        if HIDDEN.contains(&name) || self.hidden {
            Some(Skip::Hidden)
        } else if CHROME_TAGS.contains(&name) || CHROME_ROLES.contains(&self.role.as_str()) {
            Some(Skip::Chrome)
        } else if !structural && has_word(CHROME_WORDS) {
            Some(Skip::Class)
        } else if name == "header" || self.byline || (!structural && has_word(BYLINE_WORDS)) {
            Some(Skip::Header)
        } else {
            None
        }
    }
}

struct Sink(RefCell<ScannedPage>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return st.tag(&tag),
            Token::CharacterTokens(t) => st.text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl ScannedPage {
    /// The first non-empty `<meta>` content under one of `keys`, in the order of `keys`.
    pub(super) fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(name, v)| name == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }

    fn skip(&self) -> Option<Skip> {
        let mut found = None;
        for o in &self.stack {
            match o.skip {
                Some(Skip::Hidden) => return Some(Skip::Hidden),
                Some(Skip::Chrome) => found = Some(Skip::Chrome),
                Some(Skip::Class) if found != Some(Skip::Chrome) => found = Some(Skip::Class),
                Some(Skip::Header) if found.is_none() => found = Some(Skip::Header),
                _ => {}
            }
        }
        found
    }

    fn article(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|o| o.article)
    }

    fn text(&mut self, t: &StrTendril) {
        if self.in_title {
            self.title_text.push_str(t);
            return;
        }
        if self.stack.iter().any(|o| o.ld_json) {
            self.ld_buf.push_str(t);
            return;
        }
        if self.stack.iter().any(|o| o.h1) && self.skip() != Some(Skip::Hidden) {
            self.h1_buf.push_str(t);
        }
        match self.skip() {
            None => self.buf.push_str(t),
            Some(Skip::Header) => self.buf.push_str(t),
            Some(Skip::Class) => self.weak_buf.push_str(t),
            _ => {}
        }
        if self.stack.iter().any(|o| o.byline) && self.skip() != Some(Skip::Hidden) {
            self.byline_buf.push_str(t);
        }
    }

    fn flush(&mut self) {
        let text = clean_space(&std::mem::take(&mut self.buf));
        if !text.is_empty() {
            let header = self.skip() == Some(Skip::Header);
            self.blocks.push(Block {
                text,
                article: self.article(),
                main: self.stack.iter().any(|o| o.main),
                header,
                weak: false,
            });
        }
        let text = clean_space(&std::mem::take(&mut self.weak_buf));
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                article: self.article(),
                main: self.stack.iter().any(|o| o.main),
                header: false,
                weak: true,
            });
        }
    }

    fn tag(&mut self, tag: &html5ever::tokenizer::Tag) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        let is_block = BLOCK.contains(&name.as_str());
        match tag.kind {
            TagKind::StartTag => {
                if is_block {
                    self.flush();
                }
                self.start(tag, &name);
                if VOID.contains(&name.as_str()) || tag.self_closing {
                    return TokenSinkResult::Continue;
                }
                self.push(tag, &name);
                match name.as_str() {
                    "title" if self.stack.iter().all(|o| o.name != "svg") => {
                        self.in_title = true;
                        TokenSinkResult::RawData(RawKind::Rcdata)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
            TagKind::EndTag => {
                if is_block || self.stack.iter().rev().take(1).any(|o| o.skip.is_some()) {
                    self.flush();
                }
                self.end(&name);
                TokenSinkResult::Continue
            }
        }
    }

    /// Things read from a start tag itself (meta, link, time).
    fn start(&mut self, tag: &html5ever::tokenizer::Tag, name: &str) {
        match name {
            "meta" => {
                let key = attr(tag, "property")
                    .or_else(|| attr(tag, "name"))
                    .or_else(|| attr(tag, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(tag, "content")) {
                    self.metas
                        .push((k.trim().to_ascii_lowercase(), clean_space(v)));
                }
            }
            "link" => {
                let rel = attr(tag, "rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && self.canonical.is_none() {
                    self.canonical = attr(tag, "href").map(|h| h.trim().to_string());
                }
            }
            "time" => {
                if let Some(dt) = attr(tag, "datetime") {
                    let skipped =
                        matches!(self.skip(), Some(Skip::Chrome | Skip::Class | Skip::Hidden));
                    // The microformat names the post's own date even in its footer, where
                    // Medium's export puts it.
                    let own = has_class(tag, "dt-published") && self.article().is_some();
                    if !skipped || own {
                        // Schema.org's, HTML's old attribute, or the microformat's class
                        // (Medium's export writes `<time class="dt-published">`).
                        let published = attr(tag, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                            || attr(tag, "pubdate").is_some()
                            || has_class(tag, "dt-published");
                        let in_article = self.article().is_some();
                        self.times.push((dt.to_string(), in_article, published));
                    }
                }
            }
            // The microformat's canonical link: Medium's export ends each post with one.
            "a" if has_class(tag, "p-canonical") && self.canonical.is_none() => {
                self.canonical = attr(tag, "href").map(|h| h.trim().to_string());
            }
            "br" | "hr" => self.flush(),
            _ => {}
        }
    }

    fn push(&mut self, tag: &html5ever::tokenizer::Tag, name: &str) {
        let marks = Marks::of(tag);
        let ld_json = name == "script"
            && attr(tag, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        let article = if name == "article" {
            self.articles += 1;
            Some(self.articles - 1)
        } else {
            None
        };
        if marks.byline {
            self.byline_buf.clear();
        }
        self.stack.push(Open {
            name: name.to_string(),
            skip: marks.skip(name),
            article,
            main: name == "main" || marks.role == "main",
            h1: name == "h1",
            byline: marks.byline,
            ld_json,
        });
    }

    fn end(&mut self, name: &str) {
        let Some(pos) = self.stack.iter().rposition(|o| o.name == name) else {
            return;
        };
        for o in self.stack.drain(pos..).rev().collect::<Vec<_>>() {
            if o.name == "title" {
                self.in_title = false;
            }
            if o.ld_json {
                self.ld_json.push(std::mem::take(&mut self.ld_buf));
            }
            if o.h1 {
                let t = clean_space(&std::mem::take(&mut self.h1_buf));
                if self.h1.is_none() && !t.is_empty() {
                    self.h1 = Some(t);
                }
            }
            if o.byline {
                let t = clean_space(&std::mem::take(&mut self.byline_buf));
                if !t.is_empty() {
                    self.byline_texts.push(t);
                }
            }
        }
    }
}
