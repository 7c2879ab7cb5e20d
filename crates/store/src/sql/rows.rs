//! Mapping between SQL rows and records, shared by the queries of this backend.

use serde_json::Value;
use sqlx::Row;

use super::dialect::{Args, Db, DbRow};

use crate::{FileRecord, StoreError, StoreResult, VersionRecord};

/// A SELECT of files joined with versions, as `file_from_row` reads it, followed by the
/// given clause (a literal, so the SQL stays static). `current:` joins each file's current
/// version; `any:` joins every version.
macro_rules! select_file {
    (@cols) => {
        "SELECT f.file_id, f.file_path, f.name, f.folder_path, f.current_version_id, \
         f.created_at AS file_created_at, f.updated_at AS file_updated_at, v.version_id, \
         v.version_number, v.blob_key, v.size, v.mime, v.file_type, v.width, v.height, v.has_alpha, \
         v.is_private, v.is_published, v.tags, v.ai_tags, v.custom_coordinates, v.custom_metadata, \
         v.description, v.embedded_metadata, v.created_at, v.updated_at, v.working_key, \
         v.working_width, v.working_height, v.small_key, v.small_width, v.small_height FROM files f "
    };
    (current: $rest:literal) => {
        concat!(select_file!(@cols), "JOIN file_versions v ON v.version_id = f.current_version_id ", $rest)
    };
    (any: $rest:literal) => {
        concat!(select_file!(@cols), "JOIN file_versions v ON v.file_id = f.file_id ", $rest)
    };
}
pub(crate) use select_file;

pub fn file_from_row(row: &DbRow) -> StoreResult<FileRecord> {
    Ok(FileRecord {
        file_id: row.try_get("file_id")?,
        file_path: row.try_get("file_path")?,
        name: row.try_get("name")?,
        folder_path: row.try_get("folder_path")?,
        created_at: row.try_get("file_created_at")?,
        updated_at: row.try_get("file_updated_at")?,
        current_version_id: row.try_get("current_version_id")?,
        version: version_from_row(row)?,
    })
}

pub fn version_from_row(row: &DbRow) -> StoreResult<VersionRecord> {
    let tags: Option<String> = row.try_get("tags")?;
    let ai_tags: Option<String> = row.try_get("ai_tags")?;
    let custom_metadata: String = row.try_get("custom_metadata")?;
    let embedded: Option<String> = row.try_get("embedded_metadata")?;
    Ok(VersionRecord {
        version_id: row.try_get("version_id")?,
        version_number: row.try_get("version_number")?,
        blob_key: row.try_get("blob_key")?,
        size: row.try_get("size")?,
        mime: row.try_get("mime")?,
        file_type: row.try_get("file_type")?,
        width: row.try_get("width")?,
        height: row.try_get("height")?,
        has_alpha: row.try_get("has_alpha")?,
        is_private: row.try_get("is_private")?,
        is_published: row.try_get("is_published")?,
        tags: tags.map(|t| parse_json(&t)).transpose()?,
        ai_tags: ai_tags.map(|t| parse_json(&t)).transpose()?,
        custom_coordinates: row.try_get("custom_coordinates")?,
        custom_metadata: parse_json(&custom_metadata)?,
        description: row.try_get("description")?,
        embedded_metadata: embedded.map(|t| parse_json(&t)).transpose()?,
        working: working_from_row(row)?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{e}: {text}")))
}

pub fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| Value::Null.to_string())
}

fn working_from_row(row: &DbRow) -> StoreResult<Vec<crate::WorkingCopy>> {
    let mut copies = Vec::new();
    for (key, width, height) in [
        ("small_key", "small_width", "small_height"),
        ("working_key", "working_width", "working_height"),
    ] {
        let key: Option<String> = row.try_get(key)?;
        let width: Option<i64> = row.try_get(width)?;
        let height: Option<i64> = row.try_get(height)?;
        if let (Some(blob_key), Some(w), Some(h)) = (key, width, height) {
            copies.push(crate::WorkingCopy {
                blob_key,
                width: u32::try_from(w).unwrap_or(0),
                height: u32::try_from(h).unwrap_or(0),
            });
        }
    }
    Ok(copies)
}

/// Binds the working copies as the next six parameters, in column order `working_key,
/// working_width, working_height, small_key, small_width, small_height`. One copy is the large
/// one; with two, the first is the small one.
pub(super) fn bind_working_copies<'q>(
    query: sqlx::query::Query<'q, Db, Args>,
    copies: &[crate::WorkingCopy],
) -> sqlx::query::Query<'q, Db, Args> {
    let (small, large) = match copies {
        [] => (None, None),
        [only] => (None, Some(only)),
        [small, .., large] => (Some(small), Some(large)),
    };
    query
        .bind(large.map(|w| w.blob_key.clone()))
        .bind(large.map(|w| i64::from(w.width)))
        .bind(large.map(|w| i64::from(w.height)))
        .bind(small.map(|w| w.blob_key.clone()))
        .bind(small.map(|w| i64::from(w.width)))
        .bind(small.map(|w| i64::from(w.height)))
}
