//! Where `check` may write its reports and baseline. A pull request decides what files exist,
//! and a CI job's flags may be edited by one, so a report or baseline is never written over a
//! file being linted, nor (unless `--force`) over any existing file with an article extension,
//! which may be an article this run does not lint; a new `report.html` replaces nothing and is
//! written. A failed write is an error naming the file, after which the run goes on.

use std::path::Path;

use crate::document::Format;
use crate::error::{Error, ErrorKind};
use crate::files::path::normalize;
use crate::files::write::{atomic_write, occupied, resolved};
use crate::input::Inputs;

/// Why `path` may not receive a `what` ("report", "baseline"), if it may not.
pub(super) fn refusal(
    path: &Path,
    what: &str,
    inputs: &Inputs,
    cwd: &Path,
    force: bool,
) -> Option<Error> {
    let refuse = |why: String| {
        Some(Error::in_file(
            ErrorKind::Usage,
            path.display().to_string(),
            format!("{why}; the {what} was not written"),
        ))
    };
    if is_input(path, inputs, cwd) {
        return refuse("is a file being linted".into());
    }
    if !force && occupied(path) && Format::from_path(&path.to_string_lossy()).is_some() {
        return refuse(
            "exists and has an article extension (.md, .markdown, .txt, .html, .htm); pass --force to replace it"
                .into(),
        );
    }
    None
}

/// Whether `path` names one of the inputs: the same path, or the same file reached another way
/// (a symlinked folder, `..`).
fn is_input(path: &Path, inputs: &Inputs, cwd: &Path) -> bool {
    let abs = normalize(&cwd.join(path));
    let real = resolved(&abs);
    let name = abs.file_name();
    inputs.iter().any(|input| {
        let p = input.path();
        // Texts from standard input have no file to overwrite.
        if input.text().is_some() {
            return false;
        }
        *p == *abs
            || (p.file_name() == name && real.is_some() && resolved(&p) == real)
            || real.as_deref() == Some(&*p)
    })
}

/// Write `bytes` to `path`, or an error naming it.
pub(super) fn write(path: &Path, bytes: &[u8], what: &str) -> Result<(), Error> {
    atomic_write(path, bytes).map_err(|e| {
        Error::in_file(
            ErrorKind::Usage,
            path.display().to_string(),
            format!("cannot write the {what}: {e}"),
        )
    })
}
