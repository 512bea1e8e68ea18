//! Load an arbitrary rule pack next to the built-in ones: errors are fine, panics are not, and a
//! pack that loads must run its own examples without panicking.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use medlint::rules::Registry;
use medlint::rules::pack::PackSource;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = PackSource::builtin();
    sources.push(PackSource::new("fuzz.toml".into(), Arc::from(text)));
    if let Ok(registry) = Registry::from_sources(&sources) {
        let _ = medlint::examples::check_all(&registry, Some("fuzz.toml"));
    }
});
