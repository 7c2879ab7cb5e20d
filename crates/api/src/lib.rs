//! The HTTP layer of Halftone: the endpoint table, Basic auth, body parsing, the JSON
//! views and the single error-to-HTTP mapping. `app` builds the whole router, apart
//! from `main`, so tests can drive it directly.

mod auth;
mod body;
mod cors;
mod endpoint;
mod error;
mod handlers;
mod metrics;
mod middleware;
mod multipart;
mod rate_limit;
mod service;
mod state;
mod ui;
mod upload_auth;
mod views;

pub use cors::{CorsSettings, Origins};
pub use endpoint::{Auth, Endpoint, UploadApi};
pub use error::ApiError;
pub use metrics::install as install_metrics;
pub use rate_limit::{RateLimit, RateLimits};
pub use service::App;
pub use state::AppState;

/// The whole HTTP application, ready for `axum::serve` (via `into_make_service`).
pub fn app(state: AppState) -> App {
    App::new(state)
}
