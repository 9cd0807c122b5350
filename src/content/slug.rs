//! Slugs and tag names: every slug is one safe URL path segment, whatever the input.

use unicode_normalization::UnicodeNormalization;

/// Longest slug we produce; keeps paths far below the 255-byte segment limit.
pub const MAX_SLUG_BYTES: usize = 80;

/// Lowercase ASCII letters, digits and single hyphens; empty if nothing usable remains.
pub fn slugify(input: &str) -> String {
    // WordPress exports percent-encode a slug's letters (`caf%C3%A9`): the letters count.
    let decoded = match input.contains('%') {
        true => percent_encoding::percent_decode_str(input)
            .decode_utf8()
            .unwrap_or(std::borrow::Cow::Borrowed(input)),
        false => std::borrow::Cow::Borrowed(input),
    };
    let mut slug = slug::slugify(crate::text::scrub(&decoded));
    if slug.len() > MAX_SLUG_BYTES {
        let cut = slug[..MAX_SLUG_BYTES]
            .rfind('-')
            .filter(|&i| i > MAX_SLUG_BYTES / 2)
            .unwrap_or(MAX_SLUG_BYTES);
        slug.truncate(cut);
    }
    slug.trim_matches('-').to_string()
}

/// A slug that is never empty: falls back to `prefix-<hash of key>` (stable across runs).
pub fn slugify_or(input: &str, prefix: &str, key: &str) -> String {
    let slug = slugify(input);
    if slug.is_empty() {
        format!("{prefix}-{:08x}", fnv1a(key.as_bytes()) as u32)
    } else {
        slug
    }
}

/// A tag as displayed: NFC, control characters removed, whitespace trimmed and collapsed.
pub fn normalize_tag(raw: &str) -> String {
    let clean = crate::text::scrub(raw);
    // ASCII text is already in NFC; most tags are ASCII, and normalizing is not cheap.
    let nfc: std::borrow::Cow<'_, str> = if clean.is_ascii() {
        clean
    } else {
        clean.nfc().collect::<String>().into()
    };
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The identity of a tag: `Rust`, `rust` and ` RUST ` are one tag, and so are `Straße`
/// and `STRASSE` (Unicode case folding, which lowercasing alone is not). Spellings that
/// differ only in whitespace, punctuation, quotes or a trailing comma are one tag too
/// (`End of Life`, `End-of-Life`; `Leap "15.2"`, `Leap 15.2`), except that `+` and `#` count:
/// `C`, `C++`, `C#` and `F#` are different languages.
pub fn tag_key(normalized: &str) -> String {
    let folded: String = if normalized.is_ascii() {
        normalized.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(normalized).nfc().collect()
    };
    let key: String = folded
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '+' | '#'))
        .collect();
    // A tag of punctuation alone (`?!`) keeps its own identity.
    if key.is_empty() {
        folded
    } else {
        key
    }
}

/// A tag's URL slug: [`slugify_or`], with `+` and `#` after a letter or digit spelled out so
/// languages keep their own pages: `c`, `c-plus-plus`, `c-sharp`, `f-sharp`, `notepad-plus-plus`.
pub fn tag_slug(name: &str, key: &str) -> String {
    let mut spelled = String::with_capacity(name.len() + 16);
    let mut after_word = false;
    for c in name.chars() {
        match c {
            '+' if after_word => spelled.push_str(" plus "),
            '#' if after_word => {
                spelled.push_str(" sharp ");
                after_word = false;
            }
            _ => {
                spelled.push(c);
                after_word = c.is_alphanumeric();
            }
        }
    }
    slugify_or(&spelled, "tag", key)
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_are_single_safe_segments() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Zürich Ñandú"), "zurich-nandu");
        assert_eq!(slugify("a\\b\0c"), "a-bc");
        assert_eq!(slugify("?!…"), "");
        // Emoji are written as their names, as the README says.
        assert_eq!(slugify("🎉 Launch"), "tada-launch");
        assert_eq!(slugify_or("?!", "tag", "?!").len(), 12);
        // Percent-encoded letters (WordPress's slugs) are the letters; a `%` that encodes
        // none stays text.
        assert_eq!(slugify("caf%c3%a9-cr%C3%A8me"), "cafe-creme");
        assert_eq!(
            slugify("%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82"),
            slugify("привет")
        );
        assert_eq!(slugify("100% pure"), "100-pure");
        assert_eq!(slugify("bad%ff"), "bad-ff");
    }

    #[test]
    fn long_slugs_are_cut_at_a_hyphen() {
        let s = slugify(&"word ".repeat(200));
        assert!(s.len() <= MAX_SLUG_BYTES && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn tags_normalize_case_whitespace_and_nfc() {
        assert_eq!(
            tag_key(&normalize_tag("  RUST ")),
            tag_key(&normalize_tag("rust"))
        );
        assert_eq!(normalize_tag("open\t  source"), "open source");
        assert_eq!(
            tag_key(&normalize_tag("Cafe\u{301}")),
            tag_key(&normalize_tag("café"))
        );
        // Case folding, not just lowercasing: ß is "ss", final sigma is sigma.
        assert_eq!(tag_key("Straße"), tag_key("STRASSE"));
        assert_eq!(tag_key("ΟΔΟΣ"), tag_key("οδος"));
        assert_eq!(tag_key("ὀδός"), tag_key("ὈΔΌΣ"));
        assert_ne!(tag_key("Straße"), tag_key("Strasse-X"));
    }

    #[test]
    fn tags_differing_only_in_punctuation_are_one() {
        for (a, b) in [
            ("End of Life", "End-of-Life"),
            ("Hyper V", "hyper-v"),
            ("Leap \"15.2\"", "Leap 15.2"),
            ("virtualbox,", "VirtualBox"),
            ("Don’t panic", "dont panic"),
        ] {
            assert_eq!(
                tag_key(&normalize_tag(a)),
                tag_key(&normalize_tag(b)),
                "{a} / {b}"
            );
        }
        let langs = ["C", "C++", "C#", "F#", "F"].map(tag_key);
        for (i, a) in langs.iter().enumerate() {
            assert!(!langs[i + 1..].contains(a), "{a}");
        }
        assert_eq!(tag_key("?!"), "?!");
    }

    #[test]
    fn language_tags_get_their_own_slugs() {
        let slug = |n: &str| tag_slug(n, &tag_key(n));
        assert_eq!(
            ["C", "C++", "c++", "C#", "F#", "Notepad++", "#rust", "a + b"].map(slug),
            [
                "c",
                "c-plus-plus",
                "c-plus-plus",
                "c-sharp",
                "f-sharp",
                "notepad-plus-plus",
                "rust",
                "a-b"
            ]
        );
    }

    proptest! {
        #[test]
        fn slug_is_always_one_safe_segment(s in any::<String>()) {
            let slug = slugify_or(&s, "x", &s);
            prop_assert!(!slug.is_empty() && slug.len() <= MAX_SLUG_BYTES + 12);
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(slug != "." && slug != "..");
        }

        #[test]
        fn hostile_pieces_make_one_safe_segment(parts in prop::collection::vec(prop_oneof![
            Just("/"), Just(".."), Just("."), Just("\\"), Just("\0"), Just("%2e"), Just("?#&"),
            Just("🎉"), Just("C++"), Just("Ünï"), Just("\u{202e}"), Just(" "), Just("-"), Just("a"),
        ], 0..40)) {
            let s = parts.concat();
            for slug in [slugify_or(&s, "tag", &s), slugify_or(&normalize_tag(&s), "tag", &s)] {
                prop_assert!(!slug.is_empty() && slug.len() <= MAX_SLUG_BYTES + 12, "{}", slug);
                prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
                prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{}", slug);
            }
        }

        #[test]
        fn tag_identity_ignores_case_and_spacing(s in "[a-zA-ZÀ-ÿ ]{0,30}") {
            // Simple case mapping: `ß` upper-cases to `SS`, which is another tag (documented).
            prop_assume!(s.to_uppercase().to_lowercase() == s.to_lowercase());
            let spaced = format!("  {}\t", s.to_uppercase());
            prop_assert_eq!(tag_key(&normalize_tag(&spaced)), tag_key(&normalize_tag(&s.to_lowercase())));
        }

        #[test]
        fn tag_normalization_is_idempotent(s in any::<String>()) {
            let once = normalize_tag(&s);
            prop_assert_eq!(normalize_tag(&once), once.clone());
            prop_assert!(!once.chars().any(crate::text::is_forbidden_char));
        }
    }
}
