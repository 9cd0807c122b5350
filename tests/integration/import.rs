//! `gazette import` through the real binary.

use crate::support::{fixture_path, snapshot, stderr, stdout, TestSite};

const CAPTURE: &str = "Council Extends Library Hours Through Winter\n\n\
The town council of Alderwick voted on Monday to keep the central library open until nine in the evening.\n\n\
Members said the change would cost little and help students.\n\n\
By Jane Sample\n\nLeave a reply\nYour email address will not be published. Required fields are marked *\n\
Related Articles\nContinue on app\n";

/// The draft `import` printed, relative to the folder it ran in (the site's temporary folder).
fn printed_draft(site: &TestSite, out: &std::process::Output) -> std::path::PathBuf {
    let printed = stdout(out).trim().to_string();
    assert!(printed.starts_with("site/content/"), "{printed}");
    site.tmp.path().join(printed)
}

#[test]
fn import_writes_a_draft_that_builds_only_with_drafts() {
    let site = TestSite::new("");
    site.article(
        "existing",
        "title: Existing\ndate: 2024-01-01\ntags: [Library, Budget]",
        "Body.",
    );
    site.write("capture.txt", CAPTURE);
    let out = site.run(&[
        "import",
        site.path("capture.txt").to_str().unwrap(),
        "--source-url",
        "https://news.example.com/library",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = std::fs::read_to_string(printed_draft(&site, &out)).unwrap();
    assert!(
        draft.contains("title: Council Extends Library Hours Through Winter"),
        "{draft}"
    );
    assert!(draft.contains("author: Jane Sample"));
    assert!(draft.contains("draft: true"));
    assert!(
        draft.contains("url: https://news.example.com/library")
            || draft.contains("url: \"https://news.example.com/library\"")
    );
    assert!(
        draft.contains("library"),
        "suggests the existing tag the text mentions"
    );
    for chrome in [
        "Leave a reply",
        "Related Articles",
        "Continue on app",
        "Required fields",
    ] {
        assert!(!draft.contains(chrome), "{chrome} kept in {draft}");
    }
    site.build_ok(&[]);
    assert!(!site.output("index.html").contains("Council Extends"));
    site.build_ok(&["--drafts"]);
    assert!(site.output("index.html").contains("Council Extends"));
    assert!(
        !snapshot(&site.path("public"))
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("voted on Monday")),
        "captured text published"
    );
}

/// A capture naming its publication but not the story's URL (found by the import fuzz
/// target): the draft keeps the name in a comment and still builds; filling in the URL as
/// the comment says makes a complete source.
#[test]
fn a_capture_without_a_url_still_makes_a_draft_that_builds() {
    let site = TestSite::new("");
    let capture = crate::support::fixture_path("import").join("market-square.htm");
    let out = site.run(&["import", capture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no source URL in the capture"),
        "{}",
        stderr(&out)
    );
    let path = printed_draft(&site, &out);
    let draft = std::fs::read_to_string(&path).unwrap();
    assert!(
        draft.contains("#   name: Alderwick Weekly\n#   url: \n"),
        "{draft}"
    );
    site.build_ok(&["--drafts"]);
    let completed = draft
        .replace("# source: (", "source: # (")
        .replace("#   name:", "  name:")
        .replace(
            "#   url: ",
            "  url: https://weekly.example.org/market-square",
        );
    std::fs::write(&path, completed).unwrap();
    site.build_ok(&["--drafts"]);
    let page = site.output("index.html");
    assert!(
        page.contains("Alderwick Weekly"),
        "the completed source shows"
    );
}

#[test]
fn import_warns_about_a_story_already_in_the_digest() {
    let site = TestSite::new("");
    site.article(
        "dup",
        "title: Council Extends Library Hours Through Winter\ndate: 2024-01-01",
        "Body.",
    );
    site.write("capture.txt", CAPTURE);
    let out = site.run(&["import", site.path("capture.txt").to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("dup.md"), "{}", stderr(&out));
}

/// A capture shaped like a real one saved from a news site: a title line, the text with a
/// photo caption, the byline twice near the end, then "latest", "related" and comment-form
/// chrome (our own words, in tests/fixtures/import/).
#[test]
fn import_of_a_real_shaped_capture_gets_title_and_byline_and_drops_chrome() {
    let capture = fixture_path("import/council-footbridge.txt");
    let site = TestSite::new("");
    let out = site.run(&["import", capture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = std::fs::read_to_string(printed_draft(&site, &out)).unwrap();
    assert!(draft.contains("title: Alderwick Council Approves Repairs to Old Footbridge"));
    assert!(draft.contains("author: Ines Marlowe"), "{draft}");
    for chrome in [
        "Leave a reply",
        "Captcha",
        "Continue on app",
        "Latest stories",
        "Related Articles",
    ] {
        assert!(
            !draft.to_lowercase().contains(&chrome.to_lowercase()),
            "{chrome}"
        );
    }
    site.build_ok(&["--drafts"]);
}

#[test]
fn import_of_a_missing_file_names_it() {
    let site = TestSite::new("");
    let out = site.run(&["import", "/no/such/capture.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/capture.txt"),
        "{}",
        stderr(&out)
    );
}

/// A post from a Medium export (our own words, Medium's markup): its date from the
/// microformat `<time class="dt-published">` and its address from the `p-canonical` link
/// at its end; without the `<time>`, the date the file's name opens with.
#[test]
fn a_medium_export_post_keeps_its_date_and_address() {
    let site = TestSite::new("");
    let post = |time: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>Winter bees</title></head><body><article class=\"h-entry\">\
             <header><h1 class=\"p-name\">Winter bees</h1></header>\
             <section class=\"e-content\"><p>Bees cluster in the cold and shiver to keep the queen warm.</p>\
             <p>A hive can lose a third of its weight by spring.</p></section>\
             <footer><p>By <a class=\"p-author h-card\" href=\"https://medium.com/@ana\">Ana</a> on {time}</p>\
             <p><a href=\"https://medium.com/@ana/winter-bees-1a2b3c\" class=\"p-canonical\">Canonical link</a></p>\
             </footer></article></body></html>"
        )
    };
    site.write(
        "export/posts/2019-11-03_Winter-bees-1a2b3c.html",
        post("<time class=\"dt-published\" datetime=\"2019-11-04T08:30:00.000Z\">November 4, 2019</time>"),
    );
    site.write(
        "export/posts/2018-02-01_Older-9f8e.html",
        post("a cold day"),
    );
    for (file, date) in [
        (
            "2019-11-03_Winter-bees-1a2b3c.html",
            "date: 2019-11-04T08:30:00",
        ),
        ("2018-02-01_Older-9f8e.html", "date: 2018-02-01"),
    ] {
        let path = site.path(&format!("export/posts/{file}"));
        let out = site.run(&["import", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let draft = std::fs::read_to_string(printed_draft(&site, &out)).unwrap();
        assert!(draft.contains(date), "{date} in {draft}");
        assert!(
            draft.contains("https://medium.com/@ana/winter-bees-1a2b3c"),
            "{draft}"
        );
    }
}

/// A post of a Substack export: its HTML holds no title or date, which come from the
/// export's `posts.csv`; the draft builds with them.
#[test]
fn a_substack_export_post_takes_its_title_and_date_from_the_list() {
    let site = TestSite::new("");
    site.write(
        "export/posts.csv",
        "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\n\
         101.quiet-harbour,2022-08-14T09:00:00.000Z,true,,,newsletter,everyone,\"The quiet harbour, at last\",Notes,\n",
    );
    site.write(
        "export/posts/101.quiet-harbour.html",
        "<p>The boats stayed in all week because of the fog.</p><p>Two books read.</p>",
    );
    let path = site.path("export/posts/101.quiet-harbour.html");
    let out = site.run(&["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = std::fs::read_to_string(printed_draft(&site, &out)).unwrap();
    assert!(
        draft.contains("title: \"The quiet harbour, at last\""),
        "{draft}"
    );
    assert!(draft.contains("date: 2022-08-14T09:00:00Z"), "{draft}");
    site.build_ok(&["--drafts"]);
    assert!(site.has_output("2022/08/14/the-quiet-harbour-at-last/index.html"));
}

/// A page saved in the charset it declares (Latin-1 here, as older news sites serve) keeps
/// its accented letters in the draft's title, text and file name; a PDF is refused by name.
#[test]
fn a_latin1_page_keeps_its_accents_and_a_pdf_is_refused() {
    let site = TestSite::new("");
    let page =
        b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 on the square closes</title>\
        </head><body><article><h1>Caf\xe9 on the square closes</h1><p>The caf\xe9 on the market \
        square served its last coffee on Sunday after fifty years, its owner said.</p>\
        </article></body></html>";
    site.write("cafe.html", page);
    let out = site.run(&["import", site.path("cafe.html").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = printed_draft(&site, &out);
    assert!(
        draft
            .to_string_lossy()
            .ends_with("-cafe-on-the-square-closes.md"),
        "{draft:?}"
    );
    let text = std::fs::read_to_string(draft).unwrap();
    assert!(
        text.contains("title: \"Café on the square closes\"")
            || text.contains("title: Café on the square closes"),
        "{text}"
    );
    assert!(!text.contains('\u{fffd}'), "{text}");
    site.write("report.pdf", "%PDF-1.4\n1 0 obj << /Title (Budget) >>\n");
    let out = site.run(&["import", site.path("report.pdf").to_str().unwrap()]);
    assert!(!out.status.success());
    // The file is named once, by the diagnostic.
    let line = stderr(&out)
        .lines()
        .find(|l| l.contains("this is a PDF"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("{}", stderr(&out)));
    assert!(line.contains("report.pdf: error: this is a PDF"), "{line}");
    assert_eq!(line.matches("report.pdf").count(), 1, "{line}");
}

/// `--source-url` names one story: given with two captures, nothing is written and the
/// error says why (every draft would have claimed the same story).
#[test]
fn one_source_url_for_two_captures_is_refused() {
    let site = TestSite::new("");
    site.write("a.txt", CAPTURE);
    site.write("b.txt", CAPTURE.replace("Library", "Museum"));
    let (a, b) = (site.path("a.txt"), site.path("b.txt"));
    let out = site.run(&[
        "import",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--source-url",
        "https://news.example.org/library",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--source-url names one story"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_dir(site.path("content")).map_or(0, |d| d.count());
    assert_eq!(written, 0);
}
