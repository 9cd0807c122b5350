//! Archives written for other generators, built with a site.toml of only `title` and
//! `base_url`: `.markdown` posts with Liquid, a title recurring within a month, front matter
//! after blank lines, headings in excerpts, tags spelled several ways, C/C++/C#; and a folder
//! with a forgotten opening `---` and an empty file; a Hugo and Zola archive with TOML front
//! matter, section files and page bundles.

use std::path::{Path, PathBuf};

use crate::support::{assert_nu_valid, snapshot, stderr, stdout, TestSite};

const POSTS: &str = "content/_posts";

fn built() -> (TestSite, String) {
    let site = TestSite::fixture("jekyll-blog");
    let out = site.build_ok(&[]);
    (site, stderr(&out))
}

/// What `gazette check` prints, findings and summary.
fn check_output(site: &TestSite) -> String {
    let out = site.run(&["check"]);
    format!("{}{}", stdout(&out), stderr(&out))
}

#[test]
fn every_markdown_extension_is_an_article_and_no_source_is_published() {
    let (site, _) = built();
    for url in [
        "2013/05/06/moving-the-blog",
        "2013/05/06/a-second-note",
        "2013/06/03/blank-lines-first",
    ] {
        assert!(site.has_output(&format!("{url}/index.html")), "{url}");
    }
    let published: Vec<PathBuf> = snapshot(&site.public()).into_keys().collect();
    let sources: Vec<&PathBuf> = published
        .iter()
        .filter(|p| {
            let name = p.to_string_lossy().to_lowercase();
            [".md", ".markdown", ".mdown", ".mkd", ".mkdn"]
                .iter()
                .any(|ext| name.ends_with(ext))
        })
        .collect();
    assert!(
        sources.is_empty(),
        "Markdown sources published: {sources:?}"
    );
}

#[test]
fn a_title_recurring_within_a_month_gets_a_url_per_day() {
    let (site, _) = built();
    for day in ["13", "20", "27"] {
        let page = site.output(&format!("2013/05/{day}/weekly-roundup/index.html"));
        assert!(page.contains(&format!("week of the {day}th")), "{day}");
    }
}

#[test]
fn front_matter_after_blank_lines_is_read() {
    let (site, _) = built();
    let page = site.output("2013/06/03/blank-lines-first/index.html");
    assert!(page.contains("<title>Blank lines first"), "{page}");
    assert!(page.contains("My editor leaves empty lines"));
}

#[test]
fn liquid_highlight_and_raw_are_translated_and_the_rest_is_warned_about() {
    let (site, err) = built();
    let page = site.output("2013/05/06/moving-the-blog/index.html");
    assert!(page.contains("<code class=\"language-ruby\">"), "{page}");
    assert!(page.contains("hl-ruby"), "highlighted as Ruby");
    assert!(
        page.contains("&lt;h2&gt;{{ page.title }}&lt;/h2&gt;"),
        "{page}"
    );
    for gone in ["{% highlight", "{% endhighlight", "{% raw", "{% endraw"] {
        assert!(!page.contains(gone), "{gone} in {page}");
    }
    // `{{ site.baseurl }}/about/` is the site's /about/; the post_url tag is left as
    // written, and the build says so once for the file, at its line (the code span does
    // not count).
    assert!(page.contains("about/\">about page</a>"), "{page}");
    assert!(!page.contains("site.baseurl }}/about"), "{page}");
    let warning = format!(
        "{POSTS}/2013-05-06-moving-the-blog.markdown:24: warning: template syntax such as `{{% post_url 2013-05-13-weekly-roundup %}}` appears once"
    );
    assert!(err.contains(&warning), "{err}");
    assert_eq!(err.matches("template syntax").count(), 1, "{err}");
}

#[test]
fn check_lists_template_syntax_left_in_content() {
    let site = TestSite::fixture("jekyll-blog");
    let out = site.command(&["check"]).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("2013-05-06-moving-the-blog.markdown:24: warning: template syntax"),
        "{text}"
    );
}

#[test]
fn story_cards_never_hold_headings() {
    let (site, _) = built();
    let front = site.output("index.html");
    for card in front.split("<div class=\"summary\">").skip(1) {
        let card = card.split("</div>").next().unwrap();
        assert!(!(1..=6).any(|n| card.contains(&format!("<h{n}"))), "{card}");
    }
    // Only a heading before the marker: the next paragraph is the summary.
    assert!(front.contains("<p>The crane on pier four was repaired on Tuesday.</p>"));
    assert!(!front.contains("Weekly news"), "{front}");
    // A heading and text: the heading becomes a bold paragraph; likewise in `summary:`.
    assert!(front.contains("<p><strong>Tides this week</strong></p>"));
    assert!(front.contains("<p><strong>Short version</strong></p>"));
    // The article page itself keeps its headings.
    let article = site.output("2013/06/10/only-a-heading-before-more/index.html");
    assert!(article.contains(">Weekly news</h1>"), "{article}");
}

#[test]
fn tags_spelled_differently_are_one_and_languages_stay_apart() {
    let (site, err) = built();
    let tags = site.output("tags/index.html");
    // Most used spelling shown; a tie goes to the newest story's spelling.
    for (slug, name) in [
        ("end-of-life", "End of Life"),
        ("leap-15-2", "Leap &quot;15.2&quot;"),
        ("virtualbox", "VirtualBox"),
        ("hyper-v", "hyper-v"),
        ("c", "c"),
        ("c-plus-plus", "c++"),
        ("c-sharp", "C#"),
    ] {
        let link = format!("/tags/{slug}/\" rel=\"tag\">{name}<");
        assert!(tags.contains(&link), "{link} in {tags}");
    }
    let end_of_life = site.output("tags/end-of-life/index.html");
    assert_eq!(end_of_life.matches("Weekly roundup").count(), 3);
    assert!(!site.public().join("tags/end-of-life-2").exists());
    assert!(!site.public().join("tags/c-2").exists());
    assert!(!err.contains("same URL slug"), "{err}");
}

/// Of two tags that want one slug, the one with more stories keeps it: a one-off
/// `Stadtebau` does not take `/tags/stadtebau/` (and its feed) from four `Städtebau`.
#[test]
fn the_tag_with_more_stories_keeps_the_slug_both_want() {
    let site = TestSite::new("");
    for n in 1..=4 {
        site.article(
            &format!("s{n}"),
            &format!("title: S{n}\ndate: 2024-01-0{n}\ntags: [Städtebau]"),
            "s",
        );
    }
    site.article("t", "title: T\ndate: 2024-02-01\ntags: [Stadtebau]", "t");
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("warning: tag `Stadtebau` makes the same URL slug as tag `Städtebau`")
            && err.contains("`Stadtebau` gets /tags/stadtebau-2/"),
        "{err}"
    );
    assert_eq!(
        site.output("tags/stadtebau/index.html")
            .matches("<article")
            .count(),
        4
    );
}

#[test]
fn a_true_slug_leftover_names_both_tags_with_file_and_line() {
    let site = TestSite::new("");
    site.article("a", "title: A\ndate: 2024-01-01\ntags: [Café]", "a");
    site.article(
        "b",
        "title: B\ndate: 2024-01-02\ntags:\n  - News\n  - Cafe",
        "b",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("content/a.md:4: warning: tag `Café` makes the same URL slug as tag `Cafe` (")
            && err.contains("content/b.md:6); `Café` gets /tags/cafe-2/"),
        "{err}"
    );
    // Both files shown alike, from the folder gazette runs in (`--root` is absolute here).
    let root = site.root().display().to_string();
    assert!(!err.contains(&root), "{err}");
}

/// A WordPress export's post, every paragraph raw HTML and a captioned picture first: its
/// first paragraph of text is the summary in lists, feeds and the meta description.
#[test]
fn a_wordpress_post_is_summarized_by_its_first_html_paragraph() {
    let site = TestSite::new("");
    site.write(
        "content/posts/2019/05/compost/index.md",
        "---\ntitle: \"Compost &#8217;n you\"\ndate: \"2019-05-03T10:00:00.000Z\"\n---\n\n[caption id=\"attachment_5\" width=\"300\"]<img src=\"worms.jpg\" alt=\"Worms\" /> Happy worms[/caption]\n\n<!-- wp:paragraph -->\n<p>Worms turn kitchen scraps into <em>soil</em>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Second paragraph.</p>\n<!-- /wp:paragraph -->\n",
    );
    site.build_ok(&[]);
    let page = site.output("2019/05/03/compost/index.html");
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"Worms turn kitchen scraps into soil.\">"
        ),
        "{page}"
    );
    let front = site.output("index.html");
    assert!(
        front.contains(
            "<div class=\"summary\"><p>Worms turn kitchen scraps into <em>soil</em>.</p></div>"
        ),
        "{front}"
    );
    let feed = site.output("feed.json");
    assert!(
        feed.contains("\"summary\": \"Worms turn kitchen scraps into soil.\""),
        "{feed}"
    );
}

/// The front matter's picture: `wordpress-export-to-markdown`'s `coverImage` names a file
/// it saved in `images/`, and is found there; Hugo's `images` list gives the first; one
/// the build does not produce is a `check` warning at its line.
#[test]
fn a_front_matter_image_is_found_or_checked() {
    let site = TestSite::new("");
    site.write(
        "content/posts/2019/05/compost/index.md",
        "---\ntitle: Compost\ndate: 2019-05-03\ncoverImage: \"heap.jpg\"\n---\nText.\n",
    );
    site.write("content/posts/2019/05/compost/images/heap.jpg", "jpg");
    site.write(
        "content/heron.md",
        "+++\ntitle = \"Heron\"\ndate = 2019-05-04\nimages = [\"nothere.jpg\", \"b.jpg\"]\n+++\nText.\n",
    );
    site.build_ok(&[]);
    let compost = site.output("2019/05/03/compost/index.html");
    assert!(
        compost.contains(
            "og:image\" content=\"https://example.org/posts/2019/05/compost/images/heap.jpg\""
        ),
        "{compost}"
    );
    let all = check_output(&site);
    assert!(
        all.contains("content/heron.md:4: warning: image `nothere.jpg` does not exist"),
        "{all}"
    );
    assert!(!all.contains("heap.jpg"), "{all}");
    assert!(!all.contains("unknown key `images`"), "{all}");
    // Hugo's `images` are paths from the site's root: one in static/ is found there.
    site.write("static/img/egret.png", "png");
    site.write(
        "content/posts/egret.md",
        "+++\ntitle = \"Egret\"\ndate = 2019-05-05\nimages = [\"img/egret.png\"]\n+++\nText.\n",
    );
    site.build_ok(&[]);
    let egret = site.output("2019/05/05/egret/index.html");
    assert!(
        egret.contains("og:image\" content=\"https://example.org/img/egret.png\""),
        "{egret}"
    );
    let all = check_output(&site);
    assert!(!all.contains("egret.png"), "{all}");
}

/// A `{% highlight %}` block indented inside a list item stays in that item, its code
/// without the item's indent, and the list goes on after it.
#[test]
fn an_indented_highlight_block_stays_in_its_list_item() {
    let site = TestSite::new("");
    site.write(
        "content/2024-03-02-steps.md",
        "---\ntitle: Steps\n---\n1. Install:\n\n   {% highlight sh %}\n   gem install jekyll\n   {% endhighlight %}\n2. Serve it.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/03/02/steps/index.html");
    let list = &page[page.find("<ol>").unwrap()..page.find("</ol>").unwrap()];
    assert!(
        list.contains("<pre class=\"hl-code\"><code class=\"language-sh\"><span class=\"hl-source hl-shell hl-bash\"><span")
            && list.contains("install jekyll")
            && list.contains("<p>Serve it.</p>"),
        "{page}"
    );
}

/// Hugo's schedule and visibility keys are obeyed, not published as extra values: a
/// `publishDate` to come leaves the story out as a future date does (`--future` brings it),
/// a past `expiryDate` and `headless` / `build: {render: never}` leave it out even with
/// `--drafts --future`; the build's summary line counts each. A schedule that never
/// publishes, or a date given under two keys, is a warning.
#[test]
fn hugo_publish_and_expiry_dates_and_hidden_bundles_are_obeyed() {
    let site = TestSite::new("");
    let post = |name: &str, extra: &str| {
        site.write(
            &format!("content/posts/{name}/index.md"),
            format!("+++\ntitle = \"{name}\"\ndate = 2021-03-04\n{extra}+++\nText of {name}.\n"),
        );
    };
    post("shown", "expiryDate = 2999-01-01\n");
    post("scheduled", "publishDate = 2999-01-01\n");
    post("expired", "expiryDate = 2021-06-01\n");
    post("headless", "headless = true\n");
    post("never-rendered", "[build]\nrender = \"never\"\n");
    post("old-style", "[_build]\nrender = false\n");
    // Hugo's headless bundle, a holder of resources, has no date in its documentation.
    site.write(
        "content/posts/images-holder/index.md",
        "---\nheadless: true\ntitle: Images\n---\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        stdout(&out).contains("built 1 article (1 future, 1 expired, 4 hidden left out)"),
        "{}",
        stdout(&out)
    );
    assert!(site.has_output("2021/03/04/shown/index.html"));
    let out = site.build_ok(&["--drafts", "--future"]);
    assert!(
        stdout(&out).contains("built 2 articles (1 expired, 4 hidden left out)"),
        "{}",
        stdout(&out)
    );
    assert!(site.has_output("2021/03/04/scheduled/index.html"));
    for gone in ["expired", "headless", "never-rendered", "old-style"] {
        assert!(
            !site.has_output(&format!("2021/03/04/{gone}/index.html")),
            "{gone}"
        );
    }
    let feed = site.output("feed.json");
    assert!(!feed.contains("Text of expired"), "{feed}");
    // A schedule that can never publish, and a date given twice, are warnings at their line.
    post(
        "never",
        "publishDate = 2999-02-01
pubdate = 2999-01-01
expiryDate = 2999-01-15
",
    );
    let err = stderr(&site.build_ok(&[]));
    let at = "content/posts/never/index.md";
    assert!(
        err.contains(&format!(
            "{at}:5:1: warning: `pubdate`: ignored: `publishDate`"
        )) && err.contains(&format!(
            "{at}:6:1: warning: the expiry date 2999-01-15 is not after the publish date \
                 2999-02-01"
        )),
        "{err}"
    );
}

/// An Eleventy repository in content/: an undated page whose layout is a template file
/// (`layouts/page.njk`) or that names its own `permalink` is a standalone page, not an
/// article missing its date; Eleventy's data files are skipped with a warning naming them,
/// not published. A post excluded from Eleventy's collections is a page no list names.
#[test]
fn an_eleventy_site_builds_its_pages_and_skips_its_data_files() {
    let site = TestSite::new("");
    site.write(
        "content/src/about.md",
        "---\ntitle: About me\nlayout: layouts/page.njk\n---\nWho writes this.\n",
    );
    site.write(
        "content/src/colophon.md",
        "---\ntitle: Colophon\npermalink: /colophon/\n---\nHow it is made.\n",
    );
    site.write(
        "content/src/posts/2021-03-04-granite.md",
        "---\ntitle: Granite\ntags: [post, stone]\n---\nA quarry reopens.\n",
    );
    site.write(
        "content/src/posts/2021-03-05-quarry-map.md",
        "---\ntitle: Quarry map\neleventyExcludeFromCollections: true\n---\nA map, unlisted.\n",
    );
    site.write("content/.eleventy.js", "module.exports = {};\n");
    site.write(
        "content/src/posts/posts.json",
        "{\"layout\": \"post.njk\"}\n",
    );
    site.write(
        "content/src/posts/posts.11tydata.js",
        "module.exports = { permalink: \"/blog/{{ page.fileSlug }}/\" };\n",
    );
    // Its JavaScript templates are its source, anywhere (they may hold keys).
    site.write(
        "content/src/posts/feed.11ty.js",
        "const KEY = \"sk-test\";\nmodule.exports = class {};\n",
    );
    site.write(
        "content/src/plain.11ty.cjs",
        "module.exports = () => \"x\";\n",
    );
    // A post written as a Nunjucks template is named, with what to do.
    site.write(
        "content/src/posts/kiln.njk",
        "---\ntitle: Kiln\ndate: 2021-03-06\ntags: posts\n---\n<p>{{ title }} fired.</p>\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("kiln.njk: warning: skipped: `kiln.njk` is a post written as a template")
            && err.contains("rename it to .html"),
        "{err}"
    );
    for template in ["posts/feed.11ty.js", "plain.11ty.cjs"] {
        assert!(!site.has_output(&format!("src/{template}")), "{template}");
        assert!(
            err.contains(&format!("{template}: warning: skipped: ")),
            "{template}: {err}"
        );
    }
    assert!(site.has_output("about/index.html") && site.has_output("colophon/index.html"));
    assert!(site.has_output("2021/03/04/granite/index.html"));
    // Excluded from Eleventy's collections: its page is written, and no list names it.
    assert!(site.has_output("quarry-map/index.html"));
    assert!(!site.output("index.html").contains("Quarry map"));
    assert!(!site.output("rss.xml").contains("Quarry map"));
    // `post` names Eleventy's collection of posts: no tag page; `stone` is a tag.
    assert!(!site.has_output("tags/post/index.html") && site.has_output("tags/stone/index.html"));
    for data in ["posts.json", "posts.11tydata.js"] {
        assert!(
            err.contains(&format!(
                "content/src/posts/{data}: warning: skipped: `{data}` is Eleventy's data"
            )),
            "{err}"
        );
        assert!(!site.has_output(&format!("src/posts/{data}")), "{data}");
    }
    // A permalink pattern makes no page of an undated file: it still wants its date.
    let pattern = TestSite::new("");
    pattern.write(
        "content/x.md",
        "---\ntitle: X\npermalink: \"/{{ page.fileSlug }}/\"\n---\nText.\n",
    );
    let err = stderr(&pattern.build(&[]));
    assert!(
        err.contains("content/x.md") && err.contains("`date`: missing"),
        "{err}"
    );
    // Without Eleventy's configuration, a file named as its folder is anyone's; one above
    // the site's folder (another project in the home folder) is not this site's.
    let own = TestSite::new("");
    std::fs::write(
        own.tmp.path().join(".eleventy.js"),
        "module.exports = {};\n",
    )
    .unwrap();
    own.write(
        "content/2024-05-01-vote/index.md",
        "---\ntitle: Vote\n---\nText.\n",
    );
    own.write("content/2024-05-01-vote/2024-05-01-vote.json", "{}\n");
    own.write(
        "content/2024-05-02-post.md",
        "---\ntitle: P\ntags: [post]\n---\nText.\n",
    );
    let err = stderr(&own.build_ok(&[]));
    assert!(!err.contains("Eleventy"), "{err}");
    assert!(own.has_output("2024-05-01-vote/2024-05-01-vote.json"));
    assert!(own.has_output("tags/post/index.html"));
}

/// A whole Hugo repository in content/: its configuration, archetypes (templates whose
/// `{{ .Date }}` is no TOML), layouts, data and old built site are skipped with a warning
/// each, its posts build, and its `static/` files are at the site's root, as in Hugo.
#[test]
fn a_hugo_repository_in_content_builds_its_posts_only() {
    let site = TestSite::new("");
    site.write(
        "content/blog/hugo.toml",
        "baseURL = \"https://old.example/\"\n",
    );
    site.write(
        "content/blog/archetypes/default.md",
        "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = {{ .Date }}\n+++\n",
    );
    site.write(
        "content/blog/layouts/_default/single.html",
        "{{ .Content }}\n",
    );
    site.write("content/blog/data/authors.json", "{}\n");
    site.write("content/blog/public/index.html", "<p>old</p>\n");
    site.write(
        "content/blog/content/posts/heron.md",
        "+++\ntitle = \"Heron\"\ndate = 2023-04-05\n+++\nA heron.\n\n![Heron](/img/heron.jpg)\n",
    );
    site.write("content/blog/static/img/heron.jpg", "jpeg");
    // The same path twice: one is kept, and the warning names the other file.
    site.write("content/img/logo.png", "mine");
    site.write("content/blog/static/img/logo.png", "hugo's");
    let err = stderr(&site.build_ok(&[]));
    assert!(site.has_output("2023/04/05/heron/index.html"));
    assert!(
        err.contains("content/img/logo.png: warning: not copied: site/content/blog/static/img/logo.png is published at /img/logo.png already"),
        "{err}"
    );
    // Hugo publishes `static/` at the site's root, where its posts link to it.
    assert!(site.has_output("img/heron.jpg") && !site.has_output("blog/static/img/heron.jpg"));
    let check = check_output(&site);
    assert!(!check.contains("heron.jpg"), "{check}");
    for (skipped, why) in [
        ("hugo.toml", "configuration"),
        (
            "archetypes",
            "Hugo's or Zola's templates, data or built site",
        ),
        ("layouts", "Hugo's or Zola's templates, data or built site"),
        ("data", "Hugo's or Zola's templates, data or built site"),
        ("public", "Hugo's or Zola's templates, data or built site"),
    ] {
        assert!(
            err.contains(&format!(
                "content/blog/{skipped}: warning: skipped: `{skipped}"
            )) && err.contains(why),
            "{skipped}: {err}"
        );
    }
    assert!(!site.has_output("blog/hugo.toml") && !site.has_output("blog/data/authors.json"));
    // A site of our own with such folder names and a `config.json` keeps them all.
    let own = TestSite::new("");
    own.write("content/config.json", "{\"a\": 1}\n");
    own.write("content/assets/logo.png", "png");
    own.write("content/static/logo.png", "png");
    for folder in ["data", "layouts", "assets"] {
        own.write(
            &format!("content/{folder}/2024-01-02-{folder}.md"),
            "---\ntitle: Mine\n---\nText.\n",
        );
    }
    let err = stderr(&own.build_ok(&[]));
    assert!(!err.contains("skipped"), "{err}");
    assert!(own.has_output("2024/01/02/data/index.html") && own.has_output("assets/logo.png"));
    assert!(own.has_output("config.json") && own.has_output("static/logo.png"));
}

/// Two tags used once each and spelled almost alike get one typo warning, not one each
/// pointing at the other.
#[test]
fn two_tags_used_once_and_spelled_alike_get_one_warning() {
    let site = TestSite::new("");
    site.article("a", "title: A\ndate: 2024-01-01\ntags: [Guides]", "a");
    site.article("b", "title: B\ndate: 2024-01-02\ntags: [tides]", "b");
    let all = check_output(&site);
    assert_eq!(
        all.matches("is used only here; did you mean").count(),
        1,
        "{all}"
    );
    // A chain: `netwrks` is nearest `netwrk`, whose nearest is `network`; both warn.
    let chain = TestSite::new("");
    for n in 1..=5 {
        chain.article(
            &format!("n{n}"),
            &format!("title: N{n}\ndate: 2024-01-0{n}\ntags: [network]"),
            "n",
        );
    }
    chain.article("x", "title: X\ndate: 2024-02-01\ntags: [netwrk]", "x");
    chain.article("y", "title: Y\ndate: 2024-02-02\ntags: [netwrks]", "y");
    let all = check_output(&chain);
    assert!(
        all.contains("tag `netwrk` is used only here; did you mean `network`"),
        "{all}"
    );
    assert!(
        all.contains("tag `netwrks` is used only here; did you mean"),
        "{all}"
    );
}

/// `check --skip` leaves out advice a migrated archive would repeat in every file, and
/// says how much it left out; errors stay.
#[test]
fn check_skips_the_advice_asked_to() {
    let site = TestSite::new("");
    for n in 1..=3 {
        site.article(
            &format!("a{n}"),
            &format!("title: A{n}\ndate: 2024-01-0{n}"),
            "Text.",
        );
    }
    let out = site.run(&["check", "--skip", "no-source,no-summary"]);
    assert!(out.status.success());
    let shown = stdout(&out);
    assert!(
        !shown.contains("no source") && !shown.contains("no summary"),
        "{shown}"
    );
    assert!(stderr(&out).contains(" (6 skipped)"), "{}", stderr(&out));
    let out = site.run(&["check", "--skip", "no-source"]);
    assert_eq!(
        stdout(&out).matches("no summary").count(),
        3,
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("no source"), "{}", stdout(&out));
    // JSON on stdout, the count of what was skipped on stderr as in text.
    let out = site.run(&["check", "--format", "json", "--skip", "no-source"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!findings.is_empty());
    assert!(stderr(&out).contains(" (3 skipped)"), "{}", stderr(&out));
    site.article("bad", "title: Bad\ndate: 2024-02-30", "Text.");
    let out = site.run(&["check", "--skip", "no-source,no-summary"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error"), "{}", stdout(&out));
    let out = site.run(&["check", "--skip", "no-sauce"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The rest of Hugo's schedule as Hugo reads it: a post with only a `publishDate` is dated
/// by it, keys in any case, `render: link` hides the page, a page waits for its
/// `publishDate` too, and a `render` value Hugo does not know is an error.
#[test]
fn hugo_schedule_keys_in_any_case_and_on_pages() {
    let site = TestSite::new("");
    site.write(
        "content/a.md",
        "---\ntitle: A\npublishDate: 2023-03-03\n---\nText.\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2023-03-04\nExpiryDate: 2023-06-01\n---\nText.\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2023-03-05\nbuild:\n  render: link\n---\nText.\n",
    );
    site.write(
        "content/pages/soon.md",
        "---\ntitle: Soon\npublishDate: 2999-01-01\n---\nText.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(site.has_output("2023/03/03/a/index.html"), "{err}");
    assert!(
        !site.has_output("2023/03/04/b/index.html") && !site.has_output("2023/03/05/c/index.html")
    );
    assert!(!site.has_output("soon/index.html"));
    assert!(!err.contains("unknown key"), "{err}");
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2023-03-06\nbuild:\n  render: nope\n---\nText.\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains(
            "content/d.md:5:3: error: `build`: `render` is always, never or link, not `nope`"
        ),
        "{err}"
    );
}

/// `check` says why a linked story is left out (here: expired), and shows a Jekyll tag
/// link as written, not as gazette's placeholder.
#[test]
fn check_names_why_a_link_leads_nowhere_in_the_curators_words() {
    let site = TestSite::new("");
    site.write(
        "content/_posts/2024-01-02-exp.md",
        "---\ntitle: Exp\nexpiryDate: 2024-06-01\n---\nGone.\n",
    );
    site.write(
        "content/_posts/2024-01-03-x.md",
        "---\ntitle: X\n---\nAll here.\n",
    );
    site.write(
        "content/_posts/2024-01-04-a.md",
        "---\ntitle: A\n---\nSee [old](/2024/01/02/exp/) and [part]({% link _posts/2024-01-03-x.md %}#sec).\n",
    );
    let all = check_output(&site);
    assert!(all.contains("but it is past its `expiryDate`"), "{all}");
    assert!(
        all.contains("link `{% link _posts/2024-01-03-x.md %}#sec` points to no element"),
        "{all}"
    );
    assert!(!all.contains("@link/"), "{all}");
    // Files are named from where gazette runs, not by their absolute path.
    assert!(!all.contains(&site.root().display().to_string()), "{all}");
}

/// An old draft made so by Eleventy's `permalink: false` is named for that key, at its
/// line: the curator never wrote `draft`.
#[test]
fn a_stale_draft_names_the_key_that_made_it_one() {
    let site = TestSite::new("");
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2021-03-05\npermalink: false\n---\nText.\n",
    );
    let all = check_output(&site);
    assert!(
        all.contains("content/b.md:4: warning: draft (`permalink: false`) dated 2021-03-05"),
        "{all}"
    );
}

/// A date written with dots is day first (`03.05.2024`, as in German); with slashes and
/// both readings on the calendar it is an error that names both.
#[test]
fn dotted_dates_are_day_first_and_slashed_ones_must_be_clear() {
    let site = TestSite::new("");
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 03.05.2024\n---\nText.\n",
    );
    site.build_ok(&[]);
    assert!(site.has_output("2024/05/03/a/index.html"));
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 03/05/2024\n---\nText.\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains(
            "content/b.md:3:7: error: `date`: `03/05/2024` does not say which number is the day"
        ),
        "{err}"
    );
}

/// A post titled "Null" is an error that says to quote the word, at its line.
#[test]
fn a_title_yaml_reads_as_null_is_an_error_saying_to_quote_it() {
    let site = TestSite::new("");
    site.write(
        "content/2024-03-01-null.md",
        "---\ntitle: Null\n---\nText.\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("content/2024-03-01-null.md:2:8: error: `title`: `Null` reads as YAML's empty value, not as text: quote it, `title: \"Null\"`"),
        "{err}"
    );
}

/// Template syntax left in running text is published as written: its quotes stay
/// straight, while the sentence around it gets typography.
#[test]
fn template_tags_left_in_text_keep_their_quotes() {
    let site = TestSite::new("");
    site.write(
        "content/2024-03-01-fig.md",
        "---\ntitle: Fig\n---\nA heron {{< figure src=\"heron.jpg\" title=\"Heron\" >}} and \"quoted\" words.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    let page = site.output("2024/03/01/fig/index.html");
    assert!(
        page.contains("figure src=\"heron.jpg\" title=\"Heron\""),
        "{page}"
    );
    assert!(page.contains("“quoted”"), "{page}");
    assert!(
        err.contains("template syntax such as `{{< figure src=\"heron.jpg\""),
        "{err}"
    );
}

/// YAML's document end `...` closes front matter, as Jekyll reads it.
#[test]
fn front_matter_closed_by_yaml_document_end_builds() {
    let site = TestSite::new("");
    site.write(
        "content/2024-03-01-dots.md",
        "---\ntitle: Closed by dots\n...\nThe ferry ran late.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    let page = site.output("2024/03/01/dots/index.html");
    assert!(
        page.contains("Closed by dots") && page.contains("The ferry ran late."),
        "{err}\n{page}"
    );
}

#[test]
fn same_day_posts_dated_by_name_get_distinct_feed_instants_in_a_stable_order() {
    let (site, _) = built();
    let atom = site.output("atom.xml");
    let second = atom.find("a-second-note").unwrap();
    let moving = atom.find("moving-the-blog").unwrap();
    assert!(second < moving, "file order within the day");
    assert!(atom[second..moving].contains("<updated>2013-05-06T00:00:01+00:00</updated>"));
    assert!(atom[moving..].contains("<updated>2013-05-06T00:00:00+00:00</updated>"));
    let json = site.output("feed.json");
    assert!(
        json.contains("\"date_published\": \"2013-05-06T00:00:01+00:00\""),
        "{json}"
    );
}

#[test]
fn a_missing_opening_line_and_an_empty_file_are_named() {
    let site = TestSite::fixture("jekyll-broken");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/2014-01-02-no-opening-line.markdown:3:1: error: the opening `---` of the front matter seems to be missing: add a line `---` above line 3"),
        "{err}"
    );
    assert!(
        err.contains("content/2014-01-03-empty.md: error: the file is empty"),
        "{err}"
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn list_pages_pass_the_nu_checker() {
    let (site, _) = built();
    let public = site.public();
    let lists: Vec<PathBuf> = snapshot(&public)
        .into_keys()
        .filter(|p| is_list_page(p))
        .map(|p| public.join(p))
        .collect();
    assert!(lists.len() >= 15, "{lists:?}");
    assert_nu_valid(&lists);
}

fn is_list_page(p: &Path) -> bool {
    let s = p.to_string_lossy();
    s.ends_with("index.html")
        && (s == "index.html"
            || ["tags/", "editions/", "archive/", "sources/", "page/"]
                .iter()
                .any(|prefix| s.starts_with(prefix)))
}

// -----------------------------------------------------------------------------------------
// Hugo and Zola: TOML front matter between `+++` lines, `_index.md` section files, page
// bundles, Zola's `[taxonomies]` and `[extra]`, Hugo's `lastmod`.

#[test]
fn a_hugo_and_zola_archive_builds_with_toml_front_matter() {
    let site = TestSite::fixture("hugo-zola-blog");
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    // Section files are named and left out; nothing else is a problem.
    for section in ["content/posts/_index.md", "content/blog/_index.md"] {
        assert!(
            err.contains(&format!(
                "{section}: warning: skipped: `_index` files are Hugo's and Zola's section pages"
            )),
            "{err}"
        );
    }
    assert_eq!(err.matches("warning").count(), 2, "{err}");
    assert!(
        stdout(&out).contains("built 4 articles (1 draft left out)"),
        "{}",
        stdout(&out)
    );

    // Hugo: TOML dates and lastmod, tags and categories, description as the summary.
    let tide = site.output("2023/10/02/tide-tables-go-digital/index.html");
    assert!(
        tide.contains("<time datetime=\"2023-10-05\">"),
        "lastmod is the update"
    );
    assert!(tide.contains("publishes its tide tables as open data"));
    for tag in ["harbour", "data", "local"] {
        assert!(tide.contains(&format!("/tags/{tag}/\"")), "{tag}");
    }
    assert!(!site.has_output("2023/10/09/ferry-piece-unfinished/index.html"));

    // Old URLs (`aliases`) send readers to the story, and pass the Nu checker.
    let target = "https://coast.example.org/2023/10/02/tide-tables-go-digital/";
    for old in ["2023/10/tide-tables/index.html", "posts/tide-tables.html"] {
        let page = site.output(old);
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{old}: {page}"
        );
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")));
        assert_nu_valid(&[site.public().join(old)]);
    }
    assert!(!std::fs::read_to_string(site.public().join("sitemap.xml"))
        .unwrap()
        .contains("tide-tables/<"));
    // A page bundle is named by its folder (date prefix included) and keeps its picture.
    let bundle = site.output("2023/11/20/lighthouse-keepers/index.html");
    assert!(bundle.contains(
        "src=\"https://coast.example.org/posts/2023-11-20-lighthouse-keepers/lighthouse.svg\""
    ));
    assert!(site.has_output("posts/2023-11-20-lighthouse-keepers/lighthouse.svg"));

    // Zola: [taxonomies] tags join the site's tags (one `harbour` tag for both spellings).
    let seals = site.output("2023/12/04/seal-count/index.html");
    assert!(seals.contains("/tags/wildlife/\"") && seals.contains("/tags/harbour/\""));
    let harbour = site.output("tags/harbour/index.html");
    for title in [
        "Tide tables go digital",
        "Volunteers count the seals",
        "Weekly notes",
    ] {
        assert!(
            harbour.contains(title),
            "{title} missing from the harbour tag"
        );
    }
    assert!(!site.has_output("tags/harbour-2/index.html"));
    // No Markdown source and no section file reaches the output.
    let published: Vec<PathBuf> = snapshot(&site.public()).into_keys().collect();
    assert!(published
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".md")));
    // Every page, lists and articles, passes the Nu checker.
    let pages: Vec<PathBuf> = published
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("index.html"))
        .map(|p| site.public().join(p))
        .collect();
    assert!(pages.len() >= 12, "{pages:?}");
    assert_nu_valid(&pages);
}

#[test]
fn broken_toml_front_matter_names_the_file_and_line() {
    let site = TestSite::fixture("hugo-zola-blog");
    site.write(
        "content/blog/broken.md",
        "+++\ntitle = \"Unclosed\ndate = 2023-12-01\n+++\n\nBody.\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/blog/broken.md:2:") && err.contains("invalid TOML front matter"),
        "{err}"
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn html_posts_with_front_matter_are_articles_and_other_html_is_copied() {
    let (site, _) = built();
    let page = site.output("2013/07/01/imported-from-wordpress/index.html");
    assert!(page.contains("<title>Imported from WordPress"), "{page}");
    assert!(page.contains("as <em>HTML</em>, as the importer writes it.</p>"));
    assert!(!page.contains("layout: post"));
    // Indented HTML after a blank line is HTML, not a Markdown code block; <pre> keeps its
    // indentation.
    assert!(
        page.contains(
            "<p>An indented paragraph, as the importer leaves them: *stars* stay stars.</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<pre>    four spaces inside pre are kept\n</pre>"),
        "{page}"
    );
    assert!(!site.has_output("_posts/2013-07-01-imported-from-wordpress.html"));
    // An HTML file without front matter is a file of the site, copied as it is.
    let copied = site.output("_posts/2013-07-02-plain-html-page-without-front-matter.html");
    assert!(copied.contains("A hand-made page"));
}

#[test]
fn jekyll_drafts_need_no_date_and_are_built_only_with_drafts() {
    let (site, err) = built();
    assert!(!err.contains("_drafts"), "{err}");
    assert!(!site.output("index.html").contains("Notes on the new theme"));
    site.build_ok(&["--drafts"]);
    let front = site.output("index.html");
    assert!(front.contains("Notes on the new theme"));
    // Dated when the file was last saved (Jekyll's rule), so it is today's or earlier.
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let at = front.find("Notes on the new theme").unwrap();
    let card = &front[at..at + front[at..].find("</article>").unwrap()];
    let iso = card.split("datetime=\"").nth(1).unwrap().get(..10).unwrap();
    let day: jiff::civil::Date = iso.parse().unwrap();
    assert!(
        day <= today && day >= today - jiff::Span::new().days(2),
        "{iso}"
    );
    assert!(card.contains("draft-badge"));
}

#[test]
fn raw_html_the_page_cannot_keep_is_named_at_its_line() {
    let (site, err) = built();
    let file = "content/_posts/2013-08-05-a-video-from-the-meetup.md";
    assert!(
        err.contains(&format!(
            "{file}:8: warning: raw HTML left out of the page: <iframe> (line 8), <script> (line 10)"
        )) && err.contains("unsafe_html = true"),
        "{err}"
    );
    let page = site.output("2013/08/05/a-video-from-the-meetup/index.html");
    assert!(!page.contains("<iframe") && page.contains("The slides are on the speaker"));
    // With unsafe_html the embed is published, and nothing is said.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[markdown]\nunsafe_html = true\n"),
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("left out of the page"));
    let page = site.output("2013/08/05/a-video-from-the-meetup/index.html");
    assert!(page.contains("<iframe"));
}

// -----------------------------------------------------------------------------------------
// A Jekyll repository copied whole into content/: its configuration, templates, old build,
// README and pages beside the posts.

#[test]
fn a_whole_jekyll_repository_publishes_its_posts_and_pages_and_nothing_else() {
    let site = TestSite::fixture("jekyll-repo");
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    for (file, why) in [
        (
            "content/_layouts",
            "`_layouts/` holds another generator's templates",
        ),
        (
            "content/_site",
            "`_site/` holds another generator's built site",
        ),
        ("content/_config.yml", "another generator's configuration"),
        ("content/Gemfile", "another generator's configuration"),
        (
            "content/README.md",
            "a README, licence or changelog without front matter",
        ),
        (
            "content/feed.xml",
            "opens with front matter is another generator's template",
        ),
        (
            "content/index.html",
            "an HTML page with front matter but no date",
        ),
        (
            "content/404.html",
            "an HTML page with front matter but no date",
        ),
    ] {
        assert!(
            err.contains(&format!("{file}: warning: skipped: ")) && err.contains(why),
            "{file}: {err}"
        );
    }
    assert!(!err.contains("error"), "{err}");
    // Posts and the `layout: page` page are published; no source or template is.
    assert!(site.output("2020/01/02/post/index.html").contains("Hello."));
    // Jekyll's `permalink` gets a redirect; `redirect_from` naming a page the site has
    // (the about page) is a warning, and the page stays.
    assert!(site
        .output("blog/first-post.html")
        .contains("url=https://jk.example.org/2020/01/02/post/\""));
    assert!(err.contains("content/_posts/2020-01-02-post.md: warning: no redirect from /about/: the site has a page of its own there"), "{err}");
    assert!(site.output("about/index.html").contains("About this blog."));
    assert!(site
        .output("2023/05/01/commute-notes/index.html")
        .contains("dated by its file name"));
    let compost = site.output("2023/06/01/compost/index.html");
    assert!(
        compost.contains("<title>Compost &amp; you – part 2"),
        "character references decoded once"
    );
    let published: Vec<String> = snapshot(&site.public())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for never in [
        "_config.yml",
        "Gemfile",
        "README.md",
        "feed.xml",
        "_layouts",
        "_site",
        "layout: default",
    ] {
        assert!(
            published.iter().all(|p| !p.contains(never)),
            "{never} published: {published:?}"
        );
    }
    assert!(!site.output("index.html").contains("site.posts"));
    // `jekyll new` writes its front page in Markdown: `index.markdown`, `layout: home`.
    let fresh = TestSite::fixture("jekyll-repo");
    std::fs::remove_file(fresh.path("content/index.html")).unwrap();
    fresh.write(
        "content/index.markdown",
        "---\n# the theme lists the posts here\nlayout: home\n---\n",
    );
    let err = stderr(&fresh.build_ok(&[]));
    assert!(
        err.contains("content/index.markdown: warning: skipped: another generator's front page"),
        "{err}"
    );
    assert!(!site.output("404.html").contains("layout"));
    // A WordPress export: the caption's picture and words stay without the shortcode, the
    // gallery is named in a warning, "Uncategorized" is no tag, coverImage is the card image.
    let seeds = site.output("2019/03/04/seed-swap/index.html");
    assert!(
        seeds.contains("alt=\"Seed packets on a table\"> Seed packets on the bench"),
        "{seeds}"
    );
    assert!(!seeds.contains("[caption") && !seeds.contains("[/caption]"));
    assert!(err.contains("2019-03-04-seed-swap.md:18: warning: template syntax such as `[gallery ids=\"412,413\"]`"), "{err}");
    assert!(
        !site.has_output("tags/uncategorized/index.html")
            && site.has_output("tags/garden/index.html")
    );
    assert!(
        seeds.contains("og:image\" content=\"https://jk.example.org/_posts/seeds.svg\""),
        "{seeds}"
    );
}

/// Links to another post by its file (Jekyll's `post_url`, a relative `.md`, Zola's `@/`,
/// Hugo's `ref` with or without `.md`) lead to that post's URL; one to a file that is no
/// post is a warning at its line.
#[test]
fn links_to_other_posts_by_their_files_lead_to_their_pages() {
    let (site, err) = built();
    let page = site.output("2013/06/24/a-curators-summary/index.html");
    assert!(
        page.contains(
            "href=\"https://harbour.example.net/2013/05/13/weekly-roundup/\">first roundup</a>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "href=\"https://harbour.example.net/2013/06/03/blank-lines-first/#top\">the blank lines</a>"
        ),
        "{page}"
    );
    assert!(
        page.contains("href=\"#\">a lost post</a>") && !page.contains("gazette-doc:"),
        "{page}"
    );
    // Jekyll's `link`: a post by its path from the site's root; any other file by its path.
    assert!(
        page.contains(
            "href=\"https://harbour.example.net/2013/05/20/weekly-roundup/\">second roundup</a>"
        ) && page
            .contains("href=\"https://harbour.example.net/assets/roundup.pdf\">its slides</a>"),
        "{page}"
    );
    let file = format!("{POSTS}/2013-06-24-a-curators-summary.md");
    assert!(
        err.contains(&format!("{file}:8: warning: a link to `_posts/2012-01-01-never-written.md`: no published article or page is that file")),
        "{err}"
    );
    // The same post with raw HTML in it, so sanitized: the links and the warning stay.
    let raw = TestSite::fixture("jekyll-blog");
    let rel = format!("{POSTS}/2013-06-24-a-curators-summary.md");
    let text = std::fs::read_to_string(raw.path(&rel)).unwrap();
    raw.write(&rel, format!("{text}\nA <b>raw</b> word.\n"));
    let raw_err = stderr(&raw.build_ok(&[]));
    let raw_page = raw.output("2013/06/24/a-curators-summary/index.html");
    assert!(
        raw_page.contains("<b>raw</b>")
            && raw_page.contains(
                "href=\"https://harbour.example.net/2013/05/13/weekly-roundup/\">first roundup</a>"
            )
            && raw_page.contains("href=\"#\">a lost post</a>"),
        "{raw_page}"
    );
    assert!(
        raw_err.contains("a link to `_posts/2012-01-01-never-written.md`"),
        "{raw_err}"
    );
    let zola = TestSite::fixture("hugo-zola-blog");
    zola.build_ok(&[]);
    let seals = zola.output("2023/12/04/seal-count/index.html");
    assert!(
        seals.contains(
            "href=\"https://coast.example.org/2023/10/02/tide-tables-go-digital/\">tide tables</a>"
        ),
        "{seals}"
    );
    // Hugo's `ref`/`relref` without `.md`: a page bundle beside the linking page, and a
    // path from the content folder.
    let tide = zola.output("2023/10/02/tide-tables-go-digital/index.html");
    for link in [
        "href=\"https://coast.example.org/2023/11/20/lighthouse-keepers/\">the lighthouse keepers’ log</a>",
        "href=\"https://coast.example.org/2023/12/11/weekly-notes/\">notes for the week</a>",
    ] {
        assert!(tide.contains(link), "{link} in {tide}");
    }
    // From a page bundle: a page of its section, and (the named form) a page by name.
    let keepers = zola.output("2023/11/20/lighthouse-keepers/index.html");
    for link in [
        "href=\"https://coast.example.org/2023/10/02/tide-tables-go-digital/\">the tide tables</a>",
        "href=\"https://coast.example.org/2023/12/04/seal-count/\">the seal count</a>",
    ] {
        assert!(keepers.contains(link), "{link} in {keepers}");
    }
}

/// Hugo's JSON front matter, an object opening the file, is read as YAML front matter is.
#[test]
fn hugos_json_front_matter_is_read() {
    let site = TestSite::new("");
    site.write(
        "content/posts/tides.md",
        "{\n  \"title\": \"Tide tables\",\n  \"date\": \"2021-05-06\",\n  \"tags\": [\"sea\"]\n}\nLow at noon.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2021/05/06/tides/index.html");
    assert!(
        page.contains("Low at noon.") && !page.contains("&quot;title"),
        "{page}"
    );
    assert!(site.has_output("tags/sea/index.html"));
}

/// Hugo names a post's translations by language, `hello.en.md` and `hello.fr.md`: on an
/// English site the English one is `hello`, and the French one is skipped with a warning;
/// a name that only looks like one (`node.js.md`, `notes.fr.md` alone) is a post as usual.
#[test]
fn hugos_translations_by_file_name_build_the_sites_language() {
    let site = TestSite::new("");
    for (name, title) in [
        ("hello.en", "Hello"),
        ("hello.fr", "Bonjour"),
        ("node.js", "Node"),
        ("notes.fr", "Notes"),
    ] {
        site.write(
            &format!("content/posts/{name}.md"),
            format!("---\ntitle: {title}\ndate: 2024-05-06\n---\nText.\n"),
        );
    }
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(site.has_output("2024/05/06/hello/index.html"));
    assert!(
        err.contains("hello.fr.md: warning: skipped: a translation into `fr`"),
        "{err}"
    );
    assert!(!site.output("index.html").contains("Bonjour"));
    assert!(site.has_output("2024/05/06/node-js/index.html"));
    assert!(site.has_output("2024/05/06/notes-fr/index.html"));
    // A bundle's translation beside its `index.md` is skipped too.
    site.write(
        "content/posts/2024-05-07-harbour/index.md",
        "---\ntitle: Harbour\n---\nBoats.\n",
    );
    site.write(
        "content/posts/2024-05-07-harbour/index.fr.md",
        "---\ntitle: Port\n---\nBateaux.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("index.fr.md: warning: skipped: a translation into `fr`"),
        "{err}"
    );
    assert!(site
        .output("2024/05/07/harbour/index.html")
        .contains("Boats."));
    assert!(!site.output("index.html").contains("Bateaux"));
}
