//! How far a build has got, for the progress line `gazette build` shows on a terminal
//! during long builds. The stages count here (one relaxed atomic add per file or page); the
//! binary decides whether and how to show it.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The stages worth showing: the two that take nearly all of a build's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Markdown files read and parsed.
    Reading,
    /// Pages rendered (and, in `build`, written).
    Rendering,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Rendering => "rendering",
        }
    }

    /// What one unit of the count is, plural.
    pub fn units(self) -> &'static str {
        match self {
            Stage::Reading => "files",
            Stage::Rendering => "pages",
        }
    }
}

/// Shared between the build's threads and whoever displays it.
#[derive(Debug, Default)]
pub struct Progress {
    /// 0 before the first stage, else 1 + the stage's index.
    stage: AtomicUsize,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// A stage starts with `total` items to do.
    pub fn begin(&self, stage: Stage, total: usize) {
        self.done.store(0, Relaxed);
        self.total.store(total, Relaxed);
        self.stage.store(stage as usize + 1, Relaxed);
    }

    /// One item of the current stage is done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Relaxed);
    }

    /// The current stage, items done and items in all; None before the first stage.
    pub fn now(&self) -> Option<(Stage, usize, usize)> {
        let stage = match self.stage.load(Relaxed) {
            1 => Stage::Reading,
            2 => Stage::Rendering,
            _ => return None,
        };
        let total = self.total.load(Relaxed);
        Some((stage, self.done.load(Relaxed).min(total), total))
    }
}

/// Begins a stage of `progress`, if there is one.
pub fn begin(progress: Option<&Progress>, stage: Stage, total: usize) {
    if let Some(p) = progress {
        p.begin(stage, total);
    }
}

/// Ticks `progress`, if there is one.
pub fn tick(progress: Option<&Progress>) {
    if let Some(p) = progress {
        p.tick();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_stage_from_zero() {
        let p = Progress::default();
        assert_eq!(p.now(), None);
        p.begin(Stage::Reading, 3);
        p.tick();
        p.tick();
        assert_eq!(p.now(), Some((Stage::Reading, 2, 3)));
        p.begin(Stage::Rendering, 5);
        assert_eq!(p.now(), Some((Stage::Rendering, 0, 5)));
        for _ in 0..9 {
            p.tick();
        }
        // Never more done than there is.
        assert_eq!(p.now(), Some((Stage::Rendering, 5, 5)));
    }
}
