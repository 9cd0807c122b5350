//! RSS 2.0, Atom 1.0 and JSON Feed 1.1, written directly (not through templates) so they
//! are valid whatever the theme does: absolute URLs, RFC 822 / RFC 3339 dates, unique ids,
//! text escaped once, no XML-illegal characters.

use std::fmt::Write;

use serde::Serialize;

use super::context::{abs, rfc3339, Shared};
use crate::config::SiteConfig;
use crate::digest::{Digest, Story};
use crate::text::{escape_html, scrub};

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
    z.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// The body a feed carries for a story.
fn item_html<'a>(config: &SiteConfig, story: &'a Story) -> &'a str {
    if config.feeds.full_content && !story.doc.body.html.trim().is_empty() {
        &story.doc.body.html
    } else {
        &story.doc.summary_html
    }
}

pub struct FeedInput<'a> {
    pub digest: &'a Digest,
    pub config: &'a SiteConfig,
    pub shared: &'a Shared,
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
        let html = |i: usize| item_html(c, &d.stories[i]);
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
        if let Some(&first) = items.first() {
            let _ = writeln!(
                out,
                "<lastBuildDate>{}</lastBuildDate>",
                rfc822(&d.stories[first].date)
            );
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
            for a in &fm.authors {
                let _ = writeln!(out, "<dc:creator>{}</dc:creator>", x(a));
            }
            for &t in &s.tags {
                let _ = writeln!(out, "<category>{}</category>", x(&d.tags[t].name));
            }
            if let Some(src) = &fm.source {
                let _ = writeln!(
                    out,
                    "<source url=\"{}\">{}</source>",
                    x(&src.url),
                    x(&src.name)
                );
            }
            push_html_element(&mut out, "<description>", html(i), "</description>");
            out.push_str("</item>\n");
        }
        out.push_str("</channel>\n</rss>\n");
        out
    }

    pub fn atom(&self) -> String {
        let (d, c) = (self.digest, self.config);
        let items = self.newest(0..d.stories.len());
        let mut out = String::with_capacity(feed_capacity(items.iter().map(|&i| {
            let doc = &d.stories[i].doc;
            let body = if c.feeds.full_content {
                doc.body.html.len()
            } else {
                0
            };
            doc.summary_html.len() + body
        })));
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
        let updated = items
            .iter()
            .map(|&i| last_change(&d.stories[i]))
            .max_by_key(|z| z.timestamp());
        let updated = updated.map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), rfc3339);
        let _ = writeln!(out, "<updated>{updated}</updated>");
        let _ = writeln!(out, "<author><name>{}</name></author>", x(&c.title));
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
            for a in &fm.authors {
                let _ = writeln!(out, "<author><name>{}</name></author>", x(a));
            }
            for &t in &s.tags {
                let _ = writeln!(out, "<category term=\"{}\"/>", x(&d.tags[t].name));
            }
            let summary = &s.doc.summary_html;
            push_html_element(&mut out, "<summary type=\"html\">", summary, "</summary>");
            if c.feeds.full_content {
                let body = &s.doc.body.html;
                push_html_element(&mut out, "<content type=\"html\">", body, "</content>");
            }
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
                    content_html: c.feeds.full_content.then_some(s.doc.body.html.as_str()),
                    summary: super::context::description(&d.stories[i].doc.summary_html),
                    date_published: rfc3339(&s.date),
                    date_modified: s.updated.as_ref().map(rfc3339),
                    tags: s.tags.iter().map(|&t| d.tags[t].name.as_str()).collect(),
                    authors: fm.authors.iter().map(|a| JsonAuthor { name: a }).collect(),
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
            items,
        };
        let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn last_change(s: &Story) -> &jiff::ZonedDateTime {
    s.updated
        .as_ref()
        .filter(|u| u.timestamp() > s.date.timestamp())
        .unwrap_or(&s.date)
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    summary: String,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}
