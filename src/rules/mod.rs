//! Rules: their metadata, the traits code rules implement, and the registry that loads rule
//! packs and resolves which rules run. Every rule, data or code, has one `[[rule]]` entry in a
//! pack under `lints/`: the packs are the index of all rules.

pub mod alternatives;
pub mod builtin;
pub mod claim;
pub mod conditional;
pub mod context;
pub mod examples;
pub mod pack;
pub mod phrase;
pub mod registry;
pub mod required;

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Severity, Sink};
use crate::document::Document;
pub use context::SentenceView;
pub use registry::Registry;

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
}

/// Everything known about a rule apart from how it checks.
#[derive(Clone, Debug)]
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
    /// Markdown docs: What it does / Why it matters / References.
    pub docs: String,
    /// Texts that must be flagged.
    pub bad: Vec<BadExample>,
    /// Texts that must not be flagged.
    pub good: Vec<String>,
    /// Pack file that defines it.
    pub pack: String,
    /// Line of its `id` in the pack file.
    pub line: usize,
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

/// What a document rule gets to look at.
pub struct DocContext<'a> {
    /// The parsed document.
    pub doc: &'a Document,
    /// Every sentence, analysed once for all sentence rules.
    pub sentences: &'a [SentenceView],
    /// The phrase lists and cue sets.
    pub lexicon: &'a context::Lexicon,
    /// Every linted file's path and anchors, for link rules.
    pub site: &'a crate::site::SiteIndex<'a>,
    /// The document's absolute, normalised path.
    pub path: &'a std::path::Path,
    /// The document's prose joined into one string, built on first use and shared by the
    /// document-wide rules.
    pub joined: std::cell::OnceCell<crate::document::JoinedProse<'a>>,
    /// Where each of the document's links leads, resolved on first use and shared by the link
    /// rules.
    pub resolved: std::cell::OnceCell<Vec<builtin::links::Resolution>>,
    /// Whether each block cites a source, worked out on first use (several claim rules ask
    /// about the same paragraph).
    cites: Vec<std::cell::OnceCell<bool>>,
    /// Every sentence's health claims, read on first use and shared by the claim rules.
    claims: std::cell::OnceCell<Vec<Vec<claim::Claim>>>,
    /// Which blocks say the evidence is lacking, worked out on first use.
    disclaims: std::cell::OnceCell<Vec<bool>>,
}

impl<'a> DocContext<'a> {
    /// A context for `doc`; shared work is done lazily.
    pub fn new(
        doc: &'a Document,
        sentences: &'a [SentenceView],
        lexicon: &'a context::Lexicon,
        site: &'a crate::site::SiteIndex<'a>,
        path: &'a std::path::Path,
    ) -> DocContext<'a> {
        DocContext {
            doc,
            sentences,
            lexicon,
            site,
            path,
            joined: std::cell::OnceCell::new(),
            resolved: std::cell::OnceCell::new(),
            cites: vec![std::cell::OnceCell::new(); doc.blocks.len()],
            claims: std::cell::OnceCell::new(),
            disclaims: std::cell::OnceCell::new(),
        }
    }

    /// The health claims of each sentence, in the order of `sentences`.
    pub fn claims(&self) -> &[Vec<claim::Claim>] {
        self.claims.get_or_init(|| claim::read_document(self))
    }

    /// Whether block `i` cites a source (a footnote, a link, an author-year parenthesis, a DOI
    /// or a numbered reference).
    pub fn block_cites(&self, i: usize) -> bool {
        *self.cites[i].get_or_init(|| phrase::block_cites(&self.doc.blocks[i]))
    }

    /// Whether block `i` says the evidence does not support a claim ("there is insufficient
    /// evidence"); such a statement qualifies every claim in its paragraph.
    pub fn block_disclaims(&self, i: usize) -> bool {
        let disclaims = self.disclaims.get_or_init(|| {
            let mut out = vec![false; self.doc.blocks.len()];
            let set = self.lexicon.claim.evidence_disclaimer;
            for v in self.sentences {
                if v.hits.iter().any(|h| Some(h.set) == set) {
                    out[self.doc.sentences[v.index].block as usize] = true;
                }
            }
            out
        });
        disclaims[i]
    }

    /// The document's prose joined with blank lines.
    pub fn joined(&self) -> &crate::document::JoinedProse<'a> {
        self.joined.get_or_init(|| self.doc.joined_prose())
    }

    /// Where each link of the document leads, in the order of `doc.links`.
    pub fn resolved_links(&self) -> &[builtin::links::Resolution] {
        self.resolved.get_or_init(|| {
            self.doc
                .links
                .iter()
                .map(|l| builtin::links::resolve(self.site, self.path, &l.dest))
                .collect()
        })
    }
}

/// A rule that looks at one document at a time. `&self` and `Sync` so documents can be checked
/// in parallel.
pub trait DocumentRule: Send + Sync {
    /// Check one document.
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>);

    /// The phrase sets a sentence needs a hit of before the rule looks past its hits (at
    /// its clauses); `None` when it may look at any sentence. A rule that reads no sentences
    /// needs none.
    fn sentence_triggers(&self) -> Option<crate::text::phrase::SetMask> {
        Some(crate::text::phrase::SetMask::default())
    }

    /// Apply options from the config's `[rules.<ID>]` table (other than `severity`).
    fn configure(&mut self, options: &toml::Table) -> Result<(), String> {
        match options.keys().next() {
            None => Ok(()),
            Some(key) => Err(format!("this rule takes no option `{key}`")),
        }
    }
}

/// How a rule is implemented.
pub enum Check {
    /// Per document (link rules see the other documents through the site index).
    Document(Box<dyn DocumentRule>),
    /// Produced by the suppression stage itself.
    Suppression(builtin::SuppressionCheck),
}

/// A loaded rule: its metadata and its check.
pub struct Rule {
    /// Metadata, shared with every diagnostic it reports.
    pub meta: Arc<RuleMeta>,
    /// The check.
    pub check: Check,
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
