//! The binary's implementation of [`fingertip::progress::Progress`]: an indicatif bar on
//! stderr per stage, and nothing at all when stderr is not a terminal (pipes, CI,
//! tests), so output stays clean and deterministic. The library knows the trait alone
//! and is handed this by the commands; indicatif is a dependency of the binary only.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use fingertip::progress::{Progress, Tick};

/// Draws each stage as a bar on stderr when stderr is a terminal.
#[derive(Debug, Clone, Copy)]
pub struct StderrProgress {
    visible: bool,
}

impl StderrProgress {
    /// Bars on stderr if it is a terminal, else hidden.
    pub fn new() -> Self {
        StderrProgress {
            visible: std::io::stderr().is_terminal(),
        }
    }
}

impl Default for StderrProgress {
    fn default() -> Self {
        Self::new()
    }
}

/// A bar that clears itself when its stage ends.
struct Bar(ProgressBar);

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

impl Tick for Bar {
    fn add_total(&self, steps: u64) {
        self.0.inc_length(steps);
    }
    fn inc(&self, steps: u64) {
        self.0.inc(steps);
    }
}

impl Progress for StderrProgress {
    fn stage(&self, name: &str, total: u64) -> Box<dyn Tick + '_> {
        if !self.visible {
            return Box::new(Bar(ProgressBar::with_draw_target(
                Some(total),
                ProgressDrawTarget::hidden(),
            )));
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name.to_owned());
        Box::new(Bar(bar))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_bar_counts_without_drawing() {
        // Under `cargo test` stderr is captured, not a terminal: the bar is hidden but
        // still a working Tick.
        let progress = StderrProgress::new();
        let tick = progress.stage("test", 2);
        tick.add_total(3);
        tick.inc(5);
        drop(tick);
        let bar = Bar(ProgressBar::with_draw_target(
            Some(0),
            ProgressDrawTarget::hidden(),
        ));
        bar.add_total(4);
        bar.inc(1);
        assert_eq!(bar.0.length(), Some(4));
        assert_eq!(bar.0.position(), 1);
    }
}
