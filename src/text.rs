//! Small text helpers shared by every stage: control-character scrubbing and escaping.

use std::borrow::Cow;

/// True for characters that must never reach HTML, XML or JSON output: C0 controls other
/// than tab, newline and carriage return, DEL, the C1 controls, and the non-characters
/// U+FFFE / U+FFFF.
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Removes forbidden characters, borrowing when there is nothing to remove.
pub fn scrub(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_forbidden_char) {
        Cow::Owned(s.chars().filter(|c| !is_forbidden_char(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Escapes text for HTML and XML element content and quoted attribute values.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_controls_but_keeps_whitespace() {
        assert_eq!(scrub("a\u{0}b\u{1b}c\td\ne\u{fffe}"), "abc\td\ne");
        assert!(matches!(scrub("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_html_escapes_all_specials() {
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
