//! `[search]`: the index `gazette build` writes under search/index/, read back here the
//! way the browser client reads it (manifest -> word chunk -> fragment batch).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::TestSite;
use crate::support::{gazette_in, markdown};

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The basic fixture with search on.
fn searchable() -> TestSite {
    let site = TestSite::fixture("basic");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}\n[search]\nenabled = true\n"));
    site
}

/// Every record's URL, in id order, from the fragment batches.
fn record_urls(public: &Path) -> Vec<String> {
    let index = public.join("search/index");
    let manifest = json(&index.join("manifest.json"));
    let (records, batch) = (
        manifest["records"].as_u64().unwrap() as usize,
        manifest["batch"].as_u64().unwrap() as usize,
    );
    let mut urls = Vec::new();
    for b in 0..records.div_ceil(batch) {
        for item in json(&index.join(format!("s/{b}.json"))).as_array().unwrap() {
            urls.push(item[0].as_str().unwrap().to_string());
        }
    }
    assert_eq!(urls.len(), records);
    urls
}

/// The ids of the stories a normalized word leads to, as search.js finds them.
fn lookup(public: &Path, word: &str) -> Vec<u64> {
    let index = public.join("search/index");
    let manifest = json(&index.join("manifest.json"));
    let firsts: Vec<&str> = manifest["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let chunk = firsts.iter().rposition(|f| *f <= word).unwrap_or(0);
    let chunk = json(&index.join(format!("w/{chunk}.json")));
    let Some(k) = chunk["w"][word].as_u64() else {
        return Vec::new();
    };
    let postings = chunk["s"][k as usize].as_str().unwrap();
    // Each posting: the id's gap five bits a digit (32 marks another), then two score digits.
    let digit = |b: u8| DIGITS.iter().position(|&d| d == b).unwrap() as u64;
    let (mut bytes, mut id, mut ids) = (postings.bytes(), 0, Vec::new());
    while let Some(first) = bytes.next() {
        let (mut gap, mut shift, mut d) = (0, 0, digit(first));
        while d & 32 != 0 {
            gap |= (d & 31) << shift;
            shift += 5;
            d = digit(bytes.next().unwrap());
        }
        id += gap | d << shift;
        ids.push(id);
        bytes.nth(1).unwrap();
    }
    ids
}

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The story and page URLs of the sitemap (list pages left out). The front page comes
/// first: its URL is the base the others start with.
fn story_and_page_urls(site: &TestSite) -> BTreeSet<String> {
    let sitemap = site.output("sitemap.xml");
    let urls: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let base = urls[0];
    urls.iter()
        .filter(|u| {
            let path = &u[base.len() - 1..];
            ![
                "/tags/",
                "/editions/",
                "/archive/",
                "/sources/",
                "/search/",
                "/page/",
            ]
            .iter()
            .any(|list| path.starts_with(list))
                && path != "/"
        })
        .map(|u| u.to_string())
        .collect()
}

#[test]
fn one_record_per_published_story_and_page_and_none_for_drafts() {
    let site = searchable();
    // A page kept out of lists (Docusaurus's `unlisted`) is written, but in no sitemap and
    // no index.
    site.write(
        "content/pages/quiet.md",
        "---\ntitle: Quiet corner\nunlisted: true\n---\nA page for those given its address.\n",
    );
    site.build_ok(&[]);
    assert!(site.has_output("quiet/index.html"));
    assert!(!site.output("sitemap.xml").contains("/quiet/"));
    let urls = record_urls(&site.public());
    let unique: BTreeSet<String> = urls.iter().cloned().collect();
    assert_eq!(unique.len(), urls.len(), "a record twice: {urls:?}");
    assert_eq!(unique, story_and_page_urls(&site));
    let has = |urls: &BTreeSet<String>, path: &str| urls.iter().any(|u| u.ends_with(path));
    assert!(!has(&unique, "/2024/06/draft/"), "{unique:?}");
    assert!(!has(&unique, "/quiet/"), "{unique:?}");
    assert!(!has(&unique, "/2999/01/future/"));

    site.build_ok(&["--drafts", "--future"]);
    let urls: BTreeSet<String> = record_urls(&site.public()).into_iter().collect();
    assert!(has(&urls, "/2024/06/draft/") && has(&urls, "/2999/01/future/"));
}

#[test]
fn a_word_leads_to_the_story_it_is_in_through_its_stem() {
    let site = searchable();
    site.article(
        "2024/05/kelp",
        "title: Kelp farms\ndate: 2024-05-03",
        "Divers counted zanzibarian seahorses sheltering among the fronds.\n",
    );
    site.article(
        "2024/05/reef",
        "title: Reef survey\ndate: 2024-05-04",
        "One SEAHORSE was seen.\n",
    );
    site.build_ok(&[]);
    let urls = record_urls(&site.public());
    let id = |part: &str| urls.iter().position(|u| u.contains(part)).unwrap() as u64;
    let (kelp, reef) = (id("kelp"), id("reef"));
    assert_eq!(lookup(&site.public(), "zanzibarian"), [kelp]);
    // Either form leads to both stories: they share a stem.
    let mut both = vec![kelp, reef];
    both.sort();
    assert_eq!(lookup(&site.public(), "seahorse"), both);
    assert_eq!(lookup(&site.public(), "seahorses"), both);
    assert_eq!(lookup(&site.public(), "nowhere"), Vec::<u64>::new());
}

#[test]
fn filters_list_the_sites_tags_sources_and_editions() {
    let site = searchable();
    site.build_ok(&[]);
    let filters = json(&site.public().join("search/index/filters.json"));
    let keys = |kind: &str| -> BTreeSet<String> {
        filters[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[0].as_str().unwrap().to_string())
            .collect()
    };
    let folders = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(site.public().join(dir))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().join("index.html").exists() && e.file_name() != "page")
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(keys("tags"), folders("tags"));
    assert_eq!(keys("sources"), folders("sources"));
    assert_eq!(keys("editions"), folders("editions"));
    assert!(!keys("tags").is_empty() && !keys("sources").is_empty());
    // Each filter is a word of the index too, leading to its stories.
    let tag = keys("tags").into_iter().next().unwrap();
    let count = filters["tags"][0][2].as_u64().unwrap() as usize;
    assert_eq!(lookup(&site.public(), &format!("#t:{tag}")).len(), count);
}

#[test]
fn search_files_stay_few_as_the_site_grows() {
    let site = TestSite::new("[search]\nenabled = true\n");
    let n: usize = 400;
    for i in 0..n {
        site.write(
            &format!("content/a{i}.md"),
            markdown(
                &format!("title: Story number {i}\ndate: 2024-01-{:02}\n", i % 28 + 1),
                &format!(
                    "Word{i} appears here with common filler text about harbours and trains {i}.\n"
                ),
            ),
        );
    }
    site.build_ok(&[]);
    let search = site.public().join("search");
    let files: Vec<_> = walkdir::WalkDir::new(&search)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .collect();
    let fragments = files
        .iter()
        .filter(|e| e.path().parent().unwrap().ends_with("s"))
        .count();
    // 16 stories a file on a site this size (32 at 100,000 stories).
    let manifest = json(&search.join("index/manifest.json"));
    assert_eq!(manifest["batch"], 16);
    assert_eq!(fragments, n.div_ceil(16));
    assert!(
        files.len() < n / 10,
        "{} search files for {n} stories",
        files.len()
    );
    for f in &files {
        assert!(
            f.metadata().unwrap().len() < 64_000,
            "{} is large",
            f.path().display()
        );
    }
    assert_eq!(lookup(&site.public(), "word123").len(), 1);
}

#[test]
fn with_search_off_there_is_no_index_page_or_box() {
    let site = TestSite::fixture("basic");
    site.build_ok(&[]);
    assert!(!site.has_output("search"));
    assert!(!site.output("index.html").contains("search"));
}

#[test]
fn the_search_page_and_header_box_need_no_javascript_to_explain_themselves() {
    let site = searchable();
    site.build_ok(&[]);
    let page = site.output("search/index.html");
    assert!(page.contains("<noscript>") && page.contains("Search needs JavaScript"));
    assert!(page.contains("/archive/\"") && page.contains("/tags/\""));
    let front = site.output("index.html");
    assert!(front.contains("role=\"search\"") && front.contains("/search/\""));
    assert!(site.has_output("search/search.js") && site.has_output("search/search.css"));
}

/// Results are plain text, so the search page waits for no code stylesheet before its first
/// paint; the pages around it still link both.
#[test]
fn the_search_page_links_no_code_stylesheet() {
    let site = searchable();
    site.build_ok(&[]);
    let page = site.output("search/index.html");
    assert!(
        page.contains("search.css") && !page.contains("syntax-"),
        "{page}"
    );
    let front = site.output("index.html");
    assert!(front.contains("syntax-light.css") && front.contains("syntax-dark.css"));
}

#[test]
fn init_sites_have_search_on() {
    let site = TestSite::init();
    let out = gazette_in(site.root()).arg("build").output().unwrap();
    assert!(out.status.success());
    assert!(site.has_output("search/index/manifest.json"));
    assert_eq!(
        record_urls(&site.public()).len(),
        2,
        "the sample story and the about page"
    );
}

#[test]
fn build_help_names_the_search_setting() {
    let out = crate::support::gazette()
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = crate::support::stdout(&out);
    assert!(
        help.contains("[search] enabled = true") && help.contains("/search/"),
        "{help}"
    );
}

/// A German site's search page and header box speak German, and search.js gets its
/// messages (with every plural form) from the page.
#[test]
fn the_search_page_speaks_the_sites_language() {
    let site = searchable();
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    assert!(toml.contains("language = \"en\""));
    site.write(
        "site.toml",
        toml.replace("language = \"en\"", "language = \"de\""),
    );
    site.build_ok(&[]);
    let page = site.output("search/index.html");
    for german in [
        "<h1 class=\"page-title\">Suche</h1>",
        "Suchbegriffe",
        "Alle Schlagwörter",
        "Weitere Ergebnisse",
        "Die Suche braucht JavaScript",
    ] {
        assert!(page.contains(german), "{german} missing");
    }
    for english in [
        "Words to find",
        "Any tag",
        "More results",
        "Search needs",
        "Best match",
    ] {
        assert!(!page.contains(english), "{english} left in English");
    }
    let front = site.output("index.html");
    assert!(front.contains("placeholder=\"Meldungen durchsuchen\""));
    // The client's messages: an attribute holding JSON with the German plural forms.
    let start = page.find("data-messages=\"").unwrap() + "data-messages=\"".len();
    let attribute = &page[start..start + page[start..].find('"').unwrap()];
    let messages: Value = serde_json::from_str(&attribute.replace("&quot;", "\"")).unwrap();
    assert_eq!(
        messages["matches"]["one"],
        "{count} Meldung passt zu „{query}“."
    );
    assert_eq!(
        messages["matches"]["other"],
        "{count} Meldungen passen zu „{query}“."
    );
    assert!(messages["none"]
        .as_str()
        .unwrap()
        .starts_with("Keine Meldung"));
}

/// A page of the site's own at /search/ is an error while search is on (it would be
/// replaced by the search page), and builds as before with search off.
#[test]
fn a_page_at_the_search_url_is_named_only_while_search_is_on() {
    let site = searchable();
    site.write(
        "content/pages/search.md",
        "---\ntitle: How to search the paper archive\n---\n\nAsk at the desk.\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("content/pages/search.md: error: its URL /search/ is reserved")
            && err.contains("[search] enabled = true"),
        "{err}"
    );
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        toml.replace("enabled = true", "enabled = false"),
    );
    site.build_ok(&[]);
    assert!(site
        .output("search/index.html")
        .contains("Ask at the desk."));
}

/// A theme of the site's own made before search existed: with search on, the build names
/// the missing template and where it goes.
#[test]
fn a_theme_without_a_search_page_is_named_when_search_is_on() {
    let site = searchable();
    let required = gazette::render::theme::REQUIRED_TEMPLATES.iter();
    for name in required.chain(&["base.html"]) {
        site.write(
            &format!("themes/plain/templates/{name}"),
            "<!doctype html><title>x</title>",
        );
    }
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("theme = \"plain\"\n{toml}"));
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("themes/plain/templates/search.html: error: missing: search is on"),
        "{err}"
    );
}
