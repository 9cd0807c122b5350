//! Tests of `render` as a whole: Markdown features, code blocks, safety, properties.

use super::*;
use crate::text::is_forbidden_char;
use std::sync::LazyLock;

static HL: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);

const SAFE: MarkdownOptions = MarkdownOptions {
    math: false,
    unsafe_html: false,
    highlight: true,
};

fn md(src: &str) -> Rendered {
    render(src, "story", &SAFE, &HL)
}

fn html(src: &str) -> String {
    md(src).html
}

// ---- Markdown features -------------------------------------------------------------

#[test]
fn generates_unique_heading_ids_and_keeps_explicit_ones() {
    let out =
        html("# Intro\n\n## Intro\n\n## Why? {#why-now}\n\n## Intro\n\n### Intro {#intro-1}\n");
    assert!(out.contains("<h1 id=\"intro\">"), "{out}");
    assert!(out.contains("<h2 id=\"intro-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"why-now\">Why?</h2>"), "{out}");
    assert!(out.contains("<h2 id=\"intro-3\">"), "{out}");
    assert!(out.contains("<h3 id=\"intro-1\">"), "{out}");
}

#[test]
fn drops_custom_heading_attributes_unless_unsafe() {
    let src = "## Title {.wide onclick=alert(1)}\n";
    let safe = html(src);
    assert!(safe.contains("class=\"wide\""), "{safe}");
    assert!(!safe.contains("onclick"), "{safe}");
    let opts = MarkdownOptions {
        math: false,
        unsafe_html: true,
        highlight: true,
    };
    assert!(render(src, "", &opts, &HL).html.contains("onclick"));
}

#[test]
fn prefixes_footnote_ids_so_articles_can_share_a_page() {
    let src = "Claim[^a] and again[^a].\n\n[^a]: The source.\n";
    let one = render(src, "first-story", &SAFE, &HL).html;
    let two = render(src, "second-story", &SAFE, &HL).html;
    assert!(one.contains("id=\"first-story-fnref-1\""), "{one}");
    assert!(one.contains("id=\"first-story-fnref-1-2\""), "{one}");
    assert!(one.contains("href=\"#first-story-fn-1\""), "{one}");
    assert!(one.contains("id=\"first-story-fn-1\""), "{one}");
    assert!(one.contains("href=\"#first-story-fnref-1\""), "{one}");
    assert!(two.contains("id=\"second-story-fn-1\""), "{two}");
}

#[test]
fn footnotes_go_at_the_end_in_their_order() {
    let src = "One[^b].\n\n[^b]: Second written, first cited.\n\n## Next\n\nTwo[^a].\n\n[^a]: First written.\n\nLast words.\n";
    let out = html(src);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s}: {out}"));
    assert!(at("Last words.") < at("id=\"story-fn-1\""), "{out}");
    assert!(at("id=\"story-fn-1\"") < at("id=\"story-fn-2\""), "{out}");
    assert!(at("Second written") < at("First written"), "{out}");
}

#[test]
fn renders_gfm_tables_strikethrough_and_task_lists() {
    let out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo\n");
    assert!(
        out.contains("<th style=\"text-align: left\">a</th>"),
        "{out}"
    );
    assert!(out.contains("<del>old</del>"), "{out}");
    assert!(out.contains("type=\"checkbox\" checked=\"\""), "{out}");
}

#[test]
fn links_bare_addresses_as_gfm_does() {
    assert_eq!(
        html("See https://example.org/a_b_c/ or www.example.org, not `https://x.org/`.\n"),
        "<p>See <a href=\"https://example.org/a_b_c/\">https://example.org/a_b_c/</a> or \
         <a href=\"http://www.example.org\">www.example.org</a>, not <code>https://x.org/</code>.</p>\n"
    );
    // An address already in a link, in code, or written `<…>` is linked once.
    let linked = html("[https://a.org](https://a.org) <https://b.org>\n\n    https://c.org\n");
    assert_eq!(linked.matches("<a ").count(), 2, "{linked}");
    // Words around emphasis stay as they were.
    assert_eq!(
        html("*Go* to https://example.org/x_y, _now_.\n"),
        "<p><em>Go</em> to <a href=\"https://example.org/x_y\">https://example.org/x_y</a>, <em>now</em>.</p>\n"
    );
    assert_eq!(md("Read https://example.org/x now.").words, 3);
    // An address is linked as written, not as smart punctuation shows it; the quotes
    // around it stay curly.
    let smart = html("He said \"read https://a.org/x\". See https://a.org/v1.0...v1.1 and https://a.org/it's--here.\n");
    for linked in [
        "<a href=\"https://a.org/x\">https://a.org/x</a>”",
        "“read ",
        "<a href=\"https://a.org/v1.0...v1.1\">",
        "<a href=\"https://a.org/it&#x27;s--here\">https://a.org/it's--here</a>.",
    ] {
        assert!(smart.contains(linked), "{linked}: {smart}");
    }
    // Nor inside raw HTML links and code.
    let raw = html("Go <a href=\"https://a.org/p\">https://a.org/p</a> or <code>https://b.org</code> or https://c.org\n");
    assert_eq!(raw.matches("<a ").count(), 2, "{raw}");
}

#[test]
fn applies_smart_punctuation() {
    assert!(html("\"Quoted\" -- it's...").contains("“Quoted” – it’s…"));
}

#[test]
fn counts_words_in_any_script_and_whitespace() {
    // Non-ASCII letters and digits start words; non-ASCII spaces (NBSP, ideographic and em
    // space) end them; dashes and symbols do not start one.
    let r = md("Übung ½ 東京\u{3000}déjà\u{a0}vu x\u{2003}y\u{c}z — € 42\n");
    // Übung, ½ (numeric), 東京, déjà, vu, x, yz (the form feed is scrubbed), 42
    assert_eq!(r.words, 8);
}

#[test]
fn chinese_and_japanese_are_read_by_the_character() {
    // 東京で会議 (5) and ひらがな (4) count; Hangul, written with spaces, counts in words.
    let r = md("東京で会議 and ひらがな, 한국어 말\n");
    assert_eq!((r.cjk_chars, r.words), (9, 5));
    // 500 characters a minute: 1,200 of them take three minutes, as 600 English words do.
    let ja = md(&"漢字かな".repeat(300));
    assert_eq!((ja.cjk_chars, ja.reading_minutes()), (1200, 3));
    let en = md(&"word ".repeat(600));
    assert_eq!((en.cjk_chars, en.reading_minutes()), (0, 3));
    assert_eq!(md("").reading_minutes(), 1);
}

#[test]
fn counts_words_of_text_not_markup_or_code() {
    let r = md("# Two words\n\nDon't *split* foo**bar** — [a link](https://x.org).\n\n```\nnot counted\n```\n");
    // Two, words, Don't, split, foobar, a, link
    assert_eq!(r.words, 7);
}

#[test]
fn records_links_and_images_with_source_lines() {
    let src = "Intro.\n\nSee [a](https://a.example/) and\n![pic](img/p.png).\n\n[ref][r] <https://auto.example/>\n\n[r]: /local/\n";
    let links = md(src).links;
    let got: Vec<_> = links
        .iter()
        .map(|l| (l.dest.as_str(), l.line, l.is_image))
        .collect();
    assert_eq!(
        got,
        [
            ("https://a.example/", 3, false),
            ("img/p.png", 4, true),
            ("/local/", 6, false),
            ("https://auto.example/", 6, false),
        ]
    );
}

// ---- Summary ------------------------------------------------------------------------

#[test]
fn summary_is_the_part_before_the_more_marker() {
    let r = md("## Lead\n\nFirst.\n\nSecond.\n\n<!-- more -->\n\nRest.\n");
    assert_eq!(
        r.summary_html,
        "<p><strong>Lead</strong></p>\n<p>First.</p>\n<p>Second.</p>\n"
    );
    assert!(
        !r.html.contains("more"),
        "marker is not published: {}",
        r.html
    );
}

#[test]
fn a_summary_of_only_a_heading_gives_way_to_the_next_paragraph() {
    let r = md("# Weekly news\n\n<!-- more -->\n\nThe first *real* words.\n\n### Later\n");
    assert_eq!(r.summary_html, "<p>The first <em>real</em> words.</p>\n");
    assert!(
        r.html.contains("<h1 id=\"weekly-news\">Weekly news</h1>"),
        "{}",
        r.html
    );
}

#[test]
fn a_curators_summary_has_no_headings_either() {
    let hl = Highlighter::new();
    let (html, _) =
        super::render_summary("### Big\n\nSmall *words*.", None, &Default::default(), &hl);
    assert_eq!(
        html,
        "<p><strong>Big</strong></p>\n<p>Small <em>words</em>.</p>\n"
    );
}

#[test]
fn summary_closes_tags_open_at_an_inline_more_marker() {
    let r = md("> Quoted *start <!--more--> end*\n");
    assert_eq!(
        r.summary_html,
        "<blockquote>\n<p>Quoted <em>start </em></p>\n</blockquote>\n"
    );
}

#[test]
fn summary_is_the_first_paragraph_without_footnote_ids() {
    let r = md("# Title\n\nFirst[^n] para.\n\nSecond.\n\n[^n]: Note.\n");
    assert_eq!(r.summary_html, "<p>First para.</p>\n");
    assert_eq!(md("# Only a heading\n").summary_html, "");
    assert_eq!(md("").summary_html, "");
}

#[test]
fn summary_is_the_first_html_paragraph_when_it_comes_first() {
    // As WordPress exports write posts: comments, paragraphs and figures as raw HTML.
    let wp = "<!-- wp:image -->\n<figure><img src=\"a.jpg\" alt=\"A\"></figure>\n<!-- /wp:image -->\n\n<!-- wp:paragraph -->\n<p class=\"lead\">The <b>first</b> words.</p>\n<!-- /wp:paragraph -->\n\n<p>Second.</p>\n\nThen Markdown.\n";
    assert_eq!(
        md(wp).summary_html,
        "<p class=\"lead\">The <b>first</b> words.</p>"
    );
    // Sanitized as the body is, and a paragraph with no text is passed over.
    let r = md("<p><img src=x></p>\n<p onclick=\"x()\">Clean <script>bad()</script>text</p>\n");
    assert_eq!(r.summary_html, "<p>Clean text</p>");
    // A Markdown paragraph first stays the summary; `<pre>` is no paragraph.
    assert_eq!(
        md("First.\n\n<p>Then HTML.</p>\n").summary_html,
        "<p>First.</p>\n"
    );
    assert_eq!(
        md("<pre>\ncode\n</pre>\n\nText.\n").summary_html,
        "<p>Text.</p>\n"
    );
    // A `<p>` shown as code, or commented out, is no paragraph.
    assert_eq!(
        md("<pre><code>&lt;p&gt;x</code>\n<p>In code.</p></pre>\n<p>Real.</p>\n").summary_html,
        "<p>Real.</p>"
    );
    assert_eq!(
        md("<!-- <p>Old intro.</p> -->\n<p>New intro.</p>\n").summary_html,
        "<p>New intro.</p>"
    );
    // WordPress's spacer paragraph is no text; an upper-case `<P>` is a paragraph.
    assert_eq!(
        md("<p>&nbsp;</p>\n<p>The real intro.</p>\n").summary_html,
        "<p>The real intro.</p>"
    );
    assert_eq!(
        md("<P>Shouted.</P>\n\nText.\n").summary_html,
        "<p>Shouted.</p>"
    );
}

#[test]
fn a_paragraph_opening_with_a_picture_is_a_caption_not_the_summary() {
    let r = md("![Worms](w.jpg) Happy worms\n\nComposting takes patience.\n");
    assert_eq!(r.summary_html, "<p>Composting takes patience.</p>\n");
    let r = md("<img src=\"w.jpg\" alt=\"W\"> Happy worms\n\n<p>Bins first.</p>\n");
    assert_eq!(r.summary_html, "<p>Bins first.</p>");
    let r = md("<p><img src=\"w.jpg\" alt=\"W\"> Happy</p>\n\nBins first.\n");
    assert_eq!(r.summary_html, "<p>Bins first.</p>\n");
    // A linked picture is a picture too.
    let r = md("[![Worms](w.jpg)](big.jpg) Happy\n\nBins first.\n");
    assert_eq!(r.summary_html, "<p>Bins first.</p>\n");
    let r =
        md("<p><a href=\"big.jpg\"><img src=\"w.jpg\" alt=\"W\"></a> Happy</p>\n<p>Bins.</p>\n");
    assert_eq!(r.summary_html, "<p>Bins.</p>");
    // With nothing else, the caption it is.
    let r = md("![Worms](w.jpg) Happy worms\n");
    assert!(r.summary_html.contains("Happy worms"), "{}", r.summary_html);
}

#[test]
fn summary_is_sanitized_too() {
    let r = md("Hi <img src=x onerror=alert(1)> there.\n");
    assert!(
        r.summary_html.contains("<img alt=\"\" src=\"x\">"),
        "{}",
        r.summary_html
    );
    assert!(!r.summary_html.contains("onerror"));
}

// ---- Code blocks --------------------------------------------------------------------

#[test]
fn highlights_rust_with_rs_alias() {
    let out = html("```rs\nfn main() {}\n```\n");
    assert!(
        out.starts_with("<pre class=\"hl-code\"><code class=\"language-rs\">"),
        "{out}"
    );
    assert!(
        out.contains("hl-storage hl-type hl-function hl-rust"),
        "{out}"
    );
}

#[test]
fn highlighting_snapshots_for_info_string_forms() {
    let cases = [
        ("rust", "rust", "let x = 1; // one"),
        ("rust_ignore", "rust,ignore", "let x = 1;"),
        ("rust_equals", "rust=", "let x = 1;"),
        ("pandoc_python", "{.python}", "def f(): return 'x'"),
        ("console", "console", "$ cargo build --release"),
        ("sh", "sh", "echo \"$HOME\" | wc -c"),
        ("shell", "shell", "export A=1"),
        ("yml", "yml", "key: [1, two]"),
        ("js", "js", "const a = () => `t`;"),
        ("ts", "ts", "let n: number = 1;"),
        ("json", "json", "{\"a\": [true, null]}"),
        ("diff", "diff", "-old\n+new"),
        ("toml", "toml", "[package]\nname = \"x\""),
        ("text", "text", "plain <b>"),
        ("unknown", "klingon", "qaStaH <nuq>"),
    ];
    for (name, info, code) in cases {
        let out = html(&format!("```{info}\n{code}\n```\n"));
        insta::assert_snapshot!(format!("highlight_{name}"), out);
    }
}

#[test]
fn renders_unknown_language_as_plain_code_with_class() {
    let out = html("```no-such-lang\n<x> & y\n```\n");
    assert_eq!(
        out,
        "<pre class=\"hl-code\"><code class=\"language-no-such-lang\">&lt;x&gt; &amp; y\n</code></pre>\n"
    );
}

#[test]
fn renders_plain_code_when_highlighting_is_off() {
    let opts = MarkdownOptions {
        math: false,
        unsafe_html: false,
        highlight: false,
    };
    let out = render("```rust\nfn <main>() {}\n```\n", "", &opts, &HL).html;
    assert_eq!(
        out,
        "<pre><code class=\"language-rust\">fn &lt;main&gt;() {}\n</code></pre>\n"
    );
}

#[test]
fn handles_every_kind_of_code_block() {
    for (src, code) in [
        ("    indented <code>\n", "indented &lt;code&gt;"),
        ("~~~python\nprint(1)\n~~~\n", "print"),
        ("````md\n```\ninner\n```\n````\n", "inner"),
        (
            "```rust\nfn unterminated() {}\n\nstill code\n",
            "still code",
        ),
    ] {
        let out = html(src);
        assert!(out.starts_with("<pre"), "{src:?} gave {out}");
        assert!(out.contains(code), "{src:?} gave {out}");
        assert!(
            out.trim_end().ends_with("</code></pre>"),
            "{src:?} gave {out}"
        );
    }
}

#[test]
fn keeps_language_class_safe_from_hostile_info_strings() {
    let out = html("```\"><script>alert(1)</script>\nx\n```\n");
    assert!(out.starts_with("<pre class=\"hl-code\"><code>x"), "{out}");
    let out = html("```c\"onmouseover=alert(1)\nx\n```\n");
    assert!(out.contains("<code class=\"language-c\">"), "{out}");
}

// ---- Safety -------------------------------------------------------------------------

/// Each payload kind, what must not appear (lowercased output), and what must remain.
const PAYLOADS: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "script tag",
        "Hi <script>alert(1)</script> there",
        &["<script", "alert"],
        &["Hi"],
    ),
    (
        "script block",
        "<script>\nalert(1)\n</script>\n\nText",
        &["<script", "alert"],
        &["<p>Text</p>"],
    ),
    (
        "style tag",
        "<style>body{display:none}</style>\n\nText",
        &["<style", "display"],
        &["Text"],
    ),
    (
        "event handler",
        "<img src=\"https://x.org/a.png\" onerror=\"alert(1)\">",
        &["onerror"],
        &["<img alt=\"\" src=\"https://x.org/a.png\">"],
    ),
    (
        "svg onload",
        "<svg onload=alert(1)><circle r=1></svg>",
        &["onload", "<svg"],
        &[],
    ),
    (
        "iframe javascript",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        &["<iframe", "javascript"],
        &[],
    ),
    (
        "raw link entity",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        &["javascript", "href"],
        &[">x</a>"],
    ),
    (
        "raw link tab entity",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        &["script:", "href"],
        &[],
    ),
    (
        "raw link colon entity",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        &["javascript", "href"],
        &[],
    ),
    (
        "raw data link",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        &["data:", "<script"],
        &[],
    ),
    (
        "meta refresh",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil\">",
        &["<meta", "refresh"],
        &[],
    ),
    (
        "form",
        "<form action=\"https://evil\"><input name=q></form>",
        &["<form", "action", "name="],
        &[],
    ),
    (
        "object embed base",
        "<object data=x></object><embed src=x><base href=https://evil/>",
        &["<object", "<embed", "<base"],
        &[],
    ),
    (
        "comment trick",
        "<!-- x --!><img src=x onerror=alert(1)> -->",
        &["onerror"],
        &[],
    ),
    (
        "mutation xss",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        &["onerror", "<style"],
        &[],
    ),
    (
        "md javascript",
        "[x](javascript:alert(1))",
        &["javascript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md mixed case",
        "[x](JaVaScRiPt:alert(1))",
        &["javascript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md entity",
        "[x](&#106;avascript:alert(1))",
        &["javascript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md leading space",
        "[x](< javascript:alert(1)>)",
        &["javascript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md autolink",
        "<javascript:alert(1)>",
        &["href=\"javascript"],
        &["<a href=\"#\">"],
    ),
    (
        "md reference",
        "[x][r]\n\n[r]: javascript:alert(1)",
        &["javascript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md vbscript",
        "[x](VBScript:msgbox(1))",
        &["vbscript"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md data html",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        &["data:"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md data image link",
        "[x](data:image/svg+xml,<svg>)",
        &["data:"],
        &["<a href=\"#\">x</a>"],
    ),
    (
        "md image javascript",
        "![a](javascript:alert(1))",
        &["javascript"],
        &["<img src=\"#\" alt=\"a\""],
    ),
    (
        "md image data html",
        "![a](data:text/html,x)",
        &["data:"],
        &["<img src=\"#\""],
    ),
    (
        "md title breakout",
        "[x](https://a.org \"\\\" onmouseover=alert(1)\")",
        &["\" onmouseover"],
        &["href=\"https://a.org\""],
    ),
    (
        "heading attribute",
        "# Hi {onmouseover=alert(1)}",
        &["onmouseover"],
        &["<h1 id=\"hi\">Hi</h1>"],
    ),
];

#[test]
fn neutralizes_every_payload_kind() {
    for (name, src, absent, present) in PAYLOADS {
        let r = md(src);
        for out in [&r.html, &r.summary_html] {
            let lower = out.to_lowercase();
            for bad in *absent {
                assert!(!lower.contains(bad), "{name}: found {bad:?} in {out}");
            }
        }
        for good in *present {
            assert!(
                r.html.contains(good),
                "{name}: missing {good:?} in {}",
                r.html
            );
        }
    }
}

#[test]
fn neutralizes_javascript_links_in_reference_definitions() {
    let out = html("[a][r] and [b]\n\n[r]: JAVASCRIPT:alert(1) \"t\"\n[b]: \t&#x6A;avascript:x\n");
    assert_eq!(
        out,
        "<p><a href=\"#\" title=\"t\">a</a> and <a href=\"#\">b</a></p>\n"
    );
}

#[test]
fn keeps_data_images_in_markdown_images() {
    let src = "![dot](data:image/png;base64,iVBORw0KGgo=)";
    assert!(html(src).contains("src=\"data:image/png;base64,iVBORw0KGgo=\""));
    // The same when the article also contains raw HTML, and so is sanitized.
    let out = html(&format!("{src}\n\n<b>raw</b>"));
    assert!(
        out.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""),
        "{out}"
    );
}

#[test]
fn keeps_benign_raw_html() {
    let src = "\
<details>
<summary>More</summary>

Inside *markdown*.

</details>

<figure><img src=\"https://x.org/a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure>

H<sub>2</sub>O, x<sup>2</sup>, <abbr title=\"World Health Organization\">WHO</abbr>.

<table><tr><td>cell</td></tr></table>
";
    let out = html(src);
    for kept in [
        "<details>\n<summary>More</summary>\n<p>Inside <em>markdown</em>.</p>\n</details>",
        "<figure><img src=\"https://x.org/a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<abbr title=\"World Health Organization\">WHO</abbr>",
        "<td>cell</td>",
    ] {
        assert!(out.contains(kept), "lost {kept:?} in {out}");
    }
}

#[test]
fn keeps_generated_classes_and_ids_when_sanitizing() {
    let src = "# Head\n\n```rust\nlet x = 1;\n```\n\nA[^1] <b>raw</b>\n\n[^1]: note\n";
    let out = html(src);
    assert!(out.contains("<h1 id=\"head\">"), "{out}");
    assert!(out.contains("<span class=\"hl-source hl-rust\">"), "{out}");
    assert!(out.contains("id=\"story-fnref-1\""), "{out}");
    assert!(
        out.contains("<div class=\"footnote-definition\" id=\"story-fn-1\">"),
        "{out}"
    );
    let backref =
        "<a href=\"#story-fnref-1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">";
    assert!(out.contains(backref), "{out}");
}

#[test]
fn drops_html_comments_without_sanitizing() {
    let out = html("Text.\n\n<!-- captured: <script>alert(1)</script> -->\n\n**Bold**\n");
    assert_eq!(out, "<p>Text.</p>\n<p><strong>Bold</strong></p>\n");
}

#[test]
fn unsafe_html_passes_raw_html_but_not_control_chars() {
    let opts = MarkdownOptions {
        math: false,
        unsafe_html: true,
        highlight: true,
    };
    let src =
        "<iframe src=\"https://player.example/v\u{1}\"></iframe>\n\n<b onclick=\"x()\">b</b>\n";
    let out = render(src, "", &opts, &HL).html;
    assert!(
        out.contains("<iframe src=\"https://player.example/v\"></iframe>"),
        "{out}"
    );
    assert!(out.contains("<b onclick=\"x()\">b</b>"), "{out}");
}

#[test]
fn removes_control_chars_everywhere() {
    let src =
        "# T\u{1}itle\u{7f}\n\nText\u{0}\u{1b}[31m \u{85} \u{fffe} &#1; &#x85; &#xFFFF; &#0;\n\n\
               [l\u{2}](https://x.org/\u{3} \"ti\u{4}tle\") ![a\u{5}](p\u{6}.png)\n\n\
               ```rust\nlet s = \"\u{7}\";\n```\n\n    ind\u{8}ented\n\n\
               <b title=\"&#1;x\u{c}\">raw\u{e}</b>\n\n[^n\u{f}]\n\n[^n\u{f}]: no\u{10}te\n";
    for opts in [
        SAFE,
        MarkdownOptions {
            math: false,
            unsafe_html: true,
            highlight: false,
        },
    ] {
        let r = render(src, "id\u{11}", &opts, &HL);
        for out in [&r.html, &r.summary_html] {
            assert!(!out.chars().any(is_forbidden_char), "{opts:?}: {out:?}");
        }
        assert!(r
            .links
            .iter()
            .all(|l| !l.dest.chars().any(is_forbidden_char)));
    }
}

// ---- Properties ---------------------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "<script>",
        "</script>",
        "<SCRIPT",
        "<scr",
        "ipt>",
        "<img src=x onerror=alert(1)>",
        "<details>",
        "</details>",
        "<!--",
        "-->",
        "<!-- more -->",
        "--!>",
        "javascript:",
        "&#106;",
        "&#1;",
        "&#x85;",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "<",
        ">",
        "\"",
        "`",
        "```",
        "~~~",
        "    ",
        "\n",
        "\n\n",
        "# ",
        "{#",
        "}",
        "{.",
        "[^1]",
        "[^1]: ",
        "| a |",
        "|---|",
        "- [ ] ",
        "*",
        "_",
        "~~",
        "\\",
        "&",
        "\u{0}",
        "\u{1b}",
        "\u{85}",
        "\u{fffe}",
        "rust",
        "x",
        " ",
        "\t",
        "> ",
        "1. ",
        "[r]: ",
        "<a href=",
        "<svg onload=",
        "=",
    ];

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => proptest::sample::select(TOKENS).prop_map(String::from),
            1 => any::<String>(),
            1 => any::<char>().prop_map(String::from),
        ]
    }

    /// The attributes of every tag in `html` (text never holds a raw `<`: it is escaped).
    fn attributes(html: &str) -> Vec<(&str, &str)> {
        let mut found = Vec::new();
        for tag in html.split('<').skip(1) {
            let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace() && c != '>');
            loop {
                rest = rest.trim_start();
                let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>');
                let Some(end) = end.filter(|&e| e > 0) else {
                    break;
                };
                let name = &rest[..end];
                rest = &rest[end..];
                let mut value = "";
                if let Some(after) = rest.strip_prefix('=') {
                    let (v, tail) = match after.chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            after[1..].split_once(q).unwrap_or((&after[1..], ""))
                        }
                        _ => after.split_at(
                            after
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .unwrap_or(after.len()),
                        ),
                    };
                    value = v;
                    rest = tail;
                }
                found.push((name, value));
            }
        }
        found
    }

    #[test]
    fn attribute_scanner_finds_handlers() {
        let attrs = attributes("<p>x</p><img src=\"a b\" onerror='y' alt=z>");
        assert_eq!(attrs, [("src", "a b"), ("onerror", "y"), ("alt", "z")]);
    }

    const URL_ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "background",
        "data",
        "cite",
        "srcset",
        "xlink:href",
    ];

    proptest! {
           #![proptest_config(ProptestConfig::with_cases(400))]

           /// In one paragraph of plain text, the word count is the number of
           /// whitespace-separated runs that hold a letter or digit.
           #[test]
           fn words_are_whitespace_separated_runs_with_a_letter_or_digit(
               text in "[a-zA-Z0-9éß東京½,;?—€ \u{a0}\u{3000}\u{2003}]{0,80}",
           ) {
               let src = format!("w {text}");
               let expected = src
                   .split(char::is_whitespace)
                   .filter(|run| run.chars().any(char::is_alphanumeric))
                   .count();
               prop_assert_eq!(md(&src).words, expected, "{:?}", src);
           }

           #[test]
           fn arbitrary_input_never_yields_script_or_control_chars(
               parts in proptest::collection::vec(fragment(), 0..48),
               highlight in any::<bool>(),
           ) {
               let src = parts.concat();
               let opts = MarkdownOptions {
    math: false, unsafe_html: false, highlight };
               let r = render(&src, "p", &opts, &HL);
               for out in [&r.html, &r.summary_html] {
                   let lower = out.to_lowercase();
                   prop_assert!(!lower.contains("<script"), "{src:?} -> {out}");
                   for (name, value) in attributes(&lower) {
                       prop_assert!(!name.starts_with("on"), "{src:?} -> {out}");
                       // Only URL attributes run a `javascript:` value; `alt="javascript:"`
                       // (an image's text) is harmless.
                       let url_attribute = URL_ATTRIBUTES.contains(&name);
                       prop_assert!(
                           !(url_attribute && value.trim_start().starts_with("javascript:")),
                           "{src:?} -> {out}"
                       );
                   }
                   prop_assert!(!out.chars().any(is_forbidden_char), "{src:?} -> {out:?}");
               }
           }
       }
}

// ---- Throughput (run by hand: cargo test --release --lib markdown_throughput -- --ignored --nocapture)

#[test]
#[ignore]
fn markdown_throughput() {
    let block = "```rust\n\
        /// Parses a date.\n\
        pub fn parse(s: &str) -> Result<Date, Error> {\n\
        \x20   let parts: Vec<&str> = s.split('-').collect();\n\
        \x20   if parts.len() != 3 { return Err(Error::Format(s.to_string())); }\n\
        \x20   let (y, m, d) = (parts[0].parse::<i32>()?, parts[1].parse()?, parts[2].parse()?);\n\
        \x20   Ok(Date { year: y, month: m, day: d }) // done\n\
        }\n\
        ```\n\nSome prose between the blocks, with a [link](https://example.org/).\n\n";
    let lines_per_block = 7;
    let article = block.repeat(20);
    let articles = 200;
    let code_lines = articles * 20 * lines_per_block;
    for highlight in [true, false] {
        let opts = MarkdownOptions {
            math: false,
            unsafe_html: false,
            highlight,
        };
        let _warm = render(&article, "w", &opts, &HL);
        let start = std::time::Instant::now();
        let mut bytes = 0;
        for i in 0..articles {
            bytes += render(&article, &i.to_string(), &opts, &HL).html.len();
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "highlight={highlight}: {articles} articles, {code_lines} code lines in {secs:.3} s \
             = {:.0} code lines/s ({bytes} bytes of HTML, one thread)",
            code_lines as f64 / secs
        );
    }
}

// ---- Valid HTML from hostile shapes ------------------------------------------------

#[test]
fn raw_images_without_alt_get_an_empty_one_and_are_recorded() {
    let src = "Text.\n\n<img src=\"a.png\">\n\n<p>\n<IMG SRC=b.png/>\n<img alt=\"kept\" src=c.png>\n</p>\n";
    for unsafe_html in [false, true] {
        let opts = MarkdownOptions {
            math: false,
            unsafe_html,
            highlight: true,
        };
        let out = render(src, "s", &opts, &HL);
        assert_eq!(out.images_without_alt, [3, 6], "{unsafe_html}");
        assert_eq!(out.html.matches("alt=\"\"").count(), 2, "{}", out.html);
        assert!(out.html.contains("alt=\"kept\""), "{}", out.html);
    }
}

#[test]
fn nesting_deeper_than_browsers_keep_is_flattened_but_keeps_its_text() {
    for (open, close) in [("<blockquote>", "</blockquote>"), ("<ul>", "</ul>")] {
        let src = if open == "<ul>" {
            (0..600)
                .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
                .collect::<String>()
        } else {
            format!("{} deepest words\n", ">".repeat(600))
        };
        let out = html(&src);
        let depth = out.matches(open).count();
        assert_eq!(depth, out.matches(close).count(), "balanced");
        assert!(depth <= 100, "{open}: {depth} levels kept");
        assert!(
            depth >= 50,
            "{open}: nesting up to the limit stays ({depth})"
        );
        assert!(out.contains(if open == "<ul>" {
            "level 599"
        } else {
            "deepest words"
        }));
    }
}

/// The code-block HTML of every info string the code-heavy bench corpus uses (and a few
/// more forms), pinned byte for byte: any change to how highlighting is scheduled, cached
/// or loaded must leave this output as it is.
#[test]
fn code_block_html_is_pinned_for_every_info_string() {
    let src = include_str!("../../tests/fixtures/highlight/blocks.md");
    insta::assert_snapshot!("code_blocks_every_info_string", html(src));
}

/// A block from the highlight cache is the block highlighted anew: first run (misses,
/// entries written), second run (hits), against the uncached HTML.
#[test]
fn cached_code_blocks_are_byte_identical() {
    let src = include_str!("../../tests/fixtures/highlight/blocks.md");
    let uncached = html(src);
    let tmp = tempfile::tempdir().unwrap();
    for run in ["misses", "hits"] {
        let hl = Highlighter::with_cache(Some(HighlightCache::new(tmp.path())));
        assert_eq!(render(src, "story", &SAFE, &hl).html, uncached, "{run}");
        assert!(hl.cache().unwrap().failure().is_none());
    }
    let entries = walkdir::WalkDir::new(tmp.path())
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
        .count();
    // One per distinct highlighted block: not text, not unknown, not the fence without a
    // language, not the repeated block.
    assert_eq!(entries, 26);
}

#[test]
fn template_tags_left_in_text_keep_their_straight_quotes() {
    let src = "See {{< figure src=\"heron.jpg\" >}} and [gallery ids='4'] and \"this\".\n";
    let r = md(&super::liquid::translate(src, &Default::default()).text);
    assert!(r.html.contains("figure src=\"heron.jpg\""), "{}", r.html);
    assert!(r.html.contains("[gallery ids='4']"), "{}", r.html);
    assert!(
        !r.html.contains('‘') && !r.html.contains("“heron"),
        "{}",
        r.html
    );
    // Quotes outside the tags still get typography.
    assert!(r.html.contains("“this”"), "{}", r.html);
}

#[test]
fn a_custom_summary_separator_becomes_the_marker_in_its_place() {
    let body = "One.\n<!-- cut here --> [a](b)\nTwo <!-- cut here -->";
    let marked = summary_marked_by(body, "<!-- cut here -->");
    // Only the first is replaced, padded so the link keeps its column.
    assert_eq!(
        marked,
        "One.\n<!--more      --> [a](b)\nTwo <!-- cut here -->"
    );
    assert_eq!(marked.len(), body.len());
    // A short one cannot be padded; a known marker, a non-comment, or a separator across
    // lines changes nothing.
    assert_eq!(summary_marked_by("a<!--x-->b", "<!--x-->"), "a<!--more-->b");
    // In code, it is text: the one after the code ends the summary.
    let code = "```html\n<!--cut-->\n```\n`<!--cut-->` One.\n\n<!--cut-->\n";
    assert_eq!(
        summary_marked_by(code, "<!--cut-->"),
        "```html\n<!--cut-->\n```\n`<!--cut-->` One.\n\n<!--more-->\n"
    );
    for same in ["<!-- more -->", "[more]", "<!--\ncut\n-->"] {
        let body = format!("a {same} b");
        assert!(
            matches!(summary_marked_by(&body, same), Cow::Borrowed(_)),
            "{same}"
        );
    }
}
