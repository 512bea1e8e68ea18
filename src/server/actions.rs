//! Code actions on a finding: its suggested rewrites (safe ones preferred), a suppression
//! comment with a reason to fill in, and disabling the rule for the file.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, Uri, WorkspaceEdit,
};

use super::convert::{Finding, Fix};

/// Whether two ranges share a position (an empty range at a finding's edge touches it).
fn touches(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The edit of `fix`, for the text at `version`: versioned when the client refuses such edits
/// on a text that changed since.
fn edit(uri: &Uri, version: i32, fix: &Fix, versioned: bool) -> WorkspaceEdit {
    if versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: fix.edits.iter().cloned().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), fix.edits.clone())])),
            ..WorkspaceEdit::default()
        }
    }
}

/// The actions for the findings in `range` of the document at `uri`, linted at `version`.
pub fn actions(
    findings: &[Finding],
    uri: &Uri,
    version: i32,
    range: &Range,
    versioned: bool,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    // Two findings of one rule in one paragraph share one suppression; a rule, one file-wide.
    let mut offered: Vec<(&str, lsp_types::Position)> = Vec::new();
    let mut file_wide: Vec<&str> = Vec::new();
    for f in findings
        .iter()
        .filter(|f| touches(&f.diagnostic.range, range))
    {
        let action = |fix: &Fix| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![f.diagnostic.clone()]),
                edit: Some(edit(uri, version, fix, versioned)),
                is_preferred: fix.preferred.then_some(true),
                ..CodeAction::default()
            })
        };
        out.extend(f.fixes.iter().map(action));
        let here = f.suppress.edits.first().map(|e| e.range.start);
        if let Some(at) = here.filter(|at| !offered.contains(&(f.rule.id.as_str(), *at))) {
            offered.push((&f.rule.id, at));
            out.push(action(&f.suppress));
        }
        if !file_wide.contains(&f.rule.id.as_str()) {
            file_wide.push(&f.rule.id);
            out.push(action(&f.disable_file));
        }
    }
    out
}
