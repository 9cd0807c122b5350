//! The built example site and fixtures through the external checkers: the Nu HTML checker,
//! xmllint, rss-lint --strict and feedparser. In CI every checker must be present (.ci/run
//! installs them); locally a missing one is skipped with a note.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{
    gazette, have, have_tool, repo, shared_dir, snapshot, stderr, TestSite, BASE,
};

/// Builds the repo's example site into a temp folder.
fn build_example() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let run = gazette()
        .arg("--root")
        .arg(repo())
        .args(["build", "--quiet", "--output"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    out
}

fn files_named(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    snapshot(dir)
        .into_keys()
        .filter(|k| k.to_string_lossy().ends_with(suffix))
        .map(|k| dir.join(k))
        .filter(|p| p.is_file())
        .collect()
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn xmllint_all(public: &Path) {
    if !have_tool("xmllint") {
        return;
    }
    let xml = files_named(public, ".xml");
    assert!(xml.len() >= 3);
    run_ok(Command::new("xmllint").arg("--noout").args(&xml), "xmllint");
}

fn rss_lint_all(public: &Path, base: &str) {
    if !have_tool("python3") {
        return;
    }
    let lint = shared_dir().join("tools/rss-lint.py");
    for feed in files_named(public, "rss.xml") {
        let rel = feed
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        run_ok(
            Command::new("python3")
                .arg(&lint)
                .args(["--strict", "--self-url", &format!("{base}{rel}")])
                .arg(&feed),
            &format!("rss-lint {rel}"),
        );
    }
}

fn feedparser_all(public: &Path) {
    if !have(
        "feedparser",
        Command::new("python3").args(["-c", "import feedparser"]),
    ) {
        return;
    }
    let mut feeds = files_named(public, "rss.xml");
    feeds.push(public.join("atom.xml"));
    feeds.push(public.join("feed.json"));
    run_ok(
        Command::new("python3")
            .arg(repo().join("tests/tools/feedcheck.py"))
            .args(&feeds),
        "feedparser",
    );
}

#[test]
fn example_site_feeds_pass_every_checker() {
    let out = build_example();
    let public = out.path().join("public");
    xmllint_all(&public);
    rss_lint_all(&public, "https://brief.example.org/");
    feedparser_all(&public);
}

#[test]
fn example_site_html_passes_the_nu_checker() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "vnu-jar is required in CI (npm install)"
        );
        eprintln!("note: node_modules/vnu-jar missing; skipping the Nu checker");
        return;
    }
    let out = build_example();
    let public = out.path().join("public");
    run_ok(
        Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .args(["--errors-only", "--skip-non-html"])
            .arg(&public),
        "vnu",
    );
}

#[test]
fn fixture_feeds_pass_every_checker() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let public = site.path("public");
    xmllint_all(&public);
    rss_lint_all(&public, "https://example.org/digest/");
    feedparser_all(&public);
}

/// Control characters and CDATA terminators in every field still give well-formed feeds.
#[test]
fn hostile_text_keeps_feeds_well_formed() {
    let site = TestSite::new("");
    site.write(
        "content/ctl.md",
        "---\ntitle: \"Bell \\a and escape \\e ]]> <&>\"\ndate: 2024-01-01\ntags: [\"t\\x01ag\", \"]]>\"]\nsummary: \"s\\x0b\\x0c ]]>\"\nauthor: \"A\\x1f\"\nsource: {name: \"S\\x02\", url: \"https://ex.org/a\"}\n---\nBody \u{1} with \u{7f} and \u{fffe} ]]> <b>x</b>\n",
    );
    site.build_ok(&[]);
    for f in [
        "rss.xml",
        "atom.xml",
        "feed.json",
        "2024/01/01/ctl/index.html",
    ] {
        let text = site.output(f);
        assert!(
            !text.chars().any(gazette::text::is_forbidden_char),
            "{f} has a control character"
        );
    }
    let public = site.path("public");
    xmllint_all(&public);
    rss_lint_all(&public, BASE);
    feedparser_all(&public);
}

/// Feeds carry article HTML in CDATA sections. Raw HTML passed through (`unsafe_html`) can
/// hold `]]>`, which must not end a section early.
#[test]
fn a_cdata_terminator_in_raw_html_keeps_feeds_well_formed() {
    let site = TestSite::new("[markdown]\nunsafe_html = true\n");
    site.write(
        "content/raw.md",
        "---\ntitle: Raw\ndate: 2024-01-01\n---\n<div title=\"x ]]> y\">z</div>\n",
    );
    site.build_ok(&[]);
    let rss = site.output("rss.xml");
    assert!(rss.contains("title=\"x ]]]]><![CDATA[> y\""), "{rss}");
    let public = site.path("public");
    xmllint_all(&public);
    rss_lint_all(&public, BASE);
    feedparser_all(&public);
}

/// A real feed reader: newsboat fetches the example site's feeds from `gazette serve` and
/// must store every item with an absolute link. (newsboat exits 0 even on a broken feed, so
/// its cache is read back with sqlite3.)
#[test]
fn newsboat_reads_every_item_with_an_absolute_link() {
    if !have_tool("newsboat") || !have_tool("sqlite3") {
        return;
    }
    let server = crate::support::Server::start(&repo(), &[]);
    let base = format!("http://127.0.0.1:{}/", server.port);
    let dir = tempfile::tempdir().unwrap();
    for feed in ["rss.xml", "atom.xml", "tags/rust/rss.xml"] {
        let served = server.get(&format!("/{feed}")).text();
        let expected = served.matches("<item>").count() + served.matches("<entry>").count();
        let urls = dir.path().join("urls");
        let cache = dir.path().join(format!("{}.db", feed.replace('/', "-")));
        std::fs::write(&urls, format!("{base}{feed}\n")).unwrap();
        run_ok(
            Command::new("newsboat")
                .arg("-u")
                .arg(&urls)
                .arg("-c")
                .arg(&cache)
                .arg("-x")
                .arg("reload"),
            "newsboat",
        );
        let count = |sql: &str| {
            let out = Command::new("sqlite3")
                .arg(&cache)
                .arg(sql)
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse::<usize>()
                .unwrap_or(0)
        };
        let items = count("select count(*) from rss_item");
        let absolute = count(&format!(
            "select count(*) from rss_item where url like '{base}%'"
        ));
        assert!(expected > 0, "{feed} has no items");
        assert_eq!(
            items, expected,
            "newsboat did not read every item of {feed}"
        );
        assert_eq!(items, absolute, "{feed}: every item needs an absolute link");
    }
}
