//! The walk and parse stages of [`crate::generate`]: find the site's Markdown files, split
//! and check their front matter, and render their bodies into [`Document`]s (which keep
//! where each front-matter key is written). Files are read and parsed in parallel; problems
//! are collected, never fatal one by one.

mod cache;
pub mod dates;
pub mod emit;
pub mod fields;
mod foreign;
pub mod frontmatter;
mod jekyll_url;
pub mod lines;
mod located;
mod metadata_front;
pub mod placeholder;
mod simple_yaml;
pub mod slug;
mod toml_front;
mod walk;
pub(crate) mod written_dates;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::progress::Progress;

pub use cache::ParseCache;
pub use fields::{FrontMatter, Source};
pub use foreign::AUTHOR_LISTS;
pub use located::{KeyPosition, KeyPositions};
pub use walk::{bundle_name, document_stem, is_temp_name, markdown_stem, walk, Asset, Found, Tree};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::markdown::{self, Highlighter, MarkdownOptions, Rendered};
use frontmatter::Problem;

/// Articles bigger than this are refused, naming the file: it bounds memory and time.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A dated story: in editions, feeds, tags.
    Article,
    /// A standalone page from `content/pages/`.
    Page,
}

/// One parsed Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path shown in messages.
    pub path: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    pub kind: DocumentKind,
    pub front_matter: FrontMatter,
    pub slug: String,
    /// The folders a documentation generator's page keeps in its URL, `/`-ended
    /// (`guide/`: `/guide/install/`); empty for any other document.
    pub folder: String,
    pub body: Rendered,
    /// The summary as HTML: the front-matter `summary` rendered as Markdown, else the
    /// body's part before `<!-- more -->`, else its first paragraph. (`body.summary_html`
    /// is moved here, so it is empty.)
    pub summary_html: String,
    /// The links of a front-matter `summary` (lines within it), checked as the body's are:
    /// the summary is what lists, feeds and emails show.
    pub summary_links: Vec<markdown::Link>,
    /// File line where the Markdown body starts.
    pub body_line: usize,
    /// Where each front-matter key and value is written.
    pub positions: KeyPositions,
}

impl Document {
    /// Whether the document links another by its file: its HTML holds a placeholder that
    /// the digest fills in once every URL is known.
    pub fn links_documents(&self) -> bool {
        let marker = crate::urls::DOCUMENT_PLACEHOLDER.as_bytes();
        [&self.body.html, &self.summary_html]
            .iter()
            .any(|html| memchr::memmem::find(html.as_bytes(), marker).is_some())
    }
}

/// Reads and parses every Markdown file found, ticking `progress` for each. Returns the
/// documents that parsed cleanly; every problem goes to `diags`.
pub fn load(
    found: &[PathBuf],
    root: &Path,
    config: &SiteConfig,
    hl: &Highlighter,
    progress: Option<&Progress>,
    diags: &mut Diagnostics,
) -> Vec<Document> {
    let options = markdown_options(config);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|rel| {
            let result = load_one(root, rel, config, &options, hl);
            crate::progress::tick(progress);
            result
        })
        .collect();
    collect_results(results, diags)
}

/// Like [`load`], but reuses the documents of files unchanged since `cache` last saw them
/// (same size and modification time, same parse-relevant configuration), so `serve` re-parses
/// only what was edited.
pub fn load_cached(
    found: &[PathBuf],
    root: &Path,
    config: &SiteConfig,
    hl: &Highlighter,
    diags: &mut Diagnostics,
    cache: &mut ParseCache,
) -> Vec<Arc<Document>> {
    let options = markdown_options(config);
    cache.prepare(config);
    let results: Vec<(Option<Arc<Document>>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|rel| {
            cache.lookup(root, rel).unwrap_or_else(|stamp| {
                let (doc, problems) = load_one(root, rel, config, &options, hl);
                let result = (doc.map(Arc::new), problems);
                cache.offer(rel, stamp, &result);
                result
            })
        })
        .collect();
    cache.finish(found);
    collect_results(results, diags)
}

fn markdown_options(config: &SiteConfig) -> MarkdownOptions {
    MarkdownOptions {
        math: false,
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    }
}

fn collect_results<D>(
    results: Vec<(Option<D>, Vec<Diagnostic>)>,
    diags: &mut Diagnostics,
) -> Vec<D> {
    let mut docs = Vec::with_capacity(results.len());
    for (doc, problems) in results {
        diags.extend(problems);
        docs.extend(doc);
    }
    docs
}

/// The path to show for a file under the site root.
pub fn display_path(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn load_one(
    root: &Path,
    rel: &Path,
    config: &SiteConfig,
    options: &MarkdownOptions,
    hl: &Highlighter,
) -> (Option<Document>, Vec<Diagnostic>) {
    let path = display_path(root, rel);
    let error = |line, col, msg: String| (None, vec![Diagnostic::error(&path, line, col, msg)]);
    let bytes = match read_capped(&root.join(rel)) {
        Ok(b) => b,
        Err(problem) => return error(0, 0, problem.message),
    };
    let text = match decode_text(&bytes) {
        Ok(text) => text,
        Err(problem) => return error(problem.line, problem.col, problem.message),
    };
    let content_rel = rel.strip_prefix("content").unwrap_or(rel);
    let rel_str = content_rel.to_string_lossy().replace('\\', "/");
    let kind = if rel_str.starts_with("pages/") {
        DocumentKind::Page
    } else {
        DocumentKind::Article
    };
    parse_document(&text, &path, rel_str, kind, config, options, hl)
}

/// Front matter that makes an undated file a standalone page, as other generators have
/// it: Jekyll's `layout: page` (Eleventy's `layouts/page.njk`), or a `permalink` of its
/// own (one URL, not a pattern).
fn is_standalone_page(map: &frontmatter::RawMap) -> bool {
    let text = |key: &str| map.get(key).and_then(|v| v.value.as_str());
    let layout_file = text("layout").map(|l| l.rsplit('/').next().unwrap_or(l));
    layout_file.is_some_and(|file| file.split('.').next() == Some("page"))
        || text("permalink").is_some_and(|url| !fields::is_url_pattern(url))
}

/// The front matter's `image` as written, unless it names no file beside the document but
/// one the site has elsewhere: in `images/` beside it (where `wordpress-export-to-markdown`
/// saves the `coverImage` it names by file name alone), or in the site's `static/` (Hugo's
/// `images` are paths from the site's root).
fn image_found(doc: &Path, content_dir: &Path, image: String) -> String {
    // Ghost's exports name the site's own address by a placeholder.
    let image = match image.strip_prefix(markdown::liquid::GHOST_URL) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => image,
    };
    let relative = !(image.starts_with('/') || crate::urls::has_scheme(&image));
    let dir = doc.parent().unwrap_or(Path::new(""));
    if !relative || dir.join(&image).exists() {
        return image;
    }
    if !image.contains('/') && dir.join("images").join(&image).is_file() {
        return format!("images/{image}");
    }
    let in_static = content_dir
        .parent()
        .is_some_and(|root| root.join("static").join(&image).is_file());
    if in_static {
        return format!("/{image}");
    }
    image
}

/// The level-one heading a body opens with (after blank lines), ATX (`# Title`) or setext
/// (`Title` over a line of `=`): the byte range of its line or lines, the last line's end
/// excluded, and the heading's text without its marks.
fn opening_heading(body: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let start = body.len() - body.trim_start_matches(['\n', ' ', '\t']).len();
    let start = body[..start].rfind('\n').map_or(0, |at| at + 1);
    let line = body[start..].split('\n').next()?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(rest) = line[indent..].strip_prefix('#').filter(|_| indent < 4) else {
        return setext_opening(body, start, line);
    };
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // A closing run of `#` after a space is no part of the text (`# Title ##`).
    let text = rest.trim();
    let text = match text.trim_end_matches('#') {
        open if open.is_empty() || open.ends_with([' ', '\t']) => open.trim_end(),
        _ => text,
    };
    Some((start..start + line.len(), text))
}

/// The setext heading of level one that `line`, at `start` in `body`, opens if the next line
/// underlines it with `=` (see [`opening_heading`]).
fn setext_opening<'b>(
    body: &'b str,
    start: usize,
    line: &'b str,
) -> Option<(std::ops::Range<usize>, &'b str)> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let under = body[start + line.len()..]
        .strip_prefix('\n')?
        .split('\n')
        .next()?;
    let marks = under
        .trim_end_matches([' ', '\t', '\r'])
        .trim_start_matches(' ');
    if under.len() - under.trim_start_matches(' ').len() > 3
        || marks.is_empty()
        || marks.bytes().any(|b| b != b'=')
    {
        return None;
    }
    // Only a paragraph's line is underlined (`- item` over `===` is a list): the Markdown
    // parser says which.
    let end = start + line.len() + 1 + under.len();
    let heading = matches!(
        Parser::new(&body[start..end]).next(),
        Some(Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }))
    );
    heading.then(|| (start..end, line.trim()))
}

/// A heading's Markdown as the plain text of a title: its emphasis, code and links read as
/// their words, and an attribute list (`{#id}`, MkDocs's) left out.
fn plain_heading(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let markdown = match markdown.rfind('{') {
        Some(at) if markdown.ends_with('}') && markdown[at..].starts_with(['{', ' ']) => {
            let attributes = &markdown[at + 1..markdown.len() - 1];
            match attributes.trim_start().starts_with(['#', '.', ':']) {
                true => markdown[..at].trim_end(),
                false => markdown,
            }
        }
        _ => markdown,
    };
    let mut text = String::with_capacity(markdown.len());
    // Read as the heading it is, so that `1. …` or `- …` is no list.
    for event in Parser::new(&format!("# {markdown}")) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// A documentation page's folder (`/`-ended, each folder's name made a slug) and slug,
/// from its path below its generator's root: a folder's `README.md` or `index.md` is the
/// folder's page. Its own `slug:` is read as Docusaurus reads it: from its folder, or with
/// a leading `/` from the docs' root (`/docs/` in Docusaurus). None when that leaves no
/// name: the docs' own front page (a `README.md` or `index.md` at their root), or a
/// `slug: /` at their root.
fn docs_place(
    below_root: &Path,
    slug: String,
    own: Option<&str>,
    docusaurus: bool,
) -> Option<(String, String)> {
    let slugs = |parts: &mut dyn Iterator<Item = String>| -> Vec<String> {
        parts
            .map(|part| slug::slugify(&part))
            .filter(|part| !part.is_empty())
            .collect()
    };
    let mut folders = slugs(&mut below_root.parent().into_iter().flat_map(|p| {
        p.iter()
            .map(|f| f.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
    }));
    let name = below_root.file_name().map(|n| n.to_string_lossy());
    let stem = name.as_deref().map(document_stem).unwrap_or("");
    let folder_page = stem.eq_ignore_ascii_case("readme") || stem.eq_ignore_ascii_case("index");
    let last = match own {
        Some(own) => {
            if own.starts_with('/') {
                let docs = docusaurus && folders.first().is_some_and(|f| f == "docs");
                folders.truncate(usize::from(docs));
            }
            folders.extend(slugs(&mut own.split('/').map(str::to_string)));
            folders.pop()
        }
        None if folder_page => folders.pop(),
        None => Some(slug),
    };
    let folder = folders.iter().map(|f| format!("{f}/")).collect();
    Some((folder, last?))
}

/// True when two titles have the same letters and digits, some, in any case: a body's
/// heading that repeats the front matter's title (`The harbour's year`, `The Harbour’s
/// Year!`).
fn same_words(a: &str, b: &str) -> bool {
    // Symbols count (`C++` is not `C`); spaces, punctuation and quotes do not.
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !".,;:!?'\"’‘“”«»()-–—…`*_".contains(*c))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let a = letters(a);
    !a.is_empty() && a == letters(b)
}

/// The title of a post written without one (a note): the first sentence of its text, in
/// Markdown or HTML, cut at a space to at most [`OPENING_WORDS`] characters, with `…` when
/// cut. None when the body has no text (a photo alone).
fn opening_words(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // Read as the page shows it: other generators' syntax translated first.
    let body = markdown::liquid::translate(body, &markdown::liquid::Dialects::default()).text;
    let mut text = String::new();
    let mut in_code = false;
    // Inside a `<script>` or `<style>`, whose text is no words of the post.
    let mut hidden = false;
    for event in Parser::new_ext(&body, markdown::OPTIONS) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ if in_code => {}
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => {
                text.push(' ');
                text.push_str(&crate::render::context::plain_text(&shown_html(
                    &h,
                    &mut hidden,
                )));
            }
            // The first block with words ends them.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::HtmlBlock
                | TagEnd::TableHead,
            ) if !text.trim().is_empty() => break,
            Event::End(_) => text.push(' '),
            _ => {}
        }
        if text.len() > 4 * OPENING_WORDS {
            break;
        }
    }
    let text = crate::text::scrub(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let sentence = text
        .match_indices(['.', '!', '?', '。', '！', '？'])
        .find(|&(at, mark)| {
            let after = &text[at + mark.len()..];
            // `Dr. Smith`, `A. Writer`: a short capitalised word's stop ends no sentence.
            let word = text[..at].rsplit(' ').next().unwrap_or("");
            let abbreviation =
                mark == "." && word.len() <= 3 && word.starts_with(char::is_uppercase);
            (after.is_empty() || after.starts_with(' ') || mark.len() > 1) && !abbreviation
        })
        .map_or(text.as_str(), |(at, mark)| match mark {
            "." => &text[..at],
            _ => &text[..at + mark.len()],
        });
    let sentence = sentence.trim();
    if sentence.is_empty() {
        return None;
    }
    if sentence.chars().count() <= OPENING_WORDS {
        return Some(sentence.to_string());
    }
    let cut = sentence
        .char_indices()
        .nth(OPENING_WORDS)
        .map_or(sentence.len(), |(at, _)| at);
    let cut = sentence[..cut]
        .rfind(' ')
        .filter(|&at| at > 0)
        .unwrap_or(cut);
    Some(format!(
        "{}…",
        sentence[..cut].trim_end_matches([',', ';', ':', ' '])
    ))
}

/// HTML without its scripts and styles, whose text is no words of the post: `hidden` says
/// whether one is open where `html` starts, and whether one still is where it ends.
fn shown_html(html: &str, hidden: &mut bool) -> String {
    let mut shown = String::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while at < html.len() {
        if *hidden {
            let close = ["</script", "</style"]
                .iter()
                .filter_map(|c| lower[at..].find(c))
                .min();
            match close.and_then(|c| lower[at + c..].find('>').map(|g| at + c + g + 1)) {
                Some(after) => (at, *hidden) = (after, false),
                None => break,
            }
        } else {
            let open = ["<script", "<style"]
                .iter()
                .filter_map(|o| lower[at..].find(o))
                .min();
            match open {
                Some(o) => {
                    shown.push_str(&html[at..at + o]);
                    (at, *hidden) = (at + o, true);
                }
                None => {
                    shown.push_str(&html[at..]);
                    break;
                }
            }
        }
    }
    shown
}

/// The most characters of [`opening_words`].
const OPENING_WORDS: usize = 60;

const HEXO_LIST_PAGE: &str = "skipped: a Hexo page whose `type` asks its theme for a list \
     (tags, categories, archives); gazette makes its own";

const THEME_LIST_PAGE: &str = "skipped: a page whose `layout` asks its theme for a list or a \
     search (tags, categories, archive, posts, search), whose `permalink` is the 404 page, or \
     a docs site's own tags or search page; gazette makes its own";

/// The layouts Jekyll's and Hugo's themes (minimal-mistakes, Chirpy, PaperMod) fill with a
/// list of the site's posts or a search: gazette makes those pages itself.
const LIST_LAYOUTS: [&str; 10] = [
    "tags",
    "tag",
    "categories",
    "category",
    "archive",
    "archives",
    "posts",
    "search",
    "collection",
    "home",
];

/// A Markdown file's bytes as text: UTF-8, or UTF-16 with its byte-order mark (Windows
/// editors save it so; what it says is kept); else the line of the first bad byte and why.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Cow::Borrowed(t)),
        Err(e) => match utf16_text(bytes) {
            Some(Ok(t)) => Ok(Cow::Owned(t)),
            Some(Err(line)) => Err(Problem::new(line, 0, UTF16_BROKEN)),
            None => {
                let bad = e.valid_up_to();
                let line = bytes[..bad].iter().filter(|b| **b == b'\n').count() + 1;
                let start = bytes[..bad]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1);
                // Valid UTF-8 up to `bad`: the column counts its characters.
                let column = String::from_utf8_lossy(&bytes[start..bad]).chars().count() + 1;
                Err(Problem::new(line, column, not_utf8(bytes, start)))
            }
        },
    }
}

const UTF16_BROKEN: &str =
    "is saved as UTF-16 (it starts with UTF-16's byte-order mark), but from this line on its \
     bytes are not UTF-16; save the file as UTF-8";

/// Why `bytes`, which are neither UTF-8 nor UTF-16, are no Markdown gazette reads; the
/// first bad byte is on the line starting at `line_start`. Text that is not UTF-8 was most
/// likely saved as Windows-1252 (or Latin-1, its subset) by an older editor or a Windows
/// export: the message shows that line read so, for the curator to recognise.
fn not_utf8(bytes: &[u8], line_start: usize) -> String {
    if bytes.contains(&0) {
        return "is not a text file (it holds binary data): only Markdown text belongs in a \
                Markdown file; rename it if it is a picture or a document"
            .to_string();
    }
    let line = bytes[line_start..]
        .split(|b| *b == b'\n')
        .next()
        .unwrap_or(&[]);
    let shown = |text: &str| {
        let text = text.trim();
        let shown: String = text.chars().take(60).collect();
        let more = if shown.len() < text.len() { "…" } else { "" };
        format!("{shown}{more}")
    };
    // Other characters that are UTF-8 say the file is UTF-8 but for a damaged byte or two:
    // read as Windows-1252, those characters would be garbled.
    let lossy = String::from_utf8_lossy(bytes);
    if lossy
        .chars()
        .any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER)
    {
        return format!(
            "is not valid UTF-8 at this byte (the rest of the file is UTF-8), where this line \
             reads \"{}\": retype the character shown as \u{fffd}",
            shown(&String::from_utf8_lossy(line))
        );
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(line);
    format!(
        "is not valid UTF-8; it may be Windows-1252 (Latin-1), where this line reads \
         \"{}\": if so, reopen the file in that encoding and save it as UTF-8",
        shown(&text)
    )
}

/// The text of UTF-16 bytes that open with a byte-order mark (either order): None without
/// one, else the text, or the line where it stops being UTF-16 (a lone surrogate, an odd
/// last byte).
fn utf16_text(bytes: &[u8]) -> Option<Result<String, usize>> {
    let (rest, unit): (_, fn([u8; 2]) -> u16) = match bytes {
        [0xff, 0xfe, rest @ ..] => (rest, u16::from_le_bytes),
        [0xfe, 0xff, rest @ ..] => (rest, u16::from_be_bytes),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let decoded: Result<String, _> = char::decode_utf16(units).collect();
    Some(match decoded {
        Ok(text) if rest.len() % 2 == 0 => Ok(text),
        // Where it stops: the lines whole before the first bad unit (or the odd byte).
        _ => {
            let units = rest.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
            let good = char::decode_utf16(units).map_while(Result::ok);
            Err(good.filter(|&c| c == '\n').count() + 1)
        }
    })
}

/// Reads a file, refusing more than [`MAX_ARTICLE_BYTES`]. Opens without blocking and checks
/// that what was opened is a regular file, so a file swapped for a FIFO after the walk can
/// never hang the build.
fn read_capped(path: &Path) -> Result<Vec<u8>, Problem> {
    let unreadable = |e: std::io::Error| Problem::value(format!("cannot read: {e}"));
    use std::io::Read;
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Problem::value("cannot read: not a regular file"));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_big(meta.len()));
    }
    // Read as long as it was when opened, in one read: sized from the metadata (from
    // empty, `read_to_end` starts with 32 bytes and doubles: ten reads for a 6 KiB
    // article), and limited to that size, so no second read only to find the end (10,000
    // system calls at 10k articles). A file that grows meanwhile is read as it was; the
    // cap holds.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

fn too_big(len: u64) -> Problem {
    Problem::value(format!(
        "is {:.1} MiB, larger than {} MiB, the limit for one article (is it really an article?)",
        len as f64 / 1024.0 / 1024.0,
        MAX_ARTICLE_BYTES / 1024 / 1024
    ))
}

/// Parses one file's text: front matter, checks, Markdown.
pub fn parse_document(
    text: &str,
    path: &Path,
    rel: String,
    kind: DocumentKind,
    config: &SiteConfig,
    options: &MarkdownOptions,
    hl: &Highlighter,
) -> (Option<Document>, Vec<Diagnostic>) {
    let text = frontmatter::normalize(text);
    let sidecar;
    // The file the front matter's problems are in: the post's, or its `.meta` file's.
    let mut front_matter_file = path.to_path_buf();
    let parsed = match frontmatter::split(&text) {
        // Nikola keeps the metadata of a post without any in `post.meta` beside it (looked
        // for only then: no stat per article).
        Err(problem) if frontmatter::lacks_front_matter(&text) => {
            let meta = path.with_extension("meta");
            sidecar = std::fs::read_to_string(&meta)
                .map(|t| metadata_front::nikola_sidecar(&frontmatter::normalize(&t)));
            if sidecar.is_ok() {
                front_matter_file = meta;
            }
            match &sidecar {
                Ok(meta) => Ok(frontmatter::Split {
                    syntax: frontmatter::Syntax::Metadata,
                    yaml: meta,
                    yaml_line: 1,
                    body: &text,
                    body_line: 1,
                }),
                Err(_) => Err(problem),
            }
        }
        split => split,
    }
    .and_then(|s| frontmatter::parse_front_matter(&s).map(|map| (s, map)));
    let to_diag = |p: Problem, warn: bool| {
        let file = front_matter_file.as_path();
        if warn {
            Diagnostic::warning(file, p.line, p.col, p.message)
        } else {
            Diagnostic::error(file, p.line, p.col, p.message)
        }
    };
    let stem = name_stem(&rel);
    // Hugo's translations by file name: `hello.en.md` on an English site is `hello`;
    // `hello.fr.md` beside it is a translation, and a site is built in one language.
    // A bundle's `index.en.md` keeps its name (only `index.md` names a bundle by its folder).
    let stem = match foreign::hugo_translation(stem) {
        Some((base, tag)) if same_language(tag, &config.language) && base != "index" => base,
        Some((_, tag)) if same_language(tag, &config.language) => stem,
        Some((base, tag)) if translated_beside(path, base, &config.language) => {
            return (None, vec![Diagnostic::warning(path, 0, 0, format!(
                "skipped: a translation into `{tag}` (Hugo's `{base}.{tag}` name) of a post in the site's language, `{}`; a site is built in one language",
                config.language
            ))]);
        }
        _ => stem,
    };
    let content_dir = content_dir_of(path, &rel);
    let site_root = content_dir.parent().unwrap_or(Path::new(""));
    let bare = || frontmatter::lacks_front_matter(&text);
    let (split, map) = match parsed {
        Ok(v) => v,
        // A documentation generator's page needs no front matter (its title is its
        // opening heading); looked for only then.
        Err(_) if bare() && foreign::docs_root(path, site_root).is_some() => {
            let split = frontmatter::Split {
                syntax: frontmatter::Syntax::Yaml,
                yaml: "",
                yaml_line: 1,
                body: &text,
                body_line: 1,
            };
            (split, frontmatter::RawMap::default())
        }
        // A repository's README and such, without front matter, are not articles.
        Err(_)
            if is_repository_file(document_stem(rel.rsplit('/').next().unwrap_or(&rel)))
                && bare() =>
        {
            return (None, vec![Diagnostic::warning(path, 0, 0, REPOSITORY_FILE)]);
        }
        Err(p) => return (None, vec![to_diag(p, false)]),
    };
    let mut map = fields::known_keys_in_any_case(map);
    // A post that asks its theme for math (Chirpy's and Hugo themes' `math: true`, or
    // `mathjax`, `katex`) keeps its TeX as written.
    let math_options;
    let asks_math = ["math", "mathjax", "katex"]
        .iter()
        .any(|key| map.get(*key).and_then(|v| fields::as_bool(&v.value)) == Some(true));
    let options = match asks_math {
        true => {
            math_options = MarkdownOptions {
                math: true,
                ..*options
            };
            &math_options
        }
        false => options,
    };
    // An empty `date: ''` (Medium's converters write it on drafts) or `date:` is no date:
    // the file name's or folders' date, or a draft's last save, stands in as when there is
    // none, and an article without any is told so.
    let blank = |d: &located::Located| d.value.is_null() || fields::is_blank(&d.value);
    if map.get("date").is_some_and(blank) {
        map.remove("date");
    }
    let separator = map
        .get("excerpt_separator")
        .and_then(|v| v.value.as_str())
        .map(str::to_owned);
    // The folders above the post's name, or above its bundle's folder.
    let depth = 1 + usize::from(bundle_name(&rel).is_some());
    let folders = rel.rsplitn(depth + 1, '/').nth(depth);
    // Docusaurus also reads `2023/05-20-roadmap.md`, the year a folder, and the date from
    // the folders alone, `2022/03/14/launch.md`: for a post without a `date`, which the
    // name's `05-20-` then does not keep in its URL.
    let year_named = || {
        if map.contains_key("date") {
            return None;
        }
        let year = folders?.rsplit('/').next().filter(|y| y.len() == 4)?;
        let b = stem.as_bytes();
        let month_day =
            b.len() >= 5 && b[2] == b'-' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
        if !month_day {
            return None;
        }
        let named = format!("{year}-{stem}");
        let (date, rest) = dates::date_prefix(&named)?;
        Some((date, &stem[stem.len() - rest.len()..]))
    };
    let (file_date, stem_slug) = match dates::date_prefix(stem).or_else(year_named) {
        Some((d, rest)) => (Some(d), rest),
        None => (folders.and_then(|f| dates::folder_date(f.split('/'))), stem),
    };
    let dated = file_date.is_some() || map.contains_key("date");
    if markdown_stem(&rel).is_none() && !dated {
        return (None, vec![Diagnostic::warning(path, 0, 0, UNDATED_HTML)]);
    }
    // `jekyll new` writes its front page as `index.markdown` with `layout: home`, VuePress
    // its own as `README.md` with `home: true`.
    let home = map
        .get("home")
        .is_some_and(|v| v.value == serde_json::Value::Bool(true));
    let layout_only = stem == "index" && map.contains_key("layout") && !map.contains_key("title");
    if !dated && (layout_only || home) {
        return (
            None,
            vec![Diagnostic::warning(path, 0, 0, OTHER_FRONT_PAGE)],
        );
    }
    // A draft stays a post, as in Jekyll.
    // Jekyll's `_drafts/`, and a Medium draft as its converters name it.
    let jekyll_draft = rel.split('/').any(|folder| folder == "_drafts");
    let in_drafts_folder = jekyll_draft || foreign::is_medium_draft(stem);
    let hexo_page =
        rel.contains("source/") && foreign::is_hexo_page(&content_dir_of(path, &rel), &rel);
    // `hexo new page tags` writes `source/tags/index.md` with `type: tags` for the theme to
    // fill in with its list: gazette makes its own lists.
    let typed = map.get("type").and_then(|t| t.value.as_str());
    if hexo_page && typed.is_some_and(|t| matches!(t, "tags" | "categories" | "archives")) {
        return (None, vec![Diagnostic::warning(path, 0, 0, HEXO_LIST_PAGE)]);
    }
    let text = |key: &str| map.get(key).and_then(|v| v.value.as_str()).map(str::trim);
    let list_layout = text("layout").is_some_and(|l| LIST_LAYOUTS.contains(&l));
    let not_found = text("permalink").is_some_and(|p| matches!(p, "/404.html" | "/404/"));
    // Only in another generator's repository: a curator's own page may use any layout.
    let theme_page = || foreign::in_jekyll_or_hugo_site(path, site_root);
    if !dated && (list_layout || not_found) && theme_page() {
        return (None, vec![Diagnostic::warning(path, 0, 0, THEME_LIST_PAGE)]);
    }
    let docs_root = (!dated)
        .then(|| foreign::docs_root(path, site_root))
        .flatten();
    // A docs site's own tag or search page (Material for MkDocs' `tags.md`) is gazette's.
    let list_named = ["tags", "search", "archive", "categories"].contains(&stem);
    if list_named && docs_root.is_some() {
        return (None, vec![Diagnostic::warning(path, 0, 0, THEME_LIST_PAGE)]);
    }
    // Docusaurus makes no page of a `_` file or folder: other pages include it.
    let below_docs = docs_root
        .as_ref()
        .and_then(|r| path.strip_prefix(&r.dir).ok());
    let partial = below_docs.is_some_and(|below| {
        below
            .iter()
            .any(|part| part.to_string_lossy().starts_with('_'))
    });
    if partial && docs_root.as_ref().is_some_and(|r| r.docusaurus) {
        return (
            None,
            vec![Diagnostic::warning(path, 0, 0, DOCUSAURUS_PARTIAL)],
        );
    }
    // Jekyll and Hugo publish any file without a date (outside Jekyll's `_posts/`) as a
    // page: an about page, a theme's tabs.
    let standalone = fields::excluded_from_collections(&map)
        || !dated
            && (is_standalone_page(&map)
                || docs_root.is_some()
                || foreign::pages_site(path, site_root).is_some())
        || hexo_page;
    let kind = if kind == DocumentKind::Article && standalone && !in_drafts_folder {
        DocumentKind::Page
    } else {
        kind
    };
    let untitled = map
        .get("title")
        .is_none_or(|t| t.value.is_null() || t.value.as_str().is_some_and(|s| s.trim().is_empty()));
    // Only a Markdown body's `#` is a heading (an HTML post's is text).
    let heading = markdown_stem(&rel)
        .is_some()
        .then(|| opening_heading(split.body))
        .flatten();
    let heading_title = heading.as_ref().map(|(_, text)| plain_heading(text));
    let opening_words = (untitled && heading.is_none())
        .then(|| opening_words(split.body))
        .flatten();
    // What a post's Jekyll site says of it: where Jekyll published it (the build redirects
    // from there), its time zone and summary separator; its `_config.yml` read once.
    let jekyll_site = rel
        .split('/')
        .any(|folder| folder == "_posts")
        .then(|| foreign::jekyll_site(path, site_root, &content_dir))
        .flatten();
    let ctx = fields::FieldContext {
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        toml: split.syntax == frontmatter::Syntax::Toml,
        tz: &config.timezone,
        file_date,
        date_required: kind == DocumentKind::Article,
        in_drafts_folder,
        jekyll_post: jekyll_draft || rel.split('/').any(|folder| folder == "_posts"),
        file_name: stem_slug,
        jekyll_site: jekyll_site.as_ref(),
        undated_draft: &|| {
            let saved = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
            let saved = jiff::Timestamp::try_from(saved).ok()?;
            Some(saved.to_zoned_datetime(config.timezone.clone()))
        },
        heading: heading_title.as_deref().filter(|_| untitled),
        opening_words: opening_words.as_deref(),
    };
    let positions = KeyPositions::of(&map);
    let checked = fields::check(map, &ctx);
    let mut diags: Vec<Diagnostic> = checked
        .errors
        .into_iter()
        .map(|p| to_diag(p, false))
        .collect();
    diags.extend(checked.warnings.into_iter().map(|p| to_diag(p, true)));
    // Jekyll read its posts' dates in its site's time zone; gazette reads them in its own.
    // Said once, at the setting: every post of the site finds it.
    // A zone jiff does not know is suggested to no one; `Etc/UTC` is site.toml's `UTC`.
    let jekyll_zone = jekyll_site.as_ref().and_then(|j| j.timezone.as_ref());
    let differs = |zone: &str| {
        jiff::tz::TimeZone::get(zone).is_ok_and(|tz| {
            let utc =
                |tz: &jiff::tz::TimeZone| tz.to_fixed_offset().is_ok_and(|o| o.seconds() == 0);
            config.timezone.iana_name() != Some(zone) && !(utc(&tz) && utc(&config.timezone))
        })
    };
    if let Some((zone, file, line)) = jekyll_zone.filter(|(z, _, _)| differs(z)) {
        let site = config.timezone.iana_name().unwrap_or("UTC");
        diags.push(Diagnostic::warning(file, *line, 0, format!(
            "the Jekyll site's `_config.yml` sets `timezone: {zone}`, and site.toml's `timezone` is `{site}`: dates are read and shown in {site}, so a post near midnight may fall on another day than Jekyll gave it; set `timezone = \"{zone}\"` in site.toml"
        )));
    }
    let Some(mut front_matter) = checked.front_matter else {
        return (None, diags);
    };
    let slug_source = front_matter.slug.as_deref().unwrap_or(stem_slug);
    // A file named by its date alone (`2021-01-05.md`, a daily note) goes by its title.
    let slug = match slug::slugify(slug_source) {
        s if s.is_empty() => slug::slugify_or(&front_matter.title, "article", &rel),
        s => s,
    };
    // A documentation generator's page keeps its folders, as that generator publishes it
    // (`guide/install.md` is `/guide/install/`, `guide/README.md` `/guide/`), unless its
    // front matter names its own slug.
    let (folder, slug) = match &docs_root {
        Some(root) if kind == DocumentKind::Page => {
            let below = path.strip_prefix(&root.dir).unwrap_or(path);
            let own = front_matter.slug.as_deref();
            match docs_place(below, slug.clone(), own, root.docusaurus) {
                Some(place) => place,
                // The docs' own front page, gazette makes its own; one given a title (or
                // a `slug: /` of its own) is a page by its file's name.
                None if untitled => {
                    return (None, vec![Diagnostic::warning(path, 0, 0, DOCS_FRONT_PAGE)]);
                }
                None => (String::new(), slug),
            }
        }
        _ => (String::new(), slug),
    };
    let dir = rel
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    // Relative links resolve against where the document is published (crate::urls).
    let date = front_matter.date.as_ref();
    let page_path = crate::digest::path_for(kind, date, &folder, &slug, config)
        .unwrap_or_else(|| format!("/{dir}"));
    let beside = |file: &str| {
        walk::is_copied_file(&content_dir, file).then(|| {
            foreign::root_output(&content_dir, file)
                .unwrap_or(file)
                .to_string()
        })
    };
    let html_body;
    let without_heading;
    // A document that is not Markdown is an `.html` post (walk.rs): its indentation is
    // HTML's, not Markdown's code blocks. A heading that is the title (taken as it, or
    // repeating the front matter's, as many editors and exports write a post) is shown
    // once, as the title: its line stays, empty, so later lines keep their numbers.
    let repeats_title = || {
        heading_title
            .as_deref()
            .is_some_and(|h| same_words(h, &front_matter.title))
    };
    let body_text = if markdown_stem(&rel).is_none() {
        html_body = unindent_html(split.body);
        html_body.as_str()
    } else if let Some((line, _)) =
        heading.filter(|_| checked.title_from_heading || repeats_title())
    {
        // A setext heading's two lines leave their line break.
        let breaks = "\n".repeat(split.body[line.clone()].matches('\n').count());
        without_heading = format!(
            "{}{breaks}{}",
            &split.body[..line.start],
            &split.body[line.end..]
        );
        without_heading.as_str()
    } else {
        split.body
    };
    let vault = (body_text.contains("[[") || body_text.contains("%%"))
        .then(|| foreign::obsidian_vault(path, site_root))
        .flatten();
    let file_stem = document_stem(rel.rsplit('/').next().unwrap_or(&rel));
    let bundle = file_stem == "index" || bundle_name(&rel).is_some();
    let mut look_in = Vec::new();
    if !bundle {
        look_in.push(format!("{dir}{file_stem}/"));
    }
    if let Some(vault) = vault {
        // A vault above content/ (the site's own folder) is read from content/.
        let folder = foreign::folder_in(&content_dir, vault).unwrap_or_default();
        let setting = foreign::obsidian_attachments(vault, &folder, &dir);
        let attachments = format!("{folder}attachments/");
        look_in.extend(setting);
        look_in.extend([folder, attachments]);
    }
    let base = crate::urls::DocBase {
        site_url: &config.base_url,
        page_path: &page_path,
        dir: &dir,
        bundle,
        look_in: &look_in,
        beside: &beside,
    };
    // Pelican's folders are looked for only when a marker is there to read (a stat or two
    // per article otherwise).
    let pelican_markers = [
        "{filename}",
        "|filename|",
        "{static}",
        "|static|",
        "{attach}",
    ]
    .iter()
    .any(|m| body_text.contains(m));
    let dialects = markdown::liquid::Dialects {
        html: markdown_stem(&rel).is_none(),
        obsidian: vault.is_some(),
        pelican: pelican_markers
            .then(|| {
                foreign::pelican_content(path, &content_dir)
                    .or_else(|| (split.syntax == frontmatter::Syntax::Metadata).then(String::new))
            })
            .flatten(),
    };
    // Jekyll's own summary separator, the post's or its site's.
    let separator = separator.or_else(|| jekyll_site.as_ref()?.excerpt_separator.clone());
    let marked = match &separator {
        Some(separator) => markdown::summary_marked_by(body_text, separator),
        None => Cow::Borrowed(body_text),
    };
    let marked = match markdown::liquid::without_ghost_url(&marked) {
        Cow::Owned(text) => Cow::Owned(text),
        Cow::Borrowed(_) => marked,
    };
    let translated = markdown::liquid::translate(&marked, &dialects);
    if let Some(left) = &translated.leftover {
        diags.push(template_syntax_warning(path, split.body_line, left));
    }
    let mut body = markdown::render_in(&translated.text, &slug, Some(&base), options, hl);
    for link in &mut body.links {
        link.line = translated.source_line(link.line);
    }
    for line in &mut body.images_without_alt {
        *line = translated.source_line(*line);
    }
    let file_line = |body_line: usize| split.body_line + translated.source_line(body_line) - 1;
    if let Some(warning) = removed_html_warning(path, &body.removed_html, file_line) {
        diags.push(warning);
    }
    // One copy of the summary, in the document (a big site keeps every document in memory).
    let body_summary = std::mem::take(&mut body.summary_html);
    let (summary_html, summary_links) = match &front_matter.summary {
        Some(summary) => markdown::render_summary(summary, Some(&base), options, hl),
        None => (body_summary, Vec::new()),
    };
    // Eleventy's `post` tag names its collection of posts, not a topic: in an Eleventy
    // site (looked for only when the tag is there), no tag.
    let collection_tag =
        |t: &String| t.eq_ignore_ascii_case("post") || t.eq_ignore_ascii_case("posts");
    if front_matter.tags.iter().any(collection_tag)
        && foreign::below_eleventy_config(path, site_root)
    {
        front_matter.tags.retain(|t| !collection_tag(t));
    }
    if let Some(image) = front_matter.image.take() {
        front_matter.image = Some(image_found(path, &content_dir, image));
    }
    // A Hugo bundle's `featured.jpg` is its picture (Wowchemy's and other themes' rule).
    if front_matter.image.is_none() && bundle_name(&rel).is_some() {
        let dir = path.parent().unwrap_or(Path::new(""));
        front_matter.image = [
            "featured.jpg",
            "featured.jpeg",
            "featured.png",
            "featured.webp",
        ]
        .iter()
        .find(|name| dir.join(name).is_file())
        .map(|name| name.to_string());
    }
    // Docusaurus names a post's authors by their keys in the blog's `authors.yml` (looked
    // for only when an author is written as a key: `slorber`, `jo-ann`).
    let key = |a: &String| {
        !a.is_empty()
            && a.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b))
    };
    if front_matter.authors.iter().any(key) {
        let keys: Vec<&str> = front_matter.authors.iter().map(String::as_str).collect();
        let names = foreign::docusaurus_author_names(path, site_root, &keys);
        for (author, name) in front_matter.authors.iter_mut().zip(names) {
            if let Some(name) = name {
                *author = name;
            }
        }
    }
    let body_line = split.body_line;
    if !front_matter.draft {
        if let Some(found) = placeholder::find(split.body) {
            let kind = DiagnosticKind::PlaceholderText {
                command: found.command.to_string(),
                wanted: found.wanted.to_string(),
            };
            diags.push(Diagnostic::of(kind, path, body_line + found.line - 1, 1));
            return (None, diags);
        }
    }
    let doc = Document {
        path: path.to_path_buf(),
        rel,
        kind,
        front_matter,
        slug,
        folder,
        body,
        summary_html,
        summary_links,
        body_line,
        positions,
    };
    (Some(doc), diags)
}

/// The `content/` folder on disk, from a document's path and its path relative to it.
const REPOSITORY_FILE: &str = "skipped: a README, licence or changelog without front matter is \
     not an article (give it front matter to publish it)";

const UNDATED_HTML: &str = "skipped: an HTML page with front matter but no date is another \
     generator's page or template (gazette makes its own front page, 404 page and feeds); \
     give it a `date:` to publish it as a story";

const DOCUSAURUS_PARTIAL: &str = "skipped: Docusaurus makes no page of a file or folder whose \
     name starts with `_`: it is a part other pages include";

const DOCS_FRONT_PAGE: &str = "skipped: the documentation's own front page (its root \
     `index.md` or `README.md`, without a title); gazette makes its own; give it a `title:` to \
     publish it as a page";

const OTHER_FRONT_PAGE: &str = "skipped: another generator's front page (an `index` file \
     with a `layout:` and no title, or VuePress's `home: true`) without a date; gazette makes \
     its own; give it a `title:` and a `date:` to publish it as a story";

/// README, LICENSE, CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT (any case): files a
/// repository keeps beside its posts.
fn is_repository_file(stem: &str) -> bool {
    let name = stem.rsplit('/').next().unwrap_or(stem).to_ascii_uppercase();
    [
        "README",
        "LICENSE",
        "LICENCE",
        "CHANGELOG",
        "CONTRIBUTING",
        "CODE_OF_CONDUCT",
    ]
    .contains(&name.as_str())
}

/// An HTML post's lines without their leading whitespace (outside `<pre>`, `<textarea>`,
/// `<script>` and `<style>`, where it is content), so Markdown reads every tag as HTML
/// rather than indented lines after a blank one as a code block. Line numbers stay.
fn unindent_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut verbatim: Option<&str> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        at += line.len();
        let lower = line.to_ascii_lowercase();
        out.push_str(if verbatim.is_some() {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        });
        // WordPress's code shortcodes on their own line, closed below (made `<pre>`s by
        // liquid.rs).
        let shortcode = lower.trim();
        for (open, close) in [("[sourcecode", "[/sourcecode]"), ("[code", "[/code]")] {
            let opens = shortcode
                .strip_prefix(open)
                .is_some_and(|rest| rest.starts_with([' ', ']']) && rest.ends_with(']'));
            if verbatim.is_none() && opens && body[at..].contains(close) {
                verbatim = Some(close);
            }
        }
        if let Some(end) = verbatim {
            if lower.contains(end) {
                verbatim = None;
            }
        }
        for (open, close) in [
            ("<pre", "</pre"),
            ("<textarea", "</textarea"),
            ("<script", "</script"),
            ("<style", "</style"),
        ] {
            if let Some(at) = lower.rfind(open) {
                if !lower[at..].contains(close) {
                    verbatim = Some(close);
                }
            }
        }
    }
    out
}

/// One warning naming the raw HTML elements a page lost to sanitizing (players, scripts,
/// forms), so an embed never disappears without a word.
fn removed_html_warning(
    path: &Path,
    removed: &[(String, usize)],
    file_line: impl Fn(usize) -> usize,
) -> Option<Diagnostic> {
    let (_, first_line) = removed.first()?;
    let mut named: Vec<String> = Vec::new();
    for (name, line) in removed {
        let item = format!("<{name}> (line {})", file_line(*line));
        if named.len() < 5 && !named.iter().any(|n| n.starts_with(&format!("<{name}>"))) {
            named.push(item);
        }
    }
    Some(Diagnostic::warning(
        path,
        file_line(*first_line),
        0,
        format!(
            "raw HTML left out of the page: {}; only safe HTML is published \
             (`[markdown] unsafe_html = true` in site.toml keeps it, if every author is trusted)",
            named.join(", ")
        ),
    ))
}

/// The name a document's slug and date prefix come from: its file name without the
/// extension, or for a page bundle (Hugo, Zola: `2024-05-02-harbour/index.md` beside its
/// pictures; a TextBundle) the folder's name. Middleman's `post.html.md` is `post`, and
/// Notion's `Trip to the coast 1a2b…` (its page id after the title) is `Trip to the coast`.
fn name_stem(rel: &str) -> &str {
    let stem =
        bundle_name(rel).unwrap_or_else(|| document_stem(rel.rsplit('/').next().unwrap_or("")));
    let cut = stem.len().saturating_sub(".html".len());
    let stem = match stem.get(cut..) {
        Some(ext) if cut > 0 && ext.eq_ignore_ascii_case(".html") => &stem[..cut],
        _ => stem,
    };
    foreign::without_notion_id(stem)
}

/// True when the language tag `tag` names the language of `site` (`en` and `en-GB` do).
fn same_language(tag: &str, site: &str) -> bool {
    let primary = |t: &str| t.split(['-', '_']).next().unwrap_or(t).to_ascii_lowercase();
    primary(tag) == primary(site)
}

/// True when the post `base` exists beside `path` in the site's language: as `base.md` (any
/// of the same extension) or as Hugo's `base.<language>.md`.
fn translated_beside(path: &Path, base: &str, language: &str) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    [format!("{base}.{ext}"), format!("{base}.{primary}.{ext}")]
        .iter()
        .any(|name| path.with_file_name(name).is_file())
}

fn content_dir_of(path: &Path, rel: &str) -> PathBuf {
    let depth = rel.split('/').count();
    path.ancestors()
        .nth(depth)
        .map_or_else(|| PathBuf::from("content"), Path::to_path_buf)
}

/// The warning for template syntax gazette publishes as written.
fn template_syntax_warning(
    path: &Path,
    body_line: usize,
    left: &markdown::liquid::Leftover,
) -> Diagnostic {
    let kind = DiagnosticKind::TemplateSyntax {
        example: left.example.to_string(),
        count: left.count,
    };
    Diagnostic::of(kind, path, body_line + left.line - 1, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> &'static SiteConfig {
        static CONFIG: std::sync::OnceLock<SiteConfig> = std::sync::OnceLock::new();
        CONFIG.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("site.toml"),
                "title = \"T\"\nbase_url = \"https://example.org/\"\n",
            )
            .unwrap();
            SiteConfig::load(dir.path()).unwrap_or_else(|_| panic!("test site.toml"))
        })
    }

    #[test]
    fn an_untitled_notes_title_is_its_first_sentence() {
        let words = |body: &str| opening_words(body);
        assert_eq!(
            words("\nWalked to the harbour. The ferry was late.\n").as_deref(),
            Some("Walked to the harbour")
        );
        assert_eq!(
            words("![](p.jpg)\n\nIs the *tide* out? Yes.").as_deref(),
            Some("Is the tide out?")
        );
        assert_eq!(
            words("<p><img src=\"a.jpg\"></p>\n<p>Rain &amp; wind today</p>").as_deref(),
            Some("Rain & wind today")
        );
        assert_eq!(
            words("A long morning walk along the old sea wall, past the lighthouse and the fish market, then home").as_deref(),
            Some("A long morning walk along the old sea wall, past the…")
        );
        assert_eq!(
            words("港の朝。フェリーが遅れた。").as_deref(),
            Some("港の朝。")
        );
        assert_eq!(
            words("Version 1.2 is out").as_deref(),
            Some("Version 1.2 is out")
        );
        assert_eq!(words("![](only-a-photo.jpg)\n"), None);
        assert_eq!(
            words("## Weekly links\n\nThree things.").as_deref(),
            Some("Weekly links")
        );
        assert_eq!(
            words("- one item\n- two item\n").as_deref(),
            Some("one item")
        );
        assert_eq!(
            words("| Team | Score |\n|---|---|\n| Harbour | 3 |\n").as_deref(),
            Some("Team Score")
        );
        assert_eq!(
            words("Short note.^[With a footnote.] More text.").as_deref(),
            Some("Short note")
        );
        assert_eq!(
            words("- [x] Done task item. Yes.").as_deref(),
            Some("Done task item")
        );
        assert_eq!(
            words("~~Struck~~ new words.").as_deref(),
            Some("Struck new words")
        );
        assert_eq!(
            words("<blockquote><p>Launching the ferry today!</p></blockquote> <script async src=\"w.js\"></script>").as_deref(),
            Some("Launching the ferry today!")
        );
        assert_eq!(
            words("<script>alert(1)</script>\n<style>.x{color:red}</style>\n\nReal words.")
                .as_deref(),
            Some("Real words")
        );
        assert_eq!(
            words("```sh\nrm -rf build/\n```\n\nBuilt it.").as_deref(),
            Some("Built it")
        );
        assert_eq!(
            words("{% youtube abc %}\n\nMet Dr. Smith at the pier. Then left.").as_deref(),
            Some("https://www.youtube.com/watch?v=abc")
        );
        assert_eq!(
            words("Met Dr. Smith at the pier. Then left.").as_deref(),
            Some("Met Dr. Smith at the pier")
        );
    }

    #[test]
    fn a_heading_title_is_its_plain_text() {
        assert_eq!(
            plain_heading("The *big* news, C# and `code` [linked](https://a.example/) {#news}"),
            "The big news, C# and code linked"
        );
        assert_eq!(plain_heading("Sets {a, b}"), "Sets {a, b}");
        assert_eq!(plain_heading("1. Not a list"), "1. Not a list");
    }

    #[test]
    fn html_lines_lose_their_indent_but_code_keeps_it() {
        let body = "<p>A</p>\n[code]\n    x\n[/code]\n  <p>B</p>\n";
        assert_eq!(
            unindent_html(body),
            "<p>A</p>\n[code]\n    x\n[/code]\n<p>B</p>\n"
        );
        // An unclosed shortcode keeps nothing verbatim.
        let open = "[code]\n    <div>x</div>\n";
        assert_eq!(unindent_html(open), "[code]\n<div>x</div>\n");
    }

    #[test]
    fn an_opening_heading_is_found_with_its_line() {
        let body = "\n\n  # Ferry news ##\ntext\n";
        let (line, text) = opening_heading(body).unwrap();
        assert_eq!((&body[line], text), ("  # Ferry news ##", "Ferry news"));
        assert_eq!(opening_heading("# C# tips\n").unwrap().1, "C# tips");
        assert_eq!(opening_heading("#\n").unwrap().1, "");
        let setext = "\nFerry news \n====\ntext\n";
        let (line, text) = opening_heading(setext).unwrap();
        assert_eq!((&setext[line], text), ("Ferry news \n====", "Ferry news"));
        for not_one in [
            "#tag\n",
            "## Two\n",
            "    # code\n",
            "text\n# Later\n",
            "",
            "Two\n---\n",
            "- item\n===\n",
            "Title\n= =\n",
            "Title\n",
        ] {
            assert_eq!(opening_heading(not_one), None, "{not_one:?}");
        }
    }

    #[test]
    fn documents_keep_where_their_keys_are_written() {
        let options = MarkdownOptions::default();
        let text = "\n---\ntitle: A\ntags:\n  - Rust\nsummary: >\n  Folded.\nslug: a\ndraft: true\n---\nbody\n";
        let (doc, diags) = parse_document(
            text,
            Path::new("content/a.md"),
            "a.md".into(),
            DocumentKind::Page,
            config(),
            &options,
            &Highlighter::new(),
        );
        assert!(diags.is_empty(), "{diags:?}");
        let p = doc.expect("a document").positions;
        assert_eq!(p.key_line(&["slug", "title"]), Some(8));
        assert_eq!(p.key_line(&["nothing", "title"]), Some(3));
        assert_eq!(p.first_line(&["draft", "title"]), Some(3));
        assert_eq!(p.key_line(&["date"]), None);
        let tags = p.get("tags").unwrap();
        assert_eq!((tags.key_line, tags.line), (4, 5));
    }

    fn document_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("---\n".to_string()),
            Just("title: T\n".to_string()),
            Just("date: 2024-05-28\n".to_string()),
            Just("tags: [a, \"b/c\", 1]\n".to_string()),
            Just("slug: \"../x\"\n".to_string()),
            Just("source: {url: 'https://e.org/', name: n}\n".to_string()),
            Just("&#x1b;&#0;&#127;".to_string()),
            Just("> - [*_`".to_string()),
            Just("\r\n".to_string()),
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
    }

    proptest! {
           #[test]
           fn parse_document_never_panics_nor_leaks_controls(text in document_like()) {
               let options = MarkdownOptions {
    math: false, unsafe_html: false, highlight: false };
               let hl = Highlighter::new();
               let (doc, diags) = parse_document(
                   &text,
                   Path::new("content/x.md"),
                   "x.md".into(),
                   DocumentKind::Article,
                   config(),
                   &options,
                   &hl,
               );
               match doc {
                   Some(doc) => {
                       prop_assert!(!doc.slug.is_empty() && !doc.slug.contains(['/', '\\', '.']));
                       prop_assert!(!doc.body.html.chars().any(crate::text::is_forbidden_char));
                       prop_assert!(!doc.front_matter.title.chars().any(crate::text::is_forbidden_char));
                   }
                   None => prop_assert!(!diags.is_empty()),
               }
           }
       }
}
