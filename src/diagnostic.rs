//! What a rule reports. Rules never build these directly: a [`Sink`] stamps the rule, its
//! configured severity and the file on everything reported, so a finding cannot be mislabelled.

use std::sync::Arc;

use crate::rules::meta::RuleMeta;
pub use crate::rules::meta::Severity;
use crate::source::{FileId, Span};

/// A labelled span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this part is, if anything needs saying.
    pub message: String,
}

/// How far a suggestion may be trusted, in ruff's tiers: `--fix` applies safe ones only;
/// unsafe ones need `--unsafe-fixes` or a person accepting them in the editor.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Safety {
    /// Mechanical and meaning-preserving (a misspelled anchor with one close match, a
    /// disclaimer from the configured template, a misspelled directive).
    Safe,
    /// Changes what the text claims: only a person can judge a rewrite of a health claim.
    Unsafe,
}

impl Safety {
    /// The tier's name in reports: `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// A replacement the reader may apply. Medical rewrites are never applied automatically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Text to replace (empty to insert at its start).
    pub span: Span,
    /// Replacement text.
    pub replacement: String,
    /// What applying it does, for an editor's code action ("Replace with `#risks`").
    pub title: String,
    /// Whether `--fix` may apply it unasked.
    pub safety: Safety,
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The rule that produced it.
    pub rule: Arc<RuleMeta>,
    /// Severity after configuration and context (boosters raise it).
    pub severity: Severity,
    /// The file it is in.
    pub file: FileId,
    /// The flagged words.
    pub primary: Label,
    /// Related places (the therapy a claim is about, say).
    pub secondary: Vec<Label>,
    /// The problem, in one sentence.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// Why it fired, and other context.
    pub notes: Vec<String>,
    /// Suggested rewrites.
    pub suggestions: Vec<Suggestion>,
    /// Span of the sentence (or block) that holds the finding, for reports that quote it.
    pub context: Option<Span>,
}

impl Diagnostic {
    /// The order of the output: by file, position, then rule.
    pub fn sort_key(&self) -> (FileId, u32, u32, &str, &str) {
        (
            self.file,
            self.primary.span.start,
            self.primary.span.end,
            self.rule.id.as_str(),
            self.message.as_str(),
        )
    }
}

/// Collects a rule's findings for one file, stamping rule, severity and file on each.
pub struct Sink<'a> {
    rule: &'a Arc<RuleMeta>,
    severity: Severity,
    file: FileId,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for `rule` at the configured `severity`.
    pub fn new(
        rule: &'a Arc<RuleMeta>,
        severity: Severity,
        file: FileId,
        out: &'a mut Vec<Diagnostic>,
    ) -> Sink<'a> {
        Sink {
            rule,
            severity,
            file,
            out,
        }
    }

    /// The finding reported last, to add to after the fact.
    pub fn last(&mut self) -> Option<&mut Diagnostic> {
        self.out.last_mut()
    }

    /// The rule this sink reports for.
    pub fn rule(&self) -> &RuleMeta {
        self.rule
    }

    /// Report a finding at `span` with `message`; returns it for help, notes and labels.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            rule: Arc::clone(self.rule),
            severity: self.severity,
            file: self.file,
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            message: message.into(),
            help: self.rule.help.clone(),
            notes: Vec::new(),
            suggestions: Vec::new(),
            context: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}
