//! Date values, resolved to milliseconds since the Unix epoch: absolute ISO dates and times
//! (`YYYY-MM-DD` = 00:00 UTC, `YYYY-MM-DDTHH:MM[:SS[.fff]]` UTC unless `Z`/`±HH:MM` says otherwise)
//! and relative ages (`"7d"` = now minus 7 days; `h`, `d`, `w`, `m` = calendar months, `y` =
//! calendar years), the forms spec §5 gives for `createdAt`.

use chrono::{DateTime, Months, NaiveDate, NaiveTime};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Resolves an absolute or relative date to epoch ms; `None` when `text` is neither (or out of
/// range). Public so a compiler can resolve text compared with a Date-typed custom metadata field.
pub fn resolve_date(text: &str, now_ms: i64) -> Option<i64> {
    let t = text.trim();
    absolute_date(t).or_else(|| relative_date(t, now_ms))
}

/// `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM[:SS[.fraction]]` and an
/// optional `Z` or `±HH[:MM]` offset.
pub(crate) fn absolute_date(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    let year = digits(b, 0, 4)?;
    let month = preceded_digits(b, 4, b'-', 2)?;
    let day = preceded_digits(b, 7, b'-', 2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if b.len() == 10 {
        return Some(date.and_time(NaiveTime::MIN).and_utc().timestamp_millis());
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = digits(b, 11, 2)?;
    let minute = preceded_digits(b, 13, b':', 2)?;
    let mut pos = 16;
    let mut second = 0;
    if b.get(pos) == Some(&b':') {
        second = digits(b, pos + 1, 2)?;
        pos += 3;
    }
    let mut milli = 0;
    if b.get(pos) == Some(&b'.') {
        let fraction = b
            .get(pos + 1..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=9).contains(&fraction) {
            return None;
        }
        let ms_digits = fraction.min(3);
        milli = digits(b, pos + 1, ms_digits)? * 10u32.pow(3 - u32::try_from(ms_digits).ok()?);
        pos += 1 + fraction;
    }
    let offset_minutes = zone_offset(b.get(pos..)?)?;
    let time = NaiveTime::from_hms_milli_opt(hour, minute, second, milli)?;
    let local = date.and_time(time).and_utc().timestamp_millis();
    local.checked_sub(offset_minutes * 60_000)
}

/// `""`, `Z`, `+HH`, `+HHMM` or `+HH:MM` (or `-`) → offset east of UTC in minutes.
fn zone_offset(z: &[u8]) -> Option<i64> {
    let (sign, rest) = match z {
        [] | [b'Z' | b'z'] => return Some(0),
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    let hours = digits(rest, 0, 2)?;
    let minutes = match rest.len() {
        2 => 0,
        4 => digits(rest, 2, 2)?,
        5 => preceded_digits(rest, 2, b':', 2)?,
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * i64::from(hours * 60 + minutes))
}

/// `N` followed by a unit letter (case-insensitive): now minus N hours/days/weeks/months/years.
fn relative_date(t: &str, now_ms: i64) -> Option<i64> {
    let (number, unit) = t.split_at_checked(t.len().checked_sub(1)?)?;
    if number.is_empty() || number.len() > 9 || !number.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = number.parse().ok()?;
    let fixed = |unit_ms: i64| now_ms.checked_sub(i64::from(n).checked_mul(unit_ms)?);
    let months = |m: u32| {
        let now = DateTime::from_timestamp_millis(now_ms)?;
        Some(now.checked_sub_months(Months::new(m))?.timestamp_millis())
    };
    match unit.to_ascii_lowercase().as_str() {
        "h" => fixed(HOUR_MS),
        "d" => fixed(DAY_MS),
        "w" => fixed(7 * DAY_MS),
        "m" => months(n),
        "y" => months(n.checked_mul(12)?),
        _ => None,
    }
}

/// `len` ASCII digits at `start` as a number.
fn digits(b: &[u8], start: usize, len: usize) -> Option<u32> {
    let slice = b.get(start..start.checked_add(len)?)?;
    slice.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// The separator `sep` at `at`, then `len` digits.
fn preceded_digits(b: &[u8], at: usize, sep: u8, len: usize) -> Option<u32> {
    if b.get(at) != Some(&sep) {
        return None;
    }
    digits(b, at + 1, len)
}
