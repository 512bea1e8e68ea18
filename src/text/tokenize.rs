//! Splits prose into word and punctuation tokens and builds a normalised form for matching:
//! lowercase, curly quotes straightened, intra-word hyphens dropped ("risk-free" matches
//! "risk free"), tokens joined by single spaces.

use super::ascii;
use super::disguise::{has_latin, is_hidden, look_alike};

/// What a token is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, decimal points and thousands separators.
    Word,
    /// Any other visible character, one per token.
    Punct,
}

/// One token: its bytes in the tokenized text and in the normalised string.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Word or punctuation.
    pub kind: TokenKind,
    /// Start byte in the tokenized text.
    pub start: u32,
    /// End byte in the tokenized text.
    pub end: u32,
    /// Start byte in [`Tokens::norm`].
    pub norm_start: u32,
    /// End byte in [`Tokens::norm`].
    pub norm_end: u32,
}

/// A tokenized text with its normalised form.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// Normalised tokens joined by single spaces.
    pub norm: String,
    /// The words that hid an invisible character or a look-alike letter (see
    /// [`is_hidden`](super::disguise::is_hidden) and [`look_alike`](super::disguise::look_alike)), by token index; their normal form reads through it.
    pub disguised: Vec<u32>,
    /// Whether some word's normal form starts with an ASCII digit, that is, whether a phrase's
    /// `#` may take one of its words: most sentences have no number, and then no word needs
    /// to be read as one.
    pub has_number: bool,
}

impl Tokens {
    /// The normalised text of token `i`.
    pub fn norm_of(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm_start as usize..t.norm_end as usize]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn normalise_punct(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' | '―' => '—',
        _ => c,
    }
}

/// Whether `c`, between `prev` and `next`, joins one word: an apostrophe before a letter
/// ("don't"), a point or comma between digits ("2.5", "1,000").
fn joins(c: char, prev: char, next: Option<char>) -> bool {
    (is_apostrophe(c) && next.is_some_and(char::is_alphabetic))
        || ((c == '.' || c == ',')
            && prev.is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit()))
}

/// An editor's bracketed letter at byte `at` (the `[`), joined to the word it changes:
/// "[c]linically", "[H]as" in quoted copy. Returns the letter.
fn editorial_letter(bytes: &[u8], at: usize) -> Option<char> {
    match bytes.get(at..at + 4)? {
        [b'[', l, b']', next] if l.is_ascii_alphabetic() && next.is_ascii_alphabetic() => {
            Some(char::from(*l))
        }
        _ => None,
    }
}

/// Whether the `.` at byte `at` abbreviates a genus ("H. pylori", "E. coli", "S. aureus"):
/// right after a word of one capital letter (not the last letter of "U.S.") and before a
/// space and a lowercase letter. The point is no token: the two words read as one name.
fn genus_point(bytes: &[u8], tokens: &[Token], at: usize) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    let (start, end) = (last.start as usize, last.end as usize);
    end == at
        && end == start + 1
        && bytes[start].is_ascii_uppercase()
        && (start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.'))
        && bytes.get(at + 1) == Some(&b' ')
        && bytes.get(at + 2).is_some_and(u8::is_ascii_lowercase)
}

/// ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The character at byte `at` (a char boundary), decoding only when it is not ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[at..].chars().next(),
        None => None,
    }
}

/// Tokenize `text`. Runs of ASCII letters and digits are taken a byte at a time; anything
/// else is decoded.
pub fn tokenize(text: &str) -> Tokens {
    let mut out = Tokens::default();
    tokenize_into(text, &mut out);
    out
}

/// Tokenize `text` into `out`, reusing its buffers.
pub fn tokenize_into(text: &str, out: &mut Tokens) {
    // The buffers are worked on as locals (the normalised text as bytes), which keeps their
    // lengths in registers in the per-byte loop; they go back into `out` at the end.
    let mut tokens = std::mem::take(&mut out.tokens);
    let mut norm = std::mem::take(&mut out.norm).into_bytes();
    tokens.clear();
    norm.clear();
    out.disguised.clear();
    // Room for a token every three bytes and a space before each punctuation mark, so a
    // sentence needs no regrowth.
    tokens.reserve(text.len() / 3 + 4);
    norm.reserve(text.len() + text.len() / 4 + 8);
    let bytes = text.as_bytes();
    let mut at = 0;
    // The previous character, for intra-word hyphens and digit separators.
    let mut prev: Option<char> = None;
    let mut has_number = false;
    loop {
        if let Some((end, last)) = plain_words(bytes, at, &mut norm, &mut tokens, &mut has_number) {
            prev = Some(char::from(last));
            at = end;
            continue;
        }
        let Some(c) = char_at(text, at) else { break };
        if c == ' ' {
            at += 1;
            prev = Some(' ');
            continue;
        }
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            prev = Some(c);
            continue;
        }
        // "[c]linically": the word starts at the bracket, its first letter inside it.
        let editorial = if c == '[' {
            editorial_letter(bytes, start)
        } else {
            None
        };
        let c = match editorial {
            Some(letter) => {
                at = start + 3;
                letter
            }
            None => c,
        };
        if is_word_char(c) {
            // A word runs over letters/digits; an apostrophe joins letters ("don't"), a point
            // or comma joins digits ("2.5", "1,000"); a hyphen ends the word (it is dropped).
            // ASCII words are lowercased into `norm` as they are scanned; a word with any
            // other character is normalised afterwards instead.
            if !norm.is_empty() {
                norm.push(b' ');
            }
            let norm_start = norm.len();
            let mut ascii = c.is_ascii();
            if ascii {
                norm.push((c as u8).to_ascii_lowercase());
            }
            let mut last = c;
            loop {
                let run_start = at;
                if ascii {
                    at = push_ascii_run(bytes, at, &mut norm);
                } else {
                    while at < bytes.len() && ASCII_WORD[usize::from(bytes[at])] {
                        at += 1;
                    }
                }
                if at > run_start {
                    last = char::from(bytes[at - 1]);
                }
                // Most words end at a space or a mark that cannot join them: stop early.
                match bytes.get(at) {
                    None => break,
                    Some(&b) if b < 0x80 && !matches!(b, b'\'' | b'.' | b',') => break,
                    _ => {}
                }
                let Some(next) = char_at(text, at) else { break };
                if is_word_char(next) {
                    ascii &= next.is_ascii();
                    at += next.len_utf8();
                    last = next;
                    continue;
                }
                if is_hidden(next) {
                    // Invisible characters inside a word are read through.
                    let past = hidden_run_end(text, at);
                    if char_at(text, past).is_some_and(is_word_char) {
                        ascii = false;
                        at = past;
                        continue;
                    }
                    break;
                }
                let after = char_at(text, at + next.len_utf8());
                match after {
                    Some(after) if joins(next, last, Some(after)) => {
                        if ascii && next.is_ascii() && after.is_ascii() {
                            norm.push(next as u8);
                            norm.push((after as u8).to_ascii_lowercase());
                        } else {
                            ascii = false;
                        }
                        at += next.len_utf8() + after.len_utf8();
                        last = after;
                    }
                    _ => break,
                }
            }
            let mut read_through = false;
            if !ascii {
                norm.truncate(norm_start);
                let disguised = if editorial.is_some() {
                    norm.push((c as u8).to_ascii_lowercase());
                    push_word_normalised(&mut norm, &text[start + 3..at])
                } else {
                    push_word_normalised(&mut norm, &text[start..at])
                };
                if disguised {
                    read_through = true;
                    out.disguised.push(tokens.len() as u32);
                }
            }
            has_number |= norm.get(norm_start).is_some_and(u8::is_ascii_digit);
            let unit = c.is_ascii_digit() && last.is_ascii_alphabetic();
            push_word(&mut norm, &mut tokens, start..at, norm_start, unit);
            if !unit && !read_through && norm[norm_start..].contains(&b'\'') {
                split_contraction(bytes, &mut norm, &mut tokens);
            }
            prev = Some(last);
            continue;
        }
        if c == '.' && genus_point(bytes, &tokens, start) {
            prev = Some(c);
            continue;
        }
        if c == '#'
            && prev.is_none_or(|p| !is_word_char(p))
            && bytes.get(at).is_some_and(u8::is_ascii_alphabetic)
        {
            // A hashtag's sign ("#coronavirus", "#anxiety") is no token: the tag reads as
            // its word. "#1" keeps its sign, which phrases may name.
            prev = Some(c);
            continue;
        }
        if c.is_ascii() && c != '-' {
            // ASCII punctuation (not a hyphen) is its own normal form.
            push_ascii_mark(&mut norm, &mut tokens, start, c as u8);
            prev = Some(c);
            continue;
        }
        if is_hidden(c) {
            // Between words an invisible character is nothing at all.
            continue;
        }
        let next = char_at(text, at);
        if is_hyphen(c) && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char) {
            // Intra-word hyphen: a joiner, not a token.
            prev = Some(c);
            continue;
        }
        if c == '-' && next == Some('-') {
            // "--" is a dash.
            at += 1;
            push(&mut norm, &mut tokens, TokenKind::Punct, start, at, "—");
            prev = Some('-');
            continue;
        }
        let mut buf = [0u8; 4];
        push(
            &mut norm,
            &mut tokens,
            TokenKind::Punct,
            start,
            at,
            punct_norm(c, &mut buf),
        );
        prev = Some(c);
    }
    out.tokens = tokens;
    out.has_number = has_number;
    // Only whole characters were appended, so this check always passes.
    out.norm = String::from_utf8(norm)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// Plain words at `at`, one after another with a space between (see [`plain_word`]), taken
/// without going back to the general loop between them. Returns where they end and the
/// last byte read (a letter or digit, or the space after the last word), or `None` when
/// no plain word starts at `at`. Sets `has_number` when a word starts with a digit.
fn plain_words(
    bytes: &[u8],
    mut at: usize,
    norm: &mut Vec<u8>,
    tokens: &mut Vec<Token>,
    has_number: &mut bool,
) -> Option<(usize, u8)> {
    let mut read = None;
    while let Some(end) = plain_word(bytes, at, norm, tokens, has_number) {
        if bytes.get(end) != Some(&b' ') {
            return Some((end, bytes[end - 1]));
        }
        at = end + 1;
        read = Some((at, b' '));
    }
    read
}

/// The most common token, a plain word, taken in one lean step: ASCII letters and digits
/// from `at` that end at the text's end, a space or an ASCII mark that cannot join them to
/// more (no apostrophe, and no point or comma after a digit). Its token is pushed and the
/// byte after it returned; `has_number` is set when it starts with a digit. Anything else (a
/// space, a mark, non-ASCII, a word that may go on) is left untouched to the general loop,
/// which reads such a word the same way, only with more tests per byte.
fn plain_word(
    bytes: &[u8],
    at: usize,
    norm: &mut Vec<u8>,
    tokens: &mut Vec<Token>,
    has_number: &mut bool,
) -> Option<usize> {
    if !ASCII_WORD[usize::from(*bytes.get(at)?)] {
        return None;
    }
    let before = norm.len();
    if before > 0 {
        norm.push(b' ');
    }
    let norm_start = norm.len();
    let end = push_ascii_run(bytes, at, norm);
    let last = bytes[end - 1];
    let ends_here = match bytes.get(end) {
        None => true,
        Some(b'\'') => false,
        Some(b'.' | b',') => !last.is_ascii_digit(),
        Some(&b) => b < 0x80,
    };
    if !ends_here {
        norm.truncate(before);
        return None;
    }
    // Set only for a number (rare): no store for other words.
    let unit = bytes[at].is_ascii_digit() && {
        *has_number = true;
        last.is_ascii_alphabetic()
    };
    push_word(norm, tokens, at..end, norm_start, unit);
    Some(end)
}

/// Push the word at bytes `text` of the tokenized text, its normal form `norm[norm_start..]`
/// written already; when `unit` (it starts with a digit and ends with a letter, as only a
/// word carrying a unit does), read a unit written against its number as a word of its own.
#[inline(always)]
fn push_word(
    norm: &mut Vec<u8>,
    tokens: &mut Vec<Token>,
    text: std::ops::Range<usize>,
    norm_start: usize,
    unit: bool,
) {
    tokens.push(Token {
        kind: TokenKind::Word,
        start: text.start as u32,
        end: text.end as u32,
        norm_start: norm_start as u32,
        norm_end: norm.len() as u32,
    });
    if unit {
        split_unit(norm, tokens);
    }
}

/// Append the run of ASCII letters and digits at `at` to `norm`, lowercased, and return where
/// it ends. Eight bytes at a time (zeros past the end of the text): all eight lowercased are
/// appended (a fixed-size copy, no call) and the part past the run cut off again.
fn push_ascii_run(bytes: &[u8], mut at: usize, norm: &mut Vec<u8>) -> usize {
    loop {
        let (run, lower) = ascii::word_run(ascii::eight_at(bytes, at));
        norm.extend_from_slice(&lower.to_le_bytes());
        norm.truncate(norm.len() - 8 + run);
        at += run;
        if run < 8 {
            return at;
        }
    }
}

/// Units written against their number ("10lbs", "30kg", "500mg"), read as two words so that
/// a phrase's `#` takes the number, as it does in "10 lbs".
const UNITS: [&str; 13] = [
    "kg", "kgs", "lb", "lbs", "mg", "mcg", "ml", "g", "cm", "mm", "oz", "iu", "kcal",
];

/// Split the word just pushed into its number and its unit when it is a number with a unit
/// against it; only where the word was written as it reads (ASCII, nothing read through).
fn split_unit(norm: &mut Vec<u8>, tokens: &mut Vec<Token>) {
    let Some(&word) = tokens.last() else {
        return;
    };
    let (ns, ne) = (word.norm_start as usize, word.norm_end as usize);
    if ne - ns != (word.end - word.start) as usize || !norm[ns].is_ascii_digit() {
        return;
    }
    let digits = norm[ns..ne]
        .iter()
        .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b',')))
        .unwrap_or(ne - ns);
    let unit = &norm[ns + digits..ne];
    if digits == 0 || !UNITS.iter().any(|u| u.as_bytes() == unit) {
        return;
    }
    norm.insert(ns + digits, b' ');
    let split = word.start + digits as u32;
    tokens.pop();
    tokens.push(Token {
        end: split,
        norm_end: (ns + digits) as u32,
        ..word
    });
    tokens.push(Token {
        kind: TokenKind::Word,
        start: split,
        end: word.end,
        norm_start: (ns + digits + 1) as u32,
        norm_end: (ne + 1) as u32,
    });
}

/// Split the word just pushed when it is a pronoun with its verb contracted against it:
/// "it's" reads as "it is", "they're" as "they are", "I've" as "i have", so that a phrase
/// or a rule that reads the verb ("is effective for") reads it either way. "'s" is "has"
/// before "been" or "got", "'d" is "had" before "been". Only where the word was written as
/// it reads (nothing read through); the verb's token spans the apostrophe and its letters.
fn split_contraction(bytes: &[u8], norm: &mut Vec<u8>, tokens: &mut Vec<Token>) {
    let Some(&word) = tokens.last() else {
        return;
    };
    let (ns, ne) = (word.norm_start as usize, word.norm_end as usize);
    let Some(q) = norm[ns..ne].iter().rposition(|&b| b == b'\'') else {
        return;
    };
    let (stem, suffix) = (&norm[ns..ns + q], &norm[ns + q + 1..ne]);
    let pronoun = matches!(
        stem,
        b"it"
            | b"that"
            | b"there"
            | b"here"
            | b"what"
            | b"who"
            | b"where"
            | b"he"
            | b"she"
            | b"they"
            | b"we"
            | b"you"
            | b"i"
    );
    let end = word.end as usize;
    let verb: &[u8] = match suffix {
        _ if !pronoun => return,
        b"s" if next_word_is(bytes, end, &[b"been", b"got", b"gotten"]) => b"has",
        b"s" => b"is",
        b"re" => b"are",
        b"m" if stem == b"i" => b"am",
        b"ve" => b"have",
        b"ll" => b"will",
        b"d" if next_word_is(bytes, end, &[b"been"]) => b"had",
        b"d" => b"would",
        _ => return,
    };
    // The apostrophe in the text: ' (one byte), ʼ (two) or ’ (three), before the suffix.
    let Some(apostrophe) = [1, 2, 3]
        .into_iter()
        .filter_map(|n| end.checked_sub(suffix.len() + n))
        .find(|&at| at >= word.start as usize && matches!(bytes[at], b'\'' | 0xCA | 0xE2))
    else {
        return;
    };
    let stem_end = ns + q;
    norm.truncate(stem_end);
    norm.push(b' ');
    norm.extend_from_slice(verb);
    tokens.pop();
    tokens.push(Token {
        end: apostrophe as u32,
        norm_end: stem_end as u32,
        ..word
    });
    tokens.push(Token {
        kind: TokenKind::Word,
        start: apostrophe as u32,
        end: word.end,
        norm_start: (stem_end + 1) as u32,
        norm_end: norm.len() as u32,
    });
}

/// Whether the word after byte `at` (past spaces) is one of `words` (lowercase ASCII), in
/// any case.
fn next_word_is(bytes: &[u8], at: usize, words: &[&[u8]]) -> bool {
    let rest = bytes.get(at..).unwrap_or_default();
    let rest = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
    let next = &rest[..rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()];
    words.iter().any(|w| next.eq_ignore_ascii_case(w))
}

/// The normalised form of punctuation mark `c` (hyphens and dashes to `—`, curly quotes
/// straightened; the code placeholder kept).
fn punct_norm(c: char, buf: &mut [u8; 4]) -> &str {
    if c == super::CODE_PLACEHOLDER {
        c.encode_utf8(buf)
    } else if is_hyphen(c) {
        "—"
    } else {
        normalise_punct(c).encode_utf8(buf)
    }
}

fn push(
    norm: &mut Vec<u8>,
    tokens: &mut Vec<Token>,
    kind: TokenKind,
    start: usize,
    end: usize,
    raw: &str,
) {
    if !norm.is_empty() {
        norm.push(b' ');
    }
    let norm_start = norm.len();
    push_normalised(norm, raw);
    tokens.push(Token {
        kind,
        start: start as u32,
        end: end as u32,
        norm_start: norm_start as u32,
        norm_end: norm.len() as u32,
    });
}

/// [`push`] of the ASCII mark `mark` at byte `start`, which is its own normal form: one
/// byte written, none looked at again.
fn push_ascii_mark(norm: &mut Vec<u8>, tokens: &mut Vec<Token>, start: usize, mark: u8) {
    if !norm.is_empty() {
        norm.push(b' ');
    }
    let norm_start = norm.len() as u32;
    norm.push(mark);
    tokens.push(Token {
        kind: TokenKind::Punct,
        start: start as u32,
        end: start as u32 + 1,
        norm_start,
        norm_end: norm_start + 1,
    });
}

/// The byte after the run of invisible characters starting at `at`.
fn hidden_run_end(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(text, at).filter(|&c| is_hidden(c)) {
        at += c.len_utf8();
    }
    at
}

/// Append word `raw` normalised as [`push_normalised`] does, reading through invisible
/// characters and look-alike letters; returns whether there were any.
fn push_word_normalised(norm: &mut Vec<u8>, raw: &str) -> bool {
    let has_latin = has_latin(raw);
    let mut disguised = false;
    for c in raw.chars() {
        if is_hidden(c) {
            disguised = true;
            continue;
        }
        let c = match look_alike(c, has_latin) {
            Some(latin) => {
                disguised = true;
                latin
            }
            None => c,
        };
        push_char_normalised(norm, c);
    }
    disguised
}

/// Append character `c` lowercased, an apostrophe straightened.
fn push_char_normalised(norm: &mut Vec<u8>, c: char) {
    if is_apostrophe(c) {
        norm.push(b'\'');
    } else {
        let mut buf = [0u8; 4];
        for lower in c.to_lowercase() {
            norm.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Append `raw` lowercased, with curly and modifier apostrophes straightened.
fn push_normalised(norm: &mut Vec<u8>, raw: &str) {
    if raw.is_ascii() {
        norm.extend(raw.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        for c in raw.chars() {
            push_char_normalised(norm, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        tokenize(s).norm
    }

    #[test]
    fn normalises_case_quotes_and_hyphens() {
        assert_eq!(
            norm("Risk-free, FDA-approved!"),
            "risk free , fda approved !"
        );
        assert_eq!(norm("It doesn’t cure"), "it doesn't cure");
        assert_eq!(norm("100% effective"), "100 % effective");
        assert_eq!(
            norm("pain — relief -- now - here"),
            "pain — relief — now — here"
        );
    }

    #[test]
    fn words_read_through_invisible_and_look_alike_characters() {
        let cases = [
            "c\u{200B}ures",
            "cu\u{AD}res",
            "cur\u{2060}es",
            "c\u{200C}\u{200D}ures",
            "cu\u{FEFF}res",
            "cure\u{202E}s",
            "сures",
            "curеs",
            "ｃｕｒｅｓ",
            "CＵＲＥＳ",
            "cυres",
        ];
        for word in cases {
            let text = format!("It {word} pain.");
            let t = tokenize(&text);
            assert_eq!(t.norm, "it cures pain .", "{word:?}");
            assert_eq!(t.disguised, [1], "{word:?}");
            // The span still covers the word as written.
            let w = t.tokens[1];
            assert_eq!(&text[w.start as usize..w.end as usize], word);
        }
        // Invisible characters between words are dropped; at a word's edge they end it.
        let t = tokenize("\u{200B}cures \u{200B} pain\u{200B}.");
        assert_eq!(t.norm, "cures pain .");
        assert!(t.disguised.is_empty());
        // Words in one script are left as they are, and so are letters in a Latin word that
        // are not look-alikes.
        for text in ["сыр", "ρ", "5α", "café", "ＡＢ"] {
            let t = tokenize(text);
            assert_eq!(t.disguised.is_empty(), text != "ＡＢ", "{text}");
        }
        assert_eq!(tokenize("сыр").norm, "сыр");
    }

    #[test]
    fn a_hashtag_reads_as_its_word() {
        assert_eq!(norm("Beat #anxiety with #CBD"), "beat anxiety with cbd");
        // A number keeps its sign, and a sign inside a word is punctuation.
        assert_eq!(norm("the #1 clinic"), "the # 1 clinic");
        assert_eq!(norm("C# and F#"), "c # and f #");
        let t = tokenize("Stop #flu");
        assert_eq!((t.tokens[1].start, t.tokens[1].end), (6, 9));
    }

    #[test]
    fn an_abbreviated_genus_reads_as_one_name() {
        assert_eq!(norm("It kills H. pylori fast."), "it kills h pylori fast .");
        assert_eq!(norm("E. coli and S. aureus"), "e coli and s aureus");
        // Initials before a name, a sentence's end and dotted abbreviations keep their points.
        assert_eq!(norm("J. Doe agreed."), "j . doe agreed .");
        assert_eq!(
            norm("Take vitamin D. Then rest."),
            "take vitamin d . then rest ."
        );
        assert_eq!(norm("The U.S. market"), "the u . s . market");
        assert_eq!(norm("Plan B. "), "plan b .");
    }

    #[test]
    fn a_unit_against_its_number_is_a_word_of_its_own() {
        assert_eq!(norm("Lost 30kg and 10LBS"), "lost 30 kg and 10 lbs");
        assert_eq!(norm("2.5mg, 1,000IU"), "2.5 mg , 1,000 iu");
        let text = "take 500mg daily";
        let t = tokenize(text);
        let words: Vec<&str> = t
            .tokens
            .iter()
            .map(|w| &text[w.start as usize..w.end as usize])
            .collect();
        assert_eq!(words, ["take", "500", "mg", "daily"]);
        // Ordinals, names and other letters after a number stay one word.
        assert_eq!(norm("the 3rd B12 COVID19 4x"), "the 3rd b12 covid19 4x");
    }

    #[test]
    fn numbers_keep_points_and_separators() {
        assert_eq!(
            norm("2.5 times, 1,000 patients."),
            "2.5 times , 1,000 patients ."
        );
    }

    #[test]
    fn editors_brackets_join_the_word() {
        assert_eq!(
            norm("[c]linically [H]as [sic] [a] b"),
            "clinically has [ sic ] [ a ] b"
        );
        let text = "x [T]his";
        let t = tokenize(text);
        assert_eq!(&text[t.tokens[1].start as usize..], "[T]his");
        assert_eq!(t.norm_of(1), "this");
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Fibrin’s seal";
        let t = tokenize(text);
        assert_eq!(t.tokens.len(), 2);
        let w = t.tokens[0];
        assert_eq!(&text[w.start as usize..w.end as usize], "Fibrin’s");
        assert_eq!(t.norm_of(0), "fibrin's");
    }

    #[test]
    fn a_pronoun_s_contracted_verb_is_a_word_of_its_own() {
        let norms = |text: &str| {
            let t = tokenize(text);
            (0..t.tokens.len())
                .map(|i| t.norm_of(i).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(norms("It’s effective"), "it is effective");
        assert_eq!(norms("It's been shown"), "it has been shown");
        assert_eq!(norms("They're great"), "they are great");
        assert_eq!(
            norms("I'm better, I've healed, I'd been ill"),
            "i am better , i have healed , i had been ill"
        );
        assert_eq!(norms("You'll see"), "you will see");
        // Not a pronoun, or not a verb: one word, as written.
        assert_eq!(
            norms("Fibrin's seal, don't, its"),
            "fibrin's seal , don't , its"
        );
        let text = "It’s safe";
        let t = tokenize(text);
        let span = |i: usize| &text[t.tokens[i].start as usize..t.tokens[i].end as usize];
        assert_eq!((span(0), span(1), span(2)), ("It", "’s", "safe"));
    }

    /// The plain char-by-char tokenizer the fast one must agree with.
    fn reference(text: &str) -> Tokens {
        let (mut norm, mut tokens, mut disguised) = (Vec::new(), Vec::new(), Vec::new());
        let mut iter = text.char_indices().peekable();
        // The previous character, for intra-word hyphens and digit separators.
        let mut prev: Option<char> = None;
        while let Some((start, c)) = iter.next() {
            if c.is_whitespace() {
                prev = Some(c);
                continue;
            }
            if is_hidden(c) {
                continue;
            }
            let editorial = if c == '[' {
                editorial_letter(text.as_bytes(), start)
            } else {
                None
            };
            if editorial.is_some() {
                iter.next();
                iter.next();
            }
            let c = editorial.unwrap_or(c);
            if is_word_char(c) {
                // A word runs over letters/digits; an apostrophe joins letters ("don't"), a point
                // or comma joins digits ("2.5", "1,000"); a hyphen ends the word (it is dropped).
                let mut end = start + if editorial.is_some() { 3 } else { c.len_utf8() };
                let mut last = c;
                while let Some(&(at, next)) = iter.peek() {
                    if is_word_char(next) {
                        iter.next();
                        end = at + next.len_utf8();
                        last = next;
                        continue;
                    }
                    if is_hidden(next) {
                        let rest = &text[at..];
                        let visible = rest.chars().find(|&c| !is_hidden(c));
                        if visible.is_some_and(is_word_char) {
                            while iter.next_if(|&(_, c)| is_hidden(c)).is_some() {}
                            continue;
                        }
                        break;
                    }
                    let after = text[at + next.len_utf8()..].chars().next();
                    if joins(next, last, after) {
                        iter.next();
                        let (at2, c2) = iter.next().expect("joins() saw the next char");
                        end = at2 + c2.len_utf8();
                        last = c2;
                        continue;
                    }
                    break;
                }
                let word = match editorial {
                    Some(letter) => format!("{letter}{}", &text[start + 3..end]),
                    None => text[start..end].to_string(),
                };
                if !norm.is_empty() {
                    norm.push(b' ');
                }
                let norm_start = norm.len();
                let read_through = push_word_normalised(&mut norm, &word);
                if read_through {
                    disguised.push(tokens.len() as u32);
                }
                tokens.push(Token {
                    kind: TokenKind::Word,
                    start: start as u32,
                    end: end as u32,
                    norm_start: norm_start as u32,
                    norm_end: norm.len() as u32,
                });
                split_unit(&mut norm, &mut tokens);
                if !read_through {
                    split_contraction(text.as_bytes(), &mut norm, &mut tokens);
                }
                prev = Some(last);
                continue;
            }
            let next = iter.peek().map(|&(_, n)| n);
            if is_hyphen(c) && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char) {
                // Intra-word hyphen: a joiner, not a token.
                prev = Some(c);
                continue;
            }
            let end = start + c.len_utf8();
            if c == '-' && next == Some('-') {
                // "--" is a dash.
                iter.next();
                push(
                    &mut norm,
                    &mut tokens,
                    TokenKind::Punct,
                    start,
                    end + 1,
                    "—",
                );
                prev = Some('-');
                continue;
            }
            if c == '.' && genus_point(text.as_bytes(), &tokens, start) {
                prev = Some(c);
                continue;
            }
            let mut buf = [0u8; 4];
            push(
                &mut norm,
                &mut tokens,
                TokenKind::Punct,
                start,
                end,
                punct_norm(c, &mut buf),
            );
            prev = Some(c);
        }
        let norm = String::from_utf8(norm).expect("whole characters");
        let has_number = tokens.iter().any(|t| {
            t.kind == TokenKind::Word && norm.as_bytes()[t.norm_start as usize].is_ascii_digit()
        });
        Tokens {
            tokens,
            norm,
            disguised,
            has_number,
        }
    }

    const PIECES: &[&str] = &[
        "Risk", "-", "free", "don", "'", "’", "t", " ", "2", ".", ",", "5", "1", "000", "é", "ß",
        "İ", "--", "—", "\u{FFFC}", "\n", "\t", "中", "%", "?", "a", "Z9", "ʼ", "‑", "[", "]",
        "[c]", "[H]", "H", "E.", "kg", "lbs", "MG", "10", "\u{200B}", "\u{AD}", "\u{2060}", "с",
        "ｃ", "ο", "\u{202E}",
        // Pronouns and the verbs contracted against them ("it's", "They’re", "[I]'ve been").
        "it", "They", "I", "you", "s", "re", "m", "ve", "ll", "d", "been", "[I]",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn agrees_with_the_plain_tokenizer(
            picks in proptest::collection::vec(0..PIECES.len(), 0..30)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let (fast, plain) = (tokenize(&text), reference(&text));
            proptest::prop_assert_eq!(&fast.tokens, &plain.tokens);
            proptest::prop_assert_eq!(&fast.norm, &plain.norm);
            proptest::prop_assert_eq!(&fast.disguised, &plain.disguised);
            proptest::prop_assert_eq!(fast.has_number, plain.has_number);
        }
    }
}
