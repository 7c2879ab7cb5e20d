//! Rows of the delivery cache's disk tier (see `crate::tiered`).

use sqlx::Row;

use super::dialect::Pool;

use crate::{CacheEntry, PurgePattern, StoreResult};

pub async fn get(pool: &Pool, url: &str) -> StoreResult<Option<CacheEntry>> {
    let row = sqlx::query("SELECT url, blob_key, bytes, content_type, etag, last_modified, private, file_path FROM delivery_cache WHERE url = $1")
        .bind(url)
        .fetch_optional(pool)
        .await?;
    row.map(|r| {
        Ok(CacheEntry {
            url: r.try_get("url")?,
            blob_key: r.try_get("blob_key")?,
            bytes: r.try_get("bytes")?,
            content_type: r.try_get("content_type")?,
            etag: r.try_get("etag")?,
            last_modified: r.try_get("last_modified")?,
            private: r.try_get("private")?,
            file_path: r.try_get("file_path")?,
        })
    })
    .transpose()
}

pub async fn put(pool: &Pool, e: &CacheEntry, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO delivery_cache (url, blob_key, bytes, content_type, etag, last_modified, private, last_access, file_path) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (url) DO UPDATE SET blob_key = excluded.blob_key, \
         file_path = excluded.file_path, \
         bytes = excluded.bytes, content_type = excluded.content_type, etag = excluded.etag, \
         last_modified = excluded.last_modified, private = excluded.private, last_access = excluded.last_access",
    )
    .bind(&e.url)
    .bind(&e.blob_key)
    .bind(e.bytes)
    .bind(&e.content_type)
    .bind(&e.etag)
    .bind(e.last_modified)
    .bind(e.private)
    .bind(now)
    .bind(&e.file_path)
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes the rows the pattern matches; returns their blob keys.
pub async fn purge(pool: &Pool, pattern: &PurgePattern) -> StoreResult<Vec<String>> {
    let mut tx = super::dialect::begin_write(pool).await?;
    let keys: Vec<String> = match pattern {
        PurgePattern::Exact(url) => {
            sqlx::query_scalar("DELETE FROM delivery_cache WHERE url = $1 RETURNING blob_key")
                .bind(url)
                .fetch_all(&mut *tx)
                .await?
        }
        PurgePattern::File(path) => {
            sqlx::query_scalar("DELETE FROM delivery_cache WHERE file_path = $1 RETURNING blob_key")
                .bind(path)
                .fetch_all(&mut *tx)
                .await?
        }
        PurgePattern::Prefix(prefix) => {
            sqlx::query_scalar("DELETE FROM delivery_cache WHERE url >= $1 AND url < $2 RETURNING blob_key")
                .bind(prefix)
                .bind(format!("{prefix}\u{10FFFF}"))
                .fetch_all(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    Ok(keys)
}

pub async fn touch(pool: &Pool, accesses: &[(String, i64)]) -> StoreResult<()> {
    let mut tx = super::dialect::begin_write(pool).await?;
    for (url, at) in accesses {
        sqlx::query("UPDATE delivery_cache SET last_access = CASE WHEN last_access > $2 THEN last_access ELSE $2 END WHERE url = $1")
            .bind(url)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Drops least recently used rows until the total is at most `target_bytes`; returns
/// their blob keys.
pub async fn evict(pool: &Pool, target_bytes: i64) -> StoreResult<Vec<String>> {
    let total: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(bytes) AS BIGINT) FROM delivery_cache")
        .fetch_one(pool)
        .await?;
    let mut excess = total.unwrap_or(0) - target_bytes;
    if excess <= 0 {
        return Ok(Vec::new());
    }
    let mut tx = super::dialect::begin_write(pool).await?;
    let rows =
        sqlx::query("SELECT url, blob_key, bytes FROM delivery_cache ORDER BY last_access LIMIT 10000")
            .fetch_all(&mut *tx)
            .await?;
    let mut keys = Vec::new();
    for row in rows {
        if excess <= 0 {
            break;
        }
        let url: String = row.try_get("url")?;
        let bytes: i64 = row.try_get("bytes")?;
        sqlx::query("DELETE FROM delivery_cache WHERE url = $1")
            .bind(&url)
            .execute(&mut *tx)
            .await?;
        keys.push(row.try_get("blob_key")?);
        excess -= bytes;
    }
    tx.commit().await?;
    Ok(keys)
}
