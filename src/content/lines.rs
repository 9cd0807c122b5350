//! The file line of one tag inside a `tags:` list, read back from the file when a message
//! needs it (a tag slug clash, a likely typo): rare, so documents carry the lines of their
//! front-matter keys ([`super::KeyPositions`]) but not of each list item.

use std::path::Path;

use super::frontmatter;

/// The YAML lines of one file's front matter, with their file line numbers.
pub struct FrontMatterLines(Vec<(usize, String)>);

impl FrontMatterLines {
    pub fn read(path: &Path) -> Option<FrontMatterLines> {
        let bytes = std::fs::read(path).ok()?;
        let text = super::decode_text(&bytes).ok()?;
        let text = frontmatter::normalize(&text);
        let split = frontmatter::split(&text).ok()?;
        Some(FrontMatterLines(
            split
                .yaml
                .lines()
                .enumerate()
                .map(|(i, l)| (split.yaml_line + i, l.to_string()))
                .collect(),
        ))
    }

    /// The top-level key a line starts, if any.
    fn key_of(line: &str) -> Option<&str> {
        if line.starts_with([' ', '\t', '-', '#']) {
            return None;
        }
        let (key, _) = line.split_once(':')?;
        Some(key.trim().trim_matches(['"', '\'']))
    }

    /// The line naming `tag` inside the `tags:` / `categories:` value, else that key's line.
    pub fn tag_line(&self, tag: &str) -> Option<usize> {
        let start = self
            .0
            .iter()
            .position(|(_, l)| Self::key_of(l).is_some_and(|k| k == "tags" || k == "categories"))?;
        let needle = tag.to_lowercase();
        let value_lines = self.0[start..]
            .iter()
            .enumerate()
            .take_while(|(i, (_, l))| *i == 0 || Self::key_of(l).is_none());
        value_lines
            .map(|(_, entry)| entry)
            .find(|(_, l)| l.to_lowercase().contains(&needle))
            .or(Some(&self.0[start]))
            .map(|(n, _)| *n)
    }
}

/// The file line naming `tag` in the file's front matter; 0 if not found.
pub fn tag_line(path: &Path, tag: &str) -> usize {
    FrontMatterLines::read(path)
        .and_then(|f| f.tag_line(tag))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tag_lines_after_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(
            &p,
            "\n---\ntitle: A\ntags:\n  - Rust\n  - C++\nslug: a\n---\nbody\n",
        )
        .unwrap();
        assert_eq!(tag_line(&p, "c++"), 6);
        assert_eq!(tag_line(&p, "Go"), 4);
        let missing = dir.path().join("missing.md");
        assert_eq!(tag_line(&missing, "x"), 0);
    }
}
