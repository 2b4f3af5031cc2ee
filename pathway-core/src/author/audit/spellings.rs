//! How an export spells a column's values: each spelling and the position (a reply's, an
//! option's or a destination's) it stands for, looked up for every field of every row.

/// Export spellings → a position (a reply's, an option's or a destination's), compared
/// without regard to ASCII case. Every field of every row is looked up here, so a spelling of
/// up to 24 bytes (nearly all are: `yes`, `no`, `Y`, `not_known`, a destination's id) is
/// kept as three words, lowercased, and a field is read as three words and compared whole,
/// not a byte at a time; longer spellings are compared as bytes.
#[derive(Clone, Debug, Default)]
pub(super) struct Spellings {
    /// In the order given, so that the first of two equal spellings wins; where there are
    /// many (a destination's, say), in that order within groups by their first letter.
    short: Vec<(Spelt, usize)>,
    /// Where there are many short spellings (but no more than 255): where each group starts
    /// in `short`, and, last, where the last ends. A field is compared only with those of its first letter's group,
    /// not with each spelling in turn.
    groups: Option<Box<[u8; GROUPS + 1]>>,
    long: Vec<(Box<[u8]>, usize)>,
}

/// Spellings are grouped by their first byte's low five bits with `0x20` set: a letter's
/// group is the same in either case.
const GROUPS: usize = 32;
/// Fewer spellings than this are compared in turn: grouping would save little.
const GROUPED_FROM: usize = 9;

fn group(words: &Words) -> usize {
    ((words.words[0] | 0x20) & 31) as usize
}

/// The bytes of a text of at most 24 bytes, zero-padded, as three little-endian words, with
/// its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Words {
    words: [u64; 3],
    length: u64,
}

/// A short spelling: its words lowercased, and `0x20` in each byte that is a letter. A byte of
/// a field with `0x20` set is the lowercase letter where the spelling has that letter, and
/// only if the field's byte was that letter in either case; so setting the spelling's `0x20`
/// bits in the field's words and comparing them whole is the comparison that ignores ASCII
/// case, without lowercasing the field.
#[derive(Clone, Copy, Debug)]
struct Spelt {
    lowercase: Words,
    letters: [u64; 3],
}

impl Spelt {
    fn new(text: &[u8]) -> Option<Spelt> {
        let lower = Words::new(&text.to_ascii_lowercase())?;
        let letter = |word: u64| {
            let bytes = word.to_le_bytes().map(|b| if b.is_ascii_lowercase() { 0x20 } else { 0 });
            u64::from_le_bytes(bytes)
        };
        Some(Spelt { lowercase: lower, letters: lower.words.map(letter) })
    }

    /// Whether `field` is this spelling, but for the case of its letters.
    fn matches(&self, field: &Words) -> bool {
        let [a, b, c] = field.words;
        let [x, y, z] = self.lowercase.words;
        let [m, n, o] = self.letters;
        ((a | m) ^ x) | ((b | n) ^ y) | ((c | o) ^ z) | (field.length ^ self.lowercase.length) == 0
    }
}

impl Words {
    /// Each word is read whole from the text, two reads overlapping where the length is not
    /// a multiple of the word's (each byte lands where it belongs in both, so they are or-ed),
    /// which takes one branch, on the length's range: a byte-by-byte loop ends at a different
    /// place for each field, which the processor mispredicts.
    fn new(text: &[u8]) -> Option<Words> {
        let n = text.len();
        let byte = |i: usize| u64::from(text.get(i).copied().unwrap_or(0)) << (8 * i);
        let four =
            |at: usize| text.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes);
        let eight =
            |at: usize| text.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes);
        // The last eight bytes, moved down to where they belong in the word that ends at `end`.
        let tail = |end: usize| eight(n - 8).checked_shr((8 * (end - n)) as u32).unwrap_or(0);
        let words = match n {
            0..=3 => [byte(0) | byte(n / 2) | byte(n.saturating_sub(1)), 0, 0],
            4..=7 => [u64::from(four(0)) | u64::from(four(n - 4)) << (8 * (n - 4)), 0, 0],
            8..=16 => [eight(0), tail(16), 0],
            17..=24 => [eight(0), eight(8), tail(24)],
            _ => return None,
        };
        Some(Words { words, length: n as u64 })
    }
}

impl Spellings {
    pub(super) fn new(spelt: Vec<(Box<[u8]>, usize)>) -> Self {
        let mut out = Spellings::default();
        for (text, position) in spelt {
            match Spelt::new(&text) {
                Some(short) => out.short.push((short, position)),
                None => out.long.push((text, position)),
            }
        }
        if (GROUPED_FROM..=usize::from(u8::MAX)).contains(&out.short.len()) {
            // A stable sort: the order given stays within each group.
            out.short.sort_by_key(|(s, _)| group(&s.lowercase));
            let mut starts = [0u8; GROUPS + 1];
            for (g, start) in starts.iter_mut().enumerate() {
                let before = out.short.iter().take_while(|(s, _)| group(&s.lowercase) < g).count();
                *start = u8::try_from(before).unwrap_or(u8::MAX);
            }
            out.groups = Some(Box::new(starts));
        }
        out
    }

    pub(super) fn find(&self, field: &[u8]) -> Option<usize> {
        match Words::new(field) {
            Some(words) => {
                let candidates = match &self.groups {
                    Some(starts) => {
                        let g = group(&words);
                        let (from, to) = (starts.get(g).copied(), starts.get(g + 1).copied());
                        self.short.get(usize::from(from.unwrap_or(0))..usize::from(to.unwrap_or(0)))
                    }
                    None => Some(self.short.as_slice()),
                };
                candidates?.iter().find(|(s, _)| s.matches(&words)).map(|(_, i)| *i)
            }
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
            proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'A'), Just(b'@'), Just(b'`')], 15..26),
        ]
    }

    proptest! {
        #[test]
        fn words_hold_each_byte_where_it_belongs(text in proptest::collection::vec(any::<u8>(), 0..=24)) {
            let mut padded = [0u8; 24];
            padded[..text.len()].copy_from_slice(&text);
            let expected = [0, 8, 16].map(|at| u64::from_le_bytes(padded[at..at + 8].try_into().unwrap()));
            prop_assert_eq!(Words::new(&text), Some(Words { words: expected, length: text.len() as u64 }));
        }

        /// The packed lookup finds what the plain one does: the first spelling given that is
        /// equal to the field, ignoring ASCII case.
        #[test]
        fn find_is_the_first_spelling_equal_ignoring_case(
            spelt in proptest::collection::vec(spelling(), 0..40),
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
