//! Turns an EXIF field's value into JSON the way ImageKit shows it: text as strings,
//! integers as integers, rationals as floats, several values as an array (`GPSVersionID`
//! always), version tags (`ExifVersion`...) as their ASCII text, `UserComment` decoded.
//! Binary blobs, `MakerNote` and values of more than [`MAX_VALUES`] items are dropped.

use exif::{Field, Tag, Value};
use serde_json::Value as Json;

/// Longest array kept; longer ones (strip offsets, private blobs) carry no useful metadata.
const MAX_VALUES: usize = 128;

/// Tags whose value is always an array, even with one item.
const ALWAYS_ARRAY: &[Tag] = &[Tag::GPSVersionID];

/// UNDEFINED tags that hold ASCII text.
const TEXT_UNDEFINED: &[Tag] = &[
    Tag::ExifVersion,
    Tag::FlashpixVersion,
    Tag::InteroperabilityVersion,
];

/// UNDEFINED tags with an 8-byte character-code prefix (EXIF 2.3 table 9).
const CODED_TEXT: &[Tag] = &[
    Tag::UserComment,
    Tag::GPSProcessingMethod,
    Tag::GPSAreaInformation,
];

/// The JSON form of `field`, or `None` when it is not shown.
pub(crate) fn to_json(field: &Field, little_endian: bool) -> Option<Json> {
    let tag = field.tag;
    match &field.value {
        Value::Ascii(texts) => ascii(texts),
        Value::Byte(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::Short(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::Long(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::SByte(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::SShort(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::SLong(v) => integers(tag, v.iter().map(|&n| i64::from(n))),
        Value::Rational(v) => floats(tag, v.iter().map(|r| r.to_f64())),
        Value::SRational(v) => floats(tag, v.iter().map(|r| r.to_f64())),
        Value::Float(v) => floats(tag, v.iter().map(|&f| f64::from(f))),
        Value::Double(v) => floats(tag, v.iter().copied()),
        Value::Undefined(bytes, _) => undefined(tag, bytes, little_endian),
        Value::Unknown(..) => None,
    }
}

/// ASCII text, trailing padding trimmed; NUL-separated parts become an array, and the empty
/// parts that zero padding leaves are dropped.
fn ascii(texts: &[Vec<u8>]) -> Option<Json> {
    let mut strings: Vec<Json> = texts
        .iter()
        .map(|t| text(t).trim_end().to_owned())
        .filter(|t| !t.is_empty())
        .map(Json::String)
        .collect();
    match strings.len() {
        0 => (!texts.is_empty()).then(|| Json::String(String::new())),
        1 => strings.pop(),
        n if n <= MAX_VALUES => Some(Json::Array(strings)),
        _ => None,
    }
}

fn integers(tag: Tag, values: impl ExactSizeIterator<Item = i64>) -> Option<Json> {
    shape(tag, values.map(Json::from).collect())
}

fn floats(tag: Tag, values: impl ExactSizeIterator<Item = f64>) -> Option<Json> {
    let values: Option<Vec<Json>> = values.map(|f| f.is_finite().then(|| Json::from(f))).collect();
    shape(tag, values?)
}

/// One value as a scalar, several as an array; none or too many as nothing.
fn shape(tag: Tag, mut values: Vec<Json>) -> Option<Json> {
    match values.len() {
        0 => None,
        1 if !ALWAYS_ARRAY.contains(&tag) => values.pop(),
        n if n <= MAX_VALUES => Some(Json::Array(values)),
        _ => None,
    }
}

fn undefined(tag: Tag, bytes: &[u8], little_endian: bool) -> Option<Json> {
    if tag == Tag::MakerNote {
        return None;
    }
    if TEXT_UNDEFINED.contains(&tag) {
        return Some(Json::String(text(bytes)));
    }
    if CODED_TEXT.contains(&tag) {
        return coded_text(bytes, little_endian).map(Json::String);
    }
    integers(tag, bytes.iter().map(|&n| i64::from(n)))
}

/// Text of an UNDEFINED value with a character-code prefix: ASCII, UNICODE (UCS-2 in the
/// block's byte order) or anything else read as UTF-8; trailing NULs and spaces trimmed.
fn coded_text(bytes: &[u8], little_endian: bool) -> Option<String> {
    let (code, body) = (bytes.get(..8)?, bytes.get(8..)?);
    let decoded = if code == b"UNICODE\0" {
        let units = body.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        text(body)
    };
    Some(decoded.trim_end_matches(['\0', ' ']).to_owned())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end_matches('\0').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use exif::{In, Rational};

    fn field(tag: Tag, value: Value) -> Field {
        Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        }
    }

    #[test]
    fn scalars_arrays_and_text() {
        let json = |tag, value| to_json(&field(tag, value), true);
        assert_eq!(json(Tag::Orientation, Value::Short(vec![6])), Some(Json::from(6)));
        assert_eq!(
            json(Tag::GPSVersionID, Value::Byte(vec![2, 3, 0, 0])),
            Some(serde_json::json!([2, 3, 0, 0]))
        );
        assert_eq!(
            json(Tag::GPSAltitudeRef, Value::Byte(vec![1])),
            Some(Json::from(1))
        );
        let half = Rational { num: 1, denom: 2 };
        assert_eq!(
            json(Tag::FNumber, Value::Rational(vec![half])),
            Some(Json::from(0.5))
        );
        assert_eq!(
            json(Tag::FNumber, Value::Rational(vec![Rational { num: 1, denom: 0 }])),
            None
        );
        assert_eq!(
            json(Tag::Make, Value::Ascii(vec![b"Canon ".to_vec(), vec![]])),
            Some(Json::from("Canon"))
        );
        assert_eq!(
            json(Tag::Copyright, Value::Ascii(vec![vec![]])),
            Some(Json::from(""))
        );
        assert_eq!(
            json(Tag::ExifVersion, Value::Undefined(b"0232".to_vec(), 0)),
            Some(Json::from("0232"))
        );
        assert_eq!(
            json(Tag::SceneType, Value::Undefined(vec![1], 0)),
            Some(Json::from(1))
        );
        assert_eq!(json(Tag::MakerNote, Value::Undefined(vec![1, 2, 3], 0)), None);
        assert_eq!(json(Tag::StripOffsets, Value::Long(vec![8; 500])), None);
    }

    #[test]
    fn user_comment_codes() {
        let comment =
            |bytes: &[u8], le| to_json(&field(Tag::UserComment, Value::Undefined(bytes.to_vec(), 0)), le);
        assert_eq!(comment(b"ASCII\0\0\0hello  \0", true), Some(Json::from("hello")));
        assert_eq!(comment(b"UNICODE\0h\0i\0", true), Some(Json::from("hi")));
        assert_eq!(comment(b"UNICODE\0\0h\0i", false), Some(Json::from("hi")));
        assert_eq!(comment(b"short", true), None);
    }
}
