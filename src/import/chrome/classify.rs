//! Context-free rules: what one unit is on its own (chrome, a list or comment heading, a
//! byline, a date line, a URL line, a caption, or text).

use super::dates::date_line;
use super::names::byline;
use super::phrases::{CONTAINS, EXACT, PREFIX, SECTION, SOCIAL, TAIL};
use super::{norm, strip_prefix_ci, word_count};

/// Why a unit was dropped (for tests and the report), or what it told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// A chrome line on its own.
    Chrome,
    /// Starts a list of other stories.
    Section,
    /// Starts the comment section.
    Tail,
    /// A byline: authors and maybe a date.
    Byline(Vec<String>, Option<String>),
    /// A line that is only a (publication or update) date.
    DateLine { date: String, updated: bool },
    /// A line giving the original URL.
    Url(String),
    /// A photo caption or credit.
    Caption,
    /// Anything else: article text, or a name line decided in context.
    Text,
}

/// Classifies one unit on its own (context-free rules).
pub(crate) fn classify(unit: &str, may_be_bare_url: bool) -> LineKind {
    let n = norm(unit);
    if n.is_empty() {
        // only punctuation or bullets
        return LineKind::Chrome;
    }
    if TAIL.contains(&n.as_str()) || is_comment_count(&n) && n.contains("comment") && n.len() < 25 {
        return LineKind::Tail;
    }
    if SECTION.contains(&n.as_str()) {
        return LineKind::Section;
    }
    if EXACT.contains(&n.as_str()) {
        return LineKind::Chrome;
    }
    if let Some(url) = url_line(unit, may_be_bare_url) {
        return LineKind::Url(url);
    }
    let short = unit.chars().count() <= 200;
    if short {
        if let Some(k) = byline(unit) {
            return k;
        }
        if let Some(k) = date_line(unit) {
            return k;
        }
        if CONTAINS.iter().any(|p| n.contains(p)) && unit.chars().count() <= 160 {
            return LineKind::Chrome;
        }
        if PREFIX.iter().any(|p| n.starts_with(p)) {
            return LineKind::Chrome;
        }
        if is_social(&n) || is_nav_line(unit) || is_reading_meta(&n) || is_comment_count(&n) {
            return LineKind::Chrome;
        }
    }
    if unit.chars().count() <= 600 && is_caption(unit) {
        return LineKind::Caption;
    }
    LineKind::Text
}

/// "3 comments", "Comments (12)", "12".
fn is_comment_count(n: &str) -> bool {
    let rest = n
        .replace("comments", "")
        .replace("comment", "")
        .replace(['(', ')'], "");
    let rest = rest.trim();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) && n.len() < 25
}

/// "5 min read", "Updated 3 hours ago", "Reading time: 4 minutes".
fn is_reading_meta(n: &str) -> bool {
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() > 6 {
        return false;
    }
    (n.ends_with("min read") || n.ends_with("minute read") || n.ends_with("minutes read"))
        || n.starts_with("reading time")
        || (n.ends_with(" ago")
            && words
                .iter()
                .any(|w| w.starts_with("minute") || w.starts_with("hour") || w.starts_with("day")))
}

/// Only share-button words: "Facebook Twitter LinkedIn Email".
fn is_social(n: &str) -> bool {
    let words: Vec<&str> = n
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2 && words.iter().all(|w| SOCIAL.contains(w))
}

/// "Home | News | Sport | Contact", "Home › World › Asia": several short segments.
fn is_nav_line(unit: &str) -> bool {
    for sep in ['|', '•', '·', '»', '›', '>'] {
        let segments: Vec<&str> = unit.split(sep).map(str::trim).collect();
        if segments.len() >= 3
            && segments
                .iter()
                .all(|s| word_count(s) <= 4 && !s.ends_with(['.', '?', '!']))
        {
            return true;
        }
    }
    false
}

/// "FILE – In this photo …", "Photo: …", "… (AP Photo/Jane Doe)".
fn is_caption(unit: &str) -> bool {
    let t = unit.trim();
    let lower = t.to_lowercase();
    if [
        "file –",
        "file -",
        "file—",
        "file photo",
        "photo:",
        "photograph:",
        "image:",
        "credit:",
        "pictured:",
        "photo credit",
        "image credit",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if lower.ends_with(')') {
        if let Some(open) = lower.rfind('(') {
            let inside = &lower[open..];
            return [
                "photo",
                "getty images",
                "shutterstock",
                "image:",
                "credit",
                "illustration",
            ]
            .iter()
            .any(|w| inside.contains(w));
        }
    }
    false
}

/// "Source: https://…", "URL: …", "Originally published at …", or a bare URL near the top.
fn url_line(unit: &str, may_be_bare: bool) -> Option<String> {
    let t = unit.trim();
    let prefixes = [
        "source:",
        "url:",
        "link:",
        "canonical:",
        "original:",
        "originally published at",
        "originally published on",
        "saved from:",
        "from:",
        "permalink:",
    ];
    let rest = prefixes
        .iter()
        .find_map(|p| strip_prefix_ci(t, p))
        .map(str::trim)
        .or(if may_be_bare { Some(t) } else { None })?;
    let rest = rest.trim_matches(['<', '>', '(', ')']);
    let is_url = (rest.starts_with("https://") || rest.starts_with("http://"))
        && !rest.contains(char::is_whitespace)
        && rest.len() > 10;
    is_url.then(|| rest.to_string())
}
