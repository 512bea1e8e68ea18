//! The registry: every loaded rule, found by ID, ID prefix or slug.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::context::Lexicon;
use super::pack::{self, PackSource};
use super::{Check, Rule, RuleMeta};
use crate::error::{Error, ErrorKind};
use crate::text::phrase::SetMask;

/// All rules of a run and the lexicon they share.
pub struct Registry {
    /// Rules, in pack order.
    pub rules: Vec<Rule>,
    /// Compiled phrase lists and cue sets.
    pub lexicon: Lexicon,
    /// The packs the rules came from, in load order.
    pub packs: Vec<pack::PackInfo>,
    /// The sets any rule's sentences need a hit of, worked out on first use.
    sentence_triggers: OnceLock<SetMask>,
}

impl Registry {
    /// The embedded packs only.
    pub fn builtin() -> Result<Registry, Vec<Error>> {
        Registry::from_sources(&PackSource::builtin())
    }

    /// The embedded packs plus every `*.toml` in `dirs`; a pack with the same file name as an
    /// embedded one replaces it.
    pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Registry, Vec<Error>> {
        let mut sources = PackSource::builtin();
        for pack in read_pack_dirs(dirs)? {
            let name = Path::new(&pack.path).file_name().map(|n| n.to_owned());
            match sources
                .iter()
                .position(|s| Path::new(&s.path).file_name().map(|n| n.to_owned()) == name)
            {
                Some(i) => sources[i] = pack,
                None => sources.push(pack),
            }
        }
        Registry::from_sources(&sources)
    }

    /// Load exactly these packs.
    pub fn from_sources(sources: &[PackSource]) -> Result<Registry, Vec<Error>> {
        let loaded = pack::load(sources)?;
        Ok(Registry {
            rules: loaded.rules,
            lexicon: loaded.lexicon,
            packs: loaded.packs,
            sentence_triggers: OnceLock::new(),
        })
    }

    /// The sets a sentence needs a hit of for some rule to look past its hits (see
    /// [`super::DocumentRule::sentence_triggers`]).
    pub fn sentence_triggers(&self) -> &SetMask {
        self.sentence_triggers.get_or_init(|| {
            let mut union = SetMask::default();
            for rule in &self.rules {
                if let Check::Document(check) = &rule.check {
                    match check.sentence_triggers() {
                        Some(sets) => union.union(&sets),
                        None => return SetMask::all(),
                    }
                }
            }
            union
        })
    }

    /// Compile on the worker threads what rules compile on first use (see
    /// [`super::regex::Compile::OnFirstUse`]) and the shared citation pattern, one task
    /// each in the order a document needs them, so that the first document's checks find them
    /// ready instead of compiling them one after another; the run does not wait for them. Only
    /// when there is more than one worker: on one, they would delay the first document instead.
    pub fn compile_in_background(&self) {
        if rayon::current_num_threads() < 2 {
            return;
        }
        rayon::spawn(super::cites::prepare_shared_patterns);
        for rule in &self.rules {
            if let Check::Document(check) = &rule.check {
                for pattern in check.deferred_patterns() {
                    rayon::spawn(move || pattern.compile());
                }
            }
        }
    }

    /// Metadata of rule `i`.
    pub fn meta(&self, i: usize) -> &Arc<RuleMeta> {
        &self.rules[i].meta
    }

    /// The rule with this exact ID (any case) or slug.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.rules
            .iter()
            .position(|r| r.meta.id.eq_ignore_ascii_case(key) || r.meta.slug == key)
    }

    /// Rules matched by a selector: `ALL`, an ID, an ID prefix (`MED1`) or a slug.
    pub fn select(&self, selector: &str) -> Option<Vec<usize>> {
        if selector.eq_ignore_ascii_case("all") {
            return Some((0..self.rules.len()).collect());
        }
        if let Some(i) = self.find(selector) {
            return Some(vec![i]);
        }
        let upper = selector.to_ascii_uppercase();
        let matched: Vec<usize> = (0..self.rules.len())
            .filter(|&i| self.rules[i].meta.id.starts_with(&upper))
            .collect();
        (!matched.is_empty()).then_some(matched)
    }
}

/// A pack larger than this is refused unread; the largest shipped pack is about 60 KiB.
const MAX_PACK_BYTES: u64 = 16 * 1024 * 1024;

fn read_pack_dirs(dirs: &[impl AsRef<Path>]) -> Result<Vec<PackSource>, Vec<Error>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for dir in dirs {
        let dir = dir.as_ref();
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push(Error::in_file(
                    ErrorKind::Pack,
                    dir.display().to_string(),
                    format!("cannot read rule pack folder: {e}"),
                ));
                continue;
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match crate::files::read::read_small_text(&path, MAX_PACK_BYTES, "rule pack") {
                Ok(text) => out.push(PackSource::new(path.display().to_string(), Arc::from(text))),
                Err(e) => errors.push(Error::in_file(
                    ErrorKind::Pack,
                    path.display().to_string(),
                    format!("cannot read rule pack: {e}"),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
