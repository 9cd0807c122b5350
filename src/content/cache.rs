//! Parsed documents kept between builds (used by `serve`). A file is re-parsed when its
//! stamp (size, modification time, inode, change time) differs from the one recorded, or
//! when the configuration that parsing depends on changed. Files modified in the last
//! moments before they were seen are never trusted (the "racy git" rule): a second edit
//! inside the file system's timestamp granularity could otherwise go unnoticed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::Document;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;

/// Files modified this recently are parsed again on the next build too.
const RACY_WINDOW: Duration = Duration::from_secs(2);

/// Documents are shared (`Arc`): a build takes them from the cache without copying.
type Parsed = (Option<Arc<Document>>, Vec<Diagnostic>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    changed: i64,
    changed_ns: i64,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (changed, changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime(), meta.ctime_nsec(), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, changed_ns, inode) = (0, 0, 0);
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed,
            changed_ns,
            inode,
        })
    }

    fn is_racy(&self, now: SystemTime) -> bool {
        match self.modified {
            Some(m) => m + RACY_WINDOW > now,
            None => true,
        }
    }
}

struct Entry {
    stamp: Stamp,
    parsed: Parsed,
}

/// Documents parsed by earlier builds, keyed by path relative to the site root.
#[derive(Default)]
pub struct ParseCache {
    fingerprint: String,
    entries: HashMap<PathBuf, Entry>,
    fresh: Mutex<Vec<(PathBuf, Entry)>>,
    started: Option<SystemTime>,
    parsed: AtomicUsize,
}

impl ParseCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Files the last build parsed (the others came from the cache).
    pub fn last_parsed(&self) -> usize {
        self.parsed.load(Ordering::Relaxed)
    }

    /// Number of documents held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Starts a build: drops everything if the parse-relevant configuration changed. Parsed
    /// HTML embeds absolute URLs, so `base_url` and the permalink pattern count too.
    pub(super) fn prepare(&mut self, config: &SiteConfig) {
        let fingerprint = format!(
            "{:?}|{}|{}|{}|{:?}",
            config.timezone.iana_name(),
            config.markdown.unsafe_html,
            config.markdown.highlight,
            config.base_url,
            config.permalink,
        );
        if fingerprint != self.fingerprint {
            self.entries.clear();
            self.fingerprint = fingerprint;
        }
        self.started = Some(SystemTime::now());
        self.parsed.store(0, Ordering::Relaxed);
    }

    /// The cached result for `rel`, or the file's current stamp to record with a new parse.
    pub(super) fn lookup(&self, root: &Path, rel: &Path) -> Result<Parsed, Option<Stamp>> {
        let stamp = Stamp::of(&root.join(rel));
        match (self.entries.get(rel), stamp) {
            (Some(e), Some(s)) if e.stamp == s => Ok(e.parsed.clone()),
            _ => Err(stamp),
        }
    }

    /// Records a fresh parse (unless the file was too recently modified to trust its stamp).
    pub(super) fn offer(&self, rel: &Path, stamp: Option<Stamp>, parsed: &Parsed) {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let now = self.started.unwrap_or_else(SystemTime::now);
        let Some(stamp) = stamp.filter(|s| !s.is_racy(now)) else {
            return;
        };
        let entry = Entry {
            stamp,
            parsed: parsed.clone(),
        };
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.push((rel.to_path_buf(), entry));
        }
    }

    /// Ends a build: keeps the new parses and forgets files no longer found.
    pub(super) fn finish(&mut self, found: &[PathBuf]) {
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(|e| e.into_inner()));
        for (rel, entry) in fresh {
            self.entries.insert(rel, entry);
        }
        if self.entries.len() > found.len() {
            let keep: std::collections::HashSet<&PathBuf> = found.iter().collect();
            self.entries.retain(|k, _| keep.contains(k));
        }
    }
}
