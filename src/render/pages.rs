//! Every HTML page of the site as a render job: which template, which URL, which context.
//! Jobs are independent, so they run in parallel.

use serde::Serialize;
use tera::{Context, Value};

use super::context::{
    abs, description, edition_ref, edition_view, source_view, tag_view, FeedLink, PageLink, Shared,
};
use crate::config::SiteConfig;
use crate::digest::Digest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Index(usize),
    Article(usize),
    Page(usize),
    Tags,
    Tag(usize, usize),
    Edition(usize),
    Archive(usize),
    Sources,
    Source(usize, usize),
    NotFound,
    /// The search page, when `[search]` is on.
    Search,
}

/// Number of pages needed for `n` items.
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// URL path of page `n` (1-based) of a paginated list at `base`.
pub fn paged_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// All jobs for a digest.
pub fn jobs(digest: &Digest, config: &SiteConfig) -> Vec<Job> {
    let per = config.digest.per_page;
    let mut jobs: Vec<Job> = (1..=page_count(digest.stories.len(), per))
        .map(Job::Index)
        .collect();
    jobs.extend((0..digest.stories.len()).map(Job::Article));
    jobs.extend((0..digest.pages.len()).map(Job::Page));
    jobs.push(Job::Tags);
    for (t, tag) in digest.tags.iter().enumerate() {
        jobs.extend((1..=page_count(tag.stories.len(), per)).map(|n| Job::Tag(t, n)));
    }
    jobs.extend((0..digest.editions.len()).map(Job::Edition));
    jobs.extend((1..=page_count(digest.editions.len(), per)).map(Job::Archive));
    jobs.push(Job::Sources);
    for (s, source) in digest.sources.iter().enumerate() {
        jobs.extend((1..=page_count(source.stories.len(), per)).map(|n| Job::Source(s, n)));
    }
    jobs.push(Job::NotFound);
    if config.search.enabled {
        jobs.push(Job::Search);
    }
    jobs
}

/// The list pages that show story `i`: its page of the front page, its page of each of its
/// tags, its edition and its source. (Article pages show their neighbours' titles too; the
/// feeds and the sitemap are not jobs.)
pub fn list_jobs_of(digest: &Digest, config: &SiteConfig, i: usize) -> Vec<Job> {
    let per = config.digest.per_page.max(1);
    let story = &digest.stories[i];
    let mut jobs = vec![Job::Index(i / per + 1)];
    for &t in &story.tags {
        if let Some(pos) = digest.tags[t].stories.iter().position(|&s| s == i) {
            jobs.push(Job::Tag(t, pos / per + 1));
        }
    }
    jobs.extend(story.edition.map(Job::Edition));
    if let Some(s) = story.source {
        if let Some(pos) = digest.sources[s].stories.iter().position(|&x| x == i) {
            jobs.push(Job::Source(s, pos / per + 1));
        }
    }
    jobs
}

#[derive(Serialize)]
struct Paginator {
    items: Vec<Value>,
    current: usize,
    total_pages: usize,
    total_items: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    first_url: String,
}

/// Page `n` (1-based) of `all`, `per` items a page.
pub fn page_of<T>(all: &[T], per: usize, n: usize) -> &[T] {
    let start = (n.saturating_sub(1) * per).min(all.len());
    &all[start..(start + per).min(all.len())]
}

/// The paginator for page `n` of a list of `total` items; `items` are that page's.
fn paginator(
    config: &SiteConfig,
    base: &str,
    total: usize,
    items: Vec<Value>,
    n: usize,
) -> Paginator {
    let total_pages = page_count(total, config.digest.per_page);
    Paginator {
        items,
        current: n,
        total_pages,
        total_items: total,
        prev_url: (n > 1).then(|| abs(config, &paged_path(base, n - 1))),
        next_url: (n < total_pages).then(|| abs(config, &paged_path(base, n + 1))),
        first_url: abs(config, base),
    }
}

/// What a job needs besides the job itself.
pub struct Renderer<'a> {
    pub digest: &'a Digest,
    pub config: &'a SiteConfig,
    pub shared: &'a Shared,
    pub tera: &'a tera::Tera,
    cards: Cards,
    layout: Layout,
}

/// The layout pieces that depend on nothing but the site (and, for the nav, on which nav
/// item is current): `footer_html`, `nav_html` and `feed_links_html`, each its partial
/// rendered once per build (per current nav item for the nav) rather than on every page.
/// A slot list is empty when the theme lacks the partial; the variable is then not set.
struct Layout {
    footer: Vec<std::sync::OnceLock<Value>>,
    /// Index 0 when no item is current, then two per nav item: its own page, a page below.
    nav: Vec<std::sync::OnceLock<Value>>,
    /// For the site feeds (a tag page with its own feed renders its links itself).
    feed_links: Vec<std::sync::OnceLock<Value>>,
}

/// Renders the site footer: see [`Layout`].
pub const FOOTER_TEMPLATE: &str = "partials/footer.html";
/// Renders the main navigation: see [`Layout`].
pub const NAV_TEMPLATE: &str = "partials/nav.html";
/// Renders the `<link rel="alternate">` of `feeds`: see [`Layout`].
pub const FEED_LINKS_TEMPLATE: &str = "partials/feed_links.html";

/// The template that renders one story card (`card_html` of the stories in lists).
pub const CARD_TEMPLATE: &str = "partials/story.html";

/// Each story's value on the front page and tag pages (where it shows three or four times
/// a build): its shared value plus `card_html`, [`CARD_TEMPLATE`] rendered with `level` 3
/// (2 for a story outside any edition) and `show_edition` false. Made on first use; lives
/// as long as one [`Renderer`], so one build or re-render.
struct Cards {
    enabled: bool,
    slots: Vec<std::sync::OnceLock<Value>>,
}

/// A template that failed to render, and Tera's error.
#[derive(Debug)]
pub struct TemplateError {
    pub template: String,
    pub error: tera::Error,
}

impl TemplateError {
    /// Turns Tera's error for `template` into a [`TemplateError`] (for `map_err`).
    fn of(template: &str) -> impl FnOnce(tera::Error) -> TemplateError + '_ {
        move |error| TemplateError {
            template: template.to_string(),
            error,
        }
    }
}

/// A page that could not be prepared: its path, and the template that failed on the way.
struct PageError {
    path: String,
    error: TemplateError,
}

/// A page's path, template and context; or the error that stopped it.
type Prepared = Result<(String, &'static str, Context), PageError>;

/// A rendered page, or the template error with the template's name.
pub struct Rendered {
    pub path: String,
    pub html: Result<Vec<u8>, TemplateError>,
}

/// Roughly what the default theme adds around an article's text, in bytes.
const PAGE_MARKUP: usize = 8 * 1024;

impl<'a> Renderer<'a> {
    pub fn new(
        digest: &'a Digest,
        config: &'a SiteConfig,
        shared: &'a Shared,
        tera: &'a tera::Tera,
    ) -> Self {
        let cards = Cards {
            enabled: tera.contains_template(CARD_TEMPLATE),
            slots: (0..shared.stories.len())
                .map(|_| Default::default())
                .collect(),
        };
        let slots = |template: &str, n: usize| {
            let n = if tera.contains_template(template) {
                n
            } else {
                0
            };
            (0..n).map(|_| Default::default()).collect()
        };
        let layout = Layout {
            footer: slots(FOOTER_TEMPLATE, 1),
            nav: slots(NAV_TEMPLATE, 1 + 2 * shared.nav_len()),
            feed_links: slots(FEED_LINKS_TEMPLATE, 1),
        };
        Renderer {
            digest,
            config,
            shared,
            tera,
            cards,
            layout,
        }
    }

    /// `template` rendered with `ctx` as a safe string, kept in `slot` for the next page.
    fn rendered_once(
        &self,
        slot: &std::sync::OnceLock<Value>,
        template: &str,
        ctx: impl FnOnce() -> Context,
    ) -> Result<Value, TemplateError> {
        if let Some(value) = slot.get() {
            return Ok(value.clone());
        }
        let html = self.render_part(template, &ctx())?;
        Ok(slot.get_or_init(|| html).clone())
    }

    fn render_part(&self, template: &str, ctx: &Context) -> Result<Value, TemplateError> {
        let html = self
            .tera
            .render(template, ctx)
            .map_err(TemplateError::of(template))?;
        Ok(Value::safe_string(&html))
    }

    /// `feed_links_html` for a page whose `feeds` are not the site feeds.
    fn feed_links(&self, feeds: Value) -> Result<Option<Value>, TemplateError> {
        if self.layout.feed_links.is_empty() {
            return Ok(None);
        }
        let ctx = self.feed_links_context(feeds);
        self.render_part(FEED_LINKS_TEMPLATE, &ctx).map(Some)
    }

    fn feed_links_context(&self, feeds: Value) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.shared.site.clone());
        ctx.insert_value("feeds", feeds);
        ctx
    }

    /// Story `i`'s value on the front page and tag pages: see [`Cards`].
    fn listed(&self, i: usize) -> Result<Value, TemplateError> {
        let value = &self.shared.stories[i];
        if !self.cards.enabled {
            return Ok(value.clone());
        }
        let slot = &self.cards.slots[i];
        if let Some(listed) = slot.get() {
            return Ok(listed.clone());
        }
        let mut ctx = Context::new();
        ctx.insert_value("site", self.shared.site.clone());
        ctx.insert_value("item", value.clone());
        let level: u8 = if self.digest.stories[i].edition.is_some() {
            3
        } else {
            2
        };
        ctx.insert("level", &level);
        ctx.insert("show_edition", &false);
        let html = self
            .tera
            .render(CARD_TEMPLATE, &ctx)
            .map_err(TemplateError::of(CARD_TEMPLATE))?;
        let mut map = value.clone().into_map().unwrap_or_default();
        map.insert("card_html".into(), Value::safe_string(&html));
        Ok(slot.get_or_init(|| Value::from(map)).clone())
    }

    fn stories(&self, indices: &[usize]) -> Vec<Value> {
        indices
            .iter()
            .map(|&i| self.shared.stories[i].clone())
            .collect()
    }

    /// [`Self::stories`] for the front page and tag pages, with `card_html`.
    fn listed_stories(&self, indices: &[usize]) -> Result<Vec<Value>, TemplateError> {
        indices.iter().map(|&i| self.listed(i)).collect()
    }

    /// Stories grouped by edition, keeping their order.
    fn groups(&self, indices: &[usize]) -> Result<Value, TemplateError> {
        let mut groups: Vec<(Option<usize>, Vec<Value>)> = Vec::new();
        for &i in indices {
            let e = self.digest.stories[i].edition;
            let item = self.listed(i)?;
            match groups.last_mut() {
                Some((last, items)) if *last == e => items.push(item),
                _ => groups.push((e, vec![item])),
            }
        }
        let list: Vec<Value> = groups
            .into_iter()
            .map(|(e, items)| {
                // The whole edition, dates included: list pages show its date range.
                let edition = e.map(|e| edition_view(self.config, &self.digest.editions[e]));
                let mut group = tera::Map::default();
                group.insert("edition".into(), Value::from_serializable(&edition));
                group.insert("items".into(), Value::from(items));
                Value::from(group)
            })
            .collect();
        Ok(Value::from(list))
    }

    /// [`Self::base_context`], an error coming with the page's path.
    fn base(&self, path: &str, title: Option<&str>, desc: &str) -> Result<Context, PageError> {
        self.base_context(path, title, desc)
            .map_err(|error| PageError {
                path: path.to_string(),
                error,
            })
    }

    fn base_context(
        &self,
        path: &str,
        title: Option<&str>,
        desc: &str,
    ) -> Result<Context, TemplateError> {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.shared.site.clone());
        ctx.insert_value("nav", self.shared.nav.clone());
        ctx.insert_value("syntax_css", self.shared.syntax_css.clone());
        let page_title = match title {
            Some(t) => format!("{t} — {}", self.config.title),
            None => self.config.title.clone(),
        };
        ctx.insert("page_title", &page_title);
        ctx.insert(
            "page_description",
            if desc.is_empty() {
                self.config.description.as_str()
            } else {
                desc
            },
        );
        let canonical_url = abs(self.config, path);
        let nav_current = Value::from_serializable(&self.shared.nav_current(&canonical_url));
        let layout = &self.layout;
        if let Some(slot) = layout.footer.first() {
            let footer = self.rendered_once(slot, FOOTER_TEMPLATE, || {
                let mut ctx = Context::new();
                ctx.insert_value("site", self.shared.site.clone());
                ctx
            })?;
            ctx.insert_value("footer_html", footer);
        }
        if !layout.nav.is_empty() {
            let slot = match self.shared.nav_current_at(&canonical_url) {
                None => 0,
                Some((i, own)) => 1 + 2 * i + usize::from(!own),
            };
            let nav = self.rendered_once(&layout.nav[slot], NAV_TEMPLATE, || {
                let mut ctx = Context::new();
                ctx.insert_value("site", self.shared.site.clone());
                ctx.insert_value("nav", self.shared.nav.clone());
                ctx.insert_value("nav_current", nav_current.clone());
                ctx
            })?;
            ctx.insert_value("nav_html", nav);
        }
        if let Some(slot) = layout.feed_links.first() {
            let links = self.rendered_once(slot, FEED_LINKS_TEMPLATE, || {
                self.feed_links_context(self.shared.feeds.clone())
            })?;
            ctx.insert_value("feed_links_html", links);
        }
        ctx.insert_value("nav_current", nav_current);
        ctx.insert("canonical_url", &canonical_url);
        ctx.insert("page_image", &Option::<String>::None);
        ctx.insert_value("feeds", self.shared.feeds.clone());
        Ok(ctx)
    }

    pub fn render(&self, job: Job) -> Rendered {
        let (path, prepared) = self.prepare(job);
        let html = prepared.and_then(|(template, ctx)| {
            // Bytes, not a String: Tera writes UTF-8, and checking it again costs a pass
            // over every page. Sized so that an article page is not copied as it grows.
            let mut html = Vec::with_capacity(match job {
                Job::Article(i) => self.digest.stories[i].doc.body.html.len() + PAGE_MARKUP,
                _ => 2 * PAGE_MARKUP,
            });
            self.tera
                .render_to(template, &ctx, &mut html)
                .map(|()| html)
                .map_err(TemplateError::of(template))
        });
        Rendered { path, html }
    }

    /// The page's URL path, and its template and context (or the error of a story card
    /// it needed).
    #[allow(clippy::type_complexity)]
    fn prepare(&self, job: Job) -> (String, Result<(&'static str, Context), TemplateError>) {
        let (path, template, ctx) = match self.prepare_lists(job) {
            Ok(prepared) => prepared,
            Err(PageError { path, error }) => return (path, Err(error)),
        };
        (path, Ok((template, ctx)))
    }

    fn prepare_lists(&self, job: Job) -> Prepared {
        let (d, c) = (self.digest, self.config);
        match job {
            Job::Index(n) => {
                let path = paged_path("/", n);
                let title =
                    (n > 1).then(|| c.strings.text("page_title_n", &[("n", &n.to_string())]));
                let mut ctx = self.base(&path, title.as_deref(), "")?;
                let per = c.digest.per_page;
                let start = (n - 1) * per;
                let slice: Vec<usize> = (start..(start + per).min(d.stories.len())).collect();
                let err = |error| PageError {
                    path: path.clone(),
                    error,
                };
                let items = self.listed_stories(&slice).map_err(err)?;
                let page = paginator(c, "/", d.stories.len(), items, n);
                ctx.insert_value("groups", self.groups(&slice).map_err(err)?);
                ctx.insert("paginator", &page);
                Ok((path, "index.html", ctx))
            }
            Job::Article(i) => self.article(i),
            Job::Page(i) => {
                let p = &d.pages[i];
                let fm = &p.doc.front_matter;
                let summary = &p.doc.summary_html;
                let mut ctx = self.base(&p.path, Some(&fm.title), &description(summary))?;
                let page = serde_json::json!({
                    "title": fm.title, "url": abs(c, &p.path), "content_html": p.doc.body.html,
                    "summary_html": summary, "extra": fm.extra,
                });
                ctx.insert("page", &page);
                Ok((p.path.clone(), "page.html", ctx))
            }
            Job::Tags => {
                let mut ctx = self.base("/tags/", Some(&c.strings.text("tags_title", &[])), "")?;
                let tags: Vec<_> = d.tags.iter().map(|t| tag_view(c, t)).collect();
                ctx.insert("tags", &tags);
                Ok(("/tags/".into(), "tags.html", ctx))
            }
            Job::Tag(t, n) => {
                let tag = &d.tags[t];
                let base = format!("/tags/{}/", tag.slug);
                let path = paged_path(&base, n);
                let mut ctx = self.base(
                    &path,
                    Some(&tag.name),
                    &c.strings.text("tag_description", &[("tag", &tag.name)]),
                )?;
                let view = tag_view(c, tag);
                if let Some(url) = &view.feed_url {
                    let mut feeds: Vec<&FeedLink> = self.shared.site_feeds.iter().collect();
                    // Named as the site's feeds are in a reader's list: with the format.
                    let name = c
                        .strings
                        .text("tag_feed_title", &[("site", &c.title), ("tag", &tag.name)]);
                    let tag_feed = FeedLink {
                        title: format!("{name} (RSS)"),
                        url: url.clone(),
                        mime: "application/rss+xml",
                        label: "RSS",
                    };
                    feeds.push(&tag_feed);
                    let feeds = Value::from_serializable(&feeds);
                    let err = |error| PageError {
                        path: path.clone(),
                        error,
                    };
                    if let Some(links) = self.feed_links(feeds.clone()).map_err(err)? {
                        ctx.insert_value("feed_links_html", links);
                    }
                    ctx.insert_value("feeds", feeds);
                }
                let slice = page_of(&tag.stories, c.digest.per_page, n);
                let err = |error| PageError {
                    path: path.clone(),
                    error,
                };
                ctx.insert_value("groups", self.groups(slice).map_err(err)?);
                let items = self.listed_stories(slice).map_err(err)?;
                ctx.insert(
                    "paginator",
                    &paginator(c, &base, tag.stories.len(), items, n),
                );
                ctx.insert("tag", &view);
                Ok((path, "tag.html", ctx))
            }
            Job::Edition(e) => {
                let ed = &d.editions[e];
                let path = format!("/editions/{}/", ed.id);
                let mut ctx = self.base(
                    &path,
                    Some(&ed.title),
                    &c.strings
                        .text("edition_description", &[("edition", &ed.title)]),
                )?;
                ctx.insert("edition", &edition_view(c, ed));
                ctx.insert_value("items", Value::from(self.stories(&ed.stories)));
                ctx.insert(
                    "prev_edition",
                    &d.editions.get(e + 1).map(|x| edition_ref(c, x)),
                );
                ctx.insert(
                    "next_edition",
                    &e.checked_sub(1).map(|x| edition_ref(c, &d.editions[x])),
                );
                Ok((path, "edition.html", ctx))
            }
            Job::Archive(n) => {
                let path = paged_path("/archive/", n);
                let mut ctx = self.base(
                    &path,
                    Some(&c.strings.text("archive_title", &[])),
                    &c.strings.text("archive_description", &[]),
                )?;
                let items = page_of(&d.editions, c.digest.per_page, n)
                    .iter()
                    .map(|e| Value::from_serializable(&edition_view(c, e)))
                    .collect();
                ctx.insert(
                    "paginator",
                    &paginator(c, "/archive/", d.editions.len(), items, n),
                );
                Ok((path, "archive.html", ctx))
            }
            Job::Sources => {
                let mut ctx = self.base(
                    "/sources/",
                    Some(&c.strings.text("sources_title", &[])),
                    &c.strings.text("sources_description", &[]),
                )?;
                let sources: Vec<_> = d.sources.iter().map(|s| source_view(c, s)).collect();
                ctx.insert("sources", &sources);
                Ok(("/sources/".into(), "sources.html", ctx))
            }
            Job::Source(s, n) => {
                let src = &d.sources[s];
                let base = format!("/sources/{}/", src.slug);
                let path = paged_path(&base, n);
                let mut ctx = self.base(
                    &path,
                    Some(&src.name),
                    &c.strings
                        .text("source_description", &[("source", &src.name)]),
                )?;
                ctx.insert("source", &source_view(c, src));
                let items = self.stories(page_of(&src.stories, c.digest.per_page, n));
                ctx.insert_value("items", Value::from(items.clone()));
                ctx.insert(
                    "paginator",
                    &paginator(c, &base, src.stories.len(), items, n),
                );
                Ok((path, "source.html", ctx))
            }
            Job::NotFound => {
                let title = c.strings.text("not_found_title", &[]);
                let ctx = self.base("/404.html", Some(&title), "")?;
                Ok(("/404.html".into(), "404.html", ctx))
            }
            Job::Search => {
                let path = crate::search::PAGE;
                let title = c.strings.text("search_title", &[]);
                let description = c.strings.text("search_description", &[]);
                let mut ctx = self.base(path, Some(&title), &description)?;
                ctx.insert(
                    "search_messages",
                    &crate::search::client_messages(&c.strings),
                );
                Ok((path.into(), "search.html", ctx))
            }
        }
    }

    fn article(&self, i: usize) -> Prepared {
        let (d, c) = (self.digest, self.config);
        let s = &d.stories[i];
        let fm = &s.doc.front_matter;
        let mut ctx = self.base(
            &s.path,
            Some(&fm.title),
            &description(&d.stories[i].doc.summary_html),
        )?;
        let image = fm
            .image
            .as_deref()
            .map(|img| resolve_image(c, &s.doc.rel, img));
        ctx.insert("page_image", &image);
        let mut article = self.shared.stories[i]
            .clone()
            .into_map()
            .unwrap_or_default();
        article.insert("content_html".into(), Value::safe_string(&s.doc.body.html));
        // A summary taken from the text (its opening, or the part before `<!-- more -->`,
        // even a marker inside a paragraph) would repeat it, and so would a written one the
        // text holds; the theme shows the lede only when this is not empty. (A
        // template-side `in` test scans the page several times slower than memchr.)
        let summary = &s.doc.summary_html;
        let from_text = fm.summary.is_none();
        let lede = if summary.is_empty() || from_text || contains(&s.doc.body.html, summary) {
            ""
        } else {
            summary.as_str()
        };
        article.insert("lede_html".into(), Value::safe_string(lede));
        article.insert(
            "updated_iso".into(),
            Value::from_serializable(&s.updated.as_ref().map(|u| u.date().to_string())),
        );
        article.insert(
            "updated_display".into(),
            Value::from_serializable(&s.updated.as_ref().map(|u| c.strings.date(u.date()))),
        );
        // The picture above the text, unless the text shows it too (a Docusaurus post's
        // `image` is its social card, and often its first figure).
        let shown = image.as_deref().filter(|url| {
            let src = format!("src=\"{}\"", crate::text::escape_html(url));
            !contains(&s.doc.body.html, &src)
        });
        article.insert("image".into(), Value::from_serializable(&shown));
        article.insert("extra".into(), Value::from_serializable(&fm.extra));
        ctx.insert_value("article", Value::from(article));
        let link = |j: usize| PageLink {
            title: &d.stories[j].doc.front_matter.title,
            url: abs(c, &d.stories[j].path),
        };
        ctx.insert("prev", &d.stories.get(i + 1).map(|_| link(i + 1)));
        ctx.insert("next", &i.checked_sub(1).map(link));
        Ok((s.path.clone(), "article.html", ctx))
    }
}

/// Whether `needle` occurs in `haystack`. Searching for a short prefix and comparing the
/// rest at each hit costs less than `memmem::find` with the whole needle, which prepares a
/// searcher as long as the needle (a summary: hundreds of bytes) for one search.
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let prefix = &needle[..needle.len().min(16)];
    memchr::memmem::find_iter(haystack, prefix).any(|at| haystack[at..].starts_with(needle))
}

/// An image reference made absolute: URLs stay, `/x` is site-relative, anything else is
/// relative to the article's folder under content/.
pub fn resolve_image(config: &SiteConfig, rel: &str, img: &str) -> String {
    // A space is no part of a URL: `img/my photo.png` is `img/my%20photo.png`.
    let img = &img.replace(' ', "%20");
    if crate::urls::absolute_http_host(img).is_some() {
        img.to_string()
    } else if let Some(p) = img.strip_prefix('/') {
        abs(config, p)
    } else {
        // Beside the document, `./` and `../` resolved as a browser would.
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let path = crate::urls::beside_path(dir, img).unwrap_or_else(|| format!("{dir}/{img}"));
        abs(config, &path)
    }
}

#[cfg(test)]
mod contains_tests {
    #[test]
    fn contains_agrees_with_memmem() {
        let hay = "<p>abcdefghijklmnopq</p><p>abcdefghijklmnopqrstu</p> é";
        for needle in [
            "<p>abcdefghijklmnopqrstu</p>",
            "<p>abcdefghijklmnopqrstv</p>",
            "<p>abcdefghijklmnop",
            "é",
            "q</p><p>",
            "<p>",
            "x",
        ] {
            let expected = memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some();
            assert_eq!(super::contains(hay, needle), expected, "{needle:?}");
        }
    }
}
