//! Runs the conformance suites against the embedded implementations, plus what only
//! SQLite has (a database file reopened).

mod conformance;

use std::sync::Arc;

use store::{MemoryCache, ObjectBlobStore, SqliteStore};

/// A SQLite store in its own temp dir.
struct Sqlite {
    _dir: tempfile::TempDir,
    store: SqliteStore,
}

impl conformance::Fixture for Sqlite {
    fn store(&self) -> &dyn store::MetaStore {
        &self.store
    }

    async fn finish(self) {}
}

async fn sqlite() -> Option<Sqlite> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("meta.db"))
        .await
        .expect("open sqlite");
    Some(Sqlite { _dir: dir, store })
}

meta_suite!(sqlite);

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
    conformance::blob::all(&store).await;
}

#[tokio::test]
async fn tiered_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = Arc::new(
        SqliteStore::open(&dir.path().join("meta.db"))
            .await
            .expect("open"),
    );
    let bodies = Arc::new(ObjectBlobStore::local_cache(&dir.path().join("cache")).expect("cache dir"));
    conformance::cache::tiered_over(meta, bodies).await;
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
