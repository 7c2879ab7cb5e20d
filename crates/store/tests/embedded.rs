//! Runs the conformance suites against the embedded implementations.

mod conformance;

use store::{MemoryCache, ObjectBlobStore, SqliteStore};

async fn sqlite() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("meta.db"))
        .await
        .expect("open sqlite");
    (dir, store)
}

#[tokio::test]
async fn sqlite_create_read_overwrite() {
    let (_dir, store) = sqlite().await;
    conformance::meta::create_read_overwrite(&store).await;
}

#[tokio::test]
async fn sqlite_deletes_are_all_or_nothing() {
    let (_dir, store) = sqlite().await;
    conformance::meta::deletes_are_all_or_nothing(&store).await;
}

#[tokio::test]
async fn sqlite_working_copies_round_trip_and_are_freed() {
    let (_dir, store) = sqlite().await;
    conformance::meta::working_copies_round_trip_and_are_freed(&store).await;
}

#[tokio::test]
async fn sqlite_purge_requests_round_trip() {
    let (_dir, store) = sqlite().await;
    conformance::meta::purge_requests_round_trip(&store).await;
}

#[tokio::test]
async fn sqlite_upload_tokens_are_single_use() {
    let (_dir, store) = sqlite().await;
    conformance::meta::upload_tokens_are_single_use_until_forgotten(&store).await;
}

#[tokio::test]
async fn sqlite_purge_log() {
    let (_dir, store) = sqlite().await;
    conformance::purge_log::log_orders_purges_and_tracks_instances(&store).await;
}

#[tokio::test]
async fn sqlite_used_upload_tokens_survive_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("meta.db");
    {
        let store = SqliteStore::open(&path).await.expect("open");
        assert_eq!(
            store::MetaStore::claim_upload_token(&store, "v1:kept", 10)
                .await
                .ok(),
            Some(true)
        );
    }
    let reopened = SqliteStore::open(&path).await.expect("reopen");
    let again = store::MetaStore::claim_upload_token(&reopened, "v1:kept", 10)
        .await
        .ok();
    assert_eq!(again, Some(false));
}

#[tokio::test]
async fn sqlite_survives_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("meta.db");
    {
        let store = SqliteStore::open(&path).await.expect("open");
        conformance::meta::purge_requests_round_trip(&store).await;
    }
    let reopened = SqliteStore::open(&path).await.expect("reopen");
    let found = store::MetaStore::purge_request(&reopened, "dddddddddddddddddddddddd")
        .await
        .ok()
        .flatten();
    assert!(found.is_some());
}

#[tokio::test]
async fn local_folder_blobs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = ObjectBlobStore::local(&dir.path().join("blobs")).expect("local store");
    conformance::blob::put_get_delete(&store).await;
}

#[tokio::test]
async fn tiered_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = std::sync::Arc::new(
        SqliteStore::open(&dir.path().join("meta.db"))
            .await
            .expect("open"),
    );
    let bodies =
        std::sync::Arc::new(ObjectBlobStore::local_cache(&dir.path().join("cache")).expect("cache dir"));
    let cache = store::TieredCache::new(1024 * 1024, 1024 * 1024, meta.clone(), bodies.clone());
    conformance::cache::exact_and_prefix_purges(cache.as_ref()).await;
    // A disk write still queued when a matching purge arrives must not bring the entry back.
    let entry = store::CachedResponse {
        body: bytes::Bytes::from_static(b"z"),
        content_type: "image/png".into(),
        etag: "\"z\"".into(),
        last_modified: 0,
        private: false,
        file_path: "/z.jpg".into(),
    };
    store::DeliveryCache::put(cache.as_ref(), "/z.jpg".into(), entry).await;
    store::DeliveryCache::purge(cache.as_ref(), &store::PurgePattern::Exact("/z.jpg".into())).await;
    cache.settle().await;
    // The disk tier alone (a fresh RAM tier) still answers, and evicts down to its budget.
    let cold = store::TieredCache::new(1024 * 1024, 0, meta, bodies);
    assert!(
        store::DeliveryCache::get(cold.as_ref(), "/a/c.jpg")
            .await
            .is_some(),
        "served from disk"
    );
    assert!(
        store::DeliveryCache::get(cold.as_ref(), "/z.jpg").await.is_none(),
        "purged write stays purged"
    );
    // A purge made by another instance reaches this one as `purge_local`: RAM only, since
    // that instance has already emptied the shared tier.
    store::DeliveryCache::purge_local(cold.as_ref(), &store::PurgePattern::Exact("/a/c.jpg".into())).await;
    assert!(
        store::DeliveryCache::get(cold.as_ref(), "/a/c.jpg")
            .await
            .is_some(),
        "a local purge leaves the shared tier"
    );
    cold.maintain().await;
    let fresh = store::TieredCache::new(
        1024,
        0,
        std::sync::Arc::new(
            SqliteStore::open(&dir.path().join("meta.db"))
                .await
                .expect("reopen"),
        ),
        std::sync::Arc::new(ObjectBlobStore::local_cache(&dir.path().join("cache")).expect("cache dir")),
    );
    assert!(
        store::DeliveryCache::get(fresh.as_ref(), "/a/c.jpg")
            .await
            .is_none(),
        "evicted"
    );
}

#[tokio::test]
async fn memory_cache() {
    conformance::cache::exact_and_prefix_purges(&MemoryCache::new(1024 * 1024)).await;
    conformance::cache::a_hot_large_entry_displaces_cold_small_ones(
        &MemoryCache::new(1024 * 1024),
        1024 * 1024,
    )
    .await;
}
