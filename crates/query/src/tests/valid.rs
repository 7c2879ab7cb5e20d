//! Valid queries (every spec §5 example, every field and operator, case and spacing variants)
//! with the exact AST each must produce.

use super::{cond, custom, embedded, list, now, ok, t, text, utc};
use crate::{Expr, Field, Op, Operand, Scalar};

const DAY: i64 = 86_400_000;
const MB: i64 = 1024 * 1024;

fn name_eq(s: &str) -> Expr {
    cond(Field::Name, Op::Eq, text(s))
}

#[test]
fn spec_examples() {
    let cases: Vec<(&str, Expr)> = vec![
        (
            r#"(size < "1mb" AND width > 500) OR (tags IN ["summer-sale","banner"])"#,
            Expr::Or(vec![
                Expr::And(vec![
                    cond(Field::Size, Op::Lt, Operand::Integer(MB)),
                    cond(Field::Width, Op::Gt, Operand::Integer(500)),
                ]),
                cond(Field::Tags, Op::In, list(vec![t("summer-sale"), t("banner")])),
            ]),
        ),
        (
            r#"createdAt > "7d""#,
            cond(Field::CreatedAt, Op::Gt, Operand::TimeMs(now() - 7 * DAY)),
        ),
        (
            r#"createdAt >= "7d" AND size > "2mb""#,
            Expr::And(vec![
                cond(Field::CreatedAt, Op::Ge, Operand::TimeMs(now() - 7 * DAY)),
                cond(Field::Size, Op::Gt, Operand::Integer(2 * MB)),
            ]),
        ),
        (
            r#"name : "red-dress""#,
            cond(Field::Name, Op::Prefix, text("red-dress")),
        ),
        (r#"name : "cat""#, cond(Field::Name, Op::Prefix, text("cat"))),
        (
            r#"format = "png" AND path : "/banners/""#,
            Expr::And(vec![
                cond(Field::Format, Op::Eq, text("png")),
                cond(Field::Path, Op::Prefix, text("/banners/")),
            ]),
        ),
        (
            r#""customMetadata.rating" > 4.3"#,
            cond(custom("rating"), Op::Gt, Operand::Number(4.3)),
        ),
        (
            r#""customMetadata.brand" = "Nike""#,
            cond(custom("brand"), Op::Eq, text("Nike")),
        ),
        ("tags NOT EXISTS", cond(Field::Tags, Op::NotExists, Operand::None)),
        ("tags EXISTS", cond(Field::Tags, Op::Exists, Operand::None)),
        (
            r#"name HAS "blue shirt""#,
            cond(Field::Name, Op::Has, text("blue shirt")),
        ),
        (
            "createdAt < 2020-01-01",
            cond(
                Field::CreatedAt,
                Op::Lt,
                Operand::TimeMs(utc(2020, 1, 1, 0, 0, 0)),
            ),
        ),
        (
            r#""embeddedMetadata.Keywords" IN ["sunset", "beach"]"#,
            cond(embedded("Keywords"), Op::In, list(vec![t("sunset"), t("beach")])),
        ),
    ];
    check(cases);
}

#[test]
fn every_field() {
    let cases: Vec<(&str, Expr)> = vec![
        (r#"name = "cat.jpg""#, name_eq("cat.jpg")),
        (
            r#"name IN ["a", "b"]"#,
            cond(Field::Name, Op::In, list(vec![t("a"), t("b")])),
        ),
        (r#"name NOT = "a""#, cond(Field::Name, Op::NotEq, text("a"))),
        (
            r#"name NOT IN ["a"]"#,
            cond(Field::Name, Op::NotIn, list(vec![t("a")])),
        ),
        (r#"tags HAS "summer""#, cond(Field::Tags, Op::Has, text("summer"))),
        (
            r#"tags NOT IN ["x", "y"]"#,
            cond(Field::Tags, Op::NotIn, list(vec![t("x"), t("y")])),
        ),
        (
            r#"AITags IN ["Dog"]"#,
            cond(Field::AiTags, Op::In, list(vec![t("Dog")])),
        ),
        ("aitags EXISTS", cond(Field::AiTags, Op::Exists, Operand::None)),
        (r#"type = "folder""#, cond(Field::Type, Op::Eq, text("folder"))),
        (r#"type NOT = "FILE""#, cond(Field::Type, Op::NotEq, text("file"))),
        (
            r#"type IN ["file", "file-version"]"#,
            cond(Field::Type, Op::In, list(vec![t("file"), t("file-version")])),
        ),
        (
            r#"fileType = "image""#,
            cond(Field::FileType, Op::Eq, text("image")),
        ),
        (
            r#"fileType NOT IN ["non-image"]"#,
            cond(Field::FileType, Op::NotIn, list(vec![t("non-image")])),
        ),
        (
            r#"mime : "image/""#,
            cond(Field::Mime, Op::Prefix, text("image/")),
        ),
        (
            r#"mime = "image/png""#,
            cond(Field::Mime, Op::Eq, text("image/png")),
        ),
        (r#"id = "5f3a9c""#, cond(Field::Id, Op::Eq, text("5f3a9c"))),
        (
            r#"id NOT IN ["a1", "b2"]"#,
            cond(Field::Id, Op::NotIn, list(vec![t("a1"), t("b2")])),
        ),
        (
            r#"createdBy = "me@example.com""#,
            cond(Field::CreatedBy, Op::Eq, text("me@example.com")),
        ),
        (
            r#"updatedAt <= "2020-01-01T10:00:00""#,
            cond(
                Field::UpdatedAt,
                Op::Le,
                Operand::TimeMs(utc(2020, 1, 1, 10, 0, 0)),
            ),
        ),
        ("width >= 100", cond(Field::Width, Op::Ge, Operand::Integer(100))),
        (
            "height <= 200.5",
            cond(Field::Height, Op::Le, Operand::Number(200.5)),
        ),
        ("width > -5", cond(Field::Width, Op::Gt, Operand::Integer(-5))),
        (
            "height IN [100, 200]",
            cond(
                Field::Height,
                Op::In,
                list(vec![Scalar::Integer(100), Scalar::Integer(200)]),
            ),
        ),
        (
            "width NOT = 0",
            cond(Field::Width, Op::NotEq, Operand::Integer(0)),
        ),
        ("size > 1024", cond(Field::Size, Op::Gt, Operand::Integer(1024))),
        (
            r#"size <= "1.5mb""#,
            cond(Field::Size, Op::Le, Operand::Integer(1_572_864)),
        ),
        (
            r#"size < "2GB""#,
            cond(Field::Size, Op::Lt, Operand::Integer(2 * 1024 * MB)),
        ),
        (
            r#"size >= "100b""#,
            cond(Field::Size, Op::Ge, Operand::Integer(100)),
        ),
        (
            r#"size = "10 KB""#,
            cond(Field::Size, Op::Eq, Operand::Integer(10_240)),
        ),
        (
            r#"size IN [1024, "1kb"]"#,
            cond(
                Field::Size,
                Op::In,
                list(vec![Scalar::Integer(1024), Scalar::Integer(1024)]),
            ),
        ),
        (r#"format = "PNG""#, cond(Field::Format, Op::Eq, text("png"))),
        (
            r#"format IN ["jpg", "webp"]"#,
            cond(Field::Format, Op::In, list(vec![t("jpg"), t("webp")])),
        ),
        (
            "private = true",
            cond(Field::Private, Op::Eq, Operand::Bool(true)),
        ),
        (
            "published = FALSE",
            cond(Field::Published, Op::Eq, Operand::Bool(false)),
        ),
        (
            "transparency = true",
            cond(Field::Transparency, Op::Eq, Operand::Bool(true)),
        ),
        (
            r#"path = "banners""#,
            cond(Field::Path, Op::Eq, text("/banners/")),
        ),
        (r#"path : "/""#, cond(Field::Path, Op::Prefix, text("/"))),
        (
            r#"path IN ["/a", "b/c/"]"#,
            cond(Field::Path, Op::In, list(vec![t("/a/"), t("/b/c/")])),
        ),
        (r#"path NOT = "/x/""#, cond(Field::Path, Op::NotEq, text("/x/"))),
    ];
    check(cases);
}

#[test]
fn metadata_fields() {
    let cases: Vec<(&str, Expr)> = vec![
        (
            r#"customMetadata.brand = "Nike""#,
            cond(custom("brand"), Op::Eq, text("Nike")),
        ),
        (
            r#"CUSTOMMETADATA.Brand_2-x : "Ni""#,
            cond(custom("Brand_2-x"), Op::Prefix, text("Ni")),
        ),
        (
            r#""customMetadata.desc" HAS "red shoe""#,
            cond(custom("desc"), Op::Has, text("red shoe")),
        ),
        (
            r#""customMetadata.inStock" = true"#,
            cond(custom("inStock"), Op::Eq, Operand::Bool(true)),
        ),
        (
            r#""customMetadata.launch" < 2021-06-01"#,
            cond(
                custom("launch"),
                Op::Lt,
                Operand::TimeMs(utc(2021, 6, 1, 0, 0, 0)),
            ),
        ),
        (
            r#""customMetadata.launch" > "7d""#,
            cond(custom("launch"), Op::Gt, text("7d")),
        ),
        (
            "\"customMetadata.temp\" < -1.5e2",
            cond(custom("temp"), Op::Lt, Operand::Number(-150.0)),
        ),
        (
            "\"customMetadata.big\" = 99999999999999999999",
            cond(
                custom("big"),
                Op::Eq,
                Operand::Number(99_999_999_999_999_999_999.0),
            ),
        ),
        (
            r#""customMetadata.mix" IN [1, 2.5, "x", true]"#,
            cond(
                custom("mix"),
                Op::In,
                list(vec![
                    Scalar::Integer(1),
                    Scalar::Number(2.5),
                    t("x"),
                    Scalar::Bool(true),
                ]),
            ),
        ),
        (
            r#""customMetadata.sku" NOT EXISTS"#,
            cond(custom("sku"), Op::NotExists, Operand::None),
        ),
        (
            r#""customMetadata.sku" NOT = "a""#,
            cond(custom("sku"), Op::NotEq, text("a")),
        ),
        (
            r#"embeddedMetadata.DateTimeOriginal > "2019-05-01""#,
            cond(
                embedded("DateTimeOriginal"),
                Op::Gt,
                Operand::TimeMs(utc(2019, 5, 1, 0, 0, 0)),
            ),
        ),
        (
            r#""embeddedMetadata.DateTimeOriginal" >= "1y""#,
            cond(
                embedded("DateTimeOriginal"),
                Op::Ge,
                Operand::TimeMs(utc(2023, 3, 31, 12, 0, 0)),
            ),
        ),
        (
            r#""embeddedMetadata.LocationTaken" = "12.9,77.5 5km""#,
            cond(embedded("LocationTaken"), Op::Eq, text("12.9,77.5 5km")),
        ),
        (
            r#""embeddedMetadata.Keywords" EXISTS"#,
            cond(embedded("Keywords"), Op::Exists, Operand::None),
        ),
    ];
    check(cases);
}

#[test]
fn dates() {
    let at = |query: &str| match ok(query) {
        Expr::Cond(c) => c.value,
        other => panic!("{query}: not a condition: {other:?}"),
    };
    let cases: Vec<(&str, i64)> = vec![
        (r#"createdAt > "2h""#, now() - 2 * 3_600_000),
        (r#"createdAt > "3w""#, now() - 21 * DAY),
        (r#"createdAt > "1m""#, utc(2024, 2, 29, 12, 0, 0)),
        (r#"createdAt > "13M""#, utc(2023, 2, 28, 12, 0, 0)),
        (r#"createdAt > "1y""#, utc(2023, 3, 31, 12, 0, 0)),
        (r#"createdAt > "0d""#, now()),
        (r#"createdAt > "2020-01-01""#, utc(2020, 1, 1, 0, 0, 0)),
        ("createdAt > 2020-01-01T10:00:00", utc(2020, 1, 1, 10, 0, 0)),
        ("createdAt > 2020-01-01T10:00:00Z", utc(2020, 1, 1, 10, 0, 0)),
        (
            r#"createdAt > "2020-01-01T10:00:00.250Z""#,
            utc(2020, 1, 1, 10, 0, 0) + 250,
        ),
        (r#"createdAt > "2020-01-01 10:00""#, utc(2020, 1, 1, 10, 0, 0)),
        (
            r#"createdAt > "2020-01-01T10:00:00+02:00""#,
            utc(2020, 1, 1, 8, 0, 0),
        ),
        (
            r#"createdAt > "2020-01-01T10:00:00-0130""#,
            utc(2020, 1, 1, 11, 30, 0),
        ),
    ];
    for (query, ms) in cases {
        assert_eq!(at(query), Operand::TimeMs(ms), "{query}");
    }
    assert_eq!(
        at(r#"updatedAt IN [2020-01-01, "1d"]"#),
        list(vec![
            Scalar::TimeMs(utc(2020, 1, 1, 0, 0, 0)),
            Scalar::TimeMs(now() - DAY)
        ])
    );
}

#[test]
fn keywords_case_and_spacing() {
    let expected = Expr::Or(vec![
        Expr::And(vec![
            cond(Field::Tags, Op::In, list(vec![t("a")])),
            cond(Field::Name, Op::NotIn, list(vec![t("b")])),
        ]),
        cond(Field::Size, Op::NotEq, Operand::Integer(5)),
    ]);
    let variants = [
        r#"tags IN ["a"] AND name NOT IN ["b"] OR size NOT = 5"#,
        r#"tags in ["a"] and name not in ["b"] or size not = 5"#,
        r#"TAGS In ["a"] aNd NAME Not In ["b"] Or SIZE nOt = 5"#,
        "tags   IN[\"a\"]\n\tAND\r\nname not\tin [ \"b\" ]   or size NOT= 5",
        r#"  tags IN [ "a" ]AND name NOT IN["b"]OR size NOT=5  "#,
        "tags\u{a0}IN [\"a\"] AND name NOT IN [\"b\"] OR size NOT = 5",
    ];
    for query in variants {
        assert_eq!(ok(query), expected, "{query:?}");
    }
    assert_eq!(ok("tags exists"), cond(Field::Tags, Op::Exists, Operand::None));
    assert_eq!(
        ok("tags not exists"),
        cond(Field::Tags, Op::NotExists, Operand::None)
    );
    assert_eq!(ok(r#"name has "x""#), cond(Field::Name, Op::Has, text("x")));
    assert_eq!(ok(r#"name="x""#), name_eq("x"));
}

#[test]
fn precedence_grouping_and_flattening() {
    let (a, b, c, d) = (name_eq("a"), name_eq("b"), name_eq("c"), name_eq("d"));
    let cases: Vec<(&str, Expr)> = vec![
        (
            r#"name = "a" AND name = "b" OR name = "c" AND name = "d""#,
            Expr::Or(vec![
                Expr::And(vec![a.clone(), b.clone()]),
                Expr::And(vec![c.clone(), d.clone()]),
            ]),
        ),
        (
            r#"name = "a" OR name = "b" AND name = "c""#,
            Expr::Or(vec![a.clone(), Expr::And(vec![b.clone(), c.clone()])]),
        ),
        (
            r#"(name = "a" OR name = "b") AND name = "c""#,
            Expr::And(vec![Expr::Or(vec![a.clone(), b.clone()]), c.clone()]),
        ),
        (r#"((name = "a"))"#, a.clone()),
        (
            r#"(name = "a" AND name = "b") AND (name = "c" AND name = "d")"#,
            Expr::And(vec![a.clone(), b.clone(), c.clone(), d.clone()]),
        ),
        (
            r#"name = "a" OR (name = "b" OR (name = "c"))"#,
            Expr::Or(vec![a.clone(), b.clone(), c.clone()]),
        ),
        (
            r#"name = "a" AND (name = "b" OR name = "c")"#,
            Expr::And(vec![a.clone(), Expr::Or(vec![b.clone(), c.clone()])]),
        ),
    ];
    check(cases);
}

#[test]
fn nesting_up_to_the_limit() {
    let depth = crate::MAX_DEPTH;
    let query = format!("{}name = \"a\"{}", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(ok(&query), name_eq("a"));
    let conditions = vec![r#"size > 1"#; crate::MAX_CONDITIONS].join(" OR ");
    assert!(matches!(ok(&conditions), Expr::Or(items) if items.len() == crate::MAX_CONDITIONS));
}

#[test]
fn string_contents() {
    let cases: Vec<(&str, Expr)> = vec![
        (r#"name = "say \"hi\" \\ now""#, name_eq(r#"say "hi" \ now"#)),
        (r#"name = "back\slash""#, name_eq(r"back\slash")),
        (r#"name = """#, name_eq("")),
        ("name = \"café ☕ 日本\"", name_eq("café ☕ 日本")),
        (r#"name = "a AND b OR (c)""#, name_eq("a AND b OR (c)")),
        (
            r#"tags IN "single""#,
            cond(Field::Tags, Op::In, list(vec![t("single")])),
        ),
        (r#""name" = "quoted field""#, name_eq("quoted field")),
        (
            "size > 9223372036854775807",
            cond(Field::Size, Op::Gt, Operand::Integer(i64::MAX)),
        ),
    ];
    check(cases);
}

fn check(cases: Vec<(&str, Expr)>) {
    for (query, expected) in cases {
        assert_eq!(ok(query), expected, "{query}");
    }
}
