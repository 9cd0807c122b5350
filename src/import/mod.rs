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

const BINARY_CAPTURE: &str = "this does not look like a text or HTML capture (binary data); \
     save the article as text (.txt) or as a web page (.html)";

/// Parses a capture: HTML if the name ends in `.html`/`.htm` (or `.xhtml`) or the bytes look
/// like HTML, plain text otherwise. Invalid UTF-8 is read lossily; a UTF-16 file with a
/// byte-order mark is decoded. Empty or unusable input is an `Err` saying why (the caller
/// names the file).
pub fn parse_capture(file_name: &str, bytes: &[u8]) -> Result<Capture, Problem> {
    if bytes.starts_with(b"%PDF-") {
        return Err(Problem::value(
            "this is a PDF, not a text or HTML capture; open the article in a \
             browser and save it as a web page (.html) or as text (.txt)",
        ));
    }
    if binary_bytes(bytes) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(Problem::value(BINARY_CAPTURE));
    }
    let source = decode(bytes);
    if source.trim().is_empty() {
        return Err(Problem::value("the capture is empty".to_string()));
    }
    if looks_binary(&source) {
        return Err(Problem::value(BINARY_CAPTURE));
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
        _ => Err(Problem::value(
            "no article found in the capture (no title and no text); \
             expected a saved web article, as text or HTML",
        )),
    }
}

/// The date a file's name opens with, `YYYY-MM-DD` before `_`, `-` or `.`.
fn date_in_name(file_name: &str) -> Option<String> {
    let date = file_name.get(..10)?;
    let after = file_name[10..].chars().next()?;
    let parsed = date.parse::<jiff::civil::Date>().ok()?;
    matches!(after, '_' | '-' | '.').then(|| parsed.to_string())
}

/// Bytes to text: UTF-16 with a BOM is decoded, a UTF-8 BOM dropped. Otherwise a page's
/// `<meta>` charset, when it names one other than UTF-8, decodes it (`iso-8859-1`,
/// `Shift_JIS`…; as in browsers, a declared UTF-16 is read as UTF-8 and `x-user-defined` as
/// Windows-1252). Undeclared or declared UTF-8, the bytes are UTF-8 (a damaged byte or two
/// become U+FFFD) unless no valid UTF-8 beyond ASCII is in them while bytes that cannot be
/// are: then Windows-1252, as browsers read an undeclared Western page.
fn decode(bytes: &[u8]) -> String {
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
    let bytes = match bytes {
        [0xFF, 0xFE, ..] => return utf16(true),
        [0xFE, 0xFF, ..] => return utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest,
        _ => bytes,
    };
    if std::str::from_utf8(bytes).is_ok() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let declared = declared_charset(bytes)
        .and_then(encoding_rs::Encoding::for_label)
        .map(|e| match e.name() {
            "UTF-16LE" | "UTF-16BE" => encoding_rs::UTF_8,
            "x-user-defined" => encoding_rs::WINDOWS_1252,
            _ => e,
        });
    let encoding = match declared {
        Some(e) if e != encoding_rs::UTF_8 => e,
        _ if mostly_utf8(bytes) => encoding_rs::UTF_8,
        _ => encoding_rs::WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// True when `bytes` hold at least as many valid UTF-8 characters beyond ASCII as bytes
/// that cannot be UTF-8: UTF-8 with some damage, not text in another charset.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid >= invalid
}

/// The charset an HTML page declares in a `<meta>` tag of its first 2 KB: `<meta
/// charset="…">` or `<meta http-equiv=… content="text/html; charset=…">`.
fn declared_charset(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    memchr::memmem::find_iter(&lower, b"<meta").find_map(|tag| {
        let end = memchr::memchr(b'>', &lower[tag..]).map_or(lower.len(), |e| tag + e);
        let at = memchr::memmem::find(&lower[tag..end], b"charset=")? + tag + "charset=".len();
        let value = &head[at..end];
        let value = value
            .strip_prefix(b"\"")
            .or_else(|| value.strip_prefix(b"'"))
            .unwrap_or(value);
        let len = value
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(value.len());
        (len > 0).then(|| &value[..len])
    })
}

/// Control bytes no text holds (NUL and the C0 controls but tab, line ends, form feed and
/// ISO-2022's escape), more than one in fifty of the first 4 KB: compressed or binary data,
/// whatever charset it would be read in.
fn binary_bytes(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    control * 50 > head.len()
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
    fn empty_input_is_an_error() {
        let err = parse_capture("blank.txt", b"  \n\n \t")
            .unwrap_err()
            .message;
        assert!(err.contains("empty") && !err.contains("blank.txt"), "{err}");
    }

    #[test]
    fn binary_input_is_an_error() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
        let err = parse_capture("photo.txt", &bytes).unwrap_err().message;
        assert!(err.contains("binary data"), "{err}");
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
    fn damaged_utf8_stays_utf8_and_only_meta_tags_declare_a_charset() {
        // One stray byte in UTF-8 text costs that byte, not every accent.
        let text = "Caf\u{e9} opens on Main Street\n\n\u{201c}It\u{2019}s a great day,\u{201d} the owner said of the caf\u{e9} today.\n";
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(10, 0xA0);
        assert!(decode(&bytes).contains("\u{201c}It\u{2019}s a great day"));
        // A charset named in prose or a script is no declaration; a declared UTF-16 is
        // UTF-8, as in browsers.
        let mut prose = b"Mail headers say charset=utf-16 here; caf\xe9.".to_vec();
        assert_eq!(
            decode(&prose),
            "Mail headers say charset=utf-16 here; caf\u{e9}."
        );
        prose = b"<html><head><meta charset=\"utf-16\"><title>Caf\xc3\xa9 \xff</title>".to_vec();
        assert!(decode(&prose).contains("Caf\u{e9}"));
        // A UTF-8 BOM before Windows-1252 text is dropped.
        assert_eq!(decode(b"\xef\xbb\xbfCaf\xe9"), "Caf\u{e9}");
    }

    #[test]
    fn compressed_data_is_refused_in_any_charset() {
        let mut noise = Vec::new();
        let mut x: u32 = 7;
        for _ in 0..3000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        let err = parse_capture("page.html", &noise).unwrap_err().message;
        assert!(err.contains("binary data"), "{err}");
    }

    #[test]
    fn a_pdf_is_refused_by_name() {
        let err = parse_capture("report.pdf", b"%PDF-1.4\n1 0 obj << /Title (Budget) >>\n")
            .unwrap_err()
            .message;
        assert!(err.starts_with("this is a PDF"), "{err}");
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
