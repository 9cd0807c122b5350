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

/// Each placeholder's first words, which a curator replaces when writing.
const OPENINGS: [(&str, &str); 2] = [
    ("Write the story here, in your own words", "gazette new"),
    ("_Summary to come: in your own words", "gazette import"),
];

/// The 1-based line of `body` where a placeholder still stands, and the command that wrote it.
pub fn find(body: &str) -> Option<(usize, &'static str)> {
    body.lines().enumerate().find_map(|(i, line)| {
        OPENINGS
            .iter()
            .find(|(opening, _)| line.trim_start().starts_with(opening))
            .map(|(_, command)| (i + 1, *command))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_either_placeholder_at_its_line_and_nothing_in_real_text() {
        assert_eq!(find(&format!("\n\n{NEW_BODY}")), Some((3, "gazette new")));
        assert_eq!(find(IMPORT_SUMMARY), Some((1, "gazette import")));
        assert_eq!(find("Write the story here, please.\n"), None);
        assert_eq!(find("The council met on Tuesday.\n"), None);
    }
}
