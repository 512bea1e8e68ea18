//! Writers for a [`Report`](crate::engine::Report): terminal text, one-line-per-finding, and
//! JSON Lines. Emitters see diagnostics and the rule metadata they cite, nothing else.

pub mod csv;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod snippet;
pub mod statistics;
pub mod text;
pub mod xml;

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

/// Counts for summaries.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings at error severity.
    pub errors: usize,
    /// At warning severity.
    pub warnings: usize,
    /// At info severity.
    pub infos: usize,
    /// Files linted.
    pub files: usize,
    /// Findings suppressed.
    pub suppressed: usize,
}

impl Counts {
    /// Count a report's findings.
    pub fn of(report: &crate::engine::Report) -> Counts {
        let mut c = Counts::default();
        c.add(report);
        c
    }

    /// Add counts taken from another part of the run.
    pub fn merge(&mut self, other: &Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.files += other.files;
        self.suppressed += other.suppressed;
    }

    /// Add a (partial) report's counts, for streamed output.
    pub fn add(&mut self, report: &crate::engine::Report) {
        use crate::diagnostic::Severity;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
        self.files += report.sources.len();
        self.suppressed += report.suppressed.len();
    }

    /// All findings.
    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Render `report` in `format` as it is written to a file (text without colour).
pub fn render(
    format: OutputFormat,
    report: &crate::engine::Report,
    registry: &crate::rules::Registry,
) -> String {
    match format {
        OutputFormat::Text => {
            let mut out = String::new();
            for d in &report.diagnostics {
                out.push_str(&text::render_plain(report, d));
            }
            out.push_str(&text::summary_line(&Counts::of(report)));
            out.push('\n');
            out
        }
        OutputFormat::Short => report
            .diagnostics
            .iter()
            .map(|d| text::short_line(report, d) + "\n")
            .collect(),
        OutputFormat::Json => json::lines(report).into_iter().map(|l| l + "\n").collect(),
        OutputFormat::Sarif => sarif::render(report, registry),
        OutputFormat::Github => github::render(report),
        OutputFormat::Junit => junit::render(report),
        OutputFormat::Gitlab => gitlab::render(report),
        OutputFormat::Csv => csv::render(report),
        OutputFormat::Html => html::render(report, "medlint report"),
        OutputFormat::Markdown => markdown::render(report),
    }
}
