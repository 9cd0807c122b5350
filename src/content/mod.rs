//! Stages 1-2: find the site's Markdown files, split and check their front matter, and render
//! their bodies. Files are read and parsed in parallel; problems are collected, never fatal
//! one by one.

mod cache;
pub mod dates;
pub mod fields;
pub mod frontmatter;
pub mod slug;
mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use cache::ParseCache;
pub use fields::{FrontMatter, Source};
pub use walk::{is_temp_name, walk, Asset, Found};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, Highlighter, MarkdownOptions, Rendered};
use frontmatter::Problem;

/// Articles bigger than this are refused, naming the file: it bounds memory and time.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A dated story: in editions, feeds, tags.
    Article,
    /// A standalone page from `content/pages/`.
    Page,
}

/// One parsed Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path shown in messages.
    pub path: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    pub kind: Kind,
    pub front_matter: FrontMatter,
    pub slug: String,
    pub body: Rendered,
    /// File line where the Markdown body starts.
    pub body_line: usize,
}

/// Reads and parses every Markdown file found. Returns the documents that parsed cleanly;
/// every problem goes to `diags`.
pub fn load(
    found: &[PathBuf],
    root: &Path,
    config: &SiteConfig,
    hl: &Highlighter,
    diags: &mut Diagnostics,
) -> Vec<Document> {
    let options = markdown_options(config);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|rel| load_one(root, rel, config, &options, hl))
        .collect();
    collect_results(results, diags)
}

/// Like [`load`], but reuses the documents of files unchanged since `cache` last saw them
/// (same size and modification time, same parse-relevant configuration), so `serve` re-parses
/// only what was edited.
pub fn load_cached(
    found: &[PathBuf],
    root: &Path,
    config: &SiteConfig,
    hl: &Highlighter,
    diags: &mut Diagnostics,
    cache: &mut ParseCache,
) -> Vec<Document> {
    let options = markdown_options(config);
    cache.prepare(config);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|rel| {
            cache.lookup(root, rel).unwrap_or_else(|stamp| {
                let result = load_one(root, rel, config, &options, hl);
                cache.offer(rel, stamp, &result);
                result
            })
        })
        .collect();
    cache.finish(found);
    collect_results(results, diags)
}

fn markdown_options(config: &SiteConfig) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    }
}

fn collect_results(
    results: Vec<(Option<Document>, Vec<Diagnostic>)>,
    diags: &mut Diagnostics,
) -> Vec<Document> {
    let mut docs = Vec::with_capacity(results.len());
    for (doc, problems) in results {
        diags.extend(problems);
        docs.extend(doc);
    }
    docs
}

/// The path to show for a file under the site root.
pub fn display_path(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn load_one(
    root: &Path,
    rel: &Path,
    config: &SiteConfig,
    options: &MarkdownOptions,
    hl: &Highlighter,
) -> (Option<Document>, Vec<Diagnostic>) {
    let path = display_path(root, rel);
    let error = |line, col, msg: String| (None, vec![Diagnostic::error(&path, line, col, msg)]);
    let bytes = match read_capped(&root.join(rel)) {
        Ok(b) => b,
        Err(msg) => return error(0, 0, msg),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            return error(line, 0, "is not valid UTF-8; save the file as UTF-8".into());
        }
    };
    let content_rel = rel.strip_prefix("content").unwrap_or(rel);
    let rel_str = content_rel.to_string_lossy().replace('\\', "/");
    let kind = if rel_str.starts_with("pages/") {
        Kind::Page
    } else {
        Kind::Article
    };
    parse_document(text, &path, rel_str, kind, config, options, hl)
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(format!(
            "is larger than {} MiB, the limit for one article",
            MAX_ARTICLE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// Parses one file's text: front matter, checks, Markdown.
pub fn parse_document(
    text: &str,
    path: &Path,
    rel: String,
    kind: Kind,
    config: &SiteConfig,
    options: &MarkdownOptions,
    hl: &Highlighter,
) -> (Option<Document>, Vec<Diagnostic>) {
    let to_diag = |p: Problem, warn: bool| {
        if warn {
            Diagnostic::warning(path, p.line, p.col, p.message)
        } else {
            Diagnostic::error(path, p.line, p.col, p.message)
        }
    };
    let text = frontmatter::normalize(text);
    let parsed =
        frontmatter::split(&text).and_then(|s| frontmatter::parse_yaml(&s).map(|map| (s, map)));
    let (split, map) = match parsed {
        Ok(v) => v,
        Err(p) => return (None, vec![to_diag(p, false)]),
    };
    let stem = rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    let (file_date, stem_slug) = match dates::date_prefix(stem) {
        Some((d, rest)) => (Some(d), rest),
        None => (None, stem),
    };
    let ctx = fields::FieldContext {
        yaml_line: split.yaml_line,
        tz: &config.timezone,
        file_date,
        date_required: kind == Kind::Article,
    };
    let checked = fields::check(map, &ctx);
    let mut diags: Vec<Diagnostic> = checked
        .errors
        .into_iter()
        .map(|p| to_diag(p, false))
        .collect();
    diags.extend(checked.warnings.into_iter().map(|p| to_diag(p, true)));
    let Some(front_matter) = checked.front_matter else {
        return (None, diags);
    };
    let slug_source = front_matter.slug.as_deref().unwrap_or(stem_slug);
    let slug = slug::slugify_or(slug_source, "article", &rel);
    let body = markdown::render(split.body, &slug, options, hl);
    let body_line = split.body_line;
    let doc = Document {
        path: path.to_path_buf(),
        rel,
        kind,
        front_matter,
        slug,
        body,
        body_line,
    };
    (Some(doc), diags)
}
