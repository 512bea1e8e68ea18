//! `approved-text-drift`: a paragraph that is recognisably one of the approved texts — a
//! disclaimer, important safety information, the FDA's supplement statement — but no longer
//! reads as approved: a clause lost in an edit, a word swapped. Texts are compared word by word
//! after normalising case, quotes, hyphens, whitespace and punctuation; the finding covers the
//! words that differ and its notes give the word-level difference.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Safety, Sink, Suggestion};
use crate::rules::{DocContext, DocumentRule, fill};
use crate::source::Span;
use crate::text::phrase::NO_WORD;
use crate::text::tokenize::{TokenKind, tokenize};

/// The statement 21 CFR 101.93(c) requires beside a dietary supplement's structure/function
/// claim, in its singular and plural forms, and its second sentence, which pages about other
/// products use alone (whether a supplement's page needs the whole is a question of what it
/// claims, not of drift).
const DSHEA: [&str; 3] = [
    "This statement has not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
];

/// A paragraph of an approved text is compared with paragraphs of a page when they share at
/// least this share of words (Sørensen–Dice over the longest common word sequence).
const SIMILAR: f64 = 0.6;
/// Longest approved paragraph, in words: comparing costs its length times a paragraph's.
const MAX_WORDS: usize = 1000;
/// Most approved texts, and largest file of one, read from a folder.
const MAX_FILES: usize = 500;
const MAX_FILE_BYTES: u64 = 256 * 1024;
/// Changes listed in the notes of one finding.
const MAX_HUNKS: usize = 8;

/// One approved text: its name, where it came from, and its accepted wordings, each split into
/// paragraphs.
#[derive(Debug, Clone)]
struct Approved {
    name: String,
    origin: String,
    /// Each accepted wording's paragraphs.
    variants: Vec<Vec<Paragraph>>,
}

#[derive(Debug, Clone)]
struct Paragraph {
    /// As approved, for a suggestion.
    text: String,
    /// Its normalised words.
    words: Vec<String>,
    /// How often each word occurs, for a quick bound on what a block shares with it.
    counts: rustc_hash::FxHashMap<String, u32>,
}

/// The rule.
#[derive(Debug)]
pub struct ApprovedTextDrift {
    texts: Vec<Approved>,
    /// For each text, for each paragraph number, the [`Union`] of its accepted wordings:
    /// they depend on the texts and the phrase index only, so they are made once per run.
    unions: std::sync::OnceLock<Vec<Vec<Union>>>,
}

impl Default for ApprovedTextDrift {
    fn default() -> Self {
        ApprovedTextDrift {
            texts: vec![builtin_dshea()],
            unions: std::sync::OnceLock::new(),
        }
    }
}

/// The accepted wordings of paragraph `k` of `text`.
fn wordings(text: &Approved, k: usize) -> Vec<&Paragraph> {
    text.variants.iter().filter_map(|v| v.get(k)).collect()
}

/// The number of paragraphs of `text`'s longest wording.
fn paragraph_count(text: &Approved) -> usize {
    text.variants.iter().map(Vec::len).max().unwrap_or(0)
}

fn builtin_dshea() -> Approved {
    Approved {
        name: "fda-supplement-statement".to_string(),
        origin: "21 CFR 101.93(c)".to_string(),
        variants: DSHEA.iter().map(|t| paragraphs(t)).collect(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// A folder of approved texts (`.txt` or `.md`, named by their file name), relative to the
    /// config file.
    folder: Option<String>,
    /// Approved texts written in the config.
    #[serde(default)]
    text: Vec<TextDef>,
    /// Whether the built-in texts (the FDA supplement statement) are checked too.
    #[serde(default = "yes")]
    builtin: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextDef {
    name: String,
    text: String,
}

/// Normalised words of `text`: lowercase, curly quotes straightened, intra-word hyphens
/// dropped, punctuation left out.
fn words(text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    (0..tokens.tokens.len())
        .filter(|&i| tokens.tokens[i].kind == TokenKind::Word)
        .map(|i| tokens.norm_of(i).to_string())
        .collect()
}

/// A text's paragraphs (split at blank lines), each with its words.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| {
            let words = words(&p);
            let mut counts = rustc_hash::FxHashMap::default();
            for w in &words {
                *counts.entry(w.clone()).or_insert(0) += 1;
            }
            Paragraph {
                counts,
                words,
                text: p,
            }
        })
        .filter(|p| !p.words.is_empty())
        .collect()
}

fn approved(name: &str, origin: String, text: &str) -> Result<Approved, String> {
    let paras = paragraphs(text);
    if paras.is_empty() {
        return Err(format!("approved text `{name}` has no words"));
    }
    if let Some(p) = paras.iter().find(|p| p.words.len() > MAX_WORDS) {
        return Err(format!(
            "approved text `{name}` has a paragraph of {} words, over the {MAX_WORDS}-word limit",
            p.words.len()
        ));
    }
    Ok(Approved {
        name: name.to_string(),
        origin,
        variants: vec![paras],
    })
}

/// The approved texts in `folder`, in file-name order.
fn read_folder(folder: &Path, shown: &str) -> Result<Vec<Approved>, String> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| format!("folder `{shown}`: {}", crate::files::path::io_message(&e)))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        })
        .take(MAX_FILES + 1)
        .collect();
    if paths.len() > MAX_FILES {
        return Err(format!(
            "folder `{shown}` holds more than {MAX_FILES} approved texts"
        ));
    }
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = format!(
                "{shown}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            let text = crate::files::read::read_small_text(p, MAX_FILE_BYTES, "approved text")
                .map_err(|e| format!("`{file}`: {}", crate::files::path::io_message(&e)))?;
            approved(&name, file, &text)
        })
        .collect()
}

/// One step of a word-level difference.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Step {
    Same,
    /// An approved word missing here.
    Lost(usize),
    /// A word here that is not approved.
    Added(usize),
}

/// Length of the longest common word sequence of `a` and `b`, and the steps from `a` to `b`.
fn diff(a: &[String], b: &[&str]) -> (usize, Vec<Step>) {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: of a[i..] and b[j..]; sizes are bounded by MAX_WORDS and the caller.
    let width = m + 1;
    let mut lcs = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            steps.push(Step::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j]) {
            steps.push(Step::Added(j));
            j += 1;
        } else {
            steps.push(Step::Lost(i));
            i += 1;
        }
    }
    (usize::from(lcs[0]), steps)
}

/// A block's words (normalised, as its sentences were tokenized for every rule) with their
/// prose byte ranges.
#[derive(Default)]
struct BlockWords<'a> {
    words: Vec<&'a str>,
    ranges: Vec<(usize, usize)>,
}

/// The page's blocks as words, each block's read only when a comparison needs it: most
/// blocks are too short or too long to be an approved paragraph, and counting their words is
/// cheaper than collecting them. Words come from the sentences already analysed, so nothing is
/// tokenized twice.
struct Blocks<'a, 'c> {
    cx: &'a DocContext<'c>,
    /// Word count of each block.
    counts: Vec<usize>,
    /// The views of each block's sentences: `cx.sentences[from..to]`.
    views: Vec<(usize, usize)>,
    words: Vec<std::cell::OnceCell<BlockWords<'a>>>,
}

impl<'a, 'c> Blocks<'a, 'c> {
    fn new(cx: &'a DocContext<'c>) -> Self {
        let n = cx.doc.blocks.len();
        let mut counts = vec![0; n];
        let mut views = vec![(usize::MAX, 0); n];
        for (i, view) in cx.sentences.iter().enumerate() {
            let b = cx.doc.sentences[view.index].block as usize;
            counts[b] += view
                .tokens
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .count();
            views[b] = (views[b].0.min(i), i + 1);
        }
        Blocks {
            cx,
            counts,
            views,
            words: (0..n).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether block `b`, of `m` words, shares enough words with the wordings `paras` (see
    /// [`SharedCount`]), its words read from its sentences without collecting them (in plain
    /// loops: this runs over most blocks of every page).
    fn shares_enough(&self, b: usize, m: usize, union: &Union, paras: &[&Paragraph]) -> bool {
        let Some(mut count) = SharedCount::new(m, paras) else {
            return false;
        };
        let (from, to) = self.views[b];
        for view in self.cx.sentences.get(from..to).unwrap_or_default() {
            let ids = view.word_ids();
            for (i, t) in view.tokens.tokens.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let member = union.contains(ids[i], || view.tokens.norm_of(i));
                if let Some(answer) = count.add(member) {
                    return answer;
                }
            }
        }
        count.finish()
    }

    /// Block `b`'s words, collected on first use.
    fn get(&self, b: usize) -> &BlockWords<'a> {
        self.words[b].get_or_init(|| {
            let mut out = BlockWords {
                words: Vec::with_capacity(self.counts[b]),
                ranges: Vec::with_capacity(self.counts[b]),
            };
            let (from, to) = self.views[b];
            for view in self.cx.sentences.get(from..to).unwrap_or_default() {
                let at = self.cx.doc.sentences[view.index].start as usize;
                for (i, t) in view.tokens.tokens.iter().enumerate() {
                    if t.kind == TokenKind::Word {
                        out.words.push(view.tokens.norm_of(i));
                        out.ranges
                            .push((at + t.start as usize, at + t.end as usize));
                    }
                }
            }
            out
        })
    }
}

/// Whether `needle` occurs in `hay` as a run of words.
fn contains_run(hay: &[&str], needle: &[String]) -> bool {
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| *a == b))
}

/// The changes of `steps` as notes: "approved “…” — here “…”".
fn hunks(steps: &[Step], approved: &[String], here: &[&str]) -> Vec<String> {
    let mut notes = Vec::new();
    let mut k = 0;
    while k < steps.len() {
        if steps[k] == Step::Same {
            k += 1;
            continue;
        }
        let (mut lost, mut added) = (Vec::new(), Vec::new());
        while k < steps.len() && steps[k] != Step::Same {
            match steps[k] {
                Step::Lost(i) => lost.push(approved[i].as_str()),
                Step::Added(j) => added.push(here[j]),
                Step::Same => {}
            }
            k += 1;
        }
        notes.push(match (lost.is_empty(), added.is_empty()) {
            (false, true) => format!("lost: “{}”", lost.join(" ")),
            (true, false) => format!("added: “{}”", added.join(" ")),
            _ => format!("approved “{}”, here “{}”", lost.join(" "), added.join(" ")),
        });
    }
    if notes.len() > MAX_HUNKS {
        let more = notes.len() - MAX_HUNKS;
        notes.truncate(MAX_HUNKS);
        notes.push(format!("and {more} more changes"));
    }
    notes
}

/// The best match of an approved paragraph among the blocks: (block, similarity, steps).
struct Drift {
    block: usize,
    similarity: f64,
    steps: Vec<Step>,
}

impl ApprovedTextDrift {
    fn check_text(
        &self,
        text: &Approved,
        unions: &[Union],
        cx: &DocContext<'_>,
        blocks: &Blocks<'_, '_>,
        sink: &mut Sink<'_>,
    ) {
        let mut reported = vec![false; blocks.len()];
        for (k, union) in unions.iter().enumerate() {
            let paras = wordings(text, k);
            let Some((drift, p)) = judge(&paras, union, blocks) else {
                continue;
            };
            if reported[drift.block] {
                continue;
            }
            reported[drift.block] = true;
            self.report(text, p, &drift, cx, blocks.get(drift.block), sink);
        }
    }

    fn report(
        &self,
        text: &Approved,
        para: &Paragraph,
        drift: &Drift,
        cx: &DocContext<'_>,
        here: &BlockWords,
        sink: &mut Sink<'_>,
    ) {
        let block = &cx.doc.blocks[drift.block];
        // The finding covers the words that differ: those added, or the two words either side
        // of a loss.
        let mut first = usize::MAX;
        let mut last = 0;
        let mut j = 0;
        let mut k = 0;
        let steps = &drift.steps;
        while k < steps.len() {
            if steps[k] == Step::Same {
                j += 1;
                k += 1;
                continue;
            }
            let at = j;
            let mut added = false;
            while k < steps.len() && steps[k] != Step::Same {
                if let Step::Added(w) = steps[k] {
                    first = first.min(w);
                    last = last.max(w);
                    added = true;
                    j = w + 1;
                }
                k += 1;
            }
            if !added {
                first = first.min(at.saturating_sub(1));
                last = last.max(at.min(here.words.len().saturating_sub(1)));
            }
        }
        if first == usize::MAX || here.ranges.is_empty() {
            return;
        }
        let (start, end) = (
            here.ranges[first].0,
            here.ranges[last.min(here.ranges.len() - 1)].1,
        );
        let span = block.prose.source_span(start, end);
        let message = fill(&sink.rule().message, &[("name", text.name.as_str())]);
        let d = sink.report(span, message);
        d.notes.push(format!(
            "{:.0}% of the words of approved text `{}` ({}) are here, in order",
            drift.similarity * 100.0,
            text.name,
            text.origin
        ));
        d.notes
            .extend(hunks(&drift.steps, &para.words, &here.words));
        // Restoring the approved wording is offered, not applied: the paragraph may carry
        // links or emphasis that a person should keep.
        let whole = block
            .prose
            .source_span(here.ranges[0].0, block.prose.text.trim_end().len());
        if whole.start < whole.end && is_plain(cx.source, whole) {
            d.suggestions.push(Suggestion {
                span: whole,
                replacement: para.text.clone(),
                title: format!("Restore approved text `{}`", text.name),
                safety: Safety::Unsafe,
            });
        }
    }
}

/// Whether the source under `span` is plain prose (no markup a replacement would drop).
fn is_plain(source: &str, span: Span) -> bool {
    source
        .get(span.start as usize..span.end as usize)
        .is_some_and(|s| !s.contains(['[', ']', '*', '_', '`', '<', '>', '\n']))
}

/// How one block compares with one accepted wording of a paragraph.
struct Score {
    common: usize,
    similarity: f64,
    steps: Vec<Step>,
}

/// `para` against `block`, unless they are too far apart in length or words to be the same
/// text (a cheap bound before the word-by-word comparison).
fn in_reach(n: usize, m: usize) -> bool {
    m * 2 >= n && m <= 2 * n + 20
}

fn score(para: &Paragraph, block: &BlockWords) -> Option<Score> {
    let (n, m) = (para.words.len(), block.words.len());
    if !in_reach(n, m) {
        return None;
    }
    // Words in common, each at most as often as the paragraph has it: a bound on the longest
    // common sequence that ordinary prose, sharing only "the", "is" and "not", fails.
    let mut used: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut shared = 0usize;
    for w in &block.words {
        if let Some(&limit) = para.counts.get(*w) {
            let n = used.entry(w).or_insert(0);
            if *n < limit {
                *n += 1;
                shared += 1;
            }
        }
    }
    if (2 * shared.min(n)) as f64 / ((n + m) as f64) < SIMILAR {
        return None;
    }
    let (common, steps) = diff(&para.words, &block.words);
    Some(Score {
        common,
        similarity: (2 * common) as f64 / ((n + m) as f64),
        steps,
    })
}

/// The fewest words a block of `m` words must share with a wording of `n` words to be as
/// similar as [`SIMILAR`] (`usize::MAX` when even all `n` are too few): the first `shared` in
/// `1..=n` with `2·shared / (n + m) ≥ 3/5`, worked out in integers (a test holds it to the
/// floating-point comparison [`score`] makes).
fn fewest_shared(n: usize, m: usize) -> usize {
    let shared = (3 * (n + m)).div_ceil(10).max(1);
    if shared <= n { shared } else { usize::MAX }
}

/// Every word of the accepted wordings, looked up by the word ids the phrase index gave each
/// token (a bit per id): a page's words were matched against the index already, so most are
/// tested without hashing them again. Words the index does not know are kept as strings.
#[derive(Debug)]
struct Union {
    ids: Vec<u64>,
    unindexed: rustc_hash::FxHashSet<String>,
    /// A bit per (length, first byte) of the unindexed words, each modulo 16: most words the
    /// index does not know are ruled out before they are hashed.
    unindexed_shapes: [u64; 4],
}

/// Where a word's (length, first byte) bit lies in [`Union::unindexed_shapes`].
fn shape(word: &str) -> (usize, u32) {
    let key =
        ((word.len() & 15) << 4) | usize::from(word.as_bytes().first().copied().unwrap_or(0) & 15);
    (key / 64, (key % 64) as u32)
}

impl Union {
    fn new(paras: &[&Paragraph], index: &crate::text::phrase::PhraseIndex) -> Union {
        let mut union = Union {
            ids: Vec::new(),
            unindexed: rustc_hash::FxHashSet::default(),
            unindexed_shapes: [0; 4],
        };
        for w in paras.iter().flat_map(|p| p.words.iter()) {
            match index.word_id(w) {
                Some(id) => {
                    let (word, bit) = (id as usize / 64, id % 64);
                    if union.ids.len() <= word {
                        union.ids.resize(word + 1, 0);
                    }
                    union.ids[word] |= 1 << bit;
                }
                None => {
                    union.unindexed.insert(w.clone());
                    let (word, bit) = shape(w);
                    union.unindexed_shapes[word] |= 1 << bit;
                }
            }
        }
        union
    }

    /// Whether a token of normal form `word()`, whose word id is `id` ([`NO_WORD`] for a
    /// word the index does not know), is a word of the wordings. The normal form is read only
    /// for such words.
    fn contains<'w>(&self, id: u32, word: impl FnOnce() -> &'w str) -> bool {
        if id == NO_WORD {
            let word = word();
            let (at, bit) = shape(word);
            return self.unindexed_shapes[at] & (1 << bit) != 0 && self.unindexed.contains(word);
        }
        self.ids
            .get(id as usize / 64)
            .is_some_and(|bits| bits & (1 << (id % 64)) != 0)
    }
}

/// [`SharedCount`]'s answer for a block of `m` words, `in_union` saying word by word whether
/// each is a word of some wording.
#[cfg(test)]
fn shares_enough(in_union: impl Iterator<Item = bool>, m: usize, paras: &[&Paragraph]) -> bool {
    let Some(mut count) = SharedCount::new(m, paras) else {
        return false;
    };
    for member in in_union {
        if let Some(answer) = count.add(member) {
            return answer;
        }
    }
    count.finish()
}

/// Whether a block of `m` words has enough words of the accepted wordings `paras` to be as
/// similar as [`SIMILAR`] to one of them: a bound that ordinary prose fails. The block's
/// words are counted one at a time, each a word of some wording or not, and the count stops
/// as soon as the words left could not make up the number, so a block that fails is never
/// collected.
struct SharedCount {
    /// The fewest shared words that could pass for some wording (`shared.min(n)` counts).
    need: usize,
    shared: usize,
    /// Words not counted yet.
    left: usize,
}

impl SharedCount {
    /// The count for a block of `m` words; `None` when no count of its words could pass.
    fn new(m: usize, paras: &[&Paragraph]) -> Option<SharedCount> {
        let need = paras
            .iter()
            .map(|p| fewest_shared(p.words.len(), m))
            .min()
            .unwrap_or(usize::MAX);
        (need <= m).then_some(SharedCount {
            need,
            shared: 0,
            left: m,
        })
    }

    /// Count the next word, a word of the wordings or not; the answer once it is settled.
    fn add(&mut self, member: bool) -> Option<bool> {
        if self.shared >= self.need {
            return Some(true);
        }
        if self.shared + self.left < self.need {
            return Some(false);
        }
        self.left -= 1;
        self.shared += usize::from(member);
        None
    }

    /// The answer once every word is counted.
    fn finish(&self) -> bool {
        self.shared >= self.need
    }
}

/// Paragraph `paras` (its accepted wordings) against the page: `None` when some block has a
/// wording as approved or no block resembles any; else the block most like it, with the
/// wording it is closest to. Each block is judged by the wording it shares most words with
/// (then the most alike), so a block with one sentence of a two-sentence statement reads as
/// that statement cut short, not as the one-sentence wording.
///
/// `union` holds every word of every accepted wording: one look-up per block word rules out
/// most blocks before any wording is counted against them.
fn judge<'p>(
    paras: &[&'p Paragraph],
    union: &Union,
    blocks: &Blocks<'_, '_>,
) -> Option<(Drift, &'p Paragraph)> {
    let mut best: Option<(Drift, &Paragraph)> = None;
    let mut long = Vec::new();
    for b in 0..blocks.len() {
        let m = blocks.counts[b];
        if !paras.iter().any(|p| in_reach(p.words.len(), m)) {
            if paras.iter().any(|p| m > p.words.len()) {
                long.push(b);
            }
            continue;
        }
        if !blocks.shares_enough(b, m, union, paras) {
            continue;
        }
        let block = blocks.get(b);
        let scored = paras
            .iter()
            .filter_map(|p| score(p, block).map(|s| (s, *p)))
            .max_by(|(x, _), (y, _)| {
                x.common
                    .cmp(&y.common)
                    .then(x.similarity.total_cmp(&y.similarity))
            });
        let Some((s, p)) = scored else {
            if paras.iter().any(|p| contains_run(&block.words, &p.words)) {
                return None;
            }
            continue;
        };
        if s.common == p.words.len() && contains_run(&block.words, &p.words) {
            return None;
        }
        if s.similarity >= SIMILAR
            && best
                .as_ref()
                .is_none_or(|(d, _)| s.similarity > d.similarity)
        {
            best = Some((
                Drift {
                    block: b,
                    similarity: s.similarity,
                    steps: s.steps,
                },
                p,
            ));
        }
    }
    // A block too long to compare still holds the text if it quotes a wording whole; only
    // worth reading when something else would be reported.
    if best.is_some()
        && long.iter().any(|&b| {
            paras
                .iter()
                .any(|p| contains_run(&blocks.get(b).words, &p.words))
        })
    {
        return None;
    }
    best
}

impl DocumentRule for ApprovedTextDrift {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        if self.texts.is_empty() {
            return;
        }
        let unions = self.unions.get_or_init(|| {
            let index = &cx.lexicon.index;
            let of_text = |text: &Approved| {
                (0..paragraph_count(text))
                    .map(|k| Union::new(&wordings(text, k), index))
                    .collect()
            };
            self.texts.iter().map(of_text).collect()
        });
        let blocks = Blocks::new(cx);
        for (text, unions) in self.texts.iter().zip(unions) {
            self.check_text(text, unions, cx, &blocks, sink);
        }
    }

    fn configure(&mut self, options: &toml::Table, base_dir: &Path) -> Result<(), String> {
        let opts: Options = options
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| e.message().trim().to_string())?;
        let mut texts = if opts.builtin {
            vec![builtin_dshea()]
        } else {
            Vec::new()
        };
        if let Some(folder) = &opts.folder {
            texts.extend(read_folder(&base_dir.join(folder), folder)?);
        }
        for t in &opts.text {
            texts.push(approved(&t.name, "medlint.toml".to_string(), &t.text)?);
        }
        let mut names = std::collections::BTreeSet::new();
        if let Some(dup) = texts.iter().find(|t| !names.insert(t.name.clone())) {
            return Err(format!("two approved texts are named `{}`", dup.name));
        }
        self.texts = texts;
        self.unions = std::sync::OnceLock::new();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn the_difference_is_word_by_word_and_minimal() {
        let a = w("This product is not intended to diagnose, treat, cure, or prevent any disease.");
        let b = w("This product is not intended to diagnose, treat or prevent any disease!");
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        let (common, steps) = diff(&a, &b);
        assert_eq!(common, a.len() - 1);
        assert_eq!(hunks(&steps, &a, &b), ["lost: “cure”"]);
        let c = w("This product is not meant to diagnose, treat, cure, or prevent any illness.");
        let c: Vec<&str> = c.iter().map(String::as_str).collect();
        let (_, steps) = diff(&a, &c);
        assert_eq!(
            hunks(&steps, &a, &c),
            [
                "approved “intended”, here “meant”",
                "approved “disease”, here “illness”"
            ]
        );
    }

    /// The bound as first written: every block word looked up, then the shared count
    /// against each wording.
    fn shares_enough_plainly(block: &[String], paras: &[&Paragraph]) -> bool {
        let union: rustc_hash::FxHashSet<&str> = paras
            .iter()
            .flat_map(|p| p.words.iter().map(String::as_str))
            .collect();
        let (m, shared) = (
            block.len(),
            block.iter().filter(|w| union.contains(w.as_str())).count(),
        );
        paras.iter().any(|p| {
            let n = p.words.len();
            (2 * shared.min(n)) as f64 / ((n + m) as f64) >= SIMILAR
        })
    }

    #[test]
    fn the_early_stopping_bound_agrees_with_counting_every_word() {
        let dshea = builtin_dshea();
        let paras: Vec<&Paragraph> = dshea.variants.iter().map(|v| &v[0]).collect();
        let union: rustc_hash::FxHashSet<&str> = paras
            .iter()
            .flat_map(|p| p.words.iter().map(String::as_str))
            .collect();
        // The built-in index, whose word ids the rule reads.
        let registry = crate::rules::Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
        let index = &registry.lexicon.index;
        let by_id = Union::new(&paras, index);
        let mut passed = 0;
        let mut blocks = 0;
        for (_, text) in crate::text::fixtures::fixture_texts(&["articles", "review"]) {
            for block in text.split("\n\n").chain(DSHEA) {
                let block = w(block);
                let fast = shares_enough(
                    block.iter().map(|w| union.contains(w.as_str())),
                    block.len(),
                    &paras,
                );
                assert_eq!(fast, shares_enough_plainly(&block, &paras), "{block:?}");
                // Membership by word id agrees with membership by string.
                for word in &block {
                    let id = index.word_id(word).unwrap_or(NO_WORD);
                    assert_eq!(
                        by_id.contains(id, || word),
                        union.contains(word.as_str()),
                        "{word}"
                    );
                }
                passed += usize::from(fast);
                blocks += 1;
            }
        }
        // Both answers occur: the statements themselves pass, ordinary prose does not.
        assert!(passed > 0 && passed < blocks, "{passed} of {blocks}");
    }

    #[test]
    fn the_fewest_shared_words_are_found_from_their_estimate() {
        for n in 1..60 {
            for m in 0..200 {
                let plain = (1..=n)
                    .find(|&shared| (2 * shared) as f64 / ((n + m) as f64) >= SIMILAR)
                    .unwrap_or(usize::MAX);
                assert_eq!(fewest_shared(n, m), plain, "n {n} m {m}");
            }
        }
    }

    /// The least `shared` passing the floating-point comparison, from its estimate stepped
    /// to the exact boundary.
    fn fewest_shared_in_floats(n: usize, m: usize) -> usize {
        let passes = |shared: usize| (2 * shared) as f64 / ((n + m) as f64) >= SIMILAR;
        let mut shared = ((SIMILAR * (n + m) as f64) / 2.0).ceil().max(1.0) as usize;
        while shared > 1 && passes(shared - 1) {
            shared -= 1;
        }
        while shared <= n && !passes(shared) {
            shared += 1;
        }
        if shared <= n { shared } else { usize::MAX }
    }

    #[test]
    fn integer_and_floating_point_bounds_agree_for_every_length_compared() {
        // Every wording length up to the limit, against blocks up to the longest in reach.
        for n in 1..=MAX_WORDS {
            for m in 0..=2 * n + 21 {
                assert_eq!(
                    fewest_shared(n, m),
                    fewest_shared_in_floats(n, m),
                    "n {n} m {m}"
                );
            }
        }
    }

    #[test]
    fn normalising_ignores_case_quotes_hyphens_and_spacing() {
        assert_eq!(
            w("Doctor’s  advice is NOT risk-free,\n  “really”"),
            w("doctor's advice is not risk free \"really\"")
        );
    }
}
