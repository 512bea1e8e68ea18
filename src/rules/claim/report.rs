//! Reporting claims: the claims of one rule in one clause are one finding naming their verbs,
//! its span on the first claim and a label under each other one (a span over them all would
//! underline the clause between them), with the subject labelled and a help line that quotes
//! what was claimed.

use std::borrow::Cow;

use super::sets::ClaimSets;
use super::{Claim, Object, Subject};
use crate::diagnostic::{Label, Safety, Sink, Suggestion};
use crate::document::{Document, Sentence};
use crate::rules::context::SentenceView;
use crate::rules::{DocContext, fill};
use crate::source::Span;

/// One finding to report: the claims it covers and why it fired.
struct Finding<'c> {
    /// The claims, in sentence order (at least one).
    claims: Vec<&'c Claim>,
    /// The why-note, for the first claim.
    why: String,
}

/// Report the claims of a document that `why` fires on, sentence by sentence: `why` gets the
/// sentence's view and text and a claim, and gives the why-note of a claim to report. Claims in
/// one clause with the same subject are one finding, with `labels.0` under the first claim's
/// words and `labels.1` under each other's.
pub fn report_claims(
    cx: &DocContext<'_>,
    sink: &mut Sink<'_>,
    labels: (&str, &str),
    why: impl Fn(&SentenceView, &str, &Claim) -> Option<String>,
) {
    report_claims_with(cx, sink, labels, false, why);
}

/// [`report_claims`], offering a hedge as an unsafe fix when `hedge` is set ("relieves back
/// pain" → "may help relieve back pain"): for rules a hedge answers, not those it does not.
pub fn report_claims_with(
    cx: &DocContext<'_>,
    sink: &mut Sink<'_>,
    labels: (&str, &str),
    hedge: bool,
    why: impl Fn(&SentenceView, &str, &Claim) -> Option<String>,
) {
    let sentences = cx.sentences.iter().zip(cx.claims().by_sentence());
    let alone = sentences
        .filter(|(_, claims)| !claims.is_empty())
        .map(|(view, claims)| {
            let sentence = &cx.doc.sentences[view.index];
            let text = cx.doc.sentence_text(sentence);
            (Reading::alone(view, text, sentence), claims)
        });
    let listed = cx.claims().listed().iter().map(|l| {
        let reading = Reading {
            view: &l.view,
            text: &l.text,
            sentence: &cx.doc.sentences[l.item],
            lead: Some((&cx.doc.sentences[l.lead], l.split)),
        };
        (reading, &l.claims[..])
    });
    for (reading, claims) in alone.chain(listed) {
        let firing: Vec<(&Claim, String)> = claims
            .iter()
            .filter_map(|c| Some((c, why(reading.view, reading.text, c)?)))
            .collect();
        for finding in group(reading.view, firing) {
            // A list item's claim runs on from its lead-in: no words put in one place hedge it.
            let fix = (hedge && reading.lead.is_none())
                .then(|| hedged(cx, reading.view, &finding))
                .flatten();
            report(cx, sink, reading, finding, labels);
            if let (Some(fix), Some(d)) = (fix, sink.last()) {
                d.suggestions.push(fix);
            }
        }
    }
}

/// The words a claim was read in: a sentence alone, or a list item run on from its lead-in.
#[derive(Clone, Copy)]
struct Reading<'a> {
    view: &'a SentenceView,
    text: &'a str,
    /// The sentence a finding is in (the list item's).
    sentence: &'a Sentence,
    /// For a list item, the lead-in's sentence and where the item's words start in `text`
    /// (after the lead-in's words and a space).
    lead: Option<(&'a Sentence, usize)>,
}

impl<'a> Reading<'a> {
    fn alone(view: &'a SentenceView, text: &'a str, sentence: &'a Sentence) -> Reading<'a> {
        Reading {
            view,
            text,
            sentence,
            lead: None,
        }
    }

    /// The source span of bytes `a..b` of the text read: in the lead-in when they are its
    /// words, else in the item (from its start, for words that run on from the lead-in).
    fn span(&self, doc: &Document, a: usize, b: usize) -> Span {
        match self.lead {
            None => doc.sentence_source_span(self.sentence, a, b),
            Some((lead, split)) if b < split => doc.sentence_source_span(lead, a, b),
            Some((_, split)) => {
                doc.sentence_source_span(self.sentence, a.saturating_sub(split), b - split)
            }
        }
    }

    /// The source span of tokens `first..=last`.
    fn token_span(&self, doc: &Document, (first, last): (u32, u32)) -> Span {
        let (a, b) = self.view.byte_range(first, last);
        self.span(doc, a, b)
    }
}

/// Group a sentence's firing claims (in order) into findings: claims in one clause with the
/// same subject are one claim, and so is a claim inside the words of the one before it
/// ("Remedies to Relieve Joint Pain": the label's noun and the verb it leads to).
fn group<'c>(view: &SentenceView, firing: Vec<(&'c Claim, String)>) -> Vec<Finding<'c>> {
    let mut out: Vec<Finding<'c>> = Vec::new();
    for (claim, why) in firing {
        match out.last_mut() {
            Some(f)
                if view.same_clause(f.claims[0].first, claim.first)
                    && (f.claims[0].subject == claim.subject
                        || f.claims.iter().any(|c| claim.first <= c.extent().1)) =>
            {
                f.claims.push(claim);
            }
            _ => out.push(Finding {
                claims: vec![claim],
                why,
            }),
        }
    }
    out
}

/// Words before a claim's verb that a hedge replaces: a modal that is not a hedge ("can
/// relieve") and absolute adverbs ("completely relieves"); so does a seller's frequency of
/// most cases ("often relieves", [`SentenceView::of_most_cases`]).
const BEFORE_HEDGE: &[&str] = &[
    "can",
    "will",
    "does",
    "do",
    "completely",
    "fully",
    "totally",
    "instantly",
    "quickly",
    "truly",
    "really",
    "dramatically",
    "significantly",
    "effectively",
    "naturally",
    "always",
    "permanently",
    "greatly",
    "drastically",
    "rapidly",
    "swiftly",
    "gently",
    "safely",
    "immediately",
    "visibly",
    "noticeably",
    "powerfully",
    "deeply",
    "actively",
];

/// Whether the words `between` one verb of a finding and the next join the next to the first,
/// so that the first's hedge covers it: nothing ("can help ease"), "and" or "or", or one of
/// those with an adverb or two before the verb ("regenerates cartilage and permanently
/// relieves pain", which a second hedge would garble as "and permanently may help relieve").
fn joins_hedged(between: &str) -> bool {
    let mut words = between.split_whitespace().rev();
    for _ in 0..=2 {
        match words.next() {
            None => return true,
            Some("and" | "or") => return true,
            Some(w) if w.len() > 3 && w.ends_with("ly") && w.chars().all(char::is_alphabetic) => {}
            Some(_) => return false,
        }
    }
    false
}

/// The finding's claims hedged: "(completely) relieves X and boosts Y" → "may help relieve X
/// and boost Y", a verb joined by "and" or "or" in its base form after the first "may help",
/// any other verb hedged on its own (an adverb between "and" and the verb is kept). `None`
/// when a claim is not put with a verb, has no named subject (a headline, an imperative), or
/// when markup sits inside the words.
fn hedged(cx: &DocContext<'_>, view: &SentenceView, finding: &Finding<'_>) -> Option<Suggestion> {
    let index = &cx.lexicon.index;
    let norm = |t: u32| view.tokens.norm_of(t as usize);
    // A finite verb after its subject: not "by closing", "healed", nor "does PRP ease".
    let finite = |c: &Claim| {
        let verb = norm(c.first);
        let inflected = index.verb_base(verb) != verb;
        !(inflected && (verb.ends_with("ing") || verb.ends_with("ed")))
            && !(0..c.first)
                .any(|t| view.same_clause(t, c.first) && ["does", "do", "did"].contains(&norm(t)))
    };
    let plain = |c: &&Claim| {
        c.form == super::Form::Verb
            && finite(c)
            && index.is_verb_form(norm(c.first))
            && !c.signals.headline
            && matches!(c.subject, Subject::Named { .. })
    };
    if !finding.claims.iter().all(plain) {
        return None;
    }
    let lead = finding.claims[0];
    let mut from = lead.first;
    while from > 0
        && lead.first - from < 2
        && (BEFORE_HEDGE.contains(&norm(from - 1)) || view.of_most_cases(cx.lexicon, from - 1))
    {
        from -= 1;
    }
    // "to fight fatigue": "may" cannot follow "to", and "to help fight" still promises; the
    // sentence needs rewording, not a word put in.
    if from > 0 && norm(from - 1) == "to" {
        return None;
    }
    let last = finding.claims.last()?.last;
    let sentence = &cx.doc.sentences[view.index];
    let text = cx.doc.sentence_text(sentence);
    let (a, b) = view.byte_range(from, last);
    let span = cx.doc.sentence_source_span(sentence, a, b);
    // The source must hold the words as the sentence reads them, or the edit would not fit.
    if cx.source.get(span.start as usize..span.end as usize) != Some(&text[a..b]) {
        return None;
    }
    let mut out = String::new();
    let mut at = a;
    for (n, c) in finding.claims.iter().enumerate() {
        let (va, vb) = view.byte_range(c.first, c.last);
        let start = if n == 0 { a } else { va };
        let between = &text[at..start];
        out.push_str(between);
        let base: Vec<&str> = (c.first..=c.last)
            .map(|t| index.verb_base(norm(t)))
            .collect();
        let base = base.join(" ");
        // "relieves X and boosts Y"; "can help ease X", whose second verb follows the first
        // (already hedged) at once.
        let joined = joins_hedged(between);
        if n == 0 || !joined {
            let hedge = if base == "help" || base.starts_with("help ") {
                format!("may {base}")
            } else {
                format!("may help {base}")
            };
            out.push_str(&crate::text::case::match_case(&text[start..vb], &hedge));
        } else {
            out.push_str(&base);
        }
        at = vb;
    }
    out.push_str(&text[at..b]);
    let title = format!("Hedge the claim: `{out}`");
    Some(Suggestion {
        span,
        replacement: out,
        title,
        safety: Safety::Unsafe,
    })
}

/// The words of tokens `first..=last` as written in the sentence, on one line: the
/// sentence's own text when it already reads so (most spans), which is then not copied.
pub fn words<'t>(view: &SentenceView, text: &'t str, first: u32, last: u32) -> Cow<'t, str> {
    let (a, b) = view.byte_range(first, last);
    let span = &text[a..b];
    // The placeholder is not ASCII: most spans are, and need no search for it.
    if !span.is_ascii() && span.contains(crate::text::CODE_PLACEHOLDER) {
        let shown = span.replace(crate::text::CODE_PLACEHOLDER, "…");
        return Cow::Owned(join_words(&shown).into_owned());
    }
    join_words(span)
}

/// The words of `text` joined by single spaces: `text` itself when they already are.
fn join_words(text: &str) -> Cow<'_, str> {
    // Most spans are ASCII words already one space apart: then they are their own join, and
    // no character need be decoded.
    let b = text.as_bytes();
    let plain = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter()
            .all(|&c| c.is_ascii() && !matches!(c, b'\t'..=b'\r'))
        && !crate::text::ascii::has_double_space(text);
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (n, word) in text.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// The words that name a claim's object `o`: for a pronoun ("kills them"), the health object
/// it stands for.
pub fn named_object(view: &SentenceView, sets: &ClaimSets, claim: &Claim, o: Object) -> (u32, u32) {
    super::object::naming_tokens(view, sets, o, claim.first)
}

/// What a note says of a claim's object `o`, appended to `out`: `"back pain" is a symptom`;
/// for a pronoun that stands for nothing in its own sentence, the ailment the question before
/// asks about (`"them" stands for what the question before asks about, a disease`).
pub fn push_object_note(
    view: &SentenceView,
    text: &str,
    sets: &ClaimSets,
    claim: &Claim,
    o: Object,
    out: &mut String,
) {
    let (first, last) = named_object(view, sets, claim, o);
    out.push('"');
    out.push_str(&words(view, text, first, last));
    if first == last && super::object::object_pronoun(view.tokens.norm_of(first as usize)) {
        out.push_str("\" stands for what the question before asks about, ");
    } else {
        out.push_str("\" is ");
    }
    out.push_str(o.kind.noun());
}

/// What a note calls the subject, appended to `out`: `the product "CBD"`, `the pronoun "it"`;
/// false, and nothing appended, when the claim names no subject.
pub fn push_subject_words(
    view: &SentenceView,
    text: &str,
    claim: &Claim,
    out: &mut String,
) -> bool {
    let Subject::Named { kind, first, last } = claim.subject else {
        return false;
    };
    out.push_str(kind.noun());
    out.push_str(" \"");
    out.push_str(&words(view, text, first, last));
    out.push('"');
    true
}

/// The base form of a claim's verb, for help lines ("relieves" → "relieve"); "help with" for
/// nouns and properties.
pub fn verb(cx: &DocContext<'_>, view: &SentenceView, claim: &Claim) -> String {
    let index = &cx.lexicon.index;
    let first = view.tokens.norm_of(claim.first as usize);
    // "protects against" → "protect against"; "is effective for" → "help with".
    if claim.form != super::Form::Verb || !index.is_verb_form(first) {
        return "help with".into();
    }
    let mut out = String::new();
    for t in claim.first..=claim.last {
        if t > claim.first {
            out.push(' ');
        }
        out.push_str(index.verb_base(view.tokens.norm_of(t as usize)));
    }
    out
}

/// Report one finding of `sink`'s rule. `help` is the rule's help template with `{verb}`,
/// `{object}` and `{subject}` to fill; `label` goes under the words.
fn report(
    cx: &DocContext<'_>,
    sink: &mut Sink<'_>,
    reading: Reading<'_>,
    finding: Finding<'_>,
    (label, also): (&str, &str),
) {
    let Finding { claims, why } = finding;
    let Reading {
        view,
        text,
        sentence,
        ..
    } = reading;
    let (first, last) = claims
        .iter()
        .map(|c| c.extent())
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
        .unwrap_or((0, 0));
    // The first claim's words, with those of any claim overlapping them ("help prevent the
    // flu" holds "prevent the flu"); each claim apart from them gets a label of its own.
    let mut lead_extent = claims[0].extent();
    let mut apart: Vec<(u32, u32)> = Vec::new();
    for (a, b) in claims[1..].iter().map(|c| c.extent()) {
        if a <= lead_extent.1 && lead_extent.0 <= b {
            lead_extent = (lead_extent.0.min(a), lead_extent.1.max(b));
        } else {
            apart.push((a, b));
        }
    }
    let span_of = |extent: (u32, u32)| reading.token_span(cx.doc, extent);
    let span = span_of(lead_extent);
    let matched = if claims.len() == 1 {
        words(view, text, first, last)
    } else {
        let relations: Vec<Cow<str>> = claims
            .iter()
            .map(|c| words(view, text, c.first, c.last))
            .collect();
        Cow::Owned(relations.join("`, `"))
    };
    let lead = claims[0];
    // In a headline, "Sealing Torn Discs" is quoted back as "torn discs"; so is a list item's
    // capital ("Migraines").
    let quoted = |first: u32, last: u32| {
        let w = words(view, text, first, last);
        if !lead.signals.headline && reading.lead.is_none() {
            return w;
        }
        let mut out = String::with_capacity(w.len());
        for (n, word) in w.split(' ').enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() && chars.clone().all(|c| !c.is_uppercase()) => {
                    out.extend(c.to_lowercase());
                    out.push_str(chars.as_str());
                }
                _ => out.push_str(word),
            }
        }
        Cow::Owned(out)
    };
    let object = match (lead.form, lead.object) {
        (super::Form::Property, _) => Cow::Borrowed("a disease"),
        (_, Some(o)) => {
            let (first, last) = named_object(view, &cx.lexicon.claim, lead, o);
            quoted(first, last)
        }
        (_, None) => Cow::Borrowed("it"),
    };
    // What the claim says its verb does: the words from the verb to the end of its object
    // ("relieves > chronic back pain"), or the object alone when it comes first.
    let says = match lead.object {
        Some(o) if o.last > lead.last => quoted(lead.last + 1, o.last),
        _ => object.clone(),
    };
    let verb = verb(cx, view, lead);
    // The claim in the words a hedged rewrite takes after "may help": "relieve chronic back
    // pain", "with back pain" (for "helps with back pain").
    let claim = match lead.object {
        // "Breathe easier": the function is the verb's own ("may help you breathe easier").
        Some(o) if lead.form == super::Form::Modified && o.first == lead.first => {
            format!(
                "you {}",
                words(view, text, lead.first, lead.last).to_lowercase()
            )
        }
        _ => format!("{} {says}", verb.strip_prefix("help").unwrap_or(&verb))
            .trim()
            .to_string(),
    };
    let message = fill(&sink.rule().message, &[("match", &matched)]);
    let help = sink.rule().help.as_ref().map(|h| {
        fill(
            h,
            &[
                ("verb", &verb),
                ("object", &object),
                ("says", &says),
                ("claim", &claim),
            ],
        )
    });
    // The subject is labelled when it stands apart from the flagged words.
    let subject_span = match lead.subject {
        Subject::Named {
            first: sf,
            last: sl,
            ..
        } if sl < first || sf > last => Some(span_of((sf, sl))),
        _ => None,
    };
    let d = sink.report(span, message);
    d.primary.message = label.to_string();
    d.context = Some(sentence.span);
    for extent in apart {
        d.secondary.push(Label {
            span: span_of(extent),
            message: also.to_string(),
        });
    }
    d.help = help;
    d.notes.push(why);
    if let Some((lead, _)) = reading.lead {
        let (a, b) = view.byte_range(claims[0].first, claims[0].last);
        d.secondary.push(Label {
            span: reading.span(cx.doc, a, b),
            message: "the lead-in this list item runs on from".into(),
        });
        d.notes.push(format!(
            "read with its lead-in: \"{}\"",
            cx.doc.sentence_text(lead).trim()
        ));
    }
    if let Some(s) = subject_span {
        d.secondary.push(Label {
            span: s,
            message: "what makes the claim".into(),
        });
    }
    if let Some(cue) = claims.iter().find_map(|c| c.booster) {
        d.severity = d.severity.raised();
        d.notes.push(format!(
            "booster \"{}\" makes the claim absolute, so the severity is raised",
            view.hit_text(&cue)
        ));
    }
}
