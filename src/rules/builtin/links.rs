//! Links between documents: `broken-internal-link` (the target file is not in the site) and
//! `broken-anchor` (the `#fragment` names no heading or id in the target). Relative links
//! resolve against the linking document, site-root links (`/blog/slug/`) against the site root;
//! each tries `path`, `path.md`, `path/index.md`, `path.html`, `path/index.html`. No network
//! access, ever: links with a scheme are not checked.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Sink;
use crate::rules::{DocContext, DocumentRule, fill};
use crate::site::{AnchorCheck, SiteIndex};

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Has a scheme (`https:`, `mailto:` …) or is protocol-relative: not checked.
    External,
    /// Found; `doc` is the linted document it names, if any.
    Found {
        /// Index into the corpus documents.
        doc: Option<usize>,
    },
    /// No file at any candidate path.
    Missing {
        /// Candidate paths tried, relative to the site root where possible.
        tried: Vec<String>,
    },
    /// The path climbs out of the site root.
    OutsideRoot,
}

/// Split `dest` into path and fragment (query strings dropped) and percent-decode both.
pub fn split_dest(dest: &str) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
    let (before_hash, fragment) = match dest.split_once('#') {
        Some((a, f)) => (a, Some(percent_decode(f))),
        None => (dest, None),
    };
    let path = before_hash.split_once('?').map_or(before_hash, |(p, _)| p);
    (percent_decode(path), fragment)
}

fn has_scheme(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Decode `%XX` escapes; invalid escapes and non-UTF-8 results are kept as written.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or(Cow::Borrowed(s), Cow::Owned)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Resolve `.` and `..` without touching the filesystem.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::with_capacity(path.as_os_str().len());
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Resolve a link in the document at `from`.
pub fn resolve(site: &SiteIndex, from: &Path, dest: &str) -> Resolution {
    // An absolute link to the site's own origin is a site-root link.
    let own = site.site_url.as_deref().and_then(|origin| {
        let rest = strip_prefix_ignore_case(dest, origin)?;
        (rest.is_empty() || rest.starts_with(['/', '?', '#'])).then_some(rest)
    });
    let dest = match own {
        Some("") => "/",
        Some(rest) if !rest.starts_with('/') => return Resolution::Found { doc: None },
        Some(rest) => rest,
        None if has_scheme(dest) => return Resolution::External,
        None => dest,
    };
    let (path, _) = split_dest(dest);
    if path.is_empty() {
        return Resolution::Found {
            doc: site.find(from),
        };
    }
    let root = site.root.as_path();
    let (base, joined) = match path.strip_prefix('/') {
        Some(rest) => (root, rest),
        None => (from.parent().unwrap_or(root), &*path),
    };
    let base = base.join(joined);
    // A path with no `.`, `..` or empty segment (but a trailing `/`) joined to a normal
    // folder is normal already, and cannot climb out of it: most links are such paths.
    let plain = !joined
        .trim_end_matches('/')
        .split('/')
        .any(|segment| matches!(segment, "" | "." | ".."));
    let target = if plain { base } else { normalize(&base) };
    if !plain && from.starts_with(root) && !target.starts_with(root) {
        return Resolution::OutsideRoot;
    }
    let trimmed = target.to_string_lossy();
    let bare = match trimmed.strip_suffix('/') {
        Some(_) => Cow::Owned(PathBuf::from(trimmed.trim_end_matches('/'))),
        None => Cow::Borrowed(target.as_path()),
    };
    // Most links name their file as it is: that candidate is tried before the others are
    // built.
    if let Some(i) = site.find(&bare) {
        return Resolution::Found { doc: Some(i) };
    }
    let with_ext = |ext: &str| {
        let mut s = bare.as_os_str().to_os_string();
        s.push(ext);
        PathBuf::from(s)
    };
    // A path with an extension names a file; only extensionless paths get the site
    // generator's alternatives.
    let candidates: Vec<PathBuf> = if bare.extension().is_some() && !path.ends_with('/') {
        vec![bare.to_path_buf()]
    } else {
        vec![
            bare.to_path_buf(),
            with_ext(".md"),
            bare.join("index.md"),
            with_ext(".html"),
            bare.join("index.html"),
        ]
    };
    for c in &candidates[1..] {
        if let Some(i) = site.find(c) {
            return Resolution::Found { doc: Some(i) };
        }
    }
    if site.check_filesystem && (bare.is_dir() || candidates.iter().any(|c| c.is_file())) {
        return Resolution::Found { doc: None };
    }
    Resolution::Missing {
        tried: candidates
            .iter()
            .map(|c| {
                c.strip_prefix(root)
                    .map(|r| format!("/{}", r.display()))
                    .unwrap_or_else(|_| c.display().to_string())
            })
            .collect(),
    }
}

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
    fn splits_and_decodes_destinations() {
        assert_eq!(
            split_dest("my%20page.md?x=1#sec%C3%A9"),
            (Cow::from("my page.md"), Some(Cow::from("secé")))
        );
        assert_eq!(split_dest("/blog/a/"), (Cow::from("/blog/a/"), None));
    }

    #[test]
    fn recognises_schemes() {
        assert!(has_scheme("https://example.com"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(has_scheme("//cdn.example.com/x"));
        assert!(!has_scheme("blog/a.md"));
        assert!(!has_scheme("/blog/a/"));
    }

    #[test]
    fn normalizes_parent_segments() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }

    #[test]
    fn plain_and_irregular_paths_resolve_alike() {
        use crate::document::Format;
        use crate::input::{Input, Inputs};
        let page = |p: &str| Input::with_text(p, p, Format::Markdown, "# A\n");
        let inputs = Inputs::from(vec![
            page("/site/blog/a.md"),
            page("/site/blog/b/index.md"),
            page("/site/c.md"),
        ]);
        let root = Path::new("/site");
        let site = SiteIndex::build(&inputs, root, None, false, 16, root);
        let from = Path::new("/site/blog/a.md");
        let found = |dest: &str| match resolve(&site, from, dest) {
            Resolution::Found { doc } => doc,
            other => panic!("{dest}: {other:?}"),
        };
        for dest in [
            "a.md",
            "./a.md",
            "b/../a.md",
            "/blog/a.md",
            "/blog//a.md",
            ".//a.md",
        ] {
            assert_eq!(found(dest), Some(0), "{dest}");
        }
        for dest in ["b", "b/", "b//", "/blog/b/", "./b/index.md"] {
            assert_eq!(found(dest), Some(1), "{dest}");
        }
        for dest in ["../c.md", "/c", "/blog/../c.md"] {
            assert_eq!(found(dest), Some(2), "{dest}");
        }
        assert_eq!(resolve(&site, from, "../../x.md"), Resolution::OutsideRoot);
    }

    #[test]
    fn suggests_close_anchors() {
        let anchors = ["inflammation".to_string(), "other".to_string()];
        assert_eq!(closest("inflamation", anchors.iter()), Some(&anchors[0]));
        assert_eq!(closest("zzz", anchors.iter()), None);
    }
}
