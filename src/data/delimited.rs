//! CSV and TSV long-form readers: streaming over the file's bytes with the csv crate,
//! split across cores when no cell is quoted.

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::table::{Cell, TableLoader, TableOptions};
use crate::stats::progress::Progress;

/// Longest record accepted, in bytes.
pub const MAX_RECORD: usize = 64 << 20;
/// Rows used to tell numeric columns from label columns.
const SAMPLE_ROWS: usize = 1_000;
/// Records between two progress reports and cancel checks.
const PROGRESS_EVERY: u64 = 1 << 16;

/// The delimiter of a "CSV": comma, or semicolon for European-locale exports, chosen by
/// which the header line has more of.
#[must_use]
pub fn csv_delimiter(text: &[u8]) -> u8 {
    let header = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let commas = header.iter().filter(|&&b| b == b',').count();
    let semicolons = header.iter().filter(|&&b| b == b';').count();
    if semicolons > commas { b';' } else { b',' }
}

/// Turns record byte offsets into 1-based line numbers by counting line ends, so
/// CRLF, blank lines and classic-Mac CR-only files all number lines as an editor does.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
    cr_only: bool,
    /// The line the csv reader's own count starts on.
    first: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a [u8], pos: usize, line: u64, cr_only: bool) -> Self {
        Self {
            text,
            pos,
            line,
            cr_only,
            first: line,
        }
    }

    /// The line of a record from the csv crate's position: its count of line ends
    /// consumed, plus the line ends right before the record that it has not counted yet
    /// (a CRLF's LF, blank lines). O(1) per record; CR-only files count by scanning.
    fn record(&mut self, pos: &csv::Position) -> u64 {
        if self.cr_only {
            return self.at(pos.byte());
        }
        let mut i = usize::try_from(pos.byte()).unwrap_or(self.text.len());
        let mut pending = 0;
        while let Some(&b) = self.text.get(i) {
            match b {
                b'\n' => pending += 1,
                b'\r' => {}
                _ => break,
            }
            i += 1;
        }
        self.first + pos.line().saturating_sub(1) + pending
    }

    /// Line ends in `bytes`.
    fn ends(bytes: &[u8], cr_only: bool) -> u64 {
        let end = if cr_only { b'\r' } else { b'\n' };
        bytes.iter().filter(|&&b| b == end).count() as u64
    }

    /// The line of the record that starts at `offset` (line ends right before a record,
    /// which the csv crate counts into it, are skipped). Offsets must not go backwards.
    fn at(&mut self, offset: u64) -> u64 {
        let len = self.text.len();
        let mut start = usize::try_from(offset).unwrap_or(len).min(len);
        while start < len && matches!(self.text[start], b'\n' | b'\r') {
            start += 1;
        }
        if start > self.pos {
            self.line += Self::ends(&self.text[self.pos..start], self.cr_only);
            self.pos = start;
        }
        self.line
    }
}

/// Adds the bytes read since the last report to `progress`; fails if cancelled.
fn report(
    path: &str,
    progress: Option<&Progress>,
    at: u64,
    reported: &mut u64,
) -> Result<(), LoadError> {
    if let Some(p) = progress {
        p.add(at.saturating_sub(*reported));
        *reported = at;
        if p.is_cancelled() {
            return Err(LoadError::new(path, "loading was cancelled"));
        }
    }
    Ok(())
}

fn column_name(header: &[String], i: usize) -> String {
    header
        .get(i)
        .cloned()
        .unwrap_or_else(|| format!("column {}", i + 1))
}

/// Fields of a record as UTF-8 strings, or an error naming line and field.
fn fields<'r>(
    path: &str,
    record: &'r csv::ByteRecord,
    line: u64,
    header: &[String],
) -> Result<Vec<&'r str>, LoadError> {
    record
        .iter()
        .enumerate()
        .map(|(i, f)| {
            std::str::from_utf8(f).map_err(|e| {
                LoadError::new(
                    path,
                    format!("invalid UTF-8 at byte {} of the cell", e.valid_up_to()),
                )
                .line(line)
                .field(column_name(header, i))
                .hint("save the file as UTF-8")
            })
        })
        .collect()
}

/// What to do with a record.
enum Verdict {
    Row,
    Blank,
    RepeatedHeader,
}

fn check_record(
    path: &str,
    record: &csv::ByteRecord,
    line: u64,
    header: &[String],
) -> Result<Verdict, LoadError> {
    if record.as_slice().len() > MAX_RECORD {
        let longest = (0..record.len())
            .max_by_key(|&i| record.get(i).map_or(0, <[u8]>::len))
            .unwrap_or(0);
        return Err(LoadError::new(
            path,
            format!(
                "the record is {} MiB long; records over {} MiB are not accepted",
                record.as_slice().len() >> 20,
                MAX_RECORD >> 20
            ),
        )
        .line(line)
        .field(column_name(header, longest))
        .hint("check for a missing closing quote or a binary blob in a cell"));
    }
    if record.len() == 1
        && record
            .get(0)
            .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
    {
        return Ok(Verdict::Blank);
    }
    if record.len() != header.len() {
        let field = column_name(header, record.len().min(header.len().saturating_sub(1)));
        return Err(LoadError::new(
            path,
            format!(
                "has {} fields but the header has {}",
                record.len(),
                header.len()
            ),
        )
        .line(line)
        .field(field)
        .hint("every row needs one value per column; quote cells that contain the delimiter"));
    }
    if record
        .iter()
        .zip(header)
        .all(|(f, h)| f.trim_ascii() == h.as_bytes())
    {
        return Ok(Verdict::RepeatedHeader);
    }
    Ok(Verdict::Row)
}

/// The line and column of a quote that opens a cell and is never closed (the csv crate
/// would silently read to the end of the file as one cell).
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<(u64, usize)> {
    let (mut line, mut field) = (1u64, 0usize);
    let mut at_field_start = true;
    let mut open: Option<(u64, usize)> = None;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if open.is_some() {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                    at_field_start = false;
                }
            } else if b == b'\n' {
                line += 1;
            }
        } else if b == b'"' && at_field_start {
            open = Some((line, field));
        } else if b == delimiter {
            field += 1;
            at_field_start = true;
            i += 1;
            continue;
        } else if b == b'\n' {
            line += 1;
            field = 0;
            at_field_start = true;
            i += 1;
            continue;
        } else if b != b'\r' {
            at_field_start = false;
        }
        i += 1;
    }
    open
}

/// Reads a delimited long-form table from `bytes` (BOM already stripped).
pub fn read(
    path: &str,
    bytes: &[u8],
    delimiter: u8,
    opts: &TableOptions<'_>,
) -> Result<(Builder, Kind), LoadError> {
    let cr_only = !bytes.contains(&b'\n') && bytes.contains(&b'\r');
    let quoted = bytes.contains(&b'"');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = Lines::new(bytes, 0, 1, cr_only);
    let mut record = csv::ByteRecord::new();
    let csv_error = |e: &csv::Error, lines: &mut Lines<'_>| {
        let line = e.position().map_or(1, |p| lines.record(p));
        LoadError::new(path, format!("cannot read the table: {e}")).line(line)
    };
    if !reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(&e, &mut lines))?
    {
        return Err(LoadError::new(path, "the file is empty")
            .line(1)
            .hint("export the results with a header row"));
    }
    let header: Vec<String> = fields(path, &record, 1, &[])?
        .iter()
        .map(|s| s.trim().to_owned())
        .collect();
    if quoted && let Some((line, field)) = unclosed_quote(bytes, delimiter) {
        return Err(
            LoadError::new(path, "a quote opens this cell and is never closed")
                .line(line)
                .field(column_name(&header, field))
                .hint("remove the stray \" or close the quoted cell"),
        );
    }
    if header.len() == 1 && delimiter == b',' && header[0].contains(';') {
        return Err(LoadError::new(
            path,
            "the header looks semicolon-separated but reads as one column",
        )
        .line(1)
        .field(header[0].clone())
        .hint("open it with --format csv after saving with commas, or check the delimiter"));
    }
    // The first rows, to infer column types.
    let (sample, mut skipped, mut repeats) =
        read_sample(path, &mut reader, &mut record, &mut lines, &header)?;
    if sample.is_empty() {
        return Err(LoadError::new(path, "the header has no data rows under it")
            .line(2)
            .field(header.first().cloned().unwrap_or_default()));
    }
    let sample_cells: Vec<Vec<Cell<'_>>> = sample
        .iter()
        .map(|(_, r)| r.iter().map(|s| Cell::Text(s)).collect())
        .collect();
    let mut table = TableLoader::new(path, &header, &sample_cells, opts)?;
    for ((line, _), cells) in sample.iter().zip(&sample_cells) {
        table.row(|i| cells.get(i).copied().unwrap_or(Cell::Missing), *line)?;
    }
    drop(sample_cells);
    let start = usize::try_from(reader.position().byte())
        .unwrap_or(bytes.len())
        .min(bytes.len());
    let rest_line = lines.at(start as u64);
    let part = Part {
        path,
        delimiter,
        header: &header,
        progress: opts.progress,
        cr_only,
    };
    let avg_row = start / (sample.len() + 1).max(1);
    let (s, r) = read_rest(
        &part,
        &bytes[start..],
        rest_line,
        quoted,
        avg_row,
        &mut table,
    )?;
    skipped.extend(s);
    repeats.extend(r);
    let (mut builder, kind) = table.finish();
    if !skipped.is_empty() {
        builder.warnings.add_many(
            WarningKind::SkippedRow,
            None,
            skipped.len() as u64,
            skipped,
            "lines holding only spaces were skipped".to_owned(),
        );
    }
    if !repeats.is_empty() {
        builder.warnings.add_many(
            WarningKind::SkippedRow,
            Some(&header[0]),
            repeats.len() as u64,
            repeats,
            "the header row repeats (files joined together?); those lines were skipped".to_owned(),
        );
    }
    Ok((builder, kind))
}

/// Rows with their lines, as owned text.
type Sample = Vec<(u64, Vec<String>)>;

/// The first rows of the table (to infer column types), with the lines skipped.
fn read_sample(
    path: &str,
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
    lines: &mut Lines<'_>,
    header: &[String],
) -> Result<(Sample, Vec<u64>, Vec<u64>), LoadError> {
    let mut sample: Sample = Vec::new();
    let (mut skipped, mut repeats) = (Vec::new(), Vec::new());
    loop {
        if sample.len() >= SAMPLE_ROWS {
            break;
        }
        match reader.read_byte_record(record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| lines.record(p));
                return Err(LoadError::new(path, format!("cannot read the table: {e}")).line(line));
            }
        }
        let line = record.position().map_or(0, |p| lines.record(p));
        match check_record(path, record, line, header)? {
            Verdict::Row => {
                let row = fields(path, record, line, header)?
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                sample.push((line, row));
            }
            Verdict::Blank => skipped.push(line),
            Verdict::RepeatedHeader => repeats.push(line),
        }
    }
    Ok((sample, skipped, repeats))
}

/// What every part of a file is read with.
#[derive(Clone, Copy)]
struct Part<'a> {
    path: &'a str,
    delimiter: u8,
    header: &'a [String],
    progress: Option<&'a Progress>,
    cr_only: bool,
}

/// Skipped blank lines and repeated-header lines.
type Skips = (Vec<u64>, Vec<u64>);

/// Reads the records after the sample: split across cores at line starts when no
/// cell is quoted (so a newline always ends a record), else in one streaming pass.
fn read_rest(
    part: &Part<'_>,
    rest: &[u8],
    first_line: u64,
    quoted: bool,
    avg_row: usize,
    table: &mut TableLoader,
) -> Result<Skips, LoadError> {
    let parts = if rest.len() > 4 << 20 && !quoted && !part.cr_only {
        rayon::current_num_threads().clamp(1, 8)
    } else {
        1
    };
    let mut bounds = vec![0usize];
    for k in 1..parts {
        let guess = rest.len() * k / parts;
        let cut = rest[guess..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |p| guess + p + 1);
        if cut > *bounds.last().unwrap_or(&0) && cut < rest.len() {
            bounds.push(cut);
        }
    }
    bounds.push(rest.len());
    let mut lines = vec![first_line];
    for w in bounds.windows(2).take(bounds.len().saturating_sub(2)) {
        let ends = Lines::ends(&rest[w[0]..w[1]], part.cr_only);
        lines.push(lines.last().copied().unwrap_or(first_line) + ends);
    }
    // Size the columns once, from the sample's bytes per row.
    let estimate = |bytes: usize| bytes / avg_row.max(1) + 16;
    let mut forks: Vec<TableLoader> = (1..bounds.len() - 1)
        .map(|k| {
            let mut f = table.fork();
            f.reserve(estimate(bounds[k + 1] - bounds[k]));
            f
        })
        .collect();
    table.reserve(estimate(bounds[1] - bounds[0]));
    let results: Vec<Result<Skips, LoadError>> = std::thread::scope(|s| {
        let handles: Vec<_> = forks
            .iter_mut()
            .enumerate()
            .map(|(k, fork)| {
                let text = &rest[bounds[k + 1]..bounds[k + 2]];
                let line = lines[k + 1];
                s.spawn(move || read_part(*part, text, line, fork))
            })
            .collect();
        let mut out = vec![read_part(
            *part,
            &rest[bounds[0]..bounds[1]],
            lines[0],
            table,
        )];
        out.extend(handles.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|_| Err(LoadError::new(part.path, "a reader thread failed")))
        }));
        out
    });
    let (mut skipped, mut repeats) = (Vec::new(), Vec::new());
    for r in results {
        let (s, rep) = r?;
        skipped.extend(s);
        repeats.extend(rep);
    }
    for fork in forks {
        table.append(fork);
    }
    Ok((skipped, repeats))
}

/// Reads the records of `text` (whole lines, starting at 1-based `first_line`) into
/// `table`.
fn read_part(
    part: Part<'_>,
    text: &[u8],
    first_line: u64,
    table: &mut TableLoader,
) -> Result<Skips, LoadError> {
    let Part {
        path,
        delimiter,
        header,
        progress,
        cr_only,
    } = part;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut lines = Lines::new(text, 0, first_line, cr_only);
    let mut record = csv::ByteRecord::new();
    let (mut skipped, mut repeats) = (Vec::new(), Vec::new());
    let mut reported = 0u64;
    let mut count = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                report(path, progress, reader.position().byte(), &mut reported)?;
                break;
            }
            Err(e) => {
                let line = e.position().map_or(first_line, |p| lines.record(p));
                return Err(LoadError::new(path, format!("cannot read the table: {e}")).line(line));
            }
        }
        count += 1;
        if count.is_multiple_of(PROGRESS_EVERY) {
            report(path, progress, reader.position().byte(), &mut reported)?;
        }
        let line = record.position().map_or(0, |p| lines.record(p));
        match check_record(path, &record, line, header)? {
            Verdict::Row => {}
            Verdict::Blank => {
                skipped.push(line);
                continue;
            }
            Verdict::RepeatedHeader => {
                repeats.push(line);
                continue;
            }
        }
        if record
            .iter()
            .any(|f| !f.is_ascii() && std::str::from_utf8(f).is_err())
        {
            fields(path, &record, line, header)?;
        }
        table.row(
            |i| {
                record
                    .get(i)
                    .and_then(|f| std::str::from_utf8(f).ok())
                    .map_or(Cell::Missing, Cell::Text)
            },
            line,
        )?;
    }
    Ok((skipped, repeats))
}
