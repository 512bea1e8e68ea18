//! Words and phrases: the tokenizer every sentence rule shares, and the phrase-list syntax
//! compiled into one word trie per run.

pub mod ascii;
pub mod case;
pub mod disguise;
pub mod escape;
#[cfg(test)]
pub mod fixtures;
pub mod inflect;
pub mod phrase;
pub mod tokenize;

/// Stands in for an inline code span inside prose: it separates words but matches no phrase.
pub const CODE_PLACEHOLDER: char = '\u{FFFC}';

/// The lines of `src` as `src.split('\n')` gives them, each end found by memchr: lines are
/// short, and `split`'s searcher costs more per line than memchr does.
pub fn lines(src: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(src);
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr(b'\n', text.as_bytes()) {
            Some(end) => {
                rest = Some(&text[end + 1..]);
                Some(&text[..end])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_split_as_str_split_does() {
        for src in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\nb",
            "# T\n\ntext\n- x\n",
            "x\r\ny\n\n",
        ] {
            let ours: Vec<&str> = lines(src).collect();
            let std: Vec<&str> = src.split('\n').collect();
            assert_eq!(ours, std, "{src:?}");
        }
    }
}
