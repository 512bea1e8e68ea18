//! The documents the editor has open: their text as the editor holds it (unsaved edits
//! included), version, format and place in the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, LineIndex};
use crate::document::Format;

/// One open document.
pub struct OpenDocument {
    /// The text, shared with the worker that lints it.
    pub text: Arc<str>,
    /// The editor's version number.
    pub version: i32,
    /// How to parse it.
    pub format: Format,
    /// Where it is (or would be) on disk; links resolve from here.
    pub path: PathBuf,
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: BTreeMap<Uri, OpenDocument>,
}

/// The format of a document from the editor's language id, else from its file name; `None`
/// for anything medlint does not read.
pub fn format_of(language_id: &str, path: &Path) -> Option<Format> {
    match language_id {
        "markdown" | "mdx" => Some(Format::Markdown),
        "plaintext" | "text" => Some(Format::Text),
        "html" => Some(Format::Html),
        _ => Format::from_path(&path.to_string_lossy()),
    }
}

impl Documents {
    /// Start tracking a document.
    pub fn open(&mut self, uri: Uri, document: OpenDocument) {
        self.open.insert(uri, document);
    }

    /// Stop tracking a document.
    pub fn close(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.open.remove(uri)
    }

    /// An open document.
    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    /// Every open document, in URI order.
    pub fn iter(&self) -> impl Iterator<Item = (&Uri, &OpenDocument)> {
        self.open.iter()
    }

    /// Apply the editor's changes, in order; a change without a range replaces the whole text.
    /// Returns whether the document is open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> bool {
        let Some(document) = self.open.get_mut(uri) else {
            return false;
        };
        let mut text = document.text.to_string();
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&text, encoding);
                    let start = index.offset(range.start);
                    let end = index.offset(range.end).max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        document.text = Arc::from(text);
        document.version = version;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    #[test]
    fn ranged_changes_apply_in_order() {
        let uri = Uri::from_str("file:///a.md").unwrap();
        let mut docs = Documents::default();
        docs.open(
            uri.clone(),
            OpenDocument {
                text: Arc::from("It cures.\n"),
                version: 1,
                format: Format::Markdown,
                path: PathBuf::from("/a.md"),
            },
        );
        let edit = |line, from, to, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.to_string(),
        };
        let changes = vec![edit(0, 3, 8, "may help"), edit(0, 0, 2, "This")];
        assert!(docs.change(&uri, 2, changes, Encoding::Utf16));
        let doc = docs.get(&uri).unwrap();
        assert_eq!(&*doc.text, "This may help.\n");
        assert_eq!(doc.version, 2);
    }
}
