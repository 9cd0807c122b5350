//! Rebuilds for `serve --watch` that redo only what an edit touched.
//!
//! After a full build the rebuilder keeps its [`crate::Build`] (the digest, the per-story
//! template values, the theme, the diagnostics by stage) and the served files. When every changed path is an existing Markdown file of the
//! last build (no file created, deleted or renamed; no template, static file or site.toml),
//! it re-parses just those files and compares each with the story or page it was: if the
//! digest's *structure* is unchanged (same date, URL, tags, edition, source, draft status;
//! for pages the same URL and title), it swaps the new documents in, re-makes the edited
//! stories' template values and re-renders only what shows them
//! ([`crate::render::incremental`]); every other file is the previous build's. When every
//! changed path is a file the last build copied as is (a stylesheet or an image in
//! `static/`, the theme's `static/` or next to an article), its new bytes replace the served
//! ones and nothing renders. Anything else, or any doubt, is a full build (with the parse
//! cache, so unchanged files are not parsed again).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::config::SiteConfig;
use crate::content::{self, Document, ParseCache};
use crate::diagnostic::{Diagnostic, Diagnostics, Stage};
use crate::digest::{Page, Story};
use crate::markdown::Highlighter;
use crate::render::context::story_value;
use crate::render::incremental::{rerender, LastRender, StoryChange};
use crate::render::Body;
use crate::{Build, Options};

/// How a rebuild went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildKind {
    /// Everything rendered; `parsed` files parsed (the others came from the cache).
    Full { parsed: usize },
    /// Only the edited files parsed and `rendered` output files made again.
    Partial { parsed: usize, rendered: usize },
    /// Only `copied` files, copied as is, changed: nothing parsed or rendered.
    Copied { copied: usize },
}

/// A good build, ready to serve.
pub struct Rebuilt {
    pub files: HashMap<String, Bytes>,
    /// Every warning of the site as it now is.
    pub warnings: Diagnostics,
    pub kind: RebuildKind,
    /// Stage timings, for `GAZETTE_TIMINGS=1`.
    pub timings: Vec<(&'static str, Duration)>,
}

/// What the last good build left.
struct LastBuild {
    /// The build, its files moved to `files`.
    build: Build,
    /// The Markdown files it parsed, relative to the root.
    markdown: HashSet<PathBuf>,
    /// The files copied as is: source (relative to the root) -> output path.
    copies: HashMap<PathBuf, String>,
    files: HashMap<String, Bytes>,
}

impl LastBuild {
    /// Every warning of the site as it was last built.
    fn warnings(&self) -> Diagnostics {
        self.build.diagnostics.clone()
    }
}

pub struct Rebuilder {
    /// The site, selection and base URL (no cache, sink or progress: those are the
    /// rebuilder's own).
    opts: Options<'static>,
    /// The site root as the watcher names paths (absolute, canonical).
    root: PathBuf,
    cache: ParseCache,
    state: Option<LastBuild>,
    /// Paths changed since the last good build: a failed build's changes still count.
    pending: Vec<PathBuf>,
    /// A full build is owed (the first build, or events were lost).
    pending_full: bool,
}

impl Rebuilder {
    pub fn new(opts: Options<'static>) -> Rebuilder {
        let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
        Rebuilder {
            opts,
            root,
            cache: ParseCache::new(),
            state: None,
            pending: Vec::new(),
            pending_full: true,
        }
    }

    /// The site root as given.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// How long until the clock alone changes the site: a story's `publishDate` (or date)
    /// or `expiryDate` comes. At least a second; at most a day, when it is looked at again.
    pub fn next_due(&self) -> Option<std::time::Duration> {
        // A full build owed has failed (the site is broken): the next save retries it, not
        // the clock, which would print the same errors every second.
        if self.pending_full {
            return None;
        }
        let at = self.state.as_ref()?.build.next_future()?;
        let wait = at.as_millisecond() - jiff::Timestamp::now().as_millisecond();
        let wait = wait.clamp(1_000, 86_400_000);
        Some(std::time::Duration::from_millis(wait.unsigned_abs()))
    }

    /// Forgets everything kept (after a panic mid-build).
    pub fn reset(&mut self) {
        self.cache.clear();
        self.state = None;
        self.pending_full = true;
    }

    /// Builds after `changed` (absolute paths; `None`: anything may have changed).
    pub fn build(
        &mut self,
        hl: &Highlighter,
        changed: Option<&[PathBuf]>,
    ) -> Result<Rebuilt, Diagnostics> {
        match changed {
            Some(paths) => {
                self.pending.extend(paths.iter().cloned());
                self.pending.sort();
                self.pending.dedup();
            }
            None => self.pending_full = true,
        }
        let partial = if self.pending_full {
            None
        } else {
            self.try_copies().or_else(|| self.try_partial(hl))
        };
        let result = match partial {
            Some(result) => result,
            None => self.full(hl),
        };
        if result.is_ok() {
            self.pending.clear();
            self.pending_full = false;
        }
        result
    }

    fn full(&mut self, hl: &Highlighter) -> Result<Rebuilt, Diagnostics> {
        // Files that documents read besides their own (a blog's authors, Jekyll's settings):
        // a change to one makes every kept parse stale.
        let read_by_documents = |path: &PathBuf| {
            path.file_name().is_some_and(|name| {
                (content::AUTHOR_LISTS.iter())
                    .chain(&["_config.yml", "_config.yaml"])
                    .any(|n| name.eq_ignore_ascii_case(n))
            })
        };
        if self.pending.iter().any(read_by_documents) {
            self.cache.clear();
        }
        let opts = Options {
            cache: Some(&mut self.cache),
            ..self.opts.plain()
        };
        let mut build = crate::generate(opts, hl)?;
        let started = Instant::now();
        let copies = build
            .files
            .iter()
            .filter_map(|f| match &f.body {
                Body::Copy(src) => {
                    let rel = src.strip_prefix(&self.opts.root).ok()?;
                    Some((rel.to_path_buf(), f.path.clone()))
                }
                _ => None,
            })
            .collect();
        let files = super::into_map(std::mem::take(&mut build.files))?;
        let mut timings = std::mem::take(&mut build.timings);
        timings.push(("map", started.elapsed()));
        let warnings = build.diagnostics.clone();
        let state = LastBuild {
            markdown: build.markdown_files().collect(),
            build,
            copies,
            files: files.clone(),
        };
        self.state = Some(state);
        Ok(Rebuilt {
            files,
            warnings,
            kind: RebuildKind::Full {
                parsed: self.cache.last_parsed(),
            },
            timings,
        })
    }

    /// When every changed path is a regular file the last build copied as is, the served
    /// copies take its new bytes; `None` otherwise (or if one cannot be read: the full
    /// build then reports it).
    fn try_copies(&mut self) -> Option<Result<Rebuilt, Diagnostics>> {
        let started = Instant::now();
        let state = self.state.as_mut()?;
        let mut copied = Vec::with_capacity(self.pending.len());
        for path in &self.pending {
            let rel = path.strip_prefix(&self.root).ok()?;
            let output = state.copies.get(rel)?;
            // Not a symlink: where one points is the walk's to judge.
            let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            if !regular {
                return None;
            }
            copied.push((output.clone(), std::fs::read(path).ok()?));
        }
        if copied.is_empty() {
            return None;
        }
        let count = copied.len();
        for (output, bytes) in copied {
            state.files.insert(output, Bytes::from(bytes));
        }
        Some(Ok(Rebuilt {
            files: state.files.clone(),
            warnings: state.warnings(),
            kind: RebuildKind::Copied { copied: count },
            timings: vec![("copy", started.elapsed())],
        }))
    }

    /// The partial rebuild, or `None` when the changes need a full one.
    fn try_partial(&mut self, hl: &Highlighter) -> Option<Result<Rebuilt, Diagnostics>> {
        let mut clock = Instant::now();
        let mut timings = Vec::new();
        let mut lap = |name: &'static str| {
            timings.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let state = self.state.as_mut()?;
        if self.pending.is_empty() {
            return None;
        }
        // An article held back for its future date is due: it joins the site.
        let now = jiff::Timestamp::now();
        if state.build.next_future().is_some_and(|t| t <= now) {
            return None;
        }
        let mut rels = Vec::with_capacity(self.pending.len());
        for path in &self.pending {
            let rel = path.strip_prefix(&self.root).ok()?;
            let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            if !is_file || !state.markdown.contains(rel) {
                return None;
            }
            rels.push(rel.to_path_buf());
        }
        let mut diags = Diagnostics::default();
        let docs = content::load(
            &rels,
            &self.opts.root,
            &state.build.config,
            hl,
            None,
            &mut diags,
        );
        lap("parse");
        if diags.has_errors() {
            return Some(Err(diags));
        }
        // Links to other documents are filled in by the digest: a full rebuild does that.
        if docs.len() != rels.len() || docs.iter().any(Document::links_documents) {
            return None;
        }
        let (config, digest) = (&state.build.config, &state.build.digest);
        let mut story_edits: Vec<(usize, Document)> = Vec::new();
        let mut page_edits: Vec<(usize, Document)> = Vec::new();
        for doc in docs {
            if let Some(i) = digest.stories.iter().position(|s| s.doc.rel == doc.rel) {
                if !same_story_place(&digest.stories[i], &doc, config, &self.opts) {
                    return None;
                }
                story_edits.push((i, doc));
            } else if let Some(p) = digest.pages.iter().position(|p| p.doc.rel == doc.rel) {
                if !same_page_place(&digest.pages[p], &doc, &self.opts) {
                    return None;
                }
                page_edits.push((p, doc));
            } else {
                // Not in the site before (a draft, an article in the future): structural.
                return None;
            }
        }
        // From here on the kept state changes; a failure leaves it unusable.
        let mut changes = Vec::with_capacity(story_edits.len());
        for (i, doc) in story_edits {
            let story = &mut state.build.digest.stories[i];
            let updated = doc
                .front_matter
                .updated
                .as_ref()
                .map(|d| d.with_time_zone(state.build.config.timezone.clone()));
            changes.push(StoryChange {
                index: i,
                title: story.doc.front_matter.title != doc.front_matter.title,
                listed: false,
                updated: story.updated.as_ref().map(|z| z.timestamp())
                    != updated.as_ref().map(|z| z.timestamp()),
            });
            story.updated = updated;
            story.doc = Arc::new(doc);
        }
        for c in &mut changes {
            let value = story_value(&state.build.digest, &state.build.config, c.index);
            let shared = &mut state.build.template_values.stories[c.index];
            c.listed = value != *shared;
            *shared = value;
        }
        let pages: Vec<usize> = page_edits.iter().map(|(p, _)| *p).collect();
        for (p, doc) in page_edits {
            state.build.digest.pages[p].doc = Arc::new(doc);
        }
        lap("patch");
        let mut render_diags = Diagnostics::default();
        let last = LastRender {
            digest: &state.build.digest,
            config: &state.build.config,
            theme: &state.build.theme,
            shared: &state.build.template_values,
            html_paths: &state.build.html_paths,
        };
        let out = rerender(last, &changes, &pages, &mut render_diags);
        lap("render");
        if render_diags.has_errors() {
            self.state = None;
            return Some(Err(render_diags));
        }
        let rendered = out.len();
        for (path, bytes) in out {
            state.files.insert(path, Bytes::from(bytes));
        }
        // The search index holds every story's words: made again whole, its old files gone
        // (an edit can change how many word chunks there are).
        if state.build.config.search.enabled {
            state
                .files
                .retain(|path, _| !path.starts_with("search/index/"));
            for (path, bytes) in crate::search::files(&state.build.digest, &state.build.config) {
                state.files.insert(path, Bytes::from(bytes));
            }
            lap("search");
        }
        let files = state.files.clone();
        // The edited files' parse warnings replace the ones they had.
        let edited: HashSet<PathBuf> = rels
            .iter()
            .map(|rel| diagnostic_path(&self.opts.root, rel))
            .collect();
        let all = &mut state.build.diagnostics;
        all.retain(|d| d.stage != Stage::Parse || !edited.contains(&d.path));
        all.stage(Stage::Parse, |parse| parse.extend(diags));
        let warnings = state.warnings();
        lap("map");
        Some(Ok(Rebuilt {
            files,
            warnings,
            kind: RebuildKind::Partial {
                parsed: rels.len(),
                rendered,
            },
            timings,
        }))
    }

    /// Output files whose bytes differ from a full build of the site as it now is (with the
    /// same options, no cache), by path; a debugging aid (`GAZETTE_VERIFY_INCREMENTAL=1`)
    /// and what the tests check.
    pub fn differences(
        &self,
        hl: &Highlighter,
        files: &HashMap<String, Bytes>,
    ) -> Result<Vec<String>, Diagnostics> {
        let build = crate::generate(self.opts.plain(), hl)?;
        let full = super::into_map(build.files)?;
        let mut differ: Vec<String> = full
            .iter()
            .filter(|(path, bytes)| files.get(*path) != Some(*bytes))
            .map(|(path, _)| path.clone())
            .chain(files.keys().filter(|p| !full.contains_key(*p)).cloned())
            .collect();
        differ.sort();
        Ok(differ)
    }
}

/// The path a diagnostic about `rel` carries (as parsing reports it).
fn diagnostic_path(root: &Path, rel: &Path) -> PathBuf {
    Diagnostic::warning(&content::display_path(root, rel), 0, 0, "").path
}

/// True if `doc`, the new version of `story`'s file, keeps the story where it was: still
/// selected, same date (so the same order, edition and URL), slug, tags, edition and source.
fn same_story_place(
    story: &Story,
    doc: &Document,
    config: &SiteConfig,
    opts: &Options<'_>,
) -> bool {
    let (old, new) = (&story.doc.front_matter, &doc.front_matter);
    let Some(date) = &new.date else {
        return false;
    };
    let date = date.with_time_zone(config.timezone.clone());
    (opts.drafts || !new.draft)
        && date.timestamp() == story.date.timestamp()
        && same_schedule(new, old)
        && doc.slug == story.doc.slug
        && doc.kind == story.doc.kind
        && crate::digest::url_path(doc, config).as_deref() == Some(story.path.as_str())
        && new.tags == old.tags
        && new.edition == old.edition
        && new.aliases == old.aliases
        && same_source(new.source.as_ref(), old.source.as_ref())
}

/// The same publication date, expiry and visibility, so the story is left out or not as
/// it was.
fn same_schedule(new: &content::FrontMatter, old: &content::FrontMatter) -> bool {
    new.publish_date == old.publish_date
        && new.expiry_date == old.expiry_date
        && new.hidden == old.hidden
}

/// The same publication and URL; the line the key sits on may move with edits above it.
fn same_source(new: Option<&content::Source>, old: Option<&content::Source>) -> bool {
    match (new, old) {
        (Some(n), Some(o)) => n.name == o.name && n.url == o.url,
        (n, o) => n.is_none() && o.is_none(),
    }
}

/// True if `doc`, the new version of `page`'s file, keeps the page's URL and its title in the
/// navigation.
fn same_page_place(page: &Page, doc: &Document, opts: &Options<'_>) -> bool {
    (opts.drafts || !doc.front_matter.draft)
        && same_schedule(&doc.front_matter, &page.doc.front_matter)
        && doc.kind == page.doc.kind
        && doc.slug == page.doc.slug
        && doc.folder == page.doc.folder
        && doc.front_matter.title == page.doc.front_matter.title
        && doc.front_matter.unlisted == page.doc.front_matter.unlisted
        && doc.front_matter.aliases == page.doc.front_matter.aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with pagination, tags with feeds, editions, sources, a page, a draft and an
    /// article in the future.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[digest]\nedition = \"week\"\nper_page = 3\n\n[feeds]\nitems = 4\ntags = true\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/news")).unwrap();
        std::fs::create_dir_all(root.join("content/pages")).unwrap();
        for n in 0..14 {
            let tags = ["a", "b", "c"][n % 3];
            let source = ["One", "Two"][n % 2];
            std::fs::write(
                root.join(format!("content/news/story-{n}.md")),
                format!(
                    "---\ntitle: Story {n}\ndate: 2024-05-{:02}T09:00:00Z\ntags: [{tags}, all]\nauthor: Ann\nsource:\n  name: {source}\n  url: https://{source}.example/{n}\n---\n\nBody of story {n}.\n\nSecond paragraph.\n",
                    n + 1
                ),
            )
            .unwrap();
        }
        std::fs::write(
            root.join("content/news/later.md"),
            "---\ntitle: Later\ndate: 2099-01-01T00:00:00Z\n---\n\nNot yet.\n",
        )
        .unwrap();
        std::fs::write(
            root.join("content/news/draft.md"),
            "---\ntitle: Draft\ndate: 2024-05-03T00:00:00Z\ndraft: true\n---\n\nDraft.\n",
        )
        .unwrap();
        std::fs::write(
            root.join("content/pages/about.md"),
            "---\ntitle: About\n---\n\nAbout us.\n",
        )
        .unwrap();
        (dir, root)
    }

    fn opts(root: &Path) -> Options<'static> {
        Options {
            base_url: Some("http://127.0.0.1:1111/".into()),
            ..Options::new(root)
        }
    }

    fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    }

    #[test]
    fn partial_rebuilds_equal_full_builds() {
        let (_dir, root) = site();
        // With search on, so the index a partial rebuild remakes is checked too.
        let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
        std::fs::write(
            root.join("site.toml"),
            format!("{toml}\n[search]\nenabled = true\n"),
        )
        .unwrap();
        let hl = Highlighter::new();
        let mut rb = Rebuilder::new(opts(&root));
        let first = rb.build(&hl, None).ok().unwrap();
        assert!(matches!(first.kind, RebuildKind::Full { .. }));
        assert!(first.files.contains_key("search/index/manifest.json"));
        let n7 = "content/news/story-7.md";
        let n13 = "content/news/story-13.md";
        // (file, from, to, partial expected)
        let cases = [
            (n7, "Body of story 7.", "New body of story 7.", true),
            (n7, "Story 7", "Story seven, retitled", true),
            (n13, "Story 13", "Newest story, retitled", true),
            (n13, "author: Ann", "author: Bob", true),
            (
                n7,
                "date: 2024-05-08T09:00:00Z",
                "date: 2024-05-08T09:00:00Z\nupdated: 2024-06-01",
                true,
            ),
            (
                n7,
                "Second paragraph.",
                "Second paragraph, longer.\n\n<!-- more -->",
                true,
            ),
            ("content/pages/about.md", "About us.", "About them.", true),
            (
                "content/pages/about.md",
                "title: About",
                "title: About us",
                false,
            ),
            (n7, "tags: [b, all]", "tags: [b, all, new]", false),
            (n13, "date: 2024-05-14", "date: 2024-05-02", false),
            (n7, "title:", "draft: true\ntitle:", false),
            ("content/news/draft.md", "Draft.", "Still a draft.", false),
        ];
        for (rel, from, to, partial) in cases {
            let path = edit(&root, rel, from, to);
            let rebuilt = rb
                .build(&hl, Some(std::slice::from_ref(&path)))
                .unwrap_or_else(|d| panic!("{rel}: {:?}", d.sorted()));
            assert_eq!(
                matches!(rebuilt.kind, RebuildKind::Partial { .. }),
                partial,
                "{rel}: {from:?} -> {to:?}: {:?}",
                rebuilt.kind
            );
            let differ = rb.differences(&hl, &rebuilt.files).ok().unwrap();
            assert!(differ.is_empty(), "{rel}: {from:?} -> {to:?}: {differ:?}");
        }
    }

    #[test]
    fn an_edited_static_file_is_copied_without_rendering() {
        let (_dir, root) = site();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/extra.css"), "p { margin: 0 }\n").unwrap();
        std::fs::write(root.join("content/news/chart.svg"), "<svg/>").unwrap();
        let hl = Highlighter::new();
        let mut rb = Rebuilder::new(opts(&root));
        rb.build(&hl, None).ok().unwrap();
        let css = edit(&root, "static/extra.css", "margin: 0", "margin: 1em");
        let svg = edit(&root, "content/news/chart.svg", "<svg/>", "<svg></svg>");
        let rebuilt = rb.build(&hl, Some(&[css.clone(), svg])).ok().unwrap();
        assert_eq!(rebuilt.kind, RebuildKind::Copied { copied: 2 });
        assert_eq!(&rebuilt.files["extra.css"][..], b"p { margin: 1em }\n");
        assert_eq!(&rebuilt.files["news/chart.svg"][..], b"<svg></svg>");
        let differ = rb.differences(&hl, &rebuilt.files).ok().unwrap();
        assert!(differ.is_empty(), "{differ:?}");
        // A new static file, or one copied along with an article edit, needs a build.
        let new = root.join("static/new.css");
        std::fs::write(&new, "a {}\n").unwrap();
        let rebuilt = rb.build(&hl, Some(&[new])).ok().unwrap();
        assert!(
            matches!(rebuilt.kind, RebuildKind::Full { .. }),
            "{:?}",
            rebuilt.kind
        );
        let story = edit(&root, "content/news/story-7.md", "Body of", "The body of");
        let css = edit(&root, "static/extra.css", "1em", "2em");
        let rebuilt = rb.build(&hl, Some(&[css, story])).ok().unwrap();
        assert!(
            matches!(rebuilt.kind, RebuildKind::Full { .. }),
            "{:?}",
            rebuilt.kind
        );
        assert!(rb.differences(&hl, &rebuilt.files).ok().unwrap().is_empty());
    }

    #[test]
    fn a_title_edit_re_renders_its_lists_feeds_and_neighbours() {
        let (_dir, root) = site();
        let hl = Highlighter::new();
        let mut rb = Rebuilder::new(opts(&root));
        let before = rb.build(&hl, None).ok().unwrap().files;
        let path = edit(
            &root,
            "content/news/story-12.md",
            "Story 12",
            "Story twelve",
        );
        let after = rb.build(&hl, Some(&[path])).ok().unwrap();
        let mut changed: Vec<&str> = after
            .files
            .iter()
            .filter(|(p, b)| before.get(*p) != Some(*b))
            .map(|(p, _)| p.as_str())
            .collect();
        changed.sort();
        assert_eq!(
            after.kind,
            RebuildKind::Partial {
                parsed: 1,
                rendered: changed.len()
            }
        );
        assert_eq!(
            changed,
            [
                "2024/05/12/story-11/index.html",
                "2024/05/13/story-12/index.html",
                "2024/05/14/story-13/index.html",
                "atom.xml",
                "editions/2024-w20/email.eml",
                "editions/2024-w20/email.html",
                "editions/2024-w20/email.txt",
                "editions/2024-w20/index.html",
                "feed.json",
                "index.html",
                "rss.xml",
                "sources/one/index.html",
                "tags/a/index.html",
                "tags/a/rss.xml",
                "tags/all/index.html",
                "tags/all/rss.xml",
            ]
        );
    }

    #[test]
    fn a_broken_edit_fails_and_its_fix_is_partial() {
        let (_dir, root) = site();
        let hl = Highlighter::new();
        let mut rb = Rebuilder::new(opts(&root));
        rb.build(&hl, None).ok().unwrap();
        let path = edit(
            &root,
            "content/news/story-3.md",
            "title: Story 3",
            "title: [unclosed",
        );
        let failed = rb.build(&hl, Some(std::slice::from_ref(&path)));
        assert!(failed.is_err());
        // Another file's edit meanwhile: the broken one is still pending, so still failing.
        let other = edit(&root, "content/news/story-4.md", "Body", "Edited body");
        assert!(rb.build(&hl, Some(std::slice::from_ref(&other))).is_err());
        edit(
            &root,
            "content/news/story-3.md",
            "title: [unclosed",
            "title: Story three",
        );
        let fixed = rb
            .build(&hl, Some(std::slice::from_ref(&path)))
            .ok()
            .unwrap();
        assert_eq!(
            fixed.kind,
            RebuildKind::Partial {
                parsed: 2,
                rendered: fixed_rendered(&fixed)
            }
        );
        assert!(rb.differences(&hl, &fixed.files).ok().unwrap().is_empty());
    }

    fn fixed_rendered(r: &Rebuilt) -> usize {
        match r.kind {
            RebuildKind::Partial { rendered, .. } => rendered,
            RebuildKind::Copied { .. } => 0,
            RebuildKind::Full { .. } => usize::MAX,
        }
    }
}
