//! The delivery cache: delivered responses by normalised URL, bounded by bytes.
//!
//! It is deliberately independent of the file rows: deleting a file leaves its cached
//! deliveries in place until a purge, exactly as ImageKit's CDN behaves.

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;

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
    /// As `put`, returning once other instances sharing the cache can find the entry.
    async fn put_shared(&self, key: String, value: CachedResponse) {
        self.put(key, value).await;
    }
    /// Removes every entry the pattern matches, here and in any tier shared with other
    /// instances; later `get`s miss them.
    async fn purge(&self, pattern: &PurgePattern);
    /// Removes the matching entries that only this instance holds (its RAM), when another
    /// instance has already purged the shared tier.
    async fn purge_local(&self, pattern: &PurgePattern);
}

/// The embedded cache: in memory, bounded by total body bytes.
///
/// quick_cache (S3-FIFO) rather than moka: moka admits an entry by comparing how often it is
/// used with the entries it would evict, and after a flood of one-off thumbnails a hot 430 KB
/// original kept missing memory on part of its requests and was read from the disk tier
/// (docs/benchmarks.md, runs G and H). S3-FIFO lets a new entry in on probation and keeps the
/// ones that are asked for again.
pub struct MemoryCache {
    inner: quick_cache::sync::Cache<String, Arc<CachedResponse>, BodyWeight>,
}

/// What an entry costs: its body, key and headers, plus a fixed overhead.
#[derive(Clone)]
struct BodyWeight;

impl quick_cache::Weighter<String, Arc<CachedResponse>> for BodyWeight {
    fn weight(&self, key: &String, value: &Arc<CachedResponse>) -> u64 {
        let bytes = key.len() + value.body.len() + value.content_type.len() + value.etag.len() + 64;
        u64::try_from(bytes).unwrap_or(u64::MAX)
    }
}

/// A guess of the typical entry, for sizing the index only.
const TYPICAL_ENTRY_BYTES: u64 = 16 * 1024;

impl MemoryCache {
    pub fn new(max_bytes: u64) -> Self {
        let items = usize::try_from(max_bytes / TYPICAL_ENTRY_BYTES)
            .unwrap_or(usize::MAX)
            .max(64);
        Self {
            inner: quick_cache::sync::Cache::with_weighter(items, max_bytes, BodyWeight),
        }
    }
}

#[async_trait]
impl DeliveryCache for MemoryCache {
    async fn get(&self, key: &str) -> Option<CachedResponse> {
        self.inner.get(key).map(|v| (*v).clone())
    }

    async fn put(&self, key: String, value: CachedResponse) {
        self.inner.insert(key, Arc::new(value));
    }

    async fn purge(&self, pattern: &PurgePattern) {
        self.purge_local(pattern).await;
    }

    async fn purge_local(&self, pattern: &PurgePattern) {
        match pattern {
            PurgePattern::Exact(key) => {
                self.inner.remove(key.as_str());
            }
            _ => self
                .inner
                .retain(|key, value| !pattern.matches_entry(key, &value.file_path)),
        }
    }
}
