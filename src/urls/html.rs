//! Raw HTML's start tags, read in place: the URL attributes (`href`, `src`, `srcset`,
//! `poster`, `cite`, `action`) rewritten, and `alt=""` given to images without one. Every
//! other byte stays as written, so raw HTML passed through with `unsafe_html` is changed
//! only there.

use std::borrow::Cow;

use crate::text::{escape_html, unescape_html};

/// Attributes whose value is a URL (`srcset` holds several).
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "srcset", "poster", "cite", "action"];

/// Elements whose content is text, not markup: a `<a href>` inside a script is not a link.
const RAW_TEXT: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noscript"];

/// One URL found in a tag.
#[derive(Debug, Clone, Copy)]
pub struct UrlAttribute<'a> {
    /// The element, lowercased.
    pub element: &'a str,
    /// The attribute, lowercased.
    pub attribute: &'a str,
    /// The URL, entities decoded.
    pub url: &'a str,
    /// Byte offset of the attribute's value in the HTML.
    pub offset: usize,
}

/// Calls `rewrite` for every URL in a URL attribute of `html`; where it returns a new URL,
/// that URL (escaped, in double quotes) replaces the value.
pub fn rewrite_url_attributes<'h>(
    html: &'h str,
    mut rewrite: impl FnMut(UrlAttribute<'_>) -> Option<String>,
) -> Cow<'h, str> {
    let mut out = String::new();
    let mut copied = 0;
    for tag in start_tags(html) {
        for attr in &tag.attributes {
            if !attr.has_value || !URL_ATTRIBUTES.contains(&attr.name.as_str()) {
                continue;
            }
            let value = &html[attr.value.clone()];
            let decoded = unescape_html(value);
            let new = if attr.name == "srcset" {
                rewrite_srcset(&decoded, |url| {
                    rewrite(UrlAttribute {
                        element: &tag.name,
                        attribute: &attr.name,
                        url,
                        offset: attr.value.start,
                    })
                })
            } else {
                rewrite(UrlAttribute {
                    element: &tag.name,
                    attribute: &attr.name,
                    url: &decoded,
                    offset: attr.value.start,
                })
            };
            if let Some(new) = new {
                out.push_str(&html[copied..attr.quoted.start]);
                out.push('"');
                out.push_str(&escape_html(&new));
                out.push('"');
                copied = attr.quoted.end;
            }
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Gives `alt=""` to every `<img>` without an `alt` attribute (without one the page is not
/// valid HTML, and a screen reader reads out the file name). Returns the HTML and the byte
/// offsets of the images that had none, for `gazette check` to name.
pub fn add_missing_alt(html: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut missing = Vec::new();
    let out = add_to_images(html, |tag| {
        if tag.attributes.iter().any(|a| a.name == "alt") {
            return None;
        }
        missing.push(tag.start);
        Some(" alt=\"\"".to_string())
    });
    (out, missing)
}

/// Gives `width` and `height` to every `<img>` that has neither, from `size` of its `src`
/// (entities decoded); an image `size` knows nothing of is left as it is.
pub fn add_image_sizes(
    html: &str,
    mut size: impl FnMut(&str) -> Option<(u32, u32)>,
) -> Cow<'_, str> {
    add_to_images(html, |tag| {
        if tag
            .attributes
            .iter()
            .any(|a| a.name == "width" || a.name == "height")
        {
            return None;
        }
        let src = tag
            .attributes
            .iter()
            .find(|a| a.name == "src" && a.has_value)?;
        let (width, height) = size(&unescape_html(&html[src.value.clone()]))?;
        Some(format!(" width=\"{width}\" height=\"{height}\""))
    })
}

/// Writes what `extra` returns for an `<img>` start tag just after the tag's name; every
/// other byte stays as it is.
fn add_to_images<'h>(html: &'h str, mut extra: impl FnMut(&Tag) -> Option<String>) -> Cow<'h, str> {
    // Most documents and emails have no image: they are not read tag by tag.
    let bytes = html.as_bytes();
    let img_at = |lt: usize| {
        bytes
            .get(lt + 1..lt + 4)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"img"))
    };
    if !memchr::memchr_iter(b'<', bytes).any(img_at) {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut copied = 0;
    for tag in start_tags(html) {
        if tag.name != "img" {
            continue;
        }
        let Some(added) = extra(&tag) else {
            continue;
        };
        let after_name = tag.start + 1 + tag.name.len();
        out.push_str(&html[copied..after_name]);
        out.push_str(&added);
        copied = after_name;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The start tags of `html` in order, as HTML's tokenizer finds them: comments and the
/// content of raw-text elements (a `<a href>` inside a script is not a link) skipped.
fn start_tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let lt = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i)?;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |i| lt + i + 3);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            at = lt + 1;
            continue;
        }
        let tag = Tag::read(html, lt);
        at = tag.end;
        if RAW_TEXT.contains(&tag.name.as_str()) {
            at = find_end_tag(html, at, &tag.name);
        }
        return Some(tag);
    })
}

/// `a.png 1x, b.png 2x`: each candidate's URL rewritten, descriptors kept.
fn rewrite_srcset(srcset: &str, mut rewrite: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut changed = false;
    let candidates: Vec<String> = srcset
        .split(',')
        .map(|candidate| {
            let trimmed = candidate.trim_start();
            let url_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            match rewrite(&trimmed[..url_end]) {
                Some(url) => {
                    changed = true;
                    format!("{url}{}", &trimmed[url_end..])
                }
                None => trimmed.to_string(),
            }
        })
        .collect();
    changed.then(|| candidates.join(", "))
}

struct Attribute {
    name: String,
    /// The value without quotes.
    value: std::ops::Range<usize>,
    /// The value with its quotes, if any.
    quoted: std::ops::Range<usize>,
    /// False for a bare name (`<img alt>`): nothing to rewrite.
    has_value: bool,
}

struct Tag {
    /// Where its `<` is.
    start: usize,
    name: String,
    attributes: Vec<Attribute>,
    /// Just after the closing `>`.
    end: usize,
}

impl Tag {
    /// Reads the start tag at `lt` (a `<` followed by a letter), as HTML's tokenizer does.
    fn read(html: &str, lt: usize) -> Tag {
        let bytes = html.as_bytes();
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let mut i = lt + 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'>' | b'/') {
            i += 1;
        }
        let name = html[lt + 1..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            i += 1;
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'>' | b'/' | b'=')
            {
                i += 1;
            }
            let attr_name = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] != b'=' {
                // An attribute without a value (`<img alt src=…>`).
                attributes.push(Attribute {
                    name: attr_name,
                    value: i..i,
                    quoted: i..i,
                    has_value: false,
                });
                continue;
            }
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let (value, quoted) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close =
                        memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |k| i + 1 + k);
                    let end = (close + 1).min(bytes.len());
                    (i + 1..close, i..end)
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    (start..i, start..i)
                }
            };
            i = quoted.end;
            attributes.push(Attribute {
                name: attr_name,
                value,
                quoted,
                has_value: true,
            });
        }
        Tag {
            start: lt,
            name,
            attributes,
            end: (i + 1).min(bytes.len()),
        }
    }
}

/// Just after `</name…>` from `from` on (case-insensitive), or the end of `html`.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let lower = html[from..].to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(i) => {
            let after = from + i + close.len();
            html[after..]
                .find('>')
                .map_or(html.len(), |k| after + k + 1)
        }
        None => html.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper(html: &str) -> String {
        rewrite_url_attributes(html, |a| Some(format!("X{}", a.url.to_uppercase()))).into_owned()
    }

    #[test]
    fn rewrites_only_url_values() {
        assert_eq!(
            upper("<p class=a><a href=\"x?a=1&amp;b=2\" title='t'>x</a> <img alt=a src=y.png>"),
            "<p class=a><a href=\"XX?A=1&amp;B=2\" title='t'>x</a> <img alt=a src=\"XY.PNG\">"
        );
        assert_eq!(
            upper("<img srcset='a.png 1x,b.png 2x'>"),
            "<img srcset=\"XA.PNG 1x, XB.PNG 2x\">"
        );
        assert_eq!(
            upper("<video POSTER = p.jpg>"),
            "<video POSTER = \"XP.JPG\">"
        );
    }

    #[test]
    fn leaves_comments_scripts_and_text_alone() {
        for html in [
            "<!-- <a href=x> -->",
            "<script>var s = '<a href=x>';</script>",
            "a < b and <3",
            "</a href=x>",
            "",
        ] {
            assert!(
                matches!(
                    rewrite_url_attributes(html, |_| Some("Z".into())),
                    Cow::Borrowed(_)
                ),
                "{html}"
            );
        }
        assert_eq!(
            upper("<SCRIPT>'<a href=x>'</SCRIPT><a href=y>"),
            "<SCRIPT>'<a href=x>'</SCRIPT><a href=\"XY\">"
        );
    }

    #[test]
    fn survives_unfinished_tags() {
        for html in [
            "<a href=",
            "<a href=\"x",
            "<a href='x' ",
            "<a",
            "<img src=x",
        ] {
            let _ = upper(html);
        }
        assert_eq!(upper("<a href=\"x"), "<a href=\"XX\"");
    }

    #[test]
    fn images_without_alt_get_an_empty_one() {
        let (out, missing) = add_missing_alt("<p><img src=a.png><IMG/src=b><img alt src=c></p>");
        assert_eq!(
            out,
            "<p><img alt=\"\" src=a.png><IMG alt=\"\"/src=b><img alt src=c></p>"
        );
        assert_eq!(missing, [3, 18]);
        let (out, missing) = add_missing_alt("<!-- <img src=x> --><script>'<img>'</script><image>");
        assert!(matches!(out, Cow::Borrowed(_)) && missing.is_empty());
    }

    #[test]
    fn images_get_the_size_their_source_has() {
        let size = |src: &str| (src == "/a&b.png").then_some((544, 272));
        assert_eq!(
            add_image_sizes(
                "<p><img src=\"/a&amp;b.png\" alt=x><img src=/c.png></p>",
                size
            ),
            "<p><img width=\"544\" height=\"272\" src=\"/a&amp;b.png\" alt=x><img src=/c.png></p>"
        );
        // A size given in the markup is the author's; nothing without a src is looked up.
        for html in [
            "<img width=10 src=\"/a&amp;b.png\">",
            "<img HEIGHT=10 src=\"/a&amp;b.png\">",
            "<img alt=x>",
            "<script><img src=\"/a&amp;b.png\"></script>",
        ] {
            assert!(
                matches!(add_image_sizes(html, size), Cow::Borrowed(_)),
                "{html}"
            );
        }
    }
}
