//! Splitting a Markdown file into YAML front matter and body, and parsing the YAML into a
//! raw map of located values. Checking what the values mean is `fields.rs`'s job.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

/// Front matter larger than this is refused: no real article needs it, and it bounds the
/// YAML parser's work.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A problem with a line relative to the start of the file (1-based; 0 = whole file).
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
}

/// The two halves of a file. Line numbers are 1-based lines of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which the YAML's first line sits.
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// True for a delimiter line: the marker, then optional trailing whitespace.
fn is_delimiter(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.trim().is_empty())
}

/// Splits normalized text (no BOM, `\n` line endings) at the front-matter delimiters.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let first = text.lines().next().unwrap_or("");
    if is_delimiter(first, "+++") {
        return Err(Problem::new(
            1,
            1,
            "TOML front matter (`+++`) is not supported: put YAML between `---` lines",
        ));
    }
    if !is_delimiter(first, "---") {
        return Err(Problem::new(
            1,
            1,
            "the file must start with front matter: a `---` line, YAML (at least `title:`), then another `---` line",
        ));
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if is_delimiter(line.trim_end_matches('\n'), "---") {
            let body_start = (offset + line.len()).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start.min(offset)..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        1,
        1,
        "front matter starts here but no `---` line closes it",
    ))
}

/// Undoes what editors add: a UTF-8 BOM, CRLF or lone-CR line endings.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

pub type RawMap = BTreeMap<String, Spanned<serde_json::Value>>;

/// Parses the YAML block into located values. Errors carry file lines.
pub fn parse_yaml(split: &Split<'_>) -> Result<RawMap, Problem> {
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Problem::new(
            split.yaml_line,
            1,
            format!(
                "front matter is {} KiB; the limit is {} KiB",
                split.yaml.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    if split.yaml.trim().is_empty() {
        return Err(Problem::new(
            split.yaml_line.saturating_sub(1).max(1),
            1,
            "front matter is empty: `title:` and `date:` are required",
        ));
    }
    let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
    match serde_saphyr::from_str_with_options::<Option<RawMap>>(split.yaml, options) {
        Ok(Some(map)) => Ok(map),
        Ok(None) => Err(Problem::new(
            split.yaml_line,
            1,
            "front matter is empty: `title:` and `date:` are required",
        )),
        Err(e) => Err(yaml_problem(&e, split.yaml_line)),
    }
}

/// serde-saphyr's lines count from the YAML block; shift them to file lines and keep its
/// message without the location it appends.
fn yaml_problem(e: &serde_saphyr::Error, yaml_line: usize) -> Problem {
    let (line, col) = e
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let message = e.without_snippet().to_string();
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let message = message.trim().trim_end_matches('.').to_string();
    let line = if line == 0 {
        yaml_line
    } else {
        line + yaml_line - 1
    };
    Problem::new(line, col, format!("invalid front matter: {message}"))
}

/// The file line of a located value.
pub fn value_line(v: &Spanned<serde_json::Value>, yaml_line: usize) -> (usize, usize) {
    let l = v.referenced;
    if l.line() == 0 {
        (yaml_line, 0)
    } else {
        (l.line() as usize + yaml_line - 1, l.column() as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_trailing_whitespace_and_body_rules() {
        let s = split("---  \ntitle: A\n---\t\nbody\n\n---\nmore\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "body\n\n---\nmore\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        let e = split("---\ntitle: A\nbody\n").unwrap_err();
        assert!(
            e.message.contains("no `---` line closes it"),
            "{}",
            e.message
        );
    }

    #[test]
    fn errors_on_toml_front_matter() {
        assert!(split("+++\ntitle = 'A'\n+++\n")
            .unwrap_err()
            .message
            .contains("TOML"));
    }

    #[test]
    fn accepts_front_matter_at_end_of_file() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(
            normalize("\u{feff}---\r\na: 1\r\n---\rx"),
            "---\na: 1\n---\nx"
        );
    }

    #[test]
    fn yaml_errors_carry_file_lines() {
        let text = "---\ntitle: A\ntitle: B\n---\n";
        let e = parse_yaml(&split(text).unwrap()).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("duplicate"), "{}", e.message);
    }

    #[test]
    fn yaml_11_booleans_stay_strings() {
        let text = "---\ntitle: no\ntags: [on, off]\n---\n";
        let map = parse_yaml(&split(text).unwrap()).unwrap();
        assert_eq!(map["title"].value, serde_json::json!("no"));
        assert_eq!(map["tags"].value, serde_json::json!(["on", "off"]));
    }

    #[test]
    fn value_lines_are_file_lines() {
        let text = "---\ntitle: A\n\ndate: 2024-05-01\n---\n";
        let map = parse_yaml(&split(text).unwrap()).unwrap();
        assert_eq!(value_line(&map["date"], 2).0, 4);
    }
}
