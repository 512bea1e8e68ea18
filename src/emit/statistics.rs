//! `--statistics`: counts per rule and per file instead of the findings.

use std::collections::BTreeMap;

use serde_json::json;

use crate::engine::Report;

/// Counts by (rule ID, slug) and by file, sorted.
pub fn counts(report: &Report) -> (BTreeMap<(String, String), usize>, BTreeMap<String, usize>) {
    let mut by_rule = BTreeMap::new();
    let mut by_file = BTreeMap::new();
    for d in &report.diagnostics {
        *by_rule
            .entry((d.rule.id.clone(), d.rule.slug.clone()))
            .or_insert(0) += 1;
        *by_file
            .entry(report.sources.get(d.file).name.clone())
            .or_insert(0) += 1;
    }
    (by_rule, by_file)
}

/// As an aligned text table.
pub fn text(report: &Report) -> String {
    let (by_rule, by_file) = counts(report);
    let mut out = String::from("count  rule\n");
    for ((id, slug), n) in &by_rule {
        out.push_str(&format!("{n:>5}  {id} {slug}\n"));
    }
    out.push_str("\ncount  file\n");
    for (file, n) in &by_file {
        out.push_str(&format!("{n:>5}  {}\n", crate::text::escape::visible(file)));
    }
    out.push('\n');
    out.push_str(&super::text::summary_line(&super::counts::Counts::of(
        report,
    )));
    out.push('\n');
    out
}

/// As one JSON object.
pub fn json(report: &Report) -> String {
    let (by_rule, by_file) = counts(report);
    let rules: Vec<_> = by_rule
        .iter()
        .map(|((id, slug), n)| json!({ "rule": id, "slug": slug, "count": n }))
        .collect();
    let files: Vec<_> = by_file
        .iter()
        .map(|(path, n)| json!({ "path": path, "count": n }))
        .collect();
    let mut out =
        crate::text::escape::json_guard(json!({ "rules": rules, "files": files }).to_string());
    out.push('\n');
    out
}
