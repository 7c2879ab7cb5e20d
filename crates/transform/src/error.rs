//! The one error type of the crate: a malformed or invalid transformation string, with a
//! message a user can act on (the HTTP layer answers 400 with it) and the offending key.

use std::fmt;

/// How many characters of an offending parameter an error message quotes.
const QUOTE_CHARS: usize = 80;

/// A transformation string that cannot be parsed or fails validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, e.g. `Invalid transformation parameter 'w-abc': width must be …`.
    pub message: String,
    /// The key of the offending parameter (`w`, `e-shadow`, `l`, `if`…), when one is to blame.
    pub parameter: Option<String>,
}

impl ParseError {
    /// An error about the string as a whole (length, structure).
    pub(crate) fn general(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            parameter: None,
        }
    }

    /// An error about one parameter: `token` is the parameter as written, `detail` says why.
    pub(crate) fn param(key: &str, token: &str, detail: &str) -> Self {
        Self {
            message: format!("Invalid transformation parameter '{}': {detail}", quote(token)),
            parameter: Some(key.to_owned()),
        }
    }
}

impl ParseError {
    /// An error about a parameter whose key cannot be told (e.g. bad percent-encoding).
    pub(crate) fn token(token: &str, detail: &str) -> Self {
        Self {
            parameter: None,
            ..Self::param("", token, detail)
        }
    }
}

/// The first [`QUOTE_CHARS`] characters of `token`, control characters replaced.
fn quote(token: &str) -> String {
    let mut out: String = token
        .chars()
        .take(QUOTE_CHARS)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if token.chars().nth(QUOTE_CHARS).is_some() {
        out.push('…');
    }
    out
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// What value parsers return: the reason a value is invalid, wrapped by the caller into a
/// [`ParseError`] that names the parameter.
pub(crate) type ValueResult<T> = Result<T, String>;
