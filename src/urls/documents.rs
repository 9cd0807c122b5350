//! Links from one document to another by its file, as other generators write them: a
//! relative `../2024-05-01-harbour.md`, Zola's `@/blog/harbour.md`, Jekyll's
//! `{% post_url 2024-05-01-harbour %}` (which `markdown::liquid` writes as `@post/…`).
//! While documents are parsed, no other document's URL is known, so such a link is written
//! as a placeholder (`gazette-doc:<content path>`); once the digest has every URL, each
//! placeholder becomes the document's absolute URL, or a warning when no published
//! document is that file.

use std::collections::HashMap;

/// What a placeholder starts with; no real URL does.
pub const PLACEHOLDER: &str = "gazette-doc:";

/// The placeholder for a link to another document, or None for any other link. `dir` is
/// the linking document's folder under `content/`.
pub fn placeholder(dest: &str, dir: &str) -> Option<String> {
    let split = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(split);
    let target = if let Some(zola) = path.strip_prefix("@/") {
        zola.to_string()
    } else if path.starts_with("@post/") {
        path.to_string()
    } else if !path.starts_with('/')
        && crate::content::markdown_stem(path).is_some()
        && !super::has_scheme(path)
    {
        super::beside_path(dir, &super::decode(path))?
    } else {
        return None;
    };
    Some(format!("{PLACEHOLDER}{target}{suffix}"))
}

/// Where published documents live: content path (`blog/harbour.md`) and Jekyll post name
/// (`2024-05-01-harbour`) → absolute URL.
#[derive(Default)]
pub struct DocumentUrls {
    by_path: HashMap<String, String>,
    by_name: HashMap<String, String>,
}

impl DocumentUrls {
    pub fn add(&mut self, rel: &str, url: String) {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if let Some(stem) = crate::content::markdown_stem(name) {
            self.by_name
                .entry(stem.to_string())
                .or_insert_with(|| url.clone());
        }
        self.by_path.insert(rel.to_string(), url);
    }

    /// `text` with every placeholder replaced by its document's URL (`#` when none is
    /// published), and the targets that were not found.
    pub fn fill(&self, text: &str) -> (String, Vec<String>) {
        let mut out = String::with_capacity(text.len());
        let mut missing = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(PLACEHOLDER) {
            out.push_str(&rest[..at]);
            let after = &rest[at + PLACEHOLDER.len()..];
            let end = after
                .find(|c: char| c == '"' || c == '\'' || c == '<' || c.is_whitespace())
                .unwrap_or(after.len());
            let target = &after[..end];
            match self.url_of(target) {
                Some(url) => out.push_str(&url),
                None => {
                    out.push('#');
                    missing.push(target.to_string());
                }
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        (out, missing)
    }

    fn url_of(&self, target: &str) -> Option<String> {
        let split = target.find(['?', '#']).unwrap_or(target.len());
        let (path, suffix) = target.split_at(split);
        let url = match path.strip_prefix("@post/") {
            Some(name) => self.by_name.get(name)?,
            None => self.by_path.get(path)?,
        };
        Some(format!("{url}{suffix}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_documents_become_their_urls() {
        assert_eq!(
            placeholder("../2024/harbour.md#map", "blog/").as_deref(),
            Some("gazette-doc:2024/harbour.md#map")
        );
        assert_eq!(
            placeholder("@/blog/harbour.md", "x/").as_deref(),
            Some("gazette-doc:blog/harbour.md")
        );
        assert_eq!(
            placeholder("@post/2024-05-01-harbour", "").as_deref(),
            Some("gazette-doc:@post/2024-05-01-harbour")
        );
        for other in [
            "https://example.org/a.md",
            "/a.md",
            "chart.svg",
            "#top",
            "mailto:a@b",
        ] {
            assert_eq!(placeholder(other, "blog/"), None, "{other}");
        }
        let mut urls = DocumentUrls::default();
        urls.add(
            "2024/2024-05-01-harbour.md",
            "https://s.example/2024/05/01/harbour/".into(),
        );
        let (html, missing) = urls.fill("<a href=\"gazette-doc:2024/2024-05-01-harbour.md#map\">a</a> <a href=\"gazette-doc:@post/2024-05-01-harbour\">b</a> <a href=\"gazette-doc:gone.md\">c</a>");
        assert_eq!(html, "<a href=\"https://s.example/2024/05/01/harbour/#map\">a</a> <a href=\"https://s.example/2024/05/01/harbour/\">b</a> <a href=\"#\">c</a>");
        assert_eq!(missing, ["gone.md"]);
    }
}
