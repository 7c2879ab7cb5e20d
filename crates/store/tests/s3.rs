//! Runs the blob-store and tiered-cache conformance suites against a real S3 server
//! (SeaweedFS from `scripts/services` locally and in CI), each test under its own random
//! prefix of the test bucket. Without `HALFTONE_TEST_S3_ENDPOINT` the tests print a notice
//! and pass, unless `HALFTONE_REQUIRE_SERVICES=1` (CI) makes that a failure.

mod conformance;

use std::sync::Arc;

use store::{BlobStore, ObjectBlobStore, S3Settings, SqliteStore};

struct Target {
    endpoint: String,
    bucket: String,
}

fn target() -> Option<Target> {
    let endpoint = std::env::var("HALFTONE_TEST_S3_ENDPOINT")
        .ok()
        .filter(|v| !v.is_empty());
    let Some(endpoint) = endpoint else {
        assert!(
            std::env::var("HALFTONE_REQUIRE_SERVICES").as_deref() != Ok("1"),
            "HALFTONE_REQUIRE_SERVICES=1 but HALFTONE_TEST_S3_ENDPOINT is unset (eval \"$(scripts/services start)\")"
        );
        eprintln!(
            "HALFTONE_TEST_S3_ENDPOINT is unset: S3 tests skipped (eval \"$(scripts/services start)\")"
        );
        return None;
    };
    let bucket = std::env::var("HALFTONE_TEST_S3_BUCKET").unwrap_or_else(|_| "halftone-test".into());
    Some(Target { endpoint, bucket })
}

fn random_prefix() -> String {
    format!("t_{}", uuid_like())
}

fn uuid_like() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", hasher.finish())
}

fn settings(target: &Target) -> S3Settings {
    S3Settings {
        endpoint: Some(target.endpoint.clone()),
        ..S3Settings::default()
    }
}

/// A store under a fresh prefix of the test bucket, or `None` when no server is configured.
fn s3_store() -> Option<ObjectBlobStore> {
    let target = target()?;
    let url = format!("s3://{}/{}", target.bucket, random_prefix());
    Some(ObjectBlobStore::s3(&url, &settings(&target)).expect("S3 store"))
}

#[tokio::test]
async fn s3_put_get_delete() {
    let Some(store) = s3_store() else { return };
    conformance::blob::put_get_delete(&store).await;
}

#[tokio::test]
async fn s3_large_body() {
    let Some(store) = s3_store() else { return };
    conformance::blob::large_body_round_trips(&store).await;
}

#[tokio::test]
async fn s3_awkward_keys() {
    let Some(store) = s3_store() else { return };
    conformance::blob::awkward_keys_round_trip_and_list(&store).await;
}

#[tokio::test]
async fn s3_concurrent_puts() {
    let Some(store) = s3_store() else { return };
    conformance::blob::concurrent_puts(&store).await;
}

#[tokio::test]
async fn s3_prefixes_keep_stores_apart() {
    let Some(target) = target() else { return };
    let prefix = random_prefix();
    let open = |p: &str| {
        ObjectBlobStore::s3(&format!("s3://{}/{p}", target.bucket), &settings(&target)).expect("S3 store")
    };
    let (a, b) = (open(&format!("{prefix}/a")), open(&format!("{prefix}/b")));
    assert!(
        a.put("originals/x", bytes::Bytes::from_static(b"a"))
            .await
            .is_ok()
    );
    assert!(
        matches!(b.get("originals/x").await, Ok(None)),
        "b does not see a's key"
    );
    let parent = open(&prefix);
    let listed = parent.list("").await.unwrap_or_default();
    assert_eq!(
        listed.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
        ["a/originals/x"],
        "the key lands under the prefix"
    );
    assert!(a.delete("originals/x").await.is_ok());
}

#[tokio::test]
async fn s3_wrong_secret_is_an_error() {
    let Some(target) = target() else { return };
    let access_key = std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_default();
    let wrong = S3Settings {
        credentials: Some((access_key, "not-the-secret".into())),
        ..settings(&target)
    };
    let url = format!("s3://{}/{}", target.bucket, random_prefix());
    let store = ObjectBlobStore::s3(&url, &wrong).expect("S3 store");
    let put = store.put("originals/x", bytes::Bytes::from_static(b"x")).await;
    assert!(put.is_err(), "a put with a wrong secret must fail: {put:?}");
    let get = store.get("originals/x").await;
    assert!(
        get.is_err(),
        "a get with a wrong secret is an error, not a miss: {get:?}"
    );
}

#[tokio::test]
async fn s3_tiered_cache() {
    let Some(bodies) = s3_store() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = Arc::new(
        SqliteStore::open(&dir.path().join("meta.db"))
            .await
            .expect("open"),
    );
    conformance::cache::tiered_over(meta, Arc::new(bodies)).await;
}
