//! Rules shared by text and HTML captures: what is site chrome (comment forms, captcha
//! lines, share buttons, menus, "Related Articles" lists, cookie notes…), what is a byline
//! or a date line, and the pass that turns a capture's text units into clean paragraphs.
//!
//! The rules work on "units": one paragraph or one short line of the capture. Chrome is
//! recognised by the shape of a unit and by its neighbours (a name repeated on two lines is
//! a byline; a run of one-word lines is a menu; after "Leave a reply" nothing is article).

mod classify;
mod clean;
mod dates;
mod names;
mod phrases;
#[cfg(test)]
mod tests;

pub(crate) use crate::content::written_dates::find_date;
pub(crate) use classify::{classify, LineKind};
pub(crate) use clean::{clean, Cleaned};
pub(crate) use names::{is_name_like, split_names, Credits};

/// A unit's text, normalised for matching: lower case, typographic apostrophes made plain,
/// whitespace collapsed, leading bullets and trailing punctuation removed.
pub(crate) fn norm(s: &str) -> String {
    let lowered = s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_start_matches(['•', '·', '»', '›', '*', '-', '–', '—', ' ', '|', '>'])
        .trim_end_matches([':', '!', '.', '…', ' ', '»', '›', '|', '→', '>', '*'])
        .to_string()
}

/// Collapses runs of whitespace (including no-break spaces) into one space, removes
/// zero-width characters and control characters, and trims.
pub(crate) fn clean_space(s: &str) -> String {
    let scrubbed = crate::text::scrub(s);
    scrubbed
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` without an ASCII prefix matched case-insensitively (never slices inside a character).
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// `items` without the later ones whose `key` was already seen.
pub(crate) fn unique_by<K: Eq + std::hash::Hash>(
    items: Vec<String>,
    key: impl Fn(&str) -> K,
) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|s| seen.insert(key(s))).collect()
}
