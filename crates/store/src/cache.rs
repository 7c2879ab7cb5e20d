//! The delivery cache: delivered responses by normalised URL, bounded by bytes.
//!
//! It is deliberately independent of the file rows: deleting a file leaves its cached
//! deliveries in place until a purge, exactly as ImageKit's CDN behaves.

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use moka::future::Cache;

use crate::PurgePattern;

/// A delivered response as it is replayed from the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedResponse {
    pub body: Bytes,
    pub content_type: String,
    pub etag: String,
    /// Unix milliseconds of the version's last change.
    pub last_modified: i64,
    /// A private file's response: a hit is served only with a valid signature.
    pub private: bool,
    /// The file it was made from (for purging every variant of a deleted file).
    pub file_path: String,
}

#[async_trait]
pub trait DeliveryCache: Send + Sync {
    async fn get(&self, key: &str) -> Option<CachedResponse>;
    async fn put(&self, key: String, value: CachedResponse);
    /// Removes every entry the pattern matches; later `get`s miss them.
    async fn purge(&self, pattern: &PurgePattern);
}

/// The embedded cache: in memory, least-recently-used eviction by total body bytes.
pub struct MemoryCache {
    inner: Cache<String, Arc<CachedResponse>>,
}

impl MemoryCache {
    pub fn new(max_bytes: u64) -> Self {
        let inner = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &String, value: &Arc<CachedResponse>| {
                let weight = key.len() + value.body.len() + value.content_type.len() + 64;
                u32::try_from(weight).unwrap_or(u32::MAX)
            })
            .support_invalidation_closures()
            .build();
        Self { inner }
    }
}

#[async_trait]
impl DeliveryCache for MemoryCache {
    async fn get(&self, key: &str) -> Option<CachedResponse> {
        self.inner.get(key).await.map(|v| (*v).clone())
    }

    async fn put(&self, key: String, value: CachedResponse) {
        self.inner.insert(key, Arc::new(value)).await;
    }

    async fn purge(&self, pattern: &PurgePattern) {
        match pattern {
            PurgePattern::Exact(key) => self.inner.invalidate(key).await,
            _ => {
                let pattern = pattern.clone();
                // Only fails when closures were not enabled at build time, which they are.
                if let Err(e) = self
                    .inner
                    .invalidate_entries_if(move |key, value| pattern.matches_entry(key, &value.file_path))
                {
                    tracing::error!(error = %e, "purge could not be registered");
                    self.inner.invalidate_all();
                }
            }
        }
    }
}
