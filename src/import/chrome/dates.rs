//! Dates in free text, and lines that are only a date.

use jiff::civil::Date;

use super::LineKind;

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
pub(crate) fn date_line(unit: &str) -> Option<LineKind> {
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
    let leftover = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
        .map(|w| w.trim_matches(['.', ',']).to_lowercase())
        .filter(|w| !w.is_empty() && !is_date_word(w))
        .count();
    (leftover == 0).then_some(LineKind::DateLine { date, updated })
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
