//! Working copies: for images larger than 1024 pixels on a side, a copy at that size is made
//! in the background after the upload is acknowledged. Delivery decodes it instead of the
//! original whenever the requested output fits inside it, which is what lets a media
//! library beat a proxy that must decode the full original on every miss.

use bytes::Bytes;
use store::{FileRecord, WorkingCopy};

use crate::Library;

/// Longest side of a working copy.
pub const WORKING_SIDES: [u32; 2] = [512, 1024];
/// AVIF above all: its decode takes hundreds of milliseconds, its JPEG copy a few.
const FORMATS: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "image/avif"];

impl Library {
    /// Starts making the working copies of a just-uploaded version, if it needs any.
    pub(crate) fn start_working_copy(&self, record: &FileRecord, bytes: Bytes) {
        let v = &record.version;
        let longest = v.width.max(v.height).unwrap_or(0);
        let sides: Vec<u32> = WORKING_SIDES
            .into_iter()
            .filter(|side| longest > i64::from(*side))
            .collect();
        if sides.is_empty() || !FORMATS.contains(&v.mime.as_str()) {
            return;
        }
        let (library, version_id) = (self.clone(), v.version_id.clone());
        tokio::spawn(async move {
            let made = tokio::task::spawn_blocking(move || make(&bytes, &sides))
                .await
                .unwrap_or_default();
            let mut copies = Vec::new();
            for (side, encoded, width, height) in made {
                let blob_key = format!("working/{version_id}-{side}");
                if let Err(e) = library.blobs.put(&blob_key, Bytes::from(encoded)).await {
                    tracing::warn!(error = %e, version_id, "could not store a working copy");
                    return;
                }
                copies.push(WorkingCopy {
                    blob_key,
                    width,
                    height,
                });
            }
            if copies.is_empty() {
                return;
            }
            if let Err(e) = library.meta.set_working_copies(&version_id, &copies).await {
                tracing::warn!(error = %e, version_id, "could not record working copies");
            }
        });
    }
}

/// The copies for `sides` (ascending), smallest first: the largest from the original, each
/// smaller one from the next larger copy, which costs a fraction of decoding the original.
fn make(bytes: &[u8], sides: &[u32]) -> Vec<(u32, Vec<u8>, u32, u32)> {
    let mut made: Vec<(u32, Vec<u8>, u32, u32)> = Vec::new();
    for side in sides.iter().rev() {
        let source = made.last().map_or(bytes, |(_, encoded, _, _)| encoded.as_slice());
        let Some(copy) = delivery::pipeline::working_copy::make(source, *side) else {
            break;
        };
        made.push((*side, copy.bytes, copy.width, copy.height));
    }
    made.reverse();
    made
}
