//! What every `DeliveryCache` must do.

use std::sync::Arc;

use bytes::Bytes;
use store::{BlobStore, CachedResponse, DeliveryCache, MetaStore, PurgePattern, TieredCache};

fn entry(body: &[u8]) -> CachedResponse {
    CachedResponse {
        body: Bytes::copy_from_slice(body),
        content_type: "image/png".into(),
        etag: "\"e\"".into(),
        last_modified: 0,
        private: false,
        file_path: String::new(),
    }
}

pub async fn exact_and_prefix_purges(cache: &dyn DeliveryCache) {
    for key in ["/a/b.jpg", "/a/b.jpg?tr=w-10", "/a/bc.jpg", "/a/c.jpg"] {
        cache.put(key.into(), entry(b"x")).await;
    }
    assert_eq!(cache.get("/a/b.jpg").await, Some(entry(b"x")));
    cache.purge(&PurgePattern::Exact("/a/b.jpg".into())).await;
    assert_eq!(cache.get("/a/b.jpg").await, None);
    assert!(cache.get("/a/b.jpg?tr=w-10").await.is_some());
    cache.purge(&PurgePattern::Prefix("/a/b".into())).await;
    assert_eq!(cache.get("/a/b.jpg?tr=w-10").await, None);
    assert_eq!(cache.get("/a/bc.jpg").await, None);
    assert!(cache.get("/a/c.jpg").await.is_some());
    cache.put("/a/b.jpg".into(), entry(b"new")).await;
    assert_eq!(
        cache.get("/a/b.jpg").await,
        Some(entry(b"new")),
        "a purge does not block later entries"
    );

    let mut variant = entry(b"v");
    variant.file_path = "/f.jpg".into();
    cache.put("/tr:w-10/f.jpg".into(), variant.clone()).await;
    cache.put("/f.jpg?tr=w-20".into(), variant).await;
    cache.purge(&PurgePattern::File("/f.jpg".into())).await;
    assert_eq!(
        cache.get("/tr:w-10/f.jpg").await,
        None,
        "a file purge reaches path-form variants"
    );
    assert_eq!(cache.get("/f.jpg?tr=w-20").await, None);
    assert!(cache.get("/a/c.jpg").await.is_some(), "and nothing else");
}

/// A hot large entry gets into a full cache of one-off small ones and stays there while
/// more one-offs arrive, as a popular original among fresh thumbnails: a miss is answered
/// from disk and put back, as the tiered cache does, and must not keep missing.
pub async fn a_hot_large_entry_displaces_cold_small_ones(cache: &dyn DeliveryCache, budget: usize) {
    let small = vec![b's'; budget / 400];
    let large = vec![b'L'; budget / 20];
    let mut one_offs = 0;
    let mut misses = Vec::new();
    for round in 0..40 {
        if cache.get("/large.jpg").await.is_none() {
            misses.push(round);
            cache.put("/large.jpg".into(), entry(&large)).await;
        }
        for _ in 0..100 {
            one_offs += 1;
            cache.put(format!("/small/{one_offs}.jpg"), entry(&small)).await;
        }
    }
    assert!(
        misses.iter().all(|&round| round < 5),
        "the hot entry missed in rounds {misses:?}"
    );
}

/// The tiered cache over a given index and body store: purges, a purge racing a queued
/// write, answers from the disk tier alone (a fresh RAM tier, as on another instance or
/// after a restart), eviction to the budget, and a body larger than the RAM tier.
pub async fn tiered_over(meta: Arc<dyn MetaStore>, bodies: Arc<dyn BlobStore>) {
    let cache = TieredCache::new(1024 * 1024, 64 * 1024 * 1024, meta.clone(), bodies.clone());
    exact_and_prefix_purges(cache.as_ref()).await;
    // A disk write still queued when a matching purge arrives must not bring the entry back.
    cache.put("/z.jpg".into(), entry(b"z")).await;
    cache.purge(&PurgePattern::Exact("/z.jpg".into())).await;
    let big = entry(&vec![b'B'; 2 * 1024 * 1024]);
    cache.put("/big.jpg".into(), big.clone()).await;
    cache.settle().await;

    let other = TieredCache::new(1024 * 1024, 64 * 1024 * 1024, meta.clone(), bodies.clone());
    assert!(other.get("/a/c.jpg").await.is_some(), "served from the disk tier");
    assert_eq!(other.get("/big.jpg").await, Some(big), "a body larger than RAM");
    assert!(other.get("/z.jpg").await.is_none(), "purged write stays purged");
    // A purge made by another instance reaches this one as `purge_local`: RAM only, since
    // that instance has already emptied the shared tier.
    other.purge_local(&PurgePattern::Exact("/a/c.jpg".into())).await;
    assert!(
        other.get("/a/c.jpg").await.is_some(),
        "a local purge leaves the shared tier"
    );
    other.purge(&PurgePattern::Exact("/big.jpg".into())).await;
    assert!(
        bodies.list("cache").await.unwrap_or_default().len() == 2,
        "a purge removes the body, not only the row"
    );

    let evicting = TieredCache::new(1024 * 1024, 0, meta.clone(), bodies.clone());
    evicting.maintain().await;
    let fresh = TieredCache::new(1024, 0, meta, bodies.clone());
    assert!(fresh.get("/a/c.jpg").await.is_none(), "evicted");
    // A new cache runs its first maintenance at once in the background; when that one took
    // the rows, it may still be removing their bodies.
    let mut left = None;
    for _ in 0..100 {
        left = bodies.list("cache").await.ok().map(|l| l.len());
        if left == Some(0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(left, Some(0), "eviction removes the bodies");
}
