//! Pages at a story's old URLs (`aliases`, `redirect_from`, `permalink`, `url` in its front
//! matter) that send readers and search engines on to where it lives now, so an archive
//! moved from Jekyll, Hugo or Zola keeps its links working. A redirect never replaces a
//! file the build writes itself; that clash is a warning at the document.

use std::collections::BTreeMap;

use super::Body;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::digest::Digest;
use crate::text::escape_html;

/// Adds a redirect page for every old URL of every published story and page.
pub fn add(
    files: &mut BTreeMap<String, Body>,
    digest: &Digest,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) {
    let documents = digest
        .stories
        .iter()
        .map(|s| (&s.doc, &s.path))
        .chain(digest.pages.iter().map(|p| (&p.doc, &p.path)));
    // Which document each redirect made so far leads to: two may claim one old URL.
    let mut made: BTreeMap<String, &std::path::Path> = BTreeMap::new();
    for (doc, path) in documents {
        let target = crate::urls::abs(&config.base_url, path);
        for alias in &doc.front_matter.aliases {
            let Some(file) = output_file(alias) else {
                diags.push(Diagnostic::warning(
                    &doc.path,
                    0,
                    0,
                    format!(
                        "no redirect from {}: no file can be written there",
                        crate::text::scrub(alias)
                    ),
                ));
                continue;
            };
            if file == super::file_for(path) {
                continue;
            }
            if files.contains_key(&file) {
                let why = match made.get(&file) {
                    Some(other) => format!(
                        "{} already redirects from there",
                        crate::diagnostic::shown_path(other).display()
                    ),
                    None => "the site has a page of its own there".to_string(),
                };
                diags.push(Diagnostic::warning(
                    &doc.path,
                    0,
                    0,
                    format!("no redirect from {alias}: {why}"),
                ));
                continue;
            }
            made.insert(file.clone(), &doc.path);
            files.insert(
                file,
                Body::Bytes(page(&config.language, &target).into_bytes()),
            );
        }
    }
}

/// The file an old URL path is served from: `/a/b/` and `/a/b` are `a/b/index.html`;
/// `/a/b.html` is itself. A host decodes a request's path before it looks for the file, so
/// `/caf%C3%A9/` is served from `café/`. None for a path that leaves the site (`..`) or
/// names nothing.
fn output_file(alias: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(alias)
        .decode_utf8()
        .ok()?;
    // No file name holds a control character (`%00`).
    if decoded.chars().any(char::is_control) {
        return None;
    }
    let path = decoded.trim_start_matches('/');
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
        || path.contains('\\')
    {
        return None;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let has_extension = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    match (path.is_empty(), has_extension) {
        (true, _) => None,
        (false, true) => Some(path.to_string()),
        (false, false) => Some(format!("{}/index.html", path.trim_end_matches('/'))),
    }
}

/// A redirect page: the browser goes on at once; the canonical link tells search engines
/// where the story is; a link serves anyone whose browser does not follow.
fn page(language: &str, target: &str) -> String {
    let (lang, url) = (escape_html(language), escape_html(target));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{url}</title>\n\
         <link rel=\"canonical\" href=\"{url}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n\
         <p><a href=\"{url}\">{url}</a></p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_name_their_files() {
        assert_eq!(
            output_file("/2019/old-name/").as_deref(),
            Some("2019/old-name/index.html")
        );
        assert_eq!(
            output_file("/2019/old-name").as_deref(),
            Some("2019/old-name/index.html")
        );
        assert_eq!(
            output_file("/links/roundup.html").as_deref(),
            Some("links/roundup.html")
        );
        assert_eq!(
            output_file("/v1.2/notes/").as_deref(),
            Some("v1.2/notes/index.html")
        );
        assert_eq!(output_file("/"), None);
        assert_eq!(output_file("/a/../../etc/passwd"), None);
        assert_eq!(
            output_file("/2014/caf%c3%a9-cr%C3%A8me/").as_deref(),
            Some("2014/café-crème/index.html")
        );
        assert_eq!(output_file("/a/%2e%2e/%2E%2E/etc/"), None);
        assert_eq!(output_file("/bad%ff/"), None);
        assert_eq!(output_file("/old/a%00b/"), None);
    }

    #[test]
    fn the_page_sends_readers_on() {
        let html = page("en", "https://example.org/2024/05/01/a/?x=1&y=2");
        assert!(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/2024/05/01/a/?x=1&amp;y=2\">"));
        assert!(html.contains("<link rel=\"canonical\""));
    }
}
