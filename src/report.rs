//! Printing for people: diagnostics sorted, one per line, coloured only on a terminal and
//! only without NO_COLOR; the progress line of long builds. And for tools: `check
//! --format json`.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use gazette::diagnostic::{Diagnostic, Diagnostics, Severity};
use gazette::progress::Progress;

/// How much a command prints besides errors: warnings and the progress line, unless
/// `--quiet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Normal,
    Quiet,
}

impl Verbosity {
    pub fn quiet_if(quiet: bool) -> Verbosity {
        if quiet {
            Verbosity::Quiet
        } else {
            Verbosity::Normal
        }
    }
}

fn colour() -> bool {
    no_color_unset() && std::io::stderr().is_terminal()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn label_error() -> &'static str {
    if colour() {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    }
}

pub fn label_warning() -> &'static str {
    if colour() {
        "\x1b[1;33mwarning\x1b[0m"
    } else {
        "warning"
    }
}

/// Prints every diagnostic to stderr (warnings only when not quiet).
pub fn print(diags: &Diagnostics, verbosity: Verbosity) {
    let quiet = verbosity == Verbosity::Quiet;
    let _ = write(
        &mut std::io::stderr().lock(),
        diags,
        quiet,
        colour(),
        Some(REPEATS_SHOWN),
    );
}

/// Prints every diagnostic to stdout, coloured only when stdout is a terminal.
pub fn print_stdout(diags: &Diagnostics) {
    let colour = no_color_unset() && std::io::stdout().is_terminal();
    let _ = write(&mut std::io::stdout().lock(), diags, false, colour, None);
}

/// How many files a build names for one warning before it counts the rest: a migrated
/// archive can repeat a warning in hundreds of files, and the errors must stay in sight.
const REPEATS_SHOWN: usize = 10;

/// Warnings first, then errors (next to the summary line). With `repeats`, a warning that
/// recurs in other files is shown that many times, then counted in one line.
fn write(
    out: &mut dyn std::io::Write,
    diags: &Diagnostics,
    quiet: bool,
    colour: bool,
    repeats: Option<usize>,
) -> std::io::Result<()> {
    let sorted: Vec<Diagnostic> = diags.clone().sorted().into_iter().collect();
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        sorted.iter().partition(|d| d.severity == Severity::Error);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut hidden: Vec<(String, usize, String)> = Vec::new();
    for d in warnings.into_iter().filter(|_| !quiet) {
        let key = shape(&d.message);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if repeats.is_some_and(|shown| *n > shown) {
            match hidden.iter_mut().find(|(k, _, _)| *k == key) {
                Some(entry) => entry.1 += 1,
                None => hidden.push((key, 1, d.message.clone())),
            }
            continue;
        }
        write_one(out, d, colour)?;
    }
    for (_, count, message) in hidden {
        let label = if colour {
            "\x1b[1;33mwarning\x1b[0m"
        } else {
            "warning"
        };
        let files = if count == 1 { "file" } else { "files" };
        writeln!(
            out,
            "{label}: the same in {count} more {files} (`gazette check` lists each): {}",
            short(&message)
        )?;
    }
    for d in errors {
        write_one(out, d, colour)?;
    }
    Ok(())
}

/// What makes two warnings "the same": the message without its particulars (the text in
/// backticks, numbers).
fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 0 {
            out.extend(part.chars().filter(|c| !c.is_ascii_digit()));
        }
    }
    out
}

/// A message cut at its first `;` or 100 characters, for the count line.
fn short(message: &str) -> String {
    let head = message.split(';').next().unwrap_or(message);
    match head.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &head[..at]),
        None => head.to_string(),
    }
}

fn write_one(out: &mut dyn std::io::Write, d: &Diagnostic, colour: bool) -> std::io::Result<()> {
    let line = d.to_string();
    if !colour {
        return writeln!(out, "{line}");
    }
    let (plain, painted) = match d.severity {
        Severity::Error => (": error: ", ": \x1b[1;31merror\x1b[0m: "),
        Severity::Warning => (": warning: ", ": \x1b[1;33mwarning\x1b[0m: "),
    };
    writeln!(out, "{}", line.replacen(plain, painted, 1))
}

/// `3 errors, 1 warning`.
pub fn counts(diags: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(diags.count(Severity::Error), "error"),
        plural(diags.count(Severity::Warning), "warning")
    )
}

/// Prints a failed run's problems and a count; exit status 1.
pub fn failure(diags: Diagnostics, verbosity: Verbosity) -> ExitCode {
    let errors = diags.count(Severity::Error);
    print(&diags, verbosity);
    eprintln!(
        "build failed: {errors} error{}; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

/// `[{severity, path, line, column, message}]`, sorted like the text output; `line` and
/// `column` are null when the finding concerns the whole file.
pub fn to_json(diags: &Diagnostics) -> String {
    #[derive(serde::Serialize)]
    struct Finding {
        severity: &'static str,
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    }
    let num = |n: usize| (n > 0).then_some(n);
    let items: Vec<Finding> = diags
        .clone()
        .sorted()
        .into_iter()
        .map(|d| Finding {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            path: d.path.to_string_lossy().into_owned(),
            line: num(d.line),
            column: num(d.col),
            message: d.message,
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// `1 article`, `1,204 articles`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// ` (2 drafts, 1 future, 1 expired, 1 hidden left out)` after the article count, or
/// nothing when none were.
pub fn left_out(left: gazette::LeftOut) -> String {
    let mut parts = Vec::new();
    if left.drafts > 0 {
        parts.push(count(left.drafts, "draft"));
    }
    for (n, what) in [
        (left.future, "future"),
        (left.expired, "expired"),
        (left.hidden, "hidden"),
    ] {
        if n > 0 {
            parts.push(format!("{} {what}", thousands(n)));
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({} left out)", parts.join(", "))
}

/// `1204` -> `1,204`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Runs a build, showing its progress on one line of stderr when stderr is a terminal, the
/// build is not `--quiet` and it has run for a second (`GAZETTE_PROGRESS_AFTER_MS` sets
/// that delay); the line is erased when the build ends. Elsewhere the build runs as is.
pub fn with_progress<T>(verbosity: Verbosity, build: impl FnOnce(Option<&Progress>) -> T) -> T {
    if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return build(None);
    }
    let after = std::env::var("GAZETTE_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis);
    let progress = Progress::default();
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        let shower = s.spawn(|| show_progress(&progress, &finished, after));
        let result = build(Some(&progress));
        finished.store(true, Ordering::Release);
        // Wakes it at once: a build never waits for the line's next update.
        shower.thread().unpark();
        result
    })
}

/// Rewrites the progress line ten times a second from `after` on, until `finished`.
fn show_progress(progress: &Progress, finished: &AtomicBool, after: Duration) {
    let started = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Acquire) {
        let waited = started.elapsed();
        if waited < after {
            std::thread::park_timeout(after - waited);
            continue;
        }
        let Some((stage, done, total)) = progress.now() else {
            // The site is still being walked: the first stage is about to start.
            std::thread::park_timeout(Duration::from_millis(10));
            continue;
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K{} {}/{} {}",
            stage.label(),
            thousands(done),
            thousands(total),
            stage.units()
        );
        let _ = err.flush();
        shown = true;
        drop(err);
        std::thread::park_timeout(Duration::from_millis(100));
    }
    if shown {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::diagnostic::Diagnostic;
    use std::path::Path;

    #[test]
    fn json_has_one_object_per_finding() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::warning(Path::new("content/a.md"), 3, 0, "w"));
        d.push(Diagnostic::error(Path::new("site.toml"), 0, 0, "e"));
        let v: serde_json::Value = serde_json::from_str(&to_json(&d)).unwrap();
        assert_eq!(v[0]["path"], "content/a.md");
        assert_eq!(v[0]["line"], 3);
        assert_eq!(v[0]["column"], serde_json::Value::Null);
        assert_eq!(v[1]["severity"], "error");
        assert_eq!(v[1]["line"], serde_json::Value::Null);
    }
}
