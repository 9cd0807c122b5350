//! `gazette import`: turn a captured web article (a browser's "save as text" or "save page
//! as HTML") into a draft article for the curator.
//!
//! - [`parse_capture`] reads the capture into a [`Capture`]: title, byline, date, canonical
//!   URL, site name, and the article's paragraphs with site chrome (comment forms, captcha
//!   lines, "Related Articles", share buttons, menus, cookie notes…) removed.
//! - [`make_draft`] writes the draft: YAML front matter with `draft: true`, a placeholder
//!   for the curator's summary, and the captured text inside an HTML comment (reference
//!   only, never published).
//!
//! Submodules: `text` (plain-text captures), `html` (HTML pages), `chrome` (boilerplate
//! and byline/date rules shared by both), `substack` (an export's list of posts), `draft`
//! (the output file).

mod chrome;
mod draft;
#[cfg(test)]
mod fixture_tests;
mod html;
mod substack;
mod text;

pub use draft::make_draft;

mod command;
pub use command::{already_in_site, import_files, Imported};

use std::path::PathBuf;

use crate::diagnostic::Problem;

/// What a capture says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    pub title: String,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`, or RFC 3339 when the capture gives a time with an offset.
    pub date: Option<String>,
    /// Canonical URL of the original, when the capture has one.
    pub url: Option<String>,
    pub site_name: Option<String>,
    /// The article's text, one paragraph per entry, chrome removed.
    pub paragraphs: Vec<String>,
}

/// An article already in the digest (to warn about importing the same story twice).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Existing {
    pub file: PathBuf,
    pub title: String,
    pub source_url: Option<String>,
}

/// Command-line overrides: `--source-url`, `--source-name`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub source_url: Option<String>,
    pub source_name: Option<String>,
}

/// A draft ready to be written to `content/<file_name>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// `YYYY-MM-DD-slug.md`
    pub file_name: String,
    pub markdown: String,
    /// Things the curator should know (duplicate story, no date found, …).
    pub warnings: Vec<String>,
    pub suggested_tags: Vec<String>,
}

/// Parses a capture: HTML if the name ends in `.html`/`.htm` (or `.xhtml`) or the bytes look
/// like HTML, plain text otherwise. Invalid UTF-8 is read lossily; a UTF-16 file with a
/// byte-order mark is decoded. Empty or unusable input is an `Err` with a message that names
/// the file.
pub fn parse_capture(file_name: &str, bytes: &[u8]) -> Result<Capture, Problem> {
    if bytes.starts_with(b"%PDF-") {
        return Err(Problem::value(format!(
            "{file_name}: this is a PDF, not a text or HTML capture; open the article in a \
             browser and save it as a web page (.html) or as text (.txt)"
        )));
    }
    let source = decode(bytes);
    if source.trim().is_empty() {
        return Err(Problem::value(format!("{file_name}: the capture is empty")));
    }
    if looks_binary(&source) {
        return Err(Problem::value(format!(
            "{file_name}: this does not look like a text or HTML capture (binary data); \
             save the article as text (.txt) or as a web page (.html)"
        )));
    }
    let lower_name = file_name.to_ascii_lowercase();
    let by_name = [".html", ".htm", ".xhtml"]
        .iter()
        .any(|ext| lower_name.ends_with(ext));
    let capture = if by_name || looks_like_html(&source) {
        html::parse(&source)
    } else {
        text::parse(&source)
    };
    match capture {
        Some(mut c) if !c.title.trim().is_empty() => {
            // Exports name each post by its date (Medium's `2019-11-03_Title-1a2b.html`).
            if c.date.is_none() {
                c.date = date_in_name(file_name);
            }
            Ok(c)
        }
        _ => Err(Problem::value(format!(
            "{file_name}: no article found in the capture (no title and no text); \
             expected a saved web article, as text or HTML"
        ))),
    }
}

/// The date a file's name opens with, `YYYY-MM-DD` before `_`, `-` or `.`.
fn date_in_name(file_name: &str) -> Option<String> {
    let date = file_name.get(..10)?;
    let after = file_name[10..].chars().next()?;
    let parsed = date.parse::<jiff::civil::Date>().ok()?;
    matches!(after, '_' | '-' | '.').then(|| parsed.to_string())
}

/// Bytes to text: UTF-16 with a BOM is decoded; valid UTF-8 is read as it is (a UTF-8 BOM
/// dropped); anything else in the charset a page declares (`<meta charset="iso-8859-1">`),
/// else in Windows-1252, as browsers read an undeclared Western page.
fn decode(bytes: &[u8]) -> String {
    let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16_bom && std::str::from_utf8(bytes).is_err() {
        let declared = declared_charset(bytes).and_then(encoding_rs::Encoding::for_label);
        let encoding = declared.unwrap_or(encoding_rs::WINDOWS_1252);
        if encoding != encoding_rs::UTF_8 {
            return encoding.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The charset an HTML page declares in its first 2 KB: `<meta charset="…">` or
/// `content="text/html; charset=…"`.
fn declared_charset(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + "charset=".len();
    let value = &head[at..];
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

/// Many NULs, control characters or replacement characters: not a text capture.
fn looks_binary(s: &str) -> bool {
    let sample: Vec<char> = s.chars().take(4096).collect();
    let bad = sample
        .iter()
        .filter(|&&c| c == '\u{fffd}' || crate::text::is_forbidden_char(c))
        .count();
    bad * 10 > sample.len()
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<title",
        ]
        .iter()
        .any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_an_error_naming_the_file() {
        let err = parse_capture("blank.txt", b"  \n\n \t")
            .unwrap_err()
            .message;
        assert!(err.contains("blank.txt") && err.contains("empty"), "{err}");
    }

    #[test]
    fn binary_input_is_an_error() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
        let err = parse_capture("photo.txt", &bytes).unwrap_err().message;
        assert!(err.contains("photo.txt"), "{err}");
    }

    #[test]
    fn html_without_text_is_an_error() {
        let err = parse_capture("page.html", b"<html><head></head><body></body></html>")
            .unwrap_err()
            .message;
        assert!(err.contains("no article"), "{err}");
    }

    #[test]
    fn text_not_in_utf8_is_read_in_its_declared_charset_else_windows_1252() {
        let mut bytes = b"Council Opens New Library\n\nThe council opened a library on Main Street, the clerk said \x93today\x94.\n".to_vec();
        bytes.extend_from_slice(b"\nBy Ada Quill\n");
        let c = parse_capture("cap.txt", &bytes).unwrap();
        assert_eq!(c.title, "Council Opens New Library");
        assert_eq!(c.paragraphs.len(), 1);
        assert!(
            c.paragraphs[0].contains("\u{201c}today\u{201d}"),
            "{:?}",
            c.paragraphs
        );
        let page = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 closes</title></head>\
            <body><article><h1>Caf\xe9 closes after 50 years</h1><p>The caf\xe9 on Main Street \
            served its last coffee on Sunday, its owner said.</p></article></body></html>";
        let c = parse_capture("cafe.html", page).unwrap();
        assert_eq!(c.title, "Caf\u{e9} closes");
        // Shift_JIS, declared the old way.
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><article><h1>".to_vec();
        page.extend_from_slice(
            &encoding_rs::SHIFT_JIS
                .encode("\u{6771}\u{4eac}\u{306e}\u{30cb}\u{30e5}\u{30fc}\u{30b9}")
                .0,
        );
        page.extend_from_slice(b"</h1><p>A long enough paragraph about the city and its news today.</p></article></body></html>");
        let c = parse_capture("tokyo.html", &page).unwrap();
        assert_eq!(
            c.title,
            "\u{6771}\u{4eac}\u{306e}\u{30cb}\u{30e5}\u{30fc}\u{30b9}"
        );
    }

    #[test]
    fn a_pdf_is_refused_by_name() {
        let err = parse_capture("report.pdf", b"%PDF-1.4\n1 0 obj << /Title (Budget) >>\n")
            .unwrap_err()
            .message;
        assert!(err.contains("report.pdf: this is a PDF"), "{err}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let text = "Harbour Bridge Reopens\n\nThe harbour bridge reopened to traffic on Monday after repairs.\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let c = parse_capture("cap.txt", &bytes).unwrap();
        assert_eq!(c.title, "Harbour Bridge Reopens");
    }

    #[test]
    fn html_is_detected_by_content_or_name() {
        let page = b"<!DOCTYPE html><html><head><title>Pier Repairs Begin</title></head><body><p>The pier is being repaired this week by the town works crew.</p></body></html>";
        let c = parse_capture("capture.txt", page).unwrap();
        assert_eq!(c.title, "Pier Repairs Begin");
        assert_eq!(c.paragraphs.len(), 1);
        // A fragment without a doctype is HTML because of its name.
        let frag = b"<h1>Pier Repairs Begin</h1><p>The pier is being repaired this week.</p>";
        let c = parse_capture("capture.HTM", frag).unwrap();
        assert_eq!(c.title, "Pier Repairs Begin");
        // The same bytes named .txt are plain text, so the tags stay in the title line.
        let c = parse_capture("capture.txt", frag).unwrap();
        assert!(c.title.contains("<h1>"));
    }
}
