//! Every rule's pack examples, run as real Markdown with only that rule enabled.

use medlint::rules::Registry;
use medlint::rules::examples::check_all;
use medlint::rules::pack::BUILTIN_PACKS;

fn run_pack(name: &str) {
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
}
