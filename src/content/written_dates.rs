//! Dates as people write them in words (`March 3, 2024 at 10:15 a.m. EST`, `3 Mar 2024`),
//! found in free text: for `import`'s date lines and for front-matter dates written by
//! other generators' users.

use jiff::civil::Date;

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

/// The date (and time) of a text that is only a date, maybe with "Published", a weekday and
/// a time: "Published March 3, 2024 at 10:15 a.m. EST", "Tue 5 Mar 2024 09.00 GMT".
/// Returns it as front matter writes it (`2024-03-03T10:15:00-05:00`).
pub(crate) fn date_only(text: &str) -> Option<String> {
    let (date, rest) = find_date(text)?;
    // What is left besides the date must be date-ish words.
    let leftover = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
        .map(|w| w.trim_matches(['.', ',']).to_lowercase())
        .filter(|w| !w.is_empty() && !is_date_word(w))
        .count();
    (leftover == 0).then_some(date)
}

/// Words that may stand around a date on a date line.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "published", "updated", "last", "modified", "posted", "on", "date", "at", "first", "am",
    "pm", "a.m", "p.m", "a.m.", "p.m.", "gmt", "utc", "bst", "est", "edt", "cst", "cdt", "pst",
    "pdt", "cet", "cest", "et", "pt", "|", "-", "–", "—", "·", "•", "time", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "the", "of",
];

/// A (lower-case) word that belongs to a date line: a date word, a number or time, a month
/// name or an ordinal.
fn is_date_word(w: &str) -> bool {
    DATE_WORDS.contains(&w)
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        || month_number(w).is_some()
        || is_ordinal(w)
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
                return Some(with_time(s, date, tokens[i].0, tokens[i + 2].1));
            }
        }
        // D Month YYYY
        if i > 0 {
            if let (Some(d), Some(y)) = (num(i - 1), num(i + 1)) {
                if let Some(date) = make_date(y, month, d) {
                    return Some(with_time(s, date, tokens[i - 1].0, tokens[i + 1].1));
                }
            }
        }
    }
    None
}

/// The date found at `start..end`, with the time of day written right after it when there
/// is one ("March 3, 2024 at 10:15 a.m. EST"): RFC 3339 when the zone is known, else a
/// time without an offset, which the build reads in the site's time zone.
fn with_time(s: &str, date: String, start: usize, end: usize) -> (String, String) {
    match time_after(&s[end..]) {
        Some((time, len)) => (format!("{date}T{time}"), cut(s, start, end + len)),
        None => (date, cut(s, start, end)),
    }
}

/// A time of day at the start of `text` (after separators and "at"): `10:15`, `9.00`,
/// `10:15 a.m.`, `3 PM`, then an optional zone abbreviation. Returns `HH:MM:00[offset]`
/// and the bytes read.
fn time_after(text: &str) -> Option<(String, usize)> {
    let lead = text.len()
        - text
            .trim_start_matches([' ', ',', '|', '-', '–', '—', '·'])
            .len();
    let mut rest = &text[lead..];
    if let Some(after_at) = rest.strip_prefix("at ") {
        rest = after_at.trim_start();
    }
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let hour_len = digits(rest);
    let mut hour: u8 = rest
        .get(..hour_len)
        .filter(|_| (1..=2).contains(&hour_len))?
        .parse()
        .ok()?;
    let mut after = &rest[hour_len..];
    let mut minute = 0u8;
    if let Some(m) = after.strip_prefix([':', '.']).filter(|m| digits(m) == 2) {
        minute = m[..2].parse().ok()?;
        after = &m[2..];
    } else if !starts_with_meridiem(after.trim_start()) {
        return None;
    }
    let trimmed = after.trim_start();
    if let Some((pm, len)) = meridiem(trimmed) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
        after = &trimmed[len..];
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let zone_text = after.trim_start();
    let zone_len = zone_text.bytes().take_while(u8::is_ascii_uppercase).count();
    let (offset, zone_used) = match zone_offset(&zone_text[..zone_len]) {
        Some(offset) => (offset, after.len() - zone_text.len() + zone_len),
        None => (String::new(), 0),
    };
    let read = text.len() - after.len() + zone_used;
    Some((format!("{hour:02}:{minute:02}:00{offset}"), read))
}

fn starts_with_meridiem(t: &str) -> bool {
    meridiem(t).is_some()
}

/// `am`, `pm`, `a.m.`, `p.m.` (any case) at the start of `t`, not followed by a letter:
/// whether it is afternoon, and its length.
fn meridiem(t: &str) -> Option<(bool, usize)> {
    let lower = t.get(..4.min(t.len()))?.to_ascii_lowercase();
    let (pm, len) = ["a.m.", "p.m.", "am", "pm"]
        .iter()
        .find(|m| lower.starts_with(**m))
        .map(|m| (m.starts_with('p'), m.len()))?;
    let next = t[len..].chars().next();
    (!next.is_some_and(char::is_alphabetic)).then_some((pm, len))
}

/// The UTC offset of a zone abbreviation news sites print; the US zones written without
/// standard/daylight (`ET`, `PT`) are left out, as their offset depends on the day.
fn zone_offset(abbreviation: &str) -> Option<String> {
    let offset = match abbreviation {
        "UTC" | "GMT" | "Z" => "+00:00",
        "BST" | "CET" => "+01:00",
        "CEST" | "EET" => "+02:00",
        "EEST" | "MSK" => "+03:00",
        "EST" | "CDT" => "-05:00",
        "EDT" => "-04:00",
        "CST" | "MDT" => "-06:00",
        "MST" | "PDT" => "-07:00",
        "PST" => "-08:00",
        "JST" => "+09:00",
        _ => return None,
    };
    Some(offset.to_string())
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
            // A time without an offset is kept too: the build reads it in the site's zone.
            if let Some(prefix) = candidate.get(..19) {
                let prefix = prefix.replacen(' ', "T", 1);
                if prefix.parse::<jiff::civil::DateTime>().is_ok() {
                    return Some((prefix, cut(s, i, i + 19)));
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
