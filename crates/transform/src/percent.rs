//! Percent-decoding of each parameter after the string is split (so `%2C` and `%3A` inside text
//! never split it), and the encoding used when printing free text back in canonical form.

use crate::error::ValueResult;

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays literal (plain text may
/// contain `%`). `+` is not a space here. Fails only if the result is not UTF-8.
pub(crate) fn decode(s: &str) -> ValueResult<String> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "percent-encoded bytes are not valid UTF-8.".to_owned())
}

/// Escapes what the splitter or the decoder would misread (`,` `:` `%`) and whitespace and
/// control characters (the canonical form has none), as `%XX` per UTF-8 byte. Everything else
/// stays as is, so the canonical form is about as long as the input.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, ',' | ':' | '%') || c.is_whitespace() || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push('%');
                out.push(hex_digit(b >> 4));
                out.push(hex_digit(b & 0x0f));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).map_or('0', |c| c.to_ascii_uppercase())
}
