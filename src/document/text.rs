//! Plain-text front end: paragraphs separated by blank lines, each a block. A line that is only
//! an HTML comment is a comment (so suppressions work in text files too), not prose.

use super::model::{Block, BlockKind, Comment, Document, Format};
use super::prose::Prose;
use crate::source::{FileId, Span};

/// Parse plain text into a document (sentences are split by the caller).
pub fn parse(file: FileId, src: &str) -> Document {
    let mut doc = Document::empty(file, Format::Text);
    let mut prose = Prose::recycled();
    let mut span: Option<(usize, usize)> = None;
    let mut offset = 0;
    for raw_line in src.split_inclusive(['\n', '\r']) {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if raw_line == "\n" && src[..line_start].ends_with('\r') {
            // The \n of a \r\n pair: not a line of its own.
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut doc, &mut prose, &mut span);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let start = line_start + lead;
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") && trimmed.len() >= 7 {
            doc.comments.push(Comment {
                span: Span::new(start, start + trimmed.len()),
                body: trimmed[4..trimmed.len() - 3].trim().to_string(),
            });
            continue;
        }
        if let Some((_, end)) = &mut span {
            // Join wrapped lines with a space standing for the line break.
            prose.push_mapped(" ", Span::new(*end, start));
            *end = start + trimmed.len();
        } else {
            span = Some((start, start + trimmed.len()));
        }
        prose.push_exact(trimmed, start);
    }
    flush(&mut doc, &mut prose, &mut span);
    doc
}

fn flush(doc: &mut Document, prose: &mut Prose, span: &mut Option<(usize, usize)>) {
    if let Some((start, end)) = span.take() {
        doc.blocks.push(Block {
            kind: BlockKind::Paragraph,
            span: Span::new(start, end),
            prose: std::mem::take(prose),
            link_text: Vec::new(),
            footnote_refs: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};
    use crate::source::FileId;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let src = "First para\nwraps here.\n\n  Second one.\r\n\r\nThird.";
        let d = Document::parse(FileId(0), Format::Text, src, &Default::default());
        let texts: Vec<_> = d.blocks.iter().map(|b| b.prose.text.as_str()).collect();
        assert_eq!(texts, ["First para wraps here.", "Second one.", "Third."]);
        assert_eq!(&src[d.blocks[1].span.range()], "Second one.");
        assert_eq!(&src[d.sentences[0].span.range()], "First para\nwraps here.");
    }

    #[test]
    fn comment_lines_are_not_prose() {
        let d = Document::parse(
            FileId(0),
            Format::Text,
            "<!-- medlint-disable-file MED201 -- sample -->\nText.",
            &Default::default(),
        );
        assert_eq!(d.comments.len(), 1);
        assert_eq!(d.blocks.len(), 1);
    }
}
