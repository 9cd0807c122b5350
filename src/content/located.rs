//! What the two YAML readers (the fast path in `simple_yaml`, serde-saphyr in
//! `frontmatter`) produce, and the limits both keep: a module of its own so that neither
//! reader depends on the other.

use std::collections::BTreeMap;

/// Front matter larger than this is refused: no real article needs it, and it bounds the
/// YAML parser's work.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Most YAML nodes (scalars, lists, mappings, counting every alias expansion) one front
/// matter may hold: an "alias bomb" stops here, after microseconds and a few MiB.
pub const MAX_YAML_NODES: usize = 50_000;

/// Most alias uses (`*name`) in one front matter.
pub const MAX_YAML_ALIASES: usize = 1_000;

/// Deepest nesting of lists and mappings in one front matter.
pub const MAX_YAML_DEPTH: usize = 64;

/// A top-level front-matter value and where it is written: the file line (1-based) and the
/// column (1-based, in characters) of its first character, or of the first key or `-` of a
/// nested block. A column of 0 means the parser did not say. `key_line` is the file line
/// of the key itself (the same line unless the value is a nested block).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub value: serde_json::Value,
    pub line: usize,
    pub col: usize,
    pub key_line: usize,
}

pub type RawMap = BTreeMap<String, Located>;

/// Where one top-level front-matter key and its value are written (file lines, 1-based;
/// `col` as in [`Located`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPosition {
    pub key: Box<str>,
    pub key_line: usize,
    pub line: usize,
    pub col: usize,
}

/// Where each top-level key of a document's front matter is written, kept with the parsed
/// document so that messages about a key (a URL clash on `slug:`, a missing summary) point
/// at its line without reading the file again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPositions(Box<[KeyPosition]>);

impl KeyPositions {
    pub fn of(map: &RawMap) -> KeyPositions {
        KeyPositions(
            map.iter()
                .map(|(key, v)| KeyPosition {
                    key: key.as_str().into(),
                    key_line: v.key_line,
                    line: v.line,
                    col: v.col,
                })
                .collect(),
        )
    }

    pub fn get(&self, key: &str) -> Option<&KeyPosition> {
        self.0.iter().find(|p| &*p.key == key)
    }

    /// The line of the first of `keys` written, in the order given (`["slug", "title"]`:
    /// the `slug:` line if there is one).
    pub fn key_line(&self, keys: &[&str]) -> Option<usize> {
        keys.iter().find_map(|k| self.get(k)).map(|p| p.key_line)
    }

    /// The line of whichever of `keys` comes first in the file.
    pub fn first_line(&self, keys: &[&str]) -> Option<usize> {
        keys.iter()
            .filter_map(|k| self.get(k))
            .map(|p| p.key_line)
            .min()
    }
}
