//! `site.toml`: the only reader of the site's configuration. Raw TOML becomes a checked
//! `SiteConfig` here; every later stage trusts it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{line_col, Diagnostic, Diagnostics, Problem, Severity};

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
    newsletter: RawNewsletter,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    extra: toml::Table,
    /// Message overrides, any id: checked against the tables in `i18n`.
    #[serde(default)]
    strings: toml::Table,
}

/// `[newsletter]` as written; checked into [`NewsletterConfig`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawNewsletter {
    enabled: Option<bool>,
    from: Option<String>,
    subject: Option<String>,
    unsubscribe: Option<String>,
    max_stories: Option<usize>,
}

/// The default `Subject:`, a Tera string.
pub const DEFAULT_SUBJECT: &str = "{{ site.title }} — {{ edition.title }}";

/// The email edition: on when the site has editions, unless `enabled = false`.
#[derive(Debug, Clone)]
pub struct NewsletterConfig {
    pub enabled: bool,
    /// `From:`; checked to be one mailbox (`Name <a@b>` or `a@b`). None: `send` refuses.
    pub from: Option<String>,
    /// A Tera string with `site` and `edition`.
    pub subject: Subject,
    /// An http(s) or mailto: URL for `List-Unsubscribe` and the footer.
    pub unsubscribe: Option<String>,
    /// Stories shown in full; the rest are listed by title.
    pub max_stories: Option<usize>,
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
    pub newsletter: NewsletterConfig,
    pub search: SearchConfig,
    pub extra: serde_json::Value,
    /// The theme's and gazette's words for `language`, with `[strings]` applied.
    pub strings: crate::i18n::Strings,
    /// Warnings found while reading site.toml (a `language` without a table).
    pub warnings: Vec<Diagnostic>,
}

/// A checked article permalink pattern: starts and ends with `/`, uses `{slug}`, only known
/// placeholders.
#[derive(Debug, Clone)]
pub struct Permalink(String);

pub const PERMALINK_PLACEHOLDERS: [&str; 4] = ["{year}", "{month}", "{day}", "{slug}"];

impl Permalink {
    pub fn parse(pattern: &str) -> Result<Permalink, Problem> {
        if !pattern.starts_with('/') || !pattern.ends_with('/') {
            return Err(Problem::value(format!(
                "`{pattern}` must start and end with `/`"
            )));
        }
        let mut rest = pattern.to_string();
        for p in PERMALINK_PLACEHOLDERS {
            rest = rest.replace(p, "");
        }
        if let Some(start) = rest.find('{') {
            let unknown = rest[start..].split_inclusive('}').next().unwrap_or("{");
            return Err(Problem::value(format!(
                "`{pattern}` has an unknown placeholder `{unknown}`; known: {}",
                PERMALINK_PLACEHOLDERS.join(", ")
            )));
        }
        if rest.contains('}') {
            return Err(Problem::value(format!(
                "`{pattern}` has a `}}` without its `{{`"
            )));
        }
        if !pattern.contains("{slug}") {
            return Err(Problem::value(format!("`{pattern}` must contain {{slug}}")));
        }
        if rest.split('/').any(|seg| seg == ".." || seg == ".") || rest.contains(['\\', '?', '#']) {
            return Err(Problem::value(format!(
                "`{pattern}` may not contain `.`/`..` segments, `\\`, `?` or `#`"
            )));
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
        SiteConfig::load_with(root, None)
    }

    /// Reads `root/site.toml` with `base_url` (`build --base-url`, serve's local address),
    /// when given, in place of the file's own: checked as the file's would be, before the
    /// rest of the configuration is.
    pub fn load_with(root: &Path, base_url: Option<&str>) -> Result<SiteConfig, Diagnostics> {
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
        // Every unknown key at once, with hints (serde would name only the first); the
        // rest of the file is then read without them, so its problems are listed too.
        let text = if toml::from_str::<toml::Table>(&text).is_ok() {
            let unknown = keys::unknown_keys(&path, &text);
            let read_rest = toml::from_str::<toml::Table>(&unknown.known_text).is_ok();
            let found_unknown = !unknown.diagnostics.is_empty();
            diags.extend(unknown.diagnostics);
            if !read_rest && found_unknown {
                return Err(diags);
            }
            unknown.known_text
        } else {
            text
        };
        let raw: RawConfig = match toml::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                let (line, col) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
                let key = text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .filter(|_| line > 0)
                    .and_then(|l| l.split_once('='))
                    .map(|(k, _)| k.trim().trim_matches('"'));
                let message = keys::plain_words(e.message().trim());
                let message = match key {
                    Some(k) if !k.is_empty() => format!("`{k}`: {message}"),
                    _ => message,
                };
                diags.push(Diagnostic::error(&path, line, col, message));
                return Err(diags);
            }
        };
        let config = check(root, &path, &text, raw, base_url, &mut diags);
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

/// The line of message `id` in the `[strings]` table (or of `strings.id = ` at the top).
fn strings_line(text: &str, id: &str) -> usize {
    let mut in_strings = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_strings = line.trim_matches(['[', ']', ' ']) == "strings";
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        let key = if in_strings {
            key
        } else {
            match key.strip_prefix("strings.") {
                Some(k) => k.trim_matches(['"', '\'']),
                None => continue,
            }
        };
        if key == id {
            return i + 1;
        }
    }
    0
}

fn check(
    root: &Path,
    path: &Path,
    text: &str,
    raw: RawConfig,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    // `--base-url` replaces the file's value, which is then not looked at.
    let override_url = base_url.map(|url| {
        crate::urls::check_base_url(url)
            .map_err(|e| diags.push(Diagnostic::at(Severity::Error, Path::new("--base-url"), e)))
            .ok()
    });
    let mut err =
        |key: &str, msg: String| diags.push(Diagnostic::error(path, key_line(text, key), 0, msg));
    let base_url = match override_url {
        Some(url) => url,
        None => match raw.base_url.as_deref().map(crate::urls::check_base_url) {
            None => {
                err("base_url", "missing key `base_url`: an absolute URL such as \"https://example.org/\" is required for feeds and the sitemap".into());
                None
            }
            Some(Err(msg)) => {
                err("base_url", format!("`base_url`: {msg}"));
                None
            }
            Some(Ok(url)) => Some(url),
        },
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
    let newsletter = check_newsletter(raw.newsletter, raw.digest.edition, &mut err);
    let extra = serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null);
    let loaded = crate::i18n::Strings::load(&raw.language, &raw.strings);
    let mut warnings = Vec::new();
    match crate::i18n::check_syntax(&raw.language) {
        Err(problem) => err("language", format!("`language`: {}", problem.message)),
        Ok(()) => {
            if let Some(w) = loaded.language_warning {
                warnings.push(Diagnostic::warning(path, key_line(text, "language"), 0, w));
            }
        }
    }
    for p in loaded.warnings {
        let line = strings_line(text, &p.id);
        warnings.push(Diagnostic::warning(path, line, 0, p.message));
    }
    for p in loaded.problems {
        diags.push(Diagnostic::error(
            path,
            strings_line(text, &p.id),
            0,
            p.message,
        ));
    }
    // Control characters never reach a page, feed or email (README, "Safety").
    let text = |s: String| crate::text::scrub(&s).into_owned();
    let mut feeds = raw.feeds;
    feeds.author = feeds.author.map(text);
    Some(SiteConfig {
        root: root.to_path_buf(),
        title: text(raw.title),
        base_url: base_url?,
        description: text(raw.description),
        language: raw.language,
        timezone: timezone?,
        theme: raw.theme,
        output_dir: raw.output_dir,
        digest: raw.digest,
        permalink: permalink?,
        feeds,
        markdown: raw.markdown,
        newsletter,
        search: raw.search,
        extra,
        strings: loaded.strings,
        warnings,
    })
}

fn check_newsletter(
    raw: RawNewsletter,
    edition: EditionKind,
    err: &mut impl FnMut(&str, String),
) -> NewsletterConfig {
    if raw.enabled == Some(true) && edition == EditionKind::None {
        err(
            "enabled",
            "`newsletter.enabled`: a newsletter is sent per edition, and `[digest] edition` is \"none\"".into(),
        );
    }
    if let Some(from) = &raw.from {
        if let Err(e) = from.parse::<lettre::message::Mailbox>() {
            err(
                "from",
                format!("`newsletter.from`: `{from}` is not an email address ({e}); write it as \"The Brief <brief@example.org>\""),
            );
        }
    }
    if let Some(url) = &raw.unsubscribe {
        let ok = (url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:"))
            && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
        if !ok {
            err(
                "unsubscribe",
                format!(
                    "`newsletter.unsubscribe`: `{url}` must be an absolute https:// or mailto: URL"
                ),
            );
        }
    }
    let subject = Subject::parse(raw.subject.as_deref().unwrap_or(DEFAULT_SUBJECT));
    let sample = serde_json::json!({"site": {"title": "T", "description": "", "base_url": "https://a.org/", "language": "en"}, "edition": {"id": "2024-w01", "title": "T", "url": "https://a.org/", "start_iso": "2024-01-01", "end_iso": "2024-01-07", "start_display": "1 January 2024", "end_display": "7 January 2024", "count": 1}});
    let sample = tera::Context::from_serialize(&sample).unwrap_or_default();
    if let Err(e) = subject.render(&sample) {
        err("subject", format!("`newsletter.subject`: {e}"));
    }
    if raw.max_stories == Some(0) {
        err(
            "max_stories",
            "`newsletter.max_stories` must be at least 1".into(),
        );
    }
    NewsletterConfig {
        enabled: raw.enabled.unwrap_or(edition != EditionKind::None),
        from: raw.from,
        subject,
        unsubscribe: raw.unsubscribe,
        max_stories: raw.max_stories,
    }
}

/// `[newsletter] subject`: the Tera string, parsed once when site.toml is read and then
/// rendered for every edition.
#[derive(Clone)]
pub struct Subject {
    /// The parsed template, or why it does not parse (reported when site.toml is read).
    template: Result<tera::Tera, String>,
}

impl std::fmt::Debug for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subject")
    }
}

impl Subject {
    const NAME: &'static str = "subject";

    pub fn parse(source: &str) -> Subject {
        let mut tera = tera::Tera::default();
        let template = match tera.add_raw_template(Self::NAME, source) {
            Ok(()) => Ok(tera),
            Err(e) => Err(one_line(&e)),
        };
        Subject { template }
    }

    /// The `Subject:` of an edition: the string rendered with `site` and `edition`, on one
    /// line.
    pub fn render(&self, context: &tera::Context) -> Result<String, Problem> {
        let tera = self
            .template
            .as_ref()
            .map_err(|e| Problem::value(e.clone()))?;
        let text = tera
            .render(Self::NAME, context)
            .map_err(|e| Problem::value(one_line(&e)))?;
        Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn one_line(e: &tera::Error) -> String {
    crate::render::theme::error_text(e).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalink_rejects_unknown_placeholders_and_traversal() {
        assert!(Permalink::parse("/{year}/{slug}/").is_ok());
        assert!(Permalink::parse("/{yr}/{slug}/").is_err());
        let e = Permalink::parse("/{year}/{title}/").unwrap_err().message;
        assert!(e.contains("unknown placeholder `{title}`"), "{e}");
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

    #[test]
    fn a_base_url_override_is_checked_in_place_of_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"T\"\n").unwrap();
        assert!(SiteConfig::load(dir.path()).is_err());
        let config = SiteConfig::load_with(dir.path(), Some("https://preview.test/x")).unwrap();
        assert_eq!(config.base_url, "https://preview.test/x/");
        let errors = SiteConfig::load_with(dir.path(), Some("preview.test")).unwrap_err();
        let errors = errors.sorted();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, Path::new("--base-url"));
    }
}
