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
            other => format!("invalid regex: {}", other.to_string().trim()),
        })
}

/// Check that a user-supplied regex is valid without compiling it (rules whose patterns are
/// combined into one regex compile only the combination).
pub fn check_regex(pattern: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| format!("invalid regex: {}", e.to_string().trim()))
}
