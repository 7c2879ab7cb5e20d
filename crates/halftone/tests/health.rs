//! Liveness and readiness against the real binary: `/healthz` answers without touching a
//! store, `/readyz` probes them and names the one that fails.

mod common;

use common::{Server, data_path, json_of, temp_dir};

#[tokio::test]
async fn both_answer_ok_on_the_embedded_stores() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let client = reqwest::Client::new();
    for path in ["/healthz", "/readyz"] {
        let response = client.get(server.url(path)).send().await.expect(path);
        let (status, body) = json_of(response).await;
        assert_eq!(
            (status, body),
            (200, serde_json::json!({"status": "ok"})),
            "{path}"
        );
    }
    let head = client.head(server.url("/readyz")).send().await.expect("HEAD");
    assert_eq!(head.status().as_u16(), 200);
}

#[tokio::test]
async fn an_unreachable_blob_store_is_not_ready_but_alive() {
    let dir = temp_dir();
    // Nothing listens on port 9 of loopback: every S3 request is refused.
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_STORE", "s3://nowhere/prefix"),
            ("HALFTONE_S3_ENDPOINT", "http://127.0.0.1:9"),
            // Without keys the client would ask the cloud's metadata address for some.
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
        ],
    );
    let client = reqwest::Client::new();
    let live = client.get(server.url("/healthz")).send().await.expect("healthz");
    assert_eq!(live.status().as_u16(), 200, "liveness does not touch the stores");
    let started = std::time::Instant::now();
    let ready = client.get(server.url("/readyz")).send().await.expect("readyz");
    let (status, body) = json_of(ready).await;
    assert_eq!(status, 503);
    assert_eq!(body["failing"], serde_json::json!(["blobs"]), "{body}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the probe is bounded in time"
    );
}

#[tokio::test]
async fn a_wrong_s3_secret_is_not_ready() {
    let Some(s3) = common::S3Target::from_env() else {
        return;
    };
    let dir = temp_dir();
    let store = format!("s3://{}/{}", s3.bucket, common::random_name());
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_STORE", store.as_str()),
            ("HALFTONE_S3_ENDPOINT", s3.endpoint.as_str()),
            ("AWS_SECRET_ACCESS_KEY", "not-the-secret"),
        ],
    );
    let ready = reqwest::get(server.url("/readyz")).await.expect("readyz");
    let (status, body) = json_of(ready).await;
    assert_eq!(
        (status, &body["failing"]),
        (503, &serde_json::json!(["blobs"])),
        "{body}"
    );
}
