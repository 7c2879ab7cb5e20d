//! Used client-side upload tokens: claimed once, forgotten after they expire.

use super::dialect::Pool;

use crate::StoreResult;

/// Inserts the token unless it is already there; the primary key makes the claim atomic
/// for every connection and every instance that shares the database.
pub async fn claim(pool: &Pool, token: &str, expires_at: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("INSERT INTO upload_tokens (token, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(token)
            .bind(expires_at)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn forget_expired(pool: &Pool, now: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM upload_tokens WHERE expires_at < $1")
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
