//! Unit tables for the public value helpers: sizes with units and date resolution.

use super::{now, utc};
use crate::{parse_size, resolve_date};

#[test]
fn sizes() {
    let cases: &[(&str, Option<i64>)] = &[
        ("0", Some(0)),
        ("1024", Some(1024)),
        ("100b", Some(100)),
        ("10kb", Some(10_240)),
        ("10KB", Some(10_240)),
        ("1mb", Some(1_048_576)),
        ("1.5mb", Some(1_572_864)),
        (" 2 gb ", Some(2_147_483_648)),
        ("1tb", Some(1_099_511_627_776)),
        ("1.3kb", Some(1331)),
        ("", None),
        ("kb", None),
        ("-1kb", None),
        ("1.kb", None),
        (".5kb", None),
        ("1e3", None),
        ("1 zb", None),
        ("1kbb", None),
        ("99999999999tb", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_size(text), *expected, "{text:?}");
    }
}

#[test]
fn dates() {
    let cases: &[(&str, Option<i64>)] = &[
        ("2020-01-01", Some(utc(2020, 1, 1, 0, 0, 0))),
        ("2020-02-29T23:59:59", Some(utc(2020, 2, 29, 23, 59, 59))),
        ("2020-01-01T00:00:00.5", Some(utc(2020, 1, 1, 0, 0, 0) + 500)),
        (
            "2020-01-01T00:00:00.123456789Z",
            Some(utc(2020, 1, 1, 0, 0, 0) + 123),
        ),
        ("2020-01-01T00:00+01", Some(utc(2019, 12, 31, 23, 0, 0))),
        ("1d", Some(now() - 86_400_000)),
        ("1Y", Some(utc(2023, 3, 31, 12, 0, 0))),
        ("2021-02-29", None),
        ("2020-1-1", None),
        ("20200101", None),
        ("2020-01-01T", None),
        ("2020-01-01T10", None),
        ("2020-01-01T10:00:00.", None),
        ("2020-01-01T10:00:00+24:00", None),
        ("2020-01-01T10:00:00 UTC", None),
        ("d", None),
        ("1.5d", None),
        ("1s", None),
        ("7日", None),
        ("9999999999d", None),
    ];
    for (text, expected) in cases {
        assert_eq!(resolve_date(text, now()), *expected, "{text:?}");
    }
    assert_eq!(resolve_date("999999999y", i64::MIN), None);
}
