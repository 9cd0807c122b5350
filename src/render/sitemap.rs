//! `sitemap.xml` and `robots.txt`.

use std::fmt::Write;

use super::context::abs;
use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::text::escape_html;

/// Every public HTML page with its last change, in a stable order; not a page its file
/// keeps out of lists (`unlisted`).
pub fn sitemap(digest: &Digest, config: &SiteConfig, html_paths: &[String]) -> String {
    let lastmod = |i: usize| {
        let s = &digest.stories[i];
        s.updated.as_ref().unwrap_or(&s.date).date().to_string()
    };
    let mut dates: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for (i, s) in digest.stories.iter().enumerate() {
        dates.insert(&s.path, lastmod(i));
    }
    let newest = (!digest.stories.is_empty()).then(|| lastmod(0));
    let unlisted: std::collections::HashSet<&str> = (digest.pages.iter())
        .filter(|p| p.doc.front_matter.unlisted)
        .map(|p| p.path.as_str())
        .collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in html_paths
        .iter()
        .filter(|p| p.ends_with('/') && !unlisted.contains(p.as_str()))
    {
        let _ = write!(out, "<url><loc>{}</loc>", escape_html(&abs(config, path)));
        if let Some(date) = dates
            .get(path.as_str())
            .or(newest.as_ref().filter(|_| path == "/"))
        {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        abs(config, "/sitemap.xml")
    )
}
