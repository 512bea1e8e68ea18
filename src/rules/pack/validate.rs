//! The second pass of loading: every rule checked against the schema's rules (IDs, slugs,
//! kinds and their fields, vocabularies named, docs headings, patterns), every error kept.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::schema::{Kind, RuleDef};
use super::source::{DOC_HEADINGS, PackSource};
use crate::error::Error;
use crate::rules::builtin;
use crate::rules::meta::{Jurisdiction, ProductClass};
use crate::rules::regex::check_regex;
use crate::rules::{Scope, Status};

/// A rule id: two to eight capital letters, then three digits (`MED101`). Checked by hand:
/// compiling a regex for it cost more at every start than checking every rule.
fn is_rule_id(id: &str) -> bool {
    let letters = id.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &id.as_bytes()[letters..];
    (2..=8).contains(&letters) && digits.len() == 3 && digits.iter().all(u8::is_ascii_digit)
}

/// A slug: lower-case words of letters and digits, joined by single hyphens, starting with a
/// letter (`cure-claim`).
fn is_slug(slug: &str) -> bool {
    slug.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The errors of the patterns that do not parse, each at its place in the pack.
pub(super) fn check_patterns<'p>(
    source: &PackSource,
    patterns: impl Iterator<Item = &'p Spanned<String>>,
) -> Vec<Error> {
    patterns
        .filter_map(|p| {
            check_regex(p.get_ref())
                .err()
                .map(|e| source.err(p.span(), e))
        })
        .collect()
}

/// Check `def`; its docs and examples only when `with_docs` (a built-in pack's are read later,
/// and its tests check them).
pub(super) fn validate(
    source: &PackSource,
    def: &RuleDef,
    with_docs: bool,
    vocab: &BTreeMap<String, crate::text::phrase::SetId>,
    ids: &mut BTreeSet<String>,
    slugs: &mut BTreeSet<String>,
    errors: &mut Vec<Error>,
) {
    let id = def.id.get_ref();
    let mut err = |span: std::ops::Range<usize>, msg: String| errors.push(source.err(span, msg));
    if !is_rule_id(id) {
        err(
            def.id.span(),
            format!("rule id `{id}` must be 2–8 capitals and 3 digits, like `MED101`"),
        );
    }
    if !ids.insert(id.clone()) {
        err(def.id.span(), format!("rule id `{id}` is already defined"));
    }
    let slug = def.slug.get_ref();
    if !is_slug(slug) {
        err(
            def.slug.span(),
            format!("slug `{slug}` must be lowercase words joined by hyphens"),
        );
    }
    if !slugs.insert(slug.clone()) {
        err(def.slug.span(), format!("slug `{slug}` is already used"));
    }
    if with_docs {
        let docs = def.docs.get_ref();
        let mut at = 0;
        for heading in DOC_HEADINGS {
            match docs[at..].find(heading) {
                Some(found) => at += found + heading.len(),
                None => err(
                    def.docs.span(),
                    format!("docs must contain the heading `{heading}` (after those before it)"),
                ),
            }
        }
    }
    let mut tagged = Vec::new();
    if let Some(list) = &def.jurisdictions {
        if list.get_ref().is_empty() {
            err(
                list.span(),
                "`jurisdictions` is empty; leave it out for a rule that applies everywhere".into(),
            );
        }
        for code in list.get_ref() {
            match Jurisdiction::parse(code.get_ref()) {
                Some(j) if tagged.contains(&j) => {
                    err(code.span(), format!("jurisdiction `{j}` is listed twice"))
                }
                Some(j) => tagged.push(j),
                None => err(code.span(), Jurisdiction::unknown(code.get_ref())),
            }
        }
    } else {
        tagged.extend(Jurisdiction::ALL);
    }
    for (code, text) in &def.regulation {
        match Jurisdiction::parse(code.get_ref()) {
            None => err(code.span(), Jurisdiction::unknown(code.get_ref())),
            Some(j) if !tagged.contains(&j) => err(
                code.span(),
                format!("`regulation` names `{j}`, which is not in the rule's `jurisdictions`"),
            ),
            Some(_) if text.trim().is_empty() => err(
                code.span(),
                format!("`regulation.{}` is empty", code.get_ref()),
            ),
            Some(_) => {}
        }
    }
    if let Some(a) = &def.audience
        && !matches!(a.get_ref().as_str(), "consumer" | "any")
    {
        err(
            a.span(),
            format!("unknown audience `{}`; known: consumer, any", a.get_ref()),
        );
    }
    for class in &def.approvable_classes {
        if ProductClass::parse(class.get_ref()).is_none() {
            err(
                class.span(),
                format!(
                    "unknown product class `{}`; known: service, supplement, device, drug, \
                     cosmetic, food",
                    class.get_ref()
                ),
            );
        }
    }
    if def.status == Status::Deprecated && def.use_instead.is_none() {
        err(
            def.id.span(),
            "a deprecated rule needs `use-instead`".to_string(),
        );
    }
    if with_docs {
        if def.bad.is_empty() || def.good.is_empty() {
            err(
                def.id.span(),
                format!("rule `{id}` needs at least one `bad` and one `good` example"),
            );
        }
        for b in &def.bad {
            if b.flags.is_empty() {
                err(
                    def.id.span(),
                    format!("every `bad` example of `{id}` must list the texts it flags"),
                );
            }
        }
    }
    let kind = *def.kind.get_ref();
    let unused = |field: &str, present: bool, errors: &mut dyn FnMut(String)| {
        if present {
            errors(format!("`{field}` is not used by kind `{}`", kind.as_str()));
        }
    };
    let mut kind_err = |msg: String| err(def.kind.span(), msg);
    let is_text_rule = matches!(kind, Kind::Phrase | Kind::Pattern);
    unused(
        "phrases",
        kind != Kind::Phrase && !def.phrases.is_empty(),
        &mut kind_err,
    );
    unused(
        "vocab",
        kind != Kind::Phrase && !def.vocab.is_empty(),
        &mut kind_err,
    );
    unused(
        "patterns",
        kind != Kind::Pattern && !def.patterns.is_empty(),
        &mut kind_err,
    );
    unused(
        "subject",
        !is_text_rule && def.subject.is_some(),
        &mut kind_err,
    );
    unused(
        "unless",
        !is_text_rule && !def.unless.is_empty(),
        &mut kind_err,
    );
    unused("boost", !is_text_rule && def.boost, &mut kind_err);
    unused(
        "excused-by",
        !is_text_rule && !def.excused_by.is_empty(),
        &mut kind_err,
    );
    unused(
        "voidable-excuses",
        !is_text_rule && !def.voidable_excuses.is_empty(),
        &mut kind_err,
    );
    unused(
        "excuse-void-with",
        !is_text_rule && !def.excuse_void_with.is_empty(),
        &mut kind_err,
    );
    unused(
        "except",
        !is_text_rule && !def.except.is_empty(),
        &mut kind_err,
    );
    unused(
        "subject-name",
        !is_text_rule && def.subject_name.is_some(),
        &mut kind_err,
    );
    unused(
        "element",
        kind != Kind::Required && !def.element.is_empty(),
        &mut kind_err,
    );
    unused(
        "replace",
        !is_text_rule && !def.replace.is_empty(),
        &mut kind_err,
    );
    unused(
        "template",
        kind != Kind::Required && def.template.is_some(),
        &mut kind_err,
    );
    unused(
        "when/then/within/only-if",
        kind != Kind::Conditional
            && (def.when.is_some()
                || def.then.is_some()
                || def.within.is_some()
                || def.only_if.is_some()),
        &mut kind_err,
    );
    unused(
        "only-if-rare",
        kind != Kind::Conditional && def.only_if_rare,
        &mut kind_err,
    );
    if kind == Kind::Conditional && def.only_if_rare && def.only_if.is_none() {
        kind_err("`only-if-rare` needs `only-if`".into());
    }
    unused(
        "builtin",
        kind != Kind::Builtin && def.builtin.is_some(),
        &mut kind_err,
    );
    match kind {
        Kind::Phrase if def.phrases.is_empty() && def.vocab.is_empty() => {
            kind_err("a `phrase` rule needs `phrases` or `vocab`".into())
        }
        Kind::Pattern if def.patterns.is_empty() => {
            kind_err("a `pattern` rule needs `patterns`".into())
        }
        Kind::Required if def.element.is_empty() => {
            kind_err("a `required` rule needs at least one `[[rule.element]]`".into())
        }
        Kind::Conditional if def.when.is_none() || def.then.is_none() => {
            kind_err("a `conditional` rule needs `when` and `then`".into())
        }
        Kind::Builtin if def.builtin.is_none() => {
            kind_err("a `builtin` rule needs `builtin = \"…\"` naming the code rule".into())
        }
        _ => {}
    }
    let scope = *def.scope.get_ref();
    let scope_ok = match kind {
        Kind::Phrase | Kind::Pattern => scope == Scope::Sentence,
        Kind::Required | Kind::Conditional => scope == Scope::Document,
        Kind::Builtin => true,
    };
    if !scope_ok {
        err(
            def.scope.span(),
            format!(
                "kind `{}` does not work at scope `{}`",
                kind.as_str(),
                scope.as_str()
            ),
        );
    }
    for name in def
        .vocab
        .iter()
        .chain(def.subject.iter())
        .chain(def.requires.iter())
        .chain(def.excused_by.iter())
        .chain(def.voidable_excuses.iter())
        .chain(def.excuse_void_with.iter())
        .chain(def.except.iter())
    {
        if !vocab.contains_key(name.get_ref()) {
            err(
                name.span(),
                format!("no pack declares the vocabulary `{}`", name.get_ref()),
            );
        }
    }
    if let Some(b) = &def.builtin
        && !builtin::NAMES.contains(&b.get_ref().as_str())
    {
        err(
            b.span(),
            format!(
                "unknown builtin `{}`; known: {}",
                b.get_ref(),
                builtin::NAMES.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs_are_checked_as_their_patterns_say() {
        let id = regex::Regex::new(r"^[A-Z]{2,8}[0-9]{3}$").expect("regex");
        let slug = regex::Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$").expect("regex");
        // Every string of up to five of these pieces, and some whole ones.
        let pieces = ["A", "z", "1", "-", "É", "MED", "101", "x"];
        let mut texts = vec![
            String::new(),
            "MED101".into(),
            "ABCDEFGH123".into(),
            "ABCDEFGHI123".into(),
            "MED1011".into(),
            "cure-claim".into(),
            "a--b".into(),
            "a-".into(),
        ];
        texts.extend(crate::rules::test_strings::every_string(&pieces, 5));
        for text in &texts {
            assert_eq!(is_rule_id(text), id.is_match(text), "id {text:?}");
            assert_eq!(is_slug(text), slug.is_match(text), "slug {text:?}");
        }
    }
}
