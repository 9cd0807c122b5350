//! The text `new` and `import` write where the curator's own words go. A draft may keep it;
//! a published article may not, or its readers would see our instructions on the front page.

/// The body of a draft made by `gazette new`.
pub const NEW_BODY: &str =
    "Write the story here, in your own words: what happened, and why it matters to your\n\
     readers. Put a one- or two-sentence version in `summary` above; it is shown on the\n\
     front page and in feeds. Remove `draft: true` when the story is ready.\n";

/// Where the summary goes in a draft made by `gazette import`.
pub const IMPORT_SUMMARY: &str =
    "_Summary to come: in your own words, say what happened and why it matters, then \
     remove `draft: true`._\n\n";

/// A placeholder still standing in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// 1-based line of the body.
    pub line: usize,
    /// The command that wrote it.
    pub command: &'static str,
    /// What the curator writes in its place.
    pub wanted: &'static str,
}

/// Each placeholder's first words (which a curator replaces when writing), its command and
/// what it stands for.
const OPENINGS: [(&str, &str, &str); 2] = [
    (
        "Write the story here, in your own words",
        "gazette new",
        "the story",
    ),
    (
        "_Summary to come: in your own words",
        "gazette import",
        "your summary",
    ),
];

/// Where a placeholder still stands in `body` (at the start of a line), if one does. Runs
/// on every article: a substring search, not a walk over lines.
pub fn find(body: &str) -> Option<Found> {
    OPENINGS.iter().find_map(|&(opening, command, wanted)| {
        let at = memchr::memmem::find_iter(body.as_bytes(), opening.as_bytes()).find(|&at| {
            let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
            body[line_start..at].trim().is_empty()
        })?;
        let line = memchr::memchr_iter(b'\n', &body.as_bytes()[..at]).count() + 1;
        Some(Found {
            line,
            command,
            wanted,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_either_placeholder_at_its_line_and_nothing_in_real_text() {
        let at = |body: &str| find(body).map(|f| (f.line, f.command));
        assert_eq!(at(&format!("\n\n{NEW_BODY}")), Some((3, "gazette new")));
        assert_eq!(at(IMPORT_SUMMARY), Some((1, "gazette import")));
        assert_eq!(find("Write the story here, please.\n"), None);
        assert_eq!(find("The council met on Tuesday.\n"), None);
    }
}
