//! Characters that disguise a word: invisible ones inside it ("c\u{200B}ures") and letters of
//! another script or width drawn like Latin ones ("сures" with a Cyrillic `с`, "ｃｕｒｅｓ").
//! The tokenizer reads words through them; a rule reports them in the words rules match.

use super::escape::is_bidi_control;

/// An invisible character that may sit inside a word without showing: soft hyphen, zero-width
/// space and joiners, word joiner and invisible operators, byte-order mark, Mongolian vowel
/// separator, combining grapheme joiner, and the bidirectional marks and controls. A word
/// reads through them ("c\u{200B}ures" is "cures"); between words they are dropped.
#[inline]
pub fn is_hidden(c: char) -> bool {
    c >= '\u{AD}'
        && (matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        ) || is_bidi_control(c))
}

/// The Latin letter a Cyrillic or Greek letter is drawn like, for words that mix them with
/// Latin letters ("сures" with a Cyrillic `с`): no English word does, so the mix is read as
/// the Latin word it imitates. Only letters that look the same in common fonts.
fn mixed_script_look_alike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic.
        'а' | 'А' => 'a',
        'В' => 'b',
        'с' | 'С' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' => 'e',
        'һ' | 'Н' => 'h',
        'і' | 'І' | 'ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'К' => 'k',
        'М' => 'm',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'Т' => 't',
        'ԝ' => 'w',
        'х' | 'Х' => 'x',
        'у' | 'У' => 'y',
        // Greek.
        'Α' => 'a',
        'Β' => 'b',
        'Ε' => 'e',
        'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'Κ' => 'k',
        'Μ' => 'm',
        'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'Τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'Χ' => 'x',
        'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

/// The ASCII character a fullwidth form stands for ("ｃｕｒｅｓ" is "cures").
pub fn fullwidth(c: char) -> Option<char> {
    let c = c as u32;
    (0xFF01..=0xFF5E)
        .contains(&c)
        .then(|| char::from_u32(c - 0xFF01 + 0x21))
        .flatten()
}

/// The letter `c` stands in for when it disguises another: a fullwidth form always, a
/// Cyrillic or Greek look-alike in a word that also has a Latin letter.
pub fn look_alike(c: char, word_has_latin: bool) -> Option<char> {
    fullwidth(c).or_else(|| {
        if word_has_latin {
            mixed_script_look_alike(c)
        } else {
            None
        }
    })
}

/// Whether `word` has a Latin letter (plain or fullwidth): look-alikes count only in such words.
pub fn has_latin(word: &str) -> bool {
    word.chars()
        .any(|c| c.is_ascii_alphabetic() || fullwidth(c).is_some_and(|f| f.is_ascii_alphabetic()))
}

/// Names of the invisible characters, for messages.
const HIDDEN_NAMES: &[(char, &str)] = &[
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{034F}', "COMBINING GRAPHEME JOINER"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2061}', "FUNCTION APPLICATION"),
    ('\u{2062}', "INVISIBLE TIMES"),
    ('\u{2063}', "INVISIBLE SEPARATOR"),
    ('\u{2064}', "INVISIBLE PLUS"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
];

/// What disguises `word`, one description per distinct character, in order: "U+200B ZERO
/// WIDTH SPACE", "U+0441, a Cyrillic letter drawn like `c`", "U+FF43, a fullwidth `c`".
pub fn describe(word: &str) -> Vec<String> {
    let has_latin = has_latin(word);
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    for c in word.chars() {
        if seen.contains(&c) {
            continue;
        }
        let code = format!("U+{:04X}", c as u32);
        let text = if is_hidden(c) {
            let name = HIDDEN_NAMES
                .iter()
                .find(|&&(h, _)| h == c)
                .map_or("INVISIBLE CHARACTER", |&(_, n)| n);
            format!("{code} {name}")
        } else if let Some(ascii) = fullwidth(c) {
            format!("{code}, a fullwidth `{ascii}`")
        } else if let Some(latin) = look_alike(c, has_latin) {
            let script = if ('\u{0370}'..='\u{03FF}').contains(&c) {
                "Greek"
            } else {
                "Cyrillic"
            };
            format!("{code}, a {script} letter drawn like `{latin}`")
        } else {
            continue;
        };
        seen.push(c);
        out.push(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invisible_character_has_a_name() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_hidden(c))
        {
            assert!(HIDDEN_NAMES.iter().any(|&(h, _)| h == c), "{c:?}");
        }
    }

    #[test]
    fn describes_each_disguise_once() {
        assert_eq!(
            describe("c\u{200B}u\u{200B}res"),
            ["U+200B ZERO WIDTH SPACE"]
        );
        assert_eq!(
            describe("сurеs"),
            [
                "U+0441, a Cyrillic letter drawn like `c`",
                "U+0435, a Cyrillic letter drawn like `e`"
            ]
        );
        assert_eq!(
            describe("ｃｕ"),
            ["U+FF43, a fullwidth `c`", "U+FF55, a fullwidth `u`"]
        );
        assert!(describe("cures").is_empty());
        // A Cyrillic word is not a disguise.
        assert!(describe("сыр").is_empty());
    }
}
