//! Regexes from packs and configs: compiled case-insensitive with a size limit, or checked
//! without compiling when a rule compiles them together.

use regex::{Regex, RegexBuilder};

/// Largest compiled size of one user-supplied regex (bytes of the regex crate's program).
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compile a user-supplied regex with a size limit; case-insensitive unless it says otherwise.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("regex is too large (compiled size over {limit} bytes)")
            }
            other => check_regex(pattern).err().unwrap_or_else(|| {
                let text = other.to_string();
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
