//! What the phrase index built ahead of time records of the packs that hold only vocabularies
//! (`conditions.toml`, `health.toml`, `context.toml`): their text's key, `[pack]` header and
//! vocabulary names. A run given one of those same texts takes that record instead of parsing
//! the pack, whose phrases are all in the index already; parsing them was a third of a
//! one-article run's instructions.

use serde::{Deserialize, Serialize};

use super::schema::{PackFile, PackHeader};
use super::source::PackSource;

/// The vocabulary-only packs an index was built from.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(super) struct Manifest {
    packs: Vec<VocabPack>,
}

/// One pack that declares vocabularies and nothing else.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct VocabPack {
    /// The length of its text and the key of its text (see [`text_key`]).
    len: usize,
    key: u64,
    name: String,
    version: Option<String>,
    /// The vocabularies it declares, in its order.
    vocab: Vec<String>,
}

/// The key of a pack's whole text.
pub(super) fn text_key(text: &str) -> u64 {
    crate::text::phrase::snapshot::key([text.as_bytes()])
}

/// Whether a parsed pack declares vocabularies and nothing else: no rule, word list or
/// extension of another pack's vocabulary.
pub(super) fn vocab_only(file: &PackFile) -> bool {
    file.rule.is_empty() && file.words.is_empty() && file.extend_vocab.is_empty()
}

impl Manifest {
    /// The record of vocabulary-only packs, each with the key of its text.
    pub(super) fn of<'a>(
        packs: impl IntoIterator<Item = (&'a PackSource, &'a PackFile, u64)>,
    ) -> Self {
        let packs = packs
            .into_iter()
            .map(|(source, file, key)| VocabPack {
                len: source.text.len(),
                key,
                name: file.pack.name.clone(),
                version: file.pack.version.clone(),
                vocab: file.vocab.keys().cloned().collect(),
            })
            .collect();
        Manifest { packs }
    }

    /// The record kept as bytes.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a manifest serializes")
    }

    /// The record in `bytes`; empty for bytes that hold none.
    pub(super) fn from_bytes(bytes: &[u8]) -> Manifest {
        serde_json::from_slice(bytes).unwrap_or_default()
    }

    /// The pack recorded for `source`'s very text, as parsing it would give it with its
    /// vocabularies' phrases left out, and the key of that text; `None` when no recorded pack
    /// has that text.
    pub(super) fn pack_for(&self, source: &PackSource) -> Option<(PackFile, u64)> {
        let len = source.text.len();
        // The length first: most texts are told apart without reading them.
        let mut same = self.packs.iter().filter(|p| p.len == len).peekable();
        same.peek()?;
        let key = text_key(&source.text);
        let pack = same.find(|p| p.key == key)?;
        let file = PackFile {
            pack: PackHeader {
                name: pack.name.clone(),
                description: String::new(),
                version: pack.version.clone(),
            },
            vocab: pack.vocab.iter().map(|n| (n.clone(), Vec::new())).collect(),
            extend_vocab: Default::default(),
            words: Default::default(),
            rule: Vec::new(),
        };
        Some((file, key))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rules::pack::{BUILTIN_INDEX, load, load_built};
    use crate::text::phrase::snapshot::note;

    fn kept() -> Manifest {
        Manifest::from_bytes(note(BUILTIN_INDEX).expect("the kept index has a note"))
    }

    fn names(loaded: &crate::rules::pack::Loaded) -> Vec<(String, Option<String>)> {
        loaded
            .packs
            .iter()
            .map(|p| (p.name.clone(), p.version.clone()))
            .collect()
    }

    #[test]
    fn the_built_in_vocabulary_packs_are_taken_unparsed_as_parsing_gives_them() {
        let sources = PackSource::builtin();
        let manifest = kept();
        let mut taken = 0;
        for source in &sources {
            let parsed: PackFile = toml::from_str(&source.text).unwrap();
            match manifest.pack_for(source) {
                Some((file, _)) => {
                    taken += 1;
                    assert!(vocab_only(&parsed), "{}", source.path);
                    assert_eq!(file.pack.name, parsed.pack.name);
                    assert_eq!(file.pack.version, parsed.pack.version);
                    let declared = |f: &PackFile| f.vocab.keys().cloned().collect::<Vec<_>>();
                    assert_eq!(declared(&file), declared(&parsed));
                }
                None => assert!(!vocab_only(&parsed), "{}", source.path),
            }
        }
        assert!(taken >= 2, "the vocabulary packs are recorded");
        // Loaded so, the packs are named as when every one is parsed.
        let fast = load(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
        let built = load_built(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
        assert_eq!(names(&fast), names(&built));
        assert_eq!(fast.index_key, built.index_key);
    }

    #[test]
    fn an_edited_vocabulary_pack_is_parsed_and_the_index_built_from_it() {
        let mut sources = PackSource::builtin();
        let at = sources
            .iter()
            .position(|s| kept().pack_for(s).is_some())
            .expect("a recorded pack");
        let edited = format!("{}\n# a local note\n", &*sources[at].text);
        assert!(
            kept()
                .pack_for(&PackSource::new(
                    "x.toml".into(),
                    Arc::from(edited.as_str())
                ))
                .is_none()
        );
        sources[at] = PackSource::new(sources[at].path.clone(), Arc::from(edited.as_str()));
        let loaded = load(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
        let built = load_built(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
        assert_eq!(loaded.index_key, built.index_key);
        assert_ne!(
            Some(loaded.index_key),
            load(&PackSource::builtin()).ok().map(|l| l.index_key)
        );
        let text = "Our CBD gummies may help prevent seizures and boost your immune system!";
        let hits = |l: &crate::rules::pack::Loaded| l.lexicon.index.named_hits(text);
        assert!(hits(&loaded).len() > 5);
        assert_eq!(hits(&loaded), hits(&built));
    }

    #[test]
    fn bytes_that_hold_no_record_give_an_empty_one() {
        assert_eq!(Manifest::from_bytes(b""), Manifest::default());
        assert_eq!(Manifest::from_bytes(b"{\"packs\": 3}"), Manifest::default());
        let m = kept();
        assert_eq!(Manifest::from_bytes(&m.to_bytes()), m);
    }
}
