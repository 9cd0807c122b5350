//! Finding the site's files. Policy for odd entries (documented in the README): symlinks are
//! followed only when they point to a regular file inside the site root (for a post, not
//! to another post of content/); symlinked folders,
//! FIFOs, sockets and devices are skipped with a warning; editor temp files and dotfiles are
//! ignored (dotfiles only under content/).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Problem, Severity};

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

/// True if `rel` (relative to `content`, `/`-separated) names a file the build copies as is:
/// a regular file (or a link to one), not Markdown, no dotfile or temp name on the way.
pub fn is_copied_file(content: &Path, rel: &str) -> bool {
    let plain = rel
        .split('/')
        .all(|seg| !seg.is_empty() && !seg.starts_with('.') && !is_temp_name(seg));
    let path = content.join(rel);
    plain && markdown_stem(rel).is_none() && path.is_file() && !is_html_document(&path)
}

/// True for an `.html`/`.htm` file that is a post: one that opens with front matter, as
/// Jekyll (and its WordPress importer) writes them, or a Nikola post (see
/// [`super::foreign::is_html_post`]). It is a document like a Markdown file (HTML passes
/// through Markdown), never a file copied with its front matter showing.
pub fn is_html_document(path: &Path) -> bool {
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if !is_html {
        return false;
    }
    super::foreign::is_html_post(path)
}

/// The name of a document without its extension (Markdown, or `.html` for an HTML post).
pub fn document_stem(name: &str) -> &str {
    if let Some(stem) = markdown_stem(name) {
        return stem;
    }
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm")) =>
        {
            stem
        }
        _ => name,
    }
}

/// The name of the folder whose own document `rel` is: a page bundle's (`harbour/index.md`
/// beside its pictures) or a TextBundle's (`Harbour.textbundle/text.md` beside `assets/`,
/// as Bear and Ulysses export a note), without `.textbundle`. None for any other document.
pub fn bundle_name(rel: &str) -> Option<&str> {
    let (folder, name) = rel.rsplit_once('/')?;
    let folder = folder.rsplit('/').next().unwrap_or(folder);
    let textbundle = folder
        .len()
        .checked_sub(".textbundle".len())
        .filter(|&cut| {
            folder
                .get(cut..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".textbundle"))
        })
        .map(|cut| &folder[..cut]);
    match document_stem(name) {
        _ if folder.is_empty() => None,
        "index" | "index.html" => Some(textbundle.unwrap_or(folder)),
        "text" => textbundle,
        _ => None,
    }
}

/// The extensions of Markdown files, compared ignoring case: `.md` and the older spellings
/// Jekyll archives use (`2013-05-06-title.markdown`, `.mkdown`), ikiwiki's `.mdwn` and
/// MultiMarkdown's `.mmd`.
const MARKDOWN_EXTENSIONS: [&str; 8] = [
    "md", "markdown", "mdown", "mkd", "mkdn", "mkdown", "mdwn", "mmd",
];

/// The name without its Markdown extension, or None for a file that is not Markdown.
pub fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    let is_markdown = MARKDOWN_EXTENSIONS
        .iter()
        .any(|m| ext.eq_ignore_ascii_case(m));
    (is_markdown && !stem.is_empty() && !stem.ends_with('/')).then_some(stem)
}

/// Which of a site's folders is walked: it decides what its files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// `content/`: Markdown files are documents; dotfiles are skipped.
    Content,
    /// `templates/`: every file is an asset (Markdown too); dotfiles are skipped.
    Templates,
    /// `static/`: every file is copied as is, dotfiles (`.well-known/`) included.
    Static,
}

/// Walks `root/dir`, finding its files as `tree` says.
pub fn walk(
    root: &Path,
    dir: &str,
    output_prefix: &str,
    tree: Tree,
    diags: &mut Diagnostics,
) -> Found {
    let markdown = tree == Tree::Content;
    let skip_dotfiles = tree != Tree::Static;
    let mut found = Found::default();
    let base = root.join(dir);
    if !base.is_dir() {
        return found;
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // VuePress's files to publish at the site's root, in its hidden `.vuepress/public/`, in
    // content/ or a folder of it (`docs/`).
    let mut vuepress = vec![base.clone()];
    let mut walking = entries(&base, skip_dotfiles);
    while let Some(entry) = walking.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(unreadable(&e, &base));
                continue;
            }
        };
        let path = entry.path();
        if markdown && entry.depth() > 0 && entry.file_type().is_dir() {
            if entry.depth() == 1 {
                vuepress.push(path.to_path_buf());
            }
            let name = entry.file_name().to_string_lossy();
            // An export is dropped in whole, near the top (two levels: a stat or two per
            // folder, not per page bundle).
            let export = || (entry.depth() <= 2).then(|| super::foreign::export_folder(path));
            if let Some(why) =
                super::foreign::skipped_folder(path, &name).or_else(|| export().flatten())
            {
                diags.push(Diagnostic::warning(path, 0, 0, why));
                walking.skip_current_dir();
                continue;
            }
        }
        match place(&entry, (root, &base), &canonical_root, markdown) {
            Ok(None) => {}
            Ok(Some(Place::Markdown)) => found
                .markdown
                .push(path.strip_prefix(root).unwrap_or(path).to_path_buf()),
            Ok(Some(Place::Asset(rel))) => found.assets.push(Asset {
                source: path.to_path_buf(),
                output: format!("{output_prefix}{rel}"),
            }),
            Err(why) => diags.push(Diagnostic::at(Severity::Warning, path, why)),
        }
    }
    if markdown {
        for public in vuepress.iter().map(|dir| dir.join(".vuepress/public")) {
            if let Some(rel) = public
                .is_dir()
                .then(|| public.strip_prefix(root).ok())
                .flatten()
            {
                let rel = rel.to_string_lossy();
                // Dotfiles stay out, as everywhere in content/ (`.env`, `.DS_Store`).
                let public = walk(root, &rel, "", Tree::Static, diags).assets;
                let plain = |a: &Asset| !a.output.split('/').any(|seg| seg.starts_with('.'));
                found.assets.extend(public.into_iter().filter(plain));
            }
        }
    }
    found
}

/// The entries below `base`, sorted by name, without temp files (nor dotfiles when asked);
/// symlinks are not followed here (see [`symlink_target`]).
fn entries(
    base: &Path,
    skip_dotfiles: bool,
) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool> {
    walkdir::WalkDir::new(base)
        .follow_links(false)
        .sort_by(|a, b| last_segment(a.path()).cmp(last_segment(b.path())))
        .into_iter()
        .filter_entry(move |e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(is_temp_name(&name) || (skip_dotfiles && name.starts_with('.')))
        })
}

/// The bytes after the last `/`: what walkdir's `sort_by_file_name` compares, without
/// parsing the path into components on every comparison (a tenth of a 10k-file build's
/// walk went there).
fn last_segment(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    memchr::memrchr(b'/', bytes).map_or(bytes, |i| &bytes[i + 1..])
}

/// The warning for an entry the walk could not read.
fn unreadable(e: &walkdir::Error, base: &Path) -> Diagnostic {
    let path = e
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| base.to_path_buf());
    let why = e.io_error().map_or(e.to_string(), |io| io.to_string());
    Diagnostic::warning(&path, 0, 0, format!("skipped: {why}"))
}

/// Where a walked file goes.
enum Place {
    Markdown,
    /// An asset, with its `/`-separated path relative to the walked folder.
    Asset(String),
}

/// Where `entry` goes: `None` for what is passed over quietly (folders), or why it is
/// skipped.
/// `(root, base)`: the site's folder and the walked one below it.
fn place(
    entry: &walkdir::DirEntry,
    (root, base): (&Path, &Path),
    canonical_root: &Path,
    markdown: bool,
) -> Result<Option<Place>, Problem> {
    if !is_publishable_file(entry, canonical_root)? {
        return Ok(None);
    }
    let Ok(rel_to_base) = entry.path().strip_prefix(base) else {
        return Ok(None);
    };
    let rel_str = slash_path(rel_to_base)
        .ok_or_else(|| Problem::value("skipped: the file name is not valid UTF-8"))?;
    if markdown {
        if let Some(stem) = markdown_stem(&rel_str) {
            if stem.rsplit('/').next() == Some("_index") {
                return Err(Problem::value(super::foreign::SECTION_FILE));
            }
            // A link to another post of content/ would publish that post twice (one in a
            // folder the walk passes over, `_drafts/` or a dotfolder, is no post of its own).
            if entry.path_is_symlink() {
                if let Some(other) = post_linked(entry.path(), base) {
                    return Err(Problem::value(format!(
                        "skipped symlink: it points to `{other}`, which is published itself"
                    )));
                }
            }
            return Ok(Some(Place::Markdown));
        }
        if is_html_document(entry.path()) {
            return Ok(Some(Place::Markdown));
        }
        let name = rel_str.rsplit('/').next().unwrap_or(&rel_str);
        if let Some(why) = super::foreign::skipped_file(entry.path(), name, root) {
            return Err(Problem::value(why));
        }
        if let Some(rest) = super::foreign::root_output(base, &rel_str) {
            return Ok(Some(Place::Asset(rest.to_string())));
        }
    }
    if rel_str.contains('\\') {
        return Err(Problem::value("skipped: a file name containing `\\` cannot be published (it separates folders on Windows and in URLs typed by hand)"));
    }
    Ok(Some(Place::Asset(rel_str)))
}

/// True for a regular file or a symlink to one inside the site; false for a folder; why
/// it is skipped for anything else.
fn is_publishable_file(entry: &walkdir::DirEntry, canonical_root: &Path) -> Result<bool, Problem> {
    let file_type = entry.file_type();
    if file_type.is_dir() {
        return Ok(false);
    }
    if file_type.is_symlink() {
        symlink_target(entry.path(), canonical_root)
            .map_err(|why| Problem::value(format!("skipped symlink: {why}")))?;
    } else if !file_type.is_file() {
        return Err(Problem::value(
            "skipped: not a regular file (a FIFO, socket or device)",
        ));
    }
    Ok(true)
}

/// The post of content/ (`base`) that the symlink `link` resolves to, as a path below it:
/// a Markdown file in no folder the walk passes over (`_drafts/`, a dotfolder, installed
/// packages). None for any other target.
fn post_linked(link: &Path, base: &Path) -> Option<String> {
    let target = std::fs::canonicalize(link).ok()?;
    let below = target
        .strip_prefix(std::fs::canonicalize(base).ok()?)
        .ok()?;
    let rel = slash_path(below)?;
    let passed_over = rel.split('/').any(|part| {
        part.starts_with('.')
            || matches!(
                part,
                "_drafts" | "_site" | "_layouts" | "_includes" | "node_modules" | "vendor"
            )
    });
    (markdown_stem(&rel).is_some() && !passed_over).then_some(rel)
}

/// A relative path as `/`-separated UTF-8, built from its components so that a `\\` inside
/// a Unix file name stays part of that name.
fn slash_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.iter().map(|c| c.to_str()).collect();
    parts.map(|p| p.join("/"))
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

    #[test]
    fn knows_every_markdown_extension_in_any_case() {
        for n in [
            "a.md",
            "2013-05-06-b.markdown",
            "c.MDOWN",
            "d.Mkd",
            "e.mkdn",
            "f.MD",
        ] {
            assert!(markdown_stem(n).is_some(), "{n}");
        }
        assert_eq!(
            markdown_stem("x/2013-05-06-b.markdown"),
            Some("x/2013-05-06-b")
        );
        for n in ["a.txt", "md", ".md", "x/.md", "a.mdx", "notes.markdown.bak"] {
            assert_eq!(markdown_stem(n), None, "{n}");
        }
    }
}
