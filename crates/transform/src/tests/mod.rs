//! Table tests of the parser. Every successful parse also checks the canonical form: no
//! whitespace, and it parses back to the same plan and prints the same string.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod canonical;
mod chaining;
mod colors;
mod conditionals;
mod effects;
mod exprs;
mod forms;
mod fuzz;
mod invalid;
mod named;
mod overlays;
mod valid;

use crate::{ParseError, Plan, Step, parse};

/// Parses `tr`, asserting success and a stable, round-tripping canonical form.
fn ok(tr: &str) -> Plan {
    let plan = parse(tr).unwrap_or_else(|e| panic!("{tr:?} should parse: {e}"));
    let canon = plan.canonical();
    assert!(
        !canon.chars().any(char::is_whitespace),
        "{tr:?}: canonical {canon:?} has whitespace"
    );
    let again = parse(&canon).unwrap_or_else(|e| panic!("{tr:?}: canonical {canon:?} should parse: {e}"));
    assert_eq!(
        again, plan,
        "{tr:?}: canonical {canon:?} parses to a different plan"
    );
    assert_eq!(again.canonical(), canon, "{tr:?}: canonical form is not stable");
    plan
}

/// Parses a single-step string and returns that step.
fn one(tr: &str) -> Step {
    let plan = ok(tr);
    assert_eq!(plan.steps.len(), 1, "{tr:?} should be one step: {plan:?}");
    plan.steps.into_iter().next().unwrap()
}

/// Parses `tr`, asserting failure.
fn err(tr: &str) -> ParseError {
    match parse(tr) {
        Ok(plan) => panic!("{tr:?} should fail, got {plan:?}"),
        Err(e) => e,
    }
}

/// The canonical form of `tr`.
fn canon(tr: &str) -> String {
    ok(tr).canonical()
}
