//! `/ui/session`: GET tells the page whether it is signed in (and where delivery lives),
//! POST signs in with the private key, DELETE signs out. The key is checked once here
//! and never reaches the page's storage: the browser keeps only the HttpOnly cookie.

use axum::Json;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use serde_json::json;

use super::guard;
use crate::body::read_object;
use crate::error::ApiError;
use crate::state::AppState;

/// How long a sign-in lasts.
const LIFETIME_SECS: i64 = 12 * 60 * 60;

pub async fn handle(state: &AppState, request: Request) -> Response {
    let result = match *request.method() {
        Method::GET => status(state, request.headers()),
        Method::POST => sign_in(state, request).await,
        Method::DELETE => sign_out(state, request.headers()),
        _ => Err(ApiError::method_not_allowed()),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

fn status(state: &AppState, headers: &HeaderMap) -> Result<Response, ApiError> {
    let expires_at = guard::signed_in(state, headers)?;
    Ok(Json(json!({
        "signedIn": true,
        "expiresAt": expires_at,
        "urlEndpoint": &*state.url_endpoint,
        "publicKey": &*state.public_key,
        "maxUploadBytes": state.max_upload_bytes,
    }))
    .into_response())
}

async fn sign_in(state: &AppState, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    guard::same_origin(&parts.headers)?;
    let body = read_object(&parts.headers, body).await?;
    let key = body
        .get("privateKey")
        .and_then(|k| k.as_str())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| ApiError::bad_request("Enter the server's private key."))?;
    if !state.keys.is_key(key, guard::now()) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "That is not this server's private key.",
        ));
    }
    let expires_at = guard::now() + LIFETIME_SECS;
    let token = webui::issue(state.keys.current(), expires_at);
    let cookie = cookie(state, &parts.headers, &token, LIFETIME_SECS);
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), &cookie))
}

/// Clears the cookie. The session is stateless, so a copy taken before sign-out stays
/// valid until it expires; changing the private key ends every session at once.
fn sign_out(state: &AppState, headers: &HeaderMap) -> Result<Response, ApiError> {
    guard::same_origin(headers)?;
    let cookie = cookie(state, headers, "", 0);
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), &cookie))
}

fn cookie(state: &AppState, headers: &HeaderMap, value: &str, max_age: i64) -> String {
    let name = webui::cookie_name(&state.public_key);
    let secure = if is_https(headers) { "; Secure" } else { "" };
    format!("{name}={value}; Path=/ui; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// Whether the page was loaded over HTTPS (directly, or through a TLS proxy that says so).
fn is_https(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    text(header::ORIGIN.as_str()).is_some_and(|o| o.starts_with("https://"))
        || text("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
