//! The records of CSV text, exactly as the csv crate reads them in its default dialect
//! (comma between fields, double quotes around a field that holds one of them, `""` for a
//! quote inside one; CR, LF or CRLF ends a record; blank lines are passed over), with each
//! unquoted field lent straight out of the text.
//!
//! Why not the csv crate itself: it copies every record into a buffer of its own, and steps a
//! state machine over every byte. Most lines of an export hold no quote at all, and such a
//! line's fields are simply the pieces between its commas: found eight bytes at a time and
//! lent without a copy, they made the whole audit take 0.85 times as long as with the crate
//! (docs/performance.md). A line that holds a quote (or a lone CR, which ends a record
//! mid-line) is read by `csv_core`, the crate's own state machine, from that line's start. The
//! two readings together are held equal to the crate's by the properties below and by the
//! `read_rows` fuzz target, on any bytes at all.

use memchr::{memchr, memchr2};

/// Reads CSV text a record at a time; keeps its buffers from one text to the next.
pub struct CsvRecords {
    /// The crate's state machine, for lines with quotes; built on first need (its tables
    /// cost as much to build as a few hundred lines to read).
    quoted: Option<Box<csv_core::Reader>>,
    /// A quoted record's fields, unquoted, end to end, and where each ends (the first
    /// `width` of `ends`).
    unquoted: Vec<u8>,
    ends: Vec<usize>,
    width: usize,
    /// Room for a record's list of fields, kept from record to record.
    fields: Vec<&'static [u8]>,
}

impl Default for CsvRecords {
    fn default() -> Self {
        CsvRecords { quoted: None, unquoted: vec![0; 1024], ends: vec![0; 64], width: 0, fields: Vec::new() }
    }
}

impl CsvRecords {
    /// Calls `each` with every record of `text` in turn, as its list of fields.
    pub fn each(&mut self, text: &[u8], mut each: impl FnMut(&[&[u8]])) {
        let mut at = 0;
        while let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
            let line_end = memchr(b'\n', rest).unwrap_or(rest.len());
            let whole = rest.get(..line_end).unwrap_or(rest);
            let line = whole.strip_suffix(b"\r").unwrap_or(whole);
            let mut fields = same_room(std::mem::take(&mut self.fields));
            if memchr2(b'"', b'\r', line).is_none() {
                at += line_end + 1;
                // A blank line is no record.
                if !line.is_empty() {
                    split_at_commas(line, &mut fields);
                    each(&fields);
                }
            } else {
                let (read, record) = self.read_quoted(rest);
                // The state machine always moves on through non-empty text; `max` makes sure.
                at += read.max(1);
                if record {
                    let mut start = 0;
                    for &end in self.ends.get(..self.width).unwrap_or_default() {
                        fields.push(self.unquoted.get(start..end).unwrap_or_default());
                        start = end;
                    }
                    each(&fields);
                }
            }
            self.fields = same_room(fields);
        }
    }

    /// Reads one record from the start of `text` with the crate's state machine: how many
    /// bytes it took, and whether they held a record (rather than only line ends). The fields
    /// are left in `unquoted`, `ends` and `width`.
    fn read_quoted(&mut self, text: &[u8]) -> (usize, bool) {
        use csv_core::ReadRecordResult::*;
        let reader = self.quoted.get_or_insert_with(|| Box::new(csv_core::Reader::new()));
        // Back to a record's start: the machine's state after the last record it read is one
        // that treats the next byte as a record's start does.
        reader.reset();
        let (mut read, mut written, mut ended) = (0, 0, 0);
        loop {
            // Past the end, the input is empty, which the machine takes as the text's end
            // (and so ends a last record that has no line end), as the crate does.
            let (result, more_read, more_written, more_ended) = reader.read_record(
                text.get(read..).unwrap_or_default(),
                self.unquoted.get_mut(written..).unwrap_or_default(),
                self.ends.get_mut(ended..).unwrap_or_default(),
            );
            read += more_read;
            written += more_written;
            ended += more_ended;
            match result {
                InputEmpty => {}
                OutputFull => self.unquoted.resize(self.unquoted.len().max(64) * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len().max(8) * 2, 0),
                Record => {
                    self.width = ended;
                    return (read, true);
                }
                End => return (read, false),
            }
        }
    }
}

/// The pieces of `line` between its commas, found eight bytes at a time. Fields are short
/// (a few bytes each), so `memchr` stops too often to pay for its start-up, and a byte at a
/// time took half again as long as this (measured on the benchmark's export).
fn split_at_commas<'t>(line: &'t [u8], fields: &mut Vec<&'t [u8]>) {
    const EACH: u64 = u64::MAX / 0xff; // 0x0101…01
    const LOW_SEVEN: u64 = EACH * 0x7f;
    let mut start = 0;
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let bytes = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // A byte of `x` is zero where `bytes` holds a comma. Adding 0x7f to a byte's low seven
        // bits sets its top bit unless they are all zero (no carry leaves the byte); or-ing in
        // the byte itself covers its top bit. So the top bits left clear are the commas'.
        let x = bytes ^ (EACH * u64::from(b','));
        let mut commas = !(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
        while commas != 0 {
            let comma = base + (commas.trailing_zeros() / 8) as usize;
            fields.push(line.get(start..comma).unwrap_or_default());
            start = comma + 1;
            commas &= commas - 1;
        }
        base += 8;
    }
    for (i, byte) in words.remainder().iter().enumerate() {
        if *byte == b',' {
            fields.push(line.get(start..base + i).unwrap_or_default());
            start = base + i + 1;
        }
    }
    fields.push(line.get(start..).unwrap_or_default());
}

/// An empty list with the room of the one given, for slices that live a different while. The
/// list is emptied first, so no slice outlives what it points into; the standard library
/// collects a `Vec` into one of the same layout in place, so no allocation is made.
fn same_room<'a>(mut list: Vec<&[u8]>) -> Vec<&'a [u8]> {
    list.clear();
    list.into_iter().map(|_| &[][..]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        CsvRecords::default().each(text, |fields| out.push(fields.iter().map(|f| f.to_vec()).collect()));
        out
    }

    /// How the csv crate reads the same text: no header, rows of any width.
    fn the_crates(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text);
        reader.byte_records().map_while(Result::ok).map(|r| r.iter().map(<[u8]>::to_vec).collect()).collect()
    }

    #[test]
    fn plain_quoted_and_odd_lines_read_as_the_crate_reads_them() {
        for text in [
            &b""[..],
            b"\n\r\n\n",
            b"a,b,c\n1,,3\r\n,\n",
            b"last,line,without,end",
            b"1,\"two\nlines\",\"a \"\"quote\"\"\"\r\n2,x\n",
            b"cr\ralone,mid\rline\n",
            b"quote\"inside,field\nthen\"a \",b\n",
            b"\"unclosed,\nto the end",
            b"\r",
            b"x\r\r\n\ny",
        ] {
            assert_eq!(ours(text), the_crates(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn a_record_wider_than_the_buffers_is_read_whole() {
        let field = "\"q\"".repeat(2000);
        let line = vec![field.as_str(); 300].join(",");
        let text = format!("{line}\n{line}");
        assert_eq!(ours(text.as_bytes()), the_crates(text.as_bytes()));
        assert_eq!(ours(text.as_bytes()).len(), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any text at all, drawn mostly from the bytes that matter to CSV.
        #[test]
        fn any_text_reads_as_the_crate_reads_it(
            text in proptest::collection::vec(
                prop_oneof![
                    Just(b','), Just(b'"'), Just(b'\r'), Just(b'\n'), Just(b'a'), Just(b' '),
                    any::<u8>(),
                ],
                0..200,
            )
        ) {
            prop_assert_eq!(ours(&text), the_crates(&text));
        }

        /// Long lines, mostly without quotes: the fields between commas, eight bytes at a time.
        #[test]
        fn long_plain_lines_read_as_the_crate_reads_them(
            text in proptest::collection::vec(
                prop_oneof![3 => Just(b','), 3 => Just(b'a'), 1 => Just(0xac_u8), 1 => any::<u8>()],
                0..400,
            )
        ) {
            prop_assert_eq!(ours(&text), the_crates(&text));
        }
    }
}
