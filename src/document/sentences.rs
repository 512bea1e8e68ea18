//! Splits a block's prose into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any
//! closing quotes or brackets) followed by whitespace and something that is not a lowercase
//! letter. Abbreviations (e.g., i.e., Dr., U.S., vs.), initials ("J. Smith") and decimals do
//! not end a sentence, nor does an elision mark ("[…]", "[...]").

/// A searcher for `…`, built once.
static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Words that end with a period but do not end a sentence (compared lowercase, without the
/// final period), sorted for binary search.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "apr", "aug", "ca", "cf", "co", "corp", "dec", "dept", "dr", "e.g", "eg",
    "esp", "est", "feb", "fig", "figs", "i.e", "ie", "inc", "jan", "jr", "jul", "jun", "lt", "ltd",
    "mar", "med", "min", "mr", "mrs", "ms", "mt", "nov", "oct", "p", "ph.d", "phd", "pp", "prof",
    "rev", "sep", "sept", "sr", "st", "u.k", "u.s", "u.s.a", "vol", "vs",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The word (letters and inner dots) that ends right before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // A single capital is an initial ("J. Smith").
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // Single letters separated by dots ("U.S", "e.g", "a.m") are abbreviations.
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    single_initial || dotted || listed(word)
}

/// An ASCII word of up to eight bytes, lowercased, as one integer (zero-padded).
fn key(word: &str) -> Option<u64> {
    let mut buf = [0u8; 8];
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    buf[..word.len()].copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    Some(u64::from_le_bytes(buf))
}

/// The abbreviations as [`key`]s, sorted, so a lookup compares integers.
static ABBREVIATION_KEYS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut keys: Vec<u64> = ABBREVIATIONS.iter().filter_map(|a| key(a)).collect();
    keys.sort_unstable();
    keys
});

/// Whether `word` (any case) is in the abbreviation list.
fn listed(word: &str) -> bool {
    key(word).is_some_and(|k| ABBREVIATION_KEYS.binary_search(&k).is_ok())
}

/// Call `out` with the byte range of each sentence of `text`, trimmed of surrounding
/// whitespace, in order.
pub fn each_sentence(text: &str, mut out: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Sentence ends are found with memchr for `.`, `!` and `?`, and a substring search for
    // `…` (U+2026), repeated only when the scan passes the last one found.
    let ellipsis = &*ELLIPSIS;
    let mut next_ellipsis: Option<usize> = ellipsis.find(bytes);
    loop {
        if next_ellipsis.is_some_and(|e| e < i) {
            next_ellipsis = ellipsis.find(&bytes[i..]).map(|e| e + i);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|o| o + i);
        let Some(at) = [stop, next_ellipsis].into_iter().flatten().min() else {
            break;
        };
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        i = at + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // Swallow repeated terminators and closing quotes/brackets.
        let mut end = i;
        for d in text[end..].chars() {
            if is_terminator(d) || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        // "[…]" and "[...]" mark words left out of a quotation, inside a sentence.
        if at > 0 && bytes[at - 1] == b'[' {
            continue;
        }
        // Must be followed by whitespace, then a character that can start a sentence.
        let rest = &text[end..];
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next = rest.trim_start().chars().next();
        if next.is_some_and(char::is_lowercase) {
            continue;
        }
        if c == '.' && next.is_some() && is_abbreviation(word_before(text, at)) {
            continue;
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
}

/// The longest sentence handed to the rules, in bytes. Rules compare the phrases of a sentence
/// with one another, so their work grows with the square of its length; prose with no sentence
/// ends (a table row of claims, a minified page) is read in pieces of at most this size, cut
/// after a comma or semicolon, else at a space, so the work stays linear. Real sentences are
/// far shorter.
pub const MAX_SENTENCE_BYTES: usize = 2048;

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut impl FnMut(usize, usize)) {
    let mut start = start;
    while end - start > MAX_SENTENCE_BYTES {
        let cut = piece_end(text, start);
        push_piece(text, start, cut, out);
        start = cut;
    }
    push_piece(text, start, end, out);
}

/// Where a piece of an over-long sentence starting at `start` ends: after the last comma or
/// semicolon (with its space) within the limit, else after its last space, else at the last
/// character boundary.
fn piece_end(text: &str, start: usize) -> usize {
    let limit = crate::source::floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
    let window = &text.as_bytes()[start..limit];
    let clause = memchr::memrchr2(b',', b';', window).filter(|&i| i > 0);
    let space = memchr::memrchr(b' ', window).filter(|&i| i > 0);
    match clause.or(space) {
        Some(i) => start + i + 1,
        None if limit > start => limit,
        // A single character longer than the limit cannot happen; take it whole.
        None => start + text[start..].chars().next().map_or(1, char::len_utf8),
    }
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut impl FnMut(usize, usize)) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out(start + lead, end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        each_sentence(text, |s, e| out.push(&text[s..e]));
        out
    }

    #[test]
    fn abbreviations_are_sorted_for_lookup() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS.iter().all(|a| key(a).is_some()));
        assert!(listed("Dr") && listed("E.G") && !listed("pain"));
    }

    #[test]
    fn elision_marks_do_not_split() {
        assert_eq!(
            sentences("Services include: [...] Massage. Also […] Yoga. Next"),
            ["Services include: [...] Massage.", "Also […] Yoga.", "Next"]
        );
    }

    #[test]
    fn splits_at_terminators() {
        assert_eq!(
            sentences("Rest helps. Does ice? Yes! Done"),
            ["Rest helps.", "Does ice?", "Yes!", "Done"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            sentences("See Dr. Smith, e.g. Monday. The U.S. FDA said 2.5 mg. J. Doe agreed."),
            [
                "See Dr. Smith, e.g. Monday.",
                "The U.S. FDA said 2.5 mg.",
                "J. Doe agreed."
            ]
        );
        assert_eq!(
            sentences("Managing Symptoms vs. Addressing the Source"),
            ["Managing Symptoms vs. Addressing the Source"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            sentences("He said “it worked.” Then he left."),
            ["He said “it worked.”", "Then he left."]
        );
    }

    #[test]
    fn over_long_sentences_are_read_in_pieces() {
        // One "sentence" of 40,000 claims: pieces end after a comma, within the limit, and
        // together cover the text.
        let text = "PRP cures pain, ".repeat(40_000);
        let pieces = sentences(&text);
        assert!(pieces.len() > text.len() / MAX_SENTENCE_BYTES);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert!(pieces[..pieces.len() - 1].iter().all(|p| p.ends_with(',')));
        let joined: usize = pieces.iter().map(|p| p.len() + 1).sum();
        assert_eq!(joined, text.len());
        // No comma or space: cut at a character boundary.
        let word = "é".repeat(3 * MAX_SENTENCE_BYTES);
        let pieces = sentences(&word);
        assert_eq!(pieces.concat(), word);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        // A sentence under the limit is left whole.
        let short = "PRP cures pain, ".repeat(100);
        assert_eq!(sentences(&short), [short.trim_end()]);
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(sentences("approx. ten patients"), ["approx. ten patients"]);
        assert_eq!(sentences("a.m. or later"), ["a.m. or later"]);
    }
}
