//! Applying suggestions to a text: the edits of one tier, in order of position, the first of any
//! that overlap kept and the rest left for the next pass. Pure text in, text out: `check --fix`,
//! the pack examples and an editor's code actions all use it.

use crate::diagnostic::{Diagnostic, Safety, Suggestion};

/// Most passes of fix-and-lint-again before giving up: each pass applies the edits that did not
/// overlap an earlier one, and a fix may uncover another.
pub const MAX_PASSES: usize = 10;

/// What applying suggestions to a text gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    /// The text with the applied edits.
    pub text: String,
    /// The suggestions applied, in order of position (their spans are in the original text).
    pub applied: Vec<Suggestion>,
    /// Suggestions of the tier left out because they overlapped one applied before them, or
    /// did not fit the text.
    pub skipped: Vec<Suggestion>,
}

/// Whether `tier` covers a suggestion of `safety`: the unsafe tier takes safe ones too.
pub fn in_tier(safety: Safety, tier: Safety) -> bool {
    safety <= tier
}

/// Apply the suggestions of `tier` (and safer) to `text`. Edits never touch text outside their
/// spans; of edits that overlap (or insert at the same place), the first by position is kept.
/// A suggestion whose span is outside the text or splits a character is skipped.
pub fn apply<'s>(
    text: &str,
    suggestions: impl IntoIterator<Item = &'s Suggestion>,
    tier: Safety,
) -> Fixed {
    let mut wanted: Vec<&Suggestion> = suggestions
        .into_iter()
        .filter(|s| in_tier(s.safety, tier))
        .collect();
    // By position; a stable sort keeps the order given among equal spans.
    wanted.sort_by_key(|s| (s.span.start, s.span.end));
    let mut out = String::with_capacity(text.len());
    let mut fixed = Fixed::default();
    // End of the last applied edit, and where the last insertion went.
    let mut done = 0usize;
    let mut last_insert: Option<usize> = None;
    for s in wanted {
        let (start, end) = (s.span.start as usize, s.span.end as usize);
        let fits = start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        let clashes = start < done || (start == end && last_insert == Some(start));
        let no_change = text.get(start..end) == Some(s.replacement.as_str());
        if !fits || clashes || no_change {
            if !no_change {
                fixed.skipped.push(s.clone());
            }
            continue;
        }
        out.push_str(&text[done..start]);
        out.push_str(&s.replacement);
        done = end;
        if start == end {
            last_insert = Some(start);
        }
        fixed.applied.push(s.clone());
    }
    out.push_str(&text[done..]);
    fixed.text = out;
    fixed
}

/// What fixing one file until nothing more applies gave.
#[derive(Debug)]
pub struct Converged {
    /// The final text.
    pub text: String,
    /// How many suggestions were applied over all passes.
    pub applied: usize,
    /// Whether the last pass found nothing more to apply (false: [`MAX_PASSES`] ran out).
    pub converged: bool,
}

/// Fix `text` pass by pass: lint it with `lint`, apply the suggestions of `tier`, lint the
/// result again, until a pass applies nothing or [`MAX_PASSES`] have run.
pub fn until_stable(
    text: &str,
    tier: Safety,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Converged {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let found = lint(&current);
        let fixed = apply(&current, found.iter().flat_map(|d| &d.suggestions), tier);
        if fixed.applied.is_empty() {
            return Converged {
                text: current,
                applied,
                converged: true,
            };
        }
        applied += fixed.applied.len();
        current = fixed.text;
    }
    let converged = apply(
        &current,
        lint(&current).iter().flat_map(|d| &d.suggestions),
        tier,
    )
    .applied
    .is_empty();
    Converged {
        text: current,
        applied,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn edit(start: usize, end: usize, with: &str, safety: Safety) -> Suggestion {
        Suggestion {
            span: Span::new(start, end),
            replacement: with.into(),
            title: format!("Replace with `{with}`"),
            safety,
        }
    }

    #[test]
    fn applies_edits_of_the_tier_and_leaves_the_rest_of_the_text() {
        let text = "PRP cures knee pain. It is completely safe.";
        let hedge = edit(4, 9, "may help manage the symptoms of", Safety::Unsafe);
        let safe = edit(27, 42, "generally well tolerated", Safety::Safe);
        let only_safe = apply(text, [&hedge, &safe], Safety::Safe);
        assert_eq!(
            only_safe.text,
            "PRP cures knee pain. It is generally well tolerated."
        );
        assert_eq!(only_safe.applied, vec![safe.clone()]);
        let both = apply(text, [&safe, &hedge], Safety::Unsafe);
        assert_eq!(
            both.text,
            "PRP may help manage the symptoms of knee pain. It is generally well tolerated."
        );
        assert_eq!(both.applied, vec![hedge, safe]);
    }

    #[test]
    fn the_first_of_overlapping_edits_wins() {
        let text = "abcdef";
        let a = edit(1, 4, "X", Safety::Safe);
        let b = edit(3, 5, "Y", Safety::Safe);
        let c = edit(5, 5, "Z", Safety::Safe);
        let d = edit(5, 5, "W", Safety::Safe);
        let fixed = apply(text, [&b, &a, &c, &d], Safety::Safe);
        assert_eq!(fixed.text, "aXeZf");
        assert_eq!(fixed.skipped, vec![b, d]);
    }

    #[test]
    fn edits_that_do_not_fit_the_text_are_skipped() {
        let text = "café";
        let split = edit(4, 5, "e", Safety::Safe);
        let past = edit(3, 9, "e", Safety::Safe);
        let fixed = apply(text, [&split, &past], Safety::Safe);
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.skipped.len(), 2);
    }
}
