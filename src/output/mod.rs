//! After [`crate::generate`], `build` writes its files: into a staging folder next to the
//! output (pages already while they render, through the page sink), then swapped into
//! place in one step, all under a lock that keeps other builds of the same output waiting.
//! A failed or killed build leaves the previous output untouched; a folder gazette did
//! not create is never replaced.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::{Body, OutputFile};

mod lock;
mod write;

pub use lock::{Busy, WhenBusy};
use lock::{LockError, OutputLock};
use write::{CopyError, Folder, WriteError, Writer};

/// Marks a folder as gazette's output, so a later build may replace it.
pub const MARKER: &str = ".gazette-output";

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuses output folders that would overwrite the site itself or someone else's files.
pub fn check_destination(root: &Path, out: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let out = absolute(out);
    if root.starts_with(&out) {
        return Err(Error::OutputHoldsSite { out });
    }
    for dir in ["content", "templates", "static", "themes"] {
        if out.starts_with(root.join(dir)) {
            return Err(Error::OutputInsideSite { out, dir });
        }
    }
    if out.is_file() {
        return Err(Error::OutputIsFile { out });
    }
    // Another build's output is replaced whole by its next build, and this one with it.
    if let Some(other) = out
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(MARKER).is_file())
    {
        let other = other.to_path_buf();
        return Err(Error::OutputInsideOutput { out, other });
    }
    if out.is_dir()
        && !out.join(MARKER).is_file()
        && std::fs::read_dir(&out)
            .map_err(io_err(&out))?
            .next()
            .is_some()
    {
        return Err(Error::OutputNotOurs { out });
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
    out.with_file_name(format!(".{}.gazette-{tag}", out_name(out)))
}

fn out_name(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// The folder holding `out` (and its lock and staging folders).
fn parent_dir(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `<pid>-<random>`: no two builds, even of one process, share a staging folder.
fn unique() -> String {
    use std::hash::BuildHasher;
    let random =
        std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{}-{:08x}", std::process::id(), random as u32)
}

/// True for the staging and old folders of `out` that builds leave when killed:
/// `.public.gazette-staging-<pid>-<hex>`, `.public.gazette-old-<pid>-<hex>`, and the
/// unnumbered names that builds used before the output lock.
fn is_leftover(name: &str, out: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_prefix(out))
        .and_then(|n| n.strip_prefix(".gazette-"))
    else {
        return false;
    };
    let Some(id) = ["staging", "old"].iter().find_map(|t| rest.strip_prefix(t)) else {
        return false;
    };
    if id.is_empty() {
        return true;
    }
    let Some((pid, random)) = id.strip_prefix('-').and_then(|i| i.split_once('-')) else {
        return false;
    };
    !pid.is_empty()
        && !random.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && random.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A folder beside the output that could not be removed: a previous output or a killed
/// build's leftover. Never an error: the new output is in place all the same, and the
/// next build tries again.
#[derive(Debug)]
pub struct NotRemoved {
    pub path: PathBuf,
    pub source: io::Error,
}

impl std::fmt::Display for NotRemoved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "could not remove {} ({}): the new output is in place; remove that folder by hand",
            crate::diagnostic::shown_path(&self.path).display(),
            self.source
        )
    }
}

/// Removes what killed builds of `out` left beside it, and returns what would not go. Only
/// the holder of the lock calls this, so no build is writing into any of them.
fn remove_leftovers(out: &Path) -> Result<Vec<NotRemoved>, Error> {
    let parent = parent_dir(out);
    let name = out_name(out);
    let mut kept = Vec::new();
    for entry in std::fs::read_dir(&parent).map_err(io_err(&parent))? {
        let entry = entry.map_err(io_err(&parent))?;
        if is_leftover(&entry.file_name().to_string_lossy(), &name) {
            let path = entry.path();
            match remove_tree(&path) {
                Err(source) if source.kind() != io::ErrorKind::NotFound => {
                    kept.push(NotRemoved { path, source })
                }
                _ => {}
            }
        }
    }
    Ok(kept)
}

/// Writes `files` as the new content of `out`; returns the folders beside it that could
/// not be removed.
pub fn write_site(
    root: &Path,
    out: &Path,
    files: &[OutputFile],
    when_busy: WhenBusy,
) -> Result<Vec<NotRemoved>, Error> {
    Staging::create(root, out, when_busy)?.finish(files)
}

/// The new output, being filled in a folder next to `out` until [`Staging::finish`] swaps
/// it into place, under the output's lock. Dropped unfinished (an error, a failed build),
/// it is removed, and then the lock released.
pub struct Staging {
    out: PathBuf,
    writer: Writer,
    done: bool,
    /// Leftovers of killed builds that would not go.
    not_removed: Vec<NotRemoved>,
    /// Last, so it is released after `drop` removed the staging folder.
    _lock: OutputLock,
}

impl Staging {
    /// Checks the destination, takes its lock (waiting or not, as `when_busy` says),
    /// removes killed builds' leftovers and makes an empty staging folder of this build's
    /// own.
    pub fn create(root: &Path, out: &Path, when_busy: WhenBusy) -> Result<Staging, Error> {
        // Checked before locking, so a refused folder gets no lock file beside it, and
        // again after, as the folder may have changed while this build waited.
        check_destination(root, out)?;
        let lock =
            OutputLock::acquire(&sibling(out, "lock"), out, when_busy).map_err(|e| match e {
                LockError::Busy(busy) => Error::Busy(busy),
                LockError::Io(path, source) => Error::Write { path, source },
            })?;
        check_destination(root, out)?;
        let not_removed = remove_leftovers(out)?;
        let dir = sibling(out, &format!("staging-{}", unique()));
        std::fs::create_dir(&dir).map_err(io_err(&dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            writer: Writer::new(dir),
            done: false,
            not_removed,
            _lock: lock,
        })
    }

    /// Writes the rest of the files and the marker, then swaps the folder into place.
    /// Returns the folders beside the output that could not be removed (the previous
    /// output, killed builds' leftovers).
    pub fn finish(mut self, files: &[OutputFile]) -> Result<Vec<NotRemoved>, Error> {
        if let Some(bad) = files.iter().find(|f| !is_safe(&f.path)) {
            return Err(Error::UnsafeOutputPath {
                path: bad.path.clone(),
            });
        }
        self.fill(files)?;
        let old = sibling(&self.out, &format!("old-{}", unique()));
        let previous = swap(self.writer.dir(), &self.out, &old)?;
        self.done = true;
        let mut not_removed = std::mem::take(&mut self.not_removed);
        not_removed.extend(previous);
        Ok(not_removed)
    }

    fn fill(&self, files: &[OutputFile]) -> Result<(), Error> {
        // Pages written while rendering may have stopped the writer already.
        if let Some(stopped) = self.writer.stopped() {
            return Err(self.stopped_error(stopped));
        }
        let dirs: BTreeSet<&str> = files
            .iter()
            .filter(|f| !matches!(f.body, Body::Written))
            .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
            .collect();
        for dir in dirs {
            self.writer
                .make_dir(dir)
                .map_err(|e| self.write_error(dir, e))?;
        }
        files.par_iter().try_for_each(|f| self.write_file(f))?;
        self.writer
            .write(
                MARKER,
                b"This folder is gazette's build output; gazette replaces it on every build.\n",
                Folder::Exists,
            )
            .map_err(|e| self.write_error(MARKER, e))
    }

    fn write_file(&self, f: &OutputFile) -> Result<(), Error> {
        let written = match &f.body {
            Body::Bytes(b) => self.writer.write(&f.path, b, Folder::Exists),
            Body::Static(b) => self.writer.write(&f.path, b, Folder::Exists),
            Body::Copy(src) => match self.writer.copy(src, &f.path) {
                Err(CopyError::Source(source)) => {
                    return Err(Error::Copy {
                        path: src.clone(),
                        source,
                    })
                }
                Err(CopyError::Dest(e)) => Err(e),
                Ok(()) => Ok(()),
            },
            Body::Written => Ok(()),
        };
        written.map_err(|e| self.write_error(&f.path, e))
    }

    fn write_error(&self, rel: &str, e: WriteError) -> Error {
        match (e, self.writer.stopped()) {
            (WriteError::Stopped, Some(stopped)) => self.stopped_error(stopped),
            (WriteError::File(source), _) => Error::Write {
                path: self.writer.dir().join(rel),
                source,
            },
            (WriteError::Stopped, None) => unreachable!("the writer records why it stopped"),
        }
    }

    fn stopped_error(&self, stopped: &write::Stopped) -> Error {
        Error::Stopped {
            out: self.out.clone(),
            message: stopped.to_string(),
        }
    }
}

impl crate::render::PageSink for Staging {
    fn write_page(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if !is_safe(path) {
            return Err(io::Error::other(format!(
                "refusing to write {path:?}: not a plain relative path"
            )));
        }
        self.writer
            .write(path, bytes, Folder::Make)
            .map_err(|e| match e {
                WriteError::Stopped => io::Error::other("stopped"),
                WriteError::File(e) => e,
            })
    }

    fn stopped(&self) -> Option<(PathBuf, String)> {
        let stopped = self.writer.stopped()?;
        Some((self.out.clone(), stopped.to_string()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_tree(self.writer.dir());
        }
    }
}

/// Puts `staging` at `out`. On Linux an existing output is exchanged atomically. Once the
/// new output is in place, a previous output that will not go is returned, not an error.
fn swap(staging: &Path, out: &Path, old: &Path) -> Result<Option<NotRemoved>, Error> {
    if !out.exists() {
        std::fs::rename(staging, out).map_err(io_err(out))?;
        return Ok(None);
    }
    // After an exchange, `staging` holds the previous output.
    let previous = if exchange(staging, out).is_ok() {
        staging
    } else {
        std::fs::rename(out, old).map_err(io_err(out))?;
        std::fs::rename(staging, out).map_err(io_err(out))?;
        old
    };
    Ok(remove_tree(previous).err().map(|source| NotRemoved {
        path: previous.to_path_buf(),
        source,
    }))
}

/// Removes a folder and everything in it, its subfolders on all the pool's threads: the
/// previous output of a 10k-article site is ~27k entries, and removing them on one thread
/// was ~130 ms of a ~1 s rebuild. Symbolic links are removed, never followed, as
/// `std::fs::remove_dir_all` does.
fn remove_tree(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        remove_folder(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// [`remove_tree`] for a real folder (an entry's file type is the link's own, not its
/// target's).
fn remove_folder(dir: &Path) -> io::Result<()> {
    let mut subdirs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            subdirs.push(entry.path());
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    subdirs.par_iter().try_for_each(|sub| remove_folder(sub))?;
    std::fs::remove_dir(dir)
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

    #[test]
    fn leftovers_are_this_outputs_staging_and_old_folders_only() {
        for name in [
            ".public.gazette-staging-123-0a1b2c3d",
            ".public.gazette-old-9-ff",
            ".public.gazette-staging",
            ".public.gazette-old",
        ] {
            assert!(is_leftover(name, "public"), "{name}");
        }
        for name in [
            ".public.gazette-lock",
            ".public.gazette-output",
            ".public2.gazette-staging-1-a",
            ".public.gazette-staging-1-a.gazette-staging-2-b",
            ".public.gazette-staging-x-1",
            ".public.gazette-staging-1-",
            ".public.gazette-staging1-a",
            "public",
        ] {
            assert!(!is_leftover(name, "public"), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_removed_tree_takes_its_links_but_not_what_they_point_at() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = tmp.path().join("kept");
        std::fs::create_dir_all(kept.join("inner")).unwrap();
        std::fs::write(kept.join("inner/file.txt"), "keep me").unwrap();
        let old = tmp.path().join("old");
        for i in 0..40 {
            let dir = old.join(format!("{}/{i}", i % 3));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
        }
        std::os::unix::fs::symlink(&kept, old.join("1/link-to-folder")).unwrap();
        std::os::unix::fs::symlink(kept.join("inner/file.txt"), old.join("link-to-file")).unwrap();
        let top_link = tmp.path().join("top-link");
        std::os::unix::fs::symlink(&kept, &top_link).unwrap();

        remove_tree(&old).unwrap();
        remove_tree(&top_link).unwrap();

        assert!(!old.exists() && std::fs::symlink_metadata(&top_link).is_err());
        assert_eq!(
            std::fs::read_to_string(kept.join("inner/file.txt")).unwrap(),
            "keep me"
        );
        let err = remove_tree(&old).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
