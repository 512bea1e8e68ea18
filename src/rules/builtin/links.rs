//! Links between documents: `broken-internal-link` (the target file is not in the site) and
//! `broken-anchor` (the `#fragment` names no heading or id in the target). Relative links
//! resolve against the linking document, site-root links (`/blog/slug/`) against the site root;
//! each tries `path`, `path.md`, `path/index.md`, `path.html`, `path/index.html`. No network
//! access, ever: links with a scheme are not checked.

use std::borrow::Cow;

use crate::diagnostic::Sink;
use crate::rules::link_target::{Resolution, split_dest};
use crate::rules::{DocContext, DocumentRule, fill};
use crate::site::AnchorCheck;

/// Levenshtein distance, for "did you mean" suggestions.
fn distance(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn closest<'a>(wanted: &str, options: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let wanted: Vec<char> = wanted.chars().collect();
    let limit = (wanted.len() / 4).max(2);
    let (mut chars, mut row) = (Vec::new(), Vec::new());
    options
        .filter_map(|o| {
            chars.clear();
            chars.extend(o.chars());
            // Lengths further apart than the limit cannot be within it.
            if chars.len().abs_diff(wanted.len()) > limit {
                return None;
            }
            let d = distance(&wanted, &chars, &mut row);
            (d <= limit).then_some((d, o))
        })
        .min()
        .map(|(_, o)| o)
}

/// `MED301 broken-internal-link`.
pub struct BrokenInternalLink;

impl DocumentRule for BrokenInternalLink {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        for (link, resolution) in cx.doc.links.iter().zip(cx.resolved_links()) {
            let note = match resolution {
                Resolution::Missing { tried } => format!("tried {}", tried.join(", ")),
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
        for (link, resolution) in cx.doc.links.iter().zip(cx.resolved_links()) {
            let (_, Some(fragment)) = split_dest(&link.dest) else {
                continue;
            };
            if fragment.is_empty() || fragment == "top" {
                continue;
            }
            let &Resolution::Found { doc: Some(target) } = resolution else {
                continue;
            };
            // This document's own anchors are at hand; others come from the index, which has
            // the target's names only when it read them for this check.
            let same = *this.get_or_init(|| cx.site.find(cx.path)) == Some(target);
            let read_names = if same {
                if cx.doc.anchors.contains(&*fragment) {
                    continue;
                }
                None
            } else {
                match cx.site.check_anchor(target, &fragment) {
                    AnchorCheck::Missing(names) => names,
                    // A target that cannot be read is reported on its own; its anchors are
                    // unknown, so the link is given the benefit of the doubt.
                    AnchorCheck::Present | AnchorCheck::Unknown => continue,
                }
            };
            let message = fill(
                &sink.rule().message,
                &[("target", &link.dest), ("fragment", &fragment)],
            );
            let names: Cow<'_, _> = match read_names {
                Some(names) => Cow::Owned(names),
                None if same => Cow::Borrowed(&cx.doc.anchors),
                None => Cow::Owned(cx.site.anchor_names(target)),
            };
            let suggestion = closest(&fragment, names.iter()).cloned();
            let where_ = if same {
                "this document".to_string()
            } else {
                format!("`{}`", cx.site.display(target))
            };
            let d = sink.report(link.dest_span, message);
            d.context = Some(link.span);
            d.notes
                .push(format!("no heading or id `{fragment}` in {where_}"));
            if let Some(s) = suggestion {
                d.help = Some(format!("did you mean `#{s}`?"));
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
        assert_eq!(closest("inflamation", anchors.iter()), Some(&anchors[0]));
        assert_eq!(closest("zzz", anchors.iter()), None);
    }
}
