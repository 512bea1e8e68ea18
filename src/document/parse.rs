//! Reading a document: the front end for its format, then its sentences; and the light
//! anchors-only read.

use std::collections::BTreeSet;

use super::model::{Document, Format, Sentence};
use super::{heading_scan, html, markdown, sentences, text};
use crate::source::FileId;

/// The anchors a document defines, from a light parse that builds no prose. (Anchors inside
/// skipped site chrome still count: a link may target them.)
pub fn anchors(format: Format, text: &str) -> BTreeSet<String> {
    match format {
        Format::Markdown => heading_scan::anchors(text).unwrap_or_else(|| markdown::anchors(text)),
        Format::Html => html::anchors(text),
        Format::Text => BTreeSet::new(),
    }
}

/// Front-end settings.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// HTML elements whose content is site chrome, not article prose.
    pub html_skip: Vec<html::Selector>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            html_skip: html::default_skip(),
        }
    }
}

impl Document {
    /// Parse `text` in `format`.
    pub fn parse(file: FileId, format: Format, text: &str, options: &ParseOptions) -> Document {
        let mut doc = match format {
            Format::Markdown => markdown::parse(file, text),
            Format::Text => text::parse(file, text),
            Format::Html => html::parse(file, text, &options.html_skip),
        };
        doc.split_sentences();
        doc
    }

    fn split_sentences(&mut self) {
        let prose: usize = self.blocks.iter().map(|b| b.prose.text.len()).sum();
        self.sentences.reserve(prose / 64 + self.blocks.len());
        for (b, block) in self.blocks.iter().enumerate() {
            sentences::each_sentence(&block.prose.text, |s, e| {
                self.sentences.push(Sentence {
                    block: b as u32,
                    start: s as u32,
                    end: e as u32,
                    span: block.prose.source_span(s, e),
                });
            });
        }
    }
}
