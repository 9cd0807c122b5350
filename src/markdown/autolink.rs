//! GFM's autolinks: a bare `https://…`, `http://…` or `www.…` address in text is a link,
//! as GitHub, Hugo and remark-gfm make it (pulldown-cmark has no such extension). The rules
//! are GFM's "extended autolinks" (e-mail addresses excepted): the address starts a word,
//! its domain has a dot and no `_` in its last two parts, and trailing punctuation, an
//! unbalanced `)` and an entity-like `&amp;` end are not part of it.

use std::ops::Range;

/// True when the Markdown source `src` may hold a bare address: one not written as a link's
/// destination (`](https://…)`), an autolink (`<https://…>`) or an HTML attribute. Most
/// digests link every address they cite, so their text is then never searched again.
pub fn bare_in(src: &str) -> bool {
    let b = src.as_bytes();
    let written_bare = |start: usize| match start.checked_sub(1).map(|i| b[i]) {
        None => true,
        Some(b'(') => !src[..start - 1].ends_with(']'),
        // A quoted attribute (`href="…"`), not a quotation.
        Some(b'"' | b'\'') => !src[..start - 1].trim_end().ends_with('='),
        Some(b'<' | b'=' | b'/') => false,
        Some(_) => true,
    };
    let scheme_start = |at: usize| {
        at - b[..at]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
    };
    memchr::memmem::find_iter(b, b"://").any(|at| written_bare(scheme_start(at)))
        || memchr::memmem::find_iter(b, b"www.").any(written_bare)
}

/// True when `text` may hold an address: the cheap test before [`find`], run on every
/// piece of text (a substring search would set up its searcher each time, for a few words).
pub fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"))
        || memchr::memchr_iter(b'.', b).any(|i| i >= 3 && &b[i - 3..i] == b"www")
}

/// The addresses in `text`, in order: each one's range and its link destination
/// (`www.x.org` is `http://www.x.org`, as GFM has it).
pub fn find(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = next_start(text, at) {
        let rest = &text[start..];
        let www = rest.starts_with("www.");
        let host_at = match (www, rest.starts_with("https://")) {
            (true, _) => 0,
            (false, true) => "https://".len(),
            (false, false) => "http://".len(),
        };
        // The domain is read first, up to its first other character, so a text of many
        // starts that are no address is read once, not once a start.
        let host_len = rest[host_at..]
            .find(|c: char| !(c.is_alphanumeric() || "-_.".contains(c)))
            .unwrap_or(rest.len() - host_at);
        let host = rest[host_at..host_at + host_len].trim_end_matches('.');
        if !valid_domain(host) {
            at = start + host_at.max(1);
            continue;
        }
        // An address ends at a space, a `<`, or a CJK text's punctuation (`。`, `，`…).
        let len = rest
            .find(|c: char| {
                c.is_whitespace()
                    || c == '<'
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff01}'..='\u{ff0f}').contains(&c)
                    || "\u{ff1a}\u{ff1b}\u{ff1f}".contains(c)
            })
            .unwrap_or(rest.len());
        let len = trimmed_end(&rest[..len]).max(host_at + host.len());
        let address = &rest[..len];
        let dest = match www {
            true => format!("http://{address}"),
            false => address.to_string(),
        };
        found.push((start..start + len, dest));
        at = start + len;
    }
    found
}

/// Where the next address may start at or after `from`: `http://`, `https://` or `www.`
/// at the text's start or after a space, `(`, `*`, `_` or `~`.
fn next_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    (from..text.len()).find(|&i| {
        let rest = &bytes[i..];
        let opens = rest.starts_with(b"https://")
            || rest.starts_with(b"http://")
            || rest.starts_with(b"www.");
        opens
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || "(*_~\"'“‘".contains(c))
    })
}

/// The length of `address` without what GFM leaves after it: trailing punctuation, a `)`
/// more than it opens, and an entity-like end (`&amp;`).
fn trimmed_end(address: &str) -> usize {
    let mut end = address.len();
    // The parentheses still unbalanced at `end`, counted once (a run of `)` is not
    // counted again for each one trimmed).
    let mut extra_closing =
        address.matches(')').count() as isize - address.matches('(').count() as isize;
    loop {
        let text = &address[..end];
        let Some(last) = text.chars().next_back() else {
            return 0;
        };
        if "?!.,:*_~'\"”’»".contains(last) {
            end -= last.len_utf8();
        } else if last == ')' && extra_closing > 0 {
            end -= 1;
            extra_closing -= 1;
        } else if last == ';' {
            let word = text[..end - 1]
                .rfind(|c: char| !c.is_ascii_alphanumeric())
                .filter(|&i| text.as_bytes()[i] == b'&');
            match word {
                Some(amp) => end = amp,
                None => return end,
            }
        } else {
            return end;
        }
    }
}

/// GFM's valid domain: parts of letters, digits, `_` and `-` joined by dots, at least two
/// parts, and no `_` in the last two.
fn valid_domain(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    let part_ok = |p: &&str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    parts.len() >= 2
        && parts.iter().all(part_ok)
        && parts.iter().rev().take(2).all(|p| !p.contains('_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|(range, dest)| (&text[range], dest))
            .collect()
    }

    #[test]
    fn bare_addresses_are_told_from_written_links() {
        for bare in [
            "see https://a.org",
            "(https://a.org)",
            "www.a.org",
            "*https://a.org*",
            "He wrote \"https://a.org\".",
        ] {
            assert!(bare_in(bare), "{bare}");
        }
        for linked in [
            "[a](https://a.org) and [b](http://www.b.org)",
            "<https://a.org>",
            "<a href=\"https://a.org\">",
            "![p](//cdn.a.org/p.png)",
        ] {
            assert!(!bare_in(linked), "{linked}");
        }
    }

    #[test]
    fn may_hold_finds_the_starts_of_addresses() {
        for yes in ["see https://a.org", "www.a.org", "x://", "WWW www."] {
            assert!(may_hold(yes), "{yes}");
        }
        for no in ["", "time: 10:30", "a.b.c", "ww.", ":/", "w"] {
            assert!(!may_hold(no), "{no}");
        }
    }

    #[test]
    fn bare_addresses_are_found_as_gfm_finds_them() {
        assert_eq!(
            links("See https://example.com/x for more."),
            [("https://example.com/x", "https://example.com/x".to_string())]
        );
        assert_eq!(
            links("(www.example.com/a_b), and http://x.org/p?q=1&r=2."),
            [
                (
                    "www.example.com/a_b",
                    "http://www.example.com/a_b".to_string()
                ),
                (
                    "http://x.org/p?q=1&r=2",
                    "http://x.org/p?q=1&r=2".to_string()
                ),
            ]
        );
        // Balanced parentheses stay, an extra one goes; an entity-like end goes.
        assert_eq!(
            links("https://en.wikipedia.org/wiki/Foo_(bar)) x https://a.org/b&hl;")
                .iter()
                .map(|(t, _)| *t)
                .collect::<Vec<_>>(),
            ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://a.org/b"]
        );
        assert_eq!(
            links("https://example.com:8080/x 見て https://example.org/a。次")
                .iter()
                .map(|(t, _)| *t)
                .collect::<Vec<_>>(),
            ["https://example.com:8080/x", "https://example.org/a"]
        );
        // After quotes too, curly ones closing outside it; a long run of starts that are
        // no address is read once.
        assert_eq!(links("\"https://q.org/x\" 'www.q.org'").len(), 2);
        assert_eq!(
            links("“https://c.org/x” ‘www.c.org’")[0].0,
            "https://c.org/x"
        );
        assert_eq!(links("‘www.c.org’")[0].0, "www.c.org");
        let starts = "(www.".repeat(60_000);
        assert!(links(&starts).is_empty());
        // A long run of `)` is trimmed in one pass.
        let parens = format!("https://a.org/x{}", ")".repeat(50_000));
        assert_eq!(links(&parens)[0].0, "https://a.org/x");
        // Not at a word's start, no dot, `_` in the last parts, or nothing after `www.`.
        for none in [
            "xhttps://a.org",
            "https://localhost/x",
            "www.a_b.c_d",
            "www.",
            "mailto:a@b.org",
            "plain words",
        ] {
            assert!(links(none).is_empty(), "{none}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic(s in "(https?://|www\\.|[a-zé_().;&!/ ]|ü|日){0,40}") {
            for (range, dest) in find(&s) {
                proptest::prop_assert!(s.is_char_boundary(range.start) && s.is_char_boundary(range.end));
                proptest::prop_assert!(dest.ends_with(&s[range]));
            }
        }
    }
}
