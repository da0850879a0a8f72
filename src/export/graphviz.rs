//! Rendering with the Graphviz programs. `dot` is spawned here rather than
//! through graphviz-rust's `exec_dot`, which writes the DOT to a temporary
//! file and waits without a way to stop the child: here the DOT is fed on
//! standard input and the picture read from standard output, so there is no
//! temporary file, and Ctrl-C or SIGTERM kill `dot` before casegraph itself
//! ends. A spinner shows that work goes on, on a terminal only.

use super::dot::Layout;
use crate::error::{one_line, Error, Result};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    Svg,
    Png,
}

impl RenderFormat {
    fn flag(self) -> &'static str {
        match self {
            RenderFormat::Svg => "-Tsvg",
            RenderFormat::Png => "-Tpng",
        }
    }
}

/// Graphs with more nodes than this take minutes to lay out with `dot`:
/// export warns and says how to draw less.
pub const LARGE_RENDER: usize = 2_000;

/// Until dropped, SIGINT and SIGTERM set flags instead of ending the
/// process, so the child can be killed first.
struct Signals {
    int: Arc<AtomicBool>,
    term: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    fn catch() -> Self {
        let int = Arc::new(AtomicBool::new(false));
        let term = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for (sig, flag) in [(signal_hook::consts::SIGINT, &int), (signal_hook::consts::SIGTERM, &term)] {
            // a failed registration leaves the default (ending the process
            // and with it the pipe dot writes to), which is still safe
            if let Ok(id) = signal_hook::flag::register(sig, Arc::clone(flag)) {
                ids.push(id);
            }
        }
        Signals { int, term, ids }
    }

    fn caught(&self) -> Option<i32> {
        if self.int.load(Ordering::SeqCst) {
            Some(signal_hook::consts::SIGINT)
        } else if self.term.load(Ordering::SeqCst) {
            Some(signal_hook::consts::SIGTERM)
        } else {
            None
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Render DOT text to SVG or PNG with Graphviz, laid out by `layout`.
/// `nodes` only feeds the progress message.
pub fn render(dot_text: &str, format: RenderFormat, layout: Layout, nodes: usize) -> Result<Vec<u8>> {
    let signals = Signals::catch();
    let mut child = Command::new("dot")
        .arg(format!("-K{}", layout.as_str()))
        .arg(format.flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Export("Graphviz's `dot` program is not installed; install the `graphviz` package (apt-get install graphviz, brew install graphviz) or export --format dot".into())
            } else {
                Error::Export(format!("could not start Graphviz's dot: {e}"))
            }
        })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) = (child.stdin.take(), child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::Export("could not open pipes to Graphviz's dot".into()));
    };
    let input = dot_text.as_bytes().to_vec();
    // a dot that dies early closes its end: the write error is reported by
    // its exit status and message instead
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let errors = std::thread::spawn(move || {
        let mut err = Vec::new();
        let _ = stderr.read_to_end(&mut err);
        err
    });
    let mut spinner = crate::progress::Spinner::new(format!("rendering {nodes} nodes with Graphviz ({})", layout.as_str()));
    let status = loop {
        if let Some(sig) = signals.caught() {
            let _ = child.kill();
            let _ = child.wait();
            drop(spinner);
            eprintln!("casegraph: interrupted; stopped Graphviz, nothing written");
            drop(signals);
            // end as the signal would have ended us (exit status 130 or 143)
            let _ = signal_hook::low_level::emulate_default_handler(sig);
            return Err(Error::Export("interrupted".into()));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {
                spinner.poll();
                std::thread::sleep(Duration::from_millis(25))
            }
            Err(e) => {
                let _ = child.kill();
                return Err(Error::Export(format!("waiting for Graphviz's dot: {e}")));
            }
        }
    };
    drop(spinner);
    if let Some(sig) = signals.caught() {
        drop(signals);
        let _ = signal_hook::low_level::emulate_default_handler(sig);
        return Err(Error::Export("interrupted".into()));
    }
    drop(signals);
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let text = String::from_utf8_lossy(&err);
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("no message");
        return Err(Error::Export(format!("Graphviz's dot ({}) failed: {}", layout.as_str(), one_line(first))));
    }
    Ok(out)
}
