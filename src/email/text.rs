//! `email.txt`: the edition as plain text for the `text/plain` part, written from the
//! digest (not converted from the HTML): titles, summaries wrapped at 72 columns, and every
//! link written out in full on a line of its own.

use std::fmt::Write;

use super::{abs, EditionValues, Input};
use crate::text::strip_tags;

/// Lines are wrapped at this many characters; a URL longer than that keeps its own line.
pub const WIDTH: usize = 72;

pub fn render(input: &Input, values: &EditionValues, full: usize) -> String {
    let (config, digest, edition) = (input.config, input.digest, values.edition);
    let mut out = String::new();
    let rule = "-".repeat(WIDTH);
    push_wrapped(&mut out, &config.title, "");
    push_wrapped(&mut out, &edition.title, "");
    let strings = &config.strings;
    let dates = if edition.start == edition.end {
        strings.date(edition.start)
    } else {
        format!(
            "{} – {}",
            strings.date(edition.start),
            strings.date(edition.end)
        )
    };
    push_wrapped(&mut out, &dates, "");
    let _ = writeln!(out, "{rule}");
    for (k, &i) in edition.stories[..full].iter().enumerate() {
        let story = &digest.stories[i];
        let fm = &story.doc.front_matter;
        out.push('\n');
        push_wrapped(&mut out, &fm.title, "");
        let _ = writeln!(out, "{}", abs(config, &story.path));
        let summary = &values.summaries[k];
        let mut links = Vec::new();
        crate::urls::rewrite_url_attributes(summary, |a| {
            if a.attribute == "href" && !links.iter().any(|l: &String| l == a.url) {
                links.push(a.url.to_string());
            }
            None
        });
        for paragraph in paragraphs(summary) {
            out.push('\n');
            push_wrapped(&mut out, &paragraph, "");
        }
        for link in links {
            let _ = writeln!(out, "  {link}");
        }
        if let Some(src) = &fm.source {
            out.push('\n');
            let mut line = strings.text("read_original", &[("source", &src.name)]);
            if !fm.authors.is_empty() {
                line.push_str(&strings.text("byline", &[("authors", &fm.authors.join(", "))]));
            }
            // The address on the next line, with no colon of ours: a language's own message
            // may end in its own (Japanese `：`).
            push_wrapped(&mut out, &line, "");
            let _ = writeln!(out, "{}", src.url);
        }
        if !story.tags.is_empty() {
            let names: Vec<&str> = story
                .tags
                .iter()
                .map(|&t| digest.tags[t].name.as_str())
                .collect();
            let label = strings.text("tags_label", &[]);
            push_wrapped(&mut out, &format!("{label}: {}", names.join(", ")), "");
        }
    }
    if full < edition.stories.len() {
        out.push('\n');
        let _ = writeln!(out, "{}:\n", strings.text("email_also", &[]));
        for &i in &edition.stories[full..] {
            let story = &digest.stories[i];
            push_wrapped(&mut out, &story.doc.front_matter.title, "  ");
            let _ = writeln!(out, "  {}", abs(config, &story.path));
        }
    }
    out.push('\n');
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "{}:", strings.text("email_web", &[]));
    let _ = writeln!(out, "{}", values.url);
    let _ = writeln!(out, "{}:", strings.text("email_feed", &[]));
    let _ = writeln!(out, "{}", abs(config, "/rss.xml"));
    if let Some(url) = &config.newsletter.unsubscribe {
        let _ = writeln!(out, "{}:", strings.text("email_unsubscribe", &[]));
        let _ = writeln!(out, "{url}");
    }
    out
}

/// The paragraphs of an HTML fragment as plain text, each on one line.
fn paragraphs(html: &str) -> Vec<String> {
    html.split("</p>")
        .flat_map(|block| block.split("</li>"))
        .map(|block| one_line(&strip_tags(block)))
        .filter(|p| !p.is_empty())
        .collect()
}

/// `text`'s words joined by single spaces. (Tags inside a line join their text, so
/// `<code>x</code>,` is already `x,`; a space the curator wrote stays, as in `{ ... }`.)
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` wrapped at [`WIDTH`] columns (counted in characters), each line starting with
/// `indent`. A word longer than a line (a URL) stays whole on a line of its own.
pub fn push_wrapped(out: &mut String, text: &str, indent: &str) {
    if text.is_ascii() {
        // The words `split_whitespace` finds in ASCII text (its whitespace there is tab to
        // carriage return, and space), each as wide as it is long, without decoding chars.
        let words = text.split(|c| matches!(c, '\t'..='\r' | ' '));
        wrap(
            out,
            words.filter(|w| !w.is_empty()).map(|w| (w, w.len())),
            indent,
        );
    } else {
        let words = text.split_whitespace().map(|w| (w, w.chars().count()));
        wrap(out, words, indent);
    }
}

/// Words and their widths laid out in lines of at most [`WIDTH`] columns.
fn wrap<'a>(out: &mut String, words: impl Iterator<Item = (&'a str, usize)>, indent: &str) {
    let mut line = String::from(indent);
    let mut width = indent.chars().count();
    let mut empty = true;
    for (word, word_width) in words {
        if !empty && width + 1 + word_width > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line.truncate(indent.len());
            width = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            width += 1;
        }
        line.push_str(word);
        width += word_width;
        empty = false;
    }
    if !empty {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_text_wraps_as_any_text_does(text in "([a-z]{1,12}[\t\n\x0b\x0c\r ]{0,3}){0,40}") {
            let mut fast = String::new();
            push_wrapped(&mut fast, &text, "  ");
            let mut general = String::new();
            let words = text.split_whitespace().map(|w| (w, w.chars().count()));
            wrap(&mut general, words, "  ");
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn wraps_at_72_and_keeps_long_words_whole() {
        let mut out = String::new();
        let words = "word ".repeat(40);
        let url = format!("https://example.org/{}", "x".repeat(90));
        push_wrapped(&mut out, &format!("{words}{url} end"), "  ");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() >= 3, "{out}");
        for l in &lines {
            assert!(l.chars().count() <= WIDTH || l.trim() == url, "{l:?}");
            assert!(l.starts_with("  "), "{l:?}");
        }
        assert!(lines.contains(&format!("  {url}").as_str()));
    }

    #[test]
    fn paragraphs_are_plain_text() {
        assert_eq!(
            paragraphs("<p>One &amp; <em>two</em></p>\n<p>three\n four</p>"),
            vec!["One & two".to_string(), "three four".to_string()]
        );
        assert_eq!(
            paragraphs("<p>With <code>const { ... }</code>, <code>x ( y )</code> and <a href=\"u\">a link</a>.</p>"),
            vec!["With const { ... }, x ( y ) and a link.".to_string()]
        );
    }
}
