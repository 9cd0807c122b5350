//! Watching the site: content/, templates/, static/, themes/ recursively, and the site root
//! itself non-recursively (for site.toml and for those folders appearing later). Events are
//! debounced by notify-debouncer-full (which also stitches editors' rename-on-save into one
//! event), classified, and sent on as batches. The output folder, `.git` and editor temp
//! files never trigger a rebuild.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};

use crate::config::CONFIG_FILE;
use crate::content::is_temp_name;
use crate::error::Error;

/// How long a file must be quiet before its events are delivered.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// How often `--poll` looks at the files. notify's poller compares whole-second mtimes, so
/// it also hashes contents: an edit within the same second is still seen.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The folders a site is made of.
pub const WATCHED_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What a changed path means for the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not part of the site (output folder, `.git`, editor temp files, other files).
    Ignore,
    /// A stylesheet under a static folder: pages can keep their HTML.
    Css,
    /// Anything else the site is built from.
    Rebuild,
}

/// Classifies `path` (absolute, under `root`); `output_dir` is relative to `root`.
pub fn classify(root: &Path, output_dir: &Path, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignore;
    };
    if rel.as_os_str().is_empty()
        || (!output_dir.as_os_str().is_empty() && rel.starts_with(output_dir))
    {
        return Change::Ignore;
    }
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some(first) = parts.first() else {
        return Change::Ignore;
    };
    if parts.len() == 1 {
        return if first == CONFIG_FILE || WATCHED_DIRS.contains(&first.as_str()) {
            Change::Rebuild
        } else {
            Change::Ignore
        };
    }
    if !WATCHED_DIRS.contains(&first.as_str()) {
        return Change::Ignore;
    }
    if parts
        .iter()
        .any(|p| p == ".git" || is_temp_name(p) || (first == "content" && p.starts_with('.')))
    {
        return Change::Ignore;
    }
    let in_static =
        first == "static" || (first == "themes" && parts.get(2).is_some_and(|p| p == "static"));
    if in_static
        && parts
            .last()
            .is_some_and(|n| n.to_ascii_lowercase().ends_with(".css"))
    {
        Change::Css
    } else {
        Change::Rebuild
    }
}

/// Changed paths that matter.
#[derive(Debug)]
pub struct Changes {
    pub paths: Vec<PathBuf>,
    /// True if every path is a stylesheet.
    pub css_only: bool,
    /// When the earliest of these events happened.
    pub since: Instant,
    /// Events were lost (the kernel's queue overflowed): `paths` may not name everything.
    pub rescan: bool,
}

impl Changes {
    pub fn merge(&mut self, other: Changes) {
        self.paths.extend(other.paths);
        self.paths.sort();
        self.paths.dedup();
        self.css_only &= other.css_only;
        self.rescan |= other.rescan;
        self.since = self.since.min(other.since);
    }
}

/// What the rebuild loop receives.
#[derive(Debug)]
pub enum Batch {
    Changed(Changes),
    /// The watcher failed (e.g. the inotify limit): the errors to print.
    Failed(Vec<Error>),
}

/// A debouncer over inotify (or the platform's watcher) or over polling.
pub enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }

    /// Watches `root/dir` if it is a folder (again, if it was replaced).
    pub fn watch_dir(&mut self, root: &Path, dir: &str) -> Result<(), Error> {
        let path = root.join(dir);
        if !path.is_dir() {
            return Ok(());
        }
        self.watch(&path, RecursiveMode::Recursive)
            .map_err(Error::Watch)
    }
}

/// How changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The platform's watcher (inotify on Linux).
    Native,
    /// Looking at every file now and then (`--poll`: network and container file systems).
    Poll,
}

/// Starts watching the site at `root` (absolute); batches go to `tx`.
pub fn start(
    root: &Path,
    output_dir: &Path,
    mode: WatchMode,
    tx: Sender<Batch>,
) -> Result<Watcher, Error> {
    let root_owned = root.to_path_buf();
    let output_dir = output_dir.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        let batch = match result {
            Ok(events) => batch_of(&root_owned, &output_dir, &events),
            Err(errors) => Some(Batch::Failed(
                errors.into_iter().map(Error::Watch).collect(),
            )),
        };
        if let Some(batch) = batch {
            let _ = tx.send(batch);
        }
    };
    let mut watcher = if mode == WatchMode::Poll {
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        Watcher::Poll(
            new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config).map_err(Error::Watch)?,
        )
    } else {
        Watcher::Native(
            new_debouncer_opt(
                DEBOUNCE,
                None,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )
            .map_err(Error::Watch)?,
        )
    };
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(Error::Watch)?;
    for dir in WATCHED_DIRS {
        watcher.watch_dir(root, dir)?;
    }
    Ok(watcher)
}

fn batch_of(
    root: &Path,
    output_dir: &Path,
    events: &[notify_debouncer_full::DebouncedEvent],
) -> Option<Batch> {
    let mut paths = Vec::new();
    let mut css_only = true;
    let mut any_rescan = false;
    let mut since: Option<Instant> = None;
    for event in events {
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        // A rescan (the kernel's queue overflowed) names no paths: rebuild everything.
        let rescan = event.need_rescan() || event.paths.is_empty();
        let mut relevant = rescan;
        if rescan {
            css_only = false;
            any_rescan = true;
        }
        for path in &event.paths {
            match classify(root, output_dir, path) {
                Change::Ignore => {}
                Change::Css => {
                    relevant = true;
                    paths.push(path.clone());
                }
                Change::Rebuild => {
                    relevant = true;
                    css_only = false;
                    paths.push(path.clone());
                }
            }
        }
        if relevant {
            since = Some(since.map_or(event.time, |s| s.min(event.time)));
        }
    }
    let since = since?;
    paths.sort();
    paths.dedup();
    Some(Batch::Changed(Changes {
        paths,
        css_only,
        since,
        rescan: any_rescan,
    }))
}

/// A watcher error as a message a user can act on.
pub fn describe_error(e: &notify::Error) -> String {
    let limit = match &e.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => io.raw_os_error() == Some(28), // ENOSPC
        _ => false,
    };
    if limit {
        "cannot watch the site: the system's limit on inotify watches is reached.\n  \
         raise it:  sudo sysctl fs.inotify.max_user_watches=524288\n  \
         (add `fs.inotify.max_user_watches=524288` to /etc/sysctl.conf to keep it)\n  \
         or poll instead:  gazette serve --watch --poll"
            .to_string()
    } else {
        format!("cannot watch the site: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(rel: &str) -> Change {
        classify(
            Path::new("/site"),
            Path::new("public"),
            &Path::new("/site").join(rel),
        )
    }

    #[test]
    fn classifies_site_files() {
        assert_eq!(c("site.toml"), Change::Rebuild);
        assert_eq!(c("content/2024/a.md"), Change::Rebuild);
        assert_eq!(c("content/2024/img.png"), Change::Rebuild);
        assert_eq!(c("templates/base.html"), Change::Rebuild);
        assert_eq!(c("themes/default/templates/base.html"), Change::Rebuild);
        assert_eq!(c("static/style.css"), Change::Css);
        assert_eq!(c("themes/default/static/STYLE.CSS"), Change::Css);
        assert_eq!(c("content"), Change::Rebuild);
    }

    #[test]
    fn ignores_output_git_and_editor_files() {
        assert_eq!(c("public/index.html"), Change::Ignore);
        assert_eq!(c("public"), Change::Ignore);
        assert_eq!(c(".git/index"), Change::Ignore);
        assert_eq!(c("content/.git/x"), Change::Ignore);
        assert_eq!(c("content/.a.md.swp"), Change::Ignore);
        assert_eq!(c("content/a.md~"), Change::Ignore);
        assert_eq!(c("content/4913"), Change::Ignore);
        assert_eq!(c("content/#a.md#"), Change::Ignore);
        assert_eq!(c("README.md"), Change::Ignore);
        assert_eq!(c("target/debug/x"), Change::Ignore);
    }

    #[test]
    fn explains_the_inotify_limit() {
        let msg = describe_error(&notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        assert!(msg.contains("fs.inotify.max_user_watches") && msg.contains("--poll"));
        let enospc = notify::Error::io(std::io::Error::from_raw_os_error(28));
        assert!(describe_error(&enospc).contains("max_user_watches"));
    }
}
