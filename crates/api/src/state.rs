//! What every request handler can reach.

use std::sync::Arc;

use delivery::{Delivery, KeyRing};
use library::Library;

use crate::cors::CorsSettings;
use crate::rate_limit::RateLimits;

#[derive(Clone)]
pub struct AppState {
    pub library: Library,
    pub delivery: Arc<Delivery>,
    /// The private key that signs what the server hands out, and the previous one while a
    /// rotation's grace period lasts.
    pub keys: KeyRing,
    pub rate_limits: RateLimits,
    /// Names the account in client-side uploads (v1 `publicKey`, v2 JWT `kid`).
    pub public_key: Arc<str>,
    /// The URL endpoint without a trailing slash, as File URLs start.
    pub url_endpoint: Arc<str>,
    /// The URL endpoint's path without a trailing slash (`""` when delivery is at the root).
    pub mount: Arc<str>,
    pub max_upload_bytes: u64,
    pub cors: CorsSettings,
}
