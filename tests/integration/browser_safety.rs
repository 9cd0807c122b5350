//! Hostile Markdown and front matter (tests/fixtures/payloads/) built and loaded in headless
//! Chromium: no payload may run. Each payload would set `data-pwned` on `<html>`; the test
//! reads the DOM after scripts and load events had their chance (`--virtual-time-budget`).

use std::process::Command;

use crate::support::{snapshot, TestSite};

const CHROMIUM: &str = "/usr/bin/chromium";

fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn no_payload_runs_in_a_real_browser() {
    if !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        eprintln!("note: {CHROMIUM} missing; skipping the browser safety test");
        return;
    }
    let site = TestSite::fixture("payloads");
    site.build_ok(&[]);
    let public = site.public();
    let pages: Vec<String> = snapshot(&public)
        .into_keys()
        .map(|k| k.to_string_lossy().into_owned())
        .filter(|k| k.ends_with(".html"))
        .collect();
    assert!(pages.len() > 5);
    for page in &pages {
        let dom = dump_dom(&format!("file://{}", public.join(page).display()));
        let html_tag = &dom[dom
            .find("<html")
            .unwrap_or_else(|| panic!("{page}: no DOM: {dom}"))..];
        let html_tag = &html_tag[..html_tag.find('>').unwrap()];
        assert!(
            !html_tag.contains("data-pwned"),
            "{page}: a payload ran: {html_tag}"
        );
    }
    let raw = site.output("2024/01/raw-html/index.html");
    for benign in [
        "<abbr title=\"HyperText Markup Language\">",
        "<sup>2</sup>",
        "<details>",
        "<figure>",
        "<figcaption>",
        "src=\"https://example.org/ok.png\"",
    ] {
        assert!(raw.contains(benign), "benign markup lost: {benign}");
    }
    for gone in [
        "<script",
        "onerror",
        "onload",
        "ontoggle",
        "onfocus",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "http-equiv",
    ] {
        assert!(!raw.contains(gone), "{gone} reached the page");
    }
    let links = site.output("2024/01/markdown-links/index.html");
    assert!(links.contains("href=\"https://example.org/safe\""));
    assert!(links.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""));
    // The autolink's text may show `javascript:…`; no attribute may hold such a URL.
    let lower = links.to_lowercase();
    for gone in ["=\"javascript:", "=\"vbscript:", "=\"data:text/html"] {
        assert!(!lower.contains(gone), "{gone} reached an attribute");
    }
}
