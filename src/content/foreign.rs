//! What other generators leave in a content folder that is not content: Jekyll's and
//! Eleventy's templates, configuration and build output, Hugo's and Zola's section files,
//! package folders. The walk skips each with a warning naming it, so a migrated archive
//! publishes neither source files nor another generator's templates with their front
//! matter showing.

use std::path::{Path, PathBuf};

/// Why a folder is skipped whole when it is a blog platform's export, not a site: its
/// posts are HTML pages (drafts among them) and its lists may name subscribers. Substack's
/// holds `posts.csv` beside `posts/`; Medium's, `posts/` beside `profile/`. Their posts come
/// in through `gazette import`.
pub fn export_folder(path: &Path) -> Option<String> {
    if !path.join("posts").is_dir() {
        return None;
    }
    let platform = if path.join("posts.csv").is_file() {
        "Substack"
    } else if path.join("profile").is_dir() {
        "Medium"
    } else {
        return None;
    };
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    Some(format!(
        "skipped: `{name}/` is a {platform} export (its drafts and lists are not for readers); \
         bring its posts in with `gazette import {name}/posts/*.html`"
    ))
}

/// Why a folder below content/ is skipped whole, if it is one of these. `path` is the
/// folder's, for the names Hugo gives folders beside its configuration.
pub fn skipped_folder(path: &Path, name: &str) -> Option<String> {
    let what = match name {
        "_site" | "_public" | "_output" => "another generator's built site",
        "_layouts" | "_includes" | "_sass" | "_data" | "_plugins" | "_templates" => {
            "another generator's templates, data or plugins (Jekyll, Eleventy)"
        }
        "node_modules" | "vendor" => "installed packages",
        "archetypes" | "layouts" | "themes" | "data" | "resources" | "public" | "assets"
        | "i18n" | "templates" | "sass"
            if path.parent().is_some_and(is_hugo_root) =>
        {
            "Hugo's or Zola's templates, data or built site (their configuration is beside it)"
        }
        "scaffolds" | "themes" | "public" if path.parent().is_some_and(is_hexo_root) => {
            "Hexo's templates or built site (a Hexo configuration is beside it)"
        }
        "theme" | "themes" | "output" | "plugins" if path.parent().is_some_and(is_pelican_root) => {
            "Pelican's theme, plugins or built site (a Pelican configuration is beside it)"
        }
        "themes" | "output" | "cache" | "plugins" | "__pycache__"
            if path.parent().is_some_and(is_nikola_root) =>
        {
            "Nikola's themes, plugins, cache or built site (a Nikola `conf.py` is beside it)"
        }
        "build" if path.parent().is_some_and(is_middleman_root) => {
            "Middleman's built site (a Middleman `config.rb` is beside it)"
        }
        "logseq" if path.join("config.edn").is_file() => {
            "Logseq's settings, backups and custom styles"
        }
        "overrides" | "site" if path.parent().is_some_and(is_mkdocs_root) => {
            "MkDocs's theme overrides or built site (an `mkdocs.yml` is beside it)"
        }
        "_freeze" => "Quarto's stored results of running the posts' code",
        // A site is built in one language and one version of its docs.
        "versioned_docs" | "versioned_sidebars" | "i18n"
            if js_site(path.parent().unwrap_or(path)) == Some(JsSite::Docusaurus) =>
        {
            "Docusaurus's older versions of its docs or its translations (gazette builds \
             the current docs in the site's one language)"
        }
        "build" | "out" | "dist" | "public" if path.parent().is_some_and(builds_into(name)) => {
            "a JavaScript site's build (its configuration is beside it)"
        }
        _ => return None,
    };
    Some(format!("skipped: `{name}/` holds {what}, not content"))
}

/// Where a file another generator publishes at its site's root is published: at the
/// site's root, where its posts link to it. That is a Hugo, Docusaurus or Gatsby site's
/// `static/` folder (`static/img/a.png` is `/img/a.png`), an Astro or Next.js site's
/// `public/`, a Nikola site's `files/`, and a Hexo site's
/// `source/` (but for the folders Hexo keeps for itself, `_posts/` and its post asset
/// folders among them, whose files stay with their posts). `rel` is the file's path below
/// `base`; `None` for any other file.
pub fn root_output<'a>(base: &Path, rel: &'a str) -> Option<&'a str> {
    // Docusaurus and Gatsby publish `static/` at the root too, Astro, Next and VitePress
    // their `public/` (VuePress's, hidden in `.vuepress/`, is walked on its own: walk.rs).
    let static_folder = below_folder(rel, "static/")
        .find(|(dir, _)| {
            let dir = base.join(dir);
            is_hugo_root(&dir) || matches!(js_site(&dir), Some(JsSite::Docusaurus | JsSite::Gatsby))
        })
        .or_else(|| {
            // VitePress's `public/` is beside its `.vitepress/`.
            below_folder(rel, "public/").find(|(dir, _)| {
                let dir = base.join(dir);
                matches!(js_site(&dir), Some(JsSite::Astro | JsSite::Next))
                    || dir.join(".vitepress").is_dir()
            })
        });
    let nikola = || below_folder(rel, "files/").find(|(dir, _)| is_nikola_root(&base.join(dir)));
    let hexo = || hexo_source(base, rel);
    static_folder
        .or_else(nikola)
        .or_else(hexo)
        .map(|(_, rest)| rest)
}

/// A page of a Hexo site: a Markdown file in its `source/` folder, outside the folders Hexo
/// keeps for itself (`_posts/`, `_drafts/`). Hexo dates its pages too; they are no posts.
pub fn is_hexo_page(content: &Path, rel: &str) -> bool {
    hexo_source(content, rel).is_some()
}

/// Where `rel` lies in a Hexo site's `source/`, outside its `_` folders: (the site's folder,
/// the path below `source/`).
fn hexo_source<'a>(base: &Path, rel: &'a str) -> Option<(&'a str, &'a str)> {
    below_folder(rel, "source/")
        .filter(|(_, rest)| !rest.starts_with('_'))
        .find(|(dir, _)| is_hexo_root(&base.join(dir)))
}

/// Each way `rel` passes through a folder named `folder` (`static/`): what is before that
/// folder and what is below it.
fn below_folder<'a>(rel: &'a str, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
    rel.match_indices(folder)
        .filter(|(i, _)| *i == 0 || rel.as_bytes()[i - 1] == b'/')
        .map(|(i, found)| (&rel[..i], &rel[i + found.len()..]))
}

/// The content folder Pelican reads for `path`, below gazette's `content/`, `/`-separated
/// and ending in `/` (empty for `content/` itself), when a Pelican configuration is in a
/// folder above it within the site: its `content/` beside it, or the folder itself when
/// the configuration is in `content/`.
pub fn pelican_content(path: &Path, content: &Path) -> Option<String> {
    let site_root = content.parent().unwrap_or(Path::new(""));
    let config_dir = folders_above(path, site_root).find(|dir| is_pelican_root(dir))?;
    let pelican = match config_dir.join("content") {
        inner if inner.is_dir() && path.starts_with(&inner) => inner,
        _ => config_dir.to_path_buf(),
    };
    folder_in(content, &pelican)
}

/// `dir` as a folder below `content`, `/`-separated and ending in `/` (empty for `content`
/// itself); None when it is not below it.
pub fn folder_in(content: &Path, dir: &Path) -> Option<String> {
    let below = dir.strip_prefix(content).ok()?;
    let below = below.to_string_lossy().replace('\\', "/");
    Some(match below.is_empty() {
        true => String::new(),
        false => format!("{below}/"),
    })
}

/// A Pelican site's own folder: its `pelicanconf.py` is in it.
fn is_pelican_root(dir: &Path) -> bool {
    dir.join("pelicanconf.py").is_file()
}

/// A Nikola site's own folder: its `conf.py` (one that sets Nikola's `BLOG_TITLE`, not any
/// Python sample) beside its `posts/` or `pages/`.
fn is_nikola_root(dir: &Path) -> bool {
    (dir.join("posts").is_dir() || dir.join("pages").is_dir())
        && std::fs::read_to_string(dir.join("conf.py"))
            .is_ok_and(|conf| conf.lines().any(|l| l.starts_with("BLOG_TITLE")))
}

/// A site made with a JavaScript framework, known by its configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsSite {
    Astro,
    Docusaurus,
    Gatsby,
    Next,
}

/// The JavaScript framework whose configuration is in `dir` beside its `package.json`, if
/// any (a configuration alone may be a story's sample).
fn js_site(dir: &Path) -> Option<JsSite> {
    const CONFIGS: [(&str, JsSite); 4] = [
        ("astro.config", JsSite::Astro),
        ("docusaurus.config", JsSite::Docusaurus),
        ("gatsby-config", JsSite::Gatsby),
        ("next.config", JsSite::Next),
    ];
    let found = |stem: &str| {
        ["js", "mjs", "cjs", "ts", "mts"]
            .iter()
            .any(|ext| dir.join(format!("{stem}.{ext}")).is_file())
    };
    // One stat for most folders, which have no `package.json`.
    if !dir.join("package.json").is_file() {
        return None;
    }
    CONFIGS
        .iter()
        .find(|(stem, _)| found(stem))
        .map(|(_, site)| *site)
}

/// Whether a JavaScript site builds into a folder named `name` (Docusaurus `build/`, Next's
/// `out/`, Astro `dist/`, Gatsby `public/`; Astro's and Next's `public/` are their own files
/// to publish).
fn builds_into(name: &str) -> impl Fn(&Path) -> bool + '_ {
    move |dir| {
        matches!(
            (js_site(dir), name),
            (Some(JsSite::Docusaurus), "build")
                | (Some(JsSite::Next), "out")
                | (Some(JsSite::Astro), "dist")
                | (Some(JsSite::Gatsby), "public")
        )
    }
}

/// An MkDocs site's own folder: its `mkdocs.yml` is in it.
fn is_mkdocs_root(dir: &Path) -> bool {
    dir.join("mkdocs.yml").is_file() || dir.join("mkdocs.yaml").is_file()
}

/// A Quarto project's own folder: its `_quarto.yml` is in it.
fn is_quarto_root(dir: &Path) -> bool {
    dir.join("_quarto.yml").is_file() || dir.join("_quarto.yaml").is_file()
}

/// The generator whose site `dir` is, for the files it keeps beside its configuration to
/// build and deploy the site: its configuration beside the folder of its posts (a
/// configuration alone may be a story's sample, offered with its neighbours).
/// True when `path` is in another generator's Jekyll or Hugo site: a `_config.yml` or a
/// Hugo configuration in a folder above it.
pub fn in_jekyll_or_hugo_site(path: &Path, site_root: &Path) -> bool {
    folders_above(path, site_root).any(|dir| dir.join("_config.yml").is_file() || is_hugo_root(dir))
}

/// The generator whose site `path` is in, when it publishes a file without a date as a
/// page (Jekyll, Hugo): the first folder above with its configuration.
pub fn pages_site(path: &Path, site_root: &Path) -> Option<&'static str> {
    folders_above(path, site_root)
        .find_map(generator_of)
        .filter(|generator| matches!(*generator, "Jekyll" | "Hugo"))
}

fn generator_of(dir: &Path) -> Option<&'static str> {
    let holds = |folder: &str| dir.join(folder).is_dir();
    Some(if is_pelican_root(dir) {
        "Pelican"
    } else if is_nikola_root(dir) {
        "Nikola"
    } else if is_mkdocs_root(dir) && holds("docs") {
        "MkDocs"
    } else if is_quarto_root(dir) && (holds("posts") || dir.join("index.qmd").is_file()) {
        "Quarto"
    } else if is_hugo_root(dir) && holds("content") {
        "Hugo"
    } else if js_site(dir).is_some() {
        "the JavaScript site"
    } else if dir.join("_config.yml").is_file() && holds("_posts") {
        "Jekyll"
    } else {
        return None;
    })
}

/// A Middleman site's own folder: its `config.rb` beside its `source/`.
fn is_middleman_root(dir: &Path) -> bool {
    dir.join("config.rb").is_file() && dir.join("source").is_dir()
}

/// A Hexo site's own folder: its `_config.yml` beside `scaffolds/` or `source/_posts/`.
fn is_hexo_root(dir: &Path) -> bool {
    dir.join("_config.yml").is_file()
        && (dir.join("scaffolds").is_dir() || dir.join("source/_posts").is_dir())
}

/// A Hugo site's own folder: its configuration is in it, `hugo.toml` (or `.yaml`,
/// `.json`), or the older `config.toml` beside Hugo's own `content/` folder (a `config.json`
/// alone is anyone's).
fn is_hugo_root(dir: &Path) -> bool {
    let any = |names: &[&str]| names.iter().any(|n| dir.join(n).is_file());
    // A gazette site's own folder (its site.toml) is never Hugo's, whatever else is in it.
    !dir.join("site.toml").is_file()
        && (any(&["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"])
            || any(&["config.toml", "config.yaml", "config.yml", "config.json"])
                && dir.join("content").is_dir())
}

/// Why a file below content/ is skipped, if it is another generator's own: its
/// configuration, its section pages, or a template (a non-Markdown file that opens with
/// front matter, such as Jekyll's `feed.xml` or an Eleventy `.njk`).
pub fn skipped_file(path: &Path, name: &str, site_root: &Path) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("_config.") && (lower.ends_with(".yml") || lower.ends_with(".yaml"))
        || matches!(
            lower.as_str(),
            "gemfile"
                | "gemfile.lock"
                | ".eleventy.js"
                | "eleventy.config.js"
                | "eleventy.config.mjs"
                | "package.json"
                | "package-lock.json"
        )
        || lower.starts_with("hugo.")
            && matches!(
                lower.rsplit('.').next(),
                Some("toml" | "yaml" | "yml" | "json")
            )
        || matches!(
            lower.as_str(),
            "pelicanconf.py"
                | "publishconf.py"
                | "hexo.config.js"
                | "bridgetown.config.yml"
                | "bridgetown.config.yaml"
        )
        // A configuration dropped at content/'s top (a story's folder may offer one as a
        // download, and keeps it).
        || matches!(
            lower.as_str(),
            "config.toml" | "config.yaml" | "config.yml" | "config.rb" | "config.ru" | "rakefile"
        ) && path.parent().and_then(Path::parent) == Some(site_root)
        || lower == "config.rb" && path.parent().is_some_and(is_middleman_root)
        || lower == "conf.py" && path.parent().is_some_and(is_nikola_root)
        || matches!(
            lower.as_str(),
            "mkdocs.yml" | "mkdocs.yaml" | "_quarto.yml" | "_quarto.yaml" | "_metadata.yml"
        )
        || lower.ends_with(".rproj")
        || [
            "astro.config.",
            "docusaurus.config.",
            "gatsby-config.",
            "gatsby-node.",
            "gatsby-browser.",
            "gatsby-ssr.",
            "next.config.",
            "nuxt.config.",
            "svelte.config.",
        ]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
        || lower.starts_with("config.") && path.parent().is_some_and(is_hugo_root)
    {
        return Some(format!(
            "skipped: `{name}` is another generator's configuration, not content"
        ));
    }
    // Build and deploy files beside another generator's configuration (Pelican's
    // quickstart writes scripts that name hosts and users; Netlify's settings may hold
    // keys). Elsewhere, in a story's folder, such a file is a download.
    if matches!(
        lower.as_str(),
        "makefile"
            | "tasks.py"
            | "develop_server.sh"
            | "fabfile.py"
            | "requirements.txt"
            | "dodo.py"
            | "netlify.toml"
            | "vercel.json"
            | "tsconfig.json"
            | "jsconfig.json"
            | "sidebars.js"
            | "sidebars.ts"
    ) || lower.starts_with("babel.config.")
    {
        if let Some(generator) = path.parent().and_then(generator_of) {
            return Some(format!(
                "skipped: `{name}` is {generator}'s build and deploy file, not content"
            ));
        }
    }
    // Docusaurus's sidebar settings for a docs folder.
    if lower.starts_with("_category_.") && docs_root(path, site_root).is_some() {
        return Some(format!(
            "skipped: `{name}` is Docusaurus's sidebar setting for its folder, not content"
        ));
    }
    // A blog's list of its authors (Docusaurus's, read for bylines) holds their e-mails.
    if AUTHOR_LISTS.contains(&lower.as_str()) {
        return Some(format!(
            "skipped: `{name}` lists the blog's authors (names read for bylines, e-mail \
             addresses kept private), not content"
        ));
    }
    // A JavaScript site's components, layouts and scripts (outside the folders it
    // publishes as they are), and its blog's tag lists, are its source.
    let ext = ext_of(&lower);
    // Eleventy's JavaScript templates (`feed.11ty.js`) make pages; they are its source.
    if matches!(ext, "js" | "cjs" | "mjs" | "ts") && lower.contains(".11ty.") {
        return Some(format!(
            "skipped: `{name}` is an Eleventy JavaScript template (its source, which may \
             hold keys), not content"
        ));
    }
    let code = matches!(
        ext,
        "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" | "vue" | "svelte"
    );
    let lists = matches!(lower.as_str(), "tags.yml" | "tags.yaml");
    let js_root = || folders_above(path, site_root).find(|dir| js_site(dir).is_some());
    if let Some(root) = (code || lists).then(js_root).flatten() {
        let published = path
            .strip_prefix(root)
            .is_ok_and(|below| below.starts_with("static") || below.starts_with("public"));
        if !published {
            return Some(format!(
                "skipped: `{name}` is the JavaScript site's source (its configuration is above \
                 it), not content"
            ));
        }
    }
    if ext == "astro" {
        return Some(format!(
            "skipped: `{name}` is an Astro component (a template), not content"
        ));
    }
    if let Some(platform) = export_post(path, &lower) {
        return Some(format!(
            "skipped: `{name}` is a post from a {platform} export (drafts among them); bring \
             it in with `gazette import`"
        ));
    }
    if is_notion_database(&lower) && beside_notion_pages(path) {
        return Some(format!(
            "skipped: `{name}` is a Notion database export (its rows may hold private \
             properties), not content"
        ));
    }
    if ext == "meta" && has_file_beside(path) {
        return Some(format!(
            "skipped: `{name}` is Nikola's metadata for the post of the same name (read when \
             that post has no front matter of its own)"
        ));
    }
    if lower == "info.json" && in_textbundle(path) {
        return Some("skipped: `info.json` is a TextBundle's metadata, not content".into());
    }
    if lower == "db.json" && path.parent().is_some_and(is_hexo_root) {
        return Some("skipped: `db.json` is Hexo's cache of its own build, not content".into());
    }
    if is_eleventy_data(path, &lower, site_root) {
        return Some(format!(
            "skipped: `{name}` is Eleventy's data for the files in its folder; gazette does not \
             read it (its `permalink`, `tags` or `layout` apply to no story): write what matters \
             in each file's front matter"
        ));
    }
    if OTHER_MARKUP.contains(&ext) {
        let how = if ext == "mdx" {
            "remove its `import`/`export` lines and components, then rename it to .md"
        } else {
            "convert it to Markdown (`pandoc -t gfm`) with its metadata as front matter"
        };
        return Some(format!(
            "skipped: `{name}` is a post in a format gazette does not read (it reads Markdown); \
             {how}"
        ));
    }
    let ruby_site = || folders_above(path, site_root).any(is_ruby_site_root);
    if SOURCE_TEMPLATES.contains(&ext) && (opens_with_front_matter(path) || ruby_site()) {
        let how = match lower.trim_end_matches(".erb").rsplit_once('.') {
            Some((_, inner))
                if crate::content::walk::markdown_stem(&format!("x.{inner}")).is_some() =>
            {
                "; to publish it as a post, remove its `<% %>` tags and rename it to .md"
            }
            _ => "",
        };
        return Some(format!(
            "skipped: `{name}` is another generator's template source, not a file to copy{how}"
        ));
    }
    let head = TEMPLATE_EXTENSIONS
        .contains(&ext)
        .then(|| head_of(path))
        .filter(|head| front_matter_opens(head));
    if let Some(head) = head {
        // A post written as a template (Eleventy's `.njk` with a date, or tagged `post`):
        // not lost without a word on what to do.
        let post_like = head
            .lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "---")
            .any(|l| l.starts_with("date:") || l.starts_with("tags:") && l.contains("post"));
        if post_like {
            return Some(format!(
                "skipped: `{name}` is a post written as a template (gazette runs no \
                 templates); to publish it, rename it to .html (or to .md if its text is \
                 Markdown) and replace its template tags with plain text"
            ));
        }
        return Some(
            "skipped: a file that opens with front matter is another generator's template \
             (gazette writes its own feeds and pages), not a file to copy"
                .to_string(),
        );
    }
    None
}

/// A file name's extension (after its last `.`), or "".
fn ext_of(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// The platform whose export a post in a `posts/` folder comes from, by its name, when the
/// rest of the export was left behind (with it, [`export_folder`] skips the folder):
/// Medium's `draft_Title-0a1b2c3d4e5f.html` and `2019-11-03_Title-0a1b2c3d4e5f.html`,
/// Substack's `123456.post-name.html`.
/// True for a file named as Medium names a draft, `draft_Title-0a1b2c3d4e5f` (and its
/// Markdown converters keep it): a draft wherever it is.
pub fn is_medium_draft(stem: &str) -> bool {
    stem.starts_with("draft_") && medium_id(stem)
}

/// True for a name ending in a Medium post's id: `-` and 12 hexadecimal digits.
fn medium_id(stem: &str) -> bool {
    stem.rsplit_once('-')
        .is_some_and(|(_, id)| id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn export_post(path: &Path, lower_name: &str) -> Option<&'static str> {
    let in_posts = path.parent().and_then(Path::file_name) == Some("posts".as_ref());
    let stem = lower_name.strip_suffix(".html").filter(|_| in_posts)?;
    let medium_name = stem.starts_with("draft_")
        || stem.get(..11).is_some_and(|d| {
            d.as_bytes()[10] == b'_' && d[..10].parse::<jiff::civil::Date>().is_ok()
        });
    if medium_id(stem) && medium_name {
        return Some("Medium");
    }
    // Substack's post ids are long numbers, its slugs words joined by hyphens.
    let substack = stem.split_once('.').is_some_and(|(id, slug)| {
        id.len() >= 6
            && id.bytes().all(|b| b.is_ascii_digit())
            && slug.bytes().any(|b| b.is_ascii_lowercase())
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    substack.then_some("Substack")
}

/// Eleventy's data files: `x.11tydata.json` (or `.js`) for the template `x` or the folder
/// `x/`, and, below an Eleventy configuration, `posts/posts.json`, named as its folder,
/// for everything in it (elsewhere such a file is anyone's: a bundle's data, say).
fn is_eleventy_data(path: &Path, lower_name: &str, site_root: &Path) -> bool {
    let Some((stem, ext)) = lower_name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "json" | "js" | "cjs" | "mjs") {
        return false;
    }
    let folder = path.parent().and_then(Path::file_name);
    let named_as_folder = folder.is_some_and(|f| f.to_string_lossy().to_ascii_lowercase() == stem);
    stem.ends_with(".11tydata") || named_as_folder && below_eleventy_config(path, site_root)
}

/// True when a folder above `path`, up to the site's own folder, holds Eleventy's
/// configuration (one in the user's home folder, above the site, is another project's).
pub fn below_eleventy_config(path: &Path, site_root: &Path) -> bool {
    const CONFIGS: [&str; 4] = [
        ".eleventy.js",
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
    ];
    folders_above(path, site_root).any(|dir| CONFIGS.iter().any(|c| dir.join(c).is_file()))
}

/// For a file of a documentation generator's own pages, which have no dates, the folder
/// its URL is read from: a VuePress or VitePress site's (the folder holding `.vuepress/` or
/// `.vitepress/`), a Docusaurus site's for its `docs/` (`/docs/intro/`), and its
/// `src/pages/` for those.
pub fn docs_root(path: &Path, site_root: &Path) -> Option<DocsRoot> {
    folders_above(path, site_root).find_map(|dir| {
        if dir.join(".vuepress").is_dir() || dir.join(".vitepress").is_dir() {
            let dir = dir.to_path_buf();
            return Some(DocsRoot {
                dir,
                docusaurus: false,
            });
        }
        // MkDocs publishes its `docs/` folder's pages at the site's root, and Hugo its
        // `content/` folder's pages without a date (`content/a/notes.md` is `/a/notes/`).
        let published = match (is_mkdocs_root(dir), is_hugo_root(dir)) {
            (true, _) => Some(dir.join("docs")),
            (_, true) => Some(dir.join("content")),
            _ => None,
        };
        if let Some(published) = published.filter(|p| path.starts_with(p)) {
            return Some(DocsRoot {
                dir: published,
                docusaurus: false,
            });
        }
        if js_site(dir) != Some(JsSite::Docusaurus) {
            return None;
        }
        let pages = dir.join("src/pages");
        let dir = match path.starts_with(&pages) {
            true => pages,
            false => path
                .starts_with(dir.join("docs"))
                .then(|| dir.to_path_buf())?,
        };
        Some(DocsRoot {
            dir,
            docusaurus: true,
        })
    })
}

/// The file names of a blog's list of its authors (Docusaurus's `authors.yml`, or the
/// `authors.json` its `authorsMapPath` may name), lower-cased.
pub const AUTHOR_LISTS: [&str; 3] = ["authors.yml", "authors.yaml", "authors.json"];

/// The names of `keys` in the `authors.yml` (or `.yaml`, `.json`) of the blog a post is in,
/// Docusaurus's list of a key per author with a `name`: the first such file in a folder
/// above the post, up to the site's own folder. In YAML each key is looked for as a line of
/// its own (`mira:`), then its `name:` among the lines indented below it, so a long list
/// costs a few searches, not a parse, per post.
pub fn docusaurus_author_names(
    path: &Path,
    site_root: &Path,
    keys: &[&str],
) -> Vec<Option<String>> {
    let Some(file) = file_above(path, site_root, &AUTHOR_LISTS) else {
        return vec![None; keys.len()];
    };
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    if file.extension().is_some_and(|ext| ext == "json") {
        let list: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let name = |key: &&str| {
            let name = list.get(*key)?.get("name")?.as_str()?.trim();
            (!name.is_empty()).then(|| name.to_string())
        };
        return keys.iter().map(name).collect();
    }
    keys.iter().map(|key| author_name(&text, key)).collect()
}

/// The first file of one of these names in a folder above `path`, up to the site's own
/// folder: the settings a post's own tree gives it.
fn file_above(path: &Path, site_root: &Path, names: &[&str]) -> Option<PathBuf> {
    folders_above(path, site_root)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|file| file.is_file())
}

/// The `name:` of `key` in an `authors.yml`.
fn author_name(text: &str, key: &str) -> Option<String> {
    let entry = format!("\n{key}:");
    let at = match text.starts_with(&entry[1..]) {
        true => 0,
        false => memchr::memmem::find(text.as_bytes(), entry.as_bytes())? + 1,
    };
    let below = text[at..].split_once('\n')?.1;
    let name = below
        .lines()
        .take_while(|line| line.starts_with([' ', '\t']) || line.trim().is_empty())
        .find_map(|line| line.trim().strip_prefix("name:"))?;
    let name = name.trim().trim_matches(['"', '\'']).trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Where a documentation generator's pages are read from (see [`docs_root`]).
pub struct DocsRoot {
    pub dir: PathBuf,
    /// Docusaurus's: its `_` files and folders are partials, and a `slug:` starting with
    /// `/` is below `/docs/`.
    pub docusaurus: bool,
}

/// How the Jekyll site a post of `_posts/` is in published it, read once from the
/// `_config.yml` above it (the first, up to the site's own folder): its `permalink` style
/// (Jekyll's `date` style without one), `timezone` and `excerpt_separator`, and the
/// categories the post's folders give it, those between its site's folder (else `content`)
/// and `_posts/` (`news/_posts/x.md` is in `news`). None for a file not in a `_posts/` folder.
pub fn jekyll_site(
    path: &Path,
    site_root: &Path,
    content: &Path,
) -> Option<super::jekyll_url::JekyllSite> {
    let config = file_above(path, site_root, &["_config.yml"]);
    // Categories are the folders below the Jekyll site's own (where its `_config.yml` is),
    // never above `content/` (a `_config.yml` beside site.toml).
    let base = config
        .as_deref()
        .and_then(Path::parent)
        .filter(|dir| dir.starts_with(content))
        .unwrap_or(content);
    let below = path.strip_prefix(base).ok()?.parent()?;
    let folders: Vec<String> = below
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let posts_at = folders.iter().position(|f| f == "_posts")?;
    let configured = config.is_some();
    let text = config
        .as_deref()
        .and_then(|config| std::fs::read_to_string(config).ok())
        .unwrap_or_default();
    let timezone = jekyll_setting(&text, "timezone")
        .zip(config)
        .map(|(zone, file)| {
            let line = text
                .lines()
                .position(|l| l.starts_with("timezone:"))
                .unwrap_or(0);
            (zone, file, line + 1)
        });
    Some(super::jekyll_url::JekyllSite {
        style: jekyll_setting(&text, "permalink").unwrap_or_else(|| "date".to_string()),
        folder_categories: folders[..posts_at].to_vec(),
        configured,
        timezone,
        excerpt_separator: jekyll_setting(&text, "excerpt_separator"),
    })
}

/// A top-level text setting of a Jekyll `_config.yml`'s `text`, read from its own line.
fn jekyll_setting(text: &str, key: &str) -> Option<String> {
    let line = text.lines().find(|line| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    let split = super::frontmatter::Split {
        syntax: super::frontmatter::Syntax::Yaml,
        yaml: line,
        yaml_line: 1,
        body: "",
        body_line: 1,
    };
    let map = super::frontmatter::parse_yaml(&split).ok()?;
    Some(map.get(key)?.value.as_str()?.to_owned())
}

/// The folder above `path`, up to the site's own, that is an Obsidian vault: it holds
/// Obsidian's settings, `.obsidian/`. Its notes' `[[links]]` and `%%comments%%` are
/// Obsidian's; anywhere else they are text.
pub fn obsidian_vault<'p>(path: &'p Path, site_root: &'p Path) -> Option<&'p Path> {
    folders_above(path, site_root).find(|dir| dir.join(".obsidian").is_dir())
}

/// The folder a vault's settings name for pasted pictures and files (`attachmentFolderPath`
/// in `.obsidian/app.json`), with a trailing `/`: below the vault's folder (`vault_dir`), or
/// below the note's own (`note_dir`) when it starts with `./`. None when unset, or when it
/// is the vault's root (looked in anyway) or climbs out with `..`.
pub fn obsidian_attachments(vault: &Path, vault_dir: &str, note_dir: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct App {
        #[serde(rename = "attachmentFolderPath")]
        attachments: Option<String>,
    }
    let text = std::fs::read_to_string(vault.join(".obsidian/app.json")).ok()?;
    let setting = serde_json::from_str::<App>(&text).ok()?.attachments?;
    let (base, below) = match setting.strip_prefix("./") {
        Some(below) => (note_dir, below),
        None => (vault_dir, setting.trim_start_matches('/')),
    };
    let below = below.trim_end_matches('/');
    let climbs = below.split('/').any(|part| part == "..");
    (!below.is_empty() && !climbs).then(|| format!("{base}{below}/"))
}

/// A file named as Hugo names a translation, `hello.fr.md` (or a bundle's `index.fr.md`):
/// its name without the language (`hello`), and the language (`fr`, or a tag such as
/// `pt-br`). Only a language of [`LANGUAGES`] counts (`node.js` is no translation).
pub fn hugo_translation(stem: &str) -> Option<(&str, &str)> {
    let (base, tag) = stem.rsplit_once('.')?;
    let primary = tag.split('-').next().unwrap_or(tag);
    let known = LANGUAGES.contains(&primary.to_ascii_lowercase().as_str())
        && tag.len() <= 8
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    (known && !base.is_empty()).then_some((base, tag))
}

/// The ISO 639-1 codes of the languages sites are most often translated into.
const LANGUAGES: [&str; 40] = [
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "gl", "he",
    "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "nb", "nl", "nn", "no", "pl", "pt", "ro",
    "ru", "sk", "sl", "sr", "sv", "tr", "uk", "zh",
];

/// The folders holding `path`, nearest first, up to and with `site_root`.
fn folders_above<'p>(path: &'p Path, site_root: &'p Path) -> impl Iterator<Item = &'p Path> {
    path.ancestors()
        .skip(1)
        .take_while(move |dir| dir.starts_with(site_root))
}

/// Why a Hugo or Zola section file (`_index.md`: a list page's title and intro) is left out.
pub const SECTION_FILE: &str = "skipped: `_index` files are Hugo's and Zola's section pages, and \
     gazette has no sections (its lists are made from the articles; a page of your own goes \
     in content/pages/)";

/// Markup other generators read as posts (MDX, reStructuredText, AsciiDoc, Org, Textile,
/// Pandoc's and R Markdown's): in a content folder, such a file is a post, whether its
/// metadata is front matter or its own (`:status: draft`, `#+DRAFT: true`), never a file to
/// publish as it is.
const OTHER_MARKUP: [&str; 17] = [
    "mdx",
    "rst",
    "rest",
    "adoc",
    "asciidoc",
    "ad",
    "asc",
    "org",
    "textile",
    "pdc",
    "pandoc",
    "rmd",
    "rmarkdown",
    "qmd",
    "mmark",
    "mdoc",
    "svx",
];

/// Text files that other generators run through their templates when they open with front
/// matter (HTML is a document of its own: see `walk::is_html_document`).
const TEMPLATE_EXTENSIONS: [&str; 23] = [
    "mustache",
    "jinja",
    "jinja2",
    "j2",
    "twig",
    "tmpl",
    "tpl",
    "xml",
    "txt",
    "json",
    "js",
    "css",
    "scss",
    "sass",
    "njk",
    "liquid",
    "hbs",
    "ejs",
    "pug",
    "rss",
    "atom",
    "webmanifest",
    "11ty.js",
];

/// Ruby's template languages, whose files in a Middleman or Bridgetown site are sources it
/// renders (`post.html.md.erb`, `layouts/layout.erb`), never pages to serve as they are.
/// Elsewhere only one that opens with front matter is skipped: a story's folder may offer
/// a sample as a download.
const SOURCE_TEMPLATES: [&str; 3] = ["erb", "haml", "slim"];

/// A Middleman or Bridgetown site's own folder.
fn is_ruby_site_root(dir: &Path) -> bool {
    is_middleman_root(dir) || dir.join("bridgetown.config.yml").is_file()
}

/// A Notion database's export: `Name 0123…cdef.csv` (32 hexadecimal digits), or its
/// `_all.csv` twin.
fn is_notion_database(lower_name: &str) -> bool {
    let Some(stem) = lower_name.strip_suffix(".csv") else {
        return false;
    };
    let stem = stem.strip_suffix("_all").unwrap_or(stem);
    has_notion_id(stem)
}

/// True when a Notion page (`Name <page id>.md`) is in `path`'s folder: what tells a Notion
/// database's CSV from a data file named by a checksum.
fn beside_notion_pages(path: &Path) -> bool {
    any_sibling(path, |other| {
        let name = other.file_name().map(|n| n.to_string_lossy());
        name.as_deref()
            .and_then(|n| n.strip_suffix(".md"))
            .is_some_and(has_notion_id)
    })
}

/// True when a file in `path`'s folder, other than `path`, is one `holds` for.
fn any_sibling(path: &Path, holds: impl Fn(&Path) -> bool) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let other = e.path();
            other != path && holds(&other)
        })
    })
}

/// True for a Notion export's file name, which ends in its page id.
fn has_notion_id(stem: &str) -> bool {
    without_notion_id(stem).len() < stem.len()
}

/// A Notion export's file name without the page id Notion writes after the title (a space
/// and 32 hexadecimal digits): `Trip to the coast 1a2b…` → `Trip to the coast`.
pub fn without_notion_id(stem: &str) -> &str {
    match stem.rsplit_once(' ') {
        Some((name, id))
            if !name.trim().is_empty()
                && id.len() == 32
                && id.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            name
        }
        _ => stem,
    }
}

/// True when another file in `path`'s folder has its name but for the extension (a Nikola
/// post beside its `.meta`, whatever its markup).
fn has_file_beside(path: &Path) -> bool {
    let stem = path.file_stem();
    stem.is_some() && any_sibling(path, |other| other.file_stem() == stem && other.is_file())
}

/// True for an HTML file that gazette reads as a document: one that opens with front matter
/// (Jekyll's and Hugo's HTML posts), or a Nikola post written in HTML, which opens with
/// Nikola's metadata comment or has a `.meta` file beside it. The file's head is read once.
pub fn is_html_post(path: &Path) -> bool {
    let head = head_of(path);
    if front_matter_opens(&head) {
        return true;
    }
    let mut lines = head.lines();
    let commented = lines.next().is_some_and(|l| l.trim_end() == "<!--")
        && lines.next().is_some_and(|l| l.starts_with(".. "));
    commented || path.with_extension("meta").is_file()
}

/// True for a file directly in a TextBundle (`Name.textbundle/`: Bear's and Ulysses' export
/// of one note, its `text.md` beside `assets/`).
pub fn in_textbundle(path: &Path) -> bool {
    path.parent()
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("textbundle"))
}

/// The first 512 bytes of a file as text, without a byte-order mark ("" if unreadable).
fn head_of(path: &Path) -> String {
    let mut head = [0u8; 512];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..read]);
    head.trim_start_matches('\u{feff}').to_string()
}

/// True for a file whose first non-blank line is `---` or `+++`.
pub fn opens_with_front_matter(path: &Path) -> bool {
    front_matter_opens(&head_of(path))
}

fn front_matter_opens(head: &str) -> bool {
    let first = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    matches!(first.trim_end(), "---" | "+++")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_other_generators_folders_files_and_templates() {
        let folder = |name: &str| skipped_folder(Path::new(name), name);
        assert!(folder("_layouts").is_some() && folder("_posts").is_none());
        assert!(folder("archetypes").is_none() && folder("layouts").is_none());
        for (path, data) in [
            ("src/blog/blog.11tydata.js", true),
            ("src/about.11tydata.json", true),
            ("src/posts/figures.json", false),
            ("src/posts/posts.csv", false),
            // Named as its folder, but no Eleventy configuration above it.
            ("src/posts/posts.json", false),
        ] {
            let name = path.rsplit('/').next().unwrap();
            assert_eq!(
                is_eleventy_data(Path::new(path), name, Path::new("src")),
                data,
                "{path}"
            );
        }
        assert!(folder("_drafts").is_none() && folder("images").is_none());
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let feed = write(
            "feed.xml",
            "---\nlayout: null\n---\n<?xml version=\"1.0\"?>",
        );
        assert!(skipped_file(&feed, "feed.xml", dir.path()).is_some());
        let plain = write("data.xml", "<?xml version=\"1.0\"?><x/>");
        assert!(skipped_file(&plain, "data.xml", dir.path()).is_none());
        let config = write("_config.yml", "title: x\n");
        assert!(skipped_file(&config, "_config.yml", dir.path()).is_some());
        let picture = write("a.png", "---\n");
        assert!(
            skipped_file(&picture, "a.png", dir.path()).is_none(),
            "not a template format"
        );
    }

    #[test]
    fn authors_are_named_by_their_keys() {
        let text = "mira:\n  name: Mira Chen\n  email: m@example.org\njon:\n  title: Editor\n  name: 'Jon Ortega'\nnameless:\n  url: x\n";
        assert_eq!(author_name(text, "mira").as_deref(), Some("Mira Chen"));
        assert_eq!(author_name(text, "jon").as_deref(), Some("Jon Ortega"));
        assert_eq!(author_name(text, "nameless"), None);
        assert_eq!(author_name(text, "ana"), None);
        // A key inside another entry is not an entry.
        assert_eq!(author_name("a:\n  jon: x\n", "jon"), None);
    }
}
