//! Our own feed rules, checked with real parsers (quick-xml for the XML, html5ever for the
//! HTML inside items): the mistakes feed validators report most often for generated feeds.
//! Every finding is a failure; there is no "warning only" level.
//!
//! RSS 2.0: well-formed XML without XML-illegal characters; `<rss version="2.0">` with one
//! `<channel>` holding title, link and description; absolute http(s) links; RFC 822 dates
//! with a four-digit year, a real date, the right weekday, not in the future nor before
//! 1995; an absolute `atom:link rel="self"` equal to where the feed is published, typed
//! `application/rss+xml`; items directly under the channel, each with a title or a
//! description, a plain-text title, an absolute link and a non-empty, unique guid (absolute
//! unless `isPermaLink="false"`); `content:encoded` only after a description; no relative
//! URL reference (`x`, `/x`, `#x`, `//host/x`) in any item's HTML; at least one item.
//! Atom and JSON Feed: the same for their fields, plus an `updated` (RFC 3339) on every
//! Atom entry and the feed.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;

/// An XML element with its text (text, CDATA and references joined) and children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// This element and every element below it.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.descendants());
        }
        out
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Parses a whole document into its root element.
pub fn parse_xml(xml: &str) -> Result<Element, String> {
    if let Some(c) = xml.chars().find(|c| !is_xml_char(*c)) {
        return Err(format!("XML 1.0 does not allow the character {c:?}"));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    let attrs_of = |e: &quick_xml::events::BytesStart| -> Result<Vec<(String, String)>, String> {
        e.attributes()
            .map(|a| {
                let a = a.map_err(|e| e.to_string())?;
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .map_err(|e| e.to_string())?;
                Ok((a.key.as_ref().to_string(), value.into_owned()))
            })
            .collect()
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed at byte {}: {e}", reader.buffer_position()))?;
        let top = stack.last_mut().ok_or("unbalanced")?;
        match event {
            Event::Start(e) => {
                let el = Element {
                    name: e.name().as_ref().to_string(),
                    attrs: attrs_of(&e)?,
                    ..Default::default()
                };
                stack.push(el);
            }
            Event::Empty(e) => top.children.push(Element {
                name: e.name().as_ref().to_string(),
                attrs: attrs_of(&e)?,
                ..Default::default()
            }),
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced")?;
                stack.last_mut().ok_or("unbalanced")?.children.push(done);
            }
            Event::Text(t) => top.text.push_str(&t.xml10_content()),
            Event::CData(t) => top.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) if is_xml_char(c) => c,
                    Some(c) => return Err(format!("character reference to {c:?}")),
                    None => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(format!("undefined entity &{other};")),
                    },
                };
                top.text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut doc = stack
        .pop()
        .filter(|_| stack.is_empty())
        .ok_or("unclosed element")?;
    match doc.children.len() {
        1 => Ok(doc.children.remove(0)),
        n => Err(format!("{n} root elements")),
    }
}

/// The URL attributes of the HTML inside an item, read by html5ever's tokenizer:
/// (element, attribute, value); each `srcset` candidate separately.
pub fn html_urls(html: &str) -> Vec<(String, String, String)> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    struct Sink(RefCell<Vec<(String, String, String)>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                if tag.kind == TagKind::StartTag {
                    for a in &tag.attrs {
                        let (name, value) = (a.name.local.to_string(), a.value.to_string());
                        let values: Vec<String> = match name.as_str() {
                            "href" | "src" | "poster" | "cite" | "action" => vec![value],
                            "srcset" => value
                                .split(',')
                                .filter_map(|c| c.split_whitespace().next())
                                .map(str::to_string)
                                .collect(),
                            _ => vec![],
                        };
                        for v in values {
                            self.0
                                .borrow_mut()
                                .push((tag.name.to_string(), name.clone(), v));
                        }
                    }
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tok = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.into_inner()
}

/// True for `https://host…` and `http://host…`.
pub fn is_absolute_http(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| r.starts_with(|c: char| c != '/' && !c.is_whitespace()))
}

/// A URL with a scheme (`https:`, `mailto:`…): what a reader does not resolve against the feed.
pub fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `<b>`, `</a>`: a tag in what should be plain text (`a < b` is not one).
fn holds_markup(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        let rest = &text[i + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') && rest.contains('>')
    })
}

fn relative_refs(html: &str) -> Vec<String> {
    html_urls(html)
        .into_iter()
        .filter(|(_, _, v)| !has_scheme(v.trim()))
        .map(|(t, a, v)| format!("<{t} {a}={v:?}>"))
        .collect()
}

/// Checks an RFC 822 date as RSS wants it; `now` bounds how far in the future it may be.
fn rss_date(where_: &str, value: &str, now: jiff::Timestamp, out: &mut Vec<String>) {
    let v = value.trim();
    let year_ok = v
        .split_whitespace()
        .nth(if v.contains(',') { 3 } else { 2 })
        .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
    if !year_ok {
        out.push(format!(
            "{where_}: not an RFC 822 date with a four-digit year: {v:?}"
        ));
        return;
    }
    // The weekday is compared here, so the date is parsed without it.
    match jiff::fmt::rfc2822::parse(v.split_once(", ").map_or(v, |(_, date)| date)) {
        Ok(z) => {
            if let Some((day, _)) = v.split_once(',') {
                let real = z.strftime("%a").to_string();
                if day != real {
                    out.push(format!(
                        "{where_}: weekday {day} but the date is a {real}: {v:?}"
                    ));
                }
            }
            let t = z.timestamp();
            if t > now + jiff::SignedDuration::from_hours(24) {
                out.push(format!("{where_}: in the future: {v:?}"));
            }
            if z.year() < 1995 {
                out.push(format!("{where_}: implausibly old: {v:?}"));
            }
        }
        Err(e) => out.push(format!("{where_}: not a real RFC 822 date ({e}): {v:?}")),
    }
}

fn rfc3339(where_: &str, value: Option<&str>, out: &mut Vec<String>) {
    match value {
        // jiff also reads offsets with seconds (`+00:53:28`), which RFC 3339 has not.
        Some(v) if v.trim().parse::<jiff::Timestamp>().is_ok() && minute_offset(v.trim()) => {}
        Some(v) => out.push(format!("{where_}: not an RFC 3339 date: {v:?}")),
        None => out.push(format!("{where_}: missing")),
    }
}

/// Ends in `Z` or `±HH:MM`.
fn minute_offset(v: &str) -> bool {
    let b = v.as_bytes();
    v.ends_with('Z')
        || (b.len() > 6
            && matches!(b[b.len() - 6], b'+' | b'-')
            && b[b.len() - 3] == b':'
            && b[b.len() - 7].is_ascii_digit())
}

fn unique(where_: &str, id: &str, seen: &mut HashMap<String, String>, out: &mut Vec<String>) {
    if let Some(first) = seen.insert(id.to_string(), where_.to_string()) {
        out.push(format!("{where_}: id {id:?} already used by {first}"));
    }
}

/// Every problem of an RSS 2.0 feed published at `self_url`.
pub fn lint_rss(xml: &str, self_url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let rss = match parse_xml(xml) {
        Ok(root) => root,
        Err(e) => return vec![e],
    };
    if rss.name != "rss" || rss.attr("version") != Some("2.0") {
        out.push(format!(
            "root is <{} version={:?}>, not <rss version=\"2.0\">",
            rss.name,
            rss.attr("version")
        ));
    }
    let channels: Vec<&Element> = rss.all("channel").collect();
    let [channel] = channels[..] else {
        out.push(format!("{} <channel> elements, not one", channels.len()));
        return out;
    };
    for required in ["title", "link", "description"] {
        if channel.child(required).is_none() {
            out.push(format!("channel has no <{required}>"));
        }
    }
    if let Some(link) = channel
        .text_of("link")
        .filter(|l| !is_absolute_http(l.trim()))
    {
        out.push(format!(
            "channel <link> is not an absolute http(s) URL: {link:?}"
        ));
    }
    let now = jiff::Timestamp::now();
    for date in ["lastBuildDate", "pubDate"] {
        if let Some(v) = channel.text_of(date) {
            rss_date(&format!("channel <{date}>"), v, now, &mut out);
        }
    }
    let selfs: Vec<&Element> = channel
        .all("atom:link")
        .filter(|l| l.attr("rel") == Some("self"))
        .collect();
    if selfs.is_empty() {
        out.push("no <atom:link rel=\"self\">".into());
    }
    for l in selfs {
        if l.attr("href") != Some(self_url) {
            out.push(format!(
                "self link is {:?}, but the feed is at {self_url}",
                l.attr("href")
            ));
        }
        if l.attr("type") != Some("application/rss+xml") {
            out.push(format!("self link type is {:?}", l.attr("type")));
        }
    }
    let nested = rss
        .descendants()
        .iter()
        .filter(|e| e.name == "item")
        .count();
    let items: Vec<&Element> = channel.all("item").collect();
    if nested != items.len() {
        out.push("an <item> is not a child of <channel>".into());
    }
    if items.is_empty() {
        out.push("no items".into());
    }
    let mut guids = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        let at = format!("item {}", n + 1);
        let title = item.text_of("title");
        if title.is_none() && item.child("description").is_none() {
            out.push(format!("{at}: neither <title> nor <description>"));
        }
        if title.is_some_and(holds_markup) {
            out.push(format!("{at}: <title> holds markup"));
        }
        if let Some(link) = item.text_of("link").filter(|l| !is_absolute_http(l.trim())) {
            out.push(format!("{at}: <link> is not absolute: {link:?}"));
        }
        match item.child("guid") {
            None => out.push(format!("{at}: no <guid>")),
            Some(g) => {
                let id = g.text.trim();
                let perma = g.attr("isPermaLink").unwrap_or("true");
                if !matches!(perma, "true" | "false") {
                    out.push(format!("{at}: isPermaLink={perma:?}"));
                }
                if id.is_empty() {
                    out.push(format!("{at}: empty <guid>"));
                } else if perma == "true" && !is_absolute_http(id) {
                    out.push(format!("{at}: permalink guid is not absolute: {id:?}"));
                }
                unique(&at, id, &mut guids, &mut out);
            }
        }
        if let Some(v) = item.text_of("pubDate") {
            rss_date(&format!("{at} <pubDate>"), v, now, &mut out);
        }
        let names: Vec<&str> = item.children.iter().map(|c| c.name.as_str()).collect();
        let position = |n: &str| names.iter().position(|x| *x == n);
        if let Some(encoded) = position("content:encoded") {
            if position("description").is_none_or(|d| d > encoded) {
                out.push(format!("{at}: content:encoded before any <description>"));
            }
        }
        for field in ["description", "content:encoded"] {
            if let Some(html) = item.text_of(field) {
                let rel = relative_refs(html);
                if !rel.is_empty() {
                    out.push(format!(
                        "{at}: relative URLs in <{field}>: {}",
                        rel.join(", ")
                    ));
                }
            }
        }
    }
    out
}

/// Every problem of an Atom feed published at `self_url`.
pub fn lint_atom(xml: &str, self_url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let feed = match parse_xml(xml) {
        Ok(root) => root,
        Err(e) => return vec![e],
    };
    if feed.name != "feed" || feed.attr("xmlns") != Some("http://www.w3.org/2005/Atom") {
        out.push(format!("root is <{}>, not an Atom <feed>", feed.name));
    }
    let link_to = |el: &Element, rel: &str| {
        el.all("link")
            .find(|l| l.attr("rel").unwrap_or("alternate") == rel)
            .and_then(|l| l.attr("href"))
            .map(str::to_string)
    };
    if link_to(&feed, "self").as_deref() != Some(self_url) {
        out.push(format!(
            "self link is {:?}, not {self_url}",
            link_to(&feed, "self")
        ));
    }
    for required in ["id", "title"] {
        if feed.child(required).is_none() {
            out.push(format!("feed has no <{required}>"));
        }
    }
    rfc3339("feed <updated>", feed.text_of("updated"), &mut out);
    let has_author = feed.child("author").is_some();
    let entries: Vec<&Element> = feed.all("entry").collect();
    if entries.is_empty() {
        out.push("no entries".into());
    }
    let mut ids = HashMap::new();
    for (n, entry) in entries.iter().enumerate() {
        let at = format!("entry {}", n + 1);
        match entry.text_of("id").map(str::trim) {
            Some(id) if is_absolute_http(id) => unique(&at, id, &mut ids, &mut out),
            other => out.push(format!("{at}: <id> is not an absolute URL: {other:?}")),
        }
        if entry.child("title").is_none() {
            out.push(format!("{at}: no <title>"));
        }
        rfc3339(
            &format!("{at} <updated>"),
            entry.text_of("updated"),
            &mut out,
        );
        if let Some(p) = entry.text_of("published") {
            rfc3339(&format!("{at} <published>"), Some(p), &mut out);
        }
        if !has_author && entry.child("author").is_none() {
            out.push(format!("{at}: no author, and the feed has none"));
        }
        for l in entry.all("link") {
            if !l.attr("href").is_some_and(is_absolute_http) {
                out.push(format!("{at}: link {:?} is not absolute", l.attr("href")));
            }
        }
        for field in ["content", "summary"] {
            let html = entry
                .child(field)
                .filter(|c| c.attr("type") == Some("html"))
                .map(|c| c.text.as_str());
            let rel = html.map(relative_refs).unwrap_or_default();
            if !rel.is_empty() {
                out.push(format!(
                    "{at}: relative URLs in <{field}>: {}",
                    rel.join(", ")
                ));
            }
        }
    }
    out
}

/// Every problem of a JSON Feed 1.1 published at `self_url`.
pub fn lint_json(text: &str, self_url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let feed: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    if feed["version"] != "https://jsonfeed.org/version/1.1" {
        out.push(format!("version is {}", feed["version"]));
    }
    if feed["feed_url"] != self_url {
        out.push(format!("feed_url is {}, not {self_url}", feed["feed_url"]));
    }
    if !feed["home_page_url"].as_str().is_some_and(is_absolute_http) {
        out.push("home_page_url is not absolute".into());
    }
    let items = feed["items"].as_array().cloned().unwrap_or_default();
    if items.is_empty() {
        out.push("no items".into());
    }
    let mut ids = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        let at = format!("item {}", n + 1);
        match item["id"].as_str() {
            Some(id) if !id.is_empty() => unique(&at, id, &mut ids, &mut out),
            _ => out.push(format!("{at}: no id")),
        }
        for key in ["url", "external_url"] {
            if let Some(u) = item[key].as_str().filter(|u| !is_absolute_http(u)) {
                out.push(format!("{at}: {key} is not absolute: {u:?}"));
            }
        }
        rfc3339(
            &format!("{at} date_published"),
            item["date_published"].as_str(),
            &mut out,
        );
        let rel = item["content_html"]
            .as_str()
            .map(relative_refs)
            .unwrap_or_default();
        if !rel.is_empty() {
            out.push(format!(
                "{at}: relative URLs in content_html: {}",
                rel.join(", ")
            ));
        }
    }
    out
}

/// Lints every feed of a built site (`base` is its base_url) and fails the test with every
/// problem found, naming the feed.
pub fn assert_feeds_clean(public: &Path, base: &str) {
    let problems = feed_problems(public, base);
    assert!(
        problems.is_empty(),
        "feed problems:\n{}",
        problems.join("\n")
    );
}

/// Every problem of every feed under `public` (its RSS feeds, atom.xml and feed.json),
/// each prefixed with the feed's path.
pub fn feed_problems(public: &Path, base: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let feeds = crate::support::snapshot(public)
        .into_keys()
        .filter_map(|k| {
            let rel = k.to_string_lossy().replace('\\', "/");
            (rel.ends_with("rss.xml") || rel == "atom.xml" || rel == "feed.json").then_some(rel)
        });
    let mut count = 0;
    for rel in feeds {
        count += 1;
        let text = std::fs::read_to_string(public.join(&rel)).unwrap();
        let url = format!("{base}{rel}");
        let found = match rel.as_str() {
            "atom.xml" => lint_atom(&text, &url),
            "feed.json" => lint_json(&text, &url),
            _ => lint_rss(&text, &url),
        };
        problems.extend(found.into_iter().map(|p| format!("{rel}: {p}")));
    }
    assert!(
        count >= 3,
        "expected at least rss.xml, atom.xml and feed.json"
    );
    problems
}
