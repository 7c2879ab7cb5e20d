//! Splits the raw transformation string into parameters: `,` separates parameters of a step,
//! `:` separates chained steps. Splitting happens before percent-decoding, so `%2C` and `%3A`
//! inside text stay literal. A `:` directly followed by `-` does not split (it belongs to
//! `bg-genfill:-prompt-…`).

/// What came before a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// The start of the string.
    Start,
    /// `,`: same step.
    Comma,
    /// `:`: a new chained step.
    Colon,
}

/// One raw (still percent-encoded) parameter and the separator before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub sep: Sep,
    pub raw: &'a str,
}

/// Splits `input`; an empty input yields no tokens, otherwise empty parameters are kept (the
/// parser rejects them).
pub(crate) fn tokenize(input: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    if input.is_empty() {
        return tokens;
    }
    let (mut sep, mut start) = (Sep::Start, 0);
    let bytes = input.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = match b {
            b',' => Sep::Comma,
            b':' if bytes.get(i + 1) != Some(&b'-') => Sep::Colon,
            _ => continue,
        };
        tokens.push(Token {
            sep,
            raw: input.get(start..i).unwrap_or_default(),
        });
        (sep, start) = (next, i + 1);
    }
    tokens.push(Token {
        sep,
        raw: input.get(start..).unwrap_or_default(),
    });
    tokens
}
