//! Front-matter dates in the forms curators and other generators write them.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::ZonedDateTime as Zoned;

use crate::diagnostic::Problem;

pub const ACCEPTED_FORMS: &str = "2024-05-28, 2024-05-28T09:30:00+03:00, 2024-05-28 09:30:00 +0300";

/// Parses a date, with or without a time and offset; values without an offset are in `tz`.
/// Beside the documented forms, the unambiguous ones other generators' users write are
/// read too: `2024/05/28`, `2024-5-28`, RFC 2822 (`Tue, 28 May 2024 09:30:00 +0300`), and
/// English month names (`May 28, 2024 10:15 AM`), and a year-last date with one reading on
/// the calendar (`25/12/2024`).
pub fn parse_date(input: &str, tz: &TimeZone) -> Result<Zoned, Problem> {
    let s = input.trim();
    parse_documented(s, tz).or_else(|why| {
        if let Some(zoned) = other_generators_form(s, tz) {
            return Ok(zoned);
        }
        Err(ambiguous_day_and_month(s)
            .map(Problem::value)
            .unwrap_or(why))
    })
}

/// The forms other generators accept that name one instant without doubt.
fn other_generators_form(s: &str, tz: &TimeZone) -> Option<Zoned> {
    let rfc2822 = javascript_date(s);
    if let Ok(z) = jiff::fmt::rfc2822::parse(rfc2822.as_deref().unwrap_or(s)) {
        return Some(z.timestamp().to_zoned_datetime(tz.clone()));
    }
    // `2024/05/28 …` and `2024-5-28 …`: the same date with its separators and zeros mended.
    let (date, rest) = s.split_at(s.find([' ', 'T']).unwrap_or(s.len()));
    let parts: Vec<&str> = date.split(['/', '-']).collect();
    if let [y, m, d] = parts[..] {
        let digits =
            |p: &str, n| (1..=n).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) {
            let mended = format!("{y}-{m:0>2}-{d:0>2}{rest}");
            if mended != s {
                return parse_documented(&mended, tz).ok();
            }
        }
    }
    if let Some(zoned) = year_last_date(s, tz) {
        return Some(zoned);
    }
    // Month names only: a value starting with a year is a numeric form, and its
    // mistakes are better named by that parser than dropped here.
    if s.bytes().take(4).filter(u8::is_ascii_digit).count() == 4 {
        return None;
    }
    let written = super::written_dates::date_only(s)?;
    parse_documented(&written, tz).ok()
}

/// JavaScript's `Date.toString()`, as Hashnode's export writes dates (`Mon Jan 09 2023
/// 10:00:00 GMT+0000 (Coordinated Universal Time)`), in RFC 2822's order.
fn javascript_date(s: &str) -> Option<String> {
    let s = s.split_once(" (").map_or(s, |(before, _)| before);
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [weekday, month, day, year, time, zone] = parts[..] else {
        return None;
    };
    let offset = zone.strip_prefix("GMT")?;
    Some(format!("{weekday}, {day} {month} {year} {time} {offset}"))
}

/// `dd/mm/yyyy` or `mm/dd/yyyy` (also with `-`): the two readings of a date written with
/// the year last, each only when it is on the calendar. With dots (`03.05.2024`) the day
/// comes first wherever dates are written so (German, Polish, Russian…): one reading.
fn day_month_readings(s: &str) -> Option<(String, Vec<Date>)> {
    let (date, rest) = s.split_at(s.find(' ').unwrap_or(s.len()));
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    let number = |p: &str| p.parse::<i8>().ok().filter(|_| (1..=2).contains(&p.len()));
    let (a, b) = (number(a)?, number(b)?);
    let year: i16 = y.parse().ok().filter(|_| y.len() == 4)?;
    let orders: &[(i8, i8)] = if date.contains('.') {
        &[(b, a)]
    } else {
        &[(b, a), (a, b)]
    };
    let mut readings: Vec<Date> = orders
        .iter()
        .filter_map(|&(month, day)| Date::new(year, month, day).ok())
        .collect();
    readings.dedup();
    Some((rest.to_string(), readings))
}

/// The one reading of a year-last date when only one is on the calendar (`25/12/2019`).
fn year_last_date(s: &str, tz: &TimeZone) -> Option<Zoned> {
    match day_month_readings(s)? {
        (rest, readings) if readings.len() == 1 => {
            parse_documented(&format!("{}{rest}", readings[0]), tz).ok()
        }
        _ => None,
    }
}

/// `04/03/2019`: 4 March or 3 April, depending on the country.
fn ambiguous_day_and_month(s: &str) -> Option<String> {
    let (_, readings) = day_month_readings(s)?;
    let [first, second] = readings[..] else {
        return None;
    };
    Some(format!(
        "`{s}` does not say which number is the day and which the month; write it year first: \
         {first} or {second}"
    ))
}

/// The documented forms (ACCEPTED_FORMS), and no others.
fn parse_documented(s: &str, tz: &TimeZone) -> Result<Zoned, Problem> {
    let fail = |why: &str| {
        Problem::value(format!(
            "`{s}` is not a date{why}; accepted forms: {ACCEPTED_FORMS}"
        ))
    };
    let (date_part, rest) = s.split_at(s.char_indices().nth(10).map_or(s.len(), |(i, _)| i));
    let date = parse_civil_date(date_part).map_err(|why| fail(&why.message))?;
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    let (time, offset_part) = split_time(rest).map_err(|why| fail(&why.message))?;
    let dt = DateTime::from_parts(date, time);
    let zoned = match parse_offset(offset_part.trim()).map_err(|why| fail(&why.message))? {
        Some(offset) => offset
            .to_timestamp(dt)
            .map(|ts| ts.to_zoned_datetime(tz.clone())),
        None => dt.to_zoned_datetime(tz.clone()),
    };
    zoned.map_err(|e| fail(&format!(" ({e})")))
}

/// `YYYY-MM-DD`, checked against the calendar. The problem's message is what `parse_date`
/// adds after "is not a date" (empty when the form is wrong).
pub fn parse_civil_date(s: &str) -> Result<Date, Problem> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|_| &s[r])
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(Problem::value(""));
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(Problem::value(""));
    }
    let (y, m, d): (i16, i8, i8) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    Date::new(y, m, d).map_err(|_| {
        Problem::value(format!(
            " on the calendar ({y} has no day {d} in month {m})"
        ))
    })
}

/// `HH:MM[:SS[.fff]]` followed by whatever offset text remains. (Problems here and in
/// `parse_offset` are what `parse_date` adds after "is not a date".)
fn split_time(rest: &str) -> Result<(Time, &str), Problem> {
    if rest.is_empty() {
        return Ok((Time::midnight(), ""));
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, offset) = rest.split_at(end);
    let mut parts = clock.splitn(3, ':');
    let num = |p: Option<&str>| {
        p.filter(|p| p.len() == 2)
            .and_then(|p| p.parse::<i8>().ok())
    };
    let (Some(h), Some(m)) = (num(parts.next()), num(parts.next())) else {
        return Err(Problem::value(" (the time must be HH:MM or HH:MM:SS)"));
    };
    let (sec, nanos) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            let s = num(Some(whole)).ok_or_else(|| Problem::value(" (bad seconds)"))?;
            let digits: String = frac.chars().take(9).collect();
            let nanos = if digits.is_empty() {
                0
            } else {
                format!("{digits:0<9}")
                    .parse::<i32>()
                    .map_err(|_| Problem::value(" (bad fraction)"))?
            };
            (s, nanos)
        }
    };
    let time =
        Time::new(h, m, sec, nanos).map_err(|_| Problem::value(" (the time is out of range)"))?;
    Ok((time, offset))
}

/// `Z`, `+03:00`, `+0300`, `+03`, `UTC`; empty means none.
fn parse_offset(s: &str) -> Result<Option<Offset>, Problem> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt")
    {
        return Ok(Some(Offset::UTC));
    }
    // `UTC+02:00`, as Nikola writes its dates.
    let s = match s.get(..3) {
        Some(zone) if zone.eq_ignore_ascii_case("utc") || zone.eq_ignore_ascii_case("gmt") => {
            Some(&s[3..])
                .filter(|rest| rest.starts_with(['+', '-']))
                .unwrap_or(s)
        }
        _ => s,
    };
    let bad = || Problem::value(offset_problem(s));
    let (sign, digits) = match s.as_bytes()[0] {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return Err(bad()),
    };
    let digits = digits.replace(':', "");
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return Err(bad());
    }
    let hours: i32 = digits[..2].parse().map_err(|_| bad())?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), |m| m.parse())
        .map_err(|_| bad())?;
    if hours > 25 || minutes > 59 {
        return Err(bad());
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60))
        .map(Some)
        .map_err(|_| bad())
}

/// What is wrong with `s`, the text after the time where an offset should be: said about
/// this value (a year repeated, a stray character, a zone name), then the rule.
fn offset_problem(s: &str) -> String {
    const RULE: &str = "an offset looks like Z, +03:00 or +0300";
    let first_word = s.split_whitespace().next().unwrap_or(s);
    let is_year = first_word.len() == 4
        && first_word
            .parse::<u16>()
            .is_ok_and(|y| (1900..2200).contains(&y));
    if is_year {
        return format!(
            " (a year, `{first_word}`, after the time: write the year once, in the date; {RULE})"
        );
    }
    if first_word.chars().all(|c| c.is_ascii_alphabetic()) {
        return format!(
            " (`{first_word}` is a zone name, not an offset: write the offset instead; {RULE})"
        );
    }
    let signs = s.matches(['+', '-']).count();
    if signs > 1 {
        return format!(" (the offset `{s}` has {signs} signs where one is allowed; {RULE})");
    }
    let body = s.trim_start_matches(['+', '-']);
    if let Some(stray) = body.chars().find(|c| !c.is_ascii_digit() && *c != ':') {
        return format!(" (a stray `{stray}` in the offset `{s}`; {RULE})");
    }
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    if !s.starts_with(['+', '-']) {
        return format!(" (the offset `{s}` needs a sign, + or -; {RULE})");
    }
    if digits != 2 && digits != 4 {
        return format!(
            " (the offset `{s}` has {digits} digits: it needs hours, or hours and minutes; {RULE})"
        );
    }
    format!(" (the offset `{s}` is out of range: hours up to 25, minutes up to 59; {RULE})")
}

/// The `YYYY-MM-DD-` prefix of a file name, as Jekyll uses it; returns the date and the rest.
pub fn date_prefix(stem: &str) -> Option<(Date, &str)> {
    // Jekyll also takes one-digit months and days: `2013-5-6-title.md`. A name that is only
    // a date is a daily note's (`2013-05-06.md`): the rest is empty.
    // Zola also takes `_` after the date: `2023-07-11_title.md`.
    let mut parts = stem.splitn(3, '-');
    let (year, month, tail) = (parts.next()?, parts.next()?, parts.next()?);
    let (day, rest) = match tail.find(['-', '_']) {
        Some(at) => (&tail[..at], &tail[at + 1..]),
        None => (tail, ""),
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return None;
    }
    let date = format!("{year}-{month:0>2}-{day:0>2}");
    parse_civil_date(&date).ok().map(|d| (d, rest))
}

/// The date a post's folders give it, as Docusaurus reads them: `2022/03/14/launch.md`, or
/// a folder named by the date alone, `2022-03-14/launch.md`. `folders` are the folders
/// above the post's name (above its bundle's folder, for `launch/index.md`).
pub fn folder_date<'a>(mut folders: impl DoubleEndedIterator<Item = &'a str>) -> Option<Date> {
    let last = folders.next_back()?;
    if let Some((date, "")) = date_prefix(last) {
        return Some(date);
    }
    let month = folders.next_back()?;
    let year = folders.next_back()?;
    date_prefix(&format!("{year}-{month}-{last}"))
        .and_then(|(date, rest)| rest.is_empty().then_some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> String {
        parse_date(s, &TimeZone::UTC)
            .unwrap()
            .timestamp()
            .to_string()
    }

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(utc("2024-05-28"), "2024-05-28T00:00:00Z");
        assert_eq!(utc("2024-05-28T09:30:00+03:00"), "2024-05-28T06:30:00Z");
        assert_eq!(utc("2024-05-28T09:30:00Z"), "2024-05-28T09:30:00Z");
        assert_eq!(utc("2024-05-28T09:30:00"), "2024-05-28T09:30:00Z");
        assert_eq!(utc("2024-05-28 09:30"), "2024-05-28T09:30:00Z");
        assert_eq!(utc("2024-05-28T09:30:00.5-01:00"), "2024-05-28T10:30:00.5Z");
    }

    #[test]
    fn parses_jekyll_style_dates() {
        assert_eq!(utc("2024-05-28 09:30:00 +0300"), "2024-05-28T06:30:00Z");
        assert_eq!(utc("2024-05-28 09:30:00 -05:00"), "2024-05-28T14:30:00Z");
        // Hashnode's (JavaScript's `Date.toString()`).
        assert_eq!(
            utc("Mon Jan 09 2023 10:00:00 GMT+0100 (Central European Standard Time)"),
            "2023-01-09T09:00:00Z"
        );
        // Nikola's.
        assert_eq!(utc("2019-03-04 10:00:00 UTC+02:00"), "2019-03-04T08:00:00Z");
        assert_eq!(utc("2019-03-04 10:00:00 UTC"), "2019-03-04T10:00:00Z");
    }

    #[test]
    fn dates_without_offset_use_the_site_zone() {
        let tz = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(
            parse_date("2024-05-28 09:30", &tz)
                .unwrap()
                .timestamp()
                .to_string(),
            "2024-05-28T07:30:00Z"
        );
    }

    #[test]
    fn rejects_dates_off_the_calendar() {
        let e = parse_date("2023-02-29", &TimeZone::UTC).unwrap_err();
        assert!(e.message.contains("calendar"), "{e}");
        for bad in ["yesterday", "2024-05-28T25:00", "2024-05-28 09:30 +3", ""] {
            assert!(parse_date(bad, &TimeZone::UTC).is_err(), "{bad}");
        }
    }

    #[test]
    fn says_what_is_wrong_with_a_garbled_offset() {
        let why = |s: &str| parse_date(s, &TimeZone::UTC).unwrap_err().message;
        let cases = [
            ("2019-03-04 10:15-:00+10:15", "2 signs"),
            (
                "2019-03-04 10:15:00 2019 +0100",
                "a year, `2019`, after the time",
            ),
            ("2019-03-04 10:15 PST", "`PST` is a zone name"),
            ("2019-03-04 10:15 +01x0", "a stray `x`"),
            ("2019-03-04 10:15 +013", "has 3 digits"),
            ("2019-03-04 10:15 +3000", "out of range"),
            ("2019-03-04 10:15 0100", "needs a sign"),
        ];
        for (input, expected) in cases {
            let message = why(input);
            assert!(message.contains(expected), "{input}: {message}");
            assert!(message.contains("+03:00"), "{message}");
        }
    }

    #[test]
    fn reads_the_unambiguous_forms_other_generators_take() {
        assert_eq!(utc("2019/03/04"), "2019-03-04T00:00:00Z");
        assert_eq!(utc("2019/03/04 10:15:00 +0100"), "2019-03-04T09:15:00Z");
        assert_eq!(utc("2019-3-4"), "2019-03-04T00:00:00Z");
        assert_eq!(
            utc("Tue, 05 Mar 2019 10:00:00 +0000"),
            "2019-03-05T10:00:00Z"
        );
        assert_eq!(utc("May 5th, 2019"), "2019-05-05T00:00:00Z");
        assert_eq!(utc("March 4, 2019 10:15 AM EST"), "2019-03-04T15:15:00Z");
        assert_eq!(utc("25/12/2019 10:00"), "2019-12-25T10:00:00Z");
        assert_eq!(utc("05/05/2019"), "2019-05-05T00:00:00Z");
        let e = parse_date("04/03/2019", &TimeZone::UTC).unwrap_err();
        assert!(e.message.contains("2019-03-04 or 2019-04-03"), "{e}");
        // With dots, the day first, as everywhere dates are written so.
        assert_eq!(utc("04.03.2019"), "2019-03-04T00:00:00Z");
        assert_eq!(utc("1.2.2024 10:00"), "2024-02-01T10:00:00Z");
        assert!(parse_date("03.13.2019", &TimeZone::UTC).is_err());
        for garbage in [
            "13/25/2019",
            "yesterday",
            "2019-03-04 10:15-:00+10:15",
            "May 2019",
        ] {
            assert!(parse_date(garbage, &TimeZone::UTC).is_err(), "{garbage}");
        }
    }

    #[test]
    fn reads_dates_from_folders() {
        let date = |rel: &str| folder_date(rel.split('/')).map(|d| d.to_string());
        assert_eq!(date("blog/2022/03/14").as_deref(), Some("2022-03-14"));
        assert_eq!(date("blog/2022/3/4").as_deref(), Some("2022-03-04"));
        assert_eq!(date("2022-03-14").as_deref(), Some("2022-03-14"));
        assert_eq!(date("blog/2022/03"), None);
        assert_eq!(date("blog/2022/13/01"), None);
        assert_eq!(date("notes/12/03/14"), None);
        assert_eq!(date("blog/2022-03-14-launch"), None);
    }

    #[test]
    fn reads_date_prefix_from_file_names() {
        let (d, rest) = date_prefix("2024-05-28-hello-world").unwrap();
        assert_eq!(
            (d.to_string().as_str(), rest),
            ("2024-05-28", "hello-world")
        );
        assert!(date_prefix("2024-13-01-x").is_none());
        assert!(date_prefix("hello").is_none());
        // One-digit months and days, as Jekyll takes them.
        let (d, rest) = date_prefix("2013-5-6-single-digits").unwrap();
        assert_eq!(
            (d.to_string().as_str(), rest),
            ("2013-05-06", "single-digits")
        );
        assert!(date_prefix("2013-005-06-x").is_none());
        assert_eq!(date_prefix("2013-05-06").unwrap().1, "");
        // Zola's underscore after the date.
        let (d, rest) = date_prefix("2023-07-11_dated-how").unwrap();
        assert_eq!((d.to_string().as_str(), rest), ("2023-07-11", "dated-how"));
        assert!(date_prefix("13-05-06-x").is_none());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Strings shaped like dates, often almost right.
        fn date_like() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "[0-9]{1,5}",
                Just("-".to_string()),
                Just(":".to_string()),
                Just("T".to_string()),
                Just(" ".to_string()),
                Just("+".to_string()),
                Just("Z".to_string()),
                Just(".".to_string()),
                Just("é".to_string()),
                any::<String>(),
            ];
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn arbitrary_input_never_panics(s in any::<String>()) {
                let _ = parse_date(&s, &TimeZone::UTC);
                let _ = date_prefix(&s);
            }

            #[test]
            fn date_like_input_never_panics(s in date_like()) {
                let paris = TimeZone::get("Europe/Paris").unwrap();
                if let Err(e) = parse_date(&s, &paris) {
                    prop_assert!(e.message.contains("accepted forms"), "{}", e);
                }
                let _ = date_prefix(&s);
            }

            #[test]
            fn every_calendar_date_round_trips(
                y in 1i16..=9998, m in 1i8..=12, d in 1i8..=31,
                h in 0i8..24, min in 0i8..60, sec in 0i8..60,
                off_h in -14i32..=14, off_m in prop::sample::select(vec![0i32, 30, 45]),
            ) {
                let text = format!("{y:04}-{m:02}-{d:02}");
                let valid = Date::new(y, m, d).is_ok();
                prop_assert_eq!(parse_civil_date(&text).is_ok(), valid);
                prop_assert_eq!(parse_date(&text, &TimeZone::UTC).is_ok(), valid);
                if valid {
                    let sign = if off_h < 0 { '-' } else { '+' };
                    let off = format!("{sign}{:02}:{off_m:02}", off_h.abs());
                    let full = format!("{text}T{h:02}:{min:02}:{sec:02}{off}");
                    let jekyll = format!("{text} {h:02}:{min:02}:{sec:02} {}", off.replace(':', ""));
                    let a = parse_date(&full, &TimeZone::UTC).unwrap();
                    let b = parse_date(&jekyll, &TimeZone::UTC).unwrap();
                    prop_assert_eq!(a.timestamp(), b.timestamp());
                    let quoted_spaces = format!("  {full}  ");
                    prop_assert_eq!(parse_date(&quoted_spaces, &TimeZone::UTC).unwrap().timestamp(), a.timestamp());
                }
            }
        }
    }
}
