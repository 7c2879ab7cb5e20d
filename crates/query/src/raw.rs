//! The untyped tree the grammar produces: tokens as written, each with its byte offset, before
//! any field, operator or value is checked. Kept separate so syntax and meaning fail separately.

use crate::ast::Op;

#[derive(Debug)]
pub(crate) enum RawExpr {
    And(Vec<RawExpr>),
    Or(Vec<RawExpr>),
    Cond(RawCond),
}

#[derive(Debug)]
pub(crate) struct RawCond {
    pub field: RawField,
    pub op: Op,
    /// Byte offset of the operator.
    pub op_at: usize,
    /// `None` exactly for `EXISTS` / `NOT EXISTS`.
    pub value: Option<RawValue>,
}

#[derive(Debug)]
pub(crate) struct RawField {
    /// The name with quotes removed and escapes resolved.
    pub name: String,
    /// Byte offset of the token (its opening quote when quoted).
    pub at: usize,
    pub quoted: bool,
}

#[derive(Debug)]
pub(crate) enum RawValue {
    Scalar(RawScalar),
    /// `[a, b, …]`; `at` is the byte offset of `[`.
    List {
        items: Vec<RawScalar>,
        at: usize,
    },
}

#[derive(Debug)]
pub(crate) struct RawScalar {
    /// The text with quotes removed and escapes resolved, or the bare token as written.
    pub text: String,
    pub quoted: bool,
    /// Byte offset of the token.
    pub at: usize,
}
