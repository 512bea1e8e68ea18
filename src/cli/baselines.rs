//! `--write-baseline` and `--baseline` for `check`. A run that lints part of a site (one file,
//! a folder, `--changed-since`) checks only that part: writing keeps the other files' entries
//! as they were, and applying reports them as not checked rather than fixed.

use std::io;
use std::path::{Path, PathBuf};

use super::outputs;
use super::streams::Io;
use crate::baseline::{self, BaselineFile, Scope};
use crate::config::Settings;
use crate::engine::Report;
use crate::input::Inputs;
use crate::rules::Registry;
use crate::text::escape::visible;

/// Each file of a run: the name it is shown by and its path, to place it relative to a
/// baseline's folder.
pub(super) fn files(inputs: &Inputs, cwd: &Path) -> Vec<(String, PathBuf)> {
    inputs
        .iter()
        .map(|i| (i.display(cwd).into_owned(), i.path().into_owned()))
        .collect()
}

/// Write the baseline at `path`: its entries for files this run did not lint, and this run's
/// findings. A baseline that exists but cannot be read is left alone (an error), not replaced.
pub(super) fn write(
    path: &Path,
    report: &mut Report,
    files: &[(String, PathBuf)],
    run: (&Settings, &Registry),
    io: &mut Io<'_>,
) -> io::Result<()> {
    let cwd = run.0.cwd.as_path();
    let old = if path.exists() {
        match baseline::load(path, cwd) {
            Ok(b) => b,
            Err(e) => {
                report.errors.push(e);
                return Ok(());
            }
        }
    } else {
        BaselineFile {
            version: baseline::VERSION,
            entries: Vec::new(),
        }
    };
    let scope = Scope::new(report, files, baseline::folder_of(path, cwd), run.0, run.1);
    let (b, update) = baseline::update(&old, report, &scope);
    match outputs::write(path, baseline::to_json(&b).as_bytes(), "baseline") {
        Ok(()) => {
            write!(
                io.stderr,
                "wrote {} baseline entries to {}; {} entries of files not linted in this run kept unchanged",
                b.entries.len(),
                visible(&path.display().to_string()),
                update.kept
            )?;
            if update.gone > 0 {
                write!(
                    io.stderr,
                    "; {} entries of files that no longer exist dropped",
                    update.gone
                )?;
            }
            writeln!(io.stderr)
        }
        Err(e) => {
            report.errors.push(e);
            Ok(())
        }
    }
}

/// Hide the findings the baseline at `path` records, and say what it hid, what is fixed and
/// what this run could not check; returns how many it hid.
pub(super) fn apply(
    path: &Path,
    report: &mut Report,
    files: &[(String, PathBuf)],
    run: (&Settings, &Registry),
    io: &mut Io<'_>,
) -> io::Result<usize> {
    let cwd = run.0.cwd.as_path();
    match baseline::load(path, cwd) {
        Ok(b) => {
            let scope = Scope::new(report, files, baseline::folder_of(path, cwd), run.0, run.1);
            let outcome = baseline::apply(report, &b, &scope);
            writeln!(
                io.stderr,
                "baseline: {} known findings hidden; {} baseline entries fixed since it was written; {} baseline entries not checked in this run",
                outcome.hidden, outcome.fixed, outcome.unchecked
            )?;
            Ok(outcome.hidden)
        }
        Err(e) => {
            report.errors.push(e);
            Ok(0)
        }
    }
}
