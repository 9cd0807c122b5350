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
