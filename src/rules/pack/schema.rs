//! The schema of a pack file: what `[[rule]]`, `[vocab]` and their fields may hold; unknown
//! fields are refused.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::phrase::Exception;
use crate::rules::{Scope, Status};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PackFile {
    pub(super) pack: PackHeader,
    #[serde(default)]
    pub(super) vocab: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) extend_vocab: BTreeMap<String, Vec<Spanned<String>>>,
    /// Named word lists, which phrases name as `@name`.
    #[serde(default)]
    pub(super) words: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) rule: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PackHeader {
    pub(super) name: String,
    #[allow(dead_code)]
    pub(super) description: String,
    /// The pack's own version, which reports record beside its content hash.
    pub(super) version: Option<String>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(super) enum Kind {
    Phrase,
    Pattern,
    Required,
    Conditional,
    Builtin,
}

impl Kind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Kind::Phrase => "phrase",
            Kind::Pattern => "pattern",
            Kind::Required => "required",
            Kind::Conditional => "conditional",
            Kind::Builtin => "builtin",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RuleDef {
    pub(super) id: Spanned<String>,
    pub(super) slug: Spanned<String>,
    pub(super) kind: Spanned<Kind>,
    pub(super) scope: Spanned<Scope>,
    pub(super) severity: Severity,
    #[serde(default = "yes")]
    pub(super) enabled: bool,
    #[serde(default)]
    pub(super) status: Status,
    pub(super) use_instead: Option<String>,
    pub(super) summary: String,
    pub(super) message: String,
    pub(super) help: Option<String>,
    pub(super) docs: Spanned<String>,
    /// The jurisdictions whose rules it follows; every one when left out.
    pub(super) jurisdictions: Option<Spanned<Vec<Spanned<String>>>>,
    /// The law or code it follows, by jurisdiction (`[rule.regulation] uk = "…"`).
    #[serde(default)]
    pub(super) regulation: BTreeMap<Spanned<String>, String>,
    /// `consumer`: about advertising to the public only; `any` (the default): every audience.
    pub(super) audience: Option<Spanned<String>>,
    /// Product classes that may be licensed for the use the rule's findings claim.
    #[serde(default)]
    pub(super) approvable_classes: Vec<Spanned<String>>,
    // phrase / pattern
    #[serde(default)]
    pub(super) phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) standalone: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) vocab: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) patterns: Vec<Spanned<String>>,
    pub(super) subject: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) requires: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) unless: Vec<Spanned<Exception>>,
    #[serde(default)]
    pub(super) boost: bool,
    #[serde(default)]
    pub(super) defer_to: Vec<Spanned<String>>,
    pub(super) label: Option<String>,
    pub(super) subject_name: Option<String>,
    #[serde(default)]
    pub(super) excused_by: Vec<Spanned<String>>,
    /// Vocabularies that excuse a match as `excused-by` does, unless a word of
    /// `excuse-void-with` is in the sentence too (an approval stated for a product that has none).
    #[serde(default)]
    pub(super) voidable_excuses: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) excuse_void_with: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) except: Vec<Spanned<String>>,
    // required
    #[serde(default)]
    pub(super) element: Vec<ElementDef>,
    /// Text that supplies every element, added by `--fix`.
    pub(super) template: Option<String>,
    // phrase / pattern: matched words (lower case) and what `--unsafe-fixes` writes instead
    #[serde(default)]
    pub(super) replace: BTreeMap<String, String>,
    // conditional
    pub(super) when: Option<Vec<Spanned<String>>>,
    pub(super) then: Option<Vec<Spanned<String>>>,
    /// Where `then` must be found for a `when` match: "page" (the default), "section",
    /// "block", or a number of blocks either side.
    pub(super) within: Option<Spanned<toml::Value>>,
    /// The rule applies only to pages whose prose matches one of these.
    pub(super) only_if: Option<Vec<Spanned<String>>>,
    /// Most pages match none of `only_if`: its words are searched for first.
    #[serde(default)]
    pub(super) only_if_rare: bool,
    // builtin
    pub(super) builtin: Option<Spanned<String>>,
    // examples
    #[serde(default)]
    pub(super) bad: Vec<BadDef>,
    #[serde(default)]
    pub(super) good: Vec<String>,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ElementDef {
    pub(super) name: Spanned<String>,
    pub(super) description: String,
    pub(super) patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct BadDef {
    pub(super) text: String,
    pub(super) flags: Vec<String>,
    /// The text once every suggestion is applied.
    pub(super) fixed: Option<String>,
}

/// A pack read for its rules' docs and examples alone; every other field is skipped.
#[derive(Deserialize)]
pub(super) struct DocsFile {
    #[serde(default)]
    pub(super) rule: Vec<DocsDef>,
}

/// A rule's docs and examples, as in [`RuleDef`].
#[derive(Deserialize)]
pub(super) struct DocsDef {
    pub(super) docs: String,
    #[serde(default)]
    pub(super) bad: Vec<BadDef>,
    #[serde(default)]
    pub(super) good: Vec<String>,
}
