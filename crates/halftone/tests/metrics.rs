//! Black-box: `/metrics` speaks Prometheus's text format and counts what was served.

mod common;

use common::{PNG, Server, data_path, temp_dir, upload};

/// The value of one sample line, e.g. `name{label="x"}`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

async fn scrape(server: &Server) -> String {
    let response = reqwest::get(server.url("/metrics")).await.expect("metrics");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    response.text().await.expect("text")
}

#[tokio::test]
async fn metrics_count_requests_cache_answers_and_renders() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let (status, uploaded) = upload(
        &server,
        &[("fileName", "m.png"), ("folder", "/metrics")],
        Some(("m.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{uploaded}");
    let path = uploaded["filePath"].as_str().expect("filePath");
    let url = format!("{}{path}?tr=w-2", server.endpoint);
    for _ in 0..3 {
        let got = reqwest::get(&url).await.expect("delivery");
        assert_eq!(got.status(), 200);
    }
    let missing = reqwest::get(format!("{}/metrics/none.png", server.endpoint))
        .await
        .expect("delivery");
    assert_eq!(missing.status(), 404);

    let text = scrape(&server).await;
    let count = |series: &str| sample(&text, series).unwrap_or_else(|| panic!("{series} missing in\n{text}"));
    assert_eq!(
        count(r#"halftone_http_requests_total{kind="delivery",status="2xx"}"#),
        3.0
    );
    assert_eq!(
        count(r#"halftone_http_requests_total{kind="delivery",status="4xx"}"#),
        1.0
    );
    assert_eq!(
        count(r#"halftone_http_requests_total{kind="upload",status="2xx"}"#),
        1.0
    );
    // The first request rendered and missed; the next two were RAM hits.
    assert_eq!(count(r#"halftone_cache_lookups_total{answer="ram"}"#), 2.0);
    assert_eq!(count("halftone_render_seconds_count"), 1.0);
    assert!(count(r#"halftone_blob_seconds_count{op="put"}"#) >= 1.0);
    assert!(
        text.contains("# TYPE halftone_http_request_duration_seconds histogram"),
        "{text}"
    );
}
