//! The searchQuery compiler against a real database: what each field and operator matches,
//! and that hostile values stay data (every query runs, nothing changes).

use serde_json::json;
use store::{Kinds, ListItem, ListQuery, MetaStore, NewVersion, OverwritePolicy, SortKey, VersionRecord};

const NOW: i64 = 1_800_000_000_000;
const DAY: i64 = 86_400_000;

fn file(
    n: u32,
    folder: &str,
    name: &str,
    size: i64,
    tags: &[&str],
    meta: serde_json::Value,
    age_days: i64,
) -> NewVersion {
    let id = format!("{:024x}", 0xa000 + n);
    NewVersion {
        id: id.clone(),
        file_path: format!("{folder}{name}"),
        name: name.into(),
        folder_path: folder.into(),
        version: VersionRecord {
            version_id: id.clone(),
            version_number: 1,
            blob_key: format!("originals/{id}"),
            size,
            mime: if name.ends_with(".png") {
                "image/png".into()
            } else {
                "text/plain".into()
            },
            file_type: if name.ends_with(".png") {
                "image".into()
            } else {
                "non-image".into()
            },
            width: Some(size / 10),
            height: Some(100),
            has_alpha: name.ends_with(".png"),
            is_private: n == 3,
            is_published: true,
            tags: (!tags.is_empty()).then(|| tags.iter().map(|t| t.to_string()).collect()),
            ai_tags: (n == 2)
                .then(|| json!([{"name": "sunset", "confidence": 90, "source": "google-auto-tagging"}])),
            custom_coordinates: None,
            custom_metadata: meta,
            description: None,
            embedded_metadata: None,
            working: Vec::new(),
            created_at: NOW - age_days * DAY,
            updated_at: NOW - age_days * DAY,
        },
    }
}

/// Fills an empty store with the four files the cases below expect.
async fn library(store: &dyn MetaStore) {
    let policy = OverwritePolicy {
        allow: false,
        keep_tags: false,
        keep_ai_tags: false,
        keep_custom_metadata: false,
        max_versions: 100,
    };
    let files = [
        file(
            1,
            "/shop/",
            "blue-shirt.png",
            5_000,
            &["summer", "sale"],
            json!({"brand": "Nike", "price": 20}),
            1,
        ),
        file(
            2,
            "/shop/",
            "red-shirt.png",
            50_000,
            &["winter"],
            json!({"brand": "Puma", "price": 35, "colors": ["red", "blue"]}),
            10,
        ),
        file(3, "/shop/old/", "notes.txt", 100, &[], json!({}), 400),
        file(
            4,
            "/blog/",
            "banner.png",
            2_000_000,
            &["sale"],
            json!({"brand": "Nike", "price": 99.5}),
            40,
        ),
    ];
    for f in files {
        store.put_version(f, policy).await.expect("seed");
    }
}

fn search(text: &str) -> ListQuery {
    ListQuery {
        kinds: Kinds {
            files: true,
            versions: false,
            folders: true,
        },
        path: None,
        file_type: None,
        filter: Some(query::parse(text, NOW).unwrap_or_else(|e| panic!("{text}: {e}"))),
        any_tags: None,
        name: None,
        sort: SortKey::Name,
        descending: false,
        limit: 100,
        skip: 0,
        now_ms: NOW,
    }
}

fn names(items: &[ListItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            ListItem::File(f) => f.name.clone(),
            ListItem::Folder(f) => format!("{}/", f.name),
        })
        .collect()
}

pub async fn each_field_and_operator_matches_what_the_spec_says(store: &dyn MetaStore) {
    library(store).await;
    let cases: &[(&str, &[&str])] = &[
        (r#"name = "red-shirt.png""#, &["red-shirt.png"]),
        (r#"name : "blue""#, &["blue-shirt.png"]),
        (
            r#"name NOT = "red-shirt.png" AND type = "file""#,
            &["banner.png", "blue-shirt.png", "notes.txt"],
        ),
        (r#"name HAS "SHIRT blu""#, &["blue-shirt.png"]),
        (r#"tags IN ["sale"]"#, &["banner.png", "blue-shirt.png"]),
        (r#"tags IN ["sunset"]"#, &["red-shirt.png"]),
        (r#"AITags IN ["summer"]"#, &[]),
        (
            r#"tags NOT IN ["sale"] AND type = "file""#,
            &["notes.txt", "red-shirt.png"],
        ),
        (r#"tags NOT EXISTS AND type = "file""#, &["notes.txt"]),
        (r#"size > 10000 AND size < 1000000"#, &["red-shirt.png"]),
        (r#"size >= "1mb""#, &["banner.png"]),
        (r#"width IN [500, 10]"#, &["blue-shirt.png", "notes.txt"]),
        (r#"createdAt > "7d""#, &["blue-shirt.png", "shop/"]),
        (r#"createdAt < "1y" AND type = "file""#, &["notes.txt"]),
        (
            r#"format = "png" AND private = false"#,
            &["banner.png", "blue-shirt.png", "red-shirt.png"],
        ),
        (r#"private = true"#, &["notes.txt"]),
        (r#"transparency = true AND size < 10000"#, &["blue-shirt.png"]),
        (r#"path = "/shop/""#, &["blue-shirt.png", "old/", "red-shirt.png"]),
        (
            r#"path : "/shop/" AND type = "file""#,
            &["blue-shirt.png", "notes.txt", "red-shirt.png"],
        ),
        (r#"type = "folder""#, &["blog/", "old/", "shop/"]),
        (
            r#""customMetadata.brand" = "Nike""#,
            &["banner.png", "blue-shirt.png"],
        ),
        (r#""customMetadata.price" > 30"#, &["banner.png", "red-shirt.png"]),
        (r#""customMetadata.colors" IN ["blue"]"#, &["red-shirt.png"]),
        (
            r#""customMetadata.brand" NOT = "Nike" AND type = "file""#,
            &["notes.txt", "red-shirt.png"],
        ),
        (r#""customMetadata.colors" EXISTS"#, &["red-shirt.png"]),
        (r#""customMetadata.brand" : "Pu""#, &["red-shirt.png"]),
        (
            r#"(tags IN ["winter"] OR size > 1000000) AND fileType = "image""#,
            &["banner.png", "red-shirt.png"],
        ),
        (r#"id = "00000000000000000000a001""#, &["blue-shirt.png"]),
        (r#"createdBy = "someone@example.com""#, &[]),
    ];
    for (text, expected) in cases {
        let found = store
            .list(&search(text))
            .await
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(names(&found), *expected, "{text}");
    }
}

pub async fn hostile_values_are_data(store: &dyn MetaStore) {
    library(store).await;
    let payloads = [
        "x' OR 1=1 --",
        "\\\" OR \\\"1\\\"=\\\"1",
        "'); DROP TABLE files; --",
        "%",
        "_",
        "\\",
        "%' OR '%'='",
    ];
    let templates = [
        "name = \"{}\"",
        "name : \"{}\"",
        "name HAS \"{}\"",
        "tags IN [\"{}\"]",
        "tags HAS \"{}\"",
        "path = \"{}\"",
        "path : \"{}\"",
        "format = \"{}\"",
        "id IN [\"{}\"]",
        "\"customMetadata.brand\" = \"{}\"",
        "\"customMetadata.brand\" : \"{}\"",
        "\"embeddedMetadata.Make\" = \"{}\"",
        "\"embeddedMetadata.Make\" HAS \"{}\"",
    ];
    for payload in payloads {
        for template in templates {
            let text = template.replace("{}", payload);
            let Ok(expr) = query::parse(&text, NOW) else {
                continue;
            };
            let mut q = search("type = \"file\"");
            q.filter = Some(expr);
            let found = store.list(&q).await.unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(found.is_empty(), "{text} matched {:?}", names(&found));
        }
    }
    // Comparisons with hostile strings are ordinary string comparisons: they run, and
    // what they match is ordering, not injection.
    for payload in payloads {
        let text = format!("\"customMetadata.brand\" > \"{}\"", payload.replace('"', "\\\""));
        if let Ok(expr) = query::parse(&text, NOW) {
            let mut q = search("type = \"file\"");
            q.filter = Some(expr);
            assert!(store.list(&q).await.is_ok(), "{text}");
        }
    }
    let all = store.list(&search("size > 0")).await.expect("list");
    assert_eq!(all.len(), 4, "every file is still there");
}
