//! What the three lint targets share: decode the bytes, lint them with every rule, and check
//! that every span lies on the file's character boundaries and renders.

use std::path::Path;
use std::sync::LazyLock;

use medlint::config::Settings;
use medlint::document::Format;
use medlint::rules::Registry;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

pub fn lint(data: &[u8], name: &str, format: Format) {
    let Ok(text) = medlint::files::read::decode(name, data.to_vec(), 16) else {
        return;
    };
    let settings = Settings::only(&REGISTRY, 0, Path::new("/fuzz")).with_all_rules(&REGISTRY);
    let report = medlint::lint_str(&REGISTRY, &settings, name, format, &text);
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        assert!(d.primary.span.end as usize <= file.text.len());
        assert!(file.text.is_char_boundary(d.primary.span.start as usize));
        assert!(file.text.is_char_boundary(d.primary.span.end as usize));
        let _ = medlint::emit::text::render_plain(&report, d);
    }
}
