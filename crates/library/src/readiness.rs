//! Probes of the stores for the readiness endpoint: one trivial read each, bounded in time
//! so a hung store reports as failing instead of hanging the probe.

use std::time::Duration;

use crate::Library;

const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// A store that did not answer a probe.
#[derive(Debug)]
pub struct StoreFailure {
    /// `"metadata"` or `"blobs"`.
    pub store: &'static str,
    pub error: String,
}

impl Library {
    /// The stores that failed their probe; empty when all answered.
    pub async fn failing_stores(&self) -> Vec<StoreFailure> {
        let meta = probe("metadata", async {
            self.meta
                .purge_request("readyz")
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
        // A missing key: answers without reading or writing any real object.
        let blobs = probe("blobs", async {
            self.blobs
                .size("readyz/probe")
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
        let (meta, blobs) = tokio::join!(meta, blobs);
        [meta, blobs].into_iter().flatten().collect()
    }
}

async fn probe(
    store: &'static str,
    check: impl std::future::Future<Output = Result<(), String>>,
) -> Option<StoreFailure> {
    let error = match tokio::time::timeout(PROBE_TIMEOUT, check).await {
        Ok(Ok(())) => return None,
        Ok(Err(e)) => e,
        Err(_) => format!("no answer within {PROBE_TIMEOUT:?}"),
    };
    Some(StoreFailure { store, error })
}
