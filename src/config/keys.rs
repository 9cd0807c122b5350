//! The keys `site.toml` may hold, and the check that reports every other key at once, each
//! with its line and the key that was probably meant. serde stops at the first unknown
//! field and cannot suggest; this runs before it.

use std::path::Path;

use crate::content::fields::edit_distance;
use crate::diagnostic::Diagnostic;

/// Every table of `site.toml` (`""` is the top level) and its keys. `[extra]` holds anything,
/// `[strings]` any message id.
/// A unit test checks this list against the serde structs.
pub const KNOWN: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "base_url",
            "description",
            "language",
            "timezone",
            "theme",
            "output_dir",
            "digest",
            "permalinks",
            "feeds",
            "markdown",
            "newsletter",
            "search",
            "extra",
            "strings",
        ],
    ),
    ("digest", &["edition", "per_page"]),
    ("permalinks", &["article"]),
    ("feeds", &["items", "full_content", "tags", "author"]),
    (
        "markdown",
        &[
            "highlight_theme",
            "highlight_theme_dark",
            "highlight",
            "unsafe_html",
        ],
    ),
    (
        "newsletter",
        &["enabled", "from", "subject", "unsubscribe", "max_stories"],
    ),
    ("search", &["enabled"]),
];

/// Names other generators use (Hugo, Jekyll, Zola, Eleventy) and gazette's name for them.
const OTHER_GENERATORS: &[(&str, &str)] = &[
    ("baseurl", "base_url"),
    ("url", "base_url"),
    ("name", "title"),
    ("languagecode", "language"),
    ("lang", "language"),
    ("defaultcontentlanguage", "language"),
    ("default_language", "language"),
    ("time_zone", "timezone"),
    ("theme_dir", "theme"),
    ("themes_dir", "theme"),
    ("themesdir", "theme"),
    ("publishdir", "output_dir"),
    ("destination", "output_dir"),
    ("output", "output_dir"),
    ("paginate", "digest.per_page"),
    ("paginate_by", "digest.per_page"),
    ("pagination", "digest.per_page"),
    ("permalink", "permalinks.article"),
    ("params", "extra"),
];

/// The keys of `text` (already valid TOML) that gazette does not know.
pub struct Unknown {
    /// One diagnostic for each.
    pub diagnostics: Vec<Diagnostic>,
    /// `text` with their lines (and unknown tables) blanked, line numbers kept, so that the
    /// rest can be read and checked too: every problem is reported at once.
    pub known_text: String,
}

pub fn unknown_keys(path: &Path, text: &str) -> Unknown {
    let mut found = Vec::new();
    let mut known_text = String::with_capacity(text.len());
    let mut table = String::new();
    for (i, raw_line) in text.lines().enumerate() {
        let before = found.len();
        check_line(path, i + 1, raw_line, &mut table, &mut found);
        let in_unknown_table = !is_known_table(&table) && !in_extra(&table);
        if found.len() == before && !in_unknown_table {
            known_text.push_str(raw_line);
        }
        known_text.push('\n');
    }
    Unknown {
        diagnostics: found,
        known_text,
    }
}

/// Reads one line: a table header updates `table`; an unknown table or key is reported.
fn check_line(
    path: &Path,
    line_no: usize,
    line: &str,
    table: &mut String,
    found: &mut Vec<Diagnostic>,
) {
    let line = strip_comment(line).trim();
    if let Some(header) = table_header(line) {
        *table = header;
        if !is_known_table(table) && !in_extra(table) {
            let message = with_hint(format!("unknown table `[{table}]`"), table, "");
            found.push(Diagnostic::error(path, line_no, 1, message));
        }
        return;
    }
    let Some((key, _)) = line.split_once('=') else {
        return;
    };
    let key = unquote(key.trim());
    // A dotted key (`digest.per_page = 5`) is the table and its key.
    let (table, key) = match key.rsplit_once('.') {
        Some((t, k)) if table.is_empty() => (t.to_string(), k.to_string()),
        _ => (table.clone(), key.to_string()),
    };
    if in_extra(&table) || !is_known_table(&table) || known_in(&table, &key) {
        return;
    }
    let place = if table.is_empty() {
        "site.toml".to_string()
    } else {
        format!("[{table}]")
    };
    let message = with_hint(format!("unknown key `{key}` in {place}"), &key, &table);
    found.push(Diagnostic::error(path, line_no, 1, message));
}

/// serde's words for a value of the wrong kind, in a curator's: `invalid type: string "50",
/// expected usize` becomes `expected a whole number such as 20, found the text "50"`.
pub fn plain_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {rest}: every site.toml needs it");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        // unknown variant `weekly`, expected one of `day`, `week`, `month`, `none`
        let (value, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let choices: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let given = value.trim_matches('`').to_lowercase();
        let near = choices
            .iter()
            .find(|c| given.starts_with(*c) || c.starts_with(&given))
            .or_else(|| choices.iter().find(|c| edit_distance(&given, c) <= 2));
        let hint = near.map_or(String::new(), |c| format!("; did you mean \"{c}\"?"));
        return format!(
            "unknown value {value}; expected one of {}{hint}",
            choices.join(", ")
        );
    }
    let found_expected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "));
    let Some((found, expected)) = found_expected else {
        return message.to_string();
    };
    let expected = match expected {
        "usize" | "u64" | "u32" | "i64" => "a whole number such as 20 (not negative, no quotes)",
        "a boolean" => "true or false (no quotes)",
        "a string" => "text in quotes",
        other => other,
    };
    let found = found
        .replace("string ", "the text ")
        .replace("integer ", "the number ")
        .replace('`', "");
    format!("expected {expected}, found {found}")
}

fn with_hint(what: String, key: &str, table: &str) -> String {
    match suggestion(key, table) {
        Some(hint) => format!("{what}; {hint}"),
        None => format!("{what}; known keys: {}", known_keys(table).join(", ")),
    }
}

/// The key probably meant: another generator's name, the same key in another table, or a
/// known key within two edits.
fn suggestion(key: &str, table: &str) -> Option<String> {
    let lower = key.to_lowercase();
    if let Some((_, ours)) = OTHER_GENERATORS.iter().find(|(theirs, _)| *theirs == lower) {
        return Some(match ours.split_once('.') {
            Some((t, k)) => format!("gazette calls it `{k}` in [{t}]"),
            None => format!("gazette calls it `{ours}`"),
        });
    }
    if let Some((other, _)) = KNOWN
        .iter()
        .find(|(t, keys)| *t != table && keys.contains(&key))
    {
        return Some(if other.is_empty() {
            format!("`{key}` belongs at the top of site.toml, before any [table]")
        } else {
            format!("`{key}` belongs in the [{other}] table")
        });
    }
    known_keys(table)
        .into_iter()
        .map(|k| (edit_distance(&lower, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

fn known_keys(table: &str) -> Vec<&'static str> {
    KNOWN
        .iter()
        .find(|(t, _)| *t == table)
        .map_or(Vec::new(), |(_, keys)| keys.to_vec())
}

fn known_in(table: &str, key: &str) -> bool {
    known_keys(table).contains(&key)
}

fn is_known_table(table: &str) -> bool {
    KNOWN.iter().any(|(t, _)| *t == table)
}

/// `[extra]` holds anything; `[strings]` any message id, which `i18n` checks itself
/// (with its own did-you-mean).
fn in_extra(table: &str) -> bool {
    ["extra", "strings"]
        .iter()
        .any(|t| table == *t || table.strip_prefix(t).is_some_and(|r| r.starts_with('.')))
}

/// `[name]` or `[[name]]` → `name` (quotes and spaces around dots removed).
fn table_header(line: &str) -> Option<String> {
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
    let parts: Vec<String> = inner.split('.').map(|p| unquote(p.trim())).collect();
    Some(parts.join("."))
}

fn unquote(key: &str) -> String {
    key.trim_matches(|c| c == '"' || c == '\'').to_string()
}

/// The line without a trailing `# comment` (a `#` inside a quoted string is kept).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        unknown_keys(Path::new("site.toml"), text)
            .diagnostics
            .into_iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_line_and_a_hint() {
        let text = "title = \"T\"\nbaseURL = \"https://a.org/\"\ntitel = \"x\"\nper_page = 5\n\n[feeds]\nitem = 3 # typo\n[extra]\nanything = 1\n";
        let m = messages(text);
        assert_eq!(m.len(), 4, "{m:#?}");
        assert!(m[0].starts_with("site.toml:2:1: error: unknown key `baseURL`"));
        assert!(m[0].contains("gazette calls it `base_url`"), "{}", m[0]);
        assert!(m[1].contains("did you mean `title`?"), "{}", m[1]);
        assert!(
            m[2].contains("`per_page` belongs in the [digest] table"),
            "{}",
            m[2]
        );
        assert!(m[3].starts_with("site.toml:7:1:"), "{}", m[3]);
        assert!(m[3].contains("did you mean `items`?"), "{}", m[3]);
    }

    #[test]
    fn unknown_tables_and_far_off_keys_list_what_is_known() {
        let m = messages("[digests]\nedition = \"week\"\n[markdown]\nzzzzzz = 1\n");
        assert_eq!(m.len(), 2, "{m:#?}");
        assert!(
            m[0].contains("unknown table `[digests]`; did you mean `digest`?"),
            "{}",
            m[0]
        );
        assert!(m[1].contains("known keys: highlight_theme"), "{}", m[1]);
    }

    #[test]
    fn serde_words_become_plain_ones() {
        assert_eq!(
            plain_words("invalid type: string \"50\", expected usize"),
            "expected a whole number such as 20 (not negative, no quotes), found the text \"50\""
        );
        assert_eq!(
            plain_words("invalid value: integer `-1`, expected usize"),
            "expected a whole number such as 20 (not negative, no quotes), found the number -1"
        );
        assert_eq!(
            plain_words("unknown variant `weekly`, expected one of `day`, `week`, `month`, `none`"),
            "unknown value `weekly`; expected one of day, week, month, none; did you mean \"week\"?"
        );
        assert_eq!(
            plain_words("missing field `title`"),
            "missing key `title`: every site.toml needs it"
        );
    }

    #[test]
    fn dotted_keys_and_quoted_hashes_are_read_as_toml_means_them() {
        assert!(messages("digest.per_page = 5\ntitle = \"a # b\"\n").is_empty());
        assert_eq!(messages("digest.perpage = 5\n").len(), 1);
    }

    /// The list above and the serde structs agree: every listed key deserializes, and a key
    /// that is not listed is refused by serde too.
    #[test]
    fn the_list_matches_what_serde_accepts() {
        for (table, keys) in KNOWN {
            for key in keys.iter() {
                let text = if table.is_empty() {
                    let title = if *key == "title" {
                        ""
                    } else {
                        "title = \"T\"\n"
                    };
                    format!("{title}{}", sample(key))
                } else {
                    format!("title = \"T\"\n[{table}]\n{}", sample(key))
                };
                let parsed: Result<super::super::RawConfig, _> = toml::from_str(&text);
                assert!(parsed.is_ok(), "{table}.{key}: {parsed:?}");
            }
            let text = if table.is_empty() {
                "title = \"T\"\nnot_a_key = 1\n".to_string()
            } else {
                format!("title = \"T\"\n[{table}]\nnot_a_key = 1\n")
            };
            // serde's refusal lists the fields it knows: exactly the list above.
            let refusal = toml::from_str::<super::super::RawConfig>(&text)
                .unwrap_err()
                .to_string();
            // "expected `a`", "expected `a` or `b`", "expected one of `a`, `b`, `c`".
            let expected = refusal.rsplit("expected").next().unwrap_or("");
            let mut serde_keys: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let mut ours = keys.to_vec();
            serde_keys.sort();
            ours.sort();
            assert_eq!(serde_keys, ours, "[{table}]: {refusal}");
        }
    }

    /// A value of the right type for each key.
    fn sample(key: &str) -> String {
        let value = match key {
            "digest" | "permalinks" | "feeds" | "markdown" | "newsletter" | "search" | "extra"
            | "strings" => "{}",
            "per_page" | "items" | "max_stories" => "3",
            "full_content" | "tags" | "highlight" | "unsafe_html" | "enabled" => "true",
            "from" => "\"a@b.org\"",
            "edition" => "\"week\"",
            _ => "\"x\"",
        };
        format!("{key} = {value}\n")
    }
}
