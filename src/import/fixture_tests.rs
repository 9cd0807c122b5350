//! End-to-end tests on the captures in `tests/fixtures/import/` (invented text in the shapes
//! of real captures): parse, check what was found, write the draft, check the draft.

use std::collections::BTreeMap;

use super::chrome::{classify, LineKind};
use super::*;

fn fixture(name: &str) -> Capture {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_capture(name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn draft(c: &Capture, tags: &[&str]) -> Draft {
    let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
    make_draft(
        c,
        &ImportOptions::default(),
        &tags,
        &[],
        jiff::civil::date(2024, 12, 1),
    )
}

/// Parses the front matter as YAML and returns it with the body.
fn split(md: &str) -> (BTreeMap<String, serde_json::Value>, &str) {
    let rest = md.strip_prefix("---\n").expect("front matter fence");
    let end = rest.find("\n---\n").expect("closing fence");
    let yaml = &rest[..end + 1];
    let map = serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    (map, &rest[end + 5..])
}

/// Checks every draft invariant and that none of `absent` appears anywhere in the draft.
fn check_draft(c: &Capture, absent: &[&str]) -> Draft {
    let d = draft(c, &[]);
    let (front, body) = split(&d.markdown);
    assert_eq!(front["draft"], serde_json::json!(true));
    assert_eq!(front["title"], serde_json::json!(c.title));
    assert_eq!(front["tags"], serde_json::json!([]));
    // Exactly two fence lines, and one comment that ends at the end.
    assert_eq!(
        d.markdown.lines().filter(|l| l.trim_end() == "---").count(),
        2
    );
    let open = body.find("<!--").expect("comment");
    assert_eq!(body[open + 4..].matches("--").count(), 1, "{body}");
    assert!(body.trim_end().ends_with("-->"));
    for p in &c.paragraphs {
        assert_eq!(classify(p, false), LineKind::Text, "chrome kept: {p}");
    }
    // The captured text (the comment) holds none of the chrome.
    let captured = body[open..].to_lowercase();
    for a in absent {
        assert!(
            !captured.contains(&a.to_lowercase()),
            "{a:?} is in the draft:\n{}",
            d.markdown
        );
    }
    d
}

#[test]
fn text_capture_shaped_like_the_seed() {
    let c = fixture("council-footbridge.txt");
    assert_eq!(
        c.title,
        "Alderwick Council Approves Repairs to Old Footbridge"
    );
    assert_eq!(c.authors, vec!["Ines Marlowe"]);
    assert_eq!(c.date, None);
    assert_eq!(c.paragraphs.len(), 7, "{:#?}", c.paragraphs);
    assert!(c.paragraphs[0].starts_with("The Alderwick town council voted"));
    assert!(c.paragraphs[6].starts_with("The council will publish"));
    let d = check_draft(
        &c,
        &[
            "Latest stories",
            "Related Articles",
            "Leave a reply",
            "Please enter",
            "incorrect email",
            "Save my name",
            "Δ",
            "Captcha",
            "Continue on app",
            "Reporter covering",
            "library extends",
            "Bus timetable",
            "FILE –",
        ],
    );
    // The byline is in the front matter and the comment header, not repeated in the text.
    assert_eq!(
        d.markdown.matches("Ines Marlowe").count(),
        2,
        "{}",
        d.markdown
    );
    assert!(d.warnings.iter().any(|w| w.contains("date")));
}

#[test]
fn text_capture_with_menu_byline_share_and_cookie_chrome() {
    let c = fixture("library-hours.txt");
    assert_eq!(c.title, "Library Extends Weekend Opening Hours");
    assert_eq!(c.site_name.as_deref(), Some("Alderwick Courier"));
    assert_eq!(c.authors, vec!["Tomas Reed", "Ana Lind"]);
    assert_eq!(c.date.as_deref(), Some("2024-03-03"));
    assert_eq!(c.paragraphs.len(), 5, "{:#?}", c.paragraphs);
    let d = check_draft(
        &c,
        &[
            "Skip to content",
            "What's On",
            "Facebook",
            "Share this",
            "Read more",
            "Tags:",
            "Related Posts",
            "New crossing",
            "Farmers market",
            "cookies",
            "©",
            "Privacy Policy",
            "Staff Writers",
        ],
    );
    let (front, _) = split(&d.markdown);
    assert_eq!(
        front["author"],
        serde_json::json!(["Tomas Reed", "Ana Lind"])
    );
    // No URL in this capture, and a source needs one: the publication's name waits in a
    // comment, so that the draft still builds.
    assert!(!front.contains_key("source"), "{}", d.markdown);
    assert!(
        d.markdown.contains("#   name: Alderwick Courier\n"),
        "{}",
        d.markdown
    );
    assert_eq!(front["date"], serde_json::json!("2024-03-03"));
    assert_eq!(
        d.file_name,
        "2024-03-03-library-extends-weekend-opening-hours.md"
    );
}

#[test]
fn hard_wrapped_text_with_source_author_and_dates() {
    let c = fixture("wrapped-notice.txt");
    assert_eq!(c.title, "Harbour Festival Moves to June");
    assert_eq!(c.authors, vec!["Priya Castellanos"]);
    assert_eq!(
        c.date.as_deref(),
        Some("2024-05-20T09:30:00"),
        "published, not updated, at its time of day"
    );
    assert_eq!(
        c.url.as_deref(),
        Some("https://courier.example.org/2024/05/20/harbour-festival-moves-to-june/")
    );
    assert_eq!(c.paragraphs.len(), 3, "{:#?}", c.paragraphs);
    assert!(c.paragraphs[0].contains("from July to June this year"));
    check_draft(
        &c,
        &[
            "Share",
            "Print",
            "3 Comments",
            "Great news",
            "freelance writer",
            "Updated",
        ],
    );
}

#[test]
fn comment_markers_and_fences_in_the_text_are_neutralised() {
    let c = fixture("tricky-markup.txt");
    assert_eq!(
        c.title,
        "Council Minutes: \"Bridge --> Budget\" #3 - Part One"
    );
    let d = check_draft(
        &c,
        &[
            "Leave a Comment",
            "Required fields",
            "Post Comment",
            "Website",
        ],
    );
    assert!(d.markdown.contains("Bridge -\u{2010}> Budget"));
}

#[test]
fn html_page_with_open_graph_json_ld_and_chrome() {
    let c = fixture("harbour-dredging.html");
    assert_eq!(c.title, "Harbour Dredging to Start in Autumn");
    assert_eq!(c.authors, vec!["Ines Marlowe"]);
    assert_eq!(c.date.as_deref(), Some("2024-06-11T08:00:00+01:00"));
    assert_eq!(
        c.url.as_deref(),
        Some("https://courier.example.org/2024/06/harbour-dredging/")
    );
    assert_eq!(c.site_name.as_deref(), Some("Alderwick Courier"));
    assert_eq!(c.paragraphs.len(), 6, "{:#?}", c.paragraphs);
    assert_eq!(c.paragraphs[2], "Who pays");
    let d = check_draft(
        &c,
        &[
            "Skip to content",
            "Facebook",
            "Related Articles",
            "Fish market",
            "Read more",
            "Tags:",
            "Leave a Reply",
            "Your email address",
            "Post Comment",
            "Latest stories",
            "cookies",
            "All rights reserved",
            "tracking",
            "low tide in May",
            "social.example.com",
        ],
    );
    let tags = draft(&c, &["Harbour", "fishing", "silt", "Weather", "board"]).suggested_tags;
    assert_eq!(
        tags,
        vec!["Harbour", "board", "silt", "fishing"],
        "most mentioned first, only those in the text"
    );
    assert_eq!(
        d.file_name,
        "2024-06-11-harbour-dredging-to-start-in-autumn.md"
    );
}

#[test]
fn html_page_without_metadata() {
    let c = fixture("market-square.htm");
    assert_eq!(c.title, "Market Square Reopens After Paving Work");
    assert_eq!(c.site_name.as_deref(), Some("Alderwick Weekly"));
    assert_eq!(c.authors, vec!["Olu Brandt"]);
    assert_eq!(c.date.as_deref(), Some("2023-10-02"));
    assert_eq!(c.paragraphs.len(), 3, "{:#?}", c.paragraphs);
    check_draft(
        &c,
        &[
            "Continue reading",
            "Share on",
            "newsletter",
            "Home ·",
            "community paper",
        ],
    );
}

#[test]
fn importing_the_same_story_twice_warns() {
    let c = fixture("harbour-dredging.html");
    let existing = vec![Existing {
        file: "content/2024/harbour.md".into(),
        title: "Dredging news".into(),
        source_url: Some("https://courier.example.org/2024/06/harbour-dredging".into()),
    }];
    let d = make_draft(
        &c,
        &ImportOptions::default(),
        &[],
        &existing,
        jiff::civil::date(2024, 12, 1),
    );
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("content/2024/harbour.md")),
        "{:?}",
        d.warnings
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise the rules: chrome words, bylines, dates, markup, multi-byte
    /// characters whose lower case is longer or shorter (İ, K), comment and fence markers.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("By Ada Quill".to_string()),
            Just("Ada Quill".to_string()),
            Just("Leave a reply".to_string()),
            Just("Related Articles".to_string()),
            Just("March 3, 2024".to_string()),
            Just("2024-03-05T10:00:00+0100".to_string()),
            Just("-->".to_string()),
            Just("---".to_string()),
            Just("<p>".to_string()),
            Just("</article>".to_string()),
            Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"".to_string()),
            Just("\u{212a}ink: https://x".to_string()),
            Just("İ".to_string()),
            Just(" | ".to_string()),
            "[a-zA-Z .,:#\"'<>/-]{0,40}",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn any_capture_gives_an_error_or_a_valid_draft(
            pieces in proptest::collection::vec(piece(), 0..30),
            html in any::<bool>(),
        ) {
            let text = pieces.concat();
            let name = if html { "c.html" } else { "c.txt" };
            if let Ok(c) = parse_capture(name, text.as_bytes()) {
                let d = draft(&c, &["ada", "reply"]);
                let (front, body) = split(&d.markdown);
                prop_assert_eq!(&front["draft"], &serde_json::json!(true));
                let open = body.find("<!--").unwrap();
                prop_assert_eq!(body[open + 4..].matches("--").count(), 1);
                prop_assert_eq!(d.markdown.lines().filter(|l| l.trim_end() == "---").count(), 2);
            }
        }
    }
}
