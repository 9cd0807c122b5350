//! `gazette build` end to end: the real binary on fixture sites.

use crate::support::{gazette, leftovers, snapshot, stderr, stdout, TestSite};

const B: &str = "https://example.org/digest/";

#[test]
fn happy_path_produces_every_output() {
    let site = TestSite::fixture("basic");
    let out = site.build_ok(&[]);
    assert!(
        // Paths relative to the folder gazette ran in; what was left out, counted.
        stdout(&out).contains(
            "built 5 articles (1 draft, 1 future left out), 3 tags, 3 editions -> site/public in "
        ),
        "{}",
        stdout(&out)
    );
    for file in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "2024/05/plain-date/index.html",
        "2024/05/offset-date/index.html",
        "2024/06/jekyll-date/index.html",
        "2024/06/from-file-name/index.html",
        "2024/06/custom-slug/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/transport/index.html",
        "tags/local/index.html",
        "tags/local/page/2/index.html",
        "tags/local/rss.xml",
        "editions/2024-w22/index.html",
        "editions/2024-w23/index.html",
        "editions/2024-w24/index.html",
        "archive/index.html",
        "sources/index.html",
        "sources/sample-gazette/index.html",
        "sources/other-times/index.html",
        "rss.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "syntax-light.css",
        "syntax-dark.css",
        "humans.txt",
        "news/dot.svg",
    ] {
        assert!(site.has_output(file), "missing {file}");
    }
    assert!(!site.has_output(".gazette-output") || site.path("public/.gazette-output").is_file());
}

/// Every absolute link to the site in every page points at a file that was built.
#[test]
fn internal_links_resolve() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let public = site.path("public");
    let mut checked = 0;
    for (rel, bytes) in snapshot(&public) {
        let rel = rel.to_string_lossy();
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let url = &piece[..piece.find('"').unwrap()];
                let Some(path) = url.strip_prefix(B) else {
                    continue;
                };
                let path = path.split('#').next().unwrap();
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                assert!(
                    public.join(&file).is_file(),
                    "{rel} links to {url}, which was not built"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

/// A link to the file of a story the build leaves out says which it is and why, in the
/// build's own warning (not only in `check`); with `--drafts` it resolves.
#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let site = TestSite::new("");
    site.article(
        "secret",
        "title: Secret\ndate: 2024-01-02\ndraft: true",
        "Body.",
    );
    site.article("later", "title: Later\ndate: 2999-01-02", "Body.");
    site.article(
        "linker",
        "title: Linker\ndate: 2024-01-03",
        "See [the secret](secret.md), [later](later.md) and [gone](gone.md).",
    );
    let err = String::from_utf8_lossy(&site.build_ok(&[]).stderr).into_owned();
    let warning = |target: &str| {
        err.lines()
            .find(|l| l.contains(&format!("a link to `{target}`")))
            .unwrap_or_else(|| panic!("no warning for {target}:\n{err}"))
            .to_string()
    };
    assert!(
        warning("secret.md")
            .contains("secret.md is a draft, so the link leads nowhere until it is published"),
        "{err}"
    );
    assert!(
        warning("later.md").contains("later.md is dated in the future"),
        "{err}"
    );
    assert!(
        warning("gone.md").contains("no published article or page is that file"),
        "{err}"
    );
    let err = String::from_utf8_lossy(&site.build_ok(&["--drafts"]).stderr).into_owned();
    assert!(!err.contains("secret.md"), "{err}");
}

#[test]
fn front_matter_forms_give_the_right_dates_and_urls() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let jekyll = site.output("2024/06/jekyll-date/index.html");
    assert!(
        jekyll.contains("datetime=\"2024-06-04\""),
        "Jekyll-style date"
    );
    let from_name = site.output("2024/06/from-file-name/index.html");
    assert!(
        from_name.contains("datetime=\"2024-06-05\""),
        "date from file name"
    );
    // 09:30+03:00 is 06:30 UTC on the same day.
    assert!(site
        .output("2024/05/offset-date/index.html")
        .contains("datetime=\"2024-05-29\""));
    let quoted = site.output("2024/06/custom-slug/index.html");
    assert!(
        // Escaped once, with typographic quotes (as summaries get).
        quoted.contains("Quoted date &amp; &lt;3 \u{201c}escaped\u{201d} title"),
        "title escaped once"
    );
    assert!(!quoted.contains("&amp;amp;"), "title escaped twice");
}

#[test]
fn summaries_come_from_front_matter_more_marker_or_first_paragraph() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let index = site.output("index.html")
        + &site.output("page/2/index.html")
        + &site.output("page/3/index.html");
    assert!(index.contains("The council voted for hourly crossings."));
    assert!(index.contains("First paragraph becomes the summary."));
    assert!(!index.contains("Second paragraph stays"));
    assert!(index.contains("Before the fold."));
    assert!(!index.contains("After the fold"));
    assert!(site
        .output("2024/06/jekyll-date/index.html")
        .contains("After the fold"));
    let body = site.output("2024/05/plain-date/index.html");
    assert!(
        body.contains("<hr"),
        "a --- line in the body is a thematic break"
    );
    assert!(body.contains("A thematic break above must stay in the body."));
}

#[test]
fn drafts_and_future_posts_need_flags() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    assert!(!site.has_output("2024/06/draft/index.html"));
    assert!(!site.has_output("2999/01/future/index.html"));
    site.build_ok(&["--drafts", "--future"]);
    assert!(site.has_output("2024/06/draft/index.html"));
    assert!(site.has_output("2999/01/future/index.html"));
}

#[test]
fn tags_are_normalized_and_slugged() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    // "Transport" and "transport" are one tag; " LOCAL " and "Local" too.
    let tags = site.output("tags/index.html");
    assert_eq!(tags.matches("/tags/transport/\"").count(), 1, "{tags}");
    assert_eq!(tags.matches("/tags/local/\"").count(), 1);
    let transport = site.output("tags/transport/index.html");
    assert!(transport.contains("Harbour council") && transport.contains("Library opens"));
}

/// Case folding, not only lowercasing: `Straße` and `STRASSE` are one tag, named as first
/// seen (the newest story's spelling).
#[test]
fn tags_fold_case_beyond_lowercase() {
    let site = TestSite::new("");
    site.article(
        "a",
        "title: Older\ndate: 2024-05-01\ntags: [STRASSE]",
        "One.",
    );
    site.article(
        "b",
        "title: Newer\ndate: 2024-05-02\ntags: [Straße]",
        "Two.",
    );
    site.build_ok(&[]);
    let tags = site.output("tags/index.html");
    assert_eq!(tags.matches("/tags/strasse/\"").count(), 1, "{tags}");
    assert!(!site.has_output("tags/strasse-2/index.html"));
    let page = site.output("tags/strasse/index.html");
    assert!(page.contains("Older") && page.contains("Newer"), "{page}");
}

#[test]
fn odd_slugs_and_tags_stay_single_safe_segments() {
    let site = TestSite::new("");
    site.article("a", "title: Slashes\ndate: 2024-01-02\nslug: ../../etc/passwd\ntags: ['a/b', '..', 'C++', 'C#', '🦀']", "x");
    site.article(
        "b",
        "title: Emoji only\ndate: 2024-01-03\nslug: '🎉🎉'",
        "y",
    );
    site.build_ok(&[]);
    assert!(site.has_output("2024/01/02/etc-passwd/index.html"));
    let tags = site.output("tags/index.html");
    for slug in ["a-b", "c-plus-plus", "c-sharp"] {
        assert!(tags.contains(&format!("/tags/{slug}/")), "{slug} in {tags}");
    }
    let names: Vec<String> = snapshot(&site.path("public"))
        .into_keys()
        .map(|k| k.to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("..") && n.split('/').all(|seg| seg.len() <= 255)),
        "{names:?}"
    );
    assert!(!site.root().parent().unwrap().join("etc").exists());
}

#[test]
fn url_collision_names_both_files_with_lines_and_a_fix() {
    // The day-precise default tells apart a recurring title on two days of one month...
    let site = TestSite::new("");
    site.article("one", "title: One\ndate: 2024-03-01\nslug: same", "a");
    site.article("two", "title: Two\ndate: 2024-03-09\nslug: same", "b");
    site.build_ok(&[]);
    assert!(
        site.has_output("2024/03/01/same/index.html")
            && site.has_output("2024/03/09/same/index.html")
    );
    // ...not on one day: both files are named with the line of their `slug:`.
    site.article("three", "title: Three\ndate: 2024-03-09\nslug: same", "c");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/two.md:4: error: its URL /2024/03/09/same/ is also the URL of ")
            && err.contains("content/three.md:4;")
            && err.contains("give one of them another `slug:`")
            && !err.contains("{day}"),
        "{err}"
    );
    // A month-precise pattern gets {day} suggested.
    let monthly = TestSite::new("[permalinks]\narticle = \"/{year}/{month}/{slug}/\"\n");
    monthly.article("one", "title: One\ndate: 2024-03-01\nslug: same", "a");
    monthly.article("two", "title: Two\ndate: 2024-03-09\nslug: same", "b");
    let err = stderr(&monthly.build(&[]));
    assert!(
        err.contains("/2024/03/same/") && err.contains("add {day} to `[permalinks] article`"),
        "{err}"
    );
}

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.path("public"));
    site.article("news/broken", "title: [unclosed\ndate: 2024-06-01", "x");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing was written"));
    assert_eq!(snapshot(&site.path("public")), before);
}

#[test]
fn template_error_after_pages_were_written_leaves_previous_output() {
    // Pages are written to the staging folder while rendering; a template that fails on
    // some pages only must still leave the old output whole and no staging folder behind.
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.path("public"));
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}{{ tag.missing.deeper }}{% endblock content %}",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("site/templates/tag.html:1:52: error: template error: Field `missing`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&site.path("public")), before);
    let left = leftovers(site.root());
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn files_no_longer_produced_disappear() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    assert!(site.has_output("2024/06/custom-slug/index.html"));
    std::fs::remove_file(site.path("content/news/quoted.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.has_output("2024/06/custom-slug/index.html"));
    assert!(site.has_output("2024/05/plain-date/index.html"));
}

#[test]
fn refuses_to_replace_a_foreign_folder() {
    let site = TestSite::fixture("basic");
    site.write("public/precious.txt", "not gazette's");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not empty and was not made by gazette"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(site.path("public/precious.txt")).unwrap(),
        "not gazette's"
    );
}

#[test]
fn refuses_output_over_the_site_or_its_content() {
    let site = TestSite::fixture("basic");
    for target in [".", "content", "content/news/out"] {
        let out = site.run(&["build", "--output", site.path(target).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{target}");
        assert!(
            stderr(&out).contains("refusing"),
            "{target}: {}",
            stderr(&out)
        );
    }
    assert!(site.path("content/news/plain-date.md").is_file());
}

#[test]
fn identical_input_gives_identical_output() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    let first = snapshot(&site.path("public"));
    let other = site.path("public2");
    let out = site.run(&["build", "--output", other.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(snapshot(&other), first);
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let site = TestSite::fixture("basic");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Custom lost page</p>{% endblock content %}");
    site.write("static/style.css", "body { color: rebeccapurple; }");
    site.build_ok(&[]);
    assert!(site.output("404.html").contains("Custom lost page"));
    assert_eq!(site.output("style.css"), "body { color: rebeccapurple; }");
}

#[test]
fn an_overridden_story_card_shows_on_every_list_page() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/partials/story.html",
        "<p class=\"card\">{{ item.title }} h{{ level }}{% if show_edition %} +edition{% endif %}</p>",
    );
    site.build_ok(&[]);
    let index = site.output("index.html");
    assert!(index.contains("<p class=\"card\">"), "{index}");
    assert!(!index.contains("story-title"), "{index}");
    for dir in ["tags", "editions", "sources"] {
        let list = walkdir::WalkDir::new(site.path("public").join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().ends_with("index.html") && e.depth() > 1)
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect::<Vec<_>>();
        assert!(!list.is_empty(), "{dir}");
        for page in list {
            assert!(page.contains("<p class=\"card\">"), "{dir}: {page}");
            assert!(!page.contains("story-title"), "{dir}: {page}");
            assert_eq!(page.contains("+edition"), dir == "sources", "{dir}: {page}");
        }
    }
}

#[test]
fn story_card_errors_name_the_card_template() {
    let site = TestSite::fixture("basic");
    site.write("templates/partials/story.html", "{{ no_such_variable }}");
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("partials/story.html"), "{err}");
    assert!(err.contains("no_such_variable"), "{err}");
}

#[test]
fn overridden_layout_partials_show_on_every_page() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/partials/footer.html",
        "<footer>{{ site.title }} footer</footer>",
    );
    site.write(
        "templates/partials/nav.html",
        "<nav>{% for item in nav %}{% if nav_current and item.url == nav_current.url %}[{{ item.name }}={{ nav_current.value }}]{% endif %}{% endfor %}</nav>",
    );
    site.write(
        "templates/partials/feed_links.html",
        "{% for feed in feeds %}<link data-feed=\"{{ feed.label }}\">{% endfor %}",
    );
    site.build_ok(&[]);
    let index = site.output("index.html");
    assert!(index.contains("footer</footer>"), "{index}");
    assert!(index.contains("<nav>[Latest=page]</nav>"), "{index}");
    assert!(index.contains("<link data-feed=\"Atom\">"), "{index}");
    let tags = site.output("tags/index.html");
    assert!(tags.contains("<nav>[Tags=page]</nav>"), "{tags}");
    let tag = walkdir::WalkDir::new(site.path("public").join("tags"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().ends_with("index.html") && e.depth() > 1)
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .unwrap();
    assert!(tag.contains("<nav>[Tags=true]</nav>"), "{tag}");
    assert!(tag.contains("footer</footer>"), "{tag}");
}

#[test]
fn layout_partial_errors_name_the_partial() {
    let site = TestSite::fixture("basic");
    site.write("templates/partials/footer.html", "{{ no_such_variable }}");
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("partials/footer.html"), "{err}");
    assert!(err.contains("no_such_variable"), "{err}");
}

#[test]
fn errors_are_listed_per_file_with_lines() {
    let site = TestSite::new("");
    site.article("bad-date", "title: A\ndate: 2023-02-29", "x");
    // Named by its date alone, with no text: nothing can stand in for the title.
    site.article("2024-01-01", "tags: [a]", "");
    site.article("bad-tags", "title: C\ndate: 2024-01-01\ntags: {a: 1}", "x");
    site.write(
        "content/unclosed.md",
        "---\ntitle: D\ndate: 2024-01-01\nbody without end\n",
    );
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let expected = "\
content/2024-01-01.md:2: error: `title`: missing: every article needs a `title:`
content/bad-date.md:3:7: error: `date`: `2023-02-29` is not a date on the calendar (2023 has no day 29 in month 2); accepted forms: 2024-05-28, 2024-05-28T09:30:00+03:00, 2024-05-28 09:30:00 +0300
content/bad-tags.md:4:7: error: `tags`: expected a list of text, found a mapping
content/unclosed.md:1:1: error: front matter starts here but no `---` line closes it; it probably ends before line 4 (the first line that is not YAML): add a `---` line there
build failed: 4 errors; nothing was written
";
    assert_eq!(stderr(&out), expected);
}

#[test]
fn config_errors_name_the_file_and_key() {
    let site = TestSite::new("colour = \"blue\"\nbaseurl = \"x\"\n[digest]\nper_pgae = 3\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Every unknown key, each at its line, with the key probably meant.
    assert!(
        err.contains("site.toml:4:1: error: unknown key `colour` in site.toml; known keys: title,"),
        "{err}"
    );
    assert!(
        err.contains(
            "site.toml:5:1: error: unknown key `baseurl` in site.toml; gazette calls it `base_url`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "site.toml:7:1: error: unknown key `per_pgae` in [digest]; did you mean `per_page`?"
        ),
        "{err}"
    );

    let relative = TestSite::new("");
    relative.write("site.toml", "title = \"T\"\nbase_url = \"/blog/\"\n");
    let err = stderr(&relative.build(&[]));
    assert!(
        err.contains("site.toml:2: error: `base_url`: `/blog/` is not absolute"),
        "{err}"
    );

    let missing = TestSite::new("");
    std::fs::remove_file(missing.path("site.toml")).unwrap();
    let err = stderr(&missing.build(&[]));
    assert!(
        err.contains("site.toml: error: no site.toml here") && err.contains("gazette init"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = gazette()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn base_url_flag_replaces_the_configured_one() {
    let site = TestSite::fixture("basic");
    site.build_ok(&["--base-url", "http://localhost:9999/x"]);
    assert!(site
        .output("index.html")
        .contains("href=\"http://localhost:9999/x/2024/"));
    assert!(site
        .output("rss.xml")
        .contains("<link>http://localhost:9999/x/</link>"));
}

#[test]
fn template_errors_name_the_template_file() {
    let site = TestSite::fixture("basic");
    site.write("templates/tags.html", "{% extends \"base.html\" %}{% block content %}{{ no_such_variable }}{% endblock content %}");
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "templates/tags.html:1:48: error: template error: Variable `no_such_variable`"
        ),
        "{err}"
    );
    assert!(!site.has_output("index.html"));
}

/// One bad line in the layout every page extends is one problem, at that line of the
/// user's file: not one per page, and not at the built-in theme or a content file.
#[test]
fn a_bad_layout_line_is_reported_once_at_the_layout_file() {
    let site = TestSite::fixture("basic");
    let base =
        std::fs::read_to_string(crate::support::repo().join("themes/default/templates/base.html"))
            .unwrap();
    site.write(
        "templates/base.html",
        base.replace(
            "<title>{{ page_title }}</title>",
            "<title>{{ page_titel }}</title>",
        ),
    );
    let line = base.lines().position(|l| l.contains("<title>")).unwrap() + 1;
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let want = format!("templates/base.html:{line}:13: error: template error: Variable `page_titel` is not defined");
    assert!(err.starts_with(&want), "{err}");
    assert_eq!(
        err.lines().count(),
        2,
        "one problem and the summary line:\n{err}"
    );
    // A syntax error in it: the same, at compile time.
    site.write(
        "templates/base.html",
        base.replace("{{ page_title }}", "{{ page_title }"),
    );
    let err = stderr(&site.run_inside(&["build"]));
    assert!(
        err.starts_with(&format!("templates/base.html:{line}:")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
}

/// The progress line: on a terminal (util-linux `script` gives the build one) it shows
/// once the delay has passed and is erased before the summary; without a terminal, or with
/// `--quiet`, it never shows.
#[test]
fn progress_shows_on_a_terminal_only() {
    // Enough stories that the build outlasts the line's first 10 ms wait even when the
    // whole test suite shares the machine (400 once finished first there).
    const STORIES: usize = 1200;
    let site = TestSite::new("");
    for n in 0..STORIES {
        site.article(
            &format!("news/story-{n}"),
            &format!(
                "title: Story {n}\ndate: 2024-{:02}-{:02}T09:00:00Z\ntags: [t{}]",
                n % 12 + 1,
                n / 12 % 28 + 1,
                n % 7
            ),
            "Text of the story.",
        );
    }
    let public = site.public();
    let line = format!(
        "{} --root {} build --output {}",
        env!("CARGO_BIN_EXE_gazette"),
        site.root().display(),
        public.display()
    );
    let tty = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("GAZETTE_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .expect("run script(1)");
    let text = stdout(&tty);
    assert!(tty.status.success(), "{text}");
    let frame = text
        .find("\x1b[2Kreading ")
        .or_else(|| text.find("\x1b[2Krendering "))
        .unwrap_or_else(|| panic!("no progress line: {text:?}"));
    assert!(
        text.contains("/1,200 files") || text.contains(" pages"),
        "{text:?}"
    );
    let summary = text.find("built 1,200 articles").expect("summary");
    let erased = text[..summary].rfind("\r\x1b[2K").expect("line erased");
    assert!(frame < erased && !text[erased + 5..summary].contains(" pages"));

    for quiet in [false, true] {
        let mut cmd = site.command(&["build", "--output", public.to_str().unwrap()]);
        if quiet {
            cmd.arg("--quiet");
        }
        let out = cmd.env("GAZETTE_PROGRESS_AFTER_MS", "0").output().unwrap();
        assert!(out.status.success());
        assert_eq!(stderr(&out), "", "quiet: {quiet}");
        assert!(!stdout(&out).contains('\x1b'), "quiet: {quiet}");
    }
}

/// A warning repeated across many files is shown ten times and then counted, after which
/// come the errors, next to the summary line; `check` lists every one.
#[test]
fn repeated_warnings_are_counted_and_errors_come_last() {
    let site = TestSite::new("");
    for n in 0..14 {
        site.article(
            &format!("embed-{n:02}"),
            &format!("title: Embed {n}\ndate: 2024-01-01"),
            "<iframe src=\"https://video.example/x\"></iframe>",
        );
    }
    site.article("2024-01-02", "tags: [a]", "");
    let out = site.run_inside(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        err.matches("raw HTML left out of the page").count(),
        11,
        "{err}"
    );
    assert!(lines.contains(&"warning: the same in 4 more files (`gazette check` lists each): raw HTML left out of the page: <iframe> (line 5)"), "{err}");
    let n = lines.len();
    assert!(
        lines[n - 2].starts_with("content/2024-01-02.md:2: error:"),
        "{err}"
    );
    assert!(lines[n - 1].starts_with("build failed: 1 error"), "{err}");
    let check = site.run_inside(&["check"]);
    assert_eq!(
        stdout(&check)
            .matches("raw HTML left out of the page")
            .count(),
        14
    );
}
