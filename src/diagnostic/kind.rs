//! What a diagnostic is about, as data: `check` and `serve` match on a [`DiagnosticKind`],
//! never on message text. The words of every kind with data of its own are written here,
//! in [`DiagnosticKind::message`], and nowhere else; [`DiagnosticKind::Other`] carries
//! problems that nothing matches on (a config key, an unreadable file, a template error),
//! whose message is written where they are found.

use std::fmt;
use std::path::PathBuf;

use super::Severity;

/// A place in a file, named in another file's diagnostic: `path:line`, the path alone when
/// the line is unknown (0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
}

/// Shown as the diagnostic's own file is: relative to the current directory when inside it.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = super::shown_path(&self.path);
        match self.line {
            0 => write!(f, "{}", path.display()),
            n => write!(f, "{}:{n}", path.display()),
        }
    }
}

/// The fix a URL clash suggests, which depends on the permalink pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashFix {
    /// Another `slug:` (the pattern has the day already, or a page is involved).
    Slug,
    /// The day in the pattern, or another `slug:`.
    DayOrSlug,
}

/// Why a build leaves a document out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutAs {
    Draft,
    Future,
    Expired,
    /// Hugo's `headless`, `build: {render: never}`.
    Hidden,
}

impl LeftOutAs {
    /// What the document is, to end "but it is …".
    pub fn described(self) -> &'static str {
        match self {
            LeftOutAs::Draft => "a draft",
            LeftOutAs::Future => "dated in the future",
            LeftOutAs::Expired => "past its `expiryDate`",
            LeftOutAs::Hidden => "never published (`headless` or `build: {render: never}`)",
        }
    }
}

/// Why a link's target is missing, or the target probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkHint {
    None,
    /// The target is where `file`, left out of this build, would be published.
    Unpublished {
        file: PathBuf,
        why: LeftOutAs,
    },
    /// The link names a Markdown file, published at `url`.
    UseUrl {
        url: String,
    },
    /// The file exists beside the article, but relative paths resolve from the page URL.
    WriteRooted {
        page_url: String,
        rooted: String,
    },
}

/// What a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DiagnosticKind {
    /// Anything nothing matches on; the message was written where it was found.
    #[default]
    Other,
    // --- digest
    /// A story whose source URL another story (`other`, at its `source:` line) has.
    DuplicateSource { other: Location, url: String },
    /// A document published at the URL `other` (at its `slug:`/`title:` line) has.
    UrlClash {
        url: String,
        other: Location,
        fix: ClashFix,
    },
    /// A document whose URL gazette keeps for its own pages.
    /// `search` when the URL is the search page's, taken only while search is on.
    ReservedUrl { url: String, search: bool },
    /// A document whose URL is also a file copied as is.
    UrlTakenByFile { url: String, file: PathBuf },
    /// A tag whose URL slug another tag (`other_tag`, first at `other`) has.
    TagSlugClash {
        tag: String,
        other_tag: String,
        other: Location,
        slug: String,
    },
    // --- content
    /// A placeholder `gazette new` or `import` wrote, left in a published article.
    PlaceholderText { command: String, wanted: String },
    /// Template syntax (`{{ … }}`, `{% … %}`) in content, published as written.
    TemplateSyntax { example: String, count: usize },
    // --- check
    /// A link or image leading to nothing the build produces.
    BrokenLink {
        dest: String,
        image: bool,
        /// The URL path looked for.
        missing: String,
        /// The URL the page links to, when the link was relative.
        resolved: Option<String>,
        hint: LinkHint,
    },
    /// A link to a page without the element its `#fragment` names.
    MissingAnchor {
        dest: String,
        fragment: String,
        page: String,
        near: Option<String>,
    },
    /// An article without `summary:`.
    NoSummary,
    /// An article without `source:`.
    NoSource,
    /// A raw `<img>` without `alt`.
    ImageWithoutAlt,
    /// A tag used once, spelled almost like `near` (used by `uses` stories).
    TagTypo {
        tag: String,
        near: String,
        uses: usize,
    },
    /// A draft dated `days` days ago.
    StaleDraft {
        date: jiff::civil::Date,
        days: i64,
        /// The key that made it a draft (`draft`, `published`, `permalink`, `publish`,
        /// `status`, `password`); None for a
        /// file in a `_drafts/` folder.
        key: Option<&'static str>,
    },
    /// site.toml's `base_url` is still the placeholder `gazette init` wrote.
    PlaceholderBaseUrl { url: String },
}

impl DiagnosticKind {
    /// How serious a problem of this kind is (`Other` is given its severity where found).
    pub fn severity(&self) -> Severity {
        use DiagnosticKind::*;
        match self {
            UrlClash { .. }
            | ReservedUrl { .. }
            | UrlTakenByFile { .. }
            | PlaceholderText { .. } => Severity::Error,
            Other
            | DuplicateSource { .. }
            | TagSlugClash { .. }
            | TemplateSyntax { .. }
            | BrokenLink { .. }
            | MissingAnchor { .. }
            | NoSummary
            | NoSource
            | ImageWithoutAlt
            | TagTypo { .. }
            | StaleDraft { .. }
            | PlaceholderBaseUrl { .. } => Severity::Warning,
        }
    }

    /// The words a curator reads; empty for `Other`, whose message is its own.
    pub fn message(&self) -> String {
        use DiagnosticKind::*;
        match self {
            Other => String::new(),
            DuplicateSource { other, url } => format!(
                "runs the same story as {other} (source URL {url}); a digest should not run a story twice"
            ),
            UrlClash { url, other, fix } => {
                let fix = match fix {
                    ClashFix::Slug => "give one of them another `slug:`",
                    ClashFix::DayOrSlug => "add {day} to `[permalinks] article` in site.toml (e.g. \"/{year}/{month}/{day}/{slug}/\"), or give one of them another `slug:`",
                };
                format!("its URL {url} is also the URL of {other}; {fix}")
            }
            ReservedUrl { url, search } => {
                let why = if *search {
                    " (the search page: `[search] enabled = true` in site.toml)"
                } else {
                    ""
                };
                format!("its URL {url} is reserved for gazette's own pages{why}; set another `slug:`")
            }
            UrlTakenByFile { url, file } => {
                format!(
                    "its URL {url} clashes with the file {}",
                    super::shown_path(file).display()
                )
            }
            TagSlugClash {
                tag,
                other_tag,
                other,
                slug,
            } => format!(
                "tag `{tag}` makes the same URL slug as tag `{other_tag}` ({other}); `{tag}` gets /tags/{slug}/ (spell the two alike if they are one tag)"
            ),
            PlaceholderText { command, wanted } => format!(
                "the placeholder `{command}` wrote is still here; write {wanted} in its place, or keep `draft: true` until it is ready"
            ),
            TemplateSyntax { example, count } => {
                let times = match count {
                    1 => "once".to_string(),
                    n => format!("{n} times, first here"),
                };
                format!(
                    "template syntax such as `{example}` appears {times}; gazette runs no templates in content, so it is published as written: replace it with plain text or a link (in code, it is left alone)"
                )
            }
            BrokenLink {
                dest,
                image,
                missing,
                resolved,
                hint,
            } => {
                let what = if *image {
                    format!("image `{dest}` does not exist")
                } else {
                    format!("link `{dest}` points to no page")
                };
                let written = match resolved {
                    Some(url) => format!(" (the page links to {url})"),
                    None => String::new(),
                };
                let hint = match hint {
                    LinkHint::None => String::new(),
                    LinkHint::Unpublished { file, why } => format!(
                        "; that is where {} would be published, but it is {}",
                        super::shown_path(file).display(),
                        why.described()
                    ),
                    LinkHint::UseUrl { url } => format!("; link to its URL, {url}"),
                    LinkHint::WriteRooted { page_url, rooted } => format!(
                        "; relative paths are resolved from the page's URL {page_url}: write {rooted}"
                    ),
                };
                format!("{what}: the built site has no {missing}{written}{hint}")
            }
            MissingAnchor {
                dest,
                fragment,
                page,
                near,
            } => {
                let near = match near {
                    Some(id) => format!("; did you mean #{id}?"),
                    None => String::new(),
                };
                format!("link `{dest}` points to no element with id `{fragment}` on {page}{near}")
            }
            NoSummary => "no summary: the article's opening (its first paragraph, or the part before `<!-- more -->`) stands in; add `summary:` in your own words".into(),
            NoSource => "no source: add `source: {name, url}` pointing to the original story".into(),
            ImageWithoutAlt => "this image has no text alternative: describe it in `alt=\"…\"` (or write `alt=\"\"` if it is only decoration)".into(),
            TagTypo { tag, near, uses } => format!(
                "tag `{tag}` is used only here; did you mean `{near}` ({uses} {})?",
                if *uses == 1 { "story" } else { "stories" }
            ),
            StaleDraft { date, days, key } => {
                let why = match key {
                    Some("draft") => "`draft: true`".to_string(),
                    Some("status") => "its `status`".to_string(),
                    Some("password" | "post_password") => {
                        "a password: gazette does not encrypt".to_string()
                    }
                    Some(key @ ("private" | "hidden")) => format!("`{key}: true`"),
                    Some("visibility") => "its `visibility`".to_string(),
                    Some(key) => format!("`{key}: false`"),
                    None => "by its folder or name: `_drafts/`, Medium's `draft_…`".to_string(),
                };
                format!(
                    "draft ({why}) dated {date}, {days} days ago: publish it with a current date, or delete it"
                )
            }
            PlaceholderBaseUrl { url } => format!(
                "`base_url` is still the placeholder `{url}`; set it to the address the site will be published at before you publish (feeds and the sitemap use it)"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_name_the_line_when_known() {
        let at = |line| Location {
            path: PathBuf::from("content/a.md"),
            line,
        };
        assert_eq!(at(4).to_string(), "content/a.md:4");
        assert_eq!(at(0).to_string(), "content/a.md");
    }

    #[test]
    fn kinds_with_data_make_their_own_words() {
        let other = Location {
            path: PathBuf::from("content/a.md"),
            line: 5,
        };
        let dup = DiagnosticKind::DuplicateSource {
            other: other.clone(),
            url: "https://x.org/s".into(),
        };
        assert_eq!(dup.severity(), Severity::Warning);
        assert_eq!(
            dup.message(),
            "runs the same story as content/a.md:5 (source URL https://x.org/s); a digest should not run a story twice"
        );
        let clash = DiagnosticKind::UrlClash {
            url: "/a/".into(),
            other,
            fix: ClashFix::Slug,
        };
        assert_eq!(clash.severity(), Severity::Error);
        assert_eq!(
            clash.message(),
            "its URL /a/ is also the URL of content/a.md:5; give one of them another `slug:`"
        );
        assert_eq!(DiagnosticKind::Other.message(), "");
    }
}
