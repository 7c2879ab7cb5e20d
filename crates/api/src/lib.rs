//! The HTTP layer of Halftone: the endpoint table, Basic auth, body parsing, the JSON
//! views and the single error-to-HTTP mapping. `app` builds the whole router, apart
//! from `main`, so tests can drive it directly.

mod auth;
mod body;
mod cors;
mod endpoint;
mod error;
mod handlers;
mod middleware;
mod multipart;
mod state;
mod ui;
mod upload_auth;
mod views;

use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use cors::{CorsSettings, Origins};
pub use endpoint::{Auth, Endpoint, UploadApi};
pub use error::ApiError;
pub use state::AppState;

pub fn app(state: AppState) -> Router {
    let cors = std::sync::Arc::new(cors::CorsPolicy::new(&state.cors, state.mount.clone()));
    Router::new()
        .route("/ui", axum::routing::any(ui::handle))
        .route("/ui/", axum::routing::any(ui::handle))
        .route("/ui/{*rest}", axum::routing::any(ui::handle))
        .fallback(handlers::dispatch)
        .with_state(state)
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        // Outside the panic guard so even a 500 carries the headers a browser needs to read it.
        .layer(axum::middleware::from_fn_with_state(cors, cors::apply))
        .layer(axum::middleware::from_fn(middleware::request_id))
}
