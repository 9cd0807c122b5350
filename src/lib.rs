//! gazette: a static site generator for curated news digests.
//!
//! [`generate`] is the pipeline, its body the stage list, one module per stage: `config`
//! (site.toml) -> `content` (walk: find the files; parse: split, check, render Markdown)
//! -> `digest` (stories, tags, editions, sources) -> `render::theme` -> `render` (pages,
//! feeds, sitemap, emails, search index as in-memory files). It takes one [`Options`] and
//! returns one [`Build`], which `build` writes (`output`: staged write and atomic swap),
//! `check` reports on, `serve` serves and `send` mails from. Problems in the site's files
//! are [`diagnostic::Diagnostic`]s, tagged with their stage and kind; failures outside
//! them are [`Error`]s.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod digest;
pub mod email;
pub mod error;
pub mod i18n;
pub mod import;
pub mod markdown;
pub mod output;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod urls;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use error::Error;

use config::SiteConfig;
use content::Document;
use diagnostic::{Diagnostics, Stage};
use digest::{Digest, Selection};
use markdown::Highlighter;
use render::theme::Theme;
use render::OutputFile;

/// What to build, and how. [`Options::new`] is a plain in-memory build of one site, drafts
/// and future articles left out; every other field adds to it.
#[derive(Default)]
pub struct Options<'a> {
    /// The site's folder (site.toml, content/, templates/, static/, themes/).
    pub root: PathBuf,
    /// Drafts are published too.
    pub drafts: bool,
    /// Articles dated in the future are published too.
    pub future: bool,
    /// Replaces site.toml's base_url (`build --base-url`; serve uses the local address).
    pub base_url: Option<String>,
    /// site.toml as the caller read it already ([`SiteConfig::load_with`], `base_url`
    /// included), so that it is read once; None: the pipeline reads it.
    pub config: Option<SiteConfig>,
    /// Documents parsed by earlier builds, reused when their file is unchanged (`serve`
    /// rebuilds this way: an article edit re-parses only that file).
    pub cache: Option<&'a mut content::ParseCache>,
    /// Where HTML pages go as soon as they are rendered (`build` writes them into its
    /// staging folder); they are then [`render::Body::Written`] in [`Build::files`].
    pub sink: Option<&'a dyn render::PageSink>,
    /// Counts what the reading and rendering stages have done, for the progress line.
    pub progress: Option<&'a progress::Progress>,
}

impl Options<'static> {
    pub fn new(root: impl Into<PathBuf>) -> Options<'static> {
        Options {
            root: root.into(),
            ..Default::default()
        }
    }
}

impl Options<'_> {
    /// The same site, selection and base URL, without a configuration read already, a
    /// cache, a sink or progress.
    pub fn plain(&self) -> Options<'static> {
        Options {
            root: self.root.clone(),
            drafts: self.drafts,
            future: self.future,
            base_url: self.base_url.clone(),
            ..Default::default()
        }
    }
}

/// What one build made, stage by stage: `build` writes its files, `check` reports on its
/// documents and pages, `serve` serves its files and keeps the rest to re-render only what
/// an edit touches, `send` mails one of its emails.
pub struct Build {
    /// site.toml, checked, with `--base-url` in place.
    pub config: SiteConfig,
    /// Which articles were published, and when the build ran.
    pub selection: Selection,
    /// Every document parsed, drafts and future articles included (the digest holds those
    /// published), each with where its front-matter keys and values are written.
    pub documents: Vec<Arc<Document>>,
    /// Stories, pages, tags, editions and sources.
    pub digest: Digest,
    pub theme: Theme,
    /// The template values every page shares, among them one per story (index-aligned
    /// with `digest.stories`).
    pub template_values: render::context::Shared,
    /// URL paths of the rendered HTML pages, in sitemap order.
    pub html_paths: Vec<String>,
    /// Every output file (pages written to the sink are [`render::Body::Written`]).
    pub files: Vec<OutputFile>,
    /// Warnings, each tagged with its stage and kind (an error fails the build instead).
    pub diagnostics: Diagnostics,
    /// How long each stage took, for `GAZETTE_TIMINGS=1`.
    pub timings: Vec<(&'static str, Duration)>,
}

/// How many articles a build left out, each counted once: hidden (Hugo's `headless`,
/// `build: {render: never}`), expired, drafts, and future articles that are none of those.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub drafts: usize,
    pub future: usize,
    pub expired: usize,
    pub hidden: usize,
}

/// The pipeline: every stage but writing, in order. An article `content/x.md` is found by
/// the walk, parsed into a [`Document`] (front matter checked, Markdown rendered to HTML),
/// placed in the digest as a story (URL, tags, edition, source), and rendered through the
/// theme into `x/index.html` among the output files (with the lists, feeds, emails and
/// search index that show it); `build` then writes the files (`output`). Fails with every
/// problem found if any is an error.
pub fn generate(mut opts: Options<'_>, hl: &Highlighter) -> Result<Build, Diagnostics> {
    let mut timer = Timer::start();
    let mut diags = Diagnostics::default();
    let Some(config) = diags.stage(Stage::Config, |d| configure(&mut opts, d)) else {
        return Err(diags);
    };
    // The theme is read and its templates compiled beside the content walk and the parse,
    // which need none of it: at 100 articles compiling the templates takes longer than the
    // walk, and the parse no longer waits for it. The theme's problems are reported after
    // the digest's, in the stages' order, as before.
    let theme_root = opts.root.clone();
    let ((found, documents), (theme, theme_diags)) = rayon::join(
        || {
            let found = diags.stage(Stage::Walk, |d| {
                content::walk(&opts.root, "content", "", content::Tree::Content, d)
            });
            timer.lap("walk");
            let documents = diags.stage(Stage::Parse, |d| {
                parse(&found.markdown, &mut opts, &config, hl, d)
            });
            (found, documents)
        },
        || {
            let mut d = Diagnostics::default();
            let theme = d.stage(Stage::Theme, |d| load_theme(&theme_root, &config, d));
            (theme, d)
        },
    );
    timer.lap("parse, theme");
    let selection = Selection {
        drafts: opts.drafts,
        future: opts.future,
        now: jiff::Timestamp::now(),
    };
    let digest = diags.stage(Stage::Digest, |d| {
        digest::collect(documents.clone(), found.assets, &config, selection, d)
    });
    timer.lap("collect");
    diags.extend(theme_diags);
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Err(diags);
    };
    let (files, template_values, html_paths) = diags.stage(Stage::Render, |d| {
        render::render_site_keeping(&digest, &config, &theme, hl, opts.sink, opts.progress, d)
    });
    timer.lap("render");
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Build {
        config,
        selection,
        documents,
        digest,
        theme,
        template_values,
        html_paths,
        files,
        diagnostics: diags,
        timings: timer.laps,
    })
}

/// The site's theme, templates compiled; with search on, a note if it has no search page.
fn load_theme(root: &Path, config: &SiteConfig, diags: &mut Diagnostics) -> Option<Theme> {
    let theme = render::theme::load(root, &config.theme, &config.strings, diags)?;
    if config.search.enabled {
        diags.extend(render::theme::search_page_missing(
            &theme,
            root,
            &config.theme,
        ));
    }
    Some(theme)
}

/// site.toml, checked, with `opts.base_url` in place of its `base_url` (as given in
/// `opts.config`, else read now); None after an error.
fn configure(opts: &mut Options<'_>, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let loaded = match opts.config.take() {
        Some(config) => Ok(config),
        None => SiteConfig::load_with(&opts.root, opts.base_url.as_deref()),
    };
    match loaded {
        Ok(config) => {
            diags.extend(config.warnings.iter().cloned());
            Some(config)
        }
        Err(errors) => {
            diags.extend(errors);
            None
        }
    }
}

/// Reads and parses every Markdown file found (through the parse cache, when there is one).
fn parse(
    markdown: &[PathBuf],
    opts: &mut Options<'_>,
    config: &SiteConfig,
    hl: &Highlighter,
    diags: &mut Diagnostics,
) -> Vec<Arc<Document>> {
    if let Some(cache) = opts.cache.as_deref_mut() {
        return content::load_cached(markdown, &opts.root, config, hl, diags, cache);
    }
    progress::begin(opts.progress, progress::Stage::Reading, markdown.len());
    let docs = content::load(markdown, &opts.root, config, hl, opts.progress, diags);
    docs.into_iter().map(Arc::new).collect()
}

impl Build {
    /// The Markdown files the build parsed, relative to the site root.
    pub fn markdown_files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.documents
            .iter()
            .map(|d| Path::new("content").join(&d.rel))
    }

    /// The next moment the selection changes: the earliest publication date of an article
    /// left out for being in the future, or expiry date to come. Once it passes, a rebuild
    /// must add or remove that article.
    pub fn next_future(&self) -> Option<jiff::Timestamp> {
        let sel = self.selection;
        let shown =
            |d: &&Arc<Document>| !d.front_matter.hidden && (sel.drafts || !d.front_matter.draft);
        let publish = self
            .documents
            .iter()
            .filter(|_| !sel.future)
            .filter(shown)
            .filter_map(|d| d.front_matter.publish_at());
        let expire = (self.documents.iter().filter(shown))
            .filter_map(|d| d.front_matter.expiry_date.as_ref().map(|z| z.timestamp()));
        publish.chain(expire).filter(|t| *t > sel.now).min()
    }

    /// How many articles the selection left out, for the build's summary line.
    pub fn left_out(&self) -> LeftOut {
        let sel = self.selection;
        let mut left = LeftOut::default();
        for d in self
            .documents
            .iter()
            .filter(|d| d.kind == content::DocumentKind::Article)
        {
            let fm = &d.front_matter;
            let future = fm.publish_at().is_some_and(|at| at > sel.now);
            if fm.hidden {
                left.hidden += 1;
            } else if fm.expired(sel.now) {
                left.expired += 1;
            } else if fm.draft && !sel.drafts {
                left.drafts += 1;
            } else if future && !sel.future {
                left.future += 1;
            }
        }
        left
    }
}

/// Stage timings, and with `GAZETTE_TIMINGS` set the memory resident after each stage.
struct Timer {
    clock: Instant,
    laps: Vec<(&'static str, Duration)>,
    trace_memory: bool,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            clock: Instant::now(),
            laps: Vec::new(),
            trace_memory: std::env::var_os("GAZETTE_TIMINGS").is_some(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
        if self.trace_memory {
            eprintln!("after {name}: {} MiB resident", resident_mib());
        }
    }
}

/// The output folder: `--output`, else site.toml's `output_dir`, relative to the site root.
pub fn output_dir(root: &Path, config: &SiteConfig, flag: Option<&Path>) -> PathBuf {
    match flag {
        Some(p) => p.to_path_buf(),
        None => root.join(&config.output_dir),
    }
}

/// Resident memory of this process (Linux), for `GAZETTE_TIMINGS=1`.
fn resident_mib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
