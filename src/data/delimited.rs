//! CSV and TSV long-form readers: streaming over the file's bytes with the csv crate.

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

/// Adds the bytes read since the last report to `progress`; fails if cancelled.
fn report(
    path: &str,
    progress: Option<&Progress>,
    reader: &csv::Reader<&[u8]>,
    reported: &mut u64,
) -> Result<(), LoadError> {
    if let Some(p) = progress {
        let at = reader.position().byte();
        p.add(at.saturating_sub(*reported));
        *reported = at;
        if p.is_cancelled() {
            return Err(LoadError::new(path, "loading was cancelled"));
        }
    }
    Ok(())
}

fn record_line(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

/// Fields of a record as UTF-8 strings, or an error naming line and field.
fn fields<'r>(
    path: &str,
    record: &'r csv::ByteRecord,
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
                .line(record_line(record))
                .field(
                    header
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("column {}", i + 1)),
                )
                .hint("save the file as UTF-8")
            })
        })
        .collect()
}

fn check_record(
    path: &str,
    record: &csv::ByteRecord,
    header: &[String],
) -> Result<bool, LoadError> {
    let line = record_line(record);
    if record.as_slice().len() > MAX_RECORD {
        return Err(LoadError::new(
            path,
            format!(
                "the record is {} MiB long; records over {} MiB are not accepted",
                record.as_slice().len() >> 20,
                MAX_RECORD >> 20
            ),
        )
        .line(line)
        .field(header.first().cloned().unwrap_or_default())
        .hint("check for a missing closing quote or a binary blob in a cell"));
    }
    // A line holding nothing (or only spaces) is skipped by the caller.
    if record.len() == 1
        && record
            .get(0)
            .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
    {
        return Ok(false);
    }
    if record.len() != header.len() {
        let field = header
            .get(record.len().min(header.len().saturating_sub(1)))
            .cloned()
            .unwrap_or_default();
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
    Ok(true)
}

/// Reads a delimited long-form table from `bytes` (BOM already stripped).
pub fn read(
    path: &str,
    bytes: &[u8],
    delimiter: u8,
    opts: &TableOptions<'_>,
) -> Result<(Builder, Kind), LoadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let csv_error = |e: &csv::Error| {
        let line = e.position().map_or(0, csv::Position::line);
        LoadError::new(path, format!("cannot read the table: {e}")).line(line)
    };
    if !reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(&e))?
    {
        return Err(LoadError::new(path, "the file is empty")
            .line(1)
            .hint("export the results with a header row"));
    }
    let header: Vec<String> = fields(path, &record, &[])?
        .iter()
        .map(|s| s.trim().to_owned())
        .collect();
    // The first rows, to infer column types.
    let mut sample: Vec<(u64, Vec<String>)> = Vec::new();
    let mut skipped = Vec::new();
    while sample.len() < SAMPLE_ROWS
        && reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&e))?
    {
        if check_record(path, &record, &header)? {
            let row = fields(path, &record, &header)?
                .into_iter()
                .map(str::to_owned)
                .collect();
            sample.push((record_line(&record), row));
        } else {
            skipped.push(record_line(&record));
        }
    }
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
    skipped.extend(read_rest(
        path,
        &bytes[start..],
        reader.position().line(),
        delimiter,
        &header,
        &mut table,
        opts.progress,
    )?);
    let (mut builder, kind) = table.finish();
    if !skipped.is_empty() {
        builder.warnings.add_many(
            WarningKind::SkippedRow,
            None,
            skipped.len() as u64,
            skipped,
            "blank lines were skipped".to_owned(),
        );
    }
    Ok((builder, kind))
}

/// Reads the records after the sample: split across cores at line starts when no
/// cell is quoted (so a newline always ends a record), else in one streaming pass.
/// Returns the lines of skipped blank records.
fn read_rest(
    path: &str,
    rest: &[u8],
    first_line: u64,
    delimiter: u8,
    header: &[String],
    table: &mut TableLoader,
    progress: Option<&Progress>,
) -> Result<Vec<u64>, LoadError> {
    let parts = if rest.len() > 4 << 20 && !rest.contains(&b'"') {
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
        let newlines = rest[w[0]..w[1]].iter().filter(|&&b| b == b'\n').count() as u64;
        lines.push(lines.last().copied().unwrap_or(first_line) + newlines);
    }
    let mut forks: Vec<TableLoader> = (1..bounds.len() - 1).map(|_| table.fork()).collect();
    let results: Vec<Result<Vec<u64>, LoadError>> = std::thread::scope(|s| {
        let handles: Vec<_> = forks
            .iter_mut()
            .enumerate()
            .map(|(k, fork)| {
                let part = &rest[bounds[k + 1]..bounds[k + 2]];
                let line = lines[k + 1];
                s.spawn(move || read_part(path, part, line, delimiter, header, fork, progress))
            })
            .collect();
        let mut out = vec![read_part(
            path,
            &rest[bounds[0]..bounds[1]],
            lines[0],
            delimiter,
            header,
            table,
            progress,
        )];
        out.extend(handles.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|_| Err(LoadError::new(path, "a reader thread failed")))
        }));
        out
    });
    let mut skipped = Vec::new();
    for r in results {
        skipped.extend(r?);
    }
    for fork in forks {
        table.append(fork);
    }
    Ok(skipped)
}

/// Reads the records of `part` (whole lines, starting at 1-based `first_line`) into
/// `table`; returns the lines of skipped blank records.
fn read_part(
    path: &str,
    part: &[u8],
    first_line: u64,
    delimiter: u8,
    header: &[String],
    table: &mut TableLoader,
    progress: Option<&Progress>,
) -> Result<Vec<u64>, LoadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(part);
    let mut record = csv::ByteRecord::new();
    let mut skipped = Vec::new();
    let mut reported = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                report(path, progress, &reader, &mut reported)?;
                break;
            }
            Err(e) => {
                let line = first_line - 1 + e.position().map_or(1, csv::Position::line);
                return Err(LoadError::new(path, format!("cannot read the table: {e}")).line(line));
            }
        }
        let line = first_line - 1 + record_line(&record);
        if line.is_multiple_of(PROGRESS_EVERY) {
            report(path, progress, &reader, &mut reported)?;
        }
        let mut pos = csv::Position::new();
        pos.set_line(line);
        record.set_position(Some(pos));
        if !check_record(path, &record, header)? {
            skipped.push(line);
            continue;
        }
        if std::str::from_utf8(record.as_slice()).is_err() {
            fields(path, &record, header)?;
        }
        // The record is valid UTF-8 and fields split at ASCII bytes, so each field is too.
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
    Ok(skipped)
}
