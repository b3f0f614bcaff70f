//! Every `calc` case of `tests/reference/calc_reference.json` (made by
//! `scripts/make_reference.py` with scipy, statsmodels, scikit-learn and exact
//! rational arithmetic) must come out of the CLI within the case's tolerance.

use std::collections::BTreeMap;

use evalbench::cli::{Outcome, execute};
use serde_json::Value;

fn run_case(case: &Value) -> Result<Value, String> {
    let calc = case["calc"].as_str().ok_or("case without calc")?;
    let mut args = vec!["evalbench".to_owned(), "calc".to_owned(), calc.to_owned()];
    for (flag, value) in case["args"].as_object().ok_or("case without args")? {
        args.push(format!("--{flag}"));
        args.push(value.as_str().ok_or("arg not a string")?.to_owned());
    }
    match execute(&args) {
        Outcome::Output(text) => {
            serde_json::from_str(&text).map_err(|e| format!("{args:?}: bad JSON {e}: {text}"))
        }
        other => Err(format!("{args:?}: {other:?}")),
    }
}

fn close(expected: &Value, got: &Value, tol: f64) -> bool {
    match (expected, got) {
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (
                e.as_f64().unwrap_or(f64::NAN),
                g.as_f64().unwrap_or(f64::NAN),
            );
            (e - g).abs() <= tol
        }
        (Value::Array(e), Value::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(e, g)| close(e, g, tol))
        }
        (e, g) => e == g,
    }
}

#[test]
fn cli_matches_scipy_reference_table() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/calc_reference.json"
    ))
    .expect("reference table");
    let table: Value = serde_json::from_str(&text).expect("reference JSON");
    let cases = table["cases"].as_array().expect("cases");
    let mut per_calc: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases {
        let calc = case["calc"].as_str().unwrap_or("?").to_owned();
        *per_calc.entry(calc.clone()).or_default() += 1;
        let tol = case["tol"].as_f64().expect("tol");
        match run_case(case) {
            Ok(got) => {
                for (field, expected) in case["expect"].as_object().expect("expect") {
                    let value = &got[field];
                    if !close(expected, value, tol) {
                        failures.push(format!(
                            "{calc} {}: {field} expected {expected}, got {value} (tol {tol})",
                            case["args"]
                        ));
                    }
                }
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The contract's seventeen calculators, each with at least 20 independent cases.
    assert_eq!(per_calc.len(), 17, "{per_calc:?}");
    for (calc, n) in &per_calc {
        assert!(*n >= 20, "{calc} has only {n} reference cases");
    }
}
