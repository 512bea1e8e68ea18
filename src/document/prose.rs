//! Prose text extracted from a block, with a map back to source bytes. Text that equals its
//! source byte for byte (almost all of it) maps exactly; text that differs (entities, escapes,
//! line breaks, code placeholders) maps by its endpoints only.

use crate::source::Span;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct Segment {
    prose_start: u32,
    prose_len: u32,
    source: Span,
    exact: bool,
}

/// A block's prose and its offset map.
#[derive(Clone, Debug, Default)]
pub struct Prose {
    /// The lintable text.
    pub text: String,
    segments: Vec<Segment>,
}

impl Prose {
    /// Append text that is identical to the source bytes starting at `source_start`.
    pub fn push_exact(&mut self, text: &str, source_start: usize) {
        self.push(
            text,
            Span::new(source_start, source_start + text.len()),
            true,
        );
    }

    /// Append text standing for the source bytes `source` (an entity, a line break …).
    pub fn push_mapped(&mut self, text: &str, source: Span) {
        self.push(text, source, false);
    }

    fn push(&mut self, text: &str, source: Span, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            prose_start: self.text.len() as u32,
            prose_len: text.len() as u32,
            source,
            exact,
        });
        self.text.push_str(text);
    }

    /// True when nothing was appended.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn segment_index(&self, at: u32) -> usize {
        // Last segment starting at or before `at`.
        self.segments
            .partition_point(|s| s.prose_start <= at)
            .saturating_sub(1)
    }

    /// Source offset of prose offset `at` used as the start of a range.
    pub fn source_start(&self, at: usize) -> usize {
        let at = at as u32;
        let Some(seg) = self.segments.get(self.segment_index(at)) else {
            return 0;
        };
        let within = at.saturating_sub(seg.prose_start).min(seg.prose_len);
        if seg.exact {
            (seg.source.start + within) as usize
        } else if within == 0 {
            seg.source.start as usize
        } else {
            seg.source.end as usize
        }
    }

    /// Source offset of prose offset `at` used as the end of a range.
    pub fn source_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.source_start(0);
        }
        let at = at as u32;
        let Some(seg) = self.segments.get(self.segment_index(at - 1)) else {
            return 0;
        };
        let within = (at - seg.prose_start).min(seg.prose_len);
        if seg.exact {
            (seg.source.start + within) as usize
        } else {
            seg.source.end as usize
        }
    }

    /// Source span of the prose range `start..end`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let s = self.source_start(start);
        let e = self.source_end(end).max(s);
        Span::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_text_maps_byte_for_byte() {
        // Source: "Fibrin &amp; PRP\ncure"
        let mut p = Prose::default();
        p.push_exact("Fibrin ", 0);
        p.push_mapped("&", Span::new(7, 12));
        p.push_exact(" PRP", 12);
        p.push_mapped(" ", Span::new(16, 17));
        p.push_exact("cure", 17);
        assert_eq!(p.text, "Fibrin & PRP cure");
        let cure = p.text.find("cure").unwrap();
        assert_eq!(p.source_span(cure, cure + 4), Span::new(17, 21));
        let amp = p.text.find('&').unwrap();
        assert_eq!(p.source_span(amp, amp + 1), Span::new(7, 12));
        assert_eq!(p.source_span(0, p.text.len()), Span::new(0, 21));
    }
}
