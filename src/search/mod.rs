//! `[search]`: a static search index of every story and page the build publishes, made
//! from the digest (no output file is read back) and written with the rest of the site.
//! Files: `search/index/…` (the index, see docs/search.md), `search/search.js` (the
//! browser client) and `search/search.css`; the page itself, `/search/`, is the theme's
//! `search.html`.

pub mod index;
pub mod words;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Document;
use crate::digest::Digest;
use crate::render::context::{abs, plain_text};
use index::{Day, Facet, Facets, Record};

/// The search page's URL path.
pub const PAGE: &str = "/search/";

const CLIENT_JS: &str = include_str!("search.js");
const CLIENT_CSS: &str = include_str!("search.css");

/// The messages search.js shows, in the site's language, as the JSON the search page hands
/// it (`data-messages`): `{"none": …, "failed": …, "matches": {"one": …, "other": …},
/// "some": {…}, "listed": {…}}` (`some`: no story has every word, these have some;
/// `listed`: no words, the stories the chosen filters name), the placeholders (`{query}`, `{count}`, `{error}`) left for the client to fill.
pub fn client_messages(strings: &crate::i18n::Strings) -> String {
    let one = |id: &str| {
        strings
            .forms(id)
            .first()
            .map_or_else(String::new, |(_, text)| text.to_string())
    };
    let plural = |id: &str| -> serde_json::Map<String, serde_json::Value> {
        strings
            .forms(id)
            .into_iter()
            .map(|(category, text)| (category.to_string(), text.into()))
            .collect()
    };
    serde_json::json!({
        "none": one("search_none"),
        "failed": one("search_failed"),
        "matches": plural("search_matches"),
        "some": plural("search_some"),
        "listed": plural("story_count"),
    })
    .to_string()
}

/// The records of a digest: its stories (newest first), then its listed pages. URLs are
/// absolute, as in feeds (serve puts its own address in `base_url`).
pub fn records(digest: &Digest, config: &SiteConfig) -> Vec<Record> {
    let mut records: Vec<Record> = digest
        .stories
        .par_iter()
        .map(|s| Record {
            url: abs(config, &s.path),
            title: s.doc.front_matter.title.clone(),
            summary: excerpt(&s.doc),
            date: Some(Day {
                iso: s.date.date().to_string(),
                shown: config.strings.date(s.date.date()),
            }),
            tags: s.tags.clone(),
            source: s.source,
            edition: s.edition,
        })
        .collect();
    records.extend(listed_pages(digest).map(|p| Record {
        url: abs(config, &p.path),
        title: p.doc.front_matter.title.clone(),
        summary: excerpt(&p.doc),
        ..Record::default()
    }));
    records
}

/// The pages the index holds: not one its file keeps out of lists (`unlisted`).
fn listed_pages(digest: &Digest) -> impl Iterator<Item = &crate::digest::Page> {
    digest.pages.iter().filter(|p| !p.doc.front_matter.unlisted)
}

/// The summary as text, or the body's first 300 characters when it is empty.
fn excerpt(doc: &Document) -> String {
    let summary = plain_text(&doc.summary_html);
    if !summary.is_empty() {
        return summary;
    }
    let body = plain_text(&doc.body.html);
    body.chars().take(300).collect()
}

/// Record `i`'s body text, made when the index asks for it.
fn body_of(digest: &Digest, i: usize) -> String {
    let doc = match digest.stories.get(i) {
        Some(s) => &s.doc,
        None => {
            let page = listed_pages(digest).nth(i - digest.stories.len());
            &page.expect("a record's page is listed").doc
        }
    };
    plain_text(&doc.body.html)
}

fn facets(digest: &Digest) -> Facets {
    Facets {
        tags: digest
            .tags
            .iter()
            .map(|t| Facet {
                key: t.slug.clone(),
                name: t.name.clone(),
            })
            .collect(),
        sources: digest
            .sources
            .iter()
            .map(|s| Facet {
                key: s.slug.clone(),
                name: s.name.clone(),
            })
            .collect(),
        editions: digest
            .editions
            .iter()
            .map(|e| Facet {
                key: e.id.clone(),
                name: e.title.clone(),
            })
            .collect(),
    }
}

/// Makes the search files of the site (none when search is off), handing each to `emit`
/// as (output path, bytes) as soon as it is made: a build writes them at once, so a big
/// site's index is never held whole. Called from several threads.
pub fn write(digest: &Digest, config: &SiteConfig, emit: index::Emit) {
    if !config.search.enabled {
        return;
    }
    let records = records(digest, config);
    let facets = facets(digest);
    let tag_names: Vec<String> = digest.tags.iter().map(|t| t.name.clone()).collect();
    let manifest = index::build(
        &records,
        &|i| body_of(digest, i),
        &facets,
        &config.language,
        &tag_names,
        &|path, bytes| emit(format!("search/index/{path}"), bytes),
    );
    emit("search/search.js".into(), client_js(&manifest));
    emit("search/search.css".into(), CLIENT_CSS.as_bytes().to_vec());
}

/// The placeholder in search.js that the manifest replaces.
const MANIFEST_SLOT: &str = "/*manifest*/null";

/// search.js with the site's manifest written into it: the page's query is looked up as
/// the script runs, where fetching the manifest waited for the page's first paint (~30 ms
/// in Chromium here, bench/README.md).
fn client_js(manifest: &[u8]) -> Vec<u8> {
    let (before, after) = CLIENT_JS
        .split_once(MANIFEST_SLOT)
        .expect("search.js has a manifest slot");
    [before.as_bytes(), manifest, after.as_bytes()].concat()
}

/// The search files of the site, as (output path, bytes) sorted by path; none when search
/// is off.
pub fn files(digest: &Digest, config: &SiteConfig) -> Vec<(String, Vec<u8>)> {
    let out = std::sync::Mutex::new(Vec::new());
    write(digest, config, &|path, bytes| {
        out.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, bytes))
    });
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_js_carries_the_manifest() {
        let js = String::from_utf8(client_js(br#"{"version":3}"#)).unwrap();
        assert!(js.contains(r#"var manifest = {"version":3};"#), "{js}");
        assert!(!js.contains(MANIFEST_SLOT));
    }
}
