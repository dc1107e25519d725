//! Progress reporting without printing: the library says what it is doing, callers decide
//! whether that becomes a terminal progress bar, a log line or nothing.

/// The phases of a linkage run, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Estimating u from random pairs and m by EM.
    Training,
    /// Generating and scoring candidate pairs.
    Scoring,
    /// Merging scored pairs into clusters.
    Clustering,
}

impl Stage {
    /// A short label for display.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Training => "training",
            Stage::Scoring => "scoring pairs",
            Stage::Clustering => "clustering",
        }
    }
}

/// Receives progress from a running linkage. Called from worker threads, hence `Sync`;
/// implementations should be cheap (the library batches `advance` calls).
pub trait Progress: Sync {
    /// A stage begins; `total` units of work are expected (0 when unknown).
    fn start(&self, stage: Stage, total: u64);
    /// `done` more units of the current stage are finished.
    fn advance(&self, done: u64);
}

/// A [`Progress`] that ignores everything, for tests and batch callers.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: Stage, _total: u64) {}
    fn advance(&self, _done: u64) {}
}
