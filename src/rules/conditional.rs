//! `conditional` rules: if a document contains one thing, it must also contain another — on
//! the page, in the same section, or within a few blocks (a testimonial needs a results-vary
//! statement near it; a supplement's structure/function claim needs the FDA statement on the
//! page).

use super::alternatives::{Alternatives, Boundaries};
use super::regex::{Compile, LazyRegex};

use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;
use crate::document::BlockKind;

/// Blocks at the end of a document searched on their own first.
const TAIL_BLOCKS: usize = 3;
/// Most blocks either side a `within` number may name.
const MAX_WITHIN: i64 = 50;

/// Where a `then` match must be for a `when` match.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Within {
    /// Anywhere on the page.
    Page,
    /// In the same section: between the headings of level 1 or 2 around it.
    Section,
    /// In the same block or up to this many blocks before or after it.
    Blocks(usize),
}

impl Within {
    /// From a pack's `within`: "page", "section", "block" or a number of blocks either side.
    pub fn parse(value: &toml::Value) -> Result<Within, String> {
        match value {
            toml::Value::String(s) if s == "page" => Ok(Within::Page),
            toml::Value::String(s) if s == "section" => Ok(Within::Section),
            toml::Value::String(s) if s == "block" => Ok(Within::Blocks(0)),
            toml::Value::Integer(n) if (0..=MAX_WITHIN).contains(n) => {
                Ok(Within::Blocks(*n as usize))
            }
            _ => Err(format!(
                "`within` must be \"page\", \"section\", \"block\" or a number of blocks from 0 to {MAX_WITHIN}"
            )),
        }
    }
}

/// If any `when` pattern matches the document's prose, some `then` pattern must match too,
/// within the reach the rule declares; and only on pages matching `only_if`, when given
/// (searched for its literals first when most pages match none: `only-if-rare`).
pub struct ConditionalRule {
    /// Triggers, as one regex of alternatives.
    when: Alternatives,
    /// What must then be present, as one regex of alternatives.
    then: Alternatives,
    /// What a page must mention for the rule to apply.
    only_if: Option<Alternatives>,
    /// Where `then` must be.
    within: Within,
}

impl ConditionalRule {
    /// A rule from its `when`, `then` and `only_if` patterns and its reach, compiled as
    /// `compile` says.
    pub fn new(
        when: &[String],
        then: &[String],
        only_if: &[String],
        only_if_rare: bool,
        within: Within,
        compile: Compile,
    ) -> Result<ConditionalRule, String> {
        let alternatives = |patterns: &[String]| Alternatives::new(patterns, compile);
        let ((when, then), only_if) = rayon::join(
            || rayon::join(|| alternatives(when), || alternatives(then)),
            || {
                (!only_if.is_empty())
                    .then(|| Alternatives::prefiltered(only_if, compile, only_if_rare))
            },
        );
        Ok(ConditionalRule {
            when: when?,
            then: then?,
            only_if: only_if.transpose()?,
            within,
        })
    }

    /// Anywhere on the page.
    fn on_page(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        // What `then` asks for usually sits in a closing disclaimer: a match in one of the last
        // blocks settles it without searching the whole prose (for context-free patterns, a
        // match in a block is a match in the joined prose).
        let n = cx.doc.blocks.len();
        if self.then.is_context_free()
            && (n.saturating_sub(TAIL_BLOCKS)..n)
                .rev()
                .any(|i| self.then.is_match_in(cx.block_haystack(i)))
        {
            return;
        }
        let prose = cx.joined();
        let hay = cx.joined_haystack();
        // `then` first: its phrases are rarer, so its search is the cheaper one, and most
        // articles that need it have it.
        if self.then.is_match_in(hay) {
            return;
        }
        let Some(m) = self.when.find_in(hay) else {
            return;
        };
        let (start, end) = with_quotation(&prose.text, m.start(), m.end());
        let span = prose.source_span(start, end);
        let message = fill(&sink.rule().message, &[("match", &prose.text[start..end])]);
        sink.report(span, message);
    }

    /// Near each match: one finding per section, or per block, that lacks `then`.
    fn nearby(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        // Most pages have nothing `when` asks about: one scan of the page settles that.
        let Some(when_at) = first_per_block(&self.when, cx) else {
            return;
        };
        let blocks = &cx.doc.blocks;
        let n = blocks.len();
        // Each block's section, as the range of blocks it spans: a heading of level 1 or 2
        // starts one. Worked out once, so a page of many testimonials is not rescanned.
        let mut section: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut start = 0;
        for (j, b) in blocks.iter().enumerate() {
            if j > 0 && matches!(b.kind, BlockKind::Heading(level) if level <= 2) {
                section.resize(j, (start, j));
                start = j;
            }
        }
        section.resize(n, (start, n));
        let mut has_then: Vec<Option<bool>> = vec![None; n];
        let mut then_at = |j: usize| {
            *has_then[j].get_or_insert_with(|| self.then.is_match_in(cx.block_haystack(j)))
        };
        // A section is judged once: by its first testimonial.
        let mut judged_section = usize::MAX;
        for (i, found) in when_at.into_iter().enumerate() {
            let Some((m_start, m_end)) = found else {
                continue;
            };
            let text = &blocks[i].prose.text;
            let (lo, hi) = match self.within {
                Within::Section => {
                    if section[i].0 == judged_section {
                        continue;
                    }
                    judged_section = section[i].0;
                    section[i]
                }
                Within::Blocks(k) => (i.saturating_sub(k), (i + k + 1).min(n)),
                Within::Page => (0, n),
            };
            if (lo..hi).any(&mut then_at) {
                continue;
            }
            let (start, end) = with_quotation(text, m_start, m_end);
            let span = blocks[i].prose.source_span(start, end);
            let message = fill(&sink.rule().message, &[("match", &text[start..end])]);
            sink.report(span, message);
        }
    }
}

impl DocumentRule for ConditionalRule {
    fn deferred_patterns(&self) -> Vec<LazyRegex> {
        // What every page is searched for: what it must mention when the rule has such a
        // gate, else what settles the rule. The rest waits for a page that passes the gate
        // (most pages are no supplement shop's), and is compiled then.
        // A rule that looks near each match scans the page for `when` by its patterns.
        match &self.only_if {
            Some(only_if) => vec![only_if.first_form().clone()],
            None if self.within == Within::Page => {
                vec![
                    self.then.first_form().clone(),
                    self.when.first_form().clone(),
                ]
            }
            None => std::iter::once(self.then.first_form())
                .chain(self.when.page_forms())
                .cloned()
                .collect(),
        }
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        if let Some(only) = &self.only_if
            && !only.is_match_in(cx.joined_haystack())
        {
            return;
        }
        match self.within {
            Within::Page => self.on_page(cx, sink),
            _ => self.nearby(cx, sink),
        }
    }
}

/// The first match of `alts` in each block, as a byte range of the block's prose; `None` when
/// the page's prose has no match. One search of the joined prose finds them when every match
/// there lies inside a block (for context-free patterns on text whose word boundaries are
/// ASCII ones, the first match a block holds is then the one a search of the block alone
/// finds); otherwise each block is searched on its own.
fn first_per_block(
    alts: &Alternatives,
    cx: &DocContext<'_>,
) -> Option<Vec<Option<(usize, usize)>>> {
    let blocks = &cx.doc.blocks;
    let mut firsts = vec![None; blocks.len()];
    if alts.is_context_free() && cx.joined_boundaries() == Boundaries::Agree && !blocks.is_empty() {
        let starts = cx.joined().block_starts();
        let (mut inside, mut any) = (true, false);
        alts.each_match_until_empty_in(cx.joined_haystack(), |m| {
            let b = starts
                .partition_point(|&s| s <= m.start())
                .saturating_sub(1);
            let (base, len) = (starts[b], blocks[b].prose.text.len());
            if m.start() == m.end() || m.end() > base + len {
                inside = false;
                return false;
            }
            any = true;
            firsts[b].get_or_insert((m.start() - base, m.end() - base));
            true
        });
        if inside {
            return any.then_some(firsts);
        }
        firsts.fill(None);
    }
    if !alts.is_match_in(cx.joined_haystack()) {
        return None;
    }
    for (i, first) in firsts.iter_mut().enumerate() {
        *first = alts
            .find_in(cx.block_haystack(i))
            .map(|m| (m.start(), m.end()));
    }
    Some(firsts)
}

/// A match widened over the quotation in its block, when it is not one itself: a star rating
/// or a "testimonials" heading word covers the quoted testimonial beside it
/// (`★★★★★ "I walked again after a week."`). Blocks are separated by a blank line in the
/// joined prose.
fn with_quotation(text: &str, start: usize, end: usize) -> (usize, usize) {
    const OPEN: [char; 2] = ['“', '"'];
    const CLOSE: [char; 2] = ['”', '"'];
    if text[start..end].contains(OPEN) || text[start..end].contains(CLOSE) {
        return (start, end);
    }
    let block_start = text[..start].rfind("\n\n").map_or(0, |at| at + 2);
    let block_end = text[end..].find("\n\n").map_or(text.len(), |at| end + at);
    let block = &text[block_start..block_end];
    // The first quotation in the block, on one line.
    let Some(open) = block.find(OPEN) else {
        return (start, end);
    };
    let open_len = block[open..].chars().next().map_or(1, char::len_utf8);
    let after = &block[open + open_len..];
    let Some(close) = after.find(|c: char| CLOSE.contains(&c) || c == '\n') else {
        return (start, end);
    };
    if after[close..].starts_with('\n') || close == 0 {
        return (start, end);
    }
    let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
    let quote_start = block_start + open;
    let quote_end = block_start + open + open_len + close + close_len;
    (start.min(quote_start), end.max(quote_end))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Settings;
    use crate::document::Format;
    use crate::rules::Registry;

    /// MED202's findings on `text`, as the messages it gives.
    fn findings(text: &str) -> Vec<String> {
        let registry = Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
        let i = registry.find("MED202").expect("MED202 exists");
        let settings = Settings::only(&registry, i, Path::new("/t"));
        let report = crate::lint_str(&registry, &settings, "a.md", Format::Markdown, text);
        report.diagnostics.into_iter().map(|d| d.message).collect()
    }

    /// A testimonial, `middle`, filler paragraphs (more than the tail searched on its own),
    /// then `end`.
    fn article(middle: &str, end: &str) -> String {
        format!(
            "# Knee pain\n\nOne patient walked again after a week.\n\n{middle}\n\n{}{end}\n",
            "Rest and ice can help.\n\n".repeat(2 * TAIL_BLOCKS)
        )
    }

    #[test]
    fn a_disclosure_anywhere_satisfies_the_rule() {
        assert!(findings(&article("", "Individual results vary.")).is_empty());
        assert!(findings(&article("Individual results vary.", "")).is_empty());
    }

    #[test]
    fn a_testimonial_without_a_disclosure_is_flagged() {
        assert_eq!(
            findings(&article("", "")),
            ["Testimonial without a results disclosure: `One patient`"]
        );
    }

    #[test]
    fn a_star_rating_covers_the_quoted_testimonial() {
        let text = "# Reviews\n\n★★★★★ “I walked again after a week.” — Sam\n";
        assert_eq!(
            findings(text),
            ["Testimonial without a results disclosure: `★★★★★ “I walked again after a week.”`"]
        );
        let rated = "# Reviews\n\n\"My knee is better than ever\" — 5 out of 5 stars\n";
        assert_eq!(
            findings(rated),
            ["Testimonial without a results disclosure: `\"My knee is better than ever\"`"]
        );
        // With no quotation in its block, a rating is flagged as it stands.
        let bare = "# Reviews\n\n★★★★★ from 200 reviews.\n\n“Lovely staff.”\n";
        assert_eq!(
            findings(bare),
            ["Testimonial without a results disclosure: `★★★★★`"]
        );
    }

    #[test]
    fn patterns_asserting_an_edge_are_not_context_free() {
        let alts = |p: &str| Alternatives::new(&[p.to_string()], Compile::Now).unwrap();
        assert!(alts(r"\bresults vary\b").is_context_free());
        assert!(!alts(r"^Disclaimer").is_context_free());
        assert!(!alts(r"advice\.$").is_context_free());
        assert!(!alts(r"\Ano").is_context_free());
        assert!(!alts(r"(?m)^no").is_context_free());
        // A negated class asserts no edge.
        assert!(alts(r"[^a]b").is_context_free());
    }

    /// A pack of one conditional rule `ACME201` with `keys` (its `when`, `then` and gates) and
    /// the fields every rule needs.
    fn one_rule_pack(keys: &str) -> String {
        format!(
            "[pack]\nname = \"p\"\ndescription = \"d\"\n\n[[rule]]\nid = \"ACME201\"\n\
             slug = \"s\"\nkind = \"conditional\"\nscope = \"document\"\nseverity = \"warning\"\n\
             summary = \"s\"\nmessage = \"{{match}}\"\n{keys}\
             bad = [{{ text = \"a\", flags = [\"a\"] }}]\ngood = [\"x\"]\n\
             docs = \"\"\"\n## What it does\nx\n## Why it matters\ny\n## References\nz\n\"\"\"\n"
        )
    }

    /// The messages `ACME201` of `pack` gives on `text`, or the pack's first error.
    fn pack_findings(pack: String, text: &str) -> Result<Vec<String>, String> {
        let source =
            crate::rules::pack::PackSource::new("p.toml".into(), std::sync::Arc::from(pack));
        let registry = Registry::from_sources(&[source]).map_err(|e| e[0].to_string())?;
        let i = registry.find("ACME201").expect("the rule exists");
        let settings = Settings::only(&registry, i, Path::new("/t"));
        let report = crate::lint_str(&registry, &settings, "a.md", Format::Markdown, text);
        Ok(report.diagnostics.into_iter().map(|d| d.message).collect())
    }

    /// The findings of a pack's one conditional rule, `when` within a block of `then`.
    fn block_rule_findings(when: &[&str], text: &str) -> Vec<String> {
        let list: Vec<String> = when.iter().map(|p| format!("'{p}'")).collect();
        let keys = format!(
            "within = \"block\"\nwhen = [{}]\nthen = ['\\bok\\b']\n",
            list.join(", ")
        );
        pack_findings(one_rule_pack(&keys), text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The findings of a pack's one conditional rule gated by `only-if = ['\bcapsules?\b']`,
    /// the gate searched for its literals first when `rare`.
    fn gated_rule_findings(rare: bool, text: &str) -> Result<Vec<String>, String> {
        let keys = format!(
            "when = ['\\bsupports? \\w+']\nonly-if = ['\\bcapsules?\\b']\n{}\
             then = ['\\bnot evaluated\\b']\n",
            if rare { "only-if-rare = true\n" } else { "" }
        );
        pack_findings(one_rule_pack(&keys), text)
    }

    #[test]
    fn a_rare_gate_finds_what_the_plain_gate_finds() {
        let pages = [
            "# Joint formula\n\nSupports joints.\n\nTake two Capsules daily.\n",
            "# Joint formula\n\nSupports joints.\n\nTake two capsules daily. Not evaluated.\n",
            "# Joint formula\n\nSupports joints.\n\nTake two tablets daily.\n",
            "# Joint formula\n\nSupports “joints”.\n\nTake two CAPSULES with café au lait.\n",
        ];
        for page in pages {
            assert_eq!(
                gated_rule_findings(true, page),
                gated_rule_findings(false, page),
                "{page}"
            );
        }
        assert_eq!(
            gated_rule_findings(true, pages[0]).unwrap(),
            ["Supports joints"]
        );
        assert_eq!(
            gated_rule_findings(true, pages[2]).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_rare_gate_needs_a_gate() {
        let pack = one_rule_pack("when = ['a']\nonly-if-rare = true\nthen = ['b']\n");
        let error = pack_findings(pack, "a").expect_err("an error");
        assert!(error.contains("`only-if-rare` needs `only-if`"), "{error}");
    }

    #[test]
    fn each_block_is_judged_by_its_own_first_match() {
        // Found in one search of the page's prose: the first match of each block.
        let text = "# T\n\nqa then qb.\n\nNothing here.\n\nqc is ok.\n\nqd and qe.\n";
        assert_eq!(block_rule_findings(&[r"\bq\w"], text), ["qa", "qd"]);
    }

    #[test]
    fn a_match_across_blocks_is_no_block_s_match() {
        // In the page's prose "a" and "b" are one match across the blank line between their
        // blocks; neither block holds it, so each block is searched on its own.
        let text = "# T\n\nSay a\n\nb then.\n\nqed.\n";
        assert_eq!(block_rule_findings(&[r"a\s+b", r"\bq\w+"], text), ["qed"]);
        assert_eq!(block_rule_findings(&[r"a\s+b"], text), Vec::<String>::new());
    }
}
