//! Rule packs (`lints/*.toml`): the schema, and loading in three passes — parse, validate,
//! compile. Every error points at the offending line of the pack file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::builtin;
use super::conditional::ConditionalRule;
use super::context::Lexicon;
use super::phrase::{Exception, PhraseRule, Trigger, Unless};
use super::regex::{check_regex, compile_regex};
use super::required::{Element, RequiredRule};
use super::{BadExample, Check, Rule, RuleMeta, Scope, Status};
use crate::diagnostic::Severity;
use crate::error::{Error, ErrorKind};
use crate::source::Span;
use crate::text::phrase::{PhraseIndexBuilder, Tier};

/// The packs built into the binary, in load order.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("context.toml", include_str!("../../lints/context.toml")),
    (
        "conditions.toml",
        include_str!("../../lints/conditions.toml"),
    ),
    ("health.toml", include_str!("../../lints/health.toml")),
    ("claims.toml", include_str!("../../lints/claims.toml")),
    (
        "disclosures.toml",
        include_str!("../../lints/disclosures.toml"),
    ),
    ("links.toml", include_str!("../../lints/links.toml")),
    (
        "suppressions.toml",
        include_str!("../../lints/suppressions.toml"),
    ),
];

/// The phrase index of exactly [`BUILTIN_PACKS`], built ahead of time (see
/// [`crate::text::phrase::snapshot`]); `MEDLINT_BLESS=1 cargo test` rewrites it after a pack
/// or the phrase compiler changes, and a test fails until it does.
pub const BUILTIN_INDEX: &[u8] = include_bytes!("builtin_index.bin");

/// Headings every rule's docs must have, in order.
pub const DOC_HEADINGS: &[&str] = &["## What it does", "## Why it matters", "## References"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    #[allow(dead_code)]
    pack: PackHeader,
    #[serde(default)]
    vocab: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    extend_vocab: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    rule: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackHeader {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    description: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Phrase,
    Pattern,
    Required,
    Conditional,
    Builtin,
}

impl Kind {
    fn as_str(self) -> &'static str {
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
struct RuleDef {
    id: Spanned<String>,
    slug: Spanned<String>,
    kind: Spanned<Kind>,
    scope: Spanned<Scope>,
    severity: Severity,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    status: Status,
    use_instead: Option<String>,
    summary: String,
    message: String,
    help: Option<String>,
    docs: Spanned<String>,
    // phrase / pattern
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    standalone: Vec<Spanned<String>>,
    #[serde(default)]
    vocab: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    subject: Option<Spanned<String>>,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<Exception>>,
    #[serde(default)]
    boost: bool,
    #[serde(default)]
    defer_to: Vec<Spanned<String>>,
    label: Option<String>,
    subject_name: Option<String>,
    #[serde(default)]
    excused_by: Vec<Spanned<String>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    // required
    #[serde(default)]
    element: Vec<ElementDef>,
    // conditional
    when: Option<Vec<Spanned<String>>>,
    then: Option<Vec<Spanned<String>>>,
    // builtin
    builtin: Option<Spanned<String>>,
    // examples
    #[serde(default)]
    bad: Vec<BadDef>,
    #[serde(default)]
    good: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ElementDef {
    name: Spanned<String>,
    description: String,
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BadDef {
    text: String,
    flags: Vec<String>,
}

/// One pack's source, as loaded.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// Path or embedded name, for messages.
    pub path: String,
    /// Full text.
    pub text: Arc<str>,
}

impl PackSource {
    /// The embedded packs.
    pub fn builtin() -> Vec<PackSource> {
        BUILTIN_PACKS
            .iter()
            .map(|(name, text)| PackSource {
                path: format!("lints/{name}"),
                text: Arc::from(*text),
            })
            .collect()
    }

    fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Error {
        Error::located(
            ErrorKind::Pack,
            &self.path,
            &self.text,
            Span::new(span.start, span.end),
            message,
        )
    }

    fn line_of(&self, offset: usize) -> usize {
        self.text.as_bytes()[..offset.min(self.text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]{2,8}[0-9]{3}$").expect("re"));
static SLUG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$").expect("re"));

fn check_patterns(
    source: &PackSource,
    patterns: &[Spanned<String>],
) -> Result<Vec<String>, Vec<Error>> {
    let errors: Vec<Error> = patterns
        .iter()
        .filter_map(|p| {
            check_regex(p.get_ref())
                .err()
                .map(|e| source.err(p.span(), e))
        })
        .collect();
    if errors.is_empty() {
        Ok(patterns.iter().map(|p| p.get_ref().clone()).collect())
    } else {
        Err(errors)
    }
}

/// What loading produces: the rules and the lexicon they share.
pub struct Loaded {
    /// Rules in pack order.
    pub rules: Vec<Rule>,
    /// The compiled phrase lists.
    pub lexicon: Lexicon,
    /// The key its phrase index is kept under (see [`BUILTIN_INDEX`]).
    pub index_key: u64,
}

struct Parsed<'a> {
    source: &'a PackSource,
    file: PackFile,
}

/// Load packs: parse all, validate all, compile all. Returns every error found.
pub fn load(sources: &[PackSource]) -> Result<Loaded, Vec<Error>> {
    match load_with(sources, BUILTIN_INDEX)? {
        Some(loaded) => Ok(loaded),
        // The index built ahead of time declares other sets than these packs: build it.
        None => load_with(sources, &[]).map(|l| l.expect("no prebuilt index to disagree")),
    }
}

/// The key a phrase index built from `parsed` packs is kept under: everything in them that
/// goes into the index (vocabularies, rules' phrases and what decides a vocabulary's tier), and
/// nothing else, so that editing a rule's docs or examples keeps the index built ahead of time.
fn index_key(parsed: &[Parsed<'_>]) -> u64 {
    fn strings<'a>(parts: &mut Vec<&'a [u8]>, tag: &'static str, list: &'a [Spanned<String>]) {
        parts.push(tag.as_bytes());
        parts.extend(list.iter().map(|s| s.get_ref().as_bytes()));
    }
    let mut parts: Vec<&[u8]> = Vec::new();
    for p in parsed {
        for (tag, table) in [("vocab", &p.file.vocab), ("extend", &p.file.extend_vocab)] {
            for (name, phrases) in table {
                parts.push(tag.as_bytes());
                parts.push(name.as_bytes());
                strings(&mut parts, "phrases", phrases);
            }
        }
        for def in &p.file.rule {
            parts.push(b"rule");
            parts.push(def.id.get_ref().as_bytes());
            parts.push(def.kind.get_ref().as_str().as_bytes());
            parts.push(
                def.builtin
                    .as_ref()
                    .map_or(&b""[..], |b| b.get_ref().as_bytes()),
            );
            strings(&mut parts, "phrases", &def.phrases);
            strings(&mut parts, "standalone", &def.standalone);
            strings(&mut parts, "vocab", &def.vocab);
            strings(&mut parts, "requires", &def.requires);
        }
    }
    crate::text::phrase::snapshot::key(parts)
}

/// The phrase index of `sources` built now (none ahead of time), as bytes under their key:
/// what [`BUILTIN_INDEX`] must hold for the built-in packs.
pub fn build_index_bytes(sources: &[PackSource]) -> Result<Vec<u8>, Vec<Error>> {
    let loaded = load_with(sources, &[])?.expect("no prebuilt index to disagree");
    Ok(loaded.lexicon.index.to_bytes(loaded.index_key))
}

/// `sources` loaded with their phrase index built now, none ahead of time.
pub fn load_built(sources: &[PackSource]) -> Result<Loaded, Vec<Error>> {
    load_with(sources, &[]).map(|l| l.expect("no prebuilt index to disagree"))
}

/// [`load`], taking the phrase index from `prebuilt` when those bytes were built from these
/// packs; `None` when they were under the same key but declare other sets.
fn load_with(sources: &[PackSource], prebuilt: &[u8]) -> Result<Option<Loaded>, Vec<Error>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    // Packs parse in parallel (the generated vocabulary is the largest), in order.
    // The index built ahead of time is read meanwhile.
    let (results, prebuilt): (Vec<Result<PackFile, toml::de::Error>>, _) = rayon::join(
        || {
            sources
                .par_iter()
                .with_max_len(1)
                .map(|source| toml::from_str::<PackFile>(&source.text))
                .collect()
        },
        || crate::text::phrase::PhraseIndex::from_bytes_any(prebuilt),
    );
    for (source, result) in sources.iter().zip(results) {
        match result {
            Ok(file) => parsed.push(Parsed { source, file }),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                errors.push(source.err(span, e.message().trim().to_string()));
            }
        }
    }
    // Vocabularies: declared once, extended anywhere.
    let mut vocab: BTreeMap<String, Vec<(usize, Spanned<String>)>> = BTreeMap::new();
    for (pi, p) in parsed.iter().enumerate() {
        for (name, phrases) in &p.file.vocab {
            if vocab.contains_key(name) {
                let span = phrases.first().map_or(0..0, |s| s.span());
                errors.push(
                    p.source
                        .err(span, format!("vocabulary `{name}` is declared twice")),
                );
                continue;
            }
            vocab.insert(
                name.clone(),
                phrases.iter().map(|s| (pi, s.clone())).collect(),
            );
        }
    }
    for (pi, p) in parsed.iter().enumerate() {
        for (name, phrases) in &p.file.extend_vocab {
            match vocab.get_mut(name) {
                Some(list) => list.extend(phrases.iter().map(|s| (pi, s.clone()))),
                None => {
                    let span = phrases.first().map_or(0..0, |s| s.span());
                    errors.push(p.source.err(
                        span,
                        format!("`extend-vocab` names `{name}`, which no pack declares"),
                    ));
                }
            }
        }
    }
    let mut builder = PhraseIndexBuilder::new();
    let key = index_key(&parsed);
    if let Some((index, built_for)) = prebuilt
        && built_for == key
    {
        builder.use_prebuilt(index);
    }
    let mut vocab_sets = BTreeMap::new();
    // Sets first (rules refer to them); their phrases are added with the phrase rules' below.
    // A vocabulary a rule triggers on, or reads across a document, is matched in every
    // sentence; the others only in sentences some rule reads closely.
    let everywhere = vocab_read_everywhere(&parsed);
    for name in vocab.keys() {
        let tier = if everywhere.contains(name.as_str()) {
            Tier::Main
        } else {
            Tier::Detail
        };
        vocab_sets.insert(name.clone(), builder.add_set_in(name.clone(), tier));
    }
    let mut ids = BTreeSet::new();
    let mut slugs = BTreeSet::new();
    let mut pending = Vec::new();
    for p in &parsed {
        for def in &p.file.rule {
            validate(
                p.source,
                def,
                &vocab_sets,
                &mut ids,
                &mut slugs,
                &mut errors,
            );
            pending.push((p.source, def));
        }
    }
    // Compile rules into checks; phrase triggers join the shared trie.
    // Phrase rules feed the shared trie, one after another, and the trie is built; meanwhile
    // the other rules compile their regexes on the other cores, one rule (and one regex) per
    // task so the cores stay balanced. Start-up is what an editor hook pays on every save.
    let jobs: Vec<(usize, &PackSource, &RuleDef, Arc<RuleMeta>)> = pending
        .into_iter()
        .enumerate()
        .map(|(i, (source, def))| (i, source, def, Arc::new(meta_of(source, def))))
        .collect();
    let (phrase_jobs, other_jobs): (Vec<_>, Vec<_>) = jobs
        .iter()
        .partition(|(_, _, def, _)| *def.kind.get_ref() == Kind::Phrase);
    type Compiled = (usize, Arc<RuleMeta>, Result<Check, Vec<Error>>);
    type PhraseSide = (
        (Vec<Compiled>, Vec<Error>),
        Option<crate::text::phrase::PhraseIndex>,
    );
    let (((mut compiled, vocab_errors), index), others): (PhraseSide, Vec<Compiled>) = rayon::join(
        || {
            let mut vocab_errors = Vec::new();
            for (name, phrases) in &vocab {
                let set = vocab_sets[name];
                for (pi, phrase) in phrases {
                    if let Err(e) = builder.add_phrase(set, phrase.get_ref()) {
                        vocab_errors.push(parsed[*pi].source.err(phrase.span(), e));
                    }
                }
            }
            let compiled: Vec<Compiled> = phrase_jobs
                .iter()
                .map(|(i, source, def, meta)| {
                    let check = compile(source, def, meta, &mut builder, &vocab_sets);
                    (*i, Arc::clone(meta), check)
                })
                .collect();
            let index = builder.finish();
            super::cites::prepare_shared_patterns();
            ((compiled, vocab_errors), index)
        },
        || {
            other_jobs
                .par_iter()
                .with_max_len(1)
                .map(|(i, source, def, meta)| {
                    let mut unused = PhraseIndexBuilder::new();
                    let check = compile(source, def, meta, &mut unused, &vocab_sets);
                    (*i, Arc::clone(meta), check)
                })
                .collect()
        },
    );
    errors.extend(vocab_errors);
    compiled.extend(others);
    compiled.sort_by_key(|(i, _, _)| *i);
    let mut rules = Vec::with_capacity(compiled.len());
    for (_, meta, check) in compiled {
        match check {
            Ok(check) => rules.push(Rule { meta, check }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(index) = index else {
        return Ok(None);
    };
    let lexicon = Lexicon::new(index, vocab_sets);
    Ok(Some(Loaded {
        rules,
        lexicon,
        index_key: key,
    }))
}

/// The vocabularies some rule reads in every sentence: those a phrase rule triggers on (its
/// `vocab`), those a pattern rule requires before it looks, and those a code rule names.
fn vocab_read_everywhere<'p>(parsed: &'p [Parsed<'_>]) -> BTreeSet<&'p str> {
    let mut out = BTreeSet::new();
    for def in parsed.iter().flat_map(|p| &p.file.rule) {
        match def.kind.get_ref() {
            Kind::Phrase => out.extend(def.vocab.iter().map(|v| v.get_ref().as_str())),
            Kind::Pattern => out.extend(def.requires.iter().map(|v| v.get_ref().as_str())),
            Kind::Builtin => {
                let name = def.builtin.as_ref().map_or("", |b| b.get_ref().as_str());
                out.extend(builtin::vocab_read_everywhere(name));
            }
            Kind::Required | Kind::Conditional => {}
        }
    }
    out
}

fn meta_of(source: &PackSource, def: &RuleDef) -> RuleMeta {
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
        docs: def.docs.get_ref().trim().to_string(),
        bad: def
            .bad
            .iter()
            .map(|b| BadExample {
                text: b.text.clone(),
                flags: b.flags.clone(),
            })
            .collect(),
        good: def.good.clone(),
        pack: source.path.clone(),
        line: source.line_of(def.id.span().start),
    }
}

fn validate(
    source: &PackSource,
    def: &RuleDef,
    vocab: &BTreeMap<String, crate::text::phrase::SetId>,
    ids: &mut BTreeSet<String>,
    slugs: &mut BTreeSet<String>,
    errors: &mut Vec<Error>,
) {
    let id = def.id.get_ref();
    let mut err = |span: std::ops::Range<usize>, msg: String| errors.push(source.err(span, msg));
    if !ID.is_match(id) {
        err(
            def.id.span(),
            format!("rule id `{id}` must be 2–8 capitals and 3 digits, like `MED101`"),
        );
    }
    if !ids.insert(id.clone()) {
        err(def.id.span(), format!("rule id `{id}` is already defined"));
    }
    let slug = def.slug.get_ref();
    if !SLUG.is_match(slug) {
        err(
            def.slug.span(),
            format!("slug `{slug}` must be lowercase words joined by hyphens"),
        );
    }
    if !slugs.insert(slug.clone()) {
        err(def.slug.span(), format!("slug `{slug}` is already used"));
    }
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
    if def.status == Status::Deprecated && def.use_instead.is_none() {
        err(
            def.id.span(),
            "a deprecated rule needs `use-instead`".to_string(),
        );
    }
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
        "when/then",
        kind != Kind::Conditional && (def.when.is_some() || def.then.is_some()),
        &mut kind_err,
    );
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

fn compile_patterns(
    source: &PackSource,
    patterns: &[Spanned<String>],
) -> Result<Vec<Regex>, Vec<Error>> {
    let compiled: Vec<Result<Regex, String>> = patterns
        .par_iter()
        .with_max_len(1)
        .map(|p| compile_regex(p.get_ref()))
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

fn compile(
    source: &PackSource,
    def: &RuleDef,
    meta: &Arc<RuleMeta>,
    builder: &mut PhraseIndexBuilder,
    vocab: &BTreeMap<String, crate::text::phrase::SetId>,
) -> Result<Check, Vec<Error>> {
    let unless: Unless = def.unless.iter().map(|u| *u.get_ref()).collect();
    let subject = def
        .subject
        .as_ref()
        .and_then(|s| vocab.get(s.get_ref()).copied());
    let requires: Vec<_> = def
        .requires
        .iter()
        .filter_map(|v| vocab.get(v.get_ref()).copied())
        .collect();
    let excused_by: Vec<_> = def
        .excused_by
        .iter()
        .filter_map(|v| vocab.get(v.get_ref()).copied())
        .collect();
    let except: Vec<_> = def
        .except
        .iter()
        .filter_map(|v| vocab.get(v.get_ref()).copied())
        .collect();
    let subject_name = def
        .subject_name
        .clone()
        .unwrap_or_else(|| "the treatment".into());
    match def.kind.get_ref() {
        Kind::Phrase => {
            let set = builder.add_set(format!("{} triggers", meta.id));
            let mut errors = Vec::new();
            for p in &def.phrases {
                if let Err(e) = builder.add_phrase(set, p.get_ref()) {
                    errors.push(source.err(p.span(), e));
                }
            }
            let alone = builder.add_set(format!("{} standalone triggers", meta.id));
            for p in &def.standalone {
                if let Err(e) = builder.add_phrase(alone, p.get_ref()) {
                    errors.push(source.err(p.span(), e));
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            let mut sets = vec![set];
            sets.extend(
                def.vocab
                    .iter()
                    .filter_map(|v| vocab.get(v.get_ref()).copied()),
            );
            Ok(Check::Document(Box::new(PhraseRule {
                trigger: Trigger::Phrases(sets),
                standalone: Some(alone),
                subject,
                requires,
                unless,
                boost: def.boost,
                label: def.label.clone(),
                subject_name,
                excused_by,
                except,
            })))
        }
        Kind::Pattern => Ok(Check::Document(Box::new(PhraseRule {
            trigger: Trigger::Patterns(compile_patterns(source, &def.patterns)?),
            standalone: None,
            subject,
            requires,
            unless,
            boost: def.boost,
            label: def.label.clone(),
            subject_name,
            excused_by,
            except,
        }))),
        Kind::Required => {
            let mut elements = Vec::new();
            let mut errors = Vec::new();
            for e in &def.element {
                match check_patterns(source, &e.patterns) {
                    Ok(patterns) => elements.push(Element {
                        name: e.name.get_ref().clone(),
                        description: e.description.trim().to_string(),
                        patterns,
                    }),
                    Err(mut errs) => errors.append(&mut errs),
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            match RequiredRule::new(elements) {
                Ok(rule) => Ok(Check::Document(Box::new(rule))),
                Err(e) => Err(vec![source.err(def.kind.span(), e)]),
            }
        }
        Kind::Conditional => {
            let when = check_patterns(source, def.when.as_deref().unwrap_or_default());
            let then = check_patterns(source, def.then.as_deref().unwrap_or_default());
            match (when, then) {
                (Ok(when), Ok(then)) => match ConditionalRule::new(&when, &then) {
                    Ok(rule) => Ok(Check::Document(Box::new(rule))),
                    Err(e) => Err(vec![source.err(def.kind.span(), e)]),
                },
                (w, t) => Err(w
                    .err()
                    .into_iter()
                    .flatten()
                    .chain(t.err().into_iter().flatten())
                    .collect()),
            }
        }
        Kind::Builtin => {
            let name = def.builtin.as_ref().map_or("", |b| b.get_ref().as_str());
            builtin::create(name, vocab).ok_or_else(|| {
                vec![source.err(def.kind.span(), format!("unknown builtin `{name}`"))]
            })
        }
    }
}
