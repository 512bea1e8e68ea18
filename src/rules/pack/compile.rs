//! The third pass of loading: each rule's definition turned into its check and metadata, its
//! phrases added to the shared index.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use super::schema::{BadDef, Kind, RuleDef};
use super::source::PackSource;
use super::validate::check_patterns;
use super::words::WordLists;
use crate::error::Error;
use crate::rules::builtin;
use crate::rules::conditional::{ConditionalRule, Within};
use crate::rules::meta::{DocsSource, Jurisdiction, ProductClass, RuleDocs, ShownAs};
use crate::rules::phrase::{Patterns, PhraseRule, Trigger, Unless};
use crate::rules::regex::{Compile, LazyRegex, REGEX_SIZE_LIMIT, compile_regex};
use crate::rules::required::{Element, RequiredRule};
use crate::rules::{BadExample, Check, RuleMeta};
use crate::text::phrase::{PhraseIndexBuilder, SetId};

/// A rule's docs and examples as its metadata keeps them.
pub(super) fn rule_docs(docs: &str, bad: &[BadDef], good: &[String]) -> RuleDocs {
    RuleDocs {
        docs: docs.trim().to_string(),
        bad: bad
            .iter()
            .map(|b| BadExample {
                text: b.text.clone(),
                flags: b.flags.clone(),
                fixed: b.fixed.clone(),
            })
            .collect(),
        good: good.to_vec(),
    }
}

pub(super) fn meta_of(
    source: &PackSource,
    def: &RuleDef,
    line: usize,
    docs_source: DocsSource,
) -> RuleMeta {
    RuleMeta {
        id: def.id.get_ref().clone(),
        slug: def.slug.get_ref().clone(),
        kind: def.kind.get_ref().as_str().to_string(),
        scope: *def.scope.get_ref(),
        default_severity: def.severity,
        enabled_by_default: def.enabled,
        status: def.status,
        use_instead: def.use_instead.clone(),
        defer_to: def.defer_to.iter().map(|d| d.get_ref().clone()).collect(),
        summary: def.summary.trim().to_string(),
        message: def.message.trim().to_string(),
        help: def.help.as_ref().map(|h| h.trim().to_string()),
        docs_source,
        jurisdictions: match &def.jurisdictions {
            Some(list) => list
                .get_ref()
                .iter()
                .filter_map(|c| Jurisdiction::parse(c.get_ref()))
                .collect(),
            None => Jurisdiction::ALL.to_vec(),
        },
        regulation: {
            let mut by: Vec<(Jurisdiction, String)> = def
                .regulation
                .iter()
                .filter_map(|(k, v)| {
                    Some((Jurisdiction::parse(k.get_ref())?, v.trim().to_string()))
                })
                .collect();
            by.sort_by_key(|(j, _)| *j);
            by
        },
        consumer_only: def
            .audience
            .as_ref()
            .is_some_and(|a| a.get_ref() == "consumer"),
        approvable: def
            .approvable_classes
            .iter()
            .filter_map(|c| ProductClass::parse(c.get_ref()))
            .collect(),
        pack: source.path.clone(),
        line,
        shown: ShownAs::of(
            def.id.get_ref(),
            def.slug.get_ref(),
            def.help.as_ref().map(|h| h.trim()),
        ),
    }
}

/// A pattern rule's regexes, compiled as its pack says (see [`PackSource::compile_when`]).
fn compile_patterns(
    source: &PackSource,
    patterns: &[Spanned<String>],
) -> Result<Vec<LazyRegex>, Vec<Error>> {
    if source.compile_when() == Compile::OnFirstUse {
        let later = |p: &Spanned<String>| LazyRegex::later(p.get_ref().clone(), REGEX_SIZE_LIMIT);
        return Ok(patterns.iter().map(later).collect());
    }
    let compiled: Vec<Result<LazyRegex, String>> = patterns
        .par_iter()
        .with_max_len(1)
        .map(|p| compile_regex(p.get_ref()).map(|re| LazyRegex::compiled(p.get_ref().clone(), re)))
        .collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (p, result) in patterns.iter().zip(compiled) {
        match result {
            Ok(re) => out.push(re),
            Err(e) => errors.push(source.err(p.span(), e)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Add `phrases` to `set`, each error pointing at its phrase.
fn add_phrases(
    source: &PackSource,
    builder: &mut PhraseIndexBuilder,
    set: SetId,
    phrases: &[Spanned<String>],
    words: &WordLists,
    errors: &mut Vec<Error>,
) {
    for p in phrases {
        let added = words
            .expand(p.get_ref())
            .and_then(|phrase| builder.add_phrase(set, &phrase));
        if let Err(e) = added {
            errors.push(source.err(p.span(), e));
        }
    }
}

pub(super) fn compile(
    source: &PackSource,
    def: &RuleDef,
    meta: &Arc<RuleMeta>,
    builder: &mut PhraseIndexBuilder,
    vocab: &BTreeMap<String, SetId>,
    words: &WordLists,
) -> Result<Check, Vec<Error>> {
    let sets_of = |names: &[Spanned<String>]| -> Vec<SetId> {
        names
            .iter()
            .filter_map(|v| vocab.get(v.get_ref()).copied())
            .collect()
    };
    // Phrase and pattern rules differ only in what triggers them.
    let phrase_rule = |trigger: Trigger, standalone: Option<SetId>| {
        Check::Document(Box::new(PhraseRule {
            trigger,
            standalone,
            subject: def
                .subject
                .as_ref()
                .and_then(|s| vocab.get(s.get_ref()).copied()),
            requires: sets_of(&def.requires),
            unless: def.unless.iter().map(|u| *u.get_ref()).collect::<Unless>(),
            boost: def.boost,
            label: def.label.clone(),
            subject_name: def
                .subject_name
                .clone()
                .unwrap_or_else(|| "the treatment".into()),
            excused_by: sets_of(&def.excused_by),
            voidable_excuses: sets_of(&def.voidable_excuses),
            excuse_void_with: sets_of(&def.excuse_void_with),
            except: sets_of(&def.except),
            replace: def
                .replace
                .iter()
                .map(|(k, v)| (crate::rules::phrase::replace_key(k), v.clone()))
                .collect(),
        }))
    };
    match def.kind.get_ref() {
        Kind::Phrase => {
            let mut errors = Vec::new();
            let set = builder.add_set(format!("{} triggers", meta.id));
            add_phrases(source, builder, set, &def.phrases, words, &mut errors);
            let alone = builder.add_set(format!("{} standalone triggers", meta.id));
            add_phrases(source, builder, alone, &def.standalone, words, &mut errors);
            if !errors.is_empty() {
                return Err(errors);
            }
            let mut sets = vec![set];
            sets.extend(sets_of(&def.vocab));
            Ok(phrase_rule(Trigger::Phrases(sets), Some(alone)))
        }
        Kind::Pattern => Ok(phrase_rule(
            Trigger::Patterns(Patterns::new(compile_patterns(source, &def.patterns)?)),
            None,
        )),
        Kind::Required => {
            // Patterns are parsed once, together; only when that fails is each one parsed on
            // its own, to point at the one at fault.
            let elements = def
                .element
                .iter()
                .map(|e| Element {
                    name: e.name.get_ref().clone(),
                    description: e.description.trim().to_string(),
                    patterns: e.patterns.iter().map(|p| p.get_ref().clone()).collect(),
                })
                .collect();
            RequiredRule::new(
                elements,
                def.template.as_ref().map(|t| t.trim().to_string()),
                source.compile_when(),
            )
            .map(|rule| Check::Document(Box::new(rule)) as Check)
            .map_err(|e| {
                let all = def.element.iter().flat_map(|e| e.patterns.iter());
                located_or(source, all, source.err(def.kind.span(), e))
            })
        }
        Kind::Conditional => {
            let texts = |p: &Option<Vec<Spanned<String>>>| -> Vec<String> {
                p.iter().flatten().map(|p| p.get_ref().clone()).collect()
            };
            let within = match &def.within {
                None => Within::Page,
                Some(w) => Within::parse(w.get_ref()).map_err(|e| vec![source.err(w.span(), e)])?,
            };
            ConditionalRule::new(
                &texts(&def.when),
                &texts(&def.then),
                &texts(&def.only_if),
                def.only_if_rare,
                within,
                source.compile_when(),
            )
            .map(|rule| Check::Document(Box::new(rule)) as Check)
            .map_err(|e| {
                let all = def
                    .when
                    .iter()
                    .chain(&def.then)
                    .chain(&def.only_if)
                    .flatten();
                located_or(source, all, source.err(def.kind.span(), e))
            })
        }
        Kind::Builtin => {
            let name = def.builtin.as_ref().map_or("", |b| b.get_ref().as_str());
            builtin::create(name, vocab).ok_or_else(|| {
                vec![source.err(def.kind.span(), format!("unknown builtin `{name}`"))]
            })
        }
    }
}

/// The errors of the patterns that do not parse on their own, each at its line; `otherwise`
/// when they all do (together they were too large, say).
fn located_or<'p>(
    source: &PackSource,
    patterns: impl Iterator<Item = &'p Spanned<String>>,
    otherwise: Error,
) -> Vec<Error> {
    let errors = check_patterns(source, patterns);
    if errors.is_empty() {
        vec![otherwise]
    } else {
        errors
    }
}
