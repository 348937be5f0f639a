//! Progress reporting as a small trait: the pure core (`overlap`, `rules`, `recommend`)
//! says which stage it is in and how far along it is, and whoever runs it decides what
//! to show. The binary draws indicatif bars on a terminal (its `commands::progress_bar`); tests,
//! benchmarks and library callers pass [`NoProgress`]. Progress only observes: a stage
//! computes the same result whatever the implementation does.

/// Receives the stages of a long computation. `Sync`, because stages tick from rayon
/// workers.
pub trait Progress: Sync {
    /// Starts a stage called `name` with `total` steps known so far (more may be
    /// announced with [`Tick::add_total`]). The stage ends when the returned [`Tick`]
    /// is dropped.
    fn stage(&self, name: &str, total: u64) -> Box<dyn Tick + '_>;
}

/// One running stage.
pub trait Tick: Sync {
    /// Announces `steps` more steps of work.
    fn add_total(&self, steps: u64);
    /// Marks `steps` steps done.
    fn inc(&self, steps: u64);
}

/// Progress that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _name: &str, _total: u64) -> Box<dyn Tick + '_> {
        Box::new(NoProgress)
    }
}

impl Tick for NoProgress {
    fn add_total(&self, _steps: u64) {}
    fn inc(&self, _steps: u64) {}
}

/// A [`Progress`] that records every call, for tests of the stages that report.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    /// `(stage, total announced, steps done)` per stage, in start order.
    pub(crate) stages: std::sync::Mutex<Vec<(String, u64, u64)>>,
}

#[cfg(test)]
struct RecorderTick<'a> {
    recorder: &'a Recorder,
    slot: usize,
}

#[cfg(test)]
impl Progress for Recorder {
    fn stage(&self, name: &str, total: u64) -> Box<dyn Tick + '_> {
        let mut stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        stages.push((name.to_owned(), total, 0));
        Box::new(RecorderTick {
            recorder: self,
            slot: stages.len() - 1,
        })
    }
}

#[cfg(test)]
impl Tick for RecorderTick<'_> {
    fn add_total(&self, steps: u64) {
        let mut stages = self
            .recorder
            .stages
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        stages[self.slot].1 += steps;
    }
    fn inc(&self, steps: u64) {
        let mut stages = self
            .recorder
            .stages
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        stages[self.slot].2 += steps;
    }
}
