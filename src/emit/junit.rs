//! JUnit XML: one test case per finding, so a test tab counts findings one by one. A finding at
//! or above `--fail-on` is a failure; one below it is a skipped case with its details in
//! `system-out`, so a job that passes shows no red tests. A file with no findings is one
//! passing case, and a tool error an error case.

use super::options::RenderOptions;
use super::xml::escape;
use crate::diagnostic::Diagnostic;
use crate::engine::Report;

/// The report as a JUnit `<testsuites>` document.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut cases = String::new();
    let (mut tests, mut failures, mut skipped) = (0usize, 0usize, 0usize);
    let mut by_file: Vec<Vec<&Diagnostic>> = vec![Vec::new(); report.sources.len()];
    for d in &report.diagnostics {
        if let Some(list) = by_file.get_mut(d.file.0 as usize) {
            list.push(d);
        }
    }
    for (i, diags) in by_file.iter().enumerate() {
        let id = crate::source::FileId(i as u32);
        let name = escape(&report.sources.get(id).name);
        for d in diags {
            tests += 1;
            if options.fail_on.fails(d.severity) {
                failures += 1;
            } else {
                skipped += 1;
            }
            finding_case(&mut cases, report, d, options);
        }
        if diags.is_empty() {
            tests += 1;
            cases.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"{name}\" file=\"{name}\"/>\n"
            ));
        }
    }
    for e in &report.errors {
        tests += 1;
        cases.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"medlint\">\n      <error message=\"{}\"/>\n    </testcase>\n",
            escape(e.path.as_deref().unwrap_or("medlint")),
            escape(&e.message)
        ));
    }
    if let Some(why) = &options.nothing_linted {
        // Some test-report readers reject a report without a case; this one says why.
        tests += 1;
        cases.push_str(&format!(
            "    <testcase name=\"nothing linted\" classname=\"medlint\">\n      <system-out>{}</system-out>\n    </testcase>\n",
            escape(why)
        ));
    }
    let counts = format!(
        "tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\"",
        report.errors.len()
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<testsuites name=\"medlint\" {counts}>\n"));
    out.push_str(&format!("  <testsuite name=\"medlint\" {counts}>\n"));
    out.push_str(&cases);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// One finding's test case: named by place and rule, grouped (`classname`) by file.
fn finding_case(out: &mut String, report: &Report, d: &Diagnostic, options: &RenderOptions) {
    let file = report.sources.get(d.file);
    let (line, col) = file.line_col(d.primary.span.start as usize);
    let rule = format!("{} {}", d.rule.id, d.rule.slug);
    let mut body = format!(
        "{}:{line}:{col}: {} {rule}\n{}",
        file.name,
        d.severity,
        file.slice(d.primary.span)
    );
    for note in &d.notes {
        body.push_str(&format!("\n{note}"));
    }
    if let Some(help) = &d.help {
        body.push_str(&format!("\nhelp: {help}"));
    }
    let name = escape(&file.name);
    out.push_str(&format!(
        "    <testcase name=\"{name}:{line}:{col} {}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\">\n",
        escape(&rule)
    ));
    let message = escape(&format!("line {line}: {}", d.message));
    if options.fail_on.fails(d.severity) {
        out.push_str(&format!(
            "      <failure type=\"{}\" message=\"{message}\">{}</failure>\n",
            escape(&rule),
            escape(&body)
        ));
    } else {
        out.push_str(&format!(
            "      <skipped message=\"{} (does not fail the run): {message}\"/>\n      <system-out>{}</system-out>\n",
            d.severity,
            escape(&body)
        ));
    }
    out.push_str("    </testcase>\n");
}
