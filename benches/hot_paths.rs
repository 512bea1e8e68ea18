//! Micro-benchmarks of the hot paths: `cargo bench --bench hot_paths`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use medlint::config::Settings;
use medlint::document::{Document, Format, ParseOptions};
use medlint::input::{Input, Inputs};
use medlint::rules::{Registry, SentenceView};
use medlint::site::SiteIndex;
use medlint::source::FileId;
use medlint::text::tokenize::{Tokens, tokenize, tokenize_into};

fn main() {
    divan::main();
}

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

/// A typical article: the bundled example, repeated to about 10 KB.
static ARTICLE: LazyLock<String> = LazyLock::new(|| {
    let one = include_str!("../examples/site/blog/knee-prp.md");
    one.repeat(10_000 / one.len() + 1)
});

/// The article, parsed.
fn article_doc() -> Document {
    Document::parse(
        FileId(0),
        Format::Markdown,
        &ARTICLE,
        &ParseOptions::default(),
    )
}

#[divan::bench]
fn parse_article(b: Bencher) {
    let opts = ParseOptions::default();
    b.bench(|| Document::parse(FileId(0), Format::Markdown, &ARTICLE, &opts));
}

#[divan::bench]
fn analyse_sentences_and_clauses(b: Bencher) {
    let doc = article_doc();
    b.bench(|| SentenceView::analyse_all(&doc, &REGISTRY.lexicon));
}

#[divan::bench]
fn tokenize_article_sentences(b: Bencher) {
    let doc = article_doc();
    let texts: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut out = Tokens::default();
    b.counter(divan::counter::BytesCount::new(bytes))
        .bench_local(|| {
            for t in &texts {
                tokenize_into(t, &mut out);
            }
        });
}

#[divan::bench]
fn phrase_trie_one_sentence(b: Bencher) {
    let tokens = tokenize(
        "Our PRP injections regenerate cartilage and permanently relieve knee pain, though results vary.",
    );
    let (mut ids, mut hits) = (Vec::new(), Vec::new());
    b.bench_local(|| REGISTRY.lexicon.index.find(&tokens, &mut ids, &mut hits));
}

#[divan::bench]
fn lint_article_all_rules(b: Bencher) {
    let root = Path::new("/bench");
    let settings = Settings::only(&REGISTRY, 0, root).with_all_rules(&REGISTRY);
    b.bench(|| medlint::lint_str(&REGISTRY, &settings, "a.md", Format::Markdown, &ARTICLE));
}

#[divan::bench(sample_count = 10)]
fn link_graph_20000_documents(b: Bencher) {
    let root = PathBuf::from("/bench");
    let inputs: Inputs = (0..20_000)
        .map(|i| {
            let name = format!("blog/a{i:05}.md");
            Input::with_text(
                name.clone(),
                root.join(&name),
                Format::Markdown,
                format!(
                    "# Article {i}\n\n## Risks\n\nSee [next](a{:05}.md#risks) and [home](/index.md).\n",
                    (i + 1) % 20_000
                ),
            )
        })
        .collect();
    // Each document's link target, as the link rule resolves it.
    let targets: Vec<PathBuf> = (0..20_000)
        .map(|i| root.join(format!("blog/a{:05}.md", (i + 1) % 20_000)))
        .collect();
    b.bench(|| {
        // Index the paths, then check every link's anchor (learning each target's anchors).
        let site = SiteIndex::build(&inputs, &root, None, false, 16, &root);
        let found = targets
            .iter()
            .filter(|t| site.find(t).and_then(|i| site.has_anchor(i, "risks")) == Some(true))
            .count();
        assert_eq!(found, targets.len());
        site
    });
}

#[divan::bench]
fn render_article_findings(b: Bencher) {
    let root = Path::new("/bench");
    let settings = Settings::only(&REGISTRY, 0, root).with_all_rules(&REGISTRY);
    let report = medlint::lint_str(&REGISTRY, &settings, "a.md", Format::Markdown, &ARTICLE);
    let mut buf = codespan_reporting::term::termcolor::Buffer::no_color();
    b.counter(divan::counter::ItemsCount::new(report.diagnostics.len()))
        .bench_local(|| {
            buf.clear();
            for d in &report.diagnostics {
                let _ = medlint::emit::text::render(&report, d, &mut buf);
            }
        });
}
