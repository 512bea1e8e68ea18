//! Every rule's pack examples, run as real Markdown with only that rule enabled, and every
//! pack's vocabularies checked as data: well formed, without duplicates, and each one read by
//! the engine or a rule.

use std::collections::BTreeSet;

use medlint::examples::check_all;
use medlint::rules::Registry;
use medlint::rules::claim::ClaimSets;
use medlint::rules::context::Cues;
use medlint::rules::pack::BUILTIN_PACKS;

fn pack_table(name: &str) -> toml::Table {
    let (_, text) = BUILTIN_PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no pack {name}"));
    text.parse().unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Vocabulary names some rule of the built-in packs refers to.
fn names_rules_read() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (name, _) in BUILTIN_PACKS {
        let table = pack_table(name);
        let rules = table.get("rule").and_then(|r| r.as_array()).cloned();
        for rule in rules.unwrap_or_default() {
            for key in [
                "vocab",
                "requires",
                "excused-by",
                "voidable-excuses",
                "excuse-void-with",
                "except",
            ] {
                for v in rule
                    .get(key)
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                {
                    out.insert(v.as_str().unwrap_or_default().to_string());
                }
            }
            if let Some(s) = rule.get("subject").and_then(|s| s.as_str()) {
                out.insert(s.to_string());
            }
            // A code rule names the vocabularies it reads in its code.
            if let Some(b) = rule.get("builtin").and_then(|s| s.as_str()) {
                out.extend(
                    medlint::rules::builtin::vocab_read_everywhere(b)
                        .into_iter()
                        .map(String::from),
                );
            }
        }
    }
    out
}

/// A pack's vocabularies: phrases trimmed, single-spaced, lowercase, each once; and each
/// vocabulary read by the context engine, the claim reader or a rule.
fn check_vocabularies(name: &str) {
    let table = pack_table(name);
    let read = names_rules_read();
    let Some(vocab) = table.get("vocab").and_then(|v| v.as_table()) else {
        return;
    };
    let mut problems = Vec::new();
    for (list, phrases) in vocab {
        if !Cues::NAMES.contains(&list.as_str())
            && !ClaimSets::NAMES.contains(&list.as_str())
            && !read.contains(list)
        {
            problems.push(format!("`{list}` is declared but nothing reads it"));
        }
        let mut seen = BTreeSet::new();
        for phrase in phrases.as_array().into_iter().flatten() {
            let p = phrase.as_str().unwrap_or_default();
            if p.trim() != p || p.contains("  ") || p.is_empty() {
                problems.push(format!("`{list}`: badly spaced phrase {p:?}"));
            }
            if p.chars().any(char::is_uppercase) {
                problems.push(format!("`{list}`: phrase {p:?} is not lowercase"));
            }
            if !seen.insert(p) {
                problems.push(format!("`{list}`: phrase {p:?} appears twice"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "lints/{name}:\n{}",
        problems.join("\n")
    );
}

fn run_pack(name: &str) {
    check_vocabularies(name);
    let registry = match Registry::builtin() {
        Ok(r) => r,
        Err(errors) => panic!("built-in packs do not load: {}", errors[0]),
    };
    let (count, failures) = check_all(&registry, Some(name));
    let report: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{} {} {}: expected {:?}, found {:?}\n    {:?}",
                f.pack, f.rule, f.which, f.expected, f.found, f.text
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed:\n{}",
        failures.len(),
        report.join("\n")
    );
}

macro_rules! pack_tests {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(#[test] fn $test() { run_pack($file) })*

        #[test]
        fn every_embedded_pack_has_a_test() {
            let tested = [$($file),*];
            for (name, _) in BUILTIN_PACKS {
                assert!(tested.contains(name), "no example test for lints/{name}");
            }
        }
    };
}

pack_tests! {
    claims_examples => "claims.toml",
    disclosures_examples => "disclosures.toml",
    links_examples => "links.toml",
    suppressions_examples => "suppressions.toml",
    context_examples => "context.toml",
    conditions_vocabulary => "conditions.toml",
    health_vocabulary => "health.toml",
}

#[test]
fn generated_conditions_are_sorted_and_name_their_sources() {
    let (_, text) = BUILTIN_PACKS
        .iter()
        .find(|(n, _)| *n == "conditions.toml")
        .unwrap();
    assert!(text.starts_with("# Generated by scripts/vocab/build_conditions.py"));
    for source in ["Disease Ontology", "ICD-10-CM", "MedQuAD"] {
        assert!(text.lines().next().unwrap().contains(source), "{source}");
    }
    let table = pack_table("conditions.toml");
    let list: Vec<&str> = table["vocab"]["condition"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(list.len() > 2000, "{} conditions", list.len());
    assert!(
        list.windows(2).all(|w| w[0] < w[1]),
        "not sorted and unique"
    );
}

/// The phrase index kept for the built-in packs is the one they compile to now: a pack or the
/// phrase compiler changed without it would only cost start-up time (its key no longer
/// matches, or its sets differ, and the index is built instead), but this keeps it current.
#[test]
fn builtin_phrase_index_is_current() {
    use medlint::rules::pack::{BUILTIN_INDEX, PackSource, build_index_bytes, load_built};
    use medlint::text::phrase::PhraseIndex;
    let sources = PackSource::builtin();
    let fresh = build_index_bytes(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/builtin_index.bin");
    if std::env::var_os("MEDLINT_BLESS").is_some_and(|v| v == "1") {
        let tmp = path.with_extension("bin.tmp");
        std::fs::write(&tmp, &fresh).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        return;
    }
    assert!(
        fresh == BUILTIN_INDEX,
        "src/rules/builtin_index.bin is not what the built-in packs compile to; \
         MEDLINT_BLESS=1 cargo test --test rules rewrites it"
    );
    // It reads back to the same index, and only under its own key.
    let (read, key) =
        PhraseIndex::from_bytes_any(BUILTIN_INDEX).expect("the kept index reads back");
    let note = medlint::text::phrase::snapshot::note(BUILTIN_INDEX).expect("a note");
    assert!(read.to_bytes_with(key, note) == BUILTIN_INDEX);
    assert!(PhraseIndex::from_bytes(BUILTIN_INDEX, key ^ 1).is_none());
    // The packs as loaded use it, and it finds what an index built now finds.
    let kept = Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
    let built = load_built(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
    assert_eq!(built.index_key, key);
    let text = "Our CBD gummies may help prevent seizures and boost your immune system!";
    let hits = |index: &PhraseIndex| index.named_hits(text);
    assert!(hits(&kept.lexicon.index).len() > 5);
    assert_eq!(hits(&kept.lexicon.index), hits(&built.lexicon.index));
}
