//! Upload: validates the form fields, resolves and probes the bytes, stores the bytes
//! durably and only then records the row, so no row ever points at missing bytes.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::Value;
use store::{FileRecord, NewVersion, OverwritePolicy, PutOutcome, StoreError, VersionRecord};

use crate::names::{parse_custom_coordinates, parse_tags, sanitize_file_name, sanitize_folder, unique_name};
use crate::{Library, LibraryError, LibraryResult, metadata, new_id, now_ms, probe, source};

const MAX_VERSIONS: i64 = 100;

/// The `file` field as it arrived.
#[derive(Debug, Clone)]
pub enum FileField {
    Binary(Bytes),
    /// A URL, data URI or base64 string.
    Text(String),
}

/// A parsed multipart upload: the file and every other field as text.
#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    pub file: Option<FileField>,
    pub fields: HashMap<String, String>,
}

/// What the upload answer is built from.
#[derive(Debug, Clone)]
pub struct UploadResult {
    pub record: FileRecord,
    pub response_fields: Vec<String>,
    /// The Metadata object, when `responseFields` asked for it.
    pub metadata: Option<Value>,
}

/// Upload fields Halftone does not offer yet: refused by name rather than ignored.
const UNSUPPORTED: [&str; 4] = ["transformation", "checks", "extensions", "webhookUrl"];

const RESPONSE_FIELDS: [&str; 8] = [
    "tags",
    "customCoordinates",
    "isPrivateFile",
    "embeddedMetadata",
    "isPublished",
    "customMetadata",
    "metadata",
    "selectedFieldsSchema",
];

struct Fields<'a>(&'a HashMap<String, String>);

impl Fields<'_> {
    fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    fn flag(&self, name: &str, default: bool) -> LibraryResult<bool> {
        match self.text(name).map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(_) => Err(LibraryError::InvalidParameter(format!(
                "Your request contains invalid {name} parameter. It must be true or false."
            ))),
        }
    }
}

impl Library {
    pub async fn upload(&self, form: UploadForm) -> LibraryResult<UploadResult> {
        let fields = Fields(&form.fields);
        for name in UNSUPPORTED {
            let value = fields.text(name).map(str::trim).unwrap_or_default();
            if !value.is_empty() && value != "[]" && value != "{}" {
                return Err(LibraryError::UnsupportedParameter(name));
            }
        }
        let file = form.file.ok_or_else(|| {
            LibraryError::InvalidParameter("Your request is missing file parameter.".into())
        })?;
        let raw_name = fields
            .text("fileName")
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| {
                LibraryError::InvalidParameter("Your request is missing fileName parameter.".into())
            })?;
        let name = sanitize_file_name(raw_name)?;
        let folder = sanitize_folder(fields.text("folder").unwrap_or("/"))?;
        let unique = fields.flag("useUniqueFileName", true)?;
        let tags = parse_tags(fields.text("tags").unwrap_or_default())?;
        let coordinates = parse_custom_coordinates(fields.text("customCoordinates").unwrap_or_default())?;
        let response_fields = parse_response_fields(fields.text("responseFields").unwrap_or_default())?;
        let policy = OverwritePolicy {
            allow: fields.flag("overwriteFile", true)?,
            keep_tags: !fields.flag("overwriteTags", true)?,
            keep_ai_tags: !fields.flag("overwriteAITags", true)?,
            keep_custom_metadata: !fields.flag("overwriteCustomMetadata", true)?,
            max_versions: MAX_VERSIONS,
        };
        let is_private = fields.flag("isPrivateFile", false)?;
        let is_published = fields.flag("isPublished", true)?;
        let description = fields
            .text("description")
            .map(str::to_owned)
            .filter(|d| !d.is_empty());
        let custom_metadata = self.upload_custom_metadata(fields.text("customMetadata")).await?;

        let bytes = source::resolve(file, &self.settings).await?;
        let probe = probe::probe(&bytes, &name);
        let is_image = probe.file_type == "image";
        let embedded_metadata = if is_image {
            metadata::embedded(bytes.clone()).await
        } else {
            None
        };
        let metadata = if is_image && response_fields.iter().any(|f| f == "metadata") {
            metadata::full(bytes.clone()).await
        } else {
            None
        };
        let id = new_id();
        let blob_key = format!("originals/{id}");
        self.blobs.put(&blob_key, bytes.clone()).await?;

        let now = now_ms();
        let version = VersionRecord {
            version_id: id.clone(),
            version_number: 1,
            blob_key: blob_key.clone(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            mime: probe.mime,
            file_type: probe.file_type.into(),
            width: probe.width,
            height: probe.height,
            has_alpha: probe.has_alpha,
            is_private,
            is_published,
            tags,
            ai_tags: None,
            custom_coordinates: coordinates,
            custom_metadata: Value::Object(custom_metadata),
            description,
            embedded_metadata,
            working: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        let result = self
            .record_upload(&id, &name, &folder, unique, version, policy)
            .await;
        match result {
            Ok(outcome) => {
                self.start_working_copy(outcome.record(), bytes);
                Ok(UploadResult {
                    record: outcome.record().clone(),
                    response_fields,
                    metadata,
                })
            }
            Err(e) => {
                // The row was never written, so these bytes are unreferenced.
                if let Err(cleanup) = self.blobs.delete(&blob_key).await {
                    tracing::warn!(error = %cleanup, blob_key, "could not remove bytes of a failed upload");
                }
                Err(e)
            }
        }
    }

    /// The upload's `customMetadata` (a JSON object string), validated, with defaults of
    /// required fields filled in.
    async fn upload_custom_metadata(
        &self,
        raw: Option<&str>,
    ) -> LibraryResult<serde_json::Map<String, Value>> {
        let given = match raw.map(str::trim).filter(|t| !t.is_empty()) {
            None => serde_json::Map::new(),
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => map,
                _ => {
                    return Err(LibraryError::invalid(
                        "Your request contains invalid customMetadata parameter. It must be a JSON object.",
                    ));
                }
            },
        };
        self.checked_custom_metadata(&given, true).await
    }

    async fn record_upload(
        &self,
        id: &str,
        name: &str,
        folder: &str,
        unique: bool,
        version: VersionRecord,
        policy: OverwritePolicy,
    ) -> LibraryResult<PutOutcome> {
        // A unique name can collide only by chance: retry with a fresh suffix a few times.
        let attempts = if unique { 3 } else { 1 };
        let mut last = LibraryError::FileAlreadyExists;
        for _ in 0..attempts {
            let final_name = if unique {
                unique_name(name)
            } else {
                name.to_owned()
            };
            let new = NewVersion {
                id: id.to_owned(),
                file_path: format!("{folder}{final_name}"),
                name: final_name,
                folder_path: folder.to_owned(),
                version: version.clone(),
            };
            let policy = if unique {
                OverwritePolicy {
                    allow: false,
                    ..policy
                }
            } else {
                policy
            };
            match self.meta.put_version(new, policy).await {
                Ok(outcome) => return Ok(outcome),
                Err(StoreError::AlreadyExists(_)) if unique => last = LibraryError::FileAlreadyExists,
                Err(e) => return Err(e.into()),
            }
        }
        Err(last)
    }
}

fn parse_response_fields(raw: &str) -> LibraryResult<Vec<String>> {
    let mut fields = Vec::new();
    for field in raw.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        if !RESPONSE_FIELDS.contains(&field) {
            return Err(LibraryError::InvalidParameter(format!(
                "Your request contains invalid responseFields parameter. Unknown field '{field}'."
            )));
        }
        fields.push(field.to_owned());
    }
    Ok(fields)
}
