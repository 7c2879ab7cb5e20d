//! The two-tier delivery cache: RAM (S3-FIFO by bytes) in front of a disk tier whose
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
    /// Serialises disk-tier writes with purges, and remembers recent purges: a write queued
    /// before a purge that matches it, and run after it, is dropped instead of resurrecting
    /// the entry.
    disk_order: Arc<tokio::sync::Mutex<PurgeLog>>,
    /// Disk writes queued and not finished yet.
    pending: Arc<std::sync::atomic::AtomicUsize>,
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
            disk_order: Arc::new(tokio::sync::Mutex::new(PurgeLog::default())),
            pending: Arc::new(std::sync::atomic::AtomicUsize::new(0)),
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

    /// Waits until every queued disk write has finished (tests, shutdown).
    pub async fn settle(&self) {
        while self.pending.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
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

    /// RAM at once; the disk tier (a body and an index row) in the background or, with
    /// `wait`, before returning.
    async fn store(&self, key: String, value: CachedResponse, wait: bool) {
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
        let body = value.body.clone();
        self.ram.put(key, value).await;
        // The disk write (a file and an index row) happens after the answer, off the request,
        // unless the caller waits for it (another instance is waiting for the entry).
        let (meta, disk, order) = (self.meta.clone(), self.disk.clone(), self.disk_order.clone());
        let purges_seen = order.lock().await.count;
        let pending = self.pending.clone();
        pending.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let write = async move {
            let purges = order.lock().await;
            if purges.purged_since(purges_seen, &entry.url, &entry.file_path) {
                pending.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                return;
            }
            // Body first, then the row: a row never points at a missing body.
            let stored = match disk.put(&entry.blob_key, body).await {
                Ok(()) => meta
                    .put_cache_entry(&entry, chrono::Utc::now().timestamp_millis())
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            drop(purges);
            pending.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            if let Err(e) = stored {
                tracing::warn!(error = %e, "could not write the disk tier of the cache");
            }
        };
        if !wait && tokio::runtime::Handle::try_current().is_ok() {
            tokio::spawn(write);
        } else {
            write.await;
        }
    }
}

/// The most recent purges, numbered.
#[derive(Default)]
struct PurgeLog {
    count: u64,
    recent: std::collections::VecDeque<(u64, PurgePattern)>,
}

const PURGES_REMEMBERED: usize = 256;

impl PurgeLog {
    fn record(&mut self, pattern: &PurgePattern) {
        self.count += 1;
        self.recent.push_back((self.count, pattern.clone()));
        if self.recent.len() > PURGES_REMEMBERED {
            self.recent.pop_front();
        }
    }

    /// Whether a purge after number `seen` removes this entry (or may have: forgotten ones count).
    fn purged_since(&self, seen: u64, url: &str, file_path: &str) -> bool {
        let forgotten = self.recent.front().is_some_and(|(n, _)| *n > seen + 1);
        forgotten
            || self
                .recent
                .iter()
                .any(|(n, p)| *n > seen && p.matches_entry(url, file_path))
    }
}

#[derive(Clone, Copy)]
enum Outcome {
    Ram,
    Shared,
    Miss,
}

/// Counts a lookup by where it was answered. Handles are made once: a registry lookup on
/// every RAM hit would cost more than the hit.
fn outcome(outcome: Outcome) {
    static COUNTERS: std::sync::OnceLock<[metrics::Counter; 3]> = std::sync::OnceLock::new();
    let counters = COUNTERS.get_or_init(|| {
        ["ram", "disk", "miss"]
            .map(|tier| metrics::counter!("halftone_cache_lookups_total", "answer" => tier))
    });
    counters[outcome as usize].increment(1);
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
            outcome(Outcome::Ram);
            return Some(hit);
        }
        let started = std::time::Instant::now();
        let entry = self.meta.cache_entry(key).await;
        metrics::histogram!("halftone_store_seconds", "op" => "cache_index")
            .record(started.elapsed().as_secs_f64());
        let entry = match entry {
            Ok(Some(entry)) => entry,
            Ok(None) => {
                outcome(Outcome::Miss);
                return None;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cache index read failed");
                outcome(Outcome::Miss);
                return None;
            }
        };
        let Some(body) = self.disk.get(&entry.blob_key).await.ok().flatten() else {
            outcome(Outcome::Miss);
            return None;
        };
        outcome(Outcome::Shared);
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
        self.store(key, value, false).await;
    }

    async fn put_shared(&self, key: String, value: CachedResponse) {
        self.store(key, value, true).await;
    }

    async fn purge_local(&self, pattern: &PurgePattern) {
        // Recorded so that this instance's queued disk writes of matching entries are dropped.
        self.disk_order.lock().await.record(pattern);
        self.ram.purge(pattern).await;
    }

    async fn purge(&self, pattern: &PurgePattern) {
        let mut purges = self.disk_order.lock().await;
        purges.record(pattern);
        self.ram.purge(pattern).await;
        match self.meta.purge_cache_entries(pattern).await {
            Ok(keys) => self.remove_bodies(keys).await,
            Err(e) => tracing::error!(error = %e, "purge of the disk tier failed"),
        }
    }
}
