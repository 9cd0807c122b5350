//! The render stage of [`crate::generate`]: the digest becomes the list of output files
//! (pages, feeds, sitemap, the editions' emails, the search index). Nothing is written
//! here, so `serve` can keep the files in memory and tests can inspect them.

pub mod context;
mod contrast;
pub mod feeds;
pub mod incremental;
pub mod pages;
mod redirects;
pub mod sitemap;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::digest::Digest;
use crate::markdown::Highlighter;
use crate::progress::{Progress, Stage};
use context::Shared;
use pages::{Job, Renderer};
use theme::{StaticSource, Theme};

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output root, `/`-separated, never starting with `/`.
    pub path: String,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    /// Copied from this file.
    Copy(PathBuf),
    /// Already written by a [`PageSink`] while rendering; nothing left to write.
    Written,
}

/// Takes pages as soon as they are rendered, so that a build writes while it renders and
/// never holds every page in memory. Called from several threads at once.
pub trait PageSink: Sync {
    /// Stores one page; `path` is relative to the output root (see [`file_for`]).
    fn write_page(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Set once a write failed in a way every later write would too (a full disk): the
    /// folder written to and the error, reported once in place of one error per page. From
    /// then on no more pages are rendered.
    fn stopped(&self) -> Option<(PathBuf, String)> {
        None
    }
}

/// Where a finished file goes: to the sink when there is one (its body is then
/// [`Body::Written`]), else kept. `Ok(None)`: writing has stopped (a full disk), which the
/// build reports once; `Err`: this file's own write error, as a message naming it.
pub fn store(
    path: String,
    bytes: Vec<u8>,
    sink: Option<&dyn PageSink>,
) -> Result<Option<OutputFile>, String> {
    let body = match sink {
        None => Body::Bytes(bytes),
        Some(sink) => match sink.write_page(&path, &bytes) {
            Ok(()) => Body::Written,
            Err(_) if sink.stopped().is_some() => return Ok(None),
            Err(err) => return Err(format!("writing {path}: {err}")),
        },
    };
    Ok(Some(OutputFile { path, body }))
}

/// The file a URL path is written to: `/a/b/` -> `a/b/index.html`.
pub fn file_for(url_path: &str) -> String {
    let p = url_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// Renders everything (template errors are collected, once per failing template line),
/// also returning the shared template values and the URL paths of the HTML pages rendered (what `serve` keeps to re-render only part of the site later).
/// With a `sink`, HTML pages go to it as they are rendered and appear in the result as
/// [`Body::Written`]; feeds, sitemap and copies are returned as usual. `progress` counts
/// the pages.
pub fn render_site_keeping(
    digest: &Digest,
    config: &SiteConfig,
    theme: &Theme,
    hl: &Highlighter,
    sink: Option<&dyn PageSink>,
    progress: Option<&Progress>,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Shared, Vec<String>) {
    let shared = Shared::new(digest, config);
    let renderer = Renderer::new(digest, config, &shared, &theme.tera);
    let jobs = pages::jobs(digest, config);
    crate::progress::begin(progress, Stage::Rendering, jobs.len());
    let feeds = feeds::FeedInput::new(digest, config, &shared);
    let email_input = crate::email::Input::new(digest, config, &shared, theme);
    // The feeds, stylesheets, emails and search index need none of the pages: made while
    // the pages render.
    let ((rendered, page_diags), ((texts, css_errors), ((emails, email_diags), search))) =
        rayon::join(
            || {
                let mut page_diags = Diagnostics::default();
                let rendered =
                    render_pages(&renderer, &jobs, theme, sink, progress, &mut page_diags);
                (rendered, page_diags)
            },
            || {
                rayon::join(
                    || feeds_and_stylesheets(&feeds, config, hl),
                    || {
                        rayon::join(
                            || {
                                let mut email_diags = Diagnostics::default();
                                let emails =
                                    crate::email::render_all(&email_input, sink, &mut email_diags);
                                (emails, email_diags)
                            },
                            || search_files(digest, config, sink),
                        )
                    },
                )
            },
        );
    diags.extend(page_diags);
    diags.extend(email_diags);
    let mut files: BTreeMap<String, Body> = BTreeMap::new();
    let mut html_paths = Vec::with_capacity(rendered.len());
    // Page URLs are unique (digest.rs refuses clashes), so each file is rendered once.
    for (path, body) in rendered {
        files.insert(file_for(&path), body);
        html_paths.push(path);
    }
    // Emails are not pages: never in the sitemap (it lists `html_paths` only).
    for file in emails {
        files.insert(file.path, file.body);
    }
    let mut add = |path: &str, text: String| {
        files.insert(path.to_string(), Body::Bytes(text.into_bytes()));
    };
    for (path, text) in texts {
        add(&path, text);
    }
    add("sitemap.xml", sitemap::sitemap(digest, config, &html_paths));
    add("robots.txt", sitemap::robots(config));
    let (search, search_errors) = search;
    for file in search {
        files.insert(file.path, file.body);
    }
    for message in search_errors {
        diags.push(Diagnostic::error(&config.root, 0, 0, message));
    }
    diags.extend(css_errors);
    add_copies(&mut files, theme, digest, diags);
    redirects::add(&mut files, digest, config, diags);
    let files = files
        .into_iter()
        .map(|(path, body)| OutputFile { path, body })
        .collect();
    (files, shared, html_paths)
}

/// The search files (none when search is off), through the sink when there is one, and
/// their write errors.
fn search_files(
    digest: &Digest,
    config: &SiteConfig,
    sink: Option<&dyn PageSink>,
) -> (Vec<OutputFile>, Vec<String>) {
    let kept = std::sync::Mutex::new((Vec::new(), Vec::new()));
    crate::search::write(digest, config, &|path, bytes| {
        let stored = store(path, bytes, sink);
        let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
        match stored {
            Ok(file) => kept.0.extend(file),
            Err(message) => kept.1.push(message),
        }
    });
    kept.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The site feeds, the tag feeds (when on) and the highlighting stylesheets, as (output
/// path, text); an unknown highlight theme is an error.
fn feeds_and_stylesheets(
    feeds: &feeds::FeedInput,
    config: &SiteConfig,
    hl: &Highlighter,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut texts: Vec<(String, String)> = site_feeds(feeds)
        .into_iter()
        .map(|(path, text)| (path.to_string(), text))
        .collect();
    if config.feeds.tags {
        texts.extend((0..feeds.digest.tags.len()).map(|t| tag_feed(feeds, t)));
    }
    let mut errors = Vec::new();
    for (name, key, theme_name) in [
        (
            "syntax-light.css",
            "highlight_theme",
            &config.markdown.highlight_theme,
        ),
        (
            "syntax-dark.css",
            "highlight_theme_dark",
            &config.markdown.highlight_theme_dark,
        ),
    ] {
        match hl.theme_css(theme_name) {
            Some(css) => texts.push((name.to_string(), contrast::readable(&css))),
            None => errors.push(unknown_theme(config, key, theme_name, &hl.theme_names())),
        }
    }
    (texts, errors)
}

/// An unknown highlight theme, at its line in site.toml, with the theme probably meant.
fn unknown_theme(config: &SiteConfig, key: &str, name: &str, known: &[String]) -> Diagnostic {
    let path = config.root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lower = name.to_lowercase();
    let near = known
        .iter()
        .find(|k| !lower.is_empty() && k.to_lowercase().starts_with(&lower))
        .or_else(|| {
            known
                .iter()
                .map(|k| {
                    (
                        crate::content::fields::edit_distance(&lower, &k.to_lowercase()),
                        k,
                    )
                })
                .filter(|(d, _)| *d <= 3)
                .min()
                .map(|(_, k)| k)
        });
    let hint = match near {
        Some(k) => format!("did you mean `{k}`? Known: {}", known.join(", ")),
        None => format!("known: {}", known.join(", ")),
    };
    Diagnostic::error(
        &path,
        crate::config::key_line(&text, key),
        0,
        format!("`{key}`: unknown highlight theme `{name}`; {hint}"),
    )
}

/// Renders `jobs` in parallel: the URL path and body of each page that rendered, in job
/// order; with a `sink`, pages are written as they come and their body is
/// [`Body::Written`]. A template error is reported once per template (with the article's
/// file for articles), a write error once per file, or once in all if the sink stopped.
pub fn render_pages(
    renderer: &Renderer,
    jobs: &[Job],
    theme: &Theme,
    sink: Option<&dyn PageSink>,
    progress: Option<&Progress>,
    diags: &mut Diagnostics,
) -> Vec<(String, Body)> {
    let store = |path: &str, html: Vec<u8>| match sink {
        None => Ok(Body::Bytes(html)),
        Some(sink) => sink
            .write_page(&file_for(path), &html)
            .map(|()| Body::Written),
    };
    let rendered: Vec<(String, Result<std::io::Result<Body>, _>)> = jobs
        .par_iter()
        .map(|&job| {
            if sink.is_some_and(|s| s.stopped().is_some()) {
                crate::progress::tick(progress);
                return (String::new(), Ok(Err(std::io::Error::other("stopped"))));
            }
            let page = renderer.render(job);
            let body = page.html.map(|html| store(&page.path, html));
            crate::progress::tick(progress);
            (page.path, body)
        })
        .collect();
    let mut out = Vec::with_capacity(rendered.len());
    let mut failed_templates = std::collections::BTreeSet::new();
    let stopped = sink.and_then(|s| s.stopped());
    if let Some((folder, message)) = &stopped {
        diags.push(Diagnostic::error(folder, 0, 0, message.clone()));
    }
    for (job, (path, body)) in jobs.iter().zip(rendered) {
        match body {
            Ok(Ok(body)) => out.push((path, body)),
            Ok(Err(_)) if stopped.is_some() => {}
            Ok(Err(e)) => diags.push(Diagnostic::error(
                &renderer.config.root,
                0,
                0,
                format!("writing {}: {e}", file_for(&path)),
            )),
            Err(pages::TemplateError { template, error: e }) => {
                // Once per failing line, at the template file that holds it: a bad line in
                // base.html fails every page, but is one mistake.
                let mut problem = theme::locate(&theme.template_files, &template, &e);
                if failed_templates.insert(problem.place()) {
                    // An article's own values may be what the template trips on: name it.
                    if let Job::Article(i) = job {
                        let article = renderer.digest.stories[*i].doc.path.display();
                        problem.message.push_str(&format!(" (rendering {article})"));
                    }
                    diags.push(Diagnostic::error(
                        &problem.file,
                        problem.line,
                        problem.col,
                        problem.message,
                    ));
                }
            }
        }
    }
    out
}

/// The site's RSS, Atom and JSON feeds: (output path, text).
pub fn site_feeds(feeds: &feeds::FeedInput) -> [(&'static str, String); 3] {
    let (digest, config) = (feeds.digest, feeds.config);
    [
        (
            "rss.xml",
            feeds.rss(&config.title, "/rss.xml", "/", 0..digest.stories.len()),
        ),
        ("atom.xml", feeds.atom()),
        ("feed.json", feeds.json_feed()),
    ]
}

/// Tag `t`'s RSS feed: (output path, text).
pub fn tag_feed(feeds: &feeds::FeedInput, t: usize) -> (String, String) {
    let config = feeds.config;
    let tag = &feeds.digest.tags[t];
    let base = format!("/tags/{}/", tag.slug);
    let title = config.strings.text(
        "tag_feed_title",
        &[("site", &config.title), ("tag", &tag.name)],
    );
    (
        format!("tags/{}/rss.xml", tag.slug),
        feeds.rss(
            &title,
            &format!("{base}rss.xml"),
            &base,
            tag.stories.iter().copied(),
        ),
    )
}

/// Generated files a site's or theme's `static/` may replace: a site that keeps crawlers
/// out of some folders writes its own `robots.txt`, as with Hugo or Jekyll.
const REPLACEABLE: [&str; 1] = ["robots.txt"];

/// Theme and site static files, then files next to the articles. Generated pages win over
/// a copied file of the same name, with a warning, but for [`REPLACEABLE`] files.
fn add_copies(
    files: &mut BTreeMap<String, Body>,
    theme: &Theme,
    digest: &Digest,
    diags: &mut Diagnostics,
) {
    let statics = theme
        .statics
        .iter()
        .map(|(path, src)| (path.clone(), src.clone()));
    let assets = digest
        .assets
        .iter()
        .map(|a| (a.output.clone(), StaticSource::Disk(a.source.clone())));
    for (path, source) in statics.chain(assets) {
        if files.contains_key(&path) && !REPLACEABLE.contains(&path.as_str()) {
            if let StaticSource::Disk(p) = &source {
                let why = match files.get(&path) {
                    Some(Body::Copy(other)) => format!(
                        "not copied: {} is published at /{path} already; rename one",
                        crate::diagnostic::shown_path(other).display()
                    ),
                    Some(Body::Static(_)) => {
                        format!("not copied: the theme's own /{path} is published there")
                    }
                    _ => format!("not copied: gazette generates /{path} itself"),
                };
                diags.push(Diagnostic::warning(p, 0, 0, why));
            }
            continue;
        }
        let body = match source {
            StaticSource::Embedded(b) => Body::Static(b),
            StaticSource::Disk(p) => Body::Copy(p),
        };
        files.insert(path, body);
    }
}

/// Reads a file's bytes wherever they live.
pub fn body_bytes(body: &Body) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
    match body {
        Body::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
        Body::Static(b) => Ok(std::borrow::Cow::Borrowed(b)),
        Body::Copy(p) => std::fs::read(Path::new(p)).map(std::borrow::Cow::Owned),
        Body::Written => Err(std::io::Error::other(
            "already written to the output folder",
        )),
    }
}
