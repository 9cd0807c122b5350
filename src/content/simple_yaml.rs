//! A fast path for the front matter nearly every article has. serde-saphyr, a full YAML
//! parser, was ~8% of build CPU; this reads the common shape directly and returns `None` for
//! anything else, which serde-saphyr then parses (reporting every error). When it does return
//! a map, the map equals serde-saphyr's, values, lines and columns alike: the tests compare
//! the two on the example site, the fixtures, generated front matter and generated pieces.
//!
//! Accepted, and nothing else:
//! - top-level `key: value` lines, the key an ASCII letter or `_`, then letters, digits, `_`
//!   or `-` (not `null`, `true` or `false`), no key twice;
//! - as a value: a scalar; a one-line flow sequence of scalars (`[a, 'b', "c"]`); a one-line
//!   flow mapping of scalars (`{k: a, k2: "b"}`: keys as above, each followed by `: `, none
//!   twice); or nothing and then lines all indented by the same spaces: `key: value` (one
//!   nested mapping) or `- value` (a block sequence);
//! - scalars on one line: single-quoted (`''` for a quote), double-quoted (the only escapes
//!   `\"` and `\\`), or plain: not starting with an indicator, `~`, `+` or `.`, without `: `
//!   or ` #`, not ending in `:` (in a flow collection, without any of `:#,[]{}`). Plain
//!   `true`, `True`, `TRUE` (and false alike) are booleans; a plain scalar that could be null
//!   or a number is declined, so every other one is text, dates included;
//! - blank lines.
//!
//! Declined, among others: comments, tabs, control characters, anchors, aliases, tags, block
//! and multi-line scalars, nested flow collections, trailing commas, empty (null) values,
//! other escapes, `---`.

use serde_json::{Map, Value};

use super::located::{Located, RawMap, MAX_FRONT_MATTER_BYTES, MAX_YAML_NODES};

// Every accepted node takes at least two bytes, so the fast path stays within serde-saphyr's
// node budget and never hides a budget error.
const _: () = assert!(MAX_FRONT_MATTER_BYTES / 2 < MAX_YAML_NODES);

/// Longest key read here; YAML limits implicit keys to 1024 characters.
const MAX_KEY: usize = 128;

/// Parses `yaml`, whose first line is file line `yaml_line`, if it is in the subset above.
pub fn parse(yaml: &str, yaml_line: usize) -> Option<RawMap> {
    if yaml.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    }) {
        return None;
    }
    let mut lines = (yaml_line..)
        .zip(yaml.split('\n'))
        .filter(|(_, l)| !l.trim_start_matches(' ').is_empty())
        .peekable();
    let mut map = RawMap::new();
    while let Some((line_no, line)) = lines.next() {
        let (key, start, text) = key_value(line)?;
        let located = if text.is_empty() {
            // A nested block: located at its first key or `-`, as serde-saphyr does.
            let &(first_no, first) = lines.peek()?;
            let indent = first.len() - first.trim_start_matches(' ').len();
            let value = block(&mut lines, indent)?;
            Located {
                value,
                line: first_no,
                col: indent + 1,
                key_line: line_no,
            }
        } else {
            Located {
                value: inline(text)?,
                line: line_no,
                // Everything before the value is ASCII, so bytes count as characters.
                col: start + 1,
                key_line: line_no,
            }
        };
        if map.insert(key.to_string(), located).is_some() {
            return None;
        }
    }
    (!map.is_empty()).then_some(map)
}

/// `key: value` at the start of `line`: the key, the value's byte offset, the value trimmed.
fn key_value(line: &str) -> Option<(&str, usize, &str)> {
    let (key, rest) = line.split_once(':')?;
    let simple = key.len() <= MAX_KEY
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !["null", "true", "false"]
            .iter()
            .any(|w| key.eq_ignore_ascii_case(w));
    if !simple || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let text = rest.trim_start_matches(' ');
    Some((key, line.len() - text.len(), text.trim_end_matches(' ')))
}

/// The lines of a nested block, all at `indent` (> 0) spaces, up to the next top-level key.
fn block<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>,
    indent: usize,
) -> Option<Value> {
    let mut items = Vec::new();
    let mut fields = Map::new();
    let mut is_seq = None;
    while let Some(&(_, line)) = lines.peek() {
        let body = line.trim_start_matches(' ');
        match line.len() - body.len() {
            0 => break,
            n if n != indent => return None,
            _ => {}
        }
        lines.next();
        if let Some(item) = body.strip_prefix("- ") {
            if *is_seq.get_or_insert(true) {
                items.push(inline(item.trim_matches(' '))?);
                continue;
            }
            return None;
        }
        let (key, _, text) = key_value(body)?;
        if *is_seq.get_or_insert(false) || fields.insert(key.to_string(), inline(text)?).is_some() {
            return None;
        }
    }
    match is_seq? {
        true => Some(Value::Array(items)),
        false => Some(Value::Object(fields)),
    }
}

/// A whole one-line value (trimmed): a scalar, or a flow sequence or mapping of scalars.
fn inline(text: &str) -> Option<Value> {
    if let Some(rest) = text.strip_prefix('[') {
        let mut items = Vec::new();
        flow_items(rest, "]", |item| {
            let (value, after) = scalar(item, true)?;
            items.push(value);
            Some(after)
        })?;
        return Some(Value::Array(items));
    }
    if let Some(rest) = text.strip_prefix('{') {
        let mut fields = Map::new();
        flow_items(rest, "}", |item| {
            // `key: value` as at the top level; `{a:b}`, `{"a": b}` or `{a}` are declined.
            let (key, _, text) = key_value(item)?;
            let (value, after) = scalar(text, true)?;
            let twice = fields.insert(key.to_string(), value).is_some();
            (!twice).then_some(after)
        })?;
        return Some(Value::Object(fields));
    }
    match scalar(text, false)? {
        (value, "") => Some(value),
        _ => None,
    }
}

/// Reads the items of a one-line flow collection, from after its opening bracket: `item`
/// reads one and returns what follows it. Items are separated by `,` (none trailing), and
/// `close` must end the text.
fn flow_items<'a>(
    rest: &'a str,
    close: &str,
    mut item: impl FnMut(&'a str) -> Option<&'a str>,
) -> Option<()> {
    let mut rest = rest.trim_start_matches(' ');
    if rest == close {
        return Some(());
    }
    loop {
        let after = item(rest)?.trim_start_matches(' ');
        match after.strip_prefix(',') {
            Some(next) => rest = next.trim_start_matches(' '),
            None => return (after == close).then_some(()),
        }
    }
}

/// A scalar at the start of `text`, and what follows it. In a flow collection (`flow`), a
/// plain scalar ends at a flow indicator; elsewhere it is the whole (trimmed) text.
fn scalar(text: &str, flow: bool) -> Option<(Value, &str)> {
    if let Some(mut rest) = text.strip_prefix('\'') {
        let mut out = String::new();
        loop {
            let end = rest.find('\'')?;
            out.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('\'') {
                Some(more) => {
                    out.push('\'');
                    rest = more;
                }
                None => return Some((Value::String(out), rest)),
            }
        }
    }
    if let Some(mut rest) = text.strip_prefix('"') {
        let mut out = String::new();
        loop {
            let end = rest.find(['"', '\\'])?;
            out.push_str(&rest[..end]);
            if rest.as_bytes()[end] == b'"' {
                return Some((Value::String(out), &rest[end + 1..]));
            }
            // `\"` and `\\` only; serde-saphyr reads YAML's other escapes.
            let after = &rest[end + 1..];
            let escaped = after.get(..1).filter(|e| matches!(*e, "\"" | "\\"))?;
            out.push_str(escaped);
            rest = &after[1..];
        }
    }
    let (plain, rest) = match flow {
        true => text.split_at(text.find([',', '[', ']', '{', '}']).unwrap_or(text.len())),
        false => (text, ""),
    };
    let plain = plain.trim_end_matches(' ');
    let bad_inside = match flow {
        true => plain.contains([':', '#']),
        false => plain.contains(": ") || plain.contains(" #") || plain.ends_with(':'),
    };
    let first = plain.chars().next()?;
    if bad_inside || "-?:,[]{}#&*!|>'\"%@`~+.".contains(first) {
        return None;
    }
    let value = match plain {
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ if plain.eq_ignore_ascii_case("null") => return None,
        _ if first.is_ascii_digit() && may_be_number(plain) => return None,
        _ => Value::String(plain.to_string()),
    };
    Some((value, rest))
}

/// False only when `text` (starting with a digit) cannot be an integer or float in any
/// form serde-saphyr reads (`0x1F`, `0o17`, `0b1`, `1_000`, `1.5E+3`): it holds another
/// character, or a sign that does not follow an exponent's `e`.
fn may_be_number(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().all(|(i, &c)| match c {
        b'+' | b'-' => i > 0 && matches!(b[i - 1], b'e' | b'E'),
        b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'x' | b'X' | b'o' | b'O' | b'.' | b'_' => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::{normalize, parse_with_saphyr, split, Split};
    use proptest::prelude::*;

    /// Whether the fast path took `yaml`; an error if its map differs from serde-saphyr's.
    fn same_as_saphyr(yaml: &str) -> Result<bool, crate::diagnostic::Problem> {
        let Some(fast) = parse(yaml, 2) else {
            return Ok(false);
        };
        let s = Split {
            syntax: super::super::frontmatter::Syntax::Yaml,
            yaml,
            yaml_line: 2,
            body: "",
            body_line: 0,
        };
        match parse_with_saphyr(&s) {
            Ok(slow) if slow == fast => Ok(true),
            slow => Err(crate::diagnostic::Problem::value(format!(
                "{yaml:?}\nfast: {fast:?}\nslow: {slow:?}"
            ))),
        }
    }

    #[test]
    fn agrees_with_saphyr_on_the_example_site_and_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut files, mut fast) = (0, 0);
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                if path.extension().is_some_and(|e| e == "md") {
                    if let Ok(s) = split(&normalize(&text)) {
                        files += 1;
                        fast += usize::from(same_as_saphyr(s.yaml).unwrap());
                    }
                }
            }
        }
        assert!(files >= 30 && fast >= 20, "{fast} of {files} fast");
    }

    /// Front matters from the benchmark corpus generator (`gen_corpus.py`, plain and zola).
    #[test]
    fn agrees_with_saphyr_and_takes_the_generated_corpus_shape() {
        let all = include_str!("../../tests/fixtures/frontmatter/generated.txt");
        let (mut total, mut fast, mut flow_maps) = (0, 0, 0);
        for yaml in all.split("---\n").filter(|y| !y.is_empty()) {
            let took = same_as_saphyr(yaml).unwrap();
            total += 1;
            fast += usize::from(took);
            // Outside the subset: only zola's `extra:` / `taxonomies:` nesting.
            if !yaml.contains("taxonomies:") {
                assert!(took, "declined:\n{yaml}");
                flow_maps += usize::from(yaml.contains("source: {"));
            }
        }
        // Without flow mappings (`source: {name: …, url: …}`) this drops to ~70%.
        assert!(fast * 100 >= total * 85, "{fast} of {total} fast");
        assert!(total >= 50 && flow_maps >= 8, "{total} {flow_maps}");
    }

    #[test]
    fn locates_values_like_saphyr() {
        let yaml = "title:   A  \ntags:\n\n   - x\nsource:\n  name: 'N'\n  url: U\nd: [a]\n\
                    s:  {n: \"N\", u: 'U'}\ne: { }\n";
        assert!(same_as_saphyr(yaml).unwrap());
        let map = parse(yaml, 2).unwrap();
        let at = |k: &str| (map[k].line, map[k].col);
        assert_eq!(
            ["title", "tags", "source", "d", "s", "e"].map(at),
            [(2, 10), (5, 4), (7, 3), (9, 4), (10, 5), (11, 4)]
        );
    }

    /// Scalars near the subset's edges: typing, quoting, indicators, comments, whitespace.
    #[rustfmt::skip]
    const TRICKY: &[&str] = &[
        "plain text", "Tech & Policy", "Q&A [live], now", "a*b!c&d", "yes", "No", "on", "y", "~",
        "null", "Null", "NULL", "nUll", "true", "True", "FALSE", "tRue", "1", "-1", "+1", "1.5",
        ".5", "1.", "1e3", "1E3", "1e+3", "1e3x", "0x1F", "0X1F", "0x1g", "0o17", "0b101", "01",
        "1_000", "1__0", "99999999999999999999999", "1e999", ".inf", "-.inf", "inf", ".NaN",
        "-.nan", "nan", "2025-01-01", "2025-07-09T09:55:46-05:00", "12:30", "1-2", "1e-2",
        "7-year high", "3 things", "5g", "1st", "0xz", "0xbeef", "a: b", "a:b", "a:", "a :", "#x",
        "a #x", "a#x", "'it''s'", "''", "'''a'", "'a''", r#""q\"x""#, r#""dq""#, r#""""#,
        r#""a # b""#, "'a' b", "'unclosed", r#""a" b"#, "*a", "&a x", "!x", "!!str x", "%x", "@x",
        "`x`", "|", ">-", "<<", "=", "-", "- a", "-a", "?x", "? x", "x\u{a0}", "\u{a0}x",
        "Bogotá é", "x\u{3000}", "{a: 1}", "[a] x", "[a,]", "[,a]", "[]", "[ ]", "[a", "[a, [b]]",
        r#"[a, 'b''c', "d e", yes, ~, 1, true]"#, "[a:b]", "[x #y]", "[ 'a' , b ]", "x\t", "a\t#b",
        "x\u{85}y", r#""a\\b""#, r#""\t""#, r#""\\""#, r#""\\\"""#, r#""a\""#, r#""\/""#,
        r#""\x41""#, r#""\u00e9""#, r#""\ ""#, r#""\é""#, r#""a\\\\""#, "{}", "{ }", "{a}",
        "{a: }", "{a: b, a: c}", "{a: b, A: c}", "{a: [1]}", "{a: {b: c}}", "{a: 'x, y'}",
        r#"{a: "x}"}"#, "{ a : b }", "{a: b,}", "{,a: b}", "{a: b,,c: d}", "{a:b}", "{a:, b: c}",
        r#"{"a": b}"#, "{'a': b}", "{a: ~}", "{a: yes}", "{a: 1}", "{a: 2025-01-01}",
        "{a: http://x.org/a?b=c}", "{a: x y , b: 'c' ,c: \"d\"}", "{a: b} x", "{a: b}}", "{a: b",
        "{a: b]", "{a: b #c}", "{a: b} #c", "{null: b}", "{true: b}", "{1: b}", "{a: 'b' c}",
        r#"{a: "b"c}"#, "{a: b: c}", "{a: b c: d}", "{? a: b}", "{a: -b}", "{a: é}", "{é: a}",
    ];

    #[test]
    fn agrees_with_saphyr_on_each_tricky_scalar_in_each_place() {
        let places = [
            "k: $",
            "k: $  ",
            "k:\n  n: $",
            "k:\n  - $",
            "k: [$]",
            "k: [a, $, b]",
            "k: {a: $}",
            "k: { b: c,a: $ , d: 'e'}",
        ];
        let mut fast = 0;
        for v in TRICKY {
            for place in places {
                let yaml = place.replace('$', v) + "\n";
                fast += usize::from(same_as_saphyr(&yaml).unwrap());
            }
        }
        assert!(fast > TRICKY.len(), "{fast}");
        // YAML caps implicit keys at 1024 characters.
        assert!(!same_as_saphyr(&format!("{}: x\n", "k".repeat(1100))).unwrap());
    }

    fn scalar() -> impl Strategy<Value = String> {
        let tricky = prop::sample::select(TRICKY).prop_map(str::to_string);
        let simple = "[A-Za-z][A-Za-z0-9 ,.'&é-]{0,12}";
        let random = r#"[a-z0-9 :#'"\\\[\],.&*!~+_é{}-]{0,10}"#;
        prop_oneof![2 => tricky, 3 => simple, 1 => random]
    }

    fn key() -> impl Strategy<Value = String> {
        let odd: &[&str] = &[
            "title", "yes", "inf", "null", "True", "é", "a b", "-k", "1", "\"a\"",
        ];
        let odd = prop::sample::select(odd).prop_map(str::to_string);
        prop_oneof![3 => "[a-z_][a-z0-9_-]{0,5}", 1 => odd]
    }

    /// A top-level entry (maybe with a nested block), a blank line, or something declined.
    fn entry() -> impl Strategy<Value = String> {
        let gap = || prop::sample::select(&[" ", "   "][..]);
        let pad = || prop::sample::select(&["", " ", "  "][..]);
        let indent = || prop::sample::select(&[" ", "  ", "    "][..]);
        let pairs = prop::collection::vec((key(), gap(), scalar(), pad()), 1..4);
        let items = prop::collection::vec((gap(), scalar()), 1..4);
        // Flow mappings: repeated keys, and separators around `:` and `,` right or wrong.
        let colon = prop::sample::select(&[": ", ": ", ": ", ":  ", ":", " : "][..]);
        let comma = prop::sample::select(&[", ", ", ", ",", " , ", ",,"][..]);
        let last = prop::sample::select(&["", "", "", " ", ",", ", "][..]);
        let k = prop_oneof![key(), Just("a".to_string()), Just("b".to_string())];
        let fields = prop::collection::vec((k, colon, scalar()), 0..4);
        #[rustfmt::skip]
        let junk: &[&str] = &[
            "", "   ", "# c", "---", "  more", "      - deeper", "      k: deeper", "\tx: y",
            "k:", "k :", "k:v", "k:[a]",
        ];
        prop_oneof![
            6 => (key(), gap(), scalar(), pad()).prop_map(|(k, g, v, p)| format!("{k}:{g}{v}{p}")),
            2 => (key(), indent(), pairs).prop_map(|(k, i, kv)| {
                let lines = kv.iter().map(|(k, g, v, p)| format!("\n{i}{k}:{g}{v}{p}"));
                format!("{k}:{}", lines.collect::<String>())
            }),
            2 => (key(), indent(), items).prop_map(|(k, i, v)| {
                let lines = v.iter().map(|(g, v)| format!("\n{i}-{g}{v}"));
                format!("{k}:{}", lines.collect::<String>())
            }),
            3 => (key(), pad(), fields, comma, last).prop_map(|(k, p, f, c, l)| {
                let f: Vec<_> = f.iter().map(|(k, s, v)| format!("{k}{s}{v}")).collect();
                format!("{k}: {{{p}{}{l}}}", f.join(c))
            }),
            1 => prop::sample::select(junk).prop_map(str::to_string),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn agrees_with_saphyr_on_generated_front_matter(
            entries in prop::collection::vec(entry(), 1..6)
        ) {
            let yaml = entries.join("\n") + "\n";
            if let Err(e) = same_as_saphyr(&yaml) {
                prop_assert!(false, "{}", e);
            }
        }

        #[test]
        fn never_panics(yaml in any::<String>()) {
            let _ = parse(&yaml, 2);
        }
    }
}
