//! Writing the draft: YAML front matter (emitted by hand, every string made safe), a
//! placeholder for the curator's summary, and the captured text inside an HTML comment.

use std::fmt::Write as _;

use super::chrome::clean_space;
use super::{Capture, Draft, Existing, ImportOptions};
use crate::content::emit::yaml_scalar;

/// At most this many tags are suggested.
const MAX_TAGS: usize = 5;

/// Builds the draft for a capture. See the module documentation of [`super`].
pub fn make_draft(
    capture: &Capture,
    opts: &ImportOptions,
    site_tags: &[String],
    existing: &[Existing],
    today: jiff::civil::Date,
) -> Draft {
    let mut warnings = Vec::new();
    let title = draft_title(&capture.title);
    let capture_date = capture.date.as_deref().and_then(parse_date);
    let (date_text, day) = capture_date.unwrap_or_else(|| {
        warnings.push(format!(
            "no publication date found in the capture; the draft is dated today ({today}): check it"
        ));
        (today.to_string(), today)
    });
    let source = Source::new(capture, opts);
    let authors: Vec<String> = capture
        .authors
        .iter()
        .map(|a| one_line(a))
        .filter(|a| !a.is_empty())
        .collect();
    warnings.extend(missing_parts(capture, &source, &authors));
    warnings.extend(already_in_digest(existing, source.url.as_deref(), &title));
    let suggested_tags = suggest_tags(capture, site_tags);

    let mut md = front_matter(&title, &date_text, &authors, &source, &suggested_tags);
    md.push_str(crate::content::placeholder::IMPORT_SUMMARY);
    md.push_str(&captured_text(
        capture,
        &title,
        &authors,
        source.url.as_deref(),
    ));
    Draft {
        file_name: free_file_name(day, &title, existing),
        markdown: md,
        warnings,
        suggested_tags,
    }
}

/// The capture's title on one line, or a stand-in when it has none.
fn draft_title(title: &str) -> String {
    let title = one_line(title);
    if title.is_empty() {
        "Untitled capture".to_string()
    } else {
        title
    }
}

/// Where the story comes from: `--source-url`/`--source-name` first, then the capture;
/// the URL's host stands in for a missing name.
struct Source {
    name: Option<String>,
    url: Option<String>,
}

impl Source {
    fn new(capture: &Capture, opts: &ImportOptions) -> Self {
        let url = opts
            .source_url
            .as_deref()
            .or(capture.url.as_deref())
            .map(one_line)
            // What the build accepts as a source URL, or the draft would not build.
            .filter(|u| crate::urls::absolute_http_host(u).is_some());
        let name = opts
            .source_name
            .as_deref()
            .or(capture.site_name.as_deref())
            .map(one_line)
            .filter(|n| !n.is_empty())
            .or_else(|| url.as_deref().and_then(crate::urls::host_name));
        Source { name, url }
    }
}

/// Warnings for what the capture did not give: a source URL, an author, the text.
fn missing_parts(capture: &Capture, source: &Source, authors: &[String]) -> Vec<String> {
    let mut warnings = Vec::new();
    if source.url.is_none() {
        warnings.push(
            "no source URL in the capture (none, or not a plain absolute http(s) URL); \
             add one with --source-url"
                .to_string(),
        );
    }
    if authors.is_empty() {
        warnings.push("no author found in the capture".to_string());
    }
    if capture.paragraphs.is_empty() {
        warnings.push("no article text found in the capture (only a title)".to_string());
    }
    warnings
}

/// A warning for each article of the digest with the same source URL or title.
pub(super) fn already_in_digest(
    existing: &[Existing],
    url: Option<&str>,
    title: &str,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for e in existing {
        let same_url = match (url, &e.source_url) {
            (Some(a), Some(b)) => crate::urls::story_key(a) == crate::urls::story_key(b),
            _ => false,
        };
        let same_title = fold(&e.title) == fold(title) && !fold(title).is_empty();
        let what = match (same_url, same_title) {
            (true, true) => "source URL and title",
            (true, false) => "source URL",
            (false, true) => "title",
            (false, false) => continue,
        };
        warnings.push(format!(
            "this story may already be in the digest: {} has the same {what}",
            e.file.display()
        ));
    }
    warnings
}

/// The front matter, fences included: the draft is marked `draft: true` with no tags, and
/// the suggested tags are only a comment for the curator.
fn front_matter(
    title: &str,
    date_text: &str,
    authors: &[String],
    source: &Source,
    suggested_tags: &[String],
) -> String {
    let mut md = String::from("---\n");
    let _ = writeln!(md, "title: {}", yaml_scalar(title));
    let _ = writeln!(md, "date: {date_text}");
    write_authors(&mut md, authors);
    write_source(&mut md, source);
    md.push_str("draft: true\n");
    md.push_str("tags: []\n");
    if !suggested_tags.is_empty() {
        let list: Vec<String> = suggested_tags.iter().map(|t| yaml_scalar(t)).collect();
        let _ = writeln!(
            md,
            "# suggested tags (the text mentions them): [{}]",
            list.join(", ")
        );
    }
    md.push_str("---\n\n");
    md
}

/// `author:` as one string for one author, a list for several, absent for none.
fn write_authors(md: &mut String, authors: &[String]) {
    match authors {
        [] => {}
        [one] => {
            let _ = writeln!(md, "author: {}", yaml_scalar(one));
        }
        many => {
            md.push_str("author:\n");
            for a in many {
                let _ = writeln!(md, "  - {}", yaml_scalar(a));
            }
        }
    }
}

fn write_source(md: &mut String, source: &Source) {
    match (&source.name, &source.url) {
        (name, Some(url)) => {
            md.push_str("source:\n");
            if let Some(n) = name {
                let _ = writeln!(md, "  name: {}", yaml_scalar(n));
            }
            let _ = writeln!(md, "  url: {}", yaml_scalar(url));
        }
        // A source without its URL is an error in front matter, and the draft must build:
        // the name waits in a comment for the curator to add the URL (the import warns).
        (Some(n), None) => {
            md.push_str("# source: (no URL in the capture: add the original story's URL, then remove the \"# \")\n");
            let _ = writeln!(md, "#   name: {}", yaml_scalar(n));
            md.push_str("#   url: \n");
        }
        (None, None) => {}
    }
}

/// The captured text, for reference only: an HTML comment is never published.
fn captured_text(capture: &Capture, title: &str, authors: &[String], url: Option<&str>) -> String {
    let mut md = String::from("<!--\n");
    md.push_str("Captured text, for the curator's reference only: it is not published.\n");
    md.push_str(
        "Write the summary above in your own words; quote sparingly, and mark quotations.\n\n",
    );
    let mut header = format!("Title: {}\n", title);
    if !authors.is_empty() {
        let _ = writeln!(header, "By: {}", authors.join(", "));
    }
    if let Some(d) = &capture.date {
        let _ = writeln!(header, "Date: {}", one_line(d));
    }
    if let Some(u) = url {
        let _ = writeln!(header, "URL: {u}");
    }
    md.push_str(&comment_safe(&header));
    for p in &capture.paragraphs {
        md.push('\n');
        md.push_str(&comment_safe(p));
        md.push('\n');
    }
    md.push_str("-->\n");
    md
}

/// `YYYY-MM-DD-slug.md`, with `-2`, `-3`… added so as not to collide with an existing file
/// of the same name.
fn free_file_name(day: jiff::civil::Date, title: &str, existing: &[Existing]) -> String {
    let file_name = format!("{}-{}.md", day, slug_for(title));
    let taken = |f: &str| {
        existing
            .iter()
            .any(|e| e.file.file_name().is_some_and(|n| n == f))
    };
    if !taken(&file_name) {
        return file_name;
    }
    let stem = file_name.trim_end_matches(".md").to_string();
    let mut n = 2;
    while taken(&format!("{stem}-{n}.md")) {
        n += 1;
    }
    format!("{stem}-{n}.md")
}

/// One line of text: control characters and line breaks become spaces.
fn one_line(s: &str) -> String {
    clean_space(&s.replace(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'], " "))
}

/// Case-folded, whitespace-collapsed (for comparing titles).
/// For comparing titles: published titles carry typographic quotes, captures may not.
fn fold(s: &str) -> String {
    crate::text::smart_punctuation(&one_line(s)).to_lowercase()
}

/// A capture date as written in the front matter, and its calendar day for the file name.
fn parse_date(s: &str) -> Option<(String, jiff::civil::Date)> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        if s.len() == 10 {
            return Some((d.to_string(), d));
        }
    }
    // RFC 3339, or a date and time without an offset (read in the site's zone): keep the
    // text; the day is the one written.
    if s.parse::<jiff::Timestamp>().is_ok()
        || (s.len() == 19 && s.parse::<jiff::civil::DateTime>().is_ok())
    {
        let day = s.get(..10)?.parse::<jiff::civil::Date>().ok()?;
        return Some((s.to_string(), day));
    }
    None
}

/// A URL-safe slug, at most 60 characters, cut at a hyphen.
fn slug_for(title: &str) -> String {
    let mut s = slug::slugify(title);
    if s.len() > 60 {
        let cut = s[..60].rfind('-').unwrap_or(60);
        s.truncate(cut);
    }
    if s.is_empty() {
        "untitled".to_string()
    } else {
        s
    }
}

/// Words of a text, lower-cased, separated by single spaces and padded with spaces, so that
/// `" tag "` matches on word boundaries only.
fn words_of(s: &str) -> String {
    let mut out = String::from(" ");
    let mut last_space = true;
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// The site's tags that the title or text mention (whole words, any case; hyphens and
/// spaces alike), most mentioned first, at most five.
fn suggest_tags(capture: &Capture, site_tags: &[String]) -> Vec<String> {
    let mut text = capture.title.clone();
    for p in &capture.paragraphs {
        text.push('\n');
        text.push_str(p);
    }
    let hay = words_of(&text);
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (order, tag) in site_tags.iter().enumerate() {
        let needle = words_of(tag);
        let key = needle.trim().to_string();
        if key.chars().count() < 2 || !seen.insert(key) {
            continue;
        }
        let count = hay.matches(needle.as_str()).count();
        if count > 0 {
            found.push((count, order, one_line(tag)));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found
        .into_iter()
        .take(MAX_TAGS)
        .map(|(_, _, t)| t)
        .collect()
}

/// Text that cannot end or confuse the HTML comment it is written into: no `--` at all
/// (so no `-->`, `--!>` or `<!--`), and no line that is a front-matter fence.
fn comment_safe(s: &str) -> String {
    let mut out = crate::text::scrub(s).into_owned();
    while out.contains("--") {
        out = out.replace("--", "-\u{2010}");
    }
    // `<!-->`-style oddities need `<!-`; a lone `-` next to `>` cannot close a comment.
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    #[derive(Debug, serde::Deserialize)]
    struct Source {
        name: Option<String>,
        url: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Front {
        title: String,
        date: String,
        author: Option<serde_json::Value>,
        source: Option<Source>,
        draft: bool,
        tags: Vec<String>,
    }

    fn front_matter(md: &str) -> (Front, String) {
        let rest = md.strip_prefix("---\n").expect("starts with a fence");
        let end = rest.find("\n---\n").expect("closing fence");
        let yaml = &rest[..end + 1];
        let front: Front = serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        (front, rest[end + 5..].to_string())
    }

    fn capture() -> Capture {
        Capture {
            title: "Footbridge Repairs Approved".into(),
            authors: vec!["Ada Quill".into()],
            date: Some("2024-03-05".into()),
            url: Some("https://gazette.example.org/2024/03/footbridge/".into()),
            site_name: Some("Millbrook Gazette".into()),
            paragraphs: vec![
                "The Millbrook town council voted to repair the footbridge.".into(),
                "The Parks committee and the Budget office will share the cost.".into(),
            ],
        }
    }

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2024, 6, 1)
    }

    #[test]
    fn yaml_strings_round_trip() {
        let nasty = [
            "Plain title",
            "Budget: what changes",
            "Issue #4 of the plan",
            "\"Quoted\" and 'single'",
            "- leading dash",
            "---",
            "...",
            "? question",
            "[not a list]",
            "{not: a map}",
            "&anchor *alias !tag",
            "%directive",
            "@handle `tick`",
            "yes",
            "No",
            "null",
            "~",
            "2024",
            "3.14",
            "0x1F",
            "trailing space ",
            " leading space",
            "back\\slash",
            "line\nbreak",
            "tab\there",
            "bell\u{7}char",
            "unicode: café — ünïcode ✓ 東京",
            "nbsp\u{a0}here",
            "ls\u{2028}ps\u{2029}",
            "a: b # c",
            "|",
            ">",
            "",
        ];
        for s in nasty {
            let yaml = format!("v: {}\n", yaml_scalar(s));
            let back: BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{s:?}: {e}\n{yaml}"));
            assert_eq!(back["v"], s, "{yaml}");
            assert!(!yaml_scalar(s).contains('\n'));
        }
    }

    #[test]
    fn draft_front_matter_parses_and_is_a_draft() {
        let d = make_draft(&capture(), &ImportOptions::default(), &[], &[], today());
        let (front, body) = front_matter(&d.markdown);
        assert_eq!(front.title, "Footbridge Repairs Approved");
        assert_eq!(front.date, "2024-03-05");
        assert!(front.draft);
        assert!(front.tags.is_empty());
        assert_eq!(front.author, Some(serde_json::json!("Ada Quill")));
        let source = front.source.unwrap();
        assert_eq!(source.name.as_deref(), Some("Millbrook Gazette"));
        assert_eq!(
            source.url.as_deref(),
            Some("https://gazette.example.org/2024/03/footbridge/")
        );
        assert_eq!(d.file_name, "2024-03-05-footbridge-repairs-approved.md");
        assert!(body.contains("<!--") && body.trim_end().ends_with("-->"));
        assert!(body.contains("share the cost"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn hostile_title_and_authors_still_parse() {
        let mut c = capture();
        c.title = "Vote: \"yes\" # or no? - see --> here\n---".into();
        c.authors = vec!["Ada Quill".into(), "- Tomas: Reed".into()];
        let d = make_draft(&c, &ImportOptions::default(), &[], &[], today());
        let (front, _) = front_matter(&d.markdown);
        assert_eq!(front.title, "Vote: \"yes\" # or no? - see --> here ---");
        assert_eq!(
            front.author,
            Some(serde_json::json!(["Ada Quill", "- Tomas: Reed"]))
        );
    }

    #[test]
    fn comment_cannot_be_closed_early() {
        let mut c = capture();
        c.paragraphs = vec![
            "Text with --> inside and --!> too".into(),
            "---".into(),
            "<!-- nested --> <script>alert(1)</script>".into(),
        ];
        let d = make_draft(&c, &ImportOptions::default(), &[], &[], today());
        let start = d.markdown.find("<!--").unwrap();
        let inner = &d.markdown[start + 4..];
        // The only comment end is the final one.
        assert_eq!(inner.matches("--").count(), 1, "{inner}");
        assert!(inner.trim_end().ends_with("-->"));
        // Exactly two fence lines: the front matter's.
        assert_eq!(
            d.markdown.lines().filter(|l| l.trim_end() == "---").count(),
            2
        );
    }

    #[test]
    fn options_override_the_capture() {
        let opts = ImportOptions {
            source_url: Some("https://other.example.net/story".into()),
            source_name: Some("Other Paper".into()),
        };
        let d = make_draft(&capture(), &opts, &[], &[], today());
        let (front, _) = front_matter(&d.markdown);
        let s = front.source.unwrap();
        assert_eq!(s.url.as_deref(), Some("https://other.example.net/story"));
        assert_eq!(s.name.as_deref(), Some("Other Paper"));
    }

    /// Found by the import fuzz target: a captured URL the build would refuse (a `"` in
    /// it) is left out with a warning, so the draft still builds; the name stays.
    #[test]
    fn a_captured_url_the_build_would_refuse_is_left_out() {
        for bad in [
            "https://news.example.org/20\"4/story",
            "https://news.example.org/a b",
            "ftp://news.example.org/a",
        ] {
            let mut c = capture();
            c.url = Some(bad.into());
            let d = make_draft(&c, &ImportOptions::default(), &[], &[], today());
            let (front, _) = front_matter(&d.markdown);
            assert!(front.source.is_none(), "{bad}: {}", d.markdown);
            assert!(d.markdown.contains("#   url: \n"), "{bad}: {}", d.markdown);
            assert!(
                d.warnings.iter().any(|w| w.starts_with("no source URL")),
                "{bad}: {:?}",
                d.warnings
            );
        }
    }

    #[test]
    fn source_name_falls_back_to_the_host() {
        let mut c = capture();
        c.site_name = None;
        c.url = Some("https://www.news.example.org/a".into());
        let (front, _) =
            front_matter(&make_draft(&c, &ImportOptions::default(), &[], &[], today()).markdown);
        assert_eq!(
            front.source.unwrap().name.as_deref(),
            Some("news.example.org")
        );
    }

    #[test]
    fn missing_date_uses_today_and_warns() {
        let mut c = capture();
        c.date = None;
        let d = make_draft(&c, &ImportOptions::default(), &[], &[], today());
        assert!(d.file_name.starts_with("2024-06-01-"));
        assert!(d.warnings.iter().any(|w| w.contains("date")));
        assert_eq!(front_matter(&d.markdown).0.date, "2024-06-01");
    }

    #[test]
    fn rfc3339_date_is_kept_and_names_the_file() {
        let mut c = capture();
        c.date = Some("2024-03-05T23:30:00-05:00".into());
        let d = make_draft(&c, &ImportOptions::default(), &[], &[], today());
        assert!(d.file_name.starts_with("2024-03-05-"));
        assert_eq!(
            front_matter(&d.markdown).0.date,
            "2024-03-05T23:30:00-05:00"
        );
    }

    #[test]
    fn tags_are_suggested_on_word_boundaries() {
        let tags: Vec<String> = [
            "parks",
            "Budget",
            "council",
            "bridge",
            "art",
            "town-council",
            "cost",
            "Millbrook",
            "BUDGET",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let d = make_draft(&capture(), &ImportOptions::default(), &tags, &[], today());
        // "bridge" is inside "footbridge" and "art" inside "parts": not words of the text.
        assert!(!d.suggested_tags.contains(&"bridge".to_string()));
        assert!(!d.suggested_tags.contains(&"art".to_string()));
        assert!(d.suggested_tags.contains(&"Budget".to_string()));
        assert!(d.suggested_tags.contains(&"town-council".to_string()));
        assert_eq!(d.suggested_tags.len(), 5, "{:?}", d.suggested_tags);
        assert!(
            !d.suggested_tags.contains(&"BUDGET".to_string()),
            "duplicates folded"
        );
        assert!(d.markdown.contains("# suggested tags"));
        assert!(front_matter(&d.markdown).0.tags.is_empty());
    }

    #[test]
    fn duplicates_are_reported_by_url_or_title() {
        let existing = vec![
            Existing {
                file: PathBuf::from("content/2024-03-05-bridge.md"),
                title: "Something else".into(),
                source_url: Some(
                    "http://WWW.gazette.example.org/2024/03/footbridge?utm_source=x".into(),
                ),
            },
            Existing {
                file: PathBuf::from("content/old.md"),
                title: "footbridge  repairs APPROVED".into(),
                source_url: None,
            },
            Existing {
                file: PathBuf::from("content/other.md"),
                title: "Other".into(),
                source_url: Some("https://x.example/".into()),
            },
        ];
        let d = make_draft(
            &capture(),
            &ImportOptions::default(),
            &[],
            &existing,
            today(),
        );
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("content/2024-03-05-bridge.md") && d.warnings[0].contains("URL")
        );
        assert!(d.warnings[1].contains("content/old.md") && d.warnings[1].contains("title"));
    }

    #[test]
    fn file_name_does_not_collide() {
        let existing = vec![Existing {
            file: PathBuf::from("content/2024-03-05-footbridge-repairs-approved.md"),
            title: "x".into(),
            source_url: None,
        }];
        let d = make_draft(
            &capture(),
            &ImportOptions::default(),
            &[],
            &existing,
            today(),
        );
        assert_eq!(d.file_name, "2024-03-05-footbridge-repairs-approved-2.md");
    }

    #[test]
    fn slugs_are_short_and_never_empty() {
        assert_eq!(slug_for("!!!"), "untitled");
        let long = slug_for(&"word ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'));
    }
}
