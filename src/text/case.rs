//! Letter case carried from the words a rewrite replaces to the rewrite.

/// `replacement` starting as `matched` does: capitalised when `matched` is (the start of a
/// sentence, a heading), as written otherwise (a pack's rewrites are written in lower case).
pub fn match_case(matched: &str, replacement: &str) -> String {
    let upper = matched.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn case_follows_the_matched_words() {
        assert_eq!(match_case("Cures", "may help"), "May help");
        assert_eq!(match_case("cures", "may help"), "may help");
        assert_eq!(match_case("Cures", ""), "");
    }
}
