//! Finding the site's files. Policy for odd entries (documented in the README): symlinks are
//! followed only when they point to a regular file inside the site root; symlinked folders,
//! FIFOs, sockets and devices are skipped with a warning; editor temp files and dotfiles are
//! ignored (dotfiles only under content/).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// A non-Markdown file to copy into the output as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Where to read it.
    pub source: PathBuf,
    /// Output path relative to the output root, `/`-separated.
    pub output: String,
}

#[derive(Debug, Default)]
pub struct Found {
    /// Markdown files, relative to the site root, sorted.
    pub markdown: Vec<PathBuf>,
    pub assets: Vec<Asset>,
}

/// True for names editors and tools leave behind: `.foo.swp`, `foo~`, `#foo#`, `.#foo`, `4913`.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak", ".crdownload", ".part"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Walks `root/dir`. `markdown` decides whether `.md` files are documents or plain assets.
pub fn walk(
    root: &Path,
    dir: &str,
    output_prefix: &str,
    markdown: bool,
    skip_dotfiles: bool,
    diags: &mut Diagnostics,
) -> Found {
    let mut found = Found::default();
    let base = root.join(dir);
    if !base.is_dir() {
        return found;
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let walker = walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(is_temp_name(&name) || (skip_dotfiles && name.starts_with('.')))
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| base.clone());
                diags.push(Diagnostic::warning(
                    &path,
                    0,
                    0,
                    format!(
                        "skipped: {}",
                        e.io_error().map_or(e.to_string(), |io| io.to_string())
                    ),
                ));
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if file_type.is_symlink() {
            match symlink_target(path, &canonical_root) {
                Ok(()) => {}
                Err(why) => {
                    diags.push(Diagnostic::warning(
                        path,
                        0,
                        0,
                        format!("skipped symlink: {why}"),
                    ));
                    continue;
                }
            }
        } else if !file_type.is_file() {
            diags.push(Diagnostic::warning(
                path,
                0,
                0,
                "skipped: not a regular file (a FIFO, socket or device)",
            ));
            continue;
        }
        let Ok(rel_to_base) = path.strip_prefix(&base) else {
            continue;
        };
        let Some(rel_str) = rel_to_base.to_str().map(|s| s.replace('\\', "/")) else {
            diags.push(Diagnostic::warning(
                path,
                0,
                0,
                "skipped: the file name is not valid UTF-8",
            ));
            continue;
        };
        if markdown && rel_str.ends_with(".md") {
            found
                .markdown
                .push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
        } else {
            found.assets.push(Asset {
                source: path.to_path_buf(),
                output: format!("{output_prefix}{rel_str}"),
            });
        }
    }
    found
}

/// Accepts a symlink only if it resolves to a regular file inside the site.
fn symlink_target(path: &Path, canonical_root: &Path) -> Result<(), &'static str> {
    let target = std::fs::canonicalize(path).map_err(|_| "it is broken or loops")?;
    if !target.starts_with(canonical_root) {
        return Err("it points outside the site folder");
    }
    let meta = std::fs::metadata(&target).map_err(|_| "its target cannot be read")?;
    if meta.is_file() {
        Ok(())
    } else {
        Err("it points to a folder or special file (only symlinked files are followed)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_temp_files() {
        for n in [".a.md.swp", "a.md~", "#a.md#", "4913", ".#a.md", "x.tmp"] {
            assert!(is_temp_name(n), "{n}");
        }
        assert!(!is_temp_name("a.md") && !is_temp_name(".well-known"));
    }
}
