//! List and search, metadata, usage and stored account configuration.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{HeaderMap, StatusCode};
use serde_json::Value;
use store::ListItem;

use super::ApiResult;
use crate::body::read_object;
use crate::endpoint::ConfigKind;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::{Urls, config_view, file_view, folder_view, version_view};

pub async fn list(state: &AppState, query: Option<&str>) -> ApiResult {
    let items = state.library.list(query.unwrap_or_default()).await?;
    let urls = Urls(&state.url_endpoint);
    let views: Vec<Value> = items
        .iter()
        .map(|item| match item {
            ListItem::Folder(folder) => folder_view(folder),
            ListItem::File(record) if record.is_current() => to_json(file_view(record, &urls)),
            ListItem::File(record) => to_json(version_view(record, &urls, true)),
        })
        .collect();
    Ok(Json(views).into_response())
}

fn to_json(view: impl serde::Serialize) -> Value {
    serde_json::to_value(view).unwrap_or_default()
}

pub async fn file_metadata(state: &AppState, file_id: &str) -> ApiResult {
    Ok(Json(state.library.file_metadata(file_id).await?).into_response())
}

pub async fn url_metadata(state: &AppState, query: Option<&str>) -> ApiResult {
    let url = query
        .and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "url")
                .map(|(_, v)| v.into_owned())
        })
        .ok_or_else(|| ApiError::bad_request("Your request is missing url parameter."))?;
    Ok(Json(state.library.url_metadata(&url).await?).into_response())
}

pub async fn usage(state: &AppState, query: Option<&str>) -> ApiResult {
    Ok(Json(state.library.usage(query.unwrap_or_default()).await?).into_response())
}

fn kind_name(kind: ConfigKind) -> &'static str {
    match kind {
        ConfigKind::UrlEndpoints => "url-endpoints",
        ConfigKind::SavedExtensions => "saved-extensions",
        ConfigKind::NamedTransformations => "named-transformations",
    }
}

pub async fn config_list(state: &AppState, kind: ConfigKind) -> ApiResult {
    let records = state.library.config_list(kind_name(kind)).await?;
    Ok(Json(records.iter().map(config_view).collect::<Vec<_>>()).into_response())
}

pub async fn config_get(state: &AppState, kind: ConfigKind, id: &str) -> ApiResult {
    Ok(Json(config_view(&state.library.config_get(kind_name(kind), id).await?)).into_response())
}

pub async fn config_create(state: &AppState, kind: ConfigKind, headers: &HeaderMap, body: Body) -> ApiResult {
    let body = read_object(headers, body).await?;
    let record = state.library.config_create(kind_name(kind), &body).await?;
    Ok((StatusCode::CREATED, Json(config_view(&record))).into_response())
}

pub async fn config_update(
    state: &AppState,
    kind: ConfigKind,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> ApiResult {
    let body = read_object(headers, body).await?;
    Ok(Json(config_view(
        &state.library.config_update(kind_name(kind), id, &body).await?,
    ))
    .into_response())
}

pub async fn config_delete(state: &AppState, kind: ConfigKind, id: &str) -> ApiResult {
    state.library.config_delete(kind_name(kind), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
