//! The HTML report on real engine output: the hostile fixtures (`fixtures/hostile/`), whose
//! articles, file names, suppression reasons and rule pack all carry markup meant to run script.
//! The page must show the findings, marks, reasons and totals, and every tag in it must be one
//! of ours. `MEDLINT_HTML_OUT=path cargo test --test html` also writes the report, for
//! `scripts/check-html-report.sh`.

use std::path::{Path, PathBuf};

use medlint::config::Settings;
use medlint::discover::discover;
use medlint::document::Format;
use medlint::emit::Counts;
use medlint::emit::html::render;
use medlint::engine::{Engine, Report};
use medlint::input::Input;
use medlint::rules::Registry;

/// A file name that tries to break out of text and attributes.
const HOSTILE_NAME: &str = "\"><img src=x onerror=\"document.title='PW'+'NED'\">.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn hostile_dir() -> PathBuf {
    root().join("fixtures").join("hostile")
}

/// Lint `paths` with the built-in rules plus the hostile pack, adding `extra` in-memory inputs.
fn lint(paths: &[PathBuf], extra: Vec<Input>) -> Report {
    let mut registry =
        Registry::load(&[hostile_dir().join("pack")]).unwrap_or_else(|e| panic!("packs: {}", e[0]));
    let settings = Settings::defaults(&mut registry, &root());
    let found = discover(paths, &settings, &root());
    let (mut inputs, errors) = (found.inputs, found.errors);
    inputs.extend(extra);
    Engine::new(&registry, &settings).run(inputs, errors)
}

/// The hostile fixtures, an in-memory article with a hostile name, and a missing file (a tool
/// error whose message repeats the name).
fn hostile_report() -> Report {
    let dir = hostile_dir();
    let missing = dir.join("missing <script>document.title='PW'+'NED'</script>.md");
    let named = Input::with_text(
        HOSTILE_NAME,
        dir.join("named.md"),
        Format::Markdown,
        "# Back pain\n\nOur <b>stem cell</b> therapy cures back pain in one visit.\n",
    );
    lint(&[dir, missing], vec![named])
}

fn hostile_html() -> String {
    let report = hostile_report();
    let html = render(&report, "Lakeside Sports Clinic — pre-publication review");
    if let Some(path) = std::env::var_os("MEDLINT_HTML_OUT") {
        std::fs::write(&path, &html).expect("write MEDLINT_HTML_OUT");
    }
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "section",
    "article",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "mark",
    "span",
    "strong",
    "em",
    "del",
    "sup",
    "sub",
    "blockquote",
    "br",
    "hr",
    "div",
    // The page's one script, its filter bar and the reviewer's fields.
    "script",
    "input",
    "select",
    "option",
    "textarea",
    "label",
    "fieldset",
    "legend",
];

const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "href",
    "rel",
    "title",
    "scope",
    "start",
    "type",
    "value",
    "for",
    "placeholder",
    "aria-label",
    "autocomplete",
    "rows",
    "selected",
    "checked",
    "hidden",
    "data-severity",
    "data-rule",
    "data-file",
    "data-path",
];

/// Every tag in `html`, checked strictly: an allowed name, then only allowed attributes, each
/// as `name="value"`. Text is escaped, so every `<` must start one of our tags; the one
/// stylesheet and the one script (checked against the policy elsewhere) are skipped. Returns
/// the tag names, or what is wrong.
fn scan_tags(html: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').ok_or("a `<` that is never closed")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag == "!DOCTYPE html" {
            continue;
        }
        let (closing, body) = match tag.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, tag),
        };
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let name = &body[..name_end];
        if !TAGS.contains(&name) {
            return Err(format!("tag not allowed: <{tag}>"));
        }
        let attrs = body[name_end..].trim_start();
        if closing && !attrs.is_empty() {
            return Err(format!("closing tag with attributes: <{tag}>"));
        }
        check_attributes(attrs).map_err(|e| format!("{e} in <{tag}>"))?;
        if name == "style" && !closing {
            let close = rest.find("</style>").ok_or("unclosed <style>")?;
            rest = &rest[close..];
        }
        // The page's own script is its last element, just before `</body>`; any other is not
        // ours.
        if name == "script" && !closing {
            let close = rest.find("</script>").ok_or("unclosed <script>")?;
            if !rest[close..].starts_with("</script>\n</body>") {
                return Err("a <script> that is not the page's own, last one".into());
            }
            rest = &rest[close..];
        }
        names.push(if closing {
            format!("/{name}")
        } else {
            name.into()
        });
    }
    Ok(names)
}

fn check_attributes(mut attrs: &str) -> Result<(), String> {
    while !attrs.is_empty() {
        let eq = attrs
            .find("=\"")
            .ok_or("attribute without a quoted value")?;
        let name = &attrs[..eq];
        if !ATTRIBUTES.contains(&name) {
            return Err(format!("attribute not allowed: {name}"));
        }
        let after = &attrs[eq + 2..];
        let close = after.find('"').ok_or("unterminated attribute")?;
        let value = &after[..close];
        let ok = match name {
            "href" => ["#", "https://", "http://", "mailto:"]
                .iter()
                .any(|p| value.starts_with(p)),
            "http-equiv" => value == "Content-Security-Policy",
            _ => !value.to_ascii_lowercase().contains("javascript:"),
        };
        if !ok {
            return Err(format!("{name}=\"{value}\""));
        }
        attrs = after[close + 1..].trim_start();
    }
    Ok(())
}

#[test]
fn only_our_tags_and_attributes_appear() {
    let html = hostile_html();
    let tags = scan_tags(&html).unwrap_or_else(|e| panic!("{e}"));
    let count = |t: &str| tags.iter().filter(|n| *n == t).count();
    assert_eq!(count("style"), 1);
    assert_eq!(count("script"), 1);
    assert_eq!(count("title"), 1);
    assert_eq!(count("meta"), 5);
    // The payloads are in the page, as text.
    for payload in [
        "&lt;script&gt;document.body.appendChild",
        "&lt;img src=x onerror=&quot;document.title=&#39;PW&#39;+&#39;NED&#39;&quot;&gt;",
        "&quot;&gt;&lt;svg onload=&quot;document.body.appendChild",
        "&lt;svg/onload=document.title=&#39;PW&#39;+&#39;NED&#39;&gt;",
        "&lt;b onmouseover=&quot;",
    ] {
        assert!(html.contains(payload), "missing escaped payload {payload}");
    }
    // Belt and braces beside the scan; `javascript:` as text is harmless, as a link it is not.
    // The page's own script (the last element) is left out.
    let own = html.rfind("<script>").expect("the page's script");
    let lower = html[..own].to_ascii_lowercase();
    for raw in [
        "<script",
        "<img",
        "<svg",
        "<iframe",
        "<b ",
        "href=\"javascript",
    ] {
        assert!(!lower.contains(raw), "unescaped {raw}");
    }
}

#[test]
fn the_scanner_rejects_injected_markup() {
    for bad in [
        "<p>ok</p><script>x</script>",
        "<p onclick=\"x\">",
        "<a href=\"javascript:x\">",
        "<p class=x>",
        "<span title=\"a\" onmouseover=\"b\">",
        "<meta http-equiv=\"refresh\" content=\"0\">",
    ] {
        assert!(scan_tags(bad).is_err(), "{bad}");
    }
}

#[test]
fn every_finding_is_shown_with_its_words_marked() {
    let report = hostile_report();
    let html = render(&report, "Review");
    assert!(
        report.diagnostics.len() >= 10,
        "fixtures lost their findings"
    );
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let (line, column) = file.line_col(d.primary.span.start as usize);
        let flagged = file.slice(d.primary.span).trim();
        assert!(
            html.contains(&format!(">{}</mark>", escape(flagged))),
            "{}: flagged words `{flagged}` not marked",
            d.rule.id
        );
        assert!(html.contains(&format!("{line}:{column}</span>")));
        assert!(html.contains(&format!("href=\"#rule-{0}\"><code>{0}</code>", d.rule.id)));
        assert!(html.contains(&format!("id=\"rule-{}\"", d.rule.id)));
    }
    for message in [
        "Cure claim: <code>cures</code> promises complete resolution",
        "FDA status claim: <code>FDA approved</code>",
        "Broken link: <code>aftercare.md</code> does not exist in the site",
        // The pack's message template is hostile too.
        "Do not call clinicians <code>miracle worker</code> &quot;&gt;&lt;svg onload=",
    ] {
        assert!(html.contains(message), "missing message: {message}");
    }
    // The sentence is quoted with its markup escaped around the mark.
    assert!(html.contains(
        "Our PRP therapy <mark title=\"cure claim\">cures</mark> arthritis &lt;img src=x onerror="
    ));
    assert!(html.contains("<span class=\"key\">why</span> no negation"));
    assert!(html.contains("<span class=\"key\">help</span> Describe what a treatment"));
}

#[test]
fn totals_suppressions_and_errors_are_reported() {
    let report = hostile_report();
    let html = render(&report, "Review");
    let c = Counts::of(&report);
    assert!(c.errors > 0 && c.warnings > 0);
    assert!(html.contains(&format!("<span class=\"n\">{}</span> errors", c.errors)));
    assert!(html.contains(&format!("<span class=\"n\">{}</span> warnings", c.warnings)));
    assert!(html.contains(&format!("<span class=\"n\">{}</span> info", c.infos)));
    assert!(html.contains(&format!(
        "<span class=\"n\">{}</span> suppressed",
        report.suppressed.len()
    )));
    // MED102 and MED107 with reasons; "miracle cure" (two MED101 findings) under a directive
    // without one, which suppresses nothing.
    assert_eq!(report.suppressed.len(), 2);
    assert!(html.contains("<td>reviewed by legal<br>"));
    assert!(html.contains(
        "approved &quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;PW&#39;+&#39;NED&#39;&quot;&gt; by counsel"
    ));
    assert!(!html.contains("(no reason given)"));
    // Counts by rule: MED101 has active findings and none suppressed.
    let med101 = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.id == "MED101")
        .count();
    assert!(html.contains(&format!(
        "<code>MED101</code> cure-claim</a></td><td><span class=\"badge sev-error\">error</span></td><td class=\"num\">{med101}</td><td class=\"num\">0</td>"
    )));
    // The missing file is a tool error; its name is escaped.
    assert_eq!(report.errors.len(), 1);
    assert!(html.contains("id=\"tool-errors\""));
    assert!(html.contains("missing &lt;script&gt;document.title"));
    assert!(html.contains(&escape(HOSTILE_NAME)));
}

#[test]
fn rule_docs_are_rendered_without_raw_html() {
    let html = render(&hostile_report(), "Review");
    let start = html
        .find("id=\"rule-HOST101\"")
        .expect("hostile rule documented");
    let doc = &html[start..];
    let doc = &doc[..doc.find("</article>").unwrap_or(doc.len())];
    assert!(doc.contains("<h4>What it does</h4>"));
    assert!(doc.contains("<em>miracle worker</em> and <strong>miracle doctor</strong>"));
    assert!(doc.contains("&lt;script&gt;document.body.appendChild"));
    assert!(doc.contains("the style guide"));
    assert!(!doc.contains("href=\"javascript"));
    assert!(doc.contains(
        "<a href=\"https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance\" rel=\"noopener noreferrer\">FTC guidance</a>"
    ));
    // Built-in docs render as structure too.
    assert!(html.contains("<h4>Why it matters</h4>"));
}

#[test]
fn the_title_is_escaped() {
    let html = render(
        &hostile_report(),
        "</title><script>document.title='PW'+'NED'</script>",
    );
    scan_tags(&html).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains(
        "<title>&lt;/title&gt;&lt;script&gt;document.title=&#39;PW&#39;+&#39;NED&#39;&lt;/script&gt;</title>"
    ));
}

#[test]
fn the_same_report_renders_to_the_same_bytes() {
    let first = render(&hostile_report(), "Review");
    let report = hostile_report();
    assert_eq!(first, render(&report, "Review"));
    assert_eq!(render(&report, "Review"), render(&report, "Review"));
}

#[test]
fn a_clean_run_says_so() {
    let clean = root().join("fixtures/articles/cure-myths.md");
    let report = lint(&[clean], Vec::new());
    assert!(report.diagnostics.is_empty() && report.errors.is_empty());
    let html = render(&report, "Clean");
    scan_tags(&html).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("<p class=\"empty\">No findings.</p>"));
    assert!(html.contains("<p class=\"empty\">No findings were suppressed.</p>"));
    assert!(html.contains("No findings in <code>fixtures/articles/cure-myths.md</code>."));
    assert!(!html.contains("id=\"tool-errors\""));
}

#[test]
fn the_hostile_fixtures_exist() {
    // The browser check lints this folder; keep it from going empty by accident.
    let dir: &Path = &hostile_dir();
    for name in ["prp-knee.md", "stem-cell-faq.txt", "pack/hostile.toml"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
}

/// Standard base64 (RFC 4648), written here so the test does not share the page's encoder.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| A[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char)
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

#[test]
fn the_policy_allows_exactly_the_inline_script_by_its_hash() {
    use sha2::Digest;
    let html = hostile_html();
    let open = html.find("<script>").expect("the page has its script") + "<script>".len();
    let close = open + html[open..].find("</script>").unwrap();
    let script = &html[open..close];
    assert!(script.contains("getElementById(\"filters\")"));
    let hash = base64(&sha2::Sha256::digest(script.as_bytes()));
    let policy_start = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .unwrap();
    let policy = &html[policy_start..];
    let policy = &policy[..policy.find("\">").unwrap()];
    assert!(
        policy.contains(&format!("script-src 'sha256-{hash}';")),
        "{policy} does not name {hash}"
    );
    // Nothing else may load or run: no 'unsafe-inline' for scripts, no sources but 'none'.
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src 'unsafe-inline'"), "{policy}");
    assert_eq!(html.matches("<script").count(), 1);
    // The policy comes before the script, so it governs it.
    assert!(policy_start < open);
}

#[test]
fn each_finding_has_a_disposition_and_filter_data() {
    let report = hostile_report();
    let html = render(&report, "Review");
    let n = report.diagnostics.len();
    assert_eq!(html.matches("<select class=\"disposition\"").count(), n);
    for option in ["open", "accepted risk", "fixed", "false positive"] {
        assert_eq!(
            html.matches(&format!("<option value=\"{option}\"")).count(),
            // One per finding, and one in the disposition filter.
            n + 1,
            "{option}"
        );
    }
    assert_eq!(
        html.matches("<option value=\"open\" selected=\"\">open</option>")
            .count(),
        n
    );
    for (i, d) in report.diagnostics.iter().enumerate() {
        let li = format!(
            "<li class=\"finding sev-{0}\" id=\"finding-{1}\" data-severity=\"{0}\" data-rule=\"{2}\" data-file=\"file-{3}\"",
            d.severity.as_str(),
            i + 1,
            d.rule.id,
            d.file.0
        );
        assert!(html.contains(&li), "{li}");
    }
    // The filter bar waits for the script; the count line is there without it.
    assert!(html.contains("<div id=\"filters\" class=\"filters\" hidden=\"\">"));
    assert!(html.contains(&format!(
        "<p id=\"showing\" class=\"showing\">All {n} findings shown.</p>"
    )));
    assert!(html.contains(&format!(
        "<p id=\"disposition-tally\" class=\"tally\">Dispositions: {n} open.</p>"
    )));
}

#[test]
fn the_sign_off_block_has_its_fields() {
    let html = render(&hostile_report(), "Review");
    let start = html
        .find("<section id=\"sign-off\"")
        .expect("sign-off block");
    let block = &html[start..start + html[start..].find("</section>").unwrap()];
    for field in [
        "<input type=\"text\" id=\"reviewer\" name=\"reviewer\"",
        "<input type=\"date\" id=\"review-date\" name=\"review-date\">",
        "<input type=\"radio\" name=\"decision\" value=\"approved\">",
        "<input type=\"radio\" name=\"decision\" value=\"approved with changes\">",
        "<input type=\"radio\" name=\"decision\" value=\"rejected\">",
        "<textarea id=\"review-notes\" name=\"review-notes\"",
        "<span>Signature</span>",
    ] {
        assert!(block.contains(field), "missing {field}");
    }
}
