//! The document model every rule reads: blocks of prose with an offset map back to the source,
//! sentences, headings with anchors, links, and comments (where suppressions live). Built by a
//! front end per input format; rules never see the raw markup.

pub mod anchors;
pub mod article;
pub mod heading_scan;
pub mod html;
mod html_reader;
pub mod markdown;
mod model;
mod parse;
pub mod prose;
pub mod sentences;
pub mod text;

// The front ends import the model from `model`, never from here: this file declares them and
// `parse` calls them, so an import of this face would be a loop.
pub use model::{
    Block, BlockKind, Comment, Document, Format, Heading, JoinedProse, Link, LinkText, Sentence,
};
pub use parse::{ParseOptions, anchors};
pub use prose::Prose;
