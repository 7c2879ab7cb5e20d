//! What the library needs to know from the server's configuration.

use std::time::Duration;

use crate::UrlAllowList;

#[derive(Debug, Clone)]
pub struct LibrarySettings {
    /// The public base URL of delivery, without a trailing slash.
    pub url_endpoint: String,
    /// Largest file an upload may store, in bytes.
    pub max_upload_bytes: u64,
    /// Delete also purges the file's cached deliveries (ImageKit does not; opt-in).
    pub purge_on_delete: bool,
    /// URL uploads may fetch loopback and private-network addresses.
    pub allow_private_urls: bool,
    /// Private hosts and networks URL uploads may fetch all the same.
    pub url_allow: UrlAllowList,
    /// Time allowed for a URL upload's response headers (ImageKit: 8 s).
    pub url_header_timeout: Duration,
    /// Time allowed for a whole URL upload download.
    pub url_total_timeout: Duration,
}

impl LibrarySettings {
    pub fn new(url_endpoint: &str, max_upload_bytes: u64) -> Self {
        Self {
            url_endpoint: url_endpoint.trim_end_matches('/').to_owned(),
            max_upload_bytes,
            purge_on_delete: false,
            allow_private_urls: false,
            url_allow: UrlAllowList::default(),
            url_header_timeout: Duration::from_secs(8),
            url_total_timeout: Duration::from_secs(60),
        }
    }
}
