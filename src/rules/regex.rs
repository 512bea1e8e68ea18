//! Regexes from packs and configs: compiled case-insensitive with a size limit, or checked
//! without compiling when a rule compiles them together.

use std::sync::{Arc, OnceLock};

pub use regex_automata::meta::Regex;
use regex_automata::meta::{self, BuildError};
use regex_automata::util::prefilter::Prefilter;
use regex_automata::util::syntax;

/// When a rule's regexes are compiled.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Compile {
    /// At once, so that a pattern that does not compile is an error at load.
    Now,
    /// When first searched with: for patterns known to compile, the built-in packs' (their
    /// tests compile every rule). A run that never needs a rule's patterns (one article with
    /// no statistic, a page that is no supplement's) never compiles them, and compiling is
    /// most of a short run's start-up.
    OnFirstUse,
}

/// A regex that may be compiled only when first searched with. Clones share it, so one can
/// be compiled away from the rule that searches with it (see [`LazyRegex::compile`]).
#[derive(Clone, Debug)]
pub struct LazyRegex {
    inner: Arc<LazyInner>,
}

#[derive(Debug)]
struct LazyInner {
    pattern: String,
    size_limit: usize,
    /// Whether it may be compiled for lowercased text (see [`super::case`]).
    for_lowered: bool,
    /// Whether it searches for its literals first (see [`LazyRegex::rare_for_lowered`]).
    prefilter: bool,
    /// `None` only if the pattern could not be compiled (never for one compiled at load).
    regex: OnceLock<Option<Compiled>>,
}

/// A compiled [`LazyRegex`].
#[derive(Debug)]
pub struct Compiled {
    /// The regex.
    pub regex: Regex,
    /// Whether it searches text with its ASCII letters lowercased (see [`super::case`]).
    pub on_lowered: bool,
    /// Whether it searches for literals before it runs its automaton: compiled with a
    /// prefilter (for lowercased text) from a pattern whose every match starts with one.
    pub literals_first: bool,
}

impl LazyRegex {
    fn new(pattern: String, size_limit: usize, for_lowered: bool, prefilter: bool) -> LazyRegex {
        LazyRegex {
            inner: Arc::new(LazyInner {
                pattern,
                size_limit,
                for_lowered,
                prefilter,
                regex: OnceLock::new(),
            }),
        }
    }

    /// `pattern`, compiled within `size_limit` bytes when first needed.
    pub fn later(pattern: String, size_limit: usize) -> LazyRegex {
        LazyRegex::new(pattern, size_limit, false, false)
    }

    /// [`LazyRegex::later`], for a searcher that lowercases the text's ASCII letters when
    /// the compiled regex says so (see [`super::case`]): for texts with no other letters.
    pub fn later_for_lowered(pattern: String, size_limit: usize) -> LazyRegex {
        LazyRegex::new(pattern, size_limit, true, false)
    }

    /// [`LazyRegex::later_for_lowered`], for a pattern most texts match nowhere: a gate a page
    /// is searched whole for ("capsules", "add to cart"). It searches for its literals first
    /// (SIMD), so a page with none of them is passed over at a fraction of the lazy DFA's
    /// cost. Compiled for lowercased text its literals are few; case-folded they would be
    /// many, which is what made prefilters cost more than they saved on every pattern.
    pub fn rare_for_lowered(pattern: String, size_limit: usize) -> LazyRegex {
        LazyRegex::new(pattern, size_limit, true, true)
    }

    /// `pattern`, compiled already as `regex` (for text as it is).
    pub fn compiled(pattern: String, regex: Regex) -> LazyRegex {
        let lazy = LazyRegex::later(pattern, REGEX_SIZE_LIMIT);
        let compiled = Compiled {
            regex,
            on_lowered: false,
            literals_first: false,
        };
        let _ = lazy.inner.regex.set(Some(compiled));
        lazy
    }

    /// The regex, compiled now if it is not yet; `None` if it does not compile.
    pub fn get(&self) -> Option<&Compiled> {
        let inner = &*self.inner;
        inner
            .regex
            .get_or_init(|| {
                let lowered = inner
                    .for_lowered
                    .then(|| super::case::lowered_hir(&inner.pattern));
                match lowered.flatten() {
                    Some(lowered) => {
                        let literals_first = inner.prefilter && starts_with_literals(&lowered);
                        build_regex_from_hir(&lowered, inner.size_limit, inner.prefilter)
                            .ok()
                            .map(|regex| Compiled {
                                regex,
                                on_lowered: true,
                                literals_first,
                            })
                    }
                    None => build_regex(&inner.pattern, inner.size_limit)
                        .ok()
                        .map(|regex| Compiled {
                            regex,
                            on_lowered: false,
                            literals_first: false,
                        }),
                }
            })
            .as_ref()
    }

    /// Compile it now if it is not yet: for a start on another thread. A search that needs
    /// it meanwhile waits for it, or compiles it itself if it has not started.
    pub fn compile(&self) {
        let _ = self.get();
    }

    /// The pattern it compiles.
    pub fn pattern(&self) -> &str {
        &self.inner.pattern
    }

    /// Whether it has been compiled (or found not to compile).
    pub fn is_compiled(&self) -> bool {
        self.inner.regex.get().is_some()
    }
}

/// Whether every match of `hir` starts with one of a finite set of non-empty literals.
fn starts_with_literals(hir: &regex_syntax::hir::Hir) -> bool {
    let literals = regex_syntax::hir::literal::Extractor::new().extract(hir);
    literals.min_literal_len().is_some_and(|n| n > 0)
}

/// Largest compiled size of one user-supplied regex (bytes of its automaton).
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compile `pattern` case-insensitive (unless it says otherwise) within `size_limit` bytes.
///
/// Without literal prefilters: the regex crate extracts the literals of a case-insensitive
/// alternation to search for them first, which for the packs' patterns costs more than half
/// of a run's start-up (30 M of 74 M instructions for one article), while the texts these
/// patterns search — a sentence, a block, one article's prose — are short enough that the
/// lazy DFA scans them as fast without.
pub fn build_regex(pattern: &str, size_limit: usize) -> Result<Regex, Box<BuildError>> {
    build_regex_prefiltered(pattern, size_limit, false)
}

/// [`build_regex`], with a literal prefilter when `prefilter` says so (see
/// [`LazyRegex::rare_for_lowered`]).
pub fn build_regex_prefiltered(
    pattern: &str,
    size_limit: usize,
    prefilter: bool,
) -> Result<Regex, Box<BuildError>> {
    build_with(pattern, size_limit, true, prefilter)
}

/// [`build_regex`], case-sensitive: for a pattern rewritten for lowercased text (see
/// [`super::case`]).
#[cfg(test)]
pub fn build_regex_case_sensitive(
    pattern: &str,
    size_limit: usize,
) -> Result<Regex, Box<BuildError>> {
    build_with(pattern, size_limit, false, false)
}

/// A regex compiled from its syntax tree (see [`super::case::lowered_hir`]), as
/// [`build_regex`] compiles a pattern, with a literal prefilter when `prefilter` says so.
pub fn build_regex_from_hir(
    hir: &regex_syntax::hir::Hir,
    size_limit: usize,
    prefilter: bool,
) -> Result<Regex, Box<BuildError>> {
    let mut builder = builder_with(size_limit, prefilter);
    if prefilter && let Some(shared) = shared_prefix_prefilter(hir) {
        builder.configure(meta::Config::new().prefilter(Some(shared)));
    }
    builder.build_from_hir(hir).map_err(Box::new)
}

/// Shortest shared prefix searched for on its own (shorter ones occur too often).
const MIN_SHARED_PREFIX: usize = 4;

/// A single-substring search for the prefix every match's leading literal shares ("one " of
/// "one patient", "one of our clients"), where the regex crate would search for the several
/// literals together: a substring search reads the text several times faster than a search
/// for a set of literals. `None` leaves the choice to the crate.
fn shared_prefix_prefilter(hir: &regex_syntax::hir::Hir) -> Option<Prefilter> {
    let literals = regex_syntax::hir::literal::Extractor::new().extract(hir);
    let shared = literals.longest_common_prefix()?;
    let several = literals.len().is_some_and(|n| n > 1);
    (several && shared.len() >= MIN_SHARED_PREFIX)
        .then(|| Prefilter::new(regex_automata::MatchKind::LeftmostFirst, &[shared]))
        .flatten()
}

fn builder_with(size_limit: usize, prefilter: bool) -> meta::Builder {
    let mut builder = meta::Builder::new();
    builder.configure(
        meta::Config::new()
            .auto_prefilter(prefilter)
            .nfa_size_limit(Some(size_limit)),
    );
    builder
}

fn build_with(
    pattern: &str,
    size_limit: usize,
    case_insensitive: bool,
    prefilter: bool,
) -> Result<Regex, Box<BuildError>> {
    builder_with(size_limit, prefilter)
        .syntax(syntax::Config::new().case_insensitive(case_insensitive))
        .build(pattern)
        .map_err(Box::new)
}

/// Compile a user-supplied regex with a size limit; case-insensitive unless it says otherwise.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    build_regex(pattern, REGEX_SIZE_LIMIT).map_err(|e| match e.size_limit() {
        Some(limit) => format!("regex is too large (compiled size over {limit} bytes)"),
        None => check_regex(pattern).err().unwrap_or_else(|| {
            let text = e.to_string();
            format!("invalid regex: {}", one_line(&text))
        }),
    })
}

/// A multi-line message on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is wrong with a pattern and where, on one line: "unclosed group at character 8".
fn syntax_message(e: &regex_syntax::Error) -> String {
    let (kind, span) = match e {
        regex_syntax::Error::Parse(e) => (e.kind().to_string(), Some(*e.span())),
        regex_syntax::Error::Translate(e) => (e.kind().to_string(), Some(*e.span())),
        other => (one_line(&other.to_string()), None),
    };
    match span {
        Some(span) => format!("{kind} at character {}", span.start.column),
        None => kind,
    }
}

/// Check that a user-supplied regex is valid without compiling it (rules whose patterns are
/// combined into one regex compile only the combination).
pub fn check_regex(pattern: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| format!("invalid regex: {}", syntax_message(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_regex_compiles_once_when_first_needed_for_all_its_clones() {
        let lazy = LazyRegex::later(r"\bresults vary\b".into(), REGEX_SIZE_LIMIT);
        let clone = lazy.clone();
        assert!(!lazy.is_compiled() && !clone.is_compiled());
        clone.compile();
        assert!(lazy.is_compiled());
        assert!(
            lazy.get()
                .is_some_and(|c| c.regex.is_match("Results vary."))
        );
        // One that does not compile finds nothing, and never panics.
        let broken = LazyRegex::later("a{2,1}".into(), REGEX_SIZE_LIMIT);
        assert!(broken.get().is_none() && broken.is_compiled());
        let ready = LazyRegex::compiled("x".into(), compile_regex("x").unwrap());
        assert!(ready.is_compiled());
    }

    #[test]
    fn literals_sharing_a_long_prefix_are_searched_for_by_it() {
        let hir = |p: &str| regex_syntax::parse(p).unwrap();
        let shared = r"\bone (?:of our )?(?:patient|client)s?\b";
        assert!(shared_prefix_prefilter(&hir(shared)).is_some());
        assert!(shared_prefix_prefilter(&hir(r"\b(?:capsules?|tablets)\b")).is_none());
        assert!(shared_prefix_prefilter(&hir(r"\btestimonial\b")).is_none());
        // Found with the prefix searched for as without it.
        let text = "One patient said so; one of our clients too. Someone patient.";
        let lowered = text.to_ascii_lowercase();
        let with = build_regex_from_hir(&hir(shared), REGEX_SIZE_LIMIT, true).unwrap();
        let without = build_regex_from_hir(&hir(shared), REGEX_SIZE_LIMIT, false).unwrap();
        let spans = |re: &Regex| {
            re.find_iter(&lowered)
                .map(|m| m.range())
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(&with), spans(&without));
        assert_eq!(spans(&with).len(), 2);
    }

    #[test]
    fn errors_say_what_and_where_on_one_line() {
        assert_eq!(
            check_regex("broken (").unwrap_err(),
            "invalid regex: unclosed group at character 8"
        );
        assert_eq!(
            compile_regex("a [b").unwrap_err(),
            "invalid regex: unclosed character class at character 3"
        );
    }
}
