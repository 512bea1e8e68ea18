//! Rule docs (Markdown from a rule pack) rendered with a fixed set of tags: raw HTML is shown as
//! text, links keep an `href` only for http(s) and mailto, and images show their alt text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::escape::escape_into;

/// Render rule docs (Markdown from a rule pack) with a fixed set of tags. Raw HTML is shown as
/// text, links keep an `href` only for http(s) and mailto, and images show their alt text.
pub(super) fn markdown_into(out: &mut String, docs: &str) {
    // Whether each open link was given an <a>, so its end knows whether to close one.
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new(docs) {
        match event {
            Event::Start(tag) => open_tag(out, &tag, &mut links),
            Event::End(tag) => close_tag(out, tag, &mut links),
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::FootnoteReference(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => escape_into(out, &t),
            Event::Code(t) => {
                out.push_str("<code>");
                escape_into(out, &t);
                out.push_str("</code>");
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>"),
            Event::Rule => out.push_str("<hr>"),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }
}

/// Docs headings sit under the rule's own h3.
fn heading_level(level: pulldown_cmark::HeadingLevel) -> usize {
    (level as usize + 2).clamp(4, 6)
}

fn open_tag(out: &mut String, tag: &Tag<'_>, links: &mut Vec<bool>) {
    match tag {
        Tag::Paragraph => out.push_str("<p>"),
        Tag::Heading { level, .. } => out.push_str(&format!("<h{}>", heading_level(*level))),
        Tag::BlockQuote(_) => out.push_str("<blockquote>"),
        Tag::CodeBlock(_) => out.push_str("<pre><code>"),
        Tag::HtmlBlock => out.push_str("<pre class=\"raw\">"),
        Tag::List(Some(start)) => out.push_str(&format!("<ol start=\"{start}\">\n")),
        Tag::List(None) => out.push_str("<ul>\n"),
        Tag::Item => out.push_str("<li>"),
        Tag::Emphasis => out.push_str("<em>"),
        Tag::Strong => out.push_str("<strong>"),
        Tag::Strikethrough => out.push_str("<del>"),
        Tag::Superscript => out.push_str("<sup>"),
        Tag::Subscript => out.push_str("<sub>"),
        Tag::Link { dest_url, .. } => {
            let safe = safe_href(dest_url);
            if safe {
                out.push_str("<a href=\"");
                escape_into(out, dest_url.trim());
                out.push_str("\" rel=\"noopener noreferrer\">");
            }
            links.push(safe);
        }
        Tag::Image { .. } => out.push_str("[image: "),
        // Tables, footnotes and the like need parser options that are not enabled.
        _ => {}
    }
}

fn close_tag(out: &mut String, tag: TagEnd, links: &mut Vec<bool>) {
    match tag {
        TagEnd::Paragraph => out.push_str("</p>\n"),
        TagEnd::Heading(level) => out.push_str(&format!("</h{}>\n", heading_level(level))),
        TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
        TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
        TagEnd::HtmlBlock => out.push_str("</pre>\n"),
        TagEnd::List(true) => out.push_str("</ol>\n"),
        TagEnd::List(false) => out.push_str("</ul>\n"),
        TagEnd::Item => out.push_str("</li>\n"),
        TagEnd::Emphasis => out.push_str("</em>"),
        TagEnd::Strong => out.push_str("</strong>"),
        TagEnd::Strikethrough => out.push_str("</del>"),
        TagEnd::Superscript => out.push_str("</sup>"),
        TagEnd::Subscript => out.push_str("</sub>"),
        TagEnd::Link => {
            let opened = links.pop() == Some(true);
            out.push_str(if opened { "</a>" } else { "" });
        }
        TagEnd::Image => out.push(']'),
        _ => {}
    }
}

/// Only web and mail links survive: `javascript:`, `data:` and relative paths (which would
/// resolve against wherever the report was saved) become plain text.
fn safe_href(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(docs: &str) -> String {
        let mut out = String::new();
        markdown_into(&mut out, docs);
        out
    }

    #[test]
    fn docs_render_headings_lists_and_code() {
        let html = md("## What it does\n\nFlags *cure* and `x`.\n\n- one\n- two\n");
        assert_eq!(
            html,
            "<h4>What it does</h4>\n<p>Flags <em>cure</em> and <code>x</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
    }

    #[test]
    fn docs_never_pass_raw_html_or_unsafe_links() {
        let html = md(concat!(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and ",
            "[a](javascript:alert(1)) [b](https://example.com/\"x) <javascript:alert(1)> ",
            "![i](x\" onerror=\"y)\n"
        ));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://example.com/&quot;x\" rel=\"noopener noreferrer\">b</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for url in [
            "javascript:x",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "page.md",
            "#top",
        ] {
            assert!(!safe_href(url), "{url}");
        }
        for url in ["https://a.org", "HTTP://a.org", "mailto:a@b.org"] {
            assert!(safe_href(url), "{url}");
        }
    }
}
