//! The media library domain: uploads, file details, deletes and purge requests.
//!
//! It speaks in records and domain errors; the HTTP layer above turns those into ImageKit's
//! wire format, and the stores below hold the rows and bytes.

mod account;
mod body;
mod custom_fields;
mod details;
mod error;
mod files;
mod folders;
mod ids;
mod listing;
mod metadata;
mod names;
mod probe;
mod purge;
mod purge_follower;
mod readiness;
mod schema;
mod settings;
mod source;
mod tags;
mod transfer;
mod upload;
mod upload_tokens;
mod url_guard;
mod versions;
mod working;

use std::sync::Arc;

use store::{BlobStore, DeliveryCache, MetaStore};

pub use account::CONFIG_KINDS;
pub use error::{LibraryError, LibraryResult, RejectKind};
pub use ids::{is_valid_id, new_id};
pub use purge::PurgeTicket;
pub use readiness::StoreFailure;
pub use settings::LibrarySettings;
pub use source::url_scheme;
pub use tags::TagOp;
pub use upload::{FileField, UploadForm, UploadResult};
pub use url_guard::{BadAllowEntry, UrlAllowList};

/// The library service: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Library {
    meta: Arc<dyn MetaStore>,
    blobs: Arc<dyn BlobStore>,
    cache: Arc<dyn DeliveryCache>,
    settings: Arc<LibrarySettings>,
    jobs_wakeup: Arc<tokio::sync::Notify>,
    purges: Arc<purge_follower::PurgeFollower>,
    /// When this process last swept expired upload tokens (Unix ms).
    token_sweep: Arc<std::sync::atomic::AtomicI64>,
}

impl Library {
    pub fn new(
        meta: Arc<dyn MetaStore>,
        blobs: Arc<dyn BlobStore>,
        cache: Arc<dyn DeliveryCache>,
        settings: LibrarySettings,
    ) -> Self {
        let purges = Arc::new(purge_follower::PurgeFollower::new(meta.clone(), cache.clone()));
        Self {
            meta,
            blobs,
            cache,
            purges,
            settings: Arc::new(settings),
            jobs_wakeup: Arc::new(tokio::sync::Notify::new()),
            token_sweep: Arc::default(),
        }
    }

    pub fn settings(&self) -> &LibrarySettings {
        &self.settings
    }
}

/// Milliseconds since the Unix epoch, the time unit of every stored row.
pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
