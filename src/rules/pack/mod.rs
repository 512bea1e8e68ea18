//! Rule packs (`lints/*.toml`): the schema, and loading in three passes — parse, validate,
//! compile. Every error points at the offending line of the pack file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use super::builtin;
use super::context::Lexicon;
use super::meta::{DocsSource, PackDocs};
use super::{Check, Rule, RuleMeta};
use crate::error::Error;
use crate::text::phrase::{PhraseIndexBuilder, Tier};

mod compile;
mod lean;
mod manifest;
mod schema;
mod source;
mod validate;
mod words;

use compile::{compile, meta_of, rule_docs};
use manifest::Manifest;
use schema::{Kind, PackFile, RuleDef};
use source::LineCounter;
pub use source::{BUILTIN_INDEX, BUILTIN_PACKS, DOC_HEADINGS, PackSource};
use validate::validate;
use words::WordLists;

/// What loading produces: the rules and the lexicon they share.
pub struct Loaded {
    /// Rules in pack order.
    pub rules: Vec<Rule>,
    /// The compiled phrase lists.
    pub lexicon: Lexicon,
    /// The key its phrase index is kept under (see [`BUILTIN_INDEX`]).
    pub index_key: u64,
    /// Each pack's `[pack]` header and text, in load order, for the record reports keep.
    pub packs: Vec<PackInfo>,
    /// The record of its packs of vocabularies only, which an index built from them keeps.
    manifest: Manifest,
}

/// A loaded pack as reports name it: its `[pack]` name and version, where it came from, and
/// its text (which reports hash).
#[derive(Clone, Debug)]
pub struct PackInfo {
    /// `name` in `[pack]`.
    pub name: String,
    /// `version` in `[pack]`, when given.
    pub version: Option<String>,
    /// Path, or `lints/NAME.toml` for a built-in pack.
    pub path: String,
    /// The pack's full text.
    pub text: crate::source::SourceText,
}

struct Parsed<'a> {
    source: &'a PackSource,
    file: PackFile,
    /// For a pack of vocabularies only, the key of its whole text (see [`manifest`]).
    text_key: Option<u64>,
    /// Its rules' docs and examples, when they were left out of `file` (see [`lean`]).
    docs: Option<Arc<PackDocs>>,
}

/// Load packs: parse all, validate all, compile all. Returns every error found.
pub fn load(sources: &[PackSource]) -> Result<Loaded, Vec<Error>> {
    match load_with(sources, BUILTIN_INDEX)? {
        Some(loaded) => Ok(loaded),
        // The index built ahead of time declares other sets than these packs: build it.
        None => load_built(sources),
    }
}

/// The key a phrase index built from `parsed` packs is kept under: everything in them that
/// goes into the index (vocabularies, rules' phrases and what decides a vocabulary's tier), and
/// nothing else, so that editing a rule's docs or examples keeps the index built ahead of time.
/// A pack of vocabularies only counts by its whole text, which a run may then take from the
/// index's [`Manifest`] unparsed.
fn index_key(parsed: &[Parsed<'_>], words: &WordLists) -> u64 {
    fn strings<'a>(parts: &mut Vec<&'a [u8]>, tag: &'static str, list: &'a [Spanned<String>]) {
        parts.push(tag.as_bytes());
        parts.extend(list.iter().map(|s| s.get_ref().as_bytes()));
    }
    let text_keys: Vec<Option<[u8; 8]>> = parsed
        .iter()
        .map(|p| p.text_key.map(u64::to_le_bytes))
        .collect();
    let mut parts: Vec<&[u8]> = Vec::new();
    for (name, list) in words.iter() {
        parts.extend([&b"words"[..], name.as_bytes(), list.as_bytes()]);
    }
    for (p, text_key) in parsed.iter().zip(&text_keys) {
        if let Some(text_key) = text_key {
            parts.extend([&b"vocab-pack"[..], text_key]);
            continue;
        }
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

/// The phrase index of `sources` built now (none ahead of time), as bytes under their key
/// with the record of their vocabulary-only packs: what [`BUILTIN_INDEX`] must hold for the
/// built-in packs.
pub fn build_index_bytes(sources: &[PackSource]) -> Result<Vec<u8>, Vec<Error>> {
    let loaded = load_built(sources)?;
    Ok(loaded
        .lexicon
        .index
        .to_bytes_with(loaded.index_key, &loaded.manifest.to_bytes()))
}

/// `sources` loaded with their phrase index built now, none ahead of time.
pub fn load_built(sources: &[PackSource]) -> Result<Loaded, Vec<Error>> {
    load_with(sources, &[]).map(|l| l.expect("no prebuilt index to disagree"))
}

/// [`load`], taking the phrase index from `prebuilt` when those bytes were built from these
/// packs; `None` when they were under the same key but declare other sets, or when a pack of
/// vocabularies was taken from their record unparsed and the key then differs.
fn load_with(
    sources: &[PackSource],
    prebuilt: &'static [u8],
) -> Result<Option<Loaded>, Vec<Error>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    // A pack of vocabularies the index built ahead of time was built from, text for text,
    // is taken from its record: its phrases are in the index already.
    let manifest = crate::text::phrase::snapshot::note(prebuilt)
        .map(Manifest::from_bytes)
        .unwrap_or_default();
    let kept: Vec<Option<(PackFile, u64)>> = sources.iter().map(|s| manifest.pack_for(s)).collect();
    let kept_any = kept.iter().any(Option::is_some);
    // The other packs parse in parallel, one task each, in order (a pack of vocabularies only
    // has its text's key taken there too). The index built ahead of time is read meanwhile.
    type Read = Result<(PackFile, Option<u64>, Option<Arc<PackDocs>>), toml::de::Error>;
    let (results, prebuilt): (Vec<Read>, _) = rayon::join(
        || {
            sources
                .par_iter()
                .zip(kept)
                .with_max_len(1)
                .map(|(source, kept)| match kept {
                    Some((file, key)) => Ok((file, Some(key), None)),
                    None => lean::parse(source).map(|(file, docs)| {
                        let key =
                            manifest::vocab_only(&file).then(|| manifest::text_key(&source.text));
                        (file, key, docs)
                    }),
                })
                .collect()
        },
        || crate::text::phrase::PhraseIndex::from_static_bytes(prebuilt),
    );
    for (source, result) in sources.iter().zip(results) {
        match result {
            Ok((file, text_key, docs)) => parsed.push(Parsed {
                source,
                file,
                text_key,
                docs,
            }),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                errors.push(source.err(span, e.message().trim().to_string()));
            }
        }
    }
    // Vocabularies: declared once, extended anywhere.
    // Vocabularies by name, each phrase with the pack it is in (borrowed: the generated
    // vocabulary alone has thousands).
    let mut vocab: BTreeMap<&String, Vec<(usize, &Spanned<String>)>> = BTreeMap::new();
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
            vocab.insert(name, phrases.iter().map(|s| (pi, s)).collect());
        }
    }
    for (pi, p) in parsed.iter().enumerate() {
        for (name, phrases) in &p.file.extend_vocab {
            match vocab.get_mut(name) {
                Some(list) => list.extend(phrases.iter().map(|s| (pi, s))),
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
    let words = WordLists::collect(
        parsed.iter().map(|p| (p.source, &p.file.words)),
        &mut errors,
    );
    let mut builder = PhraseIndexBuilder::new();
    let key = index_key(&parsed, &words);
    match prebuilt {
        Some((index, built_for)) if built_for == key => builder.use_prebuilt(index),
        // A pack taken unparsed has no phrases to build an index from.
        _ if kept_any => return Ok(None),
        _ => {}
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
        vocab_sets.insert((*name).clone(), builder.add_set_in((*name).clone(), tier));
    }
    let mut ids = BTreeSet::new();
    let mut slugs = BTreeSet::new();
    let mut pending = Vec::new();
    for p in &parsed {
        for (i, def) in p.file.rule.iter().enumerate() {
            validate(
                p.source,
                def,
                p.docs.is_none(),
                &vocab_sets,
                &mut ids,
                &mut slugs,
                &mut errors,
            );
            let docs = match &p.docs {
                Some(docs) => DocsSource::Later(Arc::clone(docs), i),
                None => DocsSource::Read(rule_docs(def.docs.get_ref(), &def.bad, &def.good)),
            };
            pending.push((p.source, def, docs));
        }
    }
    // Compile rules into checks; phrase triggers join the shared trie.
    // Phrase rules feed the shared trie, one after another, and the trie is built; meanwhile
    // the other rules compile their regexes on the other cores, one rule (and one regex) per
    // task so the cores stay balanced. Start-up is what an editor hook pays on every save.
    let mut lines = LineCounter::default();
    let jobs: Vec<(usize, &PackSource, &RuleDef, Arc<RuleMeta>)> = pending
        .into_iter()
        .enumerate()
        .map(|(i, (source, def, docs))| {
            let line = lines.line_of(source, def.id.span().start);
            (i, source, def, Arc::new(meta_of(source, def, line, docs)))
        })
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
                let set = vocab_sets[name.as_str()];
                for (pi, phrase) in phrases {
                    let added = words
                        .expand(phrase.get_ref())
                        .and_then(|p| builder.add_phrase(set, &p));
                    if let Err(e) = added {
                        vocab_errors.push(parsed[*pi].source.err(phrase.span(), e));
                    }
                }
            }
            let compiled: Vec<Compiled> = phrase_jobs
                .iter()
                .map(|(i, source, def, meta)| {
                    let check = compile(source, def, meta, &mut builder, &vocab_sets, &words);
                    (*i, Arc::clone(meta), check)
                })
                .collect();
            let index = builder.finish();
            ((compiled, vocab_errors), index)
        },
        || {
            other_jobs
                .par_iter()
                .with_max_len(1)
                .map(|(i, source, def, meta)| {
                    let mut unused = PhraseIndexBuilder::new();
                    let check = compile(source, def, meta, &mut unused, &vocab_sets, &words);
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
    let manifest = Manifest::of(
        parsed
            .iter()
            .filter_map(|p| Some((p.source, &p.file, p.text_key?))),
    );
    let packs = parsed
        .iter()
        .map(|p| PackInfo {
            name: p.file.pack.name.clone(),
            version: p.file.pack.version.clone(),
            path: p.source.path.clone(),
            text: p.source.text.clone(),
        })
        .collect();
    // Freeing the parsed packs' thousands of strings is work the run need not wait for.
    let files: Vec<PackFile> = parsed.into_iter().map(|p| p.file).collect();
    rayon::spawn(move || drop(files));
    Ok(Some(Loaded {
        rules,
        lexicon,
        index_key: key,
        manifest,
        packs,
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
