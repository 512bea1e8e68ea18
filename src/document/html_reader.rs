//! Feeding html5gum so that its stack stays flat on any input.
//!
//! html5gum runs its attribute states as direct calls to save a trip through its main loop:
//! before-attribute-name → attribute-name → before-attribute-value → attribute-value
//! (double-quoted) → after-attribute-value-quoted → before-attribute-name again. The calls form a
//! cycle, so a tag of `a="" a="" …` nests a few frames per attribute until the tag ends: 8,000
//! attributes overflow a worker's stack and abort the whole run. A larger stack would only move
//! the limit, since a 16 MiB file holds millions of attributes.
//!
//! The cycle passes through the double-quoted value state, which asks its reader for the bytes
//! up to `"`, `&`, NUL or CR. That state is entered through html5gum's recorded state (never
//! by a direct call that leaves the recorded state behind), so a read there can fail and be
//! retried: the error unwinds every nested frame back to the tokenizer's loop, which hands it to
//! us as an `Err` item, and the next call resumes in the same state at the same byte. This
//! reader fails one such read in every [`UNWIND_EVERY`], so no more than that many attributes
//! nest, whatever the input; tokens and spans are the same as from html5gum's own reader.

use html5gum::{Reader, StringReader};

/// The needle html5gum's double-quoted attribute value state reads up to (its three stop bytes
/// plus the CR its read helper adds).
const DOUBLE_QUOTED_VALUE: &[u8] = b"\"&\0\r";

/// How many double-quoted values may be read in a row before the stack is unwound. Small enough
/// that even an unoptimised build's frames stay well within a worker's stack.
const UNWIND_EVERY: u32 = 16;

/// The pause asked of the tokenizer; not a failure of the input.
#[derive(Debug)]
pub struct Unwind;

impl std::fmt::Display for Unwind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("tokenizer stack unwound")
    }
}

impl std::error::Error for Unwind {}

/// A string reader that makes the tokenizer unwind its stack now and then.
#[derive(Debug)]
pub struct FlatReader<'a> {
    inner: StringReader<'a>,
    /// Reads of double-quoted values since the last unwind.
    quoted_reads: u32,
}

impl<'a> FlatReader<'a> {
    /// A reader of `src`.
    pub fn new(src: &'a str) -> FlatReader<'a> {
        FlatReader {
            inner: html5gum::Readable::to_reader(src),
            quoted_reads: 0,
        }
    }
}

impl Reader for FlatReader<'_> {
    type Error = Unwind;

    fn read_byte(&mut self) -> Result<Option<u8>, Unwind> {
        Ok(self.inner.read_byte().unwrap_or_else(|e| match e {}))
    }

    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Unwind> {
        Ok(self
            .inner
            .try_read_string(s, case_sensitive)
            .unwrap_or_else(|e| match e {}))
    }

    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        char_buf: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Unwind> {
        if needle == DOUBLE_QUOTED_VALUE {
            self.quoted_reads += 1;
            // After an unwind the count starts again, so the retried read goes through.
            if self.quoted_reads > UNWIND_EVERY {
                self.quoted_reads = 0;
                return Err(Unwind);
            }
        }
        Ok(self
            .inner
            .read_until(needle, char_buf)
            .unwrap_or_else(|e| match e {}))
    }
}

/// The tokens of `src`, with spans, read through a [`FlatReader`]: the unwinds are skipped.
pub fn tokens(src: &str) -> impl Iterator<Item = html5gum::Token<usize>> + '_ {
    let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    html5gum::Tokenizer::new_with_emitter(FlatReader::new(src), emitter).filter_map(Result::ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same tokens as html5gum's own reader, spans included.
    fn plain(src: &str) -> Vec<html5gum::Token<usize>> {
        let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        html5gum::Tokenizer::new_with_emitter(src, emitter)
            .filter_map(Result::ok)
            .collect()
    }

    #[test]
    fn tokens_and_spans_match_the_plain_reader() {
        let many = format!("<p {}x>Knee pain.</p>", "a=\"v\" ".repeat(100));
        for src in [
            many.as_str(),
            "<p a=\"1\" b='2' c=3 d=\"&amp;x\"\r\ne=\"\r\n\">Hi &amp; bye</p>",
            "<a href=\"x\"/><br a=\"\"/ b=\"\"><p a=\"\"b=\"\">",
            "<p a=\"unterminated",
        ] {
            assert_eq!(tokens(src).collect::<Vec<_>>(), plain(src), "{src:?}");
        }
    }

    #[test]
    fn a_long_run_of_quoted_attributes_unwinds() {
        let src = format!("<p {}>", "a=\"\" ".repeat(1000));
        let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let mut t = html5gum::Tokenizer::new_with_emitter(FlatReader::new(&src), emitter);
        let errors = t.by_ref().filter(Result::is_err).count();
        // One unwind after every UNWIND_EVERY values: the nesting never grows past that.
        assert_eq!(errors, (1000 - 1) / UNWIND_EVERY as usize);
    }

    proptest::proptest! {
        #[test]
        fn any_markup_tokenizes_as_with_the_plain_reader(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<p ", "a=\"", "\" ", "\"", "'", "=", " ", "&amp;", "&", ">", "</p>", "\r\n",
                    "<!--", "-->", "<script>", "</script>", "/", "b", "<textarea>", "\0", "é",
                    // Enough quoted values in one tag for the reader to unwind inside it.
                    "<p a=\"\" b=\"x\" c=\"\"\td=\"\" e=\"\" f=\"\" g=\"\" h=\"\" i=\"\" ",
                    "j=\"&lt;\" k=\"\" l=\"\" m=\"\" n=\"\" o=\"\" p=\"\" q=\"\" r=\"\"\n",
                ]),
                0..60,
            ),
        ) {
            let src: String = parts.concat();
            proptest::prop_assert_eq!(tokens(&src).collect::<Vec<_>>(), plain(&src));
        }
    }
}
