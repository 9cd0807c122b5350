//! What a new user meets in the first hour: `init`'s site.toml and its advice, the docs'
//! template variables, the build summary, and the mistakes people make first.

use crate::support::{repo, stderr, stdout, TestSite};

/// Every `{{ … }}` that the template docs, the README's section on templates and `init`'s
/// site.toml tell people to write. (Elsewhere the README quotes other generators' syntax.)
fn documented_expressions(site_toml: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let templates_section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Themes and templates"))
        .expect("README has a section on templates")
        .to_string();
    let docs = std::fs::read_to_string(repo().join("docs/templates.md")).unwrap();
    let texts = [site_toml.to_string(), templates_section, docs];
    let mut found = Vec::new();
    for text in texts {
        let mut rest = text.as_str();
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            found.push(rest[start + 2..start + len].trim().to_string());
            rest = &rest[start + len..];
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The template where a documented expression can be written (by its first name), and
/// that template's text printing it.
fn template_for(expression: &str) -> (&'static str, String) {
    let print = format!("[[{{{{ {expression} }}}}]]");
    match expression.split('.').next().unwrap() {
        "article" => ("article.html", print),
        "item" => (
            "index.html",
            format!("{{% for group in groups %}}{{% for item in group.items %}}{print}{{% endfor %}}{{% endfor %}}"),
        ),
        _ => ("404.html", print),
    }
}

#[test]
fn every_template_variable_named_in_docs_and_init_exists() {
    let site = TestSite::init();
    let site_toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let expressions = documented_expressions(&site_toml);
    assert!(
        expressions.iter().any(|e| e.contains("extra")),
        "init's site.toml names [extra] in a template: {expressions:?}"
    );
    // `<key>` stands for a key of [extra]: give it one.
    let toml = site_toml.replace("[extra]\n", "[extra]\nkey = \"from-extra\"\n");
    site.write("site.toml", toml);
    for expression in &expressions {
        let written = expression.replace("<key>", "key");
        let (template, text) = template_for(&written);
        site.write(&format!("templates/{template}"), text);
        let out = site.build(&[]);
        assert!(
            out.status.success(),
            "`{{{{ {expression} }}}}` in {template}:\n{}",
            stderr(&out)
        );
        std::fs::remove_file(site.path(&format!("templates/{template}"))).unwrap();
    }
    let shown = expressions.iter().find(|e| e.contains("<key>")).unwrap();
    site.write(
        "templates/404.html",
        format!("[[{{{{ {} }}}}]]", shown.replace("<key>", "key")),
    );
    site.build_ok(&[]);
    assert_eq!(site.output("404.html"), "[[from-extra]]");
}

#[test]
fn the_default_theme_shows_the_tagline_and_footer_note_of_extra() {
    let site = TestSite::new(
        "[extra]\ntagline = \"Three stories on Fridays.\"\nfooter_note = \"Run by the Example newsroom.\"\n",
    );
    site.article("a", "title: A\ndate: 2024-05-01", "Text.");
    site.build_ok(&[]);
    let front = site.output("index.html");
    assert!(front.contains("Three stories on Fridays."), "{front}");
    assert!(
        !front.contains("site-description\">A test site."),
        "the tagline replaces the description"
    );
    assert!(front.contains("Run by the Example newsroom."));
}

#[test]
fn init_suggests_previewing_drafts_with_serve_not_building_them_into_public() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::gazette_in(dir.path())
        .args(["init", "s"])
        .output()
        .unwrap();
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("gazette serve --drafts"), "{text}");
    assert!(!text.contains("build --drafts"), "{text}");
}

#[test]
fn the_summary_counts_what_was_left_out_and_prints_paths_one_way() {
    let site = TestSite::new("");
    site.article("a", "title: A\ndate: 2024-05-01", "Text.");
    site.article("b", "title: B\ndate: 2024-05-02\ndraft: true", "Text.");
    site.article("c", "title: C\ndate: 2999-01-01", "Text.");
    site.article("d", "title: D\ndate: 2999-01-02\ndraft: true", "Text.");
    let out = site.run_inside(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.starts_with("built 1 article (2 drafts, 1 future left out), 1 tag")
            || line.starts_with("built 1 article (2 drafts, 1 future left out), 0 tags"),
        "{line}"
    );
    assert!(line.contains(" -> public in "), "{line}");
    let all = site.run_inside(&["build", "--drafts", "--future"]);
    assert!(
        stdout(&all).starts_with("built 4 articles, "),
        "{}",
        stdout(&all)
    );
    // Problems name files the same way, relative to where gazette runs.
    site.write("content/bad.md", "---\ntitle: [\n---\n");
    let bad = site.run_inside(&["build"]);
    assert!(
        stderr(&bad).starts_with("content/bad.md:"),
        "{}",
        stderr(&bad)
    );
}

/// The line of `needle` in `text`, 1-based.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_draft_published_with_its_placeholder_is_an_error_at_the_placeholder() {
    let site = TestSite::init();
    let out = site.run_inside(&["new", "Harbour ferry returns", "--tag", "transport"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new_draft = site.path(stdout(&out).trim());
    let capture = crate::support::fixture_path("import/council-footbridge.txt");
    let out = site.run_inside(&["import", capture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let imported = site.path(stdout(&out).trim());
    // As drafts they preview fine.
    assert!(site.run_inside(&["build", "--drafts"]).status.success());
    // Published without the curator's words: one error each, at the placeholder's line.
    for draft in [&new_draft, &imported] {
        let text = std::fs::read_to_string(draft).unwrap();
        std::fs::write(draft, text.replace("draft: true\n", "")).unwrap();
    }
    for (draft, opening, command) in [
        (&new_draft, "Write the story here", "gazette new"),
        (&imported, "_Summary to come", "gazette import"),
    ] {
        let text = std::fs::read_to_string(draft).unwrap();
        let rel = draft
            .strip_prefix(site.root())
            .unwrap()
            .display()
            .to_string();
        let want = format!(
            "{rel}:{}:1: error: the placeholder `{command}` wrote is still here",
            line_of(&text, opening)
        );
        for run in [site.run_inside(&["build"]), site.run_inside(&["check"])] {
            assert_eq!(run.status.code(), Some(1));
            // check prints its findings on stdout, build its problems on stderr.
            let said = format!("{}{}", stdout(&run), stderr(&run));
            assert!(said.contains(&want), "{want}\n{said}");
        }
    }
}

#[test]
fn typography_titles_edition_dates_and_reading_time() {
    let site = TestSite::new("");
    site.article(
        "2024-05-06-short",
        "title: Boeing's \"new\" jet -- a first look\ndate: 2024-05-06\nsummary: Boeing's plans.",
        "Two sentences. Nothing more.",
    );
    let long = "word ".repeat(900);
    site.article(
        "2024-05-07-long",
        "title: Long read\ndate: 2024-05-07",
        &long,
    );
    site.build_ok(&[]);
    let front = site.output("index.html");
    // The title's quotes and dash match the summary's typography.
    assert!(
        front.contains("Boeing\u{2019}s \u{201c}new\u{201d} jet \u{2013} a first look"),
        "{front}"
    );
    assert!(front.contains("Boeing\u{2019}s plans."));
    // The edition heading shows its date range (ISO week 19 of 2024: 6-12 May).
    assert!(
        front.contains("<p class=\"edition-dates\"><time datetime=\"2024-05-06\">"),
        "{front}"
    );
    assert!(front.contains("<time datetime=\"2024-05-12\">"), "{front}");
    // "N min read" only where it says something: the 900-word story, not the short one.
    assert_eq!(front.matches("min read").count(), 1, "{front}");
    assert!(front.contains("5 min read") || front.contains("4 min read"));
    assert!(!site
        .output(&site_path_of(&front, "short"))
        .contains("min read"));
}

/// The output path of the story whose URL ends in `/<slug>/`, read off the front page.
fn site_path_of(front: &str, slug: &str) -> String {
    let end = front.find(&format!("/{slug}/\"")).unwrap() + slug.len() + 2;
    let start = front[..end].rfind("https://example.org/").unwrap() + "https://example.org/".len();
    format!("{}index.html", &front[start..end])
}

/// A raw image without `alt` and Markdown nested past what browsers keep: the pages stay
/// valid HTML, and `check` names the image's line.
#[test]
fn hostile_shapes_still_give_valid_pages() {
    let site = TestSite::new("");
    let nested: String = (0..600)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    site.article(
        "2024-05-06-shapes",
        "title: Shapes\ndate: 2024-05-06\nsummary: Hostile shapes.\nsource: {name: Ex, url: 'https://ex.org/a'}",
        &format!("Intro.\n\n<img src=\"https://ex.org/chart.png\">\n\n{}\n\n{nested}", ">".repeat(700)),
    );
    site.build_ok(&[]);
    let page = site.public().join("2024/05/06/shapes/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<img alt=\"\" src=\"https://ex.org/chart.png\">"),
        "{html}"
    );
    assert!(html.contains("level 599"));
    crate::support::assert_nu_valid(&[page]);
    let check = site.run(&["check"]);
    assert!(
        stdout(&check).contains(
            "content/2024-05-06-shapes.md:9: warning: this image has no text alternative"
        ),
        "{}",
        stdout(&check)
    );
}

#[test]
fn an_unknown_highlight_theme_names_its_line_and_the_theme_meant() {
    let site = TestSite::new(
        "[markdown]\nhighlight_theme = \"Monokai\"\nhighlight_theme_dark = \"Solarized (drak)\"\n",
    );
    site.article("a", "title: A\ndate: 2024-05-01", "Text.");
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("site.toml:5: error: `highlight_theme`: unknown highlight theme `Monokai`; did you mean `Monokai Extended`?"),
        "{err}"
    );
    assert!(
        err.contains("site.toml:6: error: `highlight_theme_dark`: unknown highlight theme `Solarized (drak)`; did you mean `Solarized (dark)`?"),
        "{err}"
    );
}

/// An unknown key does not hide the file's other problems, and serde's wording is not what
/// a curator reads.
#[test]
fn every_site_toml_problem_is_listed_at_once_in_plain_words() {
    let site = TestSite::with_config(
        "titel = \"T\"\nbaseURL = \"https://ex.org/\"\ntimezone = \"Mars/Olympus\"\n[digest]\nper_page = 0\n[feeds]\nitems = \"50\"\n",
    );
    let err = stderr(&site.run_inside(&["build"]));
    for want in [
        "site.toml:1:1: error: unknown key `titel` in site.toml; did you mean `title`?",
        "site.toml:2:1: error: unknown key `baseURL` in site.toml; gazette calls it `base_url`",
        "site.toml:7:9: error: `items`: expected a whole number such as 20 (not negative, no quotes), found the text \"50\"",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    site.write(
        "site.toml",
        "titel = \"T\"\ntimezone = \"Mars/Olympus\"\n[digest]\nper_page = 0\nedition = \"weekly\"\n",
    );
    let err = stderr(&site.run_inside(&["build"]));
    assert!(err.contains("unknown key `titel`"), "{err}");
    assert!(
        err.contains("unknown value `weekly`; expected one of day, week, month, none; did you mean \"week\"?"),
        "{err}"
    );
    site.write(
        "site.toml",
        "titel = \"T\"\ntimezone = \"Mars/Olympus\"\n[digest]\nper_page = 0\n",
    );
    let err = stderr(&site.run_inside(&["build"]));
    assert!(err.contains("unknown key `titel`"), "{err}");
    assert!(err.contains("missing key `title`"), "{err}");
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://ex.org/\"\ntimezone = \"Mars/Olympus\"\ncolour = 1\n[digest]\nper_page = 0\n",
    );
    let err = stderr(&site.run_inside(&["build"]));
    for want in [
        "unknown key `colour`",
        "unknown time zone `Mars/Olympus`",
        "`digest.per_page` must be at least 1",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
}

/// `init`'s `.gitignore` covers everything a build leaves in the site's folder (the output
/// and the lock file beside it), so `git add .` commits only the curator's own files.
#[test]
fn inits_gitignore_covers_what_a_build_leaves_behind() {
    let site = TestSite::init();
    let out = site.run_inside(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ignored = std::fs::read_to_string(site.path(".gitignore")).unwrap();
    let ignored: Vec<&str> = ignored.lines().collect();
    let own = ["content", "static", "templates", "site.toml", ".gitignore"];
    for entry in std::fs::read_dir(site.root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !own.contains(&name.as_str()) {
            assert!(
                ignored.contains(&format!("/{name}").as_str()),
                "{name}: {ignored:?}"
            );
        }
    }
    assert!(site.root().join(".public.gazette-lock").exists());
}

/// `new` takes a title on one line: an empty one or one with a line break is a usage error
/// (exit status 2, nothing written). `init`'s next steps quote a folder name the shell
/// would split.
#[test]
fn new_refuses_a_title_that_is_empty_or_not_one_line_and_init_quotes_its_folder() {
    let site = TestSite::new("");
    for title in [
        "",
        "   ",
        "\u{200b}",
        "Line one\nLine two",
        "One\u{2028}two",
    ] {
        let out = site.run(&["new", title]);
        assert_eq!(out.status.code(), Some(2), "{title:?}: {}", stderr(&out));
    }
    assert_eq!(
        std::fs::read_dir(site.path("content")).map_or(0, |d| d.count()),
        0
    );
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::gazette_in(dir.path())
        .args(["init", "my site's news"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("  cd 'my site'\\''s news'\n"),
        "{}",
        stdout(&out)
    );
    let out = crate::support::gazette_in(dir.path())
        .args(["init", "--", "-news"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("  cd ./-news\n"), "{}", stdout(&out));
}
