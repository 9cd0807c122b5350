//! `gazette serve` over real HTTP on 127.0.0.1, with the real binary: serving, safety,
//! watching and live reload. Every wait is bounded polling; nothing asserts on time.

use std::time::Duration;

use crate::support::*;

const FIRST: &str = "/2024/05/first-sample/";
const SECOND: &str = "/2024/05/second-sample/";

/// The serve fixture, copied.
fn serve_site() -> TestSite {
    TestSite::fixture("serve-site")
}

fn serve_fixture(args: &[&str]) -> (TestSite, Server) {
    let site = serve_site();
    let server = Server::start(site.root(), args);
    (site, server)
}

/// A sample article's text.
fn article(title: &str, date: &str, body: &str) -> String {
    markdown(
        &format!("title: {title}\ndate: {date}\ntags: [samples]\n"),
        &format!("\n{body}\n"),
    )
}

// ---------------------------------------------------------------- serving

#[test]
fn serves_the_site_with_content_types_and_no_store() {
    let (_site, server) = serve_fixture(&[]);
    for (path, ctype) in [
        ("/", "text/html; charset=utf-8"),
        (FIRST, "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/extra.css", "text/css; charset=utf-8"),
        ("/rss.xml", "application/xml; charset=utf-8"),
        ("/feed.json", "application/json; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
    }
    let page = server.get(FIRST).text();
    assert!(page.contains("ORIGINAL-FIRST-BODY"));
    let port = server.port;
    assert!(
        page.contains(&format!("http://127.0.0.1:{port}/")),
        "base_url is the local address"
    );
    assert!(!page.contains("fixture.example.org"));
    assert_eq!(page.matches("data-gazette-live-reload").count(), 1);
    let script_at = page.find("data-gazette-live-reload").unwrap();
    assert!(script_at < page.rfind("</body>").unwrap());
    assert!(!server
        .get("/extra.css")
        .text()
        .contains("gazette-live-reload"));
}

#[test]
fn build_output_never_has_the_reload_script() {
    let site = serve_site();
    let out = site.tmp.path().join("out");
    let status = site
        .command(&["build", "--quiet", "--output"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("gazette-live-reload") && !html.contains("__gazette"));
}

#[test]
fn head_has_the_headers_of_get_and_no_body() {
    let (_site, server) = serve_fixture(&[]);
    let get = server.get(FIRST);
    let head = server.request("HEAD", FIRST, None);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), get.header("content-type"));
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
}

#[test]
fn missing_pages_get_the_sites_404_page() {
    let (_site, server) = serve_fixture(&[]);
    for path in [
        "/nope/",
        "/nope",
        "/2024/05/missing/",
        "/site.toml",
        "/content/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert!(r.text().contains("Page not found"), "{path}");
    }
}

#[test]
fn only_get_and_head_are_allowed() {
    let (_site, server) = serve_fixture(&[]);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        let r = server.request(method, "/", None);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
}

#[test]
fn folders_without_a_slash_redirect() {
    let (_site, server) = serve_fixture(&[]);
    let r = server.get("/tags");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/tags/"));
    let r = server.get("/2024/05/first-sample?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/2024/05/first-sample/?x=1"));
    assert_eq!(server.get("/about/").status, 200);
}

#[test]
fn nothing_outside_the_site_is_served() {
    let (site, server) = serve_fixture(&[]);
    std::fs::write(site.tmp.path().join("secret.txt"), "TOP-SECRET").unwrap();
    std::fs::write(site.path("secret.txt"), "TOP-SECRET").unwrap();
    let paths = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/%2e%2e%2fsecret.txt",
        "/tags/%2e%2e/%2e%2e/secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/tags/..%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "/%00",
        "//etc/passwd",
        "/etc/passwd",
        "/site.toml",
        "/secret.txt",
        "/content/2024/first-sample.md",
        "/%252e%252e/secret.txt",
        "/.%2e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "http://127.0.0.1/../secret.txt",
    ];
    for path in paths {
        let r = server.get(path);
        assert!(
            matches!(r.status, 400 | 403 | 404),
            "{path}: status {}",
            r.status
        );
        assert!(!r.text().contains("TOP-SECRET"), "{path} leaked");
        assert!(!r.text().contains("root:x:0:0"), "{path} leaked");
    }
    let long = format!("/{}", "a/".repeat(3000));
    assert_eq!(server.get(&long).status, 414);
    // Still serving after all that.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn the_host_header_must_name_this_server() {
    let (_site, server) = serve_fixture(&[]);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(
            server.request("GET", "/", Some(&host)).status,
            200,
            "{host}"
        );
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "localhost".to_string(),
        format!("localhost.evil.example:{port}"),
    ] {
        let r = server.request("GET", "/", Some(&host));
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.text().contains("<html"), "{host}");
    }
    let no_host = raw_request(port, b"GET / HTTP/1.0\r\n\r\n");
    assert!(matches!(no_host.status, 400 | 403), "{}", no_host.status);
    // A cross-site page may not open the live-reload socket either.
    let evil_ws = raw_request(
        port,
        format!(
            "GET /__gazette/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n\
             Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(evil_ws.status, 403);
}

#[test]
fn a_busy_port_is_named_with_the_flag_to_change_it() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = gazette()
        .arg("--root")
        .arg(fixture_path("serve-site"))
        .args(["serve", "--port", &port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&port.to_string()) && err.contains("--port"),
        "{err}"
    );
}

// ---------------------------------------------------------------- watching

#[test]
fn an_edit_is_served() {
    let (site, server) = serve_fixture(&["--watch"]);
    let path = site.path("content/2024/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("ORIGINAL-FIRST-BODY", "EDITED-IN-PLACE"),
    )
    .unwrap();
    wait_for_text(&server, FIRST, "EDITED-IN-PLACE");
    assert!(!server.get(FIRST).text().contains("ORIGINAL-FIRST-BODY"));
}

#[test]
fn a_title_edit_reaches_every_page_and_feed_showing_it() {
    let site = serve_site();
    let server = Server::start_with_env(
        site.root(),
        &["--watch"],
        &[("GAZETTE_VERIFY_INCREMENTAL", "1")],
    );
    let path = site.path("content/2024/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("title: First sample story", "title: RETITLED-FIRST"),
    )
    .unwrap();
    wait_for_text(&server, FIRST, "RETITLED-FIRST");
    for page in ["/", "/tags/samples/", "/rss.xml", "/atom.xml", SECOND] {
        let body = server.get(page).text();
        assert!(
            body.contains("RETITLED-FIRST"),
            "{page} shows the new title"
        );
        assert!(
            !body.contains("First sample story"),
            "{page} lost the old one"
        );
    }
    // Only what shows the story was rendered again, and it equals a full build.
    let rebuilt = server.wait_for_line("rebuilt in");
    assert!(
        rebuilt.contains("re-rendered"),
        "a partial rebuild: {rebuilt}"
    );
    let check = server.wait_for_line("incremental check:");
    assert!(check.contains("same as a full build"), "{check}");
}

#[test]
fn an_atomic_rename_save_is_served() {
    let (site, server) = serve_fixture(&["--watch"]);
    let path = site.path("content/2024/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let temp = site.path("content/2024/.first-sample.md.tmp");
    std::fs::write(
        &temp,
        text.replace("ORIGINAL-FIRST-BODY", "SAVED-BY-RENAME"),
    )
    .unwrap();
    std::fs::rename(&temp, &path).unwrap();
    wait_for_text(&server, FIRST, "SAVED-BY-RENAME");
}

#[test]
fn a_vim_style_save_is_served() {
    let (site, server) = serve_fixture(&["--watch"]);
    let path = site.path("content/2024/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let backup = site.path("content/2024/first-sample.md~");
    std::fs::write(site.path("content/2024/4913"), "").unwrap();
    std::fs::remove_file(site.path("content/2024/4913")).unwrap();
    std::fs::rename(&path, &backup).unwrap();
    std::fs::write(&path, text.replace("ORIGINAL-FIRST-BODY", "SAVED-BY-VIM")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    wait_for_text(&server, FIRST, "SAVED-BY-VIM");
    assert_eq!(server.get(SECOND).status, 200);
}

#[test]
fn a_deleted_article_disappears() {
    let (site, server) = serve_fixture(&["--watch"]);
    assert!(server.get("/").text().contains("Second sample story"));
    std::fs::remove_file(site.path("content/2024/second-sample.md")).unwrap();
    wait_until("the deleted page to be gone", &server, || {
        server.get(SECOND).status == 404
    });
    assert!(!server.get("/").text().contains("Second sample story"));
    assert!(server.get("/").text().contains("First sample story"));
}

/// With no file saved, `serve --watch` rebuilds when a story's `publishDate` comes (it
/// appears) and when another's `expiryDate` comes (it goes).
#[test]
fn a_publish_or_expiry_moment_rebuilds_the_served_site() {
    let site = serve_site();
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    site.write(
        "content/2024/scheduled.md",
        markdown(
            &format!("title: Scheduled story\ndate: 2024-05-20\npublishDate: {soon}\n"),
            "\nOut when its time comes.\n",
        ),
    );
    site.write(
        "content/2024/expiring.md",
        markdown(
            &format!("title: Expiring story\ndate: 2024-05-21\nexpiryDate: {soon}\n"),
            "\nGone when its time comes.\n",
        ),
    );
    let server = Server::start(site.root(), &["--watch"]);
    let front = server.get("/").text();
    if jiff::Timestamp::now() < soon {
        assert!(
            !front.contains("Scheduled story") && front.contains("Expiring story"),
            "{front}"
        );
    }
    wait_until(
        "the scheduled story to appear and the other to go",
        &server,
        || {
            let front = server.get("/").text();
            front.contains("Scheduled story") && !front.contains("Expiring story")
        },
    );
}

/// A blog's `authors.yml` is read by the posts that name authors by its keys: an edit to it
/// changes their bylines, though no post was saved.
#[test]
fn an_edit_to_the_authors_list_changes_the_bylines() {
    let (site, server) = serve_fixture(&["--watch"]);
    site.write("content/authors.yml", "mira:\n  name: AUTHOR-BEFORE\n");
    site.write(
        "content/2024/keyed.md",
        markdown(
            "title: Keyed\ndate: 2024-05-23\nauthors: [mira]\n",
            "\nText.\n",
        ),
    );
    wait_for_text(&server, "/2024/05/keyed/", "AUTHOR-BEFORE");
    // Saved an hour ago, so the rebuild trusts its kept parse (a fresh file is read again).
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(site.path("content/2024/keyed.md"))
        .and_then(|f| f.set_modified(hour_ago))
        .unwrap();
    site.write(
        "content/2024/other.md",
        article("Other", "2024-05-24", "OTHER-BODY"),
    );
    wait_for_text(&server, "/2024/05/other/", "OTHER-BODY");
    site.write("content/authors.yml", "mira:\n  name: AUTHOR-AFTER\n");
    wait_for_text(&server, "/2024/05/keyed/", "AUTHOR-AFTER");
}

#[test]
fn renamed_and_new_folders_are_watched() {
    let (site, server) = serve_fixture(&["--watch"]);
    std::fs::rename(site.path("content/2024"), site.path("content/moved")).unwrap();
    server.wait_for_count("rebuilt in", 1);
    assert_eq!(server.get(FIRST).status, 200);
    // An edit inside the renamed folder is seen.
    let path = site.path("content/moved/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("ORIGINAL-FIRST-BODY", "EDITED-AFTER-MOVE"),
    )
    .unwrap();
    wait_for_text(&server, FIRST, "EDITED-AFTER-MOVE");
    // So is an article in a brand-new folder, and an edit to it.
    site.write(
        "content/new/deeper/third.md",
        article("Third sample", "2024-05-22", "THIRD-BODY"),
    );
    wait_for_text(&server, "/2024/05/third/", "THIRD-BODY");
    site.write(
        "content/new/deeper/third.md",
        article("Third sample", "2024-05-22", "THIRD-EDITED"),
    );
    wait_for_text(&server, "/2024/05/third/", "THIRD-EDITED");
}

#[test]
fn a_burst_of_300_files_ends_in_one_correct_site_with_few_rebuilds() {
    let (site, server) = serve_fixture(&["--watch"]);
    let before = server.count_lines("rebuilt in");
    for i in 0..300 {
        site.write(
            &format!("content/burst/story-{i:03}.md"),
            article(
                &format!("Burst {i}"),
                "2024-05-23",
                &format!("BURST-{i:03}"),
            ),
        );
    }
    wait_for_text(&server, "/2024/05/story-299/", "BURST-299");
    wait_for_text(&server, "/2024/05/story-000/", "BURST-000");
    // Let any trailing rebuild finish, then count.
    std::thread::sleep(Duration::from_millis(1500));
    let rebuilds = server.count_lines("rebuilt in") - before;
    assert!(
        (1..=6).contains(&rebuilds),
        "{rebuilds} rebuilds for one burst"
    );
    for i in (0..300).step_by(37) {
        let r = server.get(&format!("/2024/05/story-{i:03}/"));
        assert!(r.text().contains(&format!("BURST-{i:03}")), "story {i}");
    }
}

#[test]
fn output_folder_git_and_editor_files_do_not_rebuild() {
    let (site, server) = serve_fixture(&["--watch"]);
    site.write("public/index.html", "x");
    site.write(".git/index", "x");
    site.write("content/2024/.first-sample.md.swp", "x");
    site.write("content/2024/first-sample.md~", "x");
    site.write("content/2024/#first-sample.md#", "x");
    site.write("README.md", "x");
    // A real edit afterwards: the first rebuild line must be the only one.
    std::thread::sleep(Duration::from_millis(500));
    let path = site.path("content/2024/second-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("ORIGINAL-SECOND-BODY", "REAL-EDIT")).unwrap();
    wait_for_text(&server, SECOND, "REAL-EDIT");
    std::thread::sleep(Duration::from_millis(500));
    let lines = server.output();
    let rebuilds: Vec<&String> = lines.iter().filter(|l| l.contains("rebuilt in")).collect();
    assert_eq!(rebuilds.len(), 1, "{lines:#?}");
    assert!(rebuilds[0].contains("1 path changed"), "{lines:#?}");
}

#[test]
fn polling_sees_edits_too() {
    let (site, server) = serve_fixture(&["--watch", "--poll"]);
    let path = site.path("content/2024/first-sample.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("ORIGINAL-FIRST-BODY", "SEEN-BY-POLLING"),
    )
    .unwrap();
    wait_for_text(&server, FIRST, "SEEN-BY-POLLING");
}

// ---------------------------------------------------------------- live reload

#[test]
fn every_page_is_told_to_reload_only_once_the_new_site_is_served() {
    let (site, server) = serve_fixture(&["--watch"]);
    let mut tabs: Vec<LiveReload> = (0..3).map(|_| server.websocket()).collect();
    let path = site.path("content/2024/first-sample.md");
    for round in 0..3 {
        let text = std::fs::read_to_string(&path).unwrap();
        let marker = format!("ROUND-{round}-TEXT");
        let old = if round == 0 {
            "ORIGINAL-FIRST-BODY".to_string()
        } else {
            format!("ROUND-{}-TEXT", round - 1)
        };
        std::fs::write(&path, text.replace(&old, &marker)).unwrap();
        let msg = tabs[0].next_of("reload");
        // No polling: the message itself promises the new page is there.
        let page = server.get(FIRST).text();
        assert!(
            page.contains(&marker),
            "reload {msg} before {marker} was served"
        );
        assert!(page.contains(&format!("let build = {};", msg["build"])));
        for tab in &mut tabs[1..] {
            assert_eq!(tab.next_of("reload")["build"], msg["build"]);
        }
    }
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let (site, server) = serve_fixture(&["--watch"]);
    let mut ws = server.websocket();
    site.write("static/extra.css", "body { color: #c0ffee; }\n");
    let msg = ws.next();
    assert_eq!(msg["type"], "css", "{msg}");
    assert!(server.get("/extra.css").text().contains("#c0ffee"));
    // A file copied as is: served anew without rendering anything.
    server.wait_for_line("1 file copied, nothing re-rendered");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_error_until_fixed() {
    let (site, server) = serve_fixture(&["--watch"]);
    let mut ws = server.websocket();
    let path = site.path("content/2024/first-sample.md");
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replace("date: 2024-05-20T09:00:00Z", "date: someday soon");
    std::fs::write(&path, &broken).unwrap();
    let msg = ws.next_of("error");
    let text = msg["text"].as_str().unwrap();
    assert!(text.contains("first-sample.md:3"), "{text}");
    server.wait_for_line("still serving the last good site");
    // The last good site is still served...
    let page = server.get(FIRST);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("ORIGINAL-FIRST-BODY"));
    // ...and a page opened now hears about the error at once.
    let mut late = server.websocket();
    assert!(late.next()["text"]
        .as_str()
        .unwrap()
        .contains("first-sample.md:3"));
    // Fixing it clears the error: everyone reloads into the new site.
    std::fs::write(&path, good.replace("ORIGINAL-FIRST-BODY", "FIXED-BODY")).unwrap();
    ws.next_of("reload");
    late.next_of("reload");
    assert!(server.get(FIRST).text().contains("FIXED-BODY"));
    let mut fresh = server.websocket();
    site.write("static/extra.css", "p { margin: 0 }\n");
    assert_eq!(fresh.next()["type"], "css", "no stale error after the fix");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = serve_site();
    let path = site.path("content/2024/first-sample.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replace("---\n\nThis", "\nThis")).unwrap();
    let server = Server::start(site.root(), &["--watch"]);
    let r = server.get(FIRST);
    assert_eq!(r.status, 503);
    assert!(r.text().contains("first-sample.md"));
    assert!(r.text().contains("data-gazette-live-reload"));
    let mut ws = server.websocket();
    std::fs::write(&path, &good).unwrap();
    ws.next_of("reload");
    assert!(server.get(FIRST).text().contains("ORIGINAL-FIRST-BODY"));
}

#[test]
fn without_watch_a_broken_site_exits_with_its_errors() {
    let site = serve_site();
    site.write("content/2024/bad.md", "---\ntitle: [unclosed\n---\n");
    let out = site.run(&["serve", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.md:2"));
    // There never was a good site: it does not claim to serve one.
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!said.contains("still serving"), "{said}");
    assert!(said.contains("nothing to serve until it builds"), "{said}");
}

// ---------------------------------------------------------------- a real browser

/// Runs `tests/browser/<script>` (Chromium via playwright-core) when both are there, and
/// returns its log; skipped with a note otherwise (a failure in CI).
fn browser_script(script: &str, env: &[(&str, &std::path::Path)]) -> Option<String> {
    let dir = repo().join("tests/browser");
    let chromium = std::path::Path::new("/usr/bin/chromium");
    let modules = dir.join("node_modules");
    if !chromium.exists() || !modules.join("playwright-core").exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser tests (.ci/run installs chromium and tests/browser/node_modules)");
        eprintln!(
            "SKIPPED {script}: needs /usr/bin/chromium (apt-get install -y chromium) \
             and tests/browser/node_modules (cd tests/browser && npm ci)"
        );
        return None;
    }
    let mut cmd = std::process::Command::new("node");
    // The gazette it starts keeps its highlight cache with the other tests', not in ~/.cache.
    cmd.arg(dir.join(script))
        .env("GAZETTE_BIN", env!("CARGO_BIN_EXE_gazette"))
        .env("XDG_CACHE_HOME", env!("CARGO_TARGET_TMPDIR"));
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().expect("run node");
    let log = format!("{}\n{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "{script} failed:\n{log}");
    Some(log)
}

#[test]
fn live_reload_in_a_real_browser() {
    let fixture = fixture_path("serve-site");
    if let Some(log) = browser_script("live-reload.mjs", &[("GAZETTE_FIXTURE", &fixture)]) {
        assert!(log.contains("browser test passed"), "{log}");
    }
}

/// Search in Chromium: a unique word, a tag filter, JavaScript off, and `serve --watch`
/// finding a new story and forgetting a deleted one (`tests/browser/search.mjs`).
#[test]
fn search_in_a_real_browser() {
    if let Some(log) = browser_script("search.mjs", &[]) {
        assert!(log.contains("search browser test passed"), "{log}");
    }
}

/// axe-core's WCAG 2.1 A/AA rules on every page type of the example site, light and dark.
#[test]
fn every_page_type_passes_axe_in_both_colour_schemes() {
    let site = repo();
    if let Some(log) = browser_script("accessibility.mjs", &[("GAZETTE_SITE", &site)]) {
        assert!(log.contains("accessibility test passed"), "{log}");
        assert_eq!(log.matches(": 0 violations").count(), 24, "{log}");
    }
}

/// Parsed documents are reused across rebuilds only while what they embed holds: a new
/// permalink pattern moves every page, so relative links must be resolved again.
#[test]
fn a_new_permalink_pattern_re_resolves_relative_links() {
    let site = TestSite::new("");
    site.article(
        "2024-05-01-a",
        "title: A\ndate: 2024-05-01",
        "See [the other story](../b/).",
    );
    site.article("2024-05-01-b", "title: B\ndate: 2024-05-01", "Other.");
    let server = Server::start(site.root(), &["--watch"]);
    let port = server.port;
    let base = format!("http://127.0.0.1:{port}/");
    wait_for_text(
        &server,
        "/2024/05/01/a/",
        &format!("href=\"{base}2024/05/01/b/\""),
    );
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[permalinks]\narticle = \"/{{year}}/{{slug}}/\"\n"),
    );
    wait_for_text(&server, "/2024/a/", &format!("href=\"{base}2024/b/\""));
}
