//! Storage seams of Halftone: the metadata store, the blob store and the delivery cache.
//!
//! Each is a trait used as `Arc<dyn …>` so the embedded implementations (SQLite, a local
//! folder, an in-memory cache) and the distributed ones (PostgreSQL, S3) plug in the same way.
//! Everything the library and delivery layers share — file rows, purge requests, the cache
//! index and its key normalisation — lives here, so those two never import each other.

mod blob;
mod cache;
mod cache_key;
mod error;
mod listing;
mod meta;
mod model;
mod sqlite;
mod tiered;

pub use blob::{BlobStore, ObjectBlobStore};
pub use cache::{CachedResponse, DeliveryCache, MemoryCache};
pub use cache_key::{PurgePattern, cache_key};
pub use error::{StoreError, StoreResult};
pub use listing::{Kinds, ListItem, ListQuery, SortKey};
pub use meta::{IdGen, MetaStore, PurgeWakeups, RenameOutcome, Transfer};
pub use model::{
    CacheEntry, ConfigRecord, FieldRecord, FileRecord, FolderRecord, InstanceRecord, JobRecord, JobStatus,
    NewVersion, OverwritePolicy, PurgeLogEntry, PurgeRequest, PurgeStatus, PutOutcome, VersionRecord,
    WorkingCopy,
};
pub use sqlite::SqliteStore;
pub use tiered::TieredCache;
