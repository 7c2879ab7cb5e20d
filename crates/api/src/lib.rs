//! The HTTP layer of Halftone: the endpoint table, Basic auth, body parsing, the JSON
//! views and the single error-to-HTTP mapping. `app` builds the whole router, apart
//! from `main`, so tests can drive it directly.

mod auth;
mod body;
mod endpoint;
mod error;
mod handlers;
mod middleware;
mod multipart;
mod state;
mod upload_auth;
mod views;

use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use endpoint::{Auth, Endpoint, UploadApi};
pub use error::ApiError;
pub use state::AppState;

pub fn app(state: AppState) -> Router {
    Router::new()
        .fallback(handlers::dispatch)
        .with_state(state)
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn(middleware::request_id))
}
