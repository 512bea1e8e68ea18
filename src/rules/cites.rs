//! Whether a paragraph cites a source: a footnote, a link, an author-year parenthesis, a DOI or
//! a numbered reference. A cited claim is excused by the evidence rules.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Block;

/// An author-year parenthesis ("(Yin et al., 2014)"), a DOI, or a numbered reference ("[3]").
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // Name characters are ASCII letters, `'`, `-` or any non-ASCII character: a small
        // automaton that still reads "(Müller, 2019)" and "(O’Brien, 2014)".
        r"\([A-Z](?:[A-Za-z'-]|[^\x00-\x7F])+(?: et al\.?| and [A-Z](?:[A-Za-z'-]|[^\x00-\x7F])+)?,? (?:19|20)[0-9]{2}[a-z]?\)|\bdoi:\s*10\.[0-9]{4,}|\b10\.[0-9]{4,}/\S+|\[[0-9]{1,3}\]",
    )
    .expect("valid regex")
});

/// Compile the citation pattern now, so that the first document does not wait for it; the
/// pack loader calls this while the other rules compile.
pub fn prepare_shared_patterns() {
    LazyLock::force(&CITATION);
}

/// Whether a block cites a source.
pub fn block_cites(block: &Block) -> bool {
    let text = &block.prose.text;
    // Every form of citation has a `(`, a `[` or a DOI's `10.`; most blocks have none, and
    // that is quicker to see than to run the regex.
    let may_cite = memchr::memchr2(b'(', b'[', text.as_bytes()).is_some()
        || memchr::memmem::find(text.as_bytes(), b"10.").is_some();
    !block.footnote_refs.is_empty()
        || !block.link_text.is_empty()
        || (may_cite && CITATION.is_match(text))
}
