//! Properties that hold for any input: spans lie within the file on character boundaries,
//! line/column agree with byte offsets, output is sorted, and linting is deterministic at any
//! thread count.

use std::path::Path;
use std::sync::LazyLock;

use medlint::config::Settings;
use medlint::document::Format;
use medlint::emit::json;
use medlint::engine::{Engine, Report};
use medlint::input::Input;
use medlint::rules::Registry;
use proptest::prelude::*;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

fn lint(text: &str, format: Format, threads: usize) -> Report {
    let registry = &*REGISTRY;
    let root = Path::new("/medlint-prop");
    let settings = Settings::only(registry, 0, root).with_all_rules(registry);
    let name = match format {
        Format::Markdown => "a.md",
        Format::Text => "a.txt",
        Format::Html => "a.html",
    };
    let inputs = vec![
        Input::with_text(name, root.join(name), format, text),
        Input::with_text(
            "b.md",
            root.join("b.md"),
            Format::Markdown,
            format!("# B\n\n[back]({name}#top) {text}"),
        ),
    ];
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let engine = Engine {
        pool: Some(&pool),
        ..Engine::in_memory(registry, &settings)
    };
    engine.run(inputs, Vec::new())
}

/// Fragments that exercise the parsers and the claim rules.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("PRP cures arthritis. ".to_string()),
        Just("There is no cure. ".to_string()),
        Just("Fibrin seals the tear; results vary. ".to_string()),
        Just("It is 100%&nbsp;safe &amp; risk-free! ".to_string()),
        Just("Studies show it works [^1].\n\n[^1]: A study.\n".to_string()),
        Just("\n\n# Heading {#id}\n\n".to_string()),
        Just("\n- item with `code cures`\n  - nested\n".to_string()),
        Just("\n| a | b |\n|---|---|\n| cures | x |\n".to_string()),
        Just("\n```\ncures\n".to_string()),
        Just("<p>Stem cells heal <b>discs</b></p>".to_string()),
        Just("<script>cures</script><!-- medlint-disable-line MED101 -- x -->".to_string()),
        Just("[link](other.md#anchor) ".to_string()),
        Just("’“”—…\u{a0}\u{FEFF}é漢字🙂".to_string()),
        Just("\r\n\r".to_string()),
        Just("> quote cures\n".to_string()),
        "[a-zA-Z ]{0,20}",
        any::<String>(),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat())
}

fn check_invariants(report: &Report) -> Result<(), TestCaseError> {
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let (s, e) = (d.primary.span.start as usize, d.primary.span.end as usize);
        prop_assert!(s <= e && e <= file.text.len(), "span {s}..{e} outside file");
        prop_assert!(file.text.is_char_boundary(s) && file.text.is_char_boundary(e));
        for l in &d.secondary {
            prop_assert!(l.span.end as usize <= file.text.len());
            prop_assert!(file.text.is_char_boundary(l.span.start as usize));
            prop_assert!(file.text.is_char_boundary(l.span.end as usize));
        }
        let (line, col) = file.line_col(s);
        let before = &file.text[..s];
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let lines = before.matches('\n').count() + before.matches('\r').count()
            - before.matches("\r\n").count();
        prop_assert_eq!(line, lines + 1);
        prop_assert_eq!(col, before[line_start..].chars().count() + 1);
    }
    let keys: Vec<_> = report.diagnostics.iter().map(|d| d.sort_key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    prop_assert_eq!(keys, sorted, "output is sorted");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_markdown_keeps_the_invariants(text in document()) {
        let one = lint(&text, Format::Markdown, 1);
        check_invariants(&one)?;
        let four = lint(&text, Format::Markdown, 4);
        prop_assert_eq!(json::lines(&one), json::lines(&four), "same at 1 and 4 threads");
        prop_assert_eq!(json::lines(&one), json::lines(&lint(&text, Format::Markdown, 1)), "idempotent");
    }

    #[test]
    fn any_html_keeps_the_invariants(text in document()) {
        check_invariants(&lint(&text, Format::Html, 2))?;
    }

    #[test]
    fn any_text_keeps_the_invariants(text in document()) {
        check_invariants(&lint(&text, Format::Text, 2))?;
    }
}
