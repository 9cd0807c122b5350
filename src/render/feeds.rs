//! RSS 2.0, Atom 1.0 and JSON Feed 1.1, written directly (not through templates) so they
//! are valid whatever the theme does: absolute URLs, RFC 822 / RFC 3339 dates, unique ids,
//! text escaped once, no XML-illegal characters.
//!
//! An item is made for a digest's subscriber: the curator's summary, a line linking to the
//! original story (with its byline), then the curator's text when `full_content` is on.
//! The item's author is the digest; the journalists are named in the source line.

use std::fmt::Write;
use std::sync::OnceLock;

use serde::Serialize;

use super::context::{abs, rfc3339, writable_offset, Shared};
use crate::config::SiteConfig;
use crate::digest::{Digest, Story};
use crate::i18n::Strings;
use crate::text::{escape_html, scrub};
use crate::urls;

/// Text for XML element content or attributes.
fn x(s: &str) -> String {
    escape_html(&scrub(s)).into_owned()
}

/// `<tag><![CDATA[html]]></tag>` and a newline: an article's HTML as it is, copied rather
/// than escaped again for every feed that lists the story. A `]]>` inside is split across
/// two sections, so it never ends one early.
fn push_html_element(out: &mut String, open: &str, html: &str, close: &str) {
    out.push_str(open);
    out.push_str("<![CDATA[");
    let html = scrub(html);
    let mut rest: &str = &html;
    while let Some(k) = memchr::memmem::find(rest.as_bytes(), b"]]>") {
        out.push_str(&rest[..k + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[k + 2..];
    }
    out.push_str(rest);
    out.push_str("]]>");
    out.push_str(close);
    out.push('\n');
}

/// Room for a feed: its items' HTML and the rest of each item.
fn feed_capacity(html_lengths: impl Iterator<Item = usize>) -> usize {
    4096 + html_lengths.map(|len| len + 1024).sum::<usize>()
}

fn rfc822(z: &jiff::ZonedDateTime) -> String {
    writable_offset(z)
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

/// "A", "A and B", "A, B and C".
fn names(strings: &Strings, list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            strings.text("names_and", &[("first", &rest.join(", ")), ("last", last)])
        }
    }
}

/// What a feed carries for a story, every URL in it absolute (`#fn-1` is the article's).
fn item_html(config: &SiteConfig, story: &Story) -> String {
    let (doc, fm) = (&story.doc, &story.doc.front_matter);
    // A summary taken from the body (its first paragraph, or what comes before
    // `<!-- more -->`) is the body's start: with the whole text it is not said twice.
    let from_body = fm.summary.is_none() && !doc.summary_html.is_empty();
    let body = match doc.body.html.strip_prefix(doc.summary_html.as_str()) {
        Some(rest) if from_body => Some(rest),
        // The list summary differs from the body's start (headings made bold): the
        // body alone, after the source line, says it once.
        None if from_body => None,
        _ => Some(doc.body.html.as_str()),
    };
    let mut html = String::with_capacity(doc.summary_html.len() + doc.body.html.len() + 256);
    let summary_first = !config.feeds.full_content || body.is_some();
    if summary_first {
        html.push_str(&doc.summary_html);
    }
    if let Some(src) = &fm.source {
        let strings = &config.strings;
        html.push_str("<p>");
        html.push_str(&strings.html("read_original", |_, out| {
            let _ = write!(out, "<a href=\"{}\">{}</a>", x(&src.url), x(&src.name));
            Ok(())
        }));
        if !fm.authors.is_empty() {
            let names = names(strings, &fm.authors);
            html.push_str(&strings.html("byline", |_, out| {
                out.push_str(&x(&names));
                Ok(())
            }));
        }
        html.push_str(&x(&strings.text("full_stop", &[])));
        html.push_str("</p>\n");
    }
    if config.feeds.full_content {
        html.push_str(body.unwrap_or(&doc.body.html));
    }
    let permalink = abs(config, &story.path);
    let absolute =
        urls::rewrite_url_attributes(&html, |a| match urls::absolute_in_feed(a.url, &permalink) {
            std::borrow::Cow::Owned(url) => Some(url),
            std::borrow::Cow::Borrowed(_) => None,
        });
    absolute.into_owned()
}

pub struct FeedInput<'a> {
    pub digest: &'a Digest,
    pub config: &'a SiteConfig,
    pub shared: &'a Shared,
    /// Each story's item HTML, made the first time a feed lists it (a story is in the
    /// site's feeds and in each of its tags').
    items: Vec<OnceLock<String>>,
}

impl<'a> FeedInput<'a> {
    pub fn new(digest: &'a Digest, config: &'a SiteConfig, shared: &'a Shared) -> Self {
        FeedInput {
            digest,
            config,
            shared,
            items: (0..digest.stories.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    fn item_html(&self, i: usize) -> &str {
        self.items[i].get_or_init(|| item_html(self.config, &self.digest.stories[i]))
    }

    /// The items' author: `[feeds] author`, else the site's title.
    fn author(&self) -> &str {
        self.config
            .feeds
            .author
            .as_deref()
            .unwrap_or(&self.config.title)
    }
}

impl FeedInput<'_> {
    fn newest(&self, indices: impl Iterator<Item = usize>) -> Vec<usize> {
        indices.take(self.config.feeds.items).collect()
    }

    /// RSS 2.0 for the given stories (newest first) published at `self_path`.
    pub fn rss(
        &self,
        title: &str,
        self_path: &str,
        link_path: &str,
        stories: impl Iterator<Item = usize>,
    ) -> String {
        let (d, c) = (self.digest, self.config);
        let items = self.newest(stories);
        let html = |i: usize| self.item_html(i);
        let mut out = String::with_capacity(feed_capacity(items.iter().map(|&i| html(i).len())));
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
        let _ = writeln!(out, "<title>{}</title>", x(title));
        let _ = writeln!(out, "<link>{}</link>", x(&abs(c, link_path)));
        let desc = if c.description.is_empty() {
            title
        } else {
            &c.description
        };
        let _ = writeln!(out, "<description>{}</description>", x(desc));
        let _ = writeln!(out, "<language>{}</language>", x(&c.language));
        out.push_str("<generator>gazette</generator>\n");
        // The last time the channel's content changed: an edited story's `updated` too.
        if let Some(changed) = newest_change(d, &items) {
            let _ = writeln!(out, "<lastBuildDate>{}</lastBuildDate>", rfc822(changed));
        }
        let _ = writeln!(
            out,
            "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
            x(&abs(c, self_path))
        );
        for i in items {
            let s = &d.stories[i];
            let fm = &s.doc.front_matter;
            let url = abs(c, &s.path);
            out.push_str("<item>\n");
            let _ = writeln!(out, "<title>{}</title>", x(&fm.title));
            let _ = writeln!(out, "<link>{}</link>", x(&url));
            let _ = writeln!(out, "<guid isPermaLink=\"true\">{}</guid>", x(&url));
            let _ = writeln!(out, "<pubDate>{}</pubDate>", rfc822(&s.date));
            let _ = writeln!(out, "<dc:creator>{}</dc:creator>", x(self.author()));
            for &t in &s.tags {
                let _ = writeln!(out, "<category>{}</category>", x(&d.tags[t].name));
            }
            // No `<source>`: in RSS it names the source's feed, which we do not know.
            push_html_element(&mut out, "<description>", html(i), "</description>");
            out.push_str("</item>\n");
        }
        out.push_str("</channel>\n</rss>\n");
        out
    }

    pub fn atom(&self) -> String {
        let (d, c) = (self.digest, self.config);
        let items = self.newest(0..d.stories.len());
        let mut out = String::with_capacity(feed_capacity(
            items.iter().map(|&i| self.item_html(i).len()),
        ));
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
        let _ = writeln!(out, " xml:lang=\"{}\">", x(&c.language));
        let _ = writeln!(out, "<title>{}</title>", x(&c.title));
        if !c.description.is_empty() {
            let _ = writeln!(out, "<subtitle>{}</subtitle>", x(&c.description));
        }
        let _ = writeln!(out, "<id>{}</id>", x(&c.base_url));
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            x(&c.base_url)
        );
        let _ = writeln!(
            out,
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            x(&abs(c, "/atom.xml"))
        );
        let updated = newest_change(d, &items)
            .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), rfc3339);
        let _ = writeln!(out, "<updated>{updated}</updated>");
        let _ = writeln!(out, "<author><name>{}</name></author>", x(self.author()));
        out.push_str("<generator>gazette</generator>\n");
        for i in items {
            let s = &d.stories[i];
            let fm = &s.doc.front_matter;
            let url = abs(c, &s.path);
            out.push_str("<entry>\n");
            let _ = writeln!(out, "<title type=\"text\">{}</title>", x(&fm.title));
            let _ = writeln!(out, "<id>{}</id>", x(&url));
            let _ = writeln!(
                out,
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                x(&url)
            );
            if let Some(src) = &fm.source {
                let _ = writeln!(
                    out,
                    "<link rel=\"related\" type=\"text/html\" href=\"{}\" title=\"{}\"/>",
                    x(&src.url),
                    x(&src.name)
                );
            }
            let _ = writeln!(out, "<published>{}</published>", rfc3339(&s.date));
            let _ = writeln!(out, "<updated>{}</updated>", rfc3339(last_change(s)));
            for &t in &s.tags {
                let _ = writeln!(out, "<category term=\"{}\"/>", x(&d.tags[t].name));
            }
            let summary = super::context::description(&s.doc.summary_html);
            if !summary.is_empty() {
                let _ = writeln!(out, "<summary type=\"text\">{}</summary>", x(&summary));
            }
            let html = self.item_html(i);
            push_html_element(&mut out, "<content type=\"html\">", html, "</content>");
            out.push_str("</entry>\n");
        }
        out.push_str("</feed>\n");
        out
    }

    pub fn json_feed(&self) -> String {
        let (d, c) = (self.digest, self.config);
        let items: Vec<JsonItem> = self
            .newest(0..d.stories.len())
            .into_iter()
            .map(|i| {
                let s = &d.stories[i];
                let fm = &s.doc.front_matter;
                let url = abs(c, &s.path);
                JsonItem {
                    id: url.clone(),
                    url,
                    external_url: fm.source.as_ref().map(|s| s.url.as_str()),
                    title: &fm.title,
                    image: fm
                        .image
                        .as_deref()
                        .map(|img| super::pages::resolve_image(c, &s.doc.rel, img)),
                    content_html: self.item_html(i),
                    summary: super::context::description(&d.stories[i].doc.summary_html),
                    date_published: rfc3339(&s.date),
                    date_modified: changed_since(s).map(rfc3339),
                    tags: s.tags.iter().map(|&t| d.tags[t].name.as_str()).collect(),
                }
            })
            .collect();
        let feed = JsonFeed {
            version: "https://jsonfeed.org/version/1.1",
            title: &c.title,
            home_page_url: &c.base_url,
            feed_url: abs(c, "/feed.json"),
            description: &c.description,
            language: &c.language,
            authors: vec![JsonAuthor {
                name: self.author(),
            }],
            items,
        };
        let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// When the story last changed: its `updated`, if that is after its date.
fn last_change(s: &Story) -> &jiff::ZonedDateTime {
    changed_since(s).unwrap_or(&s.date)
}

/// The story's `updated`, unless it is not after the story's date (a typo the feeds
/// should not repeat: a change before publication).
fn changed_since(s: &Story) -> Option<&jiff::ZonedDateTime> {
    s.updated
        .as_ref()
        .filter(|u| u.timestamp() > s.date.timestamp())
}

/// The latest change among the feed's items.
fn newest_change<'d>(d: &'d Digest, items: &[usize]) -> Option<&'d jiff::ZonedDateTime> {
    items
        .iter()
        .map(|&i| last_change(&d.stories[i]))
        .max_by_key(|z| z.timestamp())
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    /// The story's picture (its front matter's `image`, as its page's `og:image`): what
    /// readers show on the item's card.
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    content_html: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    summary: String,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}
