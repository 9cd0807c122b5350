//! The cleaning pass: a capture's units in, its paragraphs, authors, date and URL out.
//!
//! Three passes, each on what the previous one kept: first every unit on its own (with the
//! running state of "inside a list of other stories" and "inside the comments"), then name
//! lines by their neighbours, then menus; exact duplicates go last.

use std::collections::HashSet;

use super::names::{bio_sentence_name, is_bio_like};
use super::{classify, clean_space, is_name_like, norm, unique_by, word_count, LineKind};

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

/// Cleans a capture's units (paragraphs or lines, in order, title excluded).
/// `known_authors` come from metadata (HTML); lines repeating them are dropped.
pub(crate) fn clean(units: &[String], title: &str, known_authors: &[String]) -> Cleaned {
    let mut c = Cleaner::new(units);
    c.sort_each_unit(&norm(title));
    c.find_bylines_by_neighbours();
    c.drop_repeated_bylines(known_authors);
    c.drop_menus();
    c.finish()
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

/// Quotations ("…," she said.) are article text even when they mention a reporter.
fn is_prose_with_quote(s: &str) -> bool {
    s.contains(['"', '“', '”']) && is_prose(s)
}

/// A line about a journalist that is not a quotation from the article.
fn is_author_bio(s: &str) -> bool {
    is_bio_like(s) && !is_prose_with_quote(s)
}

/// The state of the passes: the units, which are still kept, and what they told us.
struct Cleaner {
    units: Vec<String>,
    kept: Vec<bool>,
    /// Units that were a date line (a name next to one is a byline).
    date_at: Vec<bool>,
    authors: Vec<String>,
    published: Option<String>,
    updated: Option<String>,
    out: Cleaned,
    // Where the first pass is: after "Leave a reply", inside "Related Articles", past
    // the first real sentence, right after "About the author".
    in_tail: bool,
    in_section: bool,
    seen_prose: bool,
    author_next: bool,
}

impl Cleaner {
    fn new(units: &[String]) -> Self {
        let units: Vec<String> = units
            .iter()
            .map(|u| clean_space(u))
            .filter(|u| !u.is_empty())
            .collect();
        Cleaner {
            kept: vec![true; units.len()],
            date_at: vec![false; units.len()],
            units,
            authors: Vec::new(),
            published: None,
            updated: None,
            out: Cleaned::default(),
            in_tail: false,
            in_section: false,
            seen_prose: false,
            author_next: false,
        }
    }

    fn drop_unit(&mut self, i: usize, why: &'static str) {
        self.kept[i] = false;
        self.out.dropped.push((self.units[i].clone(), why));
    }

    /// Indexes of the units still kept.
    fn kept_indexes(&self) -> Vec<usize> {
        (0..self.units.len()).filter(|&i| self.kept[i]).collect()
    }

    /// Pass 1: context-free classification, sections and the comment tail.
    fn sort_each_unit(&mut self, title_n: &str) {
        for i in 0..self.units.len() {
            if let Some(why) = self.first_verdict(i, title_n) {
                self.drop_unit(i, why);
            }
        }
    }

    /// Why unit `i` goes on a first look, or `None` to keep it for now.
    fn first_verdict(&mut self, i: usize, title_n: &str) -> Option<&'static str> {
        let u = &self.units[i];
        if self.in_tail {
            return Some("comment section");
        }
        if !title_n.is_empty() && norm(u) == title_n {
            return Some("repeated title");
        }
        let kind = classify(u, i < 3);
        if self.in_section && self.section_goes_on(&kind, i) {
            return Some("list of other stories");
        }
        self.take_kind(i, kind)
    }

    /// A list of other stories ends where long prose resumes; its bylines and dates
    /// belong to the other stories. A comment heading inside it is still read as one.
    fn section_goes_on(&mut self, kind: &LineKind, i: usize) -> bool {
        let u = &self.units[i];
        if *kind == LineKind::Text && is_prose(u) && word_count(u) >= 12 {
            self.in_section = false;
            return false;
        }
        *kind != LineKind::Tail
    }

    /// Records what unit `i` of `kind` tells us; returns why it goes, if it does.
    fn take_kind(&mut self, i: usize, kind: LineKind) -> Option<&'static str> {
        let u = &self.units[i];
        let why = match kind {
            LineKind::Text => return self.take_text(i),
            LineKind::Chrome => {
                self.author_next |= norm(u) == "about the author";
                "chrome"
            }
            LineKind::Section => {
                self.in_section = true;
                "chrome"
            }
            // A comment link before the article ("12 Comments" by the byline) is just chrome.
            LineKind::Tail if !self.seen_prose => "chrome",
            LineKind::Tail => {
                self.in_tail = true;
                "comment section"
            }
            LineKind::Byline(names, date) => {
                self.authors.extend(names);
                if let Some(d) = date {
                    self.published.get_or_insert(d);
                }
                "byline"
            }
            LineKind::DateLine { date, updated } => {
                self.date_at[i] = true;
                let slot = if updated {
                    &mut self.updated
                } else {
                    &mut self.published
                };
                slot.get_or_insert(date);
                "date"
            }
            LineKind::Url(url) => {
                self.out.url.get_or_insert(url);
                "url"
            }
            LineKind::Caption => "photo caption",
        };
        Some(why)
    }

    /// Article text stays, except a bare name right after "About the author".
    fn take_text(&mut self, i: usize) -> Option<&'static str> {
        let u = &self.units[i];
        self.seen_prose |= is_prose(u);
        if self.author_next && is_name_like(u) {
            self.authors.push(u.clone());
            self.author_next = false;
            return Some("byline");
        }
        None
    }

    /// Pass 2: name lines decided by their neighbours, and "Jane Doe is a staff writer …"
    /// near the end. Decided on the kept units as they were, then dropped together.
    fn find_bylines_by_neighbours(&mut self) {
        let kept = self.kept_indexes();
        let mut drop_now: Vec<(usize, &'static str)> = Vec::new();
        for k in 0..kept.len() {
            if let Some(drops) = self.byline_by_neighbours(&kept, k) {
                drop_now.extend(drops);
                continue;
            }
            let i = kept[k];
            if k * 3 >= kept.len() * 2 {
                if let Some(name) = bio_sentence_name(&self.units[i]) {
                    self.authors.push(name);
                    drop_now.push((i, "author bio"));
                }
            }
        }
        for (i, why) in drop_now {
            if self.kept[i] {
                self.drop_unit(i, why);
            }
        }
    }

    /// A name line repeated on the next line, followed by a bio, or next to a date line
    /// is a byline: notes the author and returns the units to drop (with the bio).
    fn byline_by_neighbours(
        &mut self,
        kept: &[usize],
        k: usize,
    ) -> Option<Vec<(usize, &'static str)>> {
        let i = kept[k];
        let u = &self.units[i];
        if !is_name_like(u) {
            return None;
        }
        let next = kept.get(k + 1).map(|&j| &self.units[j]);
        let repeated = next.is_some_and(|n| norm(n) == norm(u));
        let bio_next = next.is_some_and(|n| is_author_bio(n));
        let next_to_date =
            (i > 0 && self.date_at[i - 1]) || self.date_at.get(i + 1).copied().unwrap_or(false);
        if !(repeated || bio_next || next_to_date) {
            return None;
        }
        self.authors.push(u.clone());
        let mut drops = vec![(i, "byline")];
        if bio_next && !repeated {
            drops.push((kept[k + 1], "author bio"));
        }
        Some(drops)
    }

    /// Author lines repeated elsewhere go, and a bio line right after a dropped byline.
    fn drop_repeated_bylines(&mut self, known_authors: &[String]) {
        let author_norms: Vec<String> = known_authors
            .iter()
            .chain(&self.authors)
            .map(|a| norm(a))
            .collect();
        let mut after_author = false;
        for i in 0..self.units.len() {
            if !self.kept[i] {
                after_author = self.was_dropped_as_byline(i);
                continue;
            }
            let n = norm(&self.units[i]);
            let by = n.strip_prefix("by ").unwrap_or(&n);
            if author_norms.iter().any(|a| a == &n || a == by) {
                self.drop_unit(i, "repeated byline");
                after_author = true;
                continue;
            }
            let u = &self.units[i];
            if after_author && is_author_bio(u) && word_count(u) <= 40 {
                self.drop_unit(i, "author bio");
            }
            after_author = false;
        }
    }

    /// Whether the text of unit `i` was dropped as a byline (here or anywhere).
    fn was_dropped_as_byline(&self, i: usize) -> bool {
        self.out
            .dropped
            .iter()
            .any(|(d, why)| *why == "byline" && d == &self.units[i])
    }

    /// Pass 3: menus, runs of three or more short labels next to each other.
    fn drop_menus(&mut self) {
        let kept = self.kept_indexes();
        let mut k = 0;
        while k < kept.len() {
            let end = self.label_run_end(&kept, k);
            if end - k >= 3 {
                for &i in &kept[k..end] {
                    self.drop_unit(i, "menu");
                }
                k = end;
            } else {
                k += 1;
            }
        }
    }

    /// Where the run of adjacent short labels starting at `kept[k]` ends.
    fn label_run_end(&self, kept: &[usize], k: usize) -> usize {
        let mut end = k;
        while end < kept.len()
            && is_short_label(&self.units[kept[end]])
            && (end == k || kept[end] == kept[end - 1] + 1)
        {
            end += 1;
        }
        end
    }

    /// The kept units become paragraphs (each text once); authors are told once each.
    fn finish(mut self) -> Cleaned {
        let mut seen = HashSet::new();
        for i in self.kept_indexes() {
            let u = self.units[i].clone();
            if seen.insert(norm(&u)) {
                self.out.paragraphs.push(u);
            } else {
                self.out.dropped.push((u, "duplicate"));
            }
        }
        self.out.authors = unique_by(self.authors, norm);
        self.out.date = self.published.or(self.updated);
        self.out
    }
}
