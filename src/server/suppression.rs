//! Suppression comments an editor can insert, in the syntax `src/suppress.rs` reads (the same
//! HTML comment in Markdown, HTML and plain text), with a reason left for the writer to fill
//! in: a suppression without a real reason is no audit trail.

use lsp_types::TextEdit;

use super::convert::Fix;
use super::position::LineIndex;
use crate::document::{Document, Format};
use crate::source::Span;

/// The reason the inserted comment carries until the writer replaces it.
pub const REASON: &str = "reason: …";

/// The start of the block (paragraph, list item, heading, table row) that holds `span`.
fn block_start(doc: &Document, span: Span) -> usize {
    doc.blocks
        .iter()
        .filter(|b| b.span.start <= span.start && span.start <= b.span.end)
        .map(|b| b.span.start as usize)
        .max()
        .unwrap_or(span.start as usize)
}

/// What stands before a line's text and must prefix a comment line inserted above it to keep
/// it in the same container: indentation and blockquote markers.
fn container_prefix(line: &str) -> &str {
    let end = line
        .find(|c: char| !matches!(c, ' ' | '\t' | '>'))
        .unwrap_or(line.len());
    &line[..end]
}

/// Suppress rule `id` for the finding at `span`: `medlint-disable-next-line` above its block,
/// or `medlint-disable-line` in the last cell of its row inside a table (a line inserted
/// there would end the table). `span` and `doc` are in the text the engine read, which starts
/// `shift` bytes into the editor's `text` (after a byte-order mark).
pub fn here(
    id: &str,
    span: Span,
    (text, shift): (&str, usize),
    doc: &Document,
    index: &LineIndex<'_>,
) -> Fix {
    let start = block_start(doc, span) + shift;
    let line_start = index.line_start(start);
    let line = &text[line_start..index.line_end(start)];
    let in_table = doc.format == Format::Markdown && line.trim_start().starts_with('|');
    let (offset, comment) = if in_table {
        // Inside the row's last cell: a comment after the closing pipe is no part of the table.
        let end = index.line_end(span.start as usize + shift);
        let row = text[..end].trim_end();
        let end = row.strip_suffix('|').map_or(end, |r| r.trim_end().len());
        (
            end,
            format!(" <!-- medlint-disable-line {id} -- {REASON} -->"),
        )
    } else {
        let prefix = container_prefix(line);
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        (
            line_start,
            format!("{prefix}<!-- medlint-disable-next-line {id} -- {REASON} -->{newline}"),
        )
    };
    let at = index.position(offset);
    Fix {
        title: format!("Suppress {id} here (with a reason)"),
        edits: vec![TextEdit::new(lsp_types::Range::new(at, at), comment)],
        preferred: false,
    }
}

/// Where a file-wide comment goes: the top, after Markdown front matter.
fn file_comment_offset(text: &str, format: Format) -> usize {
    if format != Format::Markdown {
        return 0;
    }
    let Some(fence) = ["---", "+++"].into_iter().find(|f| {
        text.strip_prefix(f)
            .is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"))
    }) else {
        return 0;
    };
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        if n > 0 && line.trim_end() == fence {
            return offset;
        }
    }
    // An unclosed fence is not front matter.
    0
}

/// Disable rule `id` for the whole file.
pub fn file(id: &str, text: &str, format: Format, index: &LineIndex<'_>) -> Fix {
    let at = index.position(file_comment_offset(text, format));
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Fix {
        title: format!("Disable {id} for this file (with a reason)"),
        edits: vec![TextEdit::new(
            lsp_types::Range::new(at, at),
            format!("<!-- medlint-disable-file {id} -- {REASON} -->{newline}"),
        )],
        preferred: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_comments_go_below_front_matter() {
        let text = "---\ntitle: x\n---\n# Title\n";
        assert_eq!(file_comment_offset(text, Format::Markdown), 17);
        assert_eq!(file_comment_offset("---\nunclosed", Format::Markdown), 0);
        assert_eq!(file_comment_offset(text, Format::Text), 0);
    }

    #[test]
    fn quoted_and_indented_lines_keep_their_container() {
        assert_eq!(container_prefix("> > It cures."), "> > ");
        assert_eq!(container_prefix("   - It cures."), "   ");
    }
}
