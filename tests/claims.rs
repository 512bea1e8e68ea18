//! Claim categories on real clinic copy quoted in regulatory research (domain notes §6.2) and
//! on the sentences the claim rules were specified with: each sentence gets exactly the rules
//! listed, with the unapproved-therapy rule (off by default) selected too.

use std::path::Path;

use medlint::config::Settings;
use medlint::document::Format;
use medlint::engine::Engine;
use medlint::input::Input;
use medlint::rules::Registry;

fn rules_for(text: &str) -> Vec<String> {
    let mut registry = Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
    let root = Path::new("/medlint-claims");
    let mut settings = Settings::defaults(&mut registry, root);
    let i = registry.find("MED104").unwrap();
    settings = settings.with_rule(i, true);
    // One sentence is no page: the page-level disclosure rules stay out of it.
    for id in ["MED201", "MED204", "MED205"] {
        let j = registry.find(id).unwrap();
        settings = settings.with_rule(j, false);
    }
    let report = Engine::in_memory(&registry, &settings).run(
        vec![Input::with_text(
            "claim.md",
            root.join("claim.md"),
            Format::Markdown,
            text,
        )],
        Vec::new(),
    );
    let mut rules: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.rule.id.clone())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[track_caller]
fn assert_rules(text: &str, want: &[&str]) {
    assert_eq!(rules_for(text), want, "{text}");
}

#[test]
fn clinic_copy_from_the_domain_notes_gets_its_categories() {
    // C8 safety, C4 unapproved therapy.
    assert_rules(
        "the Discseel Procedure has emerged as a safe and innovative nonsurgical solution",
        &["MED104", "MED108"],
    );
    // C1 cure, C3 outcome, C6 evidence hype; "not only … but also" is no negation.
    assert_rules(
        "this groundbreaking treatment not only seals damaged discs but also helps heal them—offering new hope for eliminating chronic back pain",
        &["MED101", "MED103", "MED106"],
    );
    // C5 FDA status.
    assert_rules(
        "utilizing an FDA-approved, immediate-sealing, non-autologous fibrin",
        &["MED105"],
    );
    // C3 outcome.
    assert_rules("Enhanced disc healing by concentrated fibrin", &["MED103"]);
}

#[test]
fn hard_negatives_stay_clean() {
    for text in [
        "There is no cure.",
        "Diabetes cannot be cured, but it can be managed.",
        "Current treatments for osteoarthritis can relieve symptoms such as pain and disability, but right now there are no treatments that can cure osteoarthritis.",
        "While ursodiol treatment improves the outcome of primary biliary cirrhosis, it does not cure the disease.",
        "Balloon valvuloplasty relieves many symptoms of heart valve disease, but may not cure it.",
        "AAT deficiency has no cure, but treatments are available.",
        "Although no cure exists for the disorder, steroid treatment may help to slow how fast it progresses.",
        "Ketamine may be more effective in operations that are likely to cause more intense pain.",
        "Fibrin appears safe and may improve pain and function in selected patients with discogenic pain.",
        "In some cases, an oligoastrocytoma can be cured.",
        "This product is not intended to diagnose, treat, cure, or prevent any disease.",
        "PRP has not been approved by the FDA for back pain.",
        "Claims that stem cells cure arthritis are false.",
        "Can fibrin injection cure an annular tear?",
        "No procedure is risk-free, and no specific outcome is guaranteed.",
    ] {
        assert_rules(text, &[]);
    }
}

#[test]
fn the_specified_examples_get_their_rules() {
    assert_rules(
        "Our PRP therapy cures arthritis and is guaranteed to work.",
        &["MED101", "MED102", "MED104"],
    );
    assert_rules(
        "PRP does not cure arthritis, and no outcome is guaranteed.",
        &[],
    );
    assert_rules(
        "Published data on fibrin injection have shown meaningful pain relief.",
        &["MED106"],
    );
    assert_rules("Our fibrin procedure has a 94% success rate.", &["MED109"]);
    assert_rules("PRP is a proven alternative to surgery.", &["MED107"]);
    // One finding per phrase: the outcome rule defers to the cure and guarantee rules.
    assert_rules("Our fibrin procedure eliminates back pain.", &["MED101"]);
    assert_rules("This injection will heal your torn disc.", &["MED102"]);
    assert_rules("The fibrin matrix seals the tear.", &["MED103"]);
}
