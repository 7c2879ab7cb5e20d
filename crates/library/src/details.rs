//! Update of file details (`PATCH /v1/files/:fileId/details`): tags, custom coordinates,
//! custom metadata (merged; `null` unsets a key), description, AI tag removal, and
//! publication. Only the current version changes, unless publication asks for all.

use serde_json::{Map, Value};
use store::{FileRecord, VersionRecord};

use crate::body::Body;
use crate::names::parse_custom_coordinates;
use crate::{Library, LibraryError, LibraryResult, is_valid_id, now_ms};

const FIELDS: [&str; 8] = [
    "tags",
    "customCoordinates",
    "customMetadata",
    "description",
    "removeAITags",
    "extensions",
    "webhookUrl",
    "publish",
];
/// Attempts of the optimistic read-modify-write before giving up.
const ATTEMPTS: usize = 5;

impl Library {
    pub async fn update_details(&self, file_id: &str, body: &Value) -> LibraryResult<FileRecord> {
        if !is_valid_id(file_id) {
            return Err(LibraryError::InvalidFileId);
        }
        let body = Body::of(body)?;
        body.only(&FIELDS)?;
        for name in ["extensions", "webhookUrl"] {
            if body
                .get(name)
                .is_some_and(|v| v.as_array().is_none_or(|a| !a.is_empty()))
            {
                return Err(LibraryError::UnsupportedParameter(if name == "extensions" {
                    "extensions"
                } else {
                    "webhookUrl"
                }));
            }
        }
        let custom_metadata = match body.get("customMetadata") {
            None => None,
            Some(Value::Object(map)) => Some(self.checked_custom_metadata(map, false).await?),
            Some(_) => return Err(LibraryError::invalid("customMetadata should be an object.")),
        };
        if let Some(publish) = body.get("publish") {
            return self.publish(file_id, publish).await;
        }
        let changes = Changes::parse(&body, custom_metadata)?;
        self.modify_current(file_id, |v| changes.apply(v)).await
    }

    /// Applies `change` to the current version, retrying when a concurrent writer won.
    pub(crate) async fn modify_current(
        &self,
        file_id: &str,
        change: impl Fn(&mut VersionRecord),
    ) -> LibraryResult<FileRecord> {
        for _ in 0..ATTEMPTS {
            let record = self
                .meta
                .file_by_id(file_id)
                .await?
                .ok_or(LibraryError::FileNotFound)?;
            let expected = record.version.updated_at;
            let mut version = record.version.clone();
            change(&mut version);
            version.updated_at = now_ms().max(expected + 1);
            if self.meta.save_details(file_id, &version, expected).await? {
                return self
                    .meta
                    .file_by_id(file_id)
                    .await?
                    .ok_or(LibraryError::FileNotFound);
            }
        }
        Err(LibraryError::invalid(
            "You have sent too many requests to update the file recently. Please try again later.",
        ))
    }

    async fn publish(&self, file_id: &str, publish: &Value) -> LibraryResult<FileRecord> {
        let publish = Body::of(publish)?;
        let is_published = match publish.get("isPublished") {
            Some(Value::Bool(b)) => *b,
            _ => {
                return Err(LibraryError::invalid(
                    "publish.isPublished is required and should be a boolean.",
                ));
            }
        };
        let all_versions = publish.bool("includeFileVersions", false)?;
        let record = self
            .modify_current(file_id, |v| v.is_published = is_published)
            .await?;
        if all_versions {
            for version in self
                .meta
                .versions(file_id)
                .await?
                .into_iter()
                .filter(|r| !r.is_current())
            {
                let mut v = version.version.clone();
                let expected = v.updated_at;
                v.is_published = is_published;
                v.updated_at = now_ms().max(expected + 1);
                self.meta.save_details(file_id, &v, expected).await?;
            }
        }
        Ok(record)
    }
}

/// The parsed changes of a details update; `Some(None)` clears a value.
struct Changes {
    tags: Option<Option<Vec<String>>>,
    coordinates: Option<Option<String>>,
    custom_metadata: Option<Map<String, Value>>,
    description: Option<Option<String>>,
    remove_ai_tags: Option<RemoveAiTags>,
}

enum RemoveAiTags {
    All,
    Names(Vec<String>),
}

impl Changes {
    fn parse(body: &Body, custom_metadata: Option<Map<String, Value>>) -> LibraryResult<Self> {
        let tags = if body.has("tags") {
            Some(match body.get("tags") {
                None => None,
                Some(Value::Array(items)) => {
                    let tags = items
                        .iter()
                        .map(|t| t.as_str().map(|s| s.trim().to_owned()))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| LibraryError::invalid("tags should be an array of strings."))?;
                    let joined = tags.join(",");
                    crate::names::parse_tags(&joined)?;
                    (!tags.is_empty()).then_some(tags)
                }
                Some(_) => {
                    return Err(LibraryError::invalid(
                        "tags should be an array of strings or null.",
                    ));
                }
            })
        } else {
            None
        };
        let coordinates = if body.has("customCoordinates") {
            Some(match body.string("customCoordinates")? {
                None => None,
                Some(text) => parse_custom_coordinates(text)?,
            })
        } else {
            None
        };
        let description = if body.has("description") {
            Some(
                body.string("description")?
                    .map(str::to_owned)
                    .filter(|d| !d.is_empty()),
            )
        } else {
            None
        };
        let remove_ai_tags = match body.get("removeAITags") {
            None => None,
            Some(Value::String(s)) if s == "all" => Some(RemoveAiTags::All),
            Some(Value::Array(items)) => Some(RemoveAiTags::Names(
                items
                    .iter()
                    .map(|t| t.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        LibraryError::invalid("removeAITags should be \"all\" or an array of strings.")
                    })?,
            )),
            Some(_) => {
                return Err(LibraryError::invalid(
                    "removeAITags should be \"all\" or an array of strings.",
                ));
            }
        };
        Ok(Changes {
            tags,
            coordinates,
            custom_metadata,
            description,
            remove_ai_tags,
        })
    }

    fn apply(&self, v: &mut VersionRecord) {
        if let Some(remove) = &self.remove_ai_tags {
            v.ai_tags = match remove {
                RemoveAiTags::All => None,
                RemoveAiTags::Names(names) => remove_ai_tag_names(v.ai_tags.take(), names),
            };
        }
        if let Some(tags) = &self.tags {
            v.tags = tags.clone();
        }
        if let Some(coordinates) = &self.coordinates {
            v.custom_coordinates = coordinates.clone();
        }
        if let Some(description) = &self.description {
            v.description = description.clone();
        }
        if let Some(changes) = &self.custom_metadata {
            let mut merged = v.custom_metadata.as_object().cloned().unwrap_or_default();
            for (key, value) in changes {
                if value.is_null() {
                    merged.remove(key);
                } else {
                    merged.insert(key.clone(), value.clone());
                }
            }
            v.custom_metadata = Value::Object(merged);
        }
    }
}

/// AI tags without the named ones; `None` when none are left.
pub(crate) fn remove_ai_tag_names(ai_tags: Option<Value>, names: &[String]) -> Option<Value> {
    let kept: Vec<Value> = ai_tags?
        .as_array()?
        .iter()
        .filter(|t| {
            !t.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| names.iter().any(|x| x == n))
        })
        .cloned()
        .collect();
    (!kept.is_empty()).then_some(Value::Array(kept))
}
