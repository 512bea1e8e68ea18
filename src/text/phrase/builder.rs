//! The index builder: phrase sets declared, each phrase expanded and inserted into its tier's
//! trie, and the tries compiled into a [`PhraseIndex`].

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::index::{PhraseIndex, TierIndex};
use super::sets::{SetId, Tier};
use super::syntax::{NUMBER, PhraseToken, START, phrase_tokens, slots};
use super::tables::{ShortWords, pack};
use super::trie::{NONE, ROOT, Trie, intern};

/// Collects phrase sets, then compiles them into a [`PhraseIndex`].
#[derive(Debug)]
pub struct PhraseIndexBuilder {
    set_names: Vec<String>,
    set_tiers: Vec<Tier>,
    /// The main tier's trie and the detail tier's.
    tries: [Trie; 2],
    /// Every phrase word of both tries, by id.
    words: FxHashMap<Box<str>, u32>,
    /// Verb form → base form, for every `~verb` of every phrase.
    verb_bases: FxHashMap<String, String>,
    /// An index built ahead of time from the same phrases (see
    /// [`snapshot`](super::snapshot)): phrases are then not inserted again.
    prebuilt: Option<PhraseIndex>,
}

impl Default for PhraseIndexBuilder {
    fn default() -> Self {
        PhraseIndexBuilder {
            set_names: Vec::new(),
            set_tiers: Vec::new(),
            tries: [Trie::new(), Trie::new()],
            words: FxHashMap::default(),
            verb_bases: FxHashMap::default(),
            prebuilt: None,
        }
    }
}

impl PhraseIndexBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declare a set, matched in every sentence.
    pub fn add_set(&mut self, name: impl Into<String>) -> SetId {
        self.add_set_in(name, Tier::Main)
    }

    /// Declare a set in `tier`.
    pub fn add_set_in(&mut self, name: impl Into<String>, tier: Tier) -> SetId {
        self.set_names.push(name.into());
        self.set_tiers.push(tier);
        SetId(self.set_names.len() as u32 - 1)
    }

    /// Add one phrase (with the phrase syntax) to `set`. Each literal and option is tokenized
    /// once and the variants are inserted into the trie without building their text.
    pub fn add_phrase(&mut self, set: SetId, raw: &str) -> Result<(), String> {
        if self.prebuilt.is_some() {
            return Ok(());
        }
        if raw.matches('>').count() > 1 {
            return Err(format!("`>` may appear once, in phrase `{raw}`"));
        }
        let words = &mut self.words;
        let trie = match self.set_tiers.get(set.0 as usize) {
            Some(Tier::Detail) => &mut self.tries[1],
            _ => &mut self.tries[0],
        };
        // Most phrases are plain lowercase words ("rheumatoid arthritis"): one path.
        if !raw.is_empty()
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
        {
            let mut node = ROOT;
            for word in raw.split_ascii_whitespace() {
                let id = intern(words, word);
                node = trie.child(node, id);
            }
            if node == ROOT {
                return Err(format!("phrase `{raw}` is empty"));
            }
            trie.add_ending(node, None, set);
            return Ok(());
        }
        let verb_bases = &mut self.verb_bases;
        let expanded = crate::text::inflect::expand_verbs(raw, &mut |base, forms| {
            if !verb_bases.contains_key(base) {
                verb_bases.extend(forms.iter().map(|f| (f.clone(), base.to_string())));
            }
        });
        let words = &mut self.words;
        let trie = match self.set_tiers.get(set.0 as usize) {
            Some(Tier::Detail) => &mut self.tries[1],
            _ => &mut self.tries[0],
        };
        // Each alternative is tokenized, and its words interned, once; the variants then
        // walk the trie by word id.
        let slots: Vec<Vec<Vec<PhraseToken>>> = slots(&expanded)?
            .into_iter()
            .map(|slot| {
                slot.into_iter()
                    .map(|alternative| {
                        let mut tokens = phrase_tokens(alternative);
                        // A word before `*` stays text: it is a prefix, not a trie word.
                        for i in 0..tokens.len() {
                            let before_star = matches!(tokens.get(i + 1), Some(PhraseToken::Star));
                            if let PhraseToken::Word(w) = &tokens[i]
                                && !before_star
                            {
                                tokens[i] = PhraseToken::Id(intern(words, w));
                            }
                        }
                        tokens
                    })
                    .collect()
            })
            .collect();
        // The trie is grown slot by slot: every alternative of a slot extends every path so
        // far, and paths that reach one node in one state go on as one. A cartesian product
        // of options costs its trie's nodes, not its variants times their length.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
        struct Path<'p> {
            node: u32,
            words: u32,
            marker: Option<u32>,
            prefix: Option<&'p str>,
            star: bool,
        }
        let misplaced_star = || format!("`*` may only end the last word, in phrase `{raw}`");
        if raw.contains('^') && raw.contains('*') {
            return Err(format!(
                "`^` and `*` may not be combined, in phrase `{raw}`"
            ));
        }
        let start = intern(words, START);
        let mut paths = vec![Path {
            node: ROOT,
            words: 0,
            marker: None,
            prefix: None,
            star: false,
        }];
        let mut next_paths = Vec::new();
        for slot in &slots {
            next_paths.clear();
            for path in &paths {
                for alternative in slot {
                    let mut p = path.clone();
                    for token in alternative {
                        if p.star || (p.prefix.is_some() && !matches!(token, PhraseToken::Star)) {
                            return Err(misplaced_star());
                        }
                        match token {
                            PhraseToken::Id(id) => {
                                p.node = trie.child(p.node, *id);
                                p.words += 1;
                            }
                            PhraseToken::Word(w) => {
                                p.prefix = Some(w);
                                p.words += 1;
                            }
                            PhraseToken::Star if p.prefix.is_some() => p.star = true,
                            PhraseToken::Star => return Err(misplaced_star()),
                            PhraseToken::Marker if p.words == 0 => {
                                return Err(format!(
                                    "`>` needs words on both sides, in phrase `{raw}`"
                                ));
                            }
                            PhraseToken::Marker => p.marker = Some(p.words),
                            // The start is a step in the trie but no word of the hit.
                            PhraseToken::Start if p.node == ROOT && p.words == 0 => {
                                p.node = trie.child(p.node, start);
                            }
                            PhraseToken::Start => {
                                return Err(format!("`^` may only start phrase `{raw}`"));
                            }
                        }
                    }
                    next_paths.push(p);
                }
            }
            next_paths.sort_unstable();
            next_paths.dedup();
            std::mem::swap(&mut paths, &mut next_paths);
        }
        let mut any = false;
        for p in &paths {
            if p.words == 0 {
                continue;
            }
            any = true;
            if p.marker == Some(p.words) {
                return Err(format!("`>` needs words on both sides, in phrase `{raw}`"));
            }
            match p.prefix {
                Some(prefix) => trie.add_prefix_ending(p.node, prefix, p.marker, set),
                None => trie.add_ending(p.node, p.marker, set),
            }
        }
        if !any {
            return Err(format!("phrase `{raw}` is empty"));
        }
        Ok(())
    }

    /// Take `index`, built ahead of time from the phrases this builder is about to be given,
    /// instead of building one: phrases are no longer inserted, and
    /// [`PhraseIndexBuilder::finish`] returns it if the sets declared match.
    pub fn use_prebuilt(&mut self, index: PhraseIndex) {
        self.prebuilt = Some(index);
    }

    /// The index: the one built ahead of time, when one was given and its sets are the ones
    /// declared (`None` when they are not: it was built from other phrases), else built now.
    pub fn finish(mut self) -> Option<PhraseIndex> {
        match self.prebuilt.take() {
            Some(index) => (index.set_names == self.set_names && index.set_tiers == self.set_tiers)
                .then_some(index),
            None => Some(self.build()),
        }
    }

    /// Compile every phrase into the index.
    pub fn build(mut self) -> PhraseIndex {
        let [main, detail] = self.tries;
        self.words.shrink_to_fit();
        let short = ShortWords::new(
            self.words
                .iter()
                .filter_map(|(w, &id)| Some((pack(w)?, id))),
        );
        let number = self.words.get(NUMBER).copied().unwrap_or(NONE);
        let start = self.words.get(START).copied().unwrap_or(NONE);
        let words = self.words.len();
        PhraseIndex {
            main: TierIndex::new(main, words, number, start),
            detail: TierIndex::new(detail, words, number, start),
            words: owned_keys(self.words),
            short,
            set_names: self.set_names,
            set_tiers: self.set_tiers,
            verb_bases: self
                .verb_bases
                .into_iter()
                .map(|(form, base)| (Cow::Owned(form), Cow::Owned(base)))
                .collect(),
        }
    }
}

/// `words` with keys the index can also borrow from snapshot bytes.
fn owned_keys(words: FxHashMap<Box<str>, u32>) -> FxHashMap<Cow<'static, str>, u32> {
    words
        .into_iter()
        .map(|(w, id)| (Cow::Owned(w.into_string()), id))
        .collect()
}
