//! Re-rendering part of a site: after edits that left the digest's structure alone (same
//! stories in the same order with the same URLs, tags, editions and sources), only the pages
//! and feeds that show an edited story can differ from the last build.

use super::context::Shared;
use super::feeds::FeedInput;
use super::pages::{self, Job, Renderer};
use super::theme::Theme;
use super::{file_for, render_pages, sitemap};
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostics;
use crate::digest::Digest;

/// What changed about one edited story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryChange {
    /// Index in `Digest::stories`.
    pub index: usize,
    /// Its title changed: the neighbouring articles show it (previous / next links).
    pub title: bool,
    /// Its template value changed: the list pages showing it differ.
    pub listed: bool,
    /// Its `updated` date changed: the sitemap shows it.
    pub updated: bool,
}

/// The HTML jobs to run again for these edits, each once, in a stable order.
pub fn jobs_for(
    digest: &Digest,
    config: &SiteConfig,
    stories: &[StoryChange],
    pages: &[usize],
) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut add = |job: Job| {
        if !jobs.contains(&job) {
            jobs.push(job);
        }
    };
    for c in stories {
        let i = c.index;
        add(Job::Article(i));
        if c.title {
            if i > 0 {
                add(Job::Article(i - 1));
            }
            if i + 1 < digest.stories.len() {
                add(Job::Article(i + 1));
            }
        }
        if c.listed {
            for job in pages::list_jobs_of(digest, config, i) {
                add(job);
            }
        }
    }
    for &p in pages {
        add(Job::Page(p));
    }
    jobs
}

/// Re-renders what `stories` and `pages` (indices into `Digest::pages`) touch: (output path,
/// bytes) of every file that must be replaced. `shared` must already hold the edited stories'
/// new values. Template errors go to `diags`.
#[allow(clippy::too_many_arguments)]
pub fn rerender(
    digest: &Digest,
    config: &SiteConfig,
    theme: &Theme,
    shared: &Shared,
    html_paths: &[String],
    stories: &[StoryChange],
    pages: &[usize],
    diags: &mut Diagnostics,
) -> Vec<(String, Vec<u8>)> {
    let renderer = Renderer {
        digest,
        config,
        shared,
        tera: &theme.tera,
    };
    let jobs = jobs_for(digest, config, stories, pages);
    let mut out: Vec<(String, Vec<u8>)> = render_pages(&renderer, &jobs, theme, diags)
        .into_iter()
        .map(|(path, html)| (file_for(&path), html.into_bytes()))
        .collect();
    let feeds = FeedInput {
        digest,
        config,
        shared,
    };
    let items = config.feeds.items;
    // Feeds carry the newest `items` stories of their list.
    if stories.iter().any(|c| c.index < items) {
        for (path, text) in super::site_feeds(&feeds) {
            out.push((path.to_string(), text.into_bytes()));
        }
    }
    if config.feeds.tags {
        let mut tags: Vec<usize> = Vec::new();
        for c in stories {
            for &t in &digest.stories[c.index].tags {
                let mut newest = digest.tags[t].stories.iter().take(items);
                if !tags.contains(&t) && newest.any(|&s| s == c.index) {
                    tags.push(t);
                }
            }
        }
        for t in tags {
            let (path, text) = super::tag_feed(&feeds, t);
            out.push((path, text.into_bytes()));
        }
    }
    if stories.iter().any(|c| c.updated) {
        out.push((
            "sitemap.xml".into(),
            sitemap::sitemap(digest, config, html_paths).into_bytes(),
        ));
    }
    out
}
