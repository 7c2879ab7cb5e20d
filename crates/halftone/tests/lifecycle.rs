//! Black-box: the real binary survives a crash with files, bytes and keys intact, and
//! overwrites make versions.

mod common;

use common::{PNG, Server, data_path, json_of, temp_dir, upload};

#[tokio::test]
async fn a_killed_server_restarts_with_files_bytes_and_generated_keys() {
    let dir = temp_dir();
    let first = Server::start(&data_path(&dir), &[]);
    assert!(first.private_key.starts_with("private_"), "{}", first.private_key);
    assert!(first.public_key.starts_with("public_"), "{}", first.public_key);
    let (status, uploaded) = upload(
        &first,
        &[("fileName", "cat.png"), ("folder", "/crash")],
        Some(("cat.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{uploaded}");
    let keys = (first.private_key.clone(), first.public_key.clone());
    first.kill();

    let second = Server::start(&data_path(&dir), &[]);
    assert_eq!((second.private_key.clone(), second.public_key.clone()), keys);
    let id = uploaded["fileId"].as_str().expect("fileId");
    let details = reqwest::Client::new()
        .get(second.url(&format!("/v1/files/{id}/details")))
        .header("authorization", second.auth())
        .send()
        .await
        .expect("details");
    let (status, file) = json_of(details).await;
    assert_eq!(status, 200);
    assert_eq!(file["filePath"], uploaded["filePath"]);
    let path = file["filePath"].as_str().expect("filePath");
    let bytes = reqwest::get(format!("{}{path}", second.endpoint))
        .await
        .expect("delivery")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(&bytes[..], PNG);
}

#[tokio::test]
async fn overwrites_add_versions_and_can_be_refused() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let fields = [
        ("fileName", "same.png"),
        ("folder", "v"),
        ("useUniqueFileName", "false"),
        ("tags", "a,b"),
    ];
    let (_, one) = upload(&server, &fields, Some(("same.png", PNG))).await;
    let (status, two) = upload(
        &server,
        &[
            ("fileName", "same.png"),
            ("folder", "v"),
            ("useUniqueFileName", "false"),
        ],
        Some(("same.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{two}");
    assert_eq!(one["fileId"], two["fileId"]);
    assert_eq!(one["versionInfo"]["id"], one["fileId"]);
    assert_eq!(two["versionInfo"]["name"], "Version 2");
    assert_ne!(two["versionInfo"]["id"], one["versionInfo"]["id"]);

    let refused = [
        ("fileName", "same.png"),
        ("folder", "v"),
        ("useUniqueFileName", "false"),
        ("overwriteFile", "false"),
    ];
    let (status, body) = upload(&server, &refused, Some(("same.png", PNG))).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "A file with the same name already exists at the exact location. We could not overwrite it because both overwriteFile and useUniqueFileName are set to false."
    );
}

#[tokio::test]
async fn a_root_url_endpoint_serves_files_at_the_root() {
    let dir = temp_dir();
    let server = Server::start(
        &data_path(&dir),
        &[("HALFTONE_URL_ENDPOINT", "http://cdn.example.test/")],
    );
    assert_eq!(server.endpoint, "http://cdn.example.test");
    let (_, file) = upload(
        &server,
        &[("fileName", "root.png"), ("useUniqueFileName", "false")],
        Some(("root.png", PNG)),
    )
    .await;
    assert_eq!(file["url"], "http://cdn.example.test/root.png");
    let response = reqwest::get(server.url("/root.png")).await.expect("delivery");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(&response.bytes().await.expect("bytes")[..], PNG);
}
