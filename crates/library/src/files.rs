//! File details and deletes (single and all-or-nothing bulk).

use store::{FileRecord, PurgePattern};

use crate::{Library, LibraryError, LibraryResult, is_valid_id};

/// ImageKit's limit on one bulk delete.
pub const MAX_BULK_DELETE: usize = 100;

impl Library {
    pub async fn file_details(&self, file_id: &str) -> LibraryResult<FileRecord> {
        if !is_valid_id(file_id) {
            return Err(LibraryError::InvalidFileId);
        }
        self.meta
            .file_by_id(file_id)
            .await?
            .ok_or(LibraryError::FileNotFound)
    }

    /// Deletes the file and all its versions. Cached deliveries stay unless
    /// `purge_on_delete` is set, as on ImageKit.
    pub async fn delete_file(&self, file_id: &str) -> LibraryResult<()> {
        if !is_valid_id(file_id) {
            return Err(LibraryError::InvalidFileId);
        }
        let ids = [file_id.to_owned()];
        let paths = self.paths_to_purge(&ids).await?;
        let keys = self
            .meta
            .delete_file(file_id)
            .await?
            .ok_or(LibraryError::FileNotFound)?;
        self.after_delete(&paths, keys).await;
        Ok(())
    }

    /// Deletes every listed file, or none when any id is unknown.
    pub async fn delete_files(&self, file_ids: &[String]) -> LibraryResult<Vec<String>> {
        if file_ids.is_empty() {
            return Err(LibraryError::InvalidParameter("fileIds is empty.".into()));
        }
        if file_ids.len() > MAX_BULK_DELETE {
            return Err(LibraryError::InvalidParameter(format!(
                "fileIds cannot have more than {MAX_BULK_DELETE} items."
            )));
        }
        let malformed: Vec<String> = file_ids.iter().filter(|id| !is_valid_id(id)).cloned().collect();
        if !malformed.is_empty() {
            return Err(LibraryError::FilesNotFound(malformed));
        }
        let paths = self.paths_to_purge(file_ids).await?;
        let keys = self
            .meta
            .delete_files(file_ids)
            .await?
            .map_err(LibraryError::FilesNotFound)?;
        self.after_delete(&paths, keys).await;
        let mut deleted = file_ids.to_vec();
        deleted.dedup();
        Ok(deleted)
    }

    /// The paths whose deliveries a delete must purge: none unless `purge_on_delete` is set,
    /// so an ordinary delete reads no rows beyond the delete itself.
    async fn paths_to_purge(&self, file_ids: &[String]) -> LibraryResult<Vec<String>> {
        let mut paths = Vec::new();
        if self.settings.purge_on_delete {
            for id in file_ids {
                if let Some(record) = self.meta.file_by_id(id).await? {
                    paths.push(record.file_path);
                }
            }
        }
        Ok(paths)
    }

    /// Removes bytes no row references any more (best effort: leftovers are orphans that
    /// a collector can remove later) and purges the given paths' deliveries.
    async fn after_delete(&self, paths: &[String], keys: Vec<String>) {
        self.remove_blobs(keys).await;
        for path in paths {
            if let Err(e) = self
                .broadcast_purge(&PurgePattern::File(path.clone()), None)
                .await
            {
                tracing::error!(error = %e, path, "could not purge a deleted file's deliveries");
            }
        }
    }

    /// Removes bytes that no row references any more. Best effort: a failure leaves an
    /// orphan, which is harmless and collected later.
    pub(crate) async fn remove_blobs(&self, keys: Vec<String>) {
        for key in keys {
            if let Err(e) = self.blobs.delete(&key).await {
                tracing::warn!(error = %e, key, "could not remove unreferenced bytes");
            }
        }
    }
}
