//! Number syntax shared by every parameter: plain decimals (`12`, `0.5`), `N` for negative
//! (`N40`), and the canonical way to print them back.

use std::fmt::Write as _;

/// A non-negative decimal: `digits` or `digits.digits`; no sign, exponent, `inf` or `nan`.
pub(crate) fn unsigned(s: &str) -> Option<f64> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A decimal with an optional `N` prefix for negative values.
pub(crate) fn signed(s: &str) -> Option<f64> {
    match s.strip_prefix('N') {
        Some(rest) => unsigned(rest).map(|v| -v),
        None => unsigned(s),
    }
}

/// A non-negative integer made of ASCII digits only.
pub(crate) fn uint(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An integer with an optional `N` prefix for negative values.
pub(crate) fn int(s: &str) -> Option<i32> {
    match s.strip_prefix('N') {
        Some(rest) => uint(rest).and_then(|v| i32::try_from(v).ok()).map(|v| -v),
        None => uint(s).and_then(|v| i32::try_from(v).ok()),
    }
}

/// An unsigned integer in `lo..=hi`.
pub(crate) fn uint_in(s: &str, lo: u32, hi: u32) -> Option<u32> {
    uint(s).filter(|v| (lo..=hi).contains(v))
}

/// Canonical text of a number: shortest round-trip decimal, `N` prefix when negative.
pub(crate) fn fmt_num(v: f64) -> String {
    let mut out = String::new();
    let v = if v == 0.0 { 0.0 } else { v };
    if v < 0.0 {
        out.push('N');
    }
    let _ = write!(out, "{}", v.abs());
    out
}

/// Canonical text of an integer, `N` prefix when negative.
pub(crate) fn fmt_int(v: i32) -> String {
    if v < 0 {
        format!("N{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}
