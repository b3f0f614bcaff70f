//! Parsing of comma-separated list flags, with errors that name the flag.

use super::CliError;

/// Parses `a,b,c` into values of `T`, naming `flag` and the bad element on error.
pub fn list<T: std::str::FromStr>(flag: &str, text: &str) -> Result<Vec<T>, CliError> {
    if text.trim().is_empty() {
        return Err(CliError(format!(
            "--{flag}: needs at least one value, got an empty list"
        )));
    }
    text.split(',')
        .enumerate()
        .map(|(i, item)| {
            let item = item.trim();
            item.parse::<T>().map_err(|_| {
                CliError(format!(
                    "--{flag}: value {} ({item:?}) is not a valid {}",
                    i + 1,
                    std::any::type_name::<T>()
                        .rsplit("::")
                        .next()
                        .unwrap_or("value")
                ))
            })
        })
        .collect()
}

/// Splits `a,b,c` into trimmed string labels.
pub fn labels(flag: &str, text: &str) -> Result<Vec<String>, CliError> {
    if text.trim().is_empty() {
        return Err(CliError(format!(
            "--{flag}: needs at least one label, got an empty list"
        )));
    }
    Ok(text.split(',').map(|s| s.trim().to_owned()).collect())
}
