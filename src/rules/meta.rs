//! What every rule is, whatever implements it: its ID, slug, severity, scope, status, docs and
//! examples, and the message templates it fills.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::source::SourceText;
use crate::text::escape::{visible, visible_lines};

pub use crate::document::article::{Jurisdiction, ProductClass};

/// How serious a finding is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed: fails the run by default.
    Error,
}

impl Severity {
    /// Lowercase name as used in config, packs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One step more serious (error stays error).
    pub fn raised(self) -> Severity {
        match self {
            Severity::Info => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule looks at.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One sentence at a time, with its context.
    Sentence,
    /// One block at a time.
    Block,
    /// A whole document.
    Document,
    /// All documents together (links between them).
    Corpus,
}

impl Scope {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Block => "block",
            Scope::Document => "document",
            Scope::Corpus => "corpus",
        }
    }
}

/// A rule's lifecycle stage.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Settled behaviour.
    #[default]
    Stable,
    /// New: reported, but its behaviour may still change.
    Preview,
    /// Kept so old configs and suppressions still resolve; see `use_instead`.
    Deprecated,
}

/// A tested example from a rule's pack entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadExample {
    /// Markdown that must be flagged.
    pub text: String,
    /// The exact texts the findings must cover, in order.
    pub flags: Vec<String>,
    /// The text once every suggestion (safe and unsafe) is applied, when the rule has a fix.
    pub fixed: Option<String>,
}

/// A rule's docs and tested examples: what `explain`, `test-rules` and the reports' rule
/// references read, and linting never does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDocs {
    /// Markdown docs: What it does / Why it matters / References.
    pub docs: String,
    /// Texts that must be flagged.
    pub bad: Vec<BadExample>,
    /// Texts that must not be flagged.
    pub good: Vec<String>,
}

/// Where a rule's docs and examples are.
#[derive(Clone)]
pub enum DocsSource {
    /// Read with the rule.
    Read(RuleDocs),
    /// The pack's rule at this index, read from the pack's text when first asked for (a
    /// built-in pack's: reading them at every start was a tenth of a one-article run).
    Later(Arc<PackDocs>, usize),
}

impl DocsSource {
    fn get(&self) -> &RuleDocs {
        match self {
            DocsSource::Read(docs) => docs,
            DocsSource::Later(pack, i) => pack.rule(*i),
        }
    }
}

impl PartialEq for DocsSource {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for DocsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsSource::Read(docs) => f.debug_tuple("Read").field(docs).finish(),
            DocsSource::Later(_, i) => f.debug_tuple("Later").field(i).finish(),
        }
    }
}

/// The docs and examples of every rule of a pack, read from its text all at once when one is
/// first asked for.
pub struct PackDocs {
    text: SourceText,
    read: fn(&str) -> Vec<RuleDocs>,
    rules: OnceLock<Vec<RuleDocs>>,
}

impl PackDocs {
    /// The docs of the rules in `text`, which `read` reads in the pack's order.
    pub fn new(text: SourceText, read: fn(&str) -> Vec<RuleDocs>) -> PackDocs {
        PackDocs {
            text,
            read,
            rules: OnceLock::new(),
        }
    }

    /// The docs of the pack's rule `i` (none for a rule it does not have).
    pub fn rule(&self, i: usize) -> &RuleDocs {
        static NONE: RuleDocs = RuleDocs {
            docs: String::new(),
            bad: Vec::new(),
            good: Vec::new(),
        };
        self.rules
            .get_or_init(|| (self.read)(&self.text))
            .get(i)
            .unwrap_or(&NONE)
    }
}

/// Everything known about a rule apart from how it checks.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleMeta {
    /// Stable ID (`MED101`), never reused.
    pub id: String,
    /// Slug naming the problem (`cure-claim`).
    pub slug: String,
    /// The pack kind that implements it (`phrase`, `builtin` …).
    pub kind: String,
    /// What it looks at.
    pub scope: Scope,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether it runs without being selected.
    pub enabled_by_default: bool,
    /// Lifecycle.
    pub status: Status,
    /// The rule that replaces a deprecated one.
    pub use_instead: Option<String>,
    /// Rules whose finding on the same words makes this one's redundant (a cure claim is also
    /// an outcome claim; one finding is enough).
    pub defer_to: Vec<String>,
    /// One line: what it flags.
    pub summary: String,
    /// Finding message template.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// Its docs and examples; see [`RuleMeta::docs`], [`RuleMeta::bad`], [`RuleMeta::good`].
    pub docs_source: DocsSource,
    /// The jurisdictions whose rules it follows (every one unless its pack says otherwise).
    pub jurisdictions: Vec<Jurisdiction>,
    /// The law or code it follows in each jurisdiction, in [`Jurisdiction::ALL`] order.
    pub regulation: Vec<(Jurisdiction, String)>,
    /// About advertising to consumers only: off for an article written for professionals.
    pub consumer_only: bool,
    /// Classes of product that may be licensed for the use claimed: on an article that sells
    /// one (`product-class`), a finding is lowered to info with a note to check the claim
    /// against the product's approved use.
    pub approvable: Vec<ProductClass>,
    /// Pack file that defines it.
    pub pack: String,
    /// Line of its `id` in the pack file.
    pub line: usize,
    /// How reports show it, worked out when it loads.
    pub shown: ShownAs,
}

/// How reports show a rule: the same for each of its findings, so worked out once.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownAs {
    /// `ID slug`, escaped for a terminal.
    pub code: String,
    /// Its own help needs no escaping, so it is shown as it is behind `help: `.
    pub help_as_is: bool,
    /// Its own help is one line.
    pub help_one_line: bool,
}

impl ShownAs {
    /// How the rule `id` `slug` with its own `help` is shown.
    pub fn of(id: &str, slug: &str, help: Option<&str>) -> ShownAs {
        let help = help.unwrap_or_default();
        ShownAs {
            code: visible(&format!("{id} {slug}")).into_owned(),
            help_as_is: matches!(visible_lines(help), Cow::Borrowed(_)),
            help_one_line: !help.contains('\n'),
        }
    }
}

impl RuleMeta {
    /// Markdown docs: What it does / Why it matters / References.
    pub fn docs(&self) -> &str {
        &self.docs_source.get().docs
    }

    /// Texts that must be flagged.
    pub fn bad(&self) -> &[BadExample] {
        &self.docs_source.get().bad
    }

    /// Texts that must not be flagged.
    pub fn good(&self) -> &[String] {
        &self.docs_source.get().good
    }

    /// Whether it follows the rules of any of `regimes`.
    pub fn applies_in(&self, regimes: &[Jurisdiction]) -> bool {
        self.jurisdictions.iter().any(|j| j.in_list(regimes))
    }

    /// Its jurisdictions as written in packs (`us, uk, eu`).
    pub fn jurisdiction_list(&self) -> String {
        let codes: Vec<&str> = self.jurisdictions.iter().map(|j| j.as_str()).collect();
        codes.join(", ")
    }
}

impl fmt::Display for RuleMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.slug)
    }
}

/// Fill `{name}` placeholders in a message template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    // One pass: each `{` starts a known placeholder or is copied as it is.
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = values.iter().find_map(|(name, value)| {
            let tail = after.strip_prefix(name)?.strip_prefix('}')?;
            Some((*value, tail))
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_known_placeholders_once() {
        assert_eq!(
            fill(
                "`{match}` in {target}",
                &[("match", "cures"), ("target", "a.md")]
            ),
            "`cures` in a.md"
        );
        // Unknown placeholders and stray braces stay; values are not filled again.
        assert_eq!(
            fill("{x} {match} {", &[("match", "{match}")]),
            "{x} {match} {"
        );
        assert_eq!(fill("{match}{match}", &[("match", "é")]), "éé");
    }
}
