//! Black-box: the management API's and the uploads' request budgets (spec §4). Limits are
//! tiny so a budget runs out within a few requests; nothing here measures time: a test
//! waits as long as the server's `X-RateLimit-Reset` says, then expects a success.

mod common;

use std::time::Duration;

use common::{PNG, Server, data_path, json_of, temp_dir, upload};
use reqwest::header::HeaderMap;

/// Two requests per 4 s: refills one every 2 s, long after a few quick requests.
const TINY: &[(&str, &str)] = &[
    ("HALFTONE_RATE_LIMIT_REQUESTS", "2"),
    ("HALFTONE_RATE_LIMIT_INTERVAL", "4s"),
];

async fn list(server: &Server, auth: &str) -> (u16, serde_json::Value, HeaderMap) {
    let response = reqwest::Client::new()
        .get(server.url("/v1/files"))
        .header("authorization", auth)
        .send()
        .await
        .expect("list");
    let headers = response.headers().clone();
    let (status, body) = json_of(response).await;
    (status, body, headers)
}

fn number(headers: &HeaderMap, name: &str) -> u64 {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} missing or not a number: {headers:?}"))
}

/// Lists until refused (the budget is 2, so within 10 calls), returning the refusal.
async fn exhaust(server: &Server) -> (serde_json::Value, HeaderMap) {
    for _ in 0..10 {
        let (status, body, headers) = list(server, &server.auth()).await;
        if status == 429 {
            return (body, headers);
        }
        assert_eq!(status, 200, "{body}");
    }
    panic!("ten quick requests never hit a budget of two");
}

#[tokio::test]
async fn a_spent_budget_answers_imagekits_429_then_recovers_after_the_reset() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), TINY);
    let (body, headers) = exhaust(&server).await;
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert_eq!(
        body["help"],
        "For support kindly contact us at support@imagekit.io."
    );
    assert_eq!(number(&headers, "x-ratelimit-limit"), 2);
    assert_eq!(number(&headers, "x-ratelimit-interval"), 4000);
    let reset = number(&headers, "x-ratelimit-reset");
    assert!(reset > 0 && reset <= 4000, "reset {reset} ms");
    assert_eq!(number(&headers, "retry-after-ms"), reset);
    assert_eq!(number(&headers, "retry-after"), reset.div_ceil(1000));
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/json")
    );

    tokio::time::sleep(Duration::from_millis(reset)).await;
    let (status, body, _) = list(&server, &server.auth()).await;
    assert_eq!(status, 200, "after waiting the reset: {body}");
}

#[tokio::test]
async fn uploads_delivery_and_strangers_do_not_spend_the_management_budget() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), TINY);
    let (status, uploaded) = upload(
        &server,
        &[("fileName", "budget.png"), ("useUniqueFileName", "false")],
        Some(("budget.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{uploaded}");
    let client = reqwest::Client::new();
    for _ in 0..5 {
        let delivered = client
            .get(format!("{}/budget.png", server.endpoint))
            .send()
            .await
            .expect("delivery");
        assert_eq!(delivered.status().as_u16(), 200);
        let health = client.get(server.url("/healthz")).send().await.expect("health");
        assert_eq!(health.status().as_u16(), 200);
        let (status, _, _) = list(&server, "Basic cHJpdmF0ZV93cm9uZzo=").await;
        assert_eq!(status, 403, "a wrong key is refused, not counted");
    }
    // Had any of the above been counted, the budget of two would be gone already.
    for _ in 0..2 {
        let (status, body, _) = list(&server, &server.auth()).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = upload(&server, &[("fileName", "after.png")], Some(("after.png", PNG))).await;
    assert_eq!(status, 200, "uploads have their own budget: {body}");
}

#[tokio::test]
async fn uploads_have_their_own_budget() {
    let dir = temp_dir();
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_UPLOAD_RATE_LIMIT_REQUESTS", "1"),
            ("HALFTONE_UPLOAD_RATE_LIMIT_INTERVAL", "1h"),
        ],
    );
    let fields = [("fileName", "one.png")];
    let (first, body) = upload(&server, &fields, Some(("one.png", PNG))).await;
    assert_eq!(first, 200, "{body}");
    let (second, body) = upload(&server, &fields, Some(("one.png", PNG))).await;
    assert_eq!(second, 429, "{body}");
    assert!(body["message"].is_string() && body["help"].is_string(), "{body}");
    let (status, body, _) = list(&server, &server.auth()).await;
    assert_eq!(status, 200, "the management API is not limited here: {body}");
}
