//! URLs, in one place: what a link written in a document means once it is published, for
//! pages (the Markdown renderer and the raw HTML pass), feeds, the sitemap and `check`.
//!
//! The rules, in order:
//! - a URL with a scheme (`https:`, `mailto:`, `irc:`…), an empty one, and on pages a
//!   `#fragment` alone are left as written;
//! - `//host/x` takes the site's scheme;
//! - `/x` is the site's `x`: against `base_url`, base path included;
//! - a relative path that names a file next to the document (copied with it) is that file;
//! - any other relative path is resolved against the document's published URL, as a
//!   browser would, and clamped at the site root: no output URL has a `..` segment.
//!
//! Feeds need every URL absolute, `#fragment` too: [`absolute_in_feed`].

mod documents;
mod html;
mod identity;

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

pub use documents::{
    as_written, placeholder as document_placeholder, shown_target, DocumentUrls,
    PLACEHOLDER as DOCUMENT_PLACEHOLDER,
};
pub use html::{add_image_sizes, add_missing_alt, rewrite_url_attributes, UrlAttribute};
pub use identity::{
    absolute_http_host, check_base_url, host_name, is_placeholder_base_url, story_key,
};

/// Where a document lives and is published: what its relative links mean.
pub struct DocBase<'a> {
    /// The site's absolute URL (`base_url`), ending in `/`.
    pub site_url: &'a str,
    /// The URL path the document is published at, starting and ending with `/`.
    pub page_path: &'a str,
    /// The document's folder under `content/`, `/`-separated, ending in `/` (or empty).
    pub dir: &'a str,
    /// The document is a page bundle's `index` file (Hugo's `ref`s look in its section).
    pub bundle: bool,
    /// Folders below `content/` (`/`-separated, ending in `/`) where a relative path not
    /// beside the document is looked for, in order: the folder named as its file
    /// (`_posts/walk/` for `_posts/walk.md`, Hexo's post asset folder), and an Obsidian
    /// vault's own folder, its `attachments/` and the folder its settings name, where Obsidian
    /// puts pictures.
    pub look_in: &'a [String],
    /// Where the build publishes the file at this content-relative path, if it copies it
    /// (the same path, unless another generator's folder publishes it at the site's root).
    pub beside: &'a dyn Fn(&str) -> Option<String>,
}

/// `base_url` joined with a site path: `/a/b/` -> `https://host/base/a/b/`.
pub fn abs(site_url: &str, path: &str) -> String {
    format!("{site_url}{}", path.trim_start_matches('/'))
}

/// What a page links to for `dest`, or None to keep `dest` as written.
pub fn resolve(dest: &str, base: &DocBase<'_>) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) {
        return None;
    }
    if let Some(rest) = dest.strip_prefix("//") {
        return Some(format!("{}//{rest}", scheme_of(base.site_url)));
    }
    if let Some(link) = documents::placeholder(dest, base.dir, base.bundle) {
        return Some(link);
    }
    let split = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(split);
    let site_path = if path.is_empty() {
        // `?q`: the page itself with another query.
        base.page_path.to_string()
    } else if path.starts_with('/') {
        normalize(path)
    } else {
        // The path as written (its encoding kept), unless the file is published elsewhere.
        let found = |dir: &str| {
            let written = beside_path(dir, path)?;
            let decoded = decode(&written);
            let output = (base.beside)(&decoded)?;
            Some(if output == decoded { written } else { output })
        };
        let elsewhere = || base.look_in.iter().find_map(|d| found(d));
        match found(base.dir).or_else(elsewhere) {
            Some(file) => format!("/{file}"),
            None => normalize(&format!("{}{path}", base.page_path)),
        }
    };
    let site_path = utf8_percent_encode(&site_path, UNSAFE_IN_PATH);
    Some(format!(
        "{}{}{suffix}",
        base.site_url,
        site_path.to_string().trim_start_matches('/')
    ))
}

/// Makes any URL left in a feed item absolute: `#x` and `?q` are the item's `permalink`
/// with them; other relative references are resolved against it; `//host` gets the
/// permalink's scheme. URLs with a scheme are kept.
pub fn absolute_in_feed<'a>(url: &'a str, permalink: &str) -> Cow<'a, str> {
    let url = url.trim();
    if has_scheme(url) {
        return Cow::Borrowed(url);
    }
    if let Some(rest) = url.strip_prefix("//") {
        return Cow::Owned(format!("{}//{rest}", scheme_of(permalink)));
    }
    let page = permalink.split(['?', '#']).next().unwrap_or(permalink);
    if url.is_empty() || url.starts_with(['#', '?']) {
        return Cow::Owned(format!("{page}{url}"));
    }
    // The permalink's origin (`https://host`) and path, so `/x` and `x` join as a browser's.
    let after_scheme = page.find("://").map_or(0, |i| i + 3);
    let origin_end = page[after_scheme..]
        .find('/')
        .map_or(page.len(), |i| after_scheme + i);
    let (origin, path) = page.split_at(origin_end);
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (rel, suffix) = url.split_at(split);
    let joined = if rel.starts_with('/') {
        normalize(rel)
    } else {
        normalize(&format!(
            "{}{rel}",
            &path[..path.rfind('/').map_or(0, |i| i + 1)]
        ))
    };
    Cow::Owned(format!("{origin}{joined}{suffix}"))
}

/// A URL a page of this site links to, as `check` sees it: the site path (decoded,
/// without query) and the fragment (decoded), or None for a URL outside the site. A
/// `#fragment` alone is on `page_path`.
pub fn site_target(url: &str, site_url: &str, page_path: &str) -> Option<(String, Option<String>)> {
    let url = url.trim();
    let fragment = url
        .split_once('#')
        .map(|(_, f)| decode(f))
        .filter(|f| !f.is_empty());
    if let Some(same_page) = url.strip_prefix('#') {
        return (!same_page.is_empty()).then(|| (page_path.to_string(), fragment));
    }
    let rest = strip_prefix_ignore_case(url, site_url)?;
    let path = rest.split(['?', '#']).next().unwrap_or("");
    Some((format!("/{}", decode(path)), fragment))
}

/// Joins a relative path to the document's folder under `content/`, if the result stays
/// inside `content/`: the file a `chart.svg` or `../img/x.png` written next to it names.
pub fn beside_path(dir: &str, path: &str) -> Option<String> {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match dot_segment(seg) {
            Some(Dots::One) => {}
            Some(Dots::Two) => {
                segments.pop()?;
            }
            None if seg.is_empty() => {}
            None => segments.push(seg),
        }
    }
    (!segments.is_empty() && !path.ends_with('/')).then(|| segments.join("/"))
}

/// `mailto:`, `https:`, `data:`…: a URL scheme (RFC 3986: a letter, then letters, digits,
/// `+-.`, then `:`).
pub fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Percent-decoding as a browser's address bar shows it (invalid UTF-8 replaced).
pub fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Bytes a URL path may not hold as they are (what a browser would encode); `%` is not
/// among them, so what the author encoded stays encoded once.
const UNSAFE_IN_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `https:` of `https://host/`.
fn scheme_of(url: &str) -> &str {
    url.find("//").map_or("https:", |i| &url[..i])
}

enum Dots {
    One,
    Two,
}

/// `.` and `..`, also percent-encoded as browsers read them (`%2e%2E`).
fn dot_segment(seg: &str) -> Option<Dots> {
    match seg.to_ascii_lowercase().replace("%2e", ".").as_str() {
        "." => Some(Dots::One),
        ".." => Some(Dots::Two),
        _ => None,
    }
}

/// An absolute path with `.` and `..` segments resolved (never above the root) and
/// doubled slashes dropped; a trailing slash (or a final dot segment) is kept as one.
fn normalize(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match dot_segment(seg) {
            Some(Dots::One) => {}
            Some(Dots::Two) => {
                segments.pop();
            }
            None if seg.is_empty() => {}
            None => segments.push(seg),
        }
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let mut out = format!("/{}", segments.join("/"));
    if !segments.is_empty() && (last.is_empty() || dot_segment(last).is_some()) {
        out.push('/');
    }
    out
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
pub(crate) mod tests;
