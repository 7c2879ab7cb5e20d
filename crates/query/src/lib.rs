//! Halftone's parser for ImageKit's `searchQuery` language (`GET /v1/files`, spec §5).
//!
//! [`parse`] turns a query (already URL-decoded) into a typed, validated [`Expr`]: fields are a
//! closed set, operators are checked per field, values are typed (dates resolved to epoch ms,
//! sizes to bytes) and text is carried verbatim, so a SQL compiler can emit SQL with bound
//! parameters only. A bad query yields a [`QueryError`] saying what is wrong and where.
//!
//! Pipeline: `syntax` (winnow grammar → `raw` tree with byte offsets) → `validate` (with
//! `fields`, `values`, `dates`) → `ast`.

mod ast;
mod dates;
mod error;
mod fields;
mod raw;
mod syntax;
mod validate;
mod values;

#[cfg(test)]
mod tests;

pub use ast::{Condition, Expr, Field, Op, Operand, Scalar};
pub use dates::resolve_date;
pub use error::QueryError;
pub use values::parse_size;

/// Longest accepted query, in characters.
pub const MAX_QUERY_CHARS: usize = 10_000;
/// Deepest accepted nesting of parentheses.
pub const MAX_DEPTH: usize = 32;
/// Most conditions accepted in one query (keeps the compiled SQL well inside SQLite's limits).
pub const MAX_CONDITIONS: usize = 256;

/// Parses and validates a `searchQuery`. `now_ms` (epoch ms) anchors relative dates like `"7d"`.
pub fn parse(input: &str, now_ms: i64) -> Result<Expr, QueryError> {
    if input.trim().is_empty() {
        return Err(QueryError::at_char(input, 0, "searchQuery is empty"));
    }
    if input.chars().nth(MAX_QUERY_CHARS).is_some() {
        let message = format!("searchQuery is longer than {MAX_QUERY_CHARS} characters");
        return Err(QueryError::at_char(input, MAX_QUERY_CHARS, message));
    }
    let fault = |f: error::Fault| QueryError::at_byte(input, f.at, f.message);
    let raw = syntax::parse_raw(input).map_err(fault)?;
    validate::validate(raw, now_ms).map_err(fault)
}
