//! Word counting for reading times. A word starts at a letter or digit outside a word;
//! whitespace ends a word; other characters (punctuation, symbols) leave the state as it
//! was, so `don’t` is one word and `—` none. The state carries across text events, so a
//! word split by inline markup (`foo*bar*`) counts once.
//!
//! Prose is mostly ASCII, so eight ASCII bytes (or the last few) are classified at once in
//! a `u64` (one flag per byte, in its high bit). Where a letter follows punctuation, whether it starts a word
//! depends on what came before the punctuation: those eight bytes, and any non-ASCII
//! character, take the one-at-a-time path.

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

/// Words starting in `text` and whether `text` ends inside a word, given whether it starts
/// inside one.
pub(crate) fn count(text: &str, in_word: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    let (mut in_word, mut words) = (in_word, 0);
    let mut i = 0;
    while i < bytes.len() {
        let eight = &bytes[i..bytes.len().min(i + 8)];
        let x = load(eight);
        if x & HIGH == 0 {
            match count_ascii8(x, in_word) {
                Some((n, after)) => (words, in_word) = (words + n, after),
                None => {
                    for &b in eight {
                        let step = WORD_STEP[usize::from(u8::from(in_word) << 7 | b)];
                        words += usize::from(step >> 1);
                        in_word = step & 1 == 1;
                    }
                }
            }
            i += eight.len();
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        let step = step_of(in_word, class_of(c));
        words += usize::from(step >> 1);
        in_word = step & 1 == 1;
    }
    (words, in_word)
}

/// Characters of scripts written without spaces between words, which are read by the
/// character: CJK ideographs (and their extensions and compatibility forms), hiragana and
/// katakana. Hangul is written with spaces and counted in words.
pub(crate) fn cjk_chars(text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            matches!(c,
                '\u{3040}'..='\u{30FF}'     // hiragana, katakana
                | '\u{31F0}'..='\u{31FF}'   // katakana extensions
                | '\u{3400}'..='\u{4DBF}'   // CJK extension A
                | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
                | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
                | '\u{FF66}'..='\u{FF9F}'   // half-width katakana
                | '\u{20000}'..='\u{3FFFF}' // extensions B and later
            )
        })
        .count()
}

fn class_of(c: char) -> u8 {
    // Smart punctuation's dashes, quotes and ellipses, without the Unicode tables:
    // U+2010-U+2027 holds no space, letter or digit.
    if ('\u{2010}'..='\u{2027}').contains(&c) {
        return OTHER;
    }
    if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        ALNUM
    } else {
        OTHER
    }
}

/// One step: bit 0 of the result is "now in a word", bit 1 "a word starts here".
const fn step_of(in_word: bool, class: u8) -> u8 {
    let starts = class == ALNUM && !in_word;
    let stays = class == ALNUM || (in_word && class == OTHER);
    (starts as u8) << 1 | stays as u8
}

/// `step_of` for every ASCII byte outside a word, then (at 128 + byte) inside one.
/// `char::is_whitespace` also counts vertical tab, which `u8::is_ascii_whitespace` does not.
const WORD_STEP: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let class = if c.is_ascii_whitespace() || c == 0x0b {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        table[b] = step_of(false, class);
        table[128 + b] = step_of(true, class);
        b += 1;
    }
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Up to eight bytes, little-endian. Missing bytes are NUL, which counts as punctuation: it
/// starts no word and ends none, so a short tail counts as it would alone.
fn load(bytes: &[u8]) -> u64 {
    match bytes.try_into() {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => {
            let mut eight = [0; 8];
            let n = bytes.len().min(8);
            eight[..n].copy_from_slice(&bytes[..n]);
            u64::from_le_bytes(eight)
        }
    }
}

/// High bit of each byte set where that byte is at least `c` (all bytes below 0x80).
const fn at_least(x: u64, c: u8) -> u64 {
    // Each byte, with its high bit set, stays at or above 0x80 - c: no borrow between bytes.
    ((x | HIGH) - ONES * c as u64) & HIGH
}

/// High bit of each byte set where that byte equals `c`.
const fn equal(x: u64, c: u8) -> u64 {
    let v = x ^ (ONES * c as u64);
    !(((v & !HIGH) + !HIGH) | v | !HIGH)
}

/// Eight ASCII bytes (little-endian in `x`): the words starting there and the state after,
/// or None when a letter or digit follows punctuation inside the eight.
fn count_ascii8(x: u64, in_word: bool) -> Option<(usize, bool)> {
    let folded = x | (ONES * 0x20); // `A`-`Z` onto `a`-`z`; nothing else lands there
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let alnum = letter | digit;
    let space = (at_least(x, b'\t') & !at_least(x, b'\r' + 1)) | equal(x, b' ');
    let other = HIGH & !alnum & !space;
    // The byte before each byte; before the first, the state carried in.
    let alnum_before = alnum << 8 | if in_word { 0x80 } else { 0 };
    if alnum & (other << 8) != 0 {
        return None;
    }
    let starts = alnum & !alnum_before;
    let marked = alnum | space;
    let after = match marked {
        0 => in_word,
        _ => alnum >> (63 - marked.leading_zeros()) & 1 == 1,
    };
    // One 0/1 per byte; the multiplication sums them into the top byte (no popcnt needed).
    let words = ((starts >> 7).wrapping_mul(ONES) >> 56) as usize;
    Some((words, after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, one character at a time, for comparison.
    fn reference(text: &str, mut in_word: bool) -> (usize, bool) {
        let mut words = 0;
        for c in text.chars() {
            if c.is_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
            } else if c.is_whitespace() {
                in_word = false;
            }
        }
        (words, in_word)
    }

    #[test]
    fn counts_words_across_scripts_spaces_and_punctuation() {
        assert_eq!(
            count("Übung ½ 東京\u{3000}déjà\u{a0}vu — € 42", false),
            (6, true)
        );
        assert_eq!(count("don't stop (now), \"really\"", false), (4, true));
        assert_eq!(count("continued word", true), (1, true));
        assert_eq!(count("  ", true), (0, false));
        assert_eq!(count("...", true), (0, true));
        assert_eq!(count("", false), (0, false));
    }

    #[test]
    fn classifies_every_ascii_byte_as_the_table_does() {
        for b in 0..128u8 {
            for in_word in [false, true] {
                let eight = u64::from_le_bytes([b; 8]);
                let text = String::from_utf8(vec![b; 8]).unwrap();
                let Some(fast) = count_ascii8(eight, in_word) else {
                    // Only a letter or digit after punctuation may fall back; eight equal
                    // bytes never are that.
                    panic!("byte {b:#x} fell back");
                };
                assert_eq!(
                    fast,
                    reference(&text, in_word),
                    "byte {b:#x}, in_word {in_word}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_one_character_at_a_time(
            text in "[a-zA-Z0-9 \t\n\u{b}\u{c}\r,.;:!?'\"()\\-—’“”…\u{2028}é東½\u{a0}]{0,100}",
            in_word in any::<bool>(),
        ) {
            prop_assert_eq!(count(&text, in_word), reference(&text, in_word));
        }

        #[test]
        fn agrees_on_any_ascii(bytes in proptest::collection::vec(0u8..128, 0..64), in_word in any::<bool>()) {
            let text = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(count(&text, in_word), reference(&text, in_word));
        }
    }
}
