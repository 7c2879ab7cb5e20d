//! File details, delete and bulk delete.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use super::ApiResult;
use crate::body::read_object;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::{Urls, file_view};

pub async fn details(state: &AppState, file_id: &str) -> ApiResult {
    let record = state.library.file_details(file_id).await?;
    Ok(Json(file_view(&record, &Urls(&state.url_endpoint))).into_response())
}

/// 204 with an empty body; any body the client sent (PHP sends `["<id>"]`) is ignored.
pub async fn delete(state: &AppState, file_id: &str) -> ApiResult {
    state.library.delete_file(file_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn bulk_delete(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    let body = read_object(headers, body).await?;
    let ids = file_ids(&body)?;
    let deleted = state.library.delete_files(&ids).await?;
    Ok(Json(json!({ "successfullyDeletedFileIds": deleted })).into_response())
}

fn file_ids(body: &Value) -> Result<Vec<String>, ApiError> {
    let value = body
        .get("fileIds")
        .ok_or_else(|| ApiError::bad_request("fileIds parameter is missing."))?;
    let items = value
        .as_array()
        .ok_or_else(|| ApiError::bad_request("fileIds should be an Array."))?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| ApiError::bad_request("fileIds should be an Array of strings."))
        })
        .collect()
}
