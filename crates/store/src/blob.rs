//! The blob store: original bytes by key. One implementation over `object_store`, which
//! gives the local folder now and S3 later; local writes are fsynced before they return so
//! an acknowledged upload survives a crash.

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, local::LocalFileSystem, path::Path};

use crate::{StoreError, StoreResult};

#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` under `key`; returns once they are durable.
    async fn put(&self, key: &str, bytes: Bytes) -> StoreResult<()>;
    /// The bytes under `key`, or `None` when nothing is stored there.
    async fn get(&self, key: &str) -> StoreResult<Option<Bytes>>;
    /// Removes `key`; removing a missing key is not an error.
    async fn delete(&self, key: &str) -> StoreResult<()>;
}

pub struct ObjectBlobStore {
    inner: Arc<dyn ObjectStore>,
}

impl ObjectBlobStore {
    pub fn new(inner: Arc<dyn ObjectStore>) -> Self {
        Self { inner }
    }

    /// A store in a local folder, created if missing, with fsync on every write.
    pub fn local(root: &std::path::Path) -> StoreResult<Self> {
        Self::local_with(root, true)
    }

    /// A local folder for data that can be rebuilt (the delivery cache): no fsync.
    pub fn local_cache(root: &std::path::Path) -> StoreResult<Self> {
        Self::local_with(root, false)
    }

    fn local_with(root: &std::path::Path, fsync: bool) -> StoreResult<Self> {
        std::fs::create_dir_all(root)
            .map_err(|e| StoreError::Corrupt(format!("cannot create {}: {e}", root.display())))?;
        let fs = LocalFileSystem::new_with_prefix(root)?
            .with_automatic_cleanup(true)
            .with_fsync(fsync);
        Ok(Self::new(Arc::new(fs)))
    }
}

#[async_trait]
impl BlobStore for ObjectBlobStore {
    async fn put(&self, key: &str, bytes: Bytes) -> StoreResult<()> {
        let started = std::time::Instant::now();
        let result = self.inner.put(&Path::from(key), PutPayload::from(bytes)).await;
        timed("put", started);
        result?;
        Ok(())
    }

    async fn get(&self, key: &str) -> StoreResult<Option<Bytes>> {
        let started = std::time::Instant::now();
        let result = match self.inner.get(&Path::from(key)).await {
            Ok(result) => result.bytes().await.map(Some).map_err(Into::into),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        };
        timed("get", started);
        result
    }

    async fn delete(&self, key: &str) -> StoreResult<()> {
        let started = std::time::Instant::now();
        let result = match self.inner.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        };
        timed("delete", started);
        result
    }
}

fn timed(op: &'static str, started: std::time::Instant) {
    metrics::histogram!("halftone_blob_seconds", "op" => op).record(started.elapsed().as_secs_f64());
}
