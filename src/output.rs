//! Writing the files casegraph produces (graphs, curation files, extract
//! output, exports) without ever damaging what the user pointed `-o` at.
//!
//! Every output goes through this module, so the rules hold everywhere:
//!
//! * `-o -` ([`Output::Stdout`]) writes to standard output.
//! * A regular file (or a path that does not exist yet) is replaced
//!   atomically: the bytes go to a temporary file created beside it with
//!   `O_EXCL` under an unpredictable name (`.casegraph-tmp-XXXXXX`, through
//!   tempfile), are synced, then renamed over the target. The new file keeps
//!   the old one's permissions. A reader sees the old file or the new one,
//!   never half of one.
//! * A symlink is followed to its target; the link itself stays.
//! * A character device or a FIFO (`/dev/stdout`, `/dev/null`, a named pipe)
//!   is written through, as a shell redirection would.
//! * Anything else that is not a regular file (a folder, a socket, a block
//!   device) is refused with one line naming it.
//! * SIGINT and SIGTERM remove the temporary files of writes in progress
//!   before the process dies; temporaries left by a run killed harder
//!   (SIGKILL, power loss) are removed by the next write into that folder.
//!   Each temporary holds an advisory lock while it is alive, which is how
//!   a later run tells a stale one from one another process is still writing.
//! * [`write_set`] writes several files as one: all are renamed in, or none
//!   (used for the `nodes.csv` + `edges.csv` pair).
//! * [`lock_for_update`] serialises read-modify-write cycles (`build
//!   --append`, `curate`) on one file between processes.
//!
//! ```no_run
//! use casegraph::output::{self, Output};
//! # fn main() -> casegraph::error::Result<()> {
//! // a single-file format: `-o -` or a path
//! Output::parse("graph.dot").write(b"digraph {}\n")?;
//! // a pair that must stay consistent
//! output::write_set(&[("out/nodes.csv".as_ref(), b"id\n".as_slice()), ("out/edges.csv".as_ref(), b"source\n".as_slice())])?;
//! // a read-modify-write cycle
//! let _lock = output::lock_for_update("graphs/curation.ron".as_ref())?;
//! let old = std::fs::read_to_string("graphs/curation.ron").unwrap_or_default();
//! output::write_file("graphs/curation.ron".as_ref(), format!("{old}// more\n").as_bytes())?;
//! # Ok(()) }
//! ```

use crate::error::{Error, Result};
use fs4::FileExt;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Name prefix of every temporary file casegraph creates beside an output.
pub const TEMP_PREFIX: &str = ".casegraph-tmp-";

/// Where a single-file output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// `-`: standard output.
    Stdout,
    /// A path: replaced atomically, or written through for devices and FIFOs.
    File(PathBuf),
}

impl Output {
    /// `-` is standard output; anything else is a path.
    pub fn parse(s: impl AsRef<OsStr>) -> Output {
        let s = s.as_ref();
        if s == "-" {
            Output::Stdout
        } else {
            Output::File(PathBuf::from(s))
        }
    }

    /// Write `bytes` as the whole content of this output.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match self {
            Output::Stdout => write_stdout(bytes),
            Output::File(p) => write_file(p, bytes),
        }
    }

    /// How to name it in a message.
    pub fn display(&self) -> String {
        match self {
            Output::Stdout => "standard output".to_string(),
            Output::File(p) => p.display().to_string(),
        }
    }
}

impl From<PathBuf> for Output {
    fn from(p: PathBuf) -> Self {
        Output::parse(p.as_os_str())
    }
}

impl std::str::FromStr for Output {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(Output::parse(s))
    }
}

/// Write to standard output; a closed pipe (`| head`) ends quietly.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}

/// Write one file (see the module doc for what happens to each kind of target).
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    write_set(&[(target, bytes)])
}

/// Write several files as one: every regular-file target is staged in a
/// temporary beside it first, then all are renamed in together. If a
/// rename fails, the targets already renamed get their old content back
/// (or are removed if they did not exist), so the set is never half new.
/// A signal arriving during the renames waits for them to finish.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<()> {
    let targets: Vec<Target> = files.iter().map(|(p, _)| resolve_target(p)).collect::<Result<_>>()?;
    let mut staged = Vec::new();
    for (t, (given, bytes)) in targets.iter().zip(files) {
        if let Target::Replace(path) = t {
            staged.push((stage(given, path, bytes)?, path.clone(), *given));
        }
    }
    failpoint_hold();
    {
        let guard = registry();
        commit(&guard, &staged, |from, to| fs::rename(from, to))?;
    }
    for (t, (given, bytes)) in targets.iter().zip(files) {
        if let Target::WriteThrough(path) = t {
            let mut f = fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(*given, e))?;
            f.write_all(bytes).and_then(|_| f.flush()).map_err(|e| Error::io(*given, e))?;
        }
    }
    Ok(())
}

/// What a path given as an output turned out to be.
#[derive(Debug)]
enum Target {
    /// A regular file, or nothing yet: replaced atomically at this path
    /// (symlinks already followed).
    Replace(PathBuf),
    /// A character device or FIFO: opened and written.
    WriteThrough(PathBuf),
}

fn resolve_target(given: &Path) -> Result<Target> {
    let mut p = given.to_path_buf();
    for _ in 0..40 {
        let meta = match fs::symlink_metadata(&p) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Replace(p)),
            Err(e) => return Err(Error::io(given, e)),
        };
        let ft = meta.file_type();
        if ft.is_symlink() {
            // through the link: a magic link such as /proc/self/fd/1 names a pipe
            // that has no path of its own, so the type decides before the path
            match fs::metadata(&p) {
                Ok(m) if is_stream(&m.file_type()) => return Ok(Target::WriteThrough(p)),
                Ok(m) if m.is_dir() => return Err(Error::input(given, "is a folder, not a file")),
                Ok(m) if !m.is_file() => return Err(not_regular(given)),
                _ => {}
            }
            let link = fs::read_link(&p).map_err(|e| Error::io(given, e))?;
            p = if link.is_absolute() { link } else { p.parent().unwrap_or(Path::new("")).join(link) };
            continue;
        }
        if ft.is_file() {
            return Ok(Target::Replace(p));
        }
        if is_stream(&ft) {
            return Ok(Target::WriteThrough(p));
        }
        if ft.is_dir() {
            return Err(Error::input(given, "is a folder, not a file"));
        }
        return Err(not_regular(given));
    }
    Err(Error::input(given, "too many levels of symbolic links"))
}

fn not_regular(given: &Path) -> Error {
    Error::input(given, "is not a regular file (a socket or block device); refusing to replace it")
}

#[cfg(unix)]
fn is_stream(ft: &fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    ft.is_char_device() || ft.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &fs::FileType) -> bool {
    false
}

/// A temporary file with the bytes of one target, synced, locked and
/// registered for removal on a signal.
struct Staged {
    file: tempfile::NamedTempFile,
}

impl Drop for Staged {
    fn drop(&mut self) {
        unregister(self.file.path());
    }
}

fn stage(given: &Path, path: &Path, bytes: &[u8]) -> Result<Staged> {
    let staged = stage_empty(given, path)?;
    let io = |e| Error::io(given, e);
    let mut f = staged.file.as_file();
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    Ok(staged)
}

/// A locked, registered temporary beside `path`, empty, with the target's permissions.
fn stage_empty(given: &Path, path: &Path) -> Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    remove_stale_temporaries(&dir);
    install_signal_cleanup();
    let io = |e| Error::io(given, e);
    let old_mode = fs::metadata(path).ok().map(|m| m.permissions());
    let file = new_locked_temp(&dir).map_err(io)?;
    let staged = Staged { file };
    // the target's own permissions; a new file gets what the umask allows
    if let Some(perm) = old_mode {
        staged.file.as_file().set_permissions(perm).map_err(io)?;
    }
    Ok(staged)
}

/// An output written piece by piece, for outputs too large to hold
/// (`extract` over a whole archive): standard output, a device or a FIFO
/// get each piece as it comes, so a reader downstream (a Spark job's pipe)
/// can start at once; a file is staged in a temporary that [`Stream::finish`]
/// renames in, so an error or a signal midway leaves the old file whole.
pub struct Stream {
    sink: Sink,
    /// What the user named, for errors.
    given: PathBuf,
    buf: Vec<u8>,
    /// The reader of standard output went away (`| head`): the rest is dropped.
    closed: bool,
}

enum Sink {
    Stdout,
    Through(File),
    Staged(Staged, PathBuf),
}

/// Bytes held before they go to the sink when the caller does not flush.
const STREAM_BUFFER: usize = 1 << 16;

impl Output {
    /// Open this output for writing piece by piece.
    pub fn stream(&self) -> Result<Stream> {
        let (sink, given) = match self {
            Output::Stdout => (Sink::Stdout, PathBuf::from("<stdout>")),
            Output::File(p) => match resolve_target(p)? {
                Target::Replace(path) => (Sink::Staged(stage_empty(p, &path)?, path), p.clone()),
                Target::WriteThrough(path) => {
                    (Sink::Through(fs::OpenOptions::new().write(true).open(&path).map_err(|e| Error::io(p, e))?), p.clone())
                }
            },
        };
        Ok(Stream { sink, given, buf: Vec::new(), closed: false })
    }
}

impl Stream {
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= STREAM_BUFFER {
            self.drain()?;
        }
        Ok(())
    }

    /// Hand what was written so far to the reader now.
    pub fn flush(&mut self) -> Result<()> {
        self.drain()?;
        let r = match &mut self.sink {
            Sink::Stdout if !self.closed => std::io::stdout().lock().flush(),
            Sink::Through(f) => f.flush(),
            _ => Ok(()),
        };
        self.check(r)
    }

    /// Has the reader of standard output gone away? Nothing more will reach it.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// Write the rest and, for a file, put it in place of the target.
    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        let given = std::mem::take(&mut self.given);
        if let Sink::Staged(staged, path) = std::mem::replace(&mut self.sink, Sink::Stdout) {
            staged.file.as_file().sync_all().map_err(|e| Error::io(&given, e))?;
            failpoint_hold();
            // the set outlives the guard: dropping a staged file takes the registry
            let set = [(staged, path, given.as_path())];
            let guard = registry();
            let done = commit(&guard, &set, |from, to| fs::rename(from, to));
            drop(guard);
            done?;
        }
        Ok(())
    }

    fn drain(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let r = match &mut self.sink {
            Sink::Stdout if self.closed => Ok(()),
            Sink::Stdout => std::io::stdout().lock().write_all(&self.buf),
            Sink::Through(f) => f.write_all(&self.buf),
            Sink::Staged(s, _) => s.file.as_file().write_all(&self.buf),
        };
        self.buf.clear();
        self.check(r)
    }

    fn check(&mut self, r: std::io::Result<()>) -> Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && matches!(self.sink, Sink::Stdout) => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Error::io(&self.given, e)),
        }
    }
}

/// Create a temporary beside the target and hold its lock. The path is
/// checked again once locked: a cleaner that found it unlocked in between
/// may have removed it, and then we start over with a new name.
fn new_locked_temp(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut last = None;
    for _ in 0..8 {
        let mut b = tempfile::Builder::new();
        b.prefix(TEMP_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            b.permissions(fs::Permissions::from_mode(0o666));
        }
        let t = b.tempfile_in(dir)?;
        register(t.path());
        FileExt::lock(t.as_file())?;
        if same_file(t.path(), t.as_file()) {
            return Ok(t);
        }
        unregister(t.path());
        last = Some(std::io::Error::other("temporary file removed while being created"));
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("could not create a temporary file")))
}

#[cfg(unix)]
fn same_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(path: &Path, _: &File) -> bool {
    path.exists()
}

/// Rename every staged file over its target, or none. Runs with the
/// registry held, so a signal handler waits until the set is complete.
fn commit(
    _registry: &MutexGuard<'_, Vec<PathBuf>>,
    staged: &[(Staged, PathBuf, &Path)],
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    // keep each existing target under a temporary name until all are in
    let mut backups: Vec<Option<PathBuf>> = Vec::new();
    let mut held = Vec::new();
    if staged.len() > 1 {
        for (_, path, given) in staged {
            let b = backup(path).map_err(|e| Error::io(*given, e));
            let b = match b {
                Ok(b) => b,
                Err(e) => {
                    for p in backups.iter().flatten() {
                        let _ = fs::remove_file(p);
                    }
                    return Err(e);
                }
            };
            backups.push(b.map(|(p, f)| {
                held.push(f);
                p
            }));
        }
    }
    let mut done = 0;
    let mut failure = None;
    for (s, path, given) in staged {
        if let Err(e) = rename(s.file.path(), path) {
            failure = Some(Error::io(*given, e));
            break;
        }
        done += 1;
    }
    if let Some(err) = failure {
        for (i, (_, path, _)) in staged.iter().enumerate().take(done) {
            match backups.get(i).cloned().flatten() {
                Some(b) => {
                    let _ = fs::rename(&b, path);
                }
                None => {
                    let _ = fs::remove_file(path);
                }
            }
        }
        for b in backups.iter().flatten() {
            let _ = fs::remove_file(b);
        }
        return Err(err);
    }
    for b in backups.iter().flatten() {
        let _ = fs::remove_file(b);
    }
    let mut dirs: Vec<&Path> = staged.iter().filter_map(|(_, p, _)| p.parent()).collect();
    dirs.dedup();
    for d in dirs {
        let d = if d.as_os_str().is_empty() { Path::new(".") } else { d };
        if let Ok(f) = File::open(d) {
            let _ = f.sync_all();
        }
    }
    Ok(())
}

/// A hard link to the current target under a temporary name (None when
/// there is no target yet), locked like a staged file so that another
/// process's cleaning does not take it for a leftover.
fn backup(path: &Path) -> std::io::Result<Option<(PathBuf, File)>> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let kept = tempfile::Builder::new().prefix(TEMP_PREFIX).make_in(dir, |p| fs::hard_link(path, p))?;
    let (_, p) = kept.keep().map_err(|e| e.error)?;
    let f = File::open(&p)?;
    FileExt::lock(&f)?;
    Ok(Some((p, f)))
}

/// Remove the temporaries of runs that died before cleaning up: a live
/// writer holds the lock on its temporary, so one whose lock can be taken
/// belongs to nobody.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let path = e.path();
        if !fs::symlink_metadata(&path).map(|m| m.is_file()).unwrap_or(false) {
            continue;
        }
        let Ok(f) = File::open(&path) else { continue };
        if FileExt::try_lock(&f).is_ok() {
            let _ = fs::remove_file(&path);
        }
    }
}

/// An exclusive lock for a read-modify-write cycle on `target`, held until
/// dropped. It is taken on the folder that holds the target (the target
/// itself is replaced by rename on every write, so a lock on it would be
/// lost with the old file), which leaves no lock file behind; other
/// writers in that folder wait for it. Blocks until the lock is free.
pub struct UpdateLock {
    _dir: File,
}

/// Take the [`UpdateLock`] for `target`.
pub fn lock_for_update(target: &Path) -> Result<UpdateLock> {
    let path = match resolve_target(target)? {
        Target::Replace(p) | Target::WriteThrough(p) => p,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let f = File::open(&dir).map_err(|e| Error::io(&dir, e))?;
    FileExt::lock(&f).map_err(|e| Error::io(&dir, e))?;
    Ok(UpdateLock { _dir: f })
}

/// Temporaries alive in this process, for the signal handler.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

fn register(p: &Path) {
    registry().push(p.to_path_buf());
}

fn unregister(p: &Path) {
    registry().retain(|q| q != p);
}

/// On SIGINT or SIGTERM, remove the temporaries of writes in progress,
/// then die of the signal as the default handler would. Installed on the
/// first write only, so a run that writes nothing keeps the default.
fn install_signal_cleanup() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use signal_hook::consts::{SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
            let _ = std::thread::Builder::new().name("casegraph-signals".into()).spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // held until the process is gone: no rename starts after this
                    let temps = registry();
                    for p in temps.iter() {
                        let _ = fs::remove_file(p);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                    std::process::exit(128 + sig);
                }
            });
        });
    }
}

/// Test hook (debug builds only): `CASEGRAPH_TEST_HOLD_WRITE_MS` keeps the
/// staged temporaries in place that long before they are renamed, so a
/// test can signal the process at that moment.
fn failpoint_hold() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("CASEGRAPH_TEST_HOLD_WRITE_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_replaces_the_file_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        fs::write(&target, "old\n").unwrap();
        let names = || -> Vec<std::ffi::OsString> {
            let mut v: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            v.sort();
            v
        };
        // abandoned midway (an error in the producer): the old file stays, no temporary is left
        let mut s = Output::File(target.clone()).stream().unwrap();
        s.write(&vec![b'x'; STREAM_BUFFER + 10]).unwrap();
        s.flush().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        drop(s);
        assert_eq!(names(), [std::ffi::OsString::from("out.jsonl")]);
        let mut s = Output::File(target.clone()).stream().unwrap();
        s.write(b"one\n").unwrap();
        s.write(b"two\n").unwrap();
        s.finish().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "one\ntwo\n");
        assert_eq!(names(), [std::ffi::OsString::from("out.jsonl")]);
    }

    #[test]
    fn a_failed_rename_in_a_set_restores_the_files_already_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("nodes.csv"), dir.path().join("edges.csv"));
        fs::write(&a, "old nodes").unwrap();
        let staged = vec![
            (stage(&a, &a, b"new nodes").unwrap(), a.clone(), a.as_path()),
            (stage(&b, &b, b"new edges").unwrap(), b.clone(), b.as_path()),
        ];
        let calls = std::cell::Cell::new(0);
        let guard = registry();
        let err = commit(&guard, &staged, |from, to| {
            calls.set(calls.get() + 1);
            if calls.get() == 2 {
                Err(std::io::Error::other("disk gone"))
            } else {
                fs::rename(from, to)
            }
        })
        .unwrap_err();
        drop(guard);
        assert!(err.to_string().contains("edges.csv"), "{err}");
        assert_eq!(fs::read_to_string(&a).unwrap(), "old nodes");
        assert!(!b.exists());
        drop(staged);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("nodes.csv")], "no temporary left");
    }

    #[test]
    fn a_stale_temporary_is_removed_but_a_live_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!("{TEMP_PREFIX}dead"));
        fs::write(&stale, "half").unwrap();
        let live = new_locked_temp(dir.path()).unwrap();
        remove_stale_temporaries(dir.path());
        assert!(!stale.exists());
        assert!(live.path().exists());
        unregister(live.path());
    }

    #[test]
    fn dash_is_standard_output() {
        assert_eq!(Output::parse("-"), Output::Stdout);
        assert_eq!(Output::parse("./-"), Output::File(PathBuf::from("./-")));
    }
}
