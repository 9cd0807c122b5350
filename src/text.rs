//! Small text helpers shared by every stage: control-character scrubbing and escaping.

use std::borrow::Cow;

/// True for characters that must never reach HTML, XML or JSON output: C0 controls other
/// than tab, newline and carriage return, DEL, the C1 controls, and the non-characters
/// U+FFFE / U+FFFF.
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Removes forbidden characters, borrowing when there is nothing to remove (the common
/// case, found by a byte scan rather than decoding every character).
pub fn scrub(s: &str) -> Cow<'_, str> {
    if has_forbidden_bytes(s.as_bytes()) {
        Cow::Owned(s.chars().filter(|c| !is_forbidden_char(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// True if the UTF-8 text holds a forbidden character: an ASCII control byte, DEL, a C1
/// control (0xC2 0x80..=0x9F) or U+FFFE/U+FFFF (0xEF 0xBF 0xBE/0xBF).
///
/// Runs over every source and every rendered page, so it first checks 64-byte blocks for
/// bytes that could start one (a branch-free test the compiler vectorizes) and looks
/// closer only at blocks that have one (newlines and tabs make many blocks look closer).
fn has_forbidden_bytes(b: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let mut start = 0;
    for block in b.chunks(BLOCK) {
        let suspect = block
            .iter()
            .fold(false, |acc, &c| acc | may_start_forbidden(c));
        if suspect && (start..start + block.len()).any(|i| forbidden_at(b, i)) {
            return true;
        }
        start += block.len();
    }
    false
}

/// Where the first byte that `stops` is: blocks of 16 bytes are tested without branches
/// (which the compiler vectorizes when `stops` has none either), for scans where most bytes
/// do not stop.
#[inline]
pub fn first_byte(b: &[u8], stops: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for block in b.chunks_exact(16) {
        if block.iter().fold(false, |any, &c| any | stops(c)) {
            break;
        }
        at += 16;
    }
    b[at..].iter().position(|&c| stops(c)).map(|i| at + i)
}

/// True for a byte that is, or may begin, a forbidden character (no branches).
#[inline(always)]
fn may_start_forbidden(c: u8) -> bool {
    (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r')
        | (c == 0x7f)
        | (c == 0xc2)
        | (c == 0xef)
}

fn forbidden_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xef => b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)),
        _ => false,
    }
}

/// Escapes text for HTML and XML element content and quoted attribute values.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = bytes.iter().position(|&b| entity_for(b).is_some()) else {
        return Cow::Borrowed(s);
    };
    // Copy the runs between special characters whole: all five are ASCII, so every
    // cut falls between characters.
    let mut out = String::with_capacity(s.len() + s.len() / 8 + 16);
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        if let Some(entity) = entity_for(b) {
            out.push_str(&s[run..i]);
            out.push_str(entity);
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

fn entity_for(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Typographic punctuation for plain text such as titles, as the Markdown renderer gives
/// summaries and bodies: curly quotes and apostrophes, `--` and `---` as en and em dashes,
/// `...` as an ellipsis. A quote opens after the start, a space or an opening bracket or
/// dash, and closes (or is an apostrophe) everywhere else.
pub fn smart_punctuation(s: &str) -> Cow<'_, str> {
    if !s.contains(['\'', '"', '-', '.']) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = out.chars().next_back();
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{\u{2013}\u{2014}/".contains(b));
        let run = |ch: char| chars[i..].iter().take_while(|&&x| x == ch).count();
        match c {
            '\'' if opens => out.push('\u{2018}'),
            '\'' => out.push('\u{2019}'),
            '"' if opens => out.push('\u{201c}'),
            '"' => out.push('\u{201d}'),
            '-' if run('-') == 3 => {
                out.push('\u{2014}');
                i += 2;
            }
            '-' if run('-') == 2 => {
                out.push('\u{2013}');
                i += 1;
            }
            '.' if run('.') == 3 => {
                out.push('\u{2026}');
                i += 2;
            }
            // Longer runs (rules drawn in text) stay as written.
            '-' | '.' => {
                let n = run(c);
                out.extend(std::iter::repeat_n(c, n));
                i += n - 1;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_controls_but_keeps_whitespace() {
        assert_eq!(scrub("a\u{0}b\u{1b}c\td\ne\u{fffe}"), "abc\td\ne");
        assert!(matches!(scrub("plain é ü \u{fffd}"), Cow::Borrowed(_)));
        assert_eq!(scrub("a\u{85}b\u{9f}c\u{a0}d\u{ffff}"), "abc\u{a0}d");
    }

    #[test]
    fn first_byte_finds_the_first_stop_at_any_offset() {
        for len in 0..50 {
            let mut text = vec![b'a'; len];
            assert_eq!(first_byte(&text, |c| c == b'<'), None);
            for at in (0..len).rev() {
                text[at] = b'<';
                assert_eq!(first_byte(&text, |c| c == b'<'), Some(at), "{len} {at}");
            }
        }
    }

    #[test]
    fn block_scan_finds_forbidden_characters_at_any_offset() {
        for pos in 0..140 {
            let pad = "a".repeat(pos);
            for bad in [
                '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{fffe}', '\u{ffff}',
            ] {
                let s = format!("{pad}{bad}b");
                assert_eq!(scrub(&s), format!("{pad}b"), "{bad:?} at {pos}");
            }
            let fine = format!("{pad}\u{a0}\u{fffd}\t\r\n\u{ef}");
            assert!(matches!(scrub(&fine), Cow::Borrowed(_)), "at {pos}");
        }
    }

    #[test]
    fn escape_html_escapes_all_specials() {
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert!(matches!(escape_html("plain é"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        /// The run-copying escape equals replacing character by character.
        #[test]
        fn escape_html_replaces_each_special_character(s in "[a<>&\"'é東 ]{0,40}") {
            let expected: String = s
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape_html(&s), expected);
        }
    }
}

/// Plain text of an HTML fragment: tags dropped (a tag inside a line of text joins what
/// is around it, any other separates words), footnote references dropped with their
/// numbers, the common entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // Entities are decoded between tags: one cannot span a tag.
    let push_text = |out: &mut String, text: &str| match text.contains('&') {
        true => out.push_str(&decode_with(text, decode_entity)),
        false => out.push_str(text),
    };
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_text(&mut out, &rest[..at]);
        let tag = &rest[at..];
        let Some(end) = tag_end(tag) else {
            // An unclosed tag hides the rest.
            rest = "";
            break;
        };
        if !is_phrasing_tag(&tag.as_bytes()[1..]) {
            out.push(' ');
        }
        rest = &tag[end..];
    }
    push_text(&mut out, rest);
    out
}

/// How a footnote reference starts (`markdown::footnotes` writes it): in plain text, its
/// number would read as part of the sentence.
const FOOTNOTE_REFERENCE: &str = "<sup class=\"footnote-reference\"";

/// The length of the tag at the start of `html` (from its `<`), or of the whole footnote
/// reference that starts there; None when it is never closed.
pub fn tag_end(html: &str) -> Option<usize> {
    if html.starts_with(FOOTNOTE_REFERENCE) {
        if let Some(close) = html.find("</sup>") {
            return Some(close + "</sup>".len());
        }
    }
    memchr::memchr(b'>', html.as_bytes()).map(|n| n + 1)
}

/// Elements that sit inside a line of text (HTML's phrasing content that holds words):
/// dropping their tags must not split a word from the comma after it.
const PHRASING: [&[u8]; 27] = [
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"i",
    b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub", b"sup",
    b"time", b"u", b"var", b"wbr",
];

/// Whether the tag whose text follows its `<` (`em>`, `/code>`, `a href=…`) is one of
/// [`PHRASING`]; a block's tag (`p`, `li`, `br`, `td`…) separates words.
pub fn is_phrasing_tag(tag: &[u8]) -> bool {
    let name = tag.strip_prefix(b"/").unwrap_or(tag);
    let len = name
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    PHRASING.iter().any(|p| name[..len].eq_ignore_ascii_case(p))
}

/// The entities [`unescape_html`] decodes: those [`escape_html`] writes, and `&#x27;`,
/// which other escapers write for `'`.
const HTML_ENTITIES: [(&str, &str); 6] = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&amp;", "&"),
];

/// The text an `&` at the start of `rest` stands for in text made plain, and how many
/// bytes that took: one of [`HTML_ENTITIES`], `&nbsp;` (which ammonia writes for U+00A0,
/// and WordPress exports are full of), else the `&` itself.
pub fn decode_entity(rest: &str) -> (&'static str, usize) {
    match rest.strip_prefix("&nbsp;") {
        Some(_) => ("\u{a0}", "&nbsp;".len()),
        None => unescape_entity(rest),
    }
}

/// [`decode_entity`] for [`HTML_ENTITIES`] alone.
fn unescape_entity(rest: &str) -> (&'static str, usize) {
    match HTML_ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
        Some((entity, decoded)) => (decoded, entity.len()),
        None => ("&", 1),
    }
}

/// Undoes [`escape_html`], left to right (`&amp;lt;` is `&lt;`); any other `&` stays.
pub fn unescape_html(s: &str) -> String {
    decode_with(s, unescape_entity)
}

/// `s` with each `&` decoded by `entity`, left to right.
fn decode_with(s: &str, entity: fn(&str) -> (&'static str, usize)) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (decoded, len) = entity(&rest[at..]);
        out.push_str(decoded);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// A title written with HTML character references, as WordPress exports them
/// (`Compost &amp; you`, `Rock &#8217;n&#8217; roll`), as the text they stand for: numeric
/// references and the named ones such titles use. Anything else stays as written.
pub fn decode_title_entities(s: &str) -> Cow<'_, str> {
    if !(s.contains('&') && s.contains(';')) {
        return Cow::Borrowed(s);
    }
    const NAMED: [(&str, char); 14] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("ndash", '–'),
        ("mdash", '—'),
        ("hellip", '…'),
        ("lsquo", '‘'),
        ("rsquo", '’'),
        ("ldquo", '“'),
        ("rdquo", '”'),
        ("laquo", '«'),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let reference = after
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &after[..end]);
        let decoded = reference.and_then(|r| match r.strip_prefix('#') {
            Some(number) => {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32).filter(|c| !c.is_control())
            }
            None => NAMED.iter().find(|(name, _)| *name == r).map(|(_, c)| *c),
        });
        match (decoded, reference) {
            (Some(c), Some(r)) => {
                out.push(c);
                rest = &after[r.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod strip_tests {
    use super::*;

    #[test]
    fn title_entities_are_the_text_they_stand_for() {
        assert_eq!(decode_title_entities("Compost &amp; you"), "Compost & you");
        assert_eq!(
            decode_title_entities("Rock &#8217;n&#x2019; roll &hellip;"),
            "Rock ’n’ roll …"
        );
        assert_eq!(decode_title_entities("AT&T; Q&A"), "AT&T; Q&A");
        assert_eq!(
            decode_title_entities("&#0; &bogus; &#x110000;"),
            "&#0; &bogus; &#x110000;"
        );
        assert!(matches!(decode_title_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn inline_tags_join_text_and_block_tags_separate_it() {
        assert_eq!(
            super::strip_tags(
                "<p>With <code>const { ... }</code>, a <a href=\"x\">link</a>; <em>done</em>.</p><p>Next</p>"
            ),
            " With const { ... }, a link; done.  Next "
        );
        assert_eq!(super::strip_tags("line<br>break"), "line break");
        assert_eq!(
            super::strip_tags(
                "scale.<sup class=\"footnote-reference\" id=\"a-fnref-1\"><a href=\"#a-fn-1\">1</a></sup> The"
            ),
            "scale. The"
        );
        assert_eq!(super::strip_tags("a <b unclosed"), "a ");
    }

    #[test]
    fn strip_tags_keeps_text_and_decodes_entities() {
        assert_eq!(
            super::strip_tags("<p>A &amp; <b>B</b></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "&", "B"]
        );
    }

    #[test]
    fn unescape_html_undoes_escape_html_once() {
        let text = "<a href=\"x\">&'é &amp; &#39;";
        assert_eq!(super::unescape_html(&super::escape_html(text)), text);
        assert_eq!(
            super::unescape_html("&amp;lt; &#x27; &nbsp; & &am"),
            "&lt; ' &nbsp; & &am"
        );
    }

    #[test]
    fn smart_punctuation_matches_what_summaries_get() {
        assert_eq!(
            smart_punctuation("Boeing's new jet"),
            "Boeing\u{2019}s new jet"
        );
        assert_eq!(
            smart_punctuation("The \"quiet\" budget -- and 'why' it matters..."),
            "The \u{201c}quiet\u{201d} budget \u{2013} and \u{2018}why\u{2019} it matters\u{2026}"
        );
        assert_eq!(
            smart_punctuation("A---B, '90s, rock 'n' roll"),
            "A\u{2014}B, \u{2018}90s, rock \u{2018}n\u{2019} roll"
        );
        assert_eq!(smart_punctuation("e-mail v1.2 ----"), "e-mail v1.2 ----");
        assert!(matches!(smart_punctuation("Plain title"), Cow::Borrowed(_)));
    }
}
