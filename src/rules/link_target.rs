//! Where a link leads: a destination resolved against the linking document or the site root,
//! trying `path`, `path.md`, `path/index.md`, `path.html` and `path/index.html`. Links with a
//! scheme are never followed.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::files::path::normalize;
use crate::site::SiteIndex;

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
    /// A file on disk that is not in the run: its anchors are read from it.
    OnDisk(PathBuf),
    /// No file at any candidate path.
    Missing {
        /// Candidate paths tried, relative to the site root where possible.
        tried: Vec<String>,
        /// Whether every candidate is inside the site root (so shown from it).
        in_root: bool,
    },
    /// The path climbs out of the site root.
    OutsideRoot,
}

/// Split `dest` into path and fragment (query strings dropped) and percent-decode both.
pub fn split_dest(dest: &str) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
    let (before_hash, fragment) = match split_at_byte(dest, b'#') {
        Some((a, f)) => (a, Some(percent_decode(f))),
        None => (dest, None),
    };
    let path = split_at_byte(before_hash, b'?').map_or(before_hash, |(p, _)| p);
    (percent_decode(path), fragment)
}

/// `text` split at the first `byte` (an ASCII one), as `split_once` does, found by memchr:
/// every link is split so.
fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = memchr::memchr(byte, text.as_bytes())?;
    Some((&text[..at], &text[at + 1..]))
}

/// The fragment of `dest`, percent-decoded, as [`split_dest`] gives it, without decoding the
/// path.
pub fn fragment_of(dest: &str) -> Option<Cow<'_, str>> {
    split_at_byte(dest, b'#').map(|(_, f)| percent_decode(f))
}

/// Whether `dest` starts with a scheme (an ASCII letter, then letters, digits, `+`, `-` or
/// `.`, then `:`) or is protocol-relative. Read from the start, so a site path (`/blog/…`) is
/// told apart at its first byte.
fn has_scheme(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((&first, rest)) = dest.as_bytes().split_first() else {
        return false;
    };
    let scheme_char = |b: &&u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.');
    let len = rest.iter().take_while(scheme_char).count();
    first.is_ascii_alphabetic() && rest.get(len) == Some(&b':')
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Decode `%XX` escapes; invalid escapes and non-UTF-8 results are kept as written.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
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
    // A path with no `.`, `..` or empty segment (but a trailing `/`) joined to a normal
    // folder is normal already, and cannot climb out of it: most links are such paths.
    // Split by byte: a `str` split by a char runs a searcher per segment.
    let plain = !joined
        .trim_end_matches('/')
        .as_bytes()
        .split(|&b| b == b'/')
        .any(|segment| matches!(segment, b"" | b"." | b".."));
    let target = if plain {
        // `Path::join`, with room for both parts made once.
        let mut target = PathBuf::with_capacity(base.as_os_str().len() + 1 + joined.len());
        target.push(base);
        target.push(joined);
        target
    } else {
        normalize(&base.join(joined))
    };
    if !plain && from.starts_with(root) && !target.starts_with(root) {
        return Resolution::OutsideRoot;
    }
    let trimmed = match target.to_str() {
        Some(text) => Cow::Borrowed(text),
        None => target.to_string_lossy(),
    };
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
    if site.check_filesystem {
        if let Some(file) = candidates.iter().find(|c| c.is_file()) {
            return Resolution::OnDisk(file.clone());
        }
        if bare.is_dir() {
            return Resolution::Found { doc: None };
        }
    }
    Resolution::Missing {
        in_root: candidates.iter().all(|c| c.starts_with(root)),
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
    fn schemes_read_from_the_start_as_the_scheme_before_the_first_colon() {
        let by_split = |dest: &str| {
            dest.starts_with("//")
                || dest.split_once(':').is_some_and(|(scheme, _)| {
                    let mut chars = scheme.chars();
                    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                })
        };
        let pieces = ["a", "1", ":", "/", "+", ".", "é", "#", "-"];
        for dest in crate::rules::test_strings::every_string(&pieces, 4) {
            assert_eq!(has_scheme(&dest), by_split(&dest), "{dest:?}");
        }
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
}
