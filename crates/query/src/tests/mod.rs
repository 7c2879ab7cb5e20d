//! Table tests of the parser: valid queries with their AST, invalid ones with their error position,
//! SQL-injection-shaped input carried as data, value parsing, and a no-panic sweep.

mod fuzz;
mod injection;
mod invalid;
mod valid;
mod values;

use chrono::NaiveDate;

use crate::{Condition, Expr, Field, Op, Operand, QueryError, Scalar, parse};

/// Epoch ms of a UTC date-time (test inputs are always valid).
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|date| date.and_hms_opt(h, mi, s))
        .expect("valid test date")
        .and_utc()
        .timestamp_millis()
}

/// The fixed "now" of every test: 2024-03-31T12:00:00Z (a month end, to exercise month clamping).
fn now() -> i64 {
    utc(2024, 3, 31, 12, 0, 0)
}

fn ok(query: &str) -> Expr {
    match parse(query, now()) {
        Ok(expr) => expr,
        Err(e) => panic!("{query:?} should parse, got: {e}"),
    }
}

fn err(query: &str) -> QueryError {
    match parse(query, now()) {
        Ok(expr) => panic!("{query:?} should fail, got: {expr:?}"),
        Err(e) => e,
    }
}

fn cond(field: Field, op: Op, value: Operand) -> Expr {
    Expr::Cond(Condition { field, op, value })
}

fn text(s: &str) -> Operand {
    Operand::Text(s.to_owned())
}

fn t(s: &str) -> Scalar {
    Scalar::Text(s.to_owned())
}

fn list(items: Vec<Scalar>) -> Operand {
    Operand::List(items)
}

fn custom(name: &str) -> Field {
    Field::CustomMetadata(name.to_owned())
}

fn embedded(name: &str) -> Field {
    Field::EmbeddedMetadata(name.to_owned())
}
