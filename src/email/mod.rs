//! The email edition: for every edition, `email.html` (the theme's `email.html` template,
//! its CSS inlined), `email.txt` (the same edition as plain text) and `email.eml` (both as
//! one RFC 5322 message). `send` hands the message to an SMTP server.

mod encode;
pub mod html;
pub mod images;
mod inline;
pub mod message;
pub mod send;
pub mod text;

use rayon::prelude::*;
use tera::Value;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::digest::{Digest, Edition};
use crate::render::context::{abs, description, edition_view, Shared};
use crate::render::theme::Theme;
use crate::render::{OutputFile, PageSink};

/// The theme template an email edition is rendered from.
pub const TEMPLATE: &str = "email.html";

/// Gmail clips a message whose HTML is longer than 102 KB; stay below it.
pub const SIZE_LIMIT: usize = 102_000;

/// What every edition's email needs.
pub struct Input<'a> {
    pub digest: &'a Digest,
    pub config: &'a SiteConfig,
    pub shared: &'a Shared,
    pub theme: &'a Theme,
    /// The email stylesheets read so far, shared by the editions.
    pub sheets: inline::Sheets,
    /// The site's files, for the sizes of the images the emails show: listed on the first
    /// image, so a build whose emails have none never lists them.
    images: std::sync::OnceLock<images::Images<'a>>,
}

impl<'a> Input<'a> {
    pub fn new(
        digest: &'a Digest,
        config: &'a SiteConfig,
        shared: &'a Shared,
        theme: &'a Theme,
    ) -> Input<'a> {
        Input {
            digest,
            config,
            shared,
            theme,
            sheets: Default::default(),
            images: std::sync::OnceLock::new(),
        }
    }

    /// The `width` and `height` an email gives the image at `src` (see [`images`]).
    pub fn image_size(&self, src: &str) -> Option<(u32, u32)> {
        self.images
            .get_or_init(|| images::Images::new(self.digest, self.theme, self.config))
            .size(src)
    }
}

/// One edition's email, every part.
pub struct Email {
    pub html: String,
    pub text: String,
    pub eml: Vec<u8>,
    /// Stories shown in full; the rest of the edition is listed by title.
    pub full: usize,
}

/// The output path of an edition's email file (`email.html`, `email.txt`, `email.eml`).
pub fn file_path(edition_id: &str, name: &str) -> String {
    format!("editions/{edition_id}/{name}")
}

/// The email files of every edition, when the newsletter is on.
/// With a `sink`, the files are written to it and are [`crate::render::Body::Written`] in the result.
pub fn render_all(
    input: &Input,
    sink: Option<&dyn PageSink>,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let all: Vec<usize> = (0..input.digest.editions.len()).collect();
    render_editions(input, &all, sink, diags)
}

/// The email files of these editions (indices into `Digest::editions`), when the newsletter
/// is on. A template error is reported once; an edition cut to fit the size limit gets a
/// warning.
pub fn render_editions(
    input: &Input,
    which: &[usize],
    sink: Option<&dyn PageSink>,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let config = input.config;
    if !config.newsletter.enabled || which.is_empty() {
        return Vec::new();
    }
    // Each edition's files go to the sink (the build's staging folder) as soon as they are
    // made, as pages do, so a build never holds every email in memory.
    let made: Vec<Result<Made, tera::Error>> = which
        .par_iter()
        .map(|&e| render(input, e).map(|email| store(input, e, email, sink)))
        .collect();
    let mut files = Vec::with_capacity(made.len() * 3);
    for made in made {
        match made {
            Ok(made) => {
                files.extend(made.files);
                diags.extend(made.problems);
            }
            Err(e) => {
                let p = crate::render::theme::locate(&input.theme.template_files, TEMPLATE, &e);
                let problem = Diagnostic::error(&p.file, p.line, p.col, p.message);
                if !diags.iter().any(|d| *d == problem) {
                    diags.push(problem);
                }
            }
        }
    }
    files
}

/// An edition's email files, and the warning or write errors that came with them.
struct Made {
    files: Vec<OutputFile>,
    problems: Vec<Diagnostic>,
}

fn store(input: &Input, e: usize, email: Email, sink: Option<&dyn PageSink>) -> Made {
    let (config, edition) = (input.config, &input.digest.editions[e]);
    let mut problems = Vec::new();
    if email.html.len() > SIZE_LIMIT || cut_for_size(config, edition, email.full) {
        let listed = edition.stories.len() - email.full;
        let written = config.root.join(&config.output_dir);
        problems.push(Diagnostic::warning(
            &written.join(file_path(&edition.id, "email.html")),
            0,
            0,
            size_message(email.html.len(), email.full, listed),
        ));
    }
    let mut files = Vec::with_capacity(3);
    for (name, bytes) in [
        ("email.html", email.html.into_bytes()),
        ("email.txt", email.text.into_bytes()),
        ("email.eml", email.eml),
    ] {
        match crate::render::store(file_path(&edition.id, name), bytes, sink) {
            Ok(file) => files.extend(file),
            Err(message) => problems.push(Diagnostic::error(&config.root, 0, 0, message)),
        }
    }
    Made { files, problems }
}

/// True when the size limit, not `max_stories`, left stories out.
fn cut_for_size(config: &SiteConfig, edition: &Edition, full: usize) -> bool {
    let wanted = config
        .newsletter
        .max_stories
        .unwrap_or(usize::MAX)
        .min(edition.stories.len());
    full < wanted
}

fn size_message(bytes: usize, full: usize, listed: usize) -> String {
    if bytes > SIZE_LIMIT {
        format!("the email is {} KB even with every story listed by title only; mail programs such as Gmail clip it after 102 KB", bytes / 1000)
    } else {
        let split = match (full, listed) {
            (0, _) => "every story is listed by title".to_string(),
            (1, 1) => "the first story is in full, the other one listed by title".to_string(),
            (1, n) => format!("the first story is in full, the other {n} listed by title"),
            (n, 1) => format!("the first {n} stories are in full, the other one listed by title"),
            (n, m) => {
                format!("the first {n} stories are in full, the other {m} are listed by title")
            }
        };
        format!("too long for one email (Gmail clips after 102 KB): {split}, with a link to the edition page")
    }
}

/// Edition `e`'s email: as many stories in full as fit under [`SIZE_LIMIT`] (and
/// `max_stories`), the rest by title.
pub fn render(input: &Input, e: usize) -> Result<Email, tera::Error> {
    let edition = &input.digest.editions[e];
    let values = EditionValues::new(input, edition);
    let wanted = input
        .config
        .newsletter
        .max_stories
        .unwrap_or(usize::MAX)
        .min(edition.stories.len());
    let mut full = wanted;
    let mut html = html::render(input, &values, full)?;
    if html.len() > SIZE_LIMIT {
        // The largest count that fits: `fits` does, `over` does not. Size grows about
        // linearly with the count, so the next guess is interpolated from the two sizes
        // known, which lands near the answer at once; every other step halves the range,
        // so an uneven edition still takes no more steps than a binary search, twice over.
        let (mut fits, mut over, mut over_len) = (0, full, html.len());
        html = html::render(input, &values, 0)?;
        let mut interpolate = true;
        while over - fits > 1 {
            let mid = if interpolate {
                let slope = (over_len - html.len()) as f64 / (over - fits) as f64;
                let room = SIZE_LIMIT.saturating_sub(html.len()) as f64;
                (fits + (room / slope.max(1.0)) as usize).clamp(fits + 1, over - 1)
            } else {
                (fits + over) / 2
            };
            interpolate = !interpolate;
            let candidate = html::render(input, &values, mid)?;
            if candidate.len() <= SIZE_LIMIT {
                (fits, html) = (mid, candidate);
            } else {
                (over, over_len) = (mid, candidate.len());
            }
        }
        full = fits;
    }
    let text = text::render(input, &values, full);
    let eml = message::compose(input, edition, &html, &text).map_err(|e| {
        tera::Error::message(format!(
            "composing the email of edition {}: {e}",
            edition.id
        ))
    })?;
    Ok(Email {
        html,
        text,
        eml,
        full,
    })
}

/// The values both parts show, made once per edition.
pub struct EditionValues<'a> {
    pub edition: &'a Edition,
    /// `edition_view` as a template value.
    pub view: Value,
    pub url: String,
    /// Each story's template value, its summary's URLs made absolute.
    pub stories: Vec<Value>,
    /// Each story's [`email_summary`], for the text part.
    pub summaries: Vec<String>,
    /// The first story's summary as plain text: the line mail programs show after the
    /// subject.
    pub preheader: String,
}

impl<'a> EditionValues<'a> {
    fn new(input: &Input, edition: &'a Edition) -> Self {
        let config = input.config;
        let summaries: Vec<String> = edition
            .stories
            .iter()
            .map(|&i| email_summary(config, &input.digest.stories[i]))
            .collect();
        let stories = edition
            .stories
            .iter()
            .zip(&summaries)
            .map(|(&i, summary)| email_story(input, i, summary))
            .collect();
        let preheader = edition
            .stories
            .first()
            .map(|&i| description(&input.digest.stories[i].doc.summary_html))
            .unwrap_or_default();
        EditionValues {
            edition,
            view: Value::from_serializable(&edition_view(config, edition)),
            url: abs(config, &format!("/editions/{}/", edition.id)),
            stories,
            summaries,
            preheader,
        }
    }
}

/// Story `i`'s template value with `summary_html` fit for a mail program: every URL
/// absolute, and (with `unsafe_html`) sanitized, since raw HTML may hold scripts and forms.
fn email_story(input: &Input, i: usize, summary: &str) -> Value {
    let mut map = input.shared.stories[i]
        .clone()
        .into_map()
        .unwrap_or_default();
    map.insert("summary_html".into(), Value::safe_string(summary));
    Value::from(map)
}

/// The deepest nesting of elements in `html`, counting start tags up and end tags down
/// (void elements and `/>` count for nothing). Unclosed elements count as open, so a
/// sloppy fragment reads deeper than it is, never shallower.
fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            depth = depth.saturating_sub(1);
            rest = after;
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let end = rest.find('>').unwrap_or(rest.len());
        if !VOID.contains(&name.as_str()) && !rest[..end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// How deeply a summary's elements may nest in an email. The inliner builds a tree and walks
/// it recursively: a summary of 250,000 nested quotes would overflow its stack. Deeper
/// summaries are shown as their plain text.
const MAX_DEPTH: usize = 100;

/// A story's summary HTML with every URL absolute (and sanitized with `unsafe_html`).
pub fn email_summary(config: &SiteConfig, story: &crate::digest::Story) -> String {
    let html = &story.doc.summary_html;
    if nesting_depth(html) > MAX_DEPTH {
        return format!("<p>{}</p>", crate::text::escape_html(&description(html)));
    }
    let cleaned;
    let html = if config.markdown.unsafe_html {
        cleaned = ammonia::clean(html);
        &cleaned
    } else {
        html
    };
    let permalink = abs(config, &story.path);
    crate::urls::rewrite_url_attributes(html, |a| {
        match crate::urls::absolute_in_feed(a.url, &permalink) {
            std::borrow::Cow::Owned(url) => Some(url),
            std::borrow::Cow::Borrowed(_) => None,
        }
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::nesting_depth;

    #[test]
    fn nesting_depth_counts_open_elements() {
        assert_eq!(nesting_depth("<p>a <em>b</em> <br> c</p><p>d</p>"), 2);
        assert_eq!(nesting_depth(&"<blockquote>".repeat(500)), 500);
        assert_eq!(nesting_depth("<img src=x><br/>text"), 0);
        assert_eq!(nesting_depth("a < b"), 0);
    }
}
