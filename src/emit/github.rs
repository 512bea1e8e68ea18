//! GitHub Actions workflow commands: one `::error …::message` line per finding, which GitHub
//! shows as an annotation on the pull request's diff.

use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::error::Error;
use crate::text::escape::{visible, workflow_data as data, workflow_property as property};

/// One line per finding and per tool error.
pub fn render(report: &Report) -> String {
    let mut out = findings(report);
    for e in &report.errors {
        out.push_str(&error(e));
    }
    out
}

/// One line per finding.
pub fn findings(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let ((line, col), (end_line, end_col)) = file.line_cols(d.primary.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nHelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
            property(&file.name),
            property(&format!("{} {}", d.rule.id, d.rule.slug)),
            data(&message)
        ));
    }
    out
}

/// A tool error as an `::error` command (its line, for standard error with `--format github`).
pub fn error(e: &Error) -> String {
    let mut props = Vec::new();
    if let Some(p) = &e.path {
        props.push(format!("file={}", property(p)));
    }
    if let Some(line) = e.line() {
        props.push(format!("line={line}"));
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!(" {}", props.join(","))
    };
    format!("::error{props}::{}\n", data(&visible(&e.message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_errors_are_escaped_commands() {
        let e = Error::input("a\n::warning::x,y:z.md", "bad\r\n::error::PWNED 100%");
        assert_eq!(
            error(&e),
            "::error file=a%0A%3A%3Awarning%3A%3Ax%2Cy%3Az.md::bad\\u{d}\\u{a}::error::PWNED 100%25\n"
        );
        assert_eq!(error(&Error::usage("x")), "::error::x\n");
    }
}
