//! Removing temporary files when a run is interrupted.
//!
//! A temporary file is removed by its owner when a write fails (tempfile's drop), but Ctrl-C or
//! SIGTERM ends the process without running drops. While a temporary file exists its path is
//! listed here, and a handler (the `ctrlc` crate, on SIGINT, SIGTERM and SIGHUP) removes every
//! listed file and exits 130. The handler runs on its own thread rather than in signal context,
//! so it may take the lock and remove files; it is installed at the first write, so a run that
//! writes nothing keeps the default handling of signals.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Exit status after an interrupt (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: i32 = 130;

static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Remove every listed temporary file.
fn clean_up() {
    for path in live().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Install the handler, once; call it before creating a temporary file.
pub fn install() {
    INSTALL.call_once(|| {
        // Another handler already installed (by an embedding program) stays in charge.
        let _ = ctrlc::set_handler(|| {
            clean_up();
            std::process::exit(EXIT_INTERRUPTED);
        });
    });
}

/// A temporary file listed for removal on interrupt while this is alive.
pub struct Guard {
    path: PathBuf,
}

impl Guard {
    /// List `path`; [`install`] should have run before it was created.
    pub fn new(path: &Path) -> Guard {
        install();
        live().push(path.to_path_buf());
        Guard {
            path: path.to_path_buf(),
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut list = live();
        if let Some(at) = list.iter().rposition(|p| *p == self.path) {
            list.swap_remove(at);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const CHILD: &str = "MEDLINT_INTERRUPT_TEST_FILE";

    /// Run in a child process (this test binary again): a listed temporary file is removed
    /// when the process is interrupted, and the process exits 130.
    #[test]
    fn an_interrupt_removes_listed_temporary_files() {
        if let Some(path) = std::env::var_os(CHILD) {
            let path = PathBuf::from(path);
            std::fs::write(&path, "half a report").expect("write");
            let _guard = Guard::new(&path);
            let _ = std::process::Command::new("kill")
                .args(["-INT", &std::process::id().to_string()])
                .status();
            // The handler ends the process; this thread only waits for it.
            loop {
                std::thread::park();
            }
        }
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(".medlint-x.tmp");
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "files::interrupt::tests::an_interrupt_removes_listed_temporary_files",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .output()
            .expect("run the child");
        assert_eq!(out.status.code(), Some(EXIT_INTERRUPTED), "{out:?}");
        assert!(!path.exists(), "the temporary file was left behind");
    }
}
