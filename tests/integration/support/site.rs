//! A site in a temporary folder, and the real `gazette` binary run on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{copy_dir, fixture_path, gazette, gazette_in, markdown, BASE};

/// A site in `site/` of a temporary folder (so files beside the site, outside it, can be
/// created too). Commands run from the temporary folder.
pub struct TestSite {
    /// The temporary folder; removed on drop.
    pub tmp: tempfile::TempDir,
    root: PathBuf,
}

impl TestSite {
    /// No site yet: `site/` does not exist.
    fn blank() -> TestSite {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("site");
        TestSite { tmp, root }
    }

    /// A site with a minimal site.toml plus `extra_toml` appended.
    pub fn new(extra_toml: &str) -> TestSite {
        TestSite::with_config(&format!(
            "title = \"Test Digest\"\nbase_url = \"{BASE}\"\ndescription = \"A test site.\"\n{extra_toml}"
        ))
    }

    /// A site with just this site.toml.
    pub fn with_config(site_toml: &str) -> TestSite {
        let site = TestSite::blank();
        site.write("site.toml", site_toml);
        site
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::blank();
        copy_dir(&fixture_path(name), site.root());
        site
    }

    /// A new site made by `gazette init site`.
    pub fn init() -> TestSite {
        let site = TestSite::blank();
        let out = gazette_in(site.tmp.path())
            .args(["init", "site"])
            .output()
            .expect("run gazette init");
        assert!(out.status.success(), "{}", super::stderr(&out));
        site
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The default output folder, `public/`.
    pub fn public(&self) -> PathBuf {
        self.path("public")
    }

    /// Writes a file (creating folders); returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `content/<name>.md` with the given front-matter lines and body.
    pub fn article(&self, name: &str, front_matter: &str, body: &str) {
        self.write(
            &format!("content/{name}.md"),
            markdown(&format!("{front_matter}\n"), &format!("{body}\n")),
        );
    }

    /// `gazette --root SITE <args>`, from the temporary folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = gazette();
        cmd.current_dir(self.tmp.path())
            .arg("--root")
            .arg(self.root())
            .args(args);
        cmd
    }

    /// Runs `gazette --root SITE <args>`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run gazette")
    }

    /// Runs `gazette <args>` from inside the site folder, as a curator would.
    pub fn run_inside(&self, args: &[&str]) -> Output {
        gazette_in(self.root())
            .args(args)
            .output()
            .expect("run gazette")
    }

    /// Runs `gazette build --output SITE/public <extra>`.
    pub fn build(&self, extra: &[&str]) -> Output {
        let out = self.public();
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

    /// A built file's text.
    pub fn output(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    pub fn has_output(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }
}
