//! `check --fix` and `check --diff`: lint, apply the suggestions of the tier asked for, lint the
//! fixed texts again (a link's fix is judged against the whole site), until a pass applies
//! nothing; then write the fixed files (or print the diff) and say what was done.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Safety;
use crate::engine::{Engine, Report};
use crate::error::Error;
use crate::fix::{self, MAX_PASSES};
use crate::input::{Input, Inputs};
use crate::text::escape::{visible, visible_lines};

/// A file whose text the fixes changed.
pub(super) struct FixedFile {
    /// The name it is shown by.
    pub(super) name: String,
    /// Where it is on disk.
    pub(super) path: PathBuf,
    /// Whether it came from standard input (its fixed text is printed, not written).
    pub(super) stdin: bool,
    /// Its text as read.
    pub(super) original: String,
    /// Its text with every fix applied.
    pub(super) fixed: String,
}

/// What the fix passes did.
pub(super) struct Fixing {
    /// The tier applied.
    pub(super) tier: Safety,
    /// Files changed, in input order.
    pub(super) files: Vec<FixedFile>,
    /// Every input's text from standard input, fixed or not, to print with `--fix`.
    pub(super) stdin_text: Option<String>,
    /// Fixes applied over all passes.
    pub(super) applied: usize,
    /// Whether the last pass had nothing left to apply.
    pub(super) converged: bool,
}

/// Lint `inputs` and fix them pass by pass; the report is of the fixed texts.
pub(super) fn lint_and_fix(
    engine: &Engine<'_>,
    inputs: &Inputs,
    errors: Vec<Error>,
    tier: Safety,
    cwd: &Path,
) -> (Report, Fixing) {
    let n = inputs.len();
    let mut originals: Vec<Option<String>> = vec![None; n];
    let mut current: Vec<Option<String>> = vec![None; n];
    let mut stdin_text = None;
    let mut applied = 0;
    let mut pass_inputs: Option<Inputs> = None;
    // Passes 0..MAX_PASSES apply fixes; the one after only reports.
    let mut pass = 0;
    loop {
        let mut report = Report::empty();
        report.errors = errors.clone();
        let mut read_errors = Vec::new();
        let mut changed = false;
        let mut i = 0;
        engine.for_each(pass_inputs.as_ref().unwrap_or(inputs), |outcome| {
            match outcome {
                Ok(o) => {
                    let suggestions = o.diagnostics.iter().flat_map(|d| &d.suggestions);
                    let fixed = fix::apply(&o.source.text, suggestions, tier);
                    if !fixed.applied.is_empty() {
                        changed = true;
                        if pass < MAX_PASSES {
                            originals[i].get_or_insert_with(|| o.source.text.clone());
                            current[i] = Some(fixed.text);
                            applied += fixed.applied.len();
                        }
                    }
                    if inputs.get(i).text().is_some() {
                        stdin_text = Some(o.source.text.clone());
                    }
                    report.push(o);
                }
                Err(e) => read_errors.push(e),
            }
            i += 1;
        });
        if !changed || pass == MAX_PASSES {
            report.errors.extend(read_errors);
            let files = (0..n)
                .filter_map(|i| {
                    let input = inputs.get(i);
                    Some(FixedFile {
                        name: input.display(cwd).into_owned(),
                        path: input.path().into_owned(),
                        stdin: input.text().is_some(),
                        original: originals[i].take()?,
                        fixed: current[i].take()?,
                    })
                })
                .collect();
            let fixing = Fixing {
                tier,
                files,
                stdin_text,
                applied,
                converged: !changed,
            };
            return (report, fixing);
        }
        // The next pass reads the fixed texts in place of the files.
        pass_inputs = Some(
            (0..n)
                .map(|i| {
                    let input = inputs.get(i);
                    match &current[i] {
                        Some(text) => Input::with_text(
                            input.display(cwd),
                            input.path(),
                            input.format(),
                            text.clone(),
                        ),
                        None => input.to_input(),
                    }
                })
                .collect(),
        );
        pass += 1;
    }
}

/// Write each fixed file over the one read, atomically, keeping a byte-order mark it had; a
/// file that changed on disk since it was read is left alone. Standard input is not written.
pub(super) fn write(fixing: &Fixing) -> Vec<Error> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut errors = Vec::new();
    for file in fixing.files.iter().filter(|f| !f.stdin) {
        let on_disk = match std::fs::read(&file.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(Error::input(
                    &file.name,
                    format!("cannot read it again: {e}"),
                ));
                continue;
            }
        };
        let bom = on_disk.starts_with(BOM);
        let body = if bom { &on_disk[3..] } else { &on_disk[..] };
        if body != file.original.as_bytes() {
            errors.push(Error::input(
                &file.name,
                "changed on disk while medlint ran; its fixes were not written",
            ));
            continue;
        }
        let mut bytes = Vec::with_capacity(file.fixed.len() + 3);
        if bom {
            bytes.extend_from_slice(BOM);
        }
        bytes.extend_from_slice(file.fixed.as_bytes());
        if let Err(e) = super::outputs::write(&file.path, &bytes, "fixed file") {
            errors.push(e);
        }
    }
    errors
}

/// A unified diff of every fixed file, hidden characters shown escaped.
pub(super) fn diff(fixing: &Fixing) -> String {
    let mut out = String::new();
    for file in &fixing.files {
        let name = visible(&file.name);
        let text = similar::TextDiff::from_lines(&file.original, &file.fixed);
        let unified = text
            .unified_diff()
            .context_radius(3)
            .header(&name, &name)
            .to_string();
        out.push_str(&visible_lines(&unified));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// How many findings left have a fix of a tier not applied (unsafe ones after `--fix` alone).
pub(super) fn more_with_unsafe(report: &Report, tier: Safety) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.suggestions.iter().any(|s| !fix::in_tier(s.safety, tier)))
        .count()
}

/// How many findings `--fix` would fix, and how many more `--unsafe-fixes` would.
pub(super) fn fixable(diagnostics: &[crate::diagnostic::Diagnostic]) -> (usize, usize) {
    let tier_of = |d: &crate::diagnostic::Diagnostic| d.suggestions.iter().map(|s| s.safety).min();
    diagnostics
        .iter()
        .fold((0, 0), |(safe, unsafe_), d| match tier_of(d) {
            Some(Safety::Safe) => (safe + 1, unsafe_),
            Some(Safety::Unsafe) => (safe, unsafe_ + 1),
            None => (safe, unsafe_),
        })
}

/// The line after a text report that says what `--fix` would do, if anything.
pub(super) fn hint((safe, unsafe_): (usize, usize)) -> Option<String> {
    match (safe, unsafe_) {
        (0, 0) => None,
        (0, u) => Some(format!("{u} fixable with --fix --unsafe-fixes")),
        (s, 0) => Some(format!("{s} fixable with --fix")),
        (s, u) => Some(format!(
            "{s} fixable with --fix ({u} more with --unsafe-fixes)"
        )),
    }
}

/// "Fixed 3 problems (2 remaining; 4 more with --unsafe-fixes)", or what `--diff` would fix.
pub(super) fn summary(fixing: &Fixing, report: &Report, diff: bool) -> String {
    let problems = |n: usize| format!("{n} problem{}", if n == 1 { "" } else { "s" });
    let mut extra = vec![format!("{} remaining", report.diagnostics.len())];
    let more = more_with_unsafe(report, fixing.tier);
    if more > 0 {
        extra.push(format!("{more} more with --unsafe-fixes"));
    }
    let verb = if diff { "Would fix" } else { "Fixed" };
    format!("{verb} {} ({})", problems(fixing.applied), extra.join("; "))
}

/// Everything said on standard error about the fixes: the failure to converge, the summary.
pub(super) fn report_on(
    fixing: &Fixing,
    report: &Report,
    diff: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if !fixing.converged {
        writeln!(
            out,
            "warning: Failed to converge after {MAX_PASSES} passes: fixes kept producing new fixes; the last pass's were not applied"
        )?;
    }
    writeln!(out, "{}", summary(fixing, report, diff))
}
