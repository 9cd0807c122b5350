//! Hostile and broken input through the real binary (issue 6): every build either succeeds
//! with valid output or fails naming the file (and line), within a bounded time, never
//! panicking, never writing outside its output folder and never touching the previous output.
//!
//! Each case builds a small site in a temporary folder: first a good build (the "previous
//! output"), then the hostile file is added and the site built again. `build_case` checks
//! the invariants every case shares; the tests check what is particular to each case.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::support::{
    leftovers, markdown, mount_namespace, snapshot, stderr, stdout, Snapshot, TestSite,
};

/// Any build taking longer than this is a hang: the process is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(60);

const GOOD: &str = "---\ntitle: A good story\ndate: 2024-05-28\ntags: [Rust]\n---\nIt happened.\n";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A small good site; everything the build may touch is under its temporary folder.
fn new_site() -> TestSite {
    let site = TestSite::with_config("title = \"Hostile\"\nbase_url = \"https://example.org/\"\n");
    site.write("content/2024/good.md", GOOD);
    site
}

/// Runs `gazette build ARGS` to completion (or kills it after `TIMEOUT` and fails).
fn build(site: &TestSite, args: &[&str]) -> Run {
    let mut full = vec!["build"];
    full.extend_from_slice(args);
    run(site.command(&full))
}

/// The previous output for the failure case: a good build, checked.
fn good_build(site: &TestSite) -> Snapshot {
    let r = build(site, &[]);
    assert_eq!(r.code, Some(0), "the baseline build failed:\n{}", r.stderr);
    snapshot(&site.public())
}

fn run(cmd: Command) -> Run {
    let started = Instant::now();
    let out: Output = assert_cmd::Command::from_std(cmd)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code(),
        stdout: stdout(&out),
        stderr: stderr(&out),
    };
    assert!(
        r.code.is_some() && started.elapsed() < TIMEOUT,
        "gazette did not finish within {TIMEOUT:?} (killed)\nstderr:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "gazette panicked:\n{}",
        r.stderr
    );
    r
}

/// Everything in the temporary folder but the output folder.
fn outside_output(site: &TestSite) -> Vec<PathBuf> {
    snapshot(site.tmp.path())
        .into_keys()
        .filter(|p| !p.starts_with("site/public"))
        .collect()
}

/// What a hostile file did to a site with a previous output.
struct Case {
    run: Run,
    site: TestSite,
}

/// Builds a good site, adds `files`, builds again and checks the shared invariants:
/// the build finishes, does not panic, writes nothing outside its output folder; a failed
/// build exits 1 and leaves the previous output byte-identical; a successful one produces
/// valid output.
fn build_case(files: &[(&str, &[u8])]) -> Case {
    let site = new_site();
    let previous = good_build(&site);
    for (rel, bytes) in files {
        site.write(rel, bytes);
    }
    let before = outside_output(&site);
    let run = build(&site, &[]);
    assert_eq!(
        outside_output(&site),
        before,
        "the build wrote outside its output folder"
    );
    match run.code {
        Some(0) => check_output(&site.public()),
        Some(1) => assert_eq!(
            snapshot(&site.public()),
            previous,
            "a failed build changed the previous output"
        ),
        other => panic!("exit status {other:?}\n{}", run.stderr),
    }
    Case { run, site }
}

/// Builds, expecting failure; returns stderr after checking it names `file` (and `line`).
fn fails(files: &[(&str, &[u8])], file: &str, line: Option<usize>) -> String {
    let case = build_case(files);
    let err = case.run.stderr;
    assert_eq!(case.run.code, Some(1), "expected a failed build:\n{err}");
    let at = match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    };
    assert!(
        err.lines().any(|l| l.contains(&at) && l.contains("error")),
        "stderr should name {at}:\n{err}"
    );
    assert!(
        !err.contains("Some(") && !err.contains(" { "),
        "a Debug dump:\n{err}"
    );
    err
}

/// Builds, expecting success; returns the case for further checks.
fn succeeds(files: &[(&str, &[u8])]) -> Case {
    let case = build_case(files);
    assert_eq!(
        case.run.code,
        Some(0),
        "expected success:\n{}",
        case.run.stderr
    );
    case
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Valid output: short plain path segments, no control characters in pages and feeds, JSON
/// that parses, no staging leftovers next to it.
fn check_output(public: &Path) {
    for (rel, bytes) in snapshot(public) {
        for seg in rel.iter() {
            assert!(seg.len() <= 255, "path segment over 255 bytes: {rel:?}");
        }
        let name = rel.to_string_lossy();
        let is_text = [".html", ".xml", ".json"].iter().any(|e| name.ends_with(e));
        if is_text {
            let text =
                String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            assert!(
                !text.chars().any(is_forbidden),
                "control character in {name}"
            );
            assert!(
                !text.contains("\\u0000") && !text.contains("\\u001b") && !text.contains("&#0;"),
                "escaped control character in {name}"
            );
        }
        if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let left = leftovers(public.parent().unwrap());
    assert!(left.is_empty(), "left next to the output: {left:?}");
}

fn feed(site: &TestSite) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(site.public().join("feed.json")).unwrap()).unwrap()
}

/// The titles of the JSON Feed's items.
fn feed_titles(site: &TestSite) -> Vec<String> {
    let items = feed(site)["items"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect()
}

fn article(front: &str, body: &str) -> Vec<u8> {
    markdown(front, body).into_bytes()
}

const A: &str = "content/2024/a.md";

// ---------------------------------------------------------------- front matter

#[test]
fn front_matter_unterminated_empty_or_only_a_delimiter() {
    fails(
        &[(A, b"---\ntitle: T\ndate: 2024-05-01\nbody\n")],
        A,
        Some(1),
    );
    let e = fails(&[(A, b"")], A, None);
    assert!(e.contains("a.md: error: the file is empty"), "{e}");
    let e = fails(&[(A, b"\n \n\t\n")], A, None);
    assert!(e.contains("the file is empty"), "{e}");
    fails(&[(A, b"---\n")], A, Some(1));
    fails(&[(A, b"---")], A, Some(1));
    let e = fails(&[(A, b"---\n---\nbody\n")], A, Some(1));
    assert!(e.contains("empty"), "{e}");
    fails(&[(A, b"just some text\n")], A, Some(1));
}

#[test]
fn front_matter_not_a_mapping() {
    for yaml in ["- a\n- b\n", "hello\n", "42\n", "[a, b]\n", "\"text\"\n"] {
        let e = fails(&[(A, &article(yaml, "x"))], A, Some(2));
        assert!(e.contains("key: value"), "{e}");
    }
}

#[test]
fn front_matter_duplicate_keys_name_the_line() {
    let e = fails(
        &[(A, &article("title: A\ndate: 2024-05-01\n\ntitle: B\n", ""))],
        A,
        Some(5),
    );
    assert!(e.contains("`title` appears twice"), "{e}");
    assert!(!e.contains("DuplicateKeyPolicy"), "{e}");
}

#[test]
fn front_matter_tabs() {
    let e = fails(
        &[(A, &article("title: A\n\tdate: 2024-05-01\n", ""))],
        A,
        Some(3),
    );
    assert!(e.contains("tab"), "{e}");
    // A tab after the colon is legal YAML.
    succeeds(&[(A, &article("title:\tA\ndate:\t2024-05-01\n", "x"))]);
}

#[test]
fn front_matter_alias_bomb_is_refused_quickly() {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10u8 {
        let (n, p) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        let refs = vec![format!("*{p}"); 9].join(",");
        y.push_str(&format!("{n}: &{n} [{refs}]\n"));
    }
    y.push_str("title: T\ndate: 2024-05-01\n");
    let started = Instant::now();
    let e = fails(&[(A, &article(&y, ""))], A, None);
    assert!(e.contains("too many values"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn front_matter_deep_nesting() {
    // 100,000 levels: over the size cap.
    let deep = format!(
        "title: T\ndate: 2024-05-01\nx: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = fails(&[(A, &article(&deep, ""))], A, Some(2));
    assert!(e.contains("limit is 64 KiB"), "{e}");
    // 30,000 flow levels fit the cap and hit the nesting limit.
    let deep = format!("title: T\ndate: 2024-05-01\nx: {}\n", "[".repeat(30_000));
    let e = fails(&[(A, &article(&deep, ""))], A, Some(4));
    assert!(e.contains("nested"), "{e}");
    // Block nesting.
    let mut block = String::from("title: T\ndate: 2024-05-01\nx:\n");
    for i in 1..200 {
        block.push_str(&format!("{}a:\n", " ".repeat(i)));
    }
    let e = fails(&[(A, &article(&block, ""))], A, None);
    assert!(e.contains("nested more than 64 levels"), "{e}");
}

#[test]
fn front_matter_size_cap() {
    let mut y = String::from("title: T\ndate: 2024-05-01\n");
    while y.len() < 100 * 1024 {
        y.push_str(&format!("k{}: {}\n", y.len(), "v".repeat(60)));
    }
    let e = fails(&[(A, &article(&y, ""))], A, Some(2));
    assert!(e.contains("the limit is 64 KiB"), "{e}");
}

#[test]
fn front_matter_in_toml_is_read_and_its_mistakes_named() {
    let case = build_case(&[(A, b"+++\ntitle = \"T\"\ndate = 2024-05-01\n+++\nbody\n")]);
    assert_eq!(case.run.code, Some(0), "{}", case.run.stderr);
    let e = fails(
        &[(
            A,
            b"+++\ntitle = \"T\"\ndate = 2024-05-01\ndate = 2024-05-02\n+++\nbody\n",
        )],
        A,
        Some(4),
    );
    assert!(e.contains("invalid TOML front matter"), "{e}");
}

// ---------------------------------------------------------------- values

#[test]
fn missing_title_or_date() {
    // Without a title, or any text or name to stand in for one.
    let dated = "content/2024-05-01.md";
    let e = fails(
        &[(dated, &article("tags: [a]\n", "![](p.png)"))],
        dated,
        Some(2),
    );
    assert!(e.contains("`title`"), "{e}");
    let e = fails(&[(A, &article("title: T\n", "x"))], A, Some(2));
    assert!(e.contains("`date`") && e.contains("YYYY-MM-DD-"), "{e}");
    // A date in the file name is enough.
    succeeds(&[(
        "content/2024/2024-05-02-named.md",
        &article("title: T\n", "x"),
    )]);
}

#[test]
fn dates_that_are_not_dates() {
    for (date, what) in [
        ("yesterday", "not a date"),
        ("2023-02-29", "calendar"),
        ("2024-13-01", "calendar"),
        ("2024-05-28T25:00", "not a date"),
        ("[2024, 5, 28]", "expected text"),
        ("{y: 2024}", "expected text"),
        ("2024-05-28 09:30 +99", "not a date"),
        ("99999-01-01", "not a date"),
        ("\"\\0\"", "not a date"),
    ] {
        let e = fails(
            &[(A, &article(&format!("title: T\n\ndate: {date}\n"), "x"))],
            A,
            Some(4),
        );
        assert!(e.contains(what), "{date}: {e}");
    }
}

#[test]
fn tags_not_strings_or_not_a_list() {
    let e = fails(
        &[(
            A,
            &article(
                "title: T\ndate: 2024-05-01\ntags: [ok, 1, {a: b}, [x, [y]]]\n",
                "",
            ),
        )],
        A,
        Some(4),
    );
    // A number is its text; a mapping without a name, or a list within a list, is no tag.
    assert!(
        !e.contains("item 2") && e.contains("item 3") && e.contains("item 4"),
        "{e}"
    );
    let e = fails(
        &[(
            A,
            &article("title: T\ndate: 2024-05-01\ntags: {a: b}\n", ""),
        )],
        A,
        Some(4),
    );
    assert!(e.contains("expected a list of text"), "{e}");
    // A single string is one tag.
    let c = succeeds(&[(
        A,
        &article("title: T\ndate: 2024-05-01\ntags: Policy\n", ""),
    )]);
    assert!(c.site.public().join("tags/policy/index.html").is_file());
}

#[test]
fn yaml_11_booleans_stay_strings() {
    let c = succeeds(&[(
        A,
        &article(
            "title: no\ndate: 2024-05-01\ntags: [on, off, yes, n]\n",
            "x",
        ),
    )]);
    let feed = feed(&c.site);
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"].as_str().unwrap().ends_with("/a/"))
        .unwrap();
    assert_eq!(item["title"], "no");
    assert_eq!(item["tags"], serde_json::json!(["on", "off", "yes", "n"]));
}

#[test]
fn hostile_tags_and_slugs_stay_single_safe_segments() {
    let front = "title: T\ndate: 2024-05-01\nslug: \"../../../etc/passwd\"\ntags: [\"a/b\", \"..\", \".\", \"a\\\\b\", \"x\\0y\", \"!!!\", \"🎉🎉\", \"C++\", \"C#\", \"Rust\", \" RUST \", \"/\", \"%2e%2e\"]\n";
    let c = succeeds(&[
        (A, &article(front, "x")),
        (
            "content/2024/b.md",
            &article("title: U\ndate: 2024-05-01\nslug: \"!!!\"\n", "x"),
        ),
        (
            "content/2024/c.md",
            &article("title: V\ndate: 2024-05-01\nslug: \"🎉\"\n", "x"),
        ),
        (
            "content/2024/d.md",
            &article("title: W\ndate: 2024-05-01\nslug: \"\\0/\\\\..\"\n", "x"),
        ),
    ]);
    assert!(c
        .site
        .public()
        .join("2024/05/01/etc-passwd/index.html")
        .is_file());
    for entry in std::fs::read_dir(c.site.public().join("tags")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "index.html"
                || name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}"
        );
    }
    // `C++` and `C#` are languages of their own: two pages, no `-2` and no warning.
    for slug in ["c-plus-plus", "c-sharp"] {
        assert!(
            c.site
                .public()
                .join("tags")
                .join(slug)
                .join("index.html")
                .is_file(),
            "{slug}"
        );
    }
    assert!(!c.run.stderr.contains("same URL slug"), "{}", c.run.stderr);
    // `Rust` and ` RUST ` are one tag, shared with the good article.
    let rust = std::fs::read_to_string(c.site.public().join("tags/rust/index.html")).unwrap();
    assert!(rust.contains("A good story"));
    assert!(!c.site.public().join("tags/rust-2").exists());
}

#[test]
fn slugs_colliding_after_normalization_are_an_error_naming_both_files() {
    let e = fails(
        &[
            (
                A,
                &article("title: T\ndate: 2024-05-01\nslug: Hello World\n", ""),
            ),
            (
                "content/2024/b.md",
                &article("title: U\ndate: 2024-05-01\nslug: \"hello-world!\"\n", ""),
            ),
        ],
        "content/2024/b.md",
        Some(4),
    );
    assert!(
        e.contains("content/2024/a.md:4") && e.contains("/2024/05/01/hello-world/"),
        "{e}"
    );
}

#[test]
fn thousand_character_values_make_no_long_path_segment() {
    let long = "Ünïcode wörds ".repeat(72);
    let front = format!(
        "title: \"{long}\"\ndate: 2024-05-01\nslug: \"{long}\"\ntags: [\"{long}\"]\nedition: \"{long}\"\nsource: {{name: \"{long}\", url: \"https://example.com/{}\"}}\n",
        "x".repeat(1000)
    );
    let name = format!("content/{}.md", "n".repeat(240));
    let c = succeeds(&[
        (A, &article(&front, "x")),
        (&name, &article("title: T\ndate: 2024-05-03\n", "x")),
    ]);
    check_output(&c.site.public());
}

// ---------------------------------------------------------------- bytes

#[test]
fn invalid_utf8_names_file_and_line() {
    let e = fails(
        &[(
            A,
            b"---\ntitle: T\ndate: 2024-05-01\n---\nfine\nbad \xff\xfe here\n",
        )],
        A,
        Some(6),
    );
    assert!(e.contains("UTF-8"), "{e}");
    let e = fails(&[(A, b"---\ntitle: \xc3\n---\n")], A, Some(2));
    assert!(e.contains("UTF-8"), "{e}");
    // A file an older editor saved as Windows-1252: the column of the first bad byte, and
    // the line as it reads in that encoding, for the curator to recognise.
    let e = fails(
        &[(
            A,
            b"---\ntitle: Caf\xe9 \x93news\x94\ndate: 2024-05-01\n---\nbody\n",
        )],
        A,
        Some(2),
    );
    assert!(
        e.contains(&format!("{A}:2:11"))
            && e.contains("Windows-1252")
            && e.contains("reads \"title: Café “news”\""),
        "{e}"
    );
    // A UTF-8 file with one damaged byte: no Windows-1252 reading, which would garble the
    // rest.
    let mut damaged = "---\ntitle: Café\ndate: 2024-05-01\n---\nnaïve — ok\nbad "
        .as_bytes()
        .to_vec();
    damaged.extend_from_slice(b"\xe9 here\n");
    let e = fails(&[(A, &damaged)], A, Some(6));
    assert!(
        e.contains("the rest of the file is UTF-8") && !e.contains("Windows-1252"),
        "{e}"
    );
    // A picture saved with a Markdown name is called what it is.
    let e = fails(&[(A, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff")], A, Some(1));
    assert!(
        e.contains("is not a text file (it holds binary data)"),
        "{e}"
    );
}

#[test]
fn control_bytes_never_reach_the_output() {
    let text = "---\ntitle: \"a\\0b\\x1bc\\x7f\\x85d\"\ndate: 2024-05-01\nsummary: \"s\\x07s\"\ntags: [\"t\\x01g\"]\nsource: {name: \"n\\x02\", url: \"https://example.com/a\"}\nmood: \"m\\x03\"\n---\nbody \0 nul \x1b[31m esc \x7f del \u{85} nel \x01\x02\n\nrefs: &#0; &#x1b; &#127; &#x85; &#1;\n\n```\ncode \x01\x1b\n```\n\n`span \x1b` and <span>\x1b</span>\n";
    let c = succeeds(&[(A, text.as_bytes())]);
    let titles = feed_titles(&c.site);
    assert!(titles.iter().any(|t| t == "abcd"), "{titles:?}");
}

#[test]
fn bom_crlf_and_mixed_line_endings() {
    let c = succeeds(&[
        (
            A,
            b"\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\ndate: 2024-05-01\r\n---\r\nbody\r\n",
        ),
        (
            "content/2024/b.md",
            b"---\rtitle: Old Mac\rdate: 2024-05-02\r---\rbody\r",
        ),
        (
            "content/2024/c.md",
            b"---\r\ntitle: Mixed\ndate: 2024-05-03\r---\r\nbody\n\rmore\r\n",
        ),
    ]);
    let titles = feed_titles(&c.site);
    for t in ["BOM and CRLF", "Old Mac", "Mixed"] {
        assert!(titles.iter().any(|have| have == t), "{titles:?}");
    }
    // Lines stay right with CRLF.
    fails(
        &[(
            A,
            b"\xef\xbb\xbf---\r\ntitle: T\r\n\r\ndate: nope\r\n---\r\n",
        )],
        A,
        Some(4),
    );
}

/// UTF-16 with a byte-order mark (Notepad's "Unicode"), either byte order, is read; bytes
/// after the mark that are no UTF-16 are an error that says to save as UTF-8.
#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let utf16 = |text: &str, big: bool| -> Vec<u8> {
        let mark: &[u8] = if big { b"\xfe\xff" } else { b"\xff\xfe" };
        let units = text.encode_utf16().flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        });
        mark.iter().copied().chain(units).collect()
    };
    let little = utf16(
        "---\r\ntitle: Wide café\r\ndate: 2024-05-01\r\n---\r\nbody\r\n",
        false,
    );
    let big = utf16("---\ntitle: Big café\ndate: 2024-05-02\n---\nbody\n", true);
    let c = succeeds(&[(A, &little), ("content/2024/b.md", &big)]);
    let titles = feed_titles(&c.site);
    assert!(
        titles.iter().any(|t| t == "Wide café") && titles.iter().any(|t| t == "Big café"),
        "{titles:?}"
    );
    // A lone surrogate after line 5: the error is at line 6; an odd last byte too.
    let mut lone = little.clone();
    lone.extend([0x00, 0xd8, b'x', 0]);
    fails(&[(A, &lone)], A, Some(6));
    let mut odd = little.clone();
    odd.push(0);
    let e = fails(&[(A, &odd)], A, Some(6));
    assert!(
        e.contains("saved as UTF-16") && e.contains("save the file as UTF-8"),
        "{e}"
    );
}

// ---------------------------------------------------------------- size and shape

#[test]
fn fifty_megabyte_article_is_refused_by_the_cap() {
    let site = new_site();
    let previous = good_build(&site);
    let path = site.write(A, b"---\ntitle: T\ndate: 2024-05-01\n---\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let r = build(&site, &[]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains(A) && r.stderr.contains("limit for one article"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&site.public()), previous);
}

#[test]
fn ten_megabyte_single_line_is_refused_and_two_megabytes_render() {
    let mut big = article("title: T\ndate: 2024-05-01\n", "");
    big.extend("lorem ipsum ".repeat(10_000_000 / 12).bytes());
    let e = fails(&[(A, &big)], A, None);
    assert!(e.contains("8 MiB"), "{e}");
    let mut line = article("title: T\ndate: 2024-05-01\n", "");
    line.extend("word *em* [link](x) ".repeat(2_000_000 / 20).bytes());
    succeeds(&[(A, &line)]);
}

#[test]
fn pathological_markdown_nesting_finishes() {
    let n = 250_000;
    for body in [
        "> ".repeat(n),
        "- ".repeat(n),
        "1. ".repeat(n / 2),
        "[".repeat(2 * n),
        format!("{}{}", "[".repeat(n), "](x)".repeat(n)),
        format!("{}{}", "*a ".repeat(n / 2), "b* ".repeat(n / 2)),
        "*_".repeat(n),
        "<".repeat(2 * n),
        "`a".repeat(n),
        (1..1200)
            .map(|i| format!("{}x\n\n", "> ".repeat(i % 300)))
            .collect(),
    ] {
        let started = Instant::now();
        succeeds(&[(A, &article("title: T\ndate: 2024-05-01\n", &body))]);
        assert!(started.elapsed() < TIMEOUT);
    }
}

// ---------------------------------------------------------------- the file system

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn fifos_are_skipped_without_blocking() {
    let site = new_site();
    good_build(&site);
    mkfifo(&site.root().join("content/2024/pipe.md"));
    mkfifo(&site.root().join("content/2024/pipe.png"));
    mkfifo(&site.root().join("static/pipe.css"));
    let r = build(&site, &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/2024/pipe.md: warning: skipped"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/2024/pipe.png: warning: skipped"),
        "{}",
        r.stderr
    );
    assert!(!site.public().join("2024/pipe.png").exists());
    check_output(&site.public());
}

#[test]
fn symlinks_outside_loops_and_root_are_skipped() {
    let site = new_site();
    good_build(&site);
    let secret = site.tmp.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET outside the site").unwrap();
    let secret_md = site.tmp.path().join("secret.md");
    std::fs::write(
        &secret_md,
        article("title: TOP SECRET\ndate: 2024-05-01\n", "x"),
    )
    .unwrap();
    let c = site.root().join("content/2024");
    let link =
        |target: &Path, name: &str| std::os::unix::fs::symlink(target, c.join(name)).unwrap();
    link(&secret, "secret.txt");
    link(&secret_md, "secret.md");
    link(Path::new("/"), "root");
    link(Path::new("/etc/passwd"), "passwd.md");
    link(Path::new("loop-b"), "loop-a");
    link(Path::new("loop-a"), "loop-b");
    link(Path::new("missing"), "dangling.md");
    link(Path::new(".."), "parent");
    link(Path::new("good.md"), "alias.md");
    let before = outside_output(&site);
    let r = build(&site, &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(outside_output(&site), before);
    for name in [
        "secret.txt",
        "secret.md",
        "root",
        "passwd.md",
        "loop-a",
        "loop-b",
        "dangling.md",
        "parent",
    ] {
        assert!(
            r.stderr
                .contains(&format!("content/2024/{name}: warning: skipped symlink")),
            "{name}: {}",
            r.stderr
        );
    }
    for (rel, bytes) in snapshot(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("TOP SECRET") && !text.contains("root:x:0"),
            "{rel:?}"
        );
    }
    // A symlink to another post of content/ is skipped: that post is published itself.
    assert!(!site.public().join("2024/05/28/alias/index.html").is_file());
    assert!(
        r.stderr.contains(
            "content/2024/alias.md: warning: skipped symlink: it points to `2024/good.md`, which is published itself"
        ),
        "{}",
        r.stderr
    );
    // One to a draft (a folder the walk passes over) publishes it, as before.
    std::fs::create_dir_all(site.root().join("content/_drafts")).unwrap();
    std::fs::write(
        site.root().join("content/_drafts/soon.md"),
        article("title: Soon\ndate: 2024-05-03\n", "x"),
    )
    .unwrap();
    link(&site.root().join("content/_drafts/soon.md"), "soon.md");
    // One to a file elsewhere in the site is followed.
    std::fs::write(
        site.root().join("notes.md"),
        article("title: Notes kept beside\ndate: 2024-05-02\n", "x"),
    )
    .unwrap();
    link(&site.root().join("notes.md"), "notes.md");
    let r = build(&site, &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(site.public().join("2024/05/02/notes/index.html").is_file());
    assert!(site.public().join("2024/05/03/soon/index.html").is_file());
    check_output(&site.public());
}

/// True when running as root (whose reads chmod cannot stop).
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// `gazette build` as the `nobody` user when running as root (whose reads chmod cannot
/// stop), from a copy of the binary in the site's temporary folder: the repository may sit
/// in a folder `nobody` cannot enter (root's home is mode 700).
fn build_as_unprivileged(site: &TestSite) -> Command {
    use std::os::unix::process::CommandExt;
    if !is_root() {
        return site.command(&["build"]);
    }
    let bin = site.tmp.path().join("gazette-as-nobody");
    if !bin.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_gazette"), &bin).unwrap();
    }
    let mut cmd = Command::new(&bin);
    cmd.env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .current_dir(site.tmp.path())
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .uid(65534)
        .gid(65534);
    cmd
}

#[test]
fn unreadable_files_and_folders() {
    use std::os::unix::fs::PermissionsExt;
    let site = new_site();
    let perm = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    if is_root() {
        // `nobody` must reach the site and write its output.
        perm(site.tmp.path(), 0o755);
        perm(site.root(), 0o777);
    }
    assert_eq!(run(build_as_unprivileged(&site)).code, Some(0));
    let previous = snapshot(&site.public());
    let md = site.write(
        "content/2024/secret.md",
        article("title: S\ndate: 2024-05-01\n", "x"),
    );
    perm(&md, 0o000);
    let dir = site.root().join("content/private");
    site.write(
        "content/private/p.md",
        article("title: P\ndate: 2024-05-01\n", "x"),
    );
    perm(&dir, 0o000);
    let r = run(build_as_unprivileged(&site));
    perm(&dir, 0o755);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/2024/secret.md: error: cannot read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/private: warning: skipped"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&site.public()), previous);

    // An unreadable image: the build fails naming it, the old output stays.
    perm(&md, 0o644);
    std::fs::remove_file(&md).unwrap();
    let png = site.write("content/2024/pic.png", b"png");
    perm(&png, 0o000);
    let r = run(build_as_unprivileged(&site));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("copying") && r.stderr.contains("content/2024/pic.png"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&site.public()), previous);
}

#[test]
fn file_names_with_spaces_and_url_characters() {
    let c = succeeds(&[
        (
            "content/2024/with space ?#%&.md",
            &article("title: Odd name\ndate: 2024-05-01\n", "x"),
        ),
        ("content/2024/pic ?#%&.png", b"png"),
        ("content/2024/a\\..\\..\\evil.png", b"evil"),
        ("content/2024/new\nline.txt", b"nl"),
        ("static/odd name &.css", b"css"),
    ]);
    let p = c.site.public();
    assert!(p.join("2024/05/01/with-space/index.html").is_file());
    assert_eq!(std::fs::read(p.join("2024/pic ?#%&.png")).unwrap(), b"png");
    assert_eq!(std::fs::read(p.join("odd name &.css")).unwrap(), b"css");
    assert!(
        c.run.stderr.contains("evil.png: warning: skipped"),
        "{}",
        c.run.stderr
    );
    assert!(!c.site.tmp.path().join("evil.png").exists());
}

// ---------------------------------------------------------------- the output

#[test]
fn kill_9_mid_build_keeps_the_previous_output() {
    let site = new_site();
    let body = "A paragraph of text that makes the page a little longer. ".repeat(40);
    for i in 0..1500 {
        site.write(
            &format!("content/2024/story-{i}.md"),
            article(
                &format!(
                    "title: Story {i}\ndate: 2024-05-{:02}\ntags: [t{}]\n",
                    i % 28 + 1,
                    i % 50
                ),
                &body,
            ),
        );
    }
    let previous = good_build(&site);
    site.write(
        "content/2024/new.md",
        article("title: New\ndate: 2024-05-01\n", "x"),
    );
    // A build makes its staging folder once it holds the output's lock.
    let staging = || {
        leftovers(site.root())
            .into_iter()
            .any(|n| n.starts_with(".public.gazette-staging-"))
    };
    let mut killed_while_staging = false;
    for attempt in 0..3 {
        let mut child = site.command(&["build", "--quiet"]).spawn().unwrap();
        let started = Instant::now();
        // Kill as soon as the staging folder appears (mid-write), or after a delay.
        loop {
            if staging() {
                killed_while_staging = true;
                break;
            }
            if child.try_wait().unwrap().is_some() || started.elapsed() > TIMEOUT {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&site.public());
        if status.success() {
            // Finished before the kill: the new output must be complete.
            assert!(
                now.contains_key(Path::new("2024/05/01/new/index.html")),
                "attempt {attempt}"
            );
            std::fs::remove_file(site.root().join("content/2024/new.md")).unwrap();
            assert_eq!(build(&site, &[]).code, Some(0));
            site.write(
                "content/2024/new.md",
                article("title: New\ndate: 2024-05-01\n", "x"),
            );
            continue;
        }
        assert_eq!(now, previous, "a killed build changed the previous output");
        if killed_while_staging {
            break;
        }
    }
    assert!(killed_while_staging, "never caught the build mid-write");
    assert!(
        staging(),
        "the killed build's staging folder is gone already"
    );
    // The kernel released the killed build's lock: the next build does not wait (with
    // --no-wait it would fail if it had to), cleans the leftovers and succeeds.
    let r = build(&site, &["--no-wait"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("waiting"), "{}", r.stderr);
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    assert!(site.public().join("2024/05/01/new/index.html").is_file());
}

#[test]
fn output_that_cannot_be_written_is_a_clear_error() {
    let site = new_site();
    good_build(&site);
    std::fs::write(site.tmp.path().join("a-file"), "x").unwrap();
    let r = build(&site, &["--output", "a-file/public"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("a-file") && r.stderr.contains("Not a directory"),
        "{}",
        r.stderr
    );
    let r = build(&site, &["--output", "a-file"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("it is a file"), "{}", r.stderr);
    assert_eq!(std::fs::read(site.tmp.path().join("a-file")).unwrap(), b"x");
}

/// A full disk and a read-only output, on a small tmpfs in a private mount namespace
/// (skipped where `unshare` may not make one).
#[test]
fn full_disk_and_read_only_output_keep_the_previous_output() {
    let Some(mut cmd) = mount_namespace() else {
        return;
    };
    let site = new_site();
    let mnt = site.tmp.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("gazette");
    let big = site.tmp.path().join("big.bin");
    std::fs::write(&big, vec![7u8; 3 * 1024 * 1024]).unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o size=2m tmpfs "$MNT" || exit 90
        "$BIN" --root "$ROOT" build --quiet --output "$MNT/public" || exit 91
        cp -a "$MNT/public" "$MNT/../snapshot"
        cp "$BIG" "$ROOT/content/big.bin"
        "$BIN" --root "$ROOT" build --quiet --output "$MNT/public"; echo "full disk: $?"
        diff -r "$MNT/public" "$MNT/../snapshot" >/dev/null && echo "full disk: intact"
        ls -a "$MNT" | sed 's/^/left: /'
        rm "$ROOT/content/big.bin"
        mount -o remount,ro "$MNT"
        "$BIN" --root "$ROOT" build --quiet --output "$MNT/public"; echo "read-only: $?"
        diff -r "$MNT/public" "$MNT/../snapshot" >/dev/null && echo "read-only: intact"
    "#;
    cmd.args(["sh", "-c", script])
        .env("MNT", &mnt)
        .env("BIN", &bin)
        .env("ROOT", site.root())
        .env("BIG", &big)
        .env("NO_COLOR", "1");
    let r = run(cmd);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(r.code == Some(0) || r.code == Some(1), "{all}");
    assert!(
        all.contains("full disk: 1") && all.contains("full disk: intact"),
        "{all}"
    );
    assert!(all.contains("No space left on device"), "{all}");
    assert!(
        !all.contains("left: .public.gazette-staging")
            && !all.contains("left: .public.gazette-old"),
        "staging left behind: {all}"
    );
    assert!(
        all.contains("read-only: 1") && all.contains("read-only: intact"),
        "{all}"
    );
    assert!(all.contains("Read-only file system"), "{all}");
}

#[test]
fn output_at_the_site_content_or_a_foreign_folder_is_refused() {
    let site = new_site();
    good_build(&site);
    let foreign = site.tmp.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.tex"), "precious").unwrap();
    let root = site.root().to_path_buf();
    for (out, why) in [
        (root.clone(), "contains the site itself"),
        (root.join("."), "contains the site itself"),
        (site.tmp.path().to_path_buf(), "contains the site itself"),
        (root.join("content"), "inside the site's content/"),
        (root.join("content/2024"), "inside the site's content/"),
        (
            root.join("content/../content"),
            "inside the site's content/",
        ),
        (foreign.clone(), "not empty and was not made by gazette"),
        (PathBuf::from("/"), "contains the site itself"),
        // Inside the site gazette built into public/: its next build would remove it.
        (
            site.public().join("sub"),
            "which its next build replaces whole",
        ),
        (
            site.public().join("2024/sub"),
            "which its next build replaces whole",
        ),
    ] {
        let before = snapshot(site.tmp.path());
        let r = build(&site, &["--output", out.to_str().unwrap()]);
        assert_eq!(r.code, Some(1), "{out:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing") && r.stderr.contains(why),
            "{out:?}: {}",
            r.stderr
        );
        assert_eq!(snapshot(site.tmp.path()), before, "{out:?}");
    }
    assert_eq!(
        std::fs::read_to_string(foreign.join("thesis.tex")).unwrap(),
        "precious"
    );
}
