//! Posts written for generators beyond Jekyll, Hugo, Zola and Eleventy: Pelican, Hexo,
//! Obsidian, Docusaurus and Astro. Each test is one shape a migrated archive really has,
//! in our own words.

use crate::support::{stderr, stdout, TestSite};

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
    for (name, key) in [
        ("pelican", "status: draft"),
        ("wordpress", "status: private"),
        ("obsidian", "publish: false"),
        ("locked", "password: hunter2"),
    ] {
        site.article(
            name,
            &format!("title: Kept back {name}\ndate: 2020-01-02\n{key}"),
            "Not for readers yet.",
        );
    }
    let out = site.build_ok(&[]);
    assert!(
        stdout(&out).contains("built 1 article (4 drafts left out)"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(!err.contains("unknown key"), "{err}");
    assert!(site.has_output("2020/01/01/lamp/index.html"));
    assert!(site.has_output("tags/lamps/index.html"));
    for feed in ["rss.xml", "feed.json"] {
        assert!(!site.output(feed).contains("Not for readers"), "{feed}");
    }
    let check = site.run(&["check"]);
    let check = stderr(&check) + &stdout(&check);
    assert!(
        check.contains("content/locked.md:4: warning: draft (a `password`"),
        "{check}"
    );
    assert!(
        check.contains("content/pelican.md:4: warning: draft (its `status`)"),
        "{check}"
    );
}
