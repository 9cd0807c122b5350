//! Plain-text captures (a browser's "save as text", a copy-paste): the title on the first
//! line that is not chrome, then the body; bylines, dates and site chrome anywhere.

use super::chrome::{self, clean_space, Credits, LineKind};
use super::Capture;

/// Reads a plain-text capture. `None` when there is no text at all.
pub(crate) fn parse(source: &str) -> Option<Capture> {
    let units = units(source);
    let (title_at, mut credits, url) = read_before_title(&units)?;
    let (title, site_name) = split_site_suffix(&units[title_at]);
    let cleaned = chrome::clean(&units[title_at + 1..], &title, &credits.authors);
    credits.authors.extend(cleaned.authors);
    Some(Capture {
        title,
        authors: credits.authors,
        date: credits.date.or(cleaned.date),
        url: url.or(cleaned.url),
        site_name,
        paragraphs: cleaned.paragraphs,
    })
}

/// Metadata before the title (a URL, a date, a byline, a site menu) is read and skipped:
/// returns where the title is, with the byline, date and URL found above it.
fn read_before_title(units: &[String]) -> Option<(usize, Credits, Option<String>)> {
    let mut credits = Credits::default();
    let mut url = None;
    for (i, u) in units.iter().enumerate() {
        let kind = chrome::classify(u, true);
        if credits.take(&kind) {
            continue;
        }
        match kind {
            LineKind::Text => return Some((i, credits, url)),
            LineKind::Url(found) => {
                url.get_or_insert(found);
            }
            _ => {}
        }
    }
    None
}

/// "Footbridge Repairs Approved | Millbrook Gazette" → the title and the site's name.
/// Only a " | " suffix of at most four words is taken as a site name (" - " is too common
/// inside real headlines).
pub(crate) fn split_site_suffix(line: &str) -> (String, Option<String>) {
    let line = clean_space(line);
    if let Some(i) = line.rfind(" | ") {
        let (head, site) = (line[..i].trim(), line[i + 3..].trim());
        if !head.is_empty() && !site.is_empty() && site.split_whitespace().count() <= 4 {
            return (head.to_string(), Some(site.to_string()));
        }
    }
    (line, None)
}

/// Splits the text into units: blocks separated by blank lines; a block whose lines look
/// hard-wrapped (similar, long lengths) is one unit, otherwise each line is one.
pub(crate) fn units(source: &str) -> Vec<String> {
    let normalised = source.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, out: &mut Vec<String>| {
        if block.is_empty() {
            return;
        }
        if is_hard_wrapped(block) {
            out.push(block.join(" "));
        } else {
            out.append(block);
        }
        block.clear();
    };
    for line in normalised.lines() {
        let line = clean_space(line);
        if line.is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush(&mut block, &mut out);
    out
}

fn is_hard_wrapped(block: &[String]) -> bool {
    if block.len() < 2 {
        return false;
    }
    // A title with its byline and date lines under it, unbroken by blank lines (as a
    // browser saves a page), is lines of their own, not wrapped prose.
    let metadata = block.iter().any(|l| {
        matches!(
            chrome::classify(l, true),
            LineKind::Byline(..) | LineKind::DateLine { .. } | LineKind::Url(_)
        )
    });
    if metadata {
        return false;
    }
    let body = &block[..block.len() - 1];
    let lens: Vec<usize> = body.iter().map(|l| l.chars().count()).collect();
    let (min, max) = (
        *lens.iter().min().unwrap_or(&0),
        *lens.iter().max().unwrap_or(&0),
    );
    // Wrapped prose: every line but the last is long and about as long as the others, and
    // the lines do not each end a sentence.
    let open_ends = body
        .iter()
        .filter(|l| !l.ends_with(['.', '!', '?', '"', '”']))
        .count();
    min >= 40 && max <= 100 && max - min <= 30 && open_ends * 2 >= body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_first_non_chrome_line() {
        let c = parse("\n\nSkip to content\nMenu\nFootbridge Repairs Approved\n\nThe council voted to repair the old footbridge on Tuesday evening.\n").unwrap();
        assert_eq!(c.title, "Footbridge Repairs Approved");
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn site_suffix_is_split_off() {
        assert_eq!(
            split_site_suffix("Footbridge Repairs Approved | Millbrook Gazette"),
            (
                "Footbridge Repairs Approved".to_string(),
                Some("Millbrook Gazette".to_string())
            )
        );
        assert_eq!(
            split_site_suffix("Vote - the result").0,
            "Vote - the result"
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title Here\n\nThe Millbrook town council voted on Tuesday to repair\nthe old footbridge over the river, which has been closed\nsince the floods last winter.\n\nSecond paragraph is here and it ends.\n";
        let u = units(text);
        assert_eq!(u.len(), 3, "{u:?}");
        assert!(u[1].starts_with("The Millbrook") && u[1].ends_with("last winter."));
    }

    #[test]
    fn one_paragraph_per_line_is_kept_apart() {
        let u = units("Title\nShort line one.\nAnother short line.\n");
        assert_eq!(u.len(), 3);
    }

    #[test]
    fn url_and_date_before_the_title_are_read() {
        let c = parse("https://news.example.org/2024/03/footbridge\nMarch 3, 2024\nFootbridge Repairs Approved\n\nThe council voted to repair the old footbridge on Tuesday evening.\n").unwrap();
        assert_eq!(c.title, "Footbridge Repairs Approved");
        assert_eq!(
            c.url.as_deref(),
            Some("https://news.example.org/2024/03/footbridge")
        );
        assert_eq!(c.date.as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn title_byline_and_date_without_blank_lines_stay_apart() {
        let c = parse(
            "Regional rail link reopens after a four-month closure for signal works
By Maria Jensen, Transport Correspondent
Published 3 December 2026, 09:15

Trains ran again on Tuesday between the two towns after the long closure.
",
        )
        .unwrap();
        assert_eq!(
            c.title,
            "Regional rail link reopens after a four-month closure for signal works"
        );
        assert_eq!(c.authors, vec!["Maria Jensen"]);
        assert_eq!(c.date.as_deref(), Some("2026-12-03T09:15:00"));
    }

    #[test]
    fn only_chrome_gives_none() {
        assert!(parse("Menu\nLeave a reply\nPost Comment\n").is_none());
    }
}
