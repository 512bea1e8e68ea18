//! Baselines: adopt medlint on a site that already has findings. `--write-baseline FILE` records
//! the current findings; `--baseline FILE` hides those and reports only new ones. Entries are
//! keyed on rule, path and the normalised text of the finding's sentence — not line numbers — so
//! editing other parts of an article does not resurrect them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::emit::fingerprint::anchor_text;
use crate::engine::Report;
use crate::error::{Error, ErrorKind};

/// The file format.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    /// Format version (1).
    pub version: u32,
    /// The recorded findings.
    pub entries: Vec<Entry>,
}

/// One recorded finding (or several identical ones).
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq, Clone)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Rule ID.
    pub rule: String,
    /// Path as medlint shows it.
    pub path: String,
    /// Normalised sentence (or flagged text) the finding is in.
    pub sentence: String,
    /// How many findings share this key.
    pub count: usize,
}

type Key = (String, String, String);

fn key(report: &Report, d: &crate::diagnostic::Diagnostic) -> Key {
    (
        d.rule.id.clone(),
        report.sources.get(d.file).name.clone(),
        anchor_text(report, d),
    )
}

/// The baseline of a report's findings, sorted.
pub fn from_report(report: &Report) -> BaselineFile {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry(key(report, d)).or_insert(0) += 1;
    }
    BaselineFile {
        version: 1,
        entries: counts
            .into_iter()
            .map(|((rule, path, sentence), count)| Entry {
                rule,
                path,
                sentence,
                count,
            })
            .collect(),
    }
}

/// Serialise for writing.
pub fn to_json(b: &BaselineFile) -> String {
    let mut s = serde_json::to_string_pretty(b).unwrap_or_default();
    s.push('\n');
    s
}

/// A baseline larger than this is refused unread (about a million findings).
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;

/// Read a baseline file.
pub fn load(path: &Path) -> Result<BaselineFile, Error> {
    let name = path.display().to_string();
    let text =
        crate::files::read::read_small_text(path, MAX_BASELINE_BYTES, "baseline").map_err(|e| {
            Error::in_file(
                ErrorKind::Usage,
                &name,
                format!("cannot read baseline: {e}"),
            )
        })?;
    let b: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        Error::in_file(
            ErrorKind::Usage,
            &name,
            format!("not a medlint baseline (line {}): {e}", e.line()),
        )
    })?;
    if b.version != 1 {
        return Err(Error::in_file(
            ErrorKind::Usage,
            &name,
            format!("baseline version {} is not supported", b.version),
        ));
    }
    Ok(b)
}

/// What applying a baseline did.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings hidden because the baseline has them.
    pub hidden: usize,
    /// Recorded findings that no longer occur (fixed since the baseline was written).
    pub fixed: usize,
}

/// Remove baselined findings from `report`.
pub fn apply(report: &mut Report, baseline: &BaselineFile) -> Outcome {
    let mut budget: BTreeMap<Key, usize> = baseline
        .entries
        .iter()
        .map(|e| {
            (
                (e.rule.clone(), e.path.clone(), e.sentence.clone()),
                e.count,
            )
        })
        .collect();
    let diagnostics = std::mem::take(&mut report.diagnostics);
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut hidden = 0;
    for d in diagnostics {
        match budget.get_mut(&key(report, &d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                hidden += 1;
            }
            _ => kept.push(d),
        }
    }
    report.diagnostics = kept;
    Outcome {
        hidden,
        fixed: budget.values().sum(),
    }
}
