//! GitHub Actions workflow commands: one `::error …::message` line per finding, which GitHub
//! shows as an annotation on the pull request's diff.

use crate::diagnostic::Severity;
use crate::engine::Report;

/// Escape a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One line per finding and per tool error.
pub fn render(report: &Report) -> String {
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
    for e in &report.errors {
        match &e.path {
            Some(p) => out.push_str(&format!(
                "::error file={}::{}\n",
                property(p),
                data(&e.message)
            )),
            None => out.push_str(&format!("::error::{}\n", data(&e.message))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
