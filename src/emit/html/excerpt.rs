//! A finding's quoted sentence (or source lines) with the flagged words and related places
//! marked.

use std::ops::Range;

use super::escape::escape_into;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, floor_char_boundary};

/// Longest sentence quoted for a finding, in bytes; a longer one falls back to the source lines.
const MAX_EXCERPT: usize = 2000;

/// How a piece of the quoted sentence is shown.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Paint {
    Plain,
    /// The words the finding flags.
    Flagged,
    /// A related place: the treatment a claim is about.
    Subject,
}

/// Quote the finding's sentence (or its source lines), marking the flagged words. The text is
/// cut at label boundaries first and each piece escaped on its own, so markup in the article
/// can never straddle a tag of ours.
pub(super) fn excerpt(out: &mut String, source: &SourceFile, d: &Diagnostic) {
    let text = source.text.as_str();
    let (range, truncated) = excerpt_range(source, d);
    for (paint, piece) in pieces(text, &range, d) {
        let piece = text.get(piece).unwrap_or("");
        match paint {
            Paint::Plain => escape_into(out, piece),
            Paint::Flagged => {
                // An empty span (say, where something is missing) still gets a visible mark.
                out.push_str(if piece.is_empty() {
                    "<mark class=\"at\""
                } else {
                    "<mark"
                });
                if !d.primary.message.is_empty() {
                    out.push_str(" title=\"");
                    escape_into(out, &d.primary.message);
                    out.push('"');
                }
                out.push('>');
                escape_into(out, piece);
                out.push_str("</mark>");
            }
            Paint::Subject => {
                out.push_str("<span class=\"subject\">");
                escape_into(out, piece);
                out.push_str("</span>");
            }
        }
    }
    if truncated {
        out.push_str(" …");
    }
}

/// The bytes to quote: the sentence when it is known, holds the finding and is not huge; else
/// the lines the flagged words are on. Trimmed and on character boundaries; at most
/// [`MAX_EXCERPT`] bytes, with `true` when it had to be cut.
fn excerpt_range(source: &SourceFile, d: &Diagnostic) -> (Range<usize>, bool) {
    let text = source.text.as_str();
    let primary = d.primary.span;
    let wanted = match d.context {
        Some(c) if c.contains(primary) && c.len() <= MAX_EXCERPT => c.range(),
        _ => {
            let first = source.line_index(primary.start as usize);
            let last_byte = (primary.end as usize).max(primary.start as usize + 1) - 1;
            let last = source.line_index(last_byte);
            let start = source.line_range(first).map_or(0, |r| r.start);
            let end = source.line_range(last).map_or(text.len(), |r| r.end);
            start..end
        }
    };
    let start = floor_char_boundary(text, wanted.start);
    let end = floor_char_boundary(text, wanted.end.max(start));
    let cut = floor_char_boundary(text, end.min(start.saturating_add(MAX_EXCERPT)));
    (trim(text, start..cut), cut < end)
}

/// Shrink `range` past surrounding whitespace.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = start + slice.trim().len();
    start..end
}

/// The part of `span` inside `range`, on character boundaries; an empty span stays empty.
fn clip(text: &str, span: Range<usize>, range: &Range<usize>) -> Option<Range<usize>> {
    let overlaps = span.start < range.end && span.end > range.start;
    let empty_inside = span.is_empty() && range.start <= span.start && span.start <= range.end;
    if !(overlaps || empty_inside) {
        return None;
    }
    let start = floor_char_boundary(text, span.start.clamp(range.start, range.end));
    let end = floor_char_boundary(text, span.end.clamp(range.start, range.end));
    Some(start..end.max(start))
}

/// Cut the quoted range into runs that are plain, flagged or a secondary label's subject.
/// The flagged words win where labels overlap; neighbouring runs of one kind are merged. An
/// empty flagged span becomes an empty flagged run at its place.
fn pieces(text: &str, range: &Range<usize>, d: &Diagnostic) -> Vec<(Paint, Range<usize>)> {
    let flagged = clip(text, d.primary.span.range(), range);
    let subjects: Vec<Range<usize>> = d
        .secondary
        .iter()
        .filter_map(|l| clip(text, l.span.range(), range))
        .collect();
    let mut cuts = vec![range.start, range.end];
    for r in flagged.iter().chain(&subjects) {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let point = flagged.clone().filter(|f| f.is_empty());
    let mut runs: Vec<(Paint, Range<usize>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let inside = |r: &Range<usize>| r.start <= a && b <= r.end;
        let at_point = point.as_ref().is_some_and(|p| p.start == a);
        let paint = if flagged.as_ref().is_some_and(inside) {
            Paint::Flagged
        } else if subjects.iter().any(inside) {
            Paint::Subject
        } else {
            Paint::Plain
        };
        match runs.last_mut() {
            Some((p, r)) if *p == paint && !at_point => r.end = b,
            _ => runs.push((paint, a..b)),
        }
    }
    if let Some(at) = point {
        let i = runs.partition_point(|(_, r)| r.end <= at.start);
        runs.insert(i, (Paint::Flagged, at));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_snap_to_character_boundaries() {
        let text = "é<b>cure</b>";
        // Byte 1 is inside "é": the range snaps back to its start.
        assert_eq!(clip(text, 1..3, &(0..text.len())), Some(0..3));
        assert_eq!(clip(text, 1..1, &(0..text.len())), Some(0..0));
        assert_eq!(clip(text, 20..30, &(0..text.len())), None);
        assert_eq!(trim("  a b \n", 0..7), 2..5);
    }
}
