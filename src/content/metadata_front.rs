//! Pelican's metadata (MultiMarkdown's too): `Key: value` lines at the top of a Markdown
//! file, up to the first blank line, with no `---` around them. Read into the same located
//! map as YAML, so the field checks (`fields.rs`) are shared: keys in any case, every value
//! text, `Tags` and `Authors` lists split at semicolons or commas, and Pelican's `Modified`
//! is `updated`.

use super::frontmatter::{Problem, Split};
use super::located::{Located, RawMap};
use serde_json::Value;

/// The length of the metadata block `text` opens with, its lines' ends included: lines of
/// `Key: value` (a line indented under one continues its value), one of them `Title` (with
/// its capital, as Pelican writes it: `title:` lines are YAML that lost its `---`), up to a
/// blank line, a line that is no metadata, or the end. None when `text` does not open so.
pub fn header_len(text: &str) -> Option<usize> {
    let mut len = 0;
    let mut title = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            break;
        }
        if content.starts_with([' ', '\t']) && len > 0 {
            // A YAML list or mapping below a key is YAML's, not a continued value.
            let item = content.trim_start();
            if item.starts_with("- ") || item == "-" || item.contains(": ") {
                return None;
            }
            len += line.len();
            continue;
        }
        let key = content
            .split_once(':')
            .map(|(key, _)| key)
            .filter(|k| is_key(k));
        match key {
            Some(key) => {
                title |= key == "Title" || key == "TITLE";
                len += line.len();
            }
            None if len > 0 => break,
            None => return None,
        }
    }
    title.then_some(len)
}

/// Nikola's metadata, an HTML comment opening the file: `<!--`, `.. key: value` lines, `-->`,
/// each on its own line. Returns where the metadata lines start and end in `text`, and where
/// the line after `-->` starts; None when `text` does not open so.
pub fn nikola_block(text: &str) -> Option<(usize, usize, usize)> {
    let first = text.split('\n').next()?;
    if first.trim_end() != "<!--" {
        return None;
    }
    let start = (first.len() + 1).min(text.len());
    let mut end = start;
    for line in text[start..].split_inclusive('\n') {
        let content = line.trim_end();
        if content == "-->" {
            let dotted = text[start..end].lines().any(|l| l.starts_with(".. "));
            return dotted.then_some((start, end, end + line.len()));
        }
        if !(content.is_empty() || content.starts_with(".. ") || content.starts_with([' ', '\t'])) {
            return None;
        }
        end += line.len();
    }
    None
}

/// The metadata in a Nikola `.meta` file (the post's metadata kept beside it, for a post
/// with none of its own), as `.. key: value` lines: written so already, or in Nikola's first
/// form, one value a line in a fixed order (title, slug, date, tags, link, description).
pub fn nikola_sidecar(text: &str) -> String {
    if text.lines().any(|l| l.starts_with(".. ")) {
        return text.to_string();
    }
    const ORDER: [&str; 6] = ["title", "slug", "date", "tags", "link", "description"];
    ORDER
        .iter()
        .zip(text.lines())
        .map(|(key, value)| format!(".. {key}: {value}\n"))
        .collect()
}

/// Nikola's names for keys gazette knows by others: its `link` is the original's address.
fn nikola_key(key: &str) -> &str {
    match key {
        "link" => "source",
        "previewimage" => "image",
        other => other,
    }
}

/// A metadata key: a word of letters, digits, `_` and `-`, starting with a letter.
fn is_key(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Keys whose value is a list: at semicolons when there is one (`Doe, John; Roe, Jane`),
/// else at commas, as Pelican splits them.
const LISTS: [&str; 2] = ["tags", "authors"];

/// Parses the metadata block of `split` into top-level keys with their file lines.
pub fn parse(split: &Split<'_>) -> Result<RawMap, Problem> {
    super::frontmatter::check_size(split)?;
    let mut map = RawMap::new();
    let mut last: Option<String> = None;
    let mut nikola_lines = false;
    for (i, line) in split.yaml.lines().enumerate() {
        let line_no = split.yaml_line + i;
        if line.starts_with([' ', '\t']) {
            let continued = last.as_ref().and_then(|k| map.get_mut(k));
            if let Some(Located {
                value: Value::String(text),
                ..
            }) = continued
            {
                text.push(' ');
                text.push_str(line.trim());
            }
            continue;
        }
        // Nikola's lines start `.. `; an empty value is a key it writes for every post.
        let nikola = line.strip_prefix(".. ");
        nikola_lines |= nikola.is_some();
        let Some((key, value)) = nikola.unwrap_or(line).split_once(':') else {
            continue;
        };
        let key = key.trim();
        if nikola.is_some() && value.trim().is_empty() {
            continue;
        }
        let key = match key.to_ascii_lowercase().as_str() {
            "modified" => "updated".to_string(),
            other if nikola.is_some() => nikola_key(other).to_string(),
            other => other.to_string(),
        };
        if map.contains_key(&key) {
            return Err(Problem::new(
                line_no,
                1,
                format!("the key `{key}` appears twice; keep only one"),
            ));
        }
        let col = line.len() - value.trim_start().len() + 1;
        let value = value.trim();
        let located = Located {
            value: Value::String(value.to_string()),
            line: line_no,
            col,
            key_line: line_no,
        };
        map.insert(key.clone(), located);
        last = Some(key);
    }
    for key in LISTS {
        if let Some(Located { value, .. }) = map.get_mut(key) {
            if let Value::String(text) = value {
                let separator = if text.contains(';') { ';' } else { ',' };
                let items = text
                    .split(separator)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| Value::String(t.to_string()))
                    .collect();
                *value = Value::Array(items);
            }
        }
    }
    if nikola_lines {
        nikola_tag_status(&mut map);
    }
    Ok(map)
}

/// Nikola's older way to keep a post back: the tag `draft` (or `private`), which is no
/// topic. It becomes the post's `status` (unless one is written), and leaves the tags.
fn nikola_tag_status(map: &mut RawMap) {
    let Some(Located {
        value: Value::Array(tags),
        line,
        col,
        key_line,
    }) = map.get_mut("tags")
    else {
        return;
    };
    let is_marker = |t: &Value| matches!(t.as_str(), Some("draft" | "private"));
    let Some(marker) = tags.iter().find(|t| is_marker(t)).cloned() else {
        return;
    };
    tags.retain(|t| !is_marker(t));
    let status = Located {
        value: marker,
        line: *line,
        col: *col,
        key_line: *key_line,
    };
    map.entry("status".to_string()).or_insert(status);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pelican_metadata() {
        let text = "Title: Restoring a lamp: part 2\nDate: 2020-01-01 10:20\nTags: lamps, brass\nSummary: Wicks,\n    chimneys and oil.\nModified: 2020-02-01\n\nBody.\n";
        let len = header_len(text).unwrap();
        assert_eq!(&text[len..], "\nBody.\n");
        let split = Split {
            syntax: super::super::frontmatter::Syntax::Metadata,
            yaml: &text[..len],
            yaml_line: 1,
            body: "Body.\n",
            body_line: 7,
        };
        let map = parse(&split).unwrap();
        assert_eq!(map["title"].value, "Restoring a lamp: part 2");
        assert_eq!(map["tags"].value, serde_json::json!(["lamps", "brass"]));
        assert_eq!(map["summary"].value, "Wicks, chimneys and oil.");
        assert_eq!(map["updated"].line, 6);
        assert_eq!((map["date"].line, map["date"].col), (2, 7));
        // Not metadata: no title, a sentence before the colon, or YAML's closing line.
        assert_eq!(header_len("Date: 2020-01-01\n\nBody\n"), None);
        assert_eq!(header_len("Note that this: no\nTitle: x\n"), None);
        assert_eq!(header_len("title: x\n---\nBody\n"), None);
        // YAML without its opening `---`: lower-case keys, nested lists.
        assert_eq!(
            header_len("title: x\ndate: 2020-01-05\n\ntags: [a]\n---\n"),
            None
        );
        assert_eq!(header_len("Title: x\ntags:\n  - a\n"), None);
        // No blank line before the text: the header ends where the metadata does.
        assert_eq!(
            header_len("Title: x\nDate: 2020-01-01\nBody text\n"),
            Some(26)
        );
    }
}
