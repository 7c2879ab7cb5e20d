//! Folder rows: explicit creation, lookup, counting and recursive delete.

use sqlx::Row;

use super::dialect::Pool;

use super::files::ensure_folders;
use super::transfer::prefix_end;
use crate::{FolderRecord, StoreResult};

pub async fn create(pool: &Pool, folder_path: &str, now: i64) -> StoreResult<()> {
    let mut tx = super::dialect::begin_write(pool).await?;
    ensure_folders(&mut tx, &format!("{folder_path}/"), now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(pool: &Pool, folder_path: &str) -> StoreResult<Option<FolderRecord>> {
    let row = sqlx::query(
        "SELECT folder_id, folder_path, name, created_at, updated_at FROM folders WHERE folder_path = $1",
    )
    .bind(folder_path)
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok(FolderRecord {
            folder_id: row.try_get("folder_id")?,
            folder_path: row.try_get("folder_path")?,
            name: row.try_get("name")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    })
    .transpose()
}

pub async fn count_below(pool: &Pool, folder_path: &str) -> StoreResult<i64> {
    let prefix = format!("{folder_path}/");
    let end = prefix_end(&prefix);
    let files: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM files WHERE file_path >= $1 AND file_path < $2")
            .bind(&prefix)
            .bind(&end)
            .fetch_one(pool)
            .await?;
    let folders: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM folders WHERE folder_path >= $1 AND folder_path < $2")
            .bind(&prefix)
            .bind(&end)
            .fetch_one(pool)
            .await?;
    Ok(files + folders)
}

pub async fn delete(pool: &Pool, folder_path: &str) -> StoreResult<Option<Vec<String>>> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let exists = sqlx::query("SELECT 1 FROM folders WHERE folder_path = $1")
        .bind(folder_path)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let prefix = format!("{folder_path}/");
    let end = prefix_end(&prefix);
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT v.blob_key FROM files f JOIN file_versions v ON v.file_id = f.file_id WHERE f.file_path >= $1 AND f.file_path < $2 \
         UNION ALL SELECT v.working_key FROM files f JOIN file_versions v ON v.file_id = f.file_id \
         WHERE f.file_path >= $1 AND f.file_path < $2 AND v.working_key IS NOT NULL \
         UNION ALL SELECT v.small_key FROM files f JOIN file_versions v ON v.file_id = f.file_id \
         WHERE f.file_path >= $1 AND f.file_path < $2 AND v.small_key IS NOT NULL",
    )
    .bind(&prefix)
    .bind(&end)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM files WHERE file_path >= $1 AND file_path < $2")
        .bind(&prefix)
        .bind(&end)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM folders WHERE folder_path = $1 OR (folder_path >= $2 AND folder_path < $3)")
        .bind(folder_path)
        .bind(&prefix)
        .bind(&end)
        .execute(&mut *tx)
        .await?;
    let free = super::versions::unreferenced(&mut tx, keys).await?;
    tx.commit().await?;
    Ok(Some(free))
}
