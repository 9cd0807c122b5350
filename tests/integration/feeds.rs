//! Feeds as a subscriber gets them (tests/fixtures/feeds: footnotes, raw HTML images and
//! links, links that climb out of their folder, a base URL with a path): every URL in every
//! feed is absolute and every one on this site leads to something built; items are the
//! curator's summary, a line linking to the original, then the curator's text.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::feedlint::{
    assert_feeds_clean, feed_problems, html_urls, is_absolute_http, parse_xml,
};
use crate::support::{snapshot, TestSite};

const BASE: &str = "https://example.org/notes/";

/// The fixture built as it is, and with `unsafe_html = true` (raw HTML passed through).
fn builds() -> Vec<TestSite> {
    let sanitized = TestSite::fixture("feeds");
    let raw = TestSite::fixture("feeds");
    let config =
        read(&raw, "site.toml").replace("[feeds]", "[markdown]\nunsafe_html = true\n\n[feeds]");
    raw.write("site.toml", &config);
    for site in [&sanitized, &raw] {
        site.build_ok(&[]);
    }
    vec![sanitized, raw]
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap()
}

/// Every URL a feed holds: links, ids, and the attributes of its items' HTML.
fn feed_urls(public: &Path, rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(public.join(rel)).unwrap();
    if rel.ends_with(".json") {
        let feed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut urls = vec![feed["home_page_url"].as_str().unwrap().to_string()];
        for item in feed["items"].as_array().unwrap() {
            for key in ["url", "external_url"] {
                urls.extend(item[key].as_str().map(str::to_string));
            }
            let html = item["content_html"].as_str().unwrap();
            urls.extend(html_urls(html).into_iter().map(|(_, _, v)| v));
        }
        return urls;
    }
    let root = parse_xml(&text).unwrap();
    let mut urls = Vec::new();
    for el in root.descendants() {
        match el.name.as_str() {
            "link" | "atom:link" if el.attr("href").is_some() => {
                urls.push(el.attr("href").unwrap().to_string())
            }
            "link" | "guid" => urls.push(el.text.trim().to_string()),
            "description" | "content" if el.text.contains('<') => {
                urls.extend(html_urls(&el.text).into_iter().map(|(_, _, v)| v))
            }
            _ => {}
        }
    }
    urls
}

/// The output file a site URL names, and the fragment.
fn output_file(url: &str) -> (String, Option<String>) {
    let rest = url.strip_prefix(BASE).unwrap();
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (rest, None),
    };
    let path = path.split('?').next().unwrap();
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    (file, fragment)
}

#[test]
fn every_feed_url_is_absolute_and_every_internal_one_exists() {
    for site in builds() {
        let public = site.path("public");
        let feeds: Vec<String> = snapshot(&public)
            .into_keys()
            .map(|k| k.to_string_lossy().replace('\\', "/"))
            .filter(|k| k.ends_with("rss.xml") || k == "atom.xml" || k == "feed.json")
            .collect();
        assert_eq!(feeds.len(), 6, "{feeds:?}");
        let mut internal = BTreeSet::new();
        for feed in &feeds {
            for url in feed_urls(&public, feed) {
                if url.starts_with("mailto:") {
                    continue;
                }
                assert!(is_absolute_http(&url), "{feed}: {url:?} is not absolute");
                assert!(!url.split('/').any(|s| s == ".."), "{feed}: {url}");
                if url.starts_with(BASE) {
                    internal.insert(url);
                }
            }
        }
        for url in &internal {
            let (file, fragment) = output_file(url);
            let path = public.join(&file);
            assert!(path.is_file(), "{url}: the site has no {file}");
            if let Some(id) = fragment {
                let page = std::fs::read_to_string(&path).unwrap();
                assert!(
                    page.contains(&format!("id=\"{id}\"")),
                    "{url}: no #{id} on {file}"
                );
            }
        }
        // What the fixture's articles link to, each where the browser would take it.
        for expected in [
            "2024/tide-chart.svg",
            "images/2016-04/flow.svg",
            "img/logo.svg",
            "2024/05/tide-tables/#tide-tables-fn-1",
            "2024/05/tide-tables/#notes",
            "2024/05/tide-tables/?page=2",
            "2024/05/crane-lease/#after",
            "2016/04/old-quay/",
        ] {
            let url = format!("{BASE}{expected}");
            assert!(internal.contains(&url), "no {url} in {internal:#?}");
        }
        let rss = site.output("rss.xml");
        assert!(rss.contains("\"https://docs.example.net/tides/reference\""));
        assert!(rss.contains("\"https://lessor.example.com/\""));
        assert_feeds_clean(&public, BASE);
    }
}

#[test]
fn pages_keep_fragment_links_and_resolve_the_rest() {
    let site = &builds()[0];
    let page = site.output("2024/05/tide-tables/index.html");
    assert!(page.contains("href=\"#notes\""), "{page}");
    assert!(page.contains("href=\"#tide-tables-fn-1\""), "{page}");
    assert!(page.contains("src=\"https://example.org/notes/2024/tide-chart.svg\""));
    assert!(page.contains("href=\"https://example.org/notes/2024/05/crane-lease/\""));
    let old = site.output("2016/04/old-quay/index.html");
    assert!(old.contains("src=\"https://example.org/notes/images/2016-04/flow.svg\""));
    // Climbing past the root stops at the site's root, base path kept.
    assert!(old.contains("href=\"https://example.org/notes/\""), "{old}");
    assert!(!old.contains("/../"), "{old}");
}

#[test]
fn check_reports_a_dead_link_where_build_points_it() {
    let site = TestSite::fixture("feeds");
    let story = "content/2016-04-19-old-quay.md";
    let text = read(&site, story) + "\nA lost map: ![map](../../../images/missing-map.svg)\n";
    site.write(story, &text);
    let out = site.run(&["check"]);
    let report = crate::support::stdout(&out) + &crate::support::stderr(&out);
    let line = text.lines().count();
    let expected = format!(
        "{story}:{line}: warning: image `../../../images/missing-map.svg` does not exist: the built site has no /images/missing-map.svg (the page links to https://example.org/notes/images/missing-map.svg)"
    );
    assert!(report.contains(&expected), "{report}");
    site.build_ok(&[]);
    assert!(site
        .output("2016/04/old-quay/index.html")
        .contains("src=\"https://example.org/notes/images/missing-map.svg\""));
}

fn tide_item(text: &str) -> feed_rs::model::Entry {
    let feed = feed_rs::parser::parse(text.as_bytes()).expect("feed parses");
    feed.entries
        .into_iter()
        .find(|e| e.title.as_ref().unwrap().content.contains("tide tables"))
        .expect("the tide story")
}

const SUMMARY: &str =
    "<p>The port authority republished its tide tables, now with <em>hourly</em> heights.</p>";
const SOURCE_LINE: &str = "<p>Read the original at <a href=\"https://port.example.net/tides-2024\">Port Gazette</a>, by Mara Quill and Tobias Fenn.</p>";

#[test]
fn items_are_summary_then_source_line_then_body() {
    let site = &builds()[0];
    for feed in ["rss.xml", "atom.xml", "feed.json", "tags/harbour/rss.xml"] {
        let item = tide_item(&site.output(feed));
        let html = match &item.content {
            Some(c) => c.body.clone().unwrap(),
            None => item.summary.as_ref().unwrap().content.clone(),
        };
        let expected = format!("{SUMMARY}\n{SOURCE_LINE}\n<p>The tables now give");
        assert!(html.starts_with(&expected), "{feed}: {html}");
        assert!(html.contains("metres above chart datum"), "{feed}");
        // The digest is the author; the journalists are credited in the source line only.
        let authors: Vec<&str> = item.authors.iter().map(|a| a.name.as_str()).collect();
        assert!(!authors.contains(&"Mara Quill"), "{feed}: {authors:?}");
    }
    let rss = site.output("rss.xml");
    assert!(rss.contains("<dc:creator>The Harbour Notes desk</dc:creator>"));
    assert!(!rss.contains("<source"));
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(json["authors"][0]["name"], "The Harbour Notes desk");
}

#[test]
fn summary_only_feeds_keep_the_source_line() {
    let site = TestSite::fixture("feeds");
    let config = read(&site, "site.toml").replace("[feeds]", "[feeds]\nfull_content = false");
    site.write("site.toml", &config);
    site.build_ok(&[]);
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let item = tide_item(&site.output(feed));
        let html = match &item.content {
            Some(c) => c.body.clone().unwrap(),
            None => item.summary.as_ref().unwrap().content.clone(),
        };
        assert_eq!(
            html.trim_end(),
            format!("{SUMMARY}\n{SOURCE_LINE}"),
            "{feed}"
        );
    }
}

/// A summary taken from the body (the part before `<!-- more -->`, headings and all) is
/// said once in an item, however the list version of it differs from the body's start.
#[test]
fn a_summary_from_the_body_is_not_repeated() {
    let site = TestSite::new("");
    site.article(
        "2024-05-06-excerpt",
        "title: Excerpt\ndate: 2024-05-06\nsource: {name: Ex, url: 'https://ex.org/a'}",
        "## Why it matters\n\nThe ferry timetable changes on Monday.\n\n<!-- more -->\n\nThe rest of the story.",
    );
    site.article(
        "2024-05-07-first",
        "title: First paragraph\ndate: 2024-05-07",
        "Only the opening lines stand in for a summary.\n\nThen more text.",
    );
    site.build_ok(&[]);
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let parsed = feed_rs::parser::parse(site.output(feed).as_bytes()).expect("feed parses");
        // The item's content (Atom and JSON Feed also carry a plain-text summary field).
        let content: Vec<String> = parsed
            .entries
            .iter()
            .map(|e| match &e.content {
                Some(c) => c.body.clone().unwrap(),
                None => e.summary.as_ref().unwrap().content.clone(),
            })
            .collect();
        let all = content.join("\n");
        for once in [
            "The ferry timetable changes on Monday.",
            "Only the opening lines",
        ] {
            assert_eq!(all.matches(once).count(), 1, "{feed}: {once}\n{all}");
        }
        assert!(all.contains("The rest of the story."), "{feed}");
        assert!(all.contains("Read the original at"), "{feed}");
    }
}

/// A history digest: a story older than its zone's standard time (Berlin kept local mean
/// time, +00:53:28, until 1893) and one older than 1970. The site builds, email edition
/// included, and every date is one RFC 822 and RFC 3339 can write.
#[test]
fn stories_before_standard_time_and_before_1970_get_valid_dates() {
    let site = TestSite::new("timezone = \"Europe/Berlin\"\n");
    site.article(
        "census",
        "title: The 1880 census\ndate: 1880-12-01",
        "Counted.",
    );
    site.article("moon", "title: Moon landing\ndate: 1969-07-20", "One step.");
    site.build_ok(&[]);
    // The linter's one complaint is a warning, as in rss-lint.py: dates before 1995.
    let problems: Vec<String> = feed_problems(&site.public(), crate::support::BASE)
        .into_iter()
        .filter(|p| !p.contains("implausibly old"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let rss = site.output("rss.xml");
    assert!(
        rss.contains("<pubDate>Tue, 30 Nov 1880 23:06:32 +0000</pubDate>"),
        "{rss}"
    );
    assert!(site
        .output("atom.xml")
        .contains("<published>1880-11-30T23:06:32+00:00</published>"));
    let json = site.output("feed.json");
    assert!(
        json.contains("\"date_published\": \"1880-11-30T23:06:32+00:00\""),
        "{json}"
    );
    let email = site.output("editions/1969-w29/email.eml");
    assert!(
        email.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"),
        "{email}"
    );
}

/// A summary's markup dropped for every plain-text copy of it (meta description, Atom's
/// summary, JSON Feed's, the email's text) without a space before the punctuation that
/// follows code, a link or emphasis, and with the spaces the curator wrote kept.
#[test]
fn plain_text_summaries_keep_punctuation_against_the_words_before_it() {
    let site = TestSite::new("");
    site.article(
        "blocks",
        "title: Const blocks\ndate: 2024-06-13\nsummary: \"Inline with `const { ... }`, a [link](https://example.net/a), *emphasis*; done.\"",
        "Body.",
    );
    site.build_ok(&[]);
    let text = "Inline with const { ... }, a link, emphasis; done.";
    let page = site.output("2024/06/13/blocks/index.html");
    assert!(
        page.contains(&format!("<meta name=\"description\" content=\"{text}\"")),
        "{page}"
    );
    assert!(site
        .output("atom.xml")
        .contains(&format!("<summary type=\"text\">{text}</summary>")));
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(json["items"][0]["summary"], text);
    let email = site.output("editions/2024-w24/email.txt");
    assert!(
        email.contains("Inline with const { ... }, a link, emphasis; done."),
        "{email}"
    );
}

/// An edited story moves every feed's "last changed" date, RSS's `lastBuildDate` as Atom's
/// `updated`; an `updated` before the story's date (a typo) is a warning, and no feed says
/// the story changed before it was published. JSON Feed leaves out empty fields and gives
/// a story's picture.
#[test]
fn an_edit_moves_every_feeds_change_date_and_a_change_before_publication_is_refused() {
    let site = TestSite::new("timezone = \"UTC\"\n");
    site.article("new", "title: New\ndate: 2024-06-10T09:00:00Z", "Fresh.");
    site.article(
        "old",
        "title: Old\ndate: 2024-06-01T09:00:00Z\nupdated: 2024-06-20T09:00:00Z\nimage: /pictures/old.png",
        "Edited.",
    );
    site.article(
        "typo",
        "title: Typo\ndate: 2024-06-05T09:00:00Z\nupdated: 2024-06-03T09:00:00Z",
        "Mistyped.",
    );
    let err = crate::support::stderr(&site.build_ok(&[]));
    assert!(
        err.contains("content/typo.md:4:10: warning: `updated` 2024-06-03 is before the story's date 2024-06-05"),
        "{err}"
    );
    let rss = site.output("rss.xml");
    assert!(
        rss.contains("<lastBuildDate>Thu, 20 Jun 2024 09:00:00 +0000</lastBuildDate>"),
        "{rss}"
    );
    assert!(site
        .output("atom.xml")
        .contains("<updated>2024-06-20T09:00:00+00:00</updated>"));
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let item = |title: &str| {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == title)
            .unwrap()
            .clone()
    };
    assert_eq!(item("Old")["date_modified"], "2024-06-20T09:00:00+00:00");
    // A story's picture is its item's picture; none, no field.
    assert_eq!(
        item("Old")["image"],
        format!("{}pictures/old.png", crate::support::BASE)
    );
    assert!(item("New").get("image").is_none());
    assert!(item("Typo").get("date_modified").is_none());
    // No tags: no empty list.
    assert!(item("New").get("tags").is_none());
}

/// A `base_url` written in another script or case is published in one ASCII spelling (a
/// host as Punycode, a path percent-encoded), as RSS and JSON Feed require of their URLs;
/// control characters in the site's title reach no page or feed.
#[test]
fn a_base_url_in_another_script_is_written_as_ascii_everywhere() {
    let site = TestSite::with_config(
        "title = \"Bücher\\u0001Brief\\u000b\"\nbase_url = \"HTTPS://Bücher.Example/nachrichten-ü\"\ndescription = \"d\\u001f\"\n",
    );
    site.article("2024-06-05-older", "title: Older\ntags: [Lesen]", "Text.");
    site.build_ok(&[]);
    let base = "https://xn--bcher-kva.example/nachrichten-%C3%BC/";
    // A tag feed is named with its format in the page's links, as the site's feeds are.
    let tag_page = site.output("tags/lesen/index.html");
    assert!(
        tag_page.contains(&format!(
            "title=\"BücherBrief — Lesen (RSS)\" href=\"{base}tags/lesen/rss.xml\""
        )),
        "{tag_page}"
    );
    let rss = site.output("rss.xml");
    assert!(
        rss.contains(&format!("<link>{base}2024/06/05/older/</link>")),
        "{rss}"
    );
    assert!(
        rss.contains(&format!("<atom:link href=\"{base}rss.xml\"")),
        "{rss}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(json["feed_url"], format!("{base}feed.json"));
    for file in ["index.html", "rss.xml", "atom.xml", "feed.json"] {
        let text = site.output(file);
        assert!(!text.contains(['\u{1}', '\u{b}', '\u{1f}']), "{file}");
        assert!(!text.contains("bücher.example"), "{file}");
    }
}
