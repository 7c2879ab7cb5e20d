//! Folders: create, delete (recursive), and the bulk jobs that copy, move and rename them.
//! Jobs are rows first and work second, so a restart picks up whatever was pending.

use serde_json::{Value, json};
use store::{FolderRecord, JobRecord, JobStatus, Transfer};

use crate::body::Body;
use crate::names::sanitize_folder;
use crate::{Library, LibraryError, LibraryResult, new_id, now_ms};

const MAX_OBJECTS: i64 = 100_000;

impl Library {
    pub async fn create_folder(&self, body: &Value) -> LibraryResult<()> {
        let body = Body::of(body)?;
        let name = body.required("folderName", "MISSING_PARAMETER")?.trim();
        if name == "." || name == ".." {
            return Err(LibraryError::bad(
                "INVALID_FOLDER_PATH",
                "'.' & '..' can not be used as folder-name",
            ));
        }
        let parent = body.required("parentFolderPath", "MISSING_PARAMETER")?;
        let folder = folder_path(&format!("{parent}/{name}"))?;
        if folder.is_empty() {
            return Err(LibraryError::bad(
                "INVALID_FOLDER_PATH",
                "Your request contains invalid folderName parameter.",
            ));
        }
        self.meta.create_folder(&folder, now_ms()).await?;
        Ok(())
    }

    pub async fn delete_folder(&self, body: &Value) -> LibraryResult<()> {
        let body = Body::of(body)?;
        let folder = folder_path(body.required("folderPath", "MISSING_PARAMETER")?)?;
        self.existing_folder(&folder, "FOLDER_NOT_FOUND").await?;
        if self.meta.count_in_folder(&folder).await? > MAX_OBJECTS {
            return Err(LibraryError::bad(
                "TOO_MANY_OBJECTS",
                "The folder holds more than 100000 objects.",
            ));
        }
        let keys = self
            .meta
            .delete_folder(&folder)
            .await?
            .ok_or_else(folder_missing)?;
        self.remove_blobs(keys).await;
        Ok(())
    }

    pub async fn copy_folder(&self, body: &Value) -> LibraryResult<String> {
        let body = Body::of(body)?;
        let include = body.bool("includeVersions", false)? || body.bool("includeFileVersions", false)?;
        self.folder_job(&body, "COPY_FOLDER", json!({"includeVersions": include}))
            .await
    }

    pub async fn move_folder(&self, body: &Value) -> LibraryResult<String> {
        self.folder_job(&Body::of(body)?, "MOVE_FOLDER", json!({})).await
    }

    pub async fn rename_folder(&self, body: &Value) -> LibraryResult<String> {
        let body = Body::of(body)?;
        let source = folder_path(body.required("folderPath", "MISSING_PARAMETER")?)?;
        let raw_name = body.required("newFolderName", "MISSING_PARAMETER")?.trim();
        let name: String = raw_name
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        if source.is_empty() {
            return Err(LibraryError::bad(
                "SOURCE_IS_ROOT",
                "The root folder cannot be renamed.",
            ));
        }
        self.existing_folder(&source, "NO_FILES_FOLDER").await?;
        let parent = source.rsplit_once('/').map(|(p, _)| p).unwrap_or_default();
        let dest = format!("{parent}/{name}");
        if dest == source {
            return Err(LibraryError::bad(
                "SAME_SOURCE_AND_DESTINATION",
                "The new folder name is the same as the old one.",
            ));
        }
        let purge_request_id = if body.bool("purgeCache", false)? {
            Some(
                self.purge(&format!("{}{source}/*", self.settings.url_endpoint))
                    .await?
                    .request_id,
            )
        } else {
            None
        };
        self.enqueue(
            "RENAME_FOLDER",
            json!({"source": source, "dest": dest}),
            purge_request_id,
        )
        .await
    }

    pub async fn job(&self, job_id: &str) -> LibraryResult<JobRecord> {
        self.meta
            .job(job_id)
            .await?
            .ok_or_else(|| LibraryError::not_found("The requested job does not exist."))
    }

    async fn folder_job(&self, body: &Body<'_>, kind: &str, mut params: Value) -> LibraryResult<String> {
        let source = folder_path(body.required("sourceFolderPath", "MISSING_PARAMETER")?)?;
        let dest_parent = folder_path(body.required("destinationPath", "MISSING_PARAMETER")?)?;
        if source.is_empty() {
            return Err(LibraryError::bad(
                "SOURCE_IS_ROOT",
                "The root folder cannot be copied or moved.",
            ));
        }
        self.existing_folder(&source, "NO_FILES_FOLDER").await?;
        let name = source.rsplit('/').next().unwrap_or_default();
        let dest = format!("{dest_parent}/{name}");
        if dest_parent == source || dest == source {
            return Err(LibraryError::bad(
                "SAME_SOURCE_AND_DESTINATION",
                "Source and destination are the same.",
            ));
        }
        if dest_parent.starts_with(&format!("{source}/")) {
            return Err(LibraryError::bad(
                "INVALID_DESTINATION_PATH",
                "Destination path is invalid. A parent folder cannot be moved into child folder.",
            ));
        }
        if self.meta.count_in_folder(&source).await? > MAX_OBJECTS {
            return Err(LibraryError::bad(
                "TOO_MANY_OBJECTS",
                "The folder holds more than 100000 objects.",
            ));
        }
        if let Some(map) = params.as_object_mut() {
            map.insert("source".into(), json!(source));
            map.insert("dest".into(), json!(dest));
        }
        self.enqueue(kind, params, None).await
    }

    async fn existing_folder(&self, folder: &str, reason: &'static str) -> LibraryResult<FolderRecord> {
        self.meta
            .folder(folder)
            .await?
            .ok_or_else(|| LibraryError::not_found_reason(reason, "No folder found at the requested path."))
    }

    async fn enqueue(
        &self,
        kind: &str,
        params: Value,
        purge_request_id: Option<String>,
    ) -> LibraryResult<String> {
        let now = now_ms();
        let job = JobRecord {
            job_id: new_id(),
            job_type: kind.to_owned(),
            status: JobStatus::Pending,
            params,
            purge_request_id,
            error: None,
            created_at: now,
            updated_at: now,
        };
        self.meta.insert_job(&job).await?;
        self.jobs_wakeup.notify_one();
        Ok(job.job_id)
    }

    /// Runs pending jobs in the background, now and whenever one is enqueued; call once.
    pub fn start_job_runner(&self) {
        let library = self.clone();
        tokio::spawn(async move {
            loop {
                match library.meta.pending_jobs().await {
                    Ok(jobs) => {
                        for job in jobs {
                            library.run_job(&job).await;
                        }
                    }
                    Err(e) => tracing::error!(error = %e, "could not read pending jobs"),
                }
                let _ =
                    tokio::time::timeout(std::time::Duration::from_secs(5), library.jobs_wakeup.notified())
                        .await;
            }
        });
    }

    async fn run_job(&self, job: &JobRecord) {
        let param = |k: &str| {
            job.params
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let (source, dest) = (param("source"), param("dest"));
        let transfer = match job.job_type.as_str() {
            "COPY_FOLDER" => Transfer::Copy {
                include_versions: job
                    .params
                    .get("includeVersions")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            },
            _ => Transfer::Move,
        };
        let result = self
            .meta
            .transfer_folder(&source, &dest, transfer, &new_id, &job.job_id, now_ms())
            .await;
        if let Err(e) = result {
            tracing::error!(job_id = job.job_id, error = %e, "bulk job failed");
            if let Err(e) = self
                .meta
                .finish_job(&job.job_id, Some(&e.to_string()), now_ms())
                .await
            {
                tracing::error!(job_id = job.job_id, error = %e, "could not record a failed job");
            }
        }
    }
}

fn folder_missing() -> LibraryError {
    LibraryError::not_found_reason("FOLDER_NOT_FOUND", "No folder found at the requested path.")
}

/// `/a/b/`, `a/b` → `/a/b`; the root is `""`.
fn folder_path(raw: &str) -> LibraryResult<String> {
    crate::transfer::reject_dot_segments(raw)?;
    let folder = sanitize_folder(raw)
        .map_err(|_| LibraryError::bad("INVALID_FOLDER_PATH", "The folder path is invalid."))?;
    Ok(folder.trim_end_matches('/').to_owned())
}
