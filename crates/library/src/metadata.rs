//! Image metadata (`GET /v1/files/:id/metadata`, `GET /v1/metadata?url=`), and the
//! embedded metadata kept at upload. Extraction decodes pixels, so it runs off the async
//! threads.

use bytes::Bytes;
use serde_json::{Map, Value};

use crate::{Library, LibraryError, LibraryResult, is_valid_id};

const CORRUPT: &str = "The requested file is corrupt or invalid.";

impl Library {
    pub async fn file_metadata(&self, file_id: &str) -> LibraryResult<Value> {
        if !is_valid_id(file_id) {
            return Err(LibraryError::InvalidFileId);
        }
        let record = self.meta.file_by_id(file_id).await?.ok_or_else(inaccessible)?;
        self.metadata_of(&record.version.blob_key).await
    }

    pub async fn url_metadata(&self, url: &str) -> LibraryResult<Value> {
        let foreign =
            || LibraryError::invalid("The url should be accessible using your ImageKit.io account.");
        let relative = self.endpoint_relative(url.trim()).ok_or_else(foreign)?;
        let path = relative.split('?').next().unwrap_or_default();
        let path = percent_decode(path);
        let record = self.meta.file_by_path(&path).await?.ok_or_else(inaccessible)?;
        self.metadata_of(&record.version.blob_key).await
    }

    async fn metadata_of(&self, blob_key: &str) -> LibraryResult<Value> {
        let bytes = self.blobs.get(blob_key).await?.ok_or_else(inaccessible)?;
        let result = tokio::task::spawn_blocking(move || imagemeta::metadata(&bytes))
            .await
            .map_err(|e| LibraryError::Internal(format!("metadata task: {e}")))?;
        result.map_err(|e| match e {
            imagemeta::MetadataError::TooLarge { width, height } => {
                LibraryError::invalid(format!("The image is too large to analyse ({width}x{height})."))
            }
            _ => LibraryError::invalid(CORRUPT),
        })
    }
}

fn inaccessible() -> LibraryError {
    LibraryError::not_found("The requested file does not exist or is inaccessible at this time.")
}

fn percent_decode(path: &str) -> String {
    url::form_urlencoded::parse(format!("p={}", path.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Flattened EXIF/IPTC of an upload, or `None` when there is none.
pub(crate) async fn embedded(bytes: Bytes) -> Option<Value> {
    let map: Map<String, Value> = tokio::task::spawn_blocking(move || imagemeta::embedded_metadata(&bytes))
        .await
        .ok()?;
    (!map.is_empty()).then_some(Value::Object(map))
}

/// The full Metadata object of an upload, for `responseFields=metadata`.
pub(crate) async fn full(bytes: Bytes) -> Option<Value> {
    tokio::task::spawn_blocking(move || imagemeta::metadata(&bytes))
        .await
        .ok()?
        .ok()
}
