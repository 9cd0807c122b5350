//! Digest features end to end: editions, archive, sources, feeds, pages, site files.

use crate::support::{snapshot, stderr, TestSite};

fn dated(site: &TestSite, name: &str, date: &str, extra: &str) {
    site.article(
        name,
        &format!("title: Story {name}\ndate: {date}\n{extra}"),
        &format!("Body of {name}."),
    );
}

/// Article titles in page order.
fn titles_in(html: &str) -> Vec<String> {
    html.split("class=\"story-title\"><a href=\"")
        .skip(1)
        .map(|p| p[p.find('>').unwrap() + 1..p.find("</a>").unwrap()].to_string())
        .collect()
}

#[test]
fn week_editions_follow_iso_weeks_across_year_boundaries() {
    let site = TestSite::new("[digest]\nedition = \"week\"\n");
    dated(&site, "a", "2020-12-31", ""); // 2020-w53
    dated(&site, "b", "2021-01-03", ""); // still 2020-w53
    dated(&site, "c", "2021-01-04", ""); // 2021-w01
    dated(&site, "d", "2024-12-30", ""); // 2025-w01
    dated(&site, "e", "2024-12-29", ""); // 2024-w52
    site.build_ok(&[]);
    let w53 = site.output("editions/2020-w53/index.html");
    assert_eq!(titles_in(&w53), ["Story b", "Story a"]);
    assert!(w53.contains("Week 53, 2020"));
    assert!(
        w53.contains("2020-12-28") && w53.contains("2021-01-03"),
        "date range"
    );
    assert_eq!(
        titles_in(&site.output("editions/2021-w01/index.html")),
        ["Story c"]
    );
    assert_eq!(
        titles_in(&site.output("editions/2025-w01/index.html")),
        ["Story d"]
    );
    assert_eq!(
        titles_in(&site.output("editions/2024-w52/index.html")),
        ["Story e"]
    );
}

#[test]
fn day_and_month_editions_and_front_matter_override() {
    let site = TestSite::new("[digest]\nedition = \"month\"\n");
    dated(&site, "a", "2023-12-31T23:30:00Z", "");
    dated(&site, "b", "2024-01-01T00:30:00Z", "");
    dated(&site, "c", "2024-01-20", "edition: Special Report");
    site.build_ok(&[]);
    assert_eq!(
        titles_in(&site.output("editions/2023-12/index.html")),
        ["Story a"]
    );
    assert_eq!(
        titles_in(&site.output("editions/2024-01/index.html")),
        ["Story b"]
    );
    assert!(site
        .output("editions/special-report/index.html")
        .contains("Special Report"));

    let daily = TestSite::new("timezone = \"America/New_York\"\n[digest]\nedition = \"day\"\n");
    // 02:00 UTC on Jan 1 is still Dec 31 in New York.
    dated(&daily, "a", "2024-01-01T02:00:00Z", "");
    dated(&daily, "b", "2024-01-01T12:00:00Z", "");
    daily.build_ok(&[]);
    assert_eq!(
        titles_in(&daily.output("editions/2023-12-31/index.html")),
        ["Story a"]
    );
    assert_eq!(
        titles_in(&daily.output("editions/2024-01-01/index.html")),
        ["Story b"]
    );
}

#[test]
fn editions_link_to_neighbours_and_archive_counts_them() {
    let site = TestSite::new("[digest]\nedition = \"week\"\nper_page = 2\n");
    dated(&site, "a", "2024-05-06", "");
    dated(&site, "b", "2024-05-07", "");
    dated(&site, "c", "2024-05-14", "");
    dated(&site, "d", "2024-05-28", "");
    site.build_ok(&[]);
    let middle = site.output("editions/2024-w20/index.html");
    assert!(
        middle.contains("editions/2024-w19/\"") && middle.contains("editions/2024-w22/\""),
        "prev and next"
    );
    let oldest = site.output("editions/2024-w19/index.html");
    assert!(!oldest.contains("editions/2024-w18/") && oldest.contains("editions/2024-w20/\""));
    // Archive: newest first, with counts, paginated by per_page.
    let archive = site.output("archive/index.html");
    let w22 = archive.find("2024-w22/").unwrap();
    let w20 = archive.find("2024-w20/").unwrap();
    assert!(w22 < w20, "newest first");
    assert!(site
        .output("archive/page/2/index.html")
        .contains("2024-w19/"));
    assert!(
        site.output("archive/page/2/index.html")
            .contains("2 stories"),
        "count of week 19"
    );
    // The front page leads with the latest edition.
    let index = site.output("index.html");
    assert!(index.find("Latest edition").unwrap() < index.find("Story d").unwrap());
}

#[test]
fn sources_get_pages_and_duplicate_urls_warn() {
    let site = TestSite::new("");
    dated(
        &site,
        "a",
        "2024-02-01",
        "source: {name: The Daily Sample, url: 'https://daily.example.com/x'}",
    );
    dated(
        &site,
        "b",
        "2024-02-02",
        "source: {name: The Daily Sample, url: 'https://daily.example.com/y'}",
    );
    dated(
        &site,
        "c",
        "2024-02-03",
        "source: {name: Other Wire, url: 'HTTPS://DAILY.example.com/x/'}",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/c.md") && err.contains("content/a.md") && err.contains("same story"),
        "{err}"
    );
    let daily = site.output("sources/the-daily-sample/index.html");
    assert_eq!(titles_in(&daily), ["Story b", "Story a"]);
    // Source pages are paginated like tag pages.
    let paged = TestSite::new("[digest]\nper_page = 1\n");
    dated(
        &paged,
        "a",
        "2024-02-01",
        "source: {name: Wire, url: 'https://w.example.com/a'}",
    );
    dated(
        &paged,
        "b",
        "2024-02-02",
        "source: {name: Wire, url: 'https://w.example.com/b'}",
    );
    paged.build_ok(&[]);
    assert_eq!(
        titles_in(&paged.output("sources/wire/index.html")),
        ["Story b"]
    );
    assert_eq!(
        titles_in(&paged.output("sources/wire/page/2/index.html")),
        ["Story a"]
    );
    let list = site.output("sources/index.html");
    assert!(list.contains("The Daily Sample") && list.contains("Other Wire"));
    let article = site.output("2024/02/01/a/index.html");
    assert!(
        article.contains(
            "Read the original at <a href=\"https://daily.example.com/x\">The Daily Sample</a>"
        ),
        "{article}"
    );
}

#[test]
fn standalone_pages_are_not_in_feeds_or_editions() {
    let site = TestSite::new("");
    dated(&site, "a", "2024-02-01", "");
    site.write(
        "content/pages/colophon.md",
        "---\ntitle: Colophon\n---\nHow this is made.\n",
    );
    site.build_ok(&[]);
    assert!(site
        .output("colophon/index.html")
        .contains("How this is made."));
    assert!(!site.output("rss.xml").contains("Colophon"));
    assert!(!site.output("atom.xml").contains("Colophon"));
    assert!(site
        .output("sitemap.xml")
        .contains("https://example.org/colophon/"));
}

fn feed_site() -> TestSite {
    let site = TestSite::new("[feeds]\nitems = 2\nauthor = \"The Desk\"\n");
    dated(&site, "old", "2024-03-01T10:00:00+01:00", "tags: [Alpha]");
    dated(
        &site,
        "mid",
        "2024-03-02T10:00:00Z",
        "tags: [Alpha, Beta]\nauthor: Ann Example\nsource: {name: Wire, url: 'https://wire.example.com/mid'}",
    );
    dated(
        &site,
        "new",
        "2024-03-03T10:00:00Z",
        "tags: [Beta]\nsummary: 'Fish & chips ]]> <b>bold</b>'",
    );
    site.build_ok(&[]);
    site
}

fn parse(bytes: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(bytes.as_bytes()).expect("feed parses")
}

#[test]
fn rss_has_exactly_the_newest_items() {
    let site = feed_site();
    let rss = site.output("rss.xml");
    let feed = parse(&rss);
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["Story new", "Story mid"]);
    let mid = &feed.entries[1];
    assert_eq!(mid.links[0].href, "https://example.org/2024/03/02/mid/");
    assert_eq!(
        mid.categories
            .iter()
            .map(|c| c.term.as_str())
            .collect::<Vec<_>>(),
        ["Alpha", "Beta"]
    );
    assert!(rss.contains("<pubDate>Sat, 02 Mar 2024 10:00:00 +0000</pubDate>"));
    // The item is the digest's; the journalist is credited in the source line. No RSS
    // `<source>`: its url would have to be the source's own feed.
    assert!(!rss.contains("<source"), "{rss}");
    assert!(!rss.contains("<dc:creator>Ann Example</dc:creator>"));
    assert_eq!(rss.matches("<dc:creator>The Desk</dc:creator>").count(), 2);
    let description = mid.summary.as_ref().unwrap().content.clone();
    assert!(
        description.contains("Read the original at <a href=\"https://wire.example.com/mid\">Wire</a>, by Ann Example."),
        "{description}"
    );
    assert!(rss.contains("<atom:link href=\"https://example.org/rss.xml\" rel=\"self\""));
}

#[test]
fn atom_parses_with_related_source_link() {
    let site = feed_site();
    let feed = parse(&site.output("atom.xml"));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/2024/03/03/new/",
            "https://example.org/2024/03/02/mid/"
        ]
    );
    let mid = &feed.entries[1];
    assert!(mid
        .links
        .iter()
        .any(|l| l.rel.as_deref() == Some("related") && l.href == "https://wire.example.com/mid"));
    assert!(mid.authors.is_empty(), "{:?}", mid.authors);
    assert_eq!(feed.authors[0].name, "The Desk");
    let content = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    // The summary is Markdown: `<b>` is benign raw HTML and survives; text is escaped once.
    assert!(
        content.starts_with("<p>Fish &amp; chips ]]&gt; <b>bold</b></p>"),
        "{content}"
    );
    let summary = feed.entries[0].summary.as_ref().unwrap().content.clone();
    assert_eq!(summary, "Fish & chips ]]> bold");
}

#[test]
fn json_feed_parses_with_external_url() {
    let site = feed_site();
    let text = site.output("feed.json");
    let feed = parse(&text);
    assert_eq!(feed.entries.len(), 2);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        json["items"][1]["external_url"],
        "https://wire.example.com/mid"
    );
    assert_eq!(
        json["items"][1]["tags"],
        serde_json::json!(["Alpha", "Beta"])
    );
    assert_eq!(json["items"][0]["summary"], "Fish & chips ]]> bold");
    assert_eq!(json["authors"], serde_json::json!([{"name": "The Desk"}]));
    assert!(json["items"][1].get("authors").is_none());
    let content = json["items"][1]["content_html"].as_str().unwrap();
    assert!(content.contains("Read the original at <a href=\"https://wire.example.com/mid\">Wire</a>, by Ann Example."), "{content}");
}

#[test]
fn tag_feeds_hold_only_their_tag() {
    let site = feed_site();
    let alpha = parse(&site.output("tags/alpha/rss.xml"));
    let titles: Vec<String> = alpha
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["Story mid", "Story old"]);
    assert!(site
        .output("tags/alpha/index.html")
        .contains("href=\"https://example.org/tags/alpha/rss.xml\""));
}

#[test]
fn summary_only_feeds_when_full_content_is_off() {
    let site = TestSite::new("[feeds]\nfull_content = false\ntags = false\n");
    site.article(
        "a",
        "title: A\ndate: 2024-01-01\nsummary: Short.\ntags: [untagged]",
        "Long body text here.",
    );
    site.build_ok(&[]);
    let rss = site.output("rss.xml");
    assert!(rss.contains("Short.") && !rss.contains("Long body text"));
    assert!(!site.output("atom.xml").contains("Long body text"));
    assert!(site.has_output("tags/index.html") && !site.has_output("tags/untagged/rss.xml"));
    assert!(snapshot(&site.path("public"))
        .keys()
        .map(|k| k.to_string_lossy())
        .all(|k| !k.starts_with("tags/") || !k.ends_with("rss.xml")));
}

#[test]
fn pages_carry_canonical_and_social_meta_and_advertise_feeds() {
    let site = TestSite::new("");
    site.article(
        "a",
        "title: Social & Card\ndate: 2024-01-01\nsummary: Seen in previews.\nimage: card.png",
        "Body.",
    );
    site.build_ok(&[]);
    let html = site.output("2024/01/01/a/index.html");
    for needle in [
        "<link rel=\"canonical\" href=\"https://example.org/2024/01/01/a/\">",
        "<meta property=\"og:title\" content=\"Social &amp; Card\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:image\" content=\"https://example.org/card.png\">",
        "<meta name=\"twitter:card\"",
        "<meta name=\"description\" content=\"Seen in previews.\">",
        "<link rel=\"alternate\" type=\"application/rss+xml\"",
        "<link rel=\"alternate\" type=\"application/atom+xml\"",
        "<link rel=\"alternate\" type=\"application/feed+json\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert!(site
        .output("robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains(
            "<url><loc>https://example.org/2024/01/01/a/</loc><lastmod>2024-01-01</lastmod></url>"
        ),
        "{sitemap}"
    );
    assert!(site.output("404.html").contains("https://example.org/"));
    // A site's own robots.txt replaces the generated one, without a warning; a page
    // gazette generates is still not replaced by a static file.
    let rules = "User-agent: *\nDisallow: /drafts/\n";
    site.write("static/robots.txt", rules);
    site.write("static/sitemap.xml", "<urlset/>");
    let err = crate::support::stderr(&site.build_ok(&[]));
    assert_eq!(site.output("robots.txt"), rules);
    assert!(!err.contains("robots.txt"), "{err}");
    assert!(
        err.contains("static/sitemap.xml: warning: not copied"),
        "{err}"
    );
    assert!(site.output("sitemap.xml").contains("<loc>"));
}

#[test]
fn edition_none_gives_one_ungrouped_front_page() {
    let site = TestSite::new("[digest]\nedition = \"none\"\n");
    dated(&site, "a", "2024-01-01", "");
    dated(&site, "b", "2024-03-01", "");
    site.build_ok(&[]);
    assert_eq!(
        titles_in(&site.output("index.html")),
        ["Story b", "Story a"]
    );
    assert!(!site.has_output("editions"));
    assert!(!site.output("index.html").contains("Latest edition"));
}

/// Build and import agree on what is the same story: `www.`, tracking parameters, case of
/// the host and a trailing slash do not make a new one.
#[test]
fn build_and_import_agree_on_the_same_story() {
    let site = TestSite::new("");
    site.article(
        "2024-05-06-first",
        "title: First\ndate: 2024-05-06\nsource: {name: Ex, url: 'https://Www.Ex.org/story/?utm_source=feed'}",
        "x",
    );
    site.article(
        "2024-05-07-again",
        "title: Again\ndate: 2024-05-07\nsource: {name: Ex, url: 'https://ex.org/story'}",
        "x",
    );
    let out = site.build_ok(&[]);
    assert!(
        stderr(&out).contains("runs the same story as"),
        "{}",
        stderr(&out)
    );
    site.write(
        "capture.txt",
        "Some Headline\n\nhttps://ex.org/story#comments\n\nA paragraph of text about it.\n",
    );
    let capture = site.path("capture.txt");
    let out = site.run(&[
        "import",
        capture.to_str().unwrap(),
        "--source-url",
        "http://www.ex.org/story/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("first.md"), "{}", stderr(&out));
}

/// Sources and tags are listed as a reader looks for them, case and diacritics aside:
/// `Ünïcode Times` between `Tide Tables` and `Wire`, `Ärzte` before `Bahn`.
#[test]
fn sources_and_tags_are_listed_in_reading_order() {
    let site = TestSite::new("");
    for (n, (source, tag)) in [
        ("Wire", "Bahn"),
        ("Ünïcode Times", "Ärzte"),
        ("Tide Tables", "zoo"),
    ]
    .iter()
    .enumerate()
    {
        site.article(
            &format!("s{n}"),
            &format!("title: Story {n}\ndate: 2024-05-0{}\ntags: [{tag}]\nsource:\n  name: {source}\n  url: https://example.net/{n}", n + 1),
            "Body.",
        );
    }
    site.build_ok(&[]);
    let order = |html: &str, names: &[&str]| {
        let at: Vec<usize> = names
            .iter()
            .map(|n| html.find(n).unwrap_or_else(|| panic!("{n}: {html}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?}: {at:?}");
    };
    order(
        &site.output("sources/index.html"),
        &["Tide Tables", "Ünïcode Times", "Wire"],
    );
    order(&site.output("tags/index.html"), &["Ärzte", "Bahn", "zoo"]);
}

/// Two stories naming one old URL: the first listed (the newer) keeps the redirect, and the
/// other's warning names the story that has it.
#[test]
fn an_old_url_claimed_twice_is_a_warning_naming_both() {
    let site = TestSite::new("");
    site.article("a", "title: A\ndate: 2021-01-01\nredirect_from: /old/", "x");
    site.article("b", "title: B\ndate: 2021-01-02\nredirect_from: /old/", "y");
    let err = crate::support::stderr(&site.build_ok(&[]));
    assert!(
        err.contains("a.md: warning: no redirect from /old/: ")
            && err.contains("b.md already redirects from there"),
        "{err}"
    );
    assert!(site.output("old/index.html").contains("2021/01/02/b/"));
}
