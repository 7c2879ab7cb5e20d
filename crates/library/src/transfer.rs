//! Copy, move and rename of single files.

use serde_json::Value;
use store::{RenameOutcome, StoreError, Transfer};

use crate::body::Body;
use crate::names::{sanitize_file_name, sanitize_folder};
use crate::{Library, LibraryError, LibraryResult, new_id, now_ms};

impl Library {
    pub async fn copy_file(&self, body: &Value) -> LibraryResult<()> {
        let body = Body::of(body)?;
        let include = body.bool("includeFileVersions", false)? || body.bool("includeVersions", false)?;
        self.transfer_file(
            &body,
            Transfer::Copy {
                include_versions: include,
            },
        )
        .await
    }

    pub async fn move_file(&self, body: &Value) -> LibraryResult<()> {
        self.transfer_file(&Body::of(body)?, Transfer::Move).await
    }

    async fn transfer_file(&self, body: &Body<'_>, transfer: Transfer) -> LibraryResult<()> {
        let source = body.required("sourceFilePath", "MISSING_PARAMETER")?;
        let destination = body.required("destinationPath", "MISSING_PARAMETER")?;
        let source = normalize_file_path(source);
        reject_dot_segments(destination)?;
        let folder = sanitize_folder(destination).map_err(|_| {
            LibraryError::bad(
                "INVALID_FOLDER_PATH",
                "Your request contains invalid destinationPath parameter.",
            )
        })?;
        if source.rsplit_once('/').map(|(dir, _)| format!("{dir}/")) == Some(folder.clone()) {
            return Err(LibraryError::bad(
                "SAME_SOURCE_AND_DESTINATION",
                "Your request contains invalid parameters. Source and destination are the same.",
            ));
        }
        match self
            .meta
            .transfer_file(&source, &folder, transfer, &new_id, now_ms())
            .await
        {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(LibraryError::not_found_reason(
                "SOURCE_FILE_MISSING",
                format!("No file found with filePath `{source}`."),
            )),
            Err(StoreError::VersionLimit(_)) => Err(LibraryError::bad(
                "VERSION_LIMIT_EXCEEDED",
                "Your request contains invalid parameters. The destination file would exceed 100 versions.",
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Renames a file in place; returns the purge request id when `purgeCache` was asked.
    pub async fn rename_file(&self, body: &Value) -> LibraryResult<Option<String>> {
        let body = Body::of(body)?;
        let path = normalize_file_path(body.required("filePath", "MISSING_PARAMETER")?);
        let raw_name = body.required("newFileName", "MISSING_PARAMETER")?;
        let purge = body.bool("purgeCache", false)?;
        let new_name = sanitize_file_name(raw_name).map_err(|_| {
            LibraryError::bad(
                "INVALID_PARAMETER",
                "Your request contains invalid newFileName parameter.",
            )
        })?;
        if path.rsplit('/').next() == Some(new_name.as_str()) {
            return Err(LibraryError::bad(
                "SAME_OLD_AND_NEW_NAME",
                "The new file name is the same as the old one.",
            ));
        }
        match self.meta.rename_file(&path, &new_name, now_ms()).await? {
            RenameOutcome::Missing => Err(LibraryError::not_found_reason(
                "FILE_MISSING",
                format!("No file found with filePath `{path}`."),
            )),
            RenameOutcome::TargetExists => Err(LibraryError::conflict(
                "FILE_ALREADY_EXISTS",
                "A file with the new name already exists at this location.",
            )),
            RenameOutcome::Renamed(_) if purge => {
                let url = format!("{}{path}*", self.settings.url_endpoint);
                Ok(Some(self.purge(&url).await?.request_id))
            }
            RenameOutcome::Renamed(_) => Ok(None),
        }
    }
}

/// `a/b.jpg` and `/a/b.jpg` name the same file.
pub(crate) fn normalize_file_path(path: &str) -> String {
    let trimmed = path.trim();
    if trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        format!("/{trimmed}")
    }
}

/// `.` and `..` are refused as folder names in paths a caller names (ImageKit's rule).
pub(crate) fn reject_dot_segments(path: &str) -> LibraryResult<()> {
    if path
        .split('/')
        .any(|segment| matches!(segment.trim(), "." | ".."))
    {
        return Err(LibraryError::bad(
            "INVALID_FOLDER_PATH",
            "'.' & '..' can not be used as folder-name",
        ));
    }
    Ok(())
}
