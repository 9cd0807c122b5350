//! Names and bylines: what reads as a person's name, a byline, or an author bio.

use super::{clean_space, strip_prefix_ci, word_count, LineKind};
use crate::content::written_dates::find_date;

#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "van", "von", "der", "den", "bin", "bint", "al", "el", "la",
    "le", "di", "du", "dos", "das", "ibn", "ter", "y", "st.",
];

/// Words that show a capitalised line is a heading or a label, not a person's name.
#[rustfmt::skip]
const NOT_NAME: &[&str] = &[
    "news", "stories", "story", "articles", "article", "posts", "post", "related", "latest",
    "more", "read", "comments", "comment", "reply", "share", "home", "menu", "search",
    "subscribe", "sign", "contact", "about", "privacy", "terms", "policy", "world", "politics",
    "business", "sports", "sport", "opinion", "video", "videos", "podcast", "newsletter",
    "advertisement", "trending", "popular", "top", "the", "and", "of", "for", "in", "on", "to",
    "a", "an", "with", "from", "at", "editor's", "picks", "council", "city", "town", "update",
    "updates", "live", "breaking", "analysis", "explainer", "photos", "gallery", "today",
    "week", "weekend", "edition", "section", "page", "sections",
];

/// "Jane Doe", "Ana María de la Cruz", "J. R. Quill": 2–5 capitalised words, no digits.
pub(crate) fn is_name_like(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty()
        || t.chars().count() > 60
        || t.ends_with(['.', '!', '?', ':', ',', ';']) && !ends_with_initial(t)
    {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let lower = w.to_lowercase();
        if NOT_NAME.contains(&lower.as_str()) {
            return false;
        }
        if PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        let mut chars = w.chars();
        let first = chars.next().unwrap_or(' ');
        if !first.is_uppercase() {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

fn ends_with_initial(t: &str) -> bool {
    let last = t.split_whitespace().last().unwrap_or("");
    last.len() <= 3 && last.ends_with('.') && last.chars().next().is_some_and(char::is_uppercase)
}

/// Job titles that may follow a name in a byline ("By Jane Doe, Staff Writer").
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "staff", "writer", "reporter", "editor", "correspondent", "contributor", "columnist",
    "journalist", "senior", "associate", "desk", "bureau", "chief", "special", "political",
    "news", "science", "health", "city", "local", "business", "sports", "freelance",
    "contributing", "managing", "deputy", "photographer", "producer", "intern", "wire",
    "services", "service", "report", "reports", "agencies", "agency", "team", "for", "the",
];

/// Words that say a line describes a journalist (an author bio).
#[rustfmt::skip]
const BIO_WORDS: &[&str] = &[
    "author", "editor", "writer", "reporter", "correspondent", "journalist", "columnist",
    "contributor", "freelance", "covers ", "covering", "specializ", "specialis", "reports on",
    "writes about", "writes on", "follow her", "follow him", "follow them", "based in",
];

/// A short line describing a journalist: "Author and editor specializing in …".
pub(crate) fn is_bio_like(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_lowercase();
    t.chars().count() <= 300
        && !t.starts_with(['"', '“', '\'', '‘'])
        && BIO_WORDS.iter().any(|w| lower.contains(w))
}

/// "Jane Doe is a staff writer …" → "Jane Doe".
pub(crate) fn bio_sentence_name(s: &str) -> Option<String> {
    let t = s.trim();
    if t.chars().count() > 300 {
        return None;
    }
    for verb in [
        " is a ",
        " is an ",
        " is the ",
        " was a ",
        " writes ",
        " covers ",
        " reports ",
    ] {
        if let Some(i) = t.find(verb) {
            let name = &t[..i];
            if is_name_like(name) && is_bio_like(&t[i..]) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Splits "Jane Doe, John Roe and Ana Lind" into names.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    let mut parts = vec![s.to_string()];
    for sep in [";", ",", " and ", " & ", " AND ", " y "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| clean_space(&p))
        .filter(|p| !p.is_empty() && !p.starts_with("http"))
        .collect()
}

/// "JANE DOE" → "Jane Doe"; names in mixed case are left alone ("Ana McKay").
fn unshout(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
            first + &cs.as_str().to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a byline starts.
#[rustfmt::skip]
const BYLINE_PREFIXES: &[&str] = &[
    "by ", "by: ", "written by ", "words by ", "words: ", "author: ", "authors: ", "byline: ",
    "reporting by ", "posted by ", "story by ", "text by ", "por ",
];

/// What separates a byline's names from a date or other detail after them.
#[rustfmt::skip]
const BYLINE_TAIL_SEPARATORS: &[&str] = &[
    " | ", " · ", " • ", " — ", " – ", " - ", " on ", " at ", " Published", " Updated", " posted",
];

/// "By Jane Doe", "By Jane Doe and John Roe, Staff Writers | March 3, 2024",
/// "Author: Jane Doe", "Written by Jane Doe on 3 March 2024".
pub(crate) fn byline(unit: &str) -> Option<LineKind> {
    let t = unit.trim();
    let rest = BYLINE_PREFIXES
        .iter()
        .find_map(|p| strip_prefix_ci(t, p))?
        .trim();
    let (names_part, tail) = split_byline_tail(rest);
    let names_part = names_part.trim().trim_end_matches([',', ':']);
    if names_part.is_empty() || word_count(names_part) > 12 {
        return None;
    }
    let mut names = Vec::new();
    for part in split_names(names_part) {
        if is_job_title(&part) {
            continue;
        }
        if !(is_name_like(&part) || is_org_credit(&part, t)) {
            return None;
        }
        names.push(unshout(&part));
    }
    if names.is_empty() {
        return None;
    }
    let date = find_date(tail).map(|d| d.0);
    Some(LineKind::Byline(names, date))
}

/// Cuts a date or other trailing detail off: "Jane Doe | March 3, 2024" → the names and
/// the tail (the earliest separator wins).
fn split_byline_tail(rest: &str) -> (&str, &str) {
    let mut names_part = rest;
    let mut tail = "";
    for sep in BYLINE_TAIL_SEPARATORS {
        if let Some(i) = names_part.find(sep) {
            tail = &rest[i..];
            names_part = &names_part[..i];
        }
    }
    (names_part, tail)
}

/// Nouns that end a job title whatever comes before them ("Transport Correspondent",
/// "Head of Climate Reporting Editor").
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "correspondent", "editor", "reporter", "writer", "columnist", "journalist", "contributor",
    "photographer", "producer", "analyst", "critic",
];

/// Only job-title words ("Staff Writer"), or a few words ending in a role noun ("Transport
/// Correspondent"): a part of a byline that names no one.
fn is_job_title(part: &str) -> bool {
    let words: Vec<String> = part.split_whitespace().map(str::to_lowercase).collect();
    let role_word = |w: &String| {
        ROLE_WORDS.contains(&w.trim_end_matches('s')) || ROLE_WORDS.contains(&w.as_str())
    };
    let ends_in_role = words.len() <= 4
        && words
            .last()
            .is_some_and(|w| ROLE_NOUNS.contains(&w.trim_end_matches('s')));
    ends_in_role || words.iter().all(role_word)
}

/// An organisation credited in a byline: one capitalised word on a short line ("Reuters"),
/// or "The" and capitalised words ("The Associated Press").
fn is_org_credit(part: &str, line: &str) -> bool {
    let single_word = word_count(part) == 1
        && part.chars().next().is_some_and(char::is_uppercase)
        && part
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && line.chars().count() <= 40;
    let the_name = part.starts_with("The ")
        && part
            .split_whitespace()
            .skip(1)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    single_word || the_name
}

/// Authors and a date gathered from bylines and date lines; the first date found wins.
#[derive(Debug, Default)]
pub(crate) struct Credits {
    pub authors: Vec<String>,
    pub date: Option<String>,
}

impl Credits {
    /// Takes what a byline or a date line says; false for any other kind of unit.
    pub(crate) fn take(&mut self, kind: &LineKind) -> bool {
        match kind {
            LineKind::Byline(names, date) => {
                self.authors.extend(names.iter().cloned());
                if let Some(d) = date {
                    self.date.get_or_insert_with(|| d.clone());
                }
            }
            LineKind::DateLine { date, .. } => {
                self.date.get_or_insert_with(|| date.clone());
            }
            _ => return false,
        }
        true
    }
}
