//! Parse and resolve arbitrary `medlint.toml` text: errors are fine, panics are not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use medlint::config::{CliOverrides, Config};
use medlint::rules::Registry;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut registry) = Registry::builtin() else {
        return;
    };
    if let Ok(mut config) = Config::parse(Path::new("medlint.toml"), text) {
        let _ = config.resolve(&mut registry, &CliOverrides::default(), Path::new("/fuzz"));
    }
});
