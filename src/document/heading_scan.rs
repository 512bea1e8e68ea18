//! Anchors of a plain Markdown article from a scan of its lines, for the site index when a
//! link reaches a file before that file is linted (and for "did you mean" suggestions). Most
//! articles are front matter, ATX headings of plain words, prose,
//! lists, tables and fenced code at the margin; for those a line scan finds the same headings
//! as a full parse at a fraction of the cost. Anything the scan cannot be sure of — HTML,
//! block quotes, setext underlines, `---` after the front matter, indented or nested fences,
//! markup in a heading, `\r` — returns `None`, and the caller parses the document in full. A
//! property test holds the scan to the full parse.

use std::collections::BTreeSet;

use super::anchors::AnchorGenerator;
use crate::text::lines;

/// The anchors of `src`, or `None` when it needs the full parser.
pub fn anchors(src: &str) -> Option<BTreeSet<String>> {
    if memchr::memchr2(b'<', b'\r', src.as_bytes()).is_some() {
        return None;
    }
    let mut lines = lines(src).peekable();
    // Collected in order and made a set once at the end: cheaper than an insertion each.
    let mut out = Vec::with_capacity(32);
    let mut generator = AnchorGenerator::default();
    if lines
        .peek()
        .is_some_and(|l| is_delimiter(l, b'-') || is_delimiter(l, b'+'))
    {
        skip_front_matter(&mut lines)?;
    }
    // An open fence: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    for line in lines {
        // Most lines are prose starting with a letter: neither a heading, a fence, a list
        // item, a quote nor a rule, and no fence closes on one.
        if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        let rest = &line[indent..];
        if let Some((ch, len)) = fence {
            if indent == 0 && closes(rest, ch, len) {
                fence = None;
            } else if indent > 0 && rest.starts_with(['`', '~']) {
                // A fence-like line off the margin: nested or in a list.
                return None;
            }
            continue;
        }
        if rest.starts_with('\t') {
            // Tab indentation: columns the scan does not count.
            return None;
        }
        if let Some(open) = opens(rest) {
            if indent > 0 {
                return None;
            }
            fence = Some(open);
            continue;
        }
        if indent <= 3 && (rest.starts_with('>') || is_rule_like(rest)) {
            // Block quotes; thematic breaks, setext underlines and metadata delimiters.
            return None;
        }
        if list_item_heading(rest)
            || (indent > 3 && rest.starts_with('#'))
            || (rest.starts_with("[^") && rest.contains('#'))
        {
            // Headings in list items, footnotes or indented continuations.
            return None;
        }
        if indent <= 3
            && rest.starts_with('#')
            && let Some(text) = atx_text(rest)
        {
            out.push(generator.next(text?));
        }
    }
    Some(out.into_iter().collect())
}

/// Only ASCII whitespace, as the parser counts it.
fn blank(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_whitespace())
}

/// A line of three `-` or `+` (with trailing whitespace), as opens a metadata block.
fn is_delimiter(line: &str, ch: u8) -> bool {
    let b = line.as_bytes();
    b.len() >= 3 && b[..3].iter().all(|&c| c == ch) && blank(&line[3..])
}

/// Skip front matter as the full parser reads it: a first line that is neither blank nor a
/// closing line, then lines up to `---` or `...` (`+++` for TOML) at the margin followed only
/// by spaces. `None` when it is not front matter after all.
fn skip_front_matter<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Option<()> {
    let open = lines.next()?;
    let ch = open.as_bytes()[0];
    let closing = |l: &str| {
        let b = l.as_bytes();
        let run = |c: u8| b.len() >= 3 && b[..3].iter().all(|&x| x == c) && b.get(3) != Some(&c);
        (run(ch) || (ch == b'-' && run(b'.'))) && l[3..].bytes().all(|c| c == b' ')
    };
    let first = lines.next()?;
    if blank(first) || closing(first) {
        return None;
    }
    for line in lines.by_ref() {
        if closing(line) {
            return Some(());
        }
    }
    None
}

/// A fence opening: three or more backticks (no backtick after them) or tildes.
fn opens(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && rest[len..].contains('`')) {
        return None;
    }
    Some((ch, len))
}

/// Whether `rest` closes a fence of `len` `ch` characters.
fn closes(rest: &str, ch: u8, len: usize) -> bool {
    let run = rest.bytes().take_while(|&b| b == ch).count();
    run >= len && blank(&rest[run..])
}

/// A line made only of `-`, `=`, `+`, `*` or `_` (and spaces): a thematic break, a setext
/// underline or a metadata delimiter, depending on what surrounds it.
fn is_rule_like(rest: &str) -> bool {
    let t = rest.trim_end();
    !t.is_empty()
        && t.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'+' | b'*' | b'_' | b' '))
}

/// A list item whose content starts with `#` (a heading inside the item).
fn list_item_heading(rest: &str) -> bool {
    let b = rest.as_bytes();
    let marker = if matches!(b.first(), Some(b'-' | b'*' | b'+')) {
        1
    } else {
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && matches!(b.get(digits), Some(b'.' | b')')) {
            digits + 1
        } else {
            return false;
        }
    };
    rest[marker..].starts_with([' ', '\t']) && rest[marker..].trim_start().starts_with('#')
}

/// The text of an ATX heading line: `None` when `rest` is not one, `Some(None)` when it is
/// one the scan cannot read for sure (markup, a closing sequence, a tab).
fn atx_text(rest: &str) -> Option<Option<&str>> {
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let content = &rest[level..];
    if !content.is_empty() && !content.starts_with([' ', '\t']) {
        return None;
    }
    // Every character that makes a heading markup is ASCII, so the bytes are tested
    // directly, without decoding characters.
    let plain = !content.bytes().any(|b| {
        matches!(
            b,
            b'`' | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'\\'
                | b'&'
                | b'{'
                | b'}'
                | b'~'
                | b'#'
                | b'\t'
                | b'|'
                | b'$'
                | b'^'
        )
    });
    Some(plain.then(|| content.trim_matches(' ')))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn full(src: &str) -> BTreeSet<String> {
        super::super::markdown::anchors(src)
    }

    #[test]
    fn reads_a_typical_article() {
        let src = "---\ntitle: \"A: b\"\n---\n\n# Knee pain\n\nText.\n\n## Risks\n\n```text\n# not a heading\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Risks\n";
        let got = anchors(src).expect("plain article");
        assert_eq!(got, full(src));
        assert!(got.contains("risks-1"));
    }

    #[test]
    fn leaves_what_it_cannot_be_sure_of_to_the_parser() {
        for src in [
            "# A *b*\n",
            "Title\n=====\n",
            "> # Quoted\n",
            "- # In a list\n",
            "<h2 id=\"x\">X</h2>\n",
            "# A\r\n",
            "text\n\n---\n\n# B\n",
            "  ```\n# x\n  ```\n",
        ] {
            assert_eq!(anchors(src), None, "{src:?}");
        }
    }

    /// Lines the scan reads itself (in any order they can still trip it: a heading right
    /// after a table row, a fence left open).
    const PLAIN: &[&str] = &[
        "# Knee pain",
        "## Risks and side effects",
        "### When to see a doctor",
        "#",
        "## ",
        "#No space",
        "####### Seven",
        "   ## Indented three",
        "## Café au lait",
        "## 100% (mostly): why?",
        "Some text.",
        "",
        "",
        "",
        "- item",
        "1. step",
        "  continued",
        "```",
        "```text",
        "~~~",
        "````",
        "| a | b |",
        "|---|---|",
        "title: x",
        "## Risks",
    ];

    /// Lines that send a document to the full parser, or should.
    const TRICKY: &[&str] = &[
        "    ## Indented four",
        "## Closing ##",
        "## *Emphasis*",
        "- # heading item",
        "> quote",
        "  ```",
        "---",
        "...",
        "+++",
        "===",
        "***",
        "<div id=\"x\">",
        "[^1]: # note",
        "    code",
        "\t# tab",
        "## A {#custom}",
        "Text with {#braces}",
        "-",
        "``` a`b",
        "Text <a id=\"inline\">here</a>.",
        "<a name=\"named\"></a>",
        "<!-- <div id=\"hidden\"> -->",
        "## Heading <span id=\"in-heading\">x</span>",
    ];

    fn document(picks: &[(bool, usize)], front_matter: bool) -> String {
        let mut src = String::new();
        if front_matter {
            src.push_str("---\ntitle: \"x\"\n---\n");
        }
        for &(tricky, i) in picks {
            let pool = if tricky { TRICKY } else { PLAIN };
            src.push_str(pool[i % pool.len()]);
            src.push('\n');
        }
        src
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn agrees_with_the_full_parse(
            picks in proptest::collection::vec((proptest::bool::weighted(0.08), 0usize..64), 0..30),
            front_matter in any::<bool>(),
        ) {
            let src = document(&picks, front_matter);
            if let Some(scanned) = anchors(&src) {
                prop_assert_eq!(scanned, full(&src), "{:?}", src);
            }
        }

        /// The document model's anchors are the ones the site index would read for the same
        /// text, so the lint pass can hand them over instead of scanning again.
        #[test]
        fn document_model_has_the_same_anchors(
            picks in proptest::collection::vec((proptest::bool::weighted(0.15), 0usize..64), 0..30),
            front_matter in any::<bool>(),
        ) {
            let src = document(&picks, front_matter);
            let parsed = crate::document::markdown::parse(crate::source::FileId(0), &src);
            prop_assert_eq!(
                parsed.anchors,
                crate::document::anchors(crate::document::Format::Markdown, &src),
                "{:?}",
                src
            );
        }
    }

    #[test]
    fn reads_most_plain_documents_itself() {
        // The documents of the property above that use only plain lines, built
        // deterministically: most must not need the full parser.
        let mut read = 0;
        for seed in 0..500usize {
            let picks: Vec<(bool, usize)> = (0..20)
                .map(|k| (false, (seed * 31 + k * 17 + k * k) % 97))
                .collect();
            let src = document(&picks, seed % 2 == 0);
            if let Some(scanned) = anchors(&src) {
                assert_eq!(scanned, full(&src), "{src:?}");
                read += 1;
            }
        }
        assert!(read > 250, "only {read} of 500 read by the scan");
    }
}
