//! Stored account configuration documents (URL endpoints, named transformations, saved
//! extensions), one JSON body per (kind, id).

use sqlx::Row;

use super::dialect::{DbRow, Pool};

use super::rows::{json_text, parse_json};
use crate::{ConfigRecord, StoreResult};

fn from_row(row: &DbRow) -> StoreResult<ConfigRecord> {
    let body: String = row.try_get("body")?;
    Ok(ConfigRecord {
        kind: row.try_get("kind")?,
        id: row.try_get("id")?,
        body: parse_json(&body)?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn list(pool: &Pool, kind: &str) -> StoreResult<Vec<ConfigRecord>> {
    let rows = sqlx::query("SELECT * FROM account_config WHERE kind = $1 ORDER BY created_at, id")
        .bind(kind)
        .fetch_all(pool)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(pool: &Pool, kind: &str, id: &str) -> StoreResult<Option<ConfigRecord>> {
    let row = sqlx::query("SELECT * FROM account_config WHERE kind = $1 AND id = $2")
        .bind(kind)
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn put(pool: &Pool, r: &ConfigRecord) -> StoreResult<()> {
    sqlx::query("INSERT INTO account_config (kind, id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
        .bind(&r.kind)
        .bind(&r.id)
        .bind(json_text(&r.body))
        .bind(r.created_at)
        .bind(r.updated_at)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete(pool: &Pool, kind: &str, id: &str) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM account_config WHERE kind = $1 AND id = $2")
        .bind(kind)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}
