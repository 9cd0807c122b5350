//! Highlighted code blocks kept on disk between runs, so a second build (and every `serve`
//! start) highlights only the blocks that changed.
//!
//! One file per block under `<cache>/highlight-v1/ab/cdef…`, named by a 128-bit hash of its
//! key (grammar set, language, code). An entry holds the whole key and a checksum, and is
//! written to a temporary name and renamed into place: a reader sees a complete entry or
//! none, and anything that does not verify (a torn write after a crash, a hash collision,
//! another version's format) is a miss. Builds running side by side share the folder
//! safely: two writers of one block write the same bytes. The first failure to write (a
//! full disk, a read-only folder) turns writing off for the rest of the run and is
//! reported once; the build goes on without it.

use crate::diagnostic::Diagnostic;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::fs;
use std::hash::Hasher;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// The entry format; the key also holds gazette's version, the grammars' versions and a
/// fingerprint of the highlighting code, so that none of them can change under an entry.
const FORMAT: &str = "highlight-v1";
const MAGIC: &[u8; 8] = b"gzhl\x01\0\0\0";
/// The grammars are syntect's and two-face's: their versions name the grammar set. A unit
/// test holds these to Cargo.lock, so a dependency update cannot reuse old entries.
pub(crate) const SYNTECT_VERSION: &str = "5.3.0";
pub(crate) const TWO_FACE_VERSION: &str = "0.5.2";
/// The folder is pruned to this size (oldest entries first) after a run that wrote to it.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;
/// Temporary files older than this are leftovers of a killed run.
const STALE_TEMP: Duration = Duration::from_secs(3600);

pub struct HighlightCache {
    dir: PathBuf,
    /// What every key starts with: gazette's version, the grammar set, the format.
    stamp: String,
    max_bytes: u64,
    /// Set by the first write that failed; writing is off from then on.
    failure: OnceLock<String>,
    wrote: AtomicBool,
    temp_counter: AtomicU64,
}

impl HighlightCache {
    /// A cache in `dir` (usually `$XDG_CACHE_HOME/gazette`), of [`DEFAULT_MAX_BYTES`];
    /// nothing is created until the first entry is written.
    pub fn new(dir: &Path) -> Self {
        Self::with_max_bytes(dir, DEFAULT_MAX_BYTES)
    }

    pub fn with_max_bytes(dir: &Path, max_bytes: u64) -> Self {
        HighlightCache {
            dir: dir.join(FORMAT),
            stamp: format!(
                "gazette {} syntect {SYNTECT_VERSION} two-face {TWO_FACE_VERSION} {FORMAT} {:032x}",
                env!("CARGO_PKG_VERSION"),
                code_fingerprint()
            ),
            max_bytes,
            failure: OnceLock::new(),
            wrote: AtomicBool::new(false),
            temp_counter: AtomicU64::new(0),
        }
    }

    /// The cache folder of the user: `$XDG_CACHE_HOME/gazette`, else `~/.cache/gazette`;
    /// None when neither can be known or `GAZETTE_NO_CACHE` is set (to anything but "" or "0").
    pub fn default_dir() -> Option<PathBuf> {
        if std::env::var_os("GAZETTE_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
        let base = std::env::var_os("XDG_CACHE_HOME")
            .and_then(absolute)
            .or_else(|| {
                std::env::var_os("HOME")
                    .and_then(absolute)
                    .map(|h| h.join(".cache"))
            })?;
        Some(base.join("gazette"))
    }

    /// The HTML stored for `code` in language `token`, if a verified entry exists.
    pub(crate) fn get(&self, token: &str, code: &str) -> Option<String> {
        let key = self.key(token, code);
        let bytes = fs::read(self.path_of(&key)).ok()?;
        decode(&bytes, &key)
    }

    /// Stores the HTML for `code` in language `token`. Failures are remembered, not raised.
    pub(crate) fn put(&self, token: &str, code: &str, html: &str) {
        if self.failure.get().is_some() {
            return;
        }
        let key = self.key(token, code);
        let path = self.path_of(&key);
        if let Err(e) = self.write_atomically(&path, &encode(&key, html)) {
            let _ = self.failure.set(format!(
                "cannot write the highlight cache ({e}); going on without it"
            ));
        }
    }

    /// Why writing stopped, if it did: to be reported once, as a warning.
    pub fn failure(&self) -> Option<&str> {
        self.failure.get().map(String::as_str)
    }

    /// [`Self::failure`] as a warning on the cache folder.
    pub fn warning(&self) -> Option<Diagnostic> {
        let message = self.failure()?;
        Some(Diagnostic::warning(&self.dir, 0, 0, message))
    }

    /// After a run that wrote entries: removes leftover temporary files and, while the
    /// folder is over its size, the entries written longest ago. Best effort.
    pub fn prune(&self) {
        if !self.wrote.swap(false, Ordering::Relaxed) {
            return;
        }
        let now = SystemTime::now();
        let mut entries = Vec::new();
        let mut total = 0u64;
        for entry in walkdir::WalkDir::new(&self.dir).min_depth(2).max_depth(2) {
            let Ok(entry) = entry else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(now);
            if is_temp(entry.file_name()) {
                if now
                    .duration_since(modified)
                    .is_ok_and(|age| age > STALE_TEMP)
                {
                    let _ = fs::remove_file(entry.path());
                }
                continue;
            }
            total += meta.len();
            entries.push((modified, meta.len(), entry.into_path()));
        }
        if total <= self.max_bytes {
            return;
        }
        // Down to 80%, so that a site a little over the bound does not prune on every run.
        let target = self.max_bytes / 5 * 4;
        entries.sort_unstable_by_key(|(modified, ..)| *modified);
        for (_, len, path) in entries {
            if total <= target {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    fn key(&self, token: &str, code: &str) -> Vec<u8> {
        let mut key = Vec::with_capacity(self.stamp.len() + token.len() + code.len() + 2);
        key.extend_from_slice(self.stamp.as_bytes());
        key.push(0);
        key.extend_from_slice(token.as_bytes());
        key.push(0);
        key.extend_from_slice(code.as_bytes());
        key
    }

    fn path_of(&self, key: &[u8]) -> PathBuf {
        let name = format!("{:032x}", hash128(&[key]));
        self.dir.join(&name[..2]).join(&name[2..])
    }

    fn write_atomically(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let dir = path.parent().expect("entries live in a subfolder");
        let n = self.temp_counter.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        let written = create_new_in(dir, &temp).and_then(|mut f| f.write_all(bytes));
        let result = written.and_then(|()| fs::rename(&temp, path));
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        } else {
            self.wrote.store(true, Ordering::Relaxed);
        }
        result
    }
}

/// Creates `file` in `dir`, creating `dir` (and the cache folders above it) when missing.
fn create_new_in(dir: &Path, file: &Path) -> std::io::Result<fs::File> {
    let create = || fs::File::options().write(true).create_new(true).open(file);
    match create() {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            fs::create_dir_all(dir)?;
            create()
        }
        other => other,
    }
}

/// The source of the code that turns a block into HTML: any edit to it (class names, how
/// a language is resolved) makes new keys, even between two builds of one version.
fn code_fingerprint() -> u128 {
    hash128(&[
        include_str!("highlight.rs").as_bytes(),
        include_str!("highlight_cache.rs").as_bytes(),
    ])
}

fn is_temp(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".tmp-")
}

fn hash128(parts: &[&[u8]]) -> u128 {
    let mut h = SipHasher13::new();
    for part in parts {
        h.write(part);
    }
    h.finish128().as_u128()
}

/// `MAGIC`, key length and HTML length (u64 little-endian), the checksum of key and HTML,
/// the key, the HTML.
fn encode(key: &[u8], html: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(40 + key.len() + html.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(key.len() as u64).to_le_bytes());
    out.extend_from_slice(&(html.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash128(&[key, html.as_bytes()]).to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(html.as_bytes());
    out
}

/// The HTML of an entry, if it is complete, intact and for exactly this key.
fn decode(bytes: &[u8], key: &[u8]) -> Option<String> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (key_len, rest) = rest.split_first_chunk::<8>()?;
    let (html_len, rest) = rest.split_first_chunk::<8>()?;
    let (sum, rest) = rest.split_first_chunk::<16>()?;
    if u64::from_le_bytes(*key_len) != key.len() as u64 || rest.len() < key.len() {
        return None;
    }
    let (stored_key, html) = rest.split_at(key.len());
    if u64::from_le_bytes(*html_len) != html.len() as u64
        || stored_key != key
        || u128::from_le_bytes(*sum) != hash128(&[key, html])
    {
        return None;
    }
    String::from_utf8(html.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(dir: &Path) -> HighlightCache {
        HighlightCache::new(dir)
    }

    #[test]
    fn stores_and_returns_html_for_the_same_key_only() {
        let tmp = tempfile::tempdir().unwrap();
        let c = cache(tmp.path());
        assert_eq!(c.get("rust", "fn a() {}"), None);
        c.put("rust", "fn a() {}", "<span>a</span>");
        assert_eq!(
            c.get("rust", "fn a() {}").as_deref(),
            Some("<span>a</span>")
        );
        assert_eq!(c.get("rs", "fn a() {}"), None);
        assert_eq!(c.get("rust", "fn b() {}"), None);
        assert!(c.failure().is_none());
    }

    #[test]
    fn damaged_entries_are_misses() {
        let key = b"stamp\0rust\0fn a() {}";
        let good = encode(key, "<b>html</b>");
        assert_eq!(decode(&good, key).as_deref(), Some("<b>html</b>"));
        for cut in 0..good.len() {
            assert_eq!(decode(&good[..cut], key), None, "cut at {cut}");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x20;
            assert_eq!(decode(&bad, key), None, "byte {i} flipped");
        }
        let mut longer = good.clone();
        longer.push(b'x');
        assert_eq!(decode(&longer, key), None);
        assert_eq!(decode(&good, b"stamp\0rust\0fn b() {}"), None);
    }

    #[test]
    fn a_failed_write_turns_writing_off_and_is_reported_once() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where the cache folder should be: every write fails.
        let blocked = tmp.path().join("gazette");
        fs::write(&blocked, "not a folder").unwrap();
        let c = cache(&blocked);
        c.put("rust", "a", "<a>");
        let first = c.failure().expect("write failed").to_string();
        c.put("rust", "b", "<b>");
        assert_eq!(c.failure(), Some(first.as_str()));
        assert_eq!(c.get("rust", "a"), None);
    }

    #[test]
    fn prune_keeps_the_folder_under_its_bound_newest_first() {
        let tmp = tempfile::tempdir().unwrap();
        let c = HighlightCache::with_max_bytes(tmp.path(), 4000);
        let html = "x".repeat(900);
        for i in 0..8 {
            c.put("rust", &format!("block {i}"), &html);
            // Distinct modification times, oldest first.
            let path = c.path_of(&c.key("rust", &format!("block {i}")));
            let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 + i);
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
        c.prune();
        let kept: Vec<bool> = (0..8)
            .map(|i| c.get("rust", &format!("block {i}")).is_some())
            .collect();
        assert!(!kept[0] && kept[7], "{kept:?}");
        let bytes: u64 = walkdir::WalkDir::new(tmp.path())
            .into_iter()
            .filter_map(|e| e.ok()?.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum();
        assert!(bytes <= 4000, "{bytes} bytes left");
    }

    #[test]
    fn grammar_versions_match_cargo_lock() {
        let lock = include_str!("../../Cargo.lock");
        for (name, version) in [("syntect", SYNTECT_VERSION), ("two-face", TWO_FACE_VERSION)] {
            let entry = format!("name = \"{name}\"\nversion = \"{version}");
            assert!(
                lock.contains(&entry),
                "Cargo.lock has another {name}: update the constant (old entries must not be reused)"
            );
        }
    }
}
