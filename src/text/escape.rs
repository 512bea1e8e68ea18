//! Untrusted text (article text, file names, link targets, pack text, suppression reasons, and
//! messages that quote them) made safe for each place it is shown. Every renderer escapes
//! through here, so a sink escapes the same way wherever it is written.
//!
//! - **People** (terminal text, one-line findings, standard error): a character a terminal or a
//!   CI log acts on rather than shows (a C0 control, DEL, a C1 control, a bidi control, a line or
//!   paragraph separator) is shown as `\u{HEX}`, e.g. ESC as `\u{1b}`, a newline as `\u{a}`. A
//!   GitHub Actions runner takes any output line that starts with `::` (after white space) as a
//!   workflow command, and `##[command]` anywhere in a line as a legacy one: so `##[` is shown
//!   as `##\u{5b}`, and a line that would start with `::` starts with `\u{3a}:`.
//! - **Workflow commands** (`--format github`): `%`, CR and LF percent-encoded as the Actions
//!   toolkit does; in a property also `:` and `,`.
//! - **Markdown** (pull-request comments): shown as text, never as syntax: the characters
//!   Markdown, GitHub's extensions and HTML act on are backslash-escaped, `@` and `#` are
//!   followed by a word joiner so they mention no one and link no issue, and link destinations
//!   are percent-encoded.
//! - **JSON, SARIF, GitLab** (serde_json escapes C0 controls and line breaks): `##[` and the
//!   other hidden characters are written as `\uXXXX` escapes too (`##\u005b`), the same
//!   strings to a reader, so a log shows no legacy command and a terminal obeys nothing.
//! - **CSV** (spreadsheets): a cell a spreadsheet would read as a formula (starting with `=`,
//!   `+`, `-`, `@`, tab or CR, after any spaces) gets a leading `'` (OWASP).

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::text::ascii;

/// Whether a terminal or a log viewer would act on `c` rather than show it: C0 controls, DEL,
/// C1 controls, the bidi controls (which reorder what is shown: "Trojan Source") and the line
/// and paragraph separators.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// The bidirectional marks, embeddings, overrides and isolates: invisible, and they reorder
/// the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// How the character at byte `at` of `s` is shown when it is not shown as itself: the code
/// point to write as `\u{HEX}`. `keep` names the controls the caller's format needs (a tab in a
/// source line, a newline in a block of text).
fn escaped(s: &str, at: usize, c: char, keep: &[char]) -> Option<u32> {
    if is_control(c) {
        return (!keep.contains(&c)).then_some(c as u32);
    }
    // A legacy workflow command, `##[name]`, is read anywhere in a line.
    (c == '[' && s[..at].ends_with("##")).then_some(c as u32)
}

/// Calls `piece` for each run of `s` as it is shown: `(bytes of s, shown text)`; a run shown as
/// itself comes as one piece, each escaped character as a piece of its own.
pub fn for_each_piece(s: &str, keep: &[char], mut piece: impl FnMut(usize, usize, &str)) {
    let mut plain = 0;
    let mut buf = String::new();
    for (at, c) in s.char_indices() {
        if let Some(code) = escaped(s, at, c, keep) {
            if plain < at {
                piece(plain, at, &s[plain..at]);
            }
            buf.clear();
            let _ = write!(buf, "\\u{{{code:x}}}");
            piece(at, at + c.len_utf8(), &buf);
            plain = at + c.len_utf8();
        }
    }
    if plain < s.len() {
        piece(plain, s.len(), &s[plain..]);
    }
}

/// Whether `s` is shown exactly as it is with `keep` left alone (the common case, so the
/// check is cheap): most texts are printable ASCII without a `[`, found so sixteen bytes a
/// step ([`plain_until`]) before any character is looked at.
#[inline]
pub fn shown_as_is(s: &str, keep: &[char]) -> bool {
    match plain_until(s.as_bytes()) {
        None => true,
        Some(from) => shown_as_is_from(s, keep, from),
    }
}

/// [`shown_as_is`] of `s` known plain before byte `from`: one pass over the bytes from there
/// that may start an escaped character; a `[` is checked where it is found (rather than
/// searching for `##[`, whose substring searcher costs more to set up than scanning a short
/// message).
fn shown_as_is_from(s: &str, keep: &[char], mut from: usize) -> bool {
    let bytes = s.as_bytes();
    while let Some(at) = next_candidate(bytes, from) {
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        if escaped(s, at, c, keep).is_some() {
            return false;
        }
        from = at + c.len_utf8();
    }
    true
}

/// Where the first step of sixteen bytes of `bytes` that are not all [`plain`] starts, or
/// `None` when every byte is plain: the last step overlaps the one before, and a text shorter
/// than sixteen bytes (a label's message, a rule's name) is padded with spaces.
fn plain_until(bytes: &[u8]) -> Option<usize> {
    let (chunks, rest) = bytes.as_chunks::<16>();
    if let Some(i) = chunks
        .iter()
        .position(|chunk| !ascii::all_sixteen(chunk, plain))
    {
        return Some(16 * i);
    }
    if rest.is_empty() {
        return None;
    }
    let last = bytes.last_chunk::<16>().copied().unwrap_or_else(|| {
        let mut padded = [b' '; 16];
        padded[..rest.len()].copy_from_slice(rest);
        padded
    });
    (!ascii::all_sixteen(&last, plain)).then_some(16 * chunks.len())
}

/// [`shown_as_is`] of printable ASCII, which holds no control, so only a legacy command is
/// escaped in it; `None` when `s` is not printable ASCII. For texts that mostly are (source
/// lines, rule names): it looks at no `[` by itself, as the general scan does, but where many
/// texts are not printable ASCII its extra pass costs more than it saves.
pub fn printable_shown_as_is(s: &str) -> Option<bool> {
    ascii::printable(s).then(|| !has_legacy_command(s))
}

/// Whether `s` holds a legacy workflow command, `##[`.
fn has_legacy_command(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'[', bytes).any(|at| at >= 2 && &bytes[at - 2..at] == b"##")
}

/// Whether byte `b` may start a character that is escaped: C0 and DEL; the lead bytes of C1
/// controls (0xC2), U+061C (0xD8) and the U+20xx controls and separators (0xE2); and `[`. A
/// lead byte is never inside a character, so each hit is a character boundary.
fn may_escape(b: &u8) -> bool {
    *b < 0x20 || matches!(*b, 0x7f | 0xc2 | 0xd8 | 0xe2 | b'[')
}

/// One in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether no byte of the eight in `x` may start an escaped character, for the common word of
/// ASCII text: no byte of 0x80 or more, none below 0x20, no DEL and no `[`. Each test sets the
/// high bit of a byte it finds (a borrow or carry only follows a byte already found, so
/// whether any is set is exact), and they are tested together.
fn plain_word(x: u64) -> bool {
    // 0x80 or more, or DEL (0x7F + 1 reaches the high bit; below it no byte carries).
    let high_or_del = x | x.wrapping_add(ONES);
    // Below 0x20: the byte borrows.
    let control = x.wrapping_sub(0x20 * ONES) & !x;
    // `[`: the only ASCII byte that XORs to zero, and only a zero byte stays below 0x80 once
    // 0x7F is added.
    let bracket = !(x ^ (u64::from(b'[') * ONES)).wrapping_add(0x7f * ONES);
    (high_or_del | control | bracket) & HIGH == 0
}

/// Whether byte `b` is shown as it is wherever it is: printable ASCII other than `[`.
fn plain(b: u8) -> bool {
    ascii::is_printable(b) & (b != b'[')
}

/// The first byte at or after `from` that may start an escaped character ([`may_escape`]).
/// Runs of printable ASCII other than `[` (most of a message or a line) are passed over
/// sixteen bytes a step ([`plain_until`]); plain ASCII words eight bytes at a time: an article
/// line with a few curly quotes costs a word test per eight bytes rather than a test per byte.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    let mut from = from + plain_until(bytes.get(from..)?)?;
    while let Some(word) = bytes.get(from..).and_then(|rest| rest.first_chunk::<8>()) {
        if !plain_word(u64::from_le_bytes(*word))
            && let Some(i) = word.iter().position(may_escape)
        {
            return Some(from + i);
        }
        from += 8;
    }
    let rest = bytes.get(from..)?;
    rest.iter().position(may_escape).map(|i| from + i)
}

fn escape_with(s: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for_each_piece(s, keep, |_, _, shown| out.push_str(shown));
    out
}

/// Whether `line` starts, after white space, with `::` (a workflow command). Most texts start
/// with a letter or a digit: no white space to pass over, and no command.
fn starts_command(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => false,
        _ => line.trim_start().starts_with("::"),
    }
}

/// A line of output must not start, after white space, with `::`: the first colon is shown
/// escaped.
fn guard_line_start(line: &mut String) {
    let lead = line.len() - line.trim_start().len();
    if line[lead..].starts_with("::") {
        line.replace_range(lead..lead + 1, "\\u{3a}");
    }
}

/// `s` for one line shown to people: every hidden character escaped, newlines included.
pub fn visible(s: &str) -> Cow<'_, str> {
    if shown_as_is(s, &[]) && !starts_command(s) {
        return Cow::Borrowed(s);
    }
    let mut out = escape_with(s, &[]);
    guard_line_start(&mut out);
    Cow::Owned(out)
}

/// `s` as lines shown to people: line breaks (`\n`, `\r\n`) kept, everything else as
/// [`visible`] does, each line guarded.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    if lines_shown_as_is(s) {
        return Cow::Borrowed(s);
    }
    let safe = s
        .split('\n')
        .all(|l| shown_as_is(l.strip_suffix('\r').unwrap_or(l), &[]) && !starts_command(l));
    if safe {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (body, cr) = match line.strip_suffix('\r') {
            Some(body) => (body, "\r"),
            None => (line, ""),
        };
        let mut shown = escape_with(body, &[]);
        guard_line_start(&mut shown);
        out.push_str(&shown);
        out.push_str(cr);
    }
    Cow::Owned(out)
}

/// The common case of [`visible_lines`] in one pass: nothing to escape but the line breaks
/// (no `\r` at all, which only a `\r\n` would keep), and no line that starts with `::`
/// after white space (line starts found with `memchr`, rather than splitting the text).
/// `false` leaves the answer to the line-by-line check.
fn lines_shown_as_is(s: &str) -> bool {
    if !shown_as_is(s, &['\n']) {
        return false;
    }
    let mut starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', s.as_bytes()).map(|at| at + 1));
    starts.all(|at| !starts_command(&s[at..]))
}

/// The message of a workflow command (`::error …::message`): percent-encoded as the runner
/// decodes it, other hidden characters shown as [`visible`] does (the runner decodes nothing
/// else, and its log shows what it is given).
pub fn workflow_data(s: &str) -> String {
    let shown = if shown_as_is(s, &['\r', '\n']) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(escape_with(s, &['\r', '\n']))
    };
    shown
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command (`file=…`, `title=…`).
pub fn workflow_property(s: &str) -> String {
    workflow_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Serialized JSON that a terminal or a CI log may show: `##[` (possible only inside a string)
/// written as `##\u005b`, and the hidden characters serde_json leaves as they are (DEL, C1
/// controls, bidi controls, separators) as `\uXXXX` escapes: the same strings to a JSON reader.
pub fn json_guard(json: String) -> String {
    if shown_as_is(&json, JSON_LAYOUT) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    json_guard_into(&json, &mut out);
    out
}

/// serde_json leaves no raw line break in a string: one outside is pretty-printing.
const JSON_LAYOUT: &[char] = &['\n'];

/// [`json_guard`] of `json`, appended to `out`.
pub fn json_guard_into(json: &str, out: &mut String) {
    if shown_as_is(json, JSON_LAYOUT) {
        out.push_str(json);
        return;
    }
    for (at, c) in json.char_indices() {
        if escaped(json, at, c, JSON_LAYOUT).is_some() {
            // Every escaped character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
}

/// Characters Markdown, GitHub's extensions (tables, strikethrough, math) or HTML act on.
/// (Characters that act only at the start of a line, such as `-` or `=`, are left: a cell or a
/// quoted error never starts one.)
const MARKDOWN_ACTIVE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '!', '|', '&', '~', '$',
];
/// Joins `@` or `#` to what follows without a mention or an issue link (GitHub reads neither
/// across it), and shows nothing.
const WORD_JOINER: char = '\u{2060}';

/// `s` as Markdown text on one line (a table cell, a quoted error): hidden characters shown
/// as [`visible`] does, every active character escaped.
pub fn markdown_text(s: &str) -> String {
    let shown = visible(s);
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        if c == '@' || c == '#' {
            if c == '#' {
                out.push('\\');
            }
            out.push(c);
            out.push(WORD_JOINER);
        } else {
            if MARKDOWN_ACTIVE.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// `s` as a Markdown link destination: everything but unreserved characters and `/`
/// percent-encoded, so it cannot close the link or start another.
pub fn markdown_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Characters that start a formula in a spreadsheet cell (fullwidth forms included: some
/// locales read them too).
const FORMULA_START: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// A CSV cell a spreadsheet shows as text: a leading `'` when it would start a formula.
pub fn csv_cell(s: &str) -> String {
    let first = s.trim_start_matches(' ').chars().next();
    if first.is_some_and(|c| FORMULA_START.contains(&c)) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_not_obeyed() {
        let title = "cure knee pain.\u{1b}]0;PWNED\u{7}\u{1b}[1A\u{1b}[2K";
        assert_eq!(
            visible(title),
            "cure knee pain.\\u{1b}]0;PWNED\\u{7}\\u{1b}[1A\\u{1b}[2K"
        );
        assert_eq!(visible("a\u{7f}b\u{9b}c"), "a\\u{7f}b\\u{9b}c");
        assert_eq!(visible("plain text, ‘quoted’ é"), "plain text, ‘quoted’ é");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_and_separators_are_shown() {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{2028}', '\u{2029}',
        ] {
            let shown = visible(&format!("a{c}b")).into_owned();
            assert_eq!(shown, format!("a\\u{{{:x}}}b", c as u32));
        }
    }

    #[test]
    fn no_line_can_start_a_workflow_command() {
        let link = "x.md\n::error file=README.md,line=1::PWNED\n";
        let shown = visible(link);
        assert_eq!(
            shown,
            "x.md\\u{a}::error file=README.md,line=1::PWNED\\u{a}"
        );
        assert_eq!(shown.lines().count(), 1);
        assert_eq!(
            visible("::stop-commands::tok"),
            "\\u{3a}:stop-commands::tok"
        );
        assert_eq!(visible("  ::error::x"), "  \\u{3a}:error::x");
        assert_eq!(visible("a ##[error]x"), "a ##\\u{5b}error]x");
        assert_eq!(visible("a # [b] ## c"), "a # [b] ## c");
        let block = visible_lines("why: ok\n  ::error::x\r\nnext ##[warning]y");
        assert_eq!(
            block,
            "why: ok\n  \\u{3a}:error::x\r\nnext ##\\u{5b}warning]y"
        );
        for line in block.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line}");
            assert!(!line.contains("##["), "{line}");
        }
    }

    #[test]
    fn pieces_cover_the_text_in_order() {
        let s = "a\tb\u{1b}c##[d";
        let mut pieces = Vec::new();
        for_each_piece(s, &['\t'], |start, end, shown| {
            pieces.push((start..end, shown.to_string()))
        });
        assert_eq!(
            pieces,
            [
                (0..3, "a\tb".to_string()),
                (3..4, "\\u{1b}".to_string()),
                (4..7, "c##".to_string()),
                (7..8, "\\u{5b}".to_string()),
                (8..9, "d".to_string()),
            ]
        );
        assert!(shown_as_is("a\tb", &['\t']));
        assert!(shown_as_is("curly ‘quotes’ — and … é ¢ [x] # ## [", &[]));
        for c in [
            '\u{85}', '\u{61c}', '\u{200f}', '\u{2029}', '\u{2069}', '\u{7f}',
        ] {
            assert!(!shown_as_is(&format!("‘a’ — {c}"), &[]), "{c:?}");
        }
        assert!(!shown_as_is("a\tb", &[]));
        assert!(!shown_as_is("x ##[y", &[]));
    }

    #[test]
    fn the_word_scan_agrees_with_a_character_scan_on_fixtures() {
        let texts = crate::text::fixtures::fixture_texts(&[]);
        let mut samples: Vec<String> = Vec::new();
        for (_, text) in &texts {
            samples.push(text.clone());
            samples.extend(text.lines().map(str::to_string));
        }
        // Each escaped character at every offset of a word and across word boundaries.
        let line = "Our PRP injection ‘cures’ knee pain — in most patients…";
        for c in [
            '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200f}', '\u{2029}', '\u{202e}', '[',
        ] {
            for at in (0..line.len())
                .filter(|&i| line.is_char_boundary(i))
                .take(24)
            {
                samples.push(format!("{}{c}{}", &line[..at], &line[at..]));
                samples.push(format!("{}##{c}{}", &line[..at], &line[at..]));
                // Shorter than a step of sixteen bytes, and just longer.
                let prefix = |len: usize| &line[..crate::source::floor_char_boundary(line, len)];
                let short = prefix(at.min(14));
                samples.push(format!("{short}{c}"));
                samples.push(format!("{c}{short}"));
                samples.push(format!("{}##{c}", prefix(at.min(20))));
            }
        }
        for s in &samples {
            for keep in [&[][..], &['\t'], &['\r', '\n']] {
                let by_character = s
                    .char_indices()
                    .all(|(at, c)| escaped(s, at, c, keep).is_none());
                assert_eq!(shown_as_is(s, keep), by_character, "{s:?} {keep:?}");
            }
        }
        assert!(samples.len() > 1000, "{}", samples.len());
    }

    #[test]
    fn the_one_pass_line_check_agrees_with_the_line_by_line_one() {
        let line_by_line = |s: &str| {
            s.split('\n').all(|l| {
                shown_as_is(l.strip_suffix('\r').unwrap_or(l), &[])
                    && !l.trim_start().starts_with("::")
            })
        };
        for s in [
            "",
            "help: soften it",
            "why: a\nhelp: b",
            "a\n::error::x",
            "a\n  ::x",
            "a\n \n::x",
            "a :\n:b",
            "##\n[x",
            "a ##[x",
            "a\r\nb",
            "a\rb",
            "\u{1b}[1m\n",
            "‘curly’ — \n… é",
            "\n\n",
        ] {
            if lines_shown_as_is(s) {
                assert!(line_by_line(s), "{s:?}");
            }
            assert_eq!(visible_lines(s).as_ref() == s, line_by_line(s), "{s:?}");
        }
        assert!(lines_shown_as_is("help: a\nb: c ‘d’"));
    }

    #[test]
    fn workflow_commands_escape_like_the_actions_toolkit() {
        assert_eq!(workflow_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(workflow_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            workflow_property("e\u{1b}[2J\u{202e}\n::x"),
            "e\\u{1b}[2J\\u{202e}%0A%3A%3Ax"
        );
    }

    #[test]
    fn markdown_shows_syntax_as_text() {
        assert_eq!(
            markdown_text("p|<b>bold<b>|q.md"),
            "p\\|\\<b\\>bold\\<b\\>\\|q.md"
        );
        assert_eq!(
            markdown_text("![x](http://e/x.png) `c` *e* _u_ ~~s~~ $m$ &amp;"),
            "\\!\\[x\\]\\(http://e/x.png\\) \\`c\\` \\*e\\* \\_u\\_ \\~\\~s\\~\\~ \\$m\\$ \\&amp;"
        );
        assert_eq!(
            markdown_text("hi @octocat #12"),
            "hi @\u{2060}octocat \\#\u{2060}12"
        );
        assert_eq!(markdown_text("a\nb"), "a\\\\u{a}b");
        assert_eq!(
            markdown_url("a b/`x`)](y) @z#L1.md"),
            "a%20b/%60x%60%29%5D%28y%29%20%40z%23L1.md"
        );
    }

    #[test]
    fn json_keeps_its_value_and_hides_legacy_commands() {
        let value = "a ##[error]x\n::error::y \u{1b}[2K \u{9b}2J \u{7f} \u{202e}";
        let json = serde_json::to_string(&value).unwrap();
        let guarded = json_guard(json);
        assert!(
            !guarded.contains("##[") && !guarded.contains('\n'),
            "{guarded}"
        );
        assert!(guarded.chars().all(|c| !is_control(c)), "{guarded}");
        assert!(
            guarded.contains(r"##\u005b") && guarded.contains(r"\u009b"),
            "{guarded}"
        );
        let back: String = serde_json::from_str(&guarded).unwrap();
        assert_eq!(back, value);
        // Pretty-printed JSON keeps its layout.
        let pretty = serde_json::to_string_pretty(&serde_json::json!({ "a": [value] })).unwrap();
        let guarded = json_guard(pretty);
        assert!(
            guarded.lines().count() > 1 && !guarded.contains("##["),
            "{guarded}"
        );
        let back: serde_json::Value = serde_json::from_str(&guarded).unwrap();
        assert_eq!(back["a"][0], value);
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for cell in [
            "=HYPERLINK(\"http://e\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =1",
            "＝1",
        ] {
            assert_eq!(csv_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["claim.md", "a=b", "", "MED101", "12"] {
            assert_eq!(csv_cell(cell), cell);
        }
    }
}
