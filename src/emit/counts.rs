//! Finding, file and suppression counts, as the summaries of every format report them.

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
    /// Files linted with at least one finding.
    pub files_with_findings: usize,
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
        self.files_with_findings += other.files_with_findings;
        self.suppressed += other.suppressed;
    }

    /// Add a (partial) report's counts, for streamed output.
    pub fn add(&mut self, report: &crate::engine::Report) {
        use crate::diagnostic::Severity;
        let mut files: Vec<u32> = report.diagnostics.iter().map(|d| d.file.0).collect();
        files.sort_unstable();
        files.dedup();
        self.files_with_findings += files.len();
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
