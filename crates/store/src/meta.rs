//! The metadata store trait: every read and write of file, version, folder and purge rows.

use async_trait::async_trait;

use crate::{
    CacheEntry, ConfigRecord, FieldRecord, FileRecord, FolderRecord, InstanceRecord, JobRecord, ListItem,
    ListQuery, NewVersion, OverwritePolicy, PurgeLogEntry, PurgePattern, PurgeRequest, PutOutcome,
    StoreResult, VersionRecord, WorkingCopy,
};

/// Wake-ups sent when any instance appends to the purge log. A wake-up carries no data: the
/// follower reads the log from its position, so a lost or merged wake-up costs only latency.
pub type PurgeWakeups = futures::stream::BoxStream<'static, ()>;

/// Hands out fresh ids for rows a store operation creates (copies of versions, folders).
pub type IdGen<'a> = &'a (dyn Fn() -> String + Send + Sync);

/// Where a copied or moved file lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transfer {
    Copy { include_versions: bool },
    Move,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RenameOutcome {
    Renamed(Box<FileRecord>),
    Missing,
    TargetExists,
}

#[async_trait]
pub trait MetaStore: Send + Sync {
    /// Records an uploaded version in one transaction: creates the file (and its folders)
    /// or, when the path exists and the policy allows, appends a version and makes it current.
    async fn put_version(&self, new: NewVersion, policy: OverwritePolicy) -> StoreResult<PutOutcome>;

    /// One page of files, versions and folders matching the query.
    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ListItem>>;

    /// Total bytes of every stored version (media library storage).
    async fn stored_bytes(&self) -> StoreResult<i64>;

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

    /// Every version of a file, oldest first, each as a record whose `version` is that one.
    async fn versions(&self, file_id: &str) -> StoreResult<Vec<FileRecord>>;

    async fn version(&self, file_id: &str, version_id: &str) -> StoreResult<Option<FileRecord>>;

    /// Deletes one version; returns the blob keys no longer referenced, `None` when missing.
    async fn delete_version(&self, file_id: &str, version_id: &str) -> StoreResult<Option<Vec<String>>>;

    /// Makes `version_id` the current version.
    async fn restore_version(
        &self,
        file_id: &str,
        version_id: &str,
        now: i64,
    ) -> StoreResult<Option<FileRecord>>;

    /// Writes the mutable details of one version, only if its `updated_at` is still
    /// `expected_updated_at` (optimistic concurrency); returns whether it was written.
    async fn save_details(
        &self,
        file_id: &str,
        version: &VersionRecord,
        expected_updated_at: i64,
    ) -> StoreResult<bool>;

    /// Copies or moves the file at `source_path` into `dest_folder` (`/a/b/`); a file of the
    /// same name there gains the versions. `None` when the source is missing.
    async fn transfer_file(
        &self,
        source_path: &str,
        dest_folder: &str,
        transfer: Transfer,
        ids: IdGen<'_>,
        now: i64,
    ) -> StoreResult<Option<FileRecord>>;

    async fn rename_file(&self, file_path: &str, new_name: &str, now: i64) -> StoreResult<RenameOutcome>;

    /// Creates the folder (`/a/b`) and its missing ancestors.
    async fn create_folder(&self, folder_path: &str, now: i64) -> StoreResult<()>;

    async fn folder(&self, folder_path: &str) -> StoreResult<Option<FolderRecord>>;

    /// Files and folders below `folder_path`.
    async fn count_in_folder(&self, folder_path: &str) -> StoreResult<i64>;

    /// Deletes the folder with everything below it; returns unreferenced blob keys, or
    /// `None` when the folder does not exist.
    async fn delete_folder(&self, folder_path: &str) -> StoreResult<Option<Vec<String>>>;

    /// Copies or moves the folder `source` (`/a/b`) to `dest` (`/x/b`) with all contents, and
    /// marks `job_id` completed in the same transaction.
    async fn transfer_folder(
        &self,
        source: &str,
        dest: &str,
        transfer: Transfer,
        ids: IdGen<'_>,
        job_id: &str,
        now: i64,
    ) -> StoreResult<()>;

    async fn insert_job(&self, job: &JobRecord) -> StoreResult<()>;

    async fn job(&self, job_id: &str) -> StoreResult<Option<JobRecord>>;

    async fn pending_jobs(&self) -> StoreResult<Vec<JobRecord>>;

    /// Marks a job completed (used when it fails: the error is recorded).
    async fn finish_job(&self, job_id: &str, error: Option<&str>, now: i64) -> StoreResult<()>;

    async fn insert_field(&self, field: &FieldRecord) -> StoreResult<()>;

    async fn fields(&self, include_deleted: bool) -> StoreResult<Vec<FieldRecord>>;

    async fn field(&self, id: &str) -> StoreResult<Option<FieldRecord>>;

    async fn update_field(&self, field: &FieldRecord) -> StoreResult<()>;

    async fn config_list(&self, kind: &str) -> StoreResult<Vec<ConfigRecord>>;

    async fn config_get(&self, kind: &str, id: &str) -> StoreResult<Option<ConfigRecord>>;

    async fn config_put(&self, record: &ConfigRecord) -> StoreResult<()>;

    async fn config_delete(&self, kind: &str, id: &str) -> StoreResult<bool>;

    /// Records a version's working copies (smallest first, at most two).
    async fn set_working_copies(&self, version_id: &str, copies: &[WorkingCopy]) -> StoreResult<()>;

    async fn cache_entry(&self, url: &str) -> StoreResult<Option<CacheEntry>>;

    async fn put_cache_entry(&self, entry: &CacheEntry, now: i64) -> StoreResult<()>;

    /// Removes the index rows a purge matches; returns their blob keys.
    async fn purge_cache_entries(&self, pattern: &PurgePattern) -> StoreResult<Vec<String>>;

    /// Records batched cache hits (url, Unix ms).
    async fn touch_cache_entries(&self, accesses: &[(String, i64)]) -> StoreResult<()>;

    /// Drops least recently used entries down to `target_bytes`; returns their blob keys.
    async fn evict_cache_entries(&self, target_bytes: i64) -> StoreResult<Vec<String>>;

    async fn insert_purge_request(&self, request: &PurgeRequest) -> StoreResult<()>;

    async fn purge_request(&self, request_id: &str) -> StoreResult<Option<PurgeRequest>>;

    async fn complete_purge_request(&self, request_id: &str) -> StoreResult<()>;

    /// Records a client-side upload token as used; `false` when it was used before.
    /// `expires_at` (Unix ms) is when the record may be forgotten: the token is refused by
    /// its own expiry from then on.
    async fn claim_upload_token(&self, token: &str, expires_at: i64) -> StoreResult<bool>;

    /// Drops token records whose `expires_at` is before `now` (Unix ms); returns how many.
    async fn forget_expired_upload_tokens(&self, now: i64) -> StoreResult<u64>;

    /// Whether other processes may use this store at the same time (a shared database).
    /// When not, this process is the only instance and purges complete as soon as it applied them.
    fn shared(&self) -> bool {
        false
    }

    /// Appends a purge to the log every instance follows; returns its sequence number, which
    /// is greater than every earlier entry's.
    async fn append_purge(
        &self,
        pattern: &PurgePattern,
        request_id: Option<&str>,
        now: i64,
    ) -> StoreResult<i64>;

    /// Log entries with a sequence number above `seq`, in order, at most `limit`. Entries of a
    /// kind this build does not know are skipped.
    async fn purges_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<PurgeLogEntry>>;

    /// The highest sequence number in the log (0 when it never had an entry).
    async fn latest_purge_seq(&self) -> StoreResult<i64>;

    /// The sequence number of a purge request's log entry.
    async fn purge_request_seq(&self, request_id: &str) -> StoreResult<Option<i64>>;

    /// Records that `instance_id` is alive and has applied the log up to `applied_seq`.
    async fn heartbeat(&self, instance_id: &str, applied_seq: i64, now: i64) -> StoreResult<()>;

    /// Instances whose last heartbeat is at or after `since` (Unix ms).
    async fn live_instances(&self, since: i64) -> StoreResult<Vec<InstanceRecord>>;

    /// Removes an instance's row (it is shutting down).
    async fn forget_instance(&self, instance_id: &str) -> StoreResult<()>;

    /// Drops log entries created before `before` and instances silent since then.
    async fn prune_purge_log(&self, before: i64) -> StoreResult<()>;

    /// A stream of wake-ups for new log entries, or `None` when the store cannot push them
    /// (the follower then polls).
    async fn purge_wakeups(&self) -> StoreResult<Option<PurgeWakeups>> {
        Ok(None)
    }

    /// Claims the rendering of a delivery URL for `owner` until `now + ttl_ms`; `false` when
    /// another owner holds a claim that has not lapsed (it is rendering that URL now).
    async fn claim_render(&self, url: &str, owner: &str, now: i64, ttl_ms: i64) -> StoreResult<bool>;

    /// Gives up `owner`'s claim on `url` (the result is in the shared tier, or never will be).
    async fn release_render(&self, url: &str, owner: &str) -> StoreResult<()>;
}
