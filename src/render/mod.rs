//! Stage 4: the digest becomes the list of output files. Nothing is written here, so `serve`
//! can keep the files in memory and tests can inspect them.

pub mod context;
pub mod feeds;
pub mod pages;
pub mod sitemap;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::digest::Digest;
use crate::markdown::Highlighter;
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

/// Renders everything. Template errors are collected, one per failing template and page.
pub fn render_site(
    digest: &Digest,
    config: &SiteConfig,
    theme: &Theme,
    hl: &Highlighter,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    render_site_to(digest, config, theme, hl, None, diags)
}

/// A rendered page, or the failing template's name and error.
type PageResult = Result<Page, (String, tera::Error)>;

/// A page after rendering: kept in memory, or handed to the sink.
enum Page {
    Kept(String),
    Written,
    WriteFailed(std::io::Error),
}

/// Like [`render_site`], but HTML pages go to `sink` as they are rendered and appear in
/// the result as [`Body::Written`]; feeds, sitemap and copies are returned as usual.
pub fn render_site_to(
    digest: &Digest,
    config: &SiteConfig,
    theme: &Theme,
    hl: &Highlighter,
    sink: Option<&dyn PageSink>,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let shared = Shared::new(digest, config);
    let renderer = Renderer {
        digest,
        config,
        shared: &shared,
        tera: &theme.tera,
    };
    let jobs = pages::jobs(digest, config);
    let sink_page = |path: &str, html: String| match sink {
        None => Page::Kept(html),
        Some(sink) => match sink.write_page(&file_for(path), html.as_bytes()) {
            Ok(()) => Page::Written,
            Err(e) => Page::WriteFailed(e),
        },
    };
    let rendered: Vec<(String, PageResult)> = jobs
        .par_iter()
        .map(|&job| {
            let page = renderer.render(job);
            let html = page.html.map(|html| sink_page(&page.path, html));
            (page.path, html)
        })
        .collect();
    let mut files: BTreeMap<String, Body> = BTreeMap::new();
    let mut html_paths = Vec::with_capacity(rendered.len());
    let mut failed_templates = std::collections::BTreeSet::new();
    for (job, (path, page)) in jobs.iter().zip(rendered) {
        match page {
            Ok(Page::Kept(html)) => {
                files.insert(file_for(&path), Body::Bytes(html.into_bytes()));
                html_paths.push(path);
            }
            Ok(Page::Written) => {
                let file = file_for(&path);
                if files.insert(file.clone(), Body::Written).is_some() {
                    // Two pages with one path: as in memory, the later job's wins, so
                    // write it again now that the other is done.
                    if let Ok(html) = renderer.render(*job).html {
                        if let Some(Err(e)) = sink.map(|s| s.write_page(&file, html.as_bytes())) {
                            diags.push(write_error(config, &file, &e));
                        }
                    }
                }
                html_paths.push(path);
            }
            Ok(Page::WriteFailed(e)) => diags.push(write_error(config, &file_for(&path), &e)),
            Err((template, e)) => {
                if failed_templates.insert(template.clone()) {
                    let path = match job {
                        Job::Article(i) => digest.stories[*i].doc.path.clone(),
                        _ => theme
                            .template_files
                            .get(&template)
                            .cloned()
                            .unwrap_or_else(|| template.clone().into()),
                    };
                    diags.push(Diagnostic::error(
                        &path,
                        0,
                        0,
                        format!("rendering {template}: {}", theme::error_text(&e)),
                    ));
                }
            }
        }
    }
    let feeds = feeds::FeedInput {
        digest,
        config,
        shared: &shared,
    };
    let mut add = |path: &str, text: String| {
        files.insert(path.to_string(), Body::Bytes(text.into_bytes()));
    };
    add(
        "rss.xml",
        feeds.rss(&config.title, "/rss.xml", "/", 0..digest.stories.len()),
    );
    add("atom.xml", feeds.atom());
    add("feed.json", feeds.json_feed());
    if config.feeds.tags {
        for tag in &digest.tags {
            let base = format!("/tags/{}/", tag.slug);
            let title = format!("{} — {}", config.title, tag.name);
            add(
                &format!("tags/{}/rss.xml", tag.slug),
                feeds.rss(
                    &title,
                    &format!("{base}rss.xml"),
                    &base,
                    tag.stories.iter().copied(),
                ),
            );
        }
    }
    add("sitemap.xml", sitemap::sitemap(digest, config, &html_paths));
    add("robots.txt", sitemap::robots(config));
    for (name, theme_name) in [
        ("syntax-light.css", &config.markdown.highlight_theme),
        ("syntax-dark.css", &config.markdown.highlight_theme_dark),
    ] {
        match hl.theme_css(theme_name) {
            Some(css) => add(name, css),
            None => diags.push(Diagnostic::error(
                &config.root.join(crate::config::CONFIG_FILE),
                0,
                0,
                format!(
                    "unknown highlight theme `{theme_name}`; known: {}",
                    hl.theme_names().join(", ")
                ),
            )),
        }
    }
    add_copies(&mut files, theme, digest, diags);
    files
        .into_iter()
        .map(|(path, body)| OutputFile { path, body })
        .collect()
}

fn write_error(config: &SiteConfig, file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(&config.root, 0, 0, format!("writing {file}: {e}"))
}

/// Theme and site static files, then files next to the articles. Generated pages win over
/// a copied file of the same name, with a warning.
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
        if files.contains_key(&path) {
            if let StaticSource::Disk(p) = &source {
                diags.push(Diagnostic::warning(
                    p,
                    0,
                    0,
                    format!("not copied: gazette generates /{path} itself"),
                ));
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
