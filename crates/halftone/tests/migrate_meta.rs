//! Black-box: `halftone migrate-meta` moves a library from the embedded SQLite store to
//! PostgreSQL and back, a rerun is a verified no-op, and a server on the copy answers
//! list and details as the original did. Needs `HALFTONE_TEST_PG_URL` (see
//! `crates/store/tests/support/pg_url.rs`).

mod common;
#[path = "../../store/tests/support/pg_url.rs"]
mod pg_url;

use std::path::Path;
use std::process::Command;

use common::{PNG, Server, json_of, temp_dir, upload};

const KEYS: [(&str, &str); 2] = [
    ("HALFTONE_PRIVATE_KEY", "private_migrate_meta_test"),
    ("HALFTONE_PUBLIC_KEY", "public_migrate_meta_test"),
];

/// Runs `halftone migrate-meta` with `args`; returns whether it succeeded and its stderr.
fn migrate(args: &[&str]) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_halftone"));
    command.arg("migrate-meta").args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("HALFTONE_") {
            command.env_remove(name);
        }
    }
    let out = command.output().expect("run migrate-meta");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The list of `/mig/` and every file's details, with the server's own address replaced
/// so two servers' answers compare.
async fn answers(server: &Server) -> String {
    let client = reqwest::Client::new();
    let get = |path: String| {
        client
            .get(server.url(&path))
            .header("authorization", server.auth())
            .send()
    };
    let (status, list) = json_of(
        get("/v1/files?path=/mig&sort=ASC_NAME".into())
            .await
            .expect("list"),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let mut out = vec![list.clone()];
    for file in list.as_array().expect("a list") {
        let id = file["fileId"].as_str().expect("fileId");
        let (status, details) = json_of(get(format!("/v1/files/{id}/details")).await.expect("details")).await;
        assert_eq!(status, 200, "{details}");
        out.push(details);
        let (status, versions) =
            json_of(get(format!("/v1/files/{id}/versions")).await.expect("versions")).await;
        assert_eq!(status, 200, "{versions}");
        out.push(versions);
    }
    serde_json::Value::Array(out)
        .to_string()
        .replace(&server.base, "BASE")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[tokio::test]
async fn a_library_moves_to_postgres_and_back_with_the_same_answers() {
    let Some(pg) = pg_url::fresh_url() else { return };
    let dir = temp_dir();
    let (first_data, second_data) = (dir.path().join("first"), dir.path().join("second"));
    let first = Server::start(&first_data, &KEYS);
    for (name, tags) in [("a.png", "red,sale"), ("b.png", "blue"), ("a.png", "again")] {
        let fields = [
            ("fileName", name),
            ("folder", "/mig"),
            ("tags", tags),
            ("useUniqueFileName", "false"),
        ];
        let (status, body) = upload(&first, &fields, Some((name, PNG))).await;
        assert_eq!(status, 200, "{body}");
    }
    let before = answers(&first).await;
    assert!(
        before.contains("again"),
        "the overwrite made a second version: {before}"
    );
    drop(first);

    let first_db = format!("sqlite://{}", first_data.join("halftone.db").display());
    let data_dir = first_data.to_str().expect("utf-8 path");
    let (ok, log) = migrate(&["--to", &pg, "--data-dir", data_dir]);
    assert!(ok, "SQLite -> PostgreSQL: {log}");
    assert!(log.contains("Verified"), "{log}");
    let (ok, log) = migrate(&["--from", &first_db, "--to", &pg]);
    assert!(
        ok && log.contains("Verified"),
        "a rerun is a verified no-op: {log}"
    );

    let second_db = format!("sqlite://{}", second_data.join("halftone.db").display());
    std::fs::create_dir_all(&second_data).expect("second data dir");
    let (ok, log) = migrate(&["--from", &pg, "--to", &second_db]);
    assert!(ok, "PostgreSQL -> SQLite: {log}");
    copy_dir(&first_data.join("blobs"), &second_data.join("blobs"));

    let second = Server::start(&second_data, &KEYS);
    assert_eq!(answers(&second).await, before, "same list, details and versions");
    let (status, body) = upload(
        &second,
        &[("fileName", "c.png"), ("folder", "/mig")],
        Some(("c.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    drop(second);

    // The copy now has a file PostgreSQL lacks: copying into it cannot verify.
    let (ok, log) = migrate(&["--from", &pg, "--to", &second_db]);
    assert!(!ok, "a target with other rows fails verification: {log}");
    assert!(log.contains("verification failed"), "{log}");
    let _ = <sqlx::Postgres as sqlx::migrate::MigrateDatabase>::drop_database(&pg).await;
}
