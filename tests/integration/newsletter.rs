//! The email edition: `email.html`, `email.txt` and `email.eml` beside every edition page,
//! checked as mail programs and mail tools read them (an HTML5 tokenizer, the Nu checker,
//! Python's `email` package), the size rule, and `gazette send` to a real SMTP server
//! (Python's aiosmtpd) on 127.0.0.1.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::support::{gazette, have, markdown, repo, snapshot, stderr, stdout, TestSite, BASE};

/// Gmail clips a message whose HTML is longer than this.
const GMAIL_CLIP: usize = 102_000;

/// Builds the repo's example site into a temp folder; returns it and the `public/` in it.
fn build_example() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let run = gazette()
        .arg("--root")
        .arg(repo())
        .args(["build", "--quiet", "--output"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    (out, dest)
}

/// The ids of the editions a built site has pages for.
fn edition_ids(public: &Path) -> Vec<String> {
    let mut ids: Vec<String> = snapshot(public)
        .into_keys()
        .filter_map(|k| {
            let k = k.to_string_lossy().to_string();
            let id = k.strip_prefix("editions/")?.strip_suffix("/index.html")?;
            Some(id.to_string())
        })
        .collect();
    ids.sort();
    ids
}

// ---------------------------------------------------------------- reading the HTML

/// What an HTML5 tokenizer sees in a document: every start tag with its attributes, the
/// text of `<style>` elements, and the parse errors.
#[derive(Default)]
struct Seen {
    tags: Vec<(String, Vec<(String, String)>)>,
    styles: Vec<String>,
    errors: Vec<String>,
    in_style: bool,
}

struct Sink(RefCell<Seen>);

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut seen = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    seen.in_style = false;
                    return TokenSinkResult::Continue;
                }
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                seen.tags.push((name.clone(), attrs));
                match name.as_str() {
                    "style" => {
                        seen.in_style = true;
                        seen.styles.push(String::new());
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => {}
                }
            }
            Token::CharacterTokens(t) if seen.in_style => {
                if let Some(last) = seen.styles.last_mut() {
                    last.push_str(&t);
                }
            }
            Token::ParseError(e) => seen.errors.push(e.to_string()),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str) -> Seen {
    let tok = Tokenizer::new(
        Sink(RefCell::new(Seen::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.into_inner()
}

/// `css` with every `@media … { … }` block removed (braces balanced).
fn without_media_queries(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(at) = rest.find("@media") {
        out.push_str(&rest[..at]);
        let Some(open) = rest[at..].find('{').map(|i| at + i) else {
            return out;
        };
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every rule a mail program needs of `email.html`; returns the problems found.
fn email_html_problems(html: &str) -> Vec<String> {
    let seen = tokenize(html);
    let mut problems: Vec<String> = seen
        .errors
        .iter()
        .map(|e| format!("HTML parse error: {e}"))
        .collect();
    for (name, attrs) in &seen.tags {
        let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        match name.as_str() {
            "script" | "form" | "input" | "button" | "iframe" | "object" | "embed" => {
                problems.push(format!("<{name}> in an email"))
            }
            "link" if attr("rel").is_some_and(|r| r.contains("stylesheet")) => {
                problems.push("<link rel=stylesheet> in an email".into())
            }
            "img" => {
                for needed in ["width", "height", "alt"] {
                    if attr(needed).is_none() {
                        problems.push(format!("<img> without {needed}"));
                    }
                }
            }
            _ => {}
        }
        for (key, value) in attrs {
            if (key == "href" || key == "src")
                && !(value.starts_with("https://")
                    || value.starts_with("http://")
                    || value.starts_with("mailto:"))
            {
                problems.push(format!("<{name} {key}=\"{value}\"> is not absolute"));
            }
            if key.starts_with("on") {
                problems.push(format!("event handler {key} on <{name}>"));
            }
        }
        if let Some(style) = attr("style") {
            if style.contains("@import") || style.contains("url(") {
                problems.push(format!("<{name}> style loads something: {style}"));
            }
        }
    }
    for css in &seen.styles {
        let left = without_media_queries(css);
        if !left.trim().is_empty() {
            problems.push(format!("a <style> rule outside a media query: {left}"));
        }
        if css.contains("@font-face") || css.contains("@import") {
            problems.push("web fonts or imports in <style>".into());
        }
    }
    if !seen
        .tags
        .iter()
        .any(|(n, a)| n == "meta" && a.iter().any(|(k, v)| k == "name" && v == "color-scheme"))
    {
        problems.push("no <meta name=color-scheme>".into());
    }
    problems
}

/// Lines longer than 78 characters that are not a URL alone.
fn long_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().count() > 78)
        .filter(|l| !l.trim().starts_with("http") || l.trim().contains(' '))
        .map(String::from)
        .collect()
}

// ---------------------------------------------------------------- reading the message

/// Python's `email` package on each file: one JSON description each (see eml_parts.py).
/// None when python3 is missing (skipped locally, a failure in CI).
fn parse_eml(files: &[PathBuf]) -> Option<Vec<serde_json::Value>> {
    if !have("python3", Command::new("python3").arg("--version")) {
        return None;
    }
    let out = Command::new("python3")
        .arg(repo().join("tests/integration/support/eml_parts.py"))
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "eml_parts.py: {}", stderr(&out));
    Some(
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

/// Checks a parsed message holds exactly `text` then `html`, both UTF-8.
fn assert_parts(msg: &serde_json::Value, text: &str, html: &str) {
    assert_eq!(msg["type"], "multipart/alternative", "{msg}");
    assert_eq!(msg["defects"].as_array().unwrap().len(), 0, "{msg}");
    let parts = msg["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "{msg}");
    assert_eq!(parts[0]["type"], "text/plain");
    assert_eq!(parts[1]["type"], "text/html");
    for p in parts {
        assert_eq!(p["charset"], "utf-8", "{p}");
        let enc = p["encoding"].as_str().unwrap();
        assert!(
            ["7bit", "quoted-printable", "base64"].contains(&enc),
            "{enc}"
        );
    }
    // The text part may gain a final line break in transfer.
    assert_eq!(
        parts[0]["text"].as_str().unwrap().trim_end(),
        text.trim_end()
    );
    assert_eq!(
        parts[1]["text"].as_str().unwrap().trim_end(),
        html.trim_end()
    );
}

// ---------------------------------------------------------------- the example site

#[test]
fn every_edition_of_the_example_site_has_an_email_fit_for_mail_programs() {
    let (_tmp, public) = build_example();
    let ids = edition_ids(&public);
    assert!(ids.len() >= 3, "{ids:?}");
    let mut emls = Vec::new();
    for id in &ids {
        let dir = public.join("editions").join(id);
        let html = std::fs::read_to_string(dir.join("email.html")).unwrap();
        let text = std::fs::read_to_string(dir.join("email.txt")).unwrap();
        assert!(dir.join("email.eml").is_file(), "{id}");
        emls.push(dir.join("email.eml"));
        let problems = email_html_problems(&html);
        assert!(problems.is_empty(), "{id}/email.html: {problems:#?}");
        assert!(html.len() < GMAIL_CLIP, "{id}: {} bytes", html.len());
        // Styles are inline: the stories' titles carry their own.
        assert!(html.contains("<h2 style=\""), "{id}: no inline styles");
        assert!(html.contains("prefers-color-scheme: dark"), "{id}");
        assert!(
            html.contains("class=\"preheader\" style=\"display: none"),
            "{id}"
        );
        let long = long_lines(&text);
        assert!(long.is_empty(), "{id}/email.txt: {long:#?}");
        assert!(
            !text.contains('<') || !text.contains("</"),
            "{id}: HTML in email.txt"
        );
        // Every story of the edition page, with its link in full.
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        for href in page
            .split("class=\"story-title\"><a href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(text.contains(href), "{id}: email.txt lacks {href}");
            assert!(html.contains(href), "{id}: email.html lacks {href}");
        }
    }
    // Not pages: the sitemap never lists them.
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("email"), "{sitemap}");

    let Some(parsed) = parse_eml(&emls) else {
        return;
    };
    let mut ids_seen = std::collections::BTreeSet::new();
    for ((id, eml), msg) in ids.iter().zip(&emls).zip(&parsed) {
        let dir = eml.parent().unwrap();
        let text = std::fs::read_to_string(dir.join("email.txt")).unwrap();
        let html = std::fs::read_to_string(dir.join("email.html")).unwrap();
        assert_parts(msg, &text, &html);
        let title = html
            .split("<h1")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split('<').next())
            .unwrap();
        assert_eq!(
            msg["subject"],
            format!("The Weekly Brief — {title}"),
            "{id}"
        );
        assert_eq!(msg["from"], "The Weekly Brief <brief@brief.example.org>");
        assert_eq!(
            msg["list_unsubscribe"],
            "<mailto:brief@brief.example.org?subject=unsubscribe>"
        );
        let message_id = msg["message_id"].as_str().unwrap();
        assert!(message_id.starts_with(&format!("<{id}.")), "{message_id}");
        assert!(
            ids_seen.insert(message_id.to_string()),
            "{message_id} twice"
        );
        assert!(msg["date"].as_str().unwrap().contains("2024"), "{msg}");
    }

    // Two builds write the same messages: the Message-ID, Date and boundary are stable.
    let (_tmp2, again) = build_example();
    for id in &ids {
        let a = std::fs::read(public.join("editions").join(id).join("email.eml")).unwrap();
        let b = std::fs::read(again.join("editions").join(id).join("email.eml")).unwrap();
        assert!(a == b, "{id}: email.eml differs between two builds");
    }
}

#[test]
fn email_html_passes_the_nu_checker() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "vnu-jar is required in CI (npm install)"
        );
        eprintln!("note: node_modules/vnu-jar missing; skipping the Nu checker");
        return;
    }
    let (_tmp, public) = build_example();
    let files: Vec<PathBuf> = edition_ids(&public)
        .iter()
        .map(|id| public.join("editions").join(id).join("email.html"))
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vnu: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// The email rules above catch what they name.
#[test]
fn the_email_rules_catch_what_they_name() {
    let bad = "<!DOCTYPE html><html lang=en><head><title>x</title><link rel=stylesheet href=/s.css><style>p{color:red}</style></head><body><script>1</script><a href=\"/x/\">x</a><img src=\"https://a.org/i.png\"><form></form></body></html>";
    let problems = email_html_problems(bad).join("\n");
    for needle in [
        "<script>",
        "<link rel=stylesheet>",
        "not absolute",
        "outside a media query",
        "<img> without alt",
        "<form>",
        "color-scheme",
    ] {
        assert!(problems.contains(needle), "{needle}: {problems}");
    }
    assert_eq!(
        without_media_queries("@media (x) { a { b: c } } d{}"),
        " d{}"
    );
    assert_eq!(
        long_lines(&format!(
            "{}\n  https://{}\n",
            "a ".repeat(40),
            "x".repeat(90)
        ))
        .len(),
        1
    );
}

// ---------------------------------------------------------------- size and settings

fn long_story(n: usize) -> String {
    let day = 3 + n % 5; // 3-7 June 2024: one ISO week
    let para = format!("Paragraph of story {n}: ")
        + &"the council weighed the plan at length and heard every side of it before it voted. "
            .repeat(8);
    markdown(
        &format!(
            "title: Long story number {n}\ndate: 2024-06-0{day}T{:02}:{:02}:00Z\ntags: [council]\nsummary: \"{}\"\nsource:\n  name: The Town Paper\n  url: https://paper.example.com/story-{n}\n",
            n % 24,
            n % 60,
            para.trim()
        ),
        "The body.\n",
    )
}

#[test]
fn a_long_edition_stays_under_the_clipping_size_and_lists_the_rest() {
    let site = TestSite::new("[digest]\nedition = \"week\"\n");
    for n in 0..200 {
        site.write(&format!("content/story-{n:03}.md"), long_story(n));
    }
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("too long for one email"), "{err}");
    // The warning names the file as the curator finds it from where they ran the build.
    assert!(
        err.contains("public/editions/2024-w23/email.html: warning"),
        "{err}"
    );
    let dir = site.path("public/editions/2024-w23");
    let html = std::fs::read_to_string(dir.join("email.html")).unwrap();
    let text = std::fs::read_to_string(dir.join("email.txt")).unwrap();
    assert!(html.len() < GMAIL_CLIP, "{} bytes", html.len());
    assert!(
        html.len() > GMAIL_CLIP * 3 / 4,
        "{} bytes: cut too early",
        html.len()
    );
    assert!(html.contains("Also in this edition"));
    assert!(text.contains("Also in this edition"));
    // Every story is there, in full or by title with its link.
    for n in 0..200 {
        let title = format!("Long story number {n}<");
        assert!(html.contains(&title), "story {n} missing from email.html");
        assert!(
            text.contains(&format!("Long story number {n}\n")),
            "story {n} missing from email.txt"
        );
    }
    let full = html.matches("<div class=\"summary\"").count();
    assert!(full > 10 && full < 200, "{full} stories in full");
    assert!(email_html_problems(&html).is_empty());
    assert!(
        err.contains(&format!(
            "the first {full} stories are in full, the other {} are listed",
            200 - full
        )),
        "{err}"
    );
    // Built elsewhere with `--output`, the warning names the file where it was written.
    let elsewhere = site.tmp.path().join("elsewhere");
    let out = site.run(&["build", "--output", elsewhere.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(
        err.contains("elsewhere/editions/2024-w23/email.html: warning")
            && !err.contains("public/editions"),
        "{err}"
    );
}

/// The first bytes of a PNG: its signature and the IHDR chunk that holds its size (all an
/// image's size is read from).
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

/// Outlook sizes an image by its attributes, not by CSS: the site's own images get width
/// and height in the email (within the 544 px column), an image from elsewhere keeps its
/// markup, and the web page is left as it was.
#[test]
fn email_images_from_the_site_get_their_size() {
    let site = TestSite::new("[digest]\nedition = \"week\"\n");
    site.write("static/images/vote.png", png_header(1200, 600));
    site.write("static/images/seal.png", png_header(120, 80));
    site.write(
        "content/vote.md",
        markdown(
            "title: The council votes\ndate: 2024-06-04T09:00:00Z\nsummary: \"The result, in one chart.\\n\\n![Votes by ward](/images/vote.png) ![The seal](/images/seal.png) ![A photo](https://photos.example.com/hall.jpg)\"\nsource:\n  name: The Town Paper\n  url: https://paper.example.com/vote\n",
            "The body.\n",
        ),
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.path("public/editions/2024-w23/email.html")).unwrap();
    let img = |name: &str| {
        let at = html
            .find(name)
            .unwrap_or_else(|| panic!("{name} not in {html}"));
        let start = html[..at].rfind("<img").unwrap();
        html[start..at + html[at..].find('>').unwrap()].to_string()
    };
    let vote = img("images/vote.png");
    assert!(vote.contains("width=\"544\" height=\"272\""), "{vote}");
    let seal = img("images/seal.png");
    assert!(seal.contains("width=\"120\" height=\"80\""), "{seal}");
    let photo = img("photos.example.com/hall.jpg");
    assert!(
        !photo.contains("width=") && photo.contains("alt=\"A photo\""),
        "{photo}"
    );
    // Its size is not known without fetching it: the one thing left for the curator.
    assert_eq!(
        email_html_problems(&html),
        ["<img> without width", "<img> without height"]
    );
    let page = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(page.contains("/images/vote.png") && !page.contains("width=\"544\""));
}

#[test]
fn newsletter_settings_are_checked_and_applied() {
    let site = TestSite::new(
        "[newsletter]\nfrom = \"Town Brief <brief@example.org>\"\nmax_stories = 2\nunsubscribe = \"https://example.org/unsubscribe\"\nsubject = \"{{ edition.title }} from {{ site.title }}\"\n",
    );
    for n in 0..4 {
        site.write(&format!("content/story-{n}.md"), long_story(n));
    }
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("too long"), "{}", stderr(&out));
    let dir = site.path("public/editions/2024-w23");
    let html = std::fs::read_to_string(dir.join("email.html")).unwrap();
    assert_eq!(html.matches("<div class=\"summary\"").count(), 2);
    assert!(html.contains("Also in this edition"));
    assert!(html.contains("href=\"https://example.org/unsubscribe\""));
    let eml = std::fs::read_to_string(dir.join("email.eml")).unwrap();
    assert!(
        eml.contains("List-Unsubscribe: <https://example.org/unsubscribe>"),
        "{eml}"
    );
    assert!(
        eml.contains("Subject: Week 23, 2024 from Test Digest"),
        "{eml}"
    );
    assert!(
        eml.contains("From: \"Town Brief\" <brief@example.org>"),
        "{eml}"
    );

    // Off: no email files.
    let off = TestSite::new("[newsletter]\nenabled = false\n");
    off.write("content/story-0.md", long_story(0));
    assert!(off.build(&[]).status.success());
    assert!(off.path("public/editions/2024-w23/index.html").is_file());
    assert!(!off.path("public/editions/2024-w23/email.html").exists());

    // Mistakes name the line.
    let bad = TestSite::new("[newsletter]\nfrom = \"not an address\"\nsubjct = \"x\"\n");
    let out = bad.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "site.toml:6:1: error: unknown key `subjct` in [newsletter]; did you mean `subject`?"
        ),
        "{err}"
    );
    let bad = TestSite::new("[newsletter]\nfrom = \"not an address\"\nsubject = \"{{ edition.nope }}\"\nunsubscribe = \"/x\"\n");
    let err = stderr(&bad.build(&[]));
    assert!(
        err.contains(
            "site.toml:5: error: `newsletter.from`: `not an address` is not an email address"
        ),
        "{err}"
    );
    assert!(
        err.contains("site.toml:6: error: `newsletter.subject`"),
        "{err}"
    );
    assert!(
        err.contains("site.toml:7: error: `newsletter.unsubscribe`"),
        "{err}"
    );
    let none = TestSite::new("[digest]\nedition = \"none\"\n[newsletter]\nenabled = true\n");
    let err = stderr(&none.build(&[]));
    assert!(err.contains("`newsletter.enabled`"), "{err}");
}

// ---------------------------------------------------------------- serve

#[test]
fn serve_previews_the_email_without_the_reload_script() {
    let site = TestSite::new("");
    site.write("content/story-0.md", long_story(0));
    let server = crate::support::Server::start(site.root(), &["--watch"]);
    let page = server.get("/editions/2024-w23/");
    assert!(
        page.text().contains("__gazette"),
        "the page gets the script"
    );
    let email = server.get("/editions/2024-w23/email.html");
    assert_eq!(email.status, 200);
    assert!(email.text().contains("Long story number 0"));
    assert!(!email.text().contains("__gazette"), "{}", email.text());
    assert!(!email.text().contains("<script"));
    let eml = server.get("/editions/2024-w23/email.eml");
    assert_eq!(eml.header("content-type"), Some("message/rfc822"));
    let sitemap = server.get("/sitemap.xml").text();
    assert!(!sitemap.contains("email"), "{sitemap}");
}

// ---------------------------------------------------------------- send

/// aiosmtpd on a free 127.0.0.1 port, writing what it receives into a folder; stopped on
/// drop.
struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    /// None when aiosmtpd is missing (skipped locally, a failure in CI).
    fn start() -> Option<SmtpSink> {
        if !have(
            "aiosmtpd (pip install aiosmtpd)",
            Command::new("python3").args(["-c", "import aiosmtpd"]),
        ) {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new("python3")
            .arg(repo().join("tests/integration/support/smtp_sink.py"))
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("ready ")
            .unwrap_or_else(|| panic!("smtp_sink.py: {line:?}"))
            .parse()
            .unwrap();
        Some(SmtpSink { child, port, dir })
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received: (envelope recipients, file).
    fn received(&self) -> Vec<(Vec<String>, PathBuf)> {
        let mut out = Vec::new();
        for n in 1.. {
            let eml = self.dir.path().join(format!("{n}.eml"));
            if !eml.exists() {
                break;
            }
            let rcpt = std::fs::read_to_string(self.dir.path().join(format!("{n}.rcpt"))).unwrap();
            let mut lines: Vec<String> = rcpt.lines().map(String::from).collect();
            lines.pop(); // the envelope sender
            out.push((lines, eml));
        }
        out
    }
}

fn send_site() -> TestSite {
    let site = TestSite::new("[newsletter]\nfrom = \"Test Digest <digest@example.org>\"\n");
    for n in 0..3 {
        site.write(&format!("content/story-{n}.md"), long_story(n));
    }
    site.write(
        "content/older.md",
        markdown("title: An older story\ndate: 2024-05-02\n", "Text."),
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn send(site: &TestSite, args: &[&str]) -> std::process::Output {
    send_with_password(site, args, None)
}

fn send_with_password(
    site: &TestSite,
    args: &[&str],
    password: Option<&str>,
) -> std::process::Output {
    let mut command = gazette();
    command
        .arg("--root")
        .arg(site.root())
        .arg("send")
        .args(args);
    match password {
        Some(p) => command.env("GAZETTE_SMTP_PASSWORD", p),
        None => command.env_remove("GAZETTE_SMTP_PASSWORD"),
    };
    command.output().unwrap()
}

/// A server that refuses the login: one line naming the server and its answer, exit 1,
/// nothing delivered; the right password delivers.
#[test]
fn a_refused_login_is_one_clear_line_and_the_right_one_delivers() {
    let site = send_site();
    let Some(server) = SmtpSink::start() else {
        return;
    };
    let url = server.url().replace("smtp://", "smtp://curator@");
    let args = ["latest", "--to", "ann@example.org", "--smtp", &url];
    let out = send_with_password(&site, &args, Some("wrong-password"));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: 127.0.0.1:") && err.contains("refused the login of `curator`"),
        "{err}"
    );
    assert!(
        err.contains("535") && err.contains("GAZETTE_SMTP_PASSWORD"),
        "{err}"
    );
    assert!(
        !err.contains("wrong-password"),
        "the password is never shown: {err}"
    );
    assert!(server.received().is_empty());

    let out = send_with_password(&site, &args, Some("tide-table-7"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "sent 2024-w23 to ann@example.org\n");
    assert_eq!(server.received().len(), 1);
}

#[test]
fn send_delivers_one_message_per_recipient_to_a_real_smtp_server() {
    let site = send_site();
    let Some(server) = SmtpSink::start() else {
        return;
    };
    let out = send(
        &site,
        &[
            "latest",
            "--to",
            "ann@example.org",
            "--to",
            "Bo <bo@example.net>",
            "--smtp",
            &server.url(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "sent 2024-w23 to ann@example.org\nsent 2024-w23 to bo@example.net\n"
    );
    let received = server.received();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[0].0, vec!["ann@example.org"]);
    assert_eq!(received[1].0, vec!["bo@example.net"]);
    let built = site.path("public/editions/2024-w23/email.eml");
    let files: Vec<PathBuf> = received
        .iter()
        .map(|(_, f)| f.clone())
        .chain([built])
        .collect();
    let Some(parsed) = parse_eml(&files) else {
        return;
    };
    let dir = site.path("public/editions/2024-w23");
    let text = std::fs::read_to_string(dir.join("email.txt")).unwrap();
    let html = std::fs::read_to_string(dir.join("email.html")).unwrap();
    for msg in &parsed {
        assert_parts(msg, &text, &html);
        assert_eq!(msg["subject"], parsed[2]["subject"]);
        assert_eq!(msg["message_id"], parsed[2]["message_id"]);
    }
    assert_eq!(parsed[0]["to"], "ann@example.org");
    assert_eq!(parsed[1]["to"], "Bo <bo@example.net>");

    // An edition by id, to the sender by default.
    let out = send(&site, &["2024-w18", "--smtp", &server.url()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "sent 2024-w18 to digest@example.org\n");
    assert_eq!(server.received().len(), 3);
}

#[test]
fn send_failures_are_one_clear_line_and_exit_1() {
    let site = send_site();
    let Some(server) = SmtpSink::start() else {
        return;
    };
    // The server refuses the recipient: nothing delivered, the server's answer shown.
    let out = send(
        &site,
        &[
            "latest",
            "--to",
            "reject@example.org",
            "--smtp",
            &server.url(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: sending to reject@example.org through 127.0.0.1:"),
        "{err}"
    );
    assert!(err.contains("550"), "{err}");
    assert!(server.received().is_empty());

    // A later recipient refused: the first got it once, and the error says so.
    let out = send(
        &site,
        &[
            "latest",
            "--to",
            "ok@example.org",
            "--to",
            "reject@example.org",
            "--smtp",
            &server.url(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "sent 2024-w23 to ok@example.org\n");
    assert!(
        stderr(&out).contains("sent to 1 of 2 recipients before this; not retried"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.received().len(), 1);

    // Nobody listening.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let out = send(
        &site,
        &[
            "latest",
            "--to",
            "a@example.org",
            "--smtp",
            &format!("smtp://127.0.0.1:{closed}"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("127.0.0.1:{closed}")), "{err}");
    assert!(err.to_lowercase().contains("refused"), "{err}");

    // Bad input, refused before anything is sent.
    for (args, needle) in [
        (
            vec!["latest", "--to", "not-an-address"],
            "--to `not-an-address` is not an email address",
        ),
        (
            vec!["2019-w01"],
            "no edition `2019-w01`; the newest are 2024-w23, 2024-w18",
        ),
        (
            vec!["latest", "--smtp", "http://mail.example.org"],
            "is not an SMTP URL",
        ),
        (
            vec!["latest", "--smtp", "smtp://me:secret@mail.example.org"],
            "GAZETTE_SMTP_PASSWORD",
        ),
        (
            vec!["latest", "--smtp", "smtp://me@127.0.0.1:1"],
            "set GAZETTE_SMTP_PASSWORD",
        ),
    ] {
        let out = send(&site, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(server.received().len(), 1);

    // Without `from`, nothing is sent.
    let no_from = TestSite::new("");
    no_from.write("content/story-0.md", long_story(0));
    let out = send(&no_from, &["latest", "--smtp", &server.url()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("set `from` in the [newsletter] table"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn send_dry_run_prints_the_message() {
    let site = send_site();
    // Without `--to`, the proof a real send makes: to the sender.
    let out = send(&site, &["latest", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = std::fs::read(site.path("public/editions/2024-w23/email.eml")).unwrap();
    let mut expected = b"To: \"Test Digest\" <digest@example.org>\r\n".to_vec();
    expected.extend_from_slice(&built);
    expected.extend_from_slice(b"\r\n");
    assert!(out.stdout == expected, "dry run differs from email.eml");
    let out = send(&site, &["latest", "--dry-run", "--to", "x@example.org"]);
    assert!(out.stdout.starts_with(b"To: x@example.org\r\nFrom: "));
    // A recipient's name is kept, encoded where it needs to be.
    let out = send(
        &site,
        &[
            "latest",
            "--dry-run",
            "--to",
            "Bob Brown <bob@example.org>",
            "--to",
            "Zoë <z@example.org>",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("To: \"Bob Brown\" <bob@example.org>\r\nFrom: "),
        "{text}"
    );
    assert!(text.contains("\r\nTo: =?utf-8?b?"), "{text}");
    // No sender set: the message as built, and a note that a real send would refuse.
    let no_from = TestSite::new("");
    no_from.write("content/story-0.md", long_story(0));
    let out = send(&no_from, &["latest", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"From: "));
    assert!(
        stderr(&out).contains("set `from` in the [newsletter] table")
            && stderr(&out).contains("a real send refuses"),
        "{}",
        stderr(&out)
    );
    let _ = std::io::stdout().flush();
    let _ = BASE;
}

// ---------------------------------------------------------------- a real browser

/// Runs tests/browser/email.mjs (Chromium via playwright-core) on the example site's
/// emails: 600 px and 375 px, light and dark, screenshots, no sideways scrolling.
#[test]
fn email_renders_in_a_real_browser_at_desktop_and_phone_widths() {
    let dir = repo().join("tests/browser");
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() || !dir.join("node_modules/playwright-core").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test (.ci/run installs chromium and tests/browser/node_modules)"
        );
        eprintln!("SKIPPED email_renders_in_a_real_browser: needs /usr/bin/chromium and tests/browser/node_modules (cd tests/browser && npm ci)");
        return;
    }
    let (tmp, public) = build_example();
    let out = Command::new("node")
        .arg(dir.join("email.mjs"))
        .env("EMAIL_SITE", &public)
        .env("GAZETTE_SCREENSHOTS", tmp.path().join("screenshots"))
        .output()
        .expect("run node");
    let log = format!("{}\n{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "browser test failed:\n{log}");
    assert!(log.contains("email browser test passed"), "{log}");
    // Every edition, both widths, both modes.
    let views = edition_ids(&public).len() * 4;
    assert!(log.contains(&format!("({views} views")), "{log}");
    let shots = std::fs::read_dir(tmp.path().join("screenshots"))
        .unwrap()
        .count();
    assert_eq!(shots, views);
}
