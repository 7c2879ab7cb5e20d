//! Bulk insertion of synthetic files for benchmarks: many files per transaction, through
//! the same row writers as uploads, so the side tables and folders are filled the same way.

use super::SqliteStore;
use super::sql::files::{ensure_folders, insert_version};
use crate::{NewVersion, StoreResult};

impl SqliteStore {
    /// Inserts new files (each `NewVersion` becomes a file with one version) in one transaction.
    pub async fn seed(&self, batch: &[NewVersion]) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        // A benchmark fixture can be rebuilt, so it skips the fsyncs uploads need; the
        // setting lives on this pooled connection, which only the seed command uses.
        sqlx::query("PRAGMA synchronous = OFF")
            .execute(&mut *conn)
            .await?;
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let mut folders: Vec<&str> = batch.iter().map(|n| n.folder_path.as_str()).collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            ensure_folders(&mut tx, folder, batch.first().map_or(0, |n| n.version.created_at)).await?;
        }
        for new in batch {
            sqlx::query("INSERT INTO files (file_id, file_path, name, folder_path, current_version_id, next_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $1, 2, $5, $5)")
                .bind(&new.id)
                .bind(&new.file_path)
                .bind(&new.name)
                .bind(&new.folder_path)
                .bind(new.version.created_at)
                .execute(&mut *tx)
                .await?;
            let mut version = new.version.clone();
            version.version_id = new.id.clone();
            version.version_number = 1;
            insert_version(&mut tx, &new.id, &version).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
