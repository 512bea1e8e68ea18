//! Markdown front end: pulldown-cmark's offset iterator turned into [`Document`] blocks. Only
//! text events become prose; code, raw HTML, link destinations, images and front matter do not.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::anchors::AnchorGenerator;
use super::model::{BlockKind, Comment, Document, Format, Heading, Link, LinkText, OpenBlock};
use crate::source::{FileId, Span};
use crate::text::CODE_PLACEHOLDER;

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").expect("valid regex"));
static HTML_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
});

struct OpenHeading {
    level: u8,
    id: Option<String>,
    text: String,
    start: usize,
}

struct Builder<'a> {
    src: &'a str,
    doc: Document,
    block: Option<OpenBlock>,
    heading: Option<OpenHeading>,
    anchors: AnchorGenerator,
    /// Every anchor defined, in source order; made a set once at the end (one sort and a bulk
    /// build cost less than a tree insertion per heading).
    anchor_names: Vec<String>,
    /// Depth of elements whose text is not prose (code blocks, images, front matter).
    skip: usize,
    item_depth: usize,
    cell_depth: usize,
    /// Each open link's prose offset and index in `doc.links`.
    link_starts: Vec<(u32, u32)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The anchors of a Markdown document (headings, `{#id}`, HTML `id`/`name`), without building
/// its prose.
pub fn anchors(src: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut generator = AnchorGenerator::default();
    let mut heading: Option<(Option<String>, String)> = None;
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(CowStr::into_string), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = heading.take() {
                    out.insert(id.unwrap_or_else(|| generator.next(&text)));
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                skip += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                if let Some((_, text)) = &mut heading {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                let html = COMMENT.replace_all(&src[range], "");
                for m in HTML_ID.captures_iter(&html) {
                    if let Some(id) = m.get(1).or_else(|| m.get(2))
                        && !id.as_str().is_empty()
                    {
                        out.insert(id.as_str().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Reference definitions by destination, in file order: a link written by reference finds
/// its definition by lookup, not by a scan of them all.
type RefDefs = rustc_hash::FxHashMap<String, Vec<Span>>;

/// Parse Markdown source into a document (sentences are split by the caller).
pub fn parse(file: FileId, src: &str) -> Document {
    let parser = Parser::new_ext(src, options());
    let mut ref_defs = RefDefs::default();
    for (_, def) in parser.reference_definitions().iter() {
        ref_defs
            .entry(String::from(&*def.dest))
            .or_default()
            .push(Span::new(def.span.start, def.span.end));
    }
    for spans in ref_defs.values_mut() {
        spans.sort_unstable();
    }
    let mut b = Builder {
        src,
        doc: Document::empty(file, Format::Markdown),
        block: None,
        heading: None,
        anchors: AnchorGenerator::default(),
        anchor_names: Vec::with_capacity(32),
        skip: 0,
        item_depth: 0,
        cell_depth: 0,
        link_starts: Vec::new(),
    };
    // About one block per 128 source bytes (articles run 100–150): the list is not regrown
    // and copied several times over as it fills.
    b.doc.blocks.reserve(src.len() / 128 + 4);
    let mut html_ranges: Vec<Span> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        b.event(event, range.start, range.end, &ref_defs, &mut html_ranges);
    }
    b.finish_block();
    for span in html_ranges {
        b.scan_html(span);
    }
    b.doc.anchors = std::mem::take(&mut b.anchor_names).into_iter().collect();
    b.doc.links.sort_by_key(|l| l.span);
    b.doc.comments.sort_by_key(|c| c.span);
    b.doc
}

impl Builder<'_> {
    fn event(
        &mut self,
        event: Event<'_>,
        start: usize,
        end: usize,
        ref_defs: &RefDefs,
        html: &mut Vec<Span>,
    ) {
        match event {
            Event::Start(tag) => self.start(tag, start, end, ref_defs, html),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.skip > 0 {
                    return;
                }
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&text);
                }
                if is_source_text(self.src, start, end, &text) {
                    self.block_mut(start).prose.push_exact(&text, start);
                } else {
                    self.block_mut(start)
                        .prose
                        .push_mapped(&text, Span::new(start, end));
                }
                self.touch(end);
            }
            Event::Code(code) => {
                if self.skip > 0 {
                    return;
                }
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&code);
                }
                let mut buf = [0u8; 4];
                let placeholder = CODE_PLACEHOLDER.encode_utf8(&mut buf);
                self.block_mut(start)
                    .prose
                    .push_mapped(placeholder, Span::new(start, end));
                self.touch(end);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.skip == 0 && self.block.is_some() {
                    self.block_mut(start)
                        .prose
                        .push_mapped(" ", Span::new(start, end));
                }
            }
            // Block HTML is scanned once through its HtmlBlock range.
            Event::Html(_) => {}
            Event::InlineHtml(_) => html.push(Span::new(start, end)),
            Event::FootnoteReference(_) => {
                if self.skip == 0 {
                    let block = self.block_mut(start);
                    let at = block.prose.text.len() as u32;
                    block.footnote_refs.push(at);
                }
            }
            Event::Rule => self.finish_block(),
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(
        &mut self,
        tag: Tag<'_>,
        start: usize,
        end: usize,
        ref_defs: &RefDefs,
        html: &mut Vec<Span>,
    ) {
        match tag {
            Tag::Paragraph => {
                // A loose list item's paragraphs, a quote's paragraphs: each its own block.
                self.finish_block();
                let kind = self.container_kind();
                self.open_block(kind);
                self.reserve(end - start);
            }
            Tag::Heading { level, id, .. } => {
                self.finish_block();
                let level = heading_level(level);
                self.open_block(BlockKind::Heading(level));
                self.reserve(end - start);
                self.heading = Some(OpenHeading {
                    level,
                    id: id.map(CowStr::into_string),
                    text: String::new(),
                    start,
                });
            }
            Tag::Item => {
                self.finish_block();
                self.item_depth += 1;
                self.open_block(BlockKind::ListItem);
                // An item's range includes any nested list: reserve for its first line only.
                self.reserve((end - start).min(160));
            }
            Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::Table(_) => {
                self.finish_block();
            }
            Tag::TableCell => {
                self.finish_block();
                self.cell_depth += 1;
                self.open_block(BlockKind::TableCell);
            }
            Tag::CodeBlock(_) | Tag::Image { .. } => self.skip += 1,
            Tag::MetadataBlock(_) => {
                self.skip += 1;
                self.doc.front_matter = Some(Span::new(start, end));
            }
            Tag::HtmlBlock => {
                self.finish_block();
                html.push(Span::new(start, end));
            }
            Tag::Link { dest_url, .. } => {
                let dest = dest_url.into_string();
                let dest_span = find_dest(self.src, start, end, &dest, ref_defs);
                let link = self.doc.links.len() as u32;
                self.doc.links.push(Link {
                    dest,
                    dest_span,
                    span: Span::new(start, end),
                });
                if self.skip == 0 {
                    let at = self.block_mut(start).prose.text.len() as u32;
                    self.link_starts.push((at, link));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableCell => {
                self.finish_block();
                if tag == TagEnd::TableCell {
                    self.cell_depth = self.cell_depth.saturating_sub(1);
                }
            }
            TagEnd::Heading(_) => {
                let heading_end = self.block.as_ref().map_or(0, |b| b.end);
                self.finish_block();
                if let Some(h) = self.heading.take() {
                    let anchor = match h.id {
                        Some(id) => id,
                        None => self.anchors.next(&h.text),
                    };
                    self.anchor_names.push(anchor.clone());
                    self.doc.headings.push(Heading {
                        level: h.level,
                        text: h.text,
                        span: Span::new(h.start, heading_end.max(h.start)),
                        anchor,
                    });
                }
            }
            TagEnd::Item => {
                self.finish_block();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.finish_block()
            }
            TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1)
            }
            TagEnd::Link => {
                if let Some((start, link)) = self.link_starts.pop()
                    && let Some(block) = &mut self.block
                {
                    let end = block.prose.text.len() as u32;
                    block.link_text.push(LinkText { start, end, link });
                }
            }
            _ => {}
        }
    }

    fn container_kind(&self) -> BlockKind {
        if self.cell_depth > 0 {
            BlockKind::TableCell
        } else if self.item_depth > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn open_block(&mut self, kind: BlockKind) {
        self.block = Some(OpenBlock::new(kind));
    }

    /// Room in the open block for about `source_len` bytes of prose (markup only shrinks it).
    fn reserve(&mut self, source_len: usize) {
        if let Some(block) = &mut self.block {
            block.prose.reserve(source_len);
        }
    }

    /// The open block, opening a paragraph if text arrives outside one.
    fn block_mut(&mut self, at: usize) -> &mut OpenBlock {
        if self.block.is_none() {
            let kind = self.container_kind();
            self.open_block(kind);
        }
        let block = self.block.as_mut().expect("just opened");
        block.start.get_or_insert(at);
        block
    }

    fn touch(&mut self, end: usize) {
        if let Some(b) = &mut self.block {
            b.end = b.end.max(end);
        }
    }

    fn finish_block(&mut self) {
        if let Some(block) = self.block.take().and_then(OpenBlock::finish) {
            self.doc.blocks.push(block);
        }
    }

    fn scan_html(&mut self, span: Span) {
        let html = &self.src[span.range()];
        for m in COMMENT.captures_iter(html) {
            let whole = m.get(0).expect("group 0");
            self.doc.comments.push(Comment {
                span: Span::new(
                    span.start as usize + whole.start(),
                    span.start as usize + whole.end(),
                ),
                body: m[1].trim().to_string(),
            });
        }
        let without_comments = COMMENT.replace_all(html, "");
        for m in HTML_ID.captures_iter(&without_comments) {
            let id = m.get(1).or_else(|| m.get(2)).map_or("", |g| g.as_str());
            if !id.is_empty() {
                self.anchor_names.push(id.to_string());
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Where a link's destination is written: after the last `](` of an inline link, or in its
/// reference definition; the whole link when neither is found.
fn find_dest(src: &str, start: usize, end: usize, dest: &str, ref_defs: &RefDefs) -> Span {
    let whole = Span::new(start, end);
    if dest.is_empty() {
        return whole;
    }
    let text = &src[start..end];
    if let Some(open) = rfind_bracket_paren(text)
        // Usually right after the bracket; else somewhere in it (`<…>`, a title after it).
        && let Some(at) = (text[open + 2..].starts_with(dest) && !dest.starts_with(['(', ']']))
            .then_some(2)
            .or_else(|| text[open..].find(dest))
    {
        let s = start + open + at;
        return Span::new(s, s + dest.len());
    }
    if let Some(at) = text.find(dest) {
        // Autolinks: <https://…>
        return Span::new(start + at, start + at + dest.len());
    }
    for def_span in ref_defs.get(dest).into_iter().flatten() {
        if let Some(at) = src[def_span.range()].find(dest) {
            let s = def_span.start as usize + at;
            return Span::new(s, s + dest.len());
        }
    }
    whole
}

/// Whether `text` is exactly the source bytes `start..end`. Text borrowed from the source at
/// that place is, which its address shows without comparing its bytes.
fn is_source_text(src: &str, start: usize, end: usize, text: &CowStr<'_>) -> bool {
    if let CowStr::Borrowed(s) = text
        && std::ptr::eq(s.as_ptr(), src.as_ptr().wrapping_add(start))
        && end.checked_sub(start) == Some(s.len())
    {
        return true;
    }
    src.get(start..end) == Some(&**text)
}

/// Where the last `](` in `text` starts: `text.rfind("](")` by a byte search for `]`, which
/// costs less than setting up a substring searcher for each link.
fn rfind_bracket_paren(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(at) = memchr::memrchr(b']', &bytes[..end]) {
        if bytes.get(at + 1) == Some(&b'(') {
            return Some(at);
        }
        end = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};
    use crate::source::FileId;

    fn doc(src: &str) -> Document {
        Document::parse(FileId(0), Format::Markdown, src, &Default::default())
    }

    fn prose(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| b.prose.text.as_str()).collect()
    }

    #[test]
    fn code_html_front_matter_and_destinations_are_not_prose() {
        let src = "---\ntitle: cures\n---\n\nUse `cures` here.\n\n```\ncures\n```\n\n<div>cures</div>\n\n[cures link](cures.md)\n";
        let d = doc(src);
        assert!(d.front_matter.is_some());
        let texts = prose(&d);
        assert_eq!(texts, ["Use \u{FFFC} here.", "cures link"]);
        assert_eq!(d.links[0].dest, "cures.md");
        assert_eq!(&src[d.links[0].dest_span.range()], "cures.md");
    }

    #[test]
    fn headings_items_and_cells_are_separate_blocks() {
        let d = doc("# Title\n\n- one\n- two\n  - nested\n\n| a | b |\n|---|---|\n| c | d |\n");
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Heading(1));
        assert_eq!(prose(&d)[1..4], ["one", "two", "nested"]);
        assert!(kinds[4..].iter().all(|k| *k == BlockKind::TableCell));
        assert_eq!(prose(&d)[4..], ["a", "b", "c", "d"]);
    }

    #[test]
    fn anchors_follow_github_and_explicit_ids() {
        let d =
            doc("# Expert Take\n\n## Expert Take\n\n## Custom {#my-id}\n\n<a id=\"raw\"></a>\n");
        let anchors: Vec<_> = d.anchors.iter().map(String::as_str).collect();
        assert_eq!(anchors, ["expert-take", "expert-take-1", "my-id", "raw"]);
    }

    #[test]
    fn entities_map_to_their_source_bytes() {
        let src = "PRP &amp; fibrin cure pain.";
        let d = doc(src);
        let s = &d.sentences[0];
        assert_eq!(d.sentence_text(s), "PRP & fibrin cure pain.");
        let cure = d.sentence_text(s).find("cure").unwrap();
        let span = d.sentence_source_span(s, cure, cure + 4);
        assert_eq!(&src[span.range()], "cure");
    }

    #[test]
    fn comments_are_collected_inline_and_as_blocks() {
        let d = doc("<!-- medlint-disable MED101 -- quoted -->\nText. <!-- inline -->\n");
        let bodies: Vec<_> = d.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["medlint-disable MED101 -- quoted", "inline"]);
    }

    #[test]
    fn bracket_paren_search_agrees_with_rfind() {
        for text in [
            "",
            "]",
            "](",
            "[a](b)",
            "[a](b) [c](d)",
            "[x]](y)",
            "]]((",
            "[é](ü) ]",
            "(](]",
        ] {
            assert_eq!(
                super::rfind_bracket_paren(text),
                text.rfind("]("),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reference_links_point_at_their_definition() {
        let src = "See [the guide][g].\n\n[g]: guide.md\n";
        let d = doc(src);
        assert_eq!(d.links[0].dest, "guide.md");
        assert_eq!(&src[d.links[0].dest_span.range()], "guide.md");
    }

    #[test]
    fn sentences_span_soft_breaks() {
        let src = "First line\ncontinues here. Second.";
        let d = doc(src);
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(
            &src[d.sentences[0].span.range()],
            "First line\ncontinues here."
        );
    }
}
