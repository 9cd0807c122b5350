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
/// the linking document's folder under `content/`; `bundle`, whether it is a page
/// bundle's `index` file.
pub fn placeholder(dest: &str, dir: &str, bundle: bool) -> Option<String> {
    let split = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(split);
    let target = if let Some(zola) = path.strip_prefix("@/") {
        zola.to_string()
    } else if let Some(hugo) = path.strip_prefix("@ref/") {
        HugoRef::placeholder(dir, &super::decode(hugo), bundle)
    } else if ["@post/", "@link/", "@wiki/"]
        .iter()
        .any(|p| path.starts_with(p))
    {
        path.to_string()
    } else if !path.starts_with('/')
        && crate::content::markdown_stem(path).is_some()
        && !super::has_scheme(path)
    {
        super::beside_path(dir, &super::decode(path))?
    } else {
        return None;
    };
    // Encoded, so a name with a space or a quote stays one attribute value, and one URL
    // however the HTML writer escapes it; `fill` decodes it again.
    let target = percent_encoding::utf8_percent_encode(&target, IN_PLACEHOLDER);
    Some(format!("{PLACEHOLDER}{target}{suffix}"))
}

/// What a placeholder's path encodes: what would end it or be escaped in HTML, and `%`
/// (so decoding gives back the name); non-ASCII bytes always are.
const IN_PLACEHOLDER: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'&')
    .add(b'`')
    .add(b'%')
    .add(b'#')
    .add(b'?');

/// Where published documents live: content path (`blog/harbour.md`) and page name (a
/// Jekyll post's `2024-05-01-harbour`, a bundle's folder) → absolute URL.
/// Generic over what a document maps to, so that the documents a build leaves out can be
/// looked up the same way (to say why a link to one leads nowhere).
pub struct DocumentUrls<V = String> {
    by_path: HashMap<String, V>,
    /// None for a name two documents share: a link by that name alone is not guessed.
    by_name: HashMap<String, Option<V>>,
    /// The same, by the name in lower case: Obsidian finds `[[soil notes]]` in any case.
    by_lower_name: HashMap<String, Option<V>>,
}

impl<V> Default for DocumentUrls<V> {
    fn default() -> Self {
        DocumentUrls {
            by_path: HashMap::new(),
            by_name: HashMap::new(),
            by_lower_name: HashMap::new(),
        }
    }
}

/// The name a document goes by: its file's stem (`2024-05-01-harbour`), or for a page
/// bundle (`posts/ferry/index.md`) its folder's name; any path before it is dropped.
fn page_name(path: &str) -> &str {
    if let Some(name) = crate::content::bundle_name(path.trim_end_matches('/')) {
        return name;
    }
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let file = segments.next().unwrap_or(path);
    match crate::content::markdown_stem(file) {
        Some("index" | "_index") => segments.next().unwrap_or(file),
        Some(stem) => stem,
        None => file,
    }
}

/// A name in Unicode's composed form (NFC): macOS saves `café.md` decomposed, and a link
/// typed elsewhere is composed; both are one name.
fn composed(name: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(name.nfc().collect())
    }
}

impl<V: Clone + PartialEq> DocumentUrls<V> {
    pub fn add(&mut self, rel: &str, url: V) {
        let rel = &composed(rel);
        let name = page_name(rel);
        for (table, name) in [
            (&mut self.by_name, name.to_string()),
            (&mut self.by_lower_name, name.to_lowercase()),
        ] {
            let named = table.entry(name).or_insert_with(|| Some(url.clone()));
            if named.as_ref() != Some(&url) {
                *named = None;
            }
        }
        self.by_path.insert(rel.to_string(), url);
    }

    fn named(&self, path: &str) -> Option<&V> {
        self.by_name.get(page_name(path))?.as_ref()
    }

    /// What a target that [`DocumentUrls::fill`] reports missing names here, if anything.
    pub fn target(&self, target: &str) -> Option<&V> {
        let path = &target[..target.find(['?', '#']).unwrap_or(target.len())];
        self.url_of(&composed(path))
    }

    /// The value of the document a placeholder's (decoded) path names.
    fn url_of(&self, path: &str) -> Option<&V> {
        let url = if let Some(name) = path.strip_prefix("@wiki/") {
            // Obsidian links a note by its name, wherever it is in the vault, in any case.
            let lower = || {
                self.by_lower_name
                    .get(&page_name(name).to_lowercase())?
                    .as_ref()
            };
            self.named(name).or_else(lower)?
        } else if let Some(name) = path.strip_prefix("@post/") {
            // Jekyll names a post in a subfolder of `_posts/` by its folder too
            // (`2014/2014-03-05-name`); its file name is enough here.
            self.named(name)?
        } else if let Some(file) = path.strip_prefix("@link/") {
            // Jekyll's path is from the site's root, which is `content/` when the whole
            // Jekyll site sits there; when only its posts were moved, the name finds them.
            (self.by_path.get(file)).or_else(|| self.named(file))?
        } else if let Some(hugo) = HugoRef::parse(path) {
            let by_file = hugo.files().find_map(|file| self.by_path.get(&file));
            by_file.or_else(|| hugo.bare_name().and_then(|name| self.named(name)))?
        } else {
            self.by_path.get(path)?
        };
        Some(url)
    }
}

impl DocumentUrls {
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
            let split = target.find(['?', '#']).unwrap_or(target.len());
            let (path, suffix) = target.split_at(split);
            let path = super::decode(path);
            match self.url_of(&composed(&path)) {
                Some(url) => {
                    out.push_str(url);
                    out.push_str(suffix);
                }
                None => {
                    out.push('#');
                    missing.push(format!("{path}{suffix}"));
                }
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        (out, missing)
    }
}

/// A link's destination as the curator wrote it: the Jekyll and Hugo tags and Obsidian's
/// links that `markdown::liquid` turned into `@post/…`, `@link/…`, `@ref/…` and `@wiki/…`
/// shown as written again.
pub fn as_written(dest: &str) -> std::borrow::Cow<'_, str> {
    let split = dest.find('#').unwrap_or(dest.len());
    let (path, fragment) = dest.split_at(split);
    let tag = if let Some(name) = path.strip_prefix("@wiki/") {
        return std::borrow::Cow::Owned(format!("[[{name}{fragment}]]"));
    } else if let Some(name) = path.strip_prefix("@post/") {
        format!("{{% post_url {name} %}}")
    } else if let Some(file) = path.strip_prefix("@link/") {
        format!("{{% link {file} %}}")
    } else if let Some(target) = path.strip_prefix("@ref/") {
        format!("{{{{< ref \"{target}\" >}}}}")
    } else {
        return std::borrow::Cow::Borrowed(dest);
    };
    std::borrow::Cow::Owned(format!("{tag}{fragment}"))
}

/// The target of a link as it is shown to the curator: the path as written.
pub fn shown_target(target: &str) -> &str {
    if let Some(name) = target
        .strip_prefix("@post/")
        .or_else(|| target.strip_prefix("@link/"))
        .or_else(|| target.strip_prefix("@wiki/"))
    {
        return name;
    }
    HugoRef::parse(target).map_or(target, |hugo| hugo.path)
}

/// Hugo's `ref`/`relref`, resolved as Hugo documents it: the path is from the content
/// folder when it starts with `/`, else first beside the linking page, then, from a page
/// bundle, beside its folder (its section: `ref "b"` from `posts/a/index.md` is
/// `posts/b`), then from the content folder, and last, for a bare name, the one page of
/// that name (a name two pages share is not guessed); with or
/// without its `.md`, and a folder stands for its page bundle (`x/index.md`) or section
/// page (`x/_index.md`). The placeholder keeps the linking
/// page's folder: `@ref/<folder>/@/<path>` (`/@/` is in no content path gazette reads).
struct HugoRef<'a> {
    dir: &'a str,
    path: &'a str,
    /// The linking page is a page bundle's `index`: Hugo looks in its section too.
    bundle: bool,
}

impl<'a> HugoRef<'a> {
    /// `@ref/<folder>/@/<path>`, or `/@@/` from a page bundle.
    fn placeholder(dir: &str, path: &str, bundle: bool) -> String {
        let mark = if bundle { "@@" } else { "@" };
        format!("@ref/{}/{mark}/{path}", dir.trim_end_matches('/'))
    }

    fn parse(target: &'a str) -> Option<Self> {
        let rest = target.strip_prefix("@ref/")?;
        let (dir, path, bundle) = match rest.split_once("/@@/") {
            Some((dir, path)) => (dir, path, true),
            None => rest.split_once("/@/").map(|(d, p)| (d, p, false))?,
        };
        Some(HugoRef { dir, path, bundle })
    }

    /// The path of a bare `ref "harbour"` (or `"harbour.md"`), which may name a page
    /// anywhere.
    fn bare_name(&self) -> Option<&str> {
        let path = self.path.trim_end_matches('/');
        (!path.contains('/') && !path.is_empty()).then_some(path)
    }

    /// The content paths the link may mean, most likely first.
    fn files(&self) -> impl Iterator<Item = String> + '_ {
        let path = self.path.trim_end_matches('/');
        let section = self.dir.rsplit_once('/').map_or("", |(up, _)| up);
        let dirs = if self.bundle {
            vec![self.dir, section]
        } else {
            vec![self.dir]
        };
        let bases = match path.strip_prefix('/') {
            Some(from_root) => vec![from_root.to_string()],
            None => (dirs.iter())
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
    fn a_name_is_one_name_composed_or_decomposed() {
        let mut urls = DocumentUrls::default();
        // `café.md` as macOS saves it: `e` and a combining accent.
        urls.add("cafe\u{301}.md", "/cafe/".into());
        let (html, missing) = urls.fill("gazette-doc:caf%C3%A9.md");
        assert_eq!((html.as_str(), missing.len()), ("/cafe/", 0));
    }

    #[test]
    fn links_to_documents_become_their_urls() {
        assert_eq!(
            placeholder("../2024/harbour.md#map", "blog/", false).as_deref(),
            Some("gazette-doc:2024/harbour.md#map")
        );
        assert_eq!(
            placeholder("@/blog/harbour.md", "x/", false).as_deref(),
            Some("gazette-doc:blog/harbour.md")
        );
        assert_eq!(
            placeholder("@post/2024-05-01-harbour", "", false).as_deref(),
            Some("gazette-doc:@post/2024-05-01-harbour")
        );
        for other in [
            "https://example.org/a.md",
            "/a.md",
            "chart.svg",
            "#top",
            "mailto:a@b",
        ] {
            assert_eq!(placeholder(other, "blog/", false), None, "{other}");
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
    fn tags_are_shown_as_written() {
        assert_eq!(
            as_written("@link/_posts/a.md#s"),
            "{% link _posts/a.md %}#s"
        );
        assert_eq!(
            as_written("@post/2024-05-01-a"),
            "{% post_url 2024-05-01-a %}"
        );
        assert_eq!(as_written("@ref/b"), "{{< ref \"b\" >}}");
        assert_eq!(as_written("../x/#y"), "../x/#y");
    }

    #[test]
    fn a_name_two_pages_share_is_not_guessed() {
        let mut urls = DocumentUrls::default();
        urls.add("posts/about.md", "/posts/about/".into());
        urls.add("news/about/index.md", "/news/about/".into());
        urls.add("posts/seals.md", "/posts/seals/".into());
        let link = placeholder("@ref/about", "blog", false).unwrap();
        assert_eq!(urls.fill(&link).0, "#");
        let link = placeholder("@ref/seals", "blog", false).unwrap();
        assert_eq!(urls.fill(&link).0, "/posts/seals/");
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
            // From a bundle, its section's pages; a bare name, the one page of that name.
            ("ferry", "posts/ferry", "/posts/ferry/"),
            ("harbour", "posts/ferry", "/posts/harbour/"),
            ("harbour.md", "blog/2024/x", "/posts/harbour/"),
            ("ferry", "elsewhere", "/posts/ferry/"),
            // Not from a page that is no bundle: `news/about.md` is beside, not `about.md`.
            ("about", "news/sub", "/about/"),
        ] {
            let bundle = dir == "posts/ferry";
            let placeholder = placeholder(&format!("@ref/{link}"), dir, bundle).unwrap();
            let (html, missing) = urls.fill(&format!("<a href=\"{placeholder}\">x</a>"));
            assert_eq!(
                html,
                format!("<a href=\"{url}\">x</a>"),
                "{link} from {dir}"
            );
            assert!(missing.is_empty());
        }
        let gone = placeholder("@ref/posts/gone", "news/", false).unwrap();
        let (html, missing) = urls.fill(&gone);
        assert_eq!(html, "#");
        assert_eq!(
            missing.iter().map(|m| shown_target(m)).collect::<Vec<_>>(),
            ["posts/gone"]
        );
    }
}
