//! Turns EXIF and IPTC dates into the ISO 8601 UTC form of `embeddedMetadata`
//! (`2019-08-24T06:14:41.000Z`). A date with an EXIF `OffsetTime*` is shifted to UTC; one
//! without is taken as UTC, as ImageKit does.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

/// `YYYY:MM:DD HH:MM:SS` plus optional `SubSecTime*` digits and `OffsetTime*` (`+05:30`).
pub(crate) fn exif_iso(datetime: &[u8], subsec: Option<&[u8]>, offset: Option<&[u8]>) -> Option<String> {
    let mut parsed = exif::DateTime::from_ascii(datetime).ok()?;
    if let Some(subsec) = subsec {
        // A malformed SubSecTime only loses the milliseconds.
        let _ = parsed.parse_subsec(subsec);
    }
    if let Some(offset) = offset {
        let _ = parsed.parse_offset(offset);
    }
    let local = NaiveDate::from_ymd_opt(i32::from(parsed.year), parsed.month.into(), parsed.day.into())?
        .and_hms_nano_opt(
            parsed.hour.into(),
            parsed.minute.into(),
            parsed.second.into(),
            parsed.nanosecond.unwrap_or(0),
        )?;
    let utc = local.checked_sub_signed(TimeDelta::minutes(parsed.offset.unwrap_or(0).into()))?;
    Some(iso(utc))
}

/// IPTC `DateCreated` (`YYYYMMDD`) with optional `TimeCreated` (`HHMMSS±HHMM`).
pub(crate) fn iptc_iso(date: &str, time: Option<&str>) -> Option<String> {
    let date = NaiveDate::parse_from_str(date.get(..8)?, "%Y%m%d").ok()?;
    let Some(time) = time.filter(|t| t.len() >= 6) else {
        return Some(iso(date.and_hms_opt(0, 0, 0)?));
    };
    let number = |range: std::ops::Range<usize>| time.get(range)?.parse::<u32>().ok();
    let local = date.and_hms_opt(number(0..2)?, number(2..4)?, number(4..6)?)?;
    let offset_minutes = match time.get(6..7) {
        Some(sign @ ("+" | "-")) => {
            let minutes = i64::from(number(7..9)? * 60 + number(9..11)?);
            if sign == "-" { -minutes } else { minutes }
        }
        _ => 0,
    };
    Some(iso(local.checked_sub_signed(TimeDelta::minutes(offset_minutes))?))
}

fn iso(utc: NaiveDateTime) -> String {
    utc.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_dates() {
        assert_eq!(
            exif_iso(b"2019:08:24 06:14:41", None, None).as_deref(),
            Some("2019-08-24T06:14:41.000Z")
        );
        assert_eq!(
            exif_iso(b"2019:08:24 06:14:41", Some(b"25"), Some(b"+05:30")).as_deref(),
            Some("2019-08-24T00:44:41.250Z")
        );
        assert_eq!(
            exif_iso(b"2019:08:24 06:14:41", Some(b"xx"), Some(b"bad")).as_deref(),
            Some("2019-08-24T06:14:41.000Z")
        );
        assert_eq!(exif_iso(b"    :  :     :  :  ", None, None), None);
        assert_eq!(exif_iso(b"2019:13:45 06:14:41", None, None), None);
    }

    #[test]
    fn iptc_dates() {
        assert_eq!(
            iptc_iso("20190824", None).as_deref(),
            Some("2019-08-24T00:00:00.000Z")
        );
        assert_eq!(
            iptc_iso("20190824", Some("061441-0200")).as_deref(),
            Some("2019-08-24T08:14:41.000Z")
        );
        assert_eq!(iptc_iso("2019", None), None);
        assert_eq!(iptc_iso("2019082\u{e9}", None), None);
    }
}
