//! Baselines: adopt medlint on a site that already has findings. `--write-baseline FILE` records
//! the current findings; `--baseline FILE` hides those and reports only new ones. Entries are
//! keyed on rule, path and the normalised text of the finding's sentence — not line numbers — so
//! editing other parts of an article does not resurrect them.
//!
//! Paths are stored relative to the baseline file's folder (version 2), so the folder a run
//! starts from does not matter; version 1 paths were relative to the working folder and are read
//! as such. A run checks only the entries of files it linted: writing keeps the others as they
//! were, and applying counts them as not checked, never as fixed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::emit::fingerprint::anchor_text;
use crate::engine::Report;
use crate::error::{Error, ErrorKind};
use crate::files::path::{
    normalize, normalize_text, path_from_text, path_text, relative_text, relative_to,
};
use crate::rules::Registry;
use crate::source::FileId;

/// The version written: paths relative to the baseline file's folder.
pub const VERSION: u32 = 2;

/// The file format.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    /// Format version: 2 (paths relative to the baseline's folder) or 1 (relative to the
    /// working folder of the run that wrote it).
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
    /// Path relative to the baseline file's folder, `/` between parts, odd bytes as `\xFF`.
    pub path: String,
    /// Normalised sentence (or flagged text) the finding is in.
    pub sentence: String,
    /// How many findings share this key.
    pub count: usize,
}

type Key = (String, String, String);

/// What a run checked, by the path a baseline in `folder` records for each file: the files it
/// linted and, for each, the rules that ran on it.
pub struct Scope {
    folder: PathBuf,
    /// Name shown for each file linted → its path relative to `folder`.
    by_name: HashMap<String, String>,
    /// Paths (relative to `folder`) of the files linted → their rule selection in `selections`.
    linted: HashMap<String, usize>,
    /// The distinct rule selections of the files linted: which rules ran, by registry index.
    selections: Vec<Vec<bool>>,
    /// Rule ID → registry index.
    rules: HashMap<String, usize>,
}

/// The folder a baseline at `file` keeps its paths relative to.
pub fn folder_of(file: &Path, cwd: &Path) -> PathBuf {
    let abs = normalize(&cwd.join(file));
    abs.parent().map_or(abs.clone(), Path::to_path_buf)
}

impl Scope {
    /// The files of `report` (each shown name paired with its absolute path in `files`) as a
    /// baseline in `folder` records them, with the rules `settings` ran on each.
    pub fn new(
        report: &Report,
        files: &[(String, PathBuf)],
        folder: PathBuf,
        settings: &Settings,
        registry: &Registry,
    ) -> Scope {
        let cwd = settings.cwd.as_path();
        let base = path_text(&folder);
        let paths: HashMap<&str, &Path> = files
            .iter()
            .map(|(n, p)| (n.as_str(), p.as_path()))
            .collect();
        let mut scope = Scope {
            folder,
            by_name: HashMap::new(),
            linted: HashMap::new(),
            selections: Vec::new(),
            rules: registry
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.meta.id.clone(), i))
                .collect(),
        };
        for i in 0..report.sources.len() {
            let name = &report.sources.get(FileId(i as u32)).name;
            let abs = match paths.get(name.as_str()) {
                Some(p) => normalize(&cwd.join(p)),
                None => path_from_text(&absolute_text(name, cwd)),
            };
            // The rules that ran on it, chosen as the engine chooses them.
            let article = report.articles.get(i).cloned().unwrap_or_default();
            let ran: Vec<bool> = settings
                .selection_for_article(&relative_to(&abs, &settings.base_dir), &article)
                .iter()
                .map(Option::is_some)
                .collect();
            let selection = match scope.selections.iter().position(|s| *s == ran) {
                Some(at) => at,
                None => {
                    scope.selections.push(ran);
                    scope.selections.len() - 1
                }
            };
            let rel = relative_text(&path_text(&abs), &base);
            scope.linted.insert(rel.clone(), selection);
            scope.by_name.insert(name.clone(), rel);
        }
        scope
    }

    /// The path recorded for a file shown as `name`.
    fn path_of(&self, name: &str) -> String {
        self.by_name
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// Whether this run looked for `rule`'s findings in the file at `path` (relative to the
    /// baseline's folder): it linted the file with that rule on. A rule medlint no longer has
    /// counts as checked in every file linted.
    fn checked(&self, path: &str, rule: &str) -> bool {
        self.linted.get(path).is_some_and(|&s| {
            self.rules
                .get(rule)
                .is_none_or(|&i| self.selections[s].get(i).copied().unwrap_or(false))
        })
    }

    /// Whether the file at `path` (relative to the baseline's folder) is still there.
    fn exists(&self, path: &str) -> bool {
        self.folder.join(path_from_text(path)).exists()
    }

    /// Whether the entry's finding is known to be gone: checked by this run, or its file gone.
    fn settled(&self, e: (&str, &str), present: &mut HashMap<String, bool>) -> bool {
        let (rule, path) = e;
        if self.checked(path, rule) {
            return true;
        }
        if self.linted.contains_key(path) {
            return false;
        }
        !*present
            .entry(path.to_string())
            .or_insert_with(|| self.exists(path))
    }
}

/// A name as shown (relative to `cwd` unless absolute) as an absolute path in text.
fn absolute_text(name: &str, cwd: &Path) -> String {
    if Path::new(name).is_absolute() {
        normalize_text(name)
    } else {
        normalize_text(&format!("{}/{name}", path_text(cwd)))
    }
}

fn key(report: &Report, scope: &Scope, d: &crate::diagnostic::Diagnostic) -> Key {
    (
        d.rule.id.clone(),
        scope.path_of(&report.sources.get(d.file).name),
        anchor_text(report, d),
    )
}

fn entries(counts: BTreeMap<Key, usize>) -> Vec<Entry> {
    counts
        .into_iter()
        .map(|((rule, path, sentence), count)| Entry {
            rule,
            path,
            sentence,
            count,
        })
        .collect()
}

/// The baseline of a report's findings, sorted.
pub fn from_report(report: &Report, scope: &Scope) -> BaselineFile {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry(key(report, scope, d)).or_insert(0) += 1;
    }
    BaselineFile {
        version: VERSION,
        entries: entries(counts),
    }
}

/// What [`update`] kept and dropped of the old baseline.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// Entries this run did not check (files not linted, rules off), kept as they were.
    pub kept: usize,
    /// Entries of files that no longer exist, dropped.
    pub gone: usize,
}

/// The baseline to write: `old`'s entries that this run did not check (while their files
/// exist), and this run's findings.
pub fn update(old: &BaselineFile, report: &Report, scope: &Scope) -> (BaselineFile, Update) {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    let mut outcome = Update::default();
    let mut present = HashMap::new();
    for e in &old.entries {
        if scope.checked(&e.path, &e.rule) {
            continue;
        }
        if scope.settled((&e.rule, &e.path), &mut present) {
            outcome.gone += 1;
            continue;
        }
        outcome.kept += 1;
        *counts
            .entry((e.rule.clone(), e.path.clone(), e.sentence.clone()))
            .or_insert(0) += e.count;
    }
    for d in &report.diagnostics {
        *counts.entry(key(report, scope, d)).or_insert(0) += 1;
    }
    let b = BaselineFile {
        version: VERSION,
        entries: entries(counts),
    };
    (b, outcome)
}

/// Serialise for writing.
pub fn to_json(b: &BaselineFile) -> String {
    let mut s = serde_json::to_string_pretty(b).unwrap_or_default();
    s.push('\n');
    s
}

/// A baseline larger than this is refused unread (about a million findings).
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;

/// Read a baseline file; version 1 paths (relative to the working folder `cwd`) are rewritten
/// relative to the baseline's folder.
pub fn load(path: &Path, cwd: &Path) -> Result<BaselineFile, Error> {
    let name = path.display().to_string();
    let text =
        crate::files::read::read_small_text(path, MAX_BASELINE_BYTES, "baseline").map_err(|e| {
            Error::in_file(
                ErrorKind::Usage,
                &name,
                format!("cannot read baseline: {e}"),
            )
        })?;
    let mut b: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        Error::in_file(
            ErrorKind::Usage,
            &name,
            format!("not a medlint baseline (line {}): {e}", e.line()),
        )
    })?;
    match b.version {
        VERSION => {}
        1 => {
            let base = path_text(&folder_of(path, cwd));
            for e in &mut b.entries {
                e.path = relative_text(&absolute_text(&e.path, cwd), &base);
            }
            b.version = VERSION;
        }
        v => {
            return Err(Error::in_file(
                ErrorKind::Usage,
                &name,
                format!("baseline version {v} is not supported"),
            ));
        }
    }
    Ok(b)
}

/// What applying a baseline did.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings hidden because the baseline has them.
    pub hidden: usize,
    /// Recorded findings that no longer occur in files this run linted, or whose file is gone
    /// (fixed since the baseline was written).
    pub fixed: usize,
    /// Recorded findings in files this run did not lint: neither hidden nor fixed.
    pub unchecked: usize,
}

/// Remove baselined findings from `report`.
pub fn apply(report: &mut Report, baseline: &BaselineFile, scope: &Scope) -> Outcome {
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
        match budget.get_mut(&key(report, scope, &d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                hidden += 1;
            }
            _ => kept.push(d),
        }
    }
    report.diagnostics = kept;
    let mut outcome = Outcome {
        hidden,
        ..Outcome::default()
    };
    let mut present = HashMap::new();
    for ((rule, path, _), left) in &budget {
        if scope.settled((rule, path), &mut present) {
            outcome.fixed += left;
        } else {
            outcome.unchecked += left;
        }
    }
    outcome
}
