//! A medlint finding as the editor sees it: an LSP diagnostic (rule code, link to the rule's
//! docs, severity, the message with its help and why-notes) and the edits that fix or
//! suppress it.

use std::str::FromStr;
use std::sync::Arc;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextEdit, Uri,
};

use super::position::LineIndex;
use crate::diagnostic::{Diagnostic, Safety, Severity};
use crate::rules::RuleMeta;

/// The link a diagnostic's code opens, with `{id}` and `{slug}` filled in. By default the
/// `medlint:explain/MED101` form: `medlint explain MED101` (or a hover) shows the same docs.
#[derive(Clone, Debug)]
pub struct DocsUrl(pub String);

impl Default for DocsUrl {
    fn default() -> DocsUrl {
        DocsUrl("medlint:explain/{id}".to_string())
    }
}

impl DocsUrl {
    fn href(&self, rule: &RuleMeta) -> Option<Uri> {
        let url = self
            .0
            .replace("{id}", &rule.id)
            .replace("{slug}", &rule.slug);
        Uri::from_str(&url).ok()
    }
}

/// An edit the editor can apply as one code action.
#[derive(Clone, Debug)]
pub struct Fix {
    /// What applying it does.
    pub title: String,
    /// The edits, in the document's positions at the version linted.
    pub edits: Vec<TextEdit>,
    /// Safe suggestions are the preferred action.
    pub preferred: bool,
}

/// One finding, ready for the editor.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The diagnostic shown.
    pub diagnostic: lsp_types::Diagnostic,
    /// The rule, for the hover's docs.
    pub rule: Arc<RuleMeta>,
    /// The finding's suggested rewrites.
    pub fixes: Vec<Fix>,
    /// A suppression comment for this finding, with a reason to fill in.
    pub suppress: Fix,
    /// A comment disabling the rule for the whole file.
    pub disable_file: Fix,
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message the editor shows: the problem, then what to write instead and why it fired.
fn message(d: &Diagnostic) -> String {
    let mut out = d.message.clone();
    if let Some(help) = &d.help {
        out.push_str("\nhelp: ");
        out.push_str(help);
    }
    for note in &d.notes {
        out.push_str("\nnote: ");
        out.push_str(note);
    }
    out
}

/// The LSP diagnostic for `d` in the document at `uri`.
pub fn diagnostic(
    d: &Diagnostic,
    index: &LineIndex<'_>,
    uri: &Uri,
    docs: &DocsUrl,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(label.span)),
            message: if label.message.is_empty() {
                "related".to_string()
            } else {
                label.message.clone()
            },
        })
        .collect();
    lsp_types::Diagnostic {
        range: index.range(d.primary.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.id.clone())),
        code_description: docs.href(&d.rule).map(|href| CodeDescription { href }),
        source: Some("medlint".to_string()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The finding's suggestions as code actions.
pub fn fixes(d: &Diagnostic, index: &LineIndex<'_>) -> Vec<Fix> {
    d.suggestions
        .iter()
        .map(|s| Fix {
            title: if s.title.is_empty() {
                format!("Replace with `{}`", s.replacement)
            } else {
                s.title.clone()
            },
            edits: vec![TextEdit::new(index.range(s.span), s.replacement.clone())],
            preferred: s.safety == Safety::Safe,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Label, Suggestion};
    use crate::rules::Registry;
    use crate::source::{FileId, Span};

    #[test]
    fn suggestions_become_fixes_and_safe_ones_are_preferred() {
        let registry = Registry::builtin().unwrap();
        let rule = Arc::clone(registry.meta(registry.find("MED302").unwrap()));
        let text = "See [risks](other.md#risk).\n";
        let suggestion = |title: &str, safety| Suggestion {
            span: Span::new(21, 25),
            replacement: "risks".to_string(),
            title: title.to_string(),
            safety,
        };
        let d = Diagnostic {
            rule,
            severity: Severity::Warning,
            file: FileId(0),
            primary: Label {
                span: Span::new(12, 25),
                message: String::new(),
            },
            secondary: Vec::new(),
            message: "Broken anchor".to_string(),
            help: None,
            notes: Vec::new(),
            suggestions: vec![
                suggestion("Replace with `#risks`", Safety::Safe),
                suggestion("", Safety::Unsafe),
            ],
            context: None,
        };
        let index = LineIndex::new(text, super::super::position::Encoding::Utf16);
        let fixes = fixes(&d, &index);
        assert_eq!(fixes[0].title, "Replace with `#risks`");
        assert!(fixes[0].preferred);
        assert_eq!(fixes[1].title, "Replace with `risks`");
        assert!(!fixes[1].preferred);
        let edit = &fixes[0].edits[0];
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (21, 25)
        );
        let shown = diagnostic(
            &d,
            &index,
            &Uri::from_str("file:///a.md").unwrap(),
            &DocsUrl::default(),
        );
        assert_eq!(shown.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            shown.code_description.unwrap().href.as_str(),
            "medlint:explain/MED302"
        );
    }
}
