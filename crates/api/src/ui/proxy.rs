//! `/ui/api/<path>`: the management and upload API for a signed-in page. The session
//! cookie stands in for Basic auth with the private key, and the request goes to the
//! very same dispatch as `/<path>` would; the public API itself stays Basic-only.

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderValue, Uri, header};

use super::guard;
use crate::endpoint::{Auth, Endpoint};
use crate::error::ApiError;
use crate::handlers;
use crate::state::AppState;

pub async fn handle(state: &AppState, request: Request) -> Response {
    match rewrite(state, request) {
        Ok(request) => {
            let mut response = handlers::dispatch(state, request).await;
            response
                .headers_mut()
                .entry(header::CACHE_CONTROL)
                .or_insert(HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => e.into_response(),
    }
}

fn rewrite(state: &AppState, request: Request) -> Result<Request, ApiError> {
    guard::signed_in(state, request.headers())?;
    let (mut parts, body) = request.into_parts();
    let inner = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .and_then(|p| p.strip_prefix("/ui/api"))
        .unwrap_or_default()
        .to_owned();
    // Only the private-key API: never delivery (the page loads that directly) nor `/ui`.
    if Endpoint::parse(&parts.method, &inner, &state.mount).auth() == Auth::None {
        return Err(ApiError::not_found());
    }
    parts.uri = inner.parse::<Uri>().map_err(|_| ApiError::not_found())?;
    let basic = format!("Basic {}", STANDARD.encode(format!("{}:", state.keys.current())));
    let basic = HeaderValue::from_str(&basic).map_err(|_| ApiError::internal())?;
    parts.headers.insert(header::AUTHORIZATION, basic);
    parts.headers.remove(header::COOKIE);
    Ok(Request::from_parts(parts, body))
}
