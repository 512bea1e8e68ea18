//! `phrase` and `pattern` rules: a trigger (phrase lists or regexes) found in a sentence,
//! optionally about a subject (a therapy) in the same clause, and not excused by its context.

use serde::Deserialize;

use super::alternatives::{Alternatives, Haystack};
use super::context::{Lexicon, SentenceView};
use super::regex::{Compile, LazyRegex};
use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::{Label, Safety, Sink, Suggestion};
use crate::document::{Block, Sentence};
use crate::source::Span;
use crate::text::ascii;
use crate::text::phrase::{Hit, SetId, SetMask};

/// A context that excuses a match.
#[derive(Deserialize, Copy, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Exception {
    /// A negation cue has the match in scope ("does not cure").
    Negated,
    /// Any hedge is in scope ("may", "in some patients", "results vary").
    Hedged,
    /// A population hedge is in the clause ("in some cases").
    PopulationHedged,
    /// The sentence is a question, or sits under a question heading.
    Question,
    /// Reported speech ("claims that …", "beware of …").
    Reported,
    /// The sentence or its paragraph cites a source: a footnote, a link, an author-year
    /// parenthesis or a DOI.
    Cited,
    /// The sentence contains a link.
    Linked,
    /// Its paragraph says the evidence does not support the claim ("there is insufficient
    /// evidence", "FDA concludes that …").
    Disclaimed,
}

/// The set of exceptions a rule honours.
#[derive(Copy, Clone, Debug, Default)]
pub struct Unless {
    negated: bool,
    hedged: bool,
    population_hedged: bool,
    question: bool,
    reported: bool,
    cited: bool,
    linked: bool,
    disclaimed: bool,
}

impl FromIterator<Exception> for Unless {
    fn from_iter<I: IntoIterator<Item = Exception>>(iter: I) -> Self {
        let mut u = Unless::default();
        for e in iter {
            match e {
                Exception::Negated => u.negated = true,
                Exception::Hedged => u.hedged = true,
                Exception::PopulationHedged => u.population_hedged = true,
                Exception::Question => u.question = true,
                Exception::Reported => u.reported = true,
                Exception::Cited => u.cited = true,
                Exception::Linked => u.linked = true,
                Exception::Disclaimed => u.disclaimed = true,
            }
        }
        u
    }
}

/// What a rule looks for.
pub enum Trigger {
    /// Phrase sets (the rule's own list plus referenced vocabularies).
    Phrases(Vec<SetId>),
    /// Regexes over the sentence text.
    Patterns(Patterns),
}

/// A pattern rule's regexes, and all of them as one regex that tells first whether any
/// matches: most sentences hold none (no statistic), and one scan says so where one search
/// per pattern would scan the sentence once each.
pub struct Patterns {
    each: Vec<LazyRegex>,
    any: Alternatives,
}

impl Patterns {
    /// `regexes`, checked already (compiled, or known to compile).
    pub fn new(regexes: Vec<LazyRegex>) -> Patterns {
        let sources: Vec<String> = regexes.iter().map(|r| r.pattern().to_string()).collect();
        let any = Alternatives::new(&sources, Compile::OnFirstUse)
            .expect("compiled on first use, so not compiled here");
        Patterns { each: regexes, any }
    }

    /// Whether some pattern may match the text of `hay`: false only when the joined regex
    /// says none does.
    fn may_match(&self, hay: Haystack<'_>) -> bool {
        self.any.try_is_match_in(hay).unwrap_or(true)
    }
}

/// A sentence rule driven by phrase lists or regexes.
pub struct PhraseRule {
    /// What to find.
    pub trigger: Trigger,
    /// Phrases that are a finding on their own, without `subject` or `requires`.
    pub standalone: Option<SetId>,
    /// A vocabulary that must also appear in the trigger's clause (the claim's subject).
    pub subject: Option<SetId>,
    /// Vocabularies of which at least one must appear somewhere in the sentence (empty: none).
    pub requires: Vec<SetId>,
    /// Contexts that excuse a match.
    pub unless: Unless,
    /// Raise severity when a booster is in the clause.
    pub boost: bool,
    /// Label under the flagged words.
    pub label: Option<String>,
    /// What the why-note calls the subject ("the treatment", "the source").
    pub subject_name: String,
    /// Vocabularies whose hit anywhere in the sentence excuses a match (a regulator's
    /// approval stated with its use excuses an FDA-status phrase).
    pub excused_by: Vec<SetId>,
    /// Vocabularies that excuse a match as `excused_by` does, unless a hit of
    /// `excuse_void_with` is in the sentence too ("PRP is FDA approved to treat knee pain":
    /// no approval covers PRP for that).
    pub voidable_excuses: Vec<SetId>,
    /// See `voidable_excuses`.
    pub excuse_void_with: Vec<SetId>,
    /// Vocabularies whose hit overlapping a match excuses that match only ("cure rates" is a
    /// measure, not a promise of a cure).
    pub except: Vec<SetId>,
    /// Rewrites offered as unsafe fixes, by the matched words (see [`replace_key`]).
    pub replace: std::collections::BTreeMap<String, String>,
}

/// Matched words as a pack's `replace` table names them: lower case, hyphens and runs of space
/// as one space ("Risk-free" → "risk free").
pub fn replace_key(words: &str) -> String {
    if words.is_ascii() {
        return ascii_replace_key(words);
    }
    // Lowercased whole first (a final sigma depends on the letters around it), then its words
    // joined in one pass into one string: no list of words, no string per step.
    let lower = words.to_lowercase();
    let mut key = String::with_capacity(lower.len());
    let separator = |c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}');
    for word in lower.split(separator).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// [`replace_key`] of ASCII `words`, in one pass over their bytes: each run of separators
/// (what `char::is_whitespace` and the hyphen are among ASCII) is one space, none at either
/// end. Matched words are ASCII on most pages, and every finding of a rule with rewrites
/// builds a key or two.
fn ascii_replace_key(words: &str) -> String {
    let separator = |b: u8| ascii::is_space(b) || b == b'-';
    let mut key = String::with_capacity(words.len());
    let mut gap = false;
    for b in words.bytes() {
        if separator(b) {
            gap = !key.is_empty();
        } else {
            if gap {
                key.push(' ');
                gap = false;
            }
            key.push(char::from(b.to_ascii_lowercase()));
        }
    }
    key
}

/// Words after which a rewrite starting "may …" would not be grammar: a determiner (the noun
/// "a cure") or a modal or "to" ("can eliminate").
const NOT_BEFORE_MAY: &[&str] = &[
    "a", "an", "the", "no", "our", "this", "that", "any", "every", "its", "their", "your", "my",
    "can", "could", "will", "would", "may", "might", "should", "must", "to", "natural",
];

impl PhraseRule {
    /// The pack's rewrite of `words` (already a [`replace_key`]): the whole words, or their
    /// longest leading words the table names, the rest kept as written.
    fn rewrite_of(&self, key: &str, written: &str) -> Option<String> {
        if let Some(with) = self.replace.get(key) {
            return Some(with.clone());
        }
        // The leading words are the text before one of its spaces (`written` holds single
        // spaces only), the longest first.
        written.rmatch_indices(' ').find_map(|(space, _)| {
            let with = self.replace.get(&replace_key(&written[..space]))?;
            let rest = &written[space + 1..];
            Some(if with.is_empty() {
                rest.to_string()
            } else {
                format!("{with} {rest}")
            })
        })
    }

    /// The unsafe rewrite of the words at `span`, when the pack names one for them and the
    /// source holds them as plain words (no markup inside).
    fn rewrite(&self, source: &str, span: Span) -> Option<Suggestion> {
        if self.replace.is_empty() {
            return None;
        }
        let written = source.get(span.start as usize..span.end as usize)?;
        if written.contains(['*', '_', '`', '<', '>', '[', ']', '\n', '\t'])
            || ascii::has_double_space(written)
        {
            return None;
        }
        // A key may name the word after the match too ("guaranteed to"): that rewrite takes
        // the word with it, and comes first. Such a key starts with the match's own key and a
        // space (lowercasing either side of a space does not depend on the other), so it is
        // built only when the table has a key that starts so.
        let key = replace_key(written);
        let mut longer = String::with_capacity(key.len() + 1);
        longer.push_str(&key);
        longer.push(' ');
        let may_take_next = self
            .replace
            .range::<String, _>(&longer..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&longer));
        let rest = &source[span.end as usize..];
        let next = rest
            .strip_prefix(' ')
            .map(|r| r.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""))
            .filter(|w| may_take_next && !w.is_empty());
        let with_next = next.and_then(|w| {
            let key = replace_key(&format!("{written} {w}"));
            Some((
                self.replace.get(&key)?.clone(),
                span.end as usize + 1 + w.len(),
            ))
        });
        let (with, span) = match with_next {
            Some((with, end)) => (with, Span::new(span.start as usize, end)),
            None => (self.rewrite_of(&key, written)?, span),
        };
        let written = &source[span.start as usize..span.end as usize];
        if with.starts_with("may ") {
            let before = source[..span.start as usize]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
                .next()
                .unwrap_or("")
                .to_lowercase();
            if NOT_BEFORE_MAY.contains(&before.as_str()) {
                return None;
            }
        }
        let replacement = crate::text::case::match_case(written, &with);
        // A removal takes one space beside the words with it.
        let (mut start, mut end) = (span.start as usize, span.end as usize);
        if replacement.is_empty() {
            if source[end..].starts_with(' ') {
                end += 1;
            } else if source[..start].ends_with(' ') {
                start -= 1;
            }
        }
        let title = if replacement.is_empty() {
            format!("Remove `{written}`")
        } else {
            format!("Replace `{written}` with `{replacement}`")
        };
        Some(Suggestion {
            span: Span::new(start, end),
            replacement,
            title,
            safety: Safety::Unsafe,
        })
    }
}

/// Whether a sentence contains link text.
fn sentence_linked(block: &Block, sentence: &Sentence) -> bool {
    block
        .link_text
        .iter()
        .any(|l| l.start < sentence.end && sentence.start < l.end)
}

/// The words of a match as read (entities decoded, code spans hidden), not the markup: single
/// spaces between words, a code span shown as `…`.
fn as_read(words: &str) -> std::borrow::Cow<'_, str> {
    let plain = !words.contains(crate::text::CODE_PLACEHOLDER)
        && !ascii::has_double_space(words)
        && !words.contains(|c: char| c.is_whitespace() && c != ' ')
        && words.trim() == words;
    if plain {
        return words.into();
    }
    words
        .replace(crate::text::CODE_PLACEHOLDER, "…")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

fn overlaps(h: &Hit, first: u32, last: u32) -> bool {
    h.first <= last && first <= h.last
}

/// The views that may have a hit of `wanted` (all of them when `None`), found by a scan that
/// does nothing else: it passes over most of a page's sentences for every rule, so it is kept
/// to a mask test a view.
fn sentences_with(
    views: &[SentenceView],
    wanted: Option<SetMask>,
) -> impl Iterator<Item = &SentenceView> {
    views
        .iter()
        .filter(move |v| wanted.is_none_or(|w| v.sets.may_intersect(&w)))
}

impl PhraseRule {
    /// Whether `set` is one of the rule's phrase triggers or its standalone phrases.
    fn is_trigger(&self, set: SetId) -> bool {
        match &self.trigger {
            Trigger::Phrases(sets) => sets.contains(&set) || Some(set) == self.standalone,
            Trigger::Patterns(_) => false,
        }
    }

    /// The sets a sentence needs a hit of for this rule to fire there, so other sentences are
    /// skipped on one bit test; `None` when any sentence may match (patterns with no
    /// `requires`).
    fn trigger_sets(&self) -> Option<SetMask> {
        match &self.trigger {
            Trigger::Phrases(sets) => {
                Some(SetMask::of(sets.iter().copied().chain(self.standalone)))
            }
            Trigger::Patterns(_) if self.requires.is_empty() => None,
            Trigger::Patterns(_) => Some(SetMask::of(self.requires.iter().copied())),
        }
    }

    /// Trigger matches, leftmost-longest without overlaps, each marked standalone or not.
    /// Into `kept` (with `found` as scratch; both are cleared first).
    fn candidates(
        &self,
        view: &SentenceView,
        hay: Haystack<'_>,
        found: &mut Vec<(u32, u32, bool)>,
        kept: &mut Vec<(u32, u32, bool)>,
    ) {
        found.clear();
        kept.clear();
        match &self.trigger {
            Trigger::Phrases(_) => found.extend(
                view.hits
                    .iter()
                    .filter(|h| self.is_trigger(h.set))
                    .map(|h| (h.first, h.last, Some(h.set) == self.standalone)),
            ),
            Trigger::Patterns(patterns) if !patterns.may_match(hay) => {}
            Trigger::Patterns(patterns) => found.extend(
                patterns
                    .each
                    .iter()
                    .filter_map(LazyRegex::get)
                    // Made with `LazyRegex::later`: for the text as it is.
                    .flat_map(|c| c.regex.find_iter(hay.text()))
                    .filter_map(|m| view.tokens_covering(m.start(), m.end()))
                    .map(|(a, b)| (a, b, false)),
            ),
        }
        // Leftmost-longest, no overlaps: "cures the damage" once, not also "cures".
        found.sort_by_key(|&(first, last, alone)| (first, std::cmp::Reverse(last), !alone));
        for &c in found.iter() {
            if kept.last().is_none_or(|k| c.0 > k.1) {
                kept.push(c);
            }
        }
    }

    fn subject_hit<'v>(&self, view: &'v SentenceView, first: u32, last: u32) -> Option<&'v Hit> {
        let set = self.subject?;
        view.hits_of(set)
            .filter(|h| !overlaps(h, first, last) && view.same_clause(h.first, first))
            .min_by_key(|h| h.first.abs_diff(first))
    }

    /// Whether a match is excused by its context. `others` are the rule's other matches in the
    /// sentence, whose words do not count as cues.
    fn excused(
        &self,
        lex: &Lexicon,
        view: &SentenceView,
        (first, last): (u32, u32),
        from: u32,
        others: &[(u32, u32)],
    ) -> bool {
        let u = &self.unless;
        (u.question
            && ((view.question && !view.rhetorical(lex))
                || view.in_indirect_question(lex, first, last)
                || view.indirect_question_before(lex, first)))
            || (u.reported && view.reported(lex, from).is_some())
            || (u.negated && view.negation_except(lex, first, last, others).is_some())
            || (u.hedged && view.hedge(lex, first, last).is_some())
            || (u.population_hedged && view.population_hedge(lex, first, last).is_some())
    }

    fn why(&self, view: &SentenceView, subject: Option<&Hit>) -> String {
        let u = &self.unless;
        let hedge = if u.hedged {
            Some("hedge")
        } else if u.population_hedged {
            Some("population hedge")
        } else {
            None
        };
        let absent = [u.negated.then_some("negation"), hedge];
        let mut why = String::with_capacity(128);
        why.push_str("why: ");
        if let Some(s) = subject {
            why.push_str(&self.subject_name);
            why.push_str(" \"");
            view.push_hit_text(s, &mut why);
            why.push_str("\" is its subject; ");
        }
        match absent {
            [None, None] => why.push_str("the phrase itself is the problem"),
            [Some(one), None] | [None, Some(one)] => {
                why.push_str("no ");
                why.push_str(one);
                why.push_str(" in this clause");
            }
            [Some(first), Some(second)] => {
                why.push_str("no ");
                why.push_str(first);
                why.push_str(" or ");
                why.push_str(second);
                why.push_str(" in this clause");
            }
        }
        if u.question {
            why.push_str("; stated, not asked");
        }
        if u.cited {
            why.push_str("; no citation a reader can follow in this sentence or its paragraph");
        }
        if u.linked {
            why.push_str("; no link in this sentence");
        }
        why
    }
}

/// Most tokens from a subject to the words of a match (`Studies show`: 1; `research has
/// shown`: 2; `studies have clearly shown`: 3) for the subject to be part of the claim phrase.
const JOINED_GAP: u32 = 3;

impl DocumentRule for PhraseRule {
    fn sentence_triggers(&self) -> Option<SetMask> {
        self.trigger_sets()
    }

    fn deferred_patterns(&self) -> Vec<LazyRegex> {
        match &self.trigger {
            Trigger::Patterns(patterns) => std::iter::once(patterns.any.first_form())
                .chain(&patterns.each)
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let wanted = self.trigger_sets();
        // A hit's set is looked up in the lists below only when these masks may hold it.
        let except = SetMask::of(self.except.iter().copied());
        // Buffers for the sentences' candidates, kept across sentences.
        let (mut found, mut candidates, mut ranges) = (Vec::new(), Vec::new(), Vec::new());
        for view in sentences_with(cx.sentences, wanted) {
            // Cheapest tests first: most sentences have no trigger at all.
            let required = self.requires.is_empty() || view.has_any(&self.requires);
            let triggered = match &self.trigger {
                Trigger::Phrases(_) => view
                    .hits
                    .iter()
                    .any(|h| wanted.is_none_or(|w| w.may_contain(h.set)) && self.is_trigger(h.set)),
                Trigger::Patterns(_) => required,
            };
            if !triggered {
                continue;
            }
            let sentence = &cx.doc.sentences[view.index];
            let block = &cx.doc.blocks[sentence.block as usize];
            if (self.unless.cited && cx.block_cites(sentence.block as usize))
                || (self.unless.linked && sentence_linked(block, sentence))
                || (self.unless.disclaimed && cx.block_disclaims(sentence.block as usize))
                || view.has_any(&self.excused_by)
                || (view.has_any(&self.voidable_excuses) && !view.has_any(&self.excuse_void_with))
            {
                continue;
            }
            let hay = cx.sentence_haystack(sentence);
            let text = hay.text();
            self.candidates(view, hay, &mut found, &mut candidates);
            ranges.clear();
            ranges.extend(candidates.iter().map(|&(a, b, _)| (a, b)));
            for &(first, last, alone) in &candidates {
                if view.hits.iter().any(|h| {
                    except.may_contain(h.set)
                        && self.except.contains(&h.set)
                        && h.first <= last
                        && first <= h.last
                }) {
                    continue;
                }
                let subject = if alone {
                    None
                } else {
                    self.subject_hit(view, first, last)
                };
                if !alone && (!required || (self.subject.is_some() && subject.is_none())) {
                    continue;
                }
                let from = subject.map_or(first, |s| s.first.min(first));
                if self.excused(cx.lexicon, view, (first, last), from, &ranges) {
                    continue;
                }
                // A subject next to the words ("Studies show", "research has proven") is part of
                // the claim phrase, and the span covers both; one further off is labelled.
                let joined = subject.filter(|s| {
                    s.last < first && first - s.last <= JOINED_GAP
                        || s.first > last && s.first - last <= JOINED_GAP
                });
                let (lo, hi) =
                    joined.map_or((first, last), |s| (s.first.min(first), s.last.max(last)));
                let (a, b) = view.byte_range(lo, hi);
                let span = cx.doc.sentence_source_span(sentence, a, b);
                let matched = as_read(&text[a..b]);
                let message = fill(&sink.rule().message, &[("match", &matched)]);
                let why = self.why(view, subject);
                let booster = if self.boost {
                    view.booster(cx.lexicon, first, last)
                } else {
                    None
                };
                let subject_span = subject.filter(|_| joined.is_none()).map(|s| {
                    let (sa, sb) = view.byte_range(s.first, s.last);
                    cx.doc.sentence_source_span(sentence, sa, sb)
                });
                // The rewrite is of the rule's own words, not the subject joined to them.
                let (ta, tb) = view.byte_range(first, last);
                let fix = self.rewrite(cx.source, cx.doc.sentence_source_span(sentence, ta, tb));
                let d = sink.report(span, message);
                d.suggestions.extend(fix);
                d.primary.message = self.label.clone().unwrap_or_default();
                d.context = Some(sentence.span);
                d.notes.push(why);
                if let Some(s) = subject_span {
                    d.secondary.push(Label {
                        span: s,
                        message: format!("{} this claim is about", self.subject_name),
                    });
                }
                if let Some(cue) = booster {
                    d.severity = d.severity.raised();
                    d.notes.push(format!(
                        "booster \"{}\" makes the claim absolute, so the severity is raised",
                        view.hit_text(&cue.hit)
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Haystack, LazyRegex, Patterns, replace_key};
    use crate::rules::alternatives::Boundaries;

    #[test]
    fn the_joined_gate_passes_every_sentence_a_pattern_matches() {
        let sources = [
            r"\b[0-9]{1,3}(?:\.[0-9]+)?[ \u00a0]?(?:%|percent\b|per cent\b)",
            r"(?-u:\b)(?:[0-9]+|nine|seven) (?:out of|in) (?:10|ten) (?:patients|clients)(?-u:\b)",
            r"\bcafé\b",
        ];
        let limit = crate::rules::regex::REGEX_SIZE_LIMIT;
        let regexes: Vec<LazyRegex> = sources
            .iter()
            .map(|p| LazyRegex::later(p.to_string(), limit))
            .collect();
        let patterns = Patterns::new(regexes.clone());
        for text in [
            "Our 95% success rate.",
            "Nine in ten patients agree.",
            "NINE OUT OF TEN CLIENTS",
            "\u{17f}even in ten patients",
            "Über 50 percent of users",
            "A café visit, 9 in ten",
            "Our CAFÉ",
            "No statistic here, not one.",
            "",
        ] {
            let any = regexes
                .iter()
                .any(|r| r.get().is_some_and(|c| c.regex.is_match(text)));
            let hay = Haystack::new(text, Boundaries::of(text));
            assert_eq!(patterns.may_match(hay), any, "{text}");
        }
    }

    /// The plain key the one-pass [`replace_key`] must agree with.
    fn plain_key(words: &str) -> String {
        words
            .to_lowercase()
            .replace(['-', '\u{2010}', '\u{2011}'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn replace_keys_join_lowercased_words_as_the_plain_key_does() {
        let cases = [
            "",
            "Risk-free",
            "  Guaranteed   to\tcure ",
            "risk\u{2010}free\u{2011}forever",
            "--",
            "ΟΔΥΣΣΕΥΣ-Cure",
            "İstanbul Clinic — 100% natural",
            "no\u{00A0}side effects",
            "Risk-Free\x0bFOR\x0c life\r\n-",
            "- -",
            " a",
            "NO SIDE-EFFECTS ",
        ];
        for words in cases {
            assert_eq!(replace_key(words), plain_key(words), "{words:?}");
        }
    }
}
