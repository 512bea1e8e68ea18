//! Escaping for the report: text as element content or a quoted attribute, and text whose
//! backticks mark code.

/// Append `text` escaped for element content and quoted attribute values.
pub(super) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
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
    fn backticks_become_code_and_stay_escaped() {
        assert_eq!(inline("a `<b>` c"), "a <code>&lt;b&gt;</code> c");
        assert_eq!(inline("odd ` <i>"), "odd ` &lt;i&gt;");
    }
}
