//! Splits a block's prose into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any
//! closing quotes or brackets) followed by whitespace and something that is not a lowercase
//! letter. Abbreviations (e.g., i.e., Dr., U.S., vs.), initials ("J. Smith") and decimals do
//! not end a sentence, nor does an elision mark ("[…]", "[...]").

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

/// The character starting at byte `at` (a character boundary), if any. Most prose is ASCII:
/// a byte below 0x80 is its character, with no decoding.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// The character ending at byte `at` (a character boundary), if any.
fn char_before(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at.checked_sub(1)?)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(..at)?.chars().next_back(),
    }
}

/// One past the run of terminators and closing quotes or brackets starting at `at`.
fn end_of_terminators(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(text, at)
        && (is_terminator(c) || is_closer(c))
    {
        at += c.len_utf8();
    }
    at
}

/// The first byte at or after `at` that is not whitespace.
fn skip_whitespace(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            // The usual case, a space or two: no character to decode.
            if !crate::text::ascii::is_space(b) {
                break;
            }
            at += 1;
        } else {
            match text[at..].chars().next() {
                Some(c) if c.is_whitespace() => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// The bytes of a word before a period: ASCII letters, digits and dots (one look-up a byte
/// rather than three range tests).
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'.' as usize;
        b += 1;
    }
    table
};

/// The word (letters and inner dots) that ends right before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    // ASCII letters, digits and dots in one tight backward scan; a non-ASCII character
    // where it stops is decoded, and the scan goes on a character at a time.
    let head = &text.as_bytes()[..dot];
    let mut start = head
        .iter()
        .rposition(|&b| !ASCII_WORD[usize::from(b)])
        .map_or(0, |i| i + 1);
    if start > 0 && !head[start - 1].is_ascii() {
        while let Some(c) = char_before(text, start)
            && (c.is_alphanumeric() || c == '.')
        {
            start -= c.len_utf8();
        }
    }
    &text[start..dot]
}

/// [`is_abbreviation`] of an ASCII word (almost every word), read from its bytes without
/// decoding or splitting it.
fn ascii_abbreviation(word: &[u8]) -> bool {
    match word {
        [] => false,
        // A single capital is an initial ("J. Smith").
        [b] => b.is_ascii_uppercase() || listed_ascii(word),
        // Only a word whose last letter follows a dot can be dotted ("U.S", "e.g").
        [.., b'.', _] => listed_ascii(word) || dotted_ascii(word),
        _ => listed_ascii(word),
    }
}

/// Single ASCII letters separated by dots ("U.S", "e.g", "a.m"), as `is_abbreviation` tests
/// a word of ASCII letters, digits and dots.
fn dotted_ascii(word: &[u8]) -> bool {
    word.len() % 2 == 1
        && word.iter().enumerate().all(|(i, &b)| {
            if i % 2 == 0 {
                b.is_ascii_alphabetic()
            } else {
                b == b'.'
            }
        })
}

/// The only character of `s`, if it has exactly one (without counting them all).
fn sole_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    chars.next().filter(|_| chars.next().is_none())
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        return ascii_abbreviation(word.as_bytes());
    }
    // A single capital is an initial ("J. Smith").
    let single_initial = sole_char(word).is_some_and(char::is_uppercase);
    // Single letters separated by dots ("U.S", "e.g", "a.m") are abbreviations.
    let dotted = || {
        // A plain loop: words are a few bytes, shorter than a memchr call's setup.
        word.bytes().any(|b| b == b'.')
            && word
                .split('.')
                .all(|p| sole_char(p).is_some_and(char::is_alphabetic))
    };
    single_initial || listed(word) || dotted()
}

/// An ASCII word of up to eight bytes, lowercased, as one big-endian integer (zero-padded):
/// keys order as their words do.
const fn key(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    let mut i = 0;
    while i < word.len() {
        if !word[i].is_ascii() {
            return None;
        }
        buf[i] = word[i].to_ascii_lowercase();
        i += 1;
    }
    Some(u64::from_be_bytes(buf))
}

/// The abbreviations as [`key`]s, in the list's (sorted) order, so a lookup is a binary
/// search over integers.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match key(ABBREVIATIONS[i].as_bytes()) {
            Some(k) => k,
            None => panic!("abbreviations are ASCII of at most eight bytes"),
        };
        i += 1;
    }
    keys
};

/// Whether `word` (any case) is in the abbreviation list.
fn listed(word: &str) -> bool {
    listed_ascii(word.as_bytes())
}

fn listed_ascii(word: &[u8]) -> bool {
    // A word longer than any abbreviation needs no key.
    word.len() <= LONGEST_ABBREVIATION
        && key(word).is_some_and(|k| ABBREVIATION_KEYS.binary_search(&k).is_ok())
}

/// Bytes in the longest abbreviation.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Where the next `…` (U+2026) starts at or after `from`. Its last byte, 0xA6, is rare in
/// prose, so a one-byte search finds it: far cheaper per block than a substring searcher.
fn find_ellipsis(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(offset) = memchr::memchr(0xA6, bytes.get(from..)?) {
        let last = from + offset;
        if last >= 2 && bytes[last - 2..last] == [0xE2, 0x80] {
            return Some(last - 2);
        }
        from = last + 1;
    }
    None
}

/// Call `out` with the byte range of each sentence of `text`, trimmed of surrounding
/// whitespace, in order.
pub fn each_sentence(text: &str, mut out: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // The first byte of `start..` that is not whitespace, when already known: the scan past
    // a sentence's end to read the next one's first character finds it.
    let mut first = 0;
    let mut i = 0;
    // Sentence ends are found with memchr for `.`, `!` and `?`, and a search for `…`,
    // repeated only when the scan passes the last one found.
    let mut next_ellipsis = find_ellipsis(bytes, 0);
    loop {
        if next_ellipsis.is_some_and(|e| e < i) {
            next_ellipsis = find_ellipsis(bytes, i);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|o| o + i);
        let at = match (stop, next_ellipsis) {
            (Some(s), Some(e)) => s.min(e),
            (Some(at), None) | (None, Some(at)) => at,
            (None, None) => break,
        };
        // Swallow repeated terminators and closing quotes/brackets.
        let end = end_of_terminators(text, at);
        i = end;
        // "[…]" and "[...]" mark words left out of a quotation, inside a sentence.
        if at > 0 && bytes[at - 1] == b'[' {
            continue;
        }
        // Must be followed by whitespace, then a character that can start a sentence.
        if char_at(text, end).is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let after = skip_whitespace(text, end);
        let next = char_at(text, after);
        if next.is_some_and(char::is_lowercase) {
            continue;
        }
        if bytes[at] == b'.' && next.is_some() && is_abbreviation(word_before(text, at)) {
            continue;
        }
        push_trimmed(text, start, first, end, &mut out);
        start = end;
        first = after;
    }
    push_trimmed(text, start, first, text.len(), &mut out);
}

/// The longest sentence handed to the rules, in bytes. Rules compare the phrases of a sentence
/// with one another, so their work grows with the square of its length; prose with no sentence
/// ends (a table row of claims, a minified page) is read in pieces of at most this size, cut
/// after a comma or semicolon, else at a space, so the work stays linear. Real sentences are
/// far shorter.
pub const MAX_SENTENCE_BYTES: usize = 2048;

/// Hand out the sentence `start..end`, in pieces if it is over-long. `first` lies between
/// `start` and its first byte that is not whitespace: where trimming may begin.
fn push_trimmed(
    text: &str,
    start: usize,
    first: usize,
    end: usize,
    out: &mut impl FnMut(usize, usize),
) {
    let mut start = start;
    let mut first = first;
    while end - start > MAX_SENTENCE_BYTES {
        let cut = piece_end(text, start);
        push_piece(text, first.min(cut), cut, out);
        start = cut;
        first = cut.max(first);
    }
    push_piece(text, first, end, out);
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

/// Hand out the piece ending at `end` trimmed of whitespace, if anything is left. `from` lies
/// between the piece's start and its first byte that is not whitespace.
fn push_piece(text: &str, from: usize, end: usize, out: &mut impl FnMut(usize, usize)) {
    // Trimmed as `str::trim` would, a character at a time from each end: most pieces have at
    // most a space to drop, so this skips the trimming searchers' setup.
    let first = skip_whitespace(text, from).min(end);
    let mut last = end;
    while last > first
        && let Some(c) = char_before(text, last)
        && c.is_whitespace()
    {
        last -= c.len_utf8();
    }
    if first < last {
        out(first, last);
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
        assert!(ABBREVIATIONS.iter().all(|a| key(a.as_bytes()).is_some()));
        assert!(ABBREVIATION_KEYS.windows(2).all(|w| w[0] < w[1]));
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

    /// The splitter as first written, a character at a time with `str` searches: the
    /// reference the byte-level fast paths above must agree with.
    mod plain {
        use super::super::{MAX_SENTENCE_BYTES, is_closer, is_terminator, listed, piece_end};

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
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let dotted = word.contains('.')
                && word
                    .split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
            single_initial || dotted || listed(word)
        }

        fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
            let slice = &text[start..end];
            let lead = slice.len() - slice.trim_start().len();
            let trail = slice.len() - slice.trim_end().len();
            if lead + trail < slice.len() {
                out.push((start + lead, end - trail));
            }
        }

        pub fn sentences(text: &str) -> Vec<(usize, usize)> {
            let mut pieces = Vec::new();
            let mut out = Vec::new();
            let bytes = text.as_bytes();
            let mut start = 0;
            let mut i = 0;
            loop {
                let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|o| o + i);
                let ellipsis = text[i..].find('…').map(|e| e + i);
                let Some(at) = [stop, ellipsis].into_iter().flatten().min() else {
                    break;
                };
                let c = text[at..].chars().next().expect("a character");
                i = at + c.len_utf8();
                if !is_terminator(c) {
                    continue;
                }
                let mut end = i;
                for d in text[end..].chars() {
                    if is_terminator(d) || is_closer(d) {
                        end += d.len_utf8();
                    } else {
                        break;
                    }
                }
                i = end;
                if at > 0 && bytes[at - 1] == b'[' {
                    continue;
                }
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
                pieces.push((start, end));
                start = end;
            }
            pieces.push((start, text.len()));
            for (start, end) in pieces {
                push_trimmed(text, start, end, &mut out);
            }
            out
        }

        fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
            let mut start = start;
            while end - start > MAX_SENTENCE_BYTES {
                let cut = piece_end(text, start);
                push_piece(text, start, cut, out);
                start = cut;
            }
            push_piece(text, start, end, out);
        }
    }

    fn fast(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        each_sentence(text, |s, e| out.push((s, e)));
        out
    }

    #[test]
    fn fast_paths_agree_with_the_plain_splitter_on_the_fixtures() {
        let mut blocks = 0;
        for (path, text) in crate::text::fixtures::fixture_texts(&[]) {
            let name = path.to_string_lossy().into_owned();
            let Some(format) = crate::document::Format::from_path(&name) else {
                continue;
            };
            let doc = crate::document::Document::parse(
                crate::source::FileId(0),
                format,
                &text,
                &Default::default(),
            );
            for block in &doc.blocks {
                let prose = &block.prose.text;
                assert_eq!(fast(prose), plain::sentences(prose), "{name}: {prose:?}");
                blocks += 1;
            }
        }
        assert!(blocks > 500, "only {blocks} blocks read");
    }

    /// Characters the splitter treats specially, and a few it must not.
    const ALPHABET: &[&str] = &[
        ".", "!", "?", "…", "...", " ", "  ", "\n", "\u{a0}", "\u{2003}", "\u{b}", "a", "b", "A",
        "J", "É", "é", "ß", "1", "2.5", "’", "”", "\"", "'", ")", "]", "[", "»", "e.g", "Dr",
        "U.S", "vs", "approx", "æ", "¦", "中", ",", ";",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2048,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn fast_paths_agree_with_the_plain_splitter(
            pieces in proptest::collection::vec(0..ALPHABET.len(), 0..40),
        ) {
            let text: String = pieces.iter().map(|&i| ALPHABET[i]).collect();
            proptest::prop_assert_eq!(fast(&text), plain::sentences(&text));
        }
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(sentences("approx. ten patients"), ["approx. ten patients"]);
        assert_eq!(sentences("a.m. or later"), ["a.m. or later"]);
    }
}
