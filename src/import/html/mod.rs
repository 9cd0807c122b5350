//! HTML captures ("save page as HTML"). Metadata comes from `<meta>` (Open Graph, article:*,
//! author), `<link rel=canonical>`, JSON-LD and `<time>`; the text from the paragraphs of the
//! `<article>` with the most text, else `<main>`, else the body, skipping navigation, headers,
//! footers, asides, forms, scripts and blocks whose class or id says they are chrome.
//!
//! html5ever's tokenizer is enough here (no tree is needed): a small stack of open elements
//! tells whether text is inside a skipped block.

mod ld;
mod scan;
#[cfg(test)]
mod tests;

use super::chrome::{self, clean_space, split_names, unique_by, Cleaned, Credits};
use super::Capture;
use ld::LdInfo;
use scan::{Block, ScannedPage};

/// Separators between a headline and the site's name in a `<title>`.
const SITE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// Reads an HTML capture. `None` when it has neither a title nor text.
pub(crate) fn parse(source: &str) -> Option<Capture> {
    let page = scan::scan(source);
    let ld = ld::read(&page.ld_json);
    let (title, site_name) = title_and_site(&page, &ld);
    let url = canonical_url(&page, &ld);
    let date = published_date(&page, &ld);
    let mut authors = metadata_authors(&page, &ld);
    let mut header_date = None;
    let mut cleaned = read_text(&page, &title, &mut authors, &mut header_date);
    if authors.is_empty() {
        authors = std::mem::take(&mut cleaned.authors);
    }
    if title.is_empty() && cleaned.paragraphs.is_empty() {
        return None;
    }
    let title = if title.is_empty() {
        title_from_text(&cleaned.paragraphs[0])
    } else {
        title
    };
    Some(Capture {
        title,
        authors: unique_by(authors, str::to_ascii_lowercase),
        date: date.or(header_date).or(cleaned.date),
        url: url.or(cleaned.url),
        site_name,
        paragraphs: cleaned.paragraphs,
    })
}

/// The title and the site's name, from Open Graph, JSON-LD, `<title>` or the `<h1>`, with
/// the site's name cut off the title.
fn title_and_site(page: &ScannedPage, ld: &LdInfo) -> (String, Option<String>) {
    let site_name = page
        .meta(&["og:site_name", "application-name", "twitter:site:name"])
        .or(ld.publisher.clone())
        .or(ld.site.clone());
    let title_tag = Some(clean_space(&page.title_text)).filter(|t| !t.is_empty());
    let raw_title = page
        .meta(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or(title_tag.clone())
        .or(page.h1.clone());
    let Some(t) = raw_title else {
        return (String::new(), site_name);
    };
    let stripped = strip_site(&t, site_name.as_deref());
    if stripped == t && site_name.is_none() && title_tag.as_deref() == Some(t.as_str()) {
        return split_unknown_site(&t, page.h1.as_deref());
    }
    (stripped, site_name)
}

/// Unknown site: when the `<title>` is the `<h1>` plus " - Something", or ends in a short
/// " | Something", that something is the site's name.
fn split_unknown_site(title: &str, h1: Option<&str>) -> (String, Option<String>) {
    let from_h1 = h1.and_then(|h1| {
        let rest = title.strip_prefix(h1)?;
        let site = SITE_SEPARATORS
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))?
            .trim();
        let short = !site.is_empty() && site.split_whitespace().count() <= 5;
        short.then(|| (h1.to_string(), site.to_string()))
    });
    match from_h1 {
        Some((head, site)) => (head, Some(site)),
        None => super::text::split_site_suffix(title),
    }
}

/// The canonical link, else the Open Graph URL, else JSON-LD's (absolute URLs only).
fn canonical_url(page: &ScannedPage, ld: &LdInfo) -> Option<String> {
    absolute_url(page.canonical.clone())
        .or_else(|| absolute_url(page.meta(&["og:url", "twitter:url"])))
        .or_else(|| absolute_url(ld.url.clone()))
}

/// The first readable date, most trusted source first: article metadata, JSON-LD, a
/// `<time>` marked as the publication date, generic date metadata, then any `<time>`.
fn published_date(page: &ScannedPage, ld: &LdInfo) -> Option<String> {
    let candidates = [
        page.meta(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
        ]),
        ld.date.clone(),
        page.times.iter().find(|t| t.2).map(|t| t.0.clone()),
        page.meta(&[
            "date",
            "pubdate",
            "publish-date",
            "publish_date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
            "citation_publication_date",
        ]),
        page.times.iter().find(|t| t.1).map(|t| t.0.clone()),
        page.times.first().map(|t| t.0.clone()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|d| chrome::find_date(&d).map(|(d, _)| d))
}

/// Authors from `<meta>`, else from JSON-LD; a profile URL is not a name.
fn metadata_authors(page: &ScannedPage, ld: &LdInfo) -> Vec<String> {
    let mut authors: Vec<String> = page
        .meta(&[
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "citation_author",
        ])
        .map(|a| split_names(&a))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = ld.authors.clone();
    }
    authors.retain(|a| !a.starts_with("http") && !a.contains("://"));
    authors
}

/// The article's text, cleaned. First without the blocks whose class says chrome; if that
/// leaves no text at all, the page wrapped its content in such a block, and they are read
/// too. Without `authors` from metadata, the header's byline and date are read on the way.
fn read_text(
    page: &ScannedPage,
    title: &str,
    authors: &mut Vec<String>,
    header_date: &mut Option<String>,
) -> Cleaned {
    let mut cleaned = Cleaned::default();
    for include_weak in [false, true] {
        let blocks: Vec<&Block> = page
            .blocks
            .iter()
            .filter(|b| include_weak || !b.weak)
            .collect();
        let chosen = choose_content(&blocks, page.articles);
        if authors.is_empty() {
            let credits = read_header(&header_units(page, &chosen, title));
            authors.extend(credits.authors);
            if header_date.is_none() {
                *header_date = credits.date;
            }
        }
        let units: Vec<String> = chosen
            .iter()
            .filter(|b| !b.header)
            .map(|b| b.text.clone())
            .collect();
        cleaned = chrome::clean(&units, title, authors);
        if !cleaned.paragraphs.is_empty() {
            break;
        }
    }
    cleaned
}

/// Header blocks are read for a byline and a date, never kept as text: the byline blocks
/// (class="byline", rel=author…) first, marked `true`, then the chosen header blocks.
fn header_units(page: &ScannedPage, chosen: &[&Block], title: &str) -> Vec<(String, bool)> {
    let title_key = chrome::norm(title);
    page.byline_texts
        .iter()
        .map(|t| (t.clone(), true))
        .chain(
            chosen
                .iter()
                .filter(|b| b.header)
                .map(|b| (b.text.clone(), false)),
        )
        .filter(|(t, _)| chrome::norm(t) != title_key)
        .collect()
}

/// Blocks marked as bylines may be a bare name; other header blocks only count when they
/// read as a byline or a date.
fn read_header(units: &[(String, bool)]) -> Credits {
    let mut credits = Credits::default();
    for (u, is_byline) in units {
        let kind = chrome::classify(u, false);
        if !credits.take(&kind) && *is_byline && chrome::is_name_like(u) {
            credits.authors.push(u.clone());
        }
    }
    credits
}

/// No title anywhere: the first words of the text stand in.
fn title_from_text(first: &str) -> String {
    let words: Vec<&str> = first.split_whitespace().take(10).collect();
    format!("{}…", words.join(" "))
}

fn absolute_url(u: Option<String>) -> Option<String> {
    u.map(|u| u.trim().to_string()).filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
    })
}

/// Strips " | Site", " - Site", " — Site" (or "Site | ") from a title when the site is known.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = clean_space(title);
    let Some(site) = site.map(clean_space).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in SITE_SEPARATORS {
        if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
            return head.trim().to_string();
        }
        if let Some(tail) = title.strip_prefix(&format!("{site}{sep}")) {
            return tail.trim().to_string();
        }
    }
    title
}

/// The article with the most text, else the blocks inside `<main>`, else all of them.
fn choose_content<'a>(blocks: &[&'a Block], articles: usize) -> Vec<&'a Block> {
    let mut best: Option<(usize, usize)> = None;
    for i in 0..articles {
        let len: usize = blocks
            .iter()
            .filter(|b| b.article == Some(i) && !b.header)
            .map(|b| b.text.len())
            .sum();
        if len > 0 && best.is_none_or(|(_, l)| len > l) {
            best = Some((i, len));
        }
    }
    if let Some((i, _)) = best {
        blocks
            .iter()
            .copied()
            .filter(|b| b.article == Some(i))
            .collect()
    } else if blocks.iter().any(|b| b.main && !b.header) {
        blocks.iter().copied().filter(|b| b.main).collect()
    } else {
        blocks.to_vec()
    }
}
