//! Splitting a Markdown file into YAML front matter and body, and parsing the YAML into a
//! raw map of located values. Checking what the values mean is `fields.rs`'s job.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use crate::text::scrub;

pub use super::located::{
    Located, RawMap, MAX_FRONT_MATTER_BYTES, MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES,
};

pub use crate::diagnostic::Problem;

/// The language of a file's front matter: YAML between `---` lines, or TOML between `+++`
/// lines (Hugo, Zola).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
    /// Pelican's `Key: value` lines up to a blank line, without delimiters.
    Metadata,
}

/// The two halves of a file. Line numbers are 1-based lines of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub syntax: Syntax,
    /// The front matter's text (YAML, or TOML when `syntax` says so).
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
/// Blank lines before the opening `---` are skipped (editors add them; Zola accepts them),
/// and still counted in the lines reported.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let lead = leading_blank_bytes(text);
    if lead == text.len() {
        return Err(Problem::new(
            0,
            0,
            "the file is empty: an article needs front matter (`---`, `title:`, `date:`, `---`) and a body",
        ));
    }
    let first_line = text[..lead].matches('\n').count() + 1;
    let rest = &text[lead..];
    // The first line up to its `\n` (a `\r` left before it counts as trailing whitespace).
    let first = rest.split('\n').next().unwrap_or("");
    let (syntax, marker) = if is_delimiter(first, "+++") {
        (Syntax::Toml, "+++")
    } else if is_delimiter(first, "---") {
        (Syntax::Yaml, "---")
    } else if let Some((start, end, after)) = super::metadata_front::nikola_block(rest) {
        let body_start = lead + after;
        return Ok(Split {
            syntax: Syntax::Metadata,
            yaml: &rest[start..end],
            yaml_line: first_line + 1,
            body: &text[body_start..],
            body_line: text[..body_start].matches('\n').count() + 1,
        });
    } else if let Some(len) = super::metadata_front::header_len(rest) {
        // The blank line after the block, if there is one, belongs to neither half.
        let after = lead + len;
        let next_line = text[after..].split('\n').next().unwrap_or("");
        let body_start = match next_line.trim().is_empty() {
            true => (after + next_line.len() + 1).min(text.len()),
            false => after,
        };
        let before_body = &text[..body_start];
        return Ok(Split {
            syntax: Syntax::Metadata,
            yaml: &text[lead..after],
            yaml_line: first_line,
            body: &text[body_start..],
            body_line: before_body.matches('\n').count()
                + 1
                + usize::from(!before_body.ends_with('\n')),
        });
    } else if let Some(end) = json_object_len(rest) {
        // Hugo's JSON front matter: an object opening the file. JSON is YAML's flow
        // syntax, so it is read as YAML; the rest of its last line belongs to neither half.
        let after = lead + end;
        let body_start = text[after..]
            .find('\n')
            .map_or(text.len(), |at| after + at + 1);
        return Ok(Split {
            syntax: Syntax::Yaml,
            yaml: &text[lead..after],
            yaml_line: first_line,
            body: &text[body_start..],
            body_line: text[..body_start].matches('\n').count() + 1,
        });
    } else {
        return Err(missing_opening(rest, first_line));
    };
    let yaml_start = lead + first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    // YAML's document end `...` closes it too, as in Jekyll.
    let closes = |line: &str| {
        is_delimiter(line, marker) || syntax == Syntax::Yaml && is_delimiter(line, "...")
    };
    for (line_no, line) in (first_line + 1..).zip(text[offset..].split_inclusive('\n')) {
        if closes(line.trim_end_matches('\n')) {
            let body_start = (offset + line.len()).min(text.len());
            return Ok(Split {
                syntax,
                yaml: &text[yaml_start.min(offset)..offset],
                yaml_line: first_line + 1,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    if syntax == Syntax::Toml {
        let message = "front matter starts here but no `+++` line closes it";
        return Err(Problem::new(first_line, 1, message));
    }
    let message = match probable_end(&text[yaml_start.min(text.len())..]) {
        Some((n, why)) => format!(
            "front matter starts here but no `---` line closes it; it probably ends before line {} ({why}): add a `---` line there",
            first_line + n
        ),
        None => "front matter starts here but no `---` line closes it".to_string(),
    };
    Err(Problem::new(first_line, 1, message))
}

/// The length of the JSON object `text` opens with, if it opens with one that is front
/// matter: with a `title` or `date`, and nothing after it on its last line (a note that
/// opens with other JSON is text).
fn json_object_len(text: &str) -> Option<usize> {
    if !text.starts_with('{') {
        return None;
    }
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let Ok(serde_json::Value::Object(map)) = values.next()? else {
        return None;
    };
    let end = values.byte_offset();
    let rest_of_line = text[end..].split('\n').next().unwrap_or("");
    let front_matter = map.contains_key("title") || map.contains_key("date");
    (front_matter && rest_of_line.trim().is_empty()).then_some(end)
}

/// Where unclosed front matter was probably meant to end: the 1-based line (counted from
/// the first YAML line) of the first blank line, or of the first line that is not YAML
/// (not `key: value`, an indented continuation, a `- ` item or a comment).
fn probable_end(yaml: &str) -> Option<(usize, &'static str)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let n = i + 1;
        if line.trim().is_empty() {
            return Some((n, "the first blank line"));
        }
        let yaml_like = line.starts_with([' ', '\t', '#', '-'])
            || line.split_once(':').is_some_and(|(key, rest)| {
                !key.contains(' ')
                    || key.starts_with(['"', '\'']) && (rest.is_empty() || rest.starts_with(' '))
            });
        (!yaml_like).then_some((n, "the first line that is not YAML"))
    })
}

/// The length of the whitespace-only lines at the start of `text` (whole lines only, so
/// an indented first line of YAML is not cut).
fn leading_blank_bytes(text: &str) -> usize {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            return end;
        }
        end += line.len();
    }
    text.len()
}

/// The error for a file that does not open with `---`: when its first lines read as
/// `key: value` and a `---` line follows them, the opening line was most likely forgotten.
/// True for text with no front matter at all: empty, or not opening with `---`/`+++` and
/// not shaped like front matter whose opening line was forgotten.
pub fn lacks_front_matter(text: &str) -> bool {
    let rest = &text[leading_blank_bytes(text)..];
    let first = rest.split('\n').next().unwrap_or("");
    !(is_delimiter(first, "---") || is_delimiter(first, "+++") || lost_its_opening(rest))
}

/// `key: value` lines closed by a `---` line: front matter without its opening `---`.
fn lost_its_opening(rest: &str) -> bool {
    let looks_like_yaml = |l: &str| {
        l.split_once(':').is_some_and(|(k, _)| {
            let k = k.trim();
            !k.is_empty() && !k.contains(' ') && !l.starts_with([' ', '\t', '#', '-', '>'])
        })
    };
    let keys = rest.lines().take_while(|l| looks_like_yaml(l)).count();
    keys > 0
        && rest
            .lines()
            .nth(keys)
            .is_some_and(|l| is_delimiter(l, "---"))
}

fn missing_opening(rest: &str, first_line: usize) -> Problem {
    if lost_its_opening(rest) {
        Problem::new(
            first_line,
            1,
            format!(
                "the opening `---` of the front matter seems to be missing: add a line `---` above line {first_line}"
            ),
        )
    } else {
        Problem::new(
            first_line,
            1,
            "the file must start with front matter: a `---` line, YAML (at least `title:`), then another `---` line",
        )
    }
}

/// Undoes what editors add: UTF-8 BOMs (several, when tools each added one), CRLF or
/// lone-CR line endings.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim_start_matches('\u{feff}');
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Parses the front matter in its syntax into top-level keys with their file lines.
pub fn parse_front_matter(split: &Split<'_>) -> Result<RawMap, Problem> {
    match split.syntax {
        Syntax::Yaml => parse_yaml(split),
        Syntax::Toml => super::toml_front::parse(split),
        Syntax::Metadata => super::metadata_front::parse(split),
    }
}

/// Front matter over [`MAX_FRONT_MATTER_BYTES`] is refused before any parser sees it.
pub(crate) fn check_size(split: &Split<'_>) -> Result<(), Problem> {
    if split.yaml.len() <= MAX_FRONT_MATTER_BYTES {
        return Ok(());
    }
    Err(Problem::new(
        split.yaml_line,
        1,
        format!(
            "front matter is {} KiB; the limit is {} KiB",
            split.yaml.len() / 1024,
            MAX_FRONT_MATTER_BYTES / 1024
        ),
    ))
}

pub fn parse_yaml(split: &Split<'_>) -> Result<RawMap, Problem> {
    check_size(split)?;
    if split.yaml.trim().is_empty() {
        return Err(Problem::new(
            split.yaml_line.saturating_sub(1).max(1),
            1,
            "front matter is empty: `title:` and `date:` are required",
        ));
    }
    match super::simple_yaml::parse(split.yaml, split.yaml_line) {
        Some(map) => Ok(map),
        None => parse_with_saphyr(split),
    }
}

/// The file line of each top-level key (a line that starts, unindented, with `key:`),
/// quotes around the key removed. serde-saphyr gives the positions of values only.
fn top_level_key_lines(yaml: &str, yaml_line: usize) -> BTreeMap<&str, usize> {
    let mut lines = BTreeMap::new();
    for (i, line) in yaml.split('\n').enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim_end().trim_matches(|c| c == '"' || c == '\'');
            lines.entry(key).or_insert(yaml_line + i);
        }
    }
    lines
}

/// The full YAML parser, for any front matter.
pub(crate) fn parse_with_saphyr(split: &Split<'_>) -> Result<RawMap, Problem> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_nodes: MAX_YAML_NODES,
            max_aliases: MAX_YAML_ALIASES,
            max_depth: MAX_YAML_DEPTH,
        },
    };
    type Spans = BTreeMap<String, Spanned<serde_json::Value>>;
    match serde_saphyr::from_str_with_options::<Option<Spans>>(split.yaml, options) {
        Ok(Some(map)) => {
            let key_lines = top_level_key_lines(split.yaml, split.yaml_line);
            Ok(map
                .into_iter()
                .map(|(k, v)| {
                    let (line, col) = file_position(v.referenced, split.yaml_line);
                    let key_line = key_lines.get(k.as_str()).copied().unwrap_or(line);
                    let value = v.value;
                    let located = Located {
                        value,
                        line,
                        col,
                        key_line,
                    };
                    (k, located)
                })
                .collect())
        }
        Ok(None) => Err(Problem::new(
            split.yaml_line,
            1,
            "front matter is empty: `title:` and `date:` are required",
        )),
        Err(e) => {
            let problem = tab_line(yaml_problem(&e, split.yaml_line), split);
            Err(quote_hint(unclosed_bracket(problem, split), split))
        }
    }
}

/// serde-saphyr's lines count from the YAML block; shift them to file lines and keep its
/// message without the location it appends. Messages that would show serde-saphyr's
/// internals (budgets, options) are rewritten for curators.
fn yaml_problem(e: &serde_saphyr::Error, yaml_line: usize) -> Problem {
    let (line, col) = e
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let mut inner = e;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    let message = match inner {
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => match key {
            Some(k) => format!("the key `{}` appears twice; keep only one", scrub(k)),
            None => "a key appears twice; keep only one".to_string(),
        },
        other => plain_message(&other.to_string()),
    };
    let line = if line == 0 {
        yaml_line
    } else {
        line + yaml_line - 1
    };
    Problem::new(line, col, format!("invalid front matter: {message}"))
}

/// The parser reports a stray tab where the scalar before it started; point at the first
/// line from there that holds a tab in its indentation instead.
fn tab_line(mut p: Problem, split: &Split<'_>) -> Problem {
    if !p.message.contains("tab") {
        return p;
    }
    let first = p.line.saturating_sub(split.yaml_line);
    let found = split
        .yaml
        .lines()
        .enumerate()
        .skip(first)
        .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'));
    if let Some((i, _)) = found {
        p.line = split.yaml_line + i;
        p.col = 1 + split
            .yaml
            .lines()
            .nth(i)
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
    }
    p
}

/// A `[` or `{` left open makes the parser fail lines later, where the next key looks
/// out of place; point at the value that opened it instead.
fn unclosed_bracket(p: Problem, split: &Split<'_>) -> Problem {
    let error_index = p.line.saturating_sub(split.yaml_line);
    let mut open: Option<(usize, usize, char)> = None; // (line index, column, bracket)
    let mut depth = 0usize;
    for (i, line) in split.yaml.lines().enumerate().take(error_index) {
        let mut rest = line;
        if depth == 0 {
            let Some(value) = flow_value_start(line) else {
                continue;
            };
            open = Some((
                i,
                line.len() - value.len() + 1,
                value.chars().next().unwrap_or('['),
            ));
            rest = value;
        }
        depth = flow_depth_after(rest, depth);
    }
    match open {
        Some((i, col, bracket)) if depth > 0 && i < error_index => {
            let close = if bracket == '{' { '}' } else { ']' };
            Problem::new(
                split.yaml_line + i,
                col,
                format!(
                    "invalid front matter: the `{bracket}` here is never closed; close it with `{close}`, \
                     or put the value in quotes if the `{bracket}` is part of the text"
                ),
            )
        }
        _ => p,
    }
}

/// The most common YAML mistake in a title: text that YAML reads as syntax (a `: ` inside
/// it, a leading `@`, `` ` ``, `%`, `!`, `&`, `*`, or `[Video] My talk`). When the error is on
/// such a `key: value` line, the message ends with the line written with quotes.
fn quote_hint(mut p: Problem, split: &Split<'_>) -> Problem {
    let Some(line) = split
        .yaml
        .lines()
        .nth(p.line.saturating_sub(split.yaml_line))
    else {
        return p;
    };
    let Some((key, value)) = line.split_once(": ") else {
        return p;
    };
    let value = value.trim();
    let bracketed_then_text = value.starts_with(['[', '{'])
        && flow_depth_after(value, 0) == 0
        && !value.ends_with([']', '}']);
    let needs_quotes = value.contains(": ")
        || value.starts_with(['@', '`', '%', '!', '&', '*'])
        || bracketed_then_text;
    if line.starts_with([' ', '\t', '-'])
        || key.trim().is_empty()
        || value.starts_with(['"', '\''])
        || !needs_quotes
    {
        return p;
    }
    let quoted = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    p.message = format!(
        "{}; if `{}` is one piece of text, put it in quotes: `{key}: {quoted}`",
        p.message,
        scrub(value)
    );
    p
}

/// The value of a `key: [` / `key: {` / `- [` line when it opens a flow collection.
fn flow_value_start(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let value = match trimmed.strip_prefix("- ") {
        Some(item) => item.trim_start(),
        None => trimmed.split_once(": ")?.1.trim_start(),
    };
    value.starts_with(['[', '{']).then_some(value)
}

/// The bracket depth after `text`, skipping quoted strings and comments.
fn flow_depth_after(text: &str, mut depth: usize) -> usize {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    depth
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => {
            format!("lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep")
        }
        B::Aliases { .. } => {
            format!("more than {MAX_YAML_ALIASES} aliases (`*name`); write the values out")
        }
        B::Documents { .. } => {
            "more than one YAML document; front matter is one mapping between two `---` lines"
                .to_string()
        }
        _ => format!(
            "too many values (more than {MAX_YAML_NODES}, counting what aliases `*name` repeat)"
        ),
    }
}

/// serde-saphyr's or saphyr-parser's own message, its location removed, with a hint where a
/// curator needs one.
fn plain_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let message = scrub(message.trim().trim_end_matches('.')).into_owned();
    if message.contains("expected mapping start") || message.contains("invalid type") {
        "front matter must be `key: value` lines (a mapping), not a list or a single value"
            .to_string()
    } else if message.contains("null into string") {
        "a line starts with `:`, which leaves its key empty; write `key: value`".to_string()
    } else if message.contains("recursion limit") {
        "lists and mappings are nested too deeply".to_string()
    } else if message.contains("comments must be separated") {
        format!(
            "{message}: YAML reads `#` as the start of a comment; quote a value that starts \
             with it (`tags: [\"#garden\"]`)"
        )
    } else if message.contains("tab") {
        format!("{message}; indent YAML with spaces, not tabs")
    } else {
        message
    }
}

/// The file line and column of a serde-saphyr location (whose lines count from the YAML).
fn file_position(l: serde_saphyr::Location, yaml_line: usize) -> (usize, usize) {
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
        // YAML's document end closes it too (Jekyll reads it); not in TOML, nor `....`.
        let s = split("---\ntitle: A\n...\nbody\n---\n").unwrap();
        assert_eq!((s.yaml, s.body), ("title: A\n", "body\n---\n"));
        assert!(split("+++\ntitle = 'A'\n...\nbody\n").is_err());
        assert!(split("---\ntitle: A\n....\nbody\n").is_err());
    }

    #[test]
    fn reads_hugos_json_front_matter_as_yaml() {
        let text = "{\n  \"title\": \"Tide {tables}\",\n  \"date\": \"2021-05-06\"\n}\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.body, "Body\n");
        assert_eq!((s.yaml_line, s.body_line), (1, 5));
        let map = parse_yaml(&s).unwrap();
        assert_eq!(map["title"].value, "Tide {tables}");
        assert_eq!(map["date"].line, 3);
        // A body opening with a template tag or an attribute list is no front matter.
        assert!(split("{% include x %}\nBody\n").is_err());
        assert!(split("{: .lead}\nBody\n").is_err());
        assert!(split("{\"a\": 1, \"b\": [1, 2]}\nA note about JSON.\n").is_err());
        assert!(split("{\"title\": \"T\"} and more\nBody\n").is_err());
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        let e = split("---\ntitle: A\nbody\n").unwrap_err();
        assert!(
            e.message.contains("no `---` line closes it"),
            "{}",
            e.message
        );
        // Where the closing line was probably meant, counted in the file.
        assert!(
            e.message
                .contains("ends before line 3 (the first line that is not YAML)"),
            "{}",
            e.message
        );
        let e = split("\n---\ntitle: A\ntags: [x]\n\nThe council met.\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .contains("ends before line 5 (the first blank line)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn skips_blank_lines_before_the_opening_line_and_counts_them() {
        let s = split("\n  \n---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!((s.yaml, s.yaml_line, s.body_line), ("title: A\n", 4, 6));
        let e = split("\n\n---\ntitle: A\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn names_a_missing_opening_line_and_an_empty_file() {
        let e = split("\ntitle: A\ndate: 2024-05-01\n---\nbody\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("opening `---`") && e.message.contains("above line 2"));
        let e = split("Just a body.\n---\n").unwrap_err();
        assert!(
            e.message.contains("must start with front matter"),
            "{}",
            e.message
        );
        let e = split(" \n\t\n").unwrap_err();
        assert_eq!(e.line, 0);
        assert!(e.message.contains("empty"));
    }

    #[test]
    fn toml_front_matter_splits_at_its_own_markers() {
        let s = split("+++\ntitle = 'A'\n---\n+++\nBody").unwrap();
        assert_eq!(
            (s.syntax, s.yaml, s.body),
            (Syntax::Toml, "title = 'A'\n---\n", "Body")
        );
        assert_eq!(split("---\na: 1\n+++\n---\n").unwrap().syntax, Syntax::Yaml);
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
        assert!(e.message.contains("`title` appears twice"), "{}", e.message);
    }

    #[test]
    fn text_that_yaml_reads_as_syntax_gets_the_quoted_line() {
        for (line, quoted) in [
            ("title: Rust: a review", "title: \"Rust: a review\""),
            ("title: @channel news", "title: \"@channel news\""),
            ("title: `grep` tricks", "title: \"`grep` tricks\""),
            (
                "title: [Video] My \"talk\"",
                "title: \"[Video] My \\\"talk\\\"\"",
            ),
        ] {
            let text = format!("---\n{line}\ndate: 2024-05-28\n---\n");
            let e = parse_yaml(&split(&text).unwrap()).unwrap_err();
            assert_eq!(e.line, 2, "{line}: {e:?}");
            assert!(
                e.message.contains(&format!("put it in quotes: `{quoted}`")),
                "{line}: {}",
                e.message
            );
        }
    }

    #[test]
    fn an_unclosed_list_is_named_where_it_opens() {
        let text = "---\ntitle: [unclosed\ndate: 2026-01-02\nsource: https://example.org/\n---\n";
        let e = parse_yaml(&split(text).unwrap()).unwrap_err();
        assert_eq!((e.line, e.col), (2, 8), "{e:?}");
        assert!(
            e.message.contains("`[` here is never closed"),
            "{}",
            e.message
        );
        // A list closed over several lines, then another mistake: that mistake is named.
        let text = "---\ntags: [a,\n  b]\ntitle: A\ntitle: B\n---\n";
        let e = parse_yaml(&split(text).unwrap()).unwrap_err();
        assert_eq!(e.line, 5, "{e:?}");
        // Brackets in quotes do not count.
        let text = "---\ntags: [\"a]\", b\ndate: x\n---\n";
        let e = parse_yaml(&split(text).unwrap()).unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
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
        assert_eq!(map["date"].line, 4);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Text built from the pieces that matter to the splitter.
        fn file_like() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("---".to_string()),
                Just("+++".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                Just("\u{feff}".to_string()),
                Just(" \t".to_string()),
                Just("title: A\n".to_string()),
                Just("- [a, *b]\n".to_string()),
                Just("&b x: {".to_string()),
                any::<String>(),
            ];
            prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        fn check_split(text: &str) -> Result<(), TestCaseError> {
            match split(text) {
                Ok(s) => {
                    // Both halves are slices of the input, in order, with consistent lines.
                    let start = s.yaml.as_ptr() as usize - text.as_ptr() as usize;
                    let body_start = s.body.as_ptr() as usize - text.as_ptr() as usize;
                    prop_assert!(start + s.yaml.len() <= body_start);
                    prop_assert_eq!(&text[body_start..], s.body);
                    prop_assert_eq!(s.yaml_line, text[..start].matches('\n').count() + 1);
                    prop_assert_eq!(
                        s.body_line,
                        text[..body_start].matches('\n').count()
                            + 1
                            + usize::from(!text[..body_start].ends_with('\n'))
                    );
                    // Never panics, whatever the YAML.
                    let _ = parse_yaml(&s);
                }
                Err(p) => {
                    prop_assert!((p.line >= 1 || text.trim().is_empty()) && !p.message.is_empty())
                }
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn split_and_parse_never_panic(text in file_like()) {
                check_split(&text)?;
                check_split(&normalize(&text))?;
            }

            #[test]
            fn arbitrary_text_never_panics(text in any::<String>()) {
                check_split(&text)?;
                check_split(&normalize(&text))?;
            }

            #[test]
            fn normalize_removes_cr_and_bom_and_is_idempotent(text in file_like()) {
                let once = normalize(&text).into_owned();
                prop_assert!(!once.contains('\r'));
                let bom_left = once.starts_with('\u{feff}');
                prop_assert!(!bom_left);
                prop_assert_eq!(normalize(&once).into_owned(), once.clone());
                // As many lines as the input had line endings.
                let endings = text.matches("\r\n").count()
                    + text.replace("\r\n", "").matches(['\r', '\n']).count();
                prop_assert_eq!(once.matches('\n').count(), endings);
            }

            #[test]
            fn yaml_errors_point_into_the_file(extra in "[a-z:\\[\\]{}&*! \t\n-]{0,80}") {
                let text = format!("---\ntitle: A\n{extra}\n---\nbody\n");
                let s = split(&text).unwrap();
                if let Err(p) = parse_yaml(&s) {
                    let lines = text.lines().count();
                    prop_assert!(p.line >= 2 && p.line <= lines, "{p:?} in {lines} lines");
                    // The parser's own words, not the hint quoting the curator's text.
                    let own = p.message.split("; if `").next().unwrap_or("");
                    prop_assert!(!own.contains("Option") && !own.contains(" { "), "{}", p.message);
                }
            }
        }
    }
}
