//! Byte offsets to and from LSP positions (UTF-16 code units unless the client agreed on
//! UTF-8), for one text.

use lsp_types::{Position, Range};

use crate::source::Span;

/// How the client counts characters in a line.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The protocol's default: UTF-16 code units.
    Utf16,
    /// Bytes, when the client offers it.
    Utf8,
}

/// Where each line of a text starts.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    /// Index `text`. Lines end at `\n` (a `\r` before it stays part of the line).
    pub fn new(text: &'a str, encoding: Encoding) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character start).
    pub fn position(&self, offset: usize) -> Position {
        let offset = crate::source::floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The range of `span`.
    pub fn range(&self, span: Span) -> Range {
        Range::new(
            self.position(span.start as usize),
            self.position(span.end as usize),
        )
    }

    /// The byte offset of `position`; past the end of its line means the line's end, past the
    /// last line the text's end (as the protocol asks).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        let mut units = 0usize;
        for (at, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + at;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        self.starts[line]
    }

    /// The byte offset where the line holding `offset` ends (before its `\r\n` or `\n`).
    pub fn line_end(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        if self.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "a😀b\ncé";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(5), Position::new(0, 3));
        assert_eq!(index.offset(Position::new(0, 3)), 5);
        assert_eq!(index.position(text.len()), Position::new(1, 2));
        assert_eq!(index.offset(Position::new(1, 2)), text.len());
    }

    #[test]
    fn positions_past_a_line_or_the_text_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(index.offset(Position::new(0, 99)), 3);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        assert_eq!(index.line_end(0), 2);
        assert_eq!(index.line_start(5), 4);
        // An offset inside a character moves back to its start.
        let index = LineIndex::new("é", Encoding::Utf16);
        assert_eq!(index.position(1), Position::new(0, 0));
    }
}
