//! The output formats a run can write findings in, as `--format` and `--output` name them.

/// Output formats for findings.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Rich text: the file, the line, the flagged words underlined, message, help.
    Text,
    /// One line per finding: `path:line:col: severity ID slug message`.
    Short,
    /// JSON Lines: one object per finding, then a summary object.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML: a test case per file, a failure per finding.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// CSV: a row per finding.
    Csv,
    /// A self-contained HTML report for reviewers.
    Html,
    /// A Markdown summary for a pull-request comment.
    Markdown,
}
