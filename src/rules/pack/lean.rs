//! A built-in pack parsed without its rules' docs and examples, which linting never reads: the
//! values of `docs`, `bad` and `good` are blanked in a copy of its text, byte for byte, so that
//! every offset and line is that of the text itself. They are read from the whole text when
//! first asked for ([`read_docs`]).

use std::sync::Arc;

use super::compile::rule_docs;
use super::schema::{DocsFile, PackFile};
use super::source::PackSource;
use crate::rules::meta::{PackDocs, RuleDocs};

/// `source` parsed: a built-in pack from its lean text, with its rules' docs left in its text
/// until asked for; any other pack, or one whose lean text is not recognised or does not parse,
/// in full.
pub(super) fn parse(
    source: &PackSource,
) -> Result<(PackFile, Option<Arc<PackDocs>>), toml::de::Error> {
    if source.built_in()
        && let Some(lean) = lean_text(&source.text)
        && let Ok(file) = toml::from_str::<PackFile>(&lean)
    {
        let docs = PackDocs::new(source.text.clone(), read_docs);
        return Ok((file, Some(Arc::new(docs))));
    }
    toml::from_str(&source.text).map(|file| (file, None))
}

/// The docs and examples of every rule in a pack's `text`, in order; none when it does not
/// parse (a built-in pack's tests parse it).
fn read_docs(text: &str) -> Vec<RuleDocs> {
    toml::from_str::<DocsFile>(text)
        .map(|file| {
            file.rule
                .iter()
                .map(|r| rule_docs(&r.docs, &r.bad, &r.good))
                .collect()
        })
        .unwrap_or_default()
}

/// `text` with, in each `[[rule]]`, the value of a line `docs = """` up to a line `"""` made
/// `""`, and the items of a line `bad = [` or `good = [` up to a line `]` blanked: every byte
/// but newlines made a space. `None` when such a value does not end so, or holds a multi-line
/// string that could hide its end. The layout of the built-in packs, which their tests pin.
pub(super) fn lean_text(text: &str) -> Option<String> {
    const OPEN_DOCS: &[u8] = b"docs = \"\"\"";
    let bytes = text.as_bytes();
    let quotes = [b"\"\"\"", b"'''"].map(memchr::memmem::Finder::new);
    let mut out = String::with_capacity(text.len());
    // The end of what is in `out`.
    let mut kept = 0;
    let mut lines = Lines { bytes, at: 0 };
    let mut in_rule = false;
    while let Some((start, line)) = lines.next() {
        if line.first() == Some(&b'[') {
            in_rule = line == b"[[rule]]";
            continue;
        }
        let close: &[u8] = match line {
            _ if !in_rule => continue,
            OPEN_DOCS => b"\n\"\"\"\n",
            b"bad = [" | b"good = [" => b"\n]\n",
            _ => continue,
        };
        // The body: the lines after the opening one up to the closing one.
        let body_start = lines.at;
        let body_end = body_start + memchr::memmem::find(&bytes[body_start - 1..], close)?;
        let body = &bytes[body_start..body_end];
        if quotes.iter().any(|q| q.find(body).is_some()) {
            return None;
        }
        lines.at = body_end + close.len() - 1;
        if line == OPEN_DOCS {
            // `""` in place of the opening quotes, the closing ones blanked.
            let value = start + OPEN_DOCS.len() - 3;
            out.push_str(&text[kept..value]);
            out.push_str("\"\" ");
            kept = body_end + 3;
            push_blank(&mut out, &text[value + 3..kept]);
        } else {
            out.push_str(&text[kept..body_start]);
            push_blank(&mut out, &text[body_start..body_end]);
            kept = body_end;
        }
    }
    out.push_str(&text[kept..]);
    Some(out)
}

/// `text` with every character but a newline pushed as spaces, one for each byte.
fn push_blank(out: &mut String, text: &str) {
    const SPACES: &str = "                                                                ";
    let mut at = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let mut left = end - at;
        while left > 0 {
            let n = left.min(SPACES.len());
            out.push_str(&SPACES[..n]);
            left -= n;
        }
        if end < text.len() {
            out.push('\n');
        }
        at = end + 1;
    }
}

/// A text's lines, each with the offset it starts at, without its newline.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.at;
        let rest = self.bytes.get(start..).filter(|r| !r.is_empty())?;
        let (line, len) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        self.at += len;
        Some((start, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::meta::DocsSource;
    use crate::rules::pack::{Loaded, load};

    /// The built-in packs as any other pack is read: in full, every rule's docs and examples
    /// checked as they load.
    fn in_full() -> Vec<PackSource> {
        PackSource::builtin()
            .into_iter()
            .map(|s| PackSource::new(s.path.clone(), s.text.to_shared()))
            .collect()
    }

    fn loaded(sources: &[PackSource]) -> Loaded {
        load(sources).unwrap_or_else(|e| panic!("{}", e[0]))
    }

    #[test]
    fn the_built_in_packs_load_in_full_with_every_docs_and_example_checked() {
        let full = loaded(&in_full());
        assert!(full.rules.len() > 20);
        for rule in &full.rules {
            assert!(matches!(rule.meta.docs_source, DocsSource::Read(_)));
        }
    }

    #[test]
    fn the_lean_built_in_packs_load_as_in_full() {
        let lean = loaded(&PackSource::builtin());
        let full = loaded(&in_full());
        assert_eq!(lean.index_key, full.index_key);
        assert_eq!(lean.rules.len(), full.rules.len());
        for (l, f) in lean.rules.iter().zip(&full.rules) {
            assert!(matches!(l.meta.docs_source, DocsSource::Later(..)));
            // Every field, the docs and examples read from the text included.
            assert_eq!(l.meta, f.meta);
            assert!(!l.meta.docs().is_empty() && !l.meta.bad().is_empty());
            assert!(!l.meta.good().is_empty());
        }
        let names = |l: &Loaded| {
            let packs = l.packs.iter();
            packs
                .map(|p| (p.name.clone(), p.version.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&lean), names(&full));
    }

    /// A pack's values with each rule's docs and examples emptied.
    fn without_docs(mut table: toml::Table) -> toml::Table {
        for rule in table
            .get_mut("rule")
            .and_then(|r| r.as_array_mut())
            .into_iter()
            .flatten()
        {
            let rule = rule.as_table_mut().expect("a rule is a table");
            rule.insert("docs".into(), "".into());
            for key in ["bad", "good"] {
                rule.insert(key.into(), toml::Value::Array(Vec::new()));
            }
        }
        table
    }

    #[test]
    fn a_lean_text_differs_from_its_pack_only_in_docs_and_examples() {
        #[derive(serde::Deserialize)]
        struct Spans {
            #[serde(default)]
            rule: Vec<RuleSpans>,
        }
        #[derive(serde::Deserialize)]
        struct RuleSpans {
            docs: toml::Spanned<String>,
            bad: toml::Spanned<toml::Value>,
            good: toml::Spanned<toml::Value>,
        }
        for source in PackSource::builtin() {
            let text = &source.text;
            let lean = lean_text(text).unwrap_or_else(|| panic!("{}: not recognised", source.path));
            assert_eq!(lean.len(), text.len());
            // The same values, but for every rule's docs and examples, which are all blanked.
            let full: toml::Table = toml::from_str(text).unwrap();
            let parsed: toml::Table = toml::from_str(&lean).unwrap();
            assert_eq!(without_docs(parsed.clone()), without_docs(full));
            assert_eq!(without_docs(parsed.clone()), parsed, "{}", source.path);
            // Every byte changed is in such a value, and no newline is.
            let spans: Spans = toml::from_str(text).unwrap();
            let values: Vec<std::ops::Range<usize>> = spans
                .rule
                .iter()
                .flat_map(|r| [r.docs.span(), r.bad.span(), r.good.span()])
                .collect();
            for (i, (a, b)) in text.bytes().zip(lean.bytes()).enumerate() {
                if a != b {
                    assert!(a != b'\n' && values.iter().any(|v| v.contains(&i)));
                }
            }
            assert_eq!(read_docs(text).len(), spans.rule.len());
            // It is what a run parses; any other pack is parsed in full.
            assert!(parse(&source).unwrap().1.is_some(), "{}", source.path);
            let other = PackSource::new(source.path.clone(), text.to_shared());
            assert!(parse(&other).unwrap().1.is_none());
        }
    }

    #[test]
    fn a_layout_not_recognised_is_left_whole() {
        let rule = "[[rule]]\nid = \"X\"\n";
        for text in [
            // Unclosed, or closed otherwise than on a line of its own.
            format!("{rule}docs = \"\"\"\n## What it does\n"),
            format!("{rule}docs = \"\"\"\nA\n\"\"\" # end\n"),
            format!("{rule}bad = [\n  {{ text = \"a\" }},\n] # end\n"),
            // A multi-line string that could hold the closing line.
            format!("{rule}good = [\n  '''\n]\n''',\n]\n"),
            format!("{rule}docs = \"\"\"\nA \\\"\"\" B\n\"\"\"\n"),
        ] {
            assert_eq!(lean_text(&text), None, "{text}");
        }
        // Empty values.
        let text = format!("{rule}docs = \"\"\"\n\"\"\"\nbad = [\n]\n");
        let lean = format!("{rule}docs = \"\" \n   \nbad = [\n]\n");
        assert_eq!(lean_text(&text).unwrap(), lean);
        // Only a rule's own keys are blanked, not those of its sub-tables.
        let text = format!(
            "{rule}docs = \"\"\"\nA é\n\"\"\"\ngood = [\n  \"b\",\n]\n\n[rule.x]\ndocs = \"\"\"\nC\n\"\"\"\n"
        );
        assert_eq!(
            lean_text(&text).unwrap(),
            format!(
                "{rule}docs = \"\" \n    \n   \ngood = [\n      \n]\n\n[rule.x]\ndocs = \"\"\"\nC\n\"\"\"\n"
            )
        );
    }
}
