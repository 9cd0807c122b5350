//! gazette: a static site generator for curated news digests.
//!
//! The pipeline, one module per stage: `config` (site.toml) -> `content` (find, split, check,
//! render Markdown) -> `digest` (stories, tags, editions, sources) -> `render` (pages, feeds,
//! sitemap as in-memory files) -> `output` (staged write and atomic swap).

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod digest;
pub mod email;
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

use config::SiteConfig;
use diagnostic::{Diagnostic, Diagnostics};
use digest::{Digest, Selection};
use markdown::Highlighter;
use render::OutputFile;

/// What to build; the CLI's flags.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub future: bool,
    /// Replaces site.toml's base_url (serve uses the local address).
    pub base_url: Option<String>,
}

/// A generated site, not yet written anywhere.
pub struct Site {
    pub config: SiteConfig,
    pub digest: Digest,
    pub files: Vec<OutputFile>,
    /// Warnings (errors make `generate` fail).
    pub diagnostics: Diagnostics,
    /// How long each stage took, for `GAZETTE_TIMINGS=1`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Articles the selection left out, for the build's summary line.
    pub left_out: LeftOut,
}

/// How many articles a build left out: drafts, and future-dated articles that are not drafts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub drafts: usize,
    pub future: usize,
}

/// How to run the stages, beside what to build: everything optional, `Run::default()` for
/// a plain in-memory build.
#[derive(Default)]
pub struct Run<'a> {
    /// Documents parsed by earlier runs, reused when their file is unchanged (`serve`
    /// rebuilds this way: an article edit re-parses only that file).
    pub cache: Option<&'a mut content::ParseCache>,
    /// Where HTML pages go as soon as they are rendered (`build` writes them into its
    /// staging folder); they are then [`render::Body::Written`] in `files`.
    pub sink: Option<&'a dyn render::PageSink>,
    /// Counts what the reading and rendering stages have done, for the progress line.
    pub progress: Option<&'a progress::Progress>,
}

/// What a full build leaves behind so `serve` can later re-render only what an edit
/// touched (see `serve::incremental`).
pub struct Kept {
    pub theme: render::theme::Theme,
    /// The per-story template values, index-aligned with `Site::digest.stories`.
    pub shared: render::context::Shared,
    /// URL paths of the rendered HTML pages, in sitemap order.
    pub html_paths: Vec<String>,
    /// The Markdown files found, relative to the site root.
    pub markdown: Vec<PathBuf>,
    /// Every document parsed, drafts and future articles included (`check` reports on
    /// those the build left out).
    pub documents: Vec<std::sync::Arc<content::Document>>,
    /// The diagnostics of parsing (each names its file) and the others (walk, digest,
    /// render); `Site::diagnostics` holds both.
    pub parse_diagnostics: Vec<Diagnostic>,
    pub other_diagnostics: Vec<Diagnostic>,
    /// The earliest date of an article left out only for being in the future: once that
    /// moment passes, a rebuild must add it.
    pub next_future: Option<jiff::Timestamp>,
}

/// The pipeline, every stage but writing, in order: config, walk, parse, collect the
/// digest, load the theme, render. Fails with every problem found if any is an error.
/// [`Kept`] is handed back rather than dropped here, so that a caller about to exit can
/// skip freeing it.
pub fn generate(
    opts: &BuildOptions,
    hl: &Highlighter,
    run: Run<'_>,
) -> Result<(Site, Kept), Diagnostics> {
    let Run {
        cache,
        sink,
        progress,
    } = run;
    let mut clock = std::time::Instant::now();
    let mut timings = Vec::new();
    let trace_memory = std::env::var_os("GAZETTE_TIMINGS").is_some();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
        if trace_memory {
            eprintln!("after {name}: {} MiB resident", resident_mib());
        }
    };
    let mut config = SiteConfig::load(&opts.root)?;
    let mut diags = Diagnostics::default();
    diags.extend(config.warnings.iter().cloned());
    if let Some(url) = &opts.base_url {
        match urls::check_base_url(url) {
            Ok(u) => config.base_url = u,
            Err(e) => diags.push(Diagnostic::error(Path::new("--base-url"), 0, 0, e)),
        }
    }
    let found = content::walk(
        &opts.root,
        "content",
        "",
        content::Tree::Content,
        &mut diags,
    );
    lap("walk");
    let mut parse_diags = Diagnostics::default();
    let docs = match cache {
        Some(cache) => content::load_cached(
            &found.markdown,
            &opts.root,
            &config,
            hl,
            &mut parse_diags,
            cache,
        ),
        None => {
            progress::begin(progress, progress::Stage::Reading, found.markdown.len());
            let docs = content::load(
                &found.markdown,
                &opts.root,
                &config,
                hl,
                progress,
                &mut parse_diags,
            );
            docs.into_iter().map(std::sync::Arc::new).collect()
        }
    };
    let parse_diagnostics: Vec<Diagnostic> = parse_diags.iter().cloned().collect();
    let parse_range = {
        let start = diags.iter().count();
        start..start + parse_diagnostics.len()
    };
    diags.extend(parse_diags);
    lap("parse");
    let selection = Selection {
        drafts: opts.drafts,
        future: opts.future,
        now: jiff::Timestamp::now(),
    };
    let next_future = next_future(&docs, selection);
    let left_out = left_out(&docs, selection);
    let documents = docs.clone();
    let digest = digest::collect(docs, found.assets, &config, selection, &mut diags);
    lap("collect");
    let theme = render::theme::load(&opts.root, &config.theme, &config.strings, &mut diags);
    lap("theme");
    if diags.has_errors() {
        return Err(diags);
    }
    let Some(theme) = theme else {
        return Err(diags);
    };
    let (files, shared, html_paths) =
        render::render_site_keeping(&digest, &config, &theme, hl, sink, progress, &mut diags);
    lap("render");
    if diags.has_errors() {
        return Err(diags);
    }
    let other_diagnostics = diags
        .iter()
        .enumerate()
        .filter(|(k, _)| !parse_range.contains(k))
        .map(|(_, d)| d.clone())
        .collect();
    let kept = Kept {
        theme,
        shared,
        html_paths,
        markdown: found.markdown,
        documents,
        parse_diagnostics,
        other_diagnostics,
        next_future,
    };
    let site = Site {
        config,
        digest,
        files,
        diagnostics: diags,
        timings,
        left_out,
    };
    Ok((site, kept))
}

/// The earliest date among articles the selection leaves out only for being in the future.
fn next_future(
    docs: &[std::sync::Arc<content::Document>],
    sel: Selection,
) -> Option<jiff::Timestamp> {
    if sel.future {
        return None;
    }
    docs.iter()
        .filter(|d| d.kind == content::Kind::Article && (sel.drafts || !d.front_matter.draft))
        .filter_map(|d| d.front_matter.date.as_ref().map(|z| z.timestamp()))
        .filter(|t| *t > sel.now)
        .min()
}

fn left_out(docs: &[std::sync::Arc<content::Document>], sel: Selection) -> LeftOut {
    let mut left = LeftOut::default();
    for d in docs.iter().filter(|d| d.kind == content::Kind::Article) {
        let future = d
            .front_matter
            .date
            .as_ref()
            .is_some_and(|z| z.timestamp() > sel.now);
        if d.front_matter.draft && !sel.drafts {
            left.drafts += 1;
        } else if future && !sel.future {
            left.future += 1;
        }
    }
    left
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
