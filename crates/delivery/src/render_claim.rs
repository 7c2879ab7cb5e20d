//! Rendering a URL once across instances that share their stores. Within an instance the
//! single-flight map already coalesces identical misses; across instances, the first to
//! claim the URL in the metadata store renders it and writes the shared tier before it lets
//! the claim go, and the others wait for that entry instead of rendering it again.

use std::time::Duration;

use store::{CachedResponse, DeliveryCache, MetaStore};

/// A claim lapses after this, so an instance that dies mid-render holds nobody up for long.
const CLAIM_TTL_MS: i64 = 15_000;
/// How long a waiting instance looks for the other's result before rendering it itself.
const WAIT_FOR_OTHERS: Duration = Duration::from_secs(3);
const POLL_EVERY: Duration = Duration::from_millis(25);

/// What this instance may do about a miss.
pub(crate) enum Claim {
    /// No other instance shares the stores: render.
    Alone,
    /// This instance holds the claim: render, then `release` after the shared write.
    Ours,
    /// Another instance rendered it meanwhile (or the wait ran out: `None`, render anyway).
    Found(Option<CachedResponse>),
}

pub(crate) fn owner() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos:x}", std::process::id())
}

pub(crate) async fn claim(meta: &dyn MetaStore, cache: &dyn DeliveryCache, key: &str, owner: &str) -> Claim {
    if !meta.shared() {
        return Claim::Alone;
    }
    let now = chrono::Utc::now().timestamp_millis();
    match meta.claim_render(key, owner, now, CLAIM_TTL_MS).await {
        Ok(true) => {
            // The holder before us may have finished between our miss and our claim.
            match cache.get(key).await {
                Some(found) => {
                    release(meta, key, owner).await;
                    Claim::Found(Some(found))
                }
                None => Claim::Ours,
            }
        }
        Ok(false) => Claim::Found(wait_for(cache, key).await),
        Err(e) => {
            tracing::warn!(error = %e, "render claim failed; rendering without one");
            Claim::Alone
        }
    }
}

async fn wait_for(cache: &dyn DeliveryCache, key: &str) -> Option<CachedResponse> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OTHERS;
    while tokio::time::Instant::now() < deadline {
        tokio::time::sleep(POLL_EVERY).await;
        if let Some(found) = cache.get(key).await {
            return Some(found);
        }
    }
    None
}

pub(crate) async fn release(meta: &dyn MetaStore, key: &str, owner: &str) {
    if let Err(e) = meta.release_render(key, owner).await {
        tracing::warn!(error = %e, "could not release a render claim; it lapses on its own");
    }
}
