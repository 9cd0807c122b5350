//! Posts written for generators beyond Jekyll, Hugo, Zola and Eleventy: Pelican, Hexo,
//! Obsidian, Docusaurus and Astro. Each test is one shape a migrated archive really has,
//! in our own words.

use crate::support::{snapshot, stderr, stdout, TestSite};

/// A post another tool marks as not out (Pelican's and WordPress's `status: draft`,
/// Obsidian Publish's `publish: false`, an encrypting plugin's `password`) is a draft, not
/// published for everyone to read; keys written with a capital (`Title:`, Pelican's and
/// Hugo's way) are read.
#[test]
fn posts_other_tools_keep_back_are_drafts_and_capitalised_keys_are_read() {
    let site = TestSite::new("");
    site.article(
        "lamp",
        "Title: Restoring a brass lamp\nDate: 2020-01-01 10:20\nTags: [lamps]\nStatus: published",
        "Wick and chimney.",
    );
    // Jekyll's WordPress importer writes an empty password on every post: it is out.
    site.article(
        "imported",
        "title: An imported post\ndate: 2020-01-03\npassword: ''\npost_password: ' '",
        "Out for all.",
    );
    for (name, key) in [
        ("pelican", "status: draft"),
        ("wordpress", "status: private"),
        ("obsidian", "publish: false"),
        ("locked", "password: hunter2"),
        ("garden", "status: evergreen"),
        ("members", "visibility: members"),
        ("protected", "post_password: opensesame"),
        ("secret", "private: true"),
    ] {
        site.article(
            name,
            &format!("title: Kept back {name}\ndate: 2020-01-02\n{key}"),
            "Not for readers yet.",
        );
    }
    let out = site.build_ok(&[]);
    assert!(
        stdout(&out).contains("built 2 articles (8 drafts left out)"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(!err.contains("unknown key"), "{err}");
    // A status gazette does not know keeps the story back, and says so at its line.
    assert!(
        err.contains("content/garden.md:4:9: warning: `status: evergreen` is not `published`"),
        "{err}"
    );
    assert!(site.has_output("2020/01/01/lamp/index.html"));
    assert!(site.has_output("tags/lamps/index.html"));
    for feed in ["rss.xml", "feed.json"] {
        assert!(!site.output(feed).contains("Not for readers"), "{feed}");
    }
    let check = site.run(&["check"]);
    let check = stderr(&check) + &stdout(&check);
    assert!(
        check.contains("content/locked.md:4: warning: draft (a password"),
        "{check}"
    );
    assert!(
        check.contains("content/pelican.md:4: warning: draft (its `status`)"),
        "{check}"
    );
}

/// Notes named as people name files (a space, an accented letter: Obsidian's and Windows'
/// habit) are found by links to their file, written raw, in angle brackets or
/// percent-encoded; a link to no such file is a warning at its line, with the name as
/// written.
#[test]
fn links_to_files_named_with_spaces_and_accents_find_them() {
    let site = TestSite::new("");
    site.write(
        "content/2023-01-01-crème brûlée.md",
        "---\ntitle: Custard\n---\nSugar on top.\n",
    );
    site.write(
        "content/2023-01-03-links.md",
        "---\ntitle: Links\n---\nOpening.\n\n[raw](2023-01-01-crème brûlée.md) is not a link, \
         but [angled](<2023-01-01-crème brûlée.md#top>) is,\nand [encoded](2023-01-01-cr%C3%A8me%20br%C3%BBl%C3%A9e.md).\n\n\
         [gone](<no such note.md>)\n",
    );
    let err = stderr(&site.build_ok(&[]));
    let page = site.output("2023/01/03/links/index.html");
    let custard = format!("{}2023/01/01/creme-brulee/", crate::support::BASE);
    assert!(
        page.contains(&format!("<a href=\"{custard}#top\">angled</a>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<a href=\"{custard}\">encoded</a>")),
        "{page}"
    );
    assert!(
        err.contains("content/2023-01-03-links.md:9: warning: a link to `no such note.md`"),
        "{err}"
    );
    let check = site.run(&["check"]);
    assert!(
        !stderr(&check).contains("no element with id"),
        "{}",
        stderr(&check)
    );
}

/// A post in markup gazette does not read (Docusaurus's and Astro's MDX, reStructuredText,
/// AsciiDoc, Org) is not copied into the site as a raw file: it is skipped with a warning
/// saying how to bring it in, front matter or not (`#+DRAFT: true` is metadata too). The
/// Markdown extensions of Jekyll and ikiwiki (`.mkdown`, `.mdwn`) are Markdown.
#[test]
fn posts_in_other_markup_are_named_not_published_raw() {
    let site = TestSite::new("");
    let post = "---\ntitle: Welcome\ndate: 2021-05-01\n---\n";
    // Renamed to .md, a Docusaurus post's fold marker is the summary's end.
    site.write(
        "content/blog/2021-05-02-folded.md",
        "---\ntitle: Folded\n---\nFirst part.\n\nSecond part.\n\n<!--truncate-->\n\nThe rest.\n",
    );
    site.write(
        "content/blog/2021-05-01-welcome.mdx",
        format!("{post}import Tabs from '@theme/Tabs';\n\nHello.\n"),
    );
    site.write("content/guide.adoc", format!("{post}= Guide\n"));
    site.write("content/first.rst", format!("{post}Title\n=====\n"));
    // Its own metadata, no front matter: still a post, a draft at that.
    site.write(
        "content/notes/plan.org",
        "#+TITLE: Plan\n#+DRAFT: true\n* Not yet\n",
    );
    site.write(
        "content/notes/plan.Rmd",
        "---\ntitle: R\ndraft: true\n---\n",
    );
    site.write(
        "content/notes/2024-01-01-ikiwiki.mdwn",
        "---\ntitle: Wiki\n---\nRead.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("content/blog/2021-05-01-welcome.mdx: warning: skipped: `2021-05-01-welcome.mdx` is a post in a format gazette does not read")
            && err.contains("rename it to .md"),
        "{err}"
    );
    for (file, kept) in [
        ("blog/2021-05-01-welcome.mdx", false),
        ("guide.adoc", false),
        ("first.rst", false),
        ("notes/plan.org", false),
        ("notes/plan.Rmd", false),
    ] {
        assert_eq!(site.has_output(file), kept, "{file}");
    }
    assert!(site.has_output("2024/01/01/ikiwiki/index.html"));
    assert!(
        err.contains("content/guide.adoc: warning: skipped") && err.contains("pandoc"),
        "{err}"
    );
}

/// Lists as other generators write them: Hexo's category paths (`- [Diary, Life]`), a year
/// as a tag, Docusaurus's authors and tags as mappings; and the character references of a
/// WordPress export in the source and author, which readers see as the text they stand for.
#[test]
fn lists_and_references_as_other_generators_write_them() {
    let site = TestSite::new("");
    site.article(
        "2024-06-01-walk",
        "title: A walk\n\
         categories:\n  - [Diary, Life]\n  - Outdoors\n\
         tags: [2019, {label: Release Notes, permalink: /release-notes}]\n\
         authors:\n  - name: Guest Writer\n    url: https://example.org/g\n  - Mira\n\
         author:\n  display_name: \"Smith &amp; Jones\"\n\
         source:\n  name: \"AT&amp;T News &#8211; Wire\"\n  url: \"https://s.example.com/att?x=1&amp;y=2\"",
        "Along the river.",
    );
    site.build_ok(&[]);
    for tag in ["diary", "life", "outdoors", "2019", "release-notes"] {
        assert!(site.has_output(&format!("tags/{tag}/index.html")), "{tag}");
    }
    let feed: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let item = &feed["items"][0];
    let html = item["content_html"].as_str().unwrap();
    assert!(
        html.contains(
            "<a href=\"https://s.example.com/att?x=1&amp;y=2\">AT&amp;T News – Wire</a>, \
             by Smith &amp; Jones, Guest Writer and Mira."
        ),
        "{html}"
    );
}

/// A daily note named by its date alone (`2021-01-05.md`), or a name with nothing after
/// the date, is dated by it and goes by its title; Zola's `2021-01-07_name.md` is dated too.
#[test]
fn a_file_named_by_its_date_alone_is_dated_by_it() {
    let site = TestSite::new("");
    site.article("2021-01-05", "title: Frost on the allotment", "Cold.");
    site.article("2021-01-06-", "title: Date and dash", "Dash.");
    // Zola's underscore after the date, in a file's name or a bundle folder's.
    site.write(
        "content/notes/2021-01-07_thaw-begins.md",
        "+++\ntitle = \"Thaw begins\"\n+++\nWet.\n",
    );
    site.write(
        "content/notes/2021-01-08_seed-order/index.md",
        "+++\ntitle = \"Seed order\"\n+++\nBeans.\n",
    );
    site.build_ok(&[]);
    assert!(site.has_output("2021/01/05/frost-on-the-allotment/index.html"));
    assert!(site.has_output("2021/01/06/date-and-dash/index.html"));
    assert!(site.has_output("2021/01/07/thaw-begins/index.html"));
    assert!(site.has_output("2021/01/08/seed-order/index.html"));
}

/// Docusaurus dates a post without a `date` by its folders: `2022/03/14/launch.md`, a
/// folder named by the date, or those above a bundle's folder. A `date` key still wins,
/// and a year and month alone date nothing.
#[test]
fn a_post_in_date_folders_is_dated_by_them() {
    let site = TestSite::new("");
    site.write(
        "content/blog/2022/03/14/launch.md",
        "---\ntitle: Ferry timetable launch\n---\nNew times.\n",
    );
    site.write(
        "content/blog/2022-04-02/harbour.md",
        "---\ntitle: Harbour wall repaired\n---\nMended.\n",
    );
    site.write(
        "content/blog/2022/05/06/tide-tables/index.md",
        "---\ntitle: Tide tables printed\n---\nPaper.\n",
    );
    site.write(
        "content/blog/2022/06/07/own-date.md",
        "---\ntitle: Own date wins\ndate: 2021-01-02\n---\nKept.\n",
    );
    site.write(
        "content/blog/2022/08/no-day.md",
        "---\ntitle: Month folder only\n---\nUndated.\n",
    );
    // With a date of its own, the name is the post's own, `05-20-` and all.
    site.write(
        "content/notes/2023/05-20-notes.md",
        "---\ntitle: Notes\ndate: 2023-08-01\n---\nKept.\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(err.contains("no-day.md") && err.contains("date"), "{err}");
    site.write(
        "content/blog/2022/08/no-day.md",
        "---\ntitle: Month folder only\ndate: 2022-08-09\n---\nDated.\n",
    );
    site.build_ok(&[]);
    for page in [
        "2022/03/14/launch/index.html",
        "2022/04/02/harbour/index.html",
        "2022/05/06/tide-tables/index.html",
        "2021/01/02/own-date/index.html",
        "2022/08/09/no-day/index.html",
        "2023/08/01/05-20-notes/index.html",
    ] {
        assert!(site.has_output(page), "{page}");
    }
}

/// Jekyll's `excerpt_separator`, set for the whole site in its `_config.yml` or in one post's
/// front matter, ends the summary as `<!-- more -->` does; the page keeps all the text.
#[test]
fn jekylls_own_excerpt_separator_ends_the_summary() {
    let site = TestSite::new("");
    site.write(
        "content/_config.yml",
        "title: Old blog\nexcerpt_separator: <!--end_excerpt-->\n",
    );
    site.write(
        "content/_posts/2020-01-02-tides.md",
        "---\ntitle: Tides\n---\nOpening about tides.\n\nStill the opening.\n<!--end_excerpt-->\nLater part about tides.\n",
    );
    site.write(
        "content/_posts/2020-01-03-wind.md",
        "---\ntitle: Wind\nexcerpt_separator: \"<!-- cut here -->\"\n---\nWind opening.\n\nWind still opening.\n\n<!-- cut here -->\n\nWind later part.\n",
    );
    site.build_ok(&[]);
    let home = site.output("index.html");
    for shown in ["Still the opening.", "Wind still opening."] {
        assert!(home.contains(shown), "{shown}\n{home}");
    }
    for hidden in ["Later part about tides.", "Wind later part."] {
        assert!(!home.contains(hidden), "{hidden}\n{home}");
    }
    let page = site.output("2020/01/02/tides/index.html");
    assert!(page.contains("Later part about tides.") && !page.contains("end_excerpt"));
    // A summary taken from the text is not shown again above it, even when the marker
    // stood inside a paragraph.
    assert!(!page.contains("class=\"lede\""), "{page}");
    site.write(
        "content/_posts/2020-01-04-rain.md",
        "---\ntitle: Rain\n---\nRain opening.<!--more--> Rain later.\n",
    );
    site.write(
        "content/_posts/2020-01-05-snow.md",
        "---\ntitle: Snow\nsummary: Snow in our own words.\n---\nSnow text.\n",
    );
    site.build_ok(&[]);
    let rain = site.output("2020/01/04/rain/index.html");
    assert!(!rain.contains("class=\"lede\""), "{rain}");
    let snow = site.output("2020/01/05/snow/index.html");
    assert!(
        snow.contains("class=\"lede\"><p>Snow in our own words."),
        "{snow}"
    );
}

/// kramdown's attribute lists in a Jekyll post are not shown as text, and a picture whose
/// path went through `relative_url` is found.
#[test]
fn kramdown_attributes_and_jekylls_url_filters_are_not_text() {
    let site = TestSite::new("");
    site.write("content/assets/images/oven.png", "not really a png");
    site.write(
        "content/_posts/2021-03-04-bread.md",
        "---\ntitle: Bread\n---\nA loaf a day.\n{: .lead}\n\nFrom [the mill](https://mill.example){:target=\"_blank\"}.\n\n![Oven]({{ \"/assets/images/oven.png\" | relative_url }})\n",
    );
    site.build_ok(&[]);
    let page = site.output("2021/03/04/bread/index.html");
    for raw in ["{:", "relative_url", "{{"] {
        assert!(!page.contains(raw), "{raw}\n{page}");
    }
    assert!(
        page.contains("/assets/images/oven.png\" alt=\"Oven\""),
        "{page}"
    );
    assert!(site.has_output("assets/images/oven.png"));
}

/// Micro.blog's and Tumblr's notes have no title: the first sentence of the text stands in
/// (a photo alone: the file's name), with one warning for them all, and the site builds.
#[test]
fn untitled_notes_are_titled_by_their_opening_words() {
    let site = TestSite::new("");
    site.write(
        "content/2023/07/02/linkpost.md",
        "---\ndate: 2023-07-02 07:30:00 -0400\nmicroblog: true\n---\n\nGood read on [water for coffee](https://coffee.example/water). My tap water tastes flat.\n",
    );
    site.write(
        "content/2023/05/03/photo.md",
        "---\ntitle: \"\"\ndate: 2023-05-03T20:01:10-04:00\n---\n\n<img src=\"https://photos.example/9f1c2a.jpg\" alt=\"\">\n",
    );
    site.write(
        "content/2023/05/05/headed.md",
        "---\ntitle: ''\ndate: 2023-05-05\n---\n# Harbour news\n\nBoats came in.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("warning: `title`: missing: the opening words"),
        "{err}"
    );
    // An empty title with an opening heading: the heading, shown once.
    let headed = site.output("2023/05/05/headed/index.html");
    assert!(headed.contains("<title>Harbour news"), "{headed}");
    assert_eq!(headed.matches("Harbour news</h1>").count(), 1, "{headed}");
    let page = site.output("2023/07/02/linkpost/index.html");
    assert!(
        page.contains("<title>Good read on water for coffee"),
        "{page}"
    );
    let photo = site.output("2023/05/04/photo/index.html");
    assert!(
        photo.contains("<h1 class=\"article-title\">Photo</h1>"),
        "{photo}"
    );
}

/// VuePress's and VitePress's sites and Docusaurus's docs: their undated pages are pages,
/// their `public/` files are at the site's root,
/// VuePress's own front page (`home: true`) is skipped, vuepress-theme-hope's `tag:` is tags
/// and its `article: false` a page in no list. Jekyll splits a post's string of tags at
/// spaces; "Uncategorized" is no tag, however it is listed.
#[test]
fn documentation_sites_pages_and_their_tags() {
    let site = TestSite::new("");
    site.write("content/docs/.vuepress/config.js", "export default {}\n");
    site.write("content/docs/.vuepress/public/images/tomato.png", "png");
    site.write("content/docs/.vuepress/public/.env", "TOKEN=secret");
    site.write("content/vp/.vitepress/config.ts", "export default {}\n");
    site.write("content/vp/public/img/terminal.png", "png");
    site.write(
        "content/vp/install.md",
        "---\ntitle: Install\ndate: 2024-02-02\n---\n:::: details More\n::: tip Note\nInside.\n:::\n::::\n\n::: code-group\n```sh [npm]\nnpm i harbour // [!code ++]\n```\n:::\n",
    );
    site.write(
        "content/docs/README.md",
        "---\nhome: true\nheroText: Balcony garden\n---\n",
    );
    site.write(
        "content/docs/about/README.md",
        "---\ntitle: About the garden\n---\nTwo pots and a chair.\n",
    );
    site.write(
        "content/docs/posts/tomatoes.md",
        "---\ntitle: Tomatoes on the balcony\ndate: 2023-06-01\ncategory: [Garden]\ntag: [tomatoes, balcony, Uncategorized]\n---\nThey ripened.\n",
    );
    site.write(
        "content/docs/posts/plan.md",
        "---\ntitle: Planting plan\narticle: false\n---\nBeans next.\n",
    );
    site.write("content/site/package.json", "{}\n");
    site.write(
        "content/site/docusaurus.config.js",
        "module.exports = {};\n",
    );
    site.write(
        "content/site/docs/intro.md",
        "---\ntitle: Getting started\n---\nRead this first.\n",
    );
    // Pages keep their folders, so two of one name do not clash; one needs no front matter.
    for area in ["guides", "api"] {
        site.write(
            &format!("content/site/docs/{area}/overview.md"),
            format!("---\ntitle: {area} overview\n---\nText.\n"),
        );
    }
    site.write("content/docs/guide/install.md", "# Install\n\nRun it.\n");
    // Docusaurus's partials are no pages; a doc's own slug is read as Docusaurus reads it;
    // the docs' own front page is skipped.
    site.write("content/site/docs/_parts/_note.md", "Included text.\n");
    site.write(
        "content/site/docs/custom.md",
        "---\ntitle: Custom\nslug: /my-url\n---\nText.\n",
    );
    site.write(
        "content/site/docs/guides/rel.md",
        "---\ntitle: Relative\nslug: relative\n---\nText.\n",
    );
    site.write("content/vp/index.md", "Welcome to the docs.\n");
    // Older versions of the docs and their translations (pages without front matter,
    // which failed the build) are skipped; so is a folder's sidebar setting.
    site.write(
        "content/site/versioned_docs/version-1.0/intro.md",
        "Old intro.\n",
    );
    site.write(
        "content/site/i18n/fr/docusaurus-plugin-content-docs/current/intro.md",
        "Lisez ceci.\n",
    );
    site.write(
        "content/site/docs/guides/_category_.json",
        "{\"label\": \"Guides\", \"position\": 2}\n",
    );
    // With a title it is a page of its own; so is a page whose own slug names the root.
    site.write(
        "content/docs/index.md",
        "---\ntitle: Garden index\n---\nAll beds.\n",
    );
    site.write(
        "content/vp/team.md",
        "---\ntitle: Team\nslug: /\n---\nUs.\n",
    );
    // Elsewhere a README is a post like any other, at its own URL.
    site.write(
        "content/notes/README.md",
        "---\ntitle: Notes\ndate: 2024-01-01\n---\nKept.\n",
    );
    site.write(
        "content/notes/index.md",
        "---\ntitle: Notes index\ndate: 2024-01-01\n---\nKept.\n",
    );
    site.write(
        "content/site/blog/2023/05-20-roadmap.md",
        "---\ntitle: Roadmap\n---\nNext steps.\n",
    );
    site.write(
        "content/_posts/2019-04-05-habits.md",
        "---\ntitle: Habits\ntags: writing habits\n---\nEvery day.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("docs/README.md: warning: skipped: another generator's front page"),
        "{err}"
    );
    assert!(
        err.contains("vp/index.md: warning: skipped: the documentation's own front page"),
        "{err}"
    );
    assert!(
        err.contains("_note.md: warning: skipped: Docusaurus makes no page"),
        "{err}"
    );
    for skipped in ["versioned_docs", "i18n", "_category_.json"] {
        assert!(
            err.contains(&format!("{skipped}` ")) || err.contains(&format!("{skipped}/` ")),
            "{skipped}: {err}"
        );
    }
    let files = snapshot(&site.public());
    let names: Vec<String> = files.keys().map(|f| f.to_string_lossy().into()).collect();
    assert!(
        !names
            .iter()
            .any(|f| f.contains("_category_") || f.contains("version-1.0") || f.contains("fr/")),
        "{names:?}"
    );
    for page in [
        "about/index.html",
        "posts/plan/index.html",
        "docs/intro/index.html",
        "docs/guides/overview/index.html",
        "docs/api/overview/index.html",
        "guide/install/index.html",
        "docs/my-url/index.html",
        "docs/index.html",
        "team/index.html",
        "docs/guides/relative/index.html",
        "2024/01/01/readme/index.html",
        "2024/01/01/notes/index.html",
        "2023/05/20/roadmap/index.html",
        "tags/tomatoes/index.html",
        "tags/balcony/index.html",
        "tags/garden/index.html",
        "tags/writing/index.html",
        "tags/habits/index.html",
    ] {
        assert!(site.has_output(page), "{page}");
    }
    assert!(!site.has_output("tags/uncategorized/index.html"));
    let install = site.output("guide/install/index.html");
    assert!(install.contains("<title>Install"), "{install}");
    // Containers nest as quotes; a code group's markers and the highlighter's notes go.
    let install = site.output("2024/02/02/install/index.html");
    for raw in [":::", "[!code", "code-group"] {
        assert!(!install.contains(raw), "{raw}\n{install}");
    }
    assert!(install.matches("<blockquote>").count() == 2, "{install}");
    // Their `public/` folders are published at the site's root; their configuration is not.
    assert!(site.has_output("images/tomato.png") && site.has_output("img/terminal.png"));
    assert!(!site.has_output("vp/public/img/terminal.png") && !site.has_output(".env"));
    let published = snapshot(&site.public());
    assert!(
        !published
            .keys()
            .any(|f| f.to_string_lossy().contains("config")),
        "{published:?}"
    );
    // A page in no list: not on the front page.
    let home = site.output("index.html");
    assert!(
        home.contains("Tomatoes on the balcony") && !home.contains("Planting plan"),
        "{home}"
    );
}

/// A Tumblr backup's private, queued and draft posts (`state:`) are kept back; a `state`
/// that is a place publishes as any post, and no key of another tool is taken for a typo.
#[test]
fn tumblr_posts_kept_back_by_their_state() {
    let site = TestSite::new("");
    for (name, state) in [
        ("secret", "private"),
        ("later", "queued"),
        ("trip", "Oregon"),
    ] {
        site.article(
            &format!("2011-05-10-{name}"),
            &format!("title: {name}\nstate: {state}\nguid: x{name}"),
            "Text.",
        );
    }
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(!err.contains("did you mean"), "{err}");
    assert!(site.has_output("2011/05/10/trip/index.html"));
    for kept in ["secret", "later"] {
        assert!(
            !site.has_output(&format!("2011/05/10/{kept}/index.html")),
            "{kept}"
        );
        assert!(!site.output("rss.xml").contains(kept), "{kept}");
    }
}

/// A Blogger post's jump break, `<a name='more'></a>`, ends its summary; a picture alone
/// before it is no summary, so the first paragraph with words is.
#[test]
fn bloggers_jump_break_ends_the_summary() {
    let site = TestSite::new("");
    site.write(
        "content/_posts/2011-04-03-kites.html",
        "---\ntitle: Kites &amp; wind\ndate: 2011-04-03T10:22:00.001-07:00\n---\n<p>Flew kites on the dunes.</p>\n<p>The wind was strong.</p>\n<a name='more'></a>\n<p>Later the string snapped.</p>\n",
    );
    site.write(
        "content/_posts/2011-04-05-shore.html",
        "---\ntitle: Shore\ndate: 2011-04-05\n---\n<div class=\"separator\"><a href=\"https://img.example/s.jpg\"><img src=\"https://img.example/s.jpg\"></a></div>\n<a name=\"more\"></a>\n<p>Walked the shore at dawn.</p>\n",
    );
    // jekyll-import writes a Blogger post on one line.
    site.write(
        "content/_posts/2011-04-07-chips.html",
        "---\ntitle: Fish and chips\ndate: 2011-04-07\n---\n<div class=\"separator\"><img src=\"https://img.example/c.jpg\"></div>Chips by the harbour.<a name='more'></a>Then rain came.\n",
    );
    site.build_ok(&[]);
    let home = site.output("index.html");
    assert!(
        home.contains("Chips by the harbour.") && !home.contains("Then rain came"),
        "{home}"
    );
    let chips = site.output("2011/04/07/chips/index.html");
    assert!(
        chips.contains("Then rain came") && !chips.contains("<a></a>"),
        "{chips}"
    );
    assert!(home.contains("The wind was strong."), "{home}");
    assert!(!home.contains("the string snapped"), "{home}");
    assert!(home.contains("Walked the shore at dawn."), "{home}");
    let page = site.output("2011/04/03/kites/index.html");
    assert!(
        page.contains("the string snapped") && !page.contains("name=\"more\""),
        "{page}"
    );
}

/// dev.to's and Hugo's embeds are links to what they showed, without a template warning.
#[test]
fn embeds_are_links() {
    let site = TestSite::new("");
    site.article(
        "2022-09-01-talk",
        "title: The talk\npublished_at: 2022-09-01",
        "Watch it :tada:\n\n{% youtube dQw4w9WgXcQ %}\n\n{{< tweet user=\"harbour\" id=\"1453\" >}}\n\n```\necho :tada:\n```\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        !stderr(&out).contains("template syntax"),
        "{}",
        stderr(&out)
    );
    let page = site.output("2022/09/01/talk/index.html");
    // Emoji shortcodes are emoji, in text only.
    assert!(
        page.contains("Watch it \u{1f389}") && page.contains("echo :tada:"),
        "{page}"
    );
    for url in [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://twitter.com/harbour/status/1453",
    ] {
        assert!(page.contains(&format!("href=\"{url}\"")), "{url}\n{page}");
    }
}

/// A migrated blog's own posts name their authors and no source: the byline is shown on
/// the page and the story card, in the site's language; a digest's story keeps its
/// authors in its source line.
#[test]
fn a_post_without_a_source_shows_its_authors() {
    let site = TestSite::new("language = \"fr\"\n");
    site.article(
        "2023-03-04-launch",
        "title: Lancement\nauthors:\n  - name: Mira Chen\n    url: https://mira.example\n  - Jon",
        "Texte.",
    );
    site.article(
        "2023-03-05-digest",
        "title: Revue\nauthor: Ana\nsource: {name: Ex, url: 'https://ex.org/a'}",
        "Texte.",
    );
    site.build_ok(&[]);
    let page = site.output("2023/03/04/launch/index.html");
    assert!(
        page.contains("<span class=\"byline\">Par Mira Chen, Jon</span>"),
        "{page}"
    );
    let home = site.output("index.html");
    assert!(home.contains("Par Mira Chen, Jon"), "{home}");
    // With a source, the authors are the original's, in the source line only.
    let digest = site.output("2023/03/05/digest/index.html");
    assert!(
        digest.contains(", par Ana") && !digest.contains("Par Ana"),
        "{digest}"
    );
    // Docusaurus's authors, by their keys in the blog's `authors.yml`.
    site.write(
        "content/blog/authors.yml",
        "mira:\n  name: Mira Chen\n  email: mira@example.org\njon:\n  name: Jon Ortega\n",
    );
    site.write(
        "content/blog/2023-03-06-keys.md",
        "---\ntitle: Par clés\nauthors: [mira, jon]\n---\nTexte.\n",
    );
    site.build_ok(&[]);
    let keyed = site.output("2023/03/06/keys/index.html");
    assert!(
        keyed.contains("Par Mira Chen, Jon Ortega</span>"),
        "{keyed}"
    );
    // The list itself, with its e-mail addresses, is not published.
    assert!(!site.has_output("blog/authors.yml"));
    // Nor is the JSON list Docusaurus's `authorsMapPath` may name, which is read the same way.
    site.write(
        "content/news/authors.json",
        r#"{"ana": {"name": "Ana Ruiz", "email": "ana@example.org"}}"#,
    );
    site.write(
        "content/news/2023-03-07-json.md",
        "---\ntitle: Par JSON\nauthors: [ana]\n---\nTexte.\n",
    );
    site.build_ok(&[]);
    let json = site.output("2023/03/07/json/index.html");
    assert!(json.contains("Par Ana Ruiz</span>"), "{json}");
    assert!(!site.has_output("news/authors.json"));
}

/// A body that opens by repeating its front matter's title as a heading (as Notion,
/// Obsidian and many editors write a post) shows the title once; another heading stays.
#[test]
fn an_opening_heading_repeating_the_title_is_shown_once() {
    let site = TestSite::new("");
    site.article(
        "2024-03-01-harbour",
        "title: \"The Harbour's Year\"",
        "# The harbour’s year!\n\nBoats came back.\n",
    );
    site.article(
        "2024-03-02-ferry",
        "title: Ferry news",
        "# Timetable changes\n\nLater boats.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/03/01/harbour/index.html");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    let other = site.output("2024/03/02/ferry/index.html");
    assert!(other.contains("Timetable changes</h"), "{other}");
    // The same with the heading underlined (setext), as Pandoc and older exports write it.
    site.article(
        "2024-03-03-tides",
        "title: Tide tables",
        "Tide Tables\n===========\n\nLow at noon.\n",
    );
    site.build_ok(&[]);
    let tides = site.output("2024/03/03/tides/index.html");
    assert_eq!(tides.matches("<h1").count(), 1, "{tides}");
    assert!(tides.contains("Low at noon."), "{tides}");
}

/// Hugo's `figure` shortcode on a line of its own is the figure Hugo makes: the picture
/// beside the post is found, and its caption shown.
#[test]
fn hugo_figures_show_their_picture_and_caption() {
    let site = TestSite::new("");
    site.write("content/posts/2024-04-01-dock/dock.jpg", "jpg");
    site.write(
        "content/posts/2024-04-01-dock/index.md",
        "---\ntitle: The dock\n---\nRepaired.\n\n{{< figure src=\"dock.jpg\" caption=\"The new dock, at dawn\" >}}\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        !stderr(&out).contains("template syntax"),
        "{}",
        stderr(&out)
    );
    let page = site.output("2024/04/01/dock/index.html");
    assert!(
        page.contains("<figcaption>The new dock, at dawn</figcaption>"),
        "{page}"
    );
    assert!(
        page.contains("/posts/2024-04-01-dock/dock.jpg\" alt=\"The new dock, at dawn\""),
        "{page}"
    );
    assert!(site.has_output("posts/2024-04-01-dock/dock.jpg"));
    // The social card's picture, shown in the text, is not shown again above it.
    site.write(
        "content/posts/2024-04-01-dock/index.md",
        "---\ntitle: The dock\nimage: dock.jpg\n---\nRepaired.\n\n![The dock](dock.jpg)\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/04/01/dock/index.html");
    assert!(
        !page.contains("article-image") && page.contains("og:image"),
        "{page}"
    );
    // The same with a query (`&` is `&amp;` in the page) or a space in its address.
    site.write("content/posts/2024-04-01-dock/my dock.jpg", "jpg");
    for image in ["https://img.example/d.jpg?w=1&h=2", "my dock.jpg"] {
        site.write(
            "content/posts/2024-04-01-dock/index.md",
            format!("---\ntitle: The dock\nimage: \"{image}\"\n---\nRepaired.\n\n![The dock](<{image}>)\n"),
        );
        site.build(&[]);
        let page = site.output("2024/04/01/dock/index.html");
        assert!(!page.contains("article-image"), "{image}\n{page}");
    }
}

/// Pandoc's inline footnotes (`^[…]`, in Quarto, R Markdown and Obsidian posts) are numbered
/// footnotes of the page, after any written the usual way.
#[test]
fn inline_footnotes_are_the_pages_footnotes() {
    let site = TestSite::new("");
    site.article(
        "2024-02-03-gauges",
        "title: Gauges",
        "The pier gauge read high.^[It was recalibrated in May.] The buoy[^b] agreed.\n\n[^b]: The north buoy.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/02/03/gauges/index.html");
    assert!(!page.contains("^["), "{page}");
    // Numbered in the order the references come: the inline note first.
    let definition = |n: usize| {
        let at = page
            .find(&format!("id=\"gauges-fn-{n}\""))
            .expect("defined");
        page[at..].split("</div>").next().unwrap().to_string()
    };
    assert!(
        definition(1).contains("It was recalibrated in May."),
        "{page}"
    );
    assert!(definition(2).contains("The north buoy."), "{page}");
    let text = &page[page
        .find("high.<sup")
        .expect("a reference after the sentence")..];
    let first = text.find("href=\"#gauges-fn-1\"").unwrap();
    let second = text.find("href=\"#gauges-fn-2\"").unwrap();
    assert!(
        first < text.find("The buoy").unwrap() && second > first,
        "{page}"
    );
}

/// An Obsidian vault's notes (a folder with Obsidian's `.obsidian/` settings): links between
/// notes by name lead to their pages (a heading's anchor included), an embedded picture
/// beside the note shows, and the author's comments `%%…%%` are published nowhere, page or
/// feed. A link to no note is a warning at its line. Outside the vault, `%%` and `[[` are text.
#[test]
fn an_obsidian_vaults_links_embeds_and_comments() {
    let site = TestSite::new("");
    site.write(
        "content/garden/2024-03-01-Soil notes.md",
        "---\ntitle: Soil notes\ntags: [\"#garden\"]\n---\nLoam.\n\n## Compost bins\n\nTurn weekly.\n",
    );
    site.write(
        "content/garden/2024-03-02-plan/index.md",
        "---\ntitle: Garden plan\ntags: [garden]\n---\nBeds first %%ask Ana about the fence%%, then paths.\n\n\
         Read [[2024-03-01-Soil notes|my soil notes]] and [[2024-03-01-Soil notes#Compost bins]].\n\n\
         ![[sketch.png]] and [[2024-03-01-soil NOTES|in any case]]\n\n%%\nprivate budget: 40\n%%\n\n[[Tomato varieties]]\n",
    );
    site.write("content/garden/2024-03-02-plan/sketch.png", "png");
    // What makes a folder a vault: Obsidian's settings (not published).
    site.write("content/garden/.obsidian/app.json", "{}\n");
    // Pictures where Obsidian saves them: the vault's folder, or its `attachments/`.
    site.write(
        "content/garden/daily/2024-03-05-frost.md",
        "---\ntitle: Frost\n---\n![[frost.jpg]] and ![[beds.png]]\n",
    );
    site.write("content/garden/frost.jpg", "jpeg");
    site.write("content/garden/attachments/beds.png", "png");
    // Outside the vault, the same syntax is text.
    site.write(
        "content/2024-03-04-prices.md",
        "---\ntitle: Prices\n---\nPrices: 50%% off today, and 100%% sure; bash `if [[ -f x ]]` and [[1]](https://example.org/r).\n",
    );
    let err = stderr(&site.build_ok(&[]));
    let page = site.output("2024/03/02/plan/index.html");
    let soil = format!("{}2024/03/01/soil-notes/", crate::support::BASE);
    assert!(
        page.contains(&format!("<a href=\"{soil}\">my soil notes</a>")),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "<a href=\"{soil}#compost-bins\">2024-03-01-Soil notes › Compost bins</a>"
        )),
        "{page}"
    );
    assert!(site
        .output("2024/03/01/soil-notes/index.html")
        .contains("id=\"compost-bins\""));
    assert!(page.contains("sketch.png\" alt=\"sketch\""), "{page}");
    assert!(
        page.contains(&format!("<a href=\"{soil}\">in any case</a>")),
        "{page}"
    );
    for file in [
        "2024/03/02/plan/index.html",
        "rss.xml",
        "feed.json",
        "atom.xml",
    ] {
        let text = site.output(file);
        assert!(!text.contains("Ana") && !text.contains("budget"), "{file}");
    }
    assert!(
        err.contains(
            "content/garden/2024-03-02-plan/index.md:15: warning: a link to `Tomato varieties`"
        ),
        "{err}"
    );
    // `#garden` is Obsidian's way to write the tag `garden`: one tag, not two.
    assert!(
        site.has_output("tags/garden/index.html") && !site.has_output("tags/garden-2/index.html")
    );
    let prices = site.output("2024/03/04/prices/index.html");
    assert!(
        prices.contains("50%% off today, and 100%% sure")
            && prices.contains("<a href=\"https://example.org/r\">[1]</a>"),
        "{prices}"
    );
    assert!(!site.has_output("garden/.obsidian/app.json"));
    let frost = site.output("2024/03/05/frost/index.html");
    let base = crate::support::BASE;
    assert!(
        frost.contains(&format!("src=\"{base}garden/frost.jpg\""))
            && frost.contains(&format!("src=\"{base}garden/attachments/beds.png\"")),
        "{frost}"
    );
    // The folder the vault's settings name for attachments, below the vault or (`./`)
    // below the note's folder; a setting that climbs out of the vault is not followed.
    for (setting, picture) in [
        ("Media/Pictures", "garden/Media/Pictures/hail.png"),
        ("./pics/", "garden/daily/pics/hail.png"),
    ] {
        site.write(
            "content/garden/.obsidian/app.json",
            format!("{{\"attachmentFolderPath\": \"{setting}\", \"vimMode\": true}}\n"),
        );
        site.write(&format!("content/{picture}"), "png");
        site.write(
            "content/garden/daily/2024-03-06-hail.md",
            "---\ntitle: Hail\n---\n![[hail.png]]\n",
        );
        let err = stderr(&site.build_ok(&[]));
        let hail = site.output("2024/03/06/hail/index.html");
        assert!(
            hail.contains(&format!("src=\"{base}{picture}\"")),
            "{setting}: {hail}\n{err}"
        );
        std::fs::remove_file(site.path(&format!("content/{picture}"))).unwrap();
    }
    site.write(
        "content/garden/.obsidian/app.json",
        "{\"attachmentFolderPath\": \"../up\"}\n",
    );
    site.write("content/up/hail.png", "png");
    site.build_ok(&[]);
    assert!(!site
        .output("2024/03/06/hail/index.html")
        .contains("up/hail.png"));
    let check = stdout(&site.run(&["check"]));
    assert!(check.contains("hail.png"), "{check}");
    // Unquoted, YAML reads it as a comment: the error says to quote it.
    site.write(
        "content/garden/2024-03-03-unquoted.md",
        "---\ntitle: Unquoted\ntags: [#garden]\n---\nx\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(err.contains("quote a value that starts with it"), "{err}");
}

/// Hexo's post asset folder: `_posts/dunes.md` beside `_posts/dunes/`, whose pictures the
/// post names by file name alone, in Markdown or with Hexo's `asset_img`; they are found
/// there, on the page and by `check`. Hexo's quote and `post_link` tags are Markdown's.
#[test]
fn a_hexo_posts_asset_folder_holds_its_pictures() {
    let site = TestSite::new("");
    site.write(
        "content/_posts/dunes.md",
        "---\ntitle: Dunes\ndate: 2020-02-02 10:00:00\n---\n![Dunes at noon](noon.png)\n\n\
         {% asset_img dusk.png \"Dunes at dusk\" %}\n\n\
         {% blockquote Ana, Field notes %}\nSand moves.\n{% endblockquote %}\n\n\
         After {% post_link radio the radio post %}.\n",
    );
    site.write("content/_posts/dunes/noon.png", "png");
    site.write("content/_posts/dunes/dusk.png", "png");
    site.write(
        "content/_posts/radio.md",
        "---\ntitle: Radio\ndate: 2020-01-01 10:00:00\n---\nValves.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("template syntax"), "{err}");
    let page = site.output("2020/02/02/dunes/index.html");
    let base = crate::support::BASE;
    for html in [
        format!("src=\"{base}_posts/dunes/noon.png\""),
        format!("<img src=\"{base}_posts/dunes/dusk.png\" alt=\"Dunes at dusk\""),
        "<blockquote>\n<p>Sand moves.\n— Ana, <em>Field notes</em></p>".to_string(),
        format!("<a href=\"{base}2020/01/01/radio/\">the radio post</a>"),
    ] {
        assert!(page.contains(&html), "{html} in {page}");
    }
    assert!(site.has_output("_posts/dunes/noon.png"));
    let check = site.run(&["check"]);
    assert!(!stderr(&check).contains(".png"), "{}", stderr(&check));
}

/// A whole Hexo repository in content/: its scaffolds (templates whose `{{ title }}` is no
/// YAML), theme, cache and old built site are skipped with a warning each; `source/` is its
/// site's root, so `/images/radio.jpg` finds `source/images/radio.jpg`, and a Markdown file
/// there outside `_posts/` is a page, dated or not, at its own address.
#[test]
fn a_hexo_repository_in_content_builds_its_posts_and_pages() {
    let site = TestSite::new("");
    site.write("content/blog/_config.yml", "title: Old blog\n");
    site.write(
        "content/blog/scaffolds/post.md",
        "---\ntitle: {{ title }}\ndate: {{ date }}\n---\n",
    );
    site.write(
        "content/blog/themes/landscape/layout/index.ejs",
        "<%- body %>\n",
    );
    site.write("content/blog/public/index.html", "<p>old</p>\n");
    site.write("content/blog/db.json", "{}\n");
    site.write(
        "content/blog/source/_posts/radio.md",
        "---\ntitle: Fixing a radio\ndate: 2019-05-01 10:00:00\n---\n![The radio](/images/radio.jpg)\n\nValves.\n",
    );
    site.write("content/blog/source/images/radio.jpg", "jpeg");
    site.write(
        "content/blog/source/about/index.md",
        "---\ntitle: About\ndate: 2019-01-01 00:00:00\n---\n![Me](me.jpg)\n\nWho writes.\n",
    );
    site.write("content/blog/source/about/me.jpg", "jpeg");
    // `hexo new page tags`: a page for the theme's list, which gazette makes itself.
    site.write(
        "content/blog/source/tags/index.md",
        "---\ntitle: Tags\ndate: 2019-01-01 00:00:00\ntype: \"tags\"\n---\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(stdout(&out).contains("built 1 article"), "{}", stdout(&out));
    for skipped in [
        "scaffolds",
        "themes",
        "public",
        "db.json",
        "source/tags/index.md",
    ] {
        assert!(
            err.contains(&format!("content/blog/{skipped}: warning: skipped")),
            "{skipped}: {err}"
        );
    }
    assert!(site.has_output("2019/05/01/radio/index.html"));
    assert!(site.has_output("images/radio.jpg") && site.has_output("about/me.jpg"));
    let about = site.output("about/index.html");
    assert!(
        about.contains(&format!("src=\"{}about/me.jpg\"", crate::support::BASE)),
        "{about}"
    );
    assert!(!site.output("rss.xml").contains("Who writes"));
    let check = site.run(&["check"]);
    let check = stderr(&check) + &stdout(&check);
    assert!(!check.contains(".jpg"), "{check}");
}

/// A Pelican site's articles: metadata as `Key: value` lines up to a blank line, no `---`
/// (keys in any case, `Tags` at commas, `Modified` the change date, `Status: draft` kept
/// back), and Pelican's `{filename}` / `{static}` link markers leading where they point.
#[test]
fn pelican_articles_build_with_their_metadata_and_links() {
    let site = TestSite::new("");
    site.write(
        "content/articles/lamp.md",
        "Title: Restoring an oil lamp: part 1\nDate: 2020-01-01 10:20\nModified: 2020-03-01\n\
         Tags: lamps, brass work\nCategory: Workshop\nSlug: oil-lamp\nSummary: Wicks and\n    chimneys.\n\n\
         ![The lamp]({static}/images/lamp.png)\n\nNext: [part two]({filename}/articles/lamp-2.md).\n",
    );
    site.write(
        "content/articles/lamp-2.md",
        "Title: Restoring an oil lamp: part 2\nDate: 2020-01-08\n\nOil.\n",
    );
    site.write(
        "content/articles/draft.md",
        "Title: Unfinished\nDate: 2020-01-09\nStatus: draft\n\nLater.\n",
    );
    site.write("content/images/lamp.png", "png");
    // Pelican's own files beside its configuration: deploy scripts, theme, old output.
    site.write("content/pelicanconf.py", "AUTHOR = 'Me'\n");
    site.write("content/Makefile", "SSH_USER=me\n");
    site.write("content/tasks.py", "import invoke\n");
    site.write("content/output/drafts/secret.html", "<p>draft</p>\n");
    site.write("content/theme/templates/base.html", "<html></html>\n");
    let out = site.build_ok(&[]);
    for private in [
        "pelicanconf.py",
        "Makefile",
        "tasks.py",
        "output/drafts/secret.html",
        "theme/templates/base.html",
    ] {
        assert!(!site.has_output(private), "{private}");
    }
    assert!(
        stdout(&out).contains("built 2 articles (1 draft left out)"),
        "{}",
        stdout(&out)
    );
    let base = crate::support::BASE;
    let page = site.output("2020/01/01/oil-lamp/index.html");
    for html in [
        "<h1 class=\"article-title\">Restoring an oil lamp: part 1</h1>".to_string(),
        format!("src=\"{base}images/lamp.png\""),
        format!("<a href=\"{base}2020/01/08/lamp-2/\">part two</a>"),
        "Wicks and chimneys.".to_string(),
    ] {
        assert!(page.contains(&html), "{html} in {page}");
    }
    for tag in ["lamps", "brass-work", "workshop"] {
        assert!(site.has_output(&format!("tags/{tag}/index.html")), "{tag}");
    }
    assert!(site.output("atom.xml").contains("<updated>2020-03-01"));
    let check = site.run(&["check"]);
    assert!(!stderr(&check).contains("lamp.png"), "{}", stderr(&check));
}

/// A Docusaurus post renamed to .md: its MDX `import` lines are neither text nor summary,
/// its admonitions are quotes with their title, and the site's configuration files of other
/// generators are not published.
#[test]
fn a_docusaurus_post_renamed_to_markdown_reads_as_text() {
    let site = TestSite::new("");
    site.write(
        "content/blog/2021-05-01-welcome.md",
        "---\ntitle: Welcome\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n\
         The first post of the new blog.\n\n:::tip[Before you start]\nBack up your notes.\n:::\n",
    );
    site.write("content/docusaurus.config.js", "module.exports = {};\n");
    site.write("content/astro.config.mjs", "export default {};\n");
    let err = stderr(&site.build_ok(&[]));
    let feed: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(
        feed["items"][0]["summary"],
        "The first post of the new blog."
    );
    let page = site.output("2021/05/01/welcome/index.html");
    assert!(!page.contains("@theme"), "{page}");
    assert!(
        page.contains(
            "<blockquote>\n<p><strong>Before you start</strong><br />\nBack up your notes.</p>"
        ),
        "{page}"
    );
    for config in ["docusaurus.config.js", "astro.config.mjs"] {
        assert!(!site.has_output(config), "{config}");
        assert!(
            err.contains(&format!("content/{config}: warning: skipped")),
            "{err}"
        );
    }
}

/// A story kept back keeps its pictures back: a draft's page bundle, a draft's asset folder
/// (Hexo), a Pelican draft's, and any file in `_drafts/` are published only with `--drafts`.
#[test]
fn a_drafts_files_are_as_private_as_its_text() {
    let site = TestSite::new("");
    site.write(
        "content/2024-01-02-bundle/index.md",
        "---\ntitle: Bundle\ndraft: true\n---\n![plan](plan.png)\n",
    );
    site.write("content/2024-01-02-bundle/plan.png", "png");
    site.write(
        "content/_posts/wip.md",
        "---\ntitle: Wip\ndate: 2024-01-03\nstatus: draft\n---\n![p](p.png)\n",
    );
    site.write("content/_posts/wip/p.png", "png");
    site.write("content/_drafts/idea/photo.png", "png");
    site.write(
        "content/_posts/out.md",
        "---\ntitle: Out\ndate: 2024-01-04\n---\nx\n",
    );
    site.write("content/_posts/out/kept.png", "png");
    // A draft section page above published posts keeps back none of the folder's files:
    // they are the posts' too.
    site.write(
        "content/blog/index.md",
        "---\ntitle: Blog intro\ndraft: true\n---\nSoon.\n",
    );
    site.write("content/blog/shared.png", "png");
    site.write(
        "content/blog/2024-01-06-pub2.md",
        "---\ntitle: Pub2\n---\n![s](shared.png)\n",
    );
    site.write(
        "content/blog/2024-01-05-pub/index.md",
        "---\ntitle: Pub\n---\n![p](pic.png)\n",
    );
    site.write("content/blog/2024-01-05-pub/pic.png", "png");
    // Built from inside the site, as a user types it (paths start `./`).
    let out = crate::support::gazette_in(site.root())
        .arg("build")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for private in [
        "2024-01-02-bundle/plan.png",
        "_posts/wip/p.png",
        "_drafts/idea/photo.png",
    ] {
        assert!(!site.has_output(private), "{private}");
    }
    assert!(site.has_output("blog/2024-01-05-pub/pic.png") && site.has_output("blog/shared.png"));
    assert!(site.has_output("_posts/out/kept.png"));
    site.build_ok(&["--drafts"]);
    for drafted in [
        "2024-01-02-bundle/plan.png",
        "_posts/wip/p.png",
        "_drafts/idea/photo.png",
    ] {
        assert!(site.has_output(drafted), "{drafted}");
    }
}

/// A Substack or Medium export dropped into content/ is not published: its posts are HTML
/// pages, drafts among them, and Substack's lists name subscribers. The warning says to
/// bring the posts in with `gazette import`.
#[test]
fn a_platform_export_in_content_is_not_published() {
    let site = TestSite::new("");
    site.write(
        "content/substack/posts.csv",
        "post_id,is_published\n1.draft,false\n",
    );
    site.write(
        "content/substack/posts/1.draft.html",
        "<p>Unsent draft.</p>\n",
    );
    site.write(
        "content/substack/email_list.csv",
        "email\nreader@example.org\n",
    );
    site.write(
        "content/medium/posts/draft_Plans-1a.html",
        "<p>Plans.</p>\n",
    );
    site.write("content/medium/profile/profile.html", "<p>Me.</p>\n");
    site.write(
        "content/2024-01-01-kept.md",
        "---\ntitle: Kept\n---\nText.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    for (folder, platform) in [("substack", "Substack"), ("medium", "Medium")] {
        assert!(
            err.contains(&format!(
                "content/{folder}: warning: skipped: `{folder}/` is a {platform} export"
            )) && err.contains(&format!("gazette import {folder}/posts/*.html")),
            "{err}"
        );
    }
    for private in [
        "substack/email_list.csv",
        "substack/posts/1.draft.html",
        "medium/posts/draft_Plans-1a.html",
    ] {
        assert!(!site.has_output(private), "{private}");
    }
    assert!(site.has_output("2024/01/01/kept/index.html"));
    // A Medium draft converted to Markdown (medium-2-md names it as Medium does, and
    // leaves its date empty) is a draft, with a date or without.
    site.write(
        "content/notes/draft_Unfinished-Idea-0a1b2c3d4e5f.md",
        "---\ntitle: Unfinished idea\ndate: ''\ntags: [bees wasps]\n---\nNot yet.\n",
    );
    site.write(
        "content/notes/draft_Dated-Idea-0a1b2c3d4e5f.md",
        "---\ntitle: Dated idea\ndate: 2018-02-01T10:00:00.000Z\n---\nNot yet.\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        stdout(&out).contains("(2 drafts left out)"),
        "{}",
        stdout(&out)
    );
    let published = snapshot(&site.public());
    assert!(
        !published
            .keys()
            .any(|f| f.to_string_lossy().contains("idea")),
        "{published:?}"
    );
}

/// A Pelican repository inside content/: its markers name paths from its own content
/// folder (beside `pelicanconf.py`), and in anyone else's article the markers are text.
#[test]
fn pelican_markers_name_paths_from_pelicans_content_folder() {
    let site = TestSite::new("");
    site.write("content/myblog/pelicanconf.py", "PATH = 'content'\n");
    site.write(
        "content/myblog/content/blog/post.md",
        "Title: Post\nDate: 2020-01-05\n\n![a]({static}/images/a.png) and [other]({filename}/blog/other.md).\n",
    );
    site.write(
        "content/myblog/content/blog/other.md",
        "Title: Other\nDate: 2020-01-04\n\nText.\n",
    );
    site.write("content/myblog/content/images/a.png", "png");
    site.write(
        "content/2020-01-06-mine.md",
        "---\ntitle: Mine\n---\nIn code:\n\n    [x]({filename}/blog/other.md)\n",
    );
    site.build_ok(&[]);
    let base = crate::support::BASE;
    let post = site.output("2020/01/05/post/index.html");
    assert!(
        post.contains(&format!("src=\"{base}myblog/content/images/a.png\"")),
        "{post}"
    );
    assert!(
        post.contains(&format!("<a href=\"{base}2020/01/04/other/\">other</a>")),
        "{post}"
    );
    let mine = site.output("2020/01/06/mine/index.html");
    assert!(mine.contains("[x]({filename}/blog/other.md)"), "{mine}");
}

/// Nikola's posts: metadata in an HTML comment or a `.meta` file beside the post (one value
/// a line, in Nikola's first form), `UTC+02:00` dates, `TEASER_END`. A Nikola repository in
/// content/ publishes its `files/` at the root and nothing of its configuration (which
/// holds deploy tokens), themes, cache or earlier output.
#[test]
fn a_nikola_site_builds_without_its_configuration() {
    let site = TestSite::new("");
    let nikola = "content/blog";
    site.write(
        &format!("{nikola}/conf.py"),
        "BLOG_TITLE = 'Harbour'\nGITHUB_TOKEN = 'token-in-conf'\n",
    );
    site.write(&format!("{nikola}/requirements.txt"), "Nikola[extras]\n");
    site.write(&format!("{nikola}/output/index.html"), "old build");
    site.write(&format!("{nikola}/cache/x.html"), "cached");
    site.write(
        &format!("{nikola}/themes/quiet/templates/post.tmpl"),
        "<%def/>",
    );
    site.write(&format!("{nikola}/files/images/pier.png"), "png");
    site.write(
        &format!("{nikola}/posts/pier.md"),
        "<!--\n.. title: The pier at dawn\n.. slug: pier\n.. date: 2019-03-04 10:00:00 UTC+02:00\n\
         .. tags: harbour, walks\n.. category: \n.. link: https://news.example.org/pier\n\
         .. description: \n.. type: text\n-->\n\nFog over the pier.\n\n<!-- TEASER_END -->\n\n\
         ![Pier](/images/pier.png) and more after the teaser.\n",
    );
    site.write(
        &format!("{nikola}/posts/plans.md"),
        "<!--\n.. title: Plans\n.. date: 2019-04-01 09:00:00 UTC\n.. status: draft\n-->\n\nnot-yet-public\n",
    );
    site.write(
        &format!("{nikola}/posts/ferry.md"),
        "Ferry timetable notes.\n",
    );
    site.write(
        &format!("{nikola}/posts/ferry.meta"),
        "The winter ferry\nferry\n2017/06/05 12:00\nferries, winter\n",
    );
    // Nikola's older draft tag, an HTML post, a `.meta` beside a post gazette does not read.
    site.write(
        &format!("{nikola}/posts/old.md"),
        "<!--\n.. title: Old\n.. date: 2019-04-02 09:00:00 UTC\n.. tags: draft, python\n-->\n\nold-draft-body\n",
    );
    site.write(
        &format!("{nikola}/posts/tide.html"),
        "<!--\n.. title: Tide tables\n.. date: 2019-05-01 08:00:00 UTC\n-->\n<p>Low at noon.</p>\n",
    );
    site.write(
        &format!("{nikola}/posts/secret.html"),
        "<p>secret-html-body</p>\n",
    );
    site.write(
        &format!("{nikola}/posts/secret.meta"),
        ".. title: Secret\n.. date: 2019-05-02\n.. status: private\n",
    );
    site.write(&format!("{nikola}/posts/notes.rst"), "Notes\n=====\n");
    site.write(
        &format!("{nikola}/posts/notes.meta"),
        ".. status: private\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(site
        .output("2019/05/01/tide/index.html")
        .contains("Low at noon."));
    for leak in [
        "blog/posts/secret.html",
        "blog/posts/notes.meta",
        "tags/draft/index.html",
    ] {
        assert!(!site.has_output(leak), "{leak}");
    }
    for file in ["index.html", "feed.json"] {
        let text = site.output(file);
        assert!(
            !text.contains("old-draft-body") && !text.contains("secret-html-body"),
            "{file}"
        );
    }
    let pier = site.output("2019/03/04/pier/index.html");
    assert!(pier.contains("The pier at dawn"), "{pier}");
    assert!(pier.contains("https://news.example.org/pier"), "{pier}");
    let pier_src = format!("src=\"{}images/pier.png\"", crate::support::BASE);
    assert!(pier.contains(&pier_src), "{pier}");
    assert!(site.has_output("images/pier.png"));
    assert!(site.has_output("tags/harbour/index.html"));
    // The teaser is the summary on lists.
    let front = site.output("index.html");
    assert!(front.contains("Fog over the pier") && !front.contains("after the teaser"));
    let ferry = site.output("2017/06/05/ferry/index.html");
    assert!(ferry.contains("The winter ferry"), "{ferry}");
    assert!(site.has_output("tags/ferries/index.html"));
    assert!(!site.has_output("blog/posts/ferry.meta"));
    for leak in [
        "blog/conf.py",
        "blog/requirements.txt",
        "blog/output/index.html",
        "blog/cache/x.html",
        "blog/themes/quiet/templates/post.tmpl",
    ] {
        assert!(!site.has_output(leak), "{leak}");
    }
    assert!(
        err.contains("`conf.py` is another generator's configuration"),
        "{err}"
    );
    for file in ["index.html", "rss.xml", "feed.json"] {
        assert!(!site.output(file).contains("not-yet-public"), "{file}");
    }
}

/// What other tools keep beside their posts is not published: configuration files with
/// their secrets, template sources (ERB, Haml, Slim: a Middleman draft among them), Zola's
/// templates and styles, Logseq's settings, a Notion database's CSV, a TextBundle's
/// `info.json`. A TextBundle's note is named by its bundle, and a draft's pictures stay
/// back. Middleman's `post.html.md` is `post`, Notion's `Title <page id>.md` is `title`.
/// Hashnode's `isDraft` is a draft; dev.to's `published_at` dates a post.
#[test]
fn other_tools_files_beside_posts_are_not_published() {
    let site = TestSite::new("");
    site.write("content/config.toml", "api_key = \"secret-in-config\"\n");
    site.write("content/mm/config.rb", "set :api_secret, 'mm-secret'\n");
    site.write("content/mm/source/index.html.erb", "<%= yield %>\n");
    site.write("content/mm/build/index.html", "old build");
    site.write(
        "content/mm/source/blog/2015-02-04-second.html.markdown.erb",
        "---\ntitle: Second\npublished: false\n---\nmm-draft-body\n",
    );
    site.write(
        "content/mm/source/blog/2015-02-03-first.html.md",
        "---\ntitle: First\n---\nMiddleman.\n",
    );
    site.write(
        "content/Export/Trip to the coast 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.md",
        "---\ntitle: Trip to the coast\ndate: 2021-03-03\n---\n[[toc]]\n\n::: tip Pack light\nOne bag.\n:::\n",
    );
    site.write("content/mm/source/layouts/page.html.haml", "%h1= title\n");
    site.write("content/mm/source/layouts/page.html.slim", "h1 = title\n");
    // A story's folder that offers samples keeps them.
    site.write(
        "content/2024-05-01-deploy/index.md",
        "---\ntitle: Deploy notes\n---\nGet [the config](config.yaml) and [the template](nginx.conf.j2).\n",
    );
    site.write("content/2024-05-01-deploy/config.yaml", "workers: 4\n");
    site.write(
        "content/2024-05-01-deploy/nginx.conf.j2",
        "worker_processes {{ n }};\n",
    );
    site.write("content/2024-05-01-deploy/layout.erb", "<%= yield %>\n");
    site.write(
        "content/zola/config.toml",
        "base_url = \"https://z.example\"\n",
    );
    site.write(
        "content/zola/content/first.md",
        "+++\ntitle = \"First\"\ndate = 2023-04-01\n+++\nZola.\n",
    );
    site.write(
        "content/zola/templates/base.html",
        "{% block content %}{% endblock %}",
    );
    site.write("content/zola/sass/main.scss", "body { color: red }");
    site.write("content/graph/logseq/config.edn", "{:meta/version 1}\n");
    site.write(
        "content/Export/Trips 0a0b0c0d0e0f00112233445566778899.csv",
        "Name,Passport\nAna,X123\n",
    );
    let bundle = "content/Rye bread.textbundle";
    site.write(&format!("{bundle}/info.json"), "{\"version\": 2}\n");
    site.write(
        &format!("{bundle}/text.md"),
        "---\ntitle: Rye bread\ndate: 2022-02-10\n---\n![Loaf](assets/loaf.jpg)\n",
    );
    site.write(&format!("{bundle}/assets/loaf.jpg"), "jpeg");
    let diary = "content/Diary.textbundle";
    site.write(
        &format!("{diary}/text.md"),
        "---\ntitle: Diary\ndate: 2022-02-10\ndraft: true\n---\n![Me](assets/me.jpg)\n",
    );
    site.write(&format!("{diary}/assets/me.jpg"), "jpeg");
    site.write(
        "content/hashnode.md",
        "---\ntitle: Not yet on Hashnode\ndate: 2023-01-10\nisDraft: true\n---\nhashnode-draft-body\n",
    );
    site.write(
        "content/devto.md",
        "---\ntitle: My first CLI\npublished_at: 2022-08-14T09:12:00Z\ncover_image: https://cdn.example.org/cli.png\n---\nA CLI.\n",
    );
    site.write(
        "content/hashnode-backup.md",
        "---\ntitle: Vim motions\ndatePublished: Mon Jan 09 2023 10:30:00 GMT+0000 (Coordinated Universal Time)\n---\nMotions.\n",
    );
    // With a `date`, `published_at` is the curator's own field, not a schedule.
    site.write(
        "content/own-field.md",
        "---\ntitle: Own field\ndate: 2023-01-15\npublished_at: 2099-03-01\n---\nOwn.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(site.has_output("2023/01/09/hashnode-backup/index.html"));
    assert!(site.has_output("2023/01/15/own-field/index.html"));
    assert!(site.has_output("2022/02/10/rye-bread/index.html"));
    assert!(site.has_output("Rye bread.textbundle/assets/loaf.jpg"));
    assert!(!site.has_output("Diary.textbundle/assets/me.jpg"));
    assert!(site.has_output("2023/04/01/first/index.html"));
    assert!(site.has_output("2015/02/03/first/index.html"));
    for sample in ["config.yaml", "nginx.conf.j2", "layout.erb"] {
        assert!(
            site.has_output(&format!("2024-05-01-deploy/{sample}")),
            "{sample}"
        );
    }
    // Notion's page id is no part of the address; VitePress's box is a quote, its table of
    // contents marker goes.
    let trip = site.output("2021/03/03/trip-to-the-coast/index.html");
    assert!(
        trip.contains("<blockquote>") && trip.contains("Pack light"),
        "{trip}"
    );
    assert!(!trip.contains("toc]]") && !trip.contains(":::"), "{trip}");
    let cli = site.output("2022/08/14/devto/index.html");
    assert!(cli.contains("https://cdn.example.org/cli.png"), "{cli}");
    for leak in [
        "config.toml",
        "mm/config.rb",
        "mm/source/index.html.erb",
        "mm/build/index.html",
        "mm/source/blog/2015-02-04-second.html.markdown.erb",
        "mm/source/layouts/page.html.haml",
        "mm/source/layouts/page.html.slim",
        "zola/config.toml",
        "zola/templates/base.html",
        "zola/sass/main.scss",
        "graph/logseq/config.edn",
        "Export/Trips 0a0b0c0d0e0f00112233445566778899.csv",
        "Rye bread.textbundle/info.json",
    ] {
        assert!(!site.has_output(leak), "{leak}");
    }
    assert!(
        err.contains("rename it to .md") && err.contains("Notion database export"),
        "{err}"
    );
    for file in ["index.html", "rss.xml", "feed.json"] {
        let text = site.output(file);
        assert!(!text.contains("hashnode-draft-body") && !text.contains("Not yet on Hashnode"));
    }
}

/// A problem in a Nikola `.meta` file is reported in that file; a `conf.py` that is not
/// Nikola's (a sample beside a `posts/` folder) changes nothing.
#[test]
fn a_nikola_meta_files_problem_names_it_and_any_conf_py_is_not_nikolas() {
    let site = TestSite::new("");
    site.write("content/ferry.md", "Ferry notes.\n");
    site.write("content/ferry.meta", "Ferry\nferry\n2024-99-01 10:00\n");
    let err = stderr(&site.build(&[]));
    assert!(err.contains("content/ferry.meta:3:"), "{err}");
    std::fs::remove_file(site.path("content/ferry.meta")).unwrap();
    std::fs::remove_file(site.path("content/ferry.md")).unwrap();
    site.write("content/conf.py", "import os\nDEBUG = True\n");
    site.write("content/posts/2024-01-02-a.md", "---\ntitle: A\n---\nA.\n");
    site.write(
        "content/plugins/2024-01-03-b.md",
        "---\ntitle: B\n---\nB.\n",
    );
    site.write("content/files/report.pdf", "%PDF");
    site.build_ok(&[]);
    assert!(site.has_output("2024/01/03/b/index.html"));
    assert!(site.has_output("files/report.pdf") && site.has_output("conf.py"));
}

/// MkDocs Material's blog: the title is the post's opening `# heading` (no `title:`), the
/// date a `created`/`updated` pair, the categories tags. The heading is shown once, as the
/// page's title; a post with its own `title:` keeps its heading in the text, and a body
/// error after the heading is still reported at its own line.
#[test]
fn mkdocs_posts_take_their_title_from_the_opening_heading() {
    let site = TestSite::new("");
    site.write(
        "content/posts/new-year.md",
        "---\ndate:\n  created: 2023-12-31\n  updated: 2024-01-02\ncategories:\n  - Harbour news\n---\n\n# The harbour's new year ##\n\nFerries run late.\n<!-- more -->\nMore.\n\n!!! note \"Timetable\"\n    Boats leave at **six**.\n\n=== \"Winter\"\n\n    Fewer boats.\n",
    );
    site.write(
        "content/posts/titled.md",
        "---\ntitle: Own title\ndate: 2024-02-01\n---\n# A heading in the text\n\nBody.\n",
    );
    site.write(
        "content/posts/hashtag.md",
        "---\ndate: 2024-02-02\n---\n#notes on a tag\n",
    );
    site.write(
        "content/posts/late-error.md",
        "---\ndate: 2024-02-03\n---\n# Fine heading\n\nSee {{< missingshortcode >}} here.\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    // No heading of its own: its opening words stand in, with a warning at the file.
    assert!(
        err.contains("content/posts/hashtag.md:2: warning: `title`: missing: the opening words"),
        "{err}"
    );
    assert!(!err.contains("new-year.md"), "{err}");
    site.write(
        "content/posts/hashtag.md",
        "---\ndate: 2024-02-02\ntitle: Tags\n---\n#notes\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        stderr(&out).contains("content/posts/late-error.md:6: warning: template syntax"),
        "{}",
        stderr(&out)
    );
    let page = site.output("2023/12/31/new-year/index.html");
    assert!(
        page.contains("<h1 class=\"article-title\">The harbour’s new year</h1>"),
        "{page}"
    );
    assert_eq!(page.matches("new year</h1>").count(), 1, "{page}");
    assert!(
        page.contains("article:modified_time\" content=\"2024-01-02"),
        "{page}"
    );
    // Its admonition is a quote with its title, its tab a labelled paragraph.
    assert!(
        page.contains("<blockquote>\n<p><strong>Timetable</strong><br />\nBoats leave at <strong>six</strong>.</p>\n</blockquote>"),
        "{page}"
    );
    assert!(
        page.contains("<p><strong>Winter</strong></p>\n<p>Fewer boats.</p>"),
        "{page}"
    );
    assert!(site.has_output("tags/harbour-news/index.html"));
    let titled = site.output("2024/02/01/titled/index.html");
    assert!(
        titled.contains(">Own title</h1>") && titled.contains("A heading in the text</h1>"),
        "{titled}"
    );
}

/// Whole repositories of JavaScript-framework blogs (Astro, Gatsby, Docusaurus) moved into
/// content/: their configuration, components, build and author lists stay private; the
/// folder each publishes at its root (Astro's `public/`, `static/` for the others) is
/// published there; Astro's `heroImage`/`updatedDate` and Docusaurus's `unlisted` are read.
#[test]
fn javascript_blog_repositories_publish_their_posts_not_their_source() {
    let site = TestSite::new("");
    let post = |date: &str, extra: &str| format!("---\ntitle: Post {date}\n{extra}---\nText.\n");
    for (path, text) in [
        (
            "content/astro/astro.config.mjs",
            "export default {}\n".to_string(),
        ),
        ("content/astro/package.json", "{}\n".into()),
        ("content/gatsby/package.json", "{}\n".into()),
        ("content/docs/package.json", "{}\n".into()),
        // A story's folder offering a sample configuration and its neighbours: all kept.
        ("content/2024-01-05-setup/index.md", post("2024-01-05", "")),
        (
            "content/2024-01-05-setup/next.config.js",
            "module.exports = {}\n".into(),
        ),
        (
            "content/2024-01-05-setup/_config.yml",
            "title: Sample\n".into(),
        ),
        ("content/2024-01-05-setup/netlify.toml", "[build]\n".into()),
        ("content/2024-01-05-setup/public/logo.png", "png".into()),
        (
            "content/2024-01-05-setup/lib/app.js",
            "export default 1\n".into(),
        ),
        ("content/astro/tsconfig.json", "{}\n".into()),
        (
            "content/astro/src/content.config.ts",
            "export const c = 1;\n".into(),
        ),
        (
            "content/astro/src/layouts/Post.astro",
            "---\nconst a = 1;\n---\n<main/>\n".into(),
        ),
        ("content/astro/public/hero.jpg", "jpg".into()),
        ("content/astro/dist/index.html", "<html></html>\n".into()),
        (
            "content/astro/src/content/blog/tide.md",
            post(
                "2022-07-08",
                "pubDate: 'Jul 08 2022'\nheroImage: /hero.jpg\nupdatedDate: 2022-07-10\n",
            ),
        ),
        (
            "content/gatsby/gatsby-config.js",
            "module.exports = {}\n".into(),
        ),
        ("content/gatsby/gatsby-node.js", "exports.x = 1\n".into()),
        (
            "content/gatsby/src/templates/post.js",
            "export default 1\n".into(),
        ),
        ("content/gatsby/static/icon.png", "png".into()),
        ("content/gatsby/public/page-data.json", "{}\n".into()),
        (
            "content/gatsby/content/blog/a/index.md",
            post("2021-01-02", "date: 2021-01-02\n"),
        ),
        (
            "content/docs/docusaurus.config.js",
            "module.exports = {}\n".into(),
        ),
        ("content/docs/sidebars.js", "module.exports = {}\n".into()),
        (
            "content/docs/babel.config.js",
            "module.exports = {}\n".into(),
        ),
        (
            "content/docs/blog/authors.yml",
            "ana:\n  email: ana@example.org\n".into(),
        ),
        ("content/docs/build/index.html", "<html></html>\n".into()),
        (
            "content/docs/blog/2022-03-14-pi/index.md",
            post("2022-03-14", "unlisted: true\n"),
        ),
        (
            "content/docs/blog/2022-03-15-e/index.md",
            post("2022-03-15", "image: ./e.png\n"),
        ),
        ("content/docs/blog/2022-03-15-e/e.png", "png".into()),
    ] {
        site.write(path, text);
    }
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    for leaked in [
        "astro/astro.config.mjs",
        "astro/tsconfig.json",
        "astro/src/content.config.ts",
        "astro/src/layouts/Post.astro",
        "astro/dist/index.html",
        "astro/public/hero.jpg",
        "gatsby/gatsby-node.js",
        "gatsby/src/templates/post.js",
        "gatsby/public/page-data.json",
        "gatsby/static/icon.png",
        "docs/sidebars.js",
        "docs/babel.config.js",
        "docs/blog/authors.yml",
        "docs/build/index.html",
    ] {
        assert!(!site.has_output(leaked), "{leaked} was published:\n{err}");
    }
    assert!(
        site.has_output("hero.jpg") && site.has_output("icon.png"),
        "{err}"
    );
    for kept in ["netlify.toml", "public/logo.png", "lib/app.js"] {
        let file = format!("2024-01-05-setup/{kept}");
        assert!(site.has_output(&file), "{file} was not published:\n{err}");
    }
    let sitemap = site.output("sitemap.xml");
    assert!(
        !sitemap.contains("/pi/") && sitemap.contains("/2022/03/15/e/"),
        "{sitemap}"
    );
    let tide = site.output("2022/07/08/tide/index.html");
    assert!(
        tide.contains("og:image\" content=\"https://example.org/hero.jpg"),
        "{tide}"
    );
    assert!(
        tide.contains("article:modified_time\" content=\"2022-07-10"),
        "{tide}"
    );
    // Unlisted: a page of its own, in no list or feed.
    assert!(site.has_output("pi/index.html"), "{err}");
    for list in ["index.html", "rss.xml"] {
        assert!(!site.output(list).contains("Post 2022-03-14"), "{list}");
    }
    assert!(site.output("index.html").contains("Post 2022-03-15"));
    // A picture named `./e.png` is the one beside the post, with no `./` in its address.
    let e = site.output("2022/03/15/e/index.html");
    let card = "og:image\" content=\"https://example.org/docs/blog/2022-03-15-e/e.png\"";
    assert!(e.contains(card), "{e}");
    assert!(
        err.contains("`gatsby-node.js` is another generator's configuration"),
        "{err}"
    );
    assert!(
        err.contains("`sidebars.js` is the JavaScript site's build and deploy file"),
        "{err}"
    );
}

/// MkDocs, Quarto and blogdown repositories in content/: their configuration, overrides,
/// build, stored results and deploy files stay private. Ghost's exported dates and cover
/// picture are read.
#[test]
fn docs_and_notebook_blog_repositories_keep_their_settings_private() {
    let site = TestSite::new("");
    for (path, text) in [
        ("content/mk/mkdocs.yml", "site_name: Notes\n"),
        ("content/mk/requirements.txt", "mkdocs-material\n"),
        ("content/mk/overrides/main.html", "{% extends \"base.html\" %}\n"),
        ("content/mk/site/index.html", "<html></html>\n"),
        ("content/mk/docs/blog/posts/a.md", "---\ndate: 2024-01-02\n---\n# Sowing\n\nText.\n"),
        ("content/qu/_quarto.yml", "website:\n  google-analytics: G-TEST\n"),
        ("content/qu/posts/_metadata.yml", "freeze: true\n"),
        ("content/qu/_freeze/posts/a/execute-results/html.json", "{}\n"),
        ("content/bd/config.yaml", "title: Stats\n"),
        ("content/bd/content/post/b.md", "---\ntitle: B\ndate: 2024-01-03\n---\nText.\n"),
        ("content/bd/netlify.toml", "[build]\ncommand = \"hugo\"\n"),
        ("content/bd/stats.Rproj", "Version: 1.0\n"),
        (
            "content/bd/content/post/2020-12-01-pie/index.en.html",
            "---\ntitle: Pie\ndate: 2020-12-01\n---\n<p><img src=\"{{< blogdown/postref >}}index.en_files/figure-html/pie-1.png\" /></p>\n",
        ),
        ("content/bd/content/post/2020-12-01-pie/index.en_files/figure-html/pie-1.png", "png"),
        ("content/qu/posts/c.md", "---\ntitle: C\ndate: last-modified\n---\nText.\n"),
        (
            "content/ghost/harbour.md",
            "---\ntitle: Harbour\ndate_published: 2021-04-12T09:15:00.000Z\ndate_updated: 2021-04-13T10:00:00.000Z\nfeature_image: https://cdn.example.org/h.jpg\n---\nText.\n",
        ),
        ("content/ex/medium/posts/draft_Idea-0a1b2c3d4e5f.html", "<article>draft</article>\n"),
        ("content/ex/substack/posts/123456.unsent.html", "<p>draft</p>\n"),
        // Not an export's: a report and a month in a posts/ folder of the digest's own.
        ("content/ex/posts/123.report.html", "<p>report</p>\n"),
        ("content/ex/posts/2024.01.html", "<p>month</p>\n"),
    ] {
        site.write(path, text);
    }
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    for leaked in [
        "mk/mkdocs.yml",
        "mk/requirements.txt",
        "mk/overrides/main.html",
        "mk/site/index.html",
        "qu/_quarto.yml",
        "qu/posts/_metadata.yml",
        "qu/_freeze/posts/a/execute-results/html.json",
        "bd/netlify.toml",
        "bd/stats.Rproj",
        "ex/medium/posts/draft_Idea-0a1b2c3d4e5f.html",
        "ex/substack/posts/123456.unsent.html",
    ] {
        assert!(!site.has_output(leaked), "{leaked} was published:\n{err}");
    }
    assert!(
        err.contains(
            "is a post from a Medium export (drafts among them); bring it in with `gazette import`"
        ),
        "{err}"
    );
    // blogdown's figure, written after `{{< blogdown/postref >}}`, is found.
    let pie = site.output("2020/12/01/index-en/index.html");
    let figure = "bd/content/post/2020-12-01-pie/index.en_files/figure-html/pie-1.png";
    assert!(
        pie.contains(&format!("src=\"https://example.org/{figure}\"")),
        "{pie}"
    );
    assert!(site.has_output(figure), "{err}");
    // Quarto's `last-modified` is the file's own date.
    assert!(!err.contains("qu/posts/c.md"), "{err}");
    assert!(
        site.has_output("ex/posts/123.report.html") && site.has_output("ex/posts/2024.01.html")
    );
    let ghost = site.output("2021/04/12/harbour/index.html");
    assert!(
        ghost.contains("og:image\" content=\"https://cdn.example.org/h.jpg"),
        "{ghost}"
    );
    assert!(
        ghost.contains("article:modified_time\" content=\"2021-04-13"),
        "{ghost}"
    );
}

/// A Jekyll blog's posts keep their old URLs: each redirects from where its site's
/// `permalink` style put it (Jekyll's `date` style without one), its folders and
/// `categories` in front; a post's own `permalink` is its old URL instead.
#[test]
fn jekyll_posts_redirect_from_their_old_urls() {
    let site = TestSite::new("");
    site.write(
        "content/blog/_config.yml",
        "title: Tides\npermalink: pretty\ntimezone: Europe/Berlin\n",
    );
    site.write(
        "content/blog/_posts/2024-03-05-Harbour-News.md",
        "---\ntitle: Harbour news\ncategories: Local Boats\n---\nText.\n",
    );
    site.write(
        "content/blog/travel/_posts/2024-03-06-trip.md",
        "---\ntitle: Trip\ncategories: [Travel, 2024]\n---\nText.\n",
    );
    // Jekyll dated it in its own time zone: the next day in Berlin; a date without a
    // time is its day anywhere.
    site.write(
        "content/blog/_posts/2024-03-11-late.md",
        "---\ntitle: Late\ndate: 2024-03-11 23:30:00 +0000\n---\nText.\n",
    );

    // Without a `_config.yml`, Jekyll's default style: the date and `.html`.
    site.write(
        "content/_posts/2024-03-08-Soil-Notes.md",
        "---\ntitle: Soil notes\ncategory: Garden\n---\nText.\n",
    );
    site.write(
        "content/_posts/2024-03-07-own.md",
        "---\ntitle: Own\npermalink: /kept/own.html\n---\nText.\n",
    );
    // A post's own pattern is filled in as Jekyll fills it; one it cannot fill is a warning.
    site.write(
        "content/_posts/2024-03-09-patterned.md",
        "---\ntitle: Patterned\npermalink: /notes/:year/:title/\n---\nText.\n",
    );
    site.write(
        "content/_posts/2024-03-10-odd.md",
        "---\ntitle: Odd\npermalink: /:year/:mood/\n---\nText.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    // A category folder is a tag, as Jekyll files the post under it (below a `_config.yml`
    // only: without one, the folders above `_posts/` may be anyone's).
    site.write(
        "content/blog/garden/_posts/2024-03-13-beans.md",
        "---\ntitle: Beans\n---\nText.\n",
    );
    site.write(
        "content/notes/_posts/2024-03-14-loose.md",
        "---\ntitle: Loose\n---\nText.\n",
    );
    site.build_ok(&[]);
    assert!(site.output("tags/garden/index.html").contains("Beans"));
    assert!(!site.has_output("tags/notes/index.html"));
    for (old, new) in [
        (
            "local/boats/2024/03/05/Harbour-News/index.html",
            "2024/03/05/harbour-news/",
        ),
        ("travel/2024/2024/03/06/trip/index.html", "2024/03/06/trip/"),
        ("2024/03/12/late/index.html", "2024/03/11/late/"),
        ("kept/own.html", "2024/03/07/own/"),
        (
            "garden/2024/03/08/Soil-Notes.html",
            "2024/03/08/soil-notes/",
        ),
        ("notes/2024/patterned/index.html", "2024/03/09/patterned/"),
    ] {
        let page = site.output(old);
        assert!(
            page.contains(&format!("url=https://example.org/{new}\"")),
            "{old}: {page}"
        );
    }
    // The site-wide style does not apply to a post with its own.
    assert!(!site.has_output("2024/03/07/own.html"));
    assert!(!site.has_output("2024/03/08/Soil-Notes.html"));
    assert!(
        err.contains("2024-03-10-odd.md:3:12: warning: `permalink`: `/:year/:mood/` has a placeholder Jekyll does not fill in"),
        "{err}"
    );
    assert!(!err.contains("no redirect from"), "{err}");
    // Its time zone, where site.toml has another, is said once, at the setting.
    let zone = "blog/_config.yml:3: warning: the Jekyll site's `_config.yml` sets `timezone: Europe/Berlin`";
    assert_eq!(err.matches(zone).count(), 1, "{err}");
    assert!(
        err.contains("set `timezone = \"Europe/Berlin\"` in site.toml"),
        "{err}"
    );
    // A `_config.yml` beside site.toml (the whole repository is the site) makes no category
    // of `content/`.
    let root = TestSite::new("");
    root.write("_config.yml", "permalink: /:categories/:title/\n");
    root.write(
        "content/_posts/2024-01-01-p.md",
        "---\ntitle: P\ncategories: travel\n---\nText.\n",
    );
    root.build_ok(&[]);
    assert!(root.has_output("travel/p/index.html"));
    // A date without a time is its day in any zone, west of site.toml's too.
    let west = TestSite::new("");
    west.write("content/_config.yml", "timezone: America/New_York\n");
    west.write(
        "content/_posts/2021-03-03-day.md",
        "---\ntitle: Day\ndate: 2021-03-03\n---\nText.\n",
    );
    // A time without an offset is the written day too; one with an offset is the instant.
    west.write(
        "content/_posts/2021-03-04-early.md",
        "---\ntitle: Early\ndate: 2021-03-04 01:00:00\n---\nText.\n",
    );
    west.write(
        "content/_posts/2021-03-05-utc.md",
        "---\ntitle: Utc\ndate: 2021-03-05 01:00:00 +0000\n---\nText.\n",
    );
    west.build_ok(&[]);
    assert!(west.has_output("2021/03/03/day.html") && !west.has_output("2021/03/02/day.html"));
    assert!(west.has_output("2021/03/04/early.html"));
    assert!(west.has_output("2021/03/04/utc.html"));
}

/// WordPress exports percent-encode the letters of a slug, in the front matter, the file's
/// name and the old URL: the letters make the story's URL, and the redirect is written where
/// a host looks for the decoded path.
#[test]
fn percent_encoded_wordpress_slugs_are_their_letters() {
    let site = TestSite::new("");
    site.write(
        "content/_posts/2014-03-05-cafe.md",
        "---\ntitle: Café crème\nslug: \"caf%c3%a9-cr%c3%a8me\"\npermalink: \"/2014/03/05/caf%c3%a9-cr%c3%a8me/\"\n---\nFoam.\n",
    );
    site.write(
        "content/_posts/2014-03-06-%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82.md",
        "---\ntitle: Greeting\n---\nHello.\n",
    );
    let out = site.build_ok(&[]);
    assert!(site.has_output("2014/03/05/cafe-creme/index.html"));
    assert!(
        site.has_output("2014/03/06/privet/index.html"),
        "{}",
        stderr(&out)
    );
    // An old URL no file can be named by is a warning, not a failed build.
    site.write(
        "content/_posts/2014-03-07-nul.md",
        "---\ntitle: Nul\naliases: [\"/old/a%00b/\"]\n---\nText.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("no redirect from /old/a%00b/: no file can be written there"),
        "{err}"
    );
    let redirect = site.output("2014/03/05/café-crème/index.html");
    assert!(
        redirect.contains("url=https://example.org/2014/03/05/cafe-creme/\""),
        "{redirect}"
    );
}

/// WordPress's code shortcodes (`[sourcecode language="python"]`, `[code lang="bash"]`)
/// are code: highlighted in a Markdown post, a `<pre>` keeping its indentation in an HTML
/// post (as jekyll-import writes them).
#[test]
fn wordpress_code_shortcodes_are_code() {
    let site = TestSite::new("");
    site.write(
        "content/_posts/2014-01-01-loops.html",
        "---\ntitle: Loops\n---\n<p>Intro.</p>\n[sourcecode language=\"python\"]\nfor x in xs:\n\n    print(x < 2)\n[/sourcecode]\n<p>After.</p>\n",
    );
    site.write(
        "content/_posts/2014-01-02-shell.md",
        "---\ntitle: Shell\n---\nIntro.\n\n[code lang=\"bash\"]\necho \"hi\" && ls\n[/code]\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("template syntax"), "{err}");
    let html = site.output("2014/01/01/loops/index.html");
    assert!(
        html.contains("for x in xs:\n \n    print(x &lt; 2)\n</pre>")
            && html.contains("<p>After.</p>"),
        "{html}"
    );
    let md = site.output("2014/01/02/shell/index.html");
    assert!(
        md.contains("<code class=\"language-bash\">") && !md.contains("[code"),
        "{md}"
    );
}

/// Ghost's exports write its site's address as `__GHOST_URL__`: its pictures and links are
/// the site's own paths, in the text and in `feature_image`.
#[test]
fn ghosts_url_placeholder_is_the_sites_root() {
    let site = TestSite::new("");
    site.write(
        "content/ghost/welcome.md",
"---\ntitle: Welcome\ndate_published: 2021-03-04T09:00:00.000Z\nfeature_image: __GHOST_URL__/content/images/2021/03/cover.png\n---\n![Pier](__GHOST_URL__/content/images/2021/03/pier.png)\n\nBack [home](__GHOST_URL__/), or run `ls` on [the list](__GHOST_URL__/list/).\n",
    );
    // A draft Ghost never published is dated by its file's save: its last edit is no
    // warning.
    site.write(
        "content/ghost/unsent.md",
        "---\ntitle: Unsent\nstatus: draft\ndate_published: null\ndate_updated: 2021-04-01T10:00:00.000Z\n---\nLater.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("is before the story's date"), "{err}");
    let page = site.output("2021/03/04/welcome/index.html");
    assert!(!page.contains("__GHOST_URL__"), "{page}");
    for path in [
        "https://example.org/content/images/2021/03/pier.png",
        "https://example.org/content/images/2021/03/cover.png",
        "href=\"https://example.org/\"",
        "href=\"https://example.org/list/\"",
    ] {
        assert!(page.contains(path), "{path}: {page}");
    }
}

/// A bare address in a post's text is a link, as GitHub, Hugo and remark-gfm make it (GFM's
/// autolinks); in code it stays text, and in the feeds it is a link too.
#[test]
fn bare_addresses_are_links() {
    let site = TestSite::new("");
    site.article(
        "2024-02-01-links",
        "title: Links",
        "Read https://example.com/report_2024 and www.example.net/notes.\n\n    https://example.com/in-code\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/02/01/links/index.html");
    assert!(
        page.contains(
            "<a href=\"https://example.com/report_2024\">https://example.com/report_2024</a>"
        ) && page.contains("<a href=\"http://www.example.net/notes\">www.example.net/notes</a>."),
        "{page}"
    );
    assert!(
        !page.contains("href=\"https://example.com/in-code\""),
        "{page}"
    );
    let feed = site.output("rss.xml");
    assert!(
        feed.contains("href=\"https://example.com/report_2024\""),
        "{feed}"
    );
}

/// The boxes Hugo themes' and Zola's shortcodes draw (`{{% notice %}}`, `{{< callout >}}`,
/// `{% note(…) %}` … `{% end %}`) are titled quotes; Zola's `{{ youtube(id=…) }}` is a link
/// to the video and Eleventy's `{% image "…", "…" %}` a picture, where all were text.
#[test]
fn hugo_zola_and_eleventy_shortcodes_read_as_meant() {
    let site = TestSite::new("");
    site.write(
        "content/posts/2024-04-01-tides.md",
        "+++\ntitle = \"Tides\"\n+++\n{{% notice warning \"Mind the tide\" %}}\nIt comes fast.\n{{% /notice %}}\n\n{% note(kind=\"info\") %}\nCheck the **table**.\n{% end %}\n\nWatch {{ youtube(id=\"dQw4w9WgXcQ\") }}.\n\n{% image \"./pier.png\", \"The pier at dusk\" %}\n",
    );
    site.write("content/posts/pier.png", "png");
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("template syntax"), "{err}");
    let page = site.output("2024/04/01/tides/index.html");
    for shown in [
        "<strong>Mind the tide</strong>",
        "<strong>Info</strong>",
        "Check the <strong>table</strong>.",
        "href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"",
        "alt=\"The pier at dusk\"",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert_eq!(page.matches("<blockquote>").count(), 2, "{page}");
}

/// An article whose `date` is left empty (`date:` or spaces) is told it has none, where it
/// was left out without a word (`date:`) or failed as "not a date" (spaces); a draft so
/// written is dated by its last save.
#[test]
fn an_empty_date_is_no_date() {
    let site = TestSite::new("");
    site.article("bare", "title: Bare\ndate:", "Text.");
    site.article("spaces", "title: Spaces\ndate: \"  \"", "Text.");
    let err = stderr(&site.build(&[]));
    for name in ["bare", "spaces"] {
        assert!(
            err.contains(&format!("content/{name}.md:")) && err.contains("`date`: missing"),
            "{name}: {err}"
        );
    }
    let drafts = TestSite::new("");
    drafts.article("later", "title: Later\ndate:\ndraft: true", "Text.");
    let out = drafts.build_ok(&[]);
    assert!(
        stdout(&out).contains("(1 draft left out)"),
        "{}",
        stdout(&out)
    );
}

/// Popular themes' and exports' picture and date keys: Chirpy's `image: {path, alt}`,
/// minimal-mistakes' `header: {teaser}` and `last_modified_at`, Blogger's `modified_time`,
/// Joplin's `created`; Wowchemy's `image: {caption, focal_point}` names no picture and fails
/// nothing.
#[test]
fn theme_picture_and_date_keys_are_read() {
    let site = TestSite::new("");
    site.article(
        "2021-05-02-chirpy",
        "title: Chirpy\nimage:\n  path: /img/desk.png\n  alt: A desk",
        "Text.",
    );
    site.article(
        "2021-05-03-mm",
        "title: MM\nheader:\n  teaser: /img/teaser.png\n  overlay_filter: 0.5\nlast_modified_at: 2021-06-01",
        "Text.",
    );
    site.article(
        "2021-05-04-wow",
        "title: Wow\nimage:\n  caption: 'Photo by someone'\n  focal_point: ''\nmodified_time: 2021-05-05T10:00:00Z",
        "Text.",
    );
    site.write("static/img/desk.png", "png");
    site.write("static/img/teaser.png", "png");
    site.build_ok(&[]);
    let chirpy = site.output("2021/05/02/chirpy/index.html");
    assert!(
        chirpy.contains("og:image\" content=\"https://example.org/img/desk.png"),
        "{chirpy}"
    );
    let mm = site.output("2021/05/03/mm/index.html");
    assert!(
        mm.contains("og:image\" content=\"https://example.org/img/teaser.png"),
        "{mm}"
    );
    let feed = site.output("atom.xml");
    assert!(feed.contains("<updated>2021-06-01"), "{feed}");
    assert!(feed.contains("<updated>2021-05-05T10:00:00"), "{feed}");
    let wow = site.output("2021/05/04/wow/index.html");
    assert!(!wow.contains("og:image"), "{wow}");
    // Joplin's export dates a note by `created`.
    let joplin = TestSite::new("");
    joplin.article(
        "seeds",
        "title: Seeds\ncreated: 2023-02-09 09:12:00Z\nupdated: 2023-02-10 08:00:00Z",
        "Text.",
    );
    // Obsidian's `created` may be a link: no date, and no error.
    joplin.write(
        "content/pages/about.md",
        "---\ntitle: About\ncreated: \"[[2024-01-06]]\"\n---\nText.\n",
    );
    joplin.build_ok(&[]);
    assert!(joplin.has_output("2023/02/09/seeds/index.html"));
    assert!(joplin.has_output("about/index.html"));
    // A bundle's `featured.jpg` is its picture when it names none.
    site.write(
        "content/post/2021-05-06-featured/index.md",
        "---\ntitle: Featured\n---\nText.\n",
    );
    site.write("content/post/2021-05-06-featured/featured.jpg", "jpg");
    site.build_ok(&[]);
    let featured = site.output("2021/05/06/featured/index.html");
    assert!(
        featured.contains(
            "og:image\" content=\"https://example.org/post/2021-05-06-featured/featured.jpg"
        ),
        "{featured}"
    );
    assert!(site.has_output("post/2021-05-06-featured/featured.jpg"));
}

/// In a Jekyll or Hugo repository, a file without a date is a page, as those generators
/// publish it (Chirpy's `_tabs/about.md`, a Hugo `content/about.md`); a theme's list, search
/// and 404 pages (minimal-mistakes' `_pages/`, Chirpy's tabs, PaperMod's `search.md`) are
/// skipped: gazette makes its own. Elsewhere an undated article is still an error.
#[test]
fn undated_files_of_jekyll_and_hugo_sites_are_pages() {
    let site = TestSite::new("");
    site.write("content/jk/_config.yml", "title: Chirpy\n");
    site.write(
        "content/jk/_posts/2021-05-02-first.md",
        "---\ntitle: First\n---\nText.\n",
    );
    site.write(
        "content/jk/_tabs/about.md",
        "---\n# the default layout is 'page'\nicon: fas fa-info-circle\norder: 4\n---\nAbout this blog.\n",
    );
    site.write(
        "content/jk/_tabs/tags.md",
        "---\nlayout: tags\nicon: fas fa-tags\norder: 2\n---\n",
    );
    site.write(
        "content/jk/_pages/404.md",
        "---\ntitle: Page Not Found\npermalink: /404.html\nsitemap: false\n---\nSorry.\n",
    );
    site.write("content/hg/hugo.toml", "title = \"Hugo\"\n");
    site.write(
        "content/hg/content/colophon.md",
        "---\ntitle: \"Colophon\"\n---\nWho we are.\n",
    );
    site.write(
        "content/hg/content/search.md",
        "---\ntitle: Search\nlayout: \"search\"\n---\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(site.output("colophon/index.html").contains("Who we are."));
    assert!(site.output("about/index.html").contains("About this blog."));
    for skipped in ["_tabs/tags.md", "_pages/404.md", "content/search.md"] {
        assert!(
            err.contains(&format!(
                "{skipped}: warning: skipped: a page whose `layout` asks"
            )),
            "{skipped}: {err}"
        );
    }
    let home = site.output("index.html");
    assert!(!home.contains("Page Not Found"), "{home}");
    // Hugo's undated pages keep their folders, as Hugo publishes them.
    for folder in ["a", "b"] {
        site.write(
            &format!("content/hg/content/{folder}/notes.md"),
            format!("---\ntitle: Notes {folder}\n---\nText.\n"),
        );
    }
    site.build_ok(&[]);
    assert!(site.output("a/notes/index.html").contains("Notes a"));
    assert!(site.output("b/notes/index.html").contains("Notes b"));
    // Outside such a repository, a file without a date is still an article missing one,
    // and a curator's own page keeps whatever layout it names.
    let plain = TestSite::new("");
    plain.write("content/about.md", "---\ntitle: About\n---\nText.\n");
    assert!(stderr(&plain.build(&[])).contains("`date`: missing"));
    let own = TestSite::new("");
    own.write(
        "content/pages/reading.md",
        "---\ntitle: Reading list\nlayout: posts\n---\nBooks.\n",
    );
    // A `config.toml` beside site.toml does not make the site Hugo's.
    own.write("config.toml", "x = 1\n");
    own.build_ok(&[]);
    assert!(own.output("reading/index.html").contains("Books."));
    // In a Jekyll site whose posts are in category folders (no `_posts/` beside its
    // `_config.yml`), a theme's list page is still skipped.
    let cats = TestSite::new("");
    cats.write("content/blog/_config.yml", "title: x\n");
    cats.write(
        "content/blog/news/_posts/2024-01-01-p.md",
        "---\ntitle: P\n---\nText.\n",
    );
    cats.write(
        "content/blog/tags.md",
        "---\nlayout: tags\ntitle: Tags\n---\n",
    );
    let err = stderr(&cats.build_ok(&[]));
    assert!(
        err.contains("tags.md: warning: skipped: a page whose"),
        "{err}"
    );
}

/// An MkDocs site's pages (`docs/guide/setup.md`, no front matter) are pages at its site's
/// root, as MkDocs publishes them; its front page is skipped, as other docs sites' are.
#[test]
fn mkdocs_pages_are_pages() {
    let site = TestSite::new("");
    site.write("content/proj/mkdocs.yml", "site_name: Proj\n");
    site.write(
        "content/proj/docs/index.md",
        "# Welcome to the project\n\nStart here.\n",
    );
    site.write(
        "content/proj/docs/guide/setup.md",
        "# Setup\n\nInstall it.\n",
    );
    site.build_ok(&[]);
    let setup = site.output("guide/setup/index.html");
    assert!(
        setup.contains("<title>Setup") && setup.contains("Install it."),
        "{setup}"
    );
    // Material's tags page is gazette's own.
    site.write(
        "content/proj/docs/tags.md",
        "# Tags\n\n<!-- material/tags -->\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("docs/tags.md: warning: skipped: a page whose"),
        "{err}"
    );
    assert!(
        err.contains("docs/index.md: warning: skipped: the documentation's own front page"),
        "{err}"
    );
}

/// A post that asks for math (`math: true`, Chirpy's and Hugo themes' flag) keeps its TeX as
/// written, where Markdown made `*` emphasis and ate `\\` and `\,`; without the flag, `$` is
/// text as before.
#[test]
fn a_post_asking_for_math_keeps_its_tex() {
    let site = TestSite::new("");
    let body = "Let $a*b*c$ hold. It costs $5 and $10.\n\n$$\n\\begin{pmatrix} a \\\\ c \\end{pmatrix} x\\,dx\n$$\n";
    site.article("2024-01-01-math", "title: Math\nmath: true", body);
    site.article("2024-01-02-plain", "title: Plain", body);
    site.build_ok(&[]);
    let math = site.output("2024/01/01/math/index.html");
    for kept in [
        "<span class=\"math math-inline\">a*b*c</span>",
        "It costs $5 and $10.",
        "\\begin{pmatrix} a \\\\ c \\end{pmatrix} x\\,dx",
    ] {
        assert!(math.contains(kept), "{kept}: {math}");
    }
    let plain = site.output("2024/01/02/plain/index.html");
    assert!(plain.contains("$a<em>b</em>c$"), "{plain}");
}

/// kramdown reads Markdown inside an HTML block marked `markdown="1"` (minimal-mistakes'
/// notice boxes, `<details markdown="1">`): gazette shows it as a quote, its Markdown read,
/// where it showed `**Note:**` as written.
#[test]
fn kramdown_markdown_blocks_are_read() {
    let site = TestSite::new("");
    site.article(
        "2024-06-01-notice",
        "title: Notice",
        "Before.\n\n<div class=\"notice--info\" markdown=\"1\">\n**Note:** see [the docs](https://example.com/docs).\n</div>\n\nAfter.\n",
    );
    site.build_ok(&[]);
    let page = site.output("2024/06/01/notice/index.html");
    assert!(
        page.contains(
            "<strong>Note:</strong> see <a href=\"https://example.com/docs\">the docs</a>."
        ),
        "{page}"
    );
    assert!(
        !page.contains("**Note:**") && page.contains("After."),
        "{page}"
    );
}
