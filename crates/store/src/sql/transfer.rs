//! Copy, move and rename of files and folders. A copy shares the bytes (same blob keys)
//! instead of duplicating them; landing on an existing file of the same name appends the
//! versions to its history, as ImageKit does.

use sqlx::{Row, Transaction};

use super::dialect::{Db, Pool};

use super::files::{current, ensure_folders, insert_version};
use super::rows::{file_from_row, select_file};
use crate::{FileRecord, IdGen, RenameOutcome, StoreError, StoreResult, Transfer};

const MAX_VERSIONS: i64 = 100;

/// The exclusive upper bound of paths under `prefix` (which ends in `/`): `/a/b/` → `/a/b0`.
pub fn prefix_end(prefix: &str) -> String {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    format!("{trimmed}0")
}

pub async fn transfer_file(
    pool: &Pool,
    source_path: &str,
    dest_folder: &str,
    transfer: Transfer,
    ids: IdGen<'_>,
    now: i64,
) -> StoreResult<Option<FileRecord>> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT file_id, name FROM files WHERE file_path = $1")
            .bind(source_path)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((file_id, name)) = found else {
        return Ok(None);
    };
    let landed = transfer_one(&mut tx, &file_id, dest_folder, &name, transfer, ids, now).await?;
    let record = current(&mut tx, &landed).await?;
    tx.commit().await?;
    Ok(Some(record))
}

/// Copies or moves one file inside a transaction; returns the id of the file it landed in.
async fn transfer_one(
    tx: &mut Transaction<'_, Db>,
    file_id: &str,
    dest_folder: &str,
    name: &str,
    transfer: Transfer,
    ids: IdGen<'_>,
    now: i64,
) -> StoreResult<String> {
    let dest_path = format!("{dest_folder}{name}");
    ensure_folders(tx, dest_folder, now).await?;
    let existing: Option<(String, i64)> =
        sqlx::query_as("SELECT file_id, next_version FROM files WHERE file_path = $1")
            .bind(&dest_path)
            .fetch_optional(&mut **tx)
            .await?;
    if existing.as_ref().is_some_and(|(id, _)| id == file_id) {
        return Ok(file_id.to_owned());
    }
    if existing.is_none() && transfer == Transfer::Move {
        sqlx::query("UPDATE files SET file_path = $1, folder_path = $2, updated_at = $3 WHERE file_id = $4")
            .bind(&dest_path)
            .bind(dest_folder)
            .bind(now)
            .bind(file_id)
            .execute(&mut **tx)
            .await?;
        return Ok(file_id.to_owned());
    }
    let versions = source_versions(tx, file_id, transfer).await?;
    let (target, first_number) = match existing {
        Some((dest_id, next)) => {
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM file_versions WHERE file_id = $1")
                .bind(&dest_id)
                .fetch_one(&mut **tx)
                .await?;
            if count + versions.len() as i64 > MAX_VERSIONS {
                return Err(StoreError::VersionLimit(dest_id));
            }
            (dest_id, next)
        }
        None => {
            let new_id = ids();
            sqlx::query("INSERT INTO files (file_id, file_path, name, folder_path, current_version_id, next_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $1, 1, $5, $5)")
                .bind(&new_id)
                .bind(&dest_path)
                .bind(name)
                .bind(dest_folder)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            (new_id, 1)
        }
    };
    let mut last = String::new();
    for (offset, mut version) in versions.into_iter().enumerate() {
        version.version_id = if first_number == 1 && offset == 0 {
            target.clone()
        } else {
            ids()
        };
        version.version_number = first_number + offset as i64;
        version.updated_at = now;
        insert_version(tx, &target, &version).await?;
        last = version.version_id;
    }
    sqlx::query("UPDATE files SET current_version_id = $1, next_version = (SELECT MAX(version_number) + 1 FROM file_versions WHERE file_id = $2), updated_at = $3 WHERE file_id = $2")
        .bind(&last)
        .bind(&target)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    if transfer == Transfer::Move {
        sqlx::query("DELETE FROM files WHERE file_id = $1")
            .bind(file_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(target)
}

async fn source_versions(
    tx: &mut Transaction<'_, Db>,
    file_id: &str,
    transfer: Transfer,
) -> StoreResult<Vec<crate::VersionRecord>> {
    let rows = sqlx::query(select_file!(any: "WHERE f.file_id = $1 ORDER BY v.version_number"))
        .bind(file_id)
        .fetch_all(&mut **tx)
        .await?;
    let records = rows
        .iter()
        .map(file_from_row)
        .collect::<StoreResult<Vec<FileRecord>>>()?;
    let all_versions = !matches!(
        transfer,
        Transfer::Copy {
            include_versions: false
        }
    );
    Ok(records
        .into_iter()
        .filter(|r| all_versions || r.is_current())
        .map(|r| r.version)
        .collect())
}

pub async fn rename_file(
    pool: &Pool,
    file_path: &str,
    new_name: &str,
    now: i64,
) -> StoreResult<RenameOutcome> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT file_id, folder_path FROM files WHERE file_path = $1")
            .bind(file_path)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((file_id, folder)) = found else {
        return Ok(RenameOutcome::Missing);
    };
    let new_path = format!("{folder}{new_name}");
    let taken = sqlx::query("SELECT 1 FROM files WHERE file_path = $1")
        .bind(&new_path)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Ok(RenameOutcome::TargetExists);
    }
    sqlx::query("UPDATE files SET file_path = $1, name = $2, updated_at = $3 WHERE file_id = $4")
        .bind(&new_path)
        .bind(new_name)
        .bind(now)
        .bind(&file_id)
        .execute(&mut *tx)
        .await?;
    let record = current(&mut tx, &file_id).await?;
    tx.commit().await?;
    Ok(RenameOutcome::Renamed(Box::new(record)))
}

/// Copies or moves everything under folder `source` to folder `dest` and completes the job.
pub async fn transfer_folder(
    pool: &Pool,
    source: &str,
    dest: &str,
    transfer: Transfer,
    ids: IdGen<'_>,
    job_id: &str,
    now: i64,
) -> StoreResult<()> {
    let mut tx = super::dialect::begin_write(pool).await?;
    if !super::dialect::claim_job(&mut tx, job_id).await? {
        return Ok(());
    }
    let source_prefix = format!("{source}/");
    let end = prefix_end(&source_prefix);
    let folders: Vec<String> = sqlx::query_scalar(
        "SELECT folder_path FROM folders WHERE folder_path = $1 OR (folder_path >= $2 AND folder_path < $3) ORDER BY folder_path",
    )
    .bind(source)
    .bind(&source_prefix)
    .bind(&end)
    .fetch_all(&mut *tx)
    .await?;
    for folder in &folders {
        let relative = folder.strip_prefix(source).unwrap_or_default();
        ensure_folders(&mut tx, &format!("{dest}{relative}/"), now).await?;
    }
    let files = sqlx::query("SELECT file_id, file_path, name FROM files WHERE file_path >= $1 AND file_path < $2 ORDER BY file_path")
        .bind(&source_prefix)
        .bind(&end)
        .fetch_all(&mut *tx)
        .await?;
    for row in files {
        let file_id: String = row.try_get("file_id")?;
        let path: String = row.try_get("file_path")?;
        let name: String = row.try_get("name")?;
        let relative_dir = path
            .strip_prefix(source)
            .and_then(|r| r.strip_suffix(name.as_str()))
            .unwrap_or("/");
        transfer_one(
            &mut tx,
            &file_id,
            &format!("{dest}{relative_dir}"),
            &name,
            transfer,
            ids,
            now,
        )
        .await?;
    }
    if transfer == Transfer::Move {
        sqlx::query("DELETE FROM folders WHERE folder_path = $1 OR (folder_path >= $2 AND folder_path < $3)")
            .bind(source)
            .bind(&source_prefix)
            .bind(&end)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE bulk_jobs SET status = 'Completed', updated_at = $2 WHERE job_id = $1")
        .bind(job_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
