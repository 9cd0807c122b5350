//! Writing front matter for `new` and `import`: YAML scalars that read back exactly as
//! given, and files created without ever overwriting one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A YAML scalar for `s`, on one line: plain when that is unambiguous, else double-quoted
/// with escapes.
///
/// Plain is used only for text made of letters, digits, spaces and a few punctuation marks
/// that mean nothing to YAML (no `,`, so it is safe in a flow list too), starting with a
/// letter and not a YAML keyword, so it can never be read as a number, boolean, null,
/// comment, mapping or flow collection.
pub fn yaml_scalar(s: &str) -> String {
    const KEYWORDS: [&str; 12] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "nan", "inf",
    ];
    let plain_char = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '-' | '.' | '_' | '(' | ')' | '?' | '!' | '/' | '&' | '+'
            )
    };
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.chars().all(plain_char)
        && !KEYWORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A double-quoted YAML scalar: quotes, backslashes, line breaks and control characters
/// escaped, so it never spans lines.
fn quoted(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || c == '\u{feff}'
                || c == '\u{fffe}'
                || c == '\u{ffff}' =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Creates `dir/name`, or `stem-2.md`, `stem-3.md`… if taken; never overwrites a file.
pub fn create_unique(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stem = name.strip_suffix(".md").unwrap_or(name);
    for n in 1..10_000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}.md"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "no free file name like {name}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_only_when_unambiguous() {
        assert_eq!(yaml_scalar("Linux 6.9 is out"), "Linux 6.9 is out");
        assert_eq!(yaml_scalar("no"), "\"no\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("a, b"), "\"a, b\"");
        assert_eq!(yaml_scalar("line\nbreak"), "\"line\\nbreak\"");
    }

    #[test]
    fn create_unique_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let a = create_unique(dir.path(), "x.md", "one").unwrap();
        let b = create_unique(dir.path(), "x.md", "two").unwrap();
        assert_eq!(b.file_name().unwrap(), "x-2.md");
        assert_eq!(std::fs::read_to_string(a).unwrap(), "one");
    }
}
