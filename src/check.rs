//! `gazette check`: everything `build` validates (the whole of `generate`, nothing
//! written), then, on the [`crate::Build`] it returns (every document, drafts included, and
//! the built pages), what a curator wants to know before publishing: links and images that
//! lead nowhere, articles without a summary or a source, tags that look like typos of
//! another tag, and drafts left behind.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use crate::content::fields::edit_distance;
use crate::content::lines;
use crate::content::slug::tag_key;
use crate::content::{Document, DocumentKind};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics, LinkHint, Stage};
use crate::digest::Digest;
use crate::markdown::{Highlighter, Link};
use crate::render::{file_for, Body, OutputFile};
use crate::urls;
use crate::{generate, Build, Options};

/// A draft whose date is further back than this is reported.
pub const STALE_DRAFT_DAYS: i64 = 30;

/// Every finding for the site at `opts.root`; nothing is written. `now` decides which drafts
/// are stale. When the build itself fails, its problems are returned alone: the extra checks
/// need a complete site.
pub fn check(opts: Options<'_>, hl: &Highlighter, now: Timestamp) -> Diagnostics {
    let build = match generate(opts, hl) {
        Ok(build) => build,
        Err(diags) => return diags,
    };
    let mut out = build.diagnostics.clone();
    out.stage(Stage::Check, |out| {
        // Every document, drafts and future articles included: the build left some out.
        check_links(&build, out);
        check_articles(&build.digest, out);
        check_image_text(&build.digest, out);
        check_tags(&build.digest, out);
        check_drafts(build.documents.iter().map(|d| &**d), now, out);
        check_base_url(&build.config, out);
    });
    out
}

/// A fresh site's `base_url` is a placeholder: feeds and the sitemap would point at it.
fn check_base_url(config: &crate::config::SiteConfig, out: &mut Diagnostics) {
    if !crate::urls::is_placeholder_base_url(&config.base_url) {
        return;
    }
    let path = config.root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let kind = DiagnosticKind::PlaceholderBaseUrl {
        url: config.base_url.clone(),
    };
    let line = crate::config::key_line(&text, "base_url");
    out.push(Diagnostic::of(kind, &path, line, 1));
}

// ---------------------------------------------------------------------------------------
// Links and images

/// The URL paths the build produces: `/a/b/` (and `/a/b`, `/a/b/index.html`) for
/// `a/b/index.html`, `/x.svg` for `x.svg`.
#[derive(Debug, Default)]
pub struct Targets(HashSet<String>);

impl Targets {
    pub fn from_files(files: &[OutputFile]) -> Targets {
        Targets::from_paths(files.iter().map(|f| f.path.as_str()))
    }

    pub fn from_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Targets {
        let mut set = HashSet::new();
        for p in paths {
            set.insert(format!("/{p}"));
            if let Some(dir) = p.strip_suffix("index.html") {
                set.insert(format!("/{dir}"));
                set.insert(format!("/{}", dir.trim_end_matches('/')));
            }
        }
        Targets(set)
    }

    pub fn contains(&self, url_path: &str) -> bool {
        self.0.contains(url_path)
    }
}

/// The documents published in this build, with their URL paths.
fn published(digest: &Digest) -> Vec<(&Document, &str)> {
    digest
        .stories
        .iter()
        .map(|s| (&*s.doc, s.path.as_str()))
        .chain(digest.pages.iter().map(|p| (&*p.doc, p.path.as_str())))
        .collect()
}

fn check_links(build: &Build, out: &mut Diagnostics) {
    let targets = Targets::from_files(&build.files);
    let anchors = Anchors::new(&build.files);
    let docs = published(&build.digest);
    let url_of_rel: HashMap<&str, &str> = docs.iter().map(|(d, u)| (d.rel.as_str(), *u)).collect();
    let unpublished: HashMap<String, &Document> = build
        .documents
        .iter()
        .map(|d| &**d)
        .filter(|d| !url_of_rel.contains_key(d.rel.as_str()))
        .filter_map(|d| Some((crate::digest::url_path(d, &build.config)?, d)))
        .collect();
    for (doc, url) in &docs {
        let ctx = LinkContext {
            doc,
            page_url: url,
            base_url: &build.config.base_url,
            targets: &targets,
            anchors: &anchors,
            url_of_rel: &url_of_rel,
            unpublished: &unpublished,
            now: build.selection.now,
        };
        for link in &doc.body.links {
            if let Some(d) = ctx.check(link) {
                out.push(d);
            }
        }
        // A front-matter summary's links, at its key's line.
        for link in &doc.summary_links {
            if let Some(mut d) = ctx.check(link) {
                d.line = key_line(doc, &["summary", "description", "excerpt"]);
                out.push(d);
            }
        }
        // The front matter's picture (the article's figure, its social cards).
        if let Some(image) = &doc.front_matter.image {
            let link = Link {
                dest: image.clone(),
                url: crate::render::pages::resolve_image(&build.config, &doc.rel, image),
                line: 0,
                is_image: true,
            };
            if let Some(mut d) = ctx.check(&link) {
                d.line = key_line(doc, &["image", "coverImage", "images"]);
                out.push(d);
            }
        }
    }
}

/// What checking one page's links needs.
pub struct LinkContext<'a> {
    pub doc: &'a Document,
    pub page_url: &'a str,
    pub base_url: &'a str,
    pub targets: &'a Targets,
    pub anchors: &'a Anchors<'a>,
    /// Content-relative Markdown path -> the URL it is published at.
    pub url_of_rel: &'a HashMap<&'a str, &'a str>,
    /// The URLs of documents this build leaves out (drafts, articles dated in the future).
    pub unpublished: &'a HashMap<String, &'a Document>,
    /// The build's moment, which says whether an `expiryDate` has come.
    pub now: jiff::Timestamp,
}

impl LinkContext<'_> {
    /// A warning if `link` leads to nothing the build produces, or to a page without the
    /// element its `#fragment` names.
    pub fn check(&self, link: &Link) -> Option<Diagnostic> {
        // The URL the page has (crate::urls resolved it while rendering), not the text.
        let (path, fragment) = urls::site_target(&link.url, self.base_url, self.page_url)?;
        let line = match link.line {
            0 => 0,
            n => self.doc.body_line + n - 1,
        };
        if self.targets.contains(&path) {
            let fragment = fragment?;
            let ids = self.anchors.ids(&path)?;
            // `#top` scrolls to the top of any page (HTML's own rule).
            if ids.contains(&fragment) || fragment.eq_ignore_ascii_case("top") {
                return None;
            }
            let near = ids
                .iter()
                .map(|id| (edit_distance(&fragment, id), id))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, id)| id.clone());
            let kind = DiagnosticKind::MissingAnchor {
                dest: urls::as_written(&link.dest).into_owned(),
                fragment,
                page: path,
                near,
            };
            return Some(Diagnostic::of(kind, &self.doc.path, line, 0));
        }
        let hint = self.hint(&link.dest, &path);
        // A relative link lands where the browser takes it: say where that is.
        let resolved = (link.url != urls::abs(self.base_url, &link.dest)).then(|| link.url.clone());
        let kind = DiagnosticKind::BrokenLink {
            dest: urls::as_written(&link.dest).into_owned(),
            image: link.is_image,
            missing: path,
            resolved,
            hint,
        };
        Some(Diagnostic::of(kind, &self.doc.path, line, 0))
    }

    /// Why the target is missing, or a likely intended one: a document this build leaves
    /// out, the page a `.md` link names, or a file next to the article.
    fn hint(&self, dest: &str, path: &str) -> LinkHint {
        let unpublished = self
            .unpublished
            .get(path)
            .or_else(|| self.unpublished.get(&format!("{path}/")));
        if let Some(doc) = unpublished {
            return LinkHint::Unpublished {
                file: doc.path.clone(),
                why: doc.front_matter.left_out_as(self.now),
            };
        }
        if dest.starts_with('/') || urls::has_scheme(dest) {
            return LinkHint::None;
        }
        let dir = match self.doc.rel.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/"),
            None => String::new(),
        };
        let path_part = dest.split(['?', '#']).next().unwrap_or("");
        let Some(rel) = urls::beside_path(&dir, path_part).map(|p| urls::decode(&p)) else {
            return LinkHint::None;
        };
        if let Some(url) = self.url_of_rel.get(rel.as_str()) {
            return LinkHint::UseUrl {
                url: url.to_string(),
            };
        }
        let beside = format!("/{rel}");
        if self.targets.contains(&beside) {
            return LinkHint::WriteRooted {
                page_url: self.page_url.to_string(),
                rooted: beside,
            };
        }
        LinkHint::None
    }
}

/// The `id`s of each built HTML page, read from its HTML the first time a link asks.
pub struct Anchors<'a> {
    /// Output path (`a/b/index.html`) -> its bytes.
    html: HashMap<&'a str, &'a [u8]>,
    ids: std::cell::RefCell<HashMap<String, std::rc::Rc<HashSet<String>>>>,
}

impl<'a> Anchors<'a> {
    pub fn new(files: &'a [OutputFile]) -> Anchors<'a> {
        let html = files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .filter_map(|f| match &f.body {
                Body::Bytes(b) => Some((f.path.as_str(), b.as_slice())),
                _ => None,
            })
            .collect();
        Anchors {
            html,
            ids: Default::default(),
        }
    }

    /// The ids on the page at URL path `path` (`/a/b/`, `/a/b`, `/a/b/index.html`), or
    /// None if it is not an HTML page.
    pub fn ids(&self, path: &str) -> Option<std::rc::Rc<HashSet<String>>> {
        // `/a/b` is the page `/a/b/` too (as in [`Targets`]).
        let file = if path.ends_with(".html") {
            file_for(path)
        } else {
            file_for(&format!("{}/", path.trim_end_matches('/')))
        };
        if let Some(ids) = self.ids.borrow().get(&file) {
            return Some(ids.clone());
        }
        let html = self.html.get(file.as_str())?;
        let ids = std::rc::Rc::new(ids_in(&String::from_utf8_lossy(html)));
        self.ids.borrow_mut().insert(file, ids.clone());
        Some(ids)
    }
}

/// The values of the `id` attributes in `html`, however a theme quotes them (`id="a"`,
/// `id='a'`, `id=a`), with `&amp;`-style escapes undone. Plain text such as `see id=5`
/// counts too: at worst a missing id goes unreported, never a present one reported.
fn ids_in(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let bytes = html.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"id=") {
        let after_space = at > 0 && bytes[at - 1].is_ascii_whitespace();
        if !after_space {
            continue;
        }
        let rest = &html[at + 3..];
        let value = match rest.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => rest[1..].split(q as char).next(),
            Some(_) => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next(),
            None => None,
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            ids.insert(crate::text::unescape_html(value));
        }
    }
    ids
}

// ---------------------------------------------------------------------------------------
// Articles, tags, drafts

fn check_articles(digest: &Digest, out: &mut Diagnostics) {
    for story in &digest.stories {
        let fm = &story.doc.front_matter;
        let path = &story.doc.path;
        if fm.summary.is_none() {
            let line = key_line(&story.doc, &["summary", "description"]);
            out.push(Diagnostic::of(DiagnosticKind::NoSummary, path, line, 0));
        }
        if fm.source.is_none() {
            out.push(Diagnostic::of(DiagnosticKind::NoSource, path, 1, 0));
        }
    }
}

/// Raw `<img>` tags written without `alt`: the build gave them `alt=""` (decorative), which
/// is right only if the image says nothing the text does not.
fn check_image_text(digest: &Digest, out: &mut Diagnostics) {
    for (doc, _) in published(digest) {
        for line in &doc.body.images_without_alt {
            let line = doc.body_line + line - 1;
            out.push(Diagnostic::of(
                DiagnosticKind::ImageWithoutAlt,
                &doc.path,
                line,
                0,
            ));
        }
    }
}

/// A tag used by one story only, when another tag is spelled almost the same.
fn check_tags(digest: &Digest, out: &mut Diagnostics) {
    let keys: Vec<String> = digest.tags.iter().map(|t| tag_key(&t.name)).collect();
    for (i, tag) in digest.tags.iter().enumerate() {
        if tag.stories.len() != 1 {
            continue;
        }
        let Some(near) = nearest_tag(&keys[i], &keys, |j| digest.tags[j].stories.len(), i) else {
            continue;
        };
        let other = &digest.tags[near];
        // Two tags used once each, each the other's nearest: one warning names both.
        let mutual = || nearest_tag(&keys[near], &keys, |j| digest.tags[j].stories.len(), near);
        if other.stories.len() == 1 && near < i && mutual() == Some(i) {
            continue;
        }
        let doc = &digest.stories[tag.stories[0]].doc;
        // The front-matter line, else the file's start.
        let line = lines::tag_line(&doc.path, &tag.name).max(1);
        let kind = DiagnosticKind::TagTypo {
            tag: tag.name.clone(),
            near: other.name.clone(),
            uses: other.stories.len(),
        };
        out.push(Diagnostic::of(kind, &doc.path, line, 0));
    }
}

/// The index of the tag closest to `keys[me]`, if one is close enough to be a likely typo:
/// at most 2 edits, and at most a third of the longer name. Ties go to the more used tag.
pub fn nearest_tag(
    key: &str,
    keys: &[String],
    uses: impl Fn(usize) -> usize,
    me: usize,
) -> Option<usize> {
    keys.iter()
        .enumerate()
        .filter(|(j, _)| *j != me)
        .map(|(j, k)| (edit_distance(key, k), j, k))
        .filter(|(d, _, k)| {
            let longer = key.chars().count().max(k.chars().count());
            *d <= 2 && d * 3 <= longer
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| uses(b.1).cmp(&uses(a.1))))
        .map(|(_, j, _)| j)
}

fn check_drafts<'a>(
    docs: impl Iterator<Item = &'a Document>,
    now: Timestamp,
    out: &mut Diagnostics,
) {
    for doc in docs {
        if !doc.front_matter.draft || doc.kind != DocumentKind::Article {
            continue;
        }
        let Some(date) = &doc.front_matter.date else {
            continue;
        };
        let days = (now.as_second() - date.timestamp().as_second()) / 86_400;
        if days > STALE_DRAFT_DAYS {
            let key = doc.front_matter.draft_key;
            let line = key.map_or(1, |key| key_line(doc, &[key]));
            let kind = DiagnosticKind::StaleDraft {
                date: date.date(),
                days,
                key,
            };
            out.push(Diagnostic::of(kind, &doc.path, line, 0));
        }
    }
}

/// The line of whichever of `keys` comes first in `doc`'s front matter, else 1 (the front
/// matter's start).
fn key_line(doc: &Document, keys: &[&str]) -> usize {
    doc.positions.first_line(keys).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::FrontMatter;
    use crate::diagnostic::{LeftOutAs, Severity};
    use crate::markdown::Rendered;
    use std::path::{Path, PathBuf};

    fn doc(rel: &str, body_line: usize, links: Vec<Link>) -> Document {
        Document {
            path: PathBuf::from("content").join(rel),
            rel: rel.into(),
            kind: DocumentKind::Article,
            front_matter: FrontMatter {
                title: "T".into(),
                date: None,
                updated: None,
                tags: vec![],
                summary: None,
                source: None,
                authors: vec![],
                draft: false,
                draft_key: None,
                publish_date: None,
                expiry_date: None,
                hidden: false,
                unlisted: false,
                slug: None,
                image: None,
                edition: None,
                aliases: vec![],
                extra: Default::default(),
            },
            slug: "a".into(),
            folder: String::new(),
            summary_html: String::new(),
            summary_links: Vec::new(),
            body: Rendered {
                links,
                ..Default::default()
            },
            body_line,
            positions: Default::default(),
        }
    }

    /// A link as the renderer records it on a page of 2024/a.md published at /2024/05/a/.
    fn link(dest: &str, line: usize, is_image: bool) -> Link {
        let base = urls::DocBase {
            site_url: BASE,
            page_path: "/2024/05/a/",
            dir: "2024/",
            bundle: false,
            look_in: &[],
            beside: &|_| None,
        };
        Link {
            dest: dest.into(),
            url: urls::resolve(dest, &base).unwrap_or_else(|| dest.into()),
            line,
            is_image,
        }
    }

    const BASE: &str = "https://ex.org/";

    #[test]
    fn check_looks_where_build_links_on_the_resolver_table() {
        let hl = Highlighter::new();
        for c in crate::urls::tests::CASES {
            let base = crate::urls::DocBase {
                site_url: c.site,
                page_path: c.page,
                dir: c.dir,
                bundle: false,
                look_in: &[],
                beside: &crate::urls::tests::beside,
            };
            let md = format!(
                "[x](<{}>) ![y](<{}>)\n\n<a href=\"{}\">z</a>\n",
                c.dest, c.dest, c.dest
            );
            let opts = crate::markdown::MarkdownOptions::default();
            let out = crate::markdown::render_in(&md, "a", Some(&base), &opts, &hl);
            assert_eq!(out.links.len(), 3, "{:?}", c.dest);
            for link in &out.links {
                // What build wrote into the page…
                let written = crate::text::escape_html(&link.url).into_owned();
                assert!(
                    out.html.contains(&format!("=\"{written}\"")),
                    "{:?}: {}",
                    c.dest,
                    out.html
                );
                assert_eq!(link.url, c.url, "{:?}", c.dest);
                // …is where check looks.
                let target = urls::site_target(&link.url, c.site, c.page).map(|(p, _)| p);
                assert_eq!(target.as_deref(), c.target, "{:?}", c.dest);
            }
        }
    }

    /// What checking `d`'s links finds, `d` being published at /2024/05/a/.
    fn findings(
        d: &Document,
        targets: &Targets,
        anchors: &Anchors,
        url_of_rel: &HashMap<&str, &str>,
        unpublished: &HashMap<String, &Document>,
    ) -> Vec<Diagnostic> {
        let ctx = LinkContext {
            doc: d,
            page_url: "/2024/05/a/",
            base_url: BASE,
            targets,
            anchors,
            url_of_rel,
            unpublished,
            now: jiff::Timestamp::now(),
        };
        d.body.links.iter().filter_map(|l| ctx.check(l)).collect()
    }

    #[test]
    fn reports_broken_links_and_images_on_file_lines() {
        let targets = Targets::from_paths([
            "index.html",
            "about/index.html",
            "2024/pic.png",
            "2024/05/b/index.html",
        ]);
        let d = doc(
            "2024/a.md",
            7,
            vec![
                link("/about/", 1, false),
                link("/about", 1, false),
                link("../b/", 2, false),
                link("/missing/", 3, false),
                link("pic.png", 4, true),
                link("/2024/pic.png", 5, true),
                link("https://elsewhere.org/x", 6, false),
                // A link to another document's file is the digest's to fill in: none here.
                link("b.md", 8, false),
            ],
        );
        let urls: HashMap<&str, &str> = [("2024/b.md", "/2024/05/b/")].into_iter().collect();
        let found = findings(&d, &targets, &Anchors::new(&[]), &urls, &HashMap::new());
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![9, 10], "{found:#?}");
        let hints: Vec<(&str, bool, &LinkHint)> = found
            .iter()
            .map(|d| match &d.kind {
                DiagnosticKind::BrokenLink {
                    dest, image, hint, ..
                } => (dest.as_str(), *image, hint),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            hints,
            [
                ("/missing/", false, &LinkHint::None),
                (
                    "pic.png",
                    true,
                    &LinkHint::WriteRooted {
                        page_url: "/2024/05/a/".into(),
                        rooted: "/2024/pic.png".into()
                    }
                ),
            ]
        );
        assert!(found[0]
            .message
            .starts_with("link `/missing/` points to no page"));
        assert!(found
            .iter()
            .all(|d| d.path == Path::new("content/2024/a.md")));
    }

    #[test]
    fn checks_fragments_against_the_ids_of_the_built_page() {
        let page = |path: &str, html: &str| OutputFile {
            path: path.into(),
            body: Body::Bytes(html.as_bytes().to_vec()),
        };
        let files = [
            page(
                "2024/05/a/index.html",
                r#"<main id="main"><h2 id="why-it-matters">Why</h2><p id="q&amp;a">x</p></main>"#,
            ),
            page(
                "2024/05/b/index.html",
                "<h2 id=\"context\">C</h2><p\nid='quoted'>q</p><p id=bare>b</p>",
            ),
            page("about/index.html", "<p>no ids</p>"),
        ];
        let targets = Targets::from_files(&files);
        let anchors = Anchors::new(&files);
        let d = doc(
            "2024/a.md",
            1,
            vec![
                link("#why-it-matters", 1, false),
                link("#why-it-mattters", 2, false),
                link("#q&a", 3, false),
                link("#top", 4, false),
                link("../b/#context", 5, false),
                link("../b/#contexts", 6, false),
                link("/about/#team", 7, false),
                link("#", 8, false),
                link("../b/#quoted", 9, false),
                link("../b/#bare", 10, false),
            ],
        );
        let found = findings(&d, &targets, &anchors, &HashMap::new(), &HashMap::new());
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "link `#why-it-mattters` points to no element with id `why-it-mattters` on \
                 /2024/05/a/; did you mean #why-it-matters?",
                "link `../b/#contexts` points to no element with id `contexts` on /2024/05/b/; \
                 did you mean #context?",
                "link `/about/#team` points to no element with id `team` on /about/",
            ]
        );
        assert_eq!(found.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 6, 7]);
    }

    #[test]
    fn names_the_draft_or_future_article_a_link_points_to() {
        let targets = Targets::from_paths(["index.html"]);
        let mut draft = doc("2024/d.md", 1, vec![]);
        draft.front_matter.draft = true;
        let later = doc("2099/l.md", 1, vec![]);
        let unpublished: HashMap<String, &Document> = [
            ("/2024/05/d/".to_string(), &draft),
            ("/2099/01/l/".to_string(), &later),
        ]
        .into_iter()
        .collect();
        let d = doc(
            "2024/a.md",
            1,
            vec![link("/2024/05/d/", 1, false), link("/2099/01/l", 2, false)],
        );
        let found: Vec<LinkHint> = findings(
            &d,
            &targets,
            &Anchors::new(&[]),
            &HashMap::new(),
            &unpublished,
        )
        .into_iter()
        .map(|d| match d.kind {
            DiagnosticKind::BrokenLink { hint, .. } => hint,
            other => panic!("{other:?}"),
        })
        .collect();
        assert_eq!(
            found,
            [
                LinkHint::Unpublished {
                    file: PathBuf::from("content/2024/d.md"),
                    why: LeftOutAs::Draft
                },
                LinkHint::Unpublished {
                    file: PathBuf::from("content/2099/l.md"),
                    why: LeftOutAs::Future
                },
            ]
        );
        assert!(DiagnosticKind::BrokenLink {
            dest: "/2024/05/d/".into(),
            image: false,
            missing: "/2024/05/d/".into(),
            resolved: None,
            hint: found[0].clone(),
        }
        .message()
        .ends_with("content/2024/d.md would be published, but it is a draft"));
    }

    #[test]
    fn suggests_the_nearest_tag_only_when_close() {
        let keys: Vec<String> = ["science", "scince", "ai", "eu", "politics", "sciences"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let uses = |j: usize| [5, 1, 1, 1, 3, 1][j];
        assert_eq!(nearest_tag("scince", &keys, uses, 1), Some(0));
        assert_eq!(nearest_tag("ai", &keys, uses, 2), None);
        assert_eq!(nearest_tag("sciences", &keys, uses, 5), Some(0));
        assert_eq!(nearest_tag("politics", &keys, uses, 4), None);
    }

    /// A site in a temporary folder: `site.toml` with `base_url`, and `files` under it.
    fn site(base_url: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            format!("title = \"T\"\nbase_url = \"{base_url}\"\n"),
        )
        .unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn check_site(dir: &tempfile::TempDir) -> Vec<Diagnostic> {
        let now = "2024-06-01T00:00:00Z".parse().unwrap();
        check(Options::new(dir.path()), &Highlighter::new(), now).sorted()
    }

    fn kinds_at(found: &[Diagnostic], file: &str) -> Vec<DiagnosticKind> {
        found
            .iter()
            .filter(|d| d.path.ends_with(file))
            .map(|d| d.kind.clone())
            .collect()
    }

    #[test]
    fn findings_carry_their_kind() {
        let story = |title: &str, extra: &str, body: &str| {
            format!("---\ntitle: {title}\ndate: 2024-05-02T10:00:00Z\n{extra}---\n\n{body}\n")
        };
        let source = "summary: S\nsource:\n  name: Ex\n  url: https://ex.org/one\n";
        let dir = site(
            "https://example.org/",
            &[
                (
                    "content/one.md",
                    &story(
                        "One",
                        &format!("tags: [science]\n{source}"),
                        "[x](/nowhere/) [y](#nope)",
                    ),
                ),
                (
                    "content/two.md",
                    &story(
                        "Two",
                        &format!("tags: [science, scince]\n{source}"),
                        "<img src=\"/a.png\">",
                    ),
                ),
                (
                    "content/three.md",
                    &story("Three", "tags: [science]\n", "Text."),
                ),
                (
                    "content/old.md",
                    "---\ntitle: Old\ndate: 2024-04-01\ndraft: true\n---\n\nDraft.\n",
                ),
            ],
        );
        let found = check_site(&dir);
        let one = kinds_at(&found, "one.md");
        assert!(
            one.iter().any(|k| matches!(k, DiagnosticKind::BrokenLink { dest, image: false, hint: LinkHint::None, .. } if dest == "/nowhere/")),
            "{one:?}"
        );
        assert!(
            one.iter().any(|k| matches!(k, DiagnosticKind::MissingAnchor { fragment, near: None, .. } if fragment == "nope")),
            "{one:?}"
        );
        let two = kinds_at(&found, "two.md");
        assert!(two.contains(&DiagnosticKind::ImageWithoutAlt), "{two:?}");
        assert!(
            two.iter().any(|k| matches!(k, DiagnosticKind::TagTypo { tag, near, uses: 3 } if tag == "scince" && near == "science")),
            "{two:?}"
        );
        // The later of two stories with one source URL gets the warning, naming the first.
        let duplicate = two.iter().chain(&one).find_map(|k| match k {
            DiagnosticKind::DuplicateSource { other, url } => Some((other, url)),
            _ => None,
        });
        let (other, url) = duplicate.expect("a DuplicateSource finding");
        assert_eq!(url, "https://ex.org/one");
        assert!(other.line > 0, "{other:?}");
        let three = kinds_at(&found, "three.md");
        assert_eq!(three, [DiagnosticKind::NoSource, DiagnosticKind::NoSummary]);
        assert!(
            matches!(
                &kinds_at(&found, "old.md")[..],
                [DiagnosticKind::StaleDraft { days: 61, .. }]
            ),
            "{found:?}"
        );
        assert!(
            matches!(&kinds_at(&found, "site.toml")[..], [DiagnosticKind::PlaceholderBaseUrl { url }] if url == "https://example.org/"),
            "{found:?}"
        );
    }

    #[test]
    fn a_url_clash_names_the_other_file_and_line() {
        let page = |title: &str| format!("---\ntitle: {title}\nslug: same\n---\n\nText.\n");
        let dir = site(
            "https://news.test/",
            &[
                ("content/pages/a.md", &page("A")),
                ("content/pages/b.md", &page("B")),
            ],
        );
        let found = check_site(&dir);
        let clash: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| matches!(d.kind, DiagnosticKind::UrlClash { .. }))
            .collect();
        assert_eq!(clash.len(), 1, "{found:?}");
        assert_eq!(clash[0].severity, Severity::Error);
        assert_eq!(clash[0].line, 3);
        let DiagnosticKind::UrlClash { url, other, fix } = &clash[0].kind else {
            unreachable!()
        };
        assert_eq!(
            (url.as_str(), *fix),
            ("/same/", crate::diagnostic::ClashFix::Slug)
        );
        assert_eq!(other.line, 3);
        assert!(other.path.ends_with("pages/a.md") || other.path.ends_with("pages/b.md"));
        assert_ne!(other.path, clash[0].path);
    }
}
