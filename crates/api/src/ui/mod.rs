//! The web media library at `/ui`: its page and files, sign-in and sign-out, URL signing
//! for the page, and `/ui/api/…`, which runs the management and upload API on behalf of a
//! signed-in browser. `service` routes `/ui` before the endpoint table, so `/ui` is reserved even
//! when delivery is at the root.

mod guard;
mod pages;
mod proxy;
mod session;
mod sign;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::Method;

use crate::error::ApiError;
use crate::state::AppState;

/// Whether `/ui` serves this path (it does whatever the URL endpoint is).
pub fn owns(path: &str) -> bool {
    path.strip_prefix("/ui")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

pub async fn handle(state: &AppState, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let rest = path.strip_prefix("/ui").unwrap_or_default();
    let method = request.method().clone();
    let response = match (rest, &method) {
        ("" | "/", &Method::GET | &Method::HEAD) => pages::index(state, request.headers()),
        (_, &Method::GET | &Method::HEAD) if rest.starts_with("/static/") => {
            pages::file(&rest["/static/".len()..], request.headers())
        }
        ("/session", _) => session::handle(state, request).await,
        ("/sign", &Method::POST) => sign::handle(state, request).await,
        _ if rest.starts_with("/api/") => proxy::handle(state, request).await,
        ("" | "/" | "/sign", _) => ApiError::method_not_allowed().into_response(),
        _ => ApiError::not_found().into_response(),
    };
    pages::secure(response)
}
