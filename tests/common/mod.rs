//! Shared helpers for the integration tests: throwaway sites in temp folders, and the real
//! `gazette` binary run on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BASE: &str = "https://example.org/";

pub fn gazette() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A site in a temp folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with a minimal site.toml plus `extra_toml` appended.
    pub fn new(extra_toml: &str) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        site.write("site.toml", &format!("title = \"Test Digest\"\nbase_url = \"{BASE}\"\ndescription = \"A test site.\"\n{extra_toml}"));
        site
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&src, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// `content/<name>.md` with the given front-matter lines and body.
    pub fn article(&self, name: &str, front_matter: &str, body: &str) {
        self.write(
            &format!("content/{name}.md"),
            &format!("---\n{front_matter}\n---\n{body}\n"),
        );
    }

    /// Runs `gazette --root SITE <args>`; for `build`, output goes to SITE/public.
    pub fn run(&self, args: &[&str]) -> Output {
        gazette()
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run gazette")
    }

    /// Runs `gazette <args>` from inside the site folder, as a curator would.
    pub fn run_inside(&self, args: &[&str]) -> Output {
        gazette()
            .current_dir(self.root())
            .args(args)
            .output()
            .expect("run gazette")
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let out = self.path("public");
        let mut args = vec!["build", "--output", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds and panics with stderr when the build fails.
    pub fn build_ok(&self, extra: &[&str]) -> Output {
        let out = self.build(extra);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn output(&self, rel: &str) -> String {
        let p = self.path("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    pub fn has_output(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn copy_dir(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative path -> bytes), for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// True when an external checker is on PATH. In CI a missing checker is a failure; locally
/// the check is skipped with a note.
pub fn have_tool(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("note: {name} not installed; skipping that check");
    }
    found
}

/// The repo's shared/ folder (next to the repo root), where rss-lint.py lives.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}
