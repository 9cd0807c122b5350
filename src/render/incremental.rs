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

/// What the site was last rendered from, and the HTML pages it rendered: what a partial
/// re-render needs of the full build before it ([`crate::Build`] holds each part).
#[derive(Clone, Copy)]
pub struct LastRender<'a> {
    pub digest: &'a Digest,
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    /// The template values pages share; must already hold the edited stories' new values.
    pub shared: &'a Shared,
    /// URL paths of the rendered HTML pages, in sitemap order.
    pub html_paths: &'a [String],
}

/// Re-renders what `stories` and `pages` (indices into `Digest::pages`) touch: (output path,
/// bytes) of every file that must be replaced. Template errors go to `diags`.
pub fn rerender(
    last: LastRender<'_>,
    stories: &[StoryChange],
    pages: &[usize],
    diags: &mut Diagnostics,
) -> Vec<(String, Vec<u8>)> {
    let LastRender {
        digest,
        config,
        theme,
        shared,
        html_paths,
    } = last;
    let renderer = Renderer::new(digest, config, shared, &theme.tera);
    let jobs = jobs_for(digest, config, stories, pages);
    let mut out: Vec<(String, Vec<u8>)> = render_pages(&renderer, &jobs, theme, None, None, diags)
        .into_iter()
        .filter_map(|(path, body)| match body {
            super::Body::Bytes(html) => Some((file_for(&path), html)),
            _ => None,
        })
        .collect();
    let feeds = FeedInput::new(digest, config, shared);
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
    // The email of each edited story's edition shows the same values as its lists.
    let mut editions: Vec<usize> = Vec::new();
    for c in stories.iter().filter(|c| c.listed) {
        if let Some(e) = digest.stories[c.index].edition {
            if !editions.contains(&e) {
                editions.push(e);
            }
        }
    }
    let input = crate::email::Input::new(digest, config, shared, theme);
    for file in crate::email::render_editions(&input, &editions, None, diags) {
        if let super::Body::Bytes(bytes) = file.body {
            out.push((file.path, bytes));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::context::Shared;

    /// A built site: 9 stories over 3 tags, 2 sources, weekly editions, 2 per page.
    fn built() -> (tempfile::TempDir, crate::Build) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n[digest]\nedition = \"week\"\nper_page = 2\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/news")).unwrap();
        for n in 0..9 {
            let tags = ["[a]", "[a, b]", "[c, a]"][n % 3];
            let source = ["One", "Two"][n % 2];
            std::fs::write(
                root.join(format!("content/news/s{n}.md")),
                format!(
                    "---\ntitle: Marker{n}X\ndate: 2024-05-{:02}T09:00:00Z\ntags: {tags}\nsource:\n  name: {source}\n  url: https://{source}.example/{n}\n---\n\nBody.\n",
                    n * 3 + 1
                ),
            )
            .unwrap();
        }
        let build = crate::generate(
            crate::Options::new(root),
            &crate::markdown::Highlighter::new(),
        )
        .unwrap_or_else(|d| panic!("{:?}", d.sorted()));
        (dir, build)
    }

    #[test]
    fn list_jobs_of_names_exactly_the_pages_showing_a_story() {
        let (_dir, site) = built();
        let (digest, config, theme) = (&site.digest, &site.config, &site.theme);
        let shared = Shared::new(digest, config);
        let renderer = Renderer::new(digest, config, &shared, &theme.tera);
        let pages: Vec<(Job, String)> = pages::jobs(digest, config)
            .into_iter()
            .map(|job| {
                let html = renderer.render(job).html.ok().unwrap();
                (job, String::from_utf8(html).unwrap())
            })
            .collect();
        for i in 0..digest.stories.len() {
            let marker = &digest.stories[i].doc.front_matter.title;
            let mut expected = pages::list_jobs_of(digest, config, i);
            expected.push(Job::Article(i));
            expected.extend(i.checked_sub(1).map(Job::Article));
            if i + 1 < digest.stories.len() {
                expected.push(Job::Article(i + 1));
            }
            for (job, html) in &pages {
                assert_eq!(
                    html.contains(marker.as_str()),
                    expected.contains(job),
                    "story {i} ({marker}) on {job:?}"
                );
            }
        }
    }

    #[test]
    fn jobs_for_adds_neighbours_and_lists_only_when_needed() {
        let (_dir, site) = built();
        let (d, c) = (&site.digest, &site.config);
        let change = |index, title, listed| StoryChange {
            index,
            title,
            listed,
            updated: false,
        };
        assert_eq!(
            jobs_for(d, c, &[change(4, false, false)], &[]),
            [Job::Article(4)]
        );
        assert_eq!(
            jobs_for(d, c, &[change(0, true, false)], &[]),
            [Job::Article(0), Job::Article(1)]
        );
        let last = d.stories.len() - 1;
        assert_eq!(
            jobs_for(d, c, &[change(last, true, false)], &[]),
            [Job::Article(last), Job::Article(last - 1)]
        );
        // Two neighbours edited: each page once.
        let both = jobs_for(d, c, &[change(3, true, true), change(4, true, true)], &[]);
        for (k, job) in both.iter().enumerate() {
            assert!(!both[..k].contains(job), "{job:?} twice in {both:?}");
        }
        assert!(both.contains(&Job::Index(2)) && both.contains(&Job::Index(3)));
        assert_eq!(jobs_for(d, c, &[], &[0]), [Job::Page(0)]);
    }
}
