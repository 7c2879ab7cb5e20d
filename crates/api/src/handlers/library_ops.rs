//! Copy, move, rename, bulk tags, folders, bulk jobs and custom metadata fields: each
//! reads a JSON body, calls the library, and answers the spec's status and body.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{HeaderMap, StatusCode};
use library::TagOp;
use serde_json::json;

use super::ApiResult;
use crate::body::read_object;
use crate::state::AppState;
use crate::views::{field_view, job_view};

pub async fn copy(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    state
        .library
        .copy_file(&read_object(headers, body).await?)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn move_file(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    state
        .library
        .move_file(&read_object(headers, body).await?)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn rename(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    let purge = state
        .library
        .rename_file(&read_object(headers, body).await?)
        .await?;
    let body = match purge {
        Some(id) => json!({ "purgeRequestId": id }),
        None => json!({}),
    };
    Ok(Json(body).into_response())
}

pub async fn tags(state: &AppState, op: TagOp, headers: &HeaderMap, body: Body) -> ApiResult {
    let ids = state
        .library
        .bulk_tags(op, &read_object(headers, body).await?)
        .await?;
    Ok(Json(json!({ "successfullyUpdatedFileIds": ids })).into_response())
}

pub async fn create_folder(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    state
        .library
        .create_folder(&read_object(headers, body).await?)
        .await?;
    Ok((StatusCode::CREATED, Json(json!({}))).into_response())
}

pub async fn delete_folder(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    state
        .library
        .delete_folder(&read_object(headers, body).await?)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn folder_job(state: &AppState, kind: &str, headers: &HeaderMap, body: Body) -> ApiResult {
    let body = read_object(headers, body).await?;
    let job_id = match kind {
        "copy" => state.library.copy_folder(&body).await?,
        "move" => state.library.move_folder(&body).await?,
        _ => state.library.rename_folder(&body).await?,
    };
    Ok(Json(json!({ "jobId": job_id })).into_response())
}

pub async fn job(state: &AppState, job_id: &str) -> ApiResult {
    Ok(Json(job_view(&state.library.job(job_id).await?)).into_response())
}

pub async fn create_field(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    let field = state
        .library
        .create_field(&read_object(headers, body).await?)
        .await?;
    Ok((StatusCode::CREATED, Json(field_view(&field))).into_response())
}

pub async fn list_fields(state: &AppState, query: Option<&str>) -> ApiResult {
    let include_deleted = query
        .map(|q| url::form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "includeDeleted" && v == "true"))
        .unwrap_or(false);
    let fields = state.library.list_fields(include_deleted).await?;
    Ok(Json(fields.iter().map(field_view).collect::<Vec<_>>()).into_response())
}

pub async fn update_field(state: &AppState, id: &str, headers: &HeaderMap, body: Body) -> ApiResult {
    let field = state
        .library
        .update_field(id, &read_object(headers, body).await?)
        .await?;
    Ok(Json(field_view(&field)).into_response())
}

pub async fn delete_field(state: &AppState, id: &str) -> ApiResult {
    state.library.delete_field(id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
