//! The default theme in every shipped language: the example site builds in each, keeps no
//! English word of the theme on any page, and passes the Nu checker; plural forms, dates,
//! `[strings]` overrides and their errors, through the real binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use gazette::i18n::{Strings, SHIPPED};

use crate::support::{copy_dir, gazette, repo, snapshot, stderr, TestSite};

/// The example site (site.toml and content/) in `dir`, its `language` set and `extra`
/// appended to site.toml, built into `dir/public`.
fn build_example_in(dir: &Path, language: &str, extra: &str) -> PathBuf {
    copy_dir(&repo().join("content"), &dir.join("content"));
    let toml = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    assert!(toml.contains("language = \"en\"\n"));
    let toml = toml.replace(
        "language = \"en\"\n",
        &format!("language = \"{language}\"\n"),
    );
    std::fs::write(dir.join("site.toml"), format!("{toml}{extra}")).unwrap();
    let run = gazette()
        .arg("--root")
        .arg(dir)
        .args(["build", "--quiet"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{language}: {}", stderr(&run));
    dir.join("public")
}

/// What a reader sees of a page, as fragments: the text between tags (split at ` — `, which
/// joins a page's title to the site's) and `aria-label`s, trimmed, those with a letter in
/// them. Each is marked when it sits in a `<time>` (a displayed date).
fn visible_text(html: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut in_time = false;
    let push = |text: &str, in_time: bool, out: &mut Vec<(String, bool)>| {
        for part in decode(text).split(" — ") {
            let part = part.trim();
            if part.chars().any(char::is_alphabetic) {
                out.push((part.to_string(), in_time));
            }
        }
    };
    while let Some(open) = rest.find('<') {
        push(&rest[..open], in_time, &mut out);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match name.as_str() {
            "time" => in_time = true,
            "/time" => in_time = false,
            _ => {}
        }
        if let Some(at) = tag.find("aria-label=\"") {
            let value = &tag[at + 12..];
            push(&value[..value.find('"').unwrap_or(0)], false, &mut out);
        }
        rest = &rest[close..];
        if name == "script" || name == "style" {
            let end = rest.find(&format!("</{name}")).unwrap_or(rest.len());
            rest = &rest[end..];
        }
    }
    out
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Every HTML page of a build: path -> its visible fragments.
fn pages(public: &Path) -> BTreeMap<String, Vec<(String, bool)>> {
    snapshot(public)
        .into_iter()
        .filter(|(k, _)| k.to_string_lossy().ends_with(".html"))
        .map(|(k, bytes)| {
            let html = String::from_utf8(bytes).unwrap();
            (k.to_string_lossy().into_owned(), visible_text(&html))
        })
        .collect()
}

/// site.toml's `[strings]` with every message replaced by a marker that keeps its
/// placeholders: what is left of a page built with it is the content.
fn marker_strings() -> String {
    let en: toml::Table = toml::from_str(SHIPPED[0].1).unwrap();
    let mut out = String::from("\n[strings]\n");
    for (id, value) in en {
        let text = match value {
            toml::Value::Table(forms) => forms["other"].as_str().unwrap().to_string(),
            v => v.as_str().unwrap().to_string(),
        };
        let holders: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        let marker = format!(
            "⟦{}⟧",
            holders
                .iter()
                .map(|h| format!("{{{h}}}"))
                .collect::<Vec<_>>()
                .join("|")
        );
        out.push_str(&format!("{id} = {}\n", toml::Value::String(marker)));
    }
    out
}

/// The English build's theme text, page by page: fragments that change when every message
/// is replaced by a marker, and displayed dates. Article content, titles, tag and source
/// names stay the same in both builds and are left out.
fn english_ui(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let english = pages(&build_example_in(&root.join("en"), "en", ""));
    let marked = pages(&build_example_in(
        &root.join("marked"),
        "en",
        &marker_strings(),
    ));
    english
        .into_iter()
        .map(|(path, fragments)| {
            let content: BTreeSet<&String> = marked[&path].iter().map(|(f, _)| f).collect();
            let ui = fragments
                .iter()
                .filter(|(f, in_time)| *in_time || !content.contains(f))
                .map(|(f, _)| f.clone())
                .collect();
            (path, ui)
        })
        .collect()
}

/// Words that are the same in English and in the language (French "Sources"), by message
/// id, so that the exception cannot hide a forgotten translation of any other message.
fn cognates(language: &str) -> Vec<String> {
    let ids: &[(&str, &str)] = &[
        ("fr", "nav_sources"),
        ("fr", "source_kicker"),
        ("fr", "page_title_n"),
        ("pl", "tag_kicker"),
        ("fr", "search_site_label"),
        ("fr", "search_source"),
        ("pt", "search_site_label"),
        ("pl", "search_tag"),
    ];
    let strings = Strings::load(language, &Default::default()).strings;
    let english = Strings::load("en", &Default::default()).strings;
    ids.iter()
        .filter(|(lang, _)| *lang == language)
        .map(|(_, id)| {
            let args = [("n", "2")];
            let text = strings.text(id, &args);
            assert_eq!(
                text,
                english.text(id, &args),
                "{language}: `{id}` is not a cognate"
            );
            text
        })
        .collect()
}

#[test]
fn every_shipped_language_leaves_no_english_on_any_page() {
    let root = tempfile::tempdir().unwrap();
    let ui = english_ui(root.path());
    // The check can fail: the theme's words are found on the English pages.
    let front = &ui["index.html"];
    for expected in [
        "Skip to main content",
        "Latest edition",
        "Read the original at",
        "Archive",
    ] {
        assert!(front.contains(expected), "{expected} not found: {front:?}");
    }
    assert!(ui.values().flatten().any(|f| f == "Page not found"));
    for (language, _) in &SHIPPED[1..] {
        let public = build_example_in(&root.path().join(language), language, "");
        let built = pages(&public);
        assert_eq!(
            built.keys().collect::<Vec<_>>(),
            ui.keys().collect::<Vec<_>>()
        );
        let allowed = cognates(language);
        let mut left: Vec<String> = Vec::new();
        for (path, fragments) in &built {
            for (f, _) in fragments {
                if ui[path].contains(f) && !allowed.contains(f) {
                    left.push(format!("{path}: {f:?}"));
                }
            }
        }
        left.dedup();
        assert!(
            left.is_empty(),
            "{language}: English left:\n{}",
            left.join("\n")
        );
        let index = std::fs::read_to_string(public.join("index.html")).unwrap();
        assert!(index.contains(&format!("<html lang=\"{language}\">")));
    }
    nu_check(root.path());
}

/// The Nu HTML checker over every language's pages at once (one JVM start).
fn nu_check(dir: &Path) {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "vnu-jar is required in CI (npm install)"
        );
        eprintln!("note: node_modules/vnu-jar missing; skipping the Nu checker");
        return;
    }
    let publics: Vec<PathBuf> = SHIPPED
        .iter()
        .map(|(language, _)| dir.join(language).join("public"))
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .args(&publics)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vnu:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A site whose template shows `reading_time` for 1, 2, 5 and 22 minutes.
fn plurals_in(language: &str) -> String {
    let site = TestSite::new(&format!("language = \"{language}\"\n"));
    site.write(
        "templates/404.html",
        "{% for n in [1, 2, 5, 22] %}[{{ t(id=\"reading_time\", count=n) }}]{% endfor %}|{{ t(id=\"story_count\", count=1) }}|{{ t(id=\"story_count\", count=5) }}",
    );
    site.build_ok(&[]);
    site.output("404.html")
}

#[test]
fn plural_forms_follow_the_language() {
    assert_eq!(
        plurals_in("en"),
        "[1 min read][2 min read][5 min read][22 min read]|1 story|5 stories"
    );
    assert_eq!(
        plurals_in("de"),
        "[1 Minute Lesezeit][2 Minuten Lesezeit][5 Minuten Lesezeit][22 Minuten Lesezeit]|1 Meldung|5 Meldungen"
    );
    assert_eq!(
        plurals_in("pl"),
        "[1 minuta czytania][2 minuty czytania][5 minut czytania][22 minuty czytania]|1 wiadomość|5 wiadomości"
    );
    assert_eq!(
        plurals_in("ja"),
        "[1分で読めます][2分で読めます][5分で読めます][22分で読めます]|1件の記事|5件の記事"
    );
}

/// The email edition's own words follow the language too: the dates line of its HTML part
/// (range and count), and the text part's source line, which adds no colon of its own.
#[test]
fn the_email_edition_speaks_the_language() {
    let root = tempfile::tempdir().unwrap();
    for (language, count_word) in [("de", "Meldung"), ("ja", "件の記事")] {
        let public = build_example_in(&root.path().join(language), language, "");
        let emails: Vec<_> = snapshot(&public.join("editions"))
            .into_iter()
            .filter(|(k, _)| k.ends_with("email.html") || k.ends_with("email.txt"))
            .collect();
        assert!(!emails.is_empty());
        for (path, bytes) in emails {
            let text = String::from_utf8(bytes).unwrap();
            if path.ends_with("email.html") {
                let at = text.find("<p class=\"dates\"").unwrap();
                let line = &text[at..at + text[at..].find("</p>").unwrap()];
                assert!(
                    line.contains(count_word) && !line.contains(" to ") && !line.contains("stor"),
                    "{language} {path:?}: {line}"
                );
            } else {
                let doubled = text.lines().find(|l| l.contains('：') && l.ends_with(':'));
                assert_eq!(doubled, None, "{language} {path:?}");
            }
        }
    }
}

/// One article dated 3 February 2025, a day edition, as each language shows it; machine
/// dates stay ISO / RFC.
#[test]
fn dates_and_edition_titles_per_language() {
    let expected = [
        ("en", "3 February 2025", "Week 6, 2025", "February 2025"),
        ("de", "3. Februar 2025", "KW 6/2025", "Februar 2025"),
        ("de-AT", "3. Februar 2025", "KW 6/2025", "Februar 2025"),
        ("fr", "3 février 2025", "Semaine 6, 2025", "Février 2025"),
        (
            "es",
            "3 de febrero de 2025",
            "Semana 6 de 2025",
            "Febrero de 2025",
        ),
        (
            "it",
            "3 febbraio 2025",
            "Settimana 6, 2025",
            "Febbraio 2025",
        ),
        (
            "pt",
            "3 de fevereiro de 2025",
            "Semana 6 de 2025",
            "Fevereiro de 2025",
        ),
        ("nl", "3 februari 2025", "Week 6 van 2025", "Februari 2025"),
        ("pl", "3 lutego 2025", "Tydzień 6, 2025", "Luty 2025"),
        ("sv", "3 februari 2025", "Vecka 6, 2025", "Februari 2025"),
        ("ja", "2025年2月3日", "2025年 第6週", "2025年2月"),
    ];
    for (language, day, week, month) in expected {
        let mut titles = Vec::new();
        for edition in ["week", "month"] {
            let site = TestSite::new(&format!(
                "language = \"{language}\"\n[digest]\nedition = \"{edition}\"\n"
            ));
            site.article("a", "title: A\ndate: 2025-02-03T10:00:00Z\n", "Text.\n");
            site.build_ok(&[]);
            let page = site.output("2025/02/03/a/index.html");
            assert!(
                page.contains(&format!("<time datetime=\"2025-02-03\">{day}</time>")),
                "{language}: {page}"
            );
            let kicker = page.split("<p class=\"kicker\">").nth(1).unwrap();
            titles.push(
                kicker
                    .split("</a>")
                    .next()
                    .unwrap()
                    .rsplit('>')
                    .next()
                    .unwrap()
                    .to_string(),
            );
            let rss = site.output("rss.xml");
            assert!(
                rss.contains("<pubDate>Mon, 03 Feb 2025 10:00:00 +0000</pubDate>"),
                "{rss}"
            );
        }
        assert_eq!(titles, [week, month], "{language}");
    }
}

#[test]
fn strings_in_site_toml_override_messages() {
    let site = TestSite::new(
        "language = \"de\"\n[strings]\nskip_link = \"Direkt zu den Meldungen\"\nread_original = \"Quelle: {source}\"\n",
    );
    site.article(
        "a",
        "title: A\ndate: 2025-02-03\nsource: {name: \"Ex <Times>\", url: \"https://ex.org/a\"}\n",
        "Text.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2025/02/03/a/index.html");
    assert!(page.contains(">Direkt zu den Meldungen</a>"), "{page}");
    assert!(
        page.contains("Quelle: <a href=\"https://ex.org/a\">Ex &lt;Times&gt;</a>"),
        "{page}"
    );
    assert!(!page.contains("Original lesen bei"));
    // Feeds use the same message.
    assert!(site
        .output("rss.xml")
        .contains("Quelle: <a href=\"https://ex.org/a\">Ex &lt;Times&gt;</a>."));
    // Other messages stay German.
    assert!(page.contains("Weitere Meldungen von"));
}

/// A plural override without the forms the language needs still builds, with a warning at
/// its line in site.toml saying which forms are missing.
#[test]
fn a_plural_override_missing_the_languages_forms_is_a_warning_at_its_line() {
    let site = TestSite::new(
        "language = \"pl\"\n[strings]\nstory_count = { one = \"{count} artykuł\", other = \"{count} artykułów\" }\n",
    );
    site.article("a", "title: A\ndate: 2025-02-03\n", "Text.\n");
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("site.toml:6: warning: [strings] `story_count`: `pl` has the plural forms `one`, `few`, `many`, `other`; `few`, `many` missing"),
        "{err}"
    );
}

#[test]
fn an_unknown_message_id_is_an_error_with_a_suggestion() {
    let site = TestSite::new("[strings]\nread_orignal = \"x\"\nskip_link = \"{nope}\"\n");
    site.article("a", "title: A\ndate: 2025-02-03\n", "Text.\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("site.toml:5: error: unknown message id `read_orignal` in [strings]; did you mean `read_original`?"),
        "{err}"
    );
    assert!(
        err.contains("`{nope}` is not a placeholder of this message; it takes none"),
        "{err}"
    );
    assert!(!site.has_output("index.html"));
    // In a template, too.
    let site = TestSite::new("");
    site.write("templates/404.html", "{{ t(id=\"skip_lnk\") }}");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown message id `skip_lnk`; did you mean `skip_link`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_language_falls_back_to_english_with_a_warning() {
    let site = TestSite::new("language = \"tr\"\n");
    site.article("a", "title: A\ndate: 2025-02-03\n", "Text.\n");
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("warning: `language`: gazette has no strings for `tr`"),
        "{err}"
    );
    assert!(site.output("index.html").contains("Skip to main content"));
    assert!(site.output("index.html").contains("<html lang=\"tr\">"));
}

/// A `language` no browser would read is an error at its line, as `init --language` says,
/// not English pages marked `lang="de_DE"`.
#[test]
fn a_language_that_is_no_language_tag_is_an_error() {
    for (language, says) in [
        ("de_DE", "write it with `-`: `de-DE`"),
        ("deutsch", "write a language code (such as de, fr, pt-BR)"),
        ("", "is not a BCP 47 language tag"),
    ] {
        let site = TestSite::new(&format!("language = \"{language}\"\n"));
        site.article("a", "title: A\ndate: 2025-02-03\n", "Text.\n");
        let out = site.build(&[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{language}: {err}");
        assert!(
            err.contains("site.toml:")
                && err.contains(": error: `language`: ")
                && err.contains(says),
            "{language}: {err}"
        );
        assert!(!site.public().exists());
    }
}

/// A language written right to left gets `dir="rtl"` on every page and the email (the
/// theme's CSS uses logical properties, so the layout mirrors); others get no `dir`.
#[test]
fn right_to_left_languages_set_the_page_direction() {
    for (language, rtl) in [
        ("ar", true),
        ("he-IL", true),
        ("pa-Arab", true),
        ("fa", true),
        ("de", false),
        ("sr-Latn", false),
    ] {
        let site = TestSite::new(&format!(
            "language = \"{language}\"\n[digest]\nedition = \"week\"\n"
        ));
        site.article("a", "title: A\ndate: 2025-02-03\n", "Text.\n");
        site.build_ok(&[]);
        let html = format!("<html lang=\"{language}\" dir=\"rtl\">");
        for page in [
            "index.html",
            "2025/02/03/a/index.html",
            "editions/2025-w06/email.html",
        ] {
            assert_eq!(site.output(page).contains(&html), rtl, "{language} {page}");
        }
        assert!(!site.output("index.html").contains("dir=\"ltr\""));
    }
    let css = std::fs::read_to_string(repo().join("themes/default/static/style.css")).unwrap();
    for physical in [
        "left:",
        "right:",
        "-left",
        "-right",
        "text-align: left",
        "text-align: right",
    ] {
        assert!(
            !css.contains(physical),
            "style.css has `{physical}`: use a logical property"
        );
    }
}

#[test]
fn japanese_reading_time_counts_characters() {
    let site = TestSite::new("language = \"ja\"\n");
    // 1,800 characters: under a minute as "words" (one run), about four minutes to read.
    site.article(
        "a",
        "title: 長い記事\ndate: 2025-02-03\nslug: nagai\n",
        &format!("{}\n", "日本語の文章".repeat(300)),
    );
    site.build_ok(&[]);
    let page = site.output("2025/02/03/nagai/index.html");
    assert!(page.contains("<span>4分で読めます</span>"), "{page}");
}

#[test]
fn init_language_writes_a_site_in_that_language() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = gazette()
        .arg("init")
        .arg(&site)
        .args(["--language", "de"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(toml.contains("language = \"de\"\n"), "{toml}");
    assert!(toml.contains("title = \"Mein Überblick\""), "{toml}");
    let build = gazette()
        .arg("--root")
        .arg(&site)
        .arg("build")
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("Zum Inhalt springen") && index.contains("Neueste Ausgabe"));
    assert!(!index.contains("Skip to main content"));
    // The about page the navigation names is titled in German too.
    assert!(index.contains(">Über diesen Überblick</a>"), "{index}");
    assert!(!index.contains("About this digest"));

    let bad = gazette()
        .arg("init")
        .arg(dir.path().join("other"))
        .args(["--language", "de_DE"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("write it with `-`: `de-DE`"),
        "{}",
        stderr(&bad)
    );
    assert!(!dir.path().join("other").exists());
}
