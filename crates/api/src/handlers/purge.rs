//! `POST /v1/files/purge` and `GET /v1/files/purge/:requestId`.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{HeaderMap, StatusCode};
use serde_json::json;

use super::ApiResult;
use crate::body::read_object;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn create(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    let body = read_object(headers, body).await?;
    let url = body
        .get("url")
        .and_then(|u| u.as_str())
        .ok_or_else(|| ApiError::bad_request("Your request is missing url parameter."))?;
    let ticket = state.library.purge(url).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "requestId": ticket.request_id })),
    )
        .into_response())
}

pub async fn status(state: &AppState, request_id: &str) -> ApiResult {
    let status = state.library.purge_status(request_id).await?;
    Ok(Json(json!({ "status": status.as_str() })).into_response())
}
