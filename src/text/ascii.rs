//! ASCII classes found many bytes at a time, for the code that reads every byte: the
//! tokenizer (one 64-bit load classifies and lowercases a whole short word), and the escaping
//! and the renderer (sixteen bytes a step find a message or a line with nothing to escape, and
//! a line printed without measuring each character's width).

/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Per byte of `x`, all of them ASCII, the high bit set when the byte is in `lo..=hi`.
/// Adding to a byte below 0x80 never carries into the next one, so each lane is exact.
const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // The high bit of `b + 0x80 - lo` is set when b >= lo; of `b + 0x7F - hi` when b > hi.
    let at_least_lo = x.wrapping_add(ONES * (0x80 - lo as u64));
    let above_hi = x.wrapping_add(ONES * (0x7F - hi as u64));
    at_least_lo & !above_hi & HIGH
}

/// Eight bytes, little-endian in a word: the high bit of each byte that is an ASCII letter or
/// digit, and the bytes with letters lowercased (other bytes are changed too, so only the
/// letters' and digits' lanes mean anything). A byte of 0x80 or more is neither. The plain
/// form of the class, which the tests hold [`word_run`] to.
#[cfg(test)]
pub const fn letters_and_digits(x: u64) -> (u64, u64) {
    // Bytes of 0x80 and more are cleared first (no class holds 0), so that adding to a byte
    // never carries into the next one.
    let beyond = (x & HIGH) >> 7;
    let x = x & !(beyond * 0xFF);
    // Setting bit 5 lowercases a letter and leaves a digit as it is.
    let lower = x | (ONES * 0x20);
    (in_range(x, b'0', b'9') | in_range(lower, b'a', b'z'), lower)
}

/// The run of ASCII letters and digits that starts eight bytes, little-endian in a word: its
/// length, and the bytes with letters lowercased (only the run's lanes mean anything). The
/// same run as `letters_and_digits` (the tests' plain form) finds, in fewer steps: bytes of 0x80 and more are not
/// cleared first, so adding to one may carry into the lanes after it, but the run stops at
/// it (its high bit is masked out) and never reads those.
pub const fn word_run(x: u64) -> (usize, u64) {
    let lower = x | (ONES * 0x20);
    let mask = (in_range(x, b'0', b'9') | in_range(lower, b'a', b'z')) & !x;
    (leading_lanes(mask), lower)
}

/// The eight bytes of `bytes` from `at`, little-endian in a word; past the end, zeros.
pub fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(&[a, b, c, d, e, f, g, h]) => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        _ => {
            let mut lanes = [0u8; 8];
            for (lane, &b) in lanes.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
                *lane = b;
            }
            u64::from_le_bytes(lanes)
        }
    }
}

/// How many of the eight bytes, from the first, have their high bit set in `mask`.
pub const fn leading_lanes(mask: u64) -> usize {
    ((!mask & HIGH).trailing_zeros() / 8) as usize
}

/// Whether ASCII byte `b` is whitespace as `char::is_whitespace` has it: space and `\t` to
/// `\r` (`u8::is_ascii_whitespace` leaves out the vertical tab).
pub fn is_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Whether `text` holds two spaces in a row: a byte test, for texts of a few words, shorter
/// than a substring searcher's setup.
pub fn has_double_space(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w == b"  ")
}

/// Whether byte `b` is printable ASCII (space to `~`).
pub const fn is_printable(b: u8) -> bool {
    b.wrapping_sub(b' ') < 0x5f
}

/// Whether every byte is printable ASCII (space to `~`): sixteen bytes a step, each step
/// tested without an early exit so that the compiler tests the sixteen at once (SIMD), and the
/// last step overlapping the one before rather than a byte at a time.
pub fn printable(text: &str) -> bool {
    all_sixteen(text.as_bytes(), is_printable)
}

/// Whether `test` holds for every byte of `bytes`, tested sixteen at a time as
/// [`printable`] does (`test` must be cheap and branch-free for that to pay).
#[inline]
pub fn all_sixteen(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let sixteen = |chunk: &[u8; 16]| chunk.iter().fold(true, |all, &b| all & test(b));
    let (chunks, rest) = bytes.as_chunks::<16>();
    if !chunks.iter().all(sixteen) {
        return false;
    }
    match bytes.last_chunk::<16>() {
        Some(last) if !rest.is_empty() => sixteen(last),
        _ => rest.iter().all(|&b| test(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_of(x: u64) -> [u8; 8] {
        x.to_le_bytes()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn classifies_each_byte_as_the_byte_test_does(lanes in proptest::array::uniform8(0u8..=255)) {
            let x = u64::from_le_bytes(lanes);
            let (mask, lower) = letters_and_digits(x);
            for (i, &b) in lanes.iter().enumerate() {
                let flagged = bytes_of(mask)[i] == 0x80;
                proptest::prop_assert_eq!(flagged, b.is_ascii_alphanumeric(), "byte {:#x}", b);
                proptest::prop_assert_eq!(bytes_of(mask)[i] & 0x7F, 0);
                if flagged {
                    proptest::prop_assert_eq!(bytes_of(lower)[i], b.to_ascii_lowercase());
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn word_run_is_the_leading_run_of_letters_and_digits(
            lanes in proptest::array::uniform8(proptest::prop_oneof![
                proptest::prelude::Just(b'a'),
                proptest::prelude::Just(b'Z'),
                proptest::prelude::Just(b'7'),
                0u8..=255,
            ])
        ) {
            let x = u64::from_le_bytes(lanes);
            let (run, lower) = word_run(x);
            let (mask, expected) = letters_and_digits(x);
            proptest::prop_assert_eq!(run, leading_lanes(mask));
            proptest::prop_assert_eq!(&bytes_of(lower)[..run], &bytes_of(expected)[..run]);
        }
    }

    #[test]
    fn every_ascii_byte_in_every_lane() {
        for b in 0u8..=255 {
            for lane in 0..8 {
                let mut lanes = [b'a'; 8];
                lanes[lane] = b;
                let (mask, lower) = letters_and_digits(u64::from_le_bytes(lanes));
                assert_eq!(
                    bytes_of(mask)[lane] == 0x80,
                    b.is_ascii_alphanumeric(),
                    "{b:#x}"
                );
                if b.is_ascii_alphanumeric() {
                    assert_eq!(bytes_of(lower)[lane], b.to_ascii_lowercase());
                }
            }
        }
    }

    #[test]
    fn non_ascii_ends_a_run_and_lanes_count() {
        let (mask, _) = letters_and_digits(u64::from_le_bytes(*b"caf\xc3\xa9 ok"));
        assert_eq!(leading_lanes(mask), 3);
        let (mask, _) = letters_and_digits(u64::from_le_bytes(*b"heals it"));
        assert_eq!(leading_lanes(mask), 5);
        let (mask, _) = letters_and_digits(u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(leading_lanes(mask), 8);
        assert_eq!(leading_lanes(0), 0);
    }

    #[test]
    fn eight_bytes_are_read_with_zeros_past_the_end() {
        assert_eq!(eight_at(b"abcdefghij", 1), u64::from_le_bytes(*b"bcdefghi"));
        assert_eq!(
            eight_at(b"abcdefghij", 6),
            u64::from_le_bytes(*b"ghij\0\0\0\0")
        );
        assert_eq!(eight_at(b"ab", 2), 0);
        assert_eq!(eight_at(b"ab", 5), 0);
    }

    #[test]
    fn printable_ascii_agrees_with_the_byte_test() {
        let reference = |t: &str| t.bytes().all(|b| (b' '..=b'~').contains(&b));
        // Around one and two steps of sixteen, and the overlapping last step.
        for len in 0..40 {
            for at in 0..len {
                for byte in 0u8..128 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    let text = String::from_utf8(text).unwrap();
                    assert_eq!(printable(&text), reference(&text), "{text:?}");
                }
                let mut text = "a".repeat(len - 1);
                text.insert(at, 'é');
                assert!(!printable(&text));
            }
        }
    }
}
