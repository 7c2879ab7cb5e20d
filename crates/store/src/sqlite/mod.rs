//! The embedded metadata store: one SQLite file in WAL mode with full fsync on commit,
//! so a row is durable before the upload that wrote it is acknowledged.

mod files;
mod purge;
mod rows;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::{FileRecord, MetaStore, NewVersion, OverwritePolicy, PurgeRequest, PutOutcome, StoreResult};

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl MetaStore for SqliteStore {
    async fn put_version(&self, new: NewVersion, policy: OverwritePolicy) -> StoreResult<PutOutcome> {
        files::put_version(&self.pool, new, policy).await
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
        let keys = sqlx::query_scalar("SELECT DISTINCT blob_key FROM file_versions")
            .fetch_all(&self.pool)
            .await?;
        Ok(keys)
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
}
