//! Lint large inputs grown from small fuzz data, with a short `-timeout`: a piece of text
//! repeated into one long line or many lines (many findings, links, anchors, references or
//! suppressions at once), linted as Markdown or HTML with every rule and rendered as text and
//! SARIF. Work that grows with the square of the input shows up as a timeout.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use medlint::config::Settings;
use medlint::document::Format;
use medlint::rules::Registry;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

/// The longest piece repeated, and the most text the repeats make: linear work on it stays
/// well inside the fuzzer's timeout in an instrumented build, quadratic work does not.
const MAX_PIECE: usize = 64;
const MAX_TEXT: usize = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    // Byte 0: repeats (scaled); byte 1: separator, HTML, a table row, SARIF; the rest: the
    // piece.
    let [times, mode, piece @ ..] = data else {
        return;
    };
    let Ok(piece) = std::str::from_utf8(piece) else {
        return;
    };
    if piece.is_empty() || piece.len() > MAX_PIECE {
        return;
    }
    let sep = ["", " ", ", ", "\n", "\n\n", " | "][usize::from(mode & 0x0f) % 6];
    let times = (usize::from(*times) * 16 + 1).min(MAX_TEXT / (piece.len() + sep.len()));
    let (format, name) = if mode & 0x10 == 0 {
        (Format::Markdown, "fuzz.md")
    } else {
        (Format::Html, "fuzz.html")
    };
    let mut text = String::with_capacity(times * (piece.len() + sep.len()) + 16);
    if mode & 0x20 != 0 {
        // A table row of pieces: one "sentence".
        text.push_str("| a | b |\n|---|---|\n| ");
    }
    for _ in 0..times {
        text.push_str(piece);
        text.push_str(sep);
    }
    let settings = Settings::only(&REGISTRY, 0, Path::new("/fuzz")).with_all_rules(&REGISTRY);
    let report = medlint::lint_str(&REGISTRY, &settings, name, format, &text);
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        assert!(file.text.is_char_boundary(d.primary.span.start as usize));
        assert!(file.text.is_char_boundary(d.primary.span.end as usize));
        // A finding prints a window of its line, not the whole of it: beyond its own words,
        // a bounded amount of source.
        let words: usize = [&d.message, &d.primary.message]
            .into_iter()
            .chain(&d.notes)
            .chain(d.help.as_ref())
            .chain(d.secondary.iter().map(|l| &l.message))
            .map(String::len)
            .sum();
        let shown = medlint::emit::text::render_plain(&report, d).len();
        assert!(shown <= 2 * words + 8192, "{shown} bytes for a finding");
    }
    if mode & 0x40 != 0 {
        let _ = medlint::emit::sarif::render(&report, &REGISTRY, &Default::default());
    }
});
