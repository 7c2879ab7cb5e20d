//! GET and HEAD under the URL endpoint.

use axum::body::Body;
use axum::response::IntoResponse;
use http::Method;

use super::ApiResult;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn serve(state: &AppState, relative: &str, parts: &http::request::Parts) -> ApiResult {
    let accept = parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    let served = state.delivery.serve(relative, accept).await?;
    let response = delivery::build_response(&served, &parts.headers, parts.method == Method::HEAD)
        .map_err(ApiError::from)?;
    Ok(response.map(Body::from).into_response())
}
