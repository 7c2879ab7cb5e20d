//! File and version rows: upload (create or new version), lookups and all-or-nothing deletes.

use sqlx::Transaction;

use super::dialect::{Db, Pool};

use super::rows::{file_from_row, json_text, select_file};
use crate::{FileRecord, NewVersion, OverwritePolicy, PutOutcome, StoreError, StoreResult, VersionRecord};

pub async fn by_id(pool: &Pool, file_id: &str) -> StoreResult<Option<FileRecord>> {
    let row = sqlx::query(select_file!(current: "WHERE f.file_id = $1"))
        .bind(file_id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(file_from_row).transpose()
}

pub async fn by_path(pool: &Pool, file_path: &str) -> StoreResult<Option<FileRecord>> {
    let row = sqlx::query(select_file!(current: "WHERE f.file_path = $1"))
        .bind(file_path)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(file_from_row).transpose()
}

pub async fn put_version(pool: &Pool, new: NewVersion, policy: OverwritePolicy) -> StoreResult<PutOutcome> {
    // IMMEDIATE takes the write lock up front, so two uploads to one path serialise
    // instead of both reading "absent" and one failing on the UNIQUE constraint.
    let mut tx = super::dialect::begin_write(pool).await?;
    ensure_folders(&mut tx, &new.folder_path, new.version.created_at).await?;
    let existing: Option<(String, i64)> =
        sqlx::query_as("SELECT file_id, next_version FROM files WHERE file_path = $1")
            .bind(&new.file_path)
            .fetch_optional(&mut *tx)
            .await?;
    let outcome = match existing {
        None => {
            create_file(&mut tx, &new).await?;
            let record = current(&mut tx, &new.id).await?;
            PutOutcome::Created(record)
        }
        Some((file_id, next_version)) => {
            if !policy.allow {
                return Err(StoreError::AlreadyExists(new.file_path));
            }
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM file_versions WHERE file_id = $1")
                .bind(&file_id)
                .fetch_one(&mut *tx)
                .await?;
            if count >= policy.max_versions {
                return Err(StoreError::VersionLimit(file_id));
            }
            let previous = current(&mut tx, &file_id).await?.version;
            let mut version = new.version.clone();
            version.version_id = new.id.clone();
            version.version_number = next_version;
            carry_over(&mut version, &previous, policy);
            insert_version(&mut tx, &file_id, &version).await?;
            sqlx::query("UPDATE files SET current_version_id = $1, next_version = next_version + 1, updated_at = $2 WHERE file_id = $3")
                .bind(&version.version_id)
                .bind(version.updated_at)
                .bind(&file_id)
                .execute(&mut *tx)
                .await?;
            let record = current(&mut tx, &file_id).await?;
            PutOutcome::NewVersion(record)
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Keeps the previous version's values that the overwrite flags say to keep.
fn carry_over(version: &mut VersionRecord, previous: &VersionRecord, policy: OverwritePolicy) {
    if policy.keep_tags && version.tags.is_none() {
        version.tags = previous.tags.clone();
    }
    if policy.keep_ai_tags && version.ai_tags.is_none() {
        version.ai_tags = previous.ai_tags.clone();
    }
    let metadata_empty = version.custom_metadata.as_object().is_none_or(|m| m.is_empty());
    if policy.keep_custom_metadata && metadata_empty {
        version.custom_metadata = previous.custom_metadata.clone();
    }
}

async fn create_file(tx: &mut Transaction<'_, Db>, new: &NewVersion) -> StoreResult<()> {
    let now = new.version.created_at;
    sqlx::query("INSERT INTO files (file_id, file_path, name, folder_path, current_version_id, next_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $1, 2, $5, $5)")
        .bind(&new.id)
        .bind(&new.file_path)
        .bind(&new.name)
        .bind(&new.folder_path)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let mut version = new.version.clone();
    version.version_id = new.id.clone();
    version.version_number = 1;
    insert_version(tx, &new.id, &version).await
}

pub(crate) async fn insert_version(
    tx: &mut Transaction<'_, Db>,
    file_id: &str,
    v: &VersionRecord,
) -> StoreResult<()> {
    let insert = sqlx::query(
        "INSERT INTO file_versions (version_id, file_id, version_number, blob_key, size, mime, file_type, width, height, has_alpha, is_private, is_published, tags, ai_tags, custom_coordinates, custom_metadata, description, embedded_metadata, created_at, updated_at, working_key, working_width, working_height, small_key, small_width, small_height) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)",
    )
    .bind(&v.version_id)
    .bind(file_id)
    .bind(v.version_number)
    .bind(&v.blob_key)
    .bind(v.size)
    .bind(&v.mime)
    .bind(&v.file_type)
    .bind(v.width)
    .bind(v.height)
    .bind(v.has_alpha)
    .bind(v.is_private)
    .bind(v.is_published)
    .bind(v.tags.as_ref().map(json_text))
    .bind(v.ai_tags.as_ref().map(json_text))
    .bind(&v.custom_coordinates)
    .bind(json_text(&v.custom_metadata))
    .bind(&v.description)
    .bind(v.embedded_metadata.as_ref().map(json_text))
    .bind(v.created_at)
    .bind(v.updated_at);
    super::rows::bind_working_copies(insert, &v.working)
        .execute(&mut **tx)
        .await?;
    super::index::index_new(tx, v).await
}

pub(super) async fn current(tx: &mut Transaction<'_, Db>, file_id: &str) -> StoreResult<FileRecord> {
    let row = sqlx::query(select_file!(current: "WHERE f.file_id = $1"))
        .bind(file_id)
        .fetch_one(&mut **tx)
        .await?;
    file_from_row(&row)
}

/// Creates the folder rows of `folder_path` (`/a/b/`) and every ancestor that is missing.
pub(crate) async fn ensure_folders(
    tx: &mut Transaction<'_, Db>,
    folder_path: &str,
    now: i64,
) -> StoreResult<()> {
    let mut path = String::new();
    for segment in folder_path.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        path.push_str(segment);
        let parent = path
            .rsplit_once('/')
            .map(|(p, _)| format!("{p}/"))
            .unwrap_or_else(|| "/".into());
        sqlx::query(super::dialect::INSERT_FOLDER)
            .bind(&path)
            .bind(segment)
            .bind(&parent)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn delete_many(pool: &Pool, file_ids: &[String]) -> StoreResult<Result<Vec<String>, Vec<String>>> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let mut missing = Vec::new();
    let mut keys = Vec::new();
    for id in file_ids {
        let found: Vec<String> = sqlx::query_scalar("SELECT v.blob_key FROM files f JOIN file_versions v ON v.file_id = f.file_id WHERE f.file_id = $1 \
             UNION ALL SELECT v.working_key FROM file_versions v WHERE v.file_id = $1 AND v.working_key IS NOT NULL \
             UNION ALL SELECT v.small_key FROM file_versions v WHERE v.file_id = $1 AND v.small_key IS NOT NULL")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        if found.is_empty() {
            missing.push(id.clone());
        }
        keys.extend(found);
    }
    if !missing.is_empty() {
        tx.rollback().await?;
        return Ok(Err(missing));
    }
    for id in file_ids {
        sqlx::query("DELETE FROM files WHERE file_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let unreferenced = super::versions::unreferenced(&mut tx, keys).await?;
    tx.commit().await?;
    Ok(Ok(unreferenced))
}
