//! How an export spells a column's values: each spelling and the position (a reply's, an
//! option's or a destination's) it stands for, looked up for every field of every row.

/// Export spellings → a position (a reply's, an option's or a destination's), compared
/// without regard to ASCII case or surrounding spaces. Every field of every row is looked up here, so a short
/// spelling (nearly all are: `yes`, `no`, `Y`, `not_known`) is kept lowercased in one
/// 128-bit word with its length, and a field is compared a word at a time, not a byte at a
/// time; longer spellings are compared as bytes.
#[derive(Clone, Debug, Default)]
pub(super) struct Spellings {
    /// In the order given, so that the first of two equal spellings wins.
    short: Vec<(Packed, usize)>,
    long: Vec<(Box<[u8]>, usize)>,
}

/// A spelling of at most 16 bytes: its length, and its bytes lowercased, zero-padded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed(u8, u128);

impl Packed {
    fn new(text: &[u8]) -> Option<Packed> {
        Some(Packed(u8::try_from(text.len()).ok()?, lowercase(word(text)?)))
    }
}

/// The bytes of `text`, if at most 16, as one little-endian word. Read as two overlapping
/// words (each byte where it belongs in both, so they are or-ed), which takes a branch on
/// the length's range only: a byte-by-byte loop ends at a different place for each field,
/// which cachegrind counts as a mispredicted branch a field; a copy through memory is read
/// back before it has landed.
fn word(text: &[u8]) -> Option<u128> {
    let n = text.len();
    let byte = |i: usize| u128::from(text.get(i).copied().unwrap_or(0)) << (8 * i);
    let four = |at: usize| text.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes);
    let eight =
        |at: usize| text.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes);
    match n {
        0..=3 => Some(byte(0) | byte(n / 2) | byte(n.saturating_sub(1))),
        4..=7 => Some(u128::from(four(0)) | u128::from(four(n - 4)) << (8 * (n - 4))),
        8..=16 => Some(u128::from(eight(0)) | u128::from(eight(n - 8)) << (8 * (n - 8))),
        _ => None,
    }
}

/// Each ASCII capital of the 16 bytes in `word` made small, all at once: adding
/// `0x80 - b'A'` to a byte's low seven bits sets its top bit where it is at least `A`, and
/// adding `0x80 - b'Z' - 1` where it is past `Z` (neither sum carries into the next byte);
/// a byte whose own top bit is set is not ASCII and is left alone. The capitals' top bits,
/// moved down to `0x20`, are the bit that makes them small.
fn lowercase(word: u128) -> u128 {
    const EACH: u128 = u128::MAX / 0xff; // 0x0101…01
    let low_seven = word & (EACH * 0x7f);
    let from_a = low_seven + EACH * u128::from(0x80 - b'A');
    let past_z = low_seven + EACH * u128::from(0x80 - b'Z' - 1);
    let capitals = from_a & !past_z & !word & (EACH * 0x80);
    word | (capitals >> 2)
}

impl Spellings {
    pub(super) fn new(spelt: Vec<(Box<[u8]>, usize)>) -> Self {
        let mut out = Spellings::default();
        for (text, position) in spelt {
            match Packed::new(&text) {
                Some(packed) => out.short.push((packed, position)),
                None => out.long.push((text, position)),
            }
        }
        out
    }

    pub(super) fn find(&self, field: &[u8]) -> Option<usize> {
        match Packed::new(field) {
            Some(packed) => self.short.iter().find(|(s, _)| *s == packed).map(|(_, i)| *i),
            None => self.long.iter().find(|(s, _)| s.eq_ignore_ascii_case(field)).map(|(_, i)| *i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Spellings as export values come: short words in any case, now and then a long one,
    /// and now and then a byte that is not ASCII.
    fn spelling() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(
                prop_oneof![Just(b'y'), Just(b'Y'), Just(b'n'), Just(b'_'), any::<u8>()],
                0..5
            ),
            proptest::collection::vec(any::<u8>(), 0..40),
        ]
    }

    proptest! {
        #[test]
        fn lowercase_is_ascii_lowercase_byte_by_byte(bytes: [u8; 16]) {
            let mut expected = bytes;
            expected.make_ascii_lowercase();
            prop_assert_eq!(lowercase(u128::from_le_bytes(bytes)), u128::from_le_bytes(expected));
        }

        /// The packed lookup finds what the plain one does: the first spelling given that is
        /// equal to the field, ignoring ASCII case.
        #[test]
        fn find_is_the_first_spelling_equal_ignoring_case(
            spelt in proptest::collection::vec(spelling(), 0..8),
            field in spelling(),
            pick in any::<proptest::sample::Index>(),
        ) {
            let field = match spelt.is_empty() {
                // Often one of the spellings, in another case.
                false if pick.index(2) == 0 => spelt[pick.index(spelt.len())].to_ascii_uppercase(),
                _ => field,
            };
            let entries: Vec<(Box<[u8]>, usize)> =
                spelt.iter().enumerate().map(|(i, s)| (s.clone().into_boxed_slice(), i)).collect();
            let plain = spelt.iter().position(|s| s.eq_ignore_ascii_case(&field));
            prop_assert_eq!(Spellings::new(entries).find(&field), plain);
        }
    }
}
