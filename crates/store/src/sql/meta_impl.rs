//! `MetaStore` for the backend that compiles this folder: each method is one call into the
//! shared query modules.

use async_trait::async_trait;

use super::dialect::Store;
use super::{
    cache_index, config, fields, files, folders, jobs, purge, purge_log, render_claims, rows, search,
    transfer, upload_tokens, versions,
};
use crate::{
    CacheEntry, ConfigRecord, FieldRecord, FileRecord, FolderRecord, IdGen, InstanceRecord, JobRecord,
    ListItem, ListQuery, MetaStore, NewVersion, OverwritePolicy, PurgeLogEntry, PurgePattern, PurgeRequest,
    PurgeWakeups, PutOutcome, RenameOutcome, StoreResult, Transfer, VersionRecord, WorkingCopy,
};

#[async_trait]
impl MetaStore for Store {
    async fn put_version(&self, new: NewVersion, policy: OverwritePolicy) -> StoreResult<PutOutcome> {
        files::put_version(&self.pool, new, policy).await
    }

    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ListItem>> {
        search::list(&self.pool, query).await
    }

    async fn stored_bytes(&self) -> StoreResult<i64> {
        let total: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(size) AS BIGINT) FROM file_versions")
            .fetch_one(&self.pool)
            .await?;
        Ok(total.unwrap_or(0))
    }

    async fn file_by_id(&self, file_id: &str) -> StoreResult<Option<FileRecord>> {
        files::by_id(&self.pool, file_id).await
    }

    async fn file_by_path(&self, file_path: &str) -> StoreResult<Option<FileRecord>> {
        files::by_path(&self.pool, file_path).await
    }

    async fn delete_file(&self, file_id: &str) -> StoreResult<Option<Vec<String>>> {
        let ids = [file_id.to_owned()];
        Ok(files::delete_many(&self.pool, &ids).await?.ok())
    }

    async fn delete_files(&self, file_ids: &[String]) -> StoreResult<Result<Vec<String>, Vec<String>>> {
        files::delete_many(&self.pool, file_ids).await
    }

    async fn referenced_blob_keys(&self) -> StoreResult<Vec<String>> {
        let keys = sqlx::query_scalar("SELECT blob_key FROM file_versions UNION SELECT working_key FROM file_versions WHERE working_key IS NOT NULL \
             UNION SELECT small_key FROM file_versions WHERE small_key IS NOT NULL")
            .fetch_all(&self.pool)
            .await?;
        Ok(keys)
    }

    async fn versions(&self, file_id: &str) -> StoreResult<Vec<FileRecord>> {
        versions::list(&self.pool, file_id).await
    }

    async fn version(&self, file_id: &str, version_id: &str) -> StoreResult<Option<FileRecord>> {
        versions::get(&self.pool, file_id, version_id).await
    }

    async fn delete_version(&self, file_id: &str, version_id: &str) -> StoreResult<Option<Vec<String>>> {
        versions::delete(&self.pool, file_id, version_id).await
    }

    async fn restore_version(
        &self,
        file_id: &str,
        version_id: &str,
        now: i64,
    ) -> StoreResult<Option<FileRecord>> {
        versions::restore(&self.pool, file_id, version_id, now).await
    }

    async fn save_details(
        &self,
        file_id: &str,
        version: &VersionRecord,
        expected_updated_at: i64,
    ) -> StoreResult<bool> {
        versions::save_details(&self.pool, file_id, version, expected_updated_at).await
    }

    async fn transfer_file(
        &self,
        source_path: &str,
        dest_folder: &str,
        transfer: Transfer,
        ids: IdGen<'_>,
        now: i64,
    ) -> StoreResult<Option<FileRecord>> {
        transfer::transfer_file(&self.pool, source_path, dest_folder, transfer, ids, now).await
    }

    async fn rename_file(&self, file_path: &str, new_name: &str, now: i64) -> StoreResult<RenameOutcome> {
        transfer::rename_file(&self.pool, file_path, new_name, now).await
    }

    async fn create_folder(&self, folder_path: &str, now: i64) -> StoreResult<()> {
        folders::create(&self.pool, folder_path, now).await
    }

    async fn folder(&self, folder_path: &str) -> StoreResult<Option<FolderRecord>> {
        folders::get(&self.pool, folder_path).await
    }

    async fn count_in_folder(&self, folder_path: &str) -> StoreResult<i64> {
        folders::count_below(&self.pool, folder_path).await
    }

    async fn delete_folder(&self, folder_path: &str) -> StoreResult<Option<Vec<String>>> {
        folders::delete(&self.pool, folder_path).await
    }

    async fn transfer_folder(
        &self,
        source: &str,
        dest: &str,
        transfer: Transfer,
        ids: IdGen<'_>,
        job_id: &str,
        now: i64,
    ) -> StoreResult<()> {
        transfer::transfer_folder(&self.pool, source, dest, transfer, ids, job_id, now).await
    }

    async fn insert_job(&self, job: &JobRecord) -> StoreResult<()> {
        jobs::insert(&self.pool, job).await
    }

    async fn job(&self, job_id: &str) -> StoreResult<Option<JobRecord>> {
        jobs::get(&self.pool, job_id).await
    }

    async fn pending_jobs(&self) -> StoreResult<Vec<JobRecord>> {
        jobs::pending(&self.pool).await
    }

    async fn finish_job(&self, job_id: &str, error: Option<&str>, now: i64) -> StoreResult<()> {
        jobs::finish(&self.pool, job_id, error, now).await
    }

    async fn insert_field(&self, field: &FieldRecord) -> StoreResult<()> {
        fields::insert(&self.pool, field).await
    }

    async fn fields(&self, include_deleted: bool) -> StoreResult<Vec<FieldRecord>> {
        fields::list(&self.pool, include_deleted).await
    }

    async fn field(&self, id: &str) -> StoreResult<Option<FieldRecord>> {
        fields::get(&self.pool, id).await
    }

    async fn update_field(&self, field: &FieldRecord) -> StoreResult<()> {
        fields::update(&self.pool, field).await
    }

    async fn config_list(&self, kind: &str) -> StoreResult<Vec<ConfigRecord>> {
        config::list(&self.pool, kind).await
    }

    async fn config_get(&self, kind: &str, id: &str) -> StoreResult<Option<ConfigRecord>> {
        config::get(&self.pool, kind, id).await
    }

    async fn config_put(&self, record: &ConfigRecord) -> StoreResult<()> {
        config::put(&self.pool, record).await
    }

    async fn config_delete(&self, kind: &str, id: &str) -> StoreResult<bool> {
        config::delete(&self.pool, kind, id).await
    }

    async fn set_working_copies(&self, version_id: &str, copies: &[WorkingCopy]) -> StoreResult<()> {
        let update = sqlx::query(
            "UPDATE file_versions SET working_key = $2, working_width = $3, working_height = $4, \
             small_key = $5, small_width = $6, small_height = $7 WHERE version_id = $1",
        )
        .bind(version_id);
        rows::bind_working_copies(update, copies)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn cache_entry(&self, url: &str) -> StoreResult<Option<CacheEntry>> {
        cache_index::get(&self.pool, url).await
    }

    async fn put_cache_entry(&self, entry: &CacheEntry, now: i64) -> StoreResult<()> {
        cache_index::put(&self.pool, entry, now).await
    }

    async fn purge_cache_entries(&self, pattern: &PurgePattern) -> StoreResult<Vec<String>> {
        cache_index::purge(&self.pool, pattern).await
    }

    async fn touch_cache_entries(&self, accesses: &[(String, i64)]) -> StoreResult<()> {
        cache_index::touch(&self.pool, accesses).await
    }

    async fn evict_cache_entries(&self, target_bytes: i64) -> StoreResult<Vec<String>> {
        cache_index::evict(&self.pool, target_bytes).await
    }

    async fn insert_purge_request(&self, request: &PurgeRequest) -> StoreResult<()> {
        purge::insert(&self.pool, request).await
    }

    async fn purge_request(&self, request_id: &str) -> StoreResult<Option<PurgeRequest>> {
        purge::get(&self.pool, request_id).await
    }

    async fn complete_purge_request(&self, request_id: &str) -> StoreResult<()> {
        purge::complete(&self.pool, request_id).await
    }

    async fn claim_upload_token(&self, token: &str, expires_at: i64) -> StoreResult<bool> {
        upload_tokens::claim(&self.pool, token, expires_at).await
    }

    async fn forget_expired_upload_tokens(&self, now: i64) -> StoreResult<u64> {
        upload_tokens::forget_expired(&self.pool, now).await
    }

    async fn append_purge(
        &self,
        pattern: &PurgePattern,
        request_id: Option<&str>,
        now: i64,
    ) -> StoreResult<i64> {
        purge_log::append(&self.pool, pattern, request_id, now).await
    }

    async fn purges_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<PurgeLogEntry>> {
        purge_log::after(&self.pool, seq, limit).await
    }

    async fn latest_purge_seq(&self) -> StoreResult<i64> {
        purge_log::latest(&self.pool).await
    }

    async fn purge_request_seq(&self, request_id: &str) -> StoreResult<Option<i64>> {
        purge_log::request_seq(&self.pool, request_id).await
    }

    async fn heartbeat(&self, instance_id: &str, applied_seq: i64, now: i64) -> StoreResult<()> {
        purge_log::heartbeat(&self.pool, instance_id, applied_seq, now).await
    }

    async fn live_instances(&self, since: i64) -> StoreResult<Vec<InstanceRecord>> {
        purge_log::live(&self.pool, since).await
    }

    async fn forget_instance(&self, instance_id: &str) -> StoreResult<()> {
        purge_log::forget_instance(&self.pool, instance_id).await
    }

    async fn prune_purge_log(&self, before: i64) -> StoreResult<()> {
        purge_log::prune(&self.pool, before).await
    }

    async fn claim_render(&self, url: &str, owner: &str, now: i64, ttl_ms: i64) -> StoreResult<bool> {
        render_claims::claim(&self.pool, url, owner, now, ttl_ms).await
    }

    async fn release_render(&self, url: &str, owner: &str) -> StoreResult<()> {
        render_claims::release(&self.pool, url, owner).await
    }

    fn shared(&self) -> bool {
        super::dialect::SHARED
    }

    async fn purge_wakeups(&self) -> StoreResult<Option<PurgeWakeups>> {
        super::dialect::purge_wakeups(self).await
    }
}
