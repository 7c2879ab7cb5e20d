//! Purge request rows.

use sqlx::Row;

use super::dialect::Pool;

use crate::{PurgeRequest, PurgeStatus, StoreResult};

pub async fn insert(pool: &Pool, request: &PurgeRequest) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO purge_requests (request_id, pattern, status, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&request.request_id)
    .bind(&request.pattern)
    .bind(request.status.as_str())
    .bind(request.created_at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn get(pool: &Pool, request_id: &str) -> StoreResult<Option<PurgeRequest>> {
    let row = sqlx::query(
        "SELECT request_id, pattern, status, created_at FROM purge_requests WHERE request_id = $1",
    )
    .bind(request_id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    Ok(Some(PurgeRequest {
        request_id: row.try_get("request_id")?,
        pattern: row.try_get("pattern")?,
        status: if status == "Completed" {
            PurgeStatus::Completed
        } else {
            PurgeStatus::Pending
        },
        created_at: row.try_get("created_at")?,
    }))
}

pub async fn complete(pool: &Pool, request_id: &str) -> StoreResult<()> {
    sqlx::query("UPDATE purge_requests SET status = 'Completed' WHERE request_id = $1")
        .bind(request_id)
        .execute(pool)
        .await?;
    Ok(())
}
