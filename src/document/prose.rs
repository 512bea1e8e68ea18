//! Prose text extracted from a block, with a map back to source bytes. Text that equals its
//! source byte for byte (almost all of it) maps exactly; text that differs (entities, escapes,
//! line breaks, code placeholders) maps by its endpoints only.

use std::cell::RefCell;

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

thread_local! {
    /// Buffers of prose this thread dropped, for the next blocks it builds: a document has
    /// dozens of blocks, and each would otherwise allocate its text and offset map anew.
    static SPARE: RefCell<Vec<Prose>> = const { RefCell::new(Vec::new()) };
}

/// Most spare proses a thread keeps (a few documents' worth of blocks).
const SPARE_KEPT: usize = 256;
/// Buffers larger than this are freed, not kept, so one long block does not stay resident.
const SPARE_MAX_BYTES: usize = 4096;

impl Drop for Prose {
    fn drop(&mut self) {
        if self.text.capacity() == 0 || self.text.capacity() > SPARE_MAX_BYTES {
            return;
        }
        // Kept unless the pool is full or the thread is exiting; nothing else is dropped
        // here, so this never runs again from inside itself.
        let _ = SPARE.try_with(|pool| {
            let Ok(mut pool) = pool.try_borrow_mut() else {
                return;
            };
            if pool.len() < SPARE_KEPT {
                let mut text = std::mem::take(&mut self.text);
                let mut segments = std::mem::take(&mut self.segments);
                text.clear();
                segments.clear();
                pool.push(Prose { text, segments });
            }
        });
    }
}

impl Prose {
    /// An empty prose, reusing the buffers of one this thread dropped when there is one.
    pub fn recycled() -> Prose {
        SPARE
            .try_with(|pool| pool.try_borrow_mut().ok().and_then(|mut p| p.pop()))
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Room for `additional` more bytes of text. An empty buffer too small is replaced rather
    /// than grown, which would copy its old bytes for nothing.
    pub fn reserve(&mut self, additional: usize) {
        if self.text.is_empty() && self.text.capacity() < additional {
            self.text = String::with_capacity(additional);
        } else {
            self.text.reserve(additional);
        }
    }

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
        if let [only] = self.segments.as_slice()
            && only.exact
            && only.prose_start == 0
        {
            // One piece of text copied from the source (a heading, an item, a plain
            // paragraph): offsets map by adding its start, with no segment search.
            let at =
                |offset: usize| only.source.start as usize + offset.min(only.prose_len as usize);
            let s = at(start);
            return Span::new(s, at(end).max(s));
        }
        let s = self.source_start(start);
        let e = self.source_end(end).max(s);
        Span::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_prose_comes_back_empty_with_its_buffers() {
        let mut p = Prose::recycled();
        p.push_exact("Fibrin seals the tear.", 0);
        let capacity = p.text.capacity();
        drop(p);
        let q = Prose::recycled();
        assert!(q.text.is_empty() && q.segments.is_empty());
        assert_eq!(q.text.capacity(), capacity);
        assert_eq!(q.source_span(0, 0), Span::empty(0));
    }

    #[test]
    fn one_exact_segment_maps_as_the_segment_search_does() {
        let mut p = Prose::default();
        p.push_exact("PRP cures pain.", 40);
        let len = p.text.len();
        for start in 0..=len + 2 {
            for end in 0..=len + 2 {
                let s = p.source_start(start);
                let searched = Span::new(s, p.source_end(end).max(s));
                assert_eq!(p.source_span(start, end), searched, "{start}..{end}");
            }
        }
    }

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
