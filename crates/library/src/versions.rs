//! File versions: list, one version, delete a non-current one, restore.

use store::FileRecord;

use crate::{Library, LibraryError, LibraryResult, is_valid_id, now_ms};

const VERSION_MISSING: &str = "The requested file version does not exist.";

impl Library {
    pub async fn versions(&self, file_id: &str) -> LibraryResult<Vec<FileRecord>> {
        check_ids(file_id, None)?;
        let versions = self.meta.versions(file_id).await?;
        if versions.is_empty() {
            return Err(LibraryError::FileNotFound);
        }
        Ok(versions)
    }

    pub async fn version(&self, file_id: &str, version_id: &str) -> LibraryResult<FileRecord> {
        check_ids(file_id, Some(version_id))?;
        self.meta
            .version(file_id, version_id)
            .await?
            .ok_or_else(|| LibraryError::not_found(VERSION_MISSING))
    }

    pub async fn delete_version(&self, file_id: &str, version_id: &str) -> LibraryResult<()> {
        check_ids(file_id, Some(version_id))?;
        let record = self
            .meta
            .version(file_id, version_id)
            .await?
            .ok_or_else(|| LibraryError::not_found("The requested asset does not exist."))?;
        if record.is_current() {
            return Err(LibraryError::invalid(
                "You cannot delete current version of a file.",
            ));
        }
        let keys = self
            .meta
            .delete_version(file_id, version_id)
            .await?
            .ok_or_else(|| LibraryError::not_found("The requested asset does not exist."))?;
        self.remove_blobs(keys).await;
        Ok(())
    }

    pub async fn restore_version(&self, file_id: &str, version_id: &str) -> LibraryResult<FileRecord> {
        check_ids(file_id, Some(version_id))?;
        if self.meta.file_by_id(file_id).await?.is_none() {
            return Err(LibraryError::FileNotFound);
        }
        self.meta
            .restore_version(file_id, version_id, now_ms())
            .await?
            .ok_or_else(|| LibraryError::not_found(VERSION_MISSING))
    }
}

fn check_ids(file_id: &str, version_id: Option<&str>) -> LibraryResult<()> {
    if !is_valid_id(file_id) {
        return Err(LibraryError::InvalidFileId);
    }
    if version_id.is_some_and(|v| !is_valid_id(v)) {
        return Err(LibraryError::invalid(
            "Your request contains invalid versionId parameter.",
        ));
    }
    Ok(())
}
