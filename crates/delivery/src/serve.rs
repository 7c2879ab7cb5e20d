//! Cache-first lookup of a delivery URL. A cached answer is served even when the file has
//! been deleted since: only a purge removes it (ImageKit's contract).

use std::sync::Arc;

use percent_encoding::percent_decode_str;
use store::{BlobStore, CachedResponse, DeliveryCache, MetaStore, cache_key};

use crate::DeliveryError;

pub struct Delivery {
    meta: Arc<dyn MetaStore>,
    blobs: Arc<dyn BlobStore>,
    cache: Arc<dyn DeliveryCache>,
}

/// A response ready to send, and whether it came from the cache.
#[derive(Debug, Clone)]
pub struct Served {
    pub response: CachedResponse,
    pub cache_hit: bool,
}

impl Delivery {
    pub fn new(meta: Arc<dyn MetaStore>, blobs: Arc<dyn BlobStore>, cache: Arc<dyn DeliveryCache>) -> Self {
        Self { meta, blobs, cache }
    }

    /// Serves `relative`, the request's path and query after the URL endpoint's path.
    pub async fn serve(&self, relative: &str) -> Result<Served, DeliveryError> {
        let key = cache_key(relative);
        if let Some(response) = self.cache.get(&key).await {
            return Ok(Served {
                response,
                cache_hit: true,
            });
        }
        let (raw_path, query) = match relative.split_once('?') {
            Some((p, q)) => (p, q),
            None => (relative, ""),
        };
        if raw_path
            .split('/')
            .any(|s| s.starts_with("tr:") || s.starts_with("tr%3A"))
            || query
                .split('&')
                .any(|p| p.starts_with("tr=") || p.starts_with("transformation="))
        {
            return Err(DeliveryError::TransformationsUnsupported);
        }
        let path = percent_decode_str(raw_path)
            .decode_utf8()
            .map_err(|_| DeliveryError::NotFound)?;
        let mut record = self
            .meta
            .file_by_path(&path)
            .await?
            .ok_or(DeliveryError::NotFound)?;
        if let Some(version_id) = query.split('&').find_map(|p| p.strip_prefix("ik-obj-version=")) {
            record = self
                .meta
                .version(&record.file_id, version_id)
                .await?
                .ok_or(DeliveryError::NotFound)?;
        }
        let version = &record.version;
        if version.is_private {
            return Err(DeliveryError::PrivateFile);
        }
        let Some(body) = self.blobs.get(&version.blob_key).await? else {
            tracing::error!(
                file_id = record.file_id,
                key = version.blob_key,
                "row points at missing bytes"
            );
            return Err(DeliveryError::NotFound);
        };
        let response = CachedResponse {
            body,
            content_type: version.mime.clone(),
            etag: format!("\"{}\"", version.version_id),
            last_modified: version.updated_at,
        };
        self.cache.put(key, response.clone()).await;
        Ok(Served {
            response,
            cache_hit: false,
        })
    }
}
