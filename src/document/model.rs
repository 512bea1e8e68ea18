//! The document model: formats, blocks of prose, sentences, headings, links and comments,
//! the types every front end fills and every rule reads.

use std::collections::BTreeSet;

use super::prose::Prose;
use crate::source::{FileId, Span};

/// Input formats medlint reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// CommonMark with GFM tables, footnotes, heading attributes and front matter.
    Markdown,
    /// Plain text: paragraphs separated by blank lines.
    Text,
    /// HTML5 pages, as published or exported from a CMS.
    Html,
}

impl Format {
    /// The format for a file name, by extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1;
        let any = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n));
        if any(&["md", "markdown", "mdown", "mkd"]) {
            Some(Format::Markdown)
        } else if any(&["txt", "text"]) {
            Some(Format::Text)
        } else if any(&["html", "htm"]) {
            Some(Format::Html)
        } else {
            None
        }
    }
}

/// What kind of block a piece of prose came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading of the given level (1–6).
    Heading(u8),
    /// The text of a list item.
    ListItem,
    /// A table cell.
    TableCell,
}

/// A unit of prose: sentences never cross block boundaries.
#[derive(Clone, Debug)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its source span (from the first to the last prose byte).
    pub span: Span,
    /// The lintable text.
    pub prose: Prose,
    /// Prose ranges that are link text, each with its link.
    pub link_text: Vec<LinkText>,
    /// Prose offsets where a footnote reference stands.
    pub footnote_refs: Vec<u32>,
}

/// A link's text in a block's prose.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct LinkText {
    /// Start byte in the prose.
    pub start: u32,
    /// End byte in the prose.
    pub end: u32,
    /// Index of the link in [`Document::links`].
    pub link: u32,
}

/// A block being filled by a front end.
pub(crate) struct OpenBlock {
    pub(crate) kind: BlockKind,
    pub(crate) prose: Prose,
    pub(crate) link_text: Vec<LinkText>,
    pub(crate) footnote_refs: Vec<u32>,
    /// First source byte of its prose, once some has arrived.
    pub(crate) start: Option<usize>,
    /// One past its last source byte of prose.
    pub(crate) end: usize,
}

impl OpenBlock {
    /// An empty block of `kind`.
    pub(crate) fn new(kind: BlockKind) -> OpenBlock {
        OpenBlock {
            kind,
            prose: Prose::recycled(),
            link_text: Vec::new(),
            footnote_refs: Vec::new(),
            start: None,
            end: 0,
        }
    }

    /// The finished block, unless it holds no prose.
    pub(crate) fn finish(self) -> Option<Block> {
        // Stops at the first character that is not whitespace (usually the first): the
        // same answer as `trim().is_empty()` without trimming from both ends.
        if self.prose.text.chars().all(char::is_whitespace) {
            return None;
        }
        let start = self.start.unwrap_or(self.end);
        Some(Block {
            kind: self.kind,
            span: Span::new(start, self.end.max(start)),
            prose: self.prose,
            link_text: self.link_text,
            footnote_refs: self.footnote_refs,
        })
    }
}

/// A sentence: a range of one block's prose.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index into [`Document::blocks`].
    pub block: u32,
    /// Start byte in the block's prose.
    pub start: u32,
    /// End byte in the block's prose.
    pub end: u32,
    /// Source span.
    pub span: Span,
}

/// A heading and the anchor it defines.
#[derive(Clone, Debug)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Its plain text.
    pub text: String,
    /// Its source span.
    pub span: Span,
    /// The anchor: an explicit `{#id}` or the GitHub slug.
    pub anchor: String,
}

/// A link in the document.
#[derive(Clone, Debug)]
pub struct Link {
    /// The destination as written (after Markdown unescaping).
    pub dest: String,
    /// Span of the destination text (or of the whole link when it cannot be found).
    pub dest_span: Span,
    /// Span of the whole link.
    pub span: Span,
}

/// An HTML comment (where suppression directives live).
#[derive(Clone, Debug)]
pub struct Comment {
    /// The whole `<!-- … -->`.
    pub span: Span,
    /// The text between the markers, trimmed.
    pub body: String,
}

/// A parsed article.
#[derive(Clone, Debug)]
pub struct Document {
    /// Which file.
    pub file: FileId,
    /// Which front end read it.
    pub format: Format,
    /// Front matter, if any.
    pub front_matter: Option<Span>,
    /// What the front matter declares (jurisdiction, audience, product class); filled in by
    /// the engine, which reports a bad value.
    pub article: super::article::Article,
    /// Prose blocks in source order.
    pub blocks: Vec<Block>,
    /// Sentences in source order.
    pub sentences: Vec<Sentence>,
    /// Headings in source order.
    pub headings: Vec<Heading>,
    /// Every anchor a link may target: heading anchors plus HTML `id`/`name` attributes.
    pub anchors: BTreeSet<String>,
    /// Links in source order.
    pub links: Vec<Link>,
    /// HTML comments in source order.
    pub comments: Vec<Comment>,
}

impl Document {
    /// A document with nothing in it yet, for a front end to fill.
    pub(super) fn empty(file: FileId, format: Format) -> Document {
        Document {
            file,
            format,
            front_matter: None,
            article: super::article::Article::default(),
            blocks: Vec::new(),
            sentences: Vec::new(),
            headings: Vec::new(),
            anchors: BTreeSet::new(),
            links: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// All prose joined with blank lines, for document-wide searches.
    pub fn joined_prose(&self) -> JoinedProse<'_> {
        // Sized once: grown by doubling, a page's prose was copied several times over.
        let len = self
            .blocks
            .iter()
            .map(|b| b.prose.text.len() + 2)
            .sum::<usize>();
        let mut text = String::with_capacity(len);
        let mut starts = Vec::with_capacity(self.blocks.len());
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            text.push_str(&b.prose.text);
        }
        JoinedProse {
            doc: self,
            text,
            starts,
        }
    }

    /// The prose text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.blocks[s.block as usize].prose.text[s.start as usize..s.end as usize]
    }

    /// Source span of a range of a sentence's text (offsets relative to the sentence).
    pub fn sentence_source_span(&self, s: &Sentence, start: usize, end: usize) -> Span {
        let base = s.start as usize;
        self.blocks[s.block as usize]
            .prose
            .source_span(base + start, base + end)
    }
}

/// A document's prose joined into one string, mappable back to source spans.
pub struct JoinedProse<'a> {
    doc: &'a Document,
    /// The joined text.
    pub text: String,
    starts: Vec<usize>,
}

impl JoinedProse<'_> {
    /// Where each block's prose starts in the joined text, in block order.
    pub fn block_starts(&self) -> &[usize] {
        &self.starts
    }

    /// Source span of the joined range `start..end` (clipped to the block `start` is in).
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let b = self
            .starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1);
        let Some(block) = self.doc.blocks.get(b) else {
            return Span::empty(0);
        };
        let base = self.starts[b];
        let local_end = (end - base).min(block.prose.text.len());
        block.prose.source_span(start - base, local_end)
    }
}
