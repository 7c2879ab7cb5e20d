//! Invalid queries with the 0-based character position and the gist of the message each must
//! report.

use super::err;

/// (query, expected position, text the message must contain)
const CASES: &[(&str, usize, &str)] = &[
    ("", 0, "searchQuery is empty"),
    ("  \t\n", 0, "searchQuery is empty"),
    ("name", 4, "expected an operator"),
    ("name =", 6, "expected a value, found the end of the query"),
    ("name = ", 7, "expected a value"),
    (r#"name = "abc"#, 7, "unterminated string"),
    (r#"name = "abc\""#, 7, "unterminated string"),
    (r#""customMetadata.x = 1"#, 0, "unterminated string"),
    (r#"name < "a""#, 5, "operator '<' is not allowed for field 'name'"),
    (r#"foo = "a""#, 0, "unknown field 'foo'"),
    (r#"size > 1 AND colour = "red""#, 13, "unknown field 'colour'"),
    (r#"tags = "a""#, 5, "operator '=' is not allowed for field 'tags'"),
    (
        r#"format < "png""#,
        7,
        "operator '<' is not allowed for field 'format'",
    ),
    (r#"format NOT = "png""#, 7, "operator 'NOT =' is not allowed"),
    (r#"id > "x""#, 3, "not allowed for field 'id'"),
    (r#"path HAS "x""#, 5, "not allowed for field 'path'"),
    ("private EXISTS", 8, "not allowed for field 'private'"),
    (
        r#""embeddedMetadata.DateTimeOriginal" HAS "x""#,
        36,
        "not allowed",
    ),
    (r#"size < "1zb""#, 7, "invalid size"),
    ("size < -1mb", 7, "invalid size"),
    ("size > 1e999", 7, "invalid size"),
    (r#"width > "500""#, 8, "expected a number for field 'width'"),
    ("width > 5AND", 8, "found '5AND'"),
    (
        "width > 5AND name = \"x\"",
        13,
        "expected AND, OR or the end of the query",
    ),
    (r#"private = "true""#, 10, "expected true or false"),
    ("private = yes", 10, "expected true or false"),
    (
        "name = cat",
        7,
        "expected a double-quoted string for field 'name'",
    ),
    (r#"tags IN ["a", b]"#, 14, "expected a double-quoted string"),
    (r#"name = "a" AND"#, 14, "expected a condition or '('"),
    (r#"name = "a" OR OR"#, 14, "expected a condition or '('"),
    (r#"name = "a" AND ("#, 16, "expected a condition or '('"),
    (r#"(name = "a""#, 11, "expected AND, OR or ')'"),
    (r#"name = "a")"#, 10, "expected AND, OR or the end of the query"),
    (
        r#"name = "a" foo"#,
        11,
        "expected AND, OR or the end of the query",
    ),
    (
        r#"tags EXISTS "x""#,
        12,
        "expected AND, OR or the end of the query",
    ),
    (r#"tags IN ["a" "b"]"#, 13, "expected ',' or ']'"),
    (r#"tags IN ["a""#, 12, "expected ',' or ']'"),
    (r#"tags IN ["a",]"#, 13, "expected a value"),
    ("tags IN []", 8, "the list after 'IN' is empty"),
    (r#"tags IN [["a"]]"#, 9, "expected a value"),
    (r#"name = ["a"]"#, 7, "a list is only allowed with IN or NOT IN"),
    (r#"createdAt > "yesterday""#, 12, "invalid date"),
    ("createdAt > 2020-13-01", 12, "invalid date"),
    ("createdAt > 2020-02-30", 12, "invalid date"),
    (r#"createdAt > "7x""#, 12, "invalid date"),
    (r#"createdAt > "-7d""#, 12, "invalid date"),
    (r#"createdAt > "99999999y""#, 12, "invalid date"),
    (r#"createdAt > "2020-01-01T25:00:00""#, 12, "invalid date"),
    ("createdAt > 1700000000000", 12, "invalid date"),
    (r#"type = "image""#, 7, "invalid value \"image\" for field 'type'"),
    (
        r#"fileType = "video""#,
        11,
        "expected one of \"image\", \"non-image\", \"all\"",
    ),
    (r#"format = " ""#, 9, "empty value"),
    (r#"name NOT "x""#, 9, "expected =, IN or EXISTS after NOT"),
    (r#"name NOT"#, 8, "expected =, IN or EXISTS after NOT"),
    (r#"name ~ "x""#, 5, "expected an operator"),
    (r#"name == "x""#, 6, "expected a value"),
    (r#"name != "x""#, 5, "expected an operator"),
    (r#"name HAS """#, 9, "needs a non-empty text"),
    (r#"name HAS "   ""#, 9, "needs a non-empty text"),
    (
        r#""customMetadata.brand" HAS 5"#,
        27,
        "needs a double-quoted text",
    ),
    (
        r#""customMetadata.brand" : true"#,
        25,
        "needs a double-quoted text",
    ),
    (r#""customMetadata.flag" > true"#, 24, "cannot compare true/false"),
    (r#""customMetadata.brand" = Nike"#, 25, "unquoted value 'Nike'"),
    (
        r#""customMetadata.a b" = 1"#,
        17,
        "invalid character ' ' in metadata field name",
    ),
    (
        r#""customMetadata." = 1"#,
        16,
        "missing field name after 'customMetadata.'",
    ),
    ("customMetadata.a.b = 1", 16, "invalid character '.'"),
    ("embeddedMetadata = 1", 0, "unknown field 'embeddedMetadata'"),
    (r#"NOT (name = "a")"#, 4, "expected an operator"),
    (r#"= "a""#, 0, "expected a condition or '('"),
    ("AND name = \"a\"", 0, "expected a condition or '('"),
    ("()", 1, "expected a condition or '('"),
    ("(((", 3, "expected a condition or '('"),
    (r#"name = "café" AND wrong = 1"#, 18, "unknown field 'wrong'"),
    ("name = \"日本\" AND size > \"x\"", 23, "invalid size"),
];

#[test]
fn invalid_queries_report_position_and_cause() {
    for (query, position, needle) in CASES {
        let e = err(query);
        assert_eq!(e.position, *position, "{query:?}: {e}");
        assert!(
            e.message.contains(needle),
            "{query:?}: message {:?} lacks {needle:?}",
            e.message
        );
    }
}

#[test]
fn display_has_message_position_and_excerpt() {
    let e = err(r#"name < "a""#);
    assert_eq!(
        e.to_string(),
        "operator '<' is not allowed for field 'name' (allowed: =, :, IN, NOT =, NOT IN, HAS) \
         at position 5 near '< \"a\"'"
    );
    let at_end = err(r#"(size > 5 AND name = "a long name here""#);
    assert_eq!(at_end.position, 39);
    assert_eq!(at_end.excerpt, r#"= "a long name here""#);
    let control = err("name\n=\tcat");
    assert_eq!(control.excerpt, "cat");
    let multiline = err("name = \"a\"\nAND foo = 1");
    assert_eq!((multiline.position, multiline.excerpt.as_str()), (15, "foo = 1"));
}

#[test]
fn limits() {
    let depth = crate::MAX_DEPTH;
    let too_deep = format!("{}name = \"a\"{}", "(".repeat(depth + 1), ")".repeat(depth + 1));
    let e = err(&too_deep);
    assert_eq!(e.position, depth);
    assert!(e.message.contains("nested too deeply"), "{e}");

    let very_deep = "(".repeat(100_000);
    let e = err(&very_deep);
    assert!(e.message.contains("longer than 10000 characters"), "{e}");
    assert_eq!(e.position, crate::MAX_QUERY_CHARS);

    let deep_within_length = "(".repeat(9_000);
    assert_eq!(err(&deep_within_length).position, depth);

    let long = format!("name = \"{}\"", "x".repeat(crate::MAX_QUERY_CHARS));
    assert_eq!(err(&long).position, crate::MAX_QUERY_CHARS);

    let many = vec!["size > 1"; crate::MAX_CONDITIONS + 1].join(" OR ");
    let e = err(&many);
    assert!(e.message.contains("too many conditions"), "{e}");
    assert_eq!(e.position, crate::MAX_CONDITIONS * "size > 1 OR ".len());
}
