//! Where packs come from: the ones built into the binary, with their prebuilt phrase index,
//! and any loaded from disk; errors point at a line of the pack's text.

use std::sync::Arc;

use crate::error::{Error, ErrorKind};
use crate::rules::regex::Compile;
use crate::source::{SourceText, Span};

/// The packs built into the binary, in load order.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("context.toml", include_str!("../../../lints/context.toml")),
    (
        "conditions.toml",
        include_str!("../../../lints/conditions.toml"),
    ),
    ("health.toml", include_str!("../../../lints/health.toml")),
    ("claims.toml", include_str!("../../../lints/claims.toml")),
    (
        "disclosures.toml",
        include_str!("../../../lints/disclosures.toml"),
    ),
    ("links.toml", include_str!("../../../lints/links.toml")),
    (
        "suppressions.toml",
        include_str!("../../../lints/suppressions.toml"),
    ),
];

/// The phrase index of exactly [`BUILTIN_PACKS`], built ahead of time (see
/// [`crate::text::phrase::snapshot`]); `MEDLINT_BLESS=1 cargo test` rewrites it after a pack
/// or the phrase compiler changes, and a test fails until it does. Aligned so that its tables
/// are read in place.
pub static BUILTIN_INDEX: &[u8] = &ALIGNED_INDEX.0;

/// Bytes on an eight-byte boundary (`include_bytes!` promises none).
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

static ALIGNED_INDEX: &Aligned<[u8]> = &Aligned(*include_bytes!("../builtin_index.bin"));

/// Headings every rule's docs must have, in order.
pub const DOC_HEADINGS: &[&str] = &["## What it does", "## Why it matters", "## References"];

/// One pack's source, as loaded.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// Path or embedded name, for messages.
    pub path: String,
    /// Full text.
    pub text: SourceText,
    /// Whether it is one of the embedded packs, whose patterns, docs and examples their tests
    /// check.
    built_in: bool,
}

impl PackSource {
    /// A pack read from `path`.
    pub fn new(path: String, text: Arc<str>) -> PackSource {
        PackSource {
            path,
            text: SourceText::Shared(text),
            built_in: false,
        }
    }

    /// The embedded packs.
    pub fn builtin() -> Vec<PackSource> {
        BUILTIN_PACKS
            .iter()
            .map(|(name, text)| PackSource {
                path: format!("lints/{name}"),
                text: SourceText::Static(text),
                built_in: true,
            })
            .collect()
    }

    /// Whether it is one of the embedded packs.
    pub(super) fn built_in(&self) -> bool {
        self.built_in
    }

    /// When its rules' regexes compile: an embedded pack's when first needed (its tests
    /// compile every one), any other pack's at load, so that one that does not compile is
    /// an error naming the pack.
    pub(super) fn compile_when(&self) -> Compile {
        if self.built_in {
            Compile::OnFirstUse
        } else {
            Compile::Now
        }
    }

    pub(super) fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Error {
        Error::located(
            ErrorKind::Pack,
            &self.path,
            &self.text.to_shared(),
            Span::new(span.start, span.end),
            message,
        )
    }
}

/// One-based lines of offsets in packs, asked in file order: each is counted on from the last,
/// so finding every rule's line reads each pack once.
#[derive(Default)]
pub(super) struct LineCounter {
    text: Option<SourceText>,
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The line of byte `offset` of `source`.
    pub(super) fn line_of(&mut self, source: &PackSource, offset: usize) -> usize {
        let offset = offset.min(source.text.len());
        let same = self.text.as_ref().is_some_and(|t| t.same_as(&source.text));
        if !same || offset < self.offset {
            *self = LineCounter {
                text: Some(source.text.clone()),
                offset: 0,
                line: 1,
            };
        }
        self.line +=
            memchr::memchr_iter(b'\n', &source.text.as_bytes()[self.offset..offset]).count();
        self.offset = offset;
        self.line
    }
}
