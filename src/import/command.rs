//! `gazette import`: read captures, compare them with the digest, write drafts into
//! content/ (never overwriting a file).

use std::path::{Path, PathBuf};

use super::{make_draft, parse_capture, Existing, ImportOptions};
use crate::config::SiteConfig;
use crate::content::emit::create_unique;
use crate::diagnostic::{Diagnostic, Diagnostics, Problem, Severity};
use crate::markdown::Highlighter;

/// One draft written.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub warnings: Vec<String>,
}

/// Imports every capture; a capture that cannot be read or parsed is an error naming it,
/// and the others are still imported.
pub fn import_files(
    root: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
    hl: &Highlighter,
) -> (Vec<Imported>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let config = match SiteConfig::load(root) {
        Ok(c) => c,
        Err(d) => return (Vec::new(), d),
    };
    let (existing, site_tags) = digest_so_far(root, &config, hl);
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(config.timezone.clone())
        .date();
    let mut imported = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let capture = std::fs::read(file)
            .map_err(|e| Problem::value(format!("cannot read: {e}")))
            .and_then(|b| parse_capture(&name, &b));
        let capture = match capture {
            // A Substack post's title and date are in its export's list, not in its HTML.
            Ok(mut c) => {
                if let Some((title, date)) = super::substack::post_row(file) {
                    c.title = title;
                    c.date = date.or(c.date);
                }
                c
            }
            Err(problem) => {
                diags.push(Diagnostic::at(Severity::Error, file, problem));
                continue;
            }
        };
        let draft = make_draft(&capture, opts, &site_tags, &existing, today);
        match create_unique(&root.join("content"), &draft.file_name, &draft.markdown) {
            Ok(path) => imported.push(Imported {
                path,
                warnings: draft.warnings,
            }),
            Err(e) => diags.push(Diagnostic::error(
                file,
                0,
                0,
                format!("cannot write the draft: {e}"),
            )),
        }
    }
    (imported, diags)
}

/// Warnings for a story about to be added by hand (`gazette new`): the articles of the
/// digest, drafts included, with the same source URL or title.
pub fn already_in_site(
    root: &Path,
    config: &SiteConfig,
    source_url: Option<&str>,
    title: &str,
    hl: &Highlighter,
) -> Vec<String> {
    let (existing, _) = digest_so_far(root, config, hl);
    super::draft::already_in_digest(&existing, source_url, title)
}

/// The articles already in the site (drafts included) and their tags. Files that do not
/// parse are left out: import should work on a digest that does not build yet.
fn digest_so_far(
    root: &Path,
    config: &SiteConfig,
    hl: &Highlighter,
) -> (Vec<Existing>, Vec<String>) {
    let mut ignored = Diagnostics::default();
    let found = crate::content::walk(
        root,
        "content",
        "",
        crate::content::Tree::Content,
        &mut ignored,
    );
    let docs = crate::content::load(&found.markdown, root, config, hl, None, &mut ignored);
    let mut tags: Vec<String> = docs
        .iter()
        .flat_map(|d| d.front_matter.tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    let existing = docs
        .into_iter()
        .map(|d| Existing {
            file: crate::diagnostic::shown_path(&d.path),
            title: d.front_matter.title,
            source_url: d.front_matter.source.map(|s| s.url),
        })
        .collect();
    (existing, tags)
}
