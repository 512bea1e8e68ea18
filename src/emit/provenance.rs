//! What a report records about the run that made it, so a reviewer can file it: the tool and
//! rule pack versions with content hashes, the config, the command line, the time, the commit,
//! what was linted and what was hidden, the severities in force and the verdict. The command
//! line layer builds one per run; every report that has room for it carries it.

use serde::Serialize;

use super::counts::Counts;
use crate::config::FailOn;

/// The record of one run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// medlint's version.
    pub medlint_version: String,
    /// When the report was made, RFC 3339 in UTC (`SOURCE_DATE_EPOCH` when set).
    pub time_utc: String,
    /// `SOURCE_DATE_EPOCH` or `clock`: where the time came from.
    pub time_source: String,
    /// The command as given, each argument quoted as a POSIX shell would need it.
    pub command_line: String,
    /// The arguments as given, after the program name.
    pub arguments: Vec<String>,
    /// The config file, or none.
    pub config: Option<FileStamp>,
    /// Each rule pack loaded, in load order.
    pub packs: Vec<PackStamp>,
    /// The commit the files were linted at; none outside a git repository.
    pub git: Option<GitState>,
    /// What was linted, and what was left out or hidden.
    pub scope: Scope,
    /// The lowest severity that fails the run (`--fail-on`).
    pub fail_on: String,
    /// Every rule with the severity in force (`off` for a rule not run).
    pub rules: Vec<RuleInForce>,
    /// Whether the run passed, and why.
    pub verdict: Verdict,
}

/// A file read by the run and the SHA-256 of its content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileStamp {
    /// As shown (relative to the working folder where it can be).
    pub path: String,
    /// Lower-case hex SHA-256, as `sha256sum` prints it.
    pub sha256: String,
}

/// A rule pack: its `[pack]` name and version, where it came from, its content hash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PackStamp {
    /// `name` in `[pack]`.
    pub name: String,
    /// `version` in `[pack]`, when the pack gives one.
    pub version: Option<String>,
    /// `lints/NAME.toml` for a built-in pack, else its path.
    pub source: String,
    /// Lower-case hex SHA-256 of the pack's text.
    pub sha256: String,
}

/// Where the linted files stand in git.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GitState {
    /// The full commit id checked out.
    pub commit: String,
    /// The branch checked out; none when detached.
    pub branch: Option<String>,
    /// Tracked files changed or untracked files present: the commit alone does not hold
    /// what was linted.
    pub dirty: bool,
    /// The `origin` remote's URL without credentials, when there is one.
    pub repository: Option<String>,
}

/// What the run covered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// Files linted (standard input counts as one).
    pub files_linted: usize,
    /// Files named on the command line that are not articles, skipped.
    pub files_skipped: usize,
    /// `--changed-since REF`, when given: only files changed since then were linted.
    pub changed_since: Option<String>,
    /// Articles found but left out because they had not changed since that ref.
    pub files_unchanged: usize,
    /// The baseline applied (`--baseline`), as given.
    pub baseline: Option<String>,
    /// Findings the baseline hid.
    pub hidden_by_baseline: usize,
    /// Findings removed by `medlint-disable` comments.
    pub suppressed: usize,
    /// Files or packs medlint could not read: the findings may be incomplete.
    pub tool_errors: usize,
}

/// A rule and the severity it ran at.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleInForce {
    /// `MED101`.
    pub id: String,
    /// `cure-claim`.
    pub slug: String,
    /// `error`, `warning`, `info` or `off`; several joined by ` / ` when per-file overrides
    /// give the files linted different ones.
    pub severity: String,
    /// The severity the rule's pack gives it (`off` for one the pack leaves disabled).
    pub default_severity: String,
}

/// Pass or fail, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether the run passed.
    pub passed: bool,
    /// `pass` or `fail`.
    pub outcome: String,
    /// Why, in a sentence: what failed it, or what it was held to.
    pub reason: String,
    /// The exit status the verdict gives: 0 pass, 1 findings, 2 tool errors.
    pub exit_code: u8,
}

/// The name `--fail-on` takes.
pub fn fail_on_name(fail_on: FailOn) -> &'static str {
    match fail_on {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Info => "info",
        FailOn::Never => "never",
    }
}

impl Verdict {
    /// The verdict on a run with these counts and tool errors under `fail_on`.
    pub fn of(counts: &Counts, tool_errors: usize, fail_on: FailOn) -> Verdict {
        let level = fail_on_name(fail_on);
        let failing = match fail_on {
            FailOn::Error => counts.errors,
            FailOn::Warning => counts.errors + counts.warnings,
            FailOn::Info => counts.total(),
            FailOn::Never => 0,
        };
        let findings = |n: usize| if n == 1 { "finding" } else { "findings" };
        let (passed, exit_code, reason) = if tool_errors > 0 {
            let noun = if tool_errors == 1 { "error" } else { "errors" };
            let reason = format!("{tool_errors} tool {noun}: not everything could be checked");
            (false, 2, reason)
        } else if failing > 0 {
            let reason = format!(
                "{failing} {} at or above {level} (--fail-on {level})",
                findings(failing)
            );
            (false, 1, reason)
        } else if fail_on == FailOn::Never {
            let n = counts.total();
            (true, 0, format!("{n} {}; --fail-on never", findings(n)))
        } else {
            (
                true,
                0,
                format!("no finding at or above {level} (--fail-on {level})"),
            )
        };
        Verdict {
            passed,
            outcome: if passed { "pass" } else { "fail" }.to_string(),
            reason,
            exit_code,
        }
    }
}

/// `seconds` since the Unix epoch as RFC 3339 in UTC (`2026-12-01T21:11:28Z`).
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `args` as one line a POSIX shell would split back into them: an argument with anything but
/// letters, digits and `-_./=:,+@%` is single-quoted.
pub fn command_line(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            let plain = !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
            if plain {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_796_159_488), "2026-12-01T21:11:28Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn arguments_are_quoted_for_a_shell() {
        let args: Vec<String> = [
            "medlint",
            "check",
            "--fail-on",
            "warning",
            "my docs",
            "it's",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            command_line(&args),
            r"medlint check --fail-on warning 'my docs' 'it'\''s' ''"
        );
    }

    #[test]
    fn the_verdict_says_why() {
        let counts = Counts {
            errors: 2,
            warnings: 1,
            ..Counts::default()
        };
        let v = Verdict::of(&counts, 0, FailOn::Error);
        assert_eq!((v.passed, v.exit_code), (false, 1));
        assert_eq!(v.reason, "2 findings at or above error (--fail-on error)");
        let v = Verdict::of(
            &Counts {
                errors: 0,
                ..counts
            },
            0,
            FailOn::Error,
        );
        assert_eq!(v.reason, "no finding at or above error (--fail-on error)");
        assert!(v.passed);
        let v = Verdict::of(&counts, 1, FailOn::Never);
        assert_eq!((v.outcome.as_str(), v.exit_code), ("fail", 2));
        assert_eq!(
            Verdict::of(&counts, 0, FailOn::Never).reason,
            "3 findings; --fail-on never"
        );
    }
}
