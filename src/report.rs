//! Printing diagnostics for people: sorted, one per line, coloured only on a terminal and
//! only without NO_COLOR.

use std::io::IsTerminal;
use std::process::ExitCode;

use gazette::diagnostic::{Diagnostics, Severity};

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

/// Prints every diagnostic to stderr (warnings only when not quiet).
pub fn print(diags: &Diagnostics, quiet: bool) {
    let _ = write(&mut std::io::stderr().lock(), diags, quiet, colour());
}

/// Prints every diagnostic to stdout, coloured only when stdout is a terminal.
pub fn print_stdout(diags: &Diagnostics) {
    let colour = no_color_unset() && std::io::stdout().is_terminal();
    let _ = write(&mut std::io::stdout().lock(), diags, false, colour);
}

fn write(
    out: &mut dyn std::io::Write,
    diags: &Diagnostics,
    quiet: bool,
    colour: bool,
) -> std::io::Result<()> {
    for d in diags.clone().sorted() {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        let line = d.to_string();
        if colour {
            let (plain, painted) = match d.severity {
                Severity::Error => (": error: ", ": \x1b[1;31merror\x1b[0m: "),
                Severity::Warning => (": warning: ", ": \x1b[1;33mwarning\x1b[0m: "),
            };
            writeln!(out, "{}", line.replacen(plain, painted, 1))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
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
pub fn failure(diags: Diagnostics, quiet: bool) -> ExitCode {
    let errors = diags.count(Severity::Error);
    print(&diags, quiet);
    eprintln!(
        "build failed: {errors} error{}; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

/// `1 article`, `1,204 articles`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), if n == 1 { "" } else { "s" })
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
