//! The purge log and the instances following it. One process owns a SQLite file, so here
//! the log only orders this instance's own purges; the same rows in PostgreSQL carry them
//! to every instance.

use sqlx::{Row, SqlitePool};

use crate::{InstanceRecord, PurgeLogEntry, PurgePattern, StoreResult};

pub async fn append(
    pool: &SqlitePool,
    pattern: &PurgePattern,
    request_id: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    let (kind, value) = pattern.to_parts();
    let row = sqlx::query(
        "INSERT INTO purge_log (request_id, kind, value, created_at) VALUES ($1, $2, $3, $4) RETURNING seq",
    )
    .bind(request_id)
    .bind(kind)
    .bind(value)
    .bind(now)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get("seq")?)
}

pub async fn after(pool: &SqlitePool, seq: i64, limit: i64) -> StoreResult<Vec<PurgeLogEntry>> {
    let rows = sqlx::query(
        "SELECT seq, kind, value, created_at FROM purge_log WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let kind: String = row.try_get("kind")?;
        let value: String = row.try_get("value")?;
        if let Some(pattern) = PurgePattern::from_parts(&kind, &value) {
            entries.push(PurgeLogEntry {
                seq: row.try_get("seq")?,
                pattern,
                created_at: row.try_get("created_at")?,
            });
        }
    }
    Ok(entries)
}

pub async fn latest(pool: &SqlitePool) -> StoreResult<i64> {
    // sqlite_sequence keeps the highest seq ever handed out, even after pruning.
    let row = sqlx::query("SELECT seq FROM sqlite_sequence WHERE name = 'purge_log'")
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(row) => row.try_get("seq")?,
        None => 0,
    })
}

pub async fn request_seq(pool: &SqlitePool, request_id: &str) -> StoreResult<Option<i64>> {
    let row = sqlx::query("SELECT seq FROM purge_log WHERE request_id = $1")
        .bind(request_id)
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(row) => Some(row.try_get("seq")?),
        None => None,
    })
}

pub async fn heartbeat(pool: &SqlitePool, instance_id: &str, applied_seq: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO instances (instance_id, applied_seq, heartbeat_at) VALUES ($1, $2, $3) \
         ON CONFLICT (instance_id) DO UPDATE SET applied_seq = excluded.applied_seq, \
         heartbeat_at = excluded.heartbeat_at",
    )
    .bind(instance_id)
    .bind(applied_seq)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn live(pool: &SqlitePool, since: i64) -> StoreResult<Vec<InstanceRecord>> {
    let rows = sqlx::query(
        "SELECT instance_id, applied_seq, heartbeat_at FROM instances WHERE heartbeat_at >= $1 \
         ORDER BY instance_id",
    )
    .bind(since)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(InstanceRecord {
                instance_id: row.try_get("instance_id")?,
                applied_seq: row.try_get("applied_seq")?,
                heartbeat_at: row.try_get("heartbeat_at")?,
            })
        })
        .collect()
}

pub async fn forget_instance(pool: &SqlitePool, instance_id: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM instances WHERE instance_id = $1")
        .bind(instance_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn prune(pool: &SqlitePool, before: i64) -> StoreResult<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM purge_log WHERE created_at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM instances WHERE heartbeat_at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
