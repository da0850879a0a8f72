//! Progress shown on stderr while long work runs.
//!
//! Process-wide on purpose: the stages that do the work (extraction inside
//! the pipeline, Graphviz inside export) are far from the command line that
//! knows whether progress is wanted (`--quiet`, a terminal), and threading a
//! handle through every signature would touch each stage for a cosmetic.
//! Nothing here changes what a command computes or writes; with stderr not
//! a terminal, or after [`disable`], every call is a no-op.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static DISABLED: AtomicBool = AtomicBool::new(false);

/// Work shorter than this shows nothing: a bar that flashes is noise.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Turn progress off for the rest of the process (`--quiet`).
pub fn disable() {
    DISABLED.store(true, Ordering::Relaxed);
}

/// Whether progress may be drawn: not disabled, and stderr is a terminal
/// (never into a log file or a pipe).
pub fn enabled() -> bool {
    !DISABLED.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

struct Counter {
    bar: ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

static DOCS: OnceLock<Mutex<Option<Counter>>> = OnceLock::new();

fn docs() -> &'static Mutex<Option<Counter>> {
    DOCS.get_or_init(|| Mutex::new(None))
}

/// Count `total` documents of work under `message` ("extracting"): a bar
/// with documents per second appears once the work has taken [`SHOW_AFTER`].
pub fn start_documents(message: &str, total: usize) {
    if !enabled() {
        return;
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} documents, {per_sec}, {eta} left")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(message.to_string());
    if let Ok(mut slot) = docs().lock() {
        *slot = Some(Counter { bar, started: Instant::now(), shown: AtomicBool::new(false) });
    }
}

/// One document done (called from worker threads).
pub fn document_done() {
    let Some(m) = DOCS.get() else { return };
    let Ok(slot) = m.lock() else { return };
    if let Some(c) = slot.as_ref() {
        c.bar.inc(1);
        if !c.shown.load(Ordering::Relaxed) && c.started.elapsed() >= SHOW_AFTER {
            c.shown.store(true, Ordering::Relaxed);
            c.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

/// End the document count and clear its bar.
pub fn finish_documents() {
    if let Some(m) = DOCS.get() {
        if let Ok(mut slot) = m.lock() {
            if let Some(c) = slot.take() {
                c.bar.finish_and_clear();
            }
        }
    }
}

/// A spinner for work that cannot be counted (a render, writing a large
/// export): it appears only once the work has taken [`SHOW_AFTER`] and is
/// cleared when the guard is dropped.
pub struct Spinner {
    bar: Option<ProgressBar>,
    started: Instant,
    message: String,
}

impl Spinner {
    pub fn new(message: impl Into<String>) -> Self {
        Spinner { bar: None, started: Instant::now(), message: message.into() }
    }

    /// Call now and then from the waiting loop: draws the spinner once due.
    pub fn poll(&mut self) {
        if self.bar.is_none() && self.started.elapsed() >= SHOW_AFTER && enabled() {
            let s = ProgressBar::new_spinner();
            s.set_message(format!("{} ({}s)", self.message, self.started.elapsed().as_secs()));
            s.enable_steady_tick(Duration::from_millis(120));
            self.bar = Some(s);
        }
        if let Some(b) = &self.bar {
            b.set_message(format!("{} ({}s)", self.message, self.started.elapsed().as_secs()));
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}
