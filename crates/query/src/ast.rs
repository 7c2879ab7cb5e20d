//! The typed, validated query tree that [`crate::parse`] returns and the SQL compiler consumes.
//!
//! Every value in it is plain data (to be bound as a SQL parameter), every field is one of a closed
//! set (metadata field names are restricted to `[A-Za-z0-9_-]+`), and every operator has already
//! been checked against its field, so a compiler can map it to SQL without further validation.

use std::fmt;

/// A boolean combination of conditions. `And`/`Or` always hold at least two children and never a
/// direct child of their own kind (nested groups of the same kind are flattened).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Cond(Condition),
}

/// One `field operator value` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: Field,
    pub op: Op,
    pub value: Operand,
}

/// A searchable field. Metadata names are carried verbatim (case kept) after validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    /// `tags`: matches a file's `tags` **or** its `AITags` names.
    Tags,
    /// `AITags`: matches only `AITags` names.
    AiTags,
    Type,
    FileType,
    Mime,
    Id,
    CreatedAt,
    UpdatedAt,
    Width,
    Height,
    Size,
    Format,
    Private,
    Published,
    Transparency,
    CreatedBy,
    Path,
    CustomMetadata(String),
    EmbeddedMetadata(String),
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Field::Name => "name",
            Field::Tags => "tags",
            Field::AiTags => "AITags",
            Field::Type => "type",
            Field::FileType => "fileType",
            Field::Mime => "mime",
            Field::Id => "id",
            Field::CreatedAt => "createdAt",
            Field::UpdatedAt => "updatedAt",
            Field::Width => "width",
            Field::Height => "height",
            Field::Size => "size",
            Field::Format => "format",
            Field::Private => "private",
            Field::Published => "published",
            Field::Transparency => "transparency",
            Field::CreatedBy => "createdBy",
            Field::Path => "path",
            Field::CustomMetadata(n) => return write!(f, "customMetadata.{n}"),
            Field::EmbeddedMetadata(n) => return write!(f, "embeddedMetadata.{n}"),
        };
        f.write_str(name)
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    NotEq,
    /// `:` — "begins with"; for `path`, "this folder or any sub-folder".
    Prefix,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    /// `HAS` — case-insensitive tokenised full-text match, last token prefix-matched.
    Has,
    Exists,
    NotExists,
}

impl Op {
    /// The operator as written in a query (keywords upper-case).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::NotEq => "NOT =",
            Op::Prefix => ":",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In => "IN",
            Op::NotIn => "NOT IN",
            Op::Has => "HAS",
            Op::Exists => "EXISTS",
            Op::NotExists => "NOT EXISTS",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One value: an element of an `IN` list, or the operand of a scalar operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(String),
    /// A numeric literal with a fraction or exponent (or too large for `i64`).
    Number(f64),
    /// An integer literal, or a size in bytes.
    Integer(i64),
    Bool(bool),
    /// A date resolved to milliseconds since the Unix epoch (UTC).
    TimeMs(i64),
}

/// The right-hand side of a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// For `EXISTS` / `NOT EXISTS`.
    None,
    Text(String),
    Number(f64),
    Integer(i64),
    Bool(bool),
    TimeMs(i64),
    /// For `IN` / `NOT IN`; never empty.
    List(Vec<Scalar>),
}

impl From<Scalar> for Operand {
    fn from(s: Scalar) -> Self {
        match s {
            Scalar::Text(t) => Operand::Text(t),
            Scalar::Number(n) => Operand::Number(n),
            Scalar::Integer(n) => Operand::Integer(n),
            Scalar::Bool(b) => Operand::Bool(b),
            Scalar::TimeMs(t) => Operand::TimeMs(t),
        }
    }
}
