//! The record of a run for its reports (`emit::Provenance`), built once here, where the
//! command line, the environment, the config file and git are known; the emitters only print
//! it. Its time is `SOURCE_DATE_EPOCH` when that is set, so the same inputs give the same bytes.

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::Severity;
use crate::emit::provenance::{
    FileStamp, GitState, PackStamp, Provenance, RuleInForce, Scope, Verdict, command_line,
    fail_on_name, rfc3339,
};
use crate::emit::{Counts, OutputFormat};
use crate::files::hash::sha256_hex;
use crate::files::path::{display_name, normalize, relative_to};
use crate::input::Inputs;
use crate::rules::Registry;
use crate::rules::pack::BUILTIN_PACKS;

/// What a run knows before linting about what it covers.
pub(super) struct Coverage<'a> {
    /// Arguments as given, after the program name.
    pub(super) arguments: &'a [String],
    pub(super) config: Option<&'a Path>,
    pub(super) inputs: &'a Inputs,
    pub(super) skipped: usize,
    pub(super) changed_since: Option<&'a str>,
    pub(super) unchanged: usize,
    pub(super) baseline: Option<&'a Path>,
}

/// Whether any report of the run carries the record (the terminal formats do not).
pub(super) fn wanted(format: OutputFormat, outputs: &[(OutputFormat, std::path::PathBuf)]) -> bool {
    let carries = |f: OutputFormat| {
        matches!(
            f,
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Csv | OutputFormat::Html
        )
    };
    carries(format) || outputs.iter().any(|(f, _)| carries(*f))
}

/// A record being made: git is asked on its own thread while the files are linted.
pub(super) struct Recording {
    provenance: Provenance,
    git: Option<std::thread::JoinHandle<Option<crate::files::git::Head>>>,
}

/// The record as far as it is known before linting; [`finish`] adds the counts and verdict.
pub(super) fn start(
    coverage: &Coverage<'_>,
    registry: &Registry,
    settings: &Settings,
    env: &dyn Fn(&str) -> Option<String>,
    cwd: &Path,
) -> (Recording, Option<String>) {
    let (time, source, warning) = match env("SOURCE_DATE_EPOCH") {
        Some(v) => match v.trim().parse::<i64>() {
            Ok(seconds) => (seconds, "SOURCE_DATE_EPOCH", None),
            Err(_) => (
                now(),
                "clock",
                Some(
                    "SOURCE_DATE_EPOCH is not a whole number of seconds; the report uses the clock"
                        .to_string(),
                ),
            ),
        },
        None => (now(), "clock", None),
    };
    let mut command = vec!["medlint".to_string()];
    command.extend(coverage.arguments.iter().cloned());
    let provenance = Provenance {
        medlint_version: env!("CARGO_PKG_VERSION").to_string(),
        time_utc: rfc3339(time),
        time_source: source.to_string(),
        command_line: command_line(&command),
        arguments: coverage.arguments.to_vec(),
        config: coverage.config.map(|path| FileStamp {
            path: display_name(path, cwd),
            sha256: std::fs::read(path).map_or_else(|_| "unreadable".into(), |b| sha256_hex(&b)),
        }),
        packs: packs(registry, cwd),
        git: None,
        scope: Scope {
            files_linted: coverage.inputs.len(),
            files_skipped: coverage.skipped,
            changed_since: coverage.changed_since.map(str::to_string),
            files_unchanged: coverage.unchanged,
            baseline: coverage.baseline.map(|p| display_name(p, cwd)),
            ..Scope::default()
        },
        fail_on: fail_on_name(settings.fail_on).to_string(),
        rules: in_force(registry, settings, coverage.inputs),
        verdict: Verdict::default(),
    };
    let dir = cwd.to_path_buf();
    let git = std::thread::Builder::new()
        .name("git".into())
        .spawn(move || crate::files::git::head(&dir))
        .ok();
    (Recording { provenance, git }, warning)
}

/// Add what linting found (files, suppressions, findings hidden, tool errors, the verdict) and
/// what git said: the finished record.
pub(super) fn finish(
    recording: Recording,
    counts: &Counts,
    tool_errors: usize,
    hidden_by_baseline: usize,
    settings: &Settings,
) -> Provenance {
    let Recording {
        mut provenance,
        git,
    } = recording;
    provenance.git = git
        .and_then(|handle| handle.join().ok().flatten())
        .map(|h| GitState {
            commit: h.commit,
            branch: h.branch,
            dirty: h.dirty,
            repository: h.repository,
        });
    provenance.scope.files_linted = counts.files;
    provenance.scope.suppressed = counts.suppressed;
    provenance.scope.hidden_by_baseline = hidden_by_baseline;
    provenance.scope.tool_errors = tool_errors;
    provenance.verdict = Verdict::of(counts, tool_errors, settings.fail_on);
    provenance
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Each pack loaded; a built-in one is named by its place in the source tree.
fn packs(registry: &Registry, cwd: &Path) -> Vec<PackStamp> {
    registry
        .packs
        .iter()
        .map(|p| {
            let builtin = BUILTIN_PACKS
                .iter()
                .any(|(name, text)| p.path == format!("lints/{name}") && *text == &*p.text);
            PackStamp {
                name: p.name.clone(),
                version: p.version.clone(),
                source: if builtin {
                    format!("built-in {}", p.path)
                } else {
                    display_name(Path::new(&p.path), cwd)
                },
                sha256: sha256_hex(p.text.as_bytes()),
            }
        })
        .collect()
}

/// Every rule and the severities it runs at over the files linted (per-file overrides can
/// give one rule several); with no file, those of a file no override names.
fn in_force(registry: &Registry, settings: &Settings, inputs: &Inputs) -> Vec<RuleInForce> {
    let n = registry.rules.len();
    // Per rule: error, warning, info, off seen.
    let mut seen = vec![[false; 4]; n];
    let mut mark = |selection: &[Option<Severity>]| {
        for (i, level) in selection.iter().enumerate().take(n) {
            let k = match level {
                Some(Severity::Error) => 0,
                Some(Severity::Warning) => 1,
                Some(Severity::Info) => 2,
                None => 3,
            };
            seen[i][k] = true;
        }
    };
    for input in inputs.iter() {
        let rel = relative_to(&normalize(&input.path()), &settings.base_dir);
        mark(&settings.selection_for(&rel));
    }
    if inputs.is_empty() {
        mark(&settings.selection_for("\u{0}"));
    }
    const NAMES: [&str; 4] = ["error", "warning", "info", "off"];
    registry
        .rules
        .iter()
        .zip(&seen)
        .map(|(rule, seen)| RuleInForce {
            id: rule.meta.id.clone(),
            slug: rule.meta.slug.clone(),
            severity: NAMES
                .iter()
                .zip(seen)
                .filter(|(_, s)| **s)
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(" / "),
            default_severity: if rule.meta.enabled_by_default {
                rule.meta.default_severity.as_str().to_string()
            } else {
                "off".to_string()
            },
        })
        .collect()
}
