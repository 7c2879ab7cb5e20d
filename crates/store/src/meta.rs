//! The metadata store trait: every read and write of file, version, folder and purge rows.

use async_trait::async_trait;

use crate::{FileRecord, NewVersion, OverwritePolicy, PurgeRequest, PutOutcome, StoreResult};

#[async_trait]
pub trait MetaStore: Send + Sync {
    /// Records an uploaded version in one transaction: creates the file (and its folders)
    /// or, when the path exists and the policy allows, appends a version and makes it current.
    async fn put_version(&self, new: NewVersion, policy: OverwritePolicy) -> StoreResult<PutOutcome>;

    async fn file_by_id(&self, file_id: &str) -> StoreResult<Option<FileRecord>>;

    async fn file_by_path(&self, file_path: &str) -> StoreResult<Option<FileRecord>>;

    /// Deletes a file with all its versions; returns the blob keys it referenced, or `None`
    /// when the file does not exist.
    async fn delete_file(&self, file_id: &str) -> StoreResult<Option<Vec<String>>>;

    /// Deletes all the given files or none: `Err(missing ids)` when any is unknown,
    /// otherwise the blob keys that are no longer referenced.
    async fn delete_files(&self, file_ids: &[String]) -> StoreResult<Result<Vec<String>, Vec<String>>>;

    /// All blob keys referenced by any version (for orphan collection and checks).
    async fn referenced_blob_keys(&self) -> StoreResult<Vec<String>>;

    async fn insert_purge_request(&self, request: &PurgeRequest) -> StoreResult<()>;

    async fn purge_request(&self, request_id: &str) -> StoreResult<Option<PurgeRequest>>;

    async fn complete_purge_request(&self, request_id: &str) -> StoreResult<()>;
}
