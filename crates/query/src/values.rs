//! Scalar values by field kind: what a quoted or bare token means for a given field (numbers,
//! booleans, sizes with units, fixed choices, folder paths, dates), or why it is invalid there.

use crate::ast::{Field, Scalar};
use crate::dates::{absolute_date, resolve_date};
use crate::error::Fault;
use crate::fields::Kind;
use crate::raw::RawScalar;

/// How many characters of a bad value an error message repeats.
const SHOWN_CHARS: usize = 40;

/// Largest size in bytes accepted (well inside `i64` and exactly representable as `f64`).
const MAX_SIZE_BYTES: f64 = 9_007_199_254_740_992.0;

/// The meaning of `raw` as a value of `field` (whose kind is `kind`).
pub(crate) fn interpret(field: &Field, kind: Kind, raw: &RawScalar, now_ms: i64) -> Result<Scalar, Fault> {
    let fault = |message: String| Fault::new(raw.at, message);
    match kind {
        Kind::Text => quoted_text(field, raw).map(Scalar::Text),
        Kind::Choice(options) => {
            let text = quoted_text(field, raw)?;
            let lower = text.to_ascii_lowercase();
            if options.contains(&lower.as_str()) {
                Ok(Scalar::Text(lower))
            } else {
                let expected = options
                    .iter()
                    .map(|o| format!("\"{o}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(fault(format!(
                    "invalid value {} for field '{field}'; expected one of {expected}",
                    shown(raw)
                )))
            }
        }
        Kind::Format => {
            let text = quoted_text(field, raw)?;
            let format = text.trim().to_ascii_lowercase();
            if format.is_empty() {
                return Err(fault(format!("empty value for field '{field}'")));
            }
            Ok(Scalar::Text(format))
        }
        Kind::Path => quoted_text(field, raw).map(|p| Scalar::Text(normalise_path(&p))),
        Kind::Date => resolve_date(&raw.text, now_ms)
            .map(Scalar::TimeMs)
            .ok_or_else(|| {
                fault(format!(
                    "invalid date {} for field '{field}'; expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or an age \
                 like \"7d\" (h, d, w, m = months, y)",
                    shown(raw)
                ))
            }),
        Kind::Number => bare_number(raw).ok_or_else(|| {
            fault(format!(
                "expected a number for field '{field}', found {}",
                shown(raw)
            ))
        }),
        Kind::Size => {
            let size = if raw.quoted {
                parse_size(&raw.text).map(Scalar::Integer)
            } else {
                bare_number(raw)
            };
            size.ok_or_else(|| {
                fault(format!(
                    "invalid size {} for field '{field}'; expected a number of bytes or a quoted size like \
                     \"10kb\", \"1.5mb\", \"2gb\"",
                    shown(raw)
                ))
            })
        }
        Kind::Bool => bare_bool(raw).map(Scalar::Bool).ok_or_else(|| {
            fault(format!(
                "expected true or false for field '{field}', found {}",
                shown(raw)
            ))
        }),
        Kind::Meta => {
            if raw.quoted {
                return Ok(Scalar::Text(raw.text.clone()));
            }
            bare_bool(raw)
                .map(Scalar::Bool)
                .or_else(|| bare_number(raw))
                .or_else(|| absolute_date(&raw.text).map(Scalar::TimeMs))
                .ok_or_else(|| {
                    fault(format!(
                        "unquoted value {}; text values must be in double quotes",
                        shown(raw)
                    ))
                })
        }
    }
}

/// A size in bytes: a non-negative number with an optional unit `b`, `kb`, `mb`, `gb`, `tb`
/// (1024-based, case-insensitive), rounded to whole bytes. Public for callers with the same need.
pub fn parse_size(text: &str) -> Option<i64> {
    let lower = text.trim().to_ascii_lowercase();
    let units: [(&str, i32); 5] = [("kb", 1), ("mb", 2), ("gb", 3), ("tb", 4), ("b", 0)];
    let (number, power) = units
        .iter()
        .find_map(|(unit, power)| lower.strip_suffix(unit).map(|n| (n.trim_end(), *power)))
        .unwrap_or((lower.as_str(), 0));
    let mut parts = number.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let bytes = number.parse::<f64>().ok()? * 1024f64.powi(power);
    (bytes.is_finite() && bytes <= MAX_SIZE_BYTES).then(|| bytes.round() as i64)
}

/// Path values are folders: always `/`-prefixed and `/`-terminated (`"banners"` → `/banners/`).
fn normalise_path(path: &str) -> String {
    let inner = path.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

fn quoted_text(field: &Field, raw: &RawScalar) -> Result<String, Fault> {
    if raw.quoted {
        Ok(raw.text.clone())
    } else {
        let message = format!(
            "expected a double-quoted string for field '{field}', found {}",
            shown(raw)
        );
        Err(Fault::new(raw.at, message))
    }
}

fn bare_bool(raw: &RawScalar) -> Option<bool> {
    match raw.text.to_ascii_lowercase().as_str() {
        "true" if !raw.quoted => Some(true),
        "false" if !raw.quoted => Some(false),
        _ => None,
    }
}

/// A bare numeric literal: `-?digits(.digits)?([eE][+-]?digits)?`; integers stay exact.
fn bare_number(raw: &RawScalar) -> Option<Scalar> {
    if raw.quoted || !is_number_syntax(&raw.text) {
        return None;
    }
    let integral = !raw.text.contains(['.', 'e', 'E']);
    if integral && let Ok(n) = raw.text.parse::<i64>() {
        return Some(Scalar::Integer(n));
    }
    raw.text
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(Scalar::Number)
}

fn is_number_syntax(t: &str) -> bool {
    let b = t.as_bytes();
    let run = |from: usize| {
        b.get(from..)
            .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int = run(i);
    if int == 0 {
        return false;
    }
    i += int;
    if b.get(i) == Some(&b'.') {
        let fraction = run(i + 1);
        if fraction == 0 {
            return false;
        }
        i += 1 + fraction;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exponent = run(i);
        if exponent == 0 {
            return false;
        }
        i += exponent;
    }
    i == b.len()
}

/// A value for an error message: quoted as written, shortened.
fn shown(raw: &RawScalar) -> String {
    let mut text: String = raw.text.chars().take(SHOWN_CHARS).collect();
    if raw.text.chars().count() > SHOWN_CHARS {
        text.push('…');
    }
    if raw.quoted {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}
