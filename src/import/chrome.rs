//! Rules shared by text and HTML captures: what is site chrome (comment forms, captcha
//! lines, share buttons, menus, "Related Articles" lists, cookie notes…), what is a byline
//! or a date line, and the pass that turns a capture's text units into clean paragraphs.
//!
//! The rules work on "units": one paragraph or one short line of the capture. Chrome is
//! recognised by the shape of a unit and by its neighbours (a name repeated on two lines is
//! a byline; a run of one-word lines is a menu; after "Leave a reply" nothing is article).

use jiff::civil::Date;

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

/// Whole units (normalised) that are always chrome.
#[rustfmt::skip]
const EXACT: &[&str] = &[
    "comment", "comments", "comment*", "name", "name*", "email", "email*", "e-mail", "e-mail*",
    "website", "url", "post comment", "post a comment", "submit", "submit comment", "reply",
    "cancel reply", "δ", "add a comment", "view comments", "show comments",
    "load more comments", "captcha", "recaptcha", "i'm not a robot", "i am not a robot",
    "continue on app", "continue in app", "open in app", "open app", "get the app",
    "download the app", "share", "share this", "share this article", "share this story",
    "share this post", "share article", "share on facebook", "share on twitter", "share on x",
    "share via email", "share via", "tweet", "print", "print this", "email this", "copy link",
    "copy url", "link copied", "listen to this article", "listen", "save", "save article",
    "save for later", "bookmark", "gift this article", "follow", "follow us",
    "follow on google news", "like", "like this", "like loading", "more", "menu", "main menu", "close menu", "open menu",
    "toggle navigation", "navigation", "skip to content", "skip to main content",
    "skip to navigation", "jump to content", "search", "search for", "home", "back to top",
    "scroll to top", "previous article", "next article", "previous post", "next post",
    "previous story", "next story", "close", "loading", "sections", "tags", "topics",
    "filed under", "advertisement", "advertisements", "ad", "sponsored", "sponsored content",
    "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "register",
    "log out", "my account", "newsletter", "newsletters", "accept", "accept all", "reject all",
    "manage cookies", "cookie settings", "manage preferences", "got it", "ok",
    "about the author", "continue reading", "read the full story", "read full article",
    "privacy", "privacy policy", "terms", "terms of use", "terms of service", "privacy - terms",
    "contact", "contact us", "about us",
];

/// Units that start a "more stories" list: the list's headlines that follow are chrome.
#[rustfmt::skip]
const SECTION: &[&str] = &[
    "related articles", "related posts", "related stories", "related news", "related",
    "related content", "related coverage", "latest stories", "latest news", "latest",
    "latest articles", "latest posts", "read more", "read next", "more stories", "more news",
    "more from", "more articles", "you may also like", "you might also like",
    "you may be interested in", "recommended", "recommended for you", "recommended stories",
    "most read", "most popular", "popular", "popular stories", "trending", "trending now",
    "top stories", "editor's picks", "don't miss", "also read", "see also", "further reading",
    "in other news", "what to read next", "keep reading",
];

/// Units that start the comment section: nothing after them is article text.
#[rustfmt::skip]
const TAIL: &[&str] = &[
    "leave a reply", "leave a comment", "leave a reply cancel reply", "join the discussion",
    "join the conversation", "discussion", "comments are closed", "responses",
    "reader comments", "what do you think", "comments", "show comments", "view comments",
    "load comments", "add a comment", "post a comment",
];

/// Phrases that mark a short unit as chrome wherever they appear in it.
#[rustfmt::skip]
const CONTAINS: &[&str] = &[
    "your email address will not be published", "required fields are marked",
    "save my name, email", "save my name and email", "please enter your comment",
    "please enter your name", "please enter your email", "you have entered an incorrect email",
    "you must be logged in to post", "notify me of follow-up comments",
    "notify me of new posts", "this site uses akismet", "captcha", "not a robot",
    "we use cookies", "uses cookies", "use of cookies", "accept cookies", "accept all cookies",
    "cookie policy", "cookie preferences", "by continuing to use this", "all rights reserved",
    "sign up for our", "subscribe to our", "get our newsletter", "join our newsletter",
    "follow us on", "click to share", "opens in new window", "opens in a new window",
    "continue on app", "download our app", "turn on notifications", "enable notifications",
    "javascript is disabled", "enable javascript", "support our journalism",
];

/// Prefixes of short units that are chrome ("Read more: …", "© 2024 …").
#[rustfmt::skip]
const PREFIX: &[&str] = &[
    "read more:", "read more -", "read more –", "related:", "see also:", "also read:",
    "also read -", "recommended:", "read next:", "more from ", "more on this", "copyright ",
    "©", "(c) 20", "advertisement", "sponsored by", "tags:", "topics:", "filed under",
    "posted in ", "categories:", "category:", "share this", "follow us", "sign up for",
    "subscribe to", "click here to",
];

#[rustfmt::skip]
const SOCIAL: &[&str] = &[
    "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e-mail", "mail", "print",
    "reddit", "pinterest", "telegram", "tumblr", "flipboard", "messenger", "share", "copy",
    "link", "sms", "threads", "bluesky", "mastodon", "tweet", "pocket", "instagram", "youtube",
    "tiktok", "rss", "comments", "comment", "google", "news", "on", "via",
];

/// Why a unit was dropped (for tests and the report), or what it told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A chrome line on its own.
    Chrome,
    /// Starts a list of other stories.
    Section,
    /// Starts the comment section.
    Tail,
    /// A byline: authors and maybe a date.
    Byline(Vec<String>, Option<String>),
    /// A line that is only a (publication or update) date.
    DateLine { date: String, updated: bool },
    /// A line giving the original URL.
    Url(String),
    /// A photo caption or credit.
    Caption,
    /// Anything else: article text, or a name line decided in context.
    Text,
}

/// Classifies one unit on its own (context-free rules).
pub(crate) fn classify(unit: &str, may_be_bare_url: bool) -> Kind {
    let n = norm(unit);
    if n.is_empty() {
        // only punctuation or bullets
        return Kind::Chrome;
    }
    if TAIL.contains(&n.as_str()) || is_comment_count(&n) && n.contains("comment") && n.len() < 25 {
        return Kind::Tail;
    }
    if SECTION.contains(&n.as_str()) {
        return Kind::Section;
    }
    if EXACT.contains(&n.as_str()) {
        return Kind::Chrome;
    }
    if let Some(url) = url_line(unit, may_be_bare_url) {
        return Kind::Url(url);
    }
    let short = unit.chars().count() <= 200;
    if short {
        if let Some(k) = byline(unit) {
            return k;
        }
        if let Some(k) = date_line(unit) {
            return k;
        }
        if CONTAINS.iter().any(|p| n.contains(p)) && unit.chars().count() <= 160 {
            return Kind::Chrome;
        }
        if PREFIX.iter().any(|p| n.starts_with(p)) {
            return Kind::Chrome;
        }
        if is_social(&n) || is_nav_line(unit) || is_reading_meta(&n) || is_comment_count(&n) {
            return Kind::Chrome;
        }
    }
    if unit.chars().count() <= 600 && is_caption(unit) {
        return Kind::Caption;
    }
    Kind::Text
}

/// "3 comments", "Comments (12)", "12".
fn is_comment_count(n: &str) -> bool {
    let rest = n
        .replace("comments", "")
        .replace("comment", "")
        .replace(['(', ')'], "");
    let rest = rest.trim();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) && n.len() < 25
}

/// "5 min read", "Updated 3 hours ago", "Reading time: 4 minutes".
fn is_reading_meta(n: &str) -> bool {
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() > 6 {
        return false;
    }
    (n.ends_with("min read") || n.ends_with("minute read") || n.ends_with("minutes read"))
        || n.starts_with("reading time")
        || (n.ends_with(" ago")
            && words
                .iter()
                .any(|w| w.starts_with("minute") || w.starts_with("hour") || w.starts_with("day")))
}

/// Only share-button words: "Facebook Twitter LinkedIn Email".
fn is_social(n: &str) -> bool {
    let words: Vec<&str> = n
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2 && words.iter().all(|w| SOCIAL.contains(w))
}

/// "Home | News | Sport | Contact", "Home › World › Asia": several short segments.
fn is_nav_line(unit: &str) -> bool {
    for sep in ['|', '•', '·', '»', '›', '>'] {
        let segments: Vec<&str> = unit.split(sep).map(str::trim).collect();
        if segments.len() >= 3
            && segments
                .iter()
                .all(|s| word_count(s) <= 4 && !s.ends_with(['.', '?', '!']))
        {
            return true;
        }
    }
    false
}

/// "FILE – In this photo …", "Photo: …", "… (AP Photo/Jane Doe)".
fn is_caption(unit: &str) -> bool {
    let t = unit.trim();
    let lower = t.to_lowercase();
    if [
        "file –",
        "file -",
        "file—",
        "file photo",
        "photo:",
        "photograph:",
        "image:",
        "credit:",
        "pictured:",
        "photo credit",
        "image credit",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if lower.ends_with(')') {
        if let Some(open) = lower.rfind('(') {
            let inside = &lower[open..];
            return [
                "photo",
                "getty images",
                "shutterstock",
                "image:",
                "credit",
                "illustration",
            ]
            .iter()
            .any(|w| inside.contains(w));
        }
    }
    false
}

/// "Source: https://…", "URL: …", "Originally published at …", or a bare URL near the top.
fn url_line(unit: &str, may_be_bare: bool) -> Option<String> {
    let t = unit.trim();
    let prefixes = [
        "source:",
        "url:",
        "link:",
        "canonical:",
        "original:",
        "originally published at",
        "originally published on",
        "saved from:",
        "from:",
        "permalink:",
    ];
    let rest = prefixes
        .iter()
        .find_map(|p| strip_prefix_ci(t, p))
        .map(str::trim)
        .or(if may_be_bare { Some(t) } else { None })?;
    let rest = rest.trim_matches(['<', '>', '(', ')']);
    let is_url = (rest.starts_with("https://") || rest.starts_with("http://"))
        && !rest.contains(char::is_whitespace)
        && rest.len() > 10;
    is_url.then(|| rest.to_string())
}

// ---------------------------------------------------------------------------------------
// Names and bylines

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

/// "By Jane Doe", "By Jane Doe and John Roe, Staff Writers | March 3, 2024",
/// "Author: Jane Doe", "Written by Jane Doe on 3 March 2024".
pub(crate) fn byline(unit: &str) -> Option<Kind> {
    let t = unit.trim();
    let prefixes = [
        "by ",
        "by: ",
        "written by ",
        "words by ",
        "words: ",
        "author: ",
        "authors: ",
        "byline: ",
        "reporting by ",
        "posted by ",
        "story by ",
        "text by ",
        "por ",
    ];
    let rest = prefixes.iter().find_map(|p| strip_prefix_ci(t, p))?.trim();
    // Cut a date or other trailing detail off: "Jane Doe | March 3, 2024".
    let mut names_part = rest;
    let mut tail = "";
    for sep in [
        " | ",
        " · ",
        " • ",
        " — ",
        " – ",
        " - ",
        " on ",
        " at ",
        " Published",
        " Updated",
        " posted",
    ] {
        if let Some(i) = names_part.find(sep) {
            tail = &rest[i..];
            names_part = &names_part[..i];
        }
    }
    let names_part = names_part.trim().trim_end_matches([',', ':']);
    if names_part.is_empty() || word_count(names_part) > 12 {
        return None;
    }
    let mut names = Vec::new();
    for part in split_names(names_part) {
        let words: Vec<String> = part.split_whitespace().map(|w| w.to_lowercase()).collect();
        if words.iter().all(|w| {
            ROLE_WORDS.contains(&w.trim_end_matches('s')) || ROLE_WORDS.contains(&w.as_str())
        }) {
            continue; // "Staff Writer", "The Associated Press"? (no: see below)
        }
        let single_word_org = words.len() == 1
            && part.chars().next().is_some_and(char::is_uppercase)
            && part
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && t.chars().count() <= 40;
        let org = part.starts_with("The ")
            && part
                .split_whitespace()
                .skip(1)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if is_name_like(&part) || single_word_org || org {
            names.push(unshout(&part));
        } else {
            return None;
        }
    }
    if names.is_empty() {
        return None;
    }
    let date = find_date(tail).map(|d| d.0);
    Some(Kind::Byline(names, date))
}

// ---------------------------------------------------------------------------------------
// Dates

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as i8 + 1)
}

/// A line that is only a date, maybe with "Published"/"Updated", a weekday and a time:
/// "Published March 3, 2024 at 10:15 a.m. EST", "Tue 5 Mar 2024 09.00 GMT", "2024-03-05".
pub(crate) fn date_line(unit: &str) -> Option<Kind> {
    let t = unit.trim();
    if t.chars().count() > 80 {
        return None;
    }
    let lower = t.to_lowercase();
    let updated = ["updated", "last updated", "modified", "last modified"]
        .iter()
        .any(|p| lower.starts_with(p));
    let (date, rest) = find_date(t)?;
    // What is left besides the date must be date-ish words.
    let allowed = [
        "published",
        "updated",
        "last",
        "modified",
        "posted",
        "on",
        "date",
        "at",
        "first",
        "am",
        "pm",
        "a.m",
        "p.m",
        "a.m.",
        "p.m.",
        "gmt",
        "utc",
        "bst",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "et",
        "pt",
        "|",
        "-",
        "–",
        "—",
        "·",
        "•",
        "time",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "the",
        "of",
    ];
    let leftover = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
        .map(|w| w.trim_matches(['.', ',']).to_lowercase())
        .filter(|w| !w.is_empty())
        .filter(|w| !allowed.contains(&w.as_str()))
        .filter(|w| {
            !w.chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        })
        .filter(|w| month_number(w).is_none())
        .filter(|w| !is_ordinal(w))
        .count();
    (leftover == 0).then_some(Kind::DateLine { date, updated })
}

/// "5th", "21st", "2nd".
fn is_ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// Finds a date in free text: ISO `2024-03-05` (with a time and offset kept as RFC 3339),
/// `2024/03/05`, `March 5, 2024`, `5 March 2024`, `Mar. 5 2024`. Returns the date and the
/// text with the date removed.
pub(crate) fn find_date(s: &str) -> Option<(String, String)> {
    if let Some(found) = find_iso_date(s) {
        return Some(found);
    }
    // Word-based: month name with a day and a year next to it.
    let tokens: Vec<(usize, usize, &str)> = token_spans(s);
    for i in 0..tokens.len() {
        let Some(month) = month_number(tokens[i].2) else {
            continue;
        };
        let num = |j: usize| -> Option<i32> {
            let w = tokens.get(j)?.2;
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        // Month D, YYYY
        if let (Some(d), Some(y)) = (num(i + 1), num(i + 2)) {
            if let Some(date) = make_date(y, month, d) {
                return Some((date, cut(s, tokens[i].0, tokens[i + 2].1)));
            }
        }
        // D Month YYYY
        if i > 0 {
            if let (Some(d), Some(y)) = (num(i - 1), num(i + 1)) {
                if let Some(date) = make_date(y, month, d) {
                    return Some((date, cut(s, tokens[i - 1].0, tokens[i + 1].1)));
                }
            }
        }
    }
    None
}

fn make_date(y: i32, m: i8, d: i32) -> Option<String> {
    if !(1900..=2200).contains(&y) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y as i16, m, d as i8).ok().map(|d| d.to_string())
}

fn cut(s: &str, start: usize, end: usize) -> String {
    format!("{} {}", &s[..start], &s[end..])
}

/// Byte spans of alphanumeric words (keeping a trailing '.' out).
fn token_spans(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, i, &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((st, s.len(), &s[st..]));
    }
    out
}

fn find_iso_date(s: &str) -> Option<(String, String)> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> bool {
        from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        if !(digits(i, 4)
            && i + 10 <= b.len()
            && matches!(b[i + 4], b'-' | b'/')
            && b[i + 7] == b[i + 4]
            && digits(i + 5, 2)
            && digits(i + 8, 2))
        {
            continue;
        }
        let y: i32 = s[i..i + 4].parse().ok()?;
        let m: i8 = s[i + 5..i + 7].parse().ok()?;
        let d: i32 = s[i + 8..i + 10].parse().ok()?;
        if !(1..=12).contains(&m) {
            continue;
        }
        let Some(date) = make_date(y, m, d) else {
            continue;
        };
        // A full timestamp with an offset is kept as RFC 3339.
        let mut end = i + 10;
        if b[i + 4] == b'-' && end < b.len() && matches!(b[end], b'T' | b't' | b' ') {
            let candidate_end = s[end..]
                .find(|c: char| c.is_whitespace() && c != ' ' || c == '"' || c == '<' || c == ',')
                .map_or(s.len(), |k| end + k);
            let candidate = &s[i..candidate_end];
            // Try the longest prefix that parses as a timestamp.
            for k in (16..=candidate.len()).rev() {
                let Some(prefix) = candidate.get(..k) else {
                    continue;
                };
                let prefix = prefix.replacen(' ', "T", 1);
                if prefix.parse::<jiff::Timestamp>().is_ok() {
                    end = i + k;
                    let rfc = normalise_rfc3339(&prefix);
                    return Some((rfc, cut(s, i, end)));
                }
            }
        }
        end = end.min(s.len());
        return Some((date, cut(s, i, end)));
    }
    None
}

/// `2024-03-05T10:00:00+0000` → `2024-03-05T10:00:00+00:00`; `z` → `Z`.
fn normalise_rfc3339(s: &str) -> String {
    let mut out = s.to_string();
    if out.ends_with('z') {
        out.pop();
        out.push('Z');
    }
    let b = out.as_bytes();
    let n = b.len();
    if n > 5 && matches!(b[n - 5], b'+' | b'-') && b[n - 4..].iter().all(u8::is_ascii_digit) {
        out.insert(n - 2, ':');
    }
    out
}

// ---------------------------------------------------------------------------------------
// The cleaning pass

/// The result of cleaning a capture's units.
#[derive(Debug, Default, Clone)]
pub(crate) struct Cleaned {
    pub paragraphs: Vec<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Dropped units with the reason, in order (for tests and diagnostics).
    pub dropped: Vec<(String, &'static str)>,
}

/// A unit that ends a sentence and is long enough to be article prose (not a headline).
pub(crate) fn is_prose(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    word_count(s) >= 8 && t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_short_label(s: &str) -> bool {
    word_count(s) <= 4
        && s.chars().count() <= 40
        && !s.trim_end().ends_with(['.', '!', '?', '"', '”'])
}

/// Cleans a capture's units (paragraphs or lines, in order, title excluded).
/// `known_authors` come from metadata (HTML); lines repeating them are dropped.
pub(crate) fn clean(units: &[String], title: &str, known_authors: &[String]) -> Cleaned {
    let mut out = Cleaned::default();
    let title_n = norm(title);
    let mut published: Option<String> = None;
    let mut updated: Option<String> = None;

    // Pass 1: context-free classification, sections and the comment tail.
    #[derive(PartialEq)]
    enum Slot {
        Keep,
        Drop,
    }
    let units: Vec<String> = units
        .iter()
        .map(|u| clean_space(u))
        .filter(|u| !u.is_empty())
        .collect();
    let mut slots: Vec<Slot> = Vec::with_capacity(units.len());
    let mut date_at: Vec<bool> = vec![false; units.len()];
    let mut in_tail = false;
    let mut in_section = false;
    let mut seen_prose = false;
    let mut author_next = false;
    let mut authors: Vec<String> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if in_tail {
            out.dropped.push((u.clone(), "comment section"));
            slots.push(Slot::Drop);
            continue;
        }
        if !title_n.is_empty() && norm(u) == title_n {
            out.dropped.push((u.clone(), "repeated title"));
            slots.push(Slot::Drop);
            continue;
        }
        let kind = classify(u, i < 3);
        if in_section {
            // A list of other stories ends where long prose resumes; its bylines and dates
            // belong to the other stories.
            if kind == Kind::Text && is_prose(u) && word_count(u) >= 12 {
                in_section = false;
            } else if kind != Kind::Tail {
                out.dropped.push((u.clone(), "list of other stories"));
                slots.push(Slot::Drop);
                continue;
            }
        }
        let reason = match kind {
            Kind::Text => {
                seen_prose |= is_prose(u);
                if author_next && is_name_like(u) {
                    authors.push(u.clone());
                    author_next = false;
                    out.dropped.push((u.clone(), "byline"));
                    slots.push(Slot::Drop);
                    continue;
                }
                slots.push(Slot::Keep);
                continue;
            }
            Kind::Chrome => {
                if norm(u) == "about the author" {
                    author_next = true;
                }
                "chrome"
            }
            Kind::Section => {
                in_section = true;
                "chrome"
            }
            // A comment link before the article ("12 Comments" by the byline) is just chrome.
            Kind::Tail if !seen_prose => "chrome",
            Kind::Tail => {
                in_tail = true;
                "comment section"
            }
            Kind::Byline(names, date) => {
                authors.extend(names);
                if let Some(d) = date {
                    published.get_or_insert(d);
                }
                "byline"
            }
            Kind::DateLine { date, updated: upd } => {
                date_at[i] = true;
                if upd {
                    updated.get_or_insert(date);
                } else {
                    published.get_or_insert(date);
                }
                "date"
            }
            Kind::Url(url) => {
                out.url.get_or_insert(url);
                "url"
            }
            Kind::Caption => "photo caption",
        };
        out.dropped.push((u.clone(), reason));
        slots.push(Slot::Drop);
    }

    // Pass 2: name lines decided by their neighbours.
    let kept: Vec<usize> = (0..units.len())
        .filter(|&i| slots[i] == Slot::Keep)
        .collect();
    let n_kept = kept.len();
    let mut drop_now: Vec<(usize, &'static str)> = Vec::new();
    for (k, &i) in kept.iter().enumerate() {
        let u = &units[i];
        let next = kept.get(k + 1).map(|&j| &units[j]);
        if is_name_like(u) {
            let repeated = next.is_some_and(|n| norm(n) == norm(u));
            let bio_next = next.is_some_and(|n| is_bio_like(n) && !is_prose_with_quote(n));
            let next_to_date =
                (i > 0 && date_at[i - 1]) || date_at.get(i + 1).copied().unwrap_or(false);
            if repeated || bio_next || next_to_date {
                authors.push(u.clone());
                drop_now.push((i, "byline"));
                if bio_next && !repeated {
                    drop_now.push((kept[k + 1], "author bio"));
                }
                continue;
            }
        }
        // "Jane Doe is a staff writer …" near the end.
        if k * 3 >= n_kept * 2 {
            if let Some(name) = bio_sentence_name(u) {
                authors.push(name);
                drop_now.push((i, "author bio"));
            }
        }
    }
    for (i, why) in drop_now {
        if slots[i] == Slot::Keep {
            slots[i] = Slot::Drop;
            out.dropped.push((units[i].clone(), why));
        }
    }
    // Author lines repeated elsewhere, and the bio lines after them.
    let mut all_authors: Vec<String> = known_authors.to_vec();
    all_authors.extend(authors.iter().cloned());
    let author_norms: Vec<String> = all_authors.iter().map(|a| norm(a)).collect();
    let mut after_author = false;
    for i in 0..units.len() {
        if slots[i] != Slot::Keep {
            // A dropped byline makes the next kept bio line droppable too.
            after_author = out
                .dropped
                .iter()
                .any(|(d, why)| *why == "byline" && d == &units[i]);
            continue;
        }
        let n = norm(&units[i]);
        let by = n.strip_prefix("by ").unwrap_or(&n);
        if author_norms.iter().any(|a| a == &n || a == by) {
            slots[i] = Slot::Drop;
            out.dropped.push((units[i].clone(), "repeated byline"));
            after_author = true;
            continue;
        }
        if after_author
            && is_bio_like(&units[i])
            && !is_prose_with_quote(&units[i])
            && word_count(&units[i]) <= 40
        {
            slots[i] = Slot::Drop;
            out.dropped.push((units[i].clone(), "author bio"));
        }
        after_author = false;
    }

    // Pass 3: menus (runs of three or more short labels) and exact duplicates.
    let kept: Vec<usize> = (0..units.len())
        .filter(|&i| slots[i] == Slot::Keep)
        .collect();
    let mut k = 0;
    while k < kept.len() {
        let mut end = k;
        while end < kept.len()
            && is_short_label(&units[kept[end]])
            && (end == k || kept[end] == kept[end - 1] + 1)
        {
            end += 1;
        }
        if end - k >= 3 {
            for &i in &kept[k..end] {
                slots[i] = Slot::Drop;
                out.dropped.push((units[i].clone(), "menu"));
            }
            k = end;
        } else {
            k += 1;
        }
    }
    let mut seen = std::collections::HashSet::new();
    for i in 0..units.len() {
        if slots[i] == Slot::Keep {
            if seen.insert(norm(&units[i])) {
                out.paragraphs.push(units[i].clone());
            } else {
                out.dropped.push((units[i].clone(), "duplicate"));
            }
        }
    }

    let mut unique: Vec<String> = Vec::new();
    for a in authors {
        if !unique.iter().any(|u| norm(u) == norm(&a)) {
            unique.push(a);
        }
    }
    out.authors = unique;
    out.date = published.or(updated);
    out
}

/// Quotations ("…," she said.) are article text even when they mention a reporter.
fn is_prose_with_quote(s: &str) -> bool {
    s.contains(['"', '“', '”']) && is_prose(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<String> {
        s.lines()
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    const BODY1: &str =
        "The Millbrook town council voted on Tuesday to repair the old footbridge over the river.";
    const BODY2: &str =
        "Work is expected to start in the spring and to take about six weeks, the clerk said.";

    #[test]
    fn comment_form_and_captcha_lines_are_chrome() {
        for line in [
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Comment *",
            "Name*",
            "Email*",
            "Website",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Post Comment",
            "Δ",
            "Please enter your comment!",
            "Captcha verification failed!",
            "CAPTCHA user score failed. Please contact us!",
            "I'm not a robot",
            "Continue on app",
            "Share this:",
            "Facebook Twitter LinkedIn Email",
            "Home | News | Sport | Contact",
            "We use cookies to improve your experience on our site.",
            "© 2024 Millbrook Gazette. All rights reserved.",
            "Read more: Council approves budget",
            "5 min read",
        ] {
            assert_ne!(classify(line, false), Kind::Text, "{line}");
        }
        assert_eq!(classify(BODY1, false), Kind::Text);
    }

    #[test]
    fn article_sentences_mentioning_chrome_words_are_kept() {
        for line in [
            "The council will share the cost of the new bridge with the county.",
            "Residents can leave a comment on the plan at the library until Friday.",
            "By the end of the year, the council hopes to have finished the work.",
        ] {
            assert_eq!(classify(line, false), Kind::Text, "{line}");
        }
    }

    #[test]
    fn bylines_are_parsed() {
        assert_eq!(
            byline("By Ada Quill"),
            Some(Kind::Byline(vec!["Ada Quill".into()], None))
        );
        assert_eq!(
            byline("By Ada Quill and Tomas Reed, Staff Writers | March 3, 2024"),
            Some(Kind::Byline(
                vec!["Ada Quill".into(), "Tomas Reed".into()],
                Some("2024-03-03".into())
            ))
        );
        assert_eq!(
            byline("Author: Mira van der Berg"),
            Some(Kind::Byline(vec!["Mira van der Berg".into()], None))
        );
        assert_eq!(byline("By Tuesday, the council had voted twice."), None);
        assert_eq!(
            byline("By the end of the year the bridge will be open."),
            None
        );
    }

    #[test]
    fn shouted_bylines_are_title_cased() {
        assert_eq!(
            byline("BY ADA QUILL"),
            Some(Kind::Byline(vec!["Ada Quill".into()], None))
        );
    }

    #[test]
    fn bylines_inside_a_related_list_are_not_the_authors() {
        let u = units(&format!(
            "{BODY1}\nRelated Articles\nLibrary extends its opening hours\nBy Tomas Reed\nMarch 9, 2024"
        ));
        let c = clean(&u, "T", &[]);
        assert!(c.authors.is_empty(), "{:?}", c.authors);
        assert_eq!(c.date, None);
        assert_eq!(c.paragraphs, vec![BODY1]);
    }

    #[test]
    fn names_are_recognised() {
        assert!(is_name_like("Ada Quill"));
        assert!(is_name_like("J. R. Quill"));
        assert!(is_name_like("Ana María de la Cruz"));
        assert!(!is_name_like("Latest Stories"));
        assert!(!is_name_like("Ada"));
        assert!(!is_name_like("The council met."));
        assert!(!is_name_like("Budget 2024 Plans"));
    }

    #[test]
    fn dates_are_found() {
        assert_eq!(find_date("March 3, 2024").unwrap().0, "2024-03-03");
        assert_eq!(find_date("3 Mar 2024").unwrap().0, "2024-03-03");
        assert_eq!(find_date("Sept. 9 2023").unwrap().0, "2023-09-09");
        assert_eq!(find_date("2024-03-05").unwrap().0, "2024-03-05");
        assert_eq!(
            find_date("2024-03-05T10:15:00+0100").unwrap().0,
            "2024-03-05T10:15:00+01:00"
        );
        assert_eq!(
            find_date("2024-03-05T10:15:00Z").unwrap().0,
            "2024-03-05T10:15:00Z"
        );
        assert_eq!(find_date("2024-03-05T10:15:00").unwrap().0, "2024-03-05");
        assert!(find_date("February 30, 2024").is_none());
        assert!(find_date("The council has 12 members and 3 clerks.").is_none());
    }

    #[test]
    fn date_lines_are_only_dates() {
        assert_eq!(
            date_line("Published March 3, 2024 at 10:15 a.m. EST"),
            Some(Kind::DateLine {
                date: "2024-03-03".into(),
                updated: false
            })
        );
        assert_eq!(
            date_line("Updated: Tue 5 Mar 2024 09.00 GMT"),
            Some(Kind::DateLine {
                date: "2024-03-05".into(),
                updated: true
            })
        );
        assert_eq!(
            date_line("On March 3, 2024 the council met in the school hall."),
            None
        );
        assert_eq!(
            date_line("Published: 11th June 2024 | Updated: 12 June 2024"),
            Some(Kind::DateLine {
                date: "2024-06-11".into(),
                updated: false
            })
        );
    }

    #[test]
    fn repeated_name_with_bio_is_a_byline_and_both_go() {
        let u = units(&format!(
            "{BODY1}\n{BODY2}\nAda Quill\nAda Quill\nReporter covering local government and schools.\nLatest stories\nRelated Articles\nLeave a reply\nPlease enter your comment!\nContinue on app"
        ));
        let c = clean(&u, "Footbridge Repairs Approved", &[]);
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn name_followed_by_bio_is_a_byline() {
        let u = units(&format!(
            "{BODY1}\n{BODY2}\nTomas Reed\nEditor and writer specializing in transport.\n"
        ));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.authors, vec!["Tomas Reed"]);
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn bio_sentence_at_the_end_names_the_author() {
        let u = units(&format!(
            "{BODY1}\n{BODY2}\nAda Quill is a staff writer for the Millbrook Gazette.\n"
        ));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn byline_and_date_at_the_top() {
        let u = units(&format!(
            "By Ada Quill\nMarch 3, 2024\n{BODY1}\nBy Ada Quill\n{BODY2}"
        ));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.date.as_deref(), Some("2024-03-03"));
        assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn name_next_to_a_date_is_the_author() {
        let u = units(&format!("Ada Quill\n4 March 2024\n{BODY1}"));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.authors, vec!["Ada Quill"]);
        assert_eq!(c.paragraphs, vec![BODY1]);
    }

    #[test]
    fn published_date_wins_over_updated() {
        let u = units(&format!(
            "Updated March 9, 2024\nPublished March 3, 2024\n{BODY1}"
        ));
        assert_eq!(clean(&u, "T", &[]).date.as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn related_list_headlines_are_dropped_until_prose_resumes() {
        let u = units(&format!(
            "{BODY1}\nRelated Articles\nCouncil approves new bus timetable\nLibrary extends opening hours\n{BODY2}"
        ));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn everything_after_leave_a_reply_is_dropped() {
        let u = units(&format!(
            "{BODY1}\nLeave a reply\nGreat article, I agree with every word the council said today.\n"
        ));
        assert_eq!(clean(&u, "T", &[]).paragraphs, vec![BODY1]);
    }

    #[test]
    fn a_comment_link_above_the_article_does_not_end_it() {
        let u = units(&format!("3 Comments\n{BODY1}\n{BODY2}\nComments\nWhat a lovely bridge that is, I walk over it every single day."));
        assert_eq!(clean(&u, "T", &[]).paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn menus_titles_and_duplicates_are_dropped() {
        let u = units(&format!(
            "Home\nTown\nCouncil\nEvents\nFootbridge Repairs Approved\n{BODY1}\n{BODY1}"
        ));
        let c = clean(&u, "Footbridge Repairs Approved", &[]);
        assert_eq!(c.paragraphs, vec![BODY1]);
    }

    #[test]
    fn known_authors_are_not_repeated_in_the_text() {
        let u = units(&format!("{BODY1}\nBy Ada Quill\nAda Quill"));
        let c = clean(&u, "T", &["Ada Quill".to_string()]);
        assert_eq!(c.paragraphs, vec![BODY1]);
    }

    #[test]
    fn captions_and_url_lines() {
        let u = units(&format!(
            "https://news.example.org/2024/03/footbridge\n{BODY1}\nFILE – The old footbridge in 2019. (Photo/Ada Quill)\nSource: https://news.example.org/other"
        ));
        let c = clean(&u, "T", &[]);
        assert_eq!(
            c.url.as_deref(),
            Some("https://news.example.org/2024/03/footbridge")
        );
        assert_eq!(c.paragraphs, vec![BODY1]);
    }

    #[test]
    fn a_quotation_mentioning_a_reporter_stays() {
        let q =
            "\"Any reporter can see the bridge is unsafe,\" said Councillor Ben Ode on Tuesday.";
        let u = units(&format!("Ada Quill\nAda Quill\n{q}"));
        let c = clean(&u, "T", &[]);
        assert_eq!(c.paragraphs, vec![q]);
    }
}
