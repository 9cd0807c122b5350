use super::*;

/// One destination written in a document, what `build` writes for it, and the site path
/// `check` looks for there (None: not on this site, so not checked).
pub(crate) struct Case {
    pub site: &'static str,
    /// The document's folder under content/.
    pub dir: &'static str,
    pub page: &'static str,
    pub dest: &'static str,
    pub url: &'static str,
    pub target: Option<&'static str>,
}

/// Files copied next to the documents of [`CASES`].
pub(crate) const FILES: [&str; 3] = ["2024/chart.svg", "images/logo.png", "2024/my map.png"];

const S: &str = "https://ex.org/";
const B: &str = "https://ex.org/digest/";

pub(crate) const CASES: &[Case] = &[
    // A file next to the article wins.
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "chart.svg",
        "https://ex.org/2024/chart.svg",
        Some("/2024/chart.svg"),
    ),
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "./chart.svg",
        "https://ex.org/2024/chart.svg",
        Some("/2024/chart.svg"),
    ),
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "../images/logo.png",
        "https://ex.org/images/logo.png",
        Some("/images/logo.png"),
    ),
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "my%20map.png",
        "https://ex.org/2024/my%20map.png",
        Some("/2024/my map.png"),
    ),
    case(
        B,
        "2024/",
        "/2024/05/story/",
        "chart.svg?v=2#top",
        "https://ex.org/digest/2024/chart.svg?v=2#top",
        Some("/2024/chart.svg"),
    ),
    // Otherwise against the published URL, as a browser would.
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "other.png",
        "https://ex.org/2024/05/story/other.png",
        Some("/2024/05/story/other.png"),
    ),
    case(
        S,
        "",
        "/2016/04/x/",
        "../y/",
        "https://ex.org/2016/04/y/",
        Some("/2016/04/y/"),
    ),
    case(
        S,
        "",
        "/2016/04/x/",
        "../../../images/2016-04/flow.svg",
        "https://ex.org/images/2016-04/flow.svg",
        Some("/images/2016-04/flow.svg"),
    ),
    // `../` beyond the root stops at the root.
    case(
        S,
        "",
        "/2016/04/x/",
        "../../../../../../etc/passwd",
        "https://ex.org/etc/passwd",
        Some("/etc/passwd"),
    ),
    case(
        B,
        "",
        "/a/",
        "../../..",
        "https://ex.org/digest/",
        Some("/"),
    ),
    case(
        S,
        "",
        "/a/",
        "%2e%2e/%2E%2E/b",
        "https://ex.org/b",
        Some("/b"),
    ),
    // Site-root paths against base_url, base path included.
    case(
        S,
        "2024/",
        "/2024/05/story/",
        "/about/",
        "https://ex.org/about/",
        Some("/about/"),
    ),
    case(
        B,
        "2024/",
        "/2024/05/story/",
        "/about/",
        "https://ex.org/digest/about/",
        Some("/about/"),
    ),
    case(
        B,
        "",
        "/a/",
        "/../../x//y/./z",
        "https://ex.org/digest/x/y/z",
        Some("/x/y/z"),
    ),
    case(
        B,
        "",
        "/a/",
        "/tags/c%2B%2B/#top",
        "https://ex.org/digest/tags/c%2B%2B/#top",
        Some("/tags/c++/"),
    ),
    // Queries and fragments.
    case(
        S,
        "",
        "/a/b/",
        "?page=2",
        "https://ex.org/a/b/?page=2",
        Some("/a/b/"),
    ),
    case(S, "", "/a/b/", "#notes", "#notes", Some("/a/b/")),
    case(S, "", "/a/b/", "#", "#", None),
    // Protocol-relative links take the site's scheme.
    case(
        S,
        "",
        "/a/",
        "//docs.example.org/x",
        "https://docs.example.org/x",
        None,
    ),
    case(
        "http://127.0.0.1:1111/",
        "",
        "/a/",
        "//cdn.org/y",
        "http://cdn.org/y",
        None,
    ),
    // Other schemes, and the empty link, as written.
    case(S, "", "/a/", "mailto:ed@ex.org", "mailto:ed@ex.org", None),
    case(
        S,
        "",
        "/a/",
        "irc:libera.chat/rust",
        "irc:libera.chat/rust",
        None,
    ),
    case(
        S,
        "",
        "/a/",
        "ftp://ftp.ex.org/f",
        "ftp://ftp.ex.org/f",
        None,
    ),
    case(S, "", "/a/", "tel:+15551234", "tel:+15551234", None),
    case(
        S,
        "",
        "/a/",
        "https://other.org/x",
        "https://other.org/x",
        None,
    ),
    case(S, "", "/a/", "", "", None),
    // A link written with the site's own address is checked like any other.
    case(
        B,
        "",
        "/a/",
        "https://ex.org/digest/b/",
        "https://ex.org/digest/b/",
        Some("/b/"),
    ),
];

const fn case(
    site: &'static str,
    dir: &'static str,
    page: &'static str,
    dest: &'static str,
    url: &'static str,
    target: Option<&'static str>,
) -> Case {
    Case {
        site,
        dir,
        page,
        dest,
        url,
        target,
    }
}

pub(crate) fn beside(path: &str) -> Option<String> {
    FILES.contains(&path).then(|| path.to_string())
}

fn base(c: &Case) -> DocBase<'_> {
    DocBase {
        site_url: c.site,
        page_path: c.page,
        dir: c.dir,
        bundle: false,
        look_in: &[],
        beside: &beside,
    }
}

#[test]
fn resolves_the_table() {
    for c in CASES {
        let url = resolve(c.dest, &base(c)).unwrap_or_else(|| c.dest.to_string());
        assert_eq!(url, c.url, "{:?} on {}", c.dest, c.page);
        assert!(!url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .split('/')
            .any(|s| s == ".."));
        let target = site_target(&url, c.site, c.page).map(|(path, _)| path);
        assert_eq!(target.as_deref(), c.target, "{:?} on {}", c.dest, c.page);
    }
}

#[test]
fn raw_html_attributes_resolve_like_markdown_destinations() {
    for c in CASES.iter().filter(|c| !c.dest.is_empty()) {
        let html = format!(
            "<a href='{0}'>a</a><img src={0} srcset=\"{0} 2x\"><video poster=\"{0}\"></video><q cite=\"{0}\">q</q><form action=\"{0}\"></form>",
            c.dest
        );
        let out = rewrite_url_attributes(&html, |a| resolve(a.url, &base(c)));
        let url = escape_html(c.url);
        let expected = format!(
            "<a href=\"{url}\">a</a><img src=\"{url}\" srcset=\"{url} 2x\"><video poster=\"{url}\"></video><q cite=\"{url}\">q</q><form action=\"{url}\"></form>"
        );
        if resolve(c.dest, &base(c)).is_some() {
            assert_eq!(out, expected, "{:?}", c.dest);
        } else {
            assert_eq!(out, html, "{:?}", c.dest);
        }
    }
}

#[test]
fn feed_urls_are_absolute() {
    let permalink = "https://ex.org/digest/2024/05/story/";
    for (url, expected) in [
        ("#notes", "https://ex.org/digest/2024/05/story/#notes"),
        (
            "#story-fn-1",
            "https://ex.org/digest/2024/05/story/#story-fn-1",
        ),
        ("?q=1", "https://ex.org/digest/2024/05/story/?q=1"),
        ("", "https://ex.org/digest/2024/05/story/"),
        ("//host/x", "https://host/x"),
        ("/x", "https://ex.org/x"),
        ("pic.png", "https://ex.org/digest/2024/05/story/pic.png"),
        ("../../../../../x", "https://ex.org/x"),
        ("https://o.org/a", "https://o.org/a"),
        ("mailto:a@b.c", "mailto:a@b.c"),
    ] {
        assert_eq!(absolute_in_feed(url, permalink), expected, "{url:?}");
    }
}

#[test]
fn only_paths_inside_content_are_beside_the_article() {
    assert_eq!(
        beside_path("2024/", "chart.svg").as_deref(),
        Some("2024/chart.svg")
    );
    assert_eq!(
        beside_path("2024/", "../a/./b.png").as_deref(),
        Some("a/b.png")
    );
    assert_eq!(beside_path("2024/", "../../b.png"), None);
    assert_eq!(beside_path("", "x/"), None);
}

use crate::text::escape_html;
