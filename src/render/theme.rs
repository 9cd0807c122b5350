//! The theme: templates compiled once into Tera, and the static files to copy. Layers, each
//! overriding the one before by file name: the default theme embedded in the binary, the
//! site's `themes/<name>/`, then the site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::content::{walk, Tree};
use crate::diagnostic::{Diagnostic, Diagnostics};

pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Output path (relative, `/`-separated) -> source.
    pub statics: BTreeMap<String, StaticSource>,
    /// Template name -> the file it came from, for error messages.
    pub template_files: BTreeMap<String, PathBuf>,
}

/// The templates the build renders; a theme must provide each.
pub const REQUIRED_TEMPLATES: [&str; 10] = [
    "index.html",
    "article.html",
    "page.html",
    "tags.html",
    "tag.html",
    "edition.html",
    "archive.html",
    "sources.html",
    "source.html",
    "404.html",
];

/// With search on, a theme without `search.html` (one made before search existed) is an
/// error naming where the template goes, rather than Tera's "template not found".
pub fn search_page_missing(theme: &Theme, root: &Path, theme_name: &str) -> Option<Diagnostic> {
    if theme.template_files.contains_key("search.html") {
        return None;
    }
    let place = root
        .join("themes")
        .join(theme_name)
        .join("templates")
        .join("search.html");
    Some(Diagnostic::error(
        &place,
        0,
        0,
        format!(
            "missing: search is on (`[search] enabled = true` in site.toml) and the theme \
             `{theme_name}` has no search page; copy the default theme's `search.html` there \
             (`gazette init DIR --eject-theme` writes it) or turn search off"
        ),
    ))
}

/// Loads the theme, its templates given the `t()` function for `strings`.
pub fn load(
    root: &Path,
    theme_name: &str,
    strings: &crate::i18n::Strings,
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    let mut statics: BTreeMap<String, StaticSource> = BTreeMap::new();
    if theme_name == "default" {
        add_embedded(&mut templates, &mut statics);
    }
    let theme_dir = root.join("themes").join(theme_name);
    if theme_name != "default" && !theme_dir.is_dir() {
        diags.push(Diagnostic::error(
            &root.join(crate::config::CONFIG_FILE),
            0,
            0,
            format!("`theme`: no folder themes/{theme_name}/"),
        ));
        return None;
    }
    for base in [theme_dir.clone(), root.to_path_buf()] {
        let rel_base = base
            .strip_prefix(root)
            .unwrap_or(&base)
            .to_string_lossy()
            .to_string();
        let join = |d: &str| {
            if rel_base.is_empty() {
                d.to_string()
            } else {
                format!("{rel_base}/{d}")
            }
        };
        let found = walk(root, &join("templates"), "", Tree::Templates, diags);
        for asset in found.assets {
            match std::fs::read_to_string(&asset.source) {
                Ok(text) => {
                    templates.insert(asset.output.clone(), (text, asset.source));
                }
                Err(e) => diags.push(Diagnostic::error(
                    &asset.source,
                    0,
                    0,
                    format!("cannot read template: {e}"),
                )),
            }
        }
        for asset in walk(root, &join("static"), "", Tree::Static, diags).assets {
            statics.insert(asset.output, StaticSource::Disk(asset.source));
        }
    }
    // A theme made before the email edition existed still gets one.
    if !templates.contains_key(crate::email::TEMPLATE) {
        if let Some(f) = DEFAULT_THEME.get_file(format!("templates/{}", crate::email::TEMPLATE)) {
            let text = String::from_utf8_lossy(f.contents()).into_owned();
            let path = PathBuf::from("<built-in theme>/templates").join(crate::email::TEMPLATE);
            templates.insert(crate::email::TEMPLATE.to_string(), (text, path));
        }
    }
    let tera = compile(&templates, strings, diags)?;
    let template_files = templates
        .into_iter()
        .map(|(name, (_, path))| (name, path))
        .collect();
    Some(Theme {
        tera,
        statics,
        template_files,
    })
}

fn add_embedded(
    templates: &mut BTreeMap<String, (String, PathBuf)>,
    statics: &mut BTreeMap<String, StaticSource>,
) {
    fn files(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            files(d, out);
        }
    }
    let mut all = Vec::new();
    files(&DEFAULT_THEME, &mut all);
    for f in all {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(f.contents()).into_owned();
            templates.insert(
                name.to_string(),
                (text, PathBuf::from("<built-in theme>").join(&path)),
            );
        } else if let Some(name) = path.strip_prefix("static/") {
            statics.insert(name.to_string(), StaticSource::Embedded(f.contents()));
        }
    }
}

fn compile(
    templates: &BTreeMap<String, (String, PathBuf)>,
    strings: &crate::i18n::Strings,
    diags: &mut Diagnostics,
) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    crate::i18n::register(&mut tera, strings);
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut ok = true;
    if let Err(e) = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (text, _))| (name.as_str(), text.as_str())),
    ) {
        let files = templates
            .iter()
            .map(|(name, (_, path))| (name.clone(), path.clone()))
            .collect();
        let p = locate(&files, "", &e);
        diags.push(Diagnostic::error(&p.file, p.line, p.col, p.message));
        ok = false;
    }
    for required in REQUIRED_TEMPLATES {
        if !templates.contains_key(required) {
            diags.push(Diagnostic::error(
                Path::new("templates"),
                0,
                0,
                format!("the theme has no `{required}` template"),
            ));
            ok = false;
        }
    }
    ok.then_some(tera)
}

/// A template problem where the user can fix it: the file the failing line is in (a site's
/// `templates/base.html`, not every page that extends it), its line and column, and the
/// message.
#[derive(Debug, Clone)]
pub struct TemplateProblem {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl TemplateProblem {
    /// What makes two failures one problem: the same file and position (the message may list
    /// each page's own variables), or the same message where Tera gave no position.
    pub fn place(&self) -> (PathBuf, usize, usize, String) {
        let message = if self.line == 0 {
            self.message.clone()
        } else {
            String::new()
        };
        (self.file.clone(), self.line, self.col, message)
    }
}

/// Where `e` (raised while compiling or rendering `template`) points. Tera names the
/// template and position it stopped at in a `--> name:line:col` line of its message.
pub fn locate(
    template_files: &BTreeMap<String, PathBuf>,
    template: &str,
    e: &tera::Error,
) -> TemplateProblem {
    let text = error_text(e);
    let at = text.lines().find_map(|l| {
        let (name, rest) = l.trim_start().strip_prefix("--> ")?.split_once(':')?;
        let (line, col) = rest.split_once(':')?;
        Some((
            name.to_string(),
            line.parse().ok()?,
            col.trim().parse().ok()?,
        ))
    });
    let (name, line, col) = at.unwrap_or_else(|| (template.to_string(), 0, 0));
    // One line: the message and its causes, without Tera's source excerpt.
    let message = std::iter::once(text.lines().next().unwrap_or(""))
        .chain(
            text.lines()
                .filter_map(|l| l.trim().strip_prefix("caused by: ")),
        )
        .map(|l| l.trim().trim_start_matches("error: "))
        .collect::<Vec<_>>()
        .join("; ");
    let file = template_files
        .get(&name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from("templates").join(&name));
    TemplateProblem {
        file,
        line,
        col,
        message: format!("template error: {message}"),
    }
}

/// A Tera error with its causes, on one line each.
pub fn error_text(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    text
}

pub fn read_static(source: &StaticSource) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
    match source {
        StaticSource::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
        StaticSource::Disk(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
    }
}
