//! `required` rules: a document must contain each of several elements (the parts of a medical
//! disclaimer, say). One finding names every element that is missing.

use regex::{Regex, RegexSet};
use serde::Deserialize;

use super::pack::compile_regex;
use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;
use crate::source::Span;

/// One element a document must contain.
pub struct Element {
    /// Short name, used in config (`require = [...]`).
    pub name: String,
    /// What it is, for the finding's notes.
    pub description: String,
    /// Any one of these satisfies it.
    pub patterns: Vec<Regex>,
}

/// A presence check over a whole document.
pub struct RequiredRule {
    elements: Vec<Element>,
    /// Indexes of the elements in force.
    active: Vec<usize>,
    /// Every element's patterns in one set, so a document is scanned once.
    set: RegexSet,
    /// Element of each pattern in `set`.
    owner: Vec<usize>,
}

impl RequiredRule {
    /// A rule requiring every element.
    pub fn new(elements: Vec<Element>) -> RequiredRule {
        let active = (0..elements.len()).collect();
        let mut rule = RequiredRule {
            elements,
            active,
            set: RegexSet::empty(),
            owner: Vec::new(),
        };
        rule.build_set();
        rule
    }

    fn build_set(&mut self) {
        let mut sources = Vec::new();
        self.owner.clear();
        for (i, e) in self.elements.iter().enumerate() {
            for p in &e.patterns {
                sources.push(p.as_str().to_string());
                self.owner.push(i);
            }
        }
        // Each pattern compiled on its own already, case-insensitively and size-limited.
        self.set = regex::RegexSetBuilder::new(&sources)
            .case_insensitive(true)
            .size_limit(super::pack::REGEX_SIZE_LIMIT * 8)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Names of the elements to require (default: all).
    require: Option<Vec<String>>,
    /// Extra elements.
    #[serde(default)]
    element: Vec<ExtraElement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExtraElement {
    name: String,
    description: String,
    patterns: Vec<String>,
}

impl DocumentRule for RequiredRule {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        if cx.doc.blocks.is_empty() {
            return;
        }
        let prose = cx.joined();
        let mut present = vec![false; self.elements.len()];
        for m in self.set.matches(&prose.text).iter() {
            present[self.owner[m]] = true;
        }
        let missing: Vec<&Element> = self
            .active
            .iter()
            .filter(|&&i| !present[i])
            .map(|&i| &self.elements[i])
            .collect();
        if missing.is_empty() {
            return;
        }
        // Point at the title when there is one, else at the start of the prose.
        let span = cx
            .doc
            .headings
            .first()
            .map(|h| h.span)
            .unwrap_or_else(|| Span::empty(cx.doc.blocks[0].span.start as usize));
        let names: Vec<&str> = missing.iter().map(|e| e.name.as_str()).collect();
        let message = fill(&sink.rule().message, &[("missing", &names.join(", "))]);
        let d = sink.report(span, message);
        for e in missing {
            d.notes
                .push(format!("missing {}: {}", e.name, e.description));
        }
    }

    fn configure(&mut self, options: &toml::Table) -> Result<(), String> {
        let opts: Options = options
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| e.message().trim().to_string())?;
        for extra in opts.element {
            let patterns = extra
                .patterns
                .iter()
                .map(|p| compile_regex(p))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("element `{}`: {e}", extra.name))?;
            self.elements.push(Element {
                name: extra.name,
                description: extra.description,
                patterns,
            });
        }
        self.build_set();
        self.active = match opts.require {
            None => (0..self.elements.len()).collect(),
            Some(names) => names
                .iter()
                .map(|n| {
                    self.elements
                        .iter()
                        .position(|e| &e.name == n)
                        .ok_or_else(|| {
                            let known: Vec<&str> =
                                self.elements.iter().map(|e| e.name.as_str()).collect();
                            format!("unknown element `{n}`; known: {}", known.join(", "))
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(())
    }
}
