//! Claim words disguised with invisible characters or look-alike letters: the claim rules read
//! through them, spans stay on the word as written, and `MED112 hidden-character` says so.

mod common;
use common::medlint;

use std::path::Path;

/// Each finding's rule and the text its span covers, from JSON output.
fn findings(dir: &Path, file: &str) -> Vec<(String, String)> {
    let o = medlint(
        dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            file,
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let source = std::fs::read(dir.join(file)).unwrap();
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|d| d["type"] == "diagnostic")
        .map(|d| {
            let (start, end) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let text = String::from_utf8(source[start..end].to_vec()).unwrap();
            (d["rule"].as_str().unwrap().to_string(), text)
        })
        .collect()
}

/// "cures" written sixteen ways that look the same on the page.
const DISGUISED_CURES: &[&str] = &[
    "c\u{200B}ures",                            // zero width space
    "cu\u{200C}res",                            // zero width non-joiner
    "cur\u{200D}es",                            // zero width joiner
    "cure\u{2060}s",                            // word joiner
    "c\u{00AD}ures",                            // soft hyphen
    "cu\u{FEFF}res",                            // byte-order mark
    "cu\u{200E}res",                            // left-to-right mark
    "cur\u{202E}es",                            // right-to-left override
    "c\u{2066}ures\u{2069}",                    // isolate, closed after the word
    "c\u{200B}\u{200B}ures",                    // two in a row
    "\u{0441}ures",                             // Cyrillic es
    "cur\u{0435}s",                             // Cyrillic ie
    "\u{0441}ur\u{0435}s",                      // both
    "\u{FF43}\u{FF55}\u{FF52}\u{FF45}\u{FF53}", // fullwidth
    "C\u{FF35}RES",                             // one fullwidth letter among capitals
    "cu\u{0433}es",                             // not a look-alike: a Cyrillic ghe, read as written
];

#[test]
fn claim_rules_read_through_disguised_words_and_name_the_disguise() {
    let dir = tempfile::tempdir().unwrap();
    for (i, word) in DISGUISED_CURES.iter().enumerate() {
        let file = format!("a{i}.md");
        let text = format!("# Knee pain\n\nOur PRP injections {word} knee pain.\n");
        std::fs::write(dir.path().join(&file), &text).unwrap();
        let found = findings(dir.path(), &file);
        let cure = found.iter().find(|(rule, _)| rule == "MED101");
        let hidden = found.iter().find(|(rule, _)| rule == "MED112");
        if word.contains('\u{0433}') {
            // Not a disguise of "cures": no claim, no hidden-character finding.
            assert!(cure.is_none() && hidden.is_none(), "{word:?}: {found:?}");
            continue;
        }
        // The span covers the word exactly as written, invisible characters included (an
        // isolate closed after the word ends it).
        let written = word.trim_end_matches('\u{2069}');
        assert_eq!(
            cure.map(|c| c.1.as_str()),
            Some(written),
            "{word:?}: {found:?}"
        );
        assert_eq!(
            hidden.map(|c| c.1.as_str()),
            Some(written),
            "{word:?}: {found:?}"
        );
    }
}

#[test]
fn html_entities_that_hide_characters_are_read_through() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><body><h1>Knee pain</h1>\
        <p>Results are guaran&shy;teed. Our shots c&#8203;ure arthritis.</p></body></html>\n";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    let found = findings(dir.path(), "a.html");
    let rules_at = |text: &str| -> Vec<&str> {
        found
            .iter()
            .filter(|(_, t)| t == text)
            .map(|(r, _)| r.as_str())
            .collect()
    };
    assert_eq!(
        rules_at("guaran&shy;teed"),
        ["MED102", "MED112"],
        "{found:?}"
    );
    assert_eq!(rules_at("c&#8203;ure"), ["MED101", "MED112"], "{found:?}");
}

#[test]
fn invisible_characters_in_other_words_and_one_script_words_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Opening hours\n\nWe are open on Satur\u{00AD}days and in the even\u{200B}ings. \
        Сыр is the Russian word for cheese.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let found = findings(dir.path(), "a.md");
    assert!(!found.iter().any(|(r, _)| r == "MED112"), "{found:?}");
}
