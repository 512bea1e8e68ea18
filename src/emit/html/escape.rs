//! Escaping for the report: text as element content or a quoted attribute, and text whose
//! backticks mark code.

use std::fmt::Write as _;

use crate::text::escape::is_control;

/// Append `text` escaped for element content and quoted attribute values. Line breaks become
/// character references, so no line of the report starts with article text (a report printed
/// in a CI log cannot start a workflow command), `[` too (no `##[` legacy command), and other
/// hidden characters (controls, bidi controls) are shown as `\u{HEX}`, as in the terminal.
pub(super) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '[' => out.push_str("&#91;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
            c if is_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            _ => out.push(c),
        }
    }
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Append text in which backticks mark code, as rule messages, summaries and help write it.
/// An odd number of backticks is not markup, so such text is shown as written.
pub(super) fn inline_into(out: &mut String, text: &str) {
    if text.matches('`').count() % 2 == 1 {
        escape_into(out, text);
        return;
    }
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            escape_into(out, part);
            out.push_str("</code>");
        } else {
            escape_into(out, part);
        }
    }
}

pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    inline_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn article_text_starts_no_line_and_no_command() {
        assert_eq!(
            escape("x\n::error::a ##[error]b\u{1b}[2K\u{202e}"),
            "x&#10;::error::a ##&#91;error]b\\u{1b}&#91;2K\\u{202e}"
        );
    }

    #[test]
    fn backticks_become_code_and_stay_escaped() {
        assert_eq!(inline("a `<b>` c"), "a <code>&lt;b&gt;</code> c");
        assert_eq!(inline("odd ` <i>"), "odd ` &lt;i&gt;");
    }
}
