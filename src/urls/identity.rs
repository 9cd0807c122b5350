//! What an absolute URL names: its host, whether two URLs are the same story, and the
//! site's own `base_url`. Used by config, content, digest, render and import alike, so they
//! agree on every answer.

use crate::diagnostic::Problem;

/// The host of an absolute http(s) URL without spaces or quotes.
pub fn absolute_http_host(url: &str) -> Option<&str> {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let valid = !host.is_empty()
        && !url.contains(|c: char| {
            c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'
        });
    valid.then_some(host)
}

/// The host without `www.`, lowercased, for naming a source after it:
/// `https://www.news.example.org/x` → `news.example.org`.
pub fn host_name(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.to_lowercase();
    let host = host.trim_start_matches("www.").to_string();
    (!host.is_empty()).then_some(host)
}

/// What makes two source URLs the same story: case of scheme and host, `www.`, a trailing
/// slash, the fragment and `utm_*` tracking parameters do not count.
pub fn story_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let base = match base.find("://") {
        Some(i) => &base[i + 3..],
        None => base,
    };
    let (host, path) = base.split_once('/').unwrap_or((base, ""));
    let host = host.to_lowercase();
    let host = host.trim_start_matches("www.");
    let query: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.to_lowercase().starts_with("utm_"))
        .collect();
    format!("{host}/{}?{}", path.trim_end_matches('/'), query.join("&"))
}

/// True for a `base_url` that cannot be the site's real address: the reserved example
/// domains (`init` writes `https://example.org/`) and this machine.
pub fn is_placeholder_base_url(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    matches!(
        host,
        "example.org" | "example.com" | "example.net" | "localhost" | "127.0.0.1"
    )
}

/// Accepts absolute http(s) URLs; returns them as every feed and link writes them: ASCII
/// (a host in another script as Punycode, a path's other characters percent-encoded), the
/// scheme and host in lower case, a final `index.html` dropped, and exactly one trailing `/`.
pub fn check_base_url(url: &str) -> Result<String, Problem> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        // `digest.example.net` is most likely the host itself.
        let host_like = !url.is_empty() && !url.starts_with('/') && !url.contains("://");
        let example = if host_like {
            format!("https://{}/", url.trim_end_matches('/'))
        } else {
            "https://example.org/".to_string()
        };
        if url.contains("://") && !url.starts_with("://") {
            return Err(Problem::value(format!(
                "`{url}` must be an http:// or https:// address, where readers find the site"
            )));
        }
        return Err(Problem::value(format!(
            "`{url}` is not absolute; write it as \"{example}\""
        )));
    }
    let invalid = || Problem::value(format!("`{url}` is not a valid absolute URL"));
    if url.contains(char::is_whitespace) {
        // In the path a space can be written as %20; in the host it is a mistake.
        let host_end = url[url.find("://").map_or(0, |i| i + 3)..]
            .find('/')
            .map_or(url.len(), |i| url.find("://").map_or(0, |s| s + 3) + i);
        let how = match url[..host_end].contains(char::is_whitespace) {
            true => "a host name has none",
            false => "write a space in a path as %20",
        };
        return Err(Problem::value(format!(
            "`{url}` holds a space or a line break; {how}"
        )));
    }
    let after_scheme = &url[url.find("://").map_or(0, |i| i + 3)..];
    if after_scheme.starts_with('/') || url.contains(['?', '#', '"', '<', '>']) {
        return Err(invalid());
    }
    let parsed = url::Url::parse(url).map_err(|_| invalid())?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Problem::value(format!(
            "`{url}` holds a user name or password, which every link and feed would publish; \
             leave them out"
        )));
    }
    let text = parsed.as_str();
    let text = text
        .strip_suffix("index.html")
        .or_else(|| text.strip_suffix("index.htm"))
        .unwrap_or(text);
    Ok(format!("{}/", text.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_one_trailing_slash() {
        assert_eq!(check_base_url("https://a.org").unwrap(), "https://a.org/");
        assert_eq!(
            check_base_url("https://a.org/brief//").unwrap(),
            "https://a.org/brief/"
        );
        assert!(check_base_url("/relative/").is_err());
        assert!(check_base_url("a.org").is_err());
        assert!(check_base_url("https:///x").is_err());
        let why = |u: &str| check_base_url(u).unwrap_err().message;
        assert!(why("ftp://a.org/").contains("must be an http:// or https://"));
        assert!(why("https://a.org/a b/").contains("write a space in a path as %20"));
        assert!(why("https://ex ample.org/").contains("a host name has none"));
        assert_eq!(
            check_base_url("https://a.org/a%20b/").unwrap(),
            "https://a.org/a%20b/"
        );
    }

    #[test]
    fn base_url_is_written_as_ascii_in_one_spelling() {
        for (given, written) in [
            ("HTTPS://Example.ORG/Digest", "https://example.org/Digest/"),
            (
                "https://bücher.example/nachrichten-ü/",
                "https://xn--bcher-kva.example/nachrichten-%C3%BC/",
            ),
            ("https://a.org/digest/index.html", "https://a.org/digest/"),
            ("http://a.org:8080", "http://a.org:8080/"),
        ] {
            assert_eq!(check_base_url(given).unwrap(), written, "{given}");
        }
        let e = check_base_url("https://user:pw@a.org/").unwrap_err();
        assert!(e.message.contains("user name or password"), "{e}");
    }

    #[test]
    fn a_bare_host_is_suggested_back_with_its_scheme() {
        let e = check_base_url("digest.example.net").unwrap_err();
        assert!(e.message.contains("\"https://digest.example.net/\""), "{e}");
        let e = check_base_url("/blog/").unwrap_err();
        assert!(e.message.contains("\"https://example.org/\""), "{e}");
    }

    #[test]
    fn one_story_whatever_the_spelling_of_its_url() {
        for other in [
            "HTTPS://Www.Ex.ORG/a/#comments",
            "http://ex.org/a?utm_source=feed",
            "https://ex.org/a/",
        ] {
            assert_eq!(story_key("https://ex.org/a"), story_key(other), "{other}");
        }
        assert_ne!(story_key("https://ex.org/a"), story_key("https://ex.org/A"));
        assert_ne!(
            story_key("https://ex.org/a?id=1"),
            story_key("https://ex.org/a?id=2")
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(absolute_http_host("HTTPS://ex.org/a"), Some("ex.org"));
        assert_eq!(absolute_http_host("ftp://ex.org/a"), None);
        assert_eq!(absolute_http_host("https://ex.org/a b"), None);
        assert_eq!(
            host_name("https://www.News.ex.org:8080/x").as_deref(),
            Some("news.ex.org")
        );
    }
}
