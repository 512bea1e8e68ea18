//! `required` rules: a document must contain each of several elements (the parts of a medical
//! disclaimer, say). One finding names every element that is missing.

use rayon::prelude::*;
use serde::Deserialize;

use super::alternatives::{Alternatives, Boundaries};
use super::regex::check_regex;
use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;
use crate::source::Span;

/// One element a document must contain.
pub struct Element {
    /// Short name, used in config (`require = [...]`).
    pub name: String,
    /// What it is, for the finding's notes.
    pub description: String,
    /// Any one of these regexes satisfies it.
    pub patterns: Vec<String>,
}

/// A presence check over a whole document.
pub struct RequiredRule {
    elements: Vec<Element>,
    /// Indexes of the elements in force.
    active: Vec<usize>,
    /// One regex per element: its patterns as alternatives.
    combined: Vec<Alternatives>,
}

impl RequiredRule {
    /// A rule requiring every element.
    pub fn new(elements: Vec<Element>) -> Result<RequiredRule, String> {
        let active = (0..elements.len()).collect();
        let mut rule = RequiredRule {
            elements,
            active,
            combined: Vec::new(),
        };
        rule.combine()?;
        Ok(rule)
    }

    fn combine(&mut self) -> Result<(), String> {
        // Each element's regex compiles on its own core: start-up is what an editor hook pays.
        self.combined = self
            .elements
            .par_iter()
            .with_max_len(1)
            .map(|e| {
                Alternatives::new(&e.patterns).map_err(|m| format!("element `{}`: {m}", e.name))
            })
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    /// Whether element `i` appears in some block. Disclaimers sit at the end of an article, so
    /// the search runs backwards and usually stops at the last block. `boundaries` caches each
    /// block's classification across elements.
    fn present(
        &self,
        cx: &DocContext<'_>,
        i: usize,
        boundaries: &mut [Option<Boundaries>],
    ) -> bool {
        let re = &self.combined[i];
        cx.doc
            .blocks
            .iter()
            .zip(boundaries.iter_mut())
            .rev()
            .any(|(b, known)| {
                let kind = *known.get_or_insert_with(|| Boundaries::of(&b.prose.text));
                re.is_match(&b.prose.text, kind)
            })
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
        let mut boundaries = vec![None; cx.doc.blocks.len()];
        let missing: Vec<&Element> = self
            .active
            .iter()
            .filter(|&&i| !self.present(cx, i, &mut boundaries))
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
            for p in &extra.patterns {
                check_regex(p).map_err(|e| format!("element `{}`: {e}", extra.name))?;
            }
            self.elements.push(Element {
                name: extra.name,
                description: extra.description,
                patterns: extra.patterns,
            });
        }
        self.combine()?;
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
