//! The one error type of the crate: what is wrong with a query and where (0-based character
//! position plus a short excerpt), so the HTTP layer can answer a 400 that a user can act on.

use std::fmt;

/// How many characters of the query an error message quotes.
const EXCERPT_CHARS: usize = 20;

/// A malformed or invalid `searchQuery`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, e.g. `operator '<' is not allowed for field 'name'`.
    pub message: String,
    /// 0-based position in characters (not bytes) of the offending token.
    pub position: usize,
    /// Up to 20 characters of the query starting at `position` (the last 20 when at the end).
    pub excerpt: String,
}

impl QueryError {
    /// An error at byte offset `byte` of `input` (clamped; need not be a char boundary).
    pub(crate) fn at_byte(input: &str, byte: usize, message: impl Into<String>) -> Self {
        let position = input.char_indices().take_while(|(b, _)| *b < byte).count();
        Self::at_char(input, position, message)
    }

    /// An error at character `position` of `input`.
    pub(crate) fn at_char(input: &str, position: usize, message: impl Into<String>) -> Self {
        let total = input.chars().count();
        let position = position.min(total);
        let start = if position == total {
            total.saturating_sub(EXCERPT_CHARS)
        } else {
            position
        };
        let excerpt = input
            .chars()
            .skip(start)
            .take(EXCERPT_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        QueryError {
            message: message.into(),
            position,
            excerpt,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at position {} near '{}'",
            self.message, self.position, self.excerpt
        )
    }
}

impl std::error::Error for QueryError {}

/// An error found while parsing or validating, located by byte offset; turned into a
/// [`QueryError`] once, in [`crate::parse`].
#[derive(Debug)]
pub(crate) struct Fault {
    pub at: usize,
    pub message: String,
}

impl Fault {
    pub(crate) fn new(at: usize, message: impl Into<String>) -> Self {
        Fault {
            at,
            message: message.into(),
        }
    }
}
