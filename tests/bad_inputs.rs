//! The bad-input corpus: every file in `tests/bad_inputs/` is a realistic way an eval
//! results file goes wrong; `tests/bad_inputs/expected.json` says what the real binary
//! must do with it (exit code, the one `error: ...` line, or the warnings of a file that
//! loads). Cases marked `known_bug` state the correct behaviour of a loader bug that is
//! not fixed yet: they are run and printed, and do not fail the test. Huge inputs (a
//! 200 MiB line, a zip bomb) are written to the temp folder at run time, not committed.
//!
//! Regenerate the corpus with `python3 tests/bad_inputs/make_corpus.py`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use serde_json::Value;

/// The issue asks for at least 30 bad inputs.
const MIN_FILES: usize = 30;
/// Keep the committed corpus small; huge inputs are generated at test time.
const MAX_CORPUS_BYTES: u64 = 200 * 1024;
/// Files in the corpus folder that are not inputs.
const NOT_INPUTS: [&str; 2] = ["expected.json", "make_corpus.py"];

/// One line of `expected.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Input file, relative to the corpus folder.
    file: String,
    /// What the file is, for people.
    #[serde(default)]
    about: String,
    /// Arguments before the file path.
    #[serde(default = "default_args")]
    args: Vec<String>,
    /// Expected exit code: 0 (loads) or 2 (one error line).
    exit: i32,
    /// Exit 2: the error's place names this line.
    line: Option<u64>,
    /// Exit 2: the error's place names this field.
    field: Option<String>,
    /// Exit 2: substrings of the error line.
    #[serde(default)]
    error_contains: Vec<String>,
    /// Exit 2: substrings the error line must not hold.
    #[serde(default)]
    error_not_contains: Vec<String>,
    /// Exit 2: the error line names the file (false for errors after loading).
    #[serde(default = "yes")]
    names_file: bool,
    /// Exit 0: warning kinds that must be present.
    #[serde(default)]
    warning_kinds: Vec<String>,
    /// Exit 0: some warning of the kind has exactly these example lines.
    #[serde(default)]
    warning_lines: BTreeMap<String, Vec<u64>>,
    /// Exit 0: some warning of the kind has a message containing the text.
    #[serde(default)]
    warning_contains: BTreeMap<String, String>,
    /// Exit 0: the file loads without any warning.
    #[serde(default)]
    no_warnings: bool,
    /// Exit 0: the models of the first file, in order.
    model_names: Option<Vec<String>>,
    /// Exit 0: JSON pointers into stdout and the values found there.
    #[serde(default)]
    values: BTreeMap<String, Value>,
    /// The loader gets this case wrong today; the expectation is the correct behaviour.
    known_bug: Option<String>,
}

fn default_args() -> Vec<String> {
    vec!["analyze".into(), "--json".into()]
}

fn yes() -> bool {
    true
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

fn run(args: &[String], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evalbench"))
        .args(args)
        .arg(path)
        .output()
        .expect("run evalbench")
}

/// Checks shared by every run: no panic, the exit code, one error line or JSON.
fn check_output(out: &Output, exit: i32, names: Option<&str>) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failures = Vec::new();
    if stderr.contains("panicked") || out.status.code() == Some(101) {
        failures.push(format!("panicked: {stderr}"));
    }
    if out.status.code() != Some(exit) {
        failures.push(format!(
            "exit {:?}, expected {exit}; stderr {stderr:?}",
            out.status.code()
        ));
        return failures;
    }
    if exit == 2 {
        if !out.stdout.is_empty() {
            failures.push("stdout is not empty".into());
        }
        let lines: Vec<&str> = stderr.lines().collect();
        if lines.len() != 1 || !lines[0].starts_with("error: ") {
            failures.push(format!("stderr is not one `error: ` line: {stderr:?}"));
        }
        if let Some(name) = names
            && !stderr.contains(name)
        {
            failures.push(format!(
                "the error does not name the file {name}: {stderr:?}"
            ));
        }
    } else if !stderr.is_empty() {
        failures.push(format!("stderr is not empty: {stderr:?}"));
    }
    failures
}

/// Checks the error line's place and text.
fn check_error(case: &Case, shown: &str, stderr: &str) -> Vec<String> {
    let line = stderr.trim_end();
    let mut failures = Vec::new();
    if let Some(n) = case.line {
        let prefix = format!("error: {shown}, line {n}");
        let ok = line
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.starts_with(',') || rest.starts_with(':'));
        if !ok {
            failures.push(format!("does not name line {n}: {line:?}"));
        }
    }
    if let Some(f) = &case.field {
        let place = format!(", field {f:?}: ");
        if !line.contains(&place) {
            failures.push(format!("does not name field {f:?}: {line:?}"));
        }
    }
    // Texts are looked for after the path, so a file name cannot match them.
    let after_path = line
        .strip_prefix(&format!("error: {shown}"))
        .unwrap_or(line);
    for s in &case.error_contains {
        if !after_path.contains(s.as_str()) {
            failures.push(format!("does not contain {s:?}: {line:?}"));
        }
    }
    for s in &case.error_not_contains {
        if after_path.contains(s.as_str()) {
            failures.push(format!("contains {s:?}: {line:?}"));
        }
    }
    failures
}

fn warnings_of<'v>(first: &'v Value, kind: &str) -> Vec<&'v Value> {
    first["warnings"]
        .as_array()
        .map(|ws| ws.iter().filter(|w| w["kind"] == kind).collect())
        .unwrap_or_default()
}

/// Checks the JSON printed for a file that loads.
fn check_success(case: &Case, stdout: &[u8]) -> Vec<String> {
    let value: Value = match serde_json::from_slice(stdout) {
        Ok(v) => v,
        Err(e) => return vec![format!("stdout is not JSON: {e}")],
    };
    let mut failures = Vec::new();
    let first = value.get(0).unwrap_or(&value);
    let kinds: Vec<&str> = first["warnings"]
        .as_array()
        .map(|ws| ws.iter().filter_map(|w| w["kind"].as_str()).collect())
        .unwrap_or_default();
    if case.no_warnings && !kinds.is_empty() {
        failures.push(format!("expected no warnings, got {}", first["warnings"]));
    }
    for k in &case.warning_kinds {
        if !kinds.contains(&k.as_str()) {
            failures.push(format!("no {k} warning; warnings: {kinds:?}"));
        }
    }
    for (k, lines) in &case.warning_lines {
        let found = warnings_of(first, k);
        let want = Value::from(lines.clone());
        if !found.iter().any(|w| w["lines"] == want) {
            let got: Vec<&Value> = found.iter().map(|w| &w["lines"]).collect();
            failures.push(format!(
                "no {k} warning with lines {lines:?}; lines found: {got:?}"
            ));
        }
    }
    for (k, text) in &case.warning_contains {
        let found = warnings_of(first, k);
        if !found.iter().any(|w| {
            w["message"]
                .as_str()
                .is_some_and(|m| m.contains(text.as_str()))
        }) {
            let got: Vec<&Value> = found.iter().map(|w| &w["message"]).collect();
            failures.push(format!("no {k} warning saying {text:?}; messages: {got:?}"));
        }
    }
    if let Some(names) = &case.model_names {
        let got: Vec<&str> = first["models"]
            .as_array()
            .map(|ms| ms.iter().filter_map(|m| m["name"].as_str()).collect())
            .unwrap_or_default();
        if got != *names {
            failures.push(format!("models {got:?}, expected {names:?}"));
        }
    }
    for (pointer, want) in &case.values {
        match value.pointer(pointer) {
            Some(got) if got == want => {}
            got => failures.push(format!("{pointer} is {got:?}, expected {want}")),
        }
    }
    failures
}

fn input_files(dir: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
        .expect("read tests/bad_inputs")
        .map(|e| e.expect("list tests/bad_inputs"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let len = e.metadata().map_or(0, |m| m.len());
            (e.file_name().to_string_lossy().into_owned(), len)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn corpus() {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("read expected.json");
    let cases: Vec<Case> = serde_json::from_str(&text).expect("parse expected.json");

    let all = input_files(&dir);
    let total: u64 = all.iter().map(|(_, len)| len).sum();
    assert!(
        total <= MAX_CORPUS_BYTES,
        "the committed corpus is {total} bytes; keep it under {MAX_CORPUS_BYTES} (generate huge inputs at test time)"
    );
    let inputs: Vec<&str> = all
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|n| !NOT_INPUTS.contains(n))
        .collect();
    assert!(
        inputs.len() >= MIN_FILES,
        "the corpus has {} input files, expected at least {MIN_FILES}",
        inputs.len()
    );
    for name in &inputs {
        assert!(
            cases.iter().any(|c| c.file == *name),
            "tests/bad_inputs/{name} has no case in expected.json"
        );
    }
    for case in &cases {
        assert!(
            inputs.contains(&case.file.as_str()),
            "expected.json names {}, which is not in tests/bad_inputs",
            case.file
        );
    }

    let mut failed = String::new();
    let mut known = 0;
    for case in &cases {
        let path = dir.join(&case.file);
        let out = run(&case.args, &path);
        let names = case.names_file.then_some(case.file.as_str());
        let mut failures = check_output(&out, case.exit, names);
        if failures.is_empty() {
            failures = if case.exit == 2 {
                let shown = path.display().to_string();
                check_error(case, &shown, &String::from_utf8_lossy(&out.stderr))
            } else {
                check_success(case, &out.stdout)
            };
        }
        let label = format!("{} {:?} ({})", case.file, case.args, case.about);
        match (&case.known_bug, failures.is_empty()) {
            (Some(bug), false) => {
                known += 1;
                println!("KNOWN BUG, skipped: {label}\n  bug: {bug}");
                for f in &failures {
                    println!("  - {f}");
                }
            }
            (Some(bug), true) => {
                println!("known bug no longer reproduces, drop its known_bug: {label}: {bug}");
            }
            (None, false) => {
                let _ = writeln!(failed, "{label}:");
                for f in &failures {
                    let _ = writeln!(failed, "  - {f}");
                }
            }
            (None, true) => {}
        }
    }
    println!(
        "{} cases over {} files, {known} known bugs skipped",
        cases.len(),
        inputs.len()
    );
    assert!(failed.is_empty(), "bad-input cases failed:\n{failed}");
}

/// A file in the temp folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> Self {
        Self(std::env::temp_dir().join(format!(
            "evalbench-bad-inputs-{}-{name}",
            std::process::id()
        )))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `head`, then `len` bytes of `fill`, then `tail`.
fn write_huge(path: &Path, head: &[u8], fill: u8, len: usize, tail: &[u8]) {
    let file = std::fs::File::create(path).expect("create the temp file");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    w.write_all(head).expect("write");
    let chunk = vec![fill; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = left.min(chunk.len());
        w.write_all(&chunk[..n]).expect("write");
        left -= n;
    }
    w.write_all(tail).expect("write");
    w.flush().expect("flush");
}

/// One CSV record of 200 MiB (a runaway cell) must give one error naming its line,
/// never a panic or an out-of-memory abort.
#[test]
fn huge_csv_line_is_refused_with_its_line() {
    let file = TempFile::new("huge_line.csv");
    write_huge(
        &file.0,
        b"task_id,model,passed,completion\nt1,gpt,1,",
        b'x',
        200 << 20,
        b"\nt2,gpt,0,short\n",
    );
    let out = run(&["analyze".into(), "--json".into()], &file.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = file.0.file_name().expect("name").to_string_lossy();
    let failures = check_output(&out, 2, Some(&name));
    assert!(failures.is_empty(), "{failures:?}");
    let shown = file.0.display().to_string();
    assert!(
        stderr.starts_with(&format!("error: {shown}, line 2,")),
        "does not name line 2: {stderr}"
    );
    assert!(
        stderr.contains("64 MiB"),
        "does not state the limit: {stderr}"
    );
    assert!(
        stderr.contains("field \"completion\""),
        "does not name the long cell's column: {stderr}"
    );
}

/// A JSONL file whose first line is over the 64 MiB line limit.
#[test]
fn huge_first_jsonl_line_is_refused_with_its_line() {
    let file = TempFile::new("huge_first_line.jsonl");
    write_huge(
        &file.0,
        br#"{"task_id": "t1", "model": "gpt", "correct": 1, "output": ""#,
        b'x',
        65 << 20,
        b"\"}\n{\"task_id\": \"t2\", \"model\": \"gpt\", \"correct\": 0, \"output\": \"y\"}\n",
    );
    let out = run(&["analyze".into(), "--json".into()], &file.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = file.0.file_name().expect("name").to_string_lossy();
    let failures = check_output(&out, 2, Some(&name));
    assert!(failures.is_empty(), "{failures:?}");
    let shown = file.0.display().to_string();
    assert!(
        stderr.starts_with(&format!("error: {shown}, line 1,")) && stderr.contains("64 MiB"),
        "does not name line 1 and the 64 MiB limit: {stderr}"
    );
}

/// CRC-32 of 300 MiB of zero bytes (Python: `zlib.crc32(bytes(300 << 20))`).
const CRC_300_MIB_ZEROS: u32 = 0x6dfb_08c4;

/// A raw deflate stream of 300 MiB of zeros, about 300 KB: one compressed 1 MiB block
/// repeated (its back-references only ever see zeros), then an empty final block.
fn deflated_zeros(mib: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let block = |c: &mut flate2::Compress| {
        let mut out = Vec::with_capacity(64 << 10);
        let before = c.total_in();
        while c.total_in() - before < zeros.len() as u64 {
            let done = usize::try_from(c.total_in() - before).expect("fits");
            out.reserve(64 << 10);
            c.compress_vec(&zeros[done..], &mut out, flate2::FlushCompress::Sync)
                .expect("deflate");
        }
        // Drain what the sync flush still holds.
        loop {
            let len = out.len();
            out.reserve(64 << 10);
            c.compress_vec(&[], &mut out, flate2::FlushCompress::Sync)
                .expect("deflate");
            if out.len() == len {
                break;
            }
        }
        out
    };
    let first = block(&mut c);
    let steady = block(&mut c);
    let mut stream = first;
    for _ in 1..mib {
        stream.extend_from_slice(&steady);
    }
    // BFINAL=1, fixed Huffman, end of block.
    stream.extend_from_slice(&[0x03, 0x00]);
    stream
}

/// A zip archive (no zip64) of `(name, method, crc, uncompressed size, data)` entries.
fn zip_archive(entries: &[(&str, u16, u32, u32, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, method, crc, size, data) in entries {
        let offset = u32::try_from(out.len()).expect("small zip");
        let csize = u32::try_from(data.len()).expect("small entry");
        let name_len = u16::try_from(name.len()).expect("short name");
        // 2024-05-01 12:00:00 in DOS time and date.
        let (time, date) = (12u16 << 11, ((2024u16 - 1980) << 9) | (5 << 5) | 1);
        let mut common = Vec::new();
        for v in [20u16, 0, method, time, date] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, csize, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&common);
        for v in [0u16, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes()); // comment, disk, internal attrs
        }
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = u32::try_from(out.len()).expect("small zip");
    let cd_size = u32::try_from(central.len()).expect("small zip");
    let count = u16::try_from(entries.len()).expect("few entries");
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// An inspect `.eval` whose sample entry expands to 300 MiB (the limit is 256 MiB per
/// entry) must be refused, naming the entry, without expanding it all.
#[test]
fn zip_bomb_entry_is_refused() {
    let header = br#"{"version": 2, "status": "success", "eval": {"task": "gsm8k", "model": "openai/gpt-4o-mini"}}"#;
    let mut crc = flate2::Crc::new();
    crc.update(header);
    let bomb = deflated_zeros(300);
    assert!(bomb.len() < 400 << 10, "bomb is {} bytes", bomb.len());
    let zip = zip_archive(&[
        (
            "header.json",
            0,
            crc.sum(),
            u32::try_from(header.len()).expect("small"),
            header,
        ),
        (
            "samples/1_epoch_1.json",
            8,
            CRC_300_MIB_ZEROS,
            300 << 20,
            &bomb,
        ),
    ]);
    let file = TempFile::new("bomb.eval");
    std::fs::write(&file.0, &zip).expect("write the zip");
    let out = run(&["analyze".into(), "--json".into()], &file.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = file.0.file_name().expect("name").to_string_lossy();
    let failures = check_output(&out, 2, Some(&name));
    assert!(failures.is_empty(), "{failures:?}");
    for s in ["field \"samples/1_epoch_1.json\"", "256 MiB", "zip bomb"] {
        assert!(stderr.contains(s), "{s:?} missing: {stderr}");
    }
}
