//! JSON-LD: what schema.org metadata says about the article.

use super::super::chrome::{clean_space, split_names};

/// What JSON-LD says about the article.
#[derive(Default, Debug)]
pub(super) struct LdInfo {
    pub(super) headline: Option<String>,
    pub(super) authors: Vec<String>,
    pub(super) date: Option<String>,
    pub(super) url: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) site: Option<String>,
}

/// What the page's JSON-LD scripts say, the first value found of each field winning;
/// scripts that are not valid JSON are passed over.
pub(super) fn read(scripts: &[String]) -> LdInfo {
    let mut ld = LdInfo::default();
    for raw in scripts {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            ld_walk(&v, &mut ld);
        }
    }
    ld
}

fn ld_names(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => split_names(s),
        serde_json::Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        serde_json::Value::Object(o) => o.get("name").map(ld_names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn ld_str(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(clean_space(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => ld_str(o.get("@id").or_else(|| o.get("url"))),
        serde_json::Value::Array(a) => ld_str(a.first()),
        _ => None,
    }
}

fn ld_walk(v: &serde_json::Value, info: &mut LdInfo) {
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| ld_walk(i, info)),
        serde_json::Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                ld_walk(graph, info);
            }
            let types: Vec<String> = match o.get("@type") {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            let is_article = types.iter().any(|t| {
                t.ends_with("Article")
                    || t == "BlogPosting"
                    || t == "Report"
                    || t == "LiveBlogPosting"
            });
            if is_article {
                take_article(o, info);
            }
            if types.iter().any(|t| t == "WebSite") && info.site.is_none() {
                info.site = ld_str(o.get("name"));
            }
        }
        _ => {}
    }
}

/// Fills what is still missing from an article object (`NewsArticle`, `BlogPosting`…).
fn take_article(o: &serde_json::Map<String, serde_json::Value>, info: &mut LdInfo) {
    if info.headline.is_none() {
        info.headline = ld_str(o.get("headline").or_else(|| o.get("name")));
    }
    if info.authors.is_empty() {
        info.authors = o.get("author").map(ld_names).unwrap_or_default();
    }
    if info.date.is_none() {
        info.date = ld_str(o.get("datePublished")).or_else(|| ld_str(o.get("dateCreated")));
    }
    if info.url.is_none() {
        info.url = ld_str(o.get("url")).or_else(|| ld_str(o.get("mainEntityOfPage")));
    }
    if info.publisher.is_none() {
        info.publisher = o
            .get("publisher")
            .and_then(|p| ld_names(p).into_iter().next());
    }
}
