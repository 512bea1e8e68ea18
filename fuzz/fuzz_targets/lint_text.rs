//! Lint arbitrary bytes as Text: must never panic, and every span must lie on the file's
//! character boundaries.
#![no_main]

#[path = "lint_common.rs"]
mod lint_common;

use libfuzzer_sys::fuzz_target;
use medlint::document::Format;

fuzz_target!(|data: &[u8]| lint_common::lint(data, "fuzz.txt", Format::Text));
