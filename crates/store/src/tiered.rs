//! The two-tier delivery cache: RAM (moka, LRU by bytes) in front of a disk tier whose
//! bytes live in a blob store and whose index lives in the metadata store, so cached
//! deliveries survive a restart and a purge is a key-range delete. A hit on disk writes
//! nothing at once: access times are batched in memory and flushed every few seconds,
//! and the same background task evicts least recently used entries over the budget.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use crate::{BlobStore, CacheEntry, CachedResponse, DeliveryCache, MemoryCache, MetaStore, PurgePattern};

const MAINTENANCE_EVERY: Duration = Duration::from_secs(5);

pub struct TieredCache {
    ram: MemoryCache,
    meta: Arc<dyn MetaStore>,
    disk: Arc<dyn BlobStore>,
    accesses: Mutex<HashMap<String, i64>>,
    disk_bytes: i64,
}

impl TieredCache {
    /// `disk` holds the cached bodies; `disk_bytes` bounds them.
    pub fn new(
        ram_bytes: u64,
        disk_bytes: u64,
        meta: Arc<dyn MetaStore>,
        disk: Arc<dyn BlobStore>,
    ) -> Arc<Self> {
        let cache = Arc::new(Self {
            ram: MemoryCache::new(ram_bytes),
            meta,
            disk,
            accesses: Mutex::new(HashMap::new()),
            disk_bytes: i64::try_from(disk_bytes).unwrap_or(i64::MAX),
        });
        if tokio::runtime::Handle::try_current().is_ok() {
            let weak = Arc::downgrade(&cache);
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(MAINTENANCE_EVERY);
                loop {
                    tick.tick().await;
                    let Some(cache) = weak.upgrade() else { return };
                    cache.maintain().await;
                }
            });
        }
        cache
    }

    /// Flushes batched access times, then evicts down to the budget.
    pub async fn maintain(&self) {
        let accesses: Vec<(String, i64)> = {
            let mut map = self.accesses.lock().unwrap_or_else(|p| p.into_inner());
            map.drain().collect()
        };
        if !accesses.is_empty()
            && let Err(e) = self.meta.touch_cache_entries(&accesses).await
        {
            tracing::warn!(error = %e, "could not record cache accesses");
        }
        match self.meta.evict_cache_entries(self.disk_bytes).await {
            Ok(keys) => self.remove_bodies(keys).await,
            Err(e) => tracing::warn!(error = %e, "cache eviction failed"),
        }
    }

    async fn remove_bodies(&self, keys: Vec<String>) {
        for key in keys {
            if let Err(e) = self.disk.delete(&key).await {
                tracing::warn!(error = %e, key, "could not remove a cached body");
            }
        }
    }

    fn record_access(&self, url: &str) {
        let now = chrono::Utc::now().timestamp_millis();
        self.accesses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(url.to_owned(), now);
    }
}

/// Where a URL's body lives: `cache/<2 hex>/<sha-256 hex>`, short and filesystem-safe.
fn body_key(url: &str) -> String {
    let digest = hex::encode(Sha256::digest(url.as_bytes()));
    format!("cache/{}/{digest}", &digest[..2])
}

#[async_trait]
impl DeliveryCache for TieredCache {
    async fn get(&self, key: &str) -> Option<CachedResponse> {
        if let Some(hit) = self.ram.get(key).await {
            return Some(hit);
        }
        let entry = match self.meta.cache_entry(key).await {
            Ok(entry) => entry?,
            Err(e) => {
                tracing::warn!(error = %e, "cache index read failed");
                return None;
            }
        };
        let body = self.disk.get(&entry.blob_key).await.ok().flatten()?;
        let response = CachedResponse {
            body,
            content_type: entry.content_type,
            etag: entry.etag,
            last_modified: entry.last_modified,
            private: entry.private,
            file_path: entry.file_path,
        };
        self.record_access(key);
        self.ram.put(key.to_owned(), response.clone()).await;
        Some(response)
    }

    async fn put(&self, key: String, value: CachedResponse) {
        let entry = CacheEntry {
            url: key.clone(),
            blob_key: body_key(&key),
            bytes: i64::try_from(value.body.len()).unwrap_or(i64::MAX),
            content_type: value.content_type.clone(),
            etag: value.etag.clone(),
            last_modified: value.last_modified,
            private: value.private,
            file_path: value.file_path.clone(),
        };
        // Body first, then the row: a row never points at a missing body.
        let stored = match self.disk.put(&entry.blob_key, value.body.clone()).await {
            Ok(()) => self
                .meta
                .put_cache_entry(&entry, chrono::Utc::now().timestamp_millis())
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = stored {
            tracing::warn!(error = %e, "could not write the disk tier of the cache");
        }
        self.ram.put(key, value).await;
    }

    async fn purge(&self, pattern: &PurgePattern) {
        self.ram.purge(pattern).await;
        match self.meta.purge_cache_entries(pattern).await {
            Ok(keys) => self.remove_bodies(keys).await,
            Err(e) => tracing::error!(error = %e, "purge of the disk tier failed"),
        }
    }
}
