//! The JSON shapes clients read: the File object and the upload result. Field names,
//! nulls and number types follow the spec exactly (strict clients such as .NET's bind
//! integers and non-null booleans).

use chrono::{DateTime, SecondsFormat};
use serde::Serialize;
use serde_json::{Value, json};
use store::{ConfigRecord, FieldRecord, FileRecord, FolderRecord, JobRecord, JobStatus};

#[derive(Serialize)]
pub struct VersionInfo {
    id: String,
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileView {
    file_id: String,
    r#type: &'static str,
    name: String,
    file_path: String,
    url: String,
    thumbnail: String,
    file_type: String,
    mime: String,
    size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<i64>,
    has_alpha: bool,
    tags: Option<Vec<String>>,
    #[serde(rename = "AITags")]
    ai_tags: Option<Value>,
    version_info: VersionInfo,
    is_private_file: bool,
    is_published: bool,
    custom_coordinates: Option<String>,
    custom_metadata: Value,
    embedded_metadata: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    created_at: String,
    updated_at: String,
}

/// URL builders for one URL endpoint (no trailing slash).
pub struct Urls<'a>(pub &'a str);

impl Urls<'_> {
    pub fn file(&self, file_path: &str) -> String {
        format!("{}{file_path}", self.0)
    }

    pub fn thumbnail(&self, file_path: &str) -> String {
        format!("{}/tr:n-ik_ml_thumbnail{file_path}", self.0)
    }
}

pub fn iso(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn version_info(record: &FileRecord) -> VersionInfo {
    VersionInfo {
        id: record.version.version_id.clone(),
        name: format!("Version {}", record.version.version_number),
    }
}

pub fn file_view(record: &FileRecord, urls: &Urls) -> FileView {
    record_view(record, urls, "file", "")
}

/// A version in a version listing: `file-version`, and old versions' URLs carry
/// `?ik-obj-version=<versionId>`, which delivery resolves to that version's bytes.
pub fn version_view(record: &FileRecord, urls: &Urls, listing: bool) -> FileView {
    let suffix = if record.is_current() {
        String::new()
    } else {
        format!("?ik-obj-version={}", record.version.version_id)
    };
    let kind = if listing || !record.is_current() {
        "file-version"
    } else {
        "file"
    };
    record_view(record, urls, kind, &suffix)
}

fn record_view(record: &FileRecord, urls: &Urls, kind: &'static str, suffix: &str) -> FileView {
    let v = &record.version;
    FileView {
        file_id: record.file_id.clone(),
        r#type: kind,
        name: record.name.clone(),
        file_path: record.file_path.clone(),
        url: format!("{}{suffix}", urls.file(&record.file_path)),
        thumbnail: format!("{}{suffix}", urls.thumbnail(&record.file_path)),
        file_type: v.file_type.clone(),
        mime: v.mime.clone(),
        size: v.size,
        height: v.height,
        width: v.width,
        has_alpha: v.has_alpha,
        tags: v.tags.clone(),
        ai_tags: v.ai_tags.clone(),
        version_info: version_info(record),
        is_private_file: v.is_private,
        is_published: v.is_published,
        custom_coordinates: v.custom_coordinates.clone(),
        custom_metadata: v.custom_metadata.clone(),
        embedded_metadata: v.embedded_metadata.clone().unwrap_or_else(|| json!({})),
        description: v.description.clone(),
        created_at: iso(record.created_at),
        updated_at: iso(v.updated_at),
    }
}

/// The upload answer: the always-present fields, `AITags`, and what `responseFields` asked for.
pub fn upload_view(
    record: &FileRecord,
    response_fields: &[String],
    metadata: Option<&Value>,
    urls: &Urls,
) -> Value {
    let v = &record.version;
    let mut out = json!({
        "fileId": record.file_id,
        "name": record.name,
        "size": v.size,
        "versionInfo": version_info(record),
        "filePath": record.file_path,
        "url": urls.file(&record.file_path),
        "fileType": v.file_type,
        "thumbnailUrl": urls.thumbnail(&record.file_path),
        "AITags": v.ai_tags,
    });
    let Some(map) = out.as_object_mut() else {
        return out;
    };
    if let (Some(w), Some(h)) = (v.width, v.height) {
        map.insert("width".into(), json!(w));
        map.insert("height".into(), json!(h));
    }
    for field in response_fields {
        let value = match field.as_str() {
            "tags" => json!(v.tags),
            "customCoordinates" => json!(v.custom_coordinates),
            "isPrivateFile" => json!(v.is_private),
            "isPublished" => json!(v.is_published),
            "customMetadata" => v.custom_metadata.clone(),
            "embeddedMetadata" => v.embedded_metadata.clone().unwrap_or_else(|| json!({})),
            "selectedFieldsSchema" => json!({}),
            "metadata" => metadata.cloned().unwrap_or_else(|| {
                json!({
                    "size": v.size,
                    "format": v.mime.rsplit('/').next().map(|f| if f == "jpeg" { "jpg" } else { f }),
                })
            }),
            _ => continue,
        };
        map.insert(field.clone(), value);
    }
    out
}

pub fn folder_view(folder: &FolderRecord) -> Value {
    json!({
        "type": "folder",
        "folderId": folder.folder_id,
        "name": folder.name,
        "folderPath": folder.folder_path,
        "customMetadata": {},
        "createdAt": iso(folder.created_at),
        "updatedAt": iso(folder.updated_at),
    })
}

pub fn field_view(field: &FieldRecord) -> Value {
    let mut out = json!({"id": field.id, "name": field.name, "label": field.label, "schema": field.schema});
    if let (Some(map), Some(description)) = (out.as_object_mut(), &field.description) {
        map.insert("description".into(), json!(description));
    }
    out
}

pub fn job_view(job: &JobRecord) -> Value {
    let mut out = json!({
        "jobId": job.job_id,
        "type": job.job_type,
        "status": match job.status { JobStatus::Pending => "Pending", JobStatus::Completed => "Completed" },
    });
    if let (Some(map), Some(purge)) = (out.as_object_mut(), &job.purge_request_id) {
        map.insert("purgeRequestId".into(), json!(purge));
    }
    out
}

pub fn config_view(record: &ConfigRecord) -> Value {
    let mut out = record.body.as_object().cloned().unwrap_or_default();
    out.insert("id".into(), json!(record.id));
    out.insert("createdAt".into(), json!(iso(record.created_at)));
    out.insert("updatedAt".into(), json!(iso(record.updated_at)));
    Value::Object(out)
}
