//! Liveness (`/healthz`: the process answers, no store is touched, so a slow store never
//! gets an instance restarted) and readiness (`/readyz`: every store answers, so a load
//! balancer sends no traffic to an instance that cannot serve it).

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::json;

use crate::state::AppState;

pub fn live() -> Response {
    (StatusCode::OK, axum::Json(json!({"status": "ok"}))).into_response()
}

pub async fn ready(state: &AppState) -> Response {
    let failing = state.library.failing_stores().await;
    if failing.is_empty() {
        return (StatusCode::OK, axum::Json(json!({"status": "ok"}))).into_response();
    }
    // The store's name only: its error text (hosts, buckets) goes to the log.
    let names: Vec<&str> = failing.iter().map(|f| f.store).collect();
    for failure in &failing {
        tracing::warn!(store = failure.store, error = %failure.error, "readiness check failed");
    }
    let body = json!({"status": "unavailable", "failing": names});
    (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
}
