//! `gazette init` (a new site) and `gazette new` (a new draft article). Both only ever create
//! files: an existing file is never overwritten.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::ZonedDateTime as Zoned;

use crate::config::SiteConfig;
use crate::content::emit::{create_unique, yaml_scalar};
use crate::content::slug::{normalize_tag, slugify_or};
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::render::theme::DEFAULT_THEME;
use crate::urls::absolute_http_host;

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::File {
        path: path.to_path_buf(),
        source,
    }
}

/// What `init` should write.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// The day the example article is dated.
    pub today: Date,
    /// IANA name written as the site's `timezone`.
    pub timezone: String,
    /// Also write the embedded default theme to `themes/default/` for editing.
    pub eject_theme: bool,
    /// The site's `language`, a BCP 47 tag (checked by the caller).
    pub language: String,
}

/// Creates a new site in `opts.dir` and returns the files written, relative to it.
///
/// The folder may be missing (it is created) or hold only dotfiles (`.git`, `.gitignore`);
/// anything else is refused, so `init` never mixes its files with someone else's.
pub fn init(opts: &InitOptions) -> Result<Vec<PathBuf>, Error> {
    let dir = &opts.dir;
    ensure_empty_dir(dir)?;
    let mut written = Vec::new();
    let day = opts.today.to_string();
    let article = format!("content/{day}-how-to-write-a-story.md");
    let files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            site_toml(&opts.timezone, &opts.language),
        ),
        (article, example_article(&day)),
        (
            "content/pages/about.md".into(),
            about_page(sample_words(&opts.language).about),
        ),
        // The build's lock file stays beside the output (removing it would race another
        // build that opened it), so it is ignored with it.
        (
            ".gitignore".into(),
            "/public\n/.public.gazette-lock\n".into(),
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(&rel);
        if rel == ".gitignore" && path.exists() {
            continue;
        }
        create_new(&path, text.as_bytes())?;
        written.push(PathBuf::from(rel));
    }
    for empty in ["static", "templates"] {
        std::fs::create_dir_all(dir.join(empty)).map_err(|e| io_error(&dir.join(empty), e))?;
        written.push(PathBuf::from(format!("{empty}/")));
    }
    if opts.eject_theme {
        written.extend(eject_theme(dir)?);
    }
    Ok(written)
}

/// True if `dir` is missing, or a folder holding nothing but dotfiles.
fn ensure_empty_dir(dir: &Path) -> Result<(), Error> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut others: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect();
            others.sort();
            if others.is_empty() {
                Ok(())
            } else {
                let shown = others
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = if others.len() > 3 { ", …" } else { "" };
                Err(Error::NotEmpty {
                    dir: dir.to_path_buf(),
                    holds: format!("{shown}{more}"),
                })
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))
        }
        Err(_) if dir.exists() && !dir.is_dir() => Err(Error::NotAFolder {
            dir: dir.to_path_buf(),
        }),
        Err(e) => Err(io_error(dir, e)),
    }
}

/// Writes `bytes` to a file that must not exist yet, creating its parent folders.
fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    file.write_all(bytes).map_err(|e| io_error(path, e))
}

/// Writes the embedded default theme to `dir/themes/default/`; returns the files written.
pub fn eject_theme(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    fn walk(
        d: &'static include_dir::Dir<'static>,
        out: &mut Vec<&'static include_dir::File<'static>>,
    ) {
        out.extend(d.files());
        for sub in d.dirs() {
            walk(sub, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_THEME, &mut files);
    let base = Path::new("themes").join("default");
    let mut written = Vec::new();
    for f in files {
        let rel = base.join(f.path());
        create_new(&dir.join(&rel), f.contents())?;
        written.push(rel);
    }
    written.sort();
    Ok(written)
}

fn site_toml(timezone: &str, language: &str) -> String {
    let SampleWords {
        title, description, ..
    } = sample_words(language);
    SITE_TOML
        .replace("{timezone}", &toml_string(timezone))
        .replace("{language}", &toml_string(language))
        .replace("{title}", &toml_string(title))
        .replace("{description}", &toml_string(description))
}

/// A new site's placeholder words in one language.
struct SampleWords {
    language: &'static str,
    title: &'static str,
    description: &'static str,
    /// The about page's title, which the navigation shows.
    about: &'static str,
}

/// A new site's placeholder title, description and about page title in each language
/// gazette has a table for, so that a fresh site shows no English on its pages but the
/// sample article's and the about page's guidance.
const SAMPLE_WORDS: [SampleWords; 10] = [
    SampleWords {
        language: "en",
        title: "My Digest",
        description: "A curated digest of the stories worth your time.",
        about: "About this digest",
    },
    SampleWords {
        language: "de",
        title: "Mein Überblick",
        description: "Ausgewählte Meldungen, die Ihre Zeit wert sind.",
        about: "Über diesen Überblick",
    },
    SampleWords {
        language: "fr",
        title: "Ma revue de presse",
        description: "Une sélection d’articles qui valent votre temps.",
        about: "À propos de cette revue",
    },
    SampleWords {
        language: "es",
        title: "Mi resumen",
        description: "Una selección de noticias que merecen tu tiempo.",
        about: "Acerca de este resumen",
    },
    SampleWords {
        language: "it",
        title: "La mia rassegna",
        description: "Una selezione di notizie che meritano il vostro tempo.",
        about: "Informazioni su questa rassegna",
    },
    SampleWords {
        language: "pt",
        title: "Resumo de notícias",
        description: "Uma seleção de notícias que valem o seu tempo.",
        about: "Sobre este resumo",
    },
    SampleWords {
        language: "nl",
        title: "Mijn overzicht",
        description: "Een selectie van berichten die je tijd waard zijn.",
        about: "Over dit overzicht",
    },
    SampleWords {
        language: "pl",
        title: "Mój przegląd",
        description: "Wybrane wiadomości warte Twojego czasu.",
        about: "O tym przeglądzie",
    },
    SampleWords {
        language: "sv",
        title: "Min sammanställning",
        description: "Ett urval av nyheter som är värda din tid.",
        about: "Om den här sammanställningen",
    },
    SampleWords {
        language: "ja",
        title: "マイダイジェスト",
        description: "読む価値のある記事を厳選してお届けします。",
        about: "このダイジェストについて",
    },
];

/// The sample words for `language` (English for a language without a table).
fn sample_words(language: &str) -> &'static SampleWords {
    let subtag = language
        .split('-')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    SAMPLE_WORDS
        .iter()
        .find(|w| w.language == subtag)
        .unwrap_or(&SAMPLE_WORDS[0])
}

/// A TOML basic string (JSON string syntax is a subset of it for what we write).
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"UTC\"".into())
}

const SITE_TOML: &str = r#"# The configuration of this gazette site. Every key is shown with its default value,
# except title and base_url, which every site sets. Unknown keys are an error.

# The site's name, shown in the header, the page titles and the feeds.
title = {title}
# The address the site will be published at: absolute, http(s). Feeds and the sitemap
# need it. Replace the placeholder before you publish.
base_url = "https://example.org/"
# One sentence about the digest, for the front page, feeds and search engines.
description = {description}
# The language of the content, as a BCP 47 tag (en, fr, pt-BR). The theme's words and the
# dates follow it; tables ship for en, de, fr, es, it, pt, nl, pl, sv and ja.
language = {language}
# The time zone (IANA name) for dates written without an offset, and for `gazette new`.
timezone = {timezone}
# themes/<name>/ ; "default" is built into gazette, so themes/ may be absent. Any file in
# this site's templates/ or static/ overrides the theme's file of the same name.
theme = "default"
# Where `gazette build` writes the site (relative to this file).
output_dir = "public"

[digest]
# How stories group into editions: day, week (ISO weeks, e.g. 2024-w22), month or none.
edition = "week"
# Stories per page on the front page, tag pages and the archive.
per_page = 20

[permalinks]
# The URL of an article; placeholders: {year}, {month}, {day}, {slug} (required).
article = "/{year}/{month}/{day}/{slug}/"

[feeds]
# How many of the newest stories each feed holds.
items = 50
# true: summary, a link to the original, then the article; false: no article text.
full_content = true
# Who the items are by (the digest, not the journalists); default: the site title.
# author = "The editors"
# true: a feed per tag too, at /tags/<tag>/rss.xml.
tags = true

[markdown]
# Syntax highlighting themes (syntect names) for code blocks, light and dark.
highlight_theme = "InspiredGitHub"
highlight_theme_dark = "base16-ocean.dark"
# false turns syntax highlighting off.
highlight = true
# true passes raw HTML in articles through untouched (embeds). Only for trusted content:
# the default, false, removes scripts and other unsafe HTML.
unsafe_html = false

[newsletter]
# Every edition is also written as an email (editions/<id>/email.html, .txt, .eml) that
# `gazette send` can hand to a mail server. Default: on, unless [digest] edition = "none".
enabled = true
# The sender, needed by `gazette send`.
# from = "My Digest <digest@example.org>"
# The subject: a Tera template with `site` and `edition`; default: the site title, a dash,
# and the edition title.
# subject = "..."
# An https:// or mailto: address to unsubscribe (List-Unsubscribe header and the footer).
# unsubscribe = "https://example.org/unsubscribe"
# How many stories to show in full (the rest are listed by title); default: all that fit
# under Gmail's 102 KB limit.
# max_stories = 10

[search]
# true: a search page at /search/ and a search box on every page, with an index of every
# story written under search/index/ (false: neither).
enabled = true

[extra]
# Free-form values for templates, as {{ site.extra.<key> }}. The default theme shows
# `tagline` under the site title (in place of the description) and `footer_note` in the footer.
# tagline = "Five stories, every Monday."
# footer_note = "Curated by the newsroom of the Example Courier."

[strings]
# Any word of the theme in your own phrasing, by message id (docs/templates.md lists them).
# skip_link = "Skip to the stories"
# reading_time = { one = "{count} minute", other = "{count} minutes" }
"#;

fn example_article(day: &str) -> String {
    format!(
        r#"---
title: "How to write a story for this digest"
date: {day}
tags: [gazette, how-to]
source:
  name: gazette
  url: https://example.org/gazette/
summary: >-
  A sample story, not news: what goes into an article's front matter and body, and how to
  preview and publish it.
---

This is a sample article created by `gazette init`. Edit it or delete it once you have
written your first real story.

Each story is one Markdown file under `content/`. The part between the two `---` lines is
the front matter: the `title`, the `date`, a few `tags`, the `source` you are pointing
readers to (its name and URL), and a `summary` in your own words, which appears on the
front page and in feeds. Below the front matter, write what happened and why it matters.
Quote the original sparingly and mark quotations as such.

To start a new story, run `gazette new "Its title" --tag some-tag --source-url URL`. It
writes a draft (`draft: true`), which `gazette build` leaves out; preview it with
`gazette serve --drafts`, and remove the `draft` line when it is ready. `gazette check`
lists broken links, missing summaries and likely typos in tags before you publish.
"#
    )
}

/// The about page, titled in the site's language (the navigation shows the title); its
/// guidance, to be replaced, is in English.
fn about_page(title: &str) -> String {
    format!(
        r#"---
title: {}
---

This page lives in `content/pages/about.md` and is published at `/about/`. Pages in
`content/pages/` need no date and do not appear in feeds or editions.

Say who curates the digest, what it covers and how often it comes out.
"#,
        toml_string(title)
    )
}

/// What `new` should write.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    pub title: String,
    pub tags: Vec<String>,
    pub source_url: Option<String>,
    pub source_name: Option<String>,
}

/// Accepts a title of one line with some text: a line break would reach every page's
/// `<title>` and the feeds' titles.
pub fn check_title(title: &str) -> Result<String, Problem> {
    let title = title.trim();
    // Zero-width spaces and joiners and a stray byte-order mark show nothing.
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    if title.chars().all(invisible) {
        return Err(Problem::value(
            "the title is empty; give the story's title in quotes",
        ));
    }
    let line_break = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if title.chars().any(line_break) {
        return Err(Problem::value(
            "the title holds a line break or another control character; give it on one line",
        ));
    }
    Ok(title.to_string())
}

/// Accepts an absolute http(s) URL, the form front matter requires for `source.url`.
pub fn check_source_url(url: &str) -> Result<String, Problem> {
    let url = url.trim();
    match absolute_http_host(url) {
        Some(host) if !host.is_empty() => Ok(url.to_string()),
        _ => Err(Problem::value(format!(
            "`{url}` is not an absolute http(s) URL (write it as https://example.org/story)"
        ))),
    }
}

/// Writes a draft article to `content/YYYY-MM-DD-<slug>.md` (or `…-<slug>-2.md`, … if the
/// name is taken) and returns its path. `now` is the time in the site's time zone.
pub fn new_article(
    config: &SiteConfig,
    article: &NewArticle,
    now: &Zoned,
) -> Result<PathBuf, Error> {
    let title = article.title.trim();
    if title.is_empty() {
        return Err(Error::EmptyTitle);
    }
    let text = front_matter_text(article, now);
    let day = now.date().to_string();
    let slug = slugify_or(title, "article", title);
    let dir = config.root.join("content");
    let path =
        create_unique(&dir, &format!("{day}-{slug}.md"), &text).map_err(|e| io_error(&dir, e))?;
    let rel = path.strip_prefix(&config.root).unwrap_or(&path);
    Ok(crate::content::display_path(&config.root, rel))
}

/// The draft's text: front matter, then a body that tells the curator what to write.
pub fn front_matter_text(article: &NewArticle, now: &Zoned) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_scalar(article.title.trim())));
    out.push_str(&format!("date: {}\n", now.strftime("%Y-%m-%dT%H:%M:%S%:z")));
    out.push_str("draft: true\n");
    let tags: Vec<String> = article
        .tags
        .iter()
        .map(|t| normalize_tag(t))
        .filter(|t| !t.is_empty())
        .map(|t| yaml_scalar(&t))
        .collect();
    out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    if let Some(url) = &article.source_url {
        out.push_str("source:\n");
        if let Some(name) = article.source_name.as_deref().map(str::trim) {
            if !name.is_empty() {
                out.push_str(&format!("  name: {}\n", yaml_scalar(name)));
            }
        }
        out.push_str(&format!("  url: {}\n", yaml_scalar(url)));
    }
    out.push_str("summary: \"\"\n");
    out.push_str("---\n\n");
    out.push_str(crate::content::placeholder::NEW_BODY);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::{parse_yaml, split};

    fn parsed_title(title: &str) -> serde_json::Value {
        let article = NewArticle {
            title: title.into(),
            tags: vec!["a: b".into(), "#x".into(), "plain".into()],
            source_url: Some("https://ex.org/a?b=1#c".into()),
            source_name: Some("Ex: \"News\"".into()),
        };
        let now = jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(jiff::tz::TimeZone::UTC);
        let text = front_matter_text(&article, &now);
        let map = parse_yaml(&split(&text).unwrap()).unwrap();
        assert_eq!(
            map["tags"].value,
            serde_json::json!(["a: b", "#x", "plain"])
        );
        assert_eq!(map["source"].value["name"], "Ex: \"News\"");
        assert_eq!(map["source"].value["url"], "https://ex.org/a?b=1#c");
        assert_eq!(map["draft"].value, serde_json::json!(true));
        map["title"].value.clone()
    }

    #[test]
    fn titles_round_trip_through_the_front_matter_parser() {
        for title in [
            "Plain title",
            "Rust: a retrospective",
            "#1 story",
            "\"Quoted\" and 'single'",
            "- dash first",
            "[not a list]",
            "{not: a map}",
            "yes",
            "null",
            "2024",
            "1.5",
            "a # comment?",
            "back\\slash",
            "tab\there",
            "Zürich & 東京 — ok",
            "* star",
            "&anchor",
            "!tag",
            "%percent",
            "@at",
            "`tick`",
            "trailing colon:",
            "? question",
            "| pipe",
            "> fold",
        ] {
            assert_eq!(parsed_title(title), serde_json::json!(title), "{title}");
        }
    }

    #[test]
    fn source_urls_must_be_absolute_http() {
        assert!(check_source_url("https://ex.org/a").is_ok());
        assert!(check_source_url("HTTP://ex.org").is_ok());
        assert!(check_source_url("ex.org/a").is_err());
        assert!(check_source_url("javascript:alert(1)").is_err());
        assert!(check_source_url("https:///a").is_err());
        assert!(check_source_url("https://ex.org/a b").is_err());
    }

    #[test]
    fn init_refuses_non_empty_folders_but_accepts_dotfiles() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        assert!(ensure_empty_dir(tmp.path()).is_ok());
        std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
        let e = ensure_empty_dir(tmp.path()).unwrap_err();
        assert!(e.to_string().contains("notes.txt"), "{e}");
    }
}
