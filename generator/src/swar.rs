//! Eight bytes at a time in one `u64` ("SIMD within a register"): the text scans that run
//! over every byte of every body (`markdown`'s whitespace, `search`'s words) and of every
//! template value (`escape`) test a whole chunk of plain ASCII with a few integer
//! operations, and go byte by byte only where the chunk holds something else. Each
//! function marks a byte by setting its high bit.

/// `0x01` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte: the marks.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `at`, the first in the lowest byte; `None` when fewer are left.
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Marks the bytes below 0x80 that are in `lo..=hi`. Adding `0x80 - lo` sets a byte's high
/// bit when it is at least `lo`, adding `0x7f - hi` when it is more than `hi`. Only a byte
/// from 0x80 up carries into the next one, so the marks are right up to the first such
/// byte; callers mark those bytes as not wanted (`w & HIGH`) and stop at the first, or
/// clear every high bit first (`w & !HIGH`) and confirm each mark (`escape`).
pub fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    w.wrapping_add(u64::from(0x80 - lo) * ONES) & !w.wrapping_add(u64::from(0x7f - hi) * ONES) & HIGH
}

/// Marks the bytes equal to `b`. Right up to the first of them; the byte after one may be
/// marked too (the borrow of the subtraction), so callers that read past the first mark
/// must not trust a mark right after another.
pub fn equal(w: u64, b: u8) -> u64 {
    let x = w ^ (u64::from(b) * ONES);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The place (0-7) of the first marked byte of `marks`.
pub fn first(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of a chunk of plain bytes: the first mark is right.
    #[test]
    fn marks_are_right_up_to_the_first() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"wijk2026";
                chunk[at] = b;
                let w = load(&chunk, 0).unwrap();
                let want = |f: fn(u8) -> bool| chunk.iter().position(|&c| f(c)).unwrap_or(8);
                let first_or_8 = |m: u64| if m == 0 { 8 } else { first(m) };
                // As the callers read it: a digit, or a byte from 0x80 up, whichever is first.
                assert_eq!(
                    first_or_8(in_range(w, b'0', b'9') | (w & HIGH)),
                    want(|c| c.is_ascii_digit() || c >= 0x80),
                    "{chunk:?}"
                );
                assert_eq!(first_or_8(equal(w, b' ')), want(|c| c == b' '), "{chunk:?}");
            }
        }
        assert_eq!(load(b"1234567", 0), None);
        assert_eq!(load(b"12345678", 0), Some(u64::from_le_bytes(*b"12345678")));
    }
}
