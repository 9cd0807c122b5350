//! The curator commands through the real binary: `init`, `new` and `check`.

use std::path::PathBuf;

use assert_cmd::prelude::*;

use crate::support::{fixture_path, gazette_in, stderr, stdout, TestSite};

// -----------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gazette_in(tmp.path())
        .args(["init", "new-site"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("next steps"), "{}", stdout(&out));
    let site = tmp.path().join("new-site");
    for f in ["site.toml", "content/pages/about.md", "static", "templates"] {
        assert!(site.join(f).exists(), "{f} missing");
    }
    assert!(
        !site.join("themes").exists(),
        "the default theme comes from the binary"
    );
    let out = gazette_in(&site).arg("build").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("How to write a story for this digest"));
    let rss = std::fs::read_to_string(site.join("public/rss.xml")).unwrap();
    assert!(rss.contains("<item>"), "{rss}");
    assert!(site.join("public/about/index.html").exists());
    // A new site has one thing to fix before publishing: its placeholder address.
    let out = gazette_in(&site).args(["check"]).output().unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "site.toml:8:1: warning: `base_url` is still the placeholder `https://example.org/`"
        ),
        "{}",
        stdout(&out)
    );
    let strict = gazette_in(&site)
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let real = toml.replace("https://example.org/", "https://brief.example.co.uk/");
    std::fs::write(site.join("site.toml"), real).unwrap();
    let out = gazette_in(&site)
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = gazette_in(tmp.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert!(stderr(&out).contains("notes.txt"), "{}", stderr(&out));
    assert!(!tmp.path().join("site.toml").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn init_accepts_a_folder_with_only_dotfiles() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "/out\n").unwrap();
    gazette_in(tmp.path()).arg("init").assert().success();
    assert!(tmp.path().join("site.toml").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "/out\n",
        "an existing .gitignore is kept"
    );
}

#[test]
fn init_eject_theme_writes_an_editable_theme() {
    let tmp = tempfile::tempdir().unwrap();
    gazette_in(tmp.path())
        .args(["init", "s", "--eject-theme"])
        .assert()
        .success();
    let site = tmp.path().join("s");
    let index = site.join("themes/default/templates/index.html");
    assert!(index.exists());
    let text = std::fs::read_to_string(&index).unwrap();
    let edited = text.replacen(
        "{% block content %}",
        "{% block content %}<!-- ejected theme in use -->",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&index, edited).unwrap();
    gazette_in(&site).arg("build").assert().success();
    let built = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(built.contains("ejected theme in use"));
}

// -----------------------------------------------------------------------------------------
// new

fn new_article(site: &TestSite, args: &[&str]) -> PathBuf {
    let out = gazette_in(site.root())
        .arg("new")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out).trim().to_string();
    assert!(printed.starts_with("content/"), "{printed}");
    site.path(&printed)
}

#[test]
fn new_writes_a_draft_built_only_with_drafts() {
    let site = TestSite::init();
    let path = new_article(
        &site,
        &[
            "Sample: the council votes",
            "--tag",
            "Local",
            "--tag",
            "politics",
            "--source-url",
            "https://example.org/council",
            "--source-name",
            "Example Times",
        ],
    );
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with("-sample-the-council-votes.md") && name.as_bytes()[4] == b'-',
        "{name}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("draft: true"), "{text}");

    gazette_in(site.root()).arg("build").assert().success();
    let index = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(!index.contains("the council votes"));

    gazette_in(site.root())
        .args(["build", "--drafts"])
        .assert()
        .success();
    let index = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(index.contains("Sample: the council votes"));
    // The preview marks the draft, and only the draft (the example article is published).
    let card = |title: &str| {
        let at = index.find(title).unwrap();
        let end = at + index[at..].find("</article>").unwrap();
        index[at..end].to_string()
    };
    assert!(card("Sample: the council votes").contains("<span class=\"draft-badge\">Draft</span>"));
    assert!(!card("How to write a story").contains("draft-badge"));
    assert_eq!(index.matches("draft-badge").count(), 1);
    assert!(site.path("public/tags/local/index.html").exists());
    let sources = std::fs::read_to_string(site.path("public/sources/index.html")).unwrap();
    assert!(sources.contains("Example Times"));
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::init();
    let first = new_article(&site, &["Same title"]);
    std::fs::write(
        &first,
        std::fs::read_to_string(&first).unwrap() + "\nmine\n",
    )
    .unwrap();
    let second = new_article(&site, &["Same title"]);
    let third = new_article(&site, &["Same title"]);
    assert_ne!(first, second);
    assert!(
        second.to_string_lossy().ends_with("-same-title-2.md"),
        "{second:?}"
    );
    assert!(
        third.to_string_lossy().ends_with("-same-title-3.md"),
        "{third:?}"
    );
    assert!(std::fs::read_to_string(&first).unwrap().ends_with("mine\n"));
    // Both build, at different URLs.
    let out = gazette_in(site.root())
        .args(["build", "--drafts"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn new_titles_with_yaml_syntax_round_trip() {
    let site = TestSite::init();
    let title = r#"Rust: a "retrospective" #1 - 'quoted' [x] {y} & \ done"#;
    let path = new_article(&site, &[title, "--tag", "a: b", "--tag", "#hash"]);
    let text = std::fs::read_to_string(&path).unwrap();
    let split = gazette::content::frontmatter::split(&text).unwrap();
    let map = gazette::content::frontmatter::parse_yaml(&split).unwrap();
    assert_eq!(map["title"].value, serde_json::json!(title));
    assert_eq!(map["tags"].value, serde_json::json!(["a: b", "#hash"]));

    let out = gazette_in(site.root())
        .args(["build", "--drafts"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(
        index.contains("Rust: a \u{201c}retrospective\u{201d} #1 - \u{2018}quoted\u{2019}"),
        "title missing from index.html"
    );
}

#[test]
fn new_rejects_a_relative_source_url_as_a_usage_error() {
    let site = TestSite::init();
    let out = gazette_in(site.root())
        .args(["new", "T", "--source-url", "example.org/story"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("absolute http(s) URL"),
        "{}",
        stderr(&out)
    );
    let out = gazette_in(site.root())
        .args(["new", "T", "--source-name", "Only a name"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let drafts = std::fs::read_dir(site.path("content")).unwrap().count();
    assert_eq!(drafts, 2, "nothing written: the example article and pages/");
}

#[test]
fn new_warns_when_the_story_is_already_in_the_digest() {
    let site = TestSite::init();
    let first = new_article(
        &site,
        &[
            "Harbour reopens",
            "--source-url",
            "https://example.org/harbour",
        ],
    );
    // The same story: the URL differs only in what story identity ignores.
    let out = gazette_in(site.root())
        .args([
            "new",
            "Another take",
            "--source-url",
            "https://www.example.org/harbour/",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = first
        .strip_prefix(site.root())
        .unwrap()
        .display()
        .to_string();
    let warning = format!("may already be in the digest: {shown} has the same source URL");
    assert!(stderr(&out).contains(&warning), "{}", stderr(&out));
    // A different story gets no warning; the draft is still written either way.
    let out = gazette_in(site.root())
        .args([
            "new",
            "Ferry timetable",
            "--source-url",
            "https://example.org/ferry",
        ])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("already"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(site.path("content")).unwrap().count(), 5);
    // From the folder above, with a relative --root: the path is named once, as given.
    let (parent, name) = (
        site.root().parent().unwrap(),
        site.root().file_name().unwrap(),
    );
    let out = gazette_in(parent)
        .arg("--root")
        .arg(name)
        .args(["new", "Harbour reopens"])
        .output()
        .unwrap();
    let shown = std::path::Path::new(name)
        .join(&shown)
        .display()
        .to_string();
    let warning = format!("may already be in the digest: {shown} has the same title");
    assert!(stderr(&out).contains(&warning), "{}", stderr(&out));
}

#[test]
fn new_outside_a_site_suggests_init() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gazette_in(tmp.path()).args(["new", "T"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("gazette init"), "{}", stderr(&out));
    assert!(!tmp.path().join("content").exists());
}

// -----------------------------------------------------------------------------------------
// check

/// The findings to compare exactly: `N days ago` varies with today's date, and the links
/// article's findings appear only once the markdown branch fills `Rendered.links` (asserted
/// by `check_reports_broken_links_and_missing_images`).
fn without_day_counts(s: &str) -> String {
    s.lines()
        .filter(|l| !l.starts_with(LINKS_ARTICLE))
        .map(|l| match l.find(" days ago") {
            Some(end) => {
                let start = l[..end].rfind(' ').unwrap() + 1;
                format!("{}N{}", &l[..start], &l[end..])
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const LINKS_ARTICLE: &str = "content/2024-03-07-links.md";

const EXPECTED_FINDINGS: &str = "\
content/2020-01-15-forgotten-draft.md:6: warning: draft (`draft: true`) dated 2020-01-15, N days ago: publish it with a current date, or delete it
content/2024-03-03-no-summary.md:1: warning: no summary: the article's opening (its first paragraph, or the part before `<!-- more -->`) stands in; add `summary:` in your own words
content/2024-03-03-no-summary.md:5:9: warning: unknown key `sumary`: did you mean `summary`?
content/2024-03-04-no-source.md:1: warning: no source: add `source: {name, url}` pointing to the original story
content/2024-03-05-same-story.md:5: warning: runs the same story as content/2024-03-01-good-one.md:4 (source URL https://EX.org/one/); a digest should not run a story twice
content/2024-03-06-tag-typo.md:6: warning: tag `scince` is used only here; did you mean `science` (4 stories)?";

#[test]
fn check_reports_each_planted_problem_with_file_and_line() {
    let out = gazette_in(&fixture_path("check"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings alone exit 0");
    assert_eq!(without_day_counts(&stdout(&out)), EXPECTED_FINDINGS);
    assert!(
        stderr(&out).contains("check: 0 errors, "),
        "{}",
        stderr(&out)
    );
    assert!(
        !fixture_path("check").join("public").exists(),
        "check must not write anything"
    );
}

#[test]
fn check_strict_fails_on_warnings() {
    let out = gazette_in(&fixture_path("check"))
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(without_day_counts(&stdout(&out)), EXPECTED_FINDINGS);
}

#[test]
fn check_with_drafts_checks_drafts_like_stories() {
    let out = gazette_in(&fixture_path("check"))
        .args(["check", "--drafts"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("content/2020-01-15-forgotten-draft.md:6: warning: draft (`draft: true`) dated 2020-01-15"),
        "{text}"
    );
    // The draft is now one more `science` story.
    assert!(
        text.contains("did you mean `science` (5 stories)?"),
        "{text}"
    );
}

#[test]
fn check_json_lists_the_same_findings() {
    let out = gazette_in(&fixture_path("check"))
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let findings: Vec<serde_json::Value> = findings
        .into_iter()
        .filter(|f| f["path"] != LINKS_ARTICLE)
        .collect();
    assert_eq!(findings.len(), EXPECTED_FINDINGS.lines().count());
    let typo = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("scince"))
        .unwrap();
    assert_eq!(typo["severity"], "warning");
    assert_eq!(typo["path"], "content/2024-03-06-tag-typo.md");
    assert_eq!(typo["line"], 6);
    assert_eq!(typo["column"], serde_json::Value::Null);
    let key = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("sumary"))
        .unwrap();
    assert_eq!(
        (key["line"].as_u64(), key["column"].as_u64()),
        (Some(5), Some(9))
    );
}

#[test]
fn check_errors_exit_1_and_name_file_and_line() {
    let site = TestSite::fixture("check");
    std::fs::write(
        site.path("content/2024-03-08-bad-date.md"),
        "---\ntitle: Bad\ntags: [science]\ndate: 2024-02-30\n---\nbody\n",
    )
    .unwrap();
    let out = gazette_in(site.root()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("content/2024-03-08-bad-date.md:4:7: error: `date`:"),
        "{text}"
    );
    assert!(!site.path("public").exists());
    let out = gazette_in(site.root())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(findings.iter().any(|f| f["severity"] == "error"));
}

#[test]
fn check_without_a_site_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gazette_in(tmp.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("gazette init"), "{}", stdout(&out));
}

/// Links and images are checked against the pages and files the build produces.
#[test]
fn check_reports_broken_links_and_missing_images() {
    let out = gazette_in(&fixture_path("check"))
        .arg("check")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("content/2024-03-07-links.md:9: warning: link `/2024/03/no-such-story/` points to no page"),
        "{text}"
    );
    assert!(
        text.contains("content/2024-03-07-links.md:11: warning: image `chart.png` does not exist"),
        "{text}"
    );
    assert!(!text.contains("`/about/`"), "{text}");
    assert!(!text.contains("good-two.md"), "{text}");
    // Fragments are checked against the ids of the page they lead to (the heading's here).
    assert!(
        text.contains("content/2024-03-07-links.md:15: warning: link `#analysis` points to no element with id `analysis` on /2024/03/links/\n"),
        "{text}"
    );
    assert!(!text.contains("`#background`"), "{text}");
    // A link to a draft's URL says which draft.
    assert!(
        text.contains("content/2024-03-07-links.md:16: warning: link `/2020/01/forgotten-draft/` points to no page: the built site has no /2020/01/forgotten-draft/; that is where content/2020-01-15-forgotten-draft.md would be published, but it is a draft\n"),
        "{text}"
    );
}

/// A front-matter summary's links are checked as the body's are, at the summary's line:
/// the summary is what the front page, the feeds and the email show.
#[test]
fn check_reports_broken_links_in_a_summary() {
    let site = TestSite::new("");
    site.article(
        "2024-03-07-pier",
        "title: Pier\nsummary: See [the old pier](/2019/01/gone/) and [ours](/about/).",
        "Body with no links.",
    );
    site.write("content/pages/about.md", "---\ntitle: About\n---\nUs.\n");
    let text = stdout(&site.run(&["check"]));
    assert!(
        text.contains(
            "content/2024-03-07-pier.md:3: warning: link `/2019/01/gone/` points to no page"
        ),
        "{text}"
    );
    assert!(!text.contains("`/about/`"), "{text}");
}
