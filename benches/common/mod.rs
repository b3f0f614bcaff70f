//! Shared by the benchmarks that run the Python references.

use std::path::{Path, PathBuf};

/// The Python interpreter: `$EVALBENCH_PYTHON`, else `../.venv/bin/python`, else
/// `python3` (it needs numpy, scipy and pandas).
pub fn python() -> PathBuf {
    if let Ok(p) = std::env::var("EVALBENCH_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}
