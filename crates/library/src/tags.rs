//! Tags in bulk: add, remove, remove AI tags on up to 50 files, all-or-nothing on unknown ids.

use serde_json::Value;

use crate::body::Body;
use crate::details::remove_ai_tag_names;
use crate::names::parse_tags;
use crate::{Library, LibraryError, LibraryResult, is_valid_id};

const MAX_FILES: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagOp {
    Add,
    Remove,
    RemoveAi,
}

impl Library {
    /// Returns the ids that were updated.
    pub async fn bulk_tags(&self, op: TagOp, body: &Value) -> LibraryResult<Vec<String>> {
        let body = Body::of(body)?;
        let ids = body.string_list("fileIds", "fileIds is empty.")?;
        if ids.len() > MAX_FILES {
            return Err(LibraryError::invalid(
                "A maximum of 50 files can be edited at a time.",
            ));
        }
        let (field, empty) = match op {
            TagOp::RemoveAi => ("AITags", "AITags array cannot be empty."),
            _ => ("tags", "tags array cannot be empty."),
        };
        let tags = body.string_list(field, empty)?;
        let tags: Vec<String> = tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if op == TagOp::Add {
            parse_tags(&tags.join(","))?;
        }
        let mut missing = Vec::new();
        for id in &ids {
            if !is_valid_id(id) || self.meta.file_by_id(id).await?.is_none() {
                missing.push(id.clone());
            }
        }
        if !missing.is_empty() {
            return Err(LibraryError::FilesNotFound(missing));
        }
        for id in &ids {
            self.modify_current(id, |v| match op {
                TagOp::Add => {
                    let mut current = v.tags.clone().unwrap_or_default();
                    for tag in &tags {
                        if !current.contains(tag) {
                            current.push(tag.clone());
                        }
                    }
                    v.tags = (!current.is_empty()).then_some(current);
                }
                TagOp::Remove => {
                    let kept: Vec<String> = v
                        .tags
                        .clone()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|t| !tags.contains(t))
                        .collect();
                    v.tags = (!kept.is_empty()).then_some(kept);
                }
                TagOp::RemoveAi => v.ai_tags = remove_ai_tag_names(v.ai_tags.take(), &tags),
            })
            .await?;
        }
        Ok(ids)
    }
}
