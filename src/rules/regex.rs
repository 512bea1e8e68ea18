//! Regexes from packs and configs: compiled case-insensitive with a size limit, or checked
//! without compiling when a rule compiles them together.

pub use regex_automata::meta::Regex;
use regex_automata::meta::{self, BuildError};
use regex_automata::util::syntax;

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
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .nfa_size_limit(Some(size_limit)),
        )
        .syntax(syntax::Config::new().case_insensitive(true))
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
