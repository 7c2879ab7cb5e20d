//! Version rows: listing, one version, deleting a non-current one, restoring, and saving
//! the mutable details of a version.

use sqlx::Transaction;

use super::dialect::{Db, Pool};

use super::rows::{file_from_row, json_text, select_file};
use crate::{FileRecord, StoreResult, VersionRecord};

pub async fn list(pool: &Pool, file_id: &str) -> StoreResult<Vec<FileRecord>> {
    let rows = sqlx::query(select_file!(any: "WHERE f.file_id = $1 ORDER BY v.version_number"))
        .bind(file_id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(file_from_row).collect()
}

pub async fn get(pool: &Pool, file_id: &str, version_id: &str) -> StoreResult<Option<FileRecord>> {
    let row = sqlx::query(select_file!(any: "WHERE f.file_id = $1 AND v.version_id = $2"))
        .bind(file_id)
        .bind(version_id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(file_from_row).transpose()
}

/// Deletes a version that is not current (the caller checks); returns its blob key when
/// no other version shares it.
pub async fn delete(pool: &Pool, file_id: &str, version_id: &str) -> StoreResult<Option<Vec<String>>> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let key: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT v.blob_key, v.working_key, v.small_key FROM file_versions v JOIN files f ON f.file_id = v.file_id \
         WHERE v.file_id = $1 AND v.version_id = $2 AND f.current_version_id <> v.version_id",
    )
    .bind(file_id)
    .bind(version_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((key, working, small)) = key else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM file_versions WHERE version_id = $1")
        .bind(version_id)
        .execute(&mut *tx)
        .await?;
    let unreferenced = unreferenced(
        &mut tx,
        std::iter::once(key).chain(working).chain(small).collect(),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(unreferenced))
}

pub async fn restore(
    pool: &Pool,
    file_id: &str,
    version_id: &str,
    now: i64,
) -> StoreResult<Option<FileRecord>> {
    let done = sqlx::query(
        "UPDATE files SET current_version_id = $2, updated_at = $3 WHERE file_id = $1 \
         AND EXISTS (SELECT 1 FROM file_versions WHERE file_id = $1 AND version_id = $2)",
    )
    .bind(file_id)
    .bind(version_id)
    .bind(now)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    super::files::by_id(pool, file_id).await
}

pub async fn save_details(
    pool: &Pool,
    file_id: &str,
    v: &VersionRecord,
    expected_updated_at: i64,
) -> StoreResult<bool> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE file_versions SET tags = $1, ai_tags = $2, custom_coordinates = $3, custom_metadata = $4, \
         description = $5, is_published = $6, updated_at = $7 \
         WHERE file_id = $8 AND version_id = $9 AND updated_at = $10",
    )
    .bind(v.tags.as_ref().map(json_text))
    .bind(v.ai_tags.as_ref().map(json_text))
    .bind(&v.custom_coordinates)
    .bind(json_text(&v.custom_metadata))
    .bind(&v.description)
    .bind(v.is_published)
    .bind(v.updated_at)
    .bind(file_id)
    .bind(&v.version_id)
    .bind(expected_updated_at)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE files SET updated_at = CASE WHEN updated_at > $2 THEN updated_at ELSE $2 END WHERE file_id = $1")
        .bind(file_id)
        .bind(v.updated_at)
        .execute(&mut *tx)
        .await?;
    super::index::reindex(&mut tx, v).await?;
    tx.commit().await?;
    Ok(true)
}

/// The keys among `keys` that no version references any more.
pub async fn unreferenced(tx: &mut Transaction<'_, Db>, mut keys: Vec<String>) -> StoreResult<Vec<String>> {
    keys.sort();
    keys.dedup();
    let mut free = Vec::with_capacity(keys.len());
    for key in keys {
        let used = sqlx::query(
            "SELECT 1 FROM file_versions WHERE blob_key = $1 OR working_key = $1 OR small_key = $1 LIMIT 1",
        )
        .bind(&key)
        .fetch_optional(&mut **tx)
        .await?;
        if used.is_none() {
            free.push(key);
        }
    }
    Ok(free)
}
