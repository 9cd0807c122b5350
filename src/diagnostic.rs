//! Problems found during a run, collected rather than returned one at a time, so a curator
//! sees every bad file at once. Printed as `path:line:col: severity: message`. What each
//! one is about is data, a [`DiagnosticKind`] (`kind.rs`), for the commands that act on it.

pub mod kind;

use std::fmt;
use std::path::{Path, PathBuf};

pub use kind::{ClashFix, DiagnosticKind, LeftOutAs, LinkHint, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The stage of the build that found a problem; [`Diagnostics::stage`] tags them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Found outside the build's stages (`import`, `serve`, the highlight cache).
    #[default]
    Outside,
    Config,
    Walk,
    Parse,
    Digest,
    Theme,
    Render,
    /// `gazette check`'s own findings.
    Check,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// What it is about; [`DiagnosticKind::Other`] when nothing acts on it but a reader.
    pub kind: DiagnosticKind,
    pub stage: Stage,
}

impl Diagnostic {
    pub fn error(path: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, line, col, message)
    }

    pub fn warning(path: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, line, col, message)
    }

    /// `problem`, in the file at `path`.
    pub fn at(severity: Severity, path: &Path, problem: Problem) -> Self {
        Self::new(severity, path, problem.line, problem.col, problem.message)
    }

    /// A problem of a kind with words of its own: its severity and message come from `kind`.
    pub fn of(kind: DiagnosticKind, path: &Path, line: usize, col: usize) -> Self {
        Diagnostic {
            kind: kind.clone(),
            ..Self::new(kind.severity(), path, line, col, kind.message())
        }
    }

    fn new(
        severity: Severity,
        path: &Path,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            path: shown_path(path),
            line,
            col,
            message: message.into(),
            kind: DiagnosticKind::Other,
            stage: Stage::Outside,
        }
    }
}

/// A problem in something a curator wrote (a file, a value, a command-line argument), found
/// where the file it belongs to is not known: the caller places it ([`Diagnostic::at`]).
/// `line` counts from the start of the file (1-based; 0 = the whole file, or not known),
/// `col` in characters (0 = not known). Shown as its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Problem {
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem with a value, whose place the caller knows.
    pub fn value(message: impl Into<String>) -> Self {
        Problem::new(0, 0, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

/// A path as gazette prints it, everywhere: relative to the current directory when it lies
/// inside it (`content/a.md`, not `./content/a.md` or `/home/me/site/content/a.md`).
pub fn shown_path(path: &Path) -> PathBuf {
    let path = path.strip_prefix(".").unwrap_or(path);
    if path.is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(inside) = path.strip_prefix(&cwd) {
                if !inside.as_os_str().is_empty() {
                    return inside.to_path_buf();
                }
            }
        }
    }
    if path.as_os_str().is_empty() {
        return PathBuf::from(".");
    }
    path.to_path_buf()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        write!(f, ": {label}: {}", self.message)
    }
}

/// Every problem of one run, in the order found; sorted before printing so output is stable
/// even though files are parsed in parallel.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Runs one stage of the build with a list of its own, and adds what it found, tagged
    /// with `stage`.
    pub fn stage<T>(&mut self, stage: Stage, run: impl FnOnce(&mut Diagnostics) -> T) -> T {
        let mut found = Diagnostics::default();
        let out = run(&mut found);
        self.items.extend(found.items.into_iter().map(|mut d| {
            d.stage = stage;
            d
        }));
        out
    }

    /// Keeps only the problems `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Problems of `severity`, each counted once, as [`Self::sorted`] lists them.
    pub fn count(&self, severity: Severity) -> usize {
        let of_severity = self.items.iter().filter(|d| d.severity == severity);
        let mut found: Vec<_> = of_severity
            .map(|d| (&d.path, d.line, d.col, &d.message))
            .collect();
        found.sort();
        found.dedup();
        found.len()
    }

    /// Sorted by path, then line, errors before warnings at the same place.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        // The same words at the same place are one problem, whoever found it.
        self.items.dedup_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                == (&b.path, b.line, b.col, b.severity, &b.message)
        });
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// 1-based (line, column) of a byte offset in `text`; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_found_twice_is_counted_once() {
        let mut diags = Diagnostics::default();
        let a = Path::new("content/a.md");
        diags.push(Diagnostic::error(a, 3, 3, "`date`: expected text"));
        diags.push(Diagnostic::error(a, 3, 3, "`date`: expected text"));
        diags.push(Diagnostic::error(a, 2, 0, "`title`: missing"));
        diags.push(Diagnostic::warning(a, 2, 0, "`title`: missing"));
        assert_eq!(diags.count(Severity::Error), 2);
        assert_eq!(diags.count(Severity::Warning), 1);
        let errors = diags.sorted().into_iter();
        assert_eq!(errors.filter(|d| d.severity == Severity::Error).count(), 2);
    }

    #[test]
    fn formats_path_line_col() {
        let d = Diagnostic::error(Path::new("content/a.md"), 3, 7, "bad date");
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad date");
        let w = Diagnostic::warning(Path::new("site.toml"), 0, 0, "odd");
        assert_eq!(w.to_string(), "site.toml: warning: odd");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("x", 0), (1, 1));
    }
}
