//! Helpers shared by the integration tests: the real `gazette` binary, sites in temporary
//! folders ([`TestSite`]), a running `gazette serve` ([`Server`]) and small file utilities.

#![allow(dead_code)]

pub mod feedlint;
mod server;
mod site;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use server::*;
pub use site::*;

/// The `base_url` of sites made by [`TestSite::new`].
pub const BASE: &str = "https://example.org/";

/// The `gazette` binary built by Cargo, without colour, with a panic reported in one
/// recognizable line, and its highlight cache in Cargo's folder for test files (never the
/// user's; shared by every test, as builds share it in use).
pub fn gazette() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .env("XDG_CACHE_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("GAZETTE_NO_CACHE");
    cmd
}

/// `gazette` run from inside `dir`, as a curator would (no `--root`).
pub fn gazette_in(dir: &Path) -> Command {
    let mut cmd = gazette();
    cmd.current_dir(dir);
    cmd
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The repository (the package root).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>/` itself (copy it with [`TestSite::fixture`] before changing it).
pub fn fixture_path(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// An article's text: `---`, the front matter as given (ending in a newline), `---`, the
/// body as given.
pub fn markdown(front_matter: &str, body: &str) -> String {
    format!("---\n{front_matter}---\n{body}")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Everything under a folder, for byte-for-byte comparisons: relative path -> contents,
/// with folders as `<dir>`, symlinks as `-> target`, unreadable files as `<unreadable>` and
/// other special files as `<special>`. Unreadable folders are left out.
pub type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

pub fn snapshot(dir: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = match entry {
            Ok(e) => e,
            Err(_) => continue,
        };
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let ft = entry.file_type();
        let bytes = if ft.is_file() {
            std::fs::read(entry.path()).unwrap_or_else(|_| b"<unreadable>".to_vec())
        } else if ft.is_symlink() {
            let t = std::fs::read_link(entry.path()).unwrap();
            format!("-> {}", t.display()).into_bytes()
        } else if ft.is_dir() {
            b"<dir>".to_vec()
        } else {
            b"<special>".to_vec()
        };
        out.insert(rel, bytes);
    }
    out
}

/// What builds left in `dir` beside their output folders: names with `.gazette-` in them
/// (staging and old folders), but not the lock files, which stay by design.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".gazette-") && !n.ends_with(".gazette-lock"))
        .collect()
}

/// `unshare` with a private mount namespace in which a test may mount a small tmpfs: as
/// root `unshare -m`, else `unshare -rm` (a user namespace, where the kernel allows it).
/// None, with a note, when neither works.
pub fn mount_namespace() -> Option<Command> {
    // SAFETY: geteuid has no preconditions.
    let flags = if unsafe { libc::geteuid() } == 0 {
        "-m"
    } else {
        "-rm"
    };
    let works = Command::new("unshare")
        .args([flags, "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        eprintln!("note: unshare {flags} is not allowed here; skipping the tmpfs test");
        return None;
    }
    let mut cmd = Command::new("unshare");
    cmd.arg(flags);
    Some(cmd)
}

/// True when an external checker is on PATH. In CI a missing checker is a failure; locally
/// the check is skipped with a note.
pub fn have_tool(name: &str) -> bool {
    have(
        name,
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {name}")),
    )
}

/// True when `probe` succeeds, i.e. the checker `name` is available; as [`have_tool`].
pub fn have(name: &str, probe: &mut Command) -> bool {
    let found = probe.output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("note: {name} not installed; skipping that check");
    }
    found
}

/// Runs the Nu HTML checker (node_modules/vnu-jar, on Java) over `paths` (files or folders)
/// and panics with its report if it finds an error. Without the checker: a note, or a
/// failure in CI, as [`have_tool`].
pub fn assert_nu_valid(paths: &[PathBuf]) {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !have(
        "vnu-jar (npm install)",
        Command::new("test").arg("-f").arg(&jar),
    ) || !have_tool("java")
    {
        return;
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .args(paths)
        .output()
        .expect("run java");
    assert!(
        out.status.success(),
        "the Nu checker found errors:\n{}",
        stderr(&out)
    );
}
