//! HTML front end: html5gum's tokenizer (WHATWG-conformant, with byte spans) turned into the
//! same [`Document`] model as Markdown. Prose comes from text nodes, with entities decoded for
//! matching while spans stay exact; block elements bound blocks; headings, `id`/`name`
//! anchors, `<a href>` links and comments are collected. Script, style, code and the like are
//! not prose, and neither is site chrome matched by the skip selectors.

use std::sync::LazyLock;

use html5gum::{Token, Tokenizer};
use regex::Regex;

use super::model::{BlockKind, Comment, Document, Format, Heading, Link, LinkText, OpenBlock};
use super::prose::Prose;
use crate::source::{FileId, Span};

/// Elements whose content is never prose.
const NOT_PROSE: &[&str] = &[
    "head", "script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "svg", "math",
    "textarea", "select", "iframe", "object",
];

/// Skipped elements that sit inside a line of prose rather than between blocks.
const INLINE: &[&str] = &[
    "code", "kbd", "samp", "math", "select", "textarea", "span", "a", "em", "strong", "b", "i",
    "small",
];

/// Elements that start or end a block of prose.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Site chrome skipped when no `[html] skip` is configured.
pub const DEFAULT_SKIP: &[&str] = &[
    "nav",
    ".cookie-banner",
    ".cookie-consent",
    ".cookie-notice",
    "#cookie-banner",
    "#cookie-consent",
    "#cookie-notice",
];

/// A simple selector: `tag`, `.class`, `#id`, or a tag with one class or id (`div.banner`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    tag: Option<String>,
    class: Option<String>,
    id: Option<String>,
}

impl Selector {
    /// Parse a selector.
    pub fn parse(s: &str) -> Result<Selector, String> {
        let s = s.trim();
        let valid = |part: &str| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        let (tag, rest) = match s.find(['.', '#']) {
            Some(at) => (&s[..at], &s[at..]),
            None => (s, ""),
        };
        let mut sel = Selector {
            tag: (!tag.is_empty()).then(|| tag.to_ascii_lowercase()),
            class: None,
            id: None,
        };
        if let Some(class) = rest.strip_prefix('.') {
            sel.class = Some(class.to_string());
        } else if let Some(id) = rest.strip_prefix('#') {
            sel.id = Some(id.to_string());
        }
        let parts_ok = sel.tag.as_deref().is_none_or(valid)
            && sel.class.as_deref().is_none_or(valid)
            && sel.id.as_deref().is_none_or(valid);
        if !parts_ok || (sel.tag.is_none() && sel.class.is_none() && sel.id.is_none()) {
            return Err(format!(
                "`{s}` is not a supported selector (use `tag`, `.class`, `#id`, `tag.class` or `tag#id`)"
            ));
        }
        Ok(sel)
    }

    fn matches(&self, tag: &str, class: Option<&str>, id: Option<&str>) -> bool {
        self.tag.as_deref().is_none_or(|t| t == tag)
            && self
                .class
                .as_deref()
                .is_none_or(|c| class.is_some_and(|cl| cl.split_whitespace().any(|x| x == c)))
            && self.id.as_deref().is_none_or(|i| id == Some(i))
    }
}

/// The default skip selectors, parsed.
pub fn default_skip() -> Vec<Selector> {
    DEFAULT_SKIP
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect()
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
        .expect("valid regex")
});

/// Decode one character reference by tokenizing it alone.
fn decode_entity(raw: &str) -> String {
    Tokenizer::new(raw)
        .flatten()
        .filter_map(|t| match t {
            Token::String(s) => Some(String::from_utf8_lossy(&s.value).into_owned()),
            _ => None,
        })
        .collect()
}

/// Append a text node's decoded `text` (source bytes `start..end`) to `prose`, mapping
/// literal runs exactly and each character reference to its own bytes.
fn push_text(prose: &mut Prose, src: &str, start: usize, end: usize, text: &str) {
    let raw = &src[start..end];
    if raw == text {
        prose.push_exact(text, start);
        return;
    }
    let mut pieces: Vec<(String, Span, bool)> = Vec::new();
    let mut at = 0;
    for m in ENTITY.find_iter(raw) {
        if m.start() > at {
            pieces.push((
                raw[at..m.start()].to_string(),
                Span::new(start + at, start + m.start()),
                true,
            ));
        }
        pieces.push((
            decode_entity(m.as_str()),
            Span::new(start + m.start(), start + m.end()),
            false,
        ));
        at = m.end();
    }
    if at < raw.len() {
        pieces.push((raw[at..].to_string(), Span::new(start + at, end), true));
    }
    let rebuilt: String = pieces.iter().map(|(t, _, _)| t.as_str()).collect();
    if rebuilt != text {
        // The tokenizer decoded something differently (a reference inside a longer name, say):
        // map the whole node by its endpoints rather than guess.
        prose.push_mapped(text, Span::new(start, end));
        return;
    }
    for (piece, span, exact) in pieces {
        if exact {
            prose.push_exact(&piece, span.start as usize);
        } else {
            prose.push_mapped(&piece, span);
        }
    }
}

struct Builder<'a> {
    src: &'a str,
    doc: Document,
    block: Option<OpenBlock>,
    kind: BlockKind,
    heading: Option<(u8, Option<String>, String, usize)>,
    link_starts: Vec<Option<(u32, u32)>>,
    /// Names of the open elements whose content is not prose.
    skipping: Vec<String>,
    /// A `<br>` was the last thing seen; a second one ends the block.
    after_br: bool,
}

fn attr<'t>(
    t: &'t html5gum::StartTag<usize>,
    name: &str,
) -> Option<&'t html5gum::Spanned<html5gum::HtmlString, usize>> {
    t.attributes.get(name.as_bytes())
}

fn text_of(s: &html5gum::HtmlString) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// The anchors of an HTML page (`id` attributes and `<a name>`), without building its prose.
pub fn anchors(src: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for token in super::html_reader::tokens(src) {
        if let Token::StartTag(t) = token {
            let name = text_of(&t.name).to_ascii_lowercase();
            for key in ["id", "name"] {
                if let Some(v) = attr(&t, key)
                    && (key == "id" || name == "a")
                {
                    let v = text_of(&v.value);
                    if !v.is_empty() {
                        out.insert(v);
                    }
                }
            }
        }
    }
    out
}

/// Parse HTML source into a document (sentences are split by the caller).
pub fn parse(file: FileId, src: &str, skip: &[Selector]) -> Document {
    let mut b = Builder {
        src,
        doc: Document::empty(file, Format::Html),
        block: None,
        kind: BlockKind::Paragraph,
        heading: None,
        link_starts: Vec::new(),
        skipping: Vec::new(),
        after_br: false,
    };
    for token in super::html_reader::tokens(src) {
        match token {
            Token::StartTag(t) => b.start(&t, skip),
            Token::EndTag(t) => b.end(&text_of(&t.name).to_ascii_lowercase()),
            Token::String(s) => b.text(s.span.start, s.span.end, &text_of(&s.value)),
            Token::Comment(c) => b.doc.comments.push(Comment {
                span: Span::new(c.span.start, c.span.end),
                body: text_of(&c.value).trim().to_string(),
            }),
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish_block();
    b.doc.links.sort_by_key(|l| l.span);
    b.doc
}

impl Builder<'_> {
    fn start(&mut self, t: &html5gum::StartTag<usize>, skip: &[Selector]) {
        let name = text_of(&t.name).to_ascii_lowercase();
        let void = VOID.contains(&name.as_str()) || t.self_closing;
        for key in ["id", "name"] {
            if let Some(v) = attr(t, key)
                && (key == "id" || name == "a")
            {
                let v = text_of(&v.value);
                if !v.is_empty() {
                    self.doc.anchors.insert(v);
                }
            }
        }
        if !self.skipping.is_empty() {
            if !void {
                self.skipping.push(name);
            }
            return;
        }
        let class = attr(t, "class").map(|v| text_of(&v.value));
        let id = attr(t, "id").map(|v| text_of(&v.value));
        if NOT_PROSE.contains(&name.as_str())
            || skip
                .iter()
                .any(|s| s.matches(&name, class.as_deref(), id.as_deref()))
        {
            if !void {
                if INLINE.contains(&name.as_str()) {
                    // Like a Markdown code span: separates words, matches nothing.
                    if self.block.is_some() {
                        let mut buf = [0u8; 4];
                        let mark = crate::text::CODE_PLACEHOLDER.encode_utf8(&mut buf);
                        let span = Span::new(t.span.start, t.span.end);
                        self.block_mut(t.span.start).prose.push_mapped(mark, span);
                    }
                } else {
                    self.finish_block();
                }
                self.skipping.push(name);
            }
            return;
        }
        if name == "br" {
            if self.after_br {
                self.finish_block();
            } else if self.block.is_some() {
                let span = Span::new(t.span.start, t.span.end);
                self.block_mut(t.span.start).prose.push_mapped(" ", span);
            }
            self.after_br = true;
            return;
        }
        self.after_br = false;
        if BLOCK.contains(&name.as_str()) {
            self.finish_block();
            self.kind = match name.as_str() {
                "li" | "dd" | "dt" => BlockKind::ListItem,
                "td" | "th" => BlockKind::TableCell,
                h if h.len() == 2 && h.starts_with('h') => {
                    let level = h.as_bytes()[1].wrapping_sub(b'0');
                    if (1..=6).contains(&level) {
                        self.heading = Some((level, id.clone(), String::new(), t.span.start));
                        BlockKind::Heading(level)
                    } else {
                        BlockKind::Paragraph
                    }
                }
                _ => BlockKind::Paragraph,
            };
            return;
        }
        if name == "a"
            && let Some(href) = attr(t, "href")
        {
            let dest = text_of(&href.value);
            let raw = &self.src[href.span.start..href.span.end];
            let dest_span = match raw
                .find('=')
                .and_then(|eq| raw[eq..].find(dest.as_str()).map(|at| eq + at))
            {
                Some(at) if !dest.is_empty() => {
                    Span::new(href.span.start + at, href.span.start + at + dest.len())
                }
                _ => Span::new(href.span.start, href.span.end),
            };
            let link = self.doc.links.len() as u32;
            self.doc.links.push(Link {
                dest,
                dest_span,
                span: Span::new(t.span.start, t.span.end),
            });
            let at = self.block.as_ref().map(|b| b.prose.text.len() as u32);
            self.link_starts.push(Some((at.unwrap_or(0), link)));
        }
    }

    fn end(&mut self, name: &str) {
        if !self.skipping.is_empty() {
            // Close up to the matching open element; stray end tags are ignored.
            if let Some(at) = self.skipping.iter().rposition(|n| n == name) {
                self.skipping.truncate(at);
            }
            return;
        }
        self.after_br = false;
        if BLOCK.contains(&name) {
            let end = self.block.as_ref().map(|b| b.end);
            self.finish_block();
            if let Some((level, id, text, start)) = self
                .heading
                .take_if(|_| name.len() == 2 && name.starts_with('h'))
            {
                let anchor = id
                    .clone()
                    .unwrap_or_else(|| super::anchors::github_slug(&text));
                self.doc.headings.push(Heading {
                    level,
                    text,
                    span: Span::new(start, end.unwrap_or(start).max(start)),
                    anchor,
                });
            }
            self.kind = BlockKind::Paragraph;
            return;
        }
        if name == "a"
            && let Some(Some((start, link))) = self.link_starts.pop()
            && let Some(block) = &mut self.block
        {
            let end = block.prose.text.len() as u32;
            block.link_text.push(LinkText { start, end, link });
        }
    }

    fn text(&mut self, start: usize, end: usize, text: &str) {
        if !self.skipping.is_empty() {
            return;
        }
        if text.trim().is_empty() {
            if self.block.is_some() {
                self.block_mut(start)
                    .prose
                    .push_mapped(" ", Span::new(start, end));
            }
            return;
        }
        self.after_br = false;
        if let Some((_, _, heading_text, _)) = &mut self.heading {
            heading_text.push_str(text);
        }
        let src = self.src;
        let block = self.block_mut(start);
        push_text(&mut block.prose, src, start, end, text);
        block.end = block.end.max(end);
    }

    fn block_mut(&mut self, at: usize) -> &mut OpenBlock {
        let kind = self.kind;
        let block = self.block.get_or_insert_with(|| OpenBlock::new(kind));
        block.start.get_or_insert(at);
        block
    }

    fn finish_block(&mut self) {
        if let Some(block) = self.block.take().and_then(OpenBlock::finish) {
            self.doc.blocks.push(block);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    fn doc(src: &str) -> Document {
        Document::parse(FileId(0), Format::Html, src, &ParseOptions::default())
    }

    fn prose(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| b.prose.text.trim()).collect()
    }

    #[test]
    fn scripts_styles_code_chrome_and_attributes_are_not_prose() {
        let d = doc(concat!(
            "<html><head><title>Cures</title><style>p{}</style></head><body>",
            "<nav><a href=\"/x/\">Cure stories</a></nav>",
            "<div class=\"cookie-banner\">We use cookies to cure</div>",
            "<p title=\"cures\">Rest <code>cures</code> helps.</p>",
            "<script>var s = '<p>cures</p>';</script><pre>cures</pre>",
            "</body></html>"
        ));
        assert_eq!(prose(&d), ["Rest \u{FFFC} helps."]);
        assert!(
            d.links.is_empty(),
            "links in skipped chrome are not checked"
        );
    }

    #[test]
    fn entities_decode_for_matching_and_map_to_their_source_bytes() {
        let src = "<p>It is 100%&nbsp;safe and doesn&rsquo;t hurt &#8212; ever.</p>";
        let d = doc(src);
        let s = &d.sentences[0];
        let text = d.sentence_text(s);
        assert_eq!(text, "It is 100%\u{a0}safe and doesn’t hurt — ever.");
        let at = text.find("100%").unwrap();
        let end = text.find("safe").unwrap() + 4;
        let span = d.sentence_source_span(s, at, end);
        assert_eq!(&src[span.range()], "100%&nbsp;safe");
        let apostrophe = text.find("doesn").unwrap();
        let span = d.sentence_source_span(s, apostrophe, apostrophe + "doesn’t".len());
        assert_eq!(&src[span.range()], "doesn&rsquo;t");
    }

    #[test]
    fn blocks_headings_anchors_links_and_comments() {
        let src = concat!(
            "<h2 id=\"risks\">Risks</h2><ul><li>One.</li><li>Two <a href=\"b.html#x\">link</a>.</li></ul>",
            "<table><tr><td>Cell</td></tr></table><a name=\"old\"></a>",
            "<p>First<br><br>Second</p><!-- medlint-disable-next-line MED101 -- why -->"
        );
        let d = doc(src);
        assert_eq!(
            prose(&d),
            ["Risks", "One.", "Two link.", "Cell", "First", "Second"]
        );
        assert_eq!(d.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(d.blocks[1].kind, BlockKind::ListItem);
        assert_eq!(d.blocks[3].kind, BlockKind::TableCell);
        assert_eq!(d.headings[0].anchor, "risks");
        assert!(d.anchors.contains("risks") && d.anchors.contains("old"));
        assert_eq!(d.links[0].dest, "b.html#x");
        assert_eq!(&src[d.links[0].dest_span.range()], "b.html#x");
        assert_eq!(d.blocks[2].link_text.len(), 1);
        assert_eq!(
            d.comments[0].body,
            "medlint-disable-next-line MED101 -- why"
        );
    }

    #[test]
    fn selectors_parse_and_match() {
        let s = Selector::parse("div.banner").unwrap();
        assert!(s.matches("div", Some("top banner"), None));
        assert!(!s.matches("p", Some("banner"), None));
        assert!(
            Selector::parse("#main")
                .unwrap()
                .matches("section", None, Some("main"))
        );
        assert!(Selector::parse("div > p").is_err());
        assert!(Selector::parse("").is_err());
    }
}
