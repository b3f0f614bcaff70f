//! Cost accounting: what a bad day costs, by how long it takes to notice.

use serde::Serialize;

use super::common::{non_negative, positive, unit_closed};
use super::error::{Result, StatsError};

/// Seconds in a day.
const SECONDS_PER_DAY: f64 = 86_400.0;
/// Minutes in a day.
const MINUTES_PER_DAY: f64 = 1_440.0;

/// The cost of a bad day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BadDay {
    /// Normal daily spend on output tokens.
    pub baseline_daily_cost: f64,
    /// Extra spend per day while the incident lasts.
    pub overrun_per_day: f64,
    /// Extra spend over the detection window.
    pub incident_cost: f64,
}

/// Baseline daily token cost, the overrun per day when a share of traffic "bleeds" at a
/// cost multiple, and the incident cost for a detection window.
///
/// # Formula
///
/// `baseline = qps × 86,400 × output_tokens × price_per_million/10⁶`,
/// `overrun/day = baseline × bleed_share × (multiplier − 1)`,
/// `incident = overrun/day × window_minutes/1,440` (lesson "cost accounting &
/// eval-driven design"). 1K QPS, 256 tokens, $3/1M, 20 % at 10× → $66,355 baseline,
/// $119,439 a day, ≈ $415 for 5 minutes, ≈ $19,900 for 4 hours.
pub fn bad_day(
    qps: f64,
    output_tokens: f64,
    price_per_million: f64,
    bleed_share: f64,
    cost_multiplier: f64,
    window_minutes: f64,
) -> Result<BadDay> {
    non_negative("qps", qps)?;
    non_negative("output_tokens", output_tokens)?;
    non_negative("price_per_million", price_per_million)?;
    unit_closed("bleed_share", bleed_share)?;
    positive("cost_multiplier", cost_multiplier)?;
    if cost_multiplier < 1.0 {
        return Err(StatsError::invalid(
            "cost_multiplier",
            format!("must be at least 1 (a bad day costs more per request), got {cost_multiplier}"),
        ));
    }
    non_negative("window_minutes", window_minutes)?;
    let baseline = qps * SECONDS_PER_DAY * output_tokens * price_per_million / 1e6;
    let overrun = baseline * bleed_share * (cost_multiplier - 1.0);
    Ok(BadDay {
        baseline_daily_cost: baseline,
        overrun_per_day: overrun,
        incident_cost: overrun * window_minutes / MINUTES_PER_DAY,
    })
}
