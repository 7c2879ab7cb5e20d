//! `halftone migrate-store` end to end: files uploaded over HTTP to an embedded server are
//! copied to a fresh S3 prefix (a second run copies nothing), a server on that prefix (SQLite
//! still in the same data dir) delivers the same bytes, and so does one on a fresh local
//! folder migrated back from S3.

mod common;

use std::path::Path;
use std::process::Command;

use common::{S3Target, Server, data_path, temp_dir, upload};

/// Runs `halftone migrate-store` with only the given settings; returns (success, stderr).
fn migrate(data_dir: &Path, s3: &S3Target, args: &[&str]) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_halftone"));
    command
        .args(["migrate-store", "--quiet", "--data-dir"])
        .arg(data_dir)
        .args(args)
        .env("HALFTONE_S3_ENDPOINT", &s3.endpoint)
        .env("RUST_LOG", "warn");
    for (name, _) in std::env::vars() {
        if name.starts_with("HALFTONE_") && name != "HALFTONE_S3_ENDPOINT" {
            command.env_remove(name);
        }
    }
    let output = command.output().expect("run migrate-store");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn download(server: &Server, file_path: &str) -> Vec<u8> {
    let response = reqwest::get(format!("{}{file_path}", server.endpoint))
        .await
        .expect("delivery");
    assert_eq!(response.status().as_u16(), 200, "{file_path}");
    response.bytes().await.expect("body").to_vec()
}

/// Files by name as they are uploaded: an image, bytes larger than S3's multipart part size
/// and a name with a space and non-ASCII letters.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    let large: Vec<u8> = (0..6 * 1024 * 1024 + 3).map(|i: u32| (i % 253) as u8).collect();
    vec![
        ("a.png", common::PNG.to_vec()),
        ("big.bin", large),
        ("ünï code.txt", b"plain text".to_vec()),
    ]
}

#[tokio::test]
async fn to_s3_and_back_delivers_the_same_bytes() {
    let Some(s3) = S3Target::from_env() else { return };
    let dir = temp_dir();
    let data = data_path(&dir);
    // Embedded on purpose, whatever HALFTONE_TEST_MODE says: the source is the data dir.
    let embedded = Server::start(
        &data,
        &[("HALFTONE_STORE", ""), ("HALFTONE_MAX_UPLOAD_SIZE", "20MB")],
    );
    let folder = common::random_name();
    let mut paths = Vec::new();
    for (name, bytes) in files() {
        let (status, body) = upload(
            &embedded,
            &[
                ("fileName", name),
                ("folder", &folder),
                ("useUniqueFileName", "false"),
            ],
            Some((name, &bytes)),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let path = body["filePath"].as_str().expect("filePath").to_owned();
        paths.push((path, bytes));
    }
    // A rendered variant, so the cache tier has a body to move too.
    let variant = format!("/tr:w-1{}", paths[0].0);
    let rendered = download(&embedded, &variant).await;
    wait_for_cache_body(&data).await;
    drop(embedded);

    let target = format!("s3://{}/{}", s3.bucket, common::random_name());
    let (ok, log) = migrate(&data, &s3, &["--to", &target]);
    assert!(ok, "{log}");
    assert!(log.contains(" 0 failed"), "{log}");
    assert!(!log.contains(" 0 copied"), "copied something: {log}");
    let (ok, again) = migrate(&data, &s3, &["--to", &target]);
    assert!(ok, "{again}");
    assert!(
        again.contains(" 0 copied") && !again.contains(" 0 already present"),
        "a re-run copies nothing: {again}"
    );

    // The originals are gone from the data dir: only the S3 copy can answer.
    std::fs::remove_dir_all(data.join("blobs")).expect("remove local blobs");
    std::fs::remove_dir_all(data.join("cache")).expect("remove local cache");
    let on_s3 = Server::start(
        &data,
        &[
            ("HALFTONE_STORE", target.as_str()),
            ("HALFTONE_S3_ENDPOINT", s3.endpoint.as_str()),
        ],
    );
    for (path, bytes) in &paths {
        assert!(download(&on_s3, path).await == *bytes, "{path} from S3");
    }
    assert_eq!(download(&on_s3, &variant).await, rendered, "the cached variant");
    drop(on_s3);

    let back = dir.path().join("back");
    let back_text = back.to_string_lossy().into_owned();
    let (ok, log) = migrate(&data, &s3, &["--from", &target, "--to", &back_text]);
    assert!(ok, "{log}");
    let local = Server::start(&data, &[("HALFTONE_STORE", back_text.as_str())]);
    for (path, bytes) in &paths {
        assert!(
            download(&local, path).await == *bytes,
            "{path} from the local folder"
        );
    }
}

#[test]
fn the_same_store_twice_is_refused() {
    let dir = temp_dir();
    let data = data_path(&dir);
    let output = Command::new(env!("CARGO_BIN_EXE_halftone"))
        .args(["migrate-store", "--quiet", "--data-dir"])
        .arg(&data)
        .arg("--to")
        .arg(&data)
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("same store"));
}

/// The disk tier is written after the answer; wait until its body is on disk.
async fn wait_for_cache_body(data: &Path) {
    for _ in 0..100 {
        let cache = data.join("cache").join("cache");
        let found = std::fs::read_dir(&cache)
            .ok()
            .and_then(|mut d| d.next())
            .is_some();
        if found {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no cache body was written");
}
