//! `site.toml`: the only reader of the site's configuration. Raw TOML becomes a checked
//! `SiteConfig` here; every later stage trusts it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{line_col, Diagnostic, Diagnostics};

mod keys;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditionKind {
    Day,
    Week,
    Month,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_output_dir")]
    output_dir: String,
    #[serde(default)]
    digest: DigestConfig,
    #[serde(default)]
    permalinks: PermalinkConfig,
    #[serde(default)]
    feeds: FeedConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigestConfig {
    pub edition: EditionKind,
    pub per_page: usize,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            edition: EditionKind::Week,
            per_page: 20,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PermalinkConfig {
    pub article: String,
}

impl Default for PermalinkConfig {
    fn default() -> Self {
        PermalinkConfig {
            article: "/{year}/{month}/{day}/{slug}/".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    pub items: usize,
    pub full_content: bool,
    pub tags: bool,
    /// Who the items are by: the digest, not the journalists it summarises. Else the
    /// site's title.
    pub author: Option<String>,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            items: 50,
            full_content: true,
            tags: true,
            author: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Syntect theme for the light stylesheet.
    pub highlight_theme: String,
    /// Syntect theme for the dark stylesheet.
    pub highlight_theme_dark: String,
    /// false turns syntax highlighting off (code stays escaped, with its language class).
    pub highlight: bool,
    pub unsafe_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            highlight: true,
            unsafe_html: false,
        }
    }
}

/// `[search]`: the static search index (see `crate::search`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    pub enabled: bool,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output_dir() -> String {
    "public".into()
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub root: PathBuf,
    pub title: String,
    /// Absolute http(s) URL ending in `/`.
    pub base_url: String,
    pub description: String,
    pub language: String,
    pub timezone: jiff::tz::TimeZone,
    pub theme: String,
    pub output_dir: String,
    pub digest: DigestConfig,
    pub permalink: Permalink,
    pub feeds: FeedConfig,
    pub markdown: MarkdownConfig,
    pub search: SearchConfig,
    pub extra: serde_json::Value,
}

/// A checked article permalink pattern: starts and ends with `/`, uses `{slug}`, only known
/// placeholders.
#[derive(Debug, Clone)]
pub struct Permalink(String);

pub const PERMALINK_PLACEHOLDERS: [&str; 4] = ["{year}", "{month}", "{day}", "{slug}"];

impl Permalink {
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        if !pattern.starts_with('/') || !pattern.ends_with('/') {
            return Err(format!("`{pattern}` must start and end with `/`"));
        }
        if !pattern.contains("{slug}") {
            return Err(format!("`{pattern}` must contain {{slug}}"));
        }
        let mut rest = pattern.to_string();
        for p in PERMALINK_PLACEHOLDERS {
            rest = rest.replace(p, "");
        }
        if rest.contains(['{', '}']) {
            return Err(format!(
                "`{pattern}` has an unknown placeholder; known: {}",
                PERMALINK_PLACEHOLDERS.join(", ")
            ));
        }
        if rest.split('/').any(|seg| seg == ".." || seg == ".") || rest.contains(['\\', '?', '#']) {
            return Err(format!(
                "`{pattern}` may not contain `.`/`..` segments, `\\`, `?` or `#`"
            ));
        }
        Ok(Permalink(pattern.to_string()))
    }

    /// True when the pattern tells apart articles of different days.
    pub fn has_day(&self) -> bool {
        self.0.contains("{day}")
    }

    /// The URL path for an article; every value given is already one safe segment.
    pub fn expand(&self, year: i16, month: i8, day: i8, slug: &str) -> String {
        self.0
            .replace("{year}", &format!("{year:04}"))
            .replace("{month}", &format!("{month:02}"))
            .replace("{day}", &format!("{day:02}"))
            .replace("{slug}", slug)
    }
}

impl SiteConfig {
    /// Reads `root/site.toml`. Every problem becomes a diagnostic naming the file and key.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let mut diags = Diagnostics::default();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                diags.push(Diagnostic::error(
                    &path,
                    0,
                    0,
                    format!("no {CONFIG_FILE} here; is this a gazette site? Run `gazette init` to create one"),
                ));
                return Err(diags);
            }
            Err(e) => {
                diags.push(Diagnostic::error(&path, 0, 0, format!("cannot read: {e}")));
                return Err(diags);
            }
        };
        // Every unknown key at once, with hints (serde would name only the first).
        if toml::from_str::<toml::Table>(&text).is_ok() {
            let unknown = keys::unknown_keys(&path, &text);
            if !unknown.is_empty() {
                diags.extend(unknown);
                return Err(diags);
            }
        }
        let raw: RawConfig = match toml::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                let (line, col) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
                diags.push(Diagnostic::error(
                    &path,
                    line,
                    col,
                    e.message().trim().to_string(),
                ));
                return Err(diags);
            }
        };
        let config = check(root, &path, &text, raw, &mut diags);
        match config {
            Some(c) if !diags.has_errors() => Ok(c),
            _ => Err(diags),
        }
    }
}

/// The line of `key = ` in the file, for errors about values serde accepted.
pub fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

fn check(
    root: &Path,
    path: &Path,
    text: &str,
    raw: RawConfig,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let mut err =
        |key: &str, msg: String| diags.push(Diagnostic::error(path, key_line(text, key), 0, msg));
    let base_url = match raw.base_url.as_deref().map(check_base_url) {
        None => {
            err("base_url", "missing key `base_url`: an absolute URL such as \"https://example.org/\" is required for feeds and the sitemap".into());
            None
        }
        Some(Err(msg)) => {
            err("base_url", format!("`base_url`: {msg}"));
            None
        }
        Some(Ok(url)) => Some(url),
    };
    // UTC, the default, needs no time zone database (finding one walks /usr/share/zoneinfo).
    let timezone = match raw.timezone.as_str() {
        "UTC" => Some(jiff::tz::TimeZone::UTC),
        name => match jiff::tz::TimeZone::get(name) {
            Ok(tz) => Some(tz),
            Err(_) => {
                err("timezone", format!("`timezone`: unknown time zone `{}`; use an IANA name such as \"UTC\" or \"Europe/Paris\"", raw.timezone));
                None
            }
        },
    };
    let permalink = match Permalink::parse(&raw.permalinks.article) {
        Ok(p) => Some(p),
        Err(msg) => {
            err("article", format!("`permalinks.article`: {msg}"));
            None
        }
    };
    if raw.digest.per_page == 0 {
        err("per_page", "`digest.per_page` must be at least 1".into());
    }
    if raw.feeds.items == 0 {
        err("items", "`feeds.items` must be at least 1".into());
    }
    if raw.theme.is_empty() || raw.theme.contains(['/', '\\']) || raw.theme.starts_with('.') {
        err(
            "theme",
            format!(
                "`theme`: `{}` must be the name of a folder in themes/",
                raw.theme
            ),
        );
    }
    let extra = serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null);
    Some(SiteConfig {
        root: root.to_path_buf(),
        title: raw.title,
        base_url: base_url?,
        description: raw.description,
        language: raw.language,
        timezone: timezone?,
        theme: raw.theme,
        output_dir: raw.output_dir,
        digest: raw.digest,
        permalink: permalink?,
        feeds: raw.feeds,
        markdown: raw.markdown,
        search: raw.search,
        extra,
    })
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

/// Accepts absolute http(s) URLs; returns them with exactly one trailing `/`.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not absolute; write it as \"https://example.org/\""))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty()
        || url.contains(char::is_whitespace)
        || url.contains(['?', '#', '"', '<', '>'])
    {
        return Err(format!("`{url}` is not a valid absolute URL"));
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
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
    }

    #[test]
    fn permalink_rejects_unknown_placeholders_and_traversal() {
        assert!(Permalink::parse("/{year}/{slug}/").is_ok());
        assert!(Permalink::parse("/{yr}/{slug}/").is_err());
        assert!(Permalink::parse("/{year}/").is_err());
        assert!(Permalink::parse("/../{slug}/").is_err());
        assert!(Permalink::parse("{slug}").is_err());
        assert_eq!(
            Permalink::parse("/{year}/{month}/{day}/{slug}/")
                .unwrap()
                .expand(2024, 5, 8, "x"),
            "/2024/05/08/x/"
        );
    }
}
