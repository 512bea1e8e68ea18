//! What a code rule implements and what it gets to look at: one document with its analysed
//! sentences, and the work several rules share (claims, citations, link targets) done once.

use super::cites;
use super::claim;
use super::context::{Lexicon, SentenceView};
use super::link_target;
use crate::diagnostic::Sink;
use crate::document::Document;

/// What a document rule gets to look at.
pub struct DocContext<'a> {
    /// The parsed document.
    pub doc: &'a Document,
    /// The document's source text, which suggestions edit.
    pub source: &'a str,
    /// Every sentence, analysed once for all sentence rules.
    pub sentences: &'a [SentenceView],
    /// The phrase lists and cue sets.
    pub lexicon: &'a Lexicon,
    /// Every linted file's path and anchors, for link rules.
    pub site: &'a crate::site::SiteIndex<'a>,
    /// The document's absolute, normalised path.
    pub path: &'a std::path::Path,
    /// The document's prose joined into one string, built on first use and shared by the
    /// document-wide rules.
    pub joined: std::cell::OnceCell<crate::document::JoinedProse<'a>>,
    /// Whether word boundaries of the joined prose are ASCII ones, worked out once for the
    /// rules that search it.
    joined_boundaries: std::cell::OnceCell<super::alternatives::Boundaries>,
    /// The joined prose with its ASCII letters lowercased, made by the first search that
    /// reads it so.
    joined_lowered: std::cell::OnceCell<String>,
    /// Each block's [`Boundaries`](super::alternatives::Boundaries), worked out once.
    block_boundaries: std::cell::OnceCell<Vec<super::alternatives::Boundaries>>,
    /// Where each of the document's links leads, resolved on first use and shared by the link
    /// rules.
    pub resolved: std::cell::OnceCell<Vec<link_target::Resolution>>,
    /// Where an evidence or statistic claim's citation may lead (`[citations] allow`).
    pub sources: &'a cites::Sources,
    /// Each block's citations and whether each resolves, worked out on first use (several
    /// claim rules ask about the same paragraph).
    cites: Vec<std::cell::OnceCell<cites::Checked>>,
    /// Every sentence's health claims, read on first use and shared by the claim rules.
    claims: std::cell::OnceCell<claim::DocumentClaims>,
    /// Which blocks say the evidence is lacking, worked out on first use.
    disclaims: std::cell::OnceCell<Vec<bool>>,
}

impl<'a> DocContext<'a> {
    /// A context for `doc`; shared work is done lazily.
    pub fn new(
        doc: &'a Document,
        source: &'a str,
        sentences: &'a [SentenceView],
        lexicon: &'a Lexicon,
        site: &'a crate::site::SiteIndex<'a>,
        path: &'a std::path::Path,
        sources: &'a cites::Sources,
    ) -> DocContext<'a> {
        DocContext {
            doc,
            source,
            sentences,
            lexicon,
            site,
            path,
            sources,
            joined: std::cell::OnceCell::new(),
            joined_boundaries: std::cell::OnceCell::new(),
            joined_lowered: std::cell::OnceCell::new(),
            block_boundaries: std::cell::OnceCell::new(),
            resolved: std::cell::OnceCell::new(),
            cites: vec![std::cell::OnceCell::new(); doc.blocks.len()],
            claims: std::cell::OnceCell::new(),
            disclaims: std::cell::OnceCell::new(),
        }
    }

    /// The health claims of each sentence, in the order of `sentences`.
    pub fn claims(&self) -> &claim::DocumentClaims {
        self.claims.get_or_init(|| {
            claim::read_document(self.doc, self.sentences, self.lexicon, &|b| {
                self.block_disclaims(b)
            })
        })
    }

    /// Whether block `i` cites a source a reader can follow: a defined footnote, a link to a
    /// page of the site or to a citation source, an author-year parenthesis, a DOI, or a
    /// numbered reference on a page with a reference list.
    pub fn block_cites(&self, i: usize) -> bool {
        self.block_citations(i).iter().any(|(_, why)| why.is_none())
    }

    /// Block `i`'s citations, each with why it does not resolve (`None` when it does).
    pub fn block_citations(&self, i: usize) -> &[(cites::Citation, Option<cites::Unresolved>)] {
        self.cites[i].get_or_init(|| {
            let found = cites::citations(&self.doc.blocks[i]);
            // A block that cites nothing leaves the document's links unresolved.
            if found.is_empty() {
                return Vec::new();
            }
            let resolved = self.resolved_links();
            found
                .into_iter()
                .map(|c| {
                    let why = cites::resolve(&c, self.doc, resolved, self.sources);
                    (c, why)
                })
                .collect()
        })
    }

    /// Whether block `i` says the evidence does not support a claim ("there is insufficient
    /// evidence"); such a statement qualifies every claim in its paragraph.
    pub fn block_disclaims(&self, i: usize) -> bool {
        let disclaims = self.disclaims.get_or_init(|| {
            let mut out = vec![false; self.doc.blocks.len()];
            let set = self.lexicon.claim.evidence_disclaimer;
            for v in self.sentences {
                if v.hits_of_opt(set).next().is_some() {
                    out[self.doc.sentences[v.index].block as usize] = true;
                }
            }
            out
        });
        disclaims[i]
    }

    /// The document's prose joined with blank lines.
    pub fn joined(&self) -> &crate::document::JoinedProse<'a> {
        self.joined.get_or_init(|| self.doc.joined_prose())
    }

    /// The [`Boundaries`](super::alternatives::Boundaries) of the joined prose.
    pub fn joined_boundaries(&self) -> super::alternatives::Boundaries {
        // The blank lines between blocks are ASCII: the joined prose's boundaries agree when
        // every block's do.
        *self.joined_boundaries.get_or_init(|| {
            use super::alternatives::Boundaries;
            if self
                .block_boundaries()
                .iter()
                .all(|&b| b == Boundaries::Agree)
            {
                Boundaries::Agree
            } else {
                Boundaries::Differ
            }
        })
    }

    /// The joined prose as a [`Haystack`](super::alternatives::Haystack) that keeps its
    /// lowercased copy for every rule that searches it.
    pub fn joined_haystack(&self) -> super::alternatives::Haystack<'_> {
        super::alternatives::Haystack::keeping_lowered(
            &self.joined().text,
            self.joined_boundaries(),
            &self.joined_lowered,
        )
    }

    /// Block `i`'s prose as a [`Haystack`](super::alternatives::Haystack), lowercased (when
    /// a search needs it) in the joined prose's copy.
    pub fn block_haystack(&self, i: usize) -> super::alternatives::Haystack<'_> {
        let boundaries = self.block_boundaries()[i];
        let joined = self.joined();
        super::alternatives::Haystack::inside(
            &self.doc.blocks[i].prose.text,
            boundaries,
            &joined.text,
            joined.block_starts()[i],
            &self.joined_lowered,
        )
    }

    /// A sentence's text as a [`Haystack`](super::alternatives::Haystack), lowercased (when
    /// a search needs it) in the joined prose's copy.
    pub fn sentence_haystack(
        &self,
        sentence: &crate::document::Sentence,
    ) -> super::alternatives::Haystack<'_> {
        use super::alternatives::Boundaries;
        let text = self.doc.sentence_text(sentence);
        let joined = self.joined();
        // A sentence of a block whose boundaries agree has no character that could differ.
        let boundaries = match self.block_boundaries()[sentence.block as usize] {
            Boundaries::Agree => Boundaries::Agree,
            Boundaries::Differ => Boundaries::of(text),
        };
        super::alternatives::Haystack::inside(
            text,
            boundaries,
            &joined.text,
            joined.block_starts()[sentence.block as usize] + sentence.start as usize,
            &self.joined_lowered,
        )
    }

    /// Each block's [`Boundaries`](super::alternatives::Boundaries), in block order.
    fn block_boundaries(&self) -> &[super::alternatives::Boundaries] {
        self.block_boundaries.get_or_init(|| {
            let blocks = &self.doc.blocks;
            blocks
                .iter()
                .map(|b| super::alternatives::Boundaries::of(&b.prose.text))
                .collect()
        })
    }

    /// Where each link of the document leads, in the order of `doc.links`.
    pub fn resolved_links(&self) -> &[link_target::Resolution] {
        self.resolved.get_or_init(|| {
            self.doc
                .links
                .iter()
                .map(|l| link_target::resolve(self.site, self.path, &l.dest))
                .collect()
        })
    }
}

/// A rule that looks at one document at a time. `&self` and `Sync` so documents can be checked
/// in parallel.
pub trait DocumentRule: Send + Sync {
    /// Check one document.
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>);

    /// The phrase sets a sentence needs a hit of before the rule looks past its hits (at
    /// its clauses); `None` when it may look at any sentence. A rule that reads no sentences
    /// needs none.
    fn sentence_triggers(&self) -> Option<crate::text::phrase::SetMask> {
        Some(crate::text::phrase::SetMask::default())
    }

    /// The patterns the rule compiles on first use that most documents need, in the order a
    /// document needs them, to compile in the background while the first documents are read
    /// (see [`super::Registry::compile_in_background`]).
    fn deferred_patterns(&self) -> Vec<super::regex::LazyRegex> {
        Vec::new()
    }

    /// Apply options from the config's `[rules.<ID>]` table (other than `severity`); paths in
    /// them are relative to `base_dir`, the config file's folder.
    fn configure(
        &mut self,
        options: &toml::Table,
        base_dir: &std::path::Path,
    ) -> Result<(), String> {
        let _ = base_dir;
        match options.keys().next() {
            None => Ok(()),
            Some(key) => Err(format!("this rule takes no option `{key}`")),
        }
    }
}
