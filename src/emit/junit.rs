//! JUnit XML: one test case per file, one failure per finding, so CI systems that read test
//! reports show medlint's findings beside the test results.

use std::collections::BTreeMap;

use super::xml::escape;
use crate::engine::Report;

/// The report as a JUnit `<testsuites>` document.
pub fn render(report: &Report) -> String {
    let mut by_file: BTreeMap<usize, Vec<&crate::diagnostic::Diagnostic>> = BTreeMap::new();
    for i in 0..report.sources.len() {
        by_file.insert(i, Vec::new());
    }
    for d in &report.diagnostics {
        by_file.entry(d.file.0 as usize).or_default().push(d);
    }
    let failures = report.diagnostics.len();
    let tests = report.sources.len() + report.errors.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"medlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        report.errors.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"medlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        report.errors.len()
    ));
    for (i, diags) in &by_file {
        let file = report.sources.get(crate::source::FileId(*i as u32));
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"medlint\">\n",
            escape(&file.name)
        ));
        for d in diags {
            let (line, col) = file.line_col(d.primary.span.start as usize);
            let mut body = format!(
                "{}:{line}:{col}: {} {} {}\n{}",
                file.name,
                d.severity,
                d.rule.id,
                d.rule.slug,
                file.slice(d.primary.span)
            );
            for note in &d.notes {
                body.push_str(&format!("\n{note}"));
            }
            if let Some(help) = &d.help {
                body.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "      <failure type=\"{} {}\" message=\"{}\">{}</failure>\n",
                escape(&d.rule.id),
                escape(&d.rule.slug),
                escape(&format!("line {line}: {}", d.message)),
                escape(&body)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    for e in &report.errors {
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"medlint\">\n      <error message=\"{}\"/>\n    </testcase>\n",
            escape(e.path.as_deref().unwrap_or("medlint")),
            escape(&e.message)
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
