//! Heading anchors as GitHub computes them: lowercase, punctuation dropped, spaces to hyphens,
//! and `-1`, `-2` … for repeats.

use rustc_hash::FxHashMap;

/// What each ASCII byte becomes in a slug: lowercase letters, digits, `_` and `-` stay,
/// capitals are lowered, a space is a hyphen, and 0 means the byte is dropped.
const ASCII_SLUG: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => c,
            b'A'..=b'Z' => c.to_ascii_lowercase(),
            b' ' => b'-',
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The GitHub slug of a heading's text.
pub fn github_slug(text: &str) -> String {
    let text = text.trim();
    if text.is_ascii() {
        // Most headings: one table look-up a byte (cheaper than matching ranges and pushing
        // chars), then the dropped bytes, marked 0, taken out in one pass; with room for a
        // `-n` suffix should the slug repeat.
        let mut slug = Vec::with_capacity(text.len() + 3);
        slug.extend(text.bytes().map(|b| ASCII_SLUG[usize::from(b & 0x7F)]));
        slug.retain(|&kept| kept != 0);
        return String::from_utf8(slug).unwrap_or_default();
    }
    slug_by_chars(text)
}

/// The slug of trimmed `text` a character at a time: how non-ASCII headings are read, and
/// what the table for ASCII must agree with.
fn slug_by_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
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
#[derive(Debug)]
pub struct AnchorGenerator {
    seen: FxHashMap<String, usize>,
}

impl Default for AnchorGenerator {
    /// Room for a typical article's headings from the start: growing the map one doubling
    /// at a time cost more than the slugs themselves.
    fn default() -> Self {
        AnchorGenerator {
            seen: FxHashMap::with_capacity_and_hasher(32, Default::default()),
        }
    }
}

impl AnchorGenerator {
    /// The anchor for the next heading with `text`.
    pub fn next(&mut self, text: &str) -> String {
        let mut anchor = github_slug(text);
        // A repeat is looked up by the slug it already has: only a new slug is copied into
        // the map, and the suffix is written in place rather than formatted into a new string.
        if let Some(count) = self.seen.get_mut(anchor.as_str()) {
            let n = *count;
            *count += 1;
            push_suffix(&mut anchor, n);
        } else {
            self.seen.insert(anchor.clone(), 1);
        }
        anchor
    }
}

/// Append `-n` to `anchor`, digit by digit (the formatting machinery costs more than the
/// anchor itself).
fn push_suffix(anchor: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    anchor.push('-');
    anchor.extend(digits[at..].iter().map(|&d| char::from(d)));
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
        assert_eq!(github_slug("  A_b-C 1.2 (x) #3  "), "a_b-c-12-x-3");
    }

    #[test]
    fn ascii_table_agrees_with_the_character_path() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "Traditional Approaches: Managing Symptoms vs. Addressing the Source",
            "FAQ's & Q/A -- 2024 (Part_2)",
            "\tTabs\tand\nnewlines ",
        ] {
            assert_eq!(github_slug(text), slug_by_chars(text.trim()), "{text:?}");
        }
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut g = AnchorGenerator::default();
        assert_eq!(g.next("Expert Take"), "expert-take");
        assert_eq!(g.next("Expert Take"), "expert-take-1");
        assert_eq!(g.next("Expert Take"), "expert-take-2");
    }

    #[test]
    fn suffixes_count_past_nine() {
        let mut g = AnchorGenerator::default();
        let anchors: Vec<String> = (0..12).map(|_| g.next("FAQ")).collect();
        let expected: Vec<String> = std::iter::once("faq".to_string())
            .chain((1..12).map(|n| format!("faq-{n}")))
            .collect();
        assert_eq!(anchors, expected);
        // A heading whose slug looks like a suffixed one keeps its own count.
        assert_eq!(g.next("FAQ 1"), "faq-1");
        assert_eq!(g.next("FAQ 1"), "faq-1-1");
    }
}
