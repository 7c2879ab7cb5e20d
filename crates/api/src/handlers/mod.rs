//! One flat dispatch from the endpoint table to the handler of each endpoint group.

mod delivery;
mod files;
mod purge;
mod upload;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::auth::require_private_key;
use crate::endpoint::{Auth, Endpoint};
use crate::error::ApiError;
use crate::state::AppState;

pub type ApiResult = Result<Response, ApiError>;

pub async fn dispatch(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path_and_query = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let endpoint = Endpoint::parse(&parts.method, path_and_query, &state.mount);
    if endpoint.auth() == Auth::PrivateKey
        && let Err(e) = require_private_key(&parts.headers, &state.private_key)
    {
        drain(body, state.max_upload_bytes).await;
        return e.into_response();
    }
    let result = route(&state, endpoint, &parts, body).await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Reads and drops a refused request's body (bounded), so a client still sending it
/// receives the error instead of a broken pipe.
async fn drain(body: Body, max_upload_bytes: u64) {
    let limit = usize::try_from(max_upload_bytes.saturating_mul(2)).unwrap_or(usize::MAX);
    let _ignored = axum::body::to_bytes(body, limit).await;
}

async fn route(state: &AppState, endpoint: Endpoint, parts: &http::request::Parts, body: Body) -> ApiResult {
    match endpoint {
        Endpoint::Health => {
            Ok((StatusCode::OK, axum::Json(serde_json::json!({"status": "ok"}))).into_response())
        }
        Endpoint::Upload => upload::upload(state, &parts.headers, body).await,
        Endpoint::FileDetails(id) => files::details(state, &id).await,
        Endpoint::DeleteFile(id) => files::delete(state, &id).await,
        Endpoint::BulkDelete => files::bulk_delete(state, &parts.headers, body).await,
        Endpoint::Purge => purge::create(state, &parts.headers, body).await,
        Endpoint::PurgeStatus(id) => purge::status(state, &id).await,
        Endpoint::Delivery(relative) => delivery::serve(state, &relative, parts).await,
        Endpoint::NotImplemented(name) => Err(ApiError::not_implemented(name)),
        Endpoint::MethodNotAllowed => Err(ApiError::method_not_allowed()),
        Endpoint::Unknown => Err(ApiError::not_found()),
    }
}
