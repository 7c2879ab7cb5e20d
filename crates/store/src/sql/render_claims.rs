//! Render claims: one instance at a time renders a URL that several instances miss at once.

use super::dialect::Pool;

use crate::StoreResult;

/// Takes the claim unless another owner holds one that has not lapsed; the primary key and
/// the conditional upsert make this atomic across every instance sharing the database.
pub async fn claim(pool: &Pool, url: &str, owner: &str, now: i64, ttl_ms: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO render_claims (url, owner, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (url) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at \
         WHERE render_claims.expires_at < $4 OR render_claims.owner = excluded.owner",
    )
    .bind(url)
    .bind(owner)
    .bind(now.saturating_add(ttl_ms))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release(pool: &Pool, url: &str, owner: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM render_claims WHERE url = $1 AND owner = $2")
        .bind(url)
        .bind(owner)
        .execute(pool)
        .await?;
    Ok(())
}
