//! Heading anchors as GitHub computes them: lowercase, punctuation dropped, spaces to hyphens,
//! and `-1`, `-2` … for repeats.

use rustc_hash::FxHashMap;

/// The GitHub slug of a heading's text.
pub fn github_slug(text: &str) -> String {
    let text = text.trim();
    if text.is_ascii() {
        // Most headings: a byte at a time.
        let mut slug = Vec::with_capacity(text.len());
        for b in text.bytes() {
            match b {
                b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => slug.push(b),
                b'A'..=b'Z' => slug.push(b.to_ascii_lowercase()),
                b' ' => slug.push(b'-'),
                _ => {}
            }
        }
        return String::from_utf8(slug).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Hands out unique anchors for one document.
#[derive(Debug, Default)]
pub struct AnchorGenerator {
    seen: FxHashMap<String, usize>,
}

impl AnchorGenerator {
    /// The anchor for the next heading with `text`.
    pub fn next(&mut self, text: &str) -> String {
        let slug = github_slug(text);
        let count = self.seen.entry(slug.clone()).or_insert(0);
        let anchor = if *count == 0 {
            slug
        } else {
            format!("{slug}-{count}")
        };
        *count += 1;
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(
            github_slug("Traditional Approaches: Managing Symptoms vs. Addressing the Source"),
            "traditional-approaches-managing-symptoms-vs-addressing-the-source"
        );
        assert_eq!(
            github_slug("Your Spine’s Foundation"),
            "your-spines-foundation"
        );
        assert_eq!(
            github_slug("Platelet-Rich Plasma (PRP)"),
            "platelet-rich-plasma-prp"
        );
        assert_eq!(github_slug("Ünïcode Heading"), "ünïcode-heading");
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut g = AnchorGenerator::default();
        assert_eq!(g.next("Expert Take"), "expert-take");
        assert_eq!(g.next("Expert Take"), "expert-take-1");
        assert_eq!(g.next("Expert Take"), "expert-take-2");
    }
}
