//! A paragraph's citations — footnotes, links, reference links, author-year parentheses, DOIs,
//! numbered references — and whether each resolves: a reader can follow it to a source. Only a
//! citation that resolves excuses an evidence or statistic claim; one that does not is
//! reported by `MED304 unresolved-citation`.

use std::sync::LazyLock;

use regex::Regex;

use super::link_target::Resolution;
use crate::document::{Block, Document};

/// Every citation written as text: an author-year parenthesis ("(Yin et al., 2014)"), a DOI, a
/// numbered reference ("[3]"), and the two forms Markdown leaves as text when they lead
/// nowhere — a footnote reference with no definition (`[^4]`) and a reference link with no
/// definition ("[the trial][nejm]"; a first bracket of digits only is two numbered
/// references, "[1][2]").
///
/// The first form, `\[\^[^\]\s]{1,64}\]`, is read by [`footnote_ref_at`] rather than by the
/// regex: sixty-four copies of a Unicode class made it most of the regex, 5 M of the 6.6 M
/// instructions its compiling cost at every start. [`textual`] gives it the first form's
/// priority.
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\[[^\[\]\n]*[^\[\]\n0-9,\s\-–][^\[\]\n]*\]\[[^\[\]\n]*\]",
        r"|\[[0-9]{1,3}\]",
        // Name characters are ASCII letters, `'`, `-` or any non-ASCII character: a small
        // automaton that still reads "(Müller, 2019)" and "(O’Brien, 2014)".
        r"|\([A-Z](?:[A-Za-z'-]|[^\x00-\x7F])+(?: et al\.?| and [A-Z](?:[A-Za-z'-]|[^\x00-\x7F])+)?,? (?:19|20)[0-9]{2}[a-z]?\)",
        r"|\bdoi:\s*10\.[0-9]{4,}|\b10\.[0-9]{4,}/\S+",
    ))
    .expect("valid regex")
});

/// Searchers for the two literals every block is checked for, built once: building one per
/// search cost more than the search.
static FOOTNOTE_OPEN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"[^"));
static DOI_PREFIX: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"10."));

/// Longest footnote label read as a reference with no definition, in characters.
const MAX_FOOTNOTE_LABEL: usize = 64;

/// The end of a footnote reference written as text at byte `at` — `[^`, one to
/// [`MAX_FOOTNOTE_LABEL`] characters that are neither `]` nor white space, `]` — if one
/// starts there.
fn footnote_ref_at(text: &str, at: usize) -> Option<usize> {
    let label = text.get(at..)?.strip_prefix("[^")?;
    let mut chars = 0;
    for (i, c) in label.char_indices() {
        if c == ']' {
            return (chars > 0).then_some(at + 2 + i + 1);
        }
        chars += 1;
        if c.is_whitespace() || chars > MAX_FOOTNOTE_LABEL {
            return None;
        }
    }
    None
}

/// The citations written as text in `text`, as the regex of every form would find them one
/// after another, leftmost first: a footnote reference wins over the other forms at the same
/// place, as the first alternative did.
fn textual(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let other = CITATION.find_at(text, at);
        // A footnote reference starting before the other forms' match, or where it does.
        let bound = other.map_or(text.len(), |m| m.start());
        let window = text.as_bytes().get(at..(bound + 2).min(text.len()));
        let mut starts = FOOTNOTE_OPEN.find_iter(window.unwrap_or_default());
        if let Some((start, end)) =
            starts.find_map(|i| footnote_ref_at(text, at + i).map(|end| (at + i, end)))
        {
            at = end;
            return Some((start, end));
        }
        let m = other?;
        at = m.end();
        Some((m.start(), m.end()))
    })
}

/// Compile the citation pattern now, so that the first document does not wait for it (see
/// [`super::Registry::compile_in_background`]).
pub fn prepare_shared_patterns() {
    LazyLock::force(&CITATION);
}

/// What a citation is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A footnote reference with its definition.
    Footnote,
    /// A link: index into [`Document::links`].
    Link(u32),
    /// An author-year parenthesis or a DOI: names its source.
    Named,
    /// "[3]": resolves when the page has a reference list.
    Numbered,
    /// `[^4]` with no definition.
    DanglingFootnote,
    /// "[text][label]" with no definition.
    UndefinedReference,
}

/// One citation in a block.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// What it is.
    pub kind: Kind,
    /// Start byte in the block's prose.
    pub start: u32,
    /// End byte in the block's prose.
    pub end: u32,
}

/// A block's citations, each with why it does not resolve (`None` when it does).
pub type Checked = Vec<(Citation, Option<Unresolved>)>;

/// Why a citation leads nowhere a reader can check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// A footnote reference with no definition.
    DanglingFootnote,
    /// A reference link with no definition.
    UndefinedReference,
    /// A numbered reference on a page with no reference list.
    NoReferenceList,
    /// A link to a page of the site that does not exist (`MED301` reports the link).
    MissingPage,
    /// A link to a host that is not a citation source; the host.
    NotASource(String),
}

impl Unresolved {
    /// Whether `MED304` reports it (a missing page is `MED301`'s).
    pub fn reported(&self) -> bool {
        !matches!(self, Unresolved::MissingPage)
    }
}

/// The citations of a block, in prose order.
pub fn citations(block: &Block) -> Vec<Citation> {
    let mut out: Vec<Citation> = block
        .footnote_refs
        .iter()
        .map(|&at| Citation {
            kind: Kind::Footnote,
            start: at,
            end: at,
        })
        .chain(block.link_text.iter().map(|l| Citation {
            kind: Kind::Link(l.link),
            start: l.start,
            end: l.end,
        }))
        .collect();
    let text = &block.prose.text;
    // Every textual form has a `(`, a `[` or a DOI's `10.`; most blocks have none, and that is
    // quicker to see than to run the regex.
    let may_cite = memchr::memchr2(b'(', b'[', text.as_bytes()).is_some()
        || DOI_PREFIX.find(text.as_bytes()).is_some();
    if may_cite {
        out.extend(textual(text).map(|(start, end)| {
            let s = &text[start..end];
            let kind = if s.starts_with("[^") {
                Kind::DanglingFootnote
            } else if s.starts_with('[') && s.contains("][") {
                Kind::UndefinedReference
            } else if s.starts_with('[') {
                Kind::Numbered
            } else {
                Kind::Named
            };
            Citation {
                kind,
                start: start as u32,
                end: end as u32,
            }
        }));
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// Headings under which a page lists its references.
fn is_reference_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_ascii_lowercase();
    matches!(
        t.as_str(),
        "references"
            | "reference"
            | "sources"
            | "source"
            | "bibliography"
            | "citations"
            | "works cited"
            | "literature"
            | "literature cited"
            | "notes"
            | "footnotes"
            | "endnotes"
            | "further reading"
            | "research"
            | "studies cited"
            | "scientific references"
    )
}

/// Whether `doc` has a reference list for numbered references to point into.
pub fn has_reference_list(doc: &Document) -> bool {
    doc.headings.iter().any(|h| is_reference_heading(&h.text))
}

/// The hosts whose pages count as a source for an evidence or statistic claim: journals,
/// their indexes and identifiers, trial registries and public-health agencies. A host matches
/// itself and its subdomains.
pub const DEFAULT_SOURCES: &[&str] = &[
    "doi.org",
    "ncbi.nlm.nih.gov",
    "nih.gov",
    "clinicaltrials.gov",
    "isrctn.com",
    "who.int",
    "trialsearch.who.int",
    "cochranelibrary.com",
    "cochrane.org",
    "europepmc.org",
    "cdc.gov",
    "fda.gov",
    "ftc.gov",
    "ahrq.gov",
    "nice.org.uk",
    "nhs.uk",
    "gov.uk",
    "ema.europa.eu",
    "nejm.org",
    "thelancet.com",
    "jamanetwork.com",
    "bmj.com",
    "nature.com",
    "science.org",
    "sciencedirect.com",
    "cell.com",
    "springer.com",
    "wiley.com",
    "oup.com",
    "tandfonline.com",
    "sagepub.com",
    "plos.org",
    "frontiersin.org",
    "mdpi.com",
    "biomedcentral.com",
    "karger.com",
    "thieme-connect.com",
    "lww.com",
    "ahajournals.org",
    "annals.org",
    "acpjournals.org",
    "aafp.org",
    "medrxiv.org",
    "biorxiv.org",
    "arxiv.org",
];

/// The citation sources of a run: the defaults and those a config adds (`[citations] allow`).
#[derive(Clone, Debug)]
pub struct Sources {
    hosts: Vec<String>,
}

impl Default for Sources {
    fn default() -> Sources {
        Sources::with(&[])
    }
}

impl Sources {
    /// The defaults and `extra` hosts (lowercased, `www.` and any scheme dropped).
    pub fn with(extra: &[String]) -> Sources {
        let mut hosts: Vec<String> = DEFAULT_SOURCES
            .iter()
            .map(|h| h.to_string())
            .chain(extra.iter().map(|h| normal_host(h)))
            .filter(|h| !h.is_empty())
            .collect();
        hosts.sort();
        hosts.dedup();
        Sources { hosts }
    }

    /// Whether a link to `url` cites a source; otherwise the host it names.
    pub fn check(&self, url: &str) -> Result<(), String> {
        let host = host_of(url);
        let allowed = !host.is_empty()
            && self.hosts.iter().any(|h| {
                host == *h
                    || (host.len() > h.len() && host.ends_with(h.as_str()) && {
                        host.as_bytes()[host.len() - h.len() - 1] == b'.'
                    })
            });
        if allowed { Ok(()) } else { Err(host) }
    }
}

/// A host as written in config: lowercase, no scheme, path, port or leading `www.`.
fn normal_host(text: &str) -> String {
    let t = text.trim();
    let t = t.split_once("://").map_or(t, |(_, rest)| rest);
    let host = t.split(['/', '?', '#', ':']).next().unwrap_or("");
    host.trim_start_matches("www.").to_ascii_lowercase()
}

/// The host of an absolute or protocol-relative URL, lowercased, without `www.`.
fn host_of(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest,
        None => match url.strip_prefix("//") {
            Some(rest) => rest,
            // `mailto:`, `tel:` and the like name no host.
            None => return String::new(),
        },
    };
    // Drop any user info before the host.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    host.trim_start_matches("www.")
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// Whether `citation` resolves; `None` when it does, else why not. `resolved` gives where each
/// of the document's links leads.
pub fn resolve(
    citation: &Citation,
    doc: &Document,
    resolved: &[Resolution],
    sources: &Sources,
) -> Option<Unresolved> {
    match citation.kind {
        Kind::Footnote | Kind::Named => None,
        Kind::Numbered => (!has_reference_list(doc)).then_some(Unresolved::NoReferenceList),
        Kind::DanglingFootnote => Some(Unresolved::DanglingFootnote),
        Kind::UndefinedReference => Some(Unresolved::UndefinedReference),
        Kind::Link(i) => match resolved.get(i as usize)? {
            Resolution::External => {
                let dest = &doc.links[i as usize].dest;
                sources.check(dest).err().map(Unresolved::NotASource)
            }
            Resolution::Found { .. } | Resolution::OnDisk(_) => None,
            Resolution::Missing { .. } | Resolution::OutsideRoot => Some(Unresolved::MissingPage),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The citation regex as first written, with the footnote form as its first alternative.
    fn every_form_in_one_regex() -> Regex {
        Regex::new(&format!(r"\[\^[^\]\s]{{1,64}}\]|{}", CITATION.as_str())).expect("regex")
    }

    fn one_regex(re: &Regex, text: &str) -> Vec<(usize, usize)> {
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn footnote_references_read_by_hand_as_the_regex_read_them() {
        let re = every_form_in_one_regex();
        let long = |n: usize| format!("See[^{}] and [^{}]x", "a".repeat(n), "é".repeat(n));
        let mut texts: Vec<String> = [63, 64, 65].into_iter().map(long).collect();
        // Every text of up to five of these pieces.
        let pieces = ["[", "^", "]", "a", " ", "1", "(", "\u{a0}", "é"];
        texts.extend(crate::rules::test_strings::every_string(&pieces, 5));
        let folders = ["articles", "review", "site", "jurisdictions"];
        let fixtures = crate::text::fixtures::fixture_texts(&folders);
        texts.extend(fixtures.into_iter().map(|(_, text)| text));
        texts.push("[^1][2] (Smith, 2019) [^note][ref] [^a b] [^] [3] doi: 10.1000/x [^x]".into());
        for text in &texts {
            assert_eq!(
                textual(text).collect::<Vec<_>>(),
                one_regex(&re, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn hosts_match_themselves_and_their_subdomains_only() {
        let s = Sources::with(&["https://www.Example-Journal.org/articles".to_string()]);
        assert!(s.check("https://pubmed.ncbi.nlm.nih.gov/12345/").is_ok());
        assert!(s.check("https://doi.org/10.1000/xyz").is_ok());
        assert!(s.check("//www.bmj.com/content/1").is_ok());
        assert!(s.check("https://example-journal.org/a").is_ok());
        assert_eq!(
            s.check("https://notnih.gov/study"),
            Err("notnih.gov".to_string())
        );
        assert_eq!(
            s.check("https://user@shop.example.com:8080/cbd"),
            Err("shop.example.com".to_string())
        );
        assert_eq!(s.check("mailto:a@b.c"), Err(String::new()));
    }

    fn kinds(md: &str) -> Vec<Kind> {
        let doc = Document::parse(
            crate::source::FileId(0),
            crate::document::Format::Markdown,
            md,
            &crate::document::ParseOptions::default(),
        );
        doc.blocks
            .iter()
            .flat_map(citations)
            .map(|c| c.kind)
            .collect()
    }

    #[test]
    fn textual_forms_are_told_apart() {
        assert_eq!(
            kinds("Shown in trials [1][2]."),
            [Kind::Numbered, Kind::Numbered]
        );
        assert_eq!(
            kinds("Shown [in the trial][nejm]."),
            [Kind::UndefinedReference]
        );
        assert_eq!(kinds("Shown.[^4]"), [Kind::DanglingFootnote]);
        assert_eq!(kinds("Shown.[^4]\n\n[^4]: Yin 2014."), [Kind::Footnote]);
        assert_eq!(
            kinds("Shown (Yin et al., 2014) and doi:10.1000/1."),
            [Kind::Named, Kind::Named]
        );
        assert_eq!(
            kinds("Shown [in the trial][t].\n\n[t]: https://doi.org/10.1/x"),
            [Kind::Link(0)]
        );
    }
}
