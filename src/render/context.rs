//! Typed, borrowed views of the digest for templates (see docs/templates.md). Each story's
//! view is converted to a Tera value once and then shared (Tera values are reference
//! counted), so list pages never copy article data.

use serde::Serialize;
use tera::Value;

use crate::config::SiteConfig;
use crate::digest::{Digest, Edition, Publication, Story, TagInfo};

/// Absolute URL of a site path (`/x/` -> `https://site/x/`).
pub fn abs(config: &SiteConfig, path: &str) -> String {
    crate::urls::abs(&config.base_url, path)
}

#[derive(Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
    pub mime: &'static str,
    /// The format's name for links: "RSS", "Atom", "JSON Feed".
    pub label: &'static str,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from `language`: the pages' `dir`.
    direction: &'static str,
    extra: &'a serde_json::Value,
    feeds: &'a [FeedLink],
    /// The search page's URL, when `[search]` is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    search: Option<String>,
}

#[derive(Serialize)]
pub struct NavItem {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct TagRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct TagView<'a> {
    #[serde(flatten)]
    pub tag: TagRef<'a>,
    pub count: usize,
    pub feed_url: Option<String>,
}

#[derive(Serialize)]
struct SourceRef<'a> {
    name: &'a str,
    url: &'a str,
    page_url: String,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub page_url: String,
    pub count: usize,
    pub homepage: &'a str,
}

#[derive(Serialize)]
pub struct EditionRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct EditionView<'a> {
    #[serde(flatten)]
    pub edition: EditionRef<'a>,
    pub count: usize,
    pub start_iso: String,
    pub end_iso: String,
    pub start_display: String,
    pub end_display: String,
}

#[derive(Serialize)]
struct StoryView<'a> {
    title: &'a str,
    url: String,
    date_iso: String,
    date_rfc3339: String,
    date_display: String,
    summary_html: &'a str,
    source: Option<SourceRef<'a>>,
    authors: &'a [String],
    reading_minutes: usize,
    words: usize,
    /// Only with `--drafts` (build or serve): the theme marks it.
    draft: bool,
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub url: String,
}

pub fn tag_url(config: &SiteConfig, t: &TagInfo) -> String {
    abs(config, &format!("/tags/{}/", t.slug))
}

pub fn tag_ref<'a>(config: &SiteConfig, t: &'a TagInfo) -> TagRef<'a> {
    TagRef {
        name: &t.name,
        slug: &t.slug,
        url: tag_url(config, t),
    }
}

pub fn tag_view<'a>(config: &SiteConfig, t: &'a TagInfo) -> TagView<'a> {
    let feed_url = config
        .feeds
        .tags
        .then(|| abs(config, &format!("/tags/{}/rss.xml", t.slug)));
    TagView {
        tag: tag_ref(config, t),
        count: t.stories.len(),
        feed_url,
    }
}

pub fn edition_ref<'a>(config: &SiteConfig, e: &'a Edition) -> EditionRef<'a> {
    EditionRef {
        id: &e.id,
        title: &e.title,
        url: abs(config, &format!("/editions/{}/", e.id)),
    }
}

pub fn edition_view<'a>(config: &SiteConfig, e: &'a Edition) -> EditionView<'a> {
    EditionView {
        edition: edition_ref(config, e),
        count: e.stories.len(),
        start_iso: e.start.to_string(),
        end_iso: e.end.to_string(),
        start_display: config.strings.date(e.start),
        end_display: config.strings.date(e.end),
    }
}

pub fn source_view<'a>(config: &SiteConfig, p: &'a Publication) -> SourceView<'a> {
    SourceView {
        name: &p.name,
        slug: &p.slug,
        page_url: abs(config, &format!("/sources/{}/", p.slug)),
        count: p.stories.len(),
        homepage: &p.homepage,
    }
}

/// Plain-text description for `<meta>` and feeds, cut at a word near 300 characters.
pub fn description(summary_html: &str) -> String {
    let text = plain_text(summary_html);
    // No more characters than bytes: most summaries need no counting.
    if text.len() <= 300 || text.chars().count() <= 300 {
        return text;
    }
    let cut: String = text.chars().take(300).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The text of [`strip_tags`](crate::text::strip_tags) with its whitespace runs made single spaces, in one pass:
/// a block's tag ends a word, and the entities `strip_tags` decodes are decoded here too,
/// each within the text between two tags (none spans a tag).
pub fn plain_text(html: &str) -> String {
    let (s, bytes) = (html, html.as_bytes());
    let mut text = String::with_capacity(s.len());
    // Where two spaces follow each other, if anywhere: a run of text stops at them.
    let doubles = memchr::memmem::Finder::new(b"  ");
    let doubles = doubles.find(bytes).is_some().then_some(doubles);
    // A space is owed before the next text: whitespace or a tag came after a word.
    let mut space = false;
    let push = |text: &mut String, space: &mut bool, piece: &str| {
        if *space && !text.is_empty() {
            text.push(' ');
        }
        *space = false;
        text.push_str(piece);
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // A tag, up to the next `>` (an unclosed one hides the rest).
            b'<' => match crate::text::tag_end(&s[i..]) {
                Some(n) => {
                    space |= !crate::text::is_phrasing_tag(&bytes[i + 1..]);
                    i += n;
                }
                None => break,
            },
            b'&' => {
                let (decoded, len) = crate::text::decode_entity(&s[i..]);
                // A no-break space is a space in plain text (and two collapse into one).
                match decoded {
                    "\u{a0}" => space = true,
                    _ => push(&mut text, &mut space, decoded),
                }
                i += len;
            }
            // What `char::is_whitespace` says of ASCII.
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => {
                space = true;
                i += 1;
            }
            b if b.is_ascii() => {
                let start = i;
                i = plain_run_end(bytes, i, doubles.as_ref());
                push(&mut text, &mut space, &s[start..i]);
            }
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                if c.is_whitespace() {
                    space = true;
                } else {
                    push(&mut text, &mut space, &s[i..i + c.len_utf8()]);
                }
                i += c.len_utf8();
            }
        }
    }
    text
}

/// The end of the text copied as it is from `i` (a byte copied as it is): plain ASCII, and
/// single spaces between plain bytes, which come out the same copied as written (a
/// sentence is one piece, not one a word). `doubles` finds two spaces in a row, when the
/// text has any.
fn plain_run_end(bytes: &[u8], i: usize, doubles: Option<&memchr::memmem::Finder>) -> usize {
    let rest = &bytes[i..];
    let end = i + crate::text::first_byte(rest, ends_text).unwrap_or(rest.len());
    // A space stays inside only between plain bytes: the run stops before two spaces, and
    // before a space that ends it.
    let run = &bytes[i..end];
    match doubles.and_then(|d| d.find(run)) {
        Some(at) => i + at,
        None if run.ends_with(b" ") => end - 1,
        None => end,
    }
}

/// A byte that is not copied as it is: a tag's or entity's start, whitespace other than
/// a space (tab to carriage return), or part of a non-ASCII char. `>` outside a tag is
/// text. Tested on every byte of every story's text, without branches.
fn ends_text(c: u8) -> bool {
    (c == b'<') | (c == b'&') | (c.wrapping_sub(b'\t') <= b'\r' - b'\t') | (c >= 0x80)
}

#[cfg(test)]
mod description_tests {
    use super::*;
    use crate::text::strip_tags;

    /// The definition: [`strip_tags`](crate::text::strip_tags), whitespace collapsed, cut near 300 characters.
    fn reference(summary_html: &str) -> String {
        let stripped = strip_tags(summary_html);
        let text = stripped.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() <= 300 {
            return text;
        }
        let cut: String = text.chars().take(300).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        format!("{cut}…")
    }

    #[test]
    fn description_matches_strip_tags_and_collapsing() {
        let long = "word ".repeat(80);
        let long_accents = "é ü ".repeat(90);
        let cases = [
            "",
            "   ",
            "<p></p>",
            "<p>A &amp; <b>B</b></p>",
            "<p>x<br>y</p>",
            "a<b>b</b>c",
            "&amp;lt; &lt;&gt; &quot;q&quot; &#39;s&#x27; &am<b>p; &amp &",
            "&&lt;amp; &#x27 &#39",
            "1 > 0 and <em>2 &gt; 1</em>",
            "unclosed <tag and more",
            "a\u{a0}b\u{2003}c\u{3000}d \t\n e\x0Bf\x0Cg\rh\u{1c}i\u{85}j",
            "a <b <c> d> e",
            "<p>  lead   and\ttrail  </p>  ",
            "<p>€ ü 日本</p><p>next</p>",
            long.as_str(),
            long_accents.as_str(),
        ];
        for html in cases {
            assert_eq!(description(html), reference(html), "{html:?}");
        }
        let wrapped = format!("<p>{long}</p><p>{long_accents}</p>");
        assert_eq!(description(&wrapped), reference(&wrapped));
    }

    proptest::proptest! {
        /// Sentences copied whole give the text of the definition.
        #[test]
        fn plain_text_is_stripped_and_collapsed(html in "([ab,.>] ?|  |<p>|</em> |<code>|<br>|&amp;|&nbsp;|\t|\n|é| <|&|<sup class=\"footnote-reference\">|</sup>){0,30}") {
            let expected = strip_tags(&html).split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(plain_text(&html), expected);
        }
    }
}

/// What every page shares, computed once per build.
pub struct Shared {
    pub site: Value,
    pub nav: Value,
    /// The nav items' URLs, and the front page's, for [`Shared::nav_current`].
    nav_urls: Vec<String>,
    base_url: String,
    pub syntax_css: Value,
    pub site_feeds: Vec<FeedLink>,
    /// `site_feeds` as a template value, made once rather than per page.
    pub feeds: Value,
    /// One value per story, index-aligned with `Digest::stories`.
    pub stories: Vec<Value>,
}

impl Shared {
    pub fn new(digest: &Digest, config: &SiteConfig) -> Shared {
        use rayon::prelude::*;
        let site_feeds = vec![
            FeedLink {
                title: format!("{} (RSS)", config.title),
                url: abs(config, "/rss.xml"),
                mime: "application/rss+xml",
                label: "RSS",
            },
            FeedLink {
                title: format!("{} (Atom)", config.title),
                url: abs(config, "/atom.xml"),
                mime: "application/atom+xml",
                label: "Atom",
            },
            FeedLink {
                title: format!("{} (JSON Feed)", config.title),
                url: abs(config, "/feed.json"),
                mime: "application/feed+json",
                label: "JSON Feed",
            },
        ];
        let site = Value::from_serializable(&SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: &config.language,
            direction: crate::i18n::direction(&config.language),
            extra: &config.extra,
            feeds: &site_feeds,
            search: config
                .search
                .enabled
                .then(|| abs(config, crate::search::PAGE)),
        });
        let t = |id| config.strings.text(id, &[]);
        let mut nav = vec![
            NavItem {
                name: t("nav_latest"),
                url: abs(config, "/"),
            },
            NavItem {
                name: t("nav_archive"),
                url: abs(config, "/archive/"),
            },
            NavItem {
                name: t("nav_tags"),
                url: abs(config, "/tags/"),
            },
            NavItem {
                name: t("nav_sources"),
                url: abs(config, "/sources/"),
            },
        ];
        let listed = digest.pages.iter().filter(|p| !p.doc.front_matter.unlisted);
        nav.extend(listed.map(|p| NavItem {
            name: p.doc.front_matter.title.clone(),
            url: abs(config, &p.path),
        }));
        let syntax_css = serde_json::json!({ "light": abs(config, "/syntax-light.css"), "dark": abs(config, "/syntax-dark.css") });
        let tags: Vec<Value> = digest
            .tags
            .iter()
            .map(|t| Value::from_serializable(&tag_ref(config, t)))
            .collect();
        let editions: Vec<Value> = digest
            .editions
            .iter()
            .map(|e| Value::from_serializable(&edition_ref(config, e)))
            .collect();
        let stories = digest
            .stories
            .par_iter()
            .map(|s| {
                story_value_with(
                    s,
                    digest,
                    config,
                    |t| tags[t].clone(),
                    |e| editions[e].clone(),
                )
            })
            .collect();
        Shared {
            site,
            nav: Value::from_serializable(&nav),
            nav_urls: nav.into_iter().map(|item| item.url).collect(),
            base_url: config.base_url.clone(),
            syntax_css: Value::from_serializable(&syntax_css),
            feeds: Value::from_serializable(&site_feeds),
            site_feeds,
            stories,
        }
    }
}

/// The nav item a page belongs to, for `aria-current`.
#[derive(Serialize)]
pub struct NavCurrent<'a> {
    pub url: &'a str,
    /// "page" on the item's own page, "true" on a page below it (a tag under Tags).
    pub value: &'static str,
}

impl Shared {
    /// The nav item of the page at `canonical_url`, if any. Nav URLs are the front page and
    /// one-segment paths, so at most one item is the page or an ancestor of it (the front
    /// page is nobody's ancestor here: it is current only on itself).
    pub fn nav_current(&self, canonical_url: &str) -> Option<NavCurrent<'_>> {
        self.nav_current_at(canonical_url)
            .map(|(i, page)| NavCurrent {
                url: &self.nav_urls[i],
                value: if page { "page" } else { "true" },
            })
    }

    /// [`Shared::nav_current`] as the item's index, and whether the page is the item's own.
    pub fn nav_current_at(&self, canonical_url: &str) -> Option<(usize, bool)> {
        let exact = self.nav_urls.iter().position(|url| url == canonical_url);
        if let Some(i) = exact {
            return Some((i, true));
        }
        self.nav_urls
            .iter()
            .position(|url| *url != self.base_url && canonical_url.starts_with(url.as_str()))
            .map(|i| (i, false))
    }

    /// The number of nav items.
    pub fn nav_len(&self) -> usize {
        self.nav_urls.len()
    }
}

/// Story `i`'s template value, as [`Shared::new`] makes it (for re-making one after an edit).
pub fn story_value(digest: &Digest, config: &SiteConfig, i: usize) -> Value {
    story_value_with(
        &digest.stories[i],
        digest,
        config,
        |t| Value::from_serializable(&tag_ref(config, &digest.tags[t])),
        |e| Value::from_serializable(&edition_ref(config, &digest.editions[e])),
    )
}

fn story_view<'a>(s: &'a Story, digest: &'a Digest, config: &SiteConfig) -> StoryView<'a> {
    let fm = &s.doc.front_matter;
    let source = fm.source.as_ref().zip(s.source).map(|(src, i)| SourceRef {
        name: &src.name,
        url: &src.url,
        page_url: abs(config, &format!("/sources/{}/", digest.sources[i].slug)),
    });
    StoryView {
        title: &fm.title,
        url: abs(config, &s.path),
        date_iso: s.date.date().to_string(),
        date_rfc3339: rfc3339(&s.date),
        date_display: config.strings.date(s.date.date()),
        summary_html: &s.doc.summary_html,
        source,
        authors: &fm.authors,
        reading_minutes: s.doc.body.reading_minutes(),
        words: s.doc.body.words,
        draft: fm.draft,
    }
}

/// A story's template value: its own fields, plus its tags and edition as references to
/// values made once per tag and edition (shared, so a big site holds each only once).
fn story_value_with(
    s: &Story,
    digest: &Digest,
    config: &SiteConfig,
    tag: impl Fn(usize) -> Value,
    edition: impl Fn(usize) -> Value,
) -> Value {
    let mut map = Value::from_serializable(&story_view(s, digest, config))
        .into_map()
        .unwrap_or_default();
    map.insert(
        "tags".into(),
        Value::from(s.tags.iter().map(|&t| tag(t)).collect::<Vec<_>>()),
    );
    map.insert("edition".into(), Value::from(s.edition.map(edition)));
    Value::from(map)
}

/// `2024-05-28T09:30:00+03:00`, seconds precision.
pub fn rfc3339(z: &jiff::ZonedDateTime) -> String {
    writable_offset(z)
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// `z`, or the same instant in UTC when its offset has seconds, which neither RFC 3339 nor
/// RFC 822 can write: a zone's local mean time before it kept standard time (Berlin's
/// +00:53:28 before 1893).
pub fn writable_offset(z: &jiff::ZonedDateTime) -> jiff::ZonedDateTime {
    if z.offset().seconds() % 60 == 0 {
        z.clone()
    } else {
        z.with_time_zone(jiff::tz::TimeZone::UTC)
    }
}
