//! Rows as the domain sees them. Times are Unix milliseconds; JSON-shaped fields are kept
//! as `serde_json::Value` so both SQL backends can store them as TEXT.

use serde_json::Value;

/// A file and its current version.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecord {
    pub file_id: String,
    pub file_path: String,
    pub name: String,
    pub folder_path: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// The file's current version id; `version` may be another one (version listings).
    pub current_version_id: String,
    pub version: VersionRecord,
}

impl FileRecord {
    pub fn is_current(&self) -> bool {
        self.version.version_id == self.current_version_id
    }
}

/// One stored version of a file: its bytes' key, what the probe found, and its details.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecord {
    pub version_id: String,
    pub version_number: i64,
    pub blob_key: String,
    pub size: i64,
    pub mime: String,
    pub file_type: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub has_alpha: bool,
    pub is_private: bool,
    pub is_published: bool,
    pub tags: Option<Vec<String>>,
    pub ai_tags: Option<Value>,
    pub custom_coordinates: Option<String>,
    pub custom_metadata: Value,
    pub description: Option<String>,
    /// Flattened EXIF and similar, as extracted at upload.
    pub embedded_metadata: Option<Value>,
    /// Smaller copies of a large image, for renders of small outputs; smallest first, at
    /// most two (the store keeps a large and a small one).
    pub working: Vec<WorkingCopy>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What an upload asks the store to record. `id` becomes the version id, and the file id
/// too when the path is new (version 1's id equals the file id, as on ImageKit).
#[derive(Debug, Clone)]
pub struct NewVersion {
    pub id: String,
    pub file_path: String,
    pub name: String,
    pub folder_path: String,
    pub version: VersionRecord,
}

/// How an upload treats an existing file at the same path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverwritePolicy {
    pub allow: bool,
    /// Keep the previous version's tags when the upload sent none.
    pub keep_tags: bool,
    pub keep_ai_tags: bool,
    pub keep_custom_metadata: bool,
    pub max_versions: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PutOutcome {
    Created(FileRecord),
    NewVersion(FileRecord),
}

impl PutOutcome {
    pub fn record(&self) -> &FileRecord {
        match self {
            PutOutcome::Created(r) | PutOutcome::NewVersion(r) => r,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurgeStatus {
    Pending,
    Completed,
}

impl PurgeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PurgeStatus::Pending => "Pending",
            PurgeStatus::Completed => "Completed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PurgeRequest {
    pub request_id: String,
    pub pattern: String,
    pub status: PurgeStatus,
    pub created_at: i64,
}

/// One entry of the purge log that every instance follows.
#[derive(Debug, Clone, PartialEq)]
pub struct PurgeLogEntry {
    pub seq: i64,
    pub pattern: crate::PurgePattern,
    /// When it was appended (Unix ms), for the purge-lag figure.
    pub created_at: i64,
}

/// An instance following the purge log: how far it has applied it, and when it last said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceRecord {
    pub instance_id: String,
    pub applied_seq: i64,
    pub heartbeat_at: i64,
}

/// A folder row; `folder_path` has no trailing slash (`/a/b`).
#[derive(Debug, Clone, PartialEq)]
pub struct FolderRecord {
    pub folder_id: String,
    pub folder_path: String,
    pub name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A custom metadata field definition; `schema` is the spec's schema object.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRecord {
    pub id: String,
    pub name: String,
    pub label: String,
    pub description: Option<String>,
    pub schema: Value,
    pub deleted: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Completed,
}

/// A persisted background job (folder copy, move, rename).
#[derive(Debug, Clone, PartialEq)]
pub struct JobRecord {
    pub job_id: String,
    pub job_type: String,
    pub status: JobStatus,
    pub params: Value,
    pub purge_request_id: Option<String>,
    pub error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Stored account configuration (URL endpoints, named transformations, saved extensions).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigRecord {
    pub kind: String,
    pub id: String,
    pub body: Value,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A row of the delivery cache's disk-tier index.
#[derive(Debug, Clone, PartialEq)]
pub struct CacheEntry {
    pub url: String,
    pub blob_key: String,
    pub bytes: i64,
    pub content_type: String,
    pub etag: String,
    pub last_modified: i64,
    pub private: bool,
    pub file_path: String,
}

/// Where a version's working copy is and how large it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCopy {
    pub blob_key: String,
    pub width: u32,
    pub height: u32,
}
