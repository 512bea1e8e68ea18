//! Several patterns as the alternatives of one regex, so a text is scanned once. `\b` in a
//! regex means a Unicode word boundary, which makes the regex crate's fast automaton give up
//! on any text with a non-ASCII character (curly quotes included) and fall back to a slower
//! engine. So each regex is compiled with ASCII word boundaries, and used as is on texts
//! where the two meanings agree — texts without a non-ASCII character that could be part of
//! a word; the Unicode form is compiled (once) only when a text needs it.

use std::cell::OnceCell;
use std::sync::OnceLock;

use super::regex::{Compile, Compiled, LazyRegex, Regex, build_regex_prefiltered};

/// A match of [`Alternatives::find`]: its byte range in the text searched.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    /// Start byte.
    pub fn start(&self) -> usize {
        self.start
    }
    /// End byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// Patterns compiled as one regex, in an ASCII-boundary and a Unicode-boundary form.
#[derive(Debug)]
pub struct Alternatives {
    source: String,
    /// The form with ASCII boundaries (compiled at once for patterns compiled
    /// [`Compile::Now`]), and the Unicode one, compiled when a text needs it; `None` if it
    /// could not be.
    ascii: LazyRegex,
    unicode: OnceLock<Option<Regex>>,
    /// See [`Alternatives::is_context_free`]; worked out on first use.
    context_free: OnceLock<bool>,
    /// Each pattern on its own (when there are several), with ASCII boundaries, for scans of
    /// a whole page (see [`Alternatives::parts`]); compiled on first use.
    parts: Vec<LazyRegex>,
    /// The parts' regexes when a page is scanned by them; worked out on first use.
    by_parts: OnceLock<Option<Vec<Regex>>>,
}

/// Largest compiled size of a rule's patterns together: eight single patterns.
const ALTERNATIVES_SIZE_LIMIT: usize = super::regex::REGEX_SIZE_LIMIT * 8;

fn build(pattern: &str, prefilter: bool) -> Result<Regex, String> {
    build_regex_prefiltered(pattern, ALTERNATIVES_SIZE_LIMIT, prefilter).map_err(|e| {
        match e.size_limit() {
            Some(limit) => format!("the patterns together compile to more than {limit} bytes"),
            None => e.to_string(),
        }
    })
}

impl Alternatives {
    /// `patterns` as one regex, compiled as `compile` says; each pattern was checked on its
    /// own already. Together they may be as large as eight single patterns.
    pub fn new(patterns: &[String], compile: Compile) -> Result<Alternatives, String> {
        Alternatives::prefiltered(patterns, compile, false)
    }

    /// [`Alternatives::new`]; when `rare` (most texts match none of the patterns), their
    /// literals are searched for first (see [`LazyRegex::rare_for_lowered`]).
    pub fn prefiltered(
        patterns: &[String],
        compile: Compile,
        rare: bool,
    ) -> Result<Alternatives, String> {
        let parts: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        let source = parts.join("|");
        let part_forms = match parts.len() {
            0 | 1 => Vec::new(),
            _ => parts
                .iter()
                .map(|p| LazyRegex::rare_for_lowered(ascii_boundaries(p), ALTERNATIVES_SIZE_LIMIT))
                .collect(),
        };
        let ascii_source = ascii_boundaries(&source);
        let ascii = match compile {
            Compile::Now => {
                let regex = build(&ascii_source, rare)?;
                LazyRegex::compiled(ascii_source, regex)
            }
            // Compiled for lowercased text where it can be: three times cheaper to compile, and
            // the ASCII form searches only texts with no letters but ASCII ones.
            Compile::OnFirstUse if rare => {
                LazyRegex::rare_for_lowered(ascii_source, ALTERNATIVES_SIZE_LIMIT)
            }
            Compile::OnFirstUse => {
                LazyRegex::later_for_lowered(ascii_source, ALTERNATIVES_SIZE_LIMIT)
            }
        };
        Ok(Alternatives {
            source,
            ascii,
            unicode: OnceLock::new(),
            context_free: OnceLock::new(),
            parts: part_forms,
            by_parts: OnceLock::new(),
        })
    }

    /// The form most texts are searched with (ASCII boundaries), for a start on another
    /// thread (see [`LazyRegex::compile`]).
    pub fn first_form(&self) -> &LazyRegex {
        &self.ascii
    }

    /// The form with ASCII boundaries.
    fn ascii_form(&self) -> Option<&Compiled> {
        self.ascii.get()
    }

    /// The regex to search a text whose [`Boundaries`] are known with, and whether it
    /// searches the text with its ASCII letters lowercased.
    fn form(&self, boundaries: Boundaries) -> Option<(&Regex, bool)> {
        match boundaries {
            Boundaries::Agree => self.ascii_form().map(|c| (&c.regex, c.on_lowered)),
            Boundaries::Differ => self
                .unicode
                .get_or_init(|| {
                    // Should the (larger) Unicode form not compile, the ASCII one stands in
                    // (compiled for the text as it is).
                    build(&self.source, false)
                        .ok()
                        .or_else(|| build(self.ascii.pattern(), false).ok())
                })
                .as_ref()
                .map(|re| (re, false)),
        }
    }

    /// Whether a match inside a piece of text is also a match wherever that piece is quoted
    /// between blank lines (as a block is in a document's joined prose): true when no pattern
    /// asserts a line or text edge (`^`, `$`, `\A`, `\z`). Word boundaries are fine: a blank
    /// line holds no word character either.
    pub fn is_context_free(&self) -> bool {
        *self.context_free.get_or_init(|| {
            // Most patterns hold none of the characters such an assertion is written with; the
            // others (a `[^…]` class is one) are parsed to see what they assert.
            let source = &self.source;
            if !source.contains(['^', '$']) && !source.contains("\\A") && !source.contains("\\z") {
                return true;
            }
            regex_syntax::parse(source)
                .is_ok_and(|hir| !hir.properties().look_set().contains_anchor())
        })
    }

    /// The leftmost match in `text`.
    pub fn find<'t>(&self, text: &'t str, boundaries: Boundaries) -> Option<Match<'t>> {
        self.find_in(Haystack::new(text, boundaries))
    }

    /// Whether any alternative matches `text`.
    pub fn is_match(&self, text: &str, boundaries: Boundaries) -> bool {
        self.is_match_in(Haystack::new(text, boundaries))
    }

    /// The leftmost match in `hay`.
    pub fn find_in<'t>(&self, hay: Haystack<'t>) -> Option<Match<'t>> {
        let mut first = None;
        self.each_match_in(hay, |m| {
            first = Some(m);
            false
        });
        first
    }

    /// Each pattern compiled on its own for lowercased text, with a search for its literals
    /// first, when that scans a page faster than the patterns together: when there are
    /// several and each has literals to search for. Together they can have none worth
    /// searching for (one pattern's may be a digit or a quotation mark), and the lazy DFA then
    /// reads every byte: `MED202`'s six testimonial patterns took 20 ms over 11 MB of prose
    /// together and 11 ms one by one. `None` otherwise, or when a pattern cannot be compiled
    /// for lowercased text.
    fn parts(&self) -> Option<&[Regex]> {
        self.by_parts
            .get_or_init(|| {
                // Each part searches the lowercased text as the patterns together would search
                // the text (see `super::case`), whichever way they are compiled themselves.
                let part = |form: &LazyRegex| {
                    let c = form.get().filter(|c| c.on_lowered && c.literals_first)?;
                    Some(c.regex.clone())
                };
                match self.parts.len() {
                    0 => None,
                    _ => self.parts.iter().map(part).collect(),
                }
            })
            .as_deref()
    }

    /// The forms a page is scanned with by [`Alternatives::each_match_until_empty_in`], for a
    /// start on another thread (see [`LazyRegex::compile`]).
    pub fn page_forms(&self) -> impl Iterator<Item = &LazyRegex> {
        std::iter::once(&self.ascii).chain(&self.parts)
    }

    /// What [`Alternatives::each_match_in`] gives `f`, up to and including the first empty
    /// match, after which it stops: with each pattern's own regex where that is quicker (see
    /// [`Alternatives::parts`]), for a scan of a whole page. Of the patterns' next matches the
    /// leftmost is taken, and of those starting together the earliest pattern's, as the
    /// patterns joined as alternatives would; each pattern's next match is searched for again
    /// only once the scan has passed its start. (A pattern that can match nothing has no
    /// literal, so searches by parts never meet an empty match.)
    pub fn each_match_until_empty_in<'t>(
        &self,
        hay: Haystack<'t>,
        mut f: impl FnMut(Match<'t>) -> bool,
    ) {
        let parts = match hay.boundaries {
            Boundaries::Agree => self.parts(),
            Boundaries::Differ => None,
        };
        let Some(parts) = parts else {
            return self.each_match_in(hay, |m| f(m) && m.start() != m.end());
        };
        hay.lowered(|lower| {
            // Each pattern's next match from where the scan is: unknown until searched for,
            // searched for again once the scan has passed its start, `Some(None)` when the
            // pattern has no match left.
            let mut next: Vec<Option<Option<(usize, usize)>>> = vec![None; parts.len()];
            let mut at = 0;
            loop {
                let mut best: Option<(usize, usize)> = None;
                for (part, next) in parts.iter().zip(&mut next) {
                    let stale = match *next {
                        None => true,
                        Some(Some((start, _))) => start < at,
                        Some(None) => false,
                    };
                    if stale {
                        let input = regex_automata::Input::new(lower).range(at..);
                        *next = Some(part.search(&input).map(|m| (m.start(), m.end())));
                    }
                    // Strictly left of the best so far: of matches starting together, the
                    // earliest pattern's.
                    if let Some(Some((start, end))) = *next
                        && best.is_none_or(|(s, _)| start < s)
                    {
                        best = Some((start, end));
                    }
                }
                let Some((start, end)) = best else {
                    return;
                };
                let found = Match {
                    text: hay.text,
                    start,
                    end,
                };
                if !f(found) || start == end {
                    return;
                }
                at = end;
            }
        })
    }

    /// Whether any alternative matches `hay`.
    pub fn is_match_in(&self, hay: Haystack<'_>) -> bool {
        self.try_is_match_in(hay).unwrap_or(false)
    }

    /// Whether any alternative matches `hay`; `None` when the patterns together do not
    /// compile (they may be too large together), for a caller that then searches them one by
    /// one.
    pub fn try_is_match_in(&self, hay: Haystack<'_>) -> Option<bool> {
        Some(match self.form(hay.boundaries)? {
            (re, true) => hay.lowered(|lower| re.is_match(lower)),
            (re, false) => re.is_match(hay.text),
        })
    }

    /// Each successive non-overlapping match in `hay`, leftmost first, until `f` returns
    /// false.
    pub fn each_match_in<'t>(&self, hay: Haystack<'t>, mut f: impl FnMut(Match<'t>) -> bool) {
        let Some((re, on_lowered)) = self.form(hay.boundaries) else {
            return;
        };
        // Lowercasing ASCII letters moves no byte, so the places are the text's own.
        let mut each = |searched: &str| {
            for m in re.find_iter(searched) {
                let found = Match {
                    text: hay.text,
                    start: m.start(),
                    end: m.end(),
                };
                if !f(found) {
                    break;
                }
            }
        };
        if on_lowered {
            hay.lowered(each)
        } else {
            each(hay.text)
        }
    }
}

/// A text to search, with what its searches share: its [`Boundaries`] and, when the caller
/// keeps one, its copy with ASCII letters lowercased (a page's prose is searched by several
/// rules; lowercasing it once saves a copy per search).
#[derive(Copy, Clone)]
pub struct Haystack<'t> {
    text: &'t str,
    boundaries: Boundaries,
    lowered: Option<Kept<'t>>,
}

/// A larger text that holds a haystack's text at byte `at`, and its lowercased copy, made by
/// the first search that needs it.
#[derive(Copy, Clone)]
struct Kept<'t> {
    whole: &'t str,
    at: usize,
    lowered: &'t OnceCell<String>,
}

impl<'t> Haystack<'t> {
    /// `text`, lowercased again for each search that needs it.
    pub fn new(text: &'t str, boundaries: Boundaries) -> Haystack<'t> {
        Haystack {
            text,
            boundaries,
            lowered: None,
        }
    }

    /// `text`, lowercased into `lowered` by the first search that needs it.
    pub fn keeping_lowered(
        text: &'t str,
        boundaries: Boundaries,
        lowered: &'t OnceCell<String>,
    ) -> Haystack<'t> {
        Haystack::inside(text, boundaries, text, 0, lowered)
    }

    /// `text`, found at byte `at` of `whole`, whose lowercased copy `lowered` keeps: a block
    /// or a sentence of a page's prose is searched in the page's copy, lowercased once, not
    /// copied and lowercased again for each search.
    pub fn inside(
        text: &'t str,
        boundaries: Boundaries,
        whole: &'t str,
        at: usize,
        lowered: &'t OnceCell<String>,
    ) -> Haystack<'t> {
        debug_assert_eq!(whole.get(at..at + text.len()), Some(text));
        Haystack {
            text,
            boundaries,
            lowered: Some(Kept { whole, at, lowered }),
        }
    }

    /// The text searched.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// `f` of the text with its ASCII letters lowercased.
    fn lowered<T>(&self, f: impl FnOnce(&str) -> T) -> T {
        match self.lowered {
            // Lowercasing ASCII letters moves no byte: the text's range of the whole is its
            // range of the copy.
            Some(kept) => {
                let all = kept.lowered.get_or_init(|| kept.whole.to_ascii_lowercase());
                f(&all[kept.at..kept.at + self.text.len()])
            }
            None => with_lowered(self.text, f),
        }
    }
}

/// Most bytes the lowercasing buffer keeps between texts: a page's prose fits, and one huge
/// page does not leave its size behind in every worker.
const KEPT_BUFFER: usize = 1 << 20;

/// `f` of `text` with its ASCII letters lowercased, in a buffer each thread keeps.
fn with_lowered<T>(text: &str, f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static LOWERED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    LOWERED.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
        let result = f(&buffer);
        if buffer.capacity() > KEPT_BUFFER {
            buffer.clear();
            buffer.shrink_to(KEPT_BUFFER);
        }
        result
    })
}

/// Whether ASCII and Unicode word boundaries fall in the same places in a text; worked out
/// once per text and passed to each search.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Boundaries {
    /// The text has no non-ASCII character that Unicode counts as part of a word.
    Agree,
    /// It may have one.
    Differ,
}

impl Boundaries {
    /// Classify `text`. Punctuation and symbols articles use (curly quotes, dashes, spaces,
    /// stars, arrows) are known not to be word characters.
    pub fn of(text: &str) -> Boundaries {
        if text.is_ascii() || text.chars().all(|c| c.is_ascii() || surely_not_word(c)) {
            Boundaries::Agree
        } else {
            Boundaries::Differ
        }
    }
}

/// `pattern` with each `\b` and `\B` outside a character class made ASCII-only.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut class_depth = 0usize;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn surely_not_word(c: char) -> bool {
    let u = c as u32;
    !c.is_alphanumeric()
        && match u {
            // Latin-1 punctuation and symbols (letters and digits excluded above).
            0xA0..=0xBF | 0xD7 | 0xF7 => true,
            // General punctuation, except the joiners and the connector punctuation.
            0x2000..=0x206F => !matches!(u, 0x200C | 0x200D | 0x203F | 0x2040 | 0x2054),
            // Currency, letterlike symbols excluded above, arrows, maths, technical, box
            // drawing, shapes, miscellaneous symbols, dingbats, stars.
            0x20A0..=0x20CF | 0x2100..=0x2BFF => true,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_boundaries_outside_classes_only() {
        assert_eq!(ascii_boundaries(r"\bcure\B"), r"(?-u:\b)cure(?-u:\B)");
        assert_eq!(ascii_boundaries(r"\\b[\b]"), r"\\b[\b]");
        assert_eq!(ascii_boundaries(r"[a\]]\b"), r"[a\]](?-u:\b)");
    }

    /// Every match `each_match_in` gives, up to and including the first empty one.
    fn joined_matches(alts: &Alternatives, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        alts.each_match_in(Haystack::new(text, Boundaries::of(text)), |m| {
            out.push((m.start(), m.end()));
            m.start() != m.end()
        });
        out
    }

    fn split_matches(alts: &Alternatives, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        alts.each_match_until_empty_in(Haystack::new(text, Boundaries::of(text)), |m| {
            out.push((m.start(), m.end()));
            true
        });
        out
    }

    /// Pieces of testimonial copy, joined at random into pages.
    const PIECES: [&str; 16] = [
        "\"",
        "\u{201c}",
        "\u{201d}",
        "I",
        "my",
        "me",
        "one",
        "of our",
        "patients",
        "patient",
        "testimonial",
        "4.5",
        "out of 5",
        "stars",
        "/5",
        "\n",
    ];

    fn testimonial_patterns() -> Vec<String> {
        [
            r#"[“"][^”"\n]*?\b(?:I|I'm|my|me)\b[^”"\n]*?[”"]"#,
            r"\bone (?:of our )?(?:patient|patients)\b",
            r"\bpatient (?:story|testimonial)\b",
            r"\btestimonials?\b",
            r"\b[1-5](?:\.\d)?\s?(?:/\s?5|out of 5|stars?)\b",
            // Overlaps the first at the same start: the earlier pattern's match wins.
            r#""[^"]*""#,
            r"\bone\b",
        ]
        .map(String::from)
        .to_vec()
    }

    proptest::proptest! {
        #[test]
        fn pages_scanned_by_parts_match_as_the_joined_regex(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40),
            glue in proptest::collection::vec(0..3usize, 40),
        ) {
            let mut text = String::new();
            for (i, &p) in picks.iter().enumerate() {
                text.push_str([" ", "", ", "][glue[i]]);
                text.push_str(PIECES[p]);
            }
            let alts = Alternatives::new(&testimonial_patterns(), Compile::OnFirstUse).unwrap();
            proptest::prop_assert!(alts.parts().is_some());
            proptest::prop_assert_eq!(split_matches(&alts, &text), joined_matches(&alts, &text));
        }
    }

    #[test]
    fn a_page_scanned_pattern_by_pattern_gives_the_joined_regexs_matches() {
        // A testimonial's patterns: together their literals include a digit and a quotation
        // mark, so each is searched for on its own.
        let alts = Alternatives::new(&testimonial_patterns(), Compile::OnFirstUse).unwrap();
        let texts = [
            "\u{201c}My knee is better,\u{201d} says one patient. Rated 4.5 out of 5 stars.",
            "\"It helped me\" and \"a quote\" and \"x\" One of our patients; 5/5, 3 stars.",
            "One testimonial, one more. Testimonials: \"my back\" 2 stars",
            "Nothing to see here at all.",
            "",
        ];
        for text in texts {
            assert_eq!(
                split_matches(&alts, text),
                joined_matches(&alts, text),
                "{text}"
            );
        }
        assert!(alts.parts().is_some_and(|p| p.len() == 7));
        assert_eq!(split_matches(&alts, texts[0]).len(), 3);
        // One pattern, or a pattern with no literal to search for first: one regex.
        let one = Alternatives::new(&[r"\btestimonial\b".to_string()], Compile::OnFirstUse);
        assert!(one.unwrap().parts().is_none());
        let bare = [r"\btestimonial\b".to_string(), r"\b[a-z]+ly\b".to_string()];
        let bare = Alternatives::new(&bare, Compile::OnFirstUse).unwrap();
        assert!(bare.parts().is_none());
        let text = "Truly one testimonial, really.";
        assert_eq!(split_matches(&bare, text), joined_matches(&bare, text));
        // A pattern that can match nothing has no literal to search for: one regex, and the
        // scan ends at the first empty match, after it is given.
        let empty = [r"x*".to_string(), r"\bone\b".to_string()];
        let empty = Alternatives::new(&empty, Compile::OnFirstUse).unwrap();
        assert!(empty.parts().is_none());
        assert_eq!(split_matches(&empty, "xx one"), vec![(0, 2), (3, 3)]);
    }

    #[test]
    fn compiled_on_first_use_finds_the_same_and_only_when_searched() {
        let patterns = [r"\bresults vary\b".to_string(), r"\bcafé\b".into()];
        let now = Alternatives::new(&patterns, Compile::Now).unwrap();
        let later = Alternatives::new(&patterns, Compile::OnFirstUse).unwrap();
        assert!(now.ascii.is_compiled());
        let (ascii, unicode) = (&later.ascii, &later.unicode);
        assert!(!ascii.is_compiled() && unicode.get().is_none());
        for text in ["Individual results vary.", "Our café", "no match here"] {
            let b = Boundaries::of(text);
            assert_eq!(later.find(text, b), now.find(text, b));
            assert_eq!(later.is_match(text, b), now.is_match(text, b));
        }
        assert!(ascii.is_compiled() && ascii.get().is_some());
        // A clone of the form shares what it compiles.
        let other = Alternatives::new(&patterns, Compile::OnFirstUse).unwrap();
        other.first_form().clone().compile();
        assert!(other.ascii.is_compiled());
    }

    #[test]
    fn both_forms_find_the_same_matches() {
        let alts = Alternatives::new(
            &[r"\bresults vary\b".into(), r"\bcafé\b".into()],
            Compile::Now,
        )
        .unwrap();
        let unicode = build(&alts.source, false).unwrap();
        for text in [
            "Individual results vary.",
            "“Results vary,” she said — ★★★",
            "Our café offers results vary",
            "éresults vary",
            "results varyé",
            "results vary\u{301}",
        ] {
            assert_eq!(
                alts.find(text, Boundaries::of(text))
                    .map(|m| m.start()..m.end()),
                unicode.find(text).map(|m| m.range()),
                "{text}"
            );
        }
        assert_eq!(Boundaries::of("“quoted” — ★"), Boundaries::Agree);
        assert_eq!(Boundaries::of("café"), Boundaries::Differ);
        assert_eq!(Boundaries::of("e\u{301}"), Boundaries::Differ);
    }
}
