//! Link destinations: which schemes are dangerous, and which source line a link is on.

/// Where a neutralized destination points instead.
pub(crate) const NEUTRALIZED: &str = "#";

/// True if following `dest` could run script: `javascript:`, `vbscript:`, or `data:`
/// (except `data:image/…` in an image), however it is spelled. Entities are already
/// decoded by pulldown-cmark (and by html5ever for raw HTML), so this sees what a
/// browser would see.
pub(crate) fn is_dangerous_url(dest: &str, is_image: bool) -> bool {
    // Browsers drop leading controls and spaces, and tabs and newlines anywhere.
    let mut chars = dest
        .trim_start_matches(|c: char| c <= ' ' || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = [0u8; 10];
    let mut len = 0;
    for c in chars.by_ref() {
        if c == ':' {
            break;
        }
        // Not a scheme character: a relative URL (or one whose scheme is too long to
        // be one we care about).
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) || len == scheme.len() {
            return false;
        }
        scheme[len] = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    match &scheme[..len] {
        b"javascript" | b"vbscript" => true,
        b"data" => !(is_image && starts_with_ignore_case(chars, "image/")),
        _ => false,
    }
}

fn starts_with_ignore_case(chars: impl Iterator<Item = char>, prefix: &str) -> bool {
    let mut chars = chars.skip_while(|c| c.is_whitespace());
    prefix
        .chars()
        .all(|p| chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

/// Maps byte offsets to 1-based line numbers; the newline table is built on first use,
/// so articles without links pay nothing.
pub(crate) struct LineIndex<'a> {
    src: &'a str,
    newlines: Option<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        LineIndex {
            src,
            newlines: None,
        }
    }

    pub(crate) fn line_of(&mut self, offset: usize) -> usize {
        let src = self.src;
        let newlines = self
            .newlines
            .get_or_insert_with(|| memchr::memchr_iter(b'\n', src.as_bytes()).collect());
        newlines.partition_point(|&nl| nl < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_script_schemes_however_spelled() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}\u{0}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(is_dangerous_url(url, false), "{url:?} should be dangerous");
        }
    }

    #[test]
    fn allows_ordinary_and_relative_urls() {
        for url in [
            "https://example.org/a:b",
            "/2024/05/story/",
            "#fn-1",
            "mailto:editor@example.org",
            "story.html?x=javascript:alert(1)",
            "./javascript:alert(1)",
            "",
        ] {
            assert!(!is_dangerous_url(url, false), "{url:?} should be allowed");
        }
    }

    #[test]
    fn allows_data_images_only_in_images() {
        assert!(!is_dangerous_url("data:image/png;base64,iVBOR", true));
        assert!(!is_dangerous_url("DATA:Image/PNG;base64,iVBOR", true));
        assert!(is_dangerous_url("data:image/png;base64,iVBOR", false));
        assert!(is_dangerous_url("data:text/html,x", true));
    }

    #[test]
    fn counts_lines_from_one() {
        let mut index = LineIndex::new("a\nb\n\nc");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 2);
        assert_eq!(index.line_of(5), 4);
    }
}
