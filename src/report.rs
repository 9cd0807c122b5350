//! Printing diagnostics for people: sorted, one per line, coloured only on a terminal and
//! only without NO_COLOR.

use std::io::IsTerminal;
use std::process::ExitCode;

use gazette::diagnostic::{Diagnostics, Severity};

fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

pub fn label_error() -> &'static str {
    if colour() {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    }
}

/// Prints every diagnostic (warnings only when not quiet).
pub fn print(diags: &Diagnostics, quiet: bool) {
    let colour = colour();
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
            eprintln!("{}", line.replacen(plain, painted, 1));
        } else {
            eprintln!("{line}");
        }
    }
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
