//! Reading an export in chunks of whole rows, so that both cores can walk it: the header
//! first, then pieces of about 128 KB that each end where a row ends. A CSV row ends at a
//! line break outside a quoted field (which may hold line breaks; `Quoting` says where one
//! is); a JSON Lines row at any line break (JSON text cannot hold a raw one). Memory holds a
//! few chunks, whatever the file's length.

use crate::Failure;
use std::io::Read;
use std::sync::Mutex;

/// How much is read at a time.
const CHUNK: usize = 1 << 17;
/// The longest row read: past this, the export is not one a partnership would have.
pub(crate) const MAX_ROW: usize = 64 << 20;

/// Buffers handed back once used, and handed out again: the chunks read, and the lines
/// written from them. So the memory an audit holds is what its first few chunks took, however
/// long the file, rather than creeping up as the allocator's free lists fragment.
pub(crate) struct Pool {
    free: Mutex<Vec<Vec<u8>>>,
    /// The most buffers kept: enough for every chunk out at once and the two outputs of each.
    kept: usize,
}

/// The most room a buffer keeps: a chunk (at most two reads' worth), or a chunk's outcomes.
/// A rare larger one is cut back, so that the memory held does not depend on the largest of
/// all the file's chunks, which grows with the file.
const ROOM: usize = 4 * CHUNK;

impl Pool {
    /// A pool for audits that have at most `chunks` out at once.
    pub(crate) fn new(chunks: usize) -> Self {
        Pool { free: Mutex::new(Vec::new()), kept: chunks * 3 }
    }

    /// An empty buffer, with the room of one used before where there is one.
    pub(crate) fn take(&self) -> Vec<u8> {
        self.free.lock().ok().and_then(|mut free| free.pop()).unwrap_or_default()
    }

    pub(crate) fn give(&self, mut buffer: Vec<u8>) {
        // An output that was not wanted was never a buffer from here: nothing to keep.
        if buffer.capacity() == 0 {
            return;
        }
        buffer.clear();
        buffer.shrink_to(ROOM);
        if let Ok(mut free) = self.free.lock()
            && free.len() < self.kept
        {
            free.push(buffer);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Csv,
    JsonLines,
}

/// Splits a stream into chunks of whole rows.
pub(crate) struct Chunks<'a, R> {
    source: R,
    pool: &'a Pool,
    kind: Kind,
    pending: Vec<u8>,
    /// How far `pending` has been scanned for row ends, whether that point is inside quotes,
    /// and where the last row end found is.
    scanned: usize,
    quoting: Quoting,
    last_end: Option<usize>,
    done: bool,
}

impl<'a, R: Read> Chunks<'a, R> {
    pub(crate) fn new(source: R, kind: Kind, pool: &'a Pool) -> Self {
        Chunks {
            source,
            pool,
            kind,
            pending: Vec::new(),
            scanned: 0,
            quoting: Quoting::default(),
            last_end: None,
            done: false,
        }
    }

    /// The first row that is not blank, without its line end (and without a byte-order mark):
    /// the header of a CSV file, the first object of a JSON Lines one. `None` for a file with
    /// nothing in it but blank lines.
    pub(crate) fn first_row(&mut self) -> Result<Option<Vec<u8>>, Failure> {
        loop {
            self.scan();
            if let Some(end) = self.first_end() {
                let mut row: Vec<u8> = self.pending.drain(..=end).collect();
                self.rescan();
                row.pop();
                if row.last() == Some(&b'\r') {
                    row.pop();
                }
                // Blank lines before the first row are passed over.
                if row.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Ok(Some(strip_bom(row)));
            }
            if !self.fill()? {
                let row = std::mem::take(&mut self.pending);
                self.rescan();
                return Ok((!row.iter().all(u8::is_ascii_whitespace)).then(|| strip_bom(row)));
            }
        }
    }

    /// The next chunk of whole rows; `None` at the end of the file.
    pub(crate) fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, Failure> {
        loop {
            self.scan();
            if self.pending.len() >= CHUNK || self.done {
                if let Some(end) = self.last_end {
                    let mut rest = self.pool.take();
                    rest.extend_from_slice(self.pending.get(end + 1..).unwrap_or_default());
                    self.pending.truncate(end + 1);
                    let chunk = std::mem::replace(&mut self.pending, rest);
                    self.scanned -= end + 1;
                    self.quoting.moved_back(end + 1);
                    self.last_end = None;
                    return Ok(Some(chunk));
                }
                if self.done {
                    let chunk = std::mem::take(&mut self.pending);
                    self.rescan();
                    return Ok((!chunk.is_empty()).then_some(chunk));
                }
                if self.pending.len() > MAX_ROW {
                    return Err(Failure(format!(
                        "a row is longer than {} MB: is this an export of cases?",
                        MAX_ROW >> 20
                    )));
                }
            }
            if !self.fill()? {
                self.done = true;
            }
        }
    }

    /// Reads more; `false` at the end of the file.
    fn fill(&mut self) -> Result<bool, Failure> {
        let start = self.pending.len();
        // Exactly one read's room more, not the doubling `resize` would give.
        self.pending.reserve_exact(CHUNK);
        self.pending.resize(start + CHUNK, 0);
        let n = loop {
            match self.source.read(&mut self.pending[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Failure(format!("cannot read the cases: {e}"))),
            }
        };
        self.pending.truncate(start + n);
        Ok(n > 0)
    }

    /// Finds row ends in what has not been scanned yet.
    fn scan(&mut self) {
        let from = self.scanned;
        let Some(unscanned) = self.pending.get(from..) else { return };
        match self.kind {
            Kind::JsonLines => {
                if let Some(i) = memchr::memrchr(b'\n', unscanned) {
                    self.last_end = Some(from + i);
                }
            }
            Kind::Csv => {
                for i in memchr::memchr2_iter(b'"', b'\n', unscanned) {
                    match unscanned.get(i) {
                        Some(b'"') => self.quoting.quote(&self.pending, from + i),
                        _ if !self.quoting.inside => self.last_end = Some(from + i),
                        _ => {}
                    }
                }
            }
        }
        self.scanned = self.pending.len();
    }

    /// The end of the first row in what is pending.
    fn first_end(&self) -> Option<usize> {
        let mut quoting = Quoting::default();
        for i in memchr::memchr2_iter(b'"', b'\n', &self.pending) {
            match self.pending.get(i) {
                Some(b'"') if self.kind == Kind::Csv => quoting.quote(&self.pending, i),
                Some(b'\n') if !quoting.inside => return Some(i),
                _ => {}
            }
        }
        None
    }

    fn rescan(&mut self) {
        self.scanned = 0;
        self.quoting = Quoting::default();
        self.last_end = None;
    }
}

/// Whether a point of CSV text is inside a quoted field, as the csv crate reads it: a quote
/// opens a quoted field only at a field's start (the text's start, or after a comma or a line
/// end), closes it from inside, and one straight after a closing quote is the second of a
/// doubled quote, so the field goes on. Anywhere else (`5'10"`) a quote is a letter: counting
/// every quote would lose step there, and could end a chunk at a line break inside a later
/// quoted field.
#[derive(Clone, Copy, Debug, Default)]
struct Quoting {
    inside: bool,
    /// Where the last quoted field closed.
    closed_at: Option<usize>,
}

impl Quoting {
    /// Steps over the quote at `at` in `text`.
    fn quote(&mut self, text: &[u8], at: usize) {
        let doubled = at.checked_sub(1).is_some_and(|before| self.closed_at == Some(before));
        let field_starts = at == 0 || matches!(text.get(at - 1), Some(b',' | b'\n' | b'\r'));
        if self.inside {
            self.inside = false;
            self.closed_at = Some(at);
        } else if doubled || field_starts {
            self.inside = true;
        }
    }

    /// The text's first `n` bytes are gone (handed out as a chunk).
    fn moved_back(&mut self, n: usize) {
        self.closed_at = self.closed_at.and_then(|at| at.checked_sub(n));
    }
}

fn strip_bom(mut row: Vec<u8>) -> Vec<u8> {
    if row.starts_with(b"\xEF\xBB\xBF") {
        row.drain(..3);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &[u8], kind: Kind) -> (Option<Vec<u8>>, Vec<Vec<u8>>) {
        let pool = Pool::new(1);
        let mut c = Chunks::new(text, kind, &pool);
        let first = c.first_row().ok().flatten();
        let mut out = Vec::new();
        while let Ok(Some(chunk)) = c.next_chunk() {
            out.push(chunk);
        }
        (first, out)
    }

    #[test]
    fn a_quoted_line_break_stays_in_its_row_and_the_bom_goes() {
        let (first, rest) = chunks(b"\xEF\xBB\xBFid,notes\r\n1,\"two\nlines\"\n2,x", Kind::Csv);
        assert_eq!(first.as_deref(), Some(b"id,notes".as_slice()));
        assert_eq!(rest.concat(), b"1,\"two\nlines\"\n2,x");
        assert!(rest.iter().all(|c| c.ends_with(b"\n") || c.ends_with(b"x")));
    }

    #[test]
    fn an_empty_file_has_no_first_row() {
        assert_eq!(chunks(b"", Kind::Csv), (None, vec![]));
        assert_eq!(chunks(b" \n", Kind::JsonLines).0, None);
        assert_eq!(chunks(b"\n\r\nid\n1\n", Kind::Csv), (Some(b"id".to_vec()), vec![b"1\n".to_vec()]));
    }

    /// A CSV file of a header and `n` rows, each made by `row`, and its chunks after the
    /// header: more than one.
    fn in_chunks(header: &str, n: usize, row: impl Fn(usize) -> String) -> (Vec<u8>, Vec<Vec<u8>>) {
        let mut text = header.as_bytes().to_vec();
        for i in 0..n {
            text.extend_from_slice(row(i).as_bytes());
        }
        let (_, rest) = chunks(&text, Kind::Csv);
        assert!(rest.len() > 1, "more than one chunk");
        (text, rest)
    }

    /// The records of CSV text, as the workers read them.
    fn records(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        pathway_core::audit::CsvRecords::default()
            .each(bytes, |fields| out.push(fields.iter().map(|f| f.to_vec()).collect()));
        out
    }

    /// A stray quote in an unquoted field (`5'10"`) is a letter to CSV, not the start of a
    /// quoted field: counting quotes would lose step there, and could end a chunk at a line
    /// break inside a later quoted field. Each chunk, read on its own, gives the records the
    /// whole file gives.
    #[test]
    fn a_stray_quote_does_not_end_a_chunk_inside_a_quoted_field() {
        let (text, rest) = in_chunks("id,height,notes\n", 100_000, |i| {
            format!("{i},5'10\",x\n{i},\"two\nlines, \"\"q\"\"\",y\n")
        });
        let chunked: Vec<_> = rest.iter().flat_map(|c| records(c)).collect();
        assert_eq!(chunked.len(), 200_000);
        assert_eq!(chunked, records(&text[16..]));
    }

    /// On many texts drawn from the bytes that matter to CSV: every line break `Quoting` puts
    /// outside a quoted field is a place where cutting the text leaves the records whole.
    #[test]
    fn every_row_end_found_is_one_the_csv_reader_agrees_with() {
        let mut draw = fastrand::Rng::with_seed(7);
        for _ in 0..3000 {
            let text: Vec<u8> = (0..draw.usize(0..60)).map(|_| b",\"\n\ra'"[draw.usize(0..6)]).collect();
            let mut quoting = Quoting::default();
            for i in memchr::memchr2_iter(b'"', b'\n', &text) {
                match text[i] {
                    b'"' => quoting.quote(&text, i),
                    _ if !quoting.inside => {
                        let cut = [records(&text[..=i]), records(&text[i + 1..])].concat();
                        assert_eq!(cut, records(&text), "{:?} cut after {i}", String::from_utf8_lossy(&text));
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn chunks_end_at_row_ends_and_lose_nothing() {
        let (text, rest) = in_chunks("h\n", 200_000, |i| format!("{i},\"a \"\"quoted\"\"\nfield\"\n"));
        assert!(rest.iter().all(|c| c.ends_with(b"field\"\n")));
        assert_eq!(rest.concat(), text[2..]);
    }
}
