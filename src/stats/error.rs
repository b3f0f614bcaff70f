//! The one error type of the statistics core.

use thiserror::Error;

/// Why a statistic could not be computed.
///
/// Every variant names the parameter at fault with the name the CLI uses for it
/// (`k`, `both_pass`, `confidence`, ...), so a caller can point the user at the input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// A scalar parameter is outside its domain.
    #[error("{param}: {reason}")]
    Invalid {
        /// The parameter at fault.
        param: &'static str,
        /// What is wrong with it, with the value given.
        reason: String,
    },
    /// A list parameter is empty where at least one element is needed.
    #[error("{param}: {reason}")]
    Empty {
        /// The parameter at fault.
        param: &'static str,
        /// What is needed instead.
        reason: String,
    },
    /// Two list parameters that must pair up element by element differ in length.
    #[error("{param}: has {len} values but {other} has {other_len}")]
    LengthMismatch {
        /// The parameter at fault.
        param: &'static str,
        /// Its length.
        len: usize,
        /// The parameter it must match.
        other: &'static str,
        /// That parameter's length.
        other_len: usize,
    },
    /// The statistic is undefined for these inputs (for example a rank correlation
    /// of a constant list).
    #[error("{param}: {reason}")]
    Undefined {
        /// The parameter whose value makes the statistic undefined.
        param: &'static str,
        /// Why.
        reason: String,
    },
    /// A long computation was cancelled by its caller.
    #[error("cancelled")]
    Cancelled,
}

impl StatsError {
    /// The parameter at fault, if any.
    #[must_use]
    pub fn param(&self) -> Option<&'static str> {
        match self {
            Self::Invalid { param, .. }
            | Self::Empty { param, .. }
            | Self::LengthMismatch { param, .. }
            | Self::Undefined { param, .. } => Some(param),
            Self::Cancelled => None,
        }
    }

    pub(crate) fn invalid(param: &'static str, reason: impl Into<String>) -> Self {
        Self::Invalid {
            param,
            reason: reason.into(),
        }
    }

    pub(crate) fn empty(param: &'static str, reason: impl Into<String>) -> Self {
        Self::Empty {
            param,
            reason: reason.into(),
        }
    }

    /// Checks that list `param` (of length `len`) pairs up with list `other`.
    pub(crate) fn same_length(
        param: &'static str,
        len: usize,
        other: &'static str,
        other_len: usize,
    ) -> Result<()> {
        if len == other_len {
            Ok(())
        } else {
            Err(Self::LengthMismatch {
                param,
                len,
                other,
                other_len,
            })
        }
    }

    pub(crate) fn undefined(param: &'static str, reason: impl Into<String>) -> Self {
        Self::Undefined {
            param,
            reason: reason.into(),
        }
    }
}

/// Result alias used throughout `stats`.
pub type Result<T> = std::result::Result<T, StatsError>;
