//! Working copies: for images larger than 1024 pixels on a side, a copy at that size is made
//! in the background after the upload is acknowledged. Delivery decodes it instead of the
//! original whenever the requested output fits inside it, which is what lets a media
//! library beat a proxy that must decode the full original on every miss.

use bytes::Bytes;
use store::{FileRecord, WorkingCopy};

use crate::Library;

/// Longest side of a working copy.
pub const WORKING_SIDE: u32 = 1024;
const FORMATS: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

impl Library {
    /// Starts making the working copy of a just-uploaded version, if it needs one.
    pub(crate) fn start_working_copy(&self, record: &FileRecord, bytes: Bytes) {
        let v = &record.version;
        let large = v
            .width
            .max(v.height)
            .is_some_and(|side| side > i64::from(WORKING_SIDE));
        if !large || !FORMATS.contains(&v.mime.as_str()) {
            return;
        }
        let (library, version_id) = (self.clone(), v.version_id.clone());
        tokio::spawn(async move {
            let made = tokio::task::spawn_blocking(move || make(&bytes))
                .await
                .ok()
                .flatten();
            let Some((encoded, width, height)) = made else {
                return;
            };
            let blob_key = format!("working/{version_id}");
            let copy = WorkingCopy {
                blob_key: blob_key.clone(),
                width,
                height,
            };
            let stored = match library.blobs.put(&blob_key, Bytes::from(encoded)).await {
                Ok(()) => library
                    .meta
                    .set_working_copy(&version_id, &copy)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = stored {
                tracing::warn!(error = %e, version_id, "could not store a working copy");
            }
        });
    }
}

/// Decodes, shrinks to `WORKING_SIDE`, and encodes (JPEG q92, or PNG when there is alpha).
fn make(bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let copy = delivery::pipeline::working_copy::make(bytes, WORKING_SIDE)?;
    Some((copy.bytes, copy.width, copy.height))
}
