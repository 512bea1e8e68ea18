//! Case-insensitive patterns as case-sensitive ones over text with its ASCII letters
//! lowercased. Compiling a pattern case-insensitively is most of what compiling it costs
//! (every letter becomes a class of its cases, folded through Unicode's tables): about three
//! times the same pattern compiled case-sensitively. On a text whose only letters are ASCII
//! ones (see [`super::alternatives::Boundaries::Agree`]), the pattern with its letters
//! lowercased, searched case-sensitively in the text lowercased, finds the same matches at
//! the same places: lowercasing ASCII letters changes no byte offset, and the other letters
//! that fold to ASCII ones (`ſ`, the Kelvin sign) cannot be in such a text.

use regex_syntax::ast::{
    self, Ast, ClassAsciiKind, ClassSet, ClassSetItem, Flag, Flags, FlagsItemKind, GroupKind,
    Literal,
};
use regex_syntax::hir::{self, Hir};

/// `pattern` (as written for case-insensitive matching) rewritten to match lowercased text
/// case-sensitively, as the syntax tree to compile; `None` when it holds what the rewriting
/// does not cover, and must be compiled as it is: a flag turning case-insensitivity on or off,
/// a Unicode class, an ASCII class of upper- or lower-case letters, a class set operation, a
/// range from a letter of one case to one of the other.
pub fn lowered_hir(pattern: &str) -> Option<Hir> {
    let ast = lowered_ast(pattern)?;
    hir::translate::Translator::new()
        .translate(pattern, &ast)
        .ok()
}

fn lowered_ast(pattern: &str) -> Option<Ast> {
    let mut ast = ast::parse::Parser::new().parse(pattern).ok()?;
    lower(&mut ast)?;
    Some(ast)
}

fn lower(ast: &mut Ast) -> Option<()> {
    match ast {
        Ast::Empty(_) | Ast::Dot(_) | Ast::Assertion(_) | Ast::ClassPerl(_) => Some(()),
        Ast::Flags(set) => no_case_flag(&set.flags),
        Ast::Literal(literal) => {
            lower_literal(literal);
            Some(())
        }
        Ast::ClassUnicode(_) => None,
        Ast::ClassBracketed(class) => lower_class(&mut class.kind),
        Ast::Repetition(repetition) => lower(&mut repetition.ast),
        Ast::Group(group) => {
            if let GroupKind::NonCapturing(flags) = &group.kind {
                no_case_flag(flags)?;
            }
            lower(&mut group.ast)
        }
        Ast::Alternation(alternation) => alternation.asts.iter_mut().try_for_each(lower),
        Ast::Concat(concat) => concat.asts.iter_mut().try_for_each(lower),
    }
}

fn no_case_flag(flags: &Flags) -> Option<()> {
    let case = FlagsItemKind::Flag(Flag::CaseInsensitive);
    (!flags.items.iter().any(|item| item.kind == case)).then_some(())
}

fn lower_literal(literal: &mut Literal) {
    literal.c = literal.c.to_ascii_lowercase();
}

fn lower_class(set: &mut ClassSet) -> Option<()> {
    match set {
        ClassSet::Item(item) => lower_item(item),
        ClassSet::BinaryOp(_) => None,
    }
}

/// Lowercasing a class's items before it is negated keeps its meaning: on lowercased text,
/// `[^A-Z]` as `[^a-z]` still refuses every letter the case-insensitive `[^A-Z]` refuses.
fn lower_item(item: &mut ClassSetItem) -> Option<()> {
    match item {
        ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => Some(()),
        ClassSetItem::Literal(literal) => {
            lower_literal(literal);
            Some(())
        }
        ClassSetItem::Range(range) => {
            let (start, end) = (range.start.c, range.end.c);
            if start.is_ascii_uppercase() && end.is_ascii_uppercase() {
                lower_literal(&mut range.start);
                lower_literal(&mut range.end);
                Some(())
            } else {
                // A range holding capitals without being one of capitals (`0-Z`, `A-z`).
                (end < 'A' || start > 'Z').then_some(())
            }
        }
        ClassSetItem::Ascii(class) => {
            (!matches!(class.kind, ClassAsciiKind::Upper | ClassAsciiKind::Lower)).then_some(())
        }
        ClassSetItem::Unicode(_) => None,
        ClassSetItem::Bracketed(class) => lower_class(&mut class.kind),
        ClassSetItem::Union(union) => union.items.iter_mut().try_for_each(lower_item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::alternatives::Boundaries;
    use crate::rules::regex::{
        REGEX_SIZE_LIMIT, build_regex, build_regex_case_sensitive, build_regex_from_hir,
    };

    /// The rewritten pattern, printed.
    fn lowered(pattern: &str) -> Option<String> {
        let ast = lowered_ast(pattern)?;
        let mut out = String::new();
        ast::print::Printer::new().print(&ast, &mut out).ok()?;
        Some(out)
    }

    #[test]
    fn letters_are_lowercased_and_the_rest_kept() {
        assert_eq!(
            lowered(r"(?-u:\b)Not (?:a )?[A-Z]\d+ GP\x41[^”A-C\n]*?\.").as_deref(),
            Some(r"(?-u:\b)not (?:a )?[a-z]\d+ gp\x61[^”a-c\n]*?\.")
        );
    }

    #[test]
    fn what_it_cannot_rewrite_is_left_alone() {
        for pattern in [
            r"(?-i)FDA",
            r"(?i:x)",
            r"\p{Lu}",
            r"[\pL]",
            r"[[:upper:]]",
            r"[a-z&&[^x]]",
            r"[0-Z]",
            r"[A-z]",
            r"(unclosed",
        ] {
            assert_eq!(lowered(pattern), None, "{pattern}");
        }
    }

    /// The fixture articles, each also in capitals and in alternating case, as far as they
    /// hold no letters but ASCII ones.
    fn texts() -> Vec<String> {
        let folders = ["articles", "review", "jurisdictions", "site"];
        let mut texts = Vec::new();
        for (path, text) in crate::text::fixtures::fixture_texts(&folders) {
            if path.extension().is_some_and(|x| x == "md" || x == "html") {
                let alternating: String = text
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if i % 2 == 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                texts.extend([text.to_ascii_uppercase(), alternating, text]);
            }
        }
        texts.retain(|t| Boundaries::of(t) == Boundaries::Agree);
        texts
    }

    /// Every pattern of the built-in packs finds the same matches either way on texts whose
    /// only letters are ASCII ones.
    #[test]
    fn built_in_patterns_match_the_same_on_lowercased_text() {
        let texts = texts();
        assert!(texts.len() > 60, "{} texts", texts.len());
        let packs = crate::rules::pack::PackSource::builtin();
        let mut checked = 0;
        for source in &packs {
            let file: toml::Table = toml::from_str(&source.text).unwrap();
            let mut patterns = Vec::new();
            collect_patterns(&toml::Value::Table(file), &mut patterns);
            for pattern in patterns {
                let Some(lower) = lowered(&pattern) else {
                    continue;
                };
                let folded = build_regex(&pattern, REGEX_SIZE_LIMIT).unwrap();
                let exact = build_regex_case_sensitive(&lower, REGEX_SIZE_LIMIT).unwrap();
                let tree = lowered_hir(&pattern).unwrap();
                let from_tree = build_regex_from_hir(&tree, REGEX_SIZE_LIMIT, false).unwrap();
                for text in &texts {
                    let lowered_text = text.to_ascii_lowercase();
                    let want: Vec<_> = folded.find_iter(text).map(|m| m.range()).collect();
                    let got: Vec<_> = exact.find_iter(&lowered_text).map(|m| m.range()).collect();
                    assert_eq!(got, want, "{pattern} on {text:?}");
                    let got: Vec<_> = from_tree
                        .find_iter(&lowered_text)
                        .map(|m| m.range())
                        .collect();
                    assert_eq!(got, want, "{pattern} (tree) on {text:?}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 30, "only {checked} patterns rewritten");
    }

    fn collect_patterns(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::Table(table) => {
                for (key, v) in table {
                    match (key.as_str(), v) {
                        ("patterns" | "when" | "then" | "only-if", toml::Value::Array(items)) => {
                            out.extend(items.iter().filter_map(|p| p.as_str().map(String::from)));
                        }
                        _ => collect_patterns(v, out),
                    }
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|v| collect_patterns(v, out)),
            _ => {}
        }
    }
}
