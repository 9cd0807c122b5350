//! One build per output folder at a time: an exclusive `flock` on a lock file beside the
//! output (`.public.gazette-lock`), held from before the staging folder is made until after
//! the swap. The kernel releases it when the process ends, however it ends, so a killed
//! build never leaves the folder locked. The file itself stays: removing it would let a
//! waiting build lock a file no longer in the folder.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// What to do when another build holds the lock.
#[derive(Clone, Copy)]
pub enum WhenBusy<'a> {
    /// Fail at once with [`crate::Error::Busy`] (`build --no-wait`).
    Fail,
    /// Call this once with who holds the lock, then wait for it.
    Wait(&'a dyn Fn(&Busy)),
}

/// Another gazette build holds the lock of `out`.
#[derive(Debug)]
pub struct Busy {
    pub out: PathBuf,
    /// The holder's process id, when it wrote one and that process still runs.
    pub pid: Option<u32>,
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "another gazette build of {}",
            crate::diagnostic::shown_path(&self.out).display()
        )?;
        match self.pid {
            Some(pid) => write!(f, " (pid {pid})"),
            None => Ok(()),
        }
    }
}

/// The held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
}

impl Drop for OutputLock {
    /// Blanks the pid before the lock goes, so that a build that finds the lock taken
    /// never names this process, still exiting, as the holder.
    fn drop(&mut self) {
        let _ = self.file.write_all_at(NO_PID, 0);
    }
}

const NO_PID: &[u8; 11] = b"          \n";

pub enum LockError {
    Busy(Busy),
    Io(PathBuf, io::Error),
}

impl OutputLock {
    /// Takes the lock at `path` for the output `out`, waiting or failing as `when_busy` says.
    pub fn acquire(path: &Path, out: &Path, when_busy: WhenBusy) -> Result<OutputLock, LockError> {
        let io = |e| LockError::Io(path.to_path_buf(), e);
        let file = match open(path) {
            // A new output folder's parent may not exist yet.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let parent = path.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(parent)
                    .map_err(|e| LockError::Io(parent.to_path_buf(), e))?;
                open(path)
            }
            opened => opened,
        }
        .map_err(io)?;
        if !flock(&file, libc::LOCK_EX | libc::LOCK_NB).map_err(io)? {
            let busy = Busy {
                out: out.to_path_buf(),
                pid: holder(&file),
            };
            match when_busy {
                WhenBusy::Fail => return Err(LockError::Busy(busy)),
                WhenBusy::Wait(notify) => notify(&busy),
            }
            flock(&file, libc::LOCK_EX).map_err(io)?;
        }
        // Tells the next build who it waits for. Not needed for the lock itself, so a
        // failure (a full disk) is left to the writes that follow to report.
        let _ = file.write_all_at(format!("{:<10}\n", std::process::id()).as_bytes(), 0);
        Ok(OutputLock { file })
    }
}

fn open(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// `flock(2)`, retried on EINTR: true when taken, false when another holds it (`LOCK_NB`).
fn flock(file: &File, op: libc::c_int) -> io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    loop {
        // SAFETY: the descriptor belongs to `file`, open for the duration of the call.
        if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// The pid the lock's holder wrote, if that process is alive. The holder writes it just
/// after locking, so this looks a few times over 100 ms before giving up.
fn holder(file: &File) -> Option<u32> {
    (0..20).find_map(|attempt| {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        read_pid(file)
    })
}

fn read_pid(file: &File) -> Option<u32> {
    let mut text = [0; NO_PID.len()];
    let n = file.read_at(&mut text, 0).ok()?;
    let pid: u32 = std::str::from_utf8(&text[..n]).ok()?.trim().parse().ok()?;
    let id = libc::pid_t::try_from(pid).ok()?;
    // SAFETY: signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(id, 0) } == 0
        || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    (alive && pid != std::process::id()).then_some(pid)
}
