//! Code lines parsed once per build. syntect's parse of a line (its scope operations and the
//! parser's state after it) depends only on the line, the grammar set and the state before
//! it, so a line met again in the same state reuses the first parse: the boilerplate that
//! repeats across a digest's code blocks (`use std::collections::HashMap;`,
//! `set -euo pipefail`, `}`) is parsed once, not once per block.
//!
//! A line is stored the second time it is met (the first only records its hash), so lines
//! that never repeat cost a hash and no memory; the table holds at most [`MAX_LINES`] parses
//! and [`MAX_SEEN`] hashes, and past either it stops growing.

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use syntect::parsing::{ParseState, ParsingError, ScopeStackOp, SyntaxSet};

const MAX_LINES: usize = 1 << 16;
const MAX_SEEN: usize = 1 << 20;

/// A line's scope operations, as `ParseState::parse_line` returns them.
pub type Ops = Vec<(usize, ScopeStackOp)>;

#[derive(Default)]
pub struct LineMemo {
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    /// Hashes of (set, line) met once.
    seen: FxHashSet<u64>,
    /// Parses of lines met more than once, by the hash of (set, line).
    parsed: FxHashMap<u64, Vec<Parse>>,
    lines: usize,
    /// Lines answered from the table (for tests).
    #[cfg(test)]
    reused: usize,
}

struct Parse {
    line: Box<str>,
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

// SAFETY: a `ParseState` is not `Send` only because the captures it keeps for grammars with
// back-references hold an Oniguruma `Region`: plain heap memory owned by it (made and freed
// with `onig_region_new`/`onig_region_free`, tied to no thread). A `Parse` is moved into the
// table and only read or cloned under its mutex, never shared outside it. (`Region`'s
// equality compares its buffers' addresses, so a state with captures never equals a stored
// one: such lines are parsed every time, never wrongly reused.)
unsafe impl Send for Parse {}

impl LineMemo {
    /// Parses `line` from `state` (advancing it) as `state.parse_line(line, set)` would,
    /// reusing an earlier parse of the same line from the same state.
    pub fn parse_line(
        &self,
        state: &mut ParseState,
        line: &str,
        set: &SyntaxSet,
    ) -> Result<Ops, ParsingError> {
        let key = key(set, line);
        let store = {
            let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(parse) = table.parsed.get(&key).and_then(|parses| {
                parses
                    .iter()
                    .find(|p| &*p.line == line && p.before == *state)
            }) {
                *state = parse.after.clone();
                let ops = parse.ops.clone();
                #[cfg(test)]
                {
                    table.reused += 1;
                }
                return Ok(ops);
            }
            table.met(key)
        };
        // A clone equal to its original has no captures (see `Parse`), so can match again.
        let before = store.then(|| state.clone()).filter(|b| b == state);
        let ops = state.parse_line(line, set)?;
        if let Some(before) = before {
            let parse = Parse {
                line: line.into(),
                before,
                ops: ops.clone(),
                after: state.clone(),
            };
            self.table
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .store(key, parse);
        }
        Ok(ops)
    }
}

#[cfg(test)]
impl LineMemo {
    pub fn reused(&self) -> usize {
        self.table.lock().unwrap().reused
    }
}

impl Table {
    /// Records that the line `key` was met without a stored parse; true when this is not
    /// the first time and there is room to store its parse.
    fn met(&mut self, key: u64) -> bool {
        if self.seen.contains(&key) {
            return self.lines < MAX_LINES;
        }
        if self.seen.len() < MAX_SEEN {
            self.seen.insert(key);
        }
        false
    }

    fn store(&mut self, key: u64, parse: Parse) {
        // Another thread may have stored the same parse meanwhile.
        let parses = self.parsed.entry(key).or_default();
        if parses
            .iter()
            .any(|p| p.line == parse.line && p.before == parse.before)
            || self.lines >= MAX_LINES
        {
            return;
        }
        parses.push(parse);
        self.lines += 1;
    }
}

/// The table's key: the grammar set (by address: a build's sets live as long as its
/// highlighter) and the line.
fn key(set: &SyntaxSet, line: &str) -> u64 {
    let mut hasher = FxHasher::default();
    (set as *const SyntaxSet as usize).hash(&mut hasher);
    line.hash(&mut hasher);
    hasher.finish()
}
