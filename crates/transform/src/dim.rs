//! Dimensions and positions: pixels, fractions of the source, `auto`, ratios and expressions,
//! with one parser per kind of parameter that takes them.

use std::fmt;

use crate::error::ValueResult;
use crate::expr::Expr;
use crate::number;

/// A size, position or ratio as written in the URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Dim {
    /// Pixels (positions may be negative, written `N…`).
    Px(f64),
    /// A fraction of the source dimension, `0 < v < 1` (`w-0.4`). In `e-gradient`'s `sp` a
    /// fraction of the gradient length, `0 < v <= 1`.
    Fraction(f64),
    /// Taken from a client hint (`w-auto`: `Sec-CH-Width`).
    Auto,
    /// A width/height ratio (`ar-4-3` → 4/3).
    Ratio(f64),
    /// An arithmetic expression, evaluated by the pipeline.
    Expr(Expr),
}

impl Dim {
    /// The value when it needs no context: pixels, ratio or fraction.
    pub fn constant(&self) -> Option<f64> {
        match self {
            Dim::Px(v) | Dim::Fraction(v) | Dim::Ratio(v) => Some(*v),
            Dim::Auto | Dim::Expr(_) => None,
        }
    }
}

/// `w`/`h`: pixels (≥ 1), a fraction `0 < v < 1`, `auto` (when allowed) or an expression.
/// `0` means "not given" and yields `None`.
pub(crate) fn size(s: &str, in_layer: bool, allow_auto: bool, what: &str) -> ValueResult<Option<Dim>> {
    if s == "auto" && allow_auto {
        return Ok(Some(Dim::Auto));
    }
    match number::unsigned(s) {
        Some(v) if v <= 0.0 => Ok(None),
        Some(v) if v < 1.0 => Ok(Some(Dim::Fraction(v))),
        Some(v) => Ok(Some(Dim::Px(v))),
        None => expr_or(s, in_layer, what).map(|e| Some(Dim::Expr(e))),
    }
}

/// `x`, `y`, `xc`, `yc`, `lx`, `ly`…: pixels (negative only with `allow_negative`) or an
/// expression.
pub(crate) fn coordinate(s: &str, in_layer: bool, allow_negative: bool, what: &str) -> ValueResult<Dim> {
    let n = if allow_negative {
        number::signed(s)
    } else {
        number::unsigned(s)
    };
    match n {
        Some(v) => Ok(Dim::Px(v)),
        None => expr_or(s, in_layer, what).map(Dim::Expr),
    }
}

/// A non-negative length (`fs`, `lh`, border width, padding): pixels or an expression.
pub(crate) fn length(s: &str, in_layer: bool, what: &str) -> ValueResult<Dim> {
    coordinate(s, in_layer, false, what)
}

/// Parses `s` as an expression. When it does not even look like one (no `_`, not a variable
/// name) the error is `what`, the parameter's own description of its values.
pub(crate) fn expr_or(s: &str, in_layer: bool, what: &str) -> ValueResult<Expr> {
    Expr::parse(s, in_layer).map_err(|e| {
        if s.contains('_') || is_var_like(s) {
            e
        } else {
            what.to_owned()
        }
    })
}

fn is_var_like(s: &str) -> bool {
    matches!(
        s,
        "iw" | "ih" | "iar" | "cw" | "ch" | "car" | "bw" | "bh" | "bar" | "idu" | "bdu"
    )
}

/// `ar`: `W-H` (or `W_H`), a plain ratio, or an expression.
pub(crate) fn aspect_ratio(s: &str, in_layer: bool, what: &str) -> ValueResult<Dim> {
    let pair = s.split_once('-').or_else(|| s.split_once('_'));
    if let Some((w, h)) = pair
        && let (Some(w), Some(h)) = (number::unsigned(w), number::unsigned(h))
    {
        return positive_ratio(w / h);
    }
    match number::unsigned(s) {
        Some(v) => positive_ratio(v),
        None => expr_or(s, in_layer, what).map(Dim::Expr),
    }
}

fn positive_ratio(v: f64) -> ValueResult<Dim> {
    if v.is_finite() && v > 0.0 {
        Ok(Dim::Ratio(v))
    } else {
        Err("the aspect ratio must be positive (e.g. ar-4-3).".to_owned())
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dim::Px(v) | Dim::Fraction(v) | Dim::Ratio(v) => f.write_str(&number::fmt_num(*v)),
            Dim::Auto => f.write_str("auto"),
            Dim::Expr(e) => write!(f, "{e}"),
        }
    }
}
