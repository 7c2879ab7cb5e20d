//! File versions and the details update.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{HeaderMap, StatusCode};

use super::ApiResult;
use crate::body::read_object;
use crate::state::AppState;
use crate::views::{Urls, file_view, version_view};

pub async fn list(state: &AppState, file_id: &str) -> ApiResult {
    let urls = Urls(&state.url_endpoint);
    let versions = state.library.versions(file_id).await?;
    let views: Vec<_> = versions.iter().map(|r| version_view(r, &urls, true)).collect();
    Ok(Json(views).into_response())
}

pub async fn get(state: &AppState, file_id: &str, version_id: &str) -> ApiResult {
    let record = state.library.version(file_id, version_id).await?;
    Ok(Json(version_view(&record, &Urls(&state.url_endpoint), false)).into_response())
}

pub async fn delete(state: &AppState, file_id: &str, version_id: &str) -> ApiResult {
    state.library.delete_version(file_id, version_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn restore(state: &AppState, file_id: &str, version_id: &str) -> ApiResult {
    let record = state.library.restore_version(file_id, version_id).await?;
    Ok(Json(file_view(&record, &Urls(&state.url_endpoint))).into_response())
}

pub async fn update_details(state: &AppState, file_id: &str, headers: &HeaderMap, body: Body) -> ApiResult {
    let body = read_object(headers, body).await?;
    let record = state.library.update_details(file_id, &body).await?;
    Ok(Json(file_view(&record, &Urls(&state.url_endpoint))).into_response())
}
