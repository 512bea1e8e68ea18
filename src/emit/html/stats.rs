//! What the page counts: findings and suppressions by rule and by article, and the words
//! for those counts.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::rules::RuleMeta;
use crate::source::FileId;

/// Severities from most to least serious: the order of every count on the page.
pub(super) const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// What the page says about one cited rule.
pub(super) struct RuleStats<'a> {
    pub(super) meta: &'a RuleMeta,
    /// Active findings, indexed like [`SEVERITIES`].
    pub(super) by_severity: [usize; 3],
    pub(super) suppressed: usize,
}

/// Findings and suppressions of one article.
#[derive(Default)]
pub(super) struct FileStats {
    pub(super) by_severity: [usize; 3],
    pub(super) suppressed: usize,
}

impl FileStats {
    pub(super) fn findings(&self) -> usize {
        self.by_severity.iter().sum()
    }
}

/// Every rule cited by a finding or a suppression, by ID (so the order is stable).
pub(super) fn rule_stats(report: &Report) -> BTreeMap<&str, RuleStats<'_>> {
    let mut rules = BTreeMap::new();
    for d in &report.diagnostics {
        stats_for(&mut rules, d).by_severity[severity_index(d.severity)] += 1;
    }
    for s in &report.suppressed {
        stats_for(&mut rules, &s.diagnostic).suppressed += 1;
    }
    rules
}

fn stats_for<'m, 'a>(
    rules: &'m mut BTreeMap<&'a str, RuleStats<'a>>,
    d: &'a Diagnostic,
) -> &'m mut RuleStats<'a> {
    let meta: &RuleMeta = &d.rule;
    rules.entry(meta.id.as_str()).or_insert(RuleStats {
        meta,
        by_severity: [0; 3],
        suppressed: 0,
    })
}

/// Counts for every file read, including those without findings.
pub(super) fn file_stats(report: &Report) -> BTreeMap<FileId, FileStats> {
    let mut files: BTreeMap<FileId, FileStats> = file_ids(report)
        .map(|id| (id, FileStats::default()))
        .collect();
    for d in &report.diagnostics {
        files.entry(d.file).or_default().by_severity[severity_index(d.severity)] += 1;
    }
    for s in &report.suppressed {
        files.entry(s.diagnostic.file).or_default().suppressed += 1;
    }
    files
}

fn file_ids(report: &Report) -> impl Iterator<Item = FileId> {
    (0..report.sources.len()).filter_map(|i| u32::try_from(i).ok().map(FileId))
}

/// `word` for `n` things: "1 error", "2 errors", "2 info", "2 suppressed".
pub(super) fn noun(n: usize, word: &str) -> String {
    if n == 1 || matches!(word, "info" | "suppressed") {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

pub(super) fn plural(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}
