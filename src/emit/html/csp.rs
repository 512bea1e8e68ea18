//! The page's Content-Security-Policy: nothing may load, and the one inline script may run
//! because its SHA-256 is named in the policy, so a script injected anywhere else cannot.

/// The report's script (filters, dispositions, saving entered values).
pub(super) const SCRIPT: &str = include_str!("filter.js");

/// `'sha256-…'` for `script`, as CSP names an inline script it allows.
pub(super) fn script_source(script: &str) -> String {
    use sha2::Digest;
    format!(
        "'sha256-{}'",
        base64(&sha2::Sha256::digest(script.as_bytes()))
    )
}

/// The policy, in the `content` of the page's `<meta http-equiv>`.
pub(super) fn policy() -> String {
    format!(
        "default-src 'none'; script-src {}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        script_source(SCRIPT)
    )
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_script_cannot_end_its_element_early() {
        let lower = SCRIPT.to_ascii_lowercase();
        assert!(!lower.contains("</") && !lower.contains("<!--"));
    }
}
