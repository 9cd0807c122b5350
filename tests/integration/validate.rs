//! The built example site and fixtures through our own feed rules (support/feedlint.rs) and
//! the external checkers: the Nu HTML checker, xmllint and feedparser. In CI every checker
//! must be present (.ci/run installs them); locally a missing one is skipped with a note.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::feedlint::assert_feeds_clean;
use crate::support::{
    assert_nu_valid, gazette, have, have_tool, repo, snapshot, stderr, TestSite, BASE,
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
    assert_feeds_clean(&public, "https://brief.example.org/");
    feedparser_all(&public);
}

#[test]
fn example_site_html_passes_the_nu_checker() {
    let out = build_example();
    assert_nu_valid(&[out.path().join("public")]);
}

#[test]
fn fixture_feeds_pass_every_checker() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let public = site.path("public");
    xmllint_all(&public);
    assert_feeds_clean(&public, "https://example.org/digest/");
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
    assert_feeds_clean(&public, BASE);
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
    assert_feeds_clean(&public, BASE);
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
        // What the reader shows: each item's content leads with the curator's summary,
        // then links to the original story.
        let sourced = count(
            "select count(*) from rss_item where content like '%Read the original at <a href=\"https://%'",
        );
        assert_eq!(sourced, items, "{feed}: an item without its source line");
    }
    let json: serde_json::Value = serde_json::from_str(&server.get("/feed.json").text()).unwrap();
    let first = &json["items"][0];
    let summary: String = first["summary"]
        .as_str()
        .unwrap()
        .chars()
        .take(40)
        .collect();
    let cache = dir.path().join("rss.xml.db");
    let out = Command::new("sqlite3")
        .arg(&cache)
        .arg(format!(
            "select content from rss_item where url = '{}'",
            first["url"]
                .as_str()
                .unwrap()
                .replace("https://brief.example.org/", &base)
        ))
        .output()
        .unwrap();
    let content = String::from_utf8_lossy(&out.stdout);
    let text = content
        .replace("<p>", "")
        .replace("<code>", "")
        .replace("</code>", "");
    assert!(
        text.starts_with(&summary),
        "{summary:?} should lead {content}"
    );
    let source = first["external_url"].as_str().unwrap();
    assert!(
        content.contains(&format!("<a href=\"{source}\">")),
        "{content}"
    );
}

/// Our feed rules catch what they are for: each broken feed below is reported.
#[test]
fn feed_rules_catch_the_mistakes_they_name() {
    use crate::support::feedlint::{lint_atom, lint_rss};
    let self_url = "https://ex.org/rss.xml";
    let rss = |channel: &str, item: &str| {
        format!(
            "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title><link>https://ex.org/</link><description>D</description>{channel}<item><title>A</title><link>https://ex.org/a/</link><guid>https://ex.org/a/</guid>{item}</item></channel></rss>"
        )
    };
    let good_self =
        "<atom:link href=\"https://ex.org/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>";
    assert_eq!(
        lint_rss(
            &rss(
                good_self,
                "<pubDate>Mon, 03 Jun 2024 10:00:00 +0000</pubDate>"
            ),
            self_url
        ),
        Vec::<String>::new()
    );
    for (channel, item, rule) in [
        ("", "", "no <atom:link"),
        (
            "<atom:link href=\"/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
            "",
            "self link",
        ),
        (
            good_self,
            "<pubDate>Tue, 03 Jun 2024 10:00:00 +0000</pubDate>",
            "weekday Tue",
        ),
        (
            good_self,
            "<pubDate>Mon, 03 Jun 24 10:00:00 +0000</pubDate>",
            "four-digit year",
        ),
        (
            good_self,
            "<description><![CDATA[<a href=\"#x\">x</a>]]></description>",
            "relative URLs",
        ),
        (
            good_self,
            "<description><![CDATA[<img src=\"//cdn.ex.org/i.png\">]]></description>",
            "relative URLs",
        ),
        (
            good_self,
            "<description>&lt;a href='x/'&gt;x&lt;/a&gt;</description>",
            "relative URLs",
        ),
        (
            good_self,
            "</item><item><title>B</title><guid>https://ex.org/a/</guid>",
            "already used",
        ),
    ] {
        let xml = rss(channel, item);
        let found = lint_rss(&xml, self_url).join("\n");
        assert!(
            found.contains(rule),
            "{rule:?} not reported for {xml}: {found}"
        );
    }
    let no_updated = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>https://ex.org/</id><title>T</title><updated>2024-06-03T10:00:00Z</updated><author><name>D</name></author><link rel=\"self\" href=\"https://ex.org/atom.xml\"/><entry><id>https://ex.org/a/</id><title>A</title></entry></feed>";
    let found = lint_atom(no_updated, "https://ex.org/atom.xml").join("\n");
    assert!(found.contains("entry 1 <updated>: missing"), "{found}");
    assert!(lint_rss(
        "<rss version=\"2.0\"><channel>\u{1}</channel></rss>",
        self_url
    )[0]
    .contains("does not allow"));
}
