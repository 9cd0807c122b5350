//! Writing files into the staging folder, from several threads at once. A write error that
//! will repeat for every file (a full disk, a quota, a read-only file system, no
//! permission) stops all writing at once and is reported once, with how much was written;
//! any other error concerns its own file only.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashSet;

/// Whether a file's folder is there already (made before the files) or made with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Exists,
    Make,
}

/// Writes into one staging folder; counts what it wrote; remembers the first error that
/// will repeat.
#[derive(Debug)]
pub struct Writer {
    dir: PathBuf,
    files: AtomicU64,
    bytes: AtomicU64,
    stopped: OnceLock<Stopped>,
    /// The folders made so far, relative to `dir`: each is made once, by one `mkdir`.
    made: Mutex<FxHashSet<String>>,
}

/// Why and where writing stopped, and how much had been written by then.
#[derive(Debug)]
pub struct Stopped {
    pub error: io::Error,
    /// The file being written, relative to the output.
    pub path: String,
    pub files: u64,
    pub bytes: u64,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} while writing {}, after {} file{} ({}) had been written; stopped at once and removed the staging folder",
            self.error,
            self.path,
            self.files,
            if self.files == 1 { "" } else { "s" },
            size(self.bytes)
        )
    }
}

/// A write that failed: either the one error that stopped everything, or one file's own.
#[derive(Debug)]
pub enum WriteError {
    Stopped,
    File(io::Error),
}

impl Writer {
    pub fn new(dir: PathBuf) -> Writer {
        Writer {
            dir,
            files: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            stopped: OnceLock::new(),
            made: Mutex::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The error that stopped writing, if one did.
    pub fn stopped(&self) -> Option<&Stopped> {
        self.stopped.get()
    }

    /// Writes `bytes` to `rel` (relative to the staging folder), making its folder first
    /// if asked.
    pub fn write(&self, rel: &str, bytes: &[u8], folder: Folder) -> Result<(), WriteError> {
        self.attempt(rel, |dest| {
            if let (Folder::Make, Some((parent, _))) = (folder, rel.rsplit_once('/')) {
                self.make_folder(parent)?;
            }
            std::fs::write(dest, bytes).map(|()| bytes.len() as u64)
        })
    }

    /// Copies the regular file `src` to `rel`. An error reading `src` is that file's own.
    pub fn copy(&self, src: &Path, rel: &str) -> Result<(), CopyError> {
        let mut from = open_regular(src).map_err(CopyError::Source)?;
        self.attempt(rel, |dest| {
            let mut to = std::fs::File::create(dest)?;
            io::copy(&mut from, &mut to)
        })
        .map_err(CopyError::Dest)
    }

    /// Makes a folder in the staging folder.
    pub fn make_dir(&self, rel: &str) -> Result<(), WriteError> {
        self.attempt(rel, |_| self.make_folder(rel).map(|()| 0))
    }

    /// Makes `rel` and whichever of its parents this writer has not made yet, from the
    /// outermost in: a page's folder costs one `mkdir`, and one already made none, where
    /// `create_dir_all` tries each folder and checks the ones that exist (two system calls
    /// for every page). The list is not locked while folders are made: a folder two threads
    /// both make exists for the second.
    fn make_folder(&self, rel: &str) -> io::Result<()> {
        let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        let mut missing = Vec::new();
        {
            let made = made();
            let mut folder = Some(rel);
            while let Some(f) = folder.filter(|f| !made.contains(*f)) {
                missing.push(f);
                folder = f.rsplit_once('/').map(|(up, _)| up);
            }
        }
        for f in missing.into_iter().rev() {
            let path = self.dir.join(f);
            match std::fs::create_dir(&path) {
                Err(e) if !(e.kind() == io::ErrorKind::AlreadyExists && path.is_dir()) => {
                    return Err(e)
                }
                _ => made().insert(f.to_string()),
            };
        }
        Ok(())
    }

    /// Runs one write of `rel` unless writing has stopped; counts it, or stops writing if
    /// its error will repeat.
    fn attempt(
        &self,
        rel: &str,
        write: impl FnOnce(&Path) -> io::Result<u64>,
    ) -> Result<(), WriteError> {
        if self.stopped.get().is_some() {
            return Err(WriteError::Stopped);
        }
        match write(&self.dir.join(rel)) {
            Ok(n) => {
                self.files.fetch_add(u64::from(n > 0), Ordering::Relaxed);
                self.bytes.fetch_add(n, Ordering::Relaxed);
                Ok(())
            }
            Err(error) if repeats(&error) => {
                let _ = self.stopped.set(Stopped {
                    error,
                    path: rel.to_string(),
                    files: self.files.load(Ordering::Relaxed),
                    bytes: self.bytes.load(Ordering::Relaxed),
                });
                Err(WriteError::Stopped)
            }
            Err(error) => Err(WriteError::File(error)),
        }
    }
}

#[derive(Debug)]
pub enum CopyError {
    Source(io::Error),
    Dest(WriteError),
}

/// Errors that the next file would meet too. Inside the staging folder gazette made, a
/// permission error is one of them: it concerns the folder (or the file system), not a file.
fn repeats(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::ENOSPC | libc::EDQUOT | libc::EROFS | libc::EACCES | libc::EPERM)
    ) || e.kind() == io::ErrorKind::StorageFull
}

/// Opens a regular file without blocking, so a file swapped for a FIFO after the walk
/// cannot hang the build.
fn open_regular(src: &Path) -> io::Result<std::fs::File> {
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let from = open.open(src)?;
    if !from.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok(from)
}

/// `512 bytes`, `3.4 KiB`, `1.9 MiB`, `2.0 GiB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(2 * 1024 * 1024), "2.0 MiB");
        assert_eq!(size(5 * 1024 * 1024 * 1024), "5.0 GiB");
    }

    #[test]
    fn a_full_disk_stops_writing_but_a_bad_name_does_not() {
        assert!(repeats(&io::Error::from_raw_os_error(libc::ENOSPC)));
        assert!(repeats(&io::Error::from_raw_os_error(libc::EDQUOT)));
        assert!(repeats(&io::Error::from_raw_os_error(libc::EROFS)));
        assert!(repeats(&io::Error::from_raw_os_error(libc::EACCES)));
        assert!(!repeats(&io::Error::from_raw_os_error(libc::ENAMETOOLONG)));
        assert!(!repeats(&io::Error::from_raw_os_error(libc::EISDIR)));
    }

    #[test]
    fn folders_are_made_as_files_need_them() {
        let tmp = tempfile::tempdir().unwrap();
        let w = Writer::new(tmp.path().to_path_buf());
        w.write("2024/05/one/index.html", b"1", Folder::Make)
            .unwrap();
        w.write("2024/05/two/index.html", b"2", Folder::Make)
            .unwrap();
        w.make_dir("2024/06").unwrap();
        w.write("2024/06/three/index.html", b"3", Folder::Make)
            .unwrap();
        // Made by someone else first: taken as it is.
        std::fs::create_dir_all(tmp.path().join("tags/x")).unwrap();
        w.write("tags/x/index.html", b"4", Folder::Make).unwrap();
        for (path, body) in [
            ("2024/05/one/index.html", "1"),
            ("2024/05/two/index.html", "2"),
            ("2024/06/three/index.html", "3"),
            ("tags/x/index.html", "4"),
        ] {
            assert_eq!(
                std::fs::read_to_string(tmp.path().join(path)).unwrap(),
                body
            );
        }
        // A file where a folder must go is that page's own error.
        w.write("feed", b"f", Folder::Exists).unwrap();
        assert!(matches!(
            w.write("feed/index.html", b"5", Folder::Make),
            Err(WriteError::File(_))
        ));
        assert!(w.stopped().is_none());
    }

    #[test]
    fn after_a_repeating_error_nothing_more_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let w = Writer::new(tmp.path().to_path_buf());
        w.write("a.html", b"abc", Folder::Exists).unwrap();
        let full = w.attempt("b.html", |_| {
            Err(io::Error::from_raw_os_error(libc::ENOSPC))
        });
        assert!(matches!(full, Err(WriteError::Stopped)));
        assert!(matches!(
            w.write("c.html", b"x", Folder::Exists),
            Err(WriteError::Stopped)
        ));
        assert!(!tmp.path().join("c.html").exists());
        let stopped = w.stopped().unwrap();
        assert_eq!(
            (stopped.path.as_str(), stopped.files, stopped.bytes),
            ("b.html", 1, 3)
        );
        assert!(
            stopped.to_string().contains("after 1 file (3 bytes)"),
            "{stopped}"
        );
    }
}
