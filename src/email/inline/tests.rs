//! The fast inliner against the reference (css-inline): where the fast one answers, both
//! documents are the same once css-inline has written each of them out again.

use super::*;
use crate::markdown::{render as markdown, Highlighter, MarkdownOptions};
use proptest::prelude::*;
use std::sync::LazyLock;

static HL: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);

/// The default theme's email stylesheet.
fn theme_css() -> &'static str {
    let template = include_str!("../../../themes/default/templates/email.html");
    // The template's comment names `<style>` too; the element starts a line.
    let start = template.find("\n<style>\n").unwrap() + "\n<style>".len();
    &template[start..start + template[start..].find("</style>").unwrap()]
}

fn email(css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Weekly &amp; more</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n\
         <div class=\"outer\">\n<div class=\"column\">\n{body}\n</div>\n</div>\n</body>\n</html>\n"
    )
}

/// A document as css-inline writes it, each tag's attributes sorted: the form the two
/// inliners' results are compared in. The reference's result is this of the source; the
/// fast one's is this of its output, whose `<style>` holds only `@media` rules by then.
/// (css-inline writes `class` first and moves the last attribute to where `class` was;
/// attribute order means nothing to a mail program. Writing its own output again is no
/// use: it drops the newline that starts a `<pre>`, so a second pass would lose another.)
fn written(html: &str) -> String {
    let inlined = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .build()
        .inline(html)
        .unwrap();
    sorted_attributes(&inlined)
}

/// Every start tag with its attributes in name order; `html` is as css-inline writes it:
/// each value in double quotes, no `"` inside, no raw `<` in text.
fn sorted_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest.find([' ', '>']).unwrap();
        out.push_str(&rest[..name_end]);
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        while let Some(attribute) = rest.strip_prefix(' ') {
            let value = attribute.find('"').unwrap() + 1;
            let end = value + attribute[value..].find('"').unwrap() + 1;
            attributes.push(&attribute[..end]);
            rest = &attribute[end..];
        }
        attributes.sort_unstable();
        for attribute in attributes {
            out.push(' ');
            out.push_str(attribute);
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn attributes_are_compared_in_name_order() {
    assert_eq!(
        sorted_attributes("<p>a &lt; b</p><a style=\"x: 1;\" href=\"/y\" class=\"c d\">z</a><br>"),
        "<p>a &lt; b</p><a class=\"c d\" href=\"/y\" style=\"x: 1;\">z</a><br>"
    );
}

/// Asserts the fast inliner agrees with the reference, and says whether it answered.
fn agrees(html: &str) -> Result<bool, TestCaseError> {
    let Some(fast) = fast(html, &Sheets::default()) else {
        return Ok(false);
    };
    prop_assert_eq!(written(&fast), written(html), "input:\n{}", html);
    Ok(true)
}

#[test]
fn the_default_theme_is_inlined_by_the_fast_inliner() {
    let mut sheet = Stylesheet::default();
    assert_eq!(sheet.add(theme_css()), Some(()));
    assert_eq!(sheet.media.len(), 2);
    let story = "<div class=\"story\">\n<h2><a href=\"https://x.example/a\">A title</a></h2>\n\
                 <div class=\"summary\"><p>Text with <code>code</code> and <em>more</em>.</p></div>\n\
                 <p class=\"source\">Read the original at <a href=\"https://y.example/\">Y</a></p>\n\
                 <p class=\"tags\">Tags: <a href=\"/tags/t/\">t</a></p>\n</div>";
    let html = email(theme_css(), story);
    assert!(agrees(&html).unwrap());
    let out = fast(&html, &Sheets::default()).unwrap();
    assert!(
        out.contains(
            "<div class=\"story\" style=\"padding: 18px 0;border-bottom: 1px solid #dedad2;\">"
        ),
        "{out}"
    );
    assert!(
        out.contains("<p class=\"tags\" style=\"margin: 0;font-size: 13px;color: #5c5a55;\">"),
        "{out}"
    );
    assert!(
        !out.contains("h2 a { color: #1f1e1c"),
        "rules are gone: {out}"
    );
    let media = out.find("<style>@media (max-width: 480px)").unwrap();
    assert!(media < out.find("</head>").unwrap() && media > out.find("<title>").unwrap());
}

#[test]
fn cascade_order_specificity_and_importance_match_the_reference() {
    let css = "p { color: red; margin: 0 }\n.a { color: blue; padding: 1px }\n\
               div p { color: green !important; font-size: 2px }\n#x { color: black }\n\
               p.a, .b { margin: 3px; border: 0 }\n* { }";
    let body = "<div><p class=\"a b\" id=x>one</p><p class=b>two</p></div>\
                <p class='a'>three <span class=\"b\">four</span></p>";
    // `*` is outside the fast subset: without it, the fast inliner answers.
    assert!(!agrees(&email(css, body)).unwrap());
    let css = css.trim_end_matches("* { }");
    assert!(agrees(&email(css, body)).unwrap());
    let out = fast(&email(css, body), &Sheets::default()).unwrap();
    assert!(out.contains("<p class=\"a b\" id=x style=\"color: green !important;font-size: 2px;padding: 1px;margin: 3px;border: 0;\">"), "{out}");
}

#[test]
fn documents_outside_the_subset_go_to_the_reference() {
    let table = email("td { color: red }", "<table><tr><td>x</td></tr></table>");
    assert!(fast(&table, &Sheets::default()).is_none());
    let out = inline(&table, &Sheets::default());
    assert!(out.contains("<td style=\"color: red;\">x</td>"), "{out}");
    assert!(out.contains("<tbody>"), "css-inline built the tree: {out}");
}

#[test]
fn markdown_summaries_are_inlined_fast_and_alike() {
    let options = MarkdownOptions {
        math: false,
        unsafe_html: false,
        highlight: true,
    };
    let markdown_texts = [
        "A *short* summary with a [link](https://example.org/?a=1&b=2) and `code`.",
        "First paragraph.\n\nSecond one, with **bold** and ~~struck~~ text.\n\n- one\n- two\n  - nested\n",
        "> A quote\n\n1. first\n2. second\n\n```rust\nfn main() { println!(\"hi\"); }\n```\n",
        "## A heading\n\nText[^1] and an image ![alt](https://example.org/x.png).\n\n[^1]: A note.\n\n---\n",
        "Line one  \nline two, and <kbd>Ctrl</kbd>.\n\n    indented code\n",
    ];
    for text in markdown_texts {
        let rendered = markdown(text, "s", &options, &HL);
        for html in [&rendered.html, &rendered.summary_html] {
            let body = format!("<div class=\"story\"><div class=\"summary\">{html}</div></div>");
            assert!(agrees(&email(theme_css(), &body)).unwrap(), "{html}");
        }
    }
}

const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"story\">",
    "<div>",
    "</div>",
    "<a href=\"/x\">",
    "</a>",
    "<h2>",
    "</h2>",
    "<h3 id=\"t\">",
    "</h3>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<br>",
    "<br/>",
    "<img src=x>",
    "<span class=\"tags source\">",
    "</span>",
    "<blockquote>",
    "</blockquote>",
    "<hr>",
    "<table>",
    "<td>",
    "<b>",
    "</b>",
    "<dl>",
    "<dt>",
    "<dd>",
    "</dl>",
    "<!-- c -->",
    "text ",
    "&amp;",
    "&lt;",
    "\n",
    " ",
    "<P CLASS=more>",
    "</P>",
    "<section class=\"more\">",
    "</section>",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(TAGS), 0..40).prop_map(|t| t.concat())
}

const ELEMENTS: &[&str] = &[
    "p",
    "div",
    "a",
    "span",
    "em",
    "code",
    "pre",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "blockquote",
    "section",
    "strong",
    "dl",
    "dt",
    "dd",
    "sup",
    "figure",
    "figcaption",
];
const ATTRIBUTES: &[&str] = &[
    "",
    " class=\"story\"",
    " class=\"more\"",
    " class=\"tags source\"",
    " CLASS=summary",
    " id=\"x\"",
    " href='/a?b=1&amp;c=2'",
    " class=\"site-name\" id=top",
    " title=\"a > b\"",
];
const LEAVES: &[&str] = &[
    "text",
    "&lt;b&gt;",
    "<br>",
    "<img src=\"x.png\" alt=\"\"/>",
    "<hr>",
    "<!-- c -->",
    "\n",
    " ",
];

/// Nested elements, closed in order: often what the fast inliner reads, sometimes a
/// nesting a parser would change (`<p>` around a `<div>`, `<li>` outside a list).
fn tree() -> impl Strategy<Value = String> {
    let leaf = proptest::sample::select(LEAVES).prop_map(String::from);
    leaf.prop_recursive(4, 48, 4, |inner| {
        (
            proptest::sample::select(ELEMENTS),
            proptest::sample::select(ATTRIBUTES),
            proptest::collection::vec(inner, 0..4),
        )
            .prop_map(|(name, attributes, children)| {
                format!("<{name}{attributes}>{}</{name}>", children.concat())
            })
    })
}

const MARKDOWN: &[&str] = &[
    "word ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "> ",
    "# ",
    "## ",
    "[a](/b)",
    "![i](/i.png)",
    "<em>",
    "</em>",
    "<div>",
    "</div>",
    "<table>",
    "| a |\n|---|\n| b |\n",
    "~~",
    "&",
    "<",
    "[^1]",
    "[^1]: n\n",
    "    ",
    "---\n",
    "<br>",
    "<!-- c -->",
    "<b>",
];

fn markdown_soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(MARKDOWN), 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any mix of tags, well formed or not: where the fast inliner answers, it agrees.
    #[test]
    fn fast_agrees_with_the_reference_on_tag_soup(body in soup()) {
        agrees(&email(theme_css(), &body))?;
    }

    /// Well-nested trees of the elements a theme and a summary use.
    #[test]
    fn fast_agrees_with_the_reference_on_nested_elements(body in tree()) {
        agrees(&email(theme_css(), &body))?;
    }

    /// Summaries as the build makes them, in the default theme's email.
    #[test]
    fn fast_agrees_with_the_reference_on_rendered_markdown(text in markdown_soup()) {
        let options = MarkdownOptions { math: false, unsafe_html: true, highlight: false };
        let rendered = markdown(&text, "s", &options, &HL);
        let body = format!("<div class=\"story\"><div class=\"summary\">{}</div></div>", rendered.summary_html);
        agrees(&email(theme_css(), &body))?;
    }
}

#[test]
fn one_sheets_serves_many_emails_and_keeps_stylesheets_apart() {
    let sheets = Sheets::default();
    let other_css = "p { color: red } .story p { color: blue !important } #top { margin: 0 }";
    for (i, body) in [
        "<div class=\"story\"><p>One</p></div>",
        "<div class=\"story\" id=\"top\"><h2>Two</h2><p class=\"source\">S</p></div>",
        "<p class=\"summary story\">Three</p>",
    ]
    .iter()
    .enumerate()
    {
        for css in [theme_css(), other_css] {
            let html = email(css, body);
            let shared = fast(&html, &sheets).expect("in the subset");
            assert_eq!(
                shared,
                fast(&html, &Sheets::default()).unwrap(),
                "email {i}"
            );
        }
    }
    assert_eq!(sheets.read.lock().unwrap().len(), 2);
}
