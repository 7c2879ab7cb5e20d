//! SQL-injection-shaped input: through every text-taking field and operator it must come out as
//! plain data (verbatim text to be bound), and through field names or typed fields it must be
//! rejected with a positioned error.

use super::{err, ok};
use crate::{Expr, Field, Op, Operand, Scalar};

const PAYLOADS: &[&str] = &[
    "x' OR 1=1 --",
    "x\" OR \"1\"=\"1",
    "'); DROP TABLE files; --",
    "*/ UNION SELECT * FROM api_keys /*",
    "%_\\%",
    "a\\\\b\\'c",
    "$.customMetadata[0]",
    "null\0byte",
    "1; DELETE FROM files",
    "\u{202e}rtl ☠",
];

/// Writes `s` as a query string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// How a field normalises the text it is given.
type Normalise = fn(&str) -> String;

/// (field as written, operators that take text, how the field normalises text)
fn text_fields() -> Vec<(&'static str, Vec<&'static str>, Normalise)> {
    let same: Normalise = |s| s.to_owned();
    let path: Normalise = |s| format!("/{}/", s.trim_matches('/'));
    let lower: Normalise = |s| s.trim().to_ascii_lowercase();
    let text_ops = vec!["=", ":", "IN", "NOT =", "NOT IN", "HAS"];
    let meta_ops = vec!["=", ":", "IN", "NOT =", "NOT IN", "HAS", "<", "<=", ">", ">="];
    vec![
        ("name", text_ops, same),
        ("tags", vec!["IN", "NOT IN", "HAS"], same),
        ("AITags", vec!["IN", "NOT IN", "HAS"], same),
        ("mime", vec!["=", ":", "IN", "NOT =", "NOT IN"], same),
        ("id", vec!["=", "IN", "NOT =", "NOT IN"], same),
        ("createdBy", vec!["=", "IN", "NOT =", "NOT IN"], same),
        ("path", vec!["=", ":", "IN", "NOT =", "NOT IN"], path),
        ("format", vec!["=", "IN"], lower),
        ("\"customMetadata.brand\"", meta_ops.clone(), same),
        ("\"embeddedMetadata.Artist\"", meta_ops, same),
    ]
}

#[test]
fn payloads_are_carried_verbatim_as_text() {
    for (field, ops, normalise) in text_fields() {
        for op in ops {
            for payload in PAYLOADS {
                let query = format!("{field} {op} {}", quote(payload));
                let expected = normalise(payload);
                let value = match ok(&query) {
                    Expr::Cond(c) => c.value,
                    other => panic!("{query}: {other:?}"),
                };
                let carried = match value {
                    Operand::Text(t) => t,
                    Operand::List(items) => match items.as_slice() {
                        [Scalar::Text(t)] => t.clone(),
                        other => panic!("{query}: {other:?}"),
                    },
                    other => panic!("{query}: {other:?}"),
                };
                assert_eq!(carried, expected, "{query}");
            }
        }
    }
}

#[test]
fn payloads_in_lists_stay_separate_items() {
    let query = format!(
        "tags IN [{}]",
        PAYLOADS.iter().map(|p| quote(p)).collect::<Vec<_>>().join(", ")
    );
    let expected: Vec<Scalar> = PAYLOADS.iter().map(|p| Scalar::Text((*p).to_owned())).collect();
    match ok(&query) {
        Expr::Cond(c) => assert_eq!(c.value, Operand::List(expected)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_classic_cases() {
    match ok(r#"name = "x' OR 1=1 --""#) {
        Expr::Cond(c) => {
            assert_eq!((c.field, c.op), (Field::Name, Op::Eq));
            assert_eq!(c.value, Operand::Text("x' OR 1=1 --".to_owned()));
        }
        other => panic!("{other:?}"),
    }
    let e = err(r#""customMetadata.a'; DROP TABLE files;--" = 1"#);
    assert_eq!(e.position, 17);
    assert!(e.message.contains("invalid character '''"), "{e}");
}

#[test]
fn payloads_in_field_names_and_typed_fields_are_rejected() {
    // (query, position of the offending character)
    let cases: &[(&str, usize)] = &[
        (r#""customMetadata.a'; DROP TABLE files;--" = 1"#, 17),
        (r#""embeddedMetadata.x') --" EXISTS"#, 19),
        (r#""customMetadata.a\"b" = 1"#, 17),
        (r#""customMetadata.a\\b" = 1"#, 17),
        (r#""customMetadata.$.x" = 1"#, 16),
        (r#""customMetadata.a[0]" = 1"#, 17),
        (r#""customMetadata.é" = 1"#, 16),
        (r#""name; DROP TABLE files" = "a""#, 1),
        (r#"size > "1; DROP TABLE files""#, 7),
        (r#"width > 1;DROP"#, 8),
        (r#"createdAt > "1d' OR '1'='1""#, 12),
        (r#"private = true;--"#, 10),
        (r#"type = "file' OR '1'='1""#, 7),
        (r#"fileType = "image' --""#, 11),
        (r#"name = "a" OR 1=1"#, 14),
        (r#"name = "a"; DROP TABLE files"#, 10),
        (r#"name = "a" -- comment"#, 11),
    ];
    for (query, position) in cases {
        let e = err(query);
        assert_eq!(e.position, *position, "{query}: {e}");
    }
}
