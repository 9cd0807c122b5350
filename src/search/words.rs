//! Text to index terms: split into words, normalize (NFKC, case folded, diacritics
//! removed), then stem for the site's language. The browser never stems: the index maps
//! every surface word (normalized) to its stem, so the client only normalizes.
//!
//! CJK text has no spaces between words, and gazette carries no dictionary to segment it:
//! each Han, kana or Hangul character is a word of its own. A query in those scripts is
//! split the same way and matches stories holding all its characters.

use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The stemmer for a site `language` such as `en`, `de-AT` or `fr`; None for languages
/// Snowball has no stemmer for (their words are indexed as normalized).
pub fn stemmer_for(language: &str) -> Option<Stemmer> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// One word as matched: NFKC, case folded (`ß` -> `ss`), diacritics removed (`é` -> `e`),
/// and the letters whose stroke is no combining mark written without it (`ł` -> `l`, `ø` ->
/// `o`: readers type `Lodz` for `Łódź`). The browser client does the same with
/// `normalize("NFKD")`, `toLowerCase()`, dropping combining marks and [`STROKED`] (see
/// search.js).
pub fn normalize(word: &str) -> String {
    let mut out = String::new();
    normalize_into(word, &mut out);
    out
}

/// [`normalize`] into `out` (cleared first), which keeps its allocation across words.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let folded = caseless::default_case_fold_str(&word.nfkc().collect::<String>());
    out.extend(
        folded
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .map(unstroked),
    );
}

/// Letters with a stroke or bar, which Unicode does not decompose, and their plain letters
/// (case folded already). search.js carries the same list.
pub const STROKED: [(char, char); 6] = [
    ('ł', 'l'),
    ('ø', 'o'),
    ('đ', 'd'),
    ('ħ', 'h'),
    ('ŧ', 't'),
    ('ı', 'i'),
];

fn unstroked(c: char) -> char {
    STROKED
        .iter()
        .find(|(stroked, _)| *stroked == c)
        .map_or(c, |(_, plain)| *plain)
}

/// The first char [`Folds`] knows, and one past its last: Latin-1's letters, Latin
/// Extended-A and -B, IPA, Greek and Cyrillic.
const FOLDS_FROM: u32 = 0xA0;
const FOLDS_TO: u32 = 0x500;

/// [`normalize_into`] at the cost of a table lookup a char for words written in the
/// alphabets of Europe: each char of [`FOLDS_FROM`]..[`FOLDS_TO`] that is not a
/// combining mark is normalized once, when the index starts, and a word made only of
/// ASCII and such chars normalizes to its chars' forms one after the other (no char there
/// composes with its neighbours: only a combining mark could). Any other word (one with a
/// combining mark, say) takes [`normalize_into`]'s way: NFKC of the whole word.
pub struct Folds {
    forms: Vec<Option<Box<str>>>,
}

impl Default for Folds {
    fn default() -> Folds {
        Folds::new()
    }
}

impl Folds {
    pub fn new() -> Folds {
        let forms = (FOLDS_FROM..FOLDS_TO)
            .map(|n| {
                let c = char::from_u32(n).expect("no surrogates below U+D800");
                (!is_combining_mark(c)).then(|| normalize(c.encode_utf8(&mut [0; 4])).into())
            })
            .collect();
        Folds { forms }
    }

    /// The same as [`normalize_into`].
    pub fn normalize_into(&self, word: &str, out: &mut String) {
        out.clear();
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            let form = (c as u32)
                .checked_sub(FOLDS_FROM)
                .and_then(|i| self.forms.get(i as usize))
                .and_then(Option::as_deref);
            match form {
                Some(form) => out.push_str(form),
                None => return normalize_into(word, out),
            }
        }
    }
}

/// A character that is a word by itself (scripts written without spaces).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B-F, compatibility supplement
}

/// The words of `text` as (byte offset, word, normal), in order. A word is a run of
/// letters, digits and combining marks; anything else separates words (`l'été` is `l` and
/// `été`), as search.js splits queries, but for one letter after an apostrophe that
/// follows a letter, which is left out: English's `'s` and `'t` (`Earth's` is `earth`,
/// `don't` is `don`) would be words of their own otherwise. `normal` is true when
/// [`normalize`] would leave the word as it is (lower-case ASCII letters and digits), so
/// it can be looked up as it stands. ASCII bytes are classified by a table, without
/// decoding a char, in the same pass that finds the word's end: they are nearly all of the
/// text and this runs on every body.
pub fn split(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    split_all(text).filter(|&(at, word, _)| !is_clitic(text, at, word))
}

/// Whether `word`, at byte `at` of `text`, is one letter after an apostrophe (`'` or `’`)
/// that follows a letter or digit.
fn is_clitic(text: &str, at: usize, word: &str) -> bool {
    let mut word_chars = word.chars();
    if word_chars.next().is_none() || word_chars.next().is_some() {
        return false;
    }
    let mut before = text[..at].chars().rev();
    matches!(before.next(), Some('\'' | '’')) && before.next().is_some_and(char::is_alphanumeric)
}

/// [`split`] with the one-letter words after apostrophes.
fn split_all(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let start = i;
        let &b = bytes.get(i)?;
        if b.is_ascii() {
            i += 1;
            let class = ASCII_CLASS[usize::from(b)];
            if class != SEPARATOR {
                let (end, normal) = word_end(text, i);
                i = end;
                return Some((start, &text[start..i], normal && class == NORMAL));
            }
            continue;
        }
        let c = text[i..].chars().next()?;
        i += c.len_utf8();
        if is_cjk(c) {
            return Some((start, &text[start..i], false));
        }
        if c.is_alphanumeric() {
            i = word_end(text, i).0;
            return Some((start, &text[start..i], false));
        }
    })
}

const SEPARATOR: u8 = 0;
/// A lower-case ASCII letter or a digit: what normal words are made of.
const NORMAL: u8 = 1;
const UPPER: u8 = 2;

const ASCII_CLASS: [u8; 128] = {
    let mut table = [SEPARATOR; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            NORMAL
        } else if c.is_ascii_uppercase() {
            UPPER
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Where the word going on at byte `i` ends, and whether its bytes from `i` on are all
/// [`NORMAL`]. Inlined: `split` calls it once a word, ~9 million times for 10k stories,
/// and the call cost as much as the scan of the word's few bytes.
#[inline(always)]
fn word_end(text: &str, mut i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut normal = true;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            match ASCII_CLASS[usize::from(b)] {
                SEPARATOR => break,
                NORMAL => {}
                _ => normal = false,
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        if is_cjk(c) || !(c.is_alphanumeric() || is_combining_mark(c)) {
            break;
        }
        normal = false;
        i += c.len_utf8();
    }
    (i, normal)
}

/// Normalized words to stems, with the stemmer of the site's language.
pub struct Stems {
    stemmer: Option<Stemmer>,
    /// Stems already made. The stories analyzed side by side before the index knows any
    /// word share most of their words, and stemming is the costly step.
    memo: Mutex<FxHashMap<String, String>>,
}

impl Stems {
    pub fn new(language: &str) -> Stems {
        Stems {
            stemmer: stemmer_for(language),
            memo: Mutex::default(),
        }
    }

    /// The stem of a normalized word; words with digits and single characters are kept whole.
    pub fn stem(&self, normalized: &str) -> String {
        let Some(stemmer) = &self.stemmer else {
            return normalized.to_string();
        };
        if normalized.chars().nth(1).is_none() {
            return normalized.to_string();
        }
        if let Some(stem) = self.memo().get(normalized) {
            return stem.clone();
        }
        // Stemmed without the lock, so the threads stem side by side.
        let stem = stemmer.stem(normalized).into_owned();
        self.memo().insert(normalized.to_string(), stem.clone());
        stem
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, String>> {
        self.memo.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: &str, text: &str) -> Vec<(String, String)> {
        let stems = Stems::new(language);
        split(text)
            .map(|(_, w, _)| {
                let n = normalize(w);
                let s = stems.stem(&n);
                (n, s)
            })
            .collect()
    }

    fn stems_of(language: &str, text: &str) -> Vec<String> {
        terms(language, text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn english_words_fold_case_and_share_stems() {
        assert_eq!(
            stems_of("en", "Solar STORMS, storming; the storm's"),
            ["solar", "storm", "storm", "the", "storm"]
        );
        assert_eq!(stems_of("en", "stories story"), ["stori", "stori"]);
        assert_eq!(stems_of("en-GB", "running runs"), ["run", "run"]);
    }

    #[test]
    fn german_sharp_s_and_umlauts_fold_before_stemming() {
        let t = terms("de", "Straße STRASSE Bücher Büchern Äpfel");
        assert_eq!(t[0].0, "strasse");
        assert_eq!(t[0], t[1]);
        assert_eq!(t[2].0, "bucher");
        assert_eq!(t[2].1, t[3].1, "{t:?}");
        assert_eq!(t[4].0, "apfel");
    }

    #[test]
    fn stroked_letters_lose_their_stroke() {
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("ŻÓŁW"), "zolw");
        assert_eq!(normalize("København"), "kobenhavn");
        assert_eq!(normalize("Đakovo"), "dakovo");
        let mut fast = String::new();
        Folds::new().normalize_into("Łódź", &mut fast);
        assert_eq!(fast, "lodz");
        // The browser client folds the same letters.
        let js = include_str!("search.js");
        for (stroked, plain) in STROKED {
            assert!(
                js.contains(&format!("\"{stroked}\": \"{plain}\"")),
                "{stroked}"
            );
        }
    }

    #[test]
    fn french_accents_are_folded() {
        let t = terms("fr", "Été ÉLÉPHANT éléphants forêt");
        assert_eq!(t[0].0, "ete");
        assert_eq!(t[1].0, "elephant");
        assert_eq!(t[1].1, t[2].1);
        assert_eq!(t[3].0, "foret");
    }

    #[test]
    fn nfkc_turns_compatibility_forms_into_plain_letters() {
        assert_eq!(normalize("ﬁle"), "file");
        assert_eq!(normalize("ＡＢＣ"), "abc");
    }

    #[test]
    fn cjk_characters_are_words_of_their_own() {
        let words: Vec<&str> = split("東京の天気 solar風").map(|(_, w, _)| w).collect();
        assert_eq!(words, ["東", "京", "の", "天", "気", "solar", "風"]);
        assert_eq!(stems_of("ja", "東京"), ["東", "京"]);
    }

    /// What `split` marks as normal: the words [`normalize`] leaves as they are.
    fn is_normal(word: &str) -> bool {
        word.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }

    /// The first definition of [`split`], a char at a time.
    fn split_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut rest = text.char_indices().peekable();
        std::iter::from_fn(move || loop {
            let (start, c) = rest.next()?;
            if is_cjk(c) {
                return Some((start, &text[start..start + c.len_utf8()]));
            }
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = rest.peek() {
                if is_cjk(c) || !(c.is_alphanumeric() || is_combining_mark(c)) {
                    break;
                }
                end = i + c.len_utf8();
                rest.next();
            }
            return Some((start, &text[start..end]));
        })
        .filter(|&(at, word)| !is_clitic(text, at, word))
        .collect()
    }

    #[test]
    fn folds_know_each_european_letter_as_normalize_does() {
        let folds = Folds::new();
        let mut fast = String::new();
        for c in (FOLDS_FROM..FOLDS_TO).filter_map(char::from_u32) {
            let word = c.to_string();
            folds.normalize_into(&word, &mut fast);
            assert_eq!(fast, normalize(&word), "U+{:04X}", c as u32);
        }
        // Forms longer or other than a letter: ß, the ligature ĳ, ŉ (NFKC: ʼn), Greek final
        // sigma, a Cyrillic letter with a breve.
        for (word, form) in [
            ("Straße", "strasse"),
            ("Ĳssel", "ijssel"),
            ("ŉ", "\u{2bc}n"),
            ("ΛΌΓΟΣ", "λογοσ"),
            ("Йод", "иод"),
        ] {
            folds.normalize_into(word, &mut fast);
            assert_eq!(fast, form);
            assert_eq!(normalize(word), form);
        }
    }

    proptest::proptest! {
        #[test]
        fn folds_normalize_words_as_normalize_does(
            word in "[a-zA-Z0-9\u{a0}-\u{4ff}\u{300}-\u{36f}\u{1e00}-\u{1eff}\u{fb01}\u{ff21}\u{6771}]{1,10}"
        ) {
            static FOLDS: std::sync::OnceLock<Folds> = std::sync::OnceLock::new();
            let mut fast = String::new();
            FOLDS.get_or_init(Folds::new).normalize_into(&word, &mut fast);
            proptest::prop_assert_eq!(fast, normalize(&word));
        }

        #[test]
        fn a_normal_word_normalizes_to_itself(word in "[a-zA-Z0-9\u{e9}\u{df}]{1,12}") {
            if is_normal(&word) {
                proptest::prop_assert_eq!(normalize(&word), word);
            }
        }

        #[test]
        fn split_marks_normal_words_as_is_normal_does(
            text in "[a-zA-Z09 ,.'\n\u{301}\u{e9}\u{df}\u{6771}\u{3042}\u{ac00}\u{660}\u{2003}-]{0,40}"
        ) {
            for (_, word, normal) in split(&text) {
                proptest::prop_assert_eq!(normal, is_normal(word), "{:?}", word);
            }
        }

        #[test]
        fn split_matches_the_char_by_char_definition(
            text in "[a-zA-Z09 ,.'\n\u{301}\u{e9}\u{df}\u{6771}\u{3042}\u{ac00}\u{660}\u{2003}-]{0,40}"
        ) {
            let fast: Vec<(usize, &str)> = split(&text).map(|(at, w, _)| (at, w)).collect();
            proptest::prop_assert_eq!(fast, split_by_chars(&text));
        }
    }

    #[test]
    fn offsets_point_at_the_words() {
        let text = "a «quoted» word";
        for (at, w, _) in split(text) {
            assert!(text[at..].starts_with(w));
        }
        let words = |t| split(t).map(|(_, w, _)| w).collect::<Vec<_>>();
        assert_eq!(words("don't"), ["don"]);
        assert_eq!(
            words("Earth’s field, Chang'e 6, l'été, 'a' 's"),
            ["Earth", "field", "Chang", "6", "l", "été", "a", "s"]
        );
    }

    #[test]
    fn unknown_languages_are_not_stemmed() {
        assert_eq!(stems_of("xx", "Running"), ["running"]);
    }
}
