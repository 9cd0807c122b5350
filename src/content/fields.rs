//! The one place where raw front-matter values become checked, typed fields. Every problem
//! is reported with the line of the offending value in the file.

use jiff::tz::TimeZone;
use jiff::ZonedDateTime as Zoned;
use serde_json::Value;

use super::dates::{self, parse_date};
use super::frontmatter::{Problem, RawMap};
use super::located::Located;
use super::slug::normalize_tag;
use crate::text::scrub;

/// The original story a digest entry points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    /// An absolute http(s) URL.
    pub url: String,
    /// The file line of the `source:` (or `source_url:`) key, for messages about it.
    pub line: usize,
}

/// Checked front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Zoned>,
    pub updated: Option<Zoned>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub authors: Vec<String>,
    pub draft: bool,
    /// The key that made the story a draft (`draft`, `published`, `status`, `password`…:
    /// see `check`); None when its `_drafts/` folder did, or it is none.
    pub draft_key: Option<&'static str>,
    /// Hugo's `publishDate`: until then the story is left out, as a future one is.
    pub publish_date: Option<Zoned>,
    /// Hugo's `expiryDate`: from then on the story is left out.
    pub expiry_date: Option<Zoned>,
    /// Never published, `--drafts` or not: Hugo's `headless: true` (a bundle kept only for
    /// its files) and `build: {render: never}`.
    pub hidden: bool,
    /// Eleventy's `eleventyExcludeFromCollections`: a page no list or navigation names.
    pub unlisted: bool,
    pub slug: Option<String>,
    pub image: Option<String>,
    pub edition: Option<String>,
    /// Old URL paths of the story (Hugo's and Zola's `aliases`, Jekyll's `redirect_from`
    /// and `permalink`, Hugo's `url`): each gets a page that sends readers to the story.
    pub aliases: Vec<String>,
    pub extra: serde_json::Map<String, Value>,
}

/// Jekyll's `/:year/:title/` and Eleventy's `{{ page.fileSlug }}`: patterns another
/// generator filled in, not one URL.
pub fn is_url_pattern(path: &str) -> bool {
    path.contains("/:") || path.contains("{{") || path.contains("{%")
}

/// Eleventy's `eleventyExcludeFromCollections`: `true`, or a list naming its collection of
/// posts (`post`, `posts`) or of everything (`all`). Eleventy still writes the page, but lists
/// it nowhere: a page of its own, dated or not, that the navigation does not name.
pub fn excluded_from_collections(map: &RawMap) -> bool {
    // Docusaurus's `unlisted: true`: published, but in no list, feed or sitemap; and
    // vuepress-theme-hope's `article: false`, a page kept out of its article lists.
    let is = |key: &str, value: bool| {
        map.get(key)
            .is_some_and(|v| v.value == serde_json::Value::Bool(value))
    };
    if is("unlisted", true) || is("article", false) {
        return true;
    }
    match map.get("eleventyExcludeFromCollections").map(|v| &v.value) {
        Some(serde_json::Value::Bool(excluded)) => *excluded,
        Some(serde_json::Value::Array(names)) => names
            .iter()
            .any(|n| matches!(n.as_str(), Some("post" | "posts" | "all"))),
        _ => false,
    }
}

impl FrontMatter {
    /// When the story may be published: its `publishDate`, else its date.
    pub fn publish_at(&self) -> Option<jiff::Timestamp> {
        let at = self.publish_date.as_ref().or(self.date.as_ref());
        at.map(Zoned::timestamp)
    }

    /// True once its `expiryDate` has come.
    pub fn expired(&self, now: jiff::Timestamp) -> bool {
        (self.expiry_date.as_ref()).is_some_and(|e| e.timestamp() <= now)
    }

    /// Why a build at `now` left out a document with this front matter (one it did leave
    /// out: a document that is none of the others is dated in the future).
    pub fn left_out_as(&self, now: jiff::Timestamp) -> crate::diagnostic::LeftOutAs {
        use crate::diagnostic::LeftOutAs;
        if self.hidden {
            LeftOutAs::Hidden
        } else if self.expired(now) {
            LeftOutAs::Expired
        } else if self.draft {
            LeftOutAs::Draft
        } else {
            LeftOutAs::Future
        }
    }
}

/// Hugo's names for the moment a page is published and for the one it expires, read in
/// any case.
const PUBLISH_DATE_KEYS: [&str; 2] = ["publishDate", "pubdate"];

/// Where dev.to's, Hashnode's and Ghost's exports write when a post came out: its date when it has
/// no other (never a schedule, and kept in `article.extra` as written).
const EXPORTED_DATE_KEYS: [&str; 3] = ["published_at", "datePublished", "date_published"];

/// Keys only Ghost's exports write: a post that has one came from Ghost.
const GHOST_KEYS: [&str; 3] = ["date_published", "date_updated", "feature_image"];

/// The date of a story's last change, by the names generators give it, the first given read.
const UPDATED_KEYS: [&str; 6] = [
    "updated",
    "lastmod",
    "updatedDate",
    "date_updated",
    "last_modified_at",
    "modified_time",
];
const EXPIRY_DATE_KEYS: [&str; 2] = ["expiryDate", "unpublishdate"];

/// The map with keys gazette reads also found when written in another case (`Title:`,
/// `Date:`), as Hugo and Pelican read them; unless the key is there as written too.
pub fn known_keys_in_any_case(mut map: RawMap) -> RawMap {
    let misfolded: Vec<(String, &str)> = map
        .keys()
        .filter(|k| !is_known_key(k))
        .filter_map(|k| {
            let known = KNOWN_KEYS
                .iter()
                .find(|known| known.eq_ignore_ascii_case(k))?;
            Some((k.clone(), *known))
        })
        .collect();
    for (written, known) in misfolded {
        if map.contains_key(known) {
            continue;
        }
        if let Some(value) = map.remove(&written) {
            map.insert(known.to_string(), value);
        }
    }
    map
}

/// A key gazette reads: one of [`KNOWN_KEYS`], or a Hugo date key in any case.
pub(crate) fn is_known_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key)
        || (PUBLISH_DATE_KEYS.iter().chain(&EXPIRY_DATE_KEYS)).any(|k| k.eq_ignore_ascii_case(key))
}

const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "tags",
    "tag",
    "categories",
    "category",
    "summary",
    "description",
    "excerpt",
    "source",
    "source_url",
    "source_name",
    "author",
    "authors",
    "draft",
    "published",
    "publish",
    "status",
    "password",
    "post_password",
    "private",
    "hidden",
    "visibility",
    "publishDate",
    "expiryDate",
    "headless",
    "build",
    "_build",
    "slug",
    "image",
    "images",
    "coverImage",
    "cover_image",
    "heroImage",
    "feature_image",
    "cover",
    "ogImage",
    "photos",
    "updatedDate",
    "date_updated",
    "last_modified_at",
    "modified_time",
    "unlisted",
    "isDraft",
    "edition",
    "aliases",
    "redirect_from",
    "permalink",
    "url",
];

/// True for a value that says nothing: empty text or spaces.
pub(crate) fn is_blank(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.trim().is_empty())
}

/// A value as a boolean: `true`/`false`, and as text YAML 1.1's words (Jekyll's parser reads
/// `draft: yes` as true) and Hugo's text that it casts (`draft = "true"`). None for anything
/// else.
pub(crate) fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// What the checker needs to know besides the YAML.
pub struct FieldContext<'a> {
    /// The front matter's text, and the file line its first line is on.
    pub yaml: &'a str,
    pub yaml_line: usize,
    /// The front matter is TOML (`+++`), so hints show TOML's syntax.
    pub toml: bool,
    pub tz: &'a TimeZone,
    /// The date from a `YYYY-MM-DD-` file-name prefix, used when `date` is absent.
    pub file_date: Option<jiff::civil::Date>,
    pub date_required: bool,
    /// The file is in a `_drafts/` folder (Jekyll's) or named as Medium names a draft
    /// (`draft_Title-0a1b2c3d4e5f`): a draft without `draft: true`.
    pub in_drafts_folder: bool,
    /// The file is in Jekyll's `_posts/` or `_drafts/`, whose string of tags is split at
    /// spaces, as Jekyll splits it.
    pub jekyll_post: bool,
    /// The file's name without its date prefix and extension (`weekly-roundup`).
    pub file_name: &'a str,
    /// What the Jekyll site of a post in its `_posts/` folder says of it: the build
    /// redirects from the URL Jekyll gave it (unless it has a `permalink` of its own) and
    /// tags it with its category folders.
    pub jekyll_site: Option<&'a super::jekyll_url::JekyllSite>,
    /// The date of a draft that has none (Jekyll's rule: when the file was last saved).
    pub undated_draft: &'a dyn Fn() -> Option<Zoned>,
    /// The text of the level-one heading the body opens with, given when the front matter
    /// has no `title` key: the title then, as MkDocs and Docusaurus take it.
    pub heading: Option<&'a str>,
    /// The opening words of the body's text, given when the front matter has no title and
    /// the body no such heading: the title of a note written without one (Micro.blog's,
    /// Tumblr's), with a warning.
    pub opening_words: Option<&'a str>,
}

#[derive(Default)]
pub struct Checked {
    pub front_matter: Option<FrontMatter>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// The title is the body's opening heading ([`FieldContext::heading`]), which the page
    /// then shows once, as its title.
    pub title_from_heading: bool,
}

struct Checker<'a> {
    map: RawMap,
    ctx: &'a FieldContext<'a>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The keys an error was reported on.
    failed: Vec<String>,
}

impl Checker<'_> {
    fn at(&self, key: &str) -> (usize, usize) {
        self.map
            .get(key)
            .map_or((self.ctx.yaml_line, 0), |v| (v.line, v.col))
    }

    fn error(&mut self, key: &str, message: String) {
        let (line, col) = self.at(key);
        self.failed.push(key.to_string());
        self.errors
            .push(Problem::new(line, col, format!("`{key}`: {message}")));
    }

    fn warning(&mut self, key: &str, message: String) {
        let (line, col) = self.at(key);
        self.warnings
            .push(Problem::new(line, col, format!("`{key}`: {message}")));
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        self.map
            .get(key)
            .map(|v| v.value.clone())
            .filter(|v| !v.is_null())
    }

    /// A plain string; numbers and booleans are read as the text they were written as.
    fn string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(scrub(s.trim()).into_owned()),
            Value::Number(n) => Some(self.written(key).unwrap_or_else(|| n.to_string())),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.error(key, format!("expected text, found {}", kind(&other)));
                None
            }
        }
    }

    /// A plain scalar's text as written on its line (`1.10`, which YAML reads as the
    /// number 1.1), up to a comment.
    fn written(&self, key: &str) -> Option<String> {
        let v = self.map.get(key)?;
        let line = self
            .ctx
            .yaml
            .lines()
            .nth(v.line.checked_sub(self.ctx.yaml_line)?)?;
        let start = line.char_indices().nth(v.col.checked_sub(1)?)?.0;
        let text = &line[start..];
        // TOML's positions are its lines' starts: `title = 1.10`.
        let text = match self.ctx.toml {
            true => text.split_once('=')?.1,
            false => text,
        };
        let text = text.split_once(" #").map_or(text, |(t, _)| t).trim();
        // TOML's `title = 1.10` may end its line with a comma inside an inline table.
        (!text.is_empty() && !text.contains([',', '}', ']'])).then(|| text.to_string())
    }

    fn date(&mut self, key: &str) -> Option<Zoned> {
        let text = self.string(key)?;
        parse_date(&text, self.ctx.tz)
            .map_err(|e| self.error(key, e.message))
            .ok()
    }

    /// MkDocs Material's blog writes `date: {created: …, updated: …}`: its `created` is the
    /// date, its `updated` the date of the change (unless `updated` is given on its own).
    fn unfold_mkdocs_date(&mut self) {
        let Some(located) = self.map.get("date") else {
            return;
        };
        let Some(dates) = located.value.as_object() else {
            return;
        };
        let Some(created) = dates.get("created").cloned() else {
            return;
        };
        let updated = dates.get("updated").cloned();
        let at = |value| Located {
            value,
            ..located.clone()
        };
        let (created, updated) = (at(created), updated.map(at));
        self.map.insert("date".into(), created);
        if let Some(updated) = updated {
            self.map.entry("updated".into()).or_insert(updated);
        }
    }

    /// The date under the first of `keys` the front matter has, in any case (Hugo reads
    /// its keys so: `publishDate`, `PublishDate`, `pubdate`).
    /// When two are given (`publishDate` and `pubdate`), the first of `keys` is read, as
    /// Hugo does, and the other gets a warning.
    fn first_date(&mut self, keys: &[&str]) -> Option<Zoned> {
        let given: Vec<String> = keys
            .iter()
            .flat_map(|want| self.map.keys().filter(|k| want.eq_ignore_ascii_case(k)))
            .cloned()
            .collect();
        let (read, ignored) = given.split_first()?;
        for other in ignored {
            let (line, col) = self.at(other);
            self.warnings.push(Problem::new(
                line,
                col,
                format!("`{other}`: ignored: `{read}` names the same date and is the one read; keep one"),
            ));
        }
        self.date(read)
    }

    /// A `status` saying the post is not out, as Pelican, WordPress and Ghost write it
    /// (`draft`, `hidden`, `private`, `pending`, `trash`): any status but `published`,
    /// `publish` or `public`, so a status gazette does not know never publishes a post.
    fn unpublished_status(&mut self) -> bool {
        let Some(status) = self.string("status") else {
            return false;
        };
        let status = status.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        let published = matches!(status.as_str(), "published" | "publish" | "public");
        let kept_back = matches!(
            status.as_str(),
            "draft" | "hidden" | "private" | "pending" | "trash"
        );
        if !published && !kept_back {
            let (line, col) = self.at("status");
            self.warnings.push(Problem::new(
                line,
                col,
                format!(
                    "`status: {status}` is not `published`, so the story is kept back as a \
                     draft; write `status: published` to publish it"
                ),
            ));
        }
        !published
    }

    /// A picture's path under `key`: the text, or a mapping's `image` or `url`, as Hugo's
    /// PaperMod theme writes `cover: {image: …, alt: …}` and Next.js's blog starter
    /// `ogImage: {url: …}`. Anything else is not read as a picture.
    fn picture(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            // Chirpy's `image: {path, alt}`, PaperMod's `cover: {image}`, minimal-mistakes'
            // `header: {teaser, overlay_image}`; a mapping of none (Wowchemy's `image:
            // {caption, focal_point}`) names no picture.
            Value::Object(fields) => ["image", "url", "path", "overlay_image", "teaser"]
                .iter()
                .find_map(|k| fields.get(*k).and_then(Value::as_str))
                .map(|path| scrub(path.trim()).into_owned()),
            Value::String(_) => self.string(key),
            // A list of pictures: its first.
            Value::Array(_) => self.string_list(key).into_iter().next(),
            _ => None,
        }
    }

    /// Tumblr's `state` of a post not out for everyone (`private`, `queued`, `draft`,
    /// `submission`), as its backups write it. Any other `state` (`published`, or a place:
    /// `state: Oregon`) says nothing about publishing, and stays the post's own.
    fn tumblr_kept_back(&self) -> bool {
        self.map
            .get("state")
            .and_then(|v| v.value.as_str())
            .is_some_and(|s| {
                ["private", "queued", "draft", "submission"]
                    .iter()
                    .any(|kept| s.trim().eq_ignore_ascii_case(kept))
            })
    }

    /// Hugo's build options saying the page is never rendered: `build: {render: never}`
    /// (or `link`: a URL but no page; `render: false` before Hugo 0.76, and `_build`
    /// then). Any other value is an error, so a typo never publishes a hidden page.
    fn never_rendered(&mut self) -> bool {
        let mut never = false;
        for key in ["build", "_build"] {
            let Some(options) = self.take(key) else {
                continue;
            };
            let render = match options {
                Value::Object(table) => table.get("render").cloned(),
                other => {
                    let found = kind(&other);
                    self.error(
                        key,
                        format!("expected a table such as `{{render: never}}`, found {found}"),
                    );
                    continue;
                }
            };
            match render {
                None | Some(Value::Bool(true)) => {}
                Some(Value::Bool(false)) => never = true,
                Some(Value::String(s)) if s.eq_ignore_ascii_case("always") => {}
                Some(Value::String(s))
                    if s.eq_ignore_ascii_case("never") || s.eq_ignore_ascii_case("link") =>
                {
                    never = true
                }
                Some(other) => self.error(
                    key,
                    format!(
                        "`render` is always, never or link, not {}",
                        other
                            .as_str()
                            .map_or_else(|| kind(&other).to_string(), |s| format!("`{s}`"))
                    ),
                ),
            }
        }
        never
    }

    fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.take(key)?;
        let read = as_bool(&value);
        if read.is_none() {
            self.error(
                key,
                format!("expected true or false, found {}", kind(&value)),
            );
        }
        read
    }

    /// A string or a list of strings. As other generators write lists, an item may also be
    /// a number (`2019`), a list (Hexo's category path `[Diary, Life]`: each is one) or a
    /// mapping with a `name`, `display_name` or `label` (Docusaurus's authors and tags).
    fn string_list(&mut self, key: &str) -> Vec<String> {
        match self.take(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s],
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let named = |m: &serde_json::Map<String, Value>| {
                        ["name", "display_name", "label"]
                            .iter()
                            .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_string))
                    };
                    match item {
                        Value::String(s) => out.push(s),
                        // A whole number reads back as written; `3.10` would read as 3.1.
                        Value::Number(n) if n.is_u64() => out.push(n.to_string()),
                        Value::Null => {}
                        Value::Array(path) if path.iter().all(|p| p.is_string()) => out.extend(
                            path.into_iter()
                                .filter_map(|p| p.as_str().map(str::to_string)),
                        ),
                        Value::Object(m) if named(&m).is_some() => out.extend(named(&m)),
                        other => self.error(
                            key,
                            format!(
                                "item {} is {}; write each one as text (in quotes if need be)",
                                i + 1,
                                kind(&other)
                            ),
                        ),
                    }
                }
                out
            }
            Some(other) => {
                self.error(
                    key,
                    format!("expected a list of text, found {}", kind(&other)),
                );
                Vec::new()
            }
        }
    }

    /// Names of authors: text, a list of text, or a mapping with a `display_name` or
    /// `name` (Jekyll's WordPress importer writes `author: {login, email, display_name}`).
    fn authors(&mut self, key: &str) -> Vec<String> {
        let Some(Value::Object(m)) = self.take(key) else {
            return self.string_list(key);
        };
        let name = ["display_name", "name"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str));
        match name {
            Some(name) => vec![name.to_string()],
            None => {
                let (line, col) = self.at(key);
                self.warnings.push(Problem::new(
                    line,
                    col,
                    format!("`{key}`: a mapping without `display_name` or `name`; ignored"),
                ));
                Vec::new()
            }
        }
    }

    /// The old URLs of `aliases`, `redirect_from`, `permalink` and `url`: site paths
    /// starting with `/` (Eleventy's `permalink: false`, "write no page", makes a draft).
    fn aliases(&mut self) -> Vec<String> {
        let mut paths = Vec::new();
        for key in ["aliases", "redirect_from", "permalink", "url"] {
            if matches!(self.take(key), Some(Value::Bool(_))) {
                continue;
            }
            for path in self.string_list(key) {
                // A Jekyll post's own pattern is filled in as Jekyll fills it (in `check`).
                let filled = key == "permalink"
                    && self.ctx.jekyll_site.is_some()
                    && !path.contains("{{")
                    && !path.contains("{%");
                if is_url_pattern(&path) && filled {
                    continue;
                }
                if is_url_pattern(&path) {
                    let (line, col) = self.at(key);
                    self.warnings.push(Problem::new(
                        line,
                        col,
                        format!("`{key}`: `{}` is another generator's URL pattern, not one URL; no redirect is made for it (write the old URL itself, `/2019/05/old-name/`, to keep it working)", scrub(&path)),
                    ));
                } else if path.starts_with('/')
                    && !path.starts_with("//")
                    && !path.contains(['?', '#'])
                {
                    if !paths.contains(&path) {
                        paths.push(path);
                    }
                } else if !path.is_empty() {
                    let (line, col) = self.at(key);
                    self.warnings.push(Problem::new(
                        line,
                        col,
                        format!("`{key}`: `{}` is not a path from the site's root (`/2019/old-name/`); no redirect is made for it", scrub(&path)),
                    ));
                }
            }
        }
        paths
    }

    fn tags(&mut self) -> Vec<String> {
        let mut tags = Vec::new();
        // Ghost's internal tags, `#newsletter`, sort posts for the blog's own use and are
        // never shown: in a post exported from Ghost (its date and picture keys tell),
        // they are no tags.
        let ghost = GHOST_KEYS.iter().any(|k| self.map.contains_key(*k));
        // Jekyll also takes one `category:`, vuepress-theme-hope writes `tag:`.
        for key in ["tags", "tag", "categories", "category"] {
            let one_text = matches!(self.take(key), Some(Value::String(_)));
            // Character references, as WordPress exports them (`Rock &amp; Roll`).
            let mut names: Vec<String> = self
                .string_list(key)
                .iter()
                .map(|n| crate::text::decode_title_entities(n).into_owned())
                .collect();
            // Jekyll reads `categories: news tech` as two categories, and in its posts
            // `tags: writing habits` as two tags; `tags: a, b, c` is three tags in several
            // generators.
            let by_space = key == "categories" || self.ctx.jekyll_post && key != "category";
            if one_text && by_space {
                names = names
                    .iter()
                    .flat_map(|n| n.split([' ', '\t', ',']))
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string)
                    .collect();
            } else if one_text && matches!(key, "tags" | "tag") {
                names = names[0]
                    .split(',')
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string)
                    .collect();
            }
            // WordPress files every post without a category under "Uncategorized", and
            // converters carry it over as a tag: no tag.
            names.retain(|n| !n.trim().eq_ignore_ascii_case("uncategorized"));
            if ghost {
                names.retain(|n| !n.trim().starts_with('#'));
            }
            for raw in names {
                // Obsidian writes tags as it does in text: `#garden` is `garden`.
                let raw = raw
                    .trim()
                    .strip_prefix('#')
                    .filter(|r| r.starts_with(char::is_alphanumeric))
                    .unwrap_or(&raw);
                let tag = normalize_tag(raw);
                if tag.is_empty() {
                    let (line, col) = self.at(key);
                    self.warnings.push(Problem::new(
                        line,
                        col,
                        format!("`{key}`: an empty tag was ignored"),
                    ));
                } else if !tags
                    .iter()
                    .any(|t: &String| super::slug::tag_key(t) == super::slug::tag_key(&tag))
                {
                    tags.push(tag);
                }
            }
        }
        tags
    }

    fn source(&mut self) -> Option<Source> {
        let (name, url) = match self.take("source") {
            Some(Value::Object(m)) => {
                for k in m.keys().filter(|k| *k != "name" && *k != "url") {
                    self.error(
                        "source",
                        format!("unknown key `{k}`; a source has `name` and `url`"),
                    );
                }
                let text = |v: Option<&Value>| {
                    v.and_then(Value::as_str)
                        .map(|s| scrub(s.trim()).into_owned())
                };
                (text(m.get("name")), text(m.get("url")))
            }
            Some(Value::String(url)) => (self.string("source_name"), Some(url)),
            Some(other) => {
                self.error(
                    "source",
                    format!("expected `{{name, url}}`, found {}", kind(&other)),
                );
                return None;
            }
            None => (self.string("source_name"), self.string("source_url")),
        };
        // As WordPress exports write them: `AT&amp;T`, `?a=1&amp;b=2`.
        let decoded = |s: String| crate::text::decode_title_entities(&s).into_owned();
        let (name, url) = (name.map(decoded), url.map(decoded));
        let key = if self.map.contains_key("source") {
            "source"
        } else {
            "source_url"
        };
        let url = match url {
            Some(u) => u,
            None if name.is_some() => {
                self.error(key, "a source needs a `url` (the original story)".into());
                return None;
            }
            None => return None,
        };
        let host = match crate::urls::absolute_http_host(&url) {
            Some(h) => h.to_string(),
            None => {
                self.error(key, format!("`{url}` is not an absolute http(s) URL"));
                return None;
            }
        };
        let name = name
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| host.trim_start_matches("www.").to_string());
        let line = self.map.get(key).map_or(self.ctx.yaml_line, |v| v.key_line);
        Some(Source { name, url, line })
    }

    fn warn_typos(&mut self) {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|k| !is_known_key(k))
            .cloned()
            .collect();
        for key in unknown {
            if let Some(near) = KNOWN_KEYS.iter().find(|k| looks_like(&key, k)) {
                let (line, col) = self.at(&key);
                self.warnings.push(Problem::new(
                    line,
                    col,
                    format!("unknown key `{key}`: did you mean `{near}`?"),
                ));
            }
        }
    }
}

/// True when an unknown `key` is likely a typo of `known`: one letter off, two letters
/// swapped, or two letters off a long key. A short key two letters from a known one is
/// more often another tool's own (`guid` is not `build`, nor `state` `date`).
fn looks_like(key: &str, known: &str) -> bool {
    let key = key.to_lowercase();
    let sorted = |s: &str| {
        let mut chars: Vec<char> = s.to_lowercase().chars().collect();
        chars.sort_unstable();
        chars
    };
    match edit_distance(&key, known) {
        0 | 1 => key.len() > 3,
        2 => key.len() >= 6 || key.len() > 3 && sorted(&key) == sorted(known),
        _ => false,
    }
}

/// Eleventy's `date: Last Modified` / `Created` (and their `git` forms): the file's own
/// date. gazette takes the file name's date, else the file's last save.
fn is_eleventy_date_keyword(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_prefix("git ").unwrap_or(&t);
    // Quarto's `last-modified` too.
    matches!(t, "last modified" | "last-modified" | "created")
}

/// A title made from a file name, as Jekyll makes one: `no-title-here` → `No title here`.
fn title_from_name(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    let first = words.first()?;
    let mut chars = first.chars();
    let capital: String = chars.next()?.to_uppercase().chain(chars).collect();
    Some(
        std::iter::once(capital.as_str())
            .chain(words[1..].iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Scrubs control characters from every string inside a free-form value.
fn scrub_value(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(scrub(&s).into_owned()),
        Value::Array(a) => Value::Array(a.into_iter().map(scrub_value).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (scrub(&k).into_owned(), scrub_value(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Checks a parsed front-matter map.
pub fn check(map: RawMap, ctx: &FieldContext<'_>) -> Checked {
    let mut c = Checker {
        map,
        ctx,
        errors: Vec::new(),
        warnings: Vec::new(),
        failed: Vec::new(),
    };
    c.unfold_mkdocs_date();
    // Titles get the typography the Markdown renderer gives summaries (`Boeing’s`), and
    // character references exported titles carry (`&amp;`, `&#8217;`) are their text.
    let written_title = c.string("title").filter(|t| !t.is_empty());
    let title_from_heading = written_title.is_none() && ctx.heading.is_some_and(|h| !h.is_empty());
    let title = written_title
        .or_else(|| ctx.heading.filter(|_| title_from_heading).map(String::from))
        .map(|t| {
            let t = crate::text::decode_title_entities(&t);
            crate::text::smart_punctuation(&t).into_owned()
        });
    // `title: Null` (or `~`, `true`…): YAML reads a word as no value, or not as text.
    let written_null = c
        .map
        .get("title")
        .is_some_and(|v| v.value.is_null())
        .then(|| c.written("title"))
        .flatten()
        .filter(|word| !word.trim().is_empty());
    if let (None, Some(word)) = (&title, &written_null) {
        c.error(
            "title",
            format!(
                "`{word}` reads as YAML's empty value, not as text: quote it, `title: \"{word}\"`"
            ),
        );
    }
    // A note written without a title (Micro.blog's, Tumblr's): its opening words, else the
    // file's name as Jekyll reads it, stand in.
    let stand_in = || {
        ctx.opening_words
            .map(String::from)
            .or_else(|| title_from_name(ctx.file_name))
    };
    let title = match title {
        None if written_null.is_none() => stand_in().inspect(|_| {
            c.warning(
                "title",
                "missing: the opening words of the text (or the file's name) stand in as \
                 the title; write `title:` to choose one"
                    .into(),
            );
        }),
        title => title,
    };
    if title.is_none() && !c.failed.iter().any(|k| k == "title") {
        c.error("title", "missing: every article needs a `title:`".into());
    }
    // Hugo also reads `published: 2024-05-28` as the date a page comes out.
    let published_on = c
        .map
        .get("published")
        .and_then(|v| v.value.as_str())
        .and_then(|s| parse_date(s, ctx.tz).ok());
    let draft_key = if c.bool("draft").unwrap_or(false) {
        Some("draft")
    } else if published_on.is_none() && c.bool("published") == Some(false) {
        Some("published")
    } else if c.take("permalink") == Some(Value::Bool(false)) {
        Some("permalink")
    } else if c.bool("publish") == Some(false) {
        // Obsidian Publish's switch.
        Some("publish")
    } else if c.unpublished_status() {
        Some("status")
    } else if c.tumblr_kept_back() {
        Some("state")
    } else if c.take("password").is_some_and(|p| !is_blank(&p)) {
        // An encrypting plugin's (Hexo, Hugo, Jekyll) post: its text is not for everyone,
        // and gazette does not encrypt. Jekyll's WordPress importer writes an empty
        // `password: ''` on every post: no password.
        Some("password")
    } else if c.take("post_password").is_some_and(|p| !is_blank(&p)) {
        // WordPress's password-protected post, as its exports write it.
        Some("post_password")
    } else if c.bool("private") == Some(true) {
        Some("private")
    } else if c.bool("hidden") == Some(true) {
        Some("hidden")
    } else if c.bool("isDraft") == Some(true) {
        // Hashnode's export.
        Some("isDraft")
    } else if c
        .string("visibility")
        .is_some_and(|v| !v.eq_ignore_ascii_case("public"))
    {
        // Ghost's `visibility: members` / `paid`: not for every reader.
        Some("visibility")
    } else {
        None
    };
    let draft = ctx.in_drafts_folder || draft_key.is_some();
    let publish_date = c.first_date(&PUBLISH_DATE_KEYS).or(published_on);
    let expiry_date = c.first_date(&EXPIRY_DATE_KEYS);
    if let (Some(publish), Some(expiry)) = (&publish_date, &expiry_date) {
        if expiry.timestamp() <= publish.timestamp() {
            let key = c
                .map
                .keys()
                .find(|k| EXPIRY_DATE_KEYS.iter().any(|e| e.eq_ignore_ascii_case(k)));
            let (line, col) = key.map_or((0, 0), |k| c.at(k));
            c.warnings.push(Problem::new(
                line,
                col,
                format!(
                    "the expiry date {} is not after the publish date {}: the story is never \
                     published",
                    expiry.date(),
                    publish.date()
                ),
            ));
        }
    }
    let hidden = c.bool("headless").unwrap_or(false) || c.never_rendered();
    let unlisted = excluded_from_collections(&c.map);
    let date = match c.map.contains_key("date") {
        true if c
            .string("date")
            .as_deref()
            .is_some_and(is_eleventy_date_keyword) =>
        {
            let own = ctx
                .file_date
                .and_then(|d| d.to_zoned_datetime(ctx.tz.clone()).ok())
                .or_else(ctx.undated_draft);
            if own.is_none() {
                c.error(
                    "date",
                    "the file's own date could not be read; write the date".into(),
                );
            }
            own
        }
        true => c.date("date"),
        // Hugo dates a post by its `publishDate` when it has no `date`.
        false => ctx
            .file_date
            .and_then(|d| d.to_zoned_datetime(ctx.tz.clone()).ok())
            .or_else(|| publish_date.clone())
            .or_else(|| c.first_date(&EXPORTED_DATE_KEYS))
            // Joplin's and many notebooks' date of writing, when it is one (Obsidian's may
            // be a link, `[[2024-01-06]]`).
            .or_else(|| {
                let created = c.map.get("created")?.value.as_str()?;
                parse_date(created, ctx.tz).ok()
            }),
    };
    // A draft without a date is dated when its file was last saved (Jekyll's rule).
    let saved_date = (date.is_none() && draft && !c.map.contains_key("date"))
        .then(ctx.undated_draft)
        .flatten();
    let dated_by_save = saved_date.is_some();
    let date = date.or(saved_date);
    // A headless page (Hugo's resources holder) is never published: it needs no date.
    if date.is_none() && ctx.date_required && !hidden && !c.map.contains_key("date") {
        c.error(
            "date",
            format!(
                "missing: add `{}` ({}) or start the file name with YYYY-MM-DD-; \
                 a page without a date (about, contact) goes in content/pages/",
                if ctx.toml {
                    "date = 2024-05-28"
                } else {
                    "date:"
                },
                dates::ACCEPTED_FORMS
            ),
        );
    }
    // The date of the last change: Hugo writes it as `lastmod`, Astro as `updatedDate`,
    // Ghost's exports as `date_updated`.
    // Read in turn until one is a date: a later key is not read once one is (Hugo's
    // archetype may leave `lastmod: "{{ .Lastmod }}"` beside an `updated`).
    let mut updated = None;
    for key in UPDATED_KEYS {
        if let Some(when) = c.map.contains_key(key).then(|| c.date(key)).flatten() {
            updated = Some((when, key));
            break;
        }
    }
    if let (Some(date), Some((updated, key))) = (&date, &updated) {
        // A save date says nothing of when the story was written.
        if updated.timestamp() < date.timestamp() && !dated_by_save {
            let (line, col) = c.at(key);
            c.warnings.push(Problem::new(
                line,
                col,
                format!(
                    "`{key}` {} is before the story's date {}: feeds leave it out; fix the \
                     date of the change",
                    updated.date(),
                    date.date()
                ),
            ));
        }
    }
    let mut tags = c.tags();
    // Jekyll files a post in `travel/_posts/` under the category `travel`, as gazette's
    // categories are tags.
    for folder in ctx
        .jekyll_site
        .filter(|j| j.configured)
        .map_or(&[][..], |j| &j.folder_categories)
    {
        let tag = normalize_tag(folder);
        let key = super::slug::tag_key(&tag);
        if !tag.is_empty() && !tags.iter().any(|t| super::slug::tag_key(t) == key) {
            tags.push(tag);
        }
    }
    let summary = c
        .string("summary")
        .or_else(|| c.string("description"))
        .or_else(|| c.string("excerpt"))
        .filter(|s| !s.is_empty());
    let source = c.source();
    let mut authors: Vec<String> = c.authors("author");
    authors.extend(c.authors("authors"));
    let authors = authors
        .iter()
        .map(|a| crate::text::decode_title_entities(&scrub(a.trim())).into_owned())
        .filter(|a| !a.is_empty())
        .collect();
    let slug = c.string("slug");
    // `coverImage` is what WordPress exports converted to Markdown call it (`cover_image`
    // dev.to's, `heroImage` Astro's, `feature_image` Ghost's, `cover` and `ogImage`
    // Hashnode's); Hugo's `images` and Micro.blog's
    // `photos` list a page's pictures, the first one first.
    // The first key that names one, read in this order (an empty one names none).
    enum Named {
        Text,
        /// Text, or a mapping's picture.
        Picture,
        /// A list's first.
        First,
        /// A mapping's picture only (minimal-mistakes' `header`; other themes' text).
        InMapping,
    }
    let image_keys = [
        ("image", Named::Picture),
        ("coverImage", Named::Text),
        ("cover_image", Named::Text),
        ("heroImage", Named::Text),
        ("feature_image", Named::Text),
        ("cover", Named::Picture),
        ("ogImage", Named::Picture),
        ("header", Named::InMapping),
        ("images", Named::First),
        ("photos", Named::First),
    ];
    let image = image_keys.iter().find_map(|(key, named)| {
        let found = match named {
            Named::Text => c.string(key),
            Named::Picture => c.picture(key),
            Named::First => c.string_list(key).into_iter().next(),
            Named::InMapping => c
                .map
                .get(*key)
                .is_some_and(|v| v.value.is_object())
                .then(|| c.picture(key))
                .flatten(),
        };
        found.filter(|s| !s.is_empty())
    });
    let edition = c.string("edition").filter(|s| !s.is_empty());
    let mut aliases = c.aliases();
    // A Jekyll post was published where its own `permalink` pattern, else its site's
    // style, put it.
    if let (Some(jekyll), Some(date)) = (ctx.jekyll_site, &date) {
        let own = c.string("permalink");
        let pattern = own.as_deref().filter(|p| is_url_pattern(p));
        let style = match (&own, pattern) {
            (_, Some(pattern)) => Some(super::jekyll_url::JekyllSite {
                style: pattern.to_string(),
                ..jekyll.clone()
            }),
            (None, _) => Some(jekyll.clone()),
            (Some(_), None) => None,
        };
        let title = slug.as_deref().unwrap_or(ctx.file_name);
        // Jekyll read a date without an offset (or the file name's) as written, in its own
        // zone: its day is the one written. One with an offset is that instant, whose day
        // is the one in Jekyll's zone, where its site set one.
        let local = date.with_time_zone(ctx.tz.clone());
        let written = c.map.get("date").and_then(|v| v.value.as_str());
        let with_offset = written.is_some_and(|w| {
            w.find(':')
                .is_some_and(|time| w[time..].contains(['+', '-', 'Z']))
        });
        let zone = (jekyll.timezone.as_ref())
            .filter(|_| with_offset)
            .and_then(|(zone, _, _)| TimeZone::get(zone).ok());
        let date = match zone {
            Some(zone) => date.with_time_zone(zone),
            None => local,
        };
        let old = style
            .as_ref()
            .and_then(|s| s.post_url(&date, title, &c.map));
        match (old, pattern) {
            (Some(old), _) if !aliases.contains(&old) => aliases.push(old),
            (None, Some(pattern)) => {
                let (line, col) = c.at("permalink");
                c.warnings.push(Problem::new(
                    line,
                    col,
                    format!("`permalink`: `{}` has a placeholder Jekyll does not fill in; no redirect is made for it (write the old URL itself, `/2019/05/old-name/`, to keep it working)", scrub(pattern)),
                ));
            }
            _ => {}
        }
    }
    c.warn_typos();
    let extra = c
        .map
        .iter()
        .filter(|(k, _)| !is_known_key(k))
        .map(|(k, v)| (scrub(k).into_owned(), scrub_value(v.value.clone())))
        .collect();
    let front_matter = match (title, c.errors.is_empty()) {
        (Some(title), true) => Some(FrontMatter {
            title,
            date,
            updated: updated.map(|(when, _)| when),
            tags,
            summary,
            source,
            authors,
            draft,
            draft_key,
            publish_date,
            expiry_date,
            hidden,
            unlisted,
            slug,
            image,
            edition,
            aliases,
            extra,
        }),
        _ => None,
    };
    // In file order, whatever order the keys were read in.
    c.errors.sort_by_key(|e| (e.line, e.col));
    Checked {
        front_matter,
        errors: c.errors,
        warnings: c.warnings,
        title_from_heading,
    }
}

#[cfg(test)]
mod tests {
    use super::super::frontmatter::{parse_front_matter, split};
    use super::*;

    fn run(text: &str) -> Checked {
        run_saved(text, "no-title-here", None)
    }

    /// Checks `text` as the file `name`, last saved at `saved`.
    fn run_saved(text: &str, name: &str, saved: Option<Zoned>) -> Checked {
        let split = split(text).unwrap();
        let map = parse_front_matter(&split).unwrap();
        let ctx = FieldContext {
            yaml: split.yaml,
            yaml_line: split.yaml_line,
            toml: split.syntax == super::super::frontmatter::Syntax::Toml,
            tz: &TimeZone::UTC,
            file_date: None,
            date_required: true,
            in_drafts_folder: false,
            jekyll_site: None,
            file_name: name,
            undated_draft: &|| saved.clone(),
            heading: None,
            opening_words: None,
            jekyll_post: false,
        };
        check(map, &ctx)
    }

    #[test]
    fn a_missing_date_is_asked_for_in_the_front_matters_own_syntax() {
        let yaml = run("---\ntitle: T\n---\n");
        assert!(
            yaml.errors[0].message.contains("add `date:`"),
            "{}",
            yaml.errors[0].message
        );
        let toml = run("+++\ntitle = 'T'\n+++\n");
        let message = &toml.errors[0].message;
        assert!(message.contains("add `date = 2024-05-28`"), "{message}");
    }

    #[test]
    fn reads_every_field() {
        let c = run("---\ntitle: T\ndate: 2024-05-28\ntags: [Rust, ' rust ', Web]\nsource: {name: Ex, url: 'https://ex.org/a'}\nauthor: [A, B]\npublished: false\nmood: calm\n---\n");
        let fm = c.front_matter.unwrap();
        assert_eq!(fm.tags, vec!["Rust", "Web"]);
        assert_eq!(
            fm.source.unwrap(),
            Source {
                name: "Ex".into(),
                url: "https://ex.org/a".into(),
                line: 5,
            }
        );
        assert_eq!(fm.authors, vec!["A", "B"]);
        assert!(fm.draft);
        assert_eq!(fm.extra["mood"], "calm");
    }

    #[test]
    fn a_number_is_the_text_written() {
        for (written, title) in [
            ("1.10", "1.10"),
            ("010", "010"),
            ("1e3", "1e3"),
            ("0x10 # hex", "0x10"),
            ("+1", "+1"),
            ("2.0", "2.0"),
        ] {
            let c = run(&format!("---\ntitle: {written}\ndate: 2024-05-28\n---\n"));
            assert_eq!(c.front_matter.unwrap().title, title, "{written}");
        }
        let toml = run("+++\ntitle = 1.10\ndate = 2024-05-28\n+++\n");
        assert_eq!(toml.front_matter.unwrap().title, "1.10");
    }

    #[test]
    fn a_title_yaml_reads_as_null_says_to_quote_it() {
        let c = run("---\ntitle: Null\ndate: 2024-05-28\n---\n");
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert_eq!(
            c.errors[0].message,
            "`title`: `Null` reads as YAML's empty value, not as text: quote it, `title: \"Null\"`"
        );
        assert_eq!(c.errors[0].line, 2);
    }

    #[test]
    fn url_patterns_make_no_redirect() {
        for pattern in [
            "/:categories/:year/:month/:day/:title/",
            "\"/blog/{{ page.fileSlug }}/\"",
        ] {
            let c = run(&format!(
                "---\ntitle: T\ndate: 2024-05-28\npermalink: {pattern}\n---\n"
            ));
            assert_eq!(c.warnings.len(), 1, "{pattern}: {:?}", c.warnings);
            assert!(c.warnings[0].message.contains("URL pattern"));
            assert!(c.front_matter.unwrap().aliases.is_empty(), "{pattern}");
        }
    }

    #[test]
    fn an_author_mapping_gives_its_display_name() {
        let wp = "---\ntitle: T\ndate: 2024-05-28\nauthor:\n  login: admin\n  email: a@example.org\n  display_name: Ana Admin\n---\n";
        let c = run(wp);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.front_matter.unwrap().authors, vec!["Ana Admin"]);
        let c = run("---\ntitle: T\ndate: 2024-05-28\nauthor: {login: admin}\n---\n");
        assert!(
            c.errors.is_empty() && c.warnings.len() == 1,
            "{:?}",
            c.warnings
        );
        assert!(c.front_matter.unwrap().authors.is_empty());
    }

    #[test]
    fn tags_decode_references_and_a_tags_text_splits_at_commas() {
        let c = run("---\ntitle: T\ndate: 2024-05-28\ntags: python, web,django,\ncategories: [\"Rock &amp; Roll\", \"News &#038; Views\"]\n---\n");
        let fm = c.front_matter.unwrap();
        assert_eq!(
            fm.tags,
            vec!["python", "web", "django", "Rock & Roll", "News & Views"]
        );
    }

    #[test]
    fn ghosts_internal_tags_are_no_tags() {
        let ghost = run("---\ntitle: T\ndate_published: 2024-05-28\ntags: [\"Harbour\", \"#newsletter\"]\n---\n");
        assert_eq!(ghost.front_matter.unwrap().tags, vec!["Harbour"]);
        let obsidian = run("---\ntitle: T\ndate: 2024-05-28\ntags: [\"#garden\"]\n---\n");
        assert_eq!(obsidian.front_matter.unwrap().tags, vec!["garden"]);
    }

    #[test]
    fn jekyll_categories_string_splits_on_spaces() {
        let c = run("---\ntitle: T\ndate: 2024-05-28\ntags: open source\ncategories: news tech\nexcerpt: E\n---\n");
        let fm = c.front_matter.unwrap();
        assert_eq!(fm.tags, vec!["open source", "news", "tech"]);
        assert_eq!(fm.summary.as_deref(), Some("E"));
        let c = run("---\ntitle: T\ndate: 2024-05-28\ncategories: [Uncategorized, Garden]\ncoverImage: seeds.jpg\n---\n");
        let fm = c.front_matter.unwrap();
        assert_eq!(
            fm.tags,
            vec!["Garden"],
            "WordPress's default category is no tag"
        );
        assert_eq!(fm.image.as_deref(), Some("seeds.jpg"));
        for (written, image) in [
            ("cover:\n  image: harbour.jpg\n  alt: Boats", "harbour.jpg"),
            ("cover: dock.png\nogImage: og.png", "dock.png"),
            (
                "photos:\n  - https://p.example/1.jpg",
                "https://p.example/1.jpg",
            ),
            ("ogImage:\n  url: /assets/og.png", "/assets/og.png"),
            ("cover: ''\nimages: [t.jpg]", "t.jpg"),
        ] {
            let c = run(&format!(
                "---\ntitle: T\ndate: 2024-05-28\n{written}\n---\n"
            ));
            assert_eq!(
                c.front_matter.unwrap().image.as_deref(),
                Some(image),
                "{written}"
            );
        }
        let c = run("---\ntitle: T\ndate: 2024-05-28\ncategory: Local news\n---\n");
        assert_eq!(
            c.front_matter.unwrap().tags,
            vec!["Local news"],
            "one category, spaces kept"
        );
    }

    #[test]
    fn single_string_tag_and_flat_source_keys() {
        let c = run("---\ntitle: T\ndate: 2024-05-28\ntags: Policy\nsource_url: https://www.ex.org/a\n---\n");
        let fm = c.front_matter.unwrap();
        assert_eq!(fm.tags, vec!["Policy"]);
        assert_eq!(fm.source.unwrap().name, "ex.org");
    }

    #[test]
    fn reports_each_bad_value_on_its_line() {
        let c = run("---\ntitle: T\ndate: 2023-02-29\ntags: [ok, {a: 1}]\nsource: {url: 'javascript:alert(1)'}\ndraft: maybe\n---\n");
        let lines: Vec<usize> = c.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6], "{:?}", c.errors);
        assert!(c.front_matter.is_none());
    }

    #[test]
    fn missing_title_and_date_are_errors() {
        // Named by its date alone, with no text: nothing stands in for the title.
        let c = run_saved("---\nsummary: s\n---\n", "", None);
        assert_eq!(c.errors.len(), 2, "{:?}", c.errors);
        assert!(
            c.errors[0].message.contains("`title`: missing"),
            "{:?}",
            c.errors
        );
        // The date error says where pages without a date go.
        assert!(
            c.errors[1].message.contains("content/pages/"),
            "{:?}",
            c.errors
        );
        // A file's name stands in for a missing title, as Jekyll reads it, with a warning.
        let c = run("---\nsummary: s\ndate: 2024-05-28\n---\n");
        assert_eq!(c.front_matter.unwrap().title, "No title here");
        assert!(
            c.warnings[0].message.contains("stand in"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn titles_with_character_references_and_eleventy_dates() {
        let text =
            "---\ntitle: \"Compost &amp; you &#8211; part 2\"\ndate: git Last Modified\n---\n";
        let saved = jiff::civil::date(2023, 5, 1)
            .to_zoned_datetime(TimeZone::UTC)
            .unwrap();
        let fm = run_saved(text, "compost", Some(saved))
            .front_matter
            .unwrap();
        assert_eq!(fm.title, "Compost & you – part 2");
        assert_eq!(fm.date.unwrap().date(), jiff::civil::date(2023, 5, 1));
        // Without a date of its own to take, the keyword is an error at its line.
        let c = run(text);
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert_eq!(c.errors[0].line, 3);
    }

    #[test]
    fn warns_about_typos_of_known_keys() {
        let c = run("---\ntitle: T\ndate: 2024-01-01\ntgas: [x]\n---\n");
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].message.contains("did you mean `tags`"));
        assert_eq!(c.warnings[0].line, 4);
        // Other tools' short keys are not taken for typos.
        let c =
            run("---\ntitle: T\ndate: 2024-01-01\nguid: x\ncuid: y\nstate: z\nsumary: s\n---\n");
        let hints: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(hints, ["unknown key `sumary`: did you mean `summary`?"]);
    }

    #[test]
    fn hugos_published_date_is_when_it_comes_out() {
        let c = run("---\ntitle: T\ndate: 2024-05-28\npublished: 2024-06-01\n---\n");
        let fm = c.front_matter.unwrap();
        assert!(!fm.draft);
        assert_eq!(
            fm.publish_date.unwrap().date(),
            jiff::civil::date(2024, 6, 1)
        );
        let c = run("---\ntitle: T\ndate: 2024-05-28\npublished: soon\n---\n");
        assert!(
            c.errors[0].message.contains("expected true or false"),
            "{:?}",
            c.errors
        );
    }

    #[test]
    fn yes_no_and_quoted_booleans_are_read() {
        for (written, draft) in [
            ("yes", true),
            ("\"true\"", true),
            ("Off", false),
            ("no", false),
        ] {
            let c = run(&format!(
                "---\ntitle: T\ndate: 2024-05-28\ndraft: {written}\n---\n"
            ));
            assert!(c.errors.is_empty(), "{written}: {:?}", c.errors);
            assert_eq!(c.front_matter.unwrap().draft, draft, "{written}");
        }
    }
}
