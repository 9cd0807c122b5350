//! TOML front matter between `+++` lines, as Hugo and Zola write it, read into the same
//! located map as YAML so the field checks (`fields.rs`) are shared. Zola's
//! `[taxonomies]` table lends its `tags` and `categories` to the top level, where gazette
//! looks for them.

use std::collections::BTreeMap;

use super::frontmatter::{Problem, Split};
use super::located::{Located, RawMap};
use crate::text::scrub;

/// Parses the TOML block of `split` into top-level keys with their file lines.
pub fn parse(split: &Split<'_>) -> Result<RawMap, Problem> {
    super::frontmatter::check_size(split)?;
    let table: toml::Table = toml::from_str(split.yaml).map_err(|e| toml_problem(&e, split))?;
    if table.is_empty() {
        return Err(Problem::new(
            split.yaml_line.saturating_sub(1).max(1),
            1,
            "front matter is empty: `title` and `date` are required",
        ));
    }
    let lines = key_lines(split.yaml, split.yaml_line);
    let at = |key: &str| lines.get(key).copied().unwrap_or(split.yaml_line);
    let mut map = RawMap::new();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("taxonomies", toml::Value::Table(taxonomies)) => {
                lift_taxonomies(taxonomies, at("taxonomies"), &mut map);
            }
            ("extra", toml::Value::Table(extra)) => lift_extra(extra, at("extra"), &mut map),
            (_, value) => {
                let line = at(&key);
                map.insert(key, located(json(value), line));
            }
        }
    }
    Ok(map)
}

/// Zola's `[extra]` holds a page's own values; they become the article's `extra` as
/// unknown top-level keys do (a key gazette reads itself, or one the top level has, stays
/// under `extra`).
fn lift_extra(extra: toml::Table, line: usize, map: &mut RawMap) {
    let mut kept = toml::Table::new();
    for (key, value) in extra {
        if super::fields::is_known_key(&key) || map.contains_key(&key) {
            kept.insert(key, value);
        } else {
            map.insert(key, located(json(value), line));
        }
    }
    if !kept.is_empty() {
        map.insert(
            "extra".to_string(),
            located(json(toml::Value::Table(kept)), line),
        );
    }
}

/// Zola's `[taxonomies] tags = [...]`: tags, categories and authors move up unless the
/// top level has them; other taxonomies stay under `taxonomies` (unknown keys are ignored).
fn lift_taxonomies(mut taxonomies: toml::Table, line: usize, map: &mut RawMap) {
    for key in ["tags", "categories", "authors"] {
        if let Some(value) = taxonomies.remove(key) {
            map.entry(key.to_string())
                .or_insert_with(|| located(json(value), line));
        }
    }
    if !taxonomies.is_empty() {
        let rest = json(toml::Value::Table(taxonomies));
        map.insert("taxonomies".to_string(), located(rest, line));
    }
}

fn located(value: serde_json::Value, line: usize) -> Located {
    Located {
        value,
        line,
        col: 1,
        key_line: line,
    }
}

/// TOML values as the JSON values the field checks read; dates become the text TOML
/// wrote (`2024-05-28`, `2024-05-28T09:30:00+03:00`), which gazette's date parser takes.
fn json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, json(v))).collect()),
    }
}

/// The file line of each top-level key: `key = …` lines before the first `[table]`
/// header, and each header's own line for its table (`[taxonomies]`, `[extra]`).
fn key_lines(toml_text: &str, first_line: usize) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    let mut in_table = false;
    for (i, line) in toml_text.lines().enumerate() {
        let line_no = first_line + i;
        let t = line.trim();
        if let Some(header) = t.strip_prefix('[') {
            in_table = true;
            let name = header.trim_start_matches('[').split([']', '.']).next();
            if let Some(name) = name.map(|n| n.trim().trim_matches(['"', '\''])) {
                lines.entry(name.to_string()).or_insert(line_no);
            }
        } else if !in_table {
            if let Some((key, _)) = t.split_once('=') {
                let key = key.trim().trim_matches(['"', '\'']);
                let key = key.split('.').next().unwrap_or(key).trim();
                if !key.is_empty() && !key.starts_with('#') {
                    lines.entry(key.to_string()).or_insert(line_no);
                }
            }
        }
    }
    lines
}

/// The parser's message at its file line and column.
fn toml_problem(e: &toml::de::Error, split: &Split<'_>) -> Problem {
    let (line, col) = e.span().map_or((split.yaml_line, 1), |span| {
        let before = &split.yaml[..span.start.min(split.yaml.len())];
        let line = split.yaml_line + before.matches('\n').count();
        let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, col)
    });
    let message = e.message().trim().trim_end_matches('.');
    Problem::new(
        line,
        col,
        format!("invalid TOML front matter: {}", scrub(message)),
    )
}

#[cfg(test)]
mod tests {
    use super::super::frontmatter::{parse_front_matter, split};
    use serde_json::json;

    #[test]
    fn hugo_and_zola_front_matter_reads_with_its_lines() {
        let text = "+++\ntitle = \"Harbour reopens\"\ndate = 2024-05-28T09:30:00+03:00\ndraft = false\n\n[taxonomies]\ntags = [\"transport\", \"harbour\"]\n\n[extra]\nmood = \"calm\"\n+++\nBody.\n";
        let s = split(text).unwrap();
        assert_eq!((s.yaml_line, s.body_line, s.body), (2, 12, "Body.\n"));
        let map = parse_front_matter(&s).unwrap();
        assert_eq!(map["title"].value, json!("Harbour reopens"));
        assert_eq!(map["date"].value, json!("2024-05-28T09:30:00+03:00"));
        assert_eq!(map["date"].line, 3);
        assert_eq!(map["tags"].value, json!(["transport", "harbour"]));
        assert_eq!(map["tags"].line, 6, "the [taxonomies] line");
        assert_eq!(
            map["mood"].value,
            json!("calm"),
            "[extra] values are the article's"
        );
        assert_eq!(map["mood"].line, 9);
        assert!(!map.contains_key("taxonomies"));
    }

    #[test]
    fn toml_mistakes_name_their_line() {
        let text = "+++\ntitle = \"A\"\ndate = 2024-05-28\ntags = [\"a\"\n+++\n";
        let e = parse_front_matter(&split(text).unwrap()).unwrap_err();
        assert!(e.message.starts_with("invalid TOML front matter"), "{e:?}");
        assert!((4..=5).contains(&e.line), "{e:?}");
        let text = "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n";
        let e = parse_front_matter(&split(text).unwrap()).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = split("+++\ntitle = \"A\"\n").unwrap_err();
        assert!(e.message.contains("no `+++` line closes it"), "{e:?}");
    }
}
