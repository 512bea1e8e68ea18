//! Lint arbitrary bytes as Html: must never panic, and every span must lie on the file's
//! character boundaries.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use medlint::config::Settings;
use medlint::document::Format;
use medlint::rules::Registry;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = medlint::engine::decode("fuzz.html", data.to_vec(), 16) else {
        return;
    };
    let settings = Settings::only(&REGISTRY, 0, Path::new("/fuzz")).with_all_rules(&REGISTRY);
    let report = medlint::lint_str(&REGISTRY, &settings, "fuzz.html", Format::Html, &text);
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        assert!(d.primary.span.end as usize <= file.text.len());
        assert!(file.text.is_char_boundary(d.primary.span.start as usize));
        assert!(file.text.is_char_boundary(d.primary.span.end as usize));
        let _ = medlint::emit::text::render_plain(&report, d);
    }
});
