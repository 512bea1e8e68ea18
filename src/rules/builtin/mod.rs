//! Code rules: the only list of them. Each has a `[[rule]]` entry with `kind = "builtin"` in a
//! pack, which supplies its ID, slug, severity, docs and examples.

pub mod links;

use super::Check;

/// The suppression stage reports these itself, after all other rules.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SuppressionCheck {
    /// Unknown rule, missing reason, unknown directive.
    Invalid,
    /// A directive that suppressed nothing.
    Unused,
}

/// Names a pack may use in `builtin = "…"`.
pub const NAMES: &[&str] = &[
    "broken-internal-link",
    "broken-anchor",
    "invalid-suppression",
    "unused-suppression",
];

/// The check behind a builtin name.
pub fn create(name: &str) -> Option<Check> {
    Some(match name {
        "broken-internal-link" => Check::Document(Box::new(links::BrokenInternalLink)),
        "broken-anchor" => Check::Document(Box::new(links::BrokenAnchor)),
        "invalid-suppression" => Check::Suppression(SuppressionCheck::Invalid),
        "unused-suppression" => Check::Suppression(SuppressionCheck::Unused),
        _ => return None,
    })
}
