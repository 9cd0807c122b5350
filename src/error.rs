//! The one error type for what goes wrong outside the site's files: the file system, the
//! output folder, the network, the machine (a port in use, the inotify limit, an SMTP
//! server). Problems a curator fixes in their files are [`crate::diagnostic::Diagnostic`]s
//! (or, before their file is known, [`crate::diagnostic::Problem`]s).

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use crate::diagnostic::shown_path;
use crate::output::{Busy, MARKER};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // --- init and new
    /// A file or folder `init` or `new` could not read or create.
    #[error("{}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    /// `init` on a folder holding other files (`holds`: a few of their names).
    #[error("{} is not empty (it holds {holds}); run `gazette init` on a new or empty folder", dir.display())]
    NotEmpty { dir: PathBuf, holds: String },
    #[error("{} exists and is not a folder", dir.display())]
    NotAFolder { dir: PathBuf },
    #[error("the title is empty")]
    EmptyTitle,

    // --- the output folder (build)
    #[error("refusing to write to {}: it contains the site itself", shown_path(out).display())]
    OutputHoldsSite { out: PathBuf },
    #[error("refusing to write to {}: it is inside the site's {dir}/ folder", shown_path(out).display())]
    OutputInsideSite { out: PathBuf, dir: &'static str },
    #[error("refusing to write to {}: it is a file", shown_path(out).display())]
    OutputIsFile { out: PathBuf },
    #[error("refusing to write to {}: it is inside {}, a site gazette built, which its next build replaces whole; choose a folder outside it", shown_path(out).display(), shown_path(other).display())]
    OutputInsideOutput { out: PathBuf, other: PathBuf },
    #[error("refusing to replace {}: it is not empty and was not made by gazette (no {MARKER} file); choose another --output or empty it", shown_path(out).display())]
    OutputNotOurs { out: PathBuf },
    #[error("refusing to write {path:?}: not a plain relative path")]
    UnsafeOutputPath { path: String },
    #[error("writing {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("copying {path} into the output: {source}")]
    Copy { path: PathBuf, source: io::Error },
    /// Another build holds the output's lock, and `--no-wait` was given.
    #[error("{0} is running; not waiting for it (--no-wait)")]
    Busy(Busy),
    /// Writing stopped at once (a full disk, a read-only file system): `message` says what
    /// failed, at which file, and how much had been written.
    #[error("{}: {message}", shown_path(out).display())]
    Stopped { out: PathBuf, message: String },

    // --- serve
    #[error("port {port} on {interface} is already in use (another `gazette serve`?); choose another with --port, e.g. --port {next}, or --port 0 for any free port")]
    PortInUse {
        port: u16,
        interface: IpAddr,
        next: u16,
    },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    /// The first build failed and nothing watches for a fix (the problems were printed).
    #[error("the site did not build")]
    Build,
    /// The site's folder could not be resolved for watching.
    #[error("cannot watch {}: {source}", path.display())]
    Unwatchable { path: PathBuf, source: io::Error },
    /// The file watcher failed (the inotify limit, among others).
    #[error("{}", crate::serve::watch::describe_error(.0))]
    Watch(notify::Error),
    #[error("server: {0}")]
    Server(#[from] io::Error),

    // --- send
    #[error("`{url}` is not an SMTP URL; write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS)")]
    SmtpUrl { url: String },
    #[error(
        "put the SMTP password in the {} environment variable, not in the URL",
        crate::email::send::PASSWORD_VAR
    )]
    PasswordInUrl,
    #[error("`{url}`: cannot read the host and port")]
    SmtpHostPort { url: String },
    #[error("TLS for {host}: {cause}")]
    Tls { host: String, cause: String },
    #[error(
        "the SMTP server asks for the password of `{user}`: set {}",
        crate::email::send::PASSWORD_VAR
    )]
    NoPassword { user: String },
    /// The server refused the login (535): the password is wrong, or the user.
    #[error(
        "{host}:{port} refused the login of `{user}` ({cause}): check {} and the user in --smtp",
        crate::email::send::PASSWORD_VAR
    )]
    LoginRefused {
        user: String,
        host: String,
        port: u16,
        cause: String,
    },
    /// A message the SMTP library would not address (`cause`: its words, on one line).
    #[error("{cause}")]
    Envelope { cause: String },
    #[error("sending to {recipient} through {host}:{port}: {cause}")]
    Send {
        recipient: String,
        host: String,
        port: u16,
        cause: String,
    },
}
