//! Writers for a [`Report`](crate::engine::Report): terminal text, one-line-per-finding, and
//! JSON Lines. Emitters see diagnostics and the rule metadata they cite, nothing else.

pub mod html;
pub mod json;
pub mod text;

/// Output formats for findings.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Rich text: the file, the line, the flagged words underlined, message, help.
    Text,
    /// One line per finding: `path:line:col: severity ID slug message`.
    Short,
    /// JSON Lines: one object per finding, then a summary object.
    Json,
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
}

impl Counts {
    /// Count a report's findings.
    pub fn of(report: &crate::engine::Report) -> Counts {
        use crate::diagnostic::Severity;
        let mut c = Counts::default();
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// All findings.
    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}
