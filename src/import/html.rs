//! HTML captures ("save page as HTML"). Metadata comes from `<meta>` (Open Graph, article:*,
//! author), `<link rel=canonical>`, JSON-LD and `<time>`; the text from the paragraphs of the
//! `<article>` with the most text, else `<main>`, else the body, skipping navigation, headers,
//! footers, asides, forms, scripts and blocks whose class or id says they are chrome.
//!
//! html5ever's tokenizer is enough here (no tree is needed): a small stack of open elements
//! tells whether text is inside a skipped block.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::chrome::{self, clean_space, split_names};
use super::Capture;

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

#[derive(Debug, Clone)]
struct Block {
    text: String,
    article: Option<usize>,
    main: bool,
    header: bool,
    weak: bool,
}

#[derive(Default, Debug)]
struct State {
    stack: Vec<Open>,
    buf: String,
    weak_buf: String,
    blocks: Vec<Block>,
    articles: usize,
    title_text: String,
    in_title: bool,
    h1: Option<String>,
    h1_buf: String,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    ld_json: Vec<String>,
    ld_buf: String,
    /// `<time datetime>` values: (value, inside an article, itemprop=datePublished).
    times: Vec<(String, bool, bool)>,
    byline_texts: Vec<String>,
    byline_buf: String,
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

struct Sink(RefCell<State>);

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

impl State {
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
                    if !matches!(self.skip(), Some(Skip::Chrome | Skip::Class | Skip::Hidden)) {
                        let published = attr(tag, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                            || attr(tag, "pubdate").is_some();
                        let in_article = self.article().is_some();
                        self.times.push((dt.to_string(), in_article, published));
                    }
                }
            }
            "br" | "hr" => self.flush(),
            _ => {}
        }
    }

    fn push(&mut self, tag: &html5ever::tokenizer::Tag, name: &str) {
        let mut words: Vec<String> = Vec::new();
        for a in ["class", "id"] {
            if let Some(v) = attr(tag, a) {
                words.extend(class_words(v));
            }
        }
        let role = attr(tag, "role").unwrap_or("").to_ascii_lowercase();
        let hidden_attr = attr(tag, "hidden").is_some()
            || attr(tag, "aria-hidden").is_some_and(|v| v == "true")
            || attr(tag, "style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let itemprop = attr(tag, "itemprop").unwrap_or("").to_ascii_lowercase();
        let rel_author = attr(tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let is_byline = rel_author
            || itemprop == "author"
            || words
                .iter()
                .any(|w| matches!(w.as_str(), "byline" | "author" | "authors"));
        // The article body is never chrome, whatever its class says ("article-comments-count"
        // is rare on the article element itself, "post-content" common).
        let structural = matches!(name, "article" | "main" | "body" | "html");
        let skip = if HIDDEN.contains(&name) || hidden_attr {
            Some(Skip::Hidden)
        } else if CHROME_TAGS.contains(&name)
            || matches!(
                role.as_str(),
                "navigation"
                    | "complementary"
                    | "contentinfo"
                    | "banner"
                    | "search"
                    | "dialog"
                    | "alert"
            )
        {
            Some(Skip::Chrome)
        } else if !structural && words.iter().any(|w| CHROME_WORDS.contains(&w.as_str())) {
            Some(Skip::Class)
        } else if name == "header"
            || is_byline
            || (!structural && words.iter().any(|w| BYLINE_WORDS.contains(&w.as_str())))
        {
            Some(Skip::Header)
        } else {
            None
        };
        let ld_json = name == "script"
            && attr(tag, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        let article = if name == "article" {
            self.articles += 1;
            Some(self.articles - 1)
        } else {
            None
        };
        if is_byline {
            self.byline_buf.clear();
        }
        self.stack.push(Open {
            name: name.to_string(),
            skip,
            article,
            main: name == "main" || role == "main",
            h1: name == "h1",
            byline: is_byline,
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

/// What JSON-LD says about the article.
#[derive(Default, Debug)]
struct LdInfo {
    headline: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    site: Option<String>,
}

fn ld_names(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => split_names(s),
        serde_json::Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        serde_json::Value::Object(o) => o.get("name").map(ld_names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn ld_str(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(clean_space(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => ld_str(o.get("@id").or_else(|| o.get("url"))),
        serde_json::Value::Array(a) => ld_str(a.first()),
        _ => None,
    }
}

fn ld_walk(v: &serde_json::Value, info: &mut LdInfo) {
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| ld_walk(i, info)),
        serde_json::Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                ld_walk(graph, info);
            }
            let types: Vec<String> = match o.get("@type") {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            let is_article = types.iter().any(|t| {
                t.ends_with("Article")
                    || t == "BlogPosting"
                    || t == "Report"
                    || t == "LiveBlogPosting"
            });
            if is_article {
                if info.headline.is_none() {
                    info.headline = ld_str(o.get("headline").or_else(|| o.get("name")));
                }
                if info.authors.is_empty() {
                    info.authors = o.get("author").map(ld_names).unwrap_or_default();
                }
                if info.date.is_none() {
                    info.date =
                        ld_str(o.get("datePublished")).or_else(|| ld_str(o.get("dateCreated")));
                }
                if info.url.is_none() {
                    info.url = ld_str(o.get("url")).or_else(|| ld_str(o.get("mainEntityOfPage")));
                }
                if info.publisher.is_none() {
                    info.publisher = o
                        .get("publisher")
                        .and_then(|p| ld_names(p).into_iter().next());
                }
            }
            if types.iter().any(|t| t == "WebSite") && info.site.is_none() {
                info.site = ld_str(o.get("name"));
            }
        }
        _ => {}
    }
}

fn absolute_url(u: Option<String>) -> Option<String> {
    u.map(|u| u.trim().to_string()).filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
    })
}

/// Strips " | Site", " - Site", " — Site" (or "Site | ") from a title when the site is known.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = clean_space(title);
    let Some(site) = site.map(clean_space).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " · ", " :: ", " » "] {
        if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
            return head.trim().to_string();
        }
        if let Some(tail) = title.strip_prefix(&format!("{site}{sep}")) {
            return tail.trim().to_string();
        }
    }
    title
}

/// The article with the most text, else the blocks inside `<main>`, else all of them.
fn choose_content<'a>(blocks: &[&'a Block], articles: usize) -> Vec<&'a Block> {
    let mut best: Option<(usize, usize)> = None;
    for i in 0..articles {
        let len: usize = blocks
            .iter()
            .filter(|b| b.article == Some(i) && !b.header)
            .map(|b| b.text.len())
            .sum();
        if len > 0 && best.is_none_or(|(_, l)| len > l) {
            best = Some((i, len));
        }
    }
    if let Some((i, _)) = best {
        blocks
            .iter()
            .copied()
            .filter(|b| b.article == Some(i))
            .collect()
    } else if blocks.iter().any(|b| b.main && !b.header) {
        blocks.iter().copied().filter(|b| b.main).collect()
    } else {
        blocks.to_vec()
    }
}

/// Reads an HTML capture. `None` when it has neither a title nor text.
pub(crate) fn parse(source: &str) -> Option<Capture> {
    let tok = Tokenizer::new(
        Sink(RefCell::new(State::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.into_inner();
    st.flush();

    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            st.metas
                .iter()
                .find(|(name, v)| name == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let mut ld = LdInfo::default();
    for raw in &st.ld_json {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            ld_walk(&v, &mut ld);
        }
    }

    let site_name = meta(&["og:site_name", "application-name", "twitter:site:name"])
        .or(ld.publisher.clone())
        .or(ld.site.clone());
    let title_tag = Some(clean_space(&st.title_text)).filter(|t| !t.is_empty());
    let raw_title = meta(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or(title_tag.clone())
        .or(st.h1.clone());
    let mut site_name = site_name;
    let title = match raw_title {
        Some(t) => {
            let stripped = strip_site(&t, site_name.as_deref());
            if stripped == t && site_name.is_none() && title_tag.as_deref() == Some(t.as_str()) {
                // Unknown site: when the <title> is the <h1> plus " - Something", or ends
                // in a short " | Something", that something is the site's name.
                let from_h1 = st.h1.as_deref().and_then(|h1| {
                    let rest = t.strip_prefix(h1)?;
                    let site = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "]
                        .iter()
                        .find_map(|sep| rest.strip_prefix(sep))?
                        .trim();
                    let short = !site.is_empty() && site.split_whitespace().count() <= 5;
                    short.then(|| (h1.to_string(), site.to_string()))
                });
                let (head, site) = match from_h1 {
                    Some((head, site)) => (head, Some(site)),
                    None => super::text::split_site_suffix(&t),
                };
                site_name = site;
                head
            } else {
                stripped
            }
        }
        None => String::new(),
    };

    let url = absolute_url(st.canonical.clone())
        .or_else(|| absolute_url(meta(&["og:url", "twitter:url"])))
        .or_else(|| absolute_url(ld.url.clone()));

    let mut authors: Vec<String> = meta(&[
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "citation_author",
    ])
    .map(|a| split_names(&a))
    .unwrap_or_default();
    if authors.is_empty() {
        authors = ld.authors.clone();
    }
    authors.retain(|a| !a.starts_with("http") && !a.contains("://"));

    let date_candidates = [
        meta(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
        ]),
        ld.date.clone(),
        st.times.iter().find(|t| t.2).map(|t| t.0.clone()),
        meta(&[
            "date",
            "pubdate",
            "publish-date",
            "publish_date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
            "citation_publication_date",
        ]),
        st.times.iter().find(|t| t.1).map(|t| t.0.clone()),
        st.times.first().map(|t| t.0.clone()),
    ];
    let date = date_candidates
        .into_iter()
        .flatten()
        .find_map(|d| chrome::find_date(&d).map(|(d, _)| d));

    let title_key = chrome::norm(&title);
    let mut header_date = None;
    let mut cleaned = chrome::Cleaned::default();
    // First without the blocks whose class says chrome; if that leaves no text at all, the
    // page wrapped its content in such a block, and they are read too.
    for include_weak in [false, true] {
        let blocks: Vec<&Block> = st
            .blocks
            .iter()
            .filter(|b| include_weak || !b.weak)
            .collect();
        let chosen = choose_content(&blocks, st.articles);
        // Header blocks are read for a byline and a date, never kept as text. Blocks
        // marked as bylines (class="byline", rel=author…) may be a bare name; other header
        // blocks only count when they read as a byline or a date.
        let header_units: Vec<(String, bool)> = st
            .byline_texts
            .iter()
            .map(|t| (t.clone(), true))
            .chain(
                chosen
                    .iter()
                    .filter(|b| b.header)
                    .map(|b| (b.text.clone(), false)),
            )
            .filter(|(t, _)| chrome::norm(t) != title_key)
            .collect();
        let units: Vec<String> = chosen
            .iter()
            .filter(|b| !b.header)
            .map(|b| b.text.clone())
            .collect();
        if authors.is_empty() {
            for (u, is_byline) in &header_units {
                match chrome::classify(u, false) {
                    chrome::Kind::Byline(names, d) => {
                        authors.extend(names);
                        if header_date.is_none() {
                            header_date = d;
                        }
                    }
                    chrome::Kind::DateLine { date, .. } => {
                        header_date.get_or_insert(date);
                    }
                    _ if *is_byline && chrome::is_name_like(u) => authors.push(u.clone()),
                    _ => {}
                }
            }
        }
        cleaned = chrome::clean(&units, &title, &authors);
        if !cleaned.paragraphs.is_empty() {
            break;
        }
    }
    if authors.is_empty() {
        authors = std::mem::take(&mut cleaned.authors);
    }
    let mut unique: Vec<String> = Vec::new();
    for a in authors {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(&a)) {
            unique.push(a);
        }
    }
    if title.is_empty() && cleaned.paragraphs.is_empty() {
        return None;
    }
    let title = if title.is_empty() {
        // No title anywhere: the first words of the text stand in.
        let words: Vec<&str> = cleaned.paragraphs[0].split_whitespace().take(10).collect();
        format!("{}…", words.join(" "))
    } else {
        title
    };
    Some(Capture {
        title,
        authors: unique,
        date: date.or(header_date).or(cleaned.date),
        url: url.or(cleaned.url),
        site_name,
        paragraphs: cleaned.paragraphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str =
        "The Millbrook town council voted on Tuesday to repair the old footbridge over the river.";
    const P2: &str =
        "Work is expected to start in the spring and to take about six weeks, the clerk said.";

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn open_graph_and_meta_fields() {
        let html = page(
            r#"<title>Footbridge Repairs Approved | Millbrook Gazette</title>
            <meta property="og:title" content="Footbridge Repairs Approved">
            <meta property="og:site_name" content="Millbrook Gazette">
            <meta name="author" content="Ada Quill">
            <meta property="article:published_time" content="2024-03-05T10:15:00+01:00">
            <link rel="canonical" href="https://gazette.example.org/2024/03/footbridge/">"#,
            &format!("<article><p>{P1}</p><p>{P2}</p></article>"),
        );
        let c = parse(&html).unwrap();
        assert_eq!(c.title, "Footbridge Repairs Approved");
        assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.date.as_deref(), Some("2024-03-05T10:15:00+01:00"));
        assert_eq!(
            c.url.as_deref(),
            Some("https://gazette.example.org/2024/03/footbridge/")
        );
        assert_eq!(c.paragraphs, vec![P1, P2]);
    }

    #[test]
    fn title_tag_suffix_is_stripped_when_the_site_is_known() {
        let html = page(
            r#"<title>Footbridge Repairs Approved - Millbrook Gazette</title><meta property="og:site_name" content="Millbrook Gazette">"#,
            &format!("<p>{P1}</p>"),
        );
        assert_eq!(parse(&html).unwrap().title, "Footbridge Repairs Approved");
    }

    #[test]
    fn h1_is_the_last_resort_title() {
        let html = page(
            "",
            &format!("<h1>Footbridge &amp; Path Repairs</h1><p>{P1}</p>"),
        );
        assert_eq!(parse(&html).unwrap().title, "Footbridge & Path Repairs");
    }

    #[test]
    fn json_ld_fields() {
        let html = page(
            r#"<title>x</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Millbrook Gazette"},
              {"@type":"NewsArticle","headline":"Footbridge Repairs Approved","datePublished":"2024-03-05",
               "author":[{"@type":"Person","name":"Ada Quill"},{"@type":"Person","name":"Tomas Reed"}],
               "publisher":{"@type":"Organization","name":"Millbrook Gazette"},
               "mainEntityOfPage":{"@id":"https://gazette.example.org/footbridge"}}]}</script>"#,
            &format!("<main><p>{P1}</p></main>"),
        );
        let c = parse(&html).unwrap();
        assert_eq!(c.title, "Footbridge Repairs Approved");
        assert_eq!(c.authors, vec!["Ada Quill", "Tomas Reed"]);
        assert_eq!(c.date.as_deref(), Some("2024-03-05"));
        assert_eq!(
            c.url.as_deref(),
            Some("https://gazette.example.org/footbridge")
        );
        assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
    }

    #[test]
    fn time_element_and_header_byline() {
        let html = page(
            "<title>Footbridge Repairs Approved</title>",
            &format!(
                r#"<article><header><h1>Footbridge Repairs Approved</h1><p class="byline">By Ada Quill</p>
                <time datetime="2024-03-05">5 March</time></header><p>{P1}</p></article>"#
            ),
        );
        let c = parse(&html).unwrap();
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.date.as_deref(), Some("2024-03-05"));
        assert_eq!(c.paragraphs, vec![P1]);
    }

    #[test]
    fn chrome_blocks_are_skipped() {
        let html = page(
            "<title>T</title><style>p { color: red }</style>",
            &format!(
                r#"<nav><ul><li>Home</li><li>News</li></ul></nav>
                <header><p>Millbrook Gazette</p></header>
                <main><article><p>{P1}</p>
                <div class="share-buttons"><p>Share this story with your friends on every network.</p></div>
                <figure><img src="a.jpg"><figcaption>The old footbridge seen from the east bank.</figcaption></figure>
                <script>document.write("<p>injected text that is not part of the story.</p>")</script>
                <p>{P2}</p>
                <aside><p>Related: the council approved a new bus timetable last month.</p></aside>
                <section id="comments"><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p></form></section>
                </article></main>
                <footer><p>Copyright 2024 Millbrook Gazette, all rights reserved.</p></footer>"#
            ),
        );
        let c = parse(&html).unwrap();
        assert_eq!(c.paragraphs, vec![P1, P2]);
    }

    #[test]
    fn a_wrapper_with_a_chrome_class_is_read_when_nothing_else_is() {
        let html = page(
            "<title>T</title>",
            &format!(
                r#"<div id="page" class="site has-sidebar"><p>{P1}</p><div class="share"><p>Share this story on every network you use.</p></div></div>"#
            ),
        );
        assert_eq!(parse(&html).unwrap().paragraphs, vec![P1]);
    }

    #[test]
    fn the_article_with_most_text_wins() {
        let html = page(
            "<title>T</title>",
            &format!("<article><p>Short teaser for another story.</p></article><article><p>{P1}</p><p>{P2}</p></article>"),
        );
        assert_eq!(parse(&html).unwrap().paragraphs, vec![P1, P2]);
    }

    #[test]
    fn line_chrome_inside_the_article_is_dropped() {
        let html = page(
            "<title>T</title>",
            &format!("<article><p>{P1}</p><p>Continue on app</p><p>Leave a reply</p><p>Great story, thanks for writing it up for all of us.</p></article>"),
        );
        assert_eq!(parse(&html).unwrap().paragraphs, vec![P1]);
    }

    #[test]
    fn unknown_site_suffix_becomes_site_name() {
        let html = page(
            "<title>Footbridge Repairs Approved | Millbrook Gazette</title>",
            &format!("<p>{P1}</p>"),
        );
        let c = parse(&html).unwrap();
        assert_eq!(c.title, "Footbridge Repairs Approved");
        assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
    }
}
