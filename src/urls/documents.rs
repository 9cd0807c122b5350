//! Links from one document to another by its file, as other generators write them: a
//! relative `../2024-05-01-harbour.md`, Zola's `@/blog/harbour.md`, Jekyll's
//! `{% post_url 2024-05-01-harbour %}` and `{% link _posts/2024-05-01-harbour.md %}`
//! (which `markdown::liquid` writes as `@post/…` and `@link/…`),
//! Hugo's `{{< ref "blog/harbour" >}}` (written as `@ref/…`; see [`HugoRef`]).
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
    } else if let Some(hugo) = path.strip_prefix("@ref/") {
        HugoRef::placeholder(dir, &super::decode(hugo))
    } else if path.starts_with("@post/") || path.starts_with("@link/") {
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
        let mut segments = rel.rsplit('/');
        let name = segments.next().unwrap_or(rel);
        // A page bundle (`posts/ferry/index.md`) goes by its folder's name.
        let stem = match crate::content::markdown_stem(name) {
            Some("index" | "_index") => segments.next(),
            stem => stem,
        };
        if let Some(stem) = stem {
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
        let url = if let Some(name) = path.strip_prefix("@post/") {
            // Jekyll names a post in a subfolder of `_posts/` by its folder too
            // (`2014/2014-03-05-name`); its file name is enough here.
            self.by_name.get(name.rsplit('/').next().unwrap_or(name))?
        } else if let Some(file) = path.strip_prefix("@link/") {
            // Jekyll's path is from the site's root, which is `content/` when the whole
            // Jekyll site sits there; when only its posts were moved, the name finds them.
            let name = file.rsplit('/').next().unwrap_or(file);
            let stem = crate::content::markdown_stem(name).unwrap_or(name);
            (self.by_path.get(file)).or_else(|| self.by_name.get(stem))?
        } else if let Some(hugo) = HugoRef::parse(path) {
            let by_file = hugo.files().find_map(|file| self.by_path.get(&file));
            by_file.or_else(|| self.by_name.get(hugo.name()?))?
        } else {
            self.by_path.get(path)?
        };
        Some(format!("{url}{suffix}"))
    }
}

/// The target of a link as it is shown to the curator: the path as written.
pub fn shown_target(target: &str) -> &str {
    if let Some(name) = target
        .strip_prefix("@post/")
        .or_else(|| target.strip_prefix("@link/"))
    {
        return name;
    }
    HugoRef::parse(target).map_or(target, |hugo| hugo.path)
}

/// Hugo's `ref`/`relref`, resolved as Hugo documents it: the path is from the content
/// folder when it starts with `/`, else first beside the linking page, then beside its
/// folder (a page bundle's section: `ref "b"` from `posts/a/index.md` is `posts/b`), then
/// from the content folder, and last, for a bare name, any page of that name; with or
/// without its `.md`, and a folder stands for its page bundle (`x/index.md`) or section
/// page (`x/_index.md`). The placeholder keeps the linking
/// page's folder: `@ref/<folder>/@/<path>` (`/@/` is in no content path gazette reads).
struct HugoRef<'a> {
    dir: &'a str,
    path: &'a str,
}

impl<'a> HugoRef<'a> {
    fn placeholder(dir: &str, path: &str) -> String {
        format!("@ref/{}/@/{path}", dir.trim_end_matches('/'))
    }

    fn parse(target: &'a str) -> Option<Self> {
        let (dir, path) = target.strip_prefix("@ref/")?.split_once("/@/")?;
        Some(HugoRef { dir, path })
    }

    /// The page name a bare `ref "harbour"` (or `"harbour.md"`) may mean.
    fn name(&self) -> Option<&str> {
        let path = self.path.trim_end_matches('/');
        if path.contains('/') || path.is_empty() {
            return None;
        }
        Some(crate::content::markdown_stem(path).unwrap_or(path))
    }

    /// The content paths the link may mean, most likely first.
    fn files(&self) -> impl Iterator<Item = String> + '_ {
        let path = self.path.trim_end_matches('/');
        let section = self.dir.rsplit_once('/').map_or("", |(up, _)| up);
        let bases = match path.strip_prefix('/') {
            Some(from_root) => vec![from_root.to_string()],
            None => [self.dir, section]
                .iter()
                .filter_map(|dir| super::beside_path(dir, path))
                .chain(std::iter::once(path.to_string()))
                .collect(),
        };
        bases.into_iter().flat_map(|base| {
            if crate::content::markdown_stem(&base).is_some() {
                return vec![base];
            }
            ["md", "markdown"]
                .iter()
                .map(|ext| format!("{base}.{ext}"))
                .chain(["index.md", "_index.md"].map(|page| format!("{base}/{page}")))
                .collect()
        })
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
        // Jekyll's form for a post in a subfolder of `_posts/`, with or without a leading `/`.
        for name in ["2024/2024-05-01-harbour", "/2024/2024-05-01-harbour"] {
            let (html, missing) = urls.fill(&format!("gazette-doc:@post/{name}\""));
            assert_eq!(html, "https://s.example/2024/05/01/harbour/\"", "{name}");
            assert!(missing.is_empty());
        }
        // Jekyll's `link`: the path from the site's root, else the post's name.
        urls.add("_posts/2023-01-02-ferry.md", "/2023/ferry/".into());
        let (html, missing) = urls.fill("gazette-doc:@link/_posts/2023-01-02-ferry.md#a gazette-doc:@link/_posts/2024-05-01-harbour.md gazette-doc:@link/_posts/gone.md");
        assert_eq!(
            html,
            "/2023/ferry/#a https://s.example/2024/05/01/harbour/ #"
        );
        assert_eq!(missing, ["@link/_posts/gone.md"]);
        assert_eq!(shown_target(&missing[0]), "_posts/gone.md");
    }

    #[test]
    fn hugo_refs_resolve_as_hugo_does() {
        let mut urls = DocumentUrls::default();
        for (rel, url) in [
            ("posts/harbour.md", "/posts/harbour/"),
            ("posts/ferry/index.md", "/posts/ferry/"),
            ("about.md", "/about/"),
            ("news/_index.md", "/news/"),
            ("news/about.md", "/news/about/"),
        ] {
            urls.add(rel, url.into());
        }
        // (link, linking page's folder) -> the URL it leads to.
        for (link, dir, url) in [
            ("posts/harbour", "", "/posts/harbour/"),
            ("/posts/harbour.md", "news/", "/posts/harbour/"),
            ("harbour", "posts/", "/posts/harbour/"),
            ("posts/ferry", "", "/posts/ferry/"),
            ("posts/ferry/", "", "/posts/ferry/"),
            ("/news", "posts/", "/news/"),
            // Beside the linking page first, then from the content folder.
            ("about", "news/", "/news/about/"),
            ("about", "posts/", "/about/"),
            ("/about", "news/", "/about/"),
            ("posts/harbour#map", "", "/posts/harbour/#map"),
            // From a bundle, its section's pages; a bare name, any page of that name.
            ("ferry", "posts/ferry", "/posts/ferry/"),
            ("harbour", "posts/ferry", "/posts/harbour/"),
            ("harbour.md", "blog/2024/x", "/posts/harbour/"),
            ("ferry", "elsewhere", "/posts/ferry/"),
        ] {
            let placeholder = placeholder(&format!("@ref/{link}"), dir).unwrap();
            let (html, missing) = urls.fill(&format!("<a href=\"{placeholder}\">x</a>"));
            assert_eq!(
                html,
                format!("<a href=\"{url}\">x</a>"),
                "{link} from {dir}"
            );
            assert!(missing.is_empty());
        }
        let gone = placeholder("@ref/posts/gone", "news/").unwrap();
        let (html, missing) = urls.fill(&gone);
        assert_eq!(html, "#");
        assert_eq!(
            missing.iter().map(|m| shown_target(m)).collect::<Vec<_>>(),
            ["posts/gone"]
        );
    }
}
