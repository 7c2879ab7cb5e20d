//! What every request handler can reach.

use std::sync::Arc;

use delivery::Delivery;
use library::Library;

use crate::cors::CorsSettings;

#[derive(Clone)]
pub struct AppState {
    pub library: Library,
    pub delivery: Arc<Delivery>,
    pub private_key: Arc<str>,
    /// Names the account in client-side uploads (v1 `publicKey`, v2 JWT `kid`).
    pub public_key: Arc<str>,
    /// The URL endpoint without a trailing slash, as File URLs start.
    pub url_endpoint: Arc<str>,
    /// The URL endpoint's path without a trailing slash (`""` when delivery is at the root).
    pub mount: Arc<str>,
    pub max_upload_bytes: u64,
    pub cors: CorsSettings,
}
