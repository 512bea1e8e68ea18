//! `required` rules: a document must contain each of several elements (the parts of a medical
//! disclaimer, say). One finding names every element that is missing.

use rayon::prelude::*;
use serde::Deserialize;

use super::alternatives::{Alternatives, Boundaries};
use super::regex::check_regex;
use super::regex::{Compile, LazyRegex};
use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::{Safety, Sink, Suggestion};
use crate::document::Format;
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
    /// Text that supplies the elements, offered as a safe fix at the end of the document.
    template: Option<String>,
}

impl RequiredRule {
    /// A rule requiring every element, their patterns compiled as `compile` says;
    /// `template` is text that supplies them.
    pub fn new(
        elements: Vec<Element>,
        template: Option<String>,
        compile: Compile,
    ) -> Result<RequiredRule, String> {
        let active = (0..elements.len()).collect();
        let combined = combine(&elements, compile)?;
        Ok(RequiredRule {
            elements,
            active,
            combined,
            template,
        })
    }

    /// Whether element `i` appears in some block. Disclaimers sit at the end of an article, so
    /// the last blocks are searched first and usually settle it. Past them, one search of the
    /// page's prose settles most of the rest (see [`settled_by_page`]); only what it leaves
    /// open is searched block by block, backwards.
    fn present(&self, cx: &DocContext<'_>, i: usize) -> bool {
        let re = &self.combined[i];
        let n = cx.doc.blocks.len();
        let tail = n.saturating_sub(TAIL_BLOCKS);
        if (tail..n)
            .rev()
            .any(|b| re.is_match_in(cx.block_haystack(b)))
        {
            return true;
        }
        if let Some(found) = settled_by_page(re, cx) {
            return found;
        }
        (0..tail)
            .rev()
            .any(|b| re.is_match_in(cx.block_haystack(b)))
    }
}

/// Blocks at the end of a document searched on their own first.
const TAIL_BLOCKS: usize = 3;

/// Whether some block matches `re`, when one search of the joined prose can tell: for
/// context-free patterns (see [`Alternatives::is_context_free`]) a block's match is also a
/// match in the joined prose, so none there means none in any block; and a match there that
/// lies inside one block (not empty, not across the blank line between two) is that block's
/// own. `None` when the page's first match spans blocks.
fn settled_by_page(re: &Alternatives, cx: &DocContext<'_>) -> Option<bool> {
    if !re.is_context_free() {
        return None;
    }
    let Some(m) = re.find_in(cx.joined_haystack()) else {
        return Some(false);
    };
    let starts = cx.joined().block_starts();
    let b = starts
        .partition_point(|&s| s <= m.start())
        .saturating_sub(1);
    let end = starts.get(b)? + cx.doc.blocks.get(b)?.prose.text.len();
    (m.start() < m.end() && m.end() <= end).then_some(true)
}

impl RequiredRule {
    /// The template added at the end of the document, when it supplies every missing element
    /// (a template that did not would be added again on every run).
    fn insertion(&self, cx: &DocContext<'_>, missing: &[&Element]) -> Option<Suggestion> {
        let template = self.template.as_deref()?.trim();
        let supplies = |e: &&Element| {
            let i = self.elements.iter().position(|x| std::ptr::eq(x, *e));
            i.is_some_and(|i| self.combined[i].is_match(template, Boundaries::of(template)))
        };
        if template.is_empty() || !missing.iter().all(supplies) || open_fence(cx.source) {
            return None;
        }
        let (at, text) = end_insertion(cx.doc.format, cx.source, template);
        Some(Suggestion {
            span: Span::empty(at),
            replacement: text,
            title: "Add the disclaimer at the end".into(),
            safety: Safety::Safe,
        })
    }
}

/// One regex per element, of its patterns.
fn combine(elements: &[Element], compile: Compile) -> Result<Vec<Alternatives>, String> {
    // Each element's regex compiles on its own core: start-up is what an editor hook pays.
    elements
        .par_iter()
        .with_max_len(1)
        .map(|e| {
            Alternatives::new(&e.patterns, compile)
                .map_err(|m| format!("element `{}`: {m}", e.name))
        })
        .collect()
}

/// Where and what to insert to add `paragraph` after the last block of `source`: before
/// `</body>` (or `</html>`) in an HTML page that has one (as a `<p>`), else at the end, a blank line apart; in
/// the file's own line endings.
fn end_insertion(format: Format, source: &str, paragraph: &str) -> (usize, String) {
    let nl = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    if format == Format::Html {
        let p = format!("<p>{}</p>{nl}", escape_html(paragraph));
        let lower = source.to_ascii_lowercase();
        return match lower.rfind("</body").or_else(|| lower.rfind("</html")) {
            Some(at) => (at, p),
            None if source.is_empty() || source.ends_with('\n') => (source.len(), p),
            None => (source.len(), format!("{nl}{p}")),
        };
    }
    let gap = if source.is_empty() || source.ends_with(&format!("{nl}{nl}")) {
        String::new()
    } else if source.ends_with('\n') {
        nl.to_string()
    } else {
        format!("{nl}{nl}")
    };
    (source.len(), format!("{gap}{paragraph}{nl}"))
}

/// Whether a Markdown text ends inside a fenced code block (an odd number of fence lines), where
/// an added paragraph would be code.
fn open_fence(source: &str) -> bool {
    // A line's `\r`, which `str::lines` would drop, does not change whether it starts with a
    // fence.
    let fences = crate::text::lines(source)
        .map(str::trim_start)
        .filter(|l| l.starts_with("```") || l.starts_with("~~~"))
        .count();
    fences % 2 == 1
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod insertion_tests {
    use super::{Format, end_insertion, open_fence};

    #[test]
    fn a_text_ends_in_a_fence_after_an_odd_number_of_fence_lines() {
        for (text, open) in [
            ("", false),
            ("# T\n\n```\ncode\n", true),
            ("# T\n\n```\ncode\n```\n", false),
            ("# T\r\n\r\n  ~~~\r\ncode\r\n", true),
            ("```", true),
            ("text ```\n\u{a0}```\n", true),
        ] {
            assert_eq!(open_fence(text), open, "{text:?}");
        }
    }

    #[test]
    fn the_disclaimer_goes_after_the_last_block_in_the_files_line_endings() {
        let md = |s: &str| {
            let (at, text) = end_insertion(Format::Markdown, s, "D.");
            assert_eq!(at, s.len());
            text
        };
        assert_eq!(md("# T\n\nText."), "\n\nD.\n");
        assert_eq!(md("# T\n\nText.\n"), "\nD.\n");
        assert_eq!(md("# T\n\nText.\n\n"), "D.\n");
        assert_eq!(md("# T\r\n\r\nText.\r\n"), "\r\nD.\r\n");
        let html = "<html><BODY><p>x</p></BODY></html>";
        assert_eq!(
            end_insertion(Format::Html, html, "A & B"),
            (html.find("</BODY>").unwrap(), "<p>A &amp; B</p>\n".into())
        );
        let no_body = "<html><p>x</p></html>";
        assert_eq!(
            end_insertion(Format::Html, no_body, "D."),
            (no_body.find("</html>").unwrap(), "<p>D.</p>\n".into())
        );
        assert_eq!(
            end_insertion(Format::Html, "<p>x</p>", "D."),
            (8, "\n<p>D.</p>\n".into())
        );
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
    /// The text `--fix` adds when elements are missing.
    template: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExtraElement {
    name: String,
    description: String,
    patterns: Vec<String>,
}

impl DocumentRule for RequiredRule {
    fn deferred_patterns(&self) -> Vec<LazyRegex> {
        let forms = self.active.iter().map(|&i| self.combined[i].first_form());
        forms.cloned().collect()
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        if cx.doc.blocks.is_empty() {
            return;
        }
        let missing: Vec<&Element> = self
            .active
            .iter()
            .filter(|&&i| !self.present(cx, i))
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
        let fix = self.insertion(cx, &missing);
        let d = sink.report(span, message);
        for e in missing {
            d.notes
                .push(format!("missing {}: {}", e.name, e.description));
        }
        d.suggestions.extend(fix);
    }

    fn configure(&mut self, options: &toml::Table, _: &std::path::Path) -> Result<(), String> {
        let opts: Options = options
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| e.message().trim().to_string())?;
        if let Some(template) = opts.template {
            self.template = Some(template);
        }
        let mut extras = Vec::new();
        for extra in opts.element {
            for p in &extra.patterns {
                check_regex(p).map_err(|e| format!("element `{}`: {e}", extra.name))?;
            }
            extras.push(Element {
                name: extra.name,
                description: extra.description,
                patterns: extra.patterns,
            });
        }
        // A config's own elements compile now, so that one that does not is an error here.
        self.combined.extend(combine(&extras, Compile::Now)?);
        self.elements.extend(extras);
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
