//! Raw HTML: an allowlist sanitizer for documents that contain some, and comment detection.
//!
//! We sanitize the whole rendered document rather than each raw fragment, because raw
//! HTML is often split around Markdown (`<details>`, a paragraph, `</details>`): cleaning
//! the fragments one by one would close and drop those tags. So the allowlist is
//! ammonia's defaults plus exactly the markup our own renderer produces.

use super::links::is_dangerous_url;
use ammonia::Builder;
use std::borrow::Cow;
use std::sync::LazyLock;

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags(["input"])
        // Highlighter spans, `language-xxx`, footnote and heading classes.
        .add_generic_attributes(["class"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("sup", ["id"])
        // The footnote back-reference's accessible name.
        .add_tag_attributes("a", ["aria-label"])
        // Task list items, and nothing else an <input> could be.
        .add_tag_attribute_values("input", "type", ["checkbox"])
        .add_tag_attribute_values("input", "checked", [""])
        .add_tag_attribute_values("input", "disabled", [""])
        // Table column alignment, the only inline style we write.
        .add_tag_attribute_values("th", "style", ALIGNMENTS)
        .add_tag_attribute_values("td", "style", ALIGNMENTS)
        // The same output with or without raw HTML in the article.
        .link_rel(None)
        // Let `data:` through ammonia's scheme check so the filter below can keep
        // `data:image/…` images, as we do for Markdown images; and links to another
        // document by its file, which become its URL once every URL is known.
        .add_url_schemes([
            "data",
            crate::urls::DOCUMENT_PLACEHOLDER.trim_end_matches(':'),
        ])
        .attribute_filter(|element, attribute, value| {
            let is_image = element == "img" && attribute == "src";
            let is_url = matches!(attribute, "href" | "src" | "cite");
            if is_url && is_dangerous_url(value, is_image) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    b
});

const ALIGNMENTS: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// The elements the sanitizer keeps, lower-case.
static KEPT_TAGS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| SANITIZER.clone_tags());

/// The elements of a raw HTML fragment that sanitizing removes (`iframe`, `script`,
/// `video`…), with the byte offset of each start tag, so the build can say what a page
/// lost.
pub(crate) fn removed_elements(html: &str) -> Vec<(String, usize)> {
    let mut removed = Vec::new();
    for at in memchr::memchr_iter(b'<', html.as_bytes()) {
        let name: String = html[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let starts_with_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
        let name = name.to_ascii_lowercase();
        if starts_with_letter && !KEPT_TAGS.contains(name.as_str()) {
            removed.push((name, at));
        }
    }
    removed
}

/// Cleans a rendered document that contained raw HTML.
pub(crate) fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// True if `html` is one HTML comment and nothing else: such fragments are dropped
/// (they are invisible, and an imported capture's notes live in one) without making
/// the document pay for sanitizing.
pub(crate) fn is_comment(html: &str) -> bool {
    comment_text(html).is_some()
}

/// True for the summary marker `<!-- more -->` (any spacing and case), or Docusaurus's
/// `<!-- truncate -->`, Nikola's `<!-- TEASER_END -->` and Blogger's jump break, which mean
/// the same.
pub(crate) fn is_more_marker(html: &str) -> bool {
    // Blogger's jump break, `<a name="more"></a>`: only its opening tag when inline.
    let tag = html.trim();
    if tag.len() <= "<a name='more'></a>".len() {
        let jump = tag.to_ascii_lowercase().replace('\'', "\"");
        if matches!(jump.as_str(), "<a name=\"more\"></a>" | "<a name=\"more\">") {
            return true;
        }
    }
    comment_text(html).is_some_and(|t| {
        let t = t.trim();
        ["more", "truncate", "teaser_end"]
            .iter()
            .any(|m| t.eq_ignore_ascii_case(m))
    })
}

/// The text of a lone comment. Text holding `--` is refused: `--!>` also ends a comment
/// in browsers, so such a fragment may not be what it looks like.
fn comment_text(html: &str) -> Option<&str> {
    let text = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    let well_formed = !text.contains("--") && !text.starts_with('>') && !text.starts_with("->");
    well_formed.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_lone_comments_and_the_more_marker() {
        assert!(is_comment("<!-- captured text -->\n"));
        assert!(is_more_marker("<!--more-->"));
        assert!(is_more_marker("  <!-- MORE -->\n"));
        assert!(!is_more_marker("<!-- more or less -->"));
        assert!(is_more_marker("<!--truncate-->\n"));
        assert!(is_more_marker("<a name='more'></a>\n"));
        assert!(is_more_marker("<a name=\"more\">"));
        assert!(!is_more_marker("<a name=\"more-info\">"));
        assert!(is_more_marker("<!-- TEASER_END -->\n"));
        assert!(!is_comment("<!-- a --> <script>x</script> <!-- b -->"));
        assert!(!is_comment("<!-- a --!> <img src=x onerror=alert(1)> -->"));
        assert!(!is_comment("<!--> <b>x</b> -->"));
    }

    #[test]
    fn names_the_elements_it_removes() {
        let html = "<iframe src=\"https://v.example/x\"></iframe>\n<p>kept <b>too</b></p><SCRIPT>x</SCRIPT><my-widget></my-widget> a < b";
        let names: Vec<String> = removed_elements(html).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["iframe", "script", "my-widget"]);
        assert_eq!(removed_elements(html)[1].1, html.find("<SCRIPT").unwrap());
    }

    #[test]
    fn keeps_generated_markup() {
        let ours = concat!(
            "<h2 id=\"intro\">Intro</h2>\n",
            "<pre class=\"hl-code\"><code class=\"language-rust\">",
            "<span class=\"hl-source hl-rust\">fn</span></code></pre>\n",
            "<sup class=\"footnote-reference\" id=\"a-fnref-1\"><a href=\"#a-fn-1\">1</a></sup>\n",
            "<table><thead><tr><th style=\"text-align: center\">x</th></tr></thead></table>\n",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\">\ndone</li>\n</ul>\n",
            "<p><img src=\"data:image/png;base64,AAAA\" alt=\"dot\"></p>\n",
            "<p><a href=\"gazette-doc:2024/harbour.md#tides\">a story by its file</a></p>\n",
        );
        assert_eq!(sanitize(ours), ours);
    }

    #[test]
    fn drops_what_we_never_generate() {
        let out = sanitize(concat!(
            "<input type=\"text\" name=\"q\"><td style=\"position: fixed\">x</td>",
            "<a href=\"data:text/html,x\">d</a><p onclick=\"alert(1)\">p</p>",
        ));
        assert!(!out.contains("text\""), "{out}");
        assert!(!out.contains("fixed"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
    }
}
