//! Keeps the search side tables (`version_tags`, `custom_values`) in step with a version's
//! tags, AI tags and custom metadata. Called inside the transaction that writes the version.

use serde_json::Value;
use sqlx::Transaction;

use super::dialect::Db;

use crate::{StoreResult, VersionRecord};

/// Replaces the side-table rows of an existing version.
pub async fn reindex(tx: &mut Transaction<'_, Db>, v: &VersionRecord) -> StoreResult<()> {
    sqlx::query("DELETE FROM version_tags WHERE version_id = $1")
        .bind(&v.version_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM custom_values WHERE version_id = $1")
        .bind(&v.version_id)
        .execute(&mut **tx)
        .await?;
    index_new(tx, v).await
}

/// Writes the side-table rows of a version that has none yet.
pub async fn index_new(tx: &mut Transaction<'_, Db>, v: &VersionRecord) -> StoreResult<()> {
    for tag in v.tags.iter().flatten() {
        insert_tag(tx, &v.version_id, tag, false).await?;
    }
    let ai_names = v.ai_tags.as_ref().and_then(Value::as_array).into_iter().flatten();
    for name in ai_names.filter_map(|t| t.get("name").and_then(Value::as_str)) {
        insert_tag(tx, &v.version_id, name, true).await?;
    }
    for (field, value) in v.custom_metadata.as_object().into_iter().flatten() {
        match value {
            Value::Array(items) => {
                for item in items {
                    insert_value(tx, &v.version_id, field, item).await?;
                }
            }
            other => insert_value(tx, &v.version_id, field, other).await?,
        }
    }
    Ok(())
}

async fn insert_tag(
    tx: &mut Transaction<'_, Db>,
    version_id: &str,
    tag: &str,
    is_ai: bool,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO version_tags (version_id, tag, is_ai) VALUES ($1, $2, $3)")
        .bind(version_id)
        .bind(tag)
        .bind(is_ai)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Booleans are stored as 0/1, as searches compare them.
async fn insert_value(
    tx: &mut Transaction<'_, Db>,
    version_id: &str,
    field: &str,
    value: &Value,
) -> StoreResult<()> {
    let stored = match value {
        Value::String(_) | Value::Number(_) => value.clone(),
        Value::Bool(b) => Value::from(i64::from(*b)),
        _ => return Ok(()),
    };
    let query = sqlx::query(super::dialect::INSERT_CUSTOM_VALUE)
        .bind(version_id)
        .bind(field);
    super::dialect::bind_custom_value(query, &stored)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
