//! Which open documents may link to a page just saved, so that their links are checked again
//! against its headings as saved: a renamed heading breaks the anchors that pointed at it.

use std::path::Path;

use lsp_types::Uri;

use super::documents::Documents;

/// The part of a page's path any link to it must spell: its file name without extension, or
/// the folder name for an index page.
fn link_name(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    if stem.eq_ignore_ascii_case("index") {
        return path.parent()?.file_name()?.to_str();
    }
    Some(stem)
}

/// The open documents other than `saved` whose text names it (the engine then resolves their
/// links exactly; a page that only mentions the name is linted again for nothing, harmlessly).
pub fn linking_to(documents: &Documents, saved: &Uri, path: &Path) -> Vec<Uri> {
    let Some(name) = link_name(path) else {
        return Vec::new();
    };
    documents
        .iter()
        .filter(|(uri, doc)| *uri != saved && doc.text.contains(name))
        .map(|(uri, _)| uri.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_pages_are_linked_by_their_folder() {
        assert_eq!(link_name(Path::new("/site/knee/index.md")), Some("knee"));
        assert_eq!(link_name(Path::new("/site/knee/prp.md")), Some("prp"));
    }
}
