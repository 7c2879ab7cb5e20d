//! What every `BlobStore` must do.

use bytes::Bytes;
use store::BlobStore;

pub async fn put_get_delete(store: &dyn BlobStore) {
    let key = "originals/conformance";
    assert!(store.put(key, Bytes::from_static(b"first")).await.is_ok());
    assert_eq!(
        store.get(key).await.ok().flatten(),
        Some(Bytes::from_static(b"first"))
    );
    assert!(store.put(key, Bytes::from_static(b"second")).await.is_ok());
    assert_eq!(
        store.get(key).await.ok().flatten(),
        Some(Bytes::from_static(b"second"))
    );
    assert!(store.delete(key).await.is_ok());
    assert_eq!(store.get(key).await.ok().flatten(), None);
    assert!(store.delete(key).await.is_ok(), "deleting a missing key is fine");
    assert_eq!(store.get("originals/never").await.ok().flatten(), None);
}
