//! Stage 5: write the files into a staging folder next to the output, then swap it into
//! place in one step. A failed or killed build leaves the previous output untouched; a
//! folder gazette did not create is never replaced.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Body, OutputFile};

/// Marks a folder as gazette's output, so a later build may replace it.
pub const MARKER: &str = ".gazette-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{0}")]
    Refused(String),
    #[error("writing {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("copying {path} into the output: {source}")]
    Copy { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuses output folders that would overwrite the site itself or someone else's files.
pub fn check_destination(root: &Path, out: &Path) -> Result<(), OutputError> {
    let root = absolute(root);
    let out = absolute(out);
    if root.starts_with(&out) {
        return Err(OutputError::Refused(format!(
            "refusing to write to {}: it contains the site itself",
            out.display()
        )));
    }
    for dir in ["content", "templates", "static", "themes"] {
        if out.starts_with(root.join(dir)) {
            return Err(OutputError::Refused(format!(
                "refusing to write to {}: it is inside the site's {dir}/ folder",
                out.display()
            )));
        }
    }
    if out.is_file() {
        return Err(OutputError::Refused(format!(
            "refusing to write to {}: it is a file",
            out.display()
        )));
    }
    if out.is_dir()
        && !out.join(MARKER).is_file()
        && std::fs::read_dir(&out)
            .map_err(io_err(&out))?
            .next()
            .is_some()
    {
        return Err(OutputError::Refused(format!(
            "refusing to replace {}: it is not empty and was not made by gazette (no {MARKER} file); choose another --output or empty it",
            out.display()
        )));
    }
    Ok(())
}

/// An absolute, lexically normalized path (the folder may not exist yet).
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// True for a relative path of plain segments.
fn is_safe(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains('\0')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.gazette-{tag}"))
}

/// Writes `files` as the new content of `out`.
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    Staging::create(root, out)?.finish(files)
}

/// The new output, being filled in a folder next to `out` until [`Staging::finish`] swaps
/// it into place. Dropped unfinished (an error, a failed build), it is removed.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    done: bool,
}

impl Staging {
    /// Checks the destination and makes an empty staging folder.
    pub fn create(root: &Path, out: &Path) -> Result<Staging, OutputError> {
        check_destination(root, out)?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir: sibling(out, "staging"),
            old: sibling(out, "old"),
            done: false,
        };
        for leftover in [&staging.dir, &staging.old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(io_err(leftover))?;
            }
        }
        std::fs::create_dir_all(&staging.dir).map_err(io_err(&staging.dir))?;
        Ok(staging)
    }

    /// Writes the rest of the files and the marker, then swaps the folder into place.
    pub fn finish(mut self, files: &[OutputFile]) -> Result<(), OutputError> {
        if let Some(bad) = files.iter().find(|f| !is_safe(&f.path)) {
            return Err(OutputError::Refused(format!(
                "refusing to write {:?}: not a plain relative path",
                bad.path
            )));
        }
        fill(&self.dir, files)?;
        swap(&self.dir, &self.out, &self.old)?;
        self.done = true;
        Ok(())
    }
}

impl crate::render::PageSink for Staging {
    fn write_page(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if !is_safe(path) {
            return Err(io::Error::other(format!(
                "refusing to write {path:?}: not a plain relative path"
            )));
        }
        let dest = self.dir.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&dest, bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn fill(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let dirs: BTreeSet<&str> = files
        .iter()
        .filter(|f| !matches!(f.body, Body::Written))
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for dir in dirs {
        let p = staging.join(dir);
        std::fs::create_dir_all(&p).map_err(io_err(&p))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = staging.join(&f.path);
        match &f.body {
            Body::Bytes(b) => std::fs::write(&dest, b).map_err(io_err(&dest)),
            Body::Static(b) => std::fs::write(&dest, b).map_err(io_err(&dest)),
            Body::Copy(src) => copy_file(src, &dest).map_err(|source| OutputError::Copy {
                path: src.clone(),
                source,
            }),
            Body::Written => Ok(()),
        }
    })?;
    let marker = staging.join(MARKER);
    std::fs::write(
        &marker,
        "This folder is gazette's build output; gazette replaces it on every build.\n",
    )
    .map_err(io_err(&marker))
}

/// Copies a regular file. The source is opened without blocking and checked, so a file
/// swapped for a FIFO after the walk cannot hang the build.
fn copy_file(src: &Path, dest: &Path) -> io::Result<()> {
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let mut from = open.open(src)?;
    if !from.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let mut to = std::fs::File::create(dest)?;
    io::copy(&mut from, &mut to).map(|_| ())
}

/// Puts `staging` at `out`. On Linux an existing output is exchanged atomically.
fn swap(staging: &Path, out: &Path, old: &Path) -> Result<(), OutputError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_err(out));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the previous output.
        return std::fs::remove_dir_all(staging).map_err(io_err(staging));
    }
    std::fs::rename(out, old).map_err(io_err(out))?;
    std::fs::rename(staging, out).map_err(io_err(out))?;
    std::fs::remove_dir_all(old).map_err(io_err(old))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated paths for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_safe() {
        assert!(is_safe("a/b/index.html"));
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a\\b", "a\0b"] {
            assert!(!is_safe(bad), "{bad:?}");
        }
    }
}
