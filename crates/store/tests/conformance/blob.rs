//! What every `BlobStore` must do. Each function works under the keys it names only, so
//! the S3 runner can give every test its own prefix in one bucket.

use bytes::Bytes;
use store::{BlobInfo, BlobStore};

pub async fn put_get_delete(store: &dyn BlobStore) {
    let key = "originals/conformance";
    assert!(store.put(key, Bytes::from_static(b"first")).await.is_ok());
    assert_eq!(
        store.get(key).await.ok().flatten(),
        Some(Bytes::from_static(b"first"))
    );
    assert_eq!(store.size(key).await.ok().flatten(), Some(5));
    assert!(store.put(key, Bytes::from_static(b"second")).await.is_ok());
    assert_eq!(
        store.get(key).await.ok().flatten(),
        Some(Bytes::from_static(b"second")),
        "a put overwrites"
    );
    assert_eq!(store.size(key).await.ok().flatten(), Some(6));
    assert!(store.delete(key).await.is_ok());
    assert_eq!(store.get(key).await.ok().flatten(), None);
    assert_eq!(store.size(key).await.ok().flatten(), None);
    assert!(store.delete(key).await.is_ok(), "deleting a missing key is fine");
    assert!(matches!(store.get("originals/never").await, Ok(None)));
    assert!(matches!(store.size("originals/never").await, Ok(None)));
}

/// Bodies larger than S3's 5 MiB multipart threshold and the 8 MiB reqwest buffers.
pub async fn large_body_round_trips(store: &dyn BlobStore) {
    let body: Vec<u8> = (0..9 * 1024 * 1024 + 17)
        .map(|i: u32| (i * 7 % 251) as u8)
        .collect();
    let key = "originals/large";
    assert!(store.put(key, Bytes::from(body.clone())).await.is_ok());
    let back = store.get(key).await.ok().flatten();
    assert_eq!(back.as_deref().map(<[u8]>::len), Some(body.len()));
    assert!(back.is_some_and(|b| b[..] == body[..]), "same bytes");
    assert!(store.delete(key).await.is_ok());
}

pub const AWKWARD_KEYS: [&str; 5] = [
    "originals/with space/a b.jpg",
    "originals/ünïcødé/日本語.png",
    "originals/percent/100%25 and 50%.gif",
    "originals/signs/a+b=c&d#e?f",
    "cache/ab/~tilde[1]{2}",
];

/// Keys as users name files: spaces, non-ASCII, percent signs and URL punctuation, each
/// stored apart from the others and listed back under the same name.
pub async fn awkward_keys_round_trip_and_list(store: &dyn BlobStore) {
    for (i, key) in AWKWARD_KEYS.iter().enumerate() {
        let body = Bytes::from(format!("body {i}"));
        assert!(store.put(key, body).await.is_ok(), "put {key}");
    }
    for (i, key) in AWKWARD_KEYS.iter().enumerate() {
        let expected = Bytes::from(format!("body {i}"));
        assert_eq!(store.get(key).await.ok().flatten(), Some(expected), "get {key}");
    }
    let mut listed = store.list("").await.unwrap_or_default();
    listed.sort_by(|a, b| a.key.cmp(&b.key));
    let mut expected: Vec<BlobInfo> = AWKWARD_KEYS
        .iter()
        .enumerate()
        .map(|(i, key)| BlobInfo {
            key: (*key).to_owned(),
            size: format!("body {i}").len() as u64,
        })
        .collect();
    expected.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(listed, expected);
    let originals = store.list("originals").await.unwrap_or_default();
    assert_eq!(
        originals.len(),
        4,
        "a prefix lists only its folder: {originals:?}"
    );
    let none = store.list("originals/with").await.unwrap_or_default();
    assert!(
        none.is_empty(),
        "a prefix is a folder, not a string prefix: {none:?}"
    );
    for key in AWKWARD_KEYS {
        assert!(store.delete(key).await.is_ok());
    }
    assert_eq!(store.list("").await.ok().map(|l| l.len()), Some(0));
}

/// Many puts at once, to different keys and to one key: all land, and the shared key
/// holds exactly one of the bodies written, never a mix.
pub async fn concurrent_puts(store: &dyn BlobStore) {
    let bodies: Vec<Bytes> = (0..16u8).map(|i| Bytes::from(vec![i; 64 * 1024])).collect();
    let puts = bodies.iter().enumerate().map(|(i, body)| async move {
        let own = store.put(&format!("originals/many/{i}"), body.clone()).await;
        let shared = store.put("originals/shared", body.clone()).await;
        own.is_ok() && shared.is_ok()
    });
    let results = futures::future::join_all(puts).await;
    assert!(results.iter().all(|ok| *ok), "{results:?}");
    for (i, body) in bodies.iter().enumerate() {
        let back = store.get(&format!("originals/many/{i}")).await.ok().flatten();
        assert_eq!(back.as_ref(), Some(body));
    }
    let shared = store.get("originals/shared").await.ok().flatten();
    assert!(shared.is_some_and(|s| bodies.contains(&s)), "one whole body");
    for i in 0..bodies.len() {
        assert!(store.delete(&format!("originals/many/{i}")).await.is_ok());
    }
    assert!(store.delete("originals/shared").await.is_ok());
}

pub async fn all(store: &dyn BlobStore) {
    put_get_delete(store).await;
    large_body_round_trips(store).await;
    awkward_keys_round_trip_and_list(store).await;
    concurrent_puts(store).await;
}
