//! A loaded rule: its metadata and the check that implements it.

use std::sync::Arc;

use super::document_rule::DocumentRule;
use super::meta::RuleMeta;

/// The suppression rules, which the suppression stage runs itself.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SuppressionCheck {
    /// Unknown rule, missing reason, unknown directive.
    Invalid,
    /// A directive that suppressed nothing.
    Unused,
    /// A directive past its `expires` date.
    Expired,
}

/// How a rule is implemented.
pub enum Check {
    /// Per document (link rules see the other documents through the site index).
    Document(Box<dyn DocumentRule>),
    /// Produced by the suppression stage itself.
    Suppression(SuppressionCheck),
}

/// A loaded rule: its metadata and its check.
pub struct Rule {
    /// Metadata, shared with every diagnostic it reports.
    pub meta: Arc<RuleMeta>,
    /// The check.
    pub check: Check,
}
