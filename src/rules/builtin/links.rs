//! Links between documents: `broken-internal-link` (the target file is not in the site) and
//! `broken-anchor` (the `#fragment` names no heading or id in the target). Relative links
//! resolve against the linking document, site-root links (`/blog/slug/`) against the site root;
//! each tries `path`, `path.md`, `path/index.md`, `path.html`, `path/index.html`. No network
//! access, ever: links with a scheme are not checked.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Safety, Sink, Suggestion};
use crate::rules::link_target::{Resolution, fragment_of};
use crate::rules::{DocContext, DocumentRule, fill};
use crate::site::AnchorCheck;
use crate::source::Span;

/// Levenshtein distance, for "did you mean" suggestions; `None` once every cell of a row is
/// over `limit` (the distance can only grow from there).
fn distance(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            least = least.min(row[j + 1]);
            prev = cur;
        }
        if least > limit {
            return None;
        }
    }
    Some(row[b.len()])
}

/// Character comparisons a document may spend on suggestions: a fixed allowance plus some per
/// link and anchor it has, so that thousands of broken anchors into thousands of headings cost
/// time linear in the document. Real pages use a small fraction of it; past it, broken anchors
/// are still reported, without a suggestion.
pub struct Budget(usize);

impl Budget {
    /// The allowance of a document with `items` links and anchors.
    pub fn for_document(items: usize) -> Budget {
        Budget(20_000_000 + 5_000 * items)
    }
}

/// A page's anchor names as suggestions: by length in characters, then name, so the names
/// near a fragment's length are found by a binary search rather than by a look at every one.
/// A name's characters are read only when it is compared: most are outside that range.
pub struct Candidates(Vec<(usize, String)>);

impl Candidates {
    /// The candidates among `names` (owned names are moved in, borrowed ones copied).
    pub fn new(names: impl Iterator<Item = impl Into<String>>) -> Candidates {
        let mut all: Vec<_> = names
            .map(|n| {
                let n: String = n.into();
                (n.chars().count(), n)
            })
            .collect();
        all.sort_unstable();
        Candidates(all)
    }
}

/// The nearest candidate to a broken fragment, and whether it is the only one close enough.
#[derive(Clone)]
struct Nearest<'a> {
    name: &'a String,
    only: bool,
}

/// The candidate nearest `wanted`, within a quarter of its length (at least 2), if the budget
/// allows looking; of those equally near, the first by name.
#[cfg(test)]
fn closest<'a>(wanted: &str, options: &'a Candidates, budget: &mut Budget) -> Option<&'a String> {
    nearest(wanted, options, budget).map(|n| n.name)
}

/// Like [`closest`], also saying whether no other candidate is within the limit: only then is
/// the fix safe to apply unasked.
fn nearest<'a>(wanted: &str, options: &'a Candidates, budget: &mut Budget) -> Option<Nearest<'a>> {
    let wanted: Vec<char> = wanted.chars().collect();
    let limit = (wanted.len() / 4).max(2);
    // Lengths further apart than the limit cannot be within it.
    let all = &options.0;
    let from = all.partition_point(|c| c.0 + limit < wanted.len());
    let to = all.partition_point(|c| c.0 <= wanted.len() + limit);
    let (mut row, mut chars) = (Vec::new(), Vec::new());
    let mut best: Option<(usize, &String)> = None;
    let mut close = 0;
    for (len, name) in &all[from..to.max(from)] {
        let cost = wanted.len().max(1) * len.max(&1);
        if cost > budget.0 {
            budget.0 = 0;
            return None;
        }
        budget.0 -= cost;
        chars.clear();
        chars.extend(name.chars());
        if let Some(d) = distance(&wanted, &chars, limit, &mut row)
            && d <= limit
        {
            close += 1;
            if best.is_none_or(|b| (d, name) < b) {
                best = Some((d, name));
            }
        }
    }
    best.map(|(_, name)| Nearest {
        name,
        only: close == 1,
    })
}

/// A safe fix rewriting the fragment of `link` to `name`, when the fragment is written in the
/// source as it was read (not percent- or entity-encoded).
fn rewrite_fragment(
    cx: &DocContext<'_>,
    link: &crate::document::Link,
    fragment: &str,
    name: &str,
) -> Option<Suggestion> {
    let span = link.dest_span;
    let written = cx.source.get(span.start as usize..span.end as usize)?;
    let hash = written.rfind('#')?;
    if &written[hash + 1..] != fragment {
        return None;
    }
    let start = span.start as usize + hash + 1;
    Some(Suggestion {
        span: Span::new(start, span.end as usize),
        replacement: name.to_string(),
        title: format!("Replace `#{fragment}` with `#{name}`"),
        safety: Safety::Safe,
    })
}

/// `MED301 broken-internal-link`.
pub struct BrokenInternalLink;

impl DocumentRule for BrokenInternalLink {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        for (link, resolution) in cx.doc.links.iter().zip(cx.resolved_links()) {
            let note = match resolution {
                // The tried paths are shown from the site root, so the note names it.
                Resolution::Missing {
                    tried,
                    in_root: true,
                } => {
                    format!(
                        "tried {} in site root `{}`",
                        tried.join(", "),
                        cx.site.root_display()
                    )
                }
                Resolution::Missing { tried, .. } => format!("tried {}", tried.join(", ")),
                Resolution::OutsideRoot => {
                    "the path climbs out of the site root (set it with `--site-root` or `[links] site-root`)".to_string()
                }
                _ => continue,
            };
            let message = fill(&sink.rule().message, &[("target", &link.dest)]);
            let d = sink.report(link.dest_span, message);
            d.notes.push(note);
            d.context = Some(link.span);
        }
    }
}

/// `MED302 broken-anchor`.
pub struct BrokenAnchor;

impl DocumentRule for BrokenAnchor {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        // This document's own index, found once for all its links.
        let this = std::cell::OnceCell::new();
        let mut budget = Budget::for_document(cx.doc.links.len() + cx.doc.anchors.len());
        // Each target's anchor names, read once, and each broken fragment's suggestion.
        let mut names_of: FxHashMap<usize, Candidates> = FxHashMap::default();
        let mut suggested: FxHashMap<(usize, String), Option<(String, bool)>> =
            FxHashMap::default();
        let mut disk_names: FxHashMap<&std::path::Path, Candidates> = FxHashMap::default();
        for (link, resolution) in cx.doc.links.iter().zip(cx.resolved_links()) {
            let Some(fragment) = fragment_of(&link.dest) else {
                continue;
            };
            if fragment.is_empty() || fragment == "top" {
                continue;
            }
            let target = match resolution {
                &Resolution::Found { doc: Some(target) } => target,
                // A page on disk that is not in the run (one file, standard input, changed
                // files only): its anchors are read from the file, once per run.
                Resolution::OnDisk(path) => {
                    let Some(names) = cx.site.disk_anchors(path) else {
                        continue;
                    };
                    if names.contains(&*fragment) {
                        continue;
                    }
                    let message = fill(
                        &sink.rule().message,
                        &[("target", &link.dest), ("fragment", &fragment)],
                    );
                    let options = disk_names
                        .entry(path.as_path())
                        .or_insert_with(|| Candidates::new(names.iter()));
                    let suggestion = nearest(&fragment, options, &mut budget);
                    let where_ = cx.site.display_path(path);
                    let d = sink.report(link.dest_span, message);
                    d.context = Some(link.span);
                    d.notes
                        .push(format!("no heading or id `{fragment}` in `{where_}`"));
                    if let Some(s) = suggestion {
                        d.help = Some(format!("did you mean `#{}`?", s.name));
                        if s.only {
                            d.suggestions
                                .extend(rewrite_fragment(cx, link, &fragment, s.name));
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            // This document's own anchors are at hand; others come from the site index.
            let same = *this.get_or_init(|| cx.site.find(cx.path)) == Some(target);
            if same {
                if cx.doc.anchors.contains(&*fragment) {
                    continue;
                }
            } else {
                match cx.site.check_anchor(target, &fragment) {
                    AnchorCheck::Missing => {}
                    // A target that cannot be read is reported on its own; its anchors are
                    // unknown, so the link is given the benefit of the doubt.
                    AnchorCheck::Present | AnchorCheck::Unknown => continue,
                }
            }
            let message = fill(
                &sink.rule().message,
                &[("target", &link.dest), ("fragment", &fragment)],
            );
            let key = (target, fragment.to_string());
            let suggestion = match suggested.get(&key) {
                Some(s) => s.clone(),
                None => {
                    let names = names_of.entry(target).or_insert_with(|| {
                        if same {
                            Candidates::new(cx.doc.anchors.iter())
                        } else {
                            Candidates::new(cx.site.anchor_name_list(target).into_iter())
                        }
                    });
                    let s =
                        nearest(&fragment, names, &mut budget).map(|n| (n.name.clone(), n.only));
                    suggested.insert(key, s.clone());
                    s
                }
            };
            let where_ = if same {
                "this document".to_string()
            } else {
                format!("`{}`", cx.site.display(target))
            };
            let d = sink.report(link.dest_span, message);
            d.context = Some(link.span);
            d.notes
                .push(format!("no heading or id `{fragment}` in {where_}"));
            if let Some((s, only)) = suggestion {
                d.help = Some(format!("did you mean `#{s}`?"));
                if only {
                    d.suggestions
                        .extend(rewrite_fragment(cx, link, &fragment, &s));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_anchors() {
        let anchors = ["inflammation".to_string(), "other".to_string()];
        let anchors = Candidates::new(anchors.iter());
        let mut budget = Budget::for_document(0);
        assert_eq!(
            closest("inflamation", &anchors, &mut budget),
            Some(&"inflammation".to_string())
        );
        assert_eq!(closest("zzz", &anchors, &mut budget), None);
    }

    #[test]
    fn suggestions_stop_when_the_budget_is_spent() {
        // 2,000 headings and as many near-miss links would compare every pair; the budget
        // bounds the comparisons, and the nearest is still found while it lasts.
        let anchors: Vec<String> = (0..2000)
            .map(|i| format!("heading-number-{i}-about-knees"))
            .collect();
        let candidates = Candidates::new(anchors.iter());
        let mut budget = Budget::for_document(0);
        let mut found = 0;
        for (i, anchor) in anchors.iter().enumerate() {
            let wanted = format!("heading-number-{i}-about-knes");
            if let Some(s) = closest(&wanted, &candidates, &mut budget) {
                assert_eq!(s, anchor);
                found += 1;
            }
        }
        assert_eq!(budget.0, 0);
        assert!(found > 0 && found < 2000, "{found}");
    }
}
